#!/usr/bin/env bats
# artsent: the tool around the sentence splitter (the splitter's phenomena
# have unit tests in tests/unit/test_sentsplit.c).  Every test with
# --offsets checks that each sentence is exactly its slice of the input.

load common

# check_offsets FILE: the sentence records on stdin are exact slices, in
# code points, of the texts of the items in FILE (matched by id), numbered
# 1, 2, ... in each item, and only white space lies between and around
# them; every item whose text is not blank has sentences, so an empty or
# truncated stream fails.
check_offsets() {
	python3 -c '
import json, sys
items = {}
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    assert r.get("id") not in items, ("ids are not unique", r.get("id"))
    items[r.get("id")] = r.get("text", "")
last = {}
count = {}
for l in sys.stdin:
    s = json.loads(l)
    assert s.get("id") in items, ("no such item", s.get("id"))
    t = items[s.get("id")]
    assert t[s["start"]:s["end"]] == s["text"], (s, t[s["start"]:s["end"]])
    prev = last.get(s.get("id"), 0)
    assert t[prev:s["start"]].strip() == "", ("non-space skipped", t[prev:s["start"]])
    last[s.get("id")] = s["end"]
    count[s.get("id")] = count.get(s.get("id"), 0) + 1
    assert s["sent"] == count[s.get("id")], ("sentence numbers", s)
for k, t in items.items():
    assert t.strip() == "" or k in last, ("no sentences", k)
    assert t[last.get(k, 0):].strip() == "", ("text left over", k, t[last.get(k, 0):])
print("ok")
' "$1"
}

@test "one record per sentence, numbered by paragraph and within the item" {
	printf '%s\n' '{"id":"a","title":"T","text":"Mr McCallum spoke. He left at 5 p.m. on Friday.\n\n“It is over,” he said. Dr. Jones agreed."}' > "$T/in.jsonl"
	run artsent "$T/in.jsonl"
	assert_success
	assert_line --index 0 '{"id":"a","par":1,"sent":1,"text":"Mr McCallum spoke."}'
	assert_line --index 1 '{"id":"a","par":1,"sent":2,"text":"He left at 5 p.m. on Friday."}'
	assert_line --index 2 '{"id":"a","par":2,"sent":3,"text":"“It is over,” he said."}'
	assert_line --index 3 '{"id":"a","par":2,"sent":4,"text":"Dr. Jones agreed."}'
	assert_equal "${#lines[@]}" 4
}

@test "--offsets are code points into the input text" {
	printf '%s\n' '{"id":"u","text":"Café “owner” said: prices rose by €4.50. Q&A at 10 a.m. Mr. Smith came.\n\nVisit www.example.com or mail jo@example.org. It’s fine…  Really?! Yes."}' > "$T/in.jsonl"
	run artsent --offsets "$T/in.jsonl"
	assert_success
	assert_line --index 0 '{"id":"u","par":1,"sent":1,"text":"Café “owner” said: prices rose by €4.50.","start":0,"end":40}'
	run bash -c "$(declare -f check_offsets); artsent --offsets '$T/in.jsonl' | check_offsets '$T/in.jsonl'"
	assert_output ok
}

@test "the offsets checker fails on an empty, truncated or shifted stream" {
	printf '%s\n' '{"id":"a","text":"One here. Two there."}' '{"id":"b","text":"Three. Four."}' '{"id":"c","text":" "}' > "$T/in.jsonl"
	artsent --offsets "$T/in.jsonl" > "$T/good"
	run bash -c "$(declare -f check_offsets); check_offsets '$T/in.jsonl' < '$T/good'"
	assert_output ok
	run bash -c "$(declare -f check_offsets); check_offsets '$T/in.jsonl' < /dev/null"
	assert_failure
	run bash -c "$(declare -f check_offsets); head -n 2 '$T/good' | check_offsets '$T/in.jsonl'"
	assert_failure
	run bash -c "$(declare -f check_offsets); head -n 3 '$T/good' | check_offsets '$T/in.jsonl'"
	assert_failure
	run bash -c "$(declare -f check_offsets); sed 1d '$T/good' | check_offsets '$T/in.jsonl'"
	assert_failure
	run bash -c "$(declare -f check_offsets); sed 's/\"start\":10/\"start\":9/' '$T/good' | check_offsets '$T/in.jsonl'"
	assert_failure
	run bash -c "$(declare -f check_offsets); sed 's/\"id\":\"b\"/\"id\":\"z\"/' '$T/good' | check_offsets '$T/in.jsonl'"
	assert_failure
}

@test "offsets hold on the whole sample corpus after artsplit and artclean" {
	artsplit "$ARTKIT_TOP"/share/corpus/*.txt "$ARTKIT_TOP"/share/corpus/*.gz 2>/dev/null | artclean > "$T/items.jsonl"
	run bash -c "$(declare -f check_offsets); artsent --offsets '$T/items.jsonl' | check_offsets '$T/items.jsonl'"
	assert_output ok
}

@test "-t prints plain sentences, one a line" {
	run bash -c "printf '%s\n' 'Hi. Bye.' | artsent -t"
	assert_output "$(printf 'Hi.\nBye.')"
	run bash -c "printf '%s\n' '{\"text\":\"A sentence that runs\nacross a soft break. Next.\"}' | artsent -t"
	assert_output "$(printf 'A sentence that runs across a soft break.\nNext.')"
	run artsent -t --offsets
	assert_failure 2
}

@test "--unwrap and -t make a soft line break one space; --unwrap wants no --offsets" {
	printf '%s\n' '{"id":"w","text":"It was a cold \n  night in the city.  Two  spaces stay.\r\nNext."}' > "$T/in.jsonl"
	run artsent --unwrap "$T/in.jsonl"
	assert_success
	assert_line --index 0 '{"id":"w","par":1,"sent":1,"text":"It was a cold night in the city."}'
	assert_line --index 1 '{"id":"w","par":1,"sent":2,"text":"Two  spaces stay."}'
	run artsent -t "$T/in.jsonl"
	assert_output "$(printf 'It was a cold night in the city.\nTwo  spaces stay.\nNext.')"
	run artsent --exact "$T/in.jsonl"
	assert_line --index 0 '{"id":"w","par":1,"sent":1,"text":"It was a cold \n  night in the city."}'
	run artsent --unwrap --offsets "$T/in.jsonl"
	assert_failure 2
	run artsent --unwrap --exact "$T/in.jsonl"
	assert_failure 2
}

@test "a line break inside a sentence is written as a space, one for one; --exact keeps it" {
	printf '%s\n' '{"id":"b","text":"It rained. The minister told reporters that the\r\nplan would go ahead. Another sentence runs\nacross a soft break.\nThe end.\n\nNew par."}' > "$T/in.jsonl"
	run artsent --offsets "$T/in.jsonl"
	assert_success
	assert_line --index 1 '{"id":"b","par":1,"sent":2,"text":"The minister told reporters that the  plan would go ahead.","start":11,"end":69}'
	assert_line --index 2 '{"id":"b","par":1,"sent":3,"text":"Another sentence runs across a soft break.","start":70,"end":112}'
	# the break between two sentences is in neither
	assert_line --index 3 '{"id":"b","par":1,"sent":4,"text":"The end.","start":113,"end":121}'
	assert_line --index 4 '{"id":"b","par":2,"sent":5,"text":"New par.","start":123,"end":131}'
	run artsent --exact --offsets "$T/in.jsonl"
	assert_line --index 1 '{"id":"b","par":1,"sent":2,"text":"The minister told reporters that the\r\nplan would go ahead.","start":11,"end":69}'
	assert_line --index 2 '{"id":"b","par":1,"sent":3,"text":"Another sentence runs\nacross a soft break.","start":70,"end":112}'
	# the texts printed raw (as jq -r .text does) give one sentence a line
	run sh -c "artsent '$T/in.jsonl' | python3 -c 'import json, sys
for l in sys.stdin: print(json.loads(l)[\"text\"])' | wc -l"
	assert_output 5
}

@test "--keep copies fields onto each sentence; --with-title adds paragraph 0" {
	printf '%s\n' '{"id":"k","title":"Storm hits coast","date":"2021-04-22","source":"Wire","text":"One. Two."}' > "$T/in.jsonl"
	run artsent --keep date,source,missing --with-title "$T/in.jsonl"
	assert_line --index 0 '{"id":"k","par":0,"sent":0,"text":"Storm hits coast","date":"2021-04-22","source":"Wire"}'
	assert_line --index 1 '{"id":"k","par":1,"sent":1,"text":"One.","date":"2021-04-22","source":"Wire"}'
	assert_line --index 2 '{"id":"k","par":1,"sent":2,"text":"Two.","date":"2021-04-22","source":"Wire"}'
	run artsent --keep ,
	assert_failure 2
}

@test "--keep refuses the sentence's own fields instead of overwriting them" {
	printf '%s\n' '{"id":"k","par":"x","text":"One. Two."}' > "$T/in.jsonl"
	for f in text par sent id start end; do
		run --separate-stderr artsent --keep "date,$f" "$T/in.jsonl"
		assert_failure 2
		[[ "$stderr" == *"$f is a field of the sentence"* ]]
		assert_output ''
	done
}

@test "-l picks the language's abbreviations; -a adds a list" {
	printf '%s\n' '{"text":"Das kostet ca. zehn Euro. Gut."}' > "$T/de.jsonl"
	run artsent -t -l de "$T/de.jsonl"
	assert_output "$(printf 'Das kostet ca. zehn Euro.\nGut.')"
	run --separate-stderr artsent -l xx /dev/null
	assert_failure 2
	[[ "$stderr" == *"$ARTKIT_SHARE/abbrev/xx.txt"* ]]
	run artsent -l ../en /dev/null
	assert_failure 2
	printf '%s\n' '{"text":"Ask Cllrx. Jones about it. Done."}' > "$T/z.jsonl"
	run artsent -t "$T/z.jsonl"
	assert_line --index 0 'Ask Cllrx.'
	printf 'Cllrx. title\n' > "$T/extra.txt"
	run artsent -t -a "$T/extra.txt" "$T/z.jsonl"
	assert_line --index 0 'Ask Cllrx. Jones about it.'
	run --separate-stderr artsent -a "$T/none.txt" /dev/null
	assert_failure 1
	[[ "$stderr" == *none.txt* ]]
}

@test "records without text give no sentences; a text of the wrong type is rejected" {
	printf '%s\n' '{"id":"n"}' '{"id":"e","text":""}' '{"id":"x","text":["a"]}' '{"id":"y","text":"Fine."}' > "$T/in.jsonl"
	run --separate-stderr artsent --rejects "$T/rej" "$T/in.jsonl"
	assert_failure 1
	assert_output '{"id":"y","par":1,"sent":1,"text":"Fine."}'
	assert_equal "$(cat "$T/rej")" '{"id":"x","text":["a"]}'
}

@test "split invariance: pieces of the input give the same sentences" {
	artsplit "$ARTKIT_TOP"/share/corpus/*.txt 2>/dev/null | artclean > "$T/items.jsonl"
	artsent --offsets "$T/items.jsonl" > "$T/whole"
	# Empty or short outputs would compare equal: the guard.
	[ "$(wc -l < "$T/items.jsonl")" -gt 4 ] || fail "too few items"
	[ "$(jget id < "$T/whole" | uniq | wc -l)" -eq "$(wc -l < "$T/items.jsonl")" ] ||
	    fail "artsent skipped items"
	split -l 2 "$T/items.jsonl" "$T/part."
	for p in "$T"/part.*; do artsent --offsets "$p"; done > "$T/pieces"
	cmp "$T/whole" "$T/pieces"
}

@test "-l takes any language with a list in the data directory" {
	mkdir -p "$T/share/abbrev"
	cp "$ARTKIT_SHARE"/abbrev/*.txt "$T/share/abbrev/"
	printf 'Lnr. title\nDet start\n' > "$T/share/abbrev/xx.txt"
	printf '%s\n' '{"text":"Ask Lnr. Berg now. Det is done."}' > "$T/xx.jsonl"
	run env ARTKIT_SHARE="$T/share" artsent -t -l xx "$T/xx.jsonl"
	assert_success
	assert_output "$(printf 'Ask Lnr. Berg now.\nDet is done.')"
	run env ARTKIT_SHARE="$T/share" artsent -t "$T/xx.jsonl"
	assert_success
	assert_line --index 0 'Ask Lnr.'
	run --separate-stderr env ARTKIT_SHARE="$T/share" artsent -l yy "$T/xx.jsonl"
	assert_failure 2
	[[ "$stderr" == *"$T/share/abbrev/yy.txt"* ]]
}
