#!/usr/bin/env bats
# artsplit -f nexis on the text exports as they come (issue 13): the
# LexisNexis Academic layout with its cover page, edition lines, CRLF and
# trailing copyright; Nexis Uni text with a Classification block.
# Invented fixtures in the shape of real exports.

load common

academic() {
	cat <<'EOF2'
Download Request: Selected Items: 1-3
Time Of Request: Monday, January 11, 2010  10:20:31 EST
Send To: MEGADEAL, ACADEMIC UNIVERSITY
Terms: (harbour)
Source: Major World Publications
Project ID:

                               1 of 3 DOCUMENTS


                              The Herald (Glasgow)

                            January 11, 2010 Monday
                                  Edition 1;
                                   Scotland

Harbour reopens after storm

BYLINE: Jane Doe

SECTION: NEWS; Pg. 5

LENGTH: 312 words


The harbour reopened on Monday.

Boats returned by noon.

LOAD-DATE: January 12, 2010

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper

JOURNAL-CODE: HER

                    Copyright 2010 Newsquest Media Group
                              All Rights Reserved


                               2 of 3 DOCUMENTS


                                The Times (London)

                                January 8, 2010
                                 3 Star Edition

Bridge plan approved

LENGTH: 50 words


The plan was approved.

LOAD-DATE: January 9, 2010

LANGUAGE: ENGLISH


                               3 of 3 DOCUMENTS


                                 Daily Mail

                            January 7, 2010 Thursday
                                 Final Edition

SECTION: FEATURES

LENGTH: 20 words


A story without a headline.

LOAD-DATE: January 8, 2010
EOF2
}

@test "Academic: the cover is no item, edition lines are not headlines, CRLF" {
	academic | sed 's/$/\r/' > "$T/acad.txt"
	run --separate-stderr artsplit -f nexis "$T/acad.txt"
	assert_success
	assert_equal "$stderr" ''
	assert_equal "$(echo "$output" | jvalid)" 3
	assert_line --index 0 '{"id":"acad#1","date":"2010-01-11","source":"The Herald (Glasgow)","title":"Harbour reopens after storm","edition":"Edition 1; Scotland","byline":"Jane Doe","section":"NEWS; Pg. 5","length":"312 words","load_date":"2010-01-12","language":"ENGLISH","lang":"en","publication_type":"Newspaper","journal_code":"HER","copyright":"Copyright 2010 Newsquest Media Group All Rights Reserved","text":"The harbour reopened on Monday.\n\nBoats returned by noon."}'
	assert_line --index 1 '{"id":"acad#2","date":"2010-01-08","source":"The Times (London)","title":"Bridge plan approved","edition":"3 Star Edition","length":"50 words","load_date":"2010-01-09","language":"ENGLISH","lang":"en","text":"The plan was approved."}'
	# No headline: the edition line, centred as the date is, stays an
	# edition.
	assert_line --index 2 '{"id":"acad#3","date":"2010-01-07","source":"Daily Mail","edition":"Final Edition","section":"FEATURES","length":"20 words","load_date":"2010-01-08","text":"A story without a headline."}'
}

@test "Academic: the count against N of M" {
	academic | sed 's/1 of 3 DOCUMENTS/1 of 4 DOCUMENTS/; s/2 of 3/2 of 4/; s/3 of 3/3 of 4/' > "$T/short.txt"
	run --separate-stderr artsplit -f nexis "$T/short.txt"
	assert_success
	assert_equal "$stderr" "artsplit: $T/short.txt: 3 documents read, the export says 4"
	# M differing between documents (exports run together): no check.
	academic | sed 's/2 of 3 DOCUMENTS/2 of 7 DOCUMENTS/' > "$T/mixed.txt"
	run --separate-stderr artsplit -f nexis "$T/mixed.txt"
	assert_success
	assert_equal "$stderr" ''
}

@test "Nexis Uni text: Classification ends the body; the header is headline, publication, date" {
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

Publication-Type: Newspaper

Subject: PORTS (90%); STORMS (78%)

Load-Date: July 2, 2019

End of Document
EOF2
	run -0 artsplit -f nexis "$T/uni.txt"
	assert_output '{"id":"uni#1","date":"2019-07-01T09:20:00Z","title":"Harbour reopens after storm","source":"The Guardian(London)","section":"UK NEWS; Version:2","length":"512 words","byline":"Jane Doe","language":"ENGLISH","lang":"en","publication_type":"Newspaper","subject":"PORTS (90%); STORMS (78%)","load_date":"2019-07-02","copyright":"Copyright 2019 Guardian News & Media Limited","text":"The harbour reopened on Monday.\n\nBoats returned by noon."}'
}

@test "Nexis Uni in German and French: the localised date lines are dates" {
	cat > "$T/de.txt" <<'EOF2'
Hafen nach Sturm wieder offen
Kleinstadt Bote
1. Juli 2019 Montag
Copyright 2019 Kleinstadt Bote

Rubrik: LOKALES; S. 5
Länge: 212 Wörter

Text

Der Hafen ist seit Montag wieder offen.

Klassifikation

Sprache: GERMAN

Ladedatum: 2. Juli 2019

Ende des Dokuments
Le port rouvre
Le Petit Inventé
mardi 3 décembre 2019
Longueur: 98 mots

Corps

Le port a rouvert mardi.

Fin du document
EOF2
	run -0 artsplit -f nexis "$T/de.txt"
	assert_line -n 0 --partial '"date":"2019-07-01"'
	assert_line -n 0 --partial '"load_date":"2019-07-02"'
	assert_line -n 1 --partial '"date":"2019-12-03"'
	refute_output --partial date_text
}

@test "Nexis: the language line also gives lang, its ISO 639-1 code, when it names one" {
	for v in 'Sprache: DEUTSCH' 'Langue: FRANÇAIS' 'Language: SPANISH; ESPAÑOL' \
	    'Language: ger' 'Language: Klingon'; do
		printf 'A headline\nThe Paper\nMay 2, 2020\n\nBody\n\nFirst paragraph.\n\n%s\n\nEnd of Document\n' "$v"
	done > "$T/langs.txt"
	run -0 artsplit -f nexis "$T/langs.txt"
	assert_line -n 0 --partial '"language":"DEUTSCH","lang":"de",'
	assert_line -n 1 --partial '"language":"FRANÇAIS","lang":"fr",'
	assert_line -n 2 --partial '"language":"SPANISH; ESPAÑOL","lang":"es",'
	assert_line -n 3 --partial '"lang":"de"'
	assert_line -n 4 --partial '"language":"Klingon",'
	refute_line -n 4 --partial '"lang"'
}

@test "Nexis: an Academic document with no field lines keeps its body" {
	printf '1 of 1 DOCUMENT\n\nThe Paper\n\nMay 2, 2020\n\nA headline\n\nFirst paragraph.\n\nSecond paragraph.\n' > "$T/bare.txt"
	run -0 artsplit -f nexis "$T/bare.txt"
	assert_output '{"id":"bare#1","date":"2020-05-02","source":"The Paper","title":"A headline","text":"First paragraph.\n\nSecond paragraph."}'
}

@test "Nexis: a field given twice keeps both values, with a warning naming the document" {
	# The second Byline: used to be dropped without a word.
	academic | sed 's/^BYLINE: Jane Doe$/BYLINE: Jane Doe\n\nBYLINE: John Roe/' > "$T/two.txt"
	run -0 --separate-stderr artsplit -f nexis "$T/two.txt"
	assert_equal "$(echo "$output" | jget byline | head -1)" 'Jane Doe; John Roe'
	line=$(grep -n 'John Roe' "$T/two.txt" | cut -d: -f1)
	assert_equal "$stderr" "artsplit: $T/two.txt:$line: document 1: a second BYLINE: its value is joined to the first with \"; \""
	# The same value twice is no news: no warning.  A second load date
	# cannot be joined: the first stays, and the warning says so.
	academic | sed 's/^BYLINE: Jane Doe$/BYLINE: Jane Doe\nBYLINE: Jane Doe/; s/^LOAD-DATE: January 12, 2010$/&\nLOAD-DATE: January 14, 2010/' > "$T/date.txt"
	run -0 --separate-stderr artsplit -f nexis "$T/date.txt"
	assert_equal "$(echo "$output" | jget byline | head -1)" 'Jane Doe'
	assert_equal "$(echo "$output" | jget load_date | head -1)" '2010-01-12'
	line=$(grep -n 'January 14, 2010' "$T/date.txt" | cut -d: -f1)
	assert_equal "$stderr" "artsplit: $T/date.txt:$line: document 1: a second LOAD-DATE, January 14, 2010: the first, 2010-01-12, is kept"
	# Nexis Uni: Author: and Byline: give the one field.
	printf 'Harbour reopens\nThe Guardian\nJuly 1, 2019 Monday\n\nByline: Jane Doe\nAuthor: John Roe\n\nBody\n\nText.\n\nEnd of Document\n' > "$T/uni.txt"
	run -0 --separate-stderr artsplit -f nexis "$T/uni.txt"
	assert_equal "$(echo "$output" | jget byline)" 'Jane Doe; John Roe'
	assert_equal "$stderr" "artsplit: $T/uni.txt:6: document 1: a second BYLINE: its value is joined to the first with \"; \""
}

@test "Nexis: a document number skipped is a document lost: status 1" {
	academic | sed 's/2 of 3 DOCUMENTS/4 of 5 DOCUMENTS/; s/ of 3 DOCUMENTS/ of 5 DOCUMENTS/' > "$T/gap.txt"
	run --separate-stderr artsplit -f nexis "$T/gap.txt"
	assert_failure 1
	assert_equal "$(echo "$output" | jvalid)" 3
	line=$(grep -n '4 of 5 DOCUMENTS' "$T/gap.txt" | cut -d: -f1)
	assert_equal "$stderr" "artsplit: $T/gap.txt:$line: document 4 of 5 follows document 1: 2 missing"
	# A part download (documents 3 to 5 of 5) starts past 1: no loss.
	academic | sed 's/1 of 3 DOCUMENTS/3 of 5 DOCUMENTS/; s/2 of 3 DOCUMENTS/4 of 5 DOCUMENTS/; s/3 of 3 DOCUMENTS/5 of 5 DOCUMENTS/' > "$T/part.txt"
	run --separate-stderr artsplit -f nexis "$T/part.txt"
	assert_success
	assert_equal "$stderr" "artsplit: $T/part.txt: 3 documents read, the export says 5"
}

@test "Nexis Uni: fewer documents than the cover's count is status 1" {
	{ printf 'Documents (3)\n\n1. Harbour reopens\n\n'
	  for i in 1 2; do
		printf 'Harbour reopens %s\nThe Guardian\nJuly 1, 2019 Monday\n\nByline: Jane Doe\n\nBody\n\nText %s.\n\nEnd of Document\n' $i $i
	  done; } > "$T/cover.txt"
	run --separate-stderr artsplit -f nexis "$T/cover.txt"
	assert_failure 1
	assert_equal "$(echo "$output" | jvalid)" 2
	assert_equal "$stderr" "artsplit: $T/cover.txt: 2 documents read, the export says 3: 1 lost"
}

@test "Nexis: a file that is no export is refused, naming it, to --rejects too (bad16)" {
	# It was one item of no text, status 0: the wrong -f went unheard.
	printf 'Two lines of prose,\nand no more.\n' > "$T/plain.txt"
	run --separate-stderr artsplit -f nexis --rejects "$T/r" "$T/plain.txt"
	assert_failure 1
	assert_equal "$output" ''
	assert_equal "${stderr%%$'\n'*}" "artsplit: $T/plain.txt:1: not a Nexis export: it has no document start (\"1 of 3 DOCUMENTS\", \"Document 1 of 3\") or end (\"End of Document\")"
	cmp "$T/r" "$T/plain.txt"
	# One byte, no final newline; CRLF: the same.  An empty file is none.
	for s in 'x' 'a\r\nb\r\n'; do
		printf "$s" > "$T/s.txt"
		run --separate-stderr artsplit -f nexis "$T/s.txt"
		assert_failure 1
		assert_equal "$output" ''
		assert_equal "$(echo "$stderr" | grep -c .)" 1
	done
	: > "$T/empty.txt"
	run -0 --separate-stderr artsplit -f nexis "$T/empty.txt"
	assert_equal "$output$stderr" ''
}

@test "Nexis: an export with a damaged document keeps its good ones (bad16)" {
	# Document 2 of 3 lost its end: it is set aside, 1 and 3 are written.
	{ for i in 1 2 3; do
		printf 'Harbour reopens %s\nThe Guardian\nJuly 1, 2019 Monday\n\nByline: Jane Doe\n\nBody\n\nText %s.\n\n' $i $i
		[ $i = 3 ] || printf 'End of Document\n\n'
	  done; } > "$T/cut.txt"
	run --separate-stderr artsplit -f nexis --rejects "$T/r" "$T/cut.txt"
	assert_failure 1
	assert_equal "$(echo "$output" | jget text)" "$(printf 'Text 1.\nText 2.')"
	# named from the line after the last End of Document
	line=$(grep -n 'End of Document' "$T/cut.txt" | tail -1 | cut -d: -f1)
	assert_equal "${stderr%%$'\n'*}" "artsplit: $T/cut.txt:$((line + 1)): document 3 cut off: no End of Document"
	assert_equal "$(sed -n 2p "$T/r")" 'Harbour reopens 3'
	# A NUL byte inside document 2: the documents before it are kept.
	{ for i in 1 2 3; do
		printf 'Harbour reopens %s\nThe Guardian\nJuly 1, 2019 Monday\n\nBody\n\nText %s.\n' $i $i
		[ $i = 2 ] && printf 'bad\0byte\n'
		printf 'End of Document\n\n'
	  done; } > "$T/nul.txt"
	run --separate-stderr artsplit -f nexis "$T/nul.txt"
	assert_failure 1
	assert_equal "$(echo "$output" | jget text | head -1)" 'Text 1.'
}
