#!/usr/bin/env bats
# Reliability (issue 7): every tool on bad records, damaged archives,
# unreadable files, output errors and interruption; nothing lost; split
# invariance; the fuzz regression inputs.  A new tool goes into
# record_cmds and tool_cmds below.
#
# The tests that measure memory or feed 100 MB run the real binaries
# ($ARTKIT_REAL_BIN from tests/run) even under `make check VALGRIND=1`
# (valgrind's own memory would be measured, and 100 MB under memcheck
# takes an hour); all the others run the tools on PATH.

load common

# The distribution's python3 (a python3 shim first on PATH can take a
# second to start, and these tests start it often).
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

REAL=${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}

# The tools as commands that read records and write one record per input
# record: artsplit reads JSON Lines with -f jsonl, artsim passes records
# through with --clusters, and artsent writes one record per sentence (the
# inputs of these tests have one sentence each).
record_cmds() {
	echo "artsplit -f jsonl"
	echo "artclean"
	echo "artsent"
	echo "artsim --clusters"
}

# The tools, each as it is run by default.
tool_cmds() {
	echo artsplit artclean artsent artsim | tr ' ' '\n'
}

# field NAME: the field NAME of each record on stdin, one per line.
field() {
	"$PY" -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.loads(line)[sys.argv[1]])' "$1"
}

texts() {
	field text
}

# expect_rejects CMD IN GOOD BAD LINE:MESSAGE ...: CMD --rejects on IN
# fails with status 1, names IN:LINE and the message for each bad line,
# copies exactly the lines in the file BAD to the rejects file, and
# writes the texts in the file GOOD.
expect_rejects() {
	local cmd=$1 in=$2 good=$3 bad=$4 m
	shift 4
	rm -f "$T/rej"
	run --separate-stderr $cmd --rejects "$T/rej" "$in"
	[ "$status" -eq 1 ] || fail "$cmd: status $status, stderr: $stderr"
	for m in "$@"; do
		[[ "$stderr" == *"$in:$m"* ]] ||
		    fail "$cmd: no \"$in:$m\" in: $stderr"
	done
	cmp "$T/rej" "$bad" || fail "$cmd: the rejects file differs"
	assert_equal "$(printf '%s\n' "$output" | texts)" "$(cat "$good")"
}

# A file with the given lines, and the file of the given lines.
lines() {
	printf '%s\n' "$@"
}

@test "invalid UTF-8 in plain text: rejected by the record tools, repaired by artsplit" {
	{
		printf 'First good line.\n'
		printf 'over \xc0\xaf long\n'
		printf 'Second good line.\n'
		printf 'surr \xed\xa0\x80 gate\n'
		printf 'trunc \xe2\x82\n'
		printf 'Third good line.\n'
	} > "$T/in.txt"
	{
		printf 'over \xc0\xaf long\n'
		printf 'surr \xed\xa0\x80 gate\n'
		printf 'trunc \xe2\x82\n'
	} > "$T/bad"
	lines 'First good line.' 'Second good line.' 'Third good line.' > "$T/good"
	for c in artclean artsent "artsim --clusters"; do
		expect_rejects "$c" "$T/in.txt" "$T/good" "$T/bad" \
		    '2: invalid UTF-8 (byte 6)' '4: invalid UTF-8 (byte 6)' \
		    '5: invalid UTF-8 (byte 7)'
	done
	# artsplit decodes such a file as Windows-1252, says so, and goes on.
	run --separate-stderr artsplit "$T/in.txt"
	assert_success
	[[ "$stderr" == *"$T/in.txt:2: not valid UTF-8: decoding as Windows-1252"* ]]
	assert_equal "$(echo "$output" | texts)" "$(printf 'over À¯ long\nSecond good line.\nsurr í\xc2\xa0€ gate\ntrunc â‚\nThird good line.')"
}

@test "invalid UTF-8 inside JSON strings: overlong, surrogates, truncated" {
	{
		printf '{"text":"First good line."}\n'
		printf '{"text":"over \xc0\xaf long"}\n'
		printf '{"text":"\\ud800"}\n'
		printf '{"text":"lo \\udc00 x"}\n'
		printf '{"text":"\\ud800\\u0041"}\n'
		printf '{"text":"surr \xed\xa0\x80"}\n'
		printf '{"text":"trunc \xe2\x82"}\n'
		printf '{"k\xff":"Second good line.","text":"Second good line."}\n'
		printf '{"text":"Third \\ud83d\\ude00 good line."}\n'
	} > "$T/in.jsonl"
	sed -n '2,8p' "$T/in.jsonl" > "$T/bad"
	lines 'First good line.' 'Third 😀 good line.' > "$T/good"
	for c in "artsplit -f jsonl -e utf-8" artclean artsent "artsim --clusters"; do
		expect_rejects "$c" "$T/in.jsonl" "$T/good" "$T/bad" \
		    '2: invalid UTF-8' \
		    '3: lone surrogate escape in string' \
		    '4: lone surrogate escape in string' \
		    '5: lone surrogate escape in string' \
		    '6: invalid UTF-8' '7: invalid UTF-8' '8: invalid UTF-8'
	done
	# artsplit -f jsonl decodes a raw bad byte as Windows-1252; escapes
	# that name no character are still refused.
	sed -n '3,5p' "$T/in.jsonl" > "$T/bad"
	printf '%s\n' 'First good line.' 'over À¯ long' 'surr í' 'trunc â‚' 'Second good line.' 'Third 😀 good line.' > "$T/good"
	sed -i 's/í$/í\xc2\xa0€/' "$T/good"
	expect_rejects "artsplit -f jsonl" "$T/in.jsonl" "$T/good" "$T/bad" \
	    '3: lone surrogate' '4: lone surrogate' '5: lone surrogate'
}

@test "\\u0000 in a JSON string and raw NUL bytes are rejected" {
	{
		printf '{"text":"First good line."}\n'
		printf '{"text":"a\\u0000b"}\n'
		printf '{"text":"raw\0nul"}\n'
		printf 'plain \0 nul\n'
		printf '{"te\\u0000xt":"key"}\n'
		printf 'Second good line.\n'
	} > "$T/in.jsonl"
	sed -n '2,5p' "$T/in.jsonl" > "$T/bad"
	lines 'First good line.' 'Second good line.' > "$T/good"
	for c in artclean artsent "artsim --clusters"; do
		expect_rejects "$c" "$T/in.jsonl" "$T/good" "$T/bad" \
		    '2: \u0000 (NUL) in string' '3: NUL byte in string' \
		    '4: NUL byte in text' '5: \u0000 (NUL) in string'
	done
	# artsplit takes a raw NUL for a binary file: the rest of that file is
	# skipped, with an error; the next file is still read.
	lines '{"text":"Next file."}' > "$T/next.jsonl"
	run --separate-stderr artsplit -f jsonl --rejects "$T/rej" "$T/in.jsonl" "$T/next.jsonl"
	assert_failure 1
	assert_equal "$(echo "$output" | texts)" "$(lines 'First good line.' 'Next file.')"
	[[ "$stderr" == *"$T/in.jsonl:2: \\u0000 (NUL) in string"* ]]
	[[ "$stderr" == *"$T/in.jsonl:3: NUL byte: binary file, rest of it skipped"* ]]
	assert_equal "$(cat "$T/rej")" '{"text":"a\u0000b"}'
}

@test "JSON that is not an object: text for the record tools, rejected by artsplit -f jsonl" {
	lines '[1,2]' '42' 'null' '"str"' 'true' '{"text":"Good line."}' > "$T/in.jsonl"
	# doc/design.md: a line that is not a JSON object is a record whose text
	# is that line.
	for c in "artclean --skip boiler" artsent "artsim --clusters"; do
		run -0 --separate-stderr $c "$T/in.jsonl"
		assert_equal "$(echo "$output" | texts)" "$(lines '[1,2]' 42 null '"str"' true 'Good line.')"
	done
	sed -n '1,5p' "$T/in.jsonl" > "$T/bad"
	lines 'Good line.' > "$T/good"
	expect_rejects "artsplit -f jsonl" "$T/in.jsonl" "$T/good" "$T/bad" \
	    '1: not a JSON object' '2: not a JSON object' \
	    '3: not a JSON object' '4: not a JSON object' '5: not a JSON object'
}

@test "known fields with the wrong type (\"text\": 5) are rejected; null is allowed" {
	lines '{"text":5}' '{"id":7,"text":"a"}' '{"title":["x"],"text":"a"}' \
	    '{"date":{},"text":"a"}' '{"source":true,"text":"a"}' > "$T/bad"
	{ echo '{"title":null,"text":"Good line."}'; cat "$T/bad"; } > "$T/in.jsonl"
	lines 'Good line.' > "$T/good"
	while read -r c; do
		expect_rejects "$c" "$T/in.jsonl" "$T/good" "$T/bad" \
		    '2: field "text" is a number, not a string' \
		    '3: field "id" is a number, not a string' \
		    '4: field "title" is an array, not a string' \
		    '5: field "date" is an object, not a string' \
		    '6: field "source" is true, not a string'
	done < <(record_cmds)
}

@test "duplicate keys are rejected, also when escapes spell the same key" {
	keys=$("$PY" -c 'print(",".join("\"k%d\":%d" % (i, i) for i in range(40)))')
	lines '{"text":"a","text":"b"}' '{"id":"x","n":1,"n":2,"text":"t"}' \
	    '{"text":"a","t\u0065xt":"b"}' "{$keys,\"k39\":0,\"text\":\"c\"}" > "$T/bad"
	{ echo "{$keys,\"text\":\"Good line.\"}"; cat "$T/bad"; } > "$T/in.jsonl"
	lines 'Good line.' > "$T/good"
	while read -r c; do
		expect_rejects "$c" "$T/in.jsonl" "$T/good" "$T/bad" \
		    '2: duplicate key' '3: duplicate key' '4: duplicate key' \
		    '5: duplicate key'
	done < <(record_cmds)
}

@test "deep nesting: 200 levels pass through byte for byte, deeper is rejected" {
	"$PY" -c '
print("{\"text\":\"Good line.\",\"x\":" + "[" * 200 + "]" * 200 + "}")
print("{\"text\":\"a\",\"x\":" + "[" * 256 + "]" * 256 + "}")
print("{\"text\":\"b\",\"x\":" + "[{\"y\":" * 100000 + "]")' > "$T/in.jsonl"
	sed -n '2,3p' "$T/in.jsonl" > "$T/bad"
	lines 'Good line.' > "$T/good"
	while read -r c; do
		expect_rejects "$c" "$T/in.jsonl" "$T/good" "$T/bad" \
		    '2: JSON nested too deeply' '3: JSON nested too deeply'
		# Tools that keep unknown fields keep the nested value as it was.
		if [ "$c" != artsent ]; then
			[[ "$output" == *"\"x\":$(printf '[%.0s' {1..200})$(printf ']%.0s' {1..200})"* ]] ||
			    fail "$c changed the nested value"
		fi
	done < <(record_cmds)
}

@test "a line over --max-record is rejected, the good lines go on" {
	{
		echo '{"text":"First good line."}'
		printf '{"text":"%s"}\n' "$(head -c 5000 /dev/zero | tr '\0' x)"
		echo '{"text":"Second good line."}'
		printf '%s\r\n' "$(head -c 1030 /dev/zero | tr '\0' y)"
	} > "$T/in.jsonl"
	# The rejects file takes the first --max-record bytes of each.
	sed -n '2p;4p' "$T/in.jsonl" | cut -b 1-1024 > "$T/bad"
	lines 'First good line.' 'Second good line.' > "$T/good"
	while read -r c; do
		expect_rejects "$c --max-record 1K" "$T/in.jsonl" "$T/good" \
		    "$T/bad" '2: line longer than --max-record (1024 bytes)' \
		    '4: line longer than --max-record (1024 bytes)'
		# Without --rejects the run stops there, after the good line
		# (artsim, which writes at the end, writes nothing).
		run --separate-stderr $c --max-record 1K "$T/in.jsonl"
		assert_failure 1
		[[ $c == artsim* ]] ||
		    assert_equal "$(echo "$output" | texts)" 'First good line.'
	done < <(record_cmds)
}

@test "a line of 100 MB is a record like any other" {
	"$PY" -c '
import sys
w = ("The council voted on Tuesday to close the library. " * 2100000)[:100 << 20]
open(sys.argv[1], "w").write("{\"id\":\"big\",\"text\":\"%s\"}\n{\"id\":\"s\",\"text\":\"Small.\"}\n" % w)
open(sys.argv[2], "w").write("Title\n\n%s\n" % w)
print(w.count("library."))' "$T/big.jsonl" "$T/big.txt" > "$T/want"
	# Every sentence of the big item is there, and the small item.
	while read -r c; do
		"$REAL/"$c "$T/big.jsonl" > "$T/out" || fail "$c failed"
		assert_equal "$(grep -o 'library\.' "$T/out" | wc -l)" "$(cat "$T/want")"
		grep -q '"id":"s".*"text":"Small\."' "$T/out" || fail "$c lost the small item"
	done < <(record_cmds)
	# artsplit's text format: one article with the whole line as text.
	"$REAL/artsplit" "$T/big.txt" > "$T/out"
	assert_equal "$(texts < "$T/out" | wc -c)" $(((100 << 20) + 1))
}

@test "empty input gives no output and status 0" {
	: > "$T/empty"
	printf '' | gzip > "$T/empty.gz"
	while read -r c; do
		run -0 --separate-stderr $c "$T/empty" "$T/empty.gz" /dev/null
		assert_output ''
		assert_equal "$stderr" ''
		run -0 --separate-stderr $c < /dev/null
		assert_output ''
	done < <(tool_cmds)
}

@test "a last line without a newline, CRLF line ends and a BOM change nothing" {
	lines '{"id":"a","text":"First line."}' '{"text":"Second line."}' '{"id":"c","text":"Third line."}' > "$T/lf.jsonl"
	printf 'Title\n\nFirst paragraph.\n\nSecond paragraph.\n' > "$T/lf.txt"
	for f in lf.jsonl lf.txt; do
		e=${f#*.}
		head -c -1 "$T/$f" > "$T/nonl.$e"
		sed 's/$/\r/' "$T/$f" > "$T/crlf.$e"
		{ printf '\xef\xbb\xbf'; cat "$T/crlf.$e"; } > "$T/bom.$e"
		{ printf '\xef\xbb\xbf'; cat "$T/$f"; } | gzip > "$T/bomgz.$e"
	done
	{ record_cmds | sed 's/$/ jsonl/'; echo 'artsplit txt'; } > "$T/cmds"
	while read -r c; do
		e=${c##* }
		c=${c% *}
		# ids made from file names are the only difference allowed
		want=$($c "$T/lf.$e" | sed 's/"lf\([#"]\)/"X\1/')
		[ -n "$want" ] || fail "$c wrote nothing"
		for v in nonl crlf bom bomgz; do
			run -0 --separate-stderr $c "$T/$v.$e"
			assert_equal "$(echo "$output" | sed "s/\"$v\\([#\"]\\)/\"X\\1/")" "$want"
		done
	done < "$T/cmds"
}

@test "truncated and corrupt gzip are errors naming the file, after its good lines" {
	"$PY" -c '
for i in range(3000):
    print("{\"id\":\"r%d\",\"text\":\"Record number %d is here.\"}" % (i, i))' > "$T/all.jsonl"
	gzip -c "$T/all.jsonl" > "$T/ok.gz"
	head -c $(($(wc -c < "$T/ok.gz") / 2)) "$T/ok.gz" > "$T/trunc.gz"
	# A bad CRC (found at the end) and a bad compression method (at once).
	"$PY" -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
crc = bytearray(d); crc[-8:-4] = b"\0\0\0\0"
open(sys.argv[2], "wb").write(crc)
meth = bytearray(d); meth[2] = 7
open(sys.argv[3], "wb").write(meth)' "$T/ok.gz" "$T/crc.gz" "$T/meth.gz"
	lines '{"id":"z","text":"Last file."}' > "$T/last.jsonl"
	while read -r c; do
		run --separate-stderr $c "$T/trunc.gz" "$T/last.jsonl"
		assert_failure 1
		[[ "$stderr" == *"$T/trunc.gz:"*": unexpected end of gzip data (truncated file?)"* ]]
		n=$(echo "$output" | texts | grep -c '^Record number')
		[ "$n" -gt 100 ] && [ "$n" -lt 3000 ] || fail "$c: $n records"
		assert_equal "$(echo "$output" | texts | tail -n 1)" 'Last file.'
		run --separate-stderr $c "$T/crc.gz" "$T/last.jsonl"
		assert_failure 1
		[[ "$stderr" == *"$T/crc.gz:3001: corrupt gzip data: incorrect data check"* ]]
		assert_equal "$(echo "$output" | texts | grep -c '^Record number')" 3000
		run --separate-stderr $c "$T/meth.gz" "$T/last.jsonl"
		assert_failure 1
		[[ "$stderr" == *"$T/meth.gz:1: corrupt gzip data: unknown compression method"* ]]
		assert_equal "$(echo "$output" | texts)" 'Last file.'
	done < <(record_cmds)
}

@test "garbage after a gzip member is an error once the good data is out" {
	lines '{"text":"One."}' '{"text":"Two."}' | gzip > "$T/g.gz"
	printf 'not gzip\n' >> "$T/g.gz"
	while read -r c; do
		run --separate-stderr $c "$T/g.gz"
		assert_failure 1
		assert_equal "$(echo "$output" | texts)" "$(lines One. Two.)"
		[[ "$stderr" == *"$T/g.gz:3: trailing garbage after gzip data"* ]]
	done < <(record_cmds)
}

# True when the binary was built with AddressSanitizer (its shadow memory
# and quarantine count in the peak RSS).
asan() {
	nm "$REAL/$1" 2>/dev/null | grep -q __asan_init
}

@test "a gzip bomb keeps memory bounded by --max-record" {
	# 320 MB of one line in 20 members of 16 MB each, 300 KB on disk.
	head -c 16M /dev/zero | tr '\0' x | gzip -9 > "$T/m.gz"
	for i in $(seq 20); do cat "$T/m.gz"; done > "$T/bomb.gz"
	while read -r c; do
		t=${c%% *}
		limit=32768
		asan $t && limit=262144
		run --separate-stderr "$ARTKIT_BUILD/tools/rusage" \
		    "$REAL/"$c --max-record 1M --rejects /dev/null \
		    "$T/bomb.gz"
		assert_failure 1
		[[ "$stderr" == *"$T/bomb.gz:1: line longer than --max-record (1048576 bytes)"* ]]
		kb=$(echo "$stderr" | sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p')
		[ "$kb" -lt "$limit" ] || fail "$c: peak RSS $kb KB, limit $limit"
	done < <(tool_cmds)
	# The default limit (256 MB) bounds it too.
	run --separate-stderr "$ARTKIT_BUILD/tools/rusage" \
	    "$REAL/artsplit" "$T/bomb.gz"
	assert_failure 1
	kb=$(echo "$stderr" | sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p')
	limit=$((256 * 1024 + 65536))
	asan artsplit && limit=$((limit * 3))
	[ "$kb" -lt "$limit" ] || fail "artsplit: peak RSS $kb KB, limit $limit"
}

@test "an unreadable file, a directory and a missing file are reported; the good files are processed" {
	lines '{"text":"Good one."}' > "$T/a.jsonl"
	lines '{"text":"Good two."}' > "$T/b.jsonl"
	mkdir "$T/dir"
	if [ "$(id -u)" -eq 0 ]; then
		# Root reads any file, whatever its mode; /proc/self/mem opens
		# and then fails to read.
		unreadable=/proc/self/mem
		why='Input/output error'
	else
		lines '{"text":"secret"}' > "$T/unreadable"
		chmod 000 "$T/unreadable"
		unreadable=$T/unreadable
		why='Permission denied'
	fi
	while read -r c; do
		run --separate-stderr $c "$T/a.jsonl" "$unreadable" "$T/dir" "$T/nope" "$T/b.jsonl"
		assert_failure 1
		assert_equal "$(echo "$output" | texts)" "$(lines 'Good one.' 'Good two.')"
		[[ "$stderr" == *"$unreadable: $why"* ]]
		[[ "$stderr" == *"$T/dir: Is a directory"* ]]
		[[ "$stderr" == *"$T/nope: No such file or directory"* ]]
	done < <(record_cmds)
}

@test "a full disk is an error with status 1, never a silent success" {
	lines '{"text":"A line."}' > "$T/in.jsonl"
	lines '{"text":5}' > "$T/bad.jsonl"
	while read -r c; do
		run --separate-stderr bash -c "$c '$T/in.jsonl' > /dev/full"
		assert_failure 1
		[[ "$stderr" == *'No space left on device'* ]]
		run -1 $c -o /dev/full "$T/in.jsonl"
		run -1 $c -z -o /dev/full "$T/in.jsonl"
		# The rejects file is output too.
		run --separate-stderr $c --rejects /dev/full "$T/bad.jsonl"
		assert_failure 1
		[[ "$stderr" == *'/dev/full: No space left on device'* ]]
	done < <(record_cmds)
	# artsim's other writers: the index, the dropped records, the map
	# and reduce steps, the stream against an index.  Each has output
	# here (a pair, a dropped record), so a write that goes unchecked
	# would show as status 0.
	sim_inputs
	while read -r c; do
		run -1 --separate-stderr bash -c "$c > /dev/full"
		[ "${#stderr_lines[@]}" -eq 1 ] || fail "$c: $stderr"
		[[ "$stderr" == *'No space left on device'* ]]
		run -1 --separate-stderr $c -o /dev/full
		[ "${#stderr_lines[@]}" -eq 1 ] || fail "$c -o: $stderr"
		[[ "$stderr" == *'/dev/full: No space left on device'* ]]
	done < <(sim_cmds)
	run -1 --separate-stderr artsim --dedup --dups /dev/full "$T/sim.jsonl"
	[ "${#stderr_lines[@]}" -eq 1 ] || fail "--dups: $stderr"
	[[ "$stderr" == *'/dev/full: No space left on device'* ]]
	[ -c /dev/full ]
}

# sim_inputs: in $T, two near duplicates (sim.jsonl), their index (idx)
# and their map lines sorted (map), the inputs of sim_cmds.
sim_inputs() {
	lines '{"id":"a","text":"The council voted on Tuesday to approve the new budget for the city library."}' \
	    '{"id":"b","text":"The council voted on Tuesday to approve the new budget for the city library too."}' \
	    > "$T/sim.jsonl"
	artsim --index -o "$T/idx" "$T/sim.jsonl"
	artsim --map "$T/sim.jsonl" | LC_ALL=C sort > "$T/map"
}

# artsim's writers beyond --clusters, each with its input.
sim_cmds() {
	echo "artsim --index $T/sim.jsonl"
	echo "artsim --map $T/sim.jsonl"
	echo "artsim --reduce $T/map"
	echo "artsim --ref $T/idx $T/sim.jsonl"
}

# interrupt SIG CMD...: start CMD -o $T/out.jsonl on a fifo held open,
# send SIG once the temporary file is there, and check the tool died of
# it leaving neither the temporary file nor the target.
interrupt() {
	local sig=$1 pid i first
	shift
	rm -f "$T/fifo" "$T/out.jsonl"
	mkfifo "$T/fifo"
	# Opened read-write, the fifo never blocks us, even if the tool dies.
	exec 8<>"$T/fifo"
	# A background job of a script starts with SIGINT ignored: undo that.
	env --default-signal=INT,TERM,HUP,QUIT,ALRM,VTALRM,XCPU "$@" -o "$T/out.jsonl" "$T/fifo" \
	    2>"$T/err" 8>&- &
	pid=$!
	# A line the tool takes, and then waits for more: a record, or for
	# artsim --reduce a line of --map ($FIRST).
	first='{"id":"a","text":"One sentence."}'
	[ -z "${FIRST:-}" ] || first=$FIRST
	echo "$first" >&8
	for i in $(seq 300); do
		compgen -G "$T/.out.jsonl.*" >/dev/null && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	compgen -G "$T/.out.jsonl.*" >/dev/null ||
	    fail "$*: no temporary file; stderr: $(cat "$T/err")"
	sleep 0.2
	kill -s "$sig" $pid
	for i in $(seq 300); do
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	kill -0 $pid 2>/dev/null && { kill -9 $pid; fail "$* survived SIG$sig"; }
	wait $pid && fail "$* exited 0 after SIG$sig"
	exec 8>&-
	compgen -G "$T/.out.jsonl.*" && fail "$*: temporary file left after SIG$sig"
	[ ! -e "$T/out.jsonl" ] || fail "$*: target written after SIG$sig"
	return 0
}

@test "-o leaves no temporary file and no target on SIGINT, SIGTERM and SIGHUP" {
	while read -r c; do
		for sig in INT TERM HUP; do
			interrupt $sig $c
		done
	done < <(record_cmds)
	# artsim --index, --map, --reduce and --ref write through -o too.
	sim_inputs
	for sig in INT TERM HUP; do
		interrupt $sig artsim --index
		interrupt $sig artsim --map
		FIRST=$(head -n 1 "$T/map") interrupt $sig artsim --reduce
		interrupt $sig artsim --ref "$T/idx"
	done
}

@test "-o leaves no temporary file on SIGQUIT, SIGALRM, SIGVTALRM and SIGXCPU either (bad15)" {
	# Ctrl-\, a timer and ulimit -t end a tool as SIGINT does; the
	# temporary file was left behind.  (SIGKILL cannot be caught.)
	ulimit -c 0	# SIGQUIT and SIGXCPU dump core
	for sig in QUIT ALRM VTALRM XCPU; do
		interrupt $sig artclean
		interrupt $sig artsplit
	done
}

@test "a signal ignored when the tool starts (nohup, background jobs) stays ignored" {
	while read -r c; do
		for sig in HUP INT TERM; do
			rm -f "$T/fifo" "$T/out.jsonl"
			mkfifo "$T/fifo"
			exec 8<>"$T/fifo"
			(trap '' $sig; exec $c -o "$T/out.jsonl" "$T/fifo" 8>&-) &
			pid=$!
			echo '{"id":"a","text":"One sentence."}' >&8
			for i in $(seq 300); do
				compgen -G "$T/.out.jsonl.*" >/dev/null && break
				sleep 0.1
			done
			kill -s $sig $pid
			sleep 0.3
			kill -0 $pid || fail "$c died of an ignored SIG$sig"
			exec 8>&-
			wait $pid || fail "$c failed after an ignored SIG$sig"
			grep -q '"text":"One sentence\."' "$T/out.jsonl" ||
			    fail "$c: no output after an ignored SIG$sig"
		done
	done < <(record_cmds)
}

@test "a closed pipe downstream ends every tool quietly" {
	"$PY" -c '
for i in range(20000):
    print("{\"id\":\"r%d\",\"text\":\"Item %d says something new about topic %d.\"}" % (i, i, i * 7))' > "$T/many.jsonl"
	while read -r c; do
		run --separate-stderr bash -c "$c '$T/many.jsonl' | head -c 100 > /dev/null; echo \${PIPESTATUS[0]}"
		assert_equal "$stderr" ''
		assert_output 141
		# Also when SIGPIPE is ignored (as some job runners leave it).
		run --separate-stderr bash -c "trap '' PIPE; $c '$T/many.jsonl' | head -c 100 > /dev/null; echo \${PIPESTATUS[0]}"
		assert_equal "$stderr" ''
		assert_output 141
	done < <(record_cmds)
}

@test "a closed stdin, stdout or stderr is never taken by a file the tool opens" {
	local t='One two three four five six seven eight nine ten eleven twelve.'
	lines "{\"id\":\"a\",\"text\":\"$t\"}" \
	    "{\"id\":\"b\",\"text\":\"$t\"}" > "$T/in.jsonl"
	while read -r c; do
		# Standard input closed: an error, not an empty input read
		# from the tool's own temporary file.
		run --separate-stderr bash -c "$c <&-"
		[ "$status" -eq 1 ] || fail "$c <&-: status $status"
		[[ "$stderr" == *"Bad file descriptor"* ]] ||
		    fail "$c <&-: stderr: $stderr"
		# Standard output closed: an error, not pairs written into
		# a temporary file.
		run --separate-stderr bash -c "$c '$T/in.jsonl' >&-"
		[ "$status" -eq 1 ] || fail "$c >&-: status $status"
		[[ "$stderr" == *"Bad file descriptor"* ]] ||
		    fail "$c >&-: stderr: $stderr"
	done < <(record_cmds; echo "artsim"; echo "artsim --align")
	# Nor is an index written from a closed stdin.
	run bash -c "artsim --index -o '$T/ix' <&-"
	[ "$status" -eq 1 ]
	[ ! -e "$T/ix" ]
	# Standard error closed: a warning goes nowhere, never into -o.
	printf 'Caf\xe9 title\n\nSome text in caf\xe9.\n' > "$T/w.txt"
	run bash -c "artsplit -o '$T/out.jsonl' '$T/w.txt' 2>&-"
	[ "$status" -eq 0 ]
	assert_equal "$(cat "$T/out.jsonl")" \
	    '{"id":"w","title":"Café title","text":"Some text in café."}'
}

@test "nothing lost: records written plus lines rejected equal lines read" {
	"$PY" -c '
import random
random.seed(7)
bad = ["{\"text\":5}", "{\"id\":\"d\",\"text\":\"a\",\"text\":\"b\"}",
       "{\"text\":\"\\u0000\"}", "{\"text\":\"x\\ud800\"}",
       "{\"text\":\"unterminated}", "{\"text\":\"\xff\"}", "{}}",
       "{\"text\":\"" + "y" * 3000 + "\"}"]
with open("'"$T"'/in.jsonl", "w", encoding="latin-1") as f, \
     open("'"$T"'/bad", "w", encoding="latin-1") as b:
    for i in range(400):
        if random.random() < 0.25:
            line = random.choice(bad)
            b.write(line[:2048] + "\n")  # --rejects cuts to --max-record
        else:
            line = "{\"id\":\"g%d\",\"text\":\"Item %d is fine.\",\"x\":[%d]}" % (i, i // 2, i)
        f.write(line + "\n")'
	total=$(wc -l < "$T/in.jsonl")
	nbad=$(wc -l < "$T/bad")
	[ "$nbad" -gt 50 ] || fail "only $nbad bad lines"
	while read -r c; do
		# artsplit would decode the bad byte as Windows-1252
		[ "$c" = "artsplit -f jsonl" ] && c="$c -e utf-8"
		rm -f "$T/rej"
		run --separate-stderr $c --max-record 2K --rejects "$T/rej" "$T/in.jsonl"
		assert_failure 1
		[[ "$stderr" == *"$nbad bad records written to $T/rej"* ]]
		cmp "$T/rej" "$T/bad" || fail "$c: rejects differ"
		n=$(echo "$output" | field id | sort -u | wc -l)
		assert_equal "$((n + nbad))" "$total"
	done < <(record_cmds)
	# artsim --dedup drops copies because it is asked to: it counts them
	# and writes them to --dups.
	run --separate-stderr artsim --dedup --dups "$T/dups" --max-record 2K --rejects "$T/rej" "$T/in.jsonl"
	assert_failure 1
	cmp "$T/rej" "$T/bad" || fail "artsim --dedup: rejects differ"
	kept=$(echo "$output" | wc -l)
	dropped=$(wc -l < "$T/dups")
	[ "$dropped" -gt 0 ] || fail "no copies dropped"
	assert_equal "$((kept + dropped + nbad))" "$total"
	[[ "$stderr" == *"$dropped duplicate"*" dropped, $kept kept"* ]]
}

@test "split invariance: pieces run apart and concatenated give the same bytes" {
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -f jsonl > "$T/corpus.jsonl"
	split -l 37 "$T/corpus.jsonl" "$T/piece."
	for c in "artsplit -f jsonl" artclean artsent; do
		$c "$T/corpus.jsonl" > "$T/whole"
		[ -s "$T/whole" ] || fail "$c wrote nothing"
		for p in "$T"/piece.*; do
			$c "$p" || fail "$c failed on $p"
		done > "$T/pieces"
		cmp "$T/whole" "$T/pieces" || fail "$c: pieces differ from the whole"
	done
}

@test "the fuzz seeds and every kept crash input replay cleanly" {
	run -0 sh "$ARTKIT_TOP/tests/fuzz/run.sh" -r
	for f in "$ARTKIT_TOP"/tests/fuzz/fuzz_*.c; do
		t=${f##*/fuzz_}
		assert_line --regexp "^replay ${t%.c}: [1-9][0-9]* inputs$"
	done
}

@test "regression: a Nexis start line is read within its own line" {
	# "Document 7" followed by a line starting "of 9" was once taken for
	# "Document 7 of 9": sscanf ran on past the end of the line.
	printf 'Document 1 of 1\n\nTitle\nApril 22, 2021\n\nBody\n\nDocument 7\nof 9 things were said.\n\nEnd of Document\n' > "$T/n.txt"
	run -0 artsplit -f nexis "$T/n.txt"
	assert_output '{"id":"n#1","date":"2021-04-22","title":"Title","text":"Document 7\nof 9 things were said."}'
}

@test "regression: a BOM split across gzip members is still skipped" {
	{ printf '\xef' | gzip; printf '\xbb\xbf{"text":"One."}\n' | gzip; } > "$T/b.gz"
	while read -r c; do
		run -0 $c "$T/b.gz"
		assert_equal "$(echo "$output" | texts)" 'One.'
	done < <(record_cmds)
}

@test "regression: artsim --map refuses an empty id, and the rounds run on" {
	# --map wrote the line of "id":"" and the first --reduce stopped on
	# it as not one of its lines (found by tests/fuzz/fuzz_simkv.c).
	set -o pipefail
	lines '{"id":"","text":"one two three four five six seven"}' \
	    '{"id":"x","text":"one two three four five six"}' \
	    '{"id":"y","text":"one two three four five six"}' > "$T/e.jsonl"
	run -1 --separate-stderr artsim --map "$T/e.jsonl"
	[ "$stderr" = "artsim: $T/e.jsonl:1: an empty id: with --map every record needs one, since the steps meet by id" ]
	# With --rejects the run goes on, and the rounds read its lines.
	run -1 --separate-stderr artsim --map --rejects "$T/rej" "$T/e.jsonl"
	grep -q '"id":""' "$T/rej"
	echo "$output" | LC_ALL=C sort | artsim --reduce |
	    LC_ALL=C sort | artsim --reduce | LC_ALL=C sort | artsim --reduce |
	    LC_ALL=C sort | artsim --reduce > "$T/got"
	assert_equal "$(cat "$T/got")" \
	    '{"a":"x","b":"y","jaccard":1,"in_a":1,"in_b":1,"shared":2}'
}

@test "a BOM at the start of a concatenated file or a later gzip member changes nothing" {
	lines '{"id":"a1","text":"First file, first line."}' '{"id":"a2","text":"First file, second line."}' > "$T/a.jsonl"
	{ printf '\xef\xbb\xbf'; lines '{"id":"b1","text":"Second file, first line."}' '{"id":"b2","text":"Second file, second line."}'; } > "$T/b.jsonl"
	cat "$T/a.jsonl" "$T/b.jsonl" > "$T/cat.jsonl"
	{ gzip -c "$T/a.jsonl"; gzip -c "$T/b.jsonl"; } > "$T/cat.gz"
	while read -r c; do
		want=$($c "$T/a.jsonl" "$T/b.jsonl")
		[ "$(echo "$want" | field id | grep -c '^[ab][12]$')" -eq 4 ] ||
		    fail "$c: $want"
		for f in cat.jsonl cat.gz; do
			run -0 --separate-stderr $c "$T/$f"
			assert_equal "$output" "$want"
		done
	done < <(record_cmds)
}

@test "bzip2, xz and zstd input is refused with a message that says so" {
	lines '{"id":"x","text":"A line."}' > "$T/in.jsonl"
	"$PY" -c '
import bz2, lzma, sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[1] + ".bz2", "wb").write(bz2.compress(d))
open(sys.argv[1] + ".xz", "wb").write(lzma.compress(d))
# A zstd frame: the magic number, then what a real one holds.
open(sys.argv[1] + ".zst", "wb").write(b"\x28\xb5\x2f\xfd\x24\x1a\xd1\x00" + d)' "$T/in.jsonl"
	while read -r c; do
		for z in bzip2:bz2 xz:xz zstd:zst; do
			run --separate-stderr $c "$T/in.jsonl.${z#*:}" "$T/in.jsonl"
			assert_failure 1
			assert_equal "$stderr" "${c%% *}: $T/in.jsonl.${z#*:}:1: ${z%:*} input is not supported: decompress it first (${z%:*} -dc)"
			[[ "$output" == *'"text":"A line."'* ]] || fail "$c: the next file was not read"
		done
	done < <(record_cmds)
	# Text that starts like bzip2's name is text.
	lines 'BZh9 is not a compressed file.' > "$T/t.txt"
	run -0 artclean "$T/t.txt"
	assert_output '{"text":"BZh9 is not a compressed file."}'
}
