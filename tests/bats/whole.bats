#!/usr/bin/env bats
# whole.bats - every tool's output is whole (issue 11): each test knows,
# from its input alone, every record the tool must write, so an output
# that is empty, cut short, or cut inside a record fails it.  The inputs
# come from tools/gencorpus with no near-duplicates (-d 0), whose items
# share no passage with one another.

load common

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
GEN=$ARTKIT_BUILD/tools/gencorpus

# whole FILE: every line of FILE is a JSON object and the file ends with
# a newline; prints the number of lines.
whole() {
	[ -s "$1" ] || { echo "empty: $1" >&2; return 1; }
	[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] ||
	    { echo "no newline at the end of $1" >&2; return 1; }
	jvalid < "$1"
}

@test "artsplit writes every article of a stream, each whole" {
	"$GEN" -d 0 -s 150K -f text > "$T/in.txt"
	"$GEN" -d 0 -s 300K -f jsonl > "$T/ref.jsonl"
	artsplit "$T/in.txt" > "$T/out"
	n=$(whole "$T/out") || fail "artsplit: output not whole"
	# One article per form feed, and one after the last.
	want=$(($(tr -cd '\f' < "$T/in.txt" | wc -c) + 1))
	[ "$want" -gt 30 ] || fail "only $want articles generated"
	assert_equal "$n" "$want"
	# The same items as the generator's JSON Lines, field for field.
	"$PY" - "$T/out" "$T/ref.jsonl" <<-'EOF' || fail "artsplit: items differ"
	import json, sys
	got = [json.loads(l) for l in open(sys.argv[1])]
	ref = [json.loads(l) for l in open(sys.argv[2])][:len(got)]
	assert len(ref) == len(got), (len(ref), len(got))
	for g, r in zip(got, ref):
	    for k in ("title", "date", "source", "text"):
	        assert g.get(k) == r[k], (k, g.get(k), r[k])
	EOF
}

@test "artclean writes every record it reads, in order, each whole" {
	"$GEN" -d 0 -s 200K -f jsonl > "$T/in.jsonl"
	artclean "$T/in.jsonl" > "$T/out"
	n=$(whole "$T/out") || fail "artclean: output not whole"
	[ "$n" -gt 40 ] || fail "only $n records"
	assert_equal "$n" "$(wc -l < "$T/in.jsonl")"
	assert_equal "$(jget id < "$T/out")" "$(jget id < "$T/in.jsonl")"
	# Cleaning takes furniture away, never a whole body.
	"$PY" -c '
import json, sys
assert all(json.loads(l)["text"].strip() for l in sys.stdin)' < "$T/out" ||
	    fail "artclean: an empty text"
}

@test "artsent writes every sentence of every record, in order, to the last" {
	"$GEN" -d 0 -s 200K -f jsonl > "$T/in.jsonl"
	artsent --offsets "$T/in.jsonl" > "$T/out"
	whole "$T/out" > /dev/null || fail "artsent: output not whole"
	# The sentences of each item, in order, tile its text: each is its
	# text[start:end], each starts at or after the end of the one before
	# with only white space between, and the last ends where the text's
	# last non-space character does.
	"$PY" - "$T/in.jsonl" "$T/out" <<-'EOF' || fail "artsent: sentences do not tile the texts"
	import json, sys
	items = [json.loads(l) for l in open(sys.argv[1])]
	sents = [json.loads(l) for l in open(sys.argv[2])]
	assert len(items) > 40, len(items)
	by = {}
	for s in sents:
	    by.setdefault(s["id"], []).append(s)
	assert list(by) == [i["id"] for i in items], "ids differ"
	for i in items:
	    text, pos = i["text"], 0
	    for s in by[i["id"]]:
	        assert text[s["start"]:s["end"]] == s["text"], s
	        assert s["start"] >= pos and text[pos:s["start"]].strip() == "", s
	        pos = s["end"]
	    assert text[pos:].strip() == "", (i["id"], text[pos:][:80])
	EOF
}

# groups IN OUT: OUT holds the items of IN, the k-th repeated 1 + k % 3
# times under ids "k.r"; prints the number of records.
groups() {
	"$PY" - "$1" "$2" <<-'EOF'
	import json, sys
	n = 0
	with open(sys.argv[2], "w") as out:
	    for k, line in enumerate(open(sys.argv[1])):
	        r = json.loads(line)
	        for c in range(1 + k % 3):
	            out.write(json.dumps({"id": "%d.%d" % (k, c), "text": r["text"]}) + "\n")
	            n += 1
	print(n)
	EOF
}

@test "artsim finds every pair of copies, and --clusters and --dedup write every record" {
	"$GEN" -d 0 -s 60K -f jsonl > "$T/items.jsonl"
	total=$(groups "$T/items.jsonl" "$T/in.jsonl")
	[ "$total" -gt 20 ] || fail "only $total records"
	# Pairs: exactly the pairs of copies of one item (Jaccard 1).
	artsim "$T/in.jsonl" > "$T/pairs"
	whole "$T/pairs" > /dev/null || fail "artsim: output not whole"
	"$PY" - "$T/in.jsonl" "$T/pairs" <<-'EOF' || fail "artsim: pairs differ"
	import itertools, json, sys
	ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
	groups = {}
	for i in ids:
	    groups.setdefault(i.split(".")[0], []).append(i)
	want = {tuple(sorted(p)) for g in groups.values() for p in itertools.combinations(g, 2)}
	got = {tuple(sorted((p["a"], p["b"]))) for p in map(json.loads, open(sys.argv[2]))}
	assert len(want) > 10, len(want)
	assert got == want, (sorted(want - got)[:5], sorted(got - want)[:5])
	EOF
	# Clusters: every record once, in order, named by its first copy.
	artsim --clusters "$T/in.jsonl" > "$T/clusters"
	assert_equal "$(whole "$T/clusters")" "$total"
	assert_equal "$(jget id < "$T/clusters")" "$(jget id < "$T/in.jsonl")"
	assert_equal "$(jget cluster < "$T/clusters")" "$(jget id < "$T/in.jsonl" | sed 's/\..*/.0/')"
	# Dedup: the first copy of each item kept, the others in --dups.
	artsim --dedup --dups "$T/dups" "$T/in.jsonl" > "$T/kept" 2>/dev/null
	assert_equal "$(jget id < "$T/kept")" "$(jget id < "$T/in.jsonl" | grep '\.0$')"
	assert_equal "$(jget id < "$T/dups")" "$(jget id < "$T/in.jsonl" | grep -v '\.0$')"
}
