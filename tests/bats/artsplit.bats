#!/usr/bin/env bats
# artsplit: raw documents to records.

load common

article() {
	printf '%s\n' \
	    'Council votes to close library' \
	    'By Jane Doe, Local Democracy Reporter' \
	    'Published: 22 April 2021' \
	    '' \
	    'The council voted on Tuesday to close the branch.   ' \
	    'A second line of the same paragraph.' \
	    '' \
	    '' \
	    'Mr Smith said: "It is a sad day."'
}

@test "one article per file: headline, byline, date, paragraphs" {
	article > "$T/lib.txt"
	run artsplit "$T/lib.txt"
	assert_success
	assert_output '{"id":"lib","title":"Council votes to close library","date":"2021-04-22","byline":"Jane Doe, Local Democracy Reporter","text":"The council voted on Tuesday to close the branch.\nA second line of the same paragraph.\n\nMr Smith said: \"It is a sad day.\""}'
}

@test "a first line that is metadata is no headline; text after the date stays" {
	printf ' date 2021-04-22 Something went wrong.\n\nBody one.\n\nBody two.\n' > "$T/a.txt"
	run artsplit "$T/a.txt"
	assert_success
	assert_output '{"id":"a","date":"2021-04-22","text":"Something went wrong.\n\nBody one.\n\nBody two."}'
}

@test "an ambiguous numeric date is kept as written, not guessed" {
	printf 'Title\nDate: 04/05/2021\n\nText.\n' > "$T/a.txt"
	run artsplit "$T/a.txt"
	assert_output '{"id":"a","title":"Title","date_text":"04/05/2021","text":"Text."}'
}

@test "body text that starts like metadata stays text" {
	printf 'Title\n\nBy 2030, the city will need more homes.\n' > "$T/a.txt"
	run artsplit "$T/a.txt"
	assert_output '{"id":"a","title":"Title","text":"By 2030, the city will need more homes."}'
}

@test "standard input, - and several files; ids from base names" {
	printf 'One\n\nx\n' > "$T/one.txt"
	printf 'Two\n\ny\n' | gzip > "$T/two.txt.gz"
	run sh -c "printf 'Three\n\nz\n' | artsplit '$T/one.txt' - '$T/two.txt.gz' | python3 -c 'import json,sys; print(\" \".join(json.loads(l)[\"id\"] for l in sys.stdin))'"
	assert_success
	assert_output 'one stdin two'
}

@test "form feeds split a stream; ids are name#n; empty items are skipped" {
	printf 'A\n\na text\n\fB\n\nb text\n\f\f\nC\n\nc text\n' > "$T/s.txt"
	run sh -c "artsplit '$T/s.txt' | python3 -c 'import json,sys; print(\" \".join(json.loads(l)[\"id\"]+\"=\"+json.loads(l)[\"title\"] for l in sys.stdin))'"
	assert_output 's#1=A s#2=B s#3=C'
}

@test "-d splits on a delimiter line, which is dropped" {
	printf 'A\n\na\n=====\nB\n\nb\n' > "$T/d.txt"
	run sh -c "artsplit -d '^=+$' '$T/d.txt' | python3 -c 'import json,sys; print(\" \".join(json.loads(l)[\"id\"]+\"=\"+json.loads(l)[\"text\"] for l in sys.stdin))'"
	assert_output 'd#1=a d#2=b'
}

@test "-d with a bad regex is a usage error" {
	run artsplit -d '(' /dev/null
	assert_failure 2
	assert_output --partial 'delimiter is ('
	# back-references are no ERE: glibc takes exponential time on them
	run artsplit -d '^(a|aa)+\1$' /dev/null
	assert_failure 2
	assert_output --partial 'back-references'
}

@test "-p gives one record per paragraph" {
	article > "$T/lib.txt"
	run artsplit -p "$T/lib.txt"
	assert_line --index 0 '{"id":"lib","par":1,"text":"The council voted on Tuesday to close the branch.\nA second line of the same paragraph."}'
	assert_line --index 1 '{"id":"lib","par":2,"text":"Mr Smith said: \"It is a sad day.\""}'
	assert_equal "${#lines[@]}" 2
}

@test "--id-prefix and colliding ids get a suffix and a warning" {
	mkdir -p "$T/x" "$T/y"
	printf 'A\n\na\n' > "$T/x/same.txt"
	printf 'B\n\nb\n' > "$T/y/same.txt"
	run --separate-stderr artsplit --id-prefix 'p/' "$T/x/same.txt" "$T/y/same.txt"
	assert_success
	assert_equal "$(echo "$output" | jget id | tr '\n' ' ')" 'p/same p/same~2 '
	[[ "$stderr" == *'id "p/same" used before; this item is "p/same~2"'* ]]
}

@test "Windows-1252 input is decoded with a warning naming the file" {
	printf 'Caf\xe9 news\n\n\x93Quoted\x94 costs \x8010.\n' > "$T/w.txt"
	run --separate-stderr artsplit "$T/w.txt"
	assert_success
	assert_output '{"id":"w","title":"Café news","text":"“Quoted” costs €10."}'
	[[ "$stderr" == *"w.txt:1: not valid UTF-8: decoding as Windows-1252"* ]]
}

@test "-e forces an encoding; -e utf-8 rejects bad bytes with file:line" {
	printf 'A\n\ncaf\xc3\xa9\n' > "$T/u.txt"
	run artsplit -e latin1 "$T/u.txt"
	assert_output --partial '"text":"cafÃ©"'
	printf 'A\n\ncaf\xe9\n' > "$T/b.txt"
	run --separate-stderr artsplit -e utf-8 "$T/b.txt"
	assert_failure 1
	[[ "$stderr" == "artsplit: $T/b.txt:3: invalid UTF-8 (byte 4)" ]]
	run artsplit -e ebcdic "$T/b.txt"
	assert_failure 2
}

@test "a file with NUL bytes is skipped, the others still processed, status 1" {
	printf 'Good\n\ntext\n' > "$T/good.txt"
	printf 'Bad\n\nte\0xt\n' > "$T/bad.txt"
	run --separate-stderr artsplit "$T/bad.txt" "$T/good.txt"
	assert_failure 1
	assert_output '{"id":"good","title":"Good","text":"text"}'
	[[ "$stderr" == *"bad.txt:3: NUL byte: binary file, rest of it skipped"* ]]
}

@test "a missing file and a directory are reported; the good file is processed" {
	printf 'Good\n\ntext\n' > "$T/good.txt"
	run --separate-stderr artsplit "$T/nope.txt" "$T" "$T/good.txt"
	assert_failure 1
	assert_output '{"id":"good","title":"Good","text":"text"}'
	[[ "$stderr" == *"nope.txt: No such file or directory"* ]]
	[[ "$stderr" == *"Is a directory"* ]]
}

@test "concatenated gzip members are read through; truncated gzip is an error after the good data" {
	printf 'A\n\na\n\f' | gzip > "$T/m.gz"
	printf 'B\n\nb\n' | gzip >> "$T/m.gz"
	run sh -c "artsplit '$T/m.gz' | wc -l"
	assert_output 2
	head -c 10000 /dev/urandom | base64 | sed 's/^/Line /' > "$T/big.txt"
	gzip -c "$T/big.txt" | head -c 3000 > "$T/trunc.gz"
	run --separate-stderr artsplit "$T/trunc.gz"
	assert_failure 1
	[[ "$stderr" == *"trunc.gz:"*"unexpected end of gzip data (truncated file?)"* ]]
	printf 'garbage' >> "$T/m.gz"
	run --separate-stderr artsplit "$T/m.gz"
	assert_failure 1
	[[ "$stderr" == *"trailing garbage after gzip data"* ]]
	assert_equal "$(echo "$output" | wc -l)" 2
}

@test "CRLF line ends and a BOM are handled; empty input gives no output" {
	printf '\xef\xbb\xbfTitle\r\n\r\nText here.\r\n' > "$T/c.txt"
	run artsplit "$T/c.txt"
	assert_output '{"id":"c","title":"Title","text":"Text here."}'
	run artsplit /dev/null
	assert_success
	assert_output ''
}

@test "-o writes atomically, -z compresses" {
	article > "$T/lib.txt"
	artsplit -z -o "$T/out.jsonl.gz" "$T/lib.txt"
	run bash -c "gzip -dc '$T/out.jsonl.gz' | jget id"
	assert_output lib
	# A failed run leaves an existing target untouched and no temporary file.
	echo old > "$T/keep.jsonl"
	run artsplit -o "$T/keep.jsonl" "$T/missing.txt"
	assert_failure 1
	assert_equal "$(cat "$T/keep.jsonl")" old
	assert_equal "$(ls -a "$T" | grep -c '^\.keep')" 0
}

@test "a full disk is an error, a closed pipe is quiet" {
	article > "$T/lib.txt"
	run artsplit "$T/lib.txt" -o /dev/full
	assert_failure 1
	run artsplit -z "$T/lib.txt" -o /dev/full
	assert_failure 1
	run sh -c "artsplit '$T/lib.txt' > /dev/full"
	assert_failure 1
	assert_output --partial 'No space left on device'
	yes 'A line of text for the pipe.' | head -n 200000 > "$T/long.txt"
	run --separate-stderr sh -c "artsplit -p '$T/long.txt' | head -c 10 >/dev/null"
	assert_equal "$stderr" ''
}

@test "Nexis export: items, fields and body" {
	cat > "$T/nexis.txt" <<'NX'
Document 1 of 2

Harbour reopens after storm
The Coastal Gazette
April 22, 2021 Thursday
Copyright 2021 Coastal Media Ltd All Rights Reserved

Section: NEWS; Pg. 4
Length: 120 words
Byline: Sam Reed
Body

The harbour reopened on Wednesday.

Boats returned by noon.

Load-Date: April 23, 2021

End of Document
Document 2 of 2

Second story
The Coastal Gazette
April 24, 2021 Saturday

Length: 10 words
Body

Only paragraph.

End of Document
NX
	run artsplit -f nexis "$T/nexis.txt"
	assert_success
	assert_line --index 0 '{"id":"nexis#1","date":"2021-04-22","title":"Harbour reopens after storm","source":"The Coastal Gazette","section":"NEWS; Pg. 4","length":"120 words","byline":"Sam Reed","load_date":"2021-04-23","copyright":"Copyright 2021 Coastal Media Ltd All Rights Reserved","text":"The harbour reopened on Wednesday.\n\nBoats returned by noon."}'
	assert_line --index 1 '{"id":"nexis#2","date":"2021-04-24","title":"Second story","source":"The Coastal Gazette","length":"10 words","text":"Only paragraph."}'
}

@test "LexisNexis Academic export (N of M DOCUMENTS)" {
	cat > "$T/acad.txt" <<'NX'
                              1 of 1 DOCUMENT

                            The Valley Herald

                          March 3, 2019 Sunday

Bridge plan approved

BYLINE: Ana Ruiz

LENGTH: 50 words


The plan was approved late on Saturday.

LOAD-DATE: March 4, 2019

LANGUAGE: ENGLISH
NX
	run artsplit -f nexis "$T/acad.txt"
	assert_output '{"id":"acad#1","date":"2019-03-03","source":"The Valley Herald","title":"Bridge plan approved","byline":"Ana Ruiz","length":"50 words","load_date":"2019-03-04","language":"ENGLISH","lang":"en","text":"The plan was approved late on Saturday."}'
}

@test "CSV: header row, quoting, embedded newlines, --columns, bad rows" {
	printf 'id,headline,story,when\nk1,"A, title","Line one\n\nline ""two""",22 April 2021\n' > "$T/a.csv"
	run artsplit -f csv --columns story=text,when=date "$T/a.csv"
	assert_success
	assert_output '{"id":"k1","title":"A, title","text":"Line one\n\nline \"two\"","date":"2021-04-22"}'
	printf 'body\nok\n"a","b"\n' > "$T/b.csv"
	run --separate-stderr artsplit -f csv --rejects "$T/rej" "$T/b.csv"
	assert_failure 1
	assert_output '{"id":"b#1","text":"ok"}'
	assert_equal "$(cat "$T/rej")" '"a","b"'
	run artsplit -f csv "$T/a.csv"
	assert_failure 1
	assert_output --partial 'no column gives the text field'
	run artsplit --columns a=b /dev/null
	assert_failure 2
}

@test "JSON Lines input: validated, passed through, ids added" {
	printf '{"text":"a","x":[1,2.50]}\n{"id":"k","text":"b"}\n{"id":"k","text":"c"}\n' > "$T/in.jsonl"
	run --separate-stderr artsplit -f jsonl "$T/in.jsonl"
	assert_success
	assert_line --index 0 '{"text":"a","x":[1,2.50],"id":"in#1"}'
	assert_line --index 1 '{"id":"k","text":"b"}'
	assert_line --index 2 '{"id":"k~2","text":"c"}'
	printf '{"text":"a"}\n{"text":5}\nnot json\n{"text":"d"}\n' > "$T/bad.jsonl"
	run --separate-stderr artsplit -f jsonl "$T/bad.jsonl"
	assert_failure 1
	assert_output '{"text":"a","id":"bad#1"}'
	[[ "$stderr" == "artsplit: $T/bad.jsonl:2: field \"text\" is a number, not a string" ]]
	run --separate-stderr artsplit -f jsonl --rejects "$T/rej" "$T/bad.jsonl"
	assert_failure 1
	assert_equal "$(echo "$output" | wc -l)" 2
	assert_equal "$(cat "$T/rej")" "$(printf '{"text":5}\nnot json')"
	[[ "$stderr" == *"2 bad records written to $T/rej"* ]]
}

@test "--max-record guards memory; --rejects takes the line up to the limit" {
	printf 'T\n\nshort\n' > "$T/a.txt"
	head -c 5000 /dev/zero | tr '\0' x >> "$T/a.txt"
	printf '\nafter\n' >> "$T/a.txt"
	run --separate-stderr artsplit --max-record 1K "$T/a.txt"
	assert_failure 1
	[[ "$stderr" == *"a.txt:4: line longer than --max-record (1024 bytes)"* ]]
	run --separate-stderr artsplit --max-record 1K --rejects "$T/rej" "$T/a.txt"
	assert_equal "$(wc -c < "$T/rej")" 1025
	[[ "$stderr" == *"a.txt:4: line longer than --max-record (1024 bytes): its first 1024 bytes written to $T/rej"* ]]
	[[ "$stderr" == *"1 bad record written to $T/rej (1 cut to --max-record)"* ]]
	run artsplit --max-record 0 "$T/a.txt"
	assert_failure 2
}

@test "help, version and usage errors" {
	run --separate-stderr artsplit --help
	assert_success
	[[ "$output" == usage:\ artsplit* ]]
	[[ "$output" == *--id-prefix* ]]
	assert_equal "$stderr" ''
	run artsplit -V
	assert_output --regexp '^artsplit [0-9]+\.[0-9]+\.[0-9]+$'
	run --separate-stderr artsplit --bogus
	assert_failure 2
	assert_output ''
	[[ "$stderr" == *usage:\ artsplit* ]]
	run artsplit -f nexis -d x
	assert_failure 2
}

@test "output is deterministic" {
	article > "$T/lib.txt"
	a=$(artsplit "$T/lib.txt" | md5sum)
	b=$(artsplit "$T/lib.txt" | md5sum)
	assert_equal "$a" "$b"
}

@test "--progress reports on stderr and leaves stdout clean" {
	article > "$T/lib.txt"
	run --separate-stderr artsplit --progress "$T/lib.txt"
	assert_success
	assert_output "$(artsplit "$T/lib.txt")"
	[[ "$stderr" == *"artsplit: 9 records, 0.0 MB, "*" MB/s"* ]]
}

@test "--no-title keeps the first line as text; -e cp1252 forces the code page" {
	printf 'First line is text.\n\nSecond paragraph.\n' > "$T/a.txt"
	run artsplit --no-title "$T/a.txt"
	assert_output '{"id":"a","text":"First line is text.\n\nSecond paragraph."}'
	# Valid UTF-8 read as Windows-1252 on request: each byte is a character.
	printf 'T\n\ncaf\xc3\xa9\n' > "$T/u.txt"
	run artsplit -e cp1252 "$T/u.txt"
	assert_output '{"id":"u","title":"T","text":"cafÃ©"}'
}

@test "artsplit reads raw text, not records: --plain is not one of its options" {
	run -2 --separate-stderr artsplit --plain "$T/none"
	assert_output ''
	assert_equal "${stderr_lines[0]}" "artsplit: unrecognized option '--plain'"
	run artsplit --help
	refute_output --partial -- '--plain'
}
