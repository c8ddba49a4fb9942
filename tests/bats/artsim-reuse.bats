#!/usr/bin/env bats
# artsim's decisions: rewrites under the thresholds found by their
# passages, templates left apart, clusters without chains, --dedup's
# provenance, identical items in bounded memory, --dups committed only
# with -o.  Every fixture is invented here.

load common

# The rewrites an outlet makes of one story (tests/eval/gen_rewrites.py
# plants them at scale): a third of the story cut, 8% of its words
# swapped for synonyms, and one more edit each.
rewrites() {
	python3 - "$T/items.jsonl" <<'PY'
import json, sys
S = [
 "The Harlow Valley water board approved a plan on Tuesday to spend 48 million pounds on new pipes across the district.",
 "Board chairman Peter Quilling said the work would begin in March and take about three years to finish.",
 "Leaks from the old network cost the valley nearly 9 million litres of water every day last summer.",
 "Engineers from Corrow Utilities will replace 112 kilometres of cast iron mains laid before 1950.",
 "Residents in Marsh End and Tilby will see the first crews on their streets in the spring.",
 "The board said bills would rise by 4 per cent a year until the project is paid for.",
 "Opposition councillor Dana Fenwick called the increase unfair to pensioners on fixed incomes.",
 "She asked the board to publish the full contract with Corrow Utilities before any work starts.",
 "Quilling said the contract would be released once the final price had been agreed next month.",
 "A public meeting on the plan will be held at Harlow Town Hall on 14 February at seven o'clock.",
 "The regulator Ofwat must still approve the rise in bills before it can take effect.",
 "The last major upgrade of the valley's network was carried out more than forty years ago.",
]
SYN = {"approved": "backed", "spend": "invest", "said": "stated", "work": "project",
       "begin": "start", "cost": "lost", "nearly": "almost",
       "first": "earliest", "rise": "increase",
       "called": "described", "asked": "urged", "released": "published",
       "public": "open", "major": "big"}
def swap(t):
    return " ".join(SYN.get(w, w) for w in t.split())
C = S[:2] + S[3:5] + S[6:9] + S[10:]	# a third of the story cut
cut = " ".join(C[:3]) + "\n\n" + " ".join(C[3:6]) + "\n\n" + " ".join(C[6:])
src = " ".join(S[:4]) + "\n\n" + " ".join(S[4:8]) + "\n\n" + " ".join(S[8:])
kinds = {
 "swap": swap(cut),
 "insert": swap(" ".join(C[:3]) + " Local farmers welcomed the news but want a say in the route.\n\n" + " ".join(C[3:6]) + "\n\nShopkeepers on the high street fear months of disruption and lost trade.\n\n" + " ".join(C[6:])),
 "end": swap(" ".join(C[:3]) + "\n\n" + " ".join(C[3:5])),
 "reorder": swap(" ".join(C[6:]) + "\n\n" + " ".join(C[:3]) + "\n\n" + " ".join(C[3:6])),
 "boiler": "Sign up to our newsletter for the latest local news.\n\nShare this article on Facebook or by email.\n\n" + swap(cut) + "\n\nCopyright Valley Media Group. All rights reserved.\n\nRead more: our top stories today",
 "spell": swap(cut.replace("per cent", "percent").replace("kilometres", "kilometers").replace("three", "3").replace("9 million", "nine million").replace("seven", "7")),
}
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "source", "title": "Valley water board backs 48m pipe plan", "text": src}) + "\n")
    for k, t in kinds.items():
        f.write(json.dumps({"id": k, "title": "Water bills to rise as pipes are replaced", "text": t}) + "\n")
PY
}

# b_of ID: the items paired with ID, one per line, from pairs on stdin.
paired_with() {
	python3 -c '
import json, sys
for l in sys.stdin:
    p = json.loads(l)
    if sys.argv[1] in (p["a"], p["b"]):
        print(p["b"] if p["a"] == sys.argv[1] else p["a"],
              "passages" if "passages" in p else "shingles")' "$1"
}

@test "every kind of rewrite pairs with its source, under the thresholds by its passages" {
	rewrites
	artsim "$T/items.jsonl" | paired_with source | sort > "$T/got"
	printf '%s\n' "boiler passages" "end shingles" "insert passages" \
	    "reorder shingles" "spell passages" "swap shingles" > "$T/want"
	diff "$T/want" "$T/got"
	# The thresholds alone miss three of them.
	run -0 sh -c "artsim --floor 0 '$T/items.jsonl' | grep -c source"
	assert_output 3
	# A headline changed too: the title and text compared.
	run -0 sh -c "artsim --with-title '$T/items.jsonl' | grep -c source"
	assert_output 6
	# The figures that decided are in the pair, and bounded.
	artsim "$T/items.jsonl" | python3 -c '
import json, sys
for l in sys.stdin:
    p = json.loads(l)
    if "passages" in p:
        assert p["passages"] >= 1 and p["words"] >= 20, p
        assert max(p["covered_a"], p["covered_b"]) >= 0.5, p
        assert 0.85 <= p["facts"] <= 1 and 0.8 <= p["similarity"] <= 1, p
        assert max(p["in_a"], p["in_b"]) < 0.5 and p["jaccard"] < 0.5, p'
}

# Templated items: the same wording, other issuers and other figures.
templates() {
	python3 - "$T/tpl.jsonl" <<'PY'
import json, random, sys
rng = random.Random(5)
names = ["Arlen Finance", "Brisk Capital", "Calder Funding", "Dunmore Bank",
         "Elstow Credit", "Fenwick Trust", "Garside Holdings", "Holm Capital"]
leads = ["Tarrant Securities", "Merle Brothers", "Oakhurst Capital Markets",
         "Pellow and Co", "Quarry Bank International"]
frac = lambda: rng.choice(["1/8", "1/4", "3/8", "1/2", "5/8", "3/4", "7/8"])
with open(sys.argv[1], "w") as f:
    for i, n in enumerate(names):
        t = (f"{n} is issuing a {rng.choice([50, 75, 100, 150])} mln "
             f"Australian dlr eurobond due {rng.choice(['May', 'July'])} "
             f"{rng.randint(1, 28)}, {rng.randint(1989, 1997)} paying "
             f"{rng.randint(9, 15)}-{frac()} pct and priced at "
             f"{rng.randint(99, 102)}-{frac()} pct, lead manager "
             f"{rng.choice(leads)} said.\n    The non-callable bond is "
             f"available in denominations of 1,000 and 10,000 Australian "
             f"dlrs and will be listed in Luxembourg.\n    The selling "
             f"concession is 1-{frac()} pct, while management and "
             f"underwriting combined pays {frac()} pct.\n    Payment date "
             f"is {rng.choice(['June', 'August'])} {rng.randint(1, 28)}.")
        f.write(json.dumps({"id": f"tpl-{i}", "text": t}) + "\n")
PY
}

@test "templated items are not copies of each other" {
	templates
	# Their pairs by the thresholds are today's; under them, candidates
	# whose wording is shared and whose figures and names are not.
	artsim -t 0.5 --contain 0.5 --floor 0 "$T/tpl.jsonl" > "$T/want"
	artsim -t 0.25 --contain 0.25 --floor 0 "$T/tpl.jsonl" > "$T/cand"
	[ "$(wc -l < "$T/cand")" -gt "$(($(wc -l < "$T/want") + 3))" ]
	artsim "$T/tpl.jsonl" > "$T/got"
	diff "$T/want" "$T/got"
}

# map | sort | reduce's four rounds, options OPTS given to every step.
mapreduce() {
	local f=$1
	shift
	artsim --map "$@" "$f" | LC_ALL=C sort | artsim --reduce "$@" |
	    LC_ALL=C sort | artsim --reduce "$@" | LC_ALL=C sort |
	    artsim --reduce "$@" | LC_ALL=C sort | artsim --reduce "$@"
}

@test "map | sort | reduce decides the pairs under the thresholds as the in-memory run" {
	rewrites
	templates
	# Ids in the input's order, which the pairs of both come in.
	cat "$T/items.jsonl" "$T/tpl.jsonl" | python3 -c '
import json, sys
for i, l in enumerate(sys.stdin):
    r = json.loads(l)
    r["id"] = "%02d-%s" % (i, r["id"])
    print(json.dumps(r))' > "$T/all.jsonl"
	artsim "$T/all.jsonl" > "$T/want"
	# Rewrites decided by their passages are there, templates not.
	[ "$(grep -c passages "$T/want")" -eq 3 ]
	mapreduce "$T/all.jsonl" > "$T/got"
	cmp "$T/want" "$T/got"
	# --floor given to every step decides as in memory.
	artsim --floor 0 "$T/all.jsonl" > "$T/want0"
	run -1 cmp -s "$T/want" "$T/want0"
	mapreduce "$T/all.jsonl" --floor 0 > "$T/got0"
	cmp "$T/want0" "$T/got0"
	# A step with another --floor than the map refuses its lines.
	artsim --map "$T/all.jsonl" | LC_ALL=C sort > "$T/m"
	run -1 --separate-stderr artsim --reduce --floor 0.3 "$T/m"
	[[ $stderr =~ other\ options ]]
}

# Three items: a and b share half, b and c the other half of b, a and c
# nothing; b is the longest.
chain() {
	python3 - "$T/chain.jsonl" <<'PY'
import json, sys
p = ["The museum of rural life in Ashby reopened on Saturday after a two "
     "year restoration of its Victorian galleries and the old barn.",
     "Visitors queued from early morning to see the restored threshing "
     "machine that has stood in the barn since the museum opened in 1962.",
     "The curator Hannah Ruddock said the grant from the lottery fund had "
     "paid for new roofs, lighting and a lift to the upper floor.",
     "School groups will be able to book guided tours of the galleries from "
     "next month, with a new programme of craft days in the summer.",
     "The council expects the museum to draw more than forty thousand "
     "visitors in its first year and to support jobs in the town centre."]
items = {"a": p[0] + " " + p[1], "b": p[1] + " " + p[2] + " " + p[3],
         "c": p[3] + " " + p[4]}
with open(sys.argv[1], "w") as f:
    for k, t in items.items():
        f.write(json.dumps({"id": k, "date": {"a": "2021-03-02",
            "b": "2021-03-03", "c": "2021-03-01"}[k], "text": t}) + "\n")
PY
}

@test "clusters are stars: every item has a pair with its representative" {
	chain
	artsim "$T/chain.jsonl" | jget b | tr '\n' ' ' > "$T/pairs"
	assert_equal "$(cat "$T/pairs")" "b c "
	# By input order a stands for b, and c has no pair with a: its own.
	artsim --clusters "$T/chain.jsonl" | jget cluster | tr '\n' ' ' > "$T/cl"
	assert_equal "$(cat "$T/cl")" "a a c "
	# The longest, b, has a pair with both: one cluster.
	artsim --dedup --keep longest "$T/chain.jsonl" | jget id > "$T/kept"
	assert_equal "$(cat "$T/kept")" "b"
	# The earliest, c, stands for b; a has no pair with c.
	artsim --dedup --keep earliest "$T/chain.jsonl" | jget id |
	    tr '\n' ' ' > "$T/kept"
	assert_equal "$(cat "$T/kept")" "a c "
}

@test "--dups names the item each dropped one stands for, with their figures" {
	chain
	artsim --dedup --keep longest --dups "$T/dups.jsonl" "$T/chain.jsonl" \
	    > "$T/kept" 2> "$T/err"
	assert_equal "$(cat "$T/err")" \
	    "artsim: 2 duplicates dropped, 1 kept, dropped ones in $T/dups.jsonl"
	python3 - "$T/dups.jsonl" "$T/chain.jsonl" <<'PY'
import json, sys
dups = [json.loads(l) for l in open(sys.argv[1])]
items = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2])}
assert [d["id"] for d in dups] == ["a", "c"], dups
for d in dups:
    assert d["dup_of"] == "b", d
    f = d["dup"]
    assert set(f) >= {"jaccard", "in_a", "in_b", "shared"}, f
    assert max(f["in_a"], f["in_b"]) >= 0.5 or "passages" in f, f
    # The record is the input record, the two fields added.
    rest = {k: v for k, v in d.items() if k not in ("dup_of", "dup")}
    assert rest == items[d["id"]], rest
PY
}

@test "4,000 identical items cluster in bounded memory" {
	python3 -c '
import json
for i in range(4000):
    print(json.dumps({"id": f"p{i}", "text": "Page not found. The page you "
        "asked for does not exist or has been moved; try the search box."}))
' > "$T/same.jsonl"
	# Each against each took 635 MB; one set compared once takes little
	# (plus AddressSanitizer's shadow and quarantine under SAN=1).
	limit=100000
	sim=${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}/artsim
	if nm "$sim" 2>/dev/null | grep -q __asan_init; then
		limit=$((limit + 512 * 1024))
	fi
	"$ARTKIT_BUILD/tools/rusage" -o "$T/ru" "$sim" --dedup --keep first \
	    "$T/same.jsonl" > "$T/kept" 2> "$T/err"
	assert_equal "$(cat "$T/err")" "artsim: 3999 duplicates dropped, 1 kept"
	assert_equal "$(jget id < "$T/kept")" "p0"
	kb=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$T/ru")
	[ "$kb" -lt "$limit" ] || fail "peak RSS $kb KB, limit $limit KB"
	"$ARTKIT_BUILD/tools/rusage" -o "$T/ru2" "$sim" --clusters \
	    "$T/same.jsonl" > "$T/cl"
	assert_equal "$(jget cluster < "$T/cl" | sort -u)" "p0"
	kb=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' "$T/ru2")
	[ "$kb" -lt "$limit" ] || fail "peak RSS $kb KB, limit $limit KB"
	# Pairs mode still gives every pair of them.
	head -n 30 "$T/same.jsonl" | artsim | wc -l > "$T/n"
	assert_equal "$(cat "$T/n")" 435
}

@test "a failed --dedup writes neither -o nor --dups, and says nothing dropped" {
	chain
	{ cat "$T/chain.jsonl"; echo '{"id":"bad",'; } > "$T/in.jsonl"
	run -1 artsim --dedup -o "$T/out.jsonl" --dups "$T/dups.jsonl" \
	    "$T/in.jsonl"
	refute_output --partial "dropped"
	[ ! -e "$T/out.jsonl" ] && [ ! -e "$T/dups.jsonl" ]
	# With --rejects the run goes on, and both are written.
	run -1 artsim --dedup -o "$T/out.jsonl" --dups "$T/dups.jsonl" \
	    --rejects "$T/rej" "$T/in.jsonl"
	assert_output --partial "dropped ones in"
	[ -s "$T/out.jsonl" ] && [ -s "$T/dups.jsonl" ]
}

@test "--ref finds an item that quotes half a reference under the thresholds" {
	rewrites
	head -n 1 "$T/items.jsonl" | artsim --index -o "$T/ref.idx"
	tail -n +2 "$T/items.jsonl" | artsim --ref "$T/ref.idx" |
	    jget a | sort | tr '\n' ' ' > "$T/got"
	assert_equal "$(cat "$T/got")" "boiler end insert reorder spell swap "
	run -0 sh -c "tail -n +2 '$T/items.jsonl' |
	    artsim --ref '$T/ref.idx' --floor 0 | wc -l"
	assert_output 3
}
