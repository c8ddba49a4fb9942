#!/usr/bin/env bats
# Reliability (issue 7): every built tool on bad records, damaged
# archives, unreadable files, output errors and interruption; nothing
# lost; split invariance; the fuzz regression inputs.  A test runs over
# the tools that are built, so a new tool is covered once it is built.
#
# The tests that measure memory or feed 100 MB run the real binaries in
# $ARTKIT_BUILD/bin even under `make check VALGRIND=1` (valgrind's own
# memory would be measured, and 100 MB under memcheck takes an hour); all
# the others run whatever is first on PATH.

load common

# The distribution's python3 (a python3 shim first on PATH can take a
# second to start, and these tests start it often).
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

built() {
	[ -x "$ARTKIT_BUILD/bin/$1" ]
}

# The tools as commands that read records and write one record per input
# record: artsplit reads JSON Lines with -f jsonl, artsim passes records
# through with --clusters, and artsent writes one record per sentence (the
# inputs of these tests have one sentence each).
record_cmds() {
	built artsplit && echo "artsplit -f jsonl"
	built artclean && echo "artclean"
	built artsent && echo "artsent"
	built artsim && echo "artsim --clusters"
	return 0
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

# A file with the given lines, and the file of the given lines.
lines() {
	printf '%s\n' "$@"
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

# interrupt SIG CMD...: start CMD -o $T/out.jsonl on a fifo held open,
# send SIG once the temporary file is there, and check the tool died of
# it leaving neither the temporary file nor the target.
interrupt() {
	local sig=$1 pid i
	shift
	rm -f "$T/fifo" "$T/out.jsonl"
	mkfifo "$T/fifo"
	# Opened read-write, the fifo never blocks us, even if the tool dies.
	exec 8<>"$T/fifo"
	# A background job of a script starts with SIGINT ignored: undo that.
	env --default-signal=INT,TERM,HUP "$@" -o "$T/out.jsonl" "$T/fifo" \
	    2>"$T/err" 8>&- &
	pid=$!
	echo '{"id":"a","text":"One sentence."}' >&8
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
