#!/usr/bin/env bats
# The build: man pages lint clean and agree with --help, install honours
# PREFIX and DESTDIR, and installed tools find their installed data.

load common

@test "every tool has a man page and every man page lints clean" {
	for c in "$ARTKIT_TOP"/cmd/*.c; do
		t=$(basename "$c" .c)
		[ -f "$ARTKIT_TOP/share/man/man1/$t.1" ] || fail "no man page for $t"
	done
	run mandoc -Tlint -W warning "$ARTKIT_TOP"/share/man/man1/*.1
	assert_success
	assert_output ''
}

@test "every tool's --help names every long option it accepts" {
	for c in "$ARTKIT_TOP"/cmd/*.c; do
		t=$(basename "$c" .c)
		help=$("$t" --help) || fail "$t --help failed"
		for opt in $(grep -o '{ "[a-z][a-z-]*",' "$c" | sed 's/{ "\(.*\)",/\1/'); do
			[[ "$help" == *"--$opt"* ]] || fail "$t --help does not name --$opt"
		done
	done
}

# The options --help lists, one a line: -d and --delimiter of
# "  -d, --delimiter REGEX", --columns of "      --columns MAP"; with
# "short", an option's short letter alone when it has one (what a
# synopsis shows).
help_opts() {
	grep -E '^ +-' | if [ "${1-}" = short ]; then
		sed -E 's/^ +(-[A-Za-z]), .*/\1/; s/^ +(--[a-z][a-z-]*).*/\1/'
	else
		sed -E 's/^ +(-[A-Za-z]), (--[a-z][a-z-]*).*/\1\n\2/
		    s/^ +(--[a-z][a-z-]*).*/\1/'
	fi | sort -u
}

# man_opts SECTION PAGE [it]: the options the mdoc section names with Fl
# (with "it", on its .It lines only), a bundle such as "Fl pz" letter by
# letter.
man_opts() {
	awk -v sec="$1" -v it="${3-}" '
		/^\.Sh / { in_sec = $0 == ".Sh " sec; next }
		in_sec && (it == "" || /^\.It /)' "$2" |
	    grep -oE 'Fl -?[A-Za-z][A-Za-z-]*' | sed 's/^Fl //' |
	    while read -r o; do
		case $o in
		-*)	printf -- '-%s\n' "$o" ;;
		*)	printf '%s\n' "$o" | sed 's/./-&\n/g' | grep . ;;
		esac
	    done | sort -u
}

@test "every man page's SYNOPSIS and OPTIONS name every option --help lists, and no other" {
	for c in "$ARTKIT_TOP"/cmd/*.c; do
		t=$(basename "$c" .c)
		page=$ARTKIT_TOP/share/man/man1/$t.1
		help=$("$t" --help) || fail "$t --help failed"
		all=$(printf '%s\n' "$help" | help_opts)
		short=$(printf '%s\n' "$help" | help_opts short)
		[ "$(printf '%s\n' "$all" | wc -l)" -gt 5 ] ||
		    fail "$t --help: too few options read: $all"
		items=$(man_opts OPTIONS "$page" it)
		syn=$(man_opts SYNOPSIS "$page")
		d=$(comm -23 <(printf '%s\n' "$all") <(printf '%s\n' "$items"))
		[ -z "$d" ] || fail "$t.1 OPTIONS lacks" $d
		d=$(comm -13 <(printf '%s\n' "$all") <(printf '%s\n' "$items"))
		[ -z "$d" ] || fail "$t.1 OPTIONS names what $t lacks:" $d
		d=$(comm -23 <(printf '%s\n' "$short") <(printf '%s\n' "$syn"))
		[ -z "$d" ] || fail "$t.1 SYNOPSIS lacks" $d
		d=$(comm -13 <(printf '%s\n' "$all") <(printf '%s\n' "$syn"))
		[ -z "$d" ] || fail "$t.1 SYNOPSIS names what $t lacks:" $d
	done
}

@test "make install and uninstall honour PREFIX and DESTDIR" {
	cd "$ARTKIT_TOP"
	run env -u MAKEFLAGS -u MFLAGS make -s install O="$T/build" PREFIX=/opt/ak DESTDIR="$T/stage"
	assert_success
	for c in cmd/*.c; do
		t=$(basename "$c" .c)
		[ -x "$T/stage/opt/ak/bin/$t" ] || fail "$t not installed"
		[ -f "$T/stage/opt/ak/share/man/man1/$t.1" ] || fail "$t.1 not installed"
	done
	[ ! -e "$T/stage/opt/ak/share/artkit/corpus" ]
	run make -s uninstall PREFIX=/opt/ak DESTDIR="$T/stage"
	assert_success
	[ -z "$(find "$T/stage" -type f)" ]
}

@test "installed tools find their installed data" {
	cd "$ARTKIT_TOP"
	env -u MAKEFLAGS -u MFLAGS make -s install O="$T/build" PREFIX="$T/p" >/dev/null
	run strings "$T/p/bin/artsplit"
	assert_output --partial "$T/p/share/artkit"
}
