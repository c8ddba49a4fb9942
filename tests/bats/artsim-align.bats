#!/usr/bin/env bats
# artsim --align, --index and --ref: passages checked as exact slices of
# the texts (offsets in code points), the reference index against the
# in-memory pairs, bad index files, atomic builds and flat memory.

load common

# The source: six sentences, non-ASCII before the reused ones.
S1="Zoë Hartley’s harbour board met on Tuesday to agree the budget for the coming year and the new pier."
S1E="Zoë Hartley’s harbour board met on Monday to agree the budget for the coming year and the new pier."
S2="Members spoke for an hour about the cost of dredging the channel before the final vote was taken."
S3="The chair said the vote had been close but fair to everyone who had taken part in the long debate."
S4="Fishermen who attended the meeting welcomed the decision and thanked the board for listening to them."
S5="Work on the pier is due to start in the spring and should take about eighteen months to finish."
S6="Later the director general said the plans would be published in full on the council website next week."
U1="In other news, the director general said the café on the quay would close for good at the weekend."

# The source and a rewrite: S4 moved to the top, a new sentence sharing
# only "the director general said the", S1 with one word changed and S2
# verbatim (one passage), S3, S5 and S6 deleted.
fixture() {
	python3 - "$T/pair.jsonl" "$S1" "$S2" "$S3" "$S4" "$S5" "$S6" "$S1E" "$U1" <<'PY'
import json, sys
out, s1, s2, s3, s4, s5, s6, s1e, u1 = sys.argv[1:]
src = s1 + " " + s2 + "\n\n" + s3 + "\n\n" + s4 + " " + s5 + "\n\n" + s6
rw = s4 + "\n\n" + u1 + "\n\n" + s1e + " " + s2
with open(out, "w") as f:
    for i, t in (("src", src), ("rw", rw)):
        f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
PY
}

# slices FILE: each passage on stdin as "a-slice | b-slice | words exact",
# the slices cut from the items' texts by code point (Python's str).
slices() {
	python3 -c '
import json, sys
text = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    text[r["id"]] = r["text"]
for l in sys.stdin:
    p = json.loads(l)
    if "a_start" in p:
        print(text[p["a"]][p["a_start"]:p["a_end"]], "|",
              text[p["b"]][p["b_start"]:p["b_end"]], "|", p["words"],
              p["exact"])' "$1"
}

@test "--align finds every reused passage at its offsets, and nothing else" {
	fixture
	artsim --align "$T/pair.jsonl" > "$T/out"
	slices "$T/pair.jsonl" < "$T/out" > "$T/got"
	printf '%s | %s | 37 False\n%s | %s | 16 True\n' \
	    "$S1 $S2" "$S1E $S2" "$S4" "$S4" > "$T/want"
	diff "$T/want" "$T/got"
	# The shared phrase and the deleted sentences are in no passage.
	run grep -c '"a_start"' "$T/out"
	assert_output 2
	# One summary per item: the share of its words reused (53 of 111
	# and of 73).
	run bash -c "grep '\"verdict\"' '$T/out'"
	assert_line --index 0 '{"id":"src","from":"rw","passages":2,"words":53,"reused":0.4775,"verdict":"partially derived"}'
	assert_line --index 1 '{"id":"rw","from":"src","passages":2,"words":53,"reused":0.726,"verdict":"wholly derived"}'
}

@test "a light edit lowers the similarity; a verbatim copy is exact" {
	fixture
	artsim --align "$T/pair.jsonl" | python3 -c '
import json, sys
ps = [json.loads(l) for l in sys.stdin if "a_start" in l]
assert not ps[0]["exact"] and 0.95 < ps[0]["similarity"] < 1, ps[0]
assert ps[1]["exact"] and ps[1]["similarity"] == 1, ps[1]'
}

@test "--min-words: a shared phrase becomes a passage only when allowed" {
	fixture
	run bash -c "artsim --align --min-words 5 '$T/pair.jsonl' | grep -c a_start"
	assert_output 3
	artsim --align --min-words 5 "$T/pair.jsonl" | slices "$T/pair.jsonl" |
	    grep -F "$U1" > /dev/null
	run bash -c "artsim --align --min-words 20 '$T/pair.jsonl' | grep -c a_start"
	assert_output 1
}

@test "--wholly and --partly set the verdicts" {
	fixture
	run bash -c "artsim --align --wholly 0.8 '$T/pair.jsonl' | jget verdict | grep -v null"
	assert_output "$(printf 'partially derived\npartially derived')"
	run bash -c "artsim --align --partly 0.6 --wholly 0.9 '$T/pair.jsonl' | jget verdict | grep -v null"
	assert_output "$(printf 'not derived\npartially derived')"
	run artsim --align --partly 0.7 --wholly 0.6 "$T/pair.jsonl"
	assert_failure 2
	run artsim --wholly 0.5 "$T/pair.jsonl"
	assert_failure 2
	run artsim --align --with-title "$T/pair.jsonl"
	assert_failure 2
}

@test "artsent's sentence records give the same passages as whole items" {
	fixture
	artsim --align "$T/pair.jsonl" > "$T/whole"
	artsent --offsets "$T/pair.jsonl" | artsim --align > "$T/sent"
	diff "$T/whole" "$T/sent"
	# Without offsets the sentences are joined again: same words.
	artsent "$T/pair.jsonl" | artsim --align | jget words > "$T/w"
	jget words < "$T/whole" > "$T/want"
	diff "$T/want" "$T/w"
}

@test "a sentence record far into its text costs no memory for the gap" {
	fixture
	artsent --offsets "$T/pair.jsonl" > "$T/sent.jsonl"
	# src's sentences a thousand million code points further on
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["id"] == "src":
        r["start"] += 10**9
        r["end"] += 10**9
    print(json.dumps(r, ensure_ascii=False))' "$T/sent.jsonl" > "$T/far.jsonl"
	bin=${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}
	"$ARTKIT_BUILD/tools/rusage" -o "$T/ru.align" "$bin/artsim" --align "$T/far.jsonl" > "$T/far.out"
	"$ARTKIT_BUILD/tools/rusage" -o "$T/ru.index" "$bin/artsim" --index -o "$T/far.idx" "$T/far.jsonl"
	"$ARTKIT_BUILD/tools/rusage" -o "$T/ru.ref" "$bin/artsim" --ref "$T/far.idx" --align "$T/sent.jsonl" > "$T/ref.out"
	for r in align index ref; do
		kb=$(sed 's/.*maxrss_kb=\([0-9]*\).*/\1/' "$T/ru.$r")
		[ "$kb" -lt 65536 ] || fail "--$r: $kb KB"
	done
	# the offsets are those of the far text
	artsim --align "$T/sent.jsonl" > "$T/near.out"
	python3 -c '
import json, sys
near = [json.loads(l) for l in open(sys.argv[1])]
far = [json.loads(l) for l in open(sys.argv[2])]
ref = [json.loads(l) for l in open(sys.argv[3])]
assert len(near) == len(far) > 2, (len(near), len(far))
for n, f in zip(near, far):
    for side in "ab":
        if n.get(side) == "src" and side + "_start" in n:
            n[side + "_start"] += 10**9
            n[side + "_end"] += 10**9
    assert n == f, (n, f)
assert any(p.get("b") == "src" and p.get("b_start", 0) >= 10**9 for p in ref)
' "$T/near.out" "$T/far.out" "$T/ref.out"
}

@test "sentence records with offsets that go backwards are refused" {
	printf '%s\n' '{"id":"x","par":1,"sent":1,"text":"One two three.","start":5,"end":19}' \
	    '{"id":"x","par":1,"sent":2,"text":"Four five.","start":2,"end":12}' > "$T/bad.jsonl"
	run --separate-stderr artsim --align "$T/bad.jsonl"
	assert_failure 1
	[[ "$stderr" == "artsim: $T/bad.jsonl:2: sentence \"start\" is before the end of the sentence before it" ]]
	run --separate-stderr artsim --align --rejects "$T/rej" "$T/bad.jsonl"
	assert_failure 1
	assert_equal "$(cat "$T/rej")" "$(sed -n 2p "$T/bad.jsonl")"
}

@test "on the sample corpus every passage is whole sentences of real reuse" {
	artsplit "$ARTKIT_SHARE"/corpus/outlet-*.txt "$ARTKIT_SHARE"/corpus/wire.txt |
	    artclean > "$T/c.jsonl"
	artsim --align "$T/c.jsonl" > "$T/out"
	python3 - "$T/c.jsonl" "$T/out" <<'PY'
import json, re, sys
text = {}
for l in open(sys.argv[1]):
    r = json.loads(l)
    text[r["id"]] = r["text"]
words = lambda s: re.findall(r"[^\W_]+", s.casefold())
n = 0
for l in open(sys.argv[2]):
    p = json.loads(l)
    if "a_start" not in p:
        continue
    n += 1
    a = text[p["a"]][p["a_start"]:p["a_end"]]
    b = text[p["b"]][p["b_start"]:p["b_end"]]
    # Sentence-bounded: no white space at either end, a stop at the end.
    for s in (a, b):
        assert s == s.strip() and s[-1] in ".”\"'", s
    assert len(words(a)) >= 10 and p["words"] >= 10
    assert p["exact"] == (words(a) == words(b)), p
    assert not re.search(r"newsletter|Credit:|cookies|Read more", a + b)
# outlet-b is mostly copied from the wire story.
assert n >= 8, n
PY
	run bash -c "grep '\"id\":\"outlet-b\",\"from\":\"wire\"' '$T/out' | jget verdict"
	assert_output "wholly derived"
}

# A generated set split in two: references and a stream.
gen_split() {
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -S 7 -d 40 -n 1500 -f jsonl > "$T/gen.jsonl"
	n=$(wc -l < "$T/gen.jsonl")
	head -n $((n / 2)) "$T/gen.jsonl" > "$T/refs.jsonl"
	tail -n +$((n / 2 + 1)) "$T/gen.jsonl" > "$T/stream.jsonl"
}

# cross REFS: the pairs on stdin between a reference and another item,
# turned so that a is the item, sorted.
cross() {
	python3 -c '
import json, sys
refs = {json.loads(l)["id"] for l in open(sys.argv[1])}
out = []
for l in sys.stdin:
    p = json.loads(l)
    if (p["a"] in refs) == (p["b"] in refs):
        continue
    if p["a"] in refs:
        p["a"], p["b"], p["in_a"], p["in_b"] = p["b"], p["a"], p["in_b"], p["in_a"]
        if "covered_a" in p:
            p["covered_a"], p["covered_b"] = p["covered_b"], p["covered_a"]
    out.append(p)
for p in sorted(out, key=lambda p: (p["a"], p["b"])):
    print(json.dumps(p, separators=(",", ":")))' "$1"
}

@test "--ref gives the pairs the in-memory mode gives, with the same figures" {
	gen_split
	artsim --index -o "$T/refs.idx" "$T/refs.jsonl"
	for opts in "" "-t 0.3 --contain 0.2" "--contain 0" "-t 0.8 --contain 0.9"; do
		cat "$T/refs.jsonl" "$T/stream.jsonl" | artsim $opts | cross "$T/refs.jsonl" > "$T/want"
		artsim --ref "$T/refs.idx" $opts "$T/stream.jsonl" | cross "$T/refs.jsonl" > "$T/got"
		[ "$(wc -l < "$T/want")" -gt 5 ]
		diff "$T/want" "$T/got"
	done
}

# More than REFINDEX_COMMON (500) references share the generator's stock
# phrases: their lists are common ones, which --ref reads only for the
# references the rarer lists found, and only when that costs less than
# intersecting their sets (here, at the low thresholds).
@test "--ref counts the hits of common phrases as the in-memory mode does" {
	"$ARTKIT_BUILD/tools/gencorpus" -s 4M -S 7 -d 40 -n 1500 -f jsonl > "$T/gen.jsonl"
	n=$(wc -l < "$T/gen.jsonl")
	[ "$n" -gt 1100 ]
	head -n $((n / 2)) "$T/gen.jsonl" > "$T/refs.jsonl"
	tail -n +$((n / 2 + 1)) "$T/gen.jsonl" > "$T/stream.jsonl"
	artsim --index -o "$T/refs.idx" "$T/refs.jsonl"
	for opts in "" "-t 0.3 --contain 0.2" "--contain 0"; do
		cat "$T/refs.jsonl" "$T/stream.jsonl" | artsim $opts | cross "$T/refs.jsonl" > "$T/want"
		artsim --ref "$T/refs.idx" $opts "$T/stream.jsonl" | cross "$T/refs.jsonl" > "$T/got"
		[ "$(wc -l < "$T/want")" -gt 100 ]
		diff "$T/want" "$T/got"
	done
}

@test "--ref finds containment both ways" {
	long="The harbour board met on Tuesday to agree the budget for the coming year and the new pier. Members spoke for an hour about the cost of dredging the channel. The chair said the vote had been close but fair. Fishermen who attended the meeting welcomed the decision."
	short="Members spoke for an hour about the cost of dredging the channel. The chair said the vote had been close but fair."
	printf '{"id":"long","text":"%s"}\n' "$long" > "$T/r1.jsonl"
	printf '{"id":"short","text":"%s"}\n' "$short" > "$T/r2.jsonl"
	artsim --index -o "$T/long.idx" "$T/r1.jsonl"
	artsim --index -o "$T/short.idx" "$T/r2.jsonl"
	run artsim --ref "$T/long.idx" "$T/r2.jsonl"
	assert_output '{"a":"short","b":"long","jaccard":0.4091,"in_a":1,"in_b":0.4091,"shared":18}'
	run artsim --ref "$T/short.idx" "$T/r1.jsonl"
	assert_output '{"a":"long","b":"short","jaccard":0.4091,"in_a":0.4091,"in_b":1,"shared":18}'
}

@test "--ref --align gives the passages --align gives" {
	artsplit "$ARTKIT_SHARE"/corpus/outlet-*.txt | artclean > "$T/outlets.jsonl"
	artsplit "$ARTKIT_SHARE"/corpus/wire.txt | artclean > "$T/wire.jsonl"
	artsim --index -o "$T/wire.idx" "$T/wire.jsonl"
	artsim --ref "$T/wire.idx" --align "$T/outlets.jsonl" > "$T/got"
	# In memory, outlets first: the pairs with the wire story, a outlet.
	cat "$T/outlets.jsonl" "$T/wire.jsonl" | artsim --align |
	    grep -e '"b":"wire"' -e '"from":"wire"' > "$T/want"
	[ "$(wc -l < "$T/want")" -gt 8 ]
	diff "$T/want" "$T/got"
}

@test "--ref streams: a split stream gives the concatenated answer" {
	gen_split
	artsim --index -o "$T/refs.idx" "$T/refs.jsonl"
	artsim --ref "$T/refs.idx" --align "$T/stream.jsonl" > "$T/one"
	n=$(wc -l < "$T/stream.jsonl")
	head -n $((n / 3)) "$T/stream.jsonl" > "$T/p1"
	tail -n +$((n / 3 + 1)) "$T/stream.jsonl" > "$T/p2"
	{ artsim --ref "$T/refs.idx" --align "$T/p1"
	  artsim --ref "$T/refs.idx" --align "$T/p2"; } > "$T/two"
	[ -s "$T/one" ]
	diff "$T/one" "$T/two"
	# The same build gives the same bytes.
	artsim --index -o "$T/again.idx" "$T/refs.jsonl"
	cmp "$T/refs.idx" "$T/again.idx"
}

@test "--ref answers the same whatever the number of threads" {
	# Over 2,500 items: ten batches of up to 256 on the threads.
	"$ARTKIT_BUILD/tools/gencorpus" -s 3600K -S 11 -d 40 -n 900 -f jsonl > "$T/gen.jsonl"
	head -n 400 "$T/gen.jsonl" > "$T/refs.jsonl"
	tail -n +401 "$T/gen.jsonl" > "$T/stream.jsonl"
	[ "$(wc -l < "$T/stream.jsonl")" -gt 2500 ]
	artsim --index -o "$T/refs.idx" "$T/refs.jsonl"
	# One thread answers each item as it comes, in input order.
	artsim -j 1 --ref "$T/refs.idx" "$T/stream.jsonl" > "$T/one"
	[ "$(wc -l < "$T/one")" -gt 50 ]
	for j in 2 3 7; do
		artsim -j $j --ref "$T/refs.idx" "$T/stream.jsonl" > "$T/many"
		cmp "$T/one" "$T/many"
	done
	artsim --ref "$T/refs.idx" "$T/stream.jsonl" > "$T/default"
	cmp "$T/one" "$T/default"
	# --align, from artsent's sentence records.
	head -n 600 "$T/stream.jsonl" | artsent > "$T/sents.jsonl"
	artsim -j 1 --ref "$T/refs.idx" --align "$T/sents.jsonl" > "$T/one"
	artsim -j 3 --ref "$T/refs.idx" --align "$T/sents.jsonl" > "$T/many"
	grep -q '"verdict"' "$T/one"
	cmp "$T/one" "$T/many"
}

@test "-j is a number of threads from 1" {
	printf '{"id":"x","text":"a b c d e f"}\n' > "$T/x.jsonl"
	for j in 0 -1 x 1000; do
		run --separate-stderr artsim -j "$j" "$T/x.jsonl"
		assert_failure 2
		[[ "$stderr" == *threads* ]]
	done
	run artsim -j 2 "$T/x.jsonl"
	assert_success
}

@test "a truncated, foreign, older or damaged index is refused, naming it" {
	fixture
	artsim --index -o "$T/ok.idx" "$T/pair.jsonl"
	size=$(wc -c < "$T/ok.idx")
	head -c $((size - 1)) "$T/ok.idx" > "$T/trunc.idx"
	head -c 100 "$T/ok.idx" > "$T/short.idx"
	cp "$T/ok.idx" "$T/v0.idx"
	printf '\000' | dd of="$T/v0.idx" bs=1 seek=8 conv=notrunc 2>/dev/null
	cp "$T/ok.idx" "$T/hdr.idx"
	printf '\377' | dd of="$T/hdr.idx" bs=1 seek=36 conv=notrunc 2>/dev/null
	: > "$T/empty.idx"
	for f in trunc short v0 hdr empty pair.jsonl missing; do
		case $f in *.*) p=$T/$f ;; *) p=$T/$f.idx ;; esac
		run --separate-stderr artsim --ref "$p" "$T/pair.jsonl"
		assert_failure 1
		assert_output ''
		[[ "$stderr" == "artsim: $p: "* ]]
		echo "$f: $stderr" >> "$T/msgs"
	done
	grep -q "^trunc: .*truncated: $((size - 1)) of $size bytes" "$T/msgs"
	grep -q "^short: .*truncated" "$T/msgs"
	grep -q "^v0: .*index format version 0, but this artsim reads version [1-9]" "$T/msgs"
	grep -q "^hdr: .*damaged header" "$T/msgs"
	grep -q "^empty: .*not an artsim reference index" "$T/msgs"
	grep -q "^pair.jsonl: .*not an artsim reference index" "$T/msgs"
	grep -q "^missing: .*No such file or directory" "$T/msgs"
}

@test "damage in any section of an index stops --ref with one message, never other answers" {
	# A closing line in every item makes common phrases, whose long
	# lists make a query verify its candidates from their sets.
	"$ARTKIT_BUILD/tools/gencorpus" -s 2M -S 3 -d 30 -f jsonl |
	    python3 -c '
import json, sys
for l in sys.stdin:
    r = json.loads(l)
    r["text"] += " Readers can reach the newsroom at any hour by telephone, by letter or through the website form."
    print(json.dumps(r, ensure_ascii=False))' > "$T/refs.jsonl"
	artsim --index -o "$T/refs.idx" "$T/refs.jsonl"
	artsim -j 3 --ref "$T/refs.idx" "$T/refs.jsonl" > "$T/good"
	[ "$(wc -l < "$T/good")" -gt 100 ]
	# section NAME OFFSET-IN-HEADER: a page zeroed, a byte flipped
	for s in fingerprints:88 references:96 sets:104 sentences:112 strings:120; do
		name=${s%:*}
		for how in zero flip; do
			python3 -c '
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
at = struct.unpack_from("<Q", d, int(sys.argv[2]))[0] + 64
if sys.argv[3] == "zero":
    d[at:at + 4096] = bytes(len(d[at:at + 4096]))
else:
    d[at] ^= 0x80
open(sys.argv[4], "wb").write(d)' "$T/refs.idx" "${s#*:}" "$how" "$T/bad.idx"
			cmp -s "$T/refs.idx" "$T/bad.idx" && fail "$name $how: no change"
			opt=
			[ "$name" = sentences ] && opt=--align
			run -1 --separate-stderr artsim -j 3 --ref "$T/bad.idx" $opt "$T/refs.jsonl"
			assert_equal "$stderr" "artsim: $T/bad.idx: damaged index ($name): build it again with artsim --index"
			# what came out before is right: a prefix of the answers
			if [ -z "$opt" ] && [ -n "$output" ]; then
				[ "$(head -c ${#output} "$T/good")" = "$output" ] || fail "$name $how: other answers"
			fi
		done
	done
}

@test "a failed --index build leaves no file behind" {
	fixture
	printf '%s\n' '{"id":"a","text":"one two three four five six"}' '{"id":' > "$T/bad.jsonl"
	mkdir "$T/out"
	run artsim --index -o "$T/out/x.idx" "$T/bad.jsonl"
	assert_failure 1
	run artsim --index -o "$T/out/x.idx" "$T/pair.jsonl" "$T/missing.jsonl"
	assert_failure 1
	# Duplicate ids: references must be told apart.
	run artsim --index -o "$T/out/x.idx" "$T/pair.jsonl" "$T/pair.jsonl"
	assert_failure 1
	assert_equal "$(ls -A "$T/out")" ""
	# An old index is replaced only by a good one.
	artsim --index -o "$T/out/x.idx" "$T/pair.jsonl"
	cp "$T/out/x.idx" "$T/keep.idx"
	run artsim --index -o "$T/out/x.idx" "$T/bad.jsonl"
	assert_failure 1
	cmp "$T/out/x.idx" "$T/keep.idx"
	assert_equal "$(ls -A "$T/out")" "x.idx"
}

@test "--index and --ref usage errors" {
	fixture
	artsim --index -o "$T/ok.idx" "$T/pair.jsonl"
	run artsim --index -z -o "$T/x.idx" "$T/pair.jsonl"
	assert_failure 2
	run artsim --index --ref "$T/ok.idx" "$T/pair.jsonl"
	assert_failure 2
	run artsim --index --align -o "$T/x.idx" "$T/pair.jsonl"
	assert_failure 2
	run artsim --ref "$T/ok.idx" -n 4 "$T/pair.jsonl"
	assert_failure 2
	run artsim --ref "$T/ok.idx" --clusters "$T/pair.jsonl"
	assert_failure 2
	# The index keeps its shingle settings: -n 4 at build time holds.
	artsim --index -n 4 -o "$T/n4.idx" "$T/pair.jsonl"
	run artsim --ref "$T/n4.idx" "$T/pair.jsonl"
	assert_success
	assert_line --index 0 --partial '{"a":"src","b":"src","jaccard":1'
}

@test "--ref memory stays flat however long the stream" {
	"$ARTKIT_BUILD/tools/gencorpus" -s 1M -S 3 -d 30 -f jsonl > "$T/refs.jsonl"
	artsim --index -o "$T/refs.idx" "$T/refs.jsonl"
	"$ARTKIT_BUILD/tools/gencorpus" -s 500K -S 5 -d 30 -f jsonl > "$T/short.jsonl"
	"$ARTKIT_BUILD/tools/gencorpus" -s 8M -S 5 -d 30 -f jsonl > "$T/long.jsonl"
	# The real binary, also under make check VALGRIND=1 (tests/run).
	for s in short long; do
		"$ARTKIT_BUILD/tools/rusage" -o "$T/ru.$s" "${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}/artsim" --ref "$T/refs.idx" --align "$T/$s.jsonl" > /dev/null
	done
	short=$(sed 's/.*maxrss_kb=\([0-9]*\).*/\1/' "$T/ru.short")
	long=$(sed 's/.*maxrss_kb=\([0-9]*\).*/\1/' "$T/ru.long")
	echo "short $short KB, long $long KB"
	[ "$long" -lt $((short + 4096)) ]
}
