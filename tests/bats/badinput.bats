#!/usr/bin/env bats
# Bad input across the tools (bad14): each bad record gives one line naming
# its file and line, goes to --rejects when given, loses nothing before it,
# and makes the status 1.  The cases of the sweep that needed a fix are
# here; what each tool did with each kind of bad input is in the bad14
# report.

load common

# items ID:N...: one record a line, item ID of N words, for artsim.
items() {
	local a
	for a in "$@"; do
		printf '{"id":"%s","text":"%s"}\n' "${a%:*}" \
		    "$(seq -s ' ' 1 "${a#*:}" | sed 's/[0-9]*/w&/g')"
	done
}

@test "artsim: an item over the limit is a bad record naming file and line, not a fatal error" {
	# The shingler called errx on a text over 4 GB, naming no file or
	# record, and everything read before was lost.  The tests lower the
	# limit (itemreader.h says why) rather than write 4 GB.
	items a:8 b:8 long:30 c:8 > "$T/i.jsonl"
	ARTKIT_TEST_MAX_ITEM=100 run --separate-stderr artsim \
	    --rejects "$T/r.jsonl" "$T/i.jsonl"
	assert_failure 1
	[[ "$stderr" == *"artsim: $T/i.jsonl:3: item \"long\" is "*" bytes, over the 100 an item may have"* ]]
	[[ "$stderr" == *"1 bad record written to $T/r.jsonl"* ]]
	# The run went on: the items around it still pair.
	assert_equal "$(echo "$output" | jget a | tr '\n' ' ')" 'a a b '
	assert_equal "$(echo "$output" | jget b | tr '\n' ' ')" 'b c c '
	assert_equal "$(jget id < "$T/r.jsonl")" long
	# Without --rejects it stops there, status 1, with the same line.
	ARTKIT_TEST_MAX_ITEM=100 run --separate-stderr artsim "$T/i.jsonl"
	assert_failure 1
	[[ "$stderr" == *"$T/i.jsonl:3: item \"long\" is"* ]]
	# The variable cannot raise the limit, and under it nothing changes.
	ARTKIT_TEST_MAX_ITEM=99999999999 run -0 artsim "$T/i.jsonl"
	ARTKIT_TEST_MAX_ITEM=junk run -0 artsim "$T/i.jsonl"
}

@test "artsim: sentence records that take an item over the limit go to --rejects from there on" {
	{
		printf '{"id":"a","sent":%d,"text":"w%d x y z."}\n' 1 1 2 2 3 3 4 4
		printf '{"id":"b","sent":%d,"text":"w%d x y z."}\n' 1 1 2 2
	} > "$T/s.jsonl"
	# Each sentence is 9 bytes, 10 with the space before it: 30 holds 3.
	ARTKIT_TEST_MAX_ITEM=30 run --separate-stderr artsim --align \
	    --rejects "$T/r.jsonl" "$T/s.jsonl"
	assert_failure 1
	[[ "$stderr" == *"$T/s.jsonl:4: item \"a\" would be 39 bytes with this sentence, over the 30 an item may have"* ]]
	[[ "$stderr" == *"1 bad record written to"* ]]
	assert_equal "$(jget sent < "$T/r.jsonl")" 4
	# --ref's queries read items the same way.
	printf '{"id":"b","sent":%d,"text":"w%d x y z."}\n' 1 1 2 2 > "$T/ref.jsonl"
	run -0 artsim --index -o "$T/ix" "$T/ref.jsonl"
	ARTKIT_TEST_MAX_ITEM=30 run --separate-stderr artsim --ref "$T/ix" \
	    --rejects "$T/r2.jsonl" "$T/s.jsonl"
	assert_failure 1
	assert_equal "$(jget sent < "$T/r2.jsonl")" 4
}
