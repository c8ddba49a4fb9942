#!/usr/bin/env bats
# artsplit on DOCX (issue 13): detected by content, plain documents and
# Nexis Uni exports made by tests/gendocx.py (real exports are never
# committed), DOCX written by pandoc and by LibreOffice, and every
# bad-input case.

load common

gen() {
	python3 "$ARTKIT_TOP/tests/gendocx.py" "$@"
}

# The Nexis Uni documents the export tests write and read back.
docs() {
	cat <<'EOF2'
{"title":"Harbour reopens after storm","source":"The Guardian(London)","date":"July 1, 2019 Monday 9:20 AM GMT","copyright":"Copyright 2019 Guardian News & Media Limited","fields":{"Section":"UK NEWS; Version:2","Length":"512 words","Byline":"Jane Doe","Highlight":"The port was shut for a week.","Dateline":"DOVER"},"body":["The harbour reopened on Monday.","Boats returned by noon."],"trailer":{"Language":"ENGLISH","Publication-Type":"Newspaper","Load-Date":"July 2, 2019"}}
{"title":"Bridge plan approved","source":"The Valley Herald","date":"March 3, 2019 Sunday","fields":{"Length":"50 words","Byline":"Ana Ruiz"},"body":["The plan was approved late on Saturday.","Work starts in May.","It will cost 12 million."],"trailer":{"Load-Date":"March 4, 2019","Language":"ENGLISH"}}
{"title":"Zweiter Artikel","source":"Süddeutsche Zeitung","date":"July 3, 2019 Wednesday","fields":{"Rubrik":"Politik","Länge":"300 Wörter","Autor":"Max Muster"},"body":["Erster Absatz.","Zweiter Absatz."],"trailer":{"Sprache":"GERMAN","Ladedatum":"July 4, 2019"},"lang":"de"}
{"title":"Troisième article","source":"Le Monde","date":"July 5, 2019","fields":{"Rubrique":"International","Longueur":"200 mots","Auteur":"Marie Dupont"},"body":["Un paragraphe."],"trailer":{"Langue":"FRENCH","Date de chargement":"July 6, 2019"},"lang":"fr"}
EOF2
}

@test "DOCX: a plain document, told by its content, with the odd parts Word writes" {
	cat > "$T/in.txt" <<'EOF2'
The harbour reopens
By Jane Doe
First{tab}paragraph with {link:a link}, a field {field:PAGE|3} and {del:DELETED }{ins:inserted} text.{note:NOTE TEXT}{comment:COMMENT TEXT}
Line one{br}line two{page}
{box:Boxed text}
Wo{split}rd split across {simple:DATE|runs}.
EOF2
	gen plain "$T/story.bin" "$T/in.txt"
	run -0 artsplit "$T/story.bin"
	assert_output '{"id":"story","title":"The harbour reopens","byline":"Jane Doe","text":"First\tparagraph with a link, a field 3 and inserted text.\n\nLine one\nline two\n\nBoxed text\n\nWord split across runs."}'
	# Nothing from the header, footer, notes, comments, deleted text or
	# field instructions.
	refute_output --partial HEADER
	refute_output --partial FOOTER
	refute_output --partial NOTE
	refute_output --partial COMMENT
	refute_output --partial DELETED
	refute_output --partial PAGE
	# Standard input and gzip work too; ids as for text.
	run -0 artsplit < "$T/story.bin"
	assert_equal "$(echo "$output" | jget id)" stdin
	gzip -c "$T/story.bin" > "$T/story.docx.gz"
	run -0 artsplit "$T/story.docx.gz"
	assert_equal "$(echo "$output" | jget title)" 'The harbour reopens'
}

@test "DOCX: a Nexis Uni export round-trips: cover skipped, fields as in the text export" {
	docs > "$T/docs.jsonl"
	gen nexis "$T/export.docx" "$T/docs.jsonl"
	run --separate-stderr artsplit -f nexis "$T/export.docx"
	assert_success
	assert_equal "$stderr" ''
	echo "$output" > "$T/out.jsonl"
	python3 - "$T/docs.jsonl" "$T/out.jsonl" <<'PY'
import json, sys
want = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
assert len(got) == len(want), (len(got), len(want))
names = {"Section": "section", "Length": "length", "Byline": "byline",
         "Highlight": "highlight", "Dateline": "dateline",
         "Language": "language", "Publication-Type": "publication_type",
         "Rubrik": "section", "Länge": "length", "Autor": "byline",
         "Sprache": "language", "Rubrique": "section",
         "Longueur": "length", "Auteur": "byline", "Langue": "language"}
for i, (w, g) in enumerate(zip(want, got)):
    assert g["id"] == "export#%d" % (i + 1), g
    assert g["title"] == w["title"], (g, w)
    assert g["source"] == w["source"], (g, w)
    assert g["text"] == "\n\n".join(w["body"]), (g, w)
    for k, v in list(w["fields"].items()) + list(w["trailer"].items()):
        if k in names:
            assert g[names[k]] == v, (k, g, w)
    assert g.get("copyright") == w.get("copyright"), g
    assert "load_date" in g and len(g["load_date"]) == 10, g
    assert g["date"].startswith("2019-07-0") or g["date"] == "2019-03-03", g
print("ok")
PY
	assert_equal "$(echo "$output" | jget date | head -1)" 2019-07-01T09:20:00Z
}

@test "DOCX: the count on the cover is checked; a cut export is an error" {
	docs > "$T/docs.jsonl"
	gen nexis "$T/more.docx" --count 9 "$T/docs.jsonl"
	run --separate-stderr artsplit -f nexis "$T/more.docx"
	assert_failure 1
	assert_equal "$(echo "$output" | jvalid)" 4
	assert_equal "$stderr" "artsplit: $T/more.docx: 4 documents read, the export says 9: 5 lost"
	# Cut off mid-document: the good ones written, one line naming the
	# document, status 1, the next file still read.
	gen nexis "$T/cut.docx" --cut "$T/docs.jsonl"
	gen nexis "$T/whole.docx" "$T/docs.jsonl"
	run --separate-stderr artsplit -f nexis --rejects "$T/rej" "$T/cut.docx" "$T/whole.docx"
	assert_failure 1
	[ "$(echo "$output" | jvalid)" = 7 ]
	[[ "$stderr" == *"cut.docx:"*": document 4 cut off: no End of Document"* ]]
	grep -q 'Un paragraphe' "$T/rej"
}

@test "DOCX: bad files give one line naming the file, status 1, and the rest is read" {
	printf 'Good\n\nText.\n' > "$T/good.txt"
	for k in notzip nomain missing damaged encrypted ole doctype; do
		gen bad $k "$T/$k.docx"
		run --separate-stderr artsplit "$T/$k.docx" "$T/good.txt"
		assert_failure 1
		assert_output '{"id":"good","title":"Good","text":"Text."}'
		[ "$(echo "$stderr" | wc -l)" = 1 ] || fail "$k: $stderr"
		[[ "$stderr" == "artsplit: $T/$k.docx: "* ]] || fail "$k: $stderr"
		echo "$k: ${stderr#*.docx: }" >> "$T/msgs"
	done
	run cat "$T/msgs"
	assert_line 'notzip: a zip, not a DOCX: [Content_Types].xml names no WordprocessingML main part'
	assert_line 'nomain: a zip, not a DOCX: [Content_Types].xml names no WordprocessingML main part'
	assert_line 'missing: DOCX without its part word/document.xml'
	assert_line --regexp '^damaged: damaged zip: '
	assert_line 'encrypted: encrypted DOCX (word/document.xml): not supported'
	assert_line 'ole: an encrypted (password-protected) DOCX: not supported; save it without a password'
	assert_line 'doctype: word/document.xml: a document type declaration, which DOCX never has: refused'
}

@test "DOCX: a tag of 300,000 attributes is refused in linear time" {
	# libxml2 checks each attribute of a tag against every one before
	# it: 300,000 took half a minute.  Word writes a few per tag.
	gen bad attrs "$T/attrs.docx"
	printf 'Good\n\nText.\n' > "$T/good.txt"
	run --separate-stderr bash -c "ulimit -t 5; artsplit '$T/attrs.docx' '$T/good.txt'"
	assert_failure 1
	assert_output '{"id":"good","title":"Good","text":"Text."}'
	assert_equal "$stderr" "artsplit: $T/attrs.docx: word/document.xml: a tag of more than 10000 attributes, which DOCX never has: refused"
}

@test "DOCX: a zip bomb is refused past --max-record, in bounded memory" {
	gen bad bomb "$T/bomb.docx"
	[ "$(stat -c %s "$T/bomb.docx")" -lt 2000000 ]
	run --separate-stderr "$ARTKIT_BUILD/tools/rusage" artsplit --max-record 16M "$T/bomb.docx"
	assert_failure 1
	[[ "$stderr" == *"bomb.docx: word/document.xml inflates past --max-record (16777216 bytes): refused"* ]]
	kb=$(echo "$stderr" | sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p')
	limit=65536
	nm "$ARTKIT_BUILD/bin/artsplit" | grep -q __asan_init && limit=$((limit * 4))
	[ "$kb" -lt "$limit" ] || fail "peak RSS $kb KB, limit $limit"
	# The default limit (256 MB) refuses its 300 MB too.
	run --separate-stderr artsplit "$T/bomb.docx"
	assert_failure 1
	[[ "$stderr" == *"inflates past --max-record"* ]]
}

@test "DOCX written by pandoc: title, paragraphs, links, lists and tables read back" {
	cat > "$T/in.md" <<'EOF2'
---
title: Harbour reopens after storm
---

The harbour reopened on *Monday*, after a week.

Boats returned by noon; see [the map](https://example.org/map).

- first point
- second point

| Port  | Boats |
|-------|-------|
| North | 12    |
EOF2
	pandoc -o "$T/pd.docx" "$T/in.md"
	run -0 artsplit "$T/pd.docx"
	assert_output '{"id":"pd","title":"Harbour reopens after storm","text":"The harbour reopened on Monday, after a week.\n\nBoats returned by noon; see the map.\n\nfirst point\n\nsecond point\n\nPort\n\nBoats\n\nNorth\n\n12"}'
	# A Nexis-shaped document written by pandoc reads as one.
	printf '%s\n\n' 'Bridge plan approved' 'The Valley Herald' 'March 3, 2019 Sunday' \
	    'Byline: Ana Ruiz' 'Body' 'The plan was approved.' 'Load-Date: March 4, 2019' \
	    'End of Document' > "$T/n.md"
	pandoc -f markdown-smart -o "$T/n.docx" "$T/n.md"
	run -0 artsplit -f nexis "$T/n.docx"
	assert_output '{"id":"n#1","date":"2019-03-03","title":"Bridge plan approved","source":"The Valley Herald","byline":"Ana Ruiz","load_date":"2019-03-04","text":"The plan was approved."}'
}

@test "DOCX written by LibreOffice: an article, and a Nexis Uni export read as its text is" {
	# LibreOffice puts [Content_Types].xml last in the zip: the central
	# directory finds it all the same.
	printf 'Harbour reopens after storm\n\nBy Jane Doe\n\nThe harbour reopened on Monday, after a week.\n\nBoats returned by noon.\n' > "$T/lo.txt"
	cat > "$T/uni.txt" <<'EOF2'
Harbour reopens after storm
The Guardian(London)
July 1, 2019 Monday 9:20 AM GMT
Copyright 2019 Guardian News & Media Limited
Section: UK NEWS; Version:2
Length: 512 words
Byline: Jane Doe
Body
The harbour reopened on Monday.

Boats returned by noon.
Classification
Language: ENGLISH
Load-Date: July 2, 2019
End of Document
Second story
The Coastal Gazette
April 24, 2021 Saturday
Length: 10 words
Body
Only paragraph.
End of Document
EOF2
	HOME=$T soffice --headless --convert-to docx --outdir "$T" "$T/lo.txt" "$T/uni.txt" >/dev/null 2>&1
	assert_equal "$(python3 -c 'import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).namelist()[-1])' "$T/lo.docx")" '[Content_Types].xml'
	run -0 artsplit "$T/lo.docx"
	assert_output '{"id":"lo","title":"Harbour reopens after storm","byline":"Jane Doe","text":"The harbour reopened on Monday, after a week.\n\nBoats returned by noon."}'
	run -0 artsplit -f nexis "$T/uni.txt"
	want=$output
	run -0 artsplit -f nexis "$T/uni.docx"
	assert_output "$want"
	[ "$(echo "$output" | jvalid)" = 2 ]
}
