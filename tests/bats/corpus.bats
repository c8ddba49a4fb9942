#!/usr/bin/env bats
# corpus.bats - the data artkit is tried and measured on: the synthetic
# corpus generator (tools/gencorpus), the timer `make bench` uses
# (tools/rusage), the benchmark script (tools/bench.sh), the example
# Makefile for batch work (share/examples/Makefile), the sample corpus
# (share/corpus/) and `make demo` over it (tools/demo.sh).

load common

TOP=$ARTKIT_TOP
BUILD=$ARTKIT_BUILD
GEN=$BUILD/tools/gencorpus
RUSAGE=$BUILD/tools/rusage
CORPUS=$TOP/share/corpus

# Check JSON Lines on stdin: every line an object with the generator's five
# string fields, ids gen-000001, gen-000002, ... in order, ISO dates.
check_jsonl() {
	python3 -c '
import json, re, sys
n = 0
for line in sys.stdin:
    r = json.loads(line)
    assert isinstance(r, dict), line
    assert list(r) == ["id", "title", "date", "source", "text"], list(r)
    assert all(isinstance(v, str) and v for v in r.values()), r
    n += 1
    assert r["id"] == "gen-%06d" % n, r["id"]
    assert re.fullmatch(r"20[12]\d-[01]\d-[0-3]\d", r["date"]), r["date"]
    assert "\f" not in r["text"] and "\n\n\n" not in r["text"]
print(n)
'
}

# Five-word shingle similarity: print the highest Jaccard similarity over all
# pairs of records in the JSON Lines file $1.
max_jaccard() {
	python3 -c '
import json, sys
sets = []
for line in open(sys.argv[1]):
    w = json.loads(line)["text"].split()
    sets.append({tuple(w[i:i + 5]) for i in range(len(w) - 4)})
best = 0.0
for i in range(len(sets)):
    for j in range(i):
        n = len(sets[i] & sets[j])
        best = max(best, n / (len(sets[i]) + len(sets[j]) - n))
print("%.2f" % best)
' "$1"
}

@test "gencorpus: the same seed gives the same bytes, in both formats" {
	"$GEN" -S 7 -s 300K >"$T/a"
	"$GEN" -S 7 -s 300K >"$T/b"
	cmp "$T/a" "$T/b"
	"$GEN" -S 7 -s 300K -f text >"$T/c"
	"$GEN" -S 7 -s 300K -f text >"$T/d"
	cmp "$T/c" "$T/d"
}

@test "gencorpus: another seed gives other bytes" {
	"$GEN" -S 1 -s 100K >"$T/a"
	"$GEN" -S 2 -s 100K >"$T/b"
	run cmp -s "$T/a" "$T/b"
	assert_failure
	# Not just a shifted id or date: the headlines differ.
	run bash -c "diff <(head -n 3 '$T/a' | cut -c 1-80) <(head -n 3 '$T/b' | cut -c 1-80)"
	assert_failure
}

@test "gencorpus: -s writes whole items up to just past the size, K M G" {
	"$GEN" -s 200K >"$T/a"
	size=$(wc -c <"$T/a")
	[ "$size" -ge 204800 ] && [ "$size" -lt $((204800 + 12000)) ]
	[ "$(tail -c 1 "$T/a" | od -An -c | tr -d ' ')" = '\n' ]
	"$GEN" -s 1M | wc -c >"$T/n"
	[ "$(cat "$T/n")" -ge 1048576 ] && [ "$(cat "$T/n")" -lt 1070000 ]
	"$GEN" -s 3000 -f text | wc -c >"$T/n"
	[ "$(cat "$T/n")" -ge 3000 ] && [ "$(cat "$T/n")" -lt 12000 ]
	run "$GEN" -s 0
	assert_success
	assert_output ''
	run bash -c "'$GEN' -s 1G -f text | head -c 10 | wc -c"
	assert_output 10
	"$GEN" -s 2k | cmp - <("$GEN" -s 2K)
}

@test "gencorpus: a smaller size gives a prefix of a larger one" {
	"$GEN" -S 3 -d 30 -s 50K >"$T/small"
	"$GEN" -S 3 -d 30 -s 400K >"$T/big"
	head -c "$(wc -c <"$T/small")" "$T/big" | cmp - "$T/small"
}

@test "gencorpus: every JSON line parses as a record with the five fields" {
	"$GEN" -S 11 -d 40 -s 500K >"$T/a"
	run check_jsonl <"$T/a"
	assert_success
	[ "$output" -gt 100 ]
	# Straight quotes in page furniture are escaped, not left bare.
	grep -q 'By clicking \\"Accept\\"' "$T/a"
}

@test "gencorpus: text format holds the same items, separated by form feeds" {
	"$GEN" -S 5 -d 20 -s 200K >"$T/j"
	"$GEN" -S 5 -d 20 -s 200K -f text >"$T/t"
	run python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
items = open(sys.argv[2], encoding="utf-8").read().split("\f\n")
assert len(items) >= len(recs) > 10, (len(items), len(recs))
for r, it in zip(recs, items):
    head, body = it.split("\n\n", 1)
    assert head.split("\n") == [r["title"], "Published: " + r["date"],
        "Source: " + r["source"]], head
    assert body == r["text"] + "\n"
' "$T/j" "$T/t"
	assert_success
}

@test "gencorpus: the text reads like news" {
	"$GEN" -S 9 -s 1M -f text >"$T/t"
	for s in 'Mr ' 'Dr ' 'U.S.' ' a.m.' ' p.m.' '“' '”' '’' 'é' '–' '£' \
	    '$' '€' '?”' 'Sign up to our' 'Credit: ' 'per cent'; do
		grep -qF -- "$s" "$T/t" || fail "no '$s' in the text"
	done
	# Decimals and grouped thousands.
	grep -qE '[0-9]\.[0-9]' "$T/t"
	grep -qE '[0-9],[0-9]{3}' "$T/t"
	# Paragraphs and sentences start with a capital letter (or a digit or
	# an opening quote or bracket).
	run python3 -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
for p in re.split(r"\n\n|\f\n", t):
    assert re.match(r"[A-Z0-9“(]", p), p[:60]
abbr = r"(?<!a\.m)(?<!p\.m)(?<!U\.S)(?<!U\.K)(?<! Co)"
bad = re.findall(abbr + r"[.?!] [a-z]\w*", t)
assert not bad, bad[:5]
' "$T/t"
	assert_success
	iconv -f UTF-8 -t UTF-8 "$T/t" >/dev/null
}

@test "gencorpus: -d sets the share of near-duplicates" {
	"$GEN" -S 4 -d 0 -s 200K >"$T/none"
	run max_jaccard "$T/none"
	assert_success
	# Unrelated items share few five-word sequences.
	python3 -c "import sys; sys.exit(not $output < 0.1)" ||
	    fail "unrelated items too alike: $output"
	"$GEN" -S 4 -d 50 -s 200K >"$T/half"
	run max_jaccard "$T/half"
	python3 -c "import sys; sys.exit(not $output > 0.5)" ||
	    fail "no near-duplicates: $output"
	# Near, not exact: words changed, paragraphs dropped or added.
	run python3 -c '
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
assert len(set(texts)) == len(texts)
' "$T/half"
	assert_success
}

@test "gencorpus: -n sets the average item size" {
	for n in 1000 6000; do
		"$GEN" -n $n -d 0 -s 300K >"$T/a"
		run python3 -c '
import json, sys
t = [len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])]
avg = sum(t) / len(t)
n = int(sys.argv[2])
print(avg)
sys.exit(not 0.8 * n < avg < 1.25 * n)
' "$T/a" $n
		assert_success
	done
}

@test "gencorpus: bad options are usage errors" {
	for args in "-d 101" "-d x" "-f xml" "-s 1x" "-s -1" "-n 5" "-S -3" \
	    "-q" "extra"; do
		run "$GEN" $args
		[ "$status" -eq 2 ] || fail "$args: status $status"
		[ -n "$output" ] || fail "$args: no message"
	done
	run --separate-stderr "$GEN" -h
	assert_success
	assert_output --partial 'usage: gencorpus'
	assert_output --partial '-n itemsize'
	[ -z "$stderr" ]
}

@test "gencorpus: a write error is exit 1, a closed pipe is quiet" {
	run bash -c "'$GEN' -s 2M >/dev/full"
	assert_failure 1
	assert_output --partial 'stdout'
	run bash -c "'$GEN' -s 50M | head -c 10 >/dev/null"
	assert_success
	assert_output ''
}

@test "rusage: reports time and memory and passes the exit status on" {
	run --separate-stderr "$RUSAGE" sh -c 'echo out; exit 3'
	assert_failure 3
	assert_output out
	[[ $stderr =~ ^rusage:\ wall=[0-9]+\.[0-9]{3}\ user=[0-9.]+\ sys=[0-9.]+\ maxrss_kb=[1-9][0-9]*\ status=3$ ]] ||
	    fail "report: $stderr"
	run "$RUSAGE" true
	assert_success
	run "$RUSAGE" sh -c 'kill -9 $$'
	assert_failure 137
	assert_output --partial 'signal=9'
	run -127 "$RUSAGE" /nonexistent/command
	run "$RUSAGE"
	assert_failure 2
	assert_output --partial usage
}

@test "rusage: -o appends the report to a file; peak memory is the child's" {
	run "$RUSAGE" -o "$T/r" python3 -c 'b = b"x" * (64 << 20)'
	assert_success
	assert_output ''
	"$RUSAGE" -o "$T/r" true
	[ "$(wc -l <"$T/r")" -eq 2 ]
	kb=$(sed -n '1s/.*maxrss_kb=\([0-9]*\).*/\1/p' "$T/r")
	[ "$kb" -gt 60000 ] || fail "maxrss_kb=$kb for 64 MB"
	# Options after the command belong to the command.
	run "$RUSAGE" -o "$T/r" echo -o x
	[ "$output" = '-o x' ]
	run "$RUSAGE" -o /nonexistent/dir/r echo ran
	assert_failure 1
	refute_output --partial ran
}

# A build tree holding the corpus tools, and stand-ins for the four tools.
fake_build() {
	mkdir -p "$T/b/tools" "$T/b/bin"
	cp "$GEN" "$RUSAGE" "$T/b/tools/"
	printf '#!/bin/sh\n[ "$1" = -f ] && shift 2\nexec cat "$@"\n' >"$T/b/bin/artsplit"
	printf '#!/bin/sh\necho "artclean: broken" >&2; exit 1\n' >"$T/b/bin/artclean"
	chmod +x "$T/b/bin/"*
}

@test "bench: a table per tool, notes for tools not built, status of failures" {
	fake_build
	run --separate-stderr env O="$T/b" BENCH_MB=2 BENCH_SIM_MB=1 sh "$TOP/tools/bench.sh"
	assert_failure 1
	assert_line --index 0 --regexp '^machine: [0-9]+ cpus, '
	assert_line --regexp '^tool +input +MB +seconds +MB/s +cpu +MB/cpu +RSS_MB$'
	assert_line --regexp '^cat +text +2\.0 +[0-9]+\.[0-9]{3} +[0-9.]+ +[0-9]+\.[0-9]{3} +[0-9.]+ +[0-9.]+$'
	assert_line --regexp '^artsplit +text +2\.0 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$'
	assert_line --regexp '^zcat +text.gz +2\.0 '
	assert_line --regexp '^artsplit +text.gz +2\.0 '
	assert_line --regexp '^artsplit +docx +[0-9]+\.[0-9] +[0-9.]+ '
	assert_line --regexp '^cat +jsonl +1\.0 '
	assert_line --regexp '^artclean +jsonl +failed: artclean: broken$'
	assert_line --regexp '^artsent +jsonl +not built yet, skipped$'
	assert_line --regexp '^artsim +jsonl +not built yet, skipped$'
	# The corpus is the generator's, cached, and gzip holds the same text.
	"$GEN" -S 1 -s 2M | cmp - "$T/b/bench/corpus-2M-s1.jsonl"
	zcat "$T/b/bench/corpus-2M-s1.txt.gz" | cmp - "$T/b/bench/corpus-2M-s1.txt"
	touch -d '2000-01-01' "$T/b/bench/corpus-2M-s1.txt"
	touch -d '1999-01-01' "$T/b/tools/gencorpus"
	rm "$T/b/bin/artclean"
	run --separate-stderr env O="$T/b" BENCH_MB=2 BENCH_SIM_MB=1 sh "$TOP/tools/bench.sh"
	assert_success
	[ -z "$stderr" ] || fail "corpus made again: $stderr"
	run env O="$T/b" BENCH_MB=2x sh "$TOP/tools/bench.sh"
	assert_failure 2
}

# Stand-ins with the tools' command lines: artsplit FILE, the others
# [-z] [-o FILE] [FILE ...].
stub_tools() {
	mkdir -p "$T/bin"
	printf '#!/bin/sh\nzcat -f "$@"\n' >"$T/bin/artsplit"
	cat >"$T/bin/artclean" <<-'EOF'
	#!/bin/sh
	while getopts zo: c; do case $c in o) o=$OPTARG ;; *) ;; esac; done
	shift $((OPTIND - 1))
	zcat -f "$@" | gzip -n >"$o.tmp" && mv "$o.tmp" "$o"
	EOF
	for t in artsent artsim; do cp "$T/bin/artclean" "$T/bin/$t"; done
	chmod +x "$T/bin/"*
}

@test "example Makefile: pattern rules build, rebuild only what changed" {
	stub_tools
	mkdir "$T/arc"
	cp "$CORPUS/archive.txt.gz" "$T/arc/one.txt.gz"
	gzip -nc "$CORPUS/stream.txt" >"$T/arc/two.txt.gz"
	mk="make -f $TOP/share/examples/Makefile IN=$T/arc"
	PATH="$T/bin:$PATH" run $mk
	assert_success
	for f in one.clean one.sent two.clean two.sent pairs; do
		[ -s "$T/arc/$f.jsonl.gz" ] || fail "$f.jsonl.gz not made"
	done
	zcat "$T/arc/two.sent.jsonl.gz" | cmp - "$CORPUS/stream.txt"
	PATH="$T/bin:$PATH" run $mk
	assert_output --partial 'Nothing to be done'
	touch "$T/arc/two.txt.gz"
	PATH="$T/bin:$PATH" run $mk
	assert_output --partial 'two.txt.gz'
	refute_output --partial 'one.txt.gz'
	PATH="$T/bin:$PATH" run $mk clean
	[ "$(ls "$T/arc")" = "$(printf 'one.txt.gz\ntwo.txt.gz')" ]
}

@test "example Makefile: a failure anywhere in a pipeline leaves no target" {
	stub_tools
	mkdir "$T/arc"
	echo 'not gzip' | gzip -nc | head -c 12 >"$T/arc/bad.txt.gz"
	PATH="$T/bin:$PATH" run make -f "$TOP/share/examples/Makefile" IN="$T/arc"
	assert_failure
	[ ! -e "$T/arc/bad.clean.jsonl.gz" ] || fail "half-written target left"
}

@test "example Makefile: the real tools run it over the sample corpus" {
	mkdir "$T/arc"
	cp "$CORPUS/archive.txt.gz" "$T/arc/one.txt.gz"
	{ cat "$CORPUS/wire.txt"; printf '\f\n'; cat "$CORPUS/outlet-a.txt"; } |
	    gzip -nc >"$T/arc/two.txt.gz"
	run make -f "$TOP/share/examples/Makefile" IN="$T/arc"
	assert_success
	zcat "$T/arc/one.sent.jsonl.gz" | grep -q '"sent"'
	[ -e "$T/arc/pairs.jsonl.gz" ]
}

@test "sample corpus: encodings, form feeds and gzip are as the README says" {
	for f in wire outlet-a outlet-b outlet-c unrelated stream; do
		iconv -f UTF-8 -t UTF-8 "$CORPUS/$f.txt" >/dev/null ||
		    fail "$f.txt is not UTF-8"
		[ "$(tail -c 1 "$CORPUS/$f.txt")" = '' ] || fail "$f.txt: no final newline"
		grep -q $'\r' "$CORPUS/$f.txt" && fail "$f.txt has CR"
	done
	# cp1252.txt is Windows-1252, with “ ” ’ é € as single bytes.
	run iconv -f UTF-8 -t UTF-8 "$CORPUS/cp1252.txt"
	assert_failure
	iconv -f CP1252 -t UTF-8 "$CORPUS/cp1252.txt" >"$T/u"
	for s in '“' '”' '’' 'é' '€'; do
		grep -qF "$s" "$T/u" || fail "cp1252.txt: no $s"
	done
	[ "$(tr -cd '\f' <"$CORPUS/stream.txt" | wc -c)" -eq 2 ]
	gzip -t "$CORPUS/archive.txt.gz"
	[ "$(zcat "$CORPUS/archive.txt.gz" | head -n 2 | tail -n 1)" = '' ]
}

@test "sample corpus: the outlets carry the furniture the tools must handle" {
	c=$CORPUS
	grep -qx 'By Jane Doe' "$c/outlet-a.txt"
	grep -qx 'Published: 22 April 2021' "$c/outlet-a.txt"
	grep -q '^Sign up to our .* newsletter' "$c/outlet-a.txt"
	grep -q 'Credit: ' "$c/outlet-a.txt"
	head -n 1 "$c/outlet-b.txt" | grep -q '^date 2021-04-22 .'
	[ "$(sed -n 2p "$c/outlet-b.txt")" = '' ]
	grep -qF 'â€™' "$c/outlet-b.txt"
	grep -qF '&amp;' "$c/outlet-b.txt"
	grep -qF '&#8217;' "$c/outlet-b.txt"
	grep -qx 'Share this article' "$c/outlet-b.txt"
	grep -q 'cookies' "$c/outlet-b.txt"
	grep -qF '(Photo: Getty Images)' "$c/outlet-c.txt"
	grep -q '^Read more: ' "$c/outlet-c.txt"
	grep -qx 'Something went wrong - please try again later.' "$c/outlet-c.txt"
	tail -n 1 "$c/outlet-c.txt" | grep -q '^A message from the editor:'
	for s in 'Dr Helen Marsh' 'Mr Tom Okafor' 'U.S.' '10 a.m.' '£6.50' \
	    '37.5' '@HarrowPointLight' 'Q&A' '“'; do
		grep -qF "$s" "$c/wire.txt" || fail "wire.txt: no $s"
	done
	# wire.txt: a headline, then eight paragraphs.
	[ "$(grep -c '^$' "$c/wire.txt")" -eq 8 ]
	for f in wire outlet-a outlet-b outlet-c unrelated cp1252 stream \
	    archive.txt.gz web/; do
		grep -q "^$f" "$c/README" || fail "README does not describe $f"
	done
}

@test "make demo: every step runs and shows its result, the new formats too" {
	run --separate-stderr env O="$(realpath --relative-to="$TOP" "$BUILD")" \
	    DEMO_DIR="$T/demo" sh "$TOP/tools/demo.sh"
	assert_success
	assert_line --partial '-- 10 items:'
	assert_line --regexp '^outlet-b +consent.cookies '
	assert_line '{"a":"outlet-b","b":"wire","jaccard":0.354,"in_a":0.8571,"in_b":0.3762,"shared":114}'
	assert_line --regexp '^outlet-b +from wire +0.9416 +wholly derived$'
	grep -q 'id="a1"' "$T/demo/outlet-b.html"
	assert_line --regexp '^\{"id":"lighthouse-reopens","url":"http://harbour-gazette.example/news/'
	assert_line --regexp '^\{"id":"export#2","date":"2021-04-24","title":"Ferry timetable cut'
}
