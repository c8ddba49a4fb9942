#!/usr/bin/env bats
# Memory stays flat on long inputs (issue 7): about 1 GB of generated
# records streamed through each per-record tool, with the peak RSS from
# tools/rusage held under a fixed bound.  Not timed; about half a minute
# per tool.  A sanitizer build is several times slower, so it streams
# 128 MB (ARTKIT_LONG_SIZE sets the size).  The real binaries are
# measured ($ARTKIT_REAL_BIN from tests/run), never a valgrind wrapper.

load common

REAL=${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# True when the binary was built with AddressSanitizer.
asan() {
	nm "$REAL/$1" 2>/dev/null | grep -q __asan_init
}

# peak WHAT LIMIT_KB [DETAIL]: the peak RSS tools/rusage wrote to
# $T/rusage, shown with DETAIL, must be under LIMIT_KB.  A file without
# the figure (the tool did not run) fails too, rather than comparing "".
peak() {
	local kb
	kb=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$T/rusage")
	[ -n "$kb" ] || fail "$1: no peak RSS in $(cat "$T/rusage")"
	echo "# $1: $kb KB${3:+ $3}" >&3
	[ "$kb" -lt "$2" ] || fail "$1: peak RSS $kb KB${3:+ $3}, limit $2 KB"
}

# one_line FILE LIMIT_KB TOOL [ARG...]: TOOL ARG... --max-record 1G FILE (a
# file of one long line) must succeed, write something, and peak under
# LIMIT_KB (and the sanitizer's 512 MB).
one_line() {
	local file=$1 limit=$2 size
	shift 2
	size=$(($(wc -c < "$file") / 1024))
	asan "$1" && limit=$((limit + 512 * 1024))
	rm -f "$T/rusage"
	"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/$@" \
	    --max-record 1G "$file" > "$T/out" ||
	    fail "$* failed: $(cat "$T/rusage")"
	[ -s "$T/out" ] || fail "$* wrote nothing"
	peak "$*" "$limit" "for a line of $size KB"
}

# stream TOOL FORMAT LIMIT_MB: gencorpus -s $SIZE -f FORMAT into TOOL;
# the tool must succeed with a peak RSS under LIMIT_MB.
stream() {
	local tool=$1 format=$2 limit=$(($3 * 1024)) SIZE=1G
	[ -x "$REAL/$tool" ] || fail "$tool is not built"
	# AddressSanitizer's shadow memory and its 256 MB quarantine of
	# freed blocks come on top, once.
	if nm "$REAL/$tool" 2>/dev/null | grep -q __asan_init; then
		limit=$((limit + 512 * 1024))
		SIZE=128M
	fi
	SIZE=${ARTKIT_LONG_SIZE:-$SIZE}
	set -o pipefail
	"$ARTKIT_BUILD/tools/gencorpus" -s "$SIZE" -f "$format" |
	    "$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" \
	    "$REAL/$tool" | wc -c > "$T/bytes" ||
	    fail "$tool failed: $(cat "$T/rusage")"
	[ "$(cat "$T/bytes")" -gt 0 ] || fail "$tool wrote nothing"
	peak "$tool" "$limit" "over $SIZE"
}

@test "artsplit streams 1 GB of articles in under 64 MB" {
	# The set of ids handed out (to keep them unique) is the one thing
	# that grows: about 40 bytes per item.
	stream artsplit text 64
}

@test "artclean streams 1 GB of records in under 64 MB" {
	stream artclean jsonl 64
}

@test "artsent streams 1 GB of records in under 64 MB" {
	stream artsent jsonl 64
}

@test "a record of a million keys takes less than 10 times its size" {
	# Each field was two allocations of 64 bytes or more: 24 times the
	# line for artsent, 47 for artsim (issue 18).
	"$PY" -c '
print("{\"text\":\"x\"," + ",".join("\"%d\":%d" % (i, i % 10) for i in range(1000000)) + "}")' > "$T/keys.jsonl"
	size=$(($(wc -c < "$T/keys.jsonl") / 1024))
	for c in artsent artclean "artsplit -f jsonl"; do
		one_line "$T/keys.jsonl" $((size * 10)) $c
	done
}

@test "artsim's in-memory pairs peak under half the text plus 64 MB" {
	# Issue 16: the sets wait in a temporary file, memory keeps the
	# probe and band keys.  Before, 64 MB of text peaked at about 130 MB.
	local size=64 limit
	limit=$(((size / 2 + 64) * 1024))
	if asan artsim; then
		size=16
		limit=$((limit + 512 * 1024))
	fi
	"$ARTKIT_BUILD/tools/gencorpus" -s "${size}M" -f jsonl > "$T/c.jsonl"
	"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/artsim" -j 2 \
	    "$T/c.jsonl" > "$T/pairs" || fail "artsim failed: $(cat "$T/rusage")"
	[ "$(wc -l < "$T/pairs")" -gt 100 ]
	peak artsim "$limit" "over $size MB"
}

@test "artsim --clusters and --dedup of 5,000 near-copies take under 64 MB" {
	# Every two of them pair (Jaccard 0.5): 12.5 M pairs, which the
	# clusters were made of, held in memory: 469 MB and 11 s.  The walk
	# (simindex_walk) holds no pairs, only each item's cluster.
	local limit=$((64 * 1024)) m
	"$PY" -c '
for n in range(5000):
    print("{\"id\":\"r%d\",\"text\":\"Sentence number %d is here. And another one follows it for good measure.\"}" % (n, n))' > "$T/near.jsonl"
	asan artsim && limit=$((limit + 512 * 1024))
	for m in --clusters --dedup; do
		rm -f "$T/rusage"
		"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/artsim" $m \
		    -j 2 "$T/near.jsonl" > "$T/out" 2> "$T/err" ||
		    fail "artsim $m failed: $(cat "$T/rusage" "$T/err")"
		# Three clusters: r0's, and two of items that pair with
		# another but not with r0 (a number of more digits).
		if [ $m = --clusters ]; then
			assert_equal "$(wc -l < "$T/out")" 5000
			assert_equal "$(grep -o '"cluster":"[^"]*"' "$T/out" |
			    sort -u | tr -d '\n')" \
			    '"cluster":"r0""cluster":"r1124""cluster":"r2"'
		else
			assert_equal "$(cut -d, -f1 "$T/out" | tr -d '\n')" \
			    '{"id":"r0"{"id":"r2"{"id":"r1124"'
		fi
		peak "artsim $m" "$limit" "for 5,000 near-copies"
	done
}

@test "artsplit holds a line of 100 MB once, with -p too, headed or alone (bad18)" {
	# A single line was copied six times over (the input's line, the
	# item kept for --rejects, the article, the record's JSON and its
	# decoded copy, the output line): 620 MB, and 825 MB with -p; then
	# twice (the input's line and the article, 2.1 times): now the
	# article takes the line's memory (article_line_in) and -p writes a
	# long paragraph in pieces.
	"$PY" -c '
import sys
w = ("The council voted on Tuesday to close the library. " * 2100000)[:100 << 20]
open(sys.argv[1], "w").write("Title\n\n%s\n" % w)
open(sys.argv[2], "w").write("%s\n" % w)' "$T/big.txt" "$T/one.txt"
	for f in big one; do
		size=$(($(wc -c < "$T/$f.txt") / 1024))
		for p in "" -p; do
			limit=$((size * 13 / 10))
			asan artsplit && limit=$((limit + 512 * 1024))
			rm -f "$T/rusage"
			"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" \
			    "$REAL/artsplit" $p "$T/$f.txt" > "$T/out" ||
			    fail "artsplit $p failed: $(cat "$T/rusage")"
			# {"id":"big","title":"Title","text":"..."},
			# {"id":"big","par":1,"text":"..."}, or
			# {"id":"one","text":"..."}
			case $f$p in
			big) extra=39 ;;
			one) extra=23 ;;
			*) extra=31 ;;
			esac
			assert_equal "$(wc -c < "$T/out")" $(((100 << 20) + extra))
			peak "artsplit $p $f.txt" "$limit" "for a line of $size KB"
		done
	done
}

@test "artsim --align of two long items that pair takes under 18 times their size" {
	# Two items of 4 MB (700,000 words each), the second the first with
	# a sentence in ten rewritten.  The index's shingler kept the words
	# and set of the longest item, and the aligner's its words, through
	# the matching, at 24 bytes a word: 21 times the text.
	local mb=4 limit
	asan artsim && mb=1
	"$PY" -c '
import random, sys
r = random.Random(1)
size = int(sys.argv[2]) << 20
syl = ["ka", "lo", "mi", "ne", "ta", "ru", "si", "po", "de", "va", "li",
    "mo", "be", "gu", "fa", "zo"]
vocab = ["".join(r.choice(syl) for _ in range(r.randint(1, 3)))
    for _ in range(5000)]
def sent():
	return " ".join(r.choice(vocab)
	    for _ in range(r.randint(6, 20))).capitalize() + ". "
a, n = [], 0
while n < size:
	a.append(sent())
	n += len(a[-1])
b = [s if i % 10 else sent() for i, s in enumerate(a)]
with open(sys.argv[1], "w") as f:
	for id, t in (("a", a), ("b", b)):
		f.write("{\"id\":\"%s\",\"text\":\"%s\"}\n" % (id, "".join(t)))
' "$T/long.jsonl" $mb
	size=$(($(wc -c < "$T/long.jsonl") / 1024))
	limit=$((size * 18))
	asan artsim && limit=$((limit + 512 * 1024))
	"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/artsim" --align \
	    "$T/long.jsonl" > "$T/out" || fail "artsim failed: $(cat "$T/rusage")"
	grep -q '"a".*"b"' "$T/out" || fail "the items were not aligned"
	peak "artsim --align" "$limit" "for $size KB of records"
}

@test "artsim on an item of 16 MB takes under 8 times its size, with --dedup and --map too" {
	# The item's text was copied by the item reader, and its shingle
	# set and the sort's scatter were two arrays beside its words: 10
	# times the line (164 MB), where it now takes about 6 (101 MB).
	local mb=16 limit
	asan artsim && mb=4
	"$PY" -c '
import sys
w = ("The council voted on Tuesday to close the library. " *
    (int(sys.argv[2]) * 21000))[:int(sys.argv[2]) << 20]
with open(sys.argv[1], "w") as f:
	f.write("{\"id\":\"big\",\"text\":\"%s\"}\n" % w)
	f.write("{\"id\":\"small\",\"text\":\"%s\"}\n" % w[:5000])
' "$T/item.jsonl" $mb
	size=$(($(wc -c < "$T/item.jsonl") / 1024))
	for m in "" --dedup --map; do
		limit=$((size * 8))
		asan artsim && limit=$((limit + 512 * 1024))
		rm -f "$T/rusage"
		"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/artsim" $m \
		    "$T/item.jsonl" > "$T/out" 2> "$T/err" ||
		    fail "artsim $m failed: $(cat "$T/rusage" "$T/err")"
		case $m in
		"")	grep -q '"a":"big","b":"small"' "$T/out" ||
			    fail "the items were not paired" ;;
		--dedup) assert_equal "$(wc -l < "$T/out")" 1 ;;
		--map)	[ -s "$T/out" ] || fail "--map wrote nothing" ;;
		esac
		peak "artsim ${m:-(pairs)}" "$limit" "for $size KB of records"
	done
}

@test "artsent and artclean hold a record of 100 MB in under 2.7 and 5.3 times its size (bad16)" {
	# The driver held three copies of a long text: the input's line,
	# the record's copy of its JSON, and the decoded text (artsent 3.4
	# times the line, artclean 5.0).  The record now leaves a value
	# over RECORD_BIG in the line (record.h, borrow).
	"$PY" -c '
import json, sys
w = ("The council voted on Tuesday to close the library. " * 2100000)[:100 << 20]
open(sys.argv[1], "w").write(json.dumps({"id": "one", "text": w}) + "\n")' "$T/one.jsonl"
	size=$(($(wc -c < "$T/one.jsonl") / 1024))
	one_line "$T/one.jsonl" $((size * 27 / 10)) artsent
	one_line "$T/one.jsonl" $((size * 53 / 10)) artclean
}

@test "artsim --align of a long item with a short one takes under 8 times the text (bad16)" {
	# 100 MB paired with 5 KB of it took 1.30 GB: the aligner held the
	# long text's words twice (the shingler's, then its own), and the
	# reader, the store and the driver kept their buffers of it.
	local mb=100 limit
	asan artsim && mb=16
	"$PY" -c '
import json, sys
w = ("The council voted on Tuesday to close the library. " * 2100000)[:int(sys.argv[2]) << 20]
with open(sys.argv[1], "w") as f:
	f.write(json.dumps({"id": "big", "text": w}) + "\n")
	f.write(json.dumps({"id": "small", "text": w[:5000]}) + "\n")' "$T/al.jsonl" $mb
	size=$(($(wc -c < "$T/al.jsonl") / 1024))
	limit=$((size * 8))
	asan artsim && limit=$((limit + 512 * 1024))
	"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/artsim" --align \
	    --max-record 1G "$T/al.jsonl" > "$T/out" ||
	    fail "artsim failed: $(cat "$T/rusage")"
	peak "artsim --align" "$limit" "for $size KB of records"
}

@test "artclean holds a record of 100 MB in under 2.5 times its size (one paragraph), 4 (a million) (bad17)" {
	# artclean held five copies of a long text (the input's line, the
	# record's decoded copy, the rules' lowered copy, the cleaned copy
	# and the output's): 5.0 times the line.  The text is now decoded
	# once and cleaned where it lies (clean_text_inplace).  A million
	# paragraphs add step 6's table and the paragraphs' spans.
	"$PY" -c '
import json, sys
w = ("The council voted on Tuesday to close the library. " * 2100000)[:100 << 20]
d = lambda r: json.dumps(r, separators=(",", ":")) + "\n"
open(sys.argv[1], "w").write(d({"id": "one", "text": w}))
p, n, i = [], 0, 0
while n < 100 << 20:
	p.append("In ward %d the council voted on Tuesday to close the library. It will reopen in May." % i)
	n += len(p[-1]) + 2
	i += 1
open(sys.argv[2], "w").write(d({"id": "many", "text": "\n\n".join(p)}))' \
	    "$T/one.jsonl" "$T/many.jsonl"
	size=$(($(wc -c < "$T/one.jsonl") / 1024))
	one_line "$T/one.jsonl" $((size * 25 / 10)) artclean
	cmp -s "$T/one.jsonl" "$T/out" || fail "the text was changed"
	size=$(($(wc -c < "$T/many.jsonl") / 1024))
	one_line "$T/many.jsonl" $((size * 40 / 10)) artclean
	cmp -s "$T/many.jsonl" "$T/out" || fail "the text was changed"
}

@test "artclean's step 6 on 200,000 paragraphs alike but for a number in linear time (bad17)" {
	# Step 6 keyed a paragraph on its length and its first and last
	# eight bytes: rows of a table or a dump that differ only inside
	# all clashed, and each paragraph was compared with all of them
	# (60,000 took 6 s, a million did not end in minutes).
	"$PY" -c '
import json, sys
p = ["In ward %d the council voted on Tuesday to close the library. It will reopen in May." % i for i in range(200000)]
open(sys.argv[1], "w").write(json.dumps({"id": "rows", "text": "\n\n".join(p)},
    separators=(",", ":")) + "\n")' "$T/rows.jsonl"
	# A bound on complexity, not a measure of speed (make bench is
	# that): linear, this takes well under a CPU second; quadratic, it
	# took over a CPU minute.  CPU time, so a loaded machine does not
	# fail it.
	(ulimit -t 20; "$REAL/artclean" "$T/rows.jsonl" > "$T/out") ||
	    fail "artclean failed or used over 20 CPU seconds"
	cmp -s "$T/rows.jsonl" "$T/out" || fail "the text was changed"
}

@test "artsplit writes an item of 100 MB in short lines holding it once, not twice (bad17)" {
	# The article's text and the record's JSON of it were both held
	# (2.0 times the item); a long text is now written a piece at a
	# time (split_emit_text).  One line of 100 MB: the test above.
	"$PY" -c '
import sys
p = "The council voted on Tuesday to close the library. It will reopen in May."
open(sys.argv[1], "w").write("Title\n\n" + "\n\n".join([p] * 1400000) + "\n")' "$T/big.txt"
	size=$(($(wc -c < "$T/big.txt") / 1024))
	limit=$((size * 13 / 10))
	asan artsplit && limit=$((limit + 512 * 1024))
	rm -f "$T/rusage"
	"$ARTKIT_BUILD/tools/rusage" -o "$T/rusage" "$REAL/artsplit" \
	    "$T/big.txt" > "$T/out" || fail "artsplit failed: $(cat "$T/rusage")"
	assert_equal "$(wc -c < "$T/out")" 107800035
	peak artsplit "$limit" "for an item of $size KB"
}

@test "artsim --align of two copies of a long item in near linear time (sim16)" {
	# Every seed after a run common in the text (a line the item
	# repeats) re-extended the match already found along its diagonal,
	# as far as the copies agree: two copies of 4 MB of generated news
	# took 32 CPU seconds, of 8.6 MB 212.  A bound on complexity, not a
	# measure of speed: near linear, 6 MB takes 3 to 4 CPU seconds
	# (15 to 41 under the sanitizers, as the machine goes); quadratic,
	# it took over 70, ten times that under the sanitizers.
	local cpu=40
	asan artsim && cpu=200
	"$ARTKIT_BUILD/tools/gencorpus" -f text -s 6M | "$PY" -c '
import json, sys
t = sys.stdin.read().replace("\f", "\n\n")
for i in ("a", "b"):
	print(json.dumps({"id": i, "text": t}))' > "$T/two.jsonl"
	(ulimit -t "$cpu"; "$REAL/artsim" -j 1 --align "$T/two.jsonl" \
	    > "$T/out") ||
	    fail "artsim --align failed or used over $cpu CPU seconds"
	grep -q '"exact":true' "$T/out" || fail "the copies were not aligned"
	grep -q '"id":"b".*"verdict":"wholly derived"' "$T/out" ||
	    fail "not wholly derived: $(tail -1 "$T/out")"
}
