#!/usr/bin/env bats
# artclean: the tool around the cleaning engine (the engine's steps have
# unit tests in tests/unit/test_{html,mojibake,textnorm,boiler,clean}.c).

load common

item() {
	printf '%s\n' '{"id":"a","source":"Daily Planet","title":"Mayor resigns | The Daily Planet","text":"The mayor resigned on Monday.\n\nSign up to our morning newsletter\n\nShe said it was &quot;time to go&quot;.\n\nThe mayor resigned on Monday.","x":1.50}'
}

@test "cleans text and title, passes other fields through unchanged and in order" {
	run bash -c "$(declare -f item); item | artclean"
	assert_success
	assert_output '{"id":"a","source":"Daily Planet","title":"Mayor resigns","text":"The mayor resigned on Monday.\n\nShe said it was \"time to go\".","x":1.50}'
}

@test "a title loses a site name only when it names the source; --explain says so, --skip title keeps it" {
	printf '%s\n' '{"source":"Sport Daily","title":"Man United 2 - 1 Chelsea"}' '{"title":"Bill Clinton | Hillary Clinton"}' '{"title":"Floods close the valley road - valleynews.com"}' > "$T/t.jsonl"
	run bash -c "artclean '$T/t.jsonl' | jget title"
	assert_line --index 0 'Man United 2 - 1 Chelsea'
	assert_line --index 1 'Bill Clinton | Hillary Clinton'
	assert_line --index 2 'Floods close the valley road'
	run bash -c "$(declare -f item); item | artclean --explain | jget removed"
	assert_output --partial '{"rule": "title.site", "category": "title", "text": " | The Daily Planet"}'
	run bash -c "$(declare -f item); item | artclean --skip title | jget title"
	assert_output 'Mayor resigns | The Daily Planet'
}

@test "--explain lists each removed piece with its rule" {
	run bash -c "$(declare -f item); item | artclean --explain"
	assert_success
	assert_output --partial '"removed":[{"rule":"newsletter.signup","category":"newsletter","text":"Sign up to our morning newsletter"},{"rule":"duplicate","category":"duplicate","text":"The mayor resigned on Monday."},{"rule":"title.site","category":"title","text":" | The Daily Planet"}]'
	# The kept text is the same as without --explain.
	a=$(item | artclean | jget text)
	b=$(item | artclean --explain | jget text)
	assert_equal "$a" "$b"
}

@test "--skip switches steps off; an unknown step is a usage error" {
	run bash -c "$(declare -f item); item | artclean --skip html,boiler,dedup | jget text"
	assert_output --partial 'Sign up to our morning newsletter'
	assert_output --partial '&quot;time to go&quot;'
	run artclean --skip nonsense
	assert_failure 2
	assert_output --partial 'skip is nonsense'
}

@test "the echo, tail and head heuristics: named in --explain, switchable" {
	printf '%s\n' '{"text":"World\n\nCrews worked through the night to restore power to 4,000 homes, the network operator said.\n\nMost customers should be reconnected by Friday, it added.\n\nJane Smith\n\nSchool closes after boiler fails\nRoadworks to start on high street"}' > "$T/edge.jsonl"
	run artclean --explain "$T/edge.jsonl"
	assert_output --partial '"removed":[{"rule":"head","category":"heuristic","text":"World"},{"rule":"tail","category":"heuristic","text":"Jane Smith"},{"rule":"tail","category":"heuristic","text":"School closes after boiler fails\nRoadworks to start on high street"}]'
	run bash -c "artclean --skip tail '$T/edge.jsonl' | jget text"
	assert_output --partial 'Jane Smith'
	refute_output --partial 'World'
	run bash -c "artclean --skip head '$T/edge.jsonl' | jget text"
	assert_output --partial 'World'
	refute_output --partial 'Jane Smith'
	# a caption shown twice: the credit rule takes one, echo the other
	printf '%s\n' '{"text":"Crews fought the fire at the mill for six hours before it was under control.\n\nFirefighters at the old mill on Tuesday night\n\nNobody was hurt, and the cause of the fire is not yet known, a spokeswoman said.\n\nFirefighters at the old mill on Tuesday night (Photo: Tom Reed)"}' > "$T/echo.jsonl"
	run artclean --explain "$T/echo.jsonl"
	assert_output --partial '{"rule":"echo","category":"heuristic","text":"Firefighters at the old mill on Tuesday night"}'
	run bash -c "artclean --skip echo '$T/echo.jsonl' | jget text"
	assert_output --partial 'Tuesday night'
	# a record with no paragraph of prose is left alone
	run bash -c "echo 'Jane Smith' | artclean | jget text"
	assert_output 'Jane Smith'
}

@test "comments: threads of three engines' shapes go by their stamps; a timeline, fixtures, an interview stay" {
	story='The harbour board voted on Tuesday to rebuild the north pier, which storms damaged twice last winter.\n\nWork will start in April and should take eighteen months, the board chair told a meeting in the town hall.'
	printf '%s\n' \
	    "{\"id\":\"a\",\"text\":\"$story\n\nAnna Berg\n12. März 2021 um 14:05\n\nEndlich eine Entscheidung!\n\nAntworten\n\nJonas K.\n12. März 2021 um 15:40\n\nUnd wer bezahlt das am Ende?\n\nAntworten\n\nMia\n13. März 2021 um 09:12\n\nDie Fischer haben recht.\n\nAntworten\"}" \
	    "{\"id\":\"b\",\"text\":\"$story\n\nPaul Dufour | 2021-03-12 14:05\n\nBonne nouvelle pour le port.\n\nLéa | 2021-03-12 16:21\n\nEt le parking reste fermé.\n\nMarc | 2021-03-13 08:02\n\nIl faudra surveiller les coûts.\"}" \
	    "{\"id\":\"c\",\"text\":\"$story\n\n+4 #1 kw1970 2021-03-12 13:28\nAbout time too.\nQuote\n\n+1 #2 Sam Roe 2021-03-14 13:14\nWho pays for it?\nQuote\n\n0 #3 harbourwatch 2021-03-15 20:40\nThe slipway matters more.\nQuote\"}" \
	    "{\"id\":\"d\",\"text\":\"$story\n\n12 March 2021, 14:07\n\nThe first call reached the coastguard.\n\n12 March 2021, 14:19\n\nThe lifeboat launched.\n\n12 March 2021, 15:02\n\nAll four crew were safe.\"}" \
	    "{\"id\":\"e\",\"text\":\"$story\n\nKelham Park, Saturday 4 March 2017 at 15:00\n\nRovers need a win to stay up.\n\nMill Lane, Tuesday 7 March 2017 at 19:45\n\nTown have not lost at home since August.\n\nOtley Road, Saturday 11 March 2017 at 15:00\n\nThe derby is sold out.\"}" \
	    "{\"id\":\"f\",\"text\":\"$story\n\nQ: When did the pier last close?\n\nA: In 1987, for a whole year.\n\nQ: Who pays?\n\nA: The harbour dues and a grant.\n\nQ: And the boats?\n\nA: They land at the south quay.\"}" > "$T/thread.jsonl"
	run bash -c "artclean --explain '$T/thread.jsonl' | jget removed"
	assert_success
	assert_line --index 0 --partial '"rule": "comments", "category": "heuristic", "text": "Anna Berg\n12. M'
	assert_line --index 1 --partial '"rule": "comments", "category": "heuristic", "text": "Paul Dufour | 2021-03-12 14:05"'
	assert_line --index 2 --partial '"rule": "comments", "category": "heuristic", "text": "+4 #1 kw1970 2021-03-12 13:28\nAbout time too.\nQuote"'
	run bash -c "artclean '$T/thread.jsonl' | jget text"
	refute_output --partial 'Und wer bezahlt'
	refute_output --partial 'le parking'
	refute_output --partial 'Who pays for it?'
	assert_output --partial 'The lifeboat launched.'
	assert_output --partial 'Town have not lost at home since August.'
	assert_output --partial 'A: The harbour dues and a grant.'
	# the step datelines holds them
	run bash -c "artclean --skip datelines '$T/thread.jsonl' | jget text"
	assert_output --partial 'le parking'
}

@test "foot in a rules file: what follows a late closing piece goes; --skip foot, twice" {
	printf '%s\n' 'end.mark  misc  line  foot  "That is all"' > "$T/foot.rules"
	printf '%s\n' '{"text":"Crews worked through the night to restore power to 4,000 homes, the network operator said.\n\nMost customers should be reconnected by Friday, the operator added in a statement.\n\nEngineers from three counties were called in to help after the storm brought down lines across the valley.\n\nThat is all\n\nWhen the lights go out\n\nRead our guide to what to do when the lights go out, and how to claim.\n\nHarbour wall at dusk.Harbour wall at dusk."}' > "$T/foot.jsonl"
	run artclean --no-default-rules -r "$T/foot.rules" --explain "$T/foot.jsonl"
	assert_success
	assert_output --partial '"removed":[{"rule":"end.mark","category":"misc","text":"That is all"},{"rule":"foot","category":"heuristic","text":"When the lights go out\n\nRead our guide'
	run bash -c "artclean --no-default-rules -r '$T/foot.rules' --skip foot '$T/foot.jsonl' | jget text"
	assert_output --partial 'Read our guide'
	refute_output --partial 'harbour wall'
	run bash -c "artclean --no-default-rules -r '$T/foot.rules' --skip foot,twice '$T/foot.jsonl' | jget text"
	assert_output --partial 'Harbour wall at dusk.Harbour wall'
}

@test "unclosed comments and raw-text elements cost one pass, not one per opening" {
	# Each "<!--" and "<script>" used to search to the end of the record
	# again: 2 MB of "<!--" took two minutes.  The CPU limit is a guard
	# against that, fifty times what a linear pass needs under valgrind.
	python3 -c '
import json
print(json.dumps({"text": "x <!-- " * 600000}))
print(json.dumps({"text": "<script>a " * 200000}))
print(json.dumps({"text": "<style><!-- </styl " * 100000}))
' > "$T/quad.jsonl"
	run bash -c "ulimit -t 60; artclean '$T/quad.jsonl' | wc -l"
	assert_success
	assert_output 3
	# what is closed is still dropped, after an unclosed one of another kind
	run bash -c "echo '{\"text\":\"a <!-- b <script>c</script> d\"}' | artclean | jget text"
	assert_output 'a <!-- b d'
}

@test "plain-text lines, --ascii and --nfkc" {
	run bash -c "printf 'a\ttab   b\n' | artclean"
	assert_output '{"text":"a tab b"}'
	run bash -c "echo '{\"text\":\"“Quote” — dash…\"}' | artclean --ascii"
	assert_output '{"text":"\"Quote\" - dash..."}'
	run bash -c "echo '{\"text\":\"“Quote”\"}' | artclean"
	assert_output '{"text":"“Quote”"}'
	run bash -c "echo '{\"text\":\"ﬁne ①\"}' | artclean --nfkc"
	assert_output '{"text":"fine 1"}'
}

@test "-r adds rules, --no-default-rules drops the shipped ones" {
	printf '%s\n' '# a comment' 'promo.house  advertisement  para  /^buy our calendar/i' > "$T/my.rules"
	printf '%s\n' '{"text":"Story.\n\nBuy our calendar today\n\nSign up to our newsletter"}' > "$T/in.jsonl"
	run artclean -r "$T/my.rules" "$T/in.jsonl"
	assert_output '{"text":"Story."}'
	run artclean --no-default-rules -r "$T/my.rules" "$T/in.jsonl"
	assert_output '{"text":"Story.\n\nSign up to our newsletter"}'
}

@test "a bad rules file is an error naming file and line" {
	printf '%s\n' '# fine' 'ok.rule misc para "x"' 'broken.rule misc para /(/' > "$T/bad.rules"
	run --separate-stderr artclean -r "$T/bad.rules" /dev/null
	assert_failure 1
	[[ "$stderr" == "artclean: $T/bad.rules:3: "* ]]
	# back-references are no ERE, and glibc takes exponential time on them
	printf '%s\n' 'slow.rule misc para /^(a|aa)+\1$/' > "$T/slow.rules"
	run --separate-stderr artclean -r "$T/slow.rules" /dev/null
	assert_failure 1
	[[ "$stderr" == "artclean: $T/slow.rules:1: bad regex /^(a|aa)+\1$/: back-references"* ]]
	run --separate-stderr artclean -r "$T/missing.rules" /dev/null
	assert_failure 1
	[[ "$stderr" == *"missing.rules"* ]]
}

@test "weigh: a bad --weights file names file and line; --weigh-features writes signals, never over an input" {
	printf '%s\n' '# invented' 'bias 1' 'cut x' > "$T/bad.weights"
	run --separate-stderr artclean --weights "$T/bad.weights" /dev/null
	assert_failure 1
	[[ "$stderr" == "artclean: $T/bad.weights:3: bad number"* ]]
	run --separate-stderr artclean --skip weigh --weights "$T/bad.weights" /dev/null
	assert_success
	printf '{"id":"1","text":"x"}\n' > "$T/in.jsonl"
	run --separate-stderr artclean --weigh-features "$T/in.jsonl" "$T/in.jsonl"
	assert_failure 2
	[ "$(cat "$T/in.jsonl")" = '{"id":"1","text":"x"}' ]
	run artclean --weigh-features "$T/sig.jsonl" "$T/in.jsonl"
	assert_success
	[ -f "$T/sig.jsonl" ]
}

@test "--learn writes a readable model; -m removes what it learned" {
	for i in 1 2 3 4; do
		printf '{"id":"%s","source":"Gazette","text":"Story %s is about item %s.\\n\\nFollow the Gazette on Mastodon for more."}\n' $i $i $i
	done > "$T/corpus.jsonl"
	printf '{"id":"o","source":"Other","text":"Own story.\\n\\nFollow the Gazette on Mastodon for more."}\n' >> "$T/corpus.jsonl"
	run --separate-stderr artclean --learn "$T/model" --min-items 3 "$T/corpus.jsonl"
	assert_success
	assert_output ''
	grep -q 'Follow the Gazette on Mastodon for more.' "$T/model"
	run bash -c "artclean --no-default-rules -m '$T/model' '$T/corpus.jsonl' | jget text"
	assert_line --index 0 'Story 1 is about item 1.'
	# Learned per source: the other source keeps the paragraph.
	assert_line --index 4 'Own story.'
	assert_line --index 5 'Follow the Gazette on Mastodon for more.'
	run artclean --learn "$T/m2" -o "$T/x" /dev/null
	assert_failure 2
}

@test "--learn on an archive removes each outlet's furniture from its new items" {
	# invented outlets (tests/eval/outlets.py): learn on half of each
	# outlet's items, clean the other half
	python3 "$ARTKIT_TOP/tests/eval/outlets.py" --outlets 4 --items 8 --half 1 > "$T/old.jsonl"
	python3 "$ARTKIT_TOP/tests/eval/outlets.py" --outlets 4 --items 8 --half 2 > "$T/new.jsonl"
	artclean --learn "$T/model" "$T/old.jsonl" 2>/dev/null
	score="$ARTKIT_TOP/tests/eval/score_boilerplate.py"
	run python3 "$score" --cleaner "artclean --skip tail,head,headlines,filenames,datelines,amid,weigh" "$T/new.jsonl"
	assert_output --partial 'keep 1.000'
	assert_output --partial 'drop 0.000'
	run python3 "$score" --cleaner "artclean --skip tail,head,headlines,filenames,datelines,amid,weigh -m $T/model" "$T/new.jsonl"
	assert_output --partial 'keep 1.000'
	assert_output --partial 'drop 0.727'
	run python3 "$score" --cleaner "artclean -m $T/model" "$T/new.jsonl"
	assert_output --partial 'keep 1.000 (69/69)  drop 1.000 (176/176)'
}

@test "--learn with --rejects writes the model, as -o is written (bad records set aside)" {
	for i in 1 2 3; do
		printf '{"id":"%s","source":"Gazette","text":"Story %s.\\n\\nFollow the Gazette."}\n' $i $i
	done > "$T/corpus.jsonl"
	printf '%s\n' '{"id":"bad","text":5}' >> "$T/corpus.jsonl"
	run --separate-stderr artclean --learn "$T/model" --rejects "$T/rej" "$T/corpus.jsonl"
	assert_failure 1
	grep -q 'Follow the Gazette.' "$T/model"
	assert_equal "$(cat "$T/rej")" '{"id":"bad","text":5}'
	[[ "$stderr" == *"learned into $T/model"* ]]
	# a run that fails for another reason writes no model, and says so
	head -n 3 "$T/corpus.jsonl" > "$T/good.jsonl"
	run --separate-stderr artclean --learn "$T/m2" "$T/good.jsonl" "$T/missing"
	assert_failure 1
	[ ! -e "$T/m2" ]
	[[ "$stderr" == *"no model written"* ]]
}

@test "options given without their mode are usage errors" {
	run --separate-stderr artclean --min-items 5 /dev/null
	assert_failure 2
	assert_equal "$stderr" "artclean: --min-items goes with --learn"
	run --separate-stderr artclean --learn "$T/m" -m "$T/model" /dev/null
	assert_failure 2
	assert_equal "$stderr" "artclean: -m does not go with --learn"
	[ ! -e "$T/m" ]
	run --separate-stderr artclean --learn "$T/m" -r "$T/rules" /dev/null
	assert_failure 2
	assert_equal "$stderr" "artclean: -r does not go with --learn"
	run --separate-stderr artclean --learn "$T/m" -z /dev/null
	assert_failure 2
	assert_equal "$stderr" "artclean: -z does not go with --learn"
	# what --learn reads and how it normalises goes with it
	run --separate-stderr artclean --learn "$T/m" --min-items 2 --skip tail --nfkc --ascii --no-default-rules /dev/null
	assert_success
}

@test "records without text pass through; a text of the wrong type is rejected" {
	run bash -c "echo '{\"id\":\"n\",\"meta\":[1]}' | artclean"
	assert_output '{"id":"n","meta":[1]}'
	printf '%s\n' '{"text":"ok"}' '{"text":5}' '{"text":"also ok"}' > "$T/in.jsonl"
	run --separate-stderr artclean --rejects "$T/rej" "$T/in.jsonl"
	assert_failure 1
	assert_equal "${#lines[@]}" 2
	assert_equal "$(cat "$T/rej")" '{"text":5}'
}

@test "split invariance and determinism on the sample corpus" {
	artsplit "$ARTKIT_TOP"/share/corpus/*.txt 2>/dev/null > "$T/items.jsonl"
	artclean "$T/items.jsonl" > "$T/whole.jsonl"
	# Empty or short outputs would compare equal: the guard.
	[ "$(wc -l < "$T/items.jsonl")" -gt 6 ] || fail "artsplit made too few items"
	assert_equal "$(wc -l < "$T/whole.jsonl")" "$(wc -l < "$T/items.jsonl")"
	split -l 3 "$T/items.jsonl" "$T/part."
	for p in "$T"/part.*; do artclean "$p"; done > "$T/pieces.jsonl"
	cmp "$T/whole.jsonl" "$T/pieces.jsonl"
	artclean "$T/items.jsonl" | cmp - "$T/whole.jsonl"
}

@test "the mojibake tables are what tools/genmojibake.py writes (make tables)" {
	python3 "$ARTKIT_TOP/tools/genmojibake.py" > "$T/tab.h"
	[ -s "$T/tab.h" ]
	cmp "$T/tab.h" "$ARTKIT_TOP/lib/text/mojibake_tab.h"
}
