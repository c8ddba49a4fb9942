#!/usr/bin/env bats
# artsim: pairs, clusters and dedup, checked against an exact all-pairs
# reference computed independently in Python.

load common

# ref FILE J C: the exact pairs of FILE's records (word 5-shingles after
# NFKC and case folding) with Jaccard >= J or either containment >= C, as
# "a b jaccard" lines, 4 decimals.
ref() {
	python3 - "$@" <<'PY'
import json, re, sys, unicodedata
path, J, C = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
items = []
for line in open(path, encoding="utf-8"):
    r = json.loads(line)
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", r.get("text", "")).casefold())
    sh = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
    if not sh and words:
        sh = {" ".join(words)}
    items.append((r["id"], sh))
for i in range(len(items)):
    for j in range(i + 1, len(items)):
        a, b = items[i][1], items[j][1]
        if not a or not b:
            continue
        s = len(a & b)
        jac = s / len(a | b)
        if jac >= J or s / len(a) >= C or s / len(b) >= C:
            print(items[i][0], items[j][0], "%.4f" % jac)
PY
}

pairs() {
	python3 -c '
import json, sys
for l in sys.stdin:
    p = json.loads(l)
    print(p["a"], p["b"], "%.4f" % p["jaccard"])'
}

fixture() {
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -S 7 -d 40 -n 1500 -f jsonl > "$T/gen.jsonl"
}

@test "pairs match the exact all-pairs reference on a generated set" {
	fixture
	ref "$T/gen.jsonl" 0.5 0.5 > "$T/want"
	[ "$(wc -l < "$T/want")" -gt 10 ]
	artsim --floor 0 "$T/gen.jsonl" | pairs > "$T/got"
	diff "$T/want" "$T/got"
}

@test "thresholds: -t alone, --contain 0, and --exact agree with the reference" {
	fixture
	ref "$T/gen.jsonl" 0.8 2 > "$T/want"
	artsim -t 0.8 --contain 0 --floor 0 "$T/gen.jsonl" | pairs > "$T/got"
	diff "$T/want" "$T/got"
	ref "$T/gen.jsonl" 0.3 0.6 > "$T/want"
	artsim --exact -t 0.3 --contain 0.6 --floor 0 "$T/gen.jsonl" |
	    pairs > "$T/got"
	diff "$T/want" "$T/got"
}

@test "a short item copied into a long one is found by containment" {
	long="The harbour board met on Tuesday to agree the budget for the coming year and the new pier. Members spoke for an hour about the cost of dredging the channel. The chair said the vote had been close but fair. Fishermen who attended the meeting welcomed the decision."
	short="Members spoke for an hour about the cost of dredging the channel. The chair said the vote had been close but fair."
	printf '{"id":"long","text":"%s"}\n{"id":"short","text":"%s"}\n' "$long" "$short" > "$T/in.jsonl"
	run artsim "$T/in.jsonl"
	assert_success
	assert_output '{"a":"long","b":"short","jaccard":0.4091,"in_a":0.4091,"in_b":1,"shared":18}'
	# Without containment, its passages still show it: all of it is in
	# the long one, word for word.
	run artsim --contain 0 "$T/in.jsonl"
	assert_output '{"a":"long","b":"short","jaccard":0.4091,"in_a":0.4091,"in_b":1,"shared":18,"passages":1,"words":22,"covered_a":0.4583,"covered_b":1,"similarity":1,"facts":1}'
	run artsim --contain 0 --floor 0 "$T/in.jsonl"
	assert_output ''
}

@test "a pair its passages decide reads its texts again from the file, or from the spool" {
	long="The harbour board met on Tuesday to agree the budget for the coming year and the new pier. Members spoke for an hour about the cost of dredging the channel. The chair said the vote had been close but fair. Fishermen who attended the meeting welcomed the decision."
	short="Members spoke for an \\u0068our about the cost of dredging the channel. The chair said the vote had been close but fair."
	want='{"a":"long","b":"short","jaccard":0.4091,"in_a":0.4091,"in_b":1,"shared":18,"passages":1,"words":22,"covered_a":0.4583,"covered_b":1,"similarity":1,"facts":1}'
	# A byte order mark, CRLF line ends, a bad line set aside, blanks
	# before a record, an escape in the text, no line end at the end.
	{ printf '\357\273\277{"id":"long","title":"Budget agreed","text":"%s"}\r\n' "$long"
	  printf '{"id": bad\n'
	  printf '  {"id":"short","title":"Budget","text":"%s"}' "$short"; } > "$T/in.jsonl"
	gzip -c "$T/in.jsonl" > "$T/in.jsonl.gz"
	run --separate-stderr artsim --contain 0 --rejects "$T/rej" "$T/in.jsonl"
	assert_output "$want"
	run --separate-stderr artsim --contain 0 --rejects "$T/rej" - < "$T/in.jsonl"
	assert_output "$want"
	run --separate-stderr artsim --contain 0 --rejects "$T/rej" "$T/in.jsonl.gz"
	assert_output "$want"
	# The title is part of the text read again: the passage covers less.
	want='{"a":"long","b":"short","jaccard":0.383,"in_a":0.3913,"in_b":0.9474,"shared":18,"passages":1,"words":22,"covered_a":0.44,"covered_b":0.9565,"similarity":1,"facts":1}'
	run --separate-stderr artsim --contain 0 --with-title --rejects "$T/rej" "$T/in.jsonl"
	assert_output "$want"
	run --separate-stderr artsim --contain 0 --with-title --rejects "$T/rej" - < "$T/in.jsonl"
	assert_output "$want"
}

@test "--clusters passes every record through with its cluster" {
	fixture
	artsim --clusters "$T/gen.jsonl" > "$T/cl.jsonl"
	assert_equal "$(wc -l < "$T/cl.jsonl")" "$(wc -l < "$T/gen.jsonl")"
	# Dropping the cluster field gives back the input, byte for byte.
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l); del r["cluster"]; print(json.dumps(r, ensure_ascii=False, separators=(",", ":")))' "$T/cl.jsonl" > "$T/back"
	python3 -c '
import json, sys
for l in open(sys.argv[1]):
    print(json.dumps(json.loads(l), ensure_ascii=False, separators=(",", ":")))' "$T/gen.jsonl" > "$T/orig"
	diff "$T/orig" "$T/back"
	# Every pair is inside one cluster, named by its first member.
	artsim "$T/gen.jsonl" | jget a > "$T/a"
	artsim "$T/gen.jsonl" | jget b > "$T/b"
	python3 -c '
import json, sys
cl = {}
for l in open(sys.argv[1]):
    r = json.loads(l); cl[r["id"]] = r["cluster"]
for a, b in zip(open(sys.argv[2]), open(sys.argv[3])):
    a, b = a.strip(), b.strip()
    assert cl[a] == cl[b], (a, b)
    assert cl[a] <= a, a
' "$T/cl.jsonl" "$T/a" "$T/b"
}

@test "--dedup keeps one per cluster and accounts for every record" {
	fixture
	run --separate-stderr artsim --dedup --dups "$T/dups.jsonl" "$T/gen.jsonl"
	assert_success
	kept=${#lines[@]}
	dropped=$(wc -l < "$T/dups.jsonl")
	assert_equal $((kept + dropped)) "$(wc -l < "$T/gen.jsonl")"
	[ "$dropped" -gt 0 ]
	[[ "$stderr" == "artsim: $dropped duplicates dropped, $kept kept, dropped ones in $T/dups.jsonl" ]]
	clusters=$(artsim --clusters "$T/gen.jsonl" | jget cluster | sort -u | wc -l)
	assert_equal "$kept" "$clusters"
}

@test "--keep longest and earliest choose the representative" {
	t="Storm closes the coast road as high winds and heavy rain batter the region for a second day running"
	printf '{"id":"x","date":"2021-05-02","text":"%s."}\n' "$t" > "$T/in.jsonl"
	printf '{"id":"y","date":"2021-05-01","text":"%s. More detail follows here."}\n' "$t" >> "$T/in.jsonl"
	printf '{"id":"z","text":"%s!"}\n' "$t" >> "$T/in.jsonl"
	run bash -c "artsim --dedup '$T/in.jsonl' 2>/dev/null | jget id"
	assert_output x
	run bash -c "artsim --dedup --keep longest '$T/in.jsonl' 2>/dev/null | jget id"
	assert_output y
	run bash -c "artsim --dedup --keep earliest '$T/in.jsonl' 2>/dev/null | jget id"
	assert_output y
}

@test "bad input: duplicate ids, no text, empty text, plain lines, empty input" {
	printf '%s\n' '{"id":"a","text":"one two three four five six"}' '{"id":"a","text":"x"}' > "$T/dup.jsonl"
	run --separate-stderr artsim "$T/dup.jsonl"
	assert_failure 1
	[[ "$stderr" == "artsim: $T/dup.jsonl:2: id \"a\" seen before: ids must be unique" ]]
	# a record without an id is named by its number, which may be taken
	printf '%s\n' '{"id":"#2","text":"one two"}' '{"text":"three four"}' > "$T/num.jsonl"
	run --separate-stderr artsim "$T/num.jsonl"
	assert_failure 1
	assert_equal "$stderr" "artsim: $T/num.jsonl:2: no id, and \"#2\", the name it would take, is an earlier record's id"
	# the same words in every mode that keeps ids
	for m in --align --index; do
		run --separate-stderr artsim $m -o "$T/out" "$T/num.jsonl"
		assert_failure 1
		assert_equal "$stderr" "artsim: $T/num.jsonl:2: no id, and \"#2\", the name it would take, is an earlier record's id"
	done
	printf '%s\n' '{"id":"n"}' '{"id":"e","text":""}' '{"id":"w","text":"one two three four five six"}' > "$T/odd.jsonl"
	run artsim --clusters "$T/odd.jsonl"
	assert_success
	assert_equal "${#lines[@]}" 3
	run bash -c "printf 'alpha beta gamma delta epsilon\nalpha beta gamma delta epsilon\n' | artsim"
	assert_output '{"a":"#1","b":"#2","jaccard":1,"in_a":1,"in_b":1,"shared":1}'
	run artsim /dev/null
	assert_success
	assert_output ''
}

@test "--progress: items read, items compared, pairs found, elapsed" {
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -S 4 -d 30 -f jsonl > "$T/c.jsonl"
	n=$(wc -l < "$T/c.jsonl")
	artsim "$T/c.jsonl" > "$T/quiet" 2> "$T/err"
	[ ! -s "$T/err" ]
	np=$(wc -l < "$T/quiet")
	[ "$np" -gt 0 ]
	run --separate-stderr artsim --progress -j 2 "$T/c.jsonl"
	assert_success
	# the pairs are the same, and the lines say how far it got
	assert_equal "$output" "$(cat "$T/quiet")"
	echo "$stderr" | tr '\r' '\n' > "$T/lines"
	grep -Eq "^artsim: $n records, 0\.[0-9] MB, [0-9.]+ MB/s$" "$T/lines"
	grep -Eq "^artsim: compared $n of $n items, $np pairs, [0-9]+\.[0-9] s$" "$T/lines"
	grep -Eq "^artsim: $n items, $np pairs, [0-9]+\.[0-9] s$" "$T/lines"
	# --clusters and --dedup find only the pairs of the items with their
	# representatives (simindex_walk), one for each item dropped
	nd=$(($n - $(artsim --dedup "$T/c.jsonl" 2> /dev/null | wc -l)))
	[ "$nd" -gt 0 ] && [ "$nd" -lt "$np" ]
	for m in --clusters --dedup; do
		run --separate-stderr artsim --progress $m "$T/c.jsonl"
		assert_success
		echo "$stderr" | tr '\r' '\n' > "$T/lines"
		grep -Eq "^artsim: $n items, $nd pairs, [0-9]+\.[0-9] s$" "$T/lines" ||
			fail "$m: $(grep items "$T/lines")"
	done
}

@test "usage errors" {
	run artsim -t 2
	assert_failure 2
	run artsim --exact --estimate
	assert_failure 2
	run artsim --keep longest
	assert_failure 2
	run artsim --dedup --keep best
	assert_failure 2
}

@test "an option given to a mode that does not take it is a usage error, from one table" {
	printf '{"id":"x","text":"a b c d e f"}\n' > "$T/x.jsonl"
	# an option without its mode says where it goes
	run -2 --separate-stderr artsim --max-group 1M "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --max-group goes with --reduce"
	run -2 --separate-stderr artsim --keep first "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --keep goes with --dedup"
	run -2 --separate-stderr artsim --clusters --dups "$T/d" "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --dups does not go with --clusters"
	# options a mode ignored before are refused
	run -2 --separate-stderr artsim --index -k 64 -o "$T/i" "$T/x.jsonl"
	assert_equal "$stderr" "artsim: -k does not go with --index"
	run -2 --separate-stderr artsim --map -j 2 "$T/x.jsonl"
	assert_equal "$stderr" "artsim: -j does not go with --map"
	run -2 --separate-stderr artsim --reduce --plain "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --plain does not go with --reduce"
	# two modes at once, in either order, and options apart
	run -2 --separate-stderr artsim --dedup --clusters "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --dedup does not go with --clusters"
	run -2 --separate-stderr artsim --align --map "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --map does not go with --align"
	run -2 --separate-stderr artsim --estimate --exact "$T/x.jsonl"
	assert_equal "$stderr" "artsim: --estimate does not go with --exact"
	# and a mode takes what its line of the synopsis shows
	artsim --index -n 4 --chars 5 --seed 3 -o "$T/i" "$T/x.jsonl"
	run -0 artsim --ref "$T/i" --align -j 2 -t 0.4 --contain 0.3 \
	    --min-words 5 --wholly 0.7 --partly 0.2 -z "$T/x.jsonl"
	run -0 artsim --dedup --keep longest --dups "$T/d" -k 64 --exact \
	    --with-title "$T/x.jsonl"
}

@test "output is deterministic and independent of the seed's reported pairs" {
	fixture
	a=$(artsim "$T/gen.jsonl" | md5sum)
	b=$(artsim "$T/gen.jsonl" | md5sum)
	c=$(artsim --seed 42 "$T/gen.jsonl" | md5sum)
	assert_equal "$a" "$b"
	assert_equal "$a" "$c"
}
