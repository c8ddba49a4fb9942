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
