#!/usr/bin/env bats
# files.bats - the files a run reads and writes (issue 18): -o, --rejects
# and artsim's --dups never name an input or each other; -o keeps the
# target's mode and writes through a symbolic link; devices and the file
# descriptors in /dev/fd are written in place; the hidden temporary file
# never outlives the tool; what a stream received before a fatal error is
# written; the rejects file is byte for byte and bounded; temporary files
# go to TMPDIR.  lib/io/output.c, lib/io/fileid.c, lib/io/run.c.

load common

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# The tools as they read records (artsplit reads JSON Lines with -f jsonl).
record_cmds() {
	echo "artsplit -f jsonl"
	echo "artclean"
	echo "artsent"
	echo "artsim --clusters"
}

# good N: N good records, one sentence each.
good() {
	"$PY" -c '
import sys
for i in range(int(sys.argv[1])):
    print("{\"id\":\"r%d\",\"text\":\"Record number %d is here.\"}" % (i, i))' "$1"
}

# no_temp DIR: fail when a hidden temporary file of -o is left in DIR.
no_temp() {
	if compgen -G "$1/.*.??????" > /dev/null; then
		fail "temporary file left: $(ls -a "$1")"
	fi
}

@test "--rejects, -o or --dups naming an input is refused before anything is written" {
	good 3 > "$T/in.jsonl"
	cp "$T/in.jsonl" "$T/keep"
	ln "$T/in.jsonl" "$T/hard.jsonl"
	ln -s in.jsonl "$T/soft.jsonl"
	mkdir "$T/d"
	while read -r c; do
		for opt in --rejects -o; do
			for name in in.jsonl hard.jsonl soft.jsonl d/../in.jsonl; do
				run --separate-stderr $c $opt "$T/$name" "$T/in.jsonl"
				assert_failure 2
				[[ "$stderr" == *"names the input $T/in.jsonl"* ]] ||
				    fail "$c $opt $name: $stderr"
				cmp "$T/in.jsonl" "$T/keep" || fail "$c $opt $name: input changed"
			done
		done
		# Standard input is an input too.
		run --separate-stderr $c --rejects "$T/soft.jsonl" < "$T/in.jsonl"
		assert_failure 2
		[[ "$stderr" == *"names the input stdin"* ]] || fail "$c: $stderr"
		cmp "$T/in.jsonl" "$T/keep" || fail "$c: stdin changed"
		# The records on standard output count too, as in cat(1).
		run --separate-stderr bash -c "$c '$T/in.jsonl' >> '$T/in.jsonl'"
		assert_failure 2
		assert_equal "$stderr" "${c%% *}: standard output is the input $T/in.jsonl"
		cmp "$T/in.jsonl" "$T/keep" || fail "$c: input grew"
	done < <(record_cmds)
	run --separate-stderr artsim --dedup --dups "$T/hard.jsonl" "$T/in.jsonl"
	assert_failure 2
	cmp "$T/in.jsonl" "$T/keep"
	# A file that does not exist yet cannot be an input.
	run -0 artclean --rejects "$T/new" -o "$T/out" "$T/in.jsonl"
	[ -e "$T/new" ] && [ -s "$T/out" ]
}

@test "--rejects, -o and --dups naming the same file are refused" {
	good 3 > "$T/in.jsonl"
	printf '{"text":5}\n' >> "$T/in.jsonl"
	while read -r c; do
		# A file that exists, and one still to be made, by two names.
		: > "$T/there"
		for pair in "there there" "there ./there" "new new" "new ../$(basename "$T")/new"; do
			set -- $pair
			rm -f "$T/new"
			run --separate-stderr $c -o "$T/$1" --rejects "$T/$2" "$T/in.jsonl"
			assert_failure 2
			[[ "$stderr" == *"-o and --rejects name the same file"* ]] ||
			    fail "$c $pair: $stderr"
			[ ! -e "$T/new" ] || fail "$c $pair: wrote $T/new"
		done
	done < <(record_cmds)
	ln -s new "$T/link"
	rm -f "$T/new"
	run --separate-stderr artclean -o "$T/link" --rejects "$T/new" "$T/in.jsonl"
	assert_failure 2
	run --separate-stderr artsim --dedup --dups "$T/o" -o "$T/o" "$T/in.jsonl"
	assert_failure 2
	[[ "$stderr" == *"-o and --dups name the same file"* ]] || fail "$stderr"
	# Records on standard output and --rejects - would mix.
	run --separate-stderr artclean --rejects - "$T/in.jsonl"
	assert_failure 2
	[[ "$stderr" == *"the records and --rejects both go to standard output"* ]] || fail "$stderr"
	# Devices are no files to lose: /dev/null twice is fine.
	run -1 artclean -o /dev/null --rejects /dev/null "$T/in.jsonl"
}

@test "--rejects - is standard output, never a file named -" {
	good 2 > "$T/in.jsonl"
	printf '{"text":5}\n' >> "$T/in.jsonl"
	cd "$T"
	while read -r c; do
		run --separate-stderr $c --rejects - -o "$T/out" "$T/in.jsonl"
		assert_failure 1
		assert_output '{"text":5}'
		[ ! -e "$T/-" ] || fail "$c wrote a file named -"
		[[ "$stderr" == *"1 bad record written to stdout"* ]] || fail "$c: $stderr"
		[ "$(wc -l < "$T/out")" -ge 2 ] || fail "$c: no output"
	done < <(record_cmds)
}

@test "-o keeps the mode of the file it replaces and writes through a symbolic link" {
	good 2 > "$T/in.jsonl"
	while read -r c; do
		rm -f "$T/private" "$T/real" "$T/link" "$T/dangling" "$T/made"
		printf 'old\n' > "$T/private"
		chmod 600 "$T/private"
		run -0 $c -o "$T/private" "$T/in.jsonl"
		assert_equal "$(stat -c %a "$T/private")" 600
		grep -q 'Record number 1' "$T/private" || fail "$c: no output"
		chmod 640 "$T/private"
		run -0 $c -z -o "$T/private" "$T/in.jsonl"
		assert_equal "$(stat -c %a "$T/private")" 640
		printf 'old\n' > "$T/real"
		ln -s real "$T/link"
		run -0 $c -o "$T/link" "$T/in.jsonl"
		[ -L "$T/link" ] || fail "$c replaced the symbolic link"
		grep -q 'Record number 1' "$T/real" || fail "$c: not written through the link"
		# A link to a file still to be made makes it.
		ln -s made "$T/dangling"
		run -0 $c -o "$T/dangling" "$T/in.jsonl"
		[ -L "$T/dangling" ] && grep -q 'Record number 1' "$T/made" ||
		    fail "$c: not written through the dangling link"
		no_temp "$T"
	done < <(record_cmds)
	# A new file gets the usual mode (0666 less the umask).
	rm -f "$T/fresh"
	(umask 027; artclean -o "$T/fresh" "$T/in.jsonl")
	assert_equal "$(stat -c %a "$T/fresh")" 640
}

@test "a message names the target, not the hidden temporary file" {
	good 1 > "$T/in.jsonl"
	while read -r c; do
		run --separate-stderr $c -o "$T/nodir/out.jsonl" "$T/in.jsonl"
		assert_failure 1
		assert_equal "$stderr" "${c%% *}: $T/nodir/out.jsonl: No such file or directory"
	done < <(record_cmds)
}

# died_of SIG STATUS: the tool was killed by SIG (status 128 + its number).
died_of() {
	[ "$2" -eq $((128 + $(kill -l "$1"))) ] || fail "status $2, not SIG$1"
}

@test "no temporary file is left when stderr is a closed pipe (SIGPIPE) or the file size limit is hit (SIGXFSZ)" {
	good 2000 > "$T/good.jsonl"
	{ cat "$T/good.jsonl"; printf '{"text":5}\n'; } > "$T/in.jsonl"
	mkdir "$T/o"
	while read -r c; do
		# The message about the bad line goes to a pipe nobody reads.
		run "$PY" -c '
import os, signal, sys
r, w = os.pipe()
os.close(r)
os.dup2(w, 2)
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' $c -o "$T/o/out.jsonl" "$T/in.jsonl"
		died_of PIPE "$status"
		no_temp "$T/o"
		# 16 KB: the output is larger.
		run bash -c "ulimit -f 16; exec env --default-signal=XFSZ $c -o '$T/o/out.jsonl' '$T/good.jsonl'"
		died_of XFSZ "$status"
		no_temp "$T/o"
		[ ! -e "$T/o/out.jsonl" ] || fail "$c: target written"
	done < <(record_cmds)
}

@test "a fatal error mid-run still writes what went to standard output before it" {
	# 400 KB of good records and a bad one: the write of the rejects to
	# /dev/full fails at the end, after the records went out.
	good 12000 > "$T/in.jsonl"
	printf '{"text":5}\n' >> "$T/in.jsonl"
	for c in "artsplit -f jsonl" artclean artsent; do
		run --separate-stderr $c --rejects /dev/full "$T/in.jsonl"
		assert_failure 1
		[[ "$stderr" == *"/dev/full: No space left on device"* ]] || fail "$c: $stderr"
		n=$(echo "$output" | jvalid) || fail "$c: output cut inside a record"
		assert_equal "$n" 12000
		# -z: the gzip stream is finished, every record readable.
		$c -z --rejects /dev/full "$T/in.jsonl" > "$T/out.gz" 2>/dev/null && fail "$c -z: status 0"
		n=$(gzip -dc "$T/out.gz" | jvalid) || fail "$c -z: not a whole gzip stream"
		assert_equal "$n" 12000
		# A failing -o stays uncommitted.
		run -1 $c -o "$T/out" --rejects /dev/full "$T/in.jsonl"
		[ ! -e "$T/out" ] || fail "$c: -o committed after a fatal error"
		no_temp "$T"
	done
}

@test "--rejects keeps a CRLF line byte for byte" {
	printf '{"id":"a","text":"Good."}\r\n{"text":5}\r\n{"text":"x",}\r\n{"id":"b","text":"Good too."}\r\n{"text":6}' > "$T/in.jsonl"
	printf '{"text":5}\r\n{"text":"x",}\r\n{"text":6}\n' > "$T/want"
	while read -r c; do
		run --separate-stderr $c --rejects "$T/rej" "$T/in.jsonl"
		assert_failure 1
		cmp "$T/rej" "$T/want" || fail "$c: $(od -c "$T/rej" | head)"
	done < <(record_cmds)
}

@test "an over-long line takes at most --max-record bytes of the rejects file, and the message says so" {
	# A gzip bomb: 2 MB of one line in a few KB.
	{
		echo '{"text":"Good line."}'
		head -c 2M /dev/zero | tr '\0' x
		echo
		echo '{"text":"Last line."}'
	} | gzip > "$T/bomb.gz"
	while read -r c; do
		run --separate-stderr $c --max-record 4K --rejects "$T/rej" "$T/bomb.gz"
		assert_failure 1
		assert_equal "$(wc -c < "$T/rej")" $((4096 + 1))
		assert_equal "$(head -c 4096 "$T/rej" | tr -d x | wc -c)" 0
		[[ "$stderr" == *"$T/bomb.gz:2: line longer than --max-record (4096 bytes): its first 4096 bytes written to $T/rej"* ]] ||
		    fail "$c: $stderr"
		[[ "$output" == *"Last line."* ]] || fail "$c: lost the last line"
	done < <(record_cmds)
}

@test "-o /dev/stdout and /dev/fd/1 are written in place, not replaced (in a private /dev)" {
	good 2 > "$T/in.jsonl"
	u=unshare
	[ "$(id -u)" -eq 0 ] || u="unshare -r"
	# A tmpfs on /dev in a mount namespace of our own: the machine's /dev
	# is never touched.  /dev/stdout and /dev/fd are links, as udev makes.
	cat > "$T/ns.sh" <<-EOF
	set -e
	mount -t tmpfs tmpfs /dev
	ln -s /proc/self/fd/1 /dev/stdout
	ln -s /proc/self/fd /dev/fd
	for c in "artsplit -f jsonl" artclean artsent "artsim --clusters"; do
		for o in /dev/stdout /dev/fd/1; do
			rm -f "$T/out"
			\$c -o \$o "$T/in.jsonl" > "$T/out"
			[ -L /dev/stdout ] || { echo "\$c -o \$o replaced /dev/stdout"; exit 1; }
			grep -q 'Record number 1' "$T/out" || { echo "\$c -o \$o: nothing in stdout"; exit 1; }
			[ -z "\$(ls -A /dev | grep -v '^stdout\$' | grep -v '^fd\$')" ] || { echo "\$c: left \$(ls -A /dev)"; exit 1; }
		done
	done
	EOF
	run $u -m bash "$T/ns.sh"
	assert_success
}

@test "temporary files go to TMPDIR, and a failure there says where" {
	"$PY" -c '
for i in range(300):
    print("{\"id\":\"r%d\",\"text\":\"Story %d about the council vote on the library budget and the new road in town %d.\"}" % (i, i % 7, i % 5))' > "$T/in.jsonl"
	mkdir "$T/tmp"
	# --clusters spools the records; a TMPDIR that is not there fails,
	# naming it.
	run --separate-stderr env TMPDIR="$T/nonexistent" artsim --clusters "$T/in.jsonl"
	assert_failure 1
	[[ "$stderr" == *"temporary file in $T/nonexistent: No such file or directory"* ]] || fail "$stderr"
	# A good TMPDIR works, and what is made there is gone at the end.
	run -0 env TMPDIR="$T/tmp" artsim --clusters "$T/in.jsonl"
	assert_equal "$(echo "$output" | wc -l)" 300
	assert_equal "$(ls -A "$T/tmp")" ''
	# The index builder and --align's spool honour it too.
	run -1 --separate-stderr env TMPDIR="$T/nonexistent" artsim --index -o "$T/idx" "$T/in.jsonl"
	[[ "$stderr" == *"temporary file in $T/nonexistent"* ]] || fail "$stderr"
	artsent --offsets "$T/in.jsonl" > "$T/sent.jsonl"
	run -1 --separate-stderr env TMPDIR="$T/nonexistent" artsim --align "$T/sent.jsonl"
	[[ "$stderr" == *"temporary file in $T/nonexistent"* ]] || fail "$stderr"
}
