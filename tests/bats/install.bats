#!/usr/bin/env bats
# The build: man pages lint clean, install honours PREFIX and DESTDIR, and
# installed tools find their installed data.

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
