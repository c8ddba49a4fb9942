#!/usr/bin/env bats
# artsplit -f html and -f warc (issue 14): the sample site of
# share/corpus/web read as files, served by python3 -m http.server on
# 127.0.0.1, crawled by wget into a WARC and read back; WARC records
# written by hand for what wget never writes; and bad input, each with a
# one-line message naming file and record, the good records written,
# memory bounded, exit 1 when a record was lost.

load common

SITE=$ARTKIT_TOP/share/corpus/web
REAL=${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}

# field FILE ID FIELD: FIELD of the record whose id is ID.
field() {
	python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["id"] == sys.argv[2]:
        print(r.get(sys.argv[3], ""))
' "$@"
}

# rec TYPE URI CONTENT-TYPE BLOCK-FILE: one WARC/1.1 record on stdout.
rec() {
	local n
	n=$(wc -c < "$4")
	printf 'WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n' "$1" "$2"
	printf 'WARC-Date: 2024-03-14T12:00:00Z\r\n'
	printf 'WARC-Record-ID: <urn:uuid:%s>\r\n' "$(basename "$4")"
	printf 'Content-Type: %s\r\nContent-Length: %s\r\n\r\n' "$3" "$n"
	cat "$4"
	printf '\r\n\r\n'
}

# http FILE STATUS [HEADER...]: an HTTP response around FILE, on stdout.
http() {
	local f=$1 st=$2
	shift 2
	printf 'HTTP/1.1 %s X\r\n' "$st"
	for h in "$@"; do printf '%s\r\n' "$h"; done
	printf '\r\n'
	cat "$f"
}

page() {
	printf '<html><head><title>%s</title></head><body><nav><a href="/">'\
'Home</a></nav><article><h1>%s</h1><p>%s, said the harbour master on '\
'Tuesday, and the ferry will run again next week.</p><p>The quay was '\
'closed for repairs, which took longer than planned, the council said.'\
'</p></article></body></html>' "$1" "$1" "$2"
}

# story HEADLINE SENTENCE: the head of a page whose article opens with
# SENTENCE three times, on stdout (the caller adds the rest and closes).
story() {
	printf '<html><body><article><h1>%s</h1>\n' "$1"
	for k in 1 2 3; do
		printf '<p>%s</p>\n' "$2"
	done
}

@test "web: the sample pages as files, with their metadata" {
	run -0 artsplit -f html "$SITE"/news/*.html
	echo "$output" > "$T/out"
	[ "$(wc -l < "$T/out")" -eq 4 ]
	[ "$(field "$T/out" lighthouse-reopens title)" = \
	    "Porthaven lighthouse reopens after two-year restoration" ]
	[ "$(field "$T/out" lighthouse-reopens date)" = \
	    "2024-03-14T09:30:00+00:00" ]
	[ "$(field "$T/out" lighthouse-reopens byline)" = "Mara Lindqvist" ]
	[ "$(field "$T/out" lighthouse-reopens source)" = \
	    "The Harbour Gazette" ]
	[ "$(field "$T/out" lighthouse-reopens lang)" = en ]
	[ "$(field "$T/out" lighthouse-reopens url)" = \
	    "http://harbour-gazette.example/news/lighthouse-reopens.html" ]
	field "$T/out" lighthouse-reopens text > "$T/text"
	grep -q '^The Porthaven lighthouse opened its doors' "$T/text"
	grep -q '^Tickets: £6.50 for adults' "$T/text"
	grep -q '^A new museum in the keeper’s cottage$' "$T/text"
	grep -q 'night tours in the summer months.$' "$T/text"
	for junk in cookies Share Related Comments Wonderful Subscribe \
	    'Gazette in your inbox' 'Quay Street' Advertisement Lindqvist \
	    'two-year restoration'; do
		! grep -q "$junk" "$T/text" || fail "furniture left: $junk"
	done
	# the date of a page that says it only in its text
	[ "$(field "$T/out" fahrplan date)" = 2024-03-03 ]
	# a table's rows as blocks, cells by a tab
	field "$T/out" fahrplan text | grep -q "^Altstadt 5.40	Nordufer 5.52$"
}

@test "web: windows-1252 and ISO-8859-2 pages by their <meta>" {
	run -0 artsplit -f html "$SITE/news/cafe-greve.html" \
	    "$SITE/news/rynek.html"
	echo "$output" > "$T/out"
	field "$T/out" cafe-greve text | grep -q 'ni œufs brouillés, ni croissants à 1,20 €'
	field "$T/out" cafe-greve text | grep -q '« situation difficile »'
	[ "$(field "$T/out" cafe-greve byline)" = "Élodie Marchand" ]
	field "$T/out" rynek text | grep -q 'mówi Łukasz Żmuda'
	[ "$(field "$T/out" rynek title)" = "Targ rybny wraca na nabrzeże" ]
	[ "$(field "$T/out" rynek date)" = 2024-03-09 ]
}

@test "web: a page is known by its first bytes, without -f" {
	cp "$SITE/news/rynek.html" "$T/page.txt"
	run -0 artsplit "$T/page.txt"
	[[ "$output" == *'"title":"Targ rybny wraca na nabrzeże"'* ]]
	# and plain text stays text
	printf 'A headline\n\nA paragraph.\n' > "$T/plain.txt"
	run -0 artsplit "$T/plain.txt"
	[[ "$output" == *'"title":"A headline","text":"A paragraph."'* ]]
}

@test "web: a page without an article gives the text it has" {
	run -0 artsplit -f html "$SITE/index.html"
	[[ "$output" == *'"text":"Latest news"'* ]]
	printf '<html><body><img src=a.png></body></html>' > "$T/empty.html"
	run -0 --separate-stderr artsplit -f html "$T/empty.html"
	[ -z "$output" ]
	[[ "$stderr" == *"empty.html: no text found in the page: no record"* ]]
}

@test "web: links in a sentence stay with it, labelled links and menus go" {
	{
	story 'Choir wins the cup' 'The Lindholm choir sang for the county cup on Saturday, and the judges gave it the prize over nine other choirs from the valley.'
	printf '<p>Tickets are on sale at <a class="more" href="/s">the choir shop</a> every Sunday, and the proceeds go to the school.</p>\n'
	printf '<p><a href="/p/ann">Ann Lee of Harrow</a> has led \xe2\x80\x9c<a href="/t/choir">the Lindholm choir</a>.\xe2\x80\x9d</p>\n'
	printf '<p>To enter you need <a href="/rules">the rules of the cup</a>:</p>\n'
	printf '<p>Read on: <a class="more-link" href="/x">More news</a></p>\n'
	printf '<div class="promo"><a href="/y">Win a trip to the seaside</a></div>\n'
	printf '<p>Read more: <a href="/x">Choirs of the valley</a></p>\n'
	printf '<p>Listen: <a href="/a">our podcast</a><br>Watch: <a href="/b">the final</a>.</p>\n'
	printf '</article></body></html>\n'
	} > "$T/choir.html"
	run -0 artsplit -f html "$T/choir.html"
	# a link styled as furniture in mid-sentence keeps its place
	[[ "$output" == *'Tickets are on sale at the choir shop every Sunday'* ]]
	# a paragraph that is a sentence with links in it is the story's
	[[ "$output" == *"Ann Lee of Harrow has led “the Lindholm choir.”"* ]]
	[[ "$output" == *'To enter you need the rules of the cup:'* ]]
	# a link of that class at a paragraph's end, a promo box, a label
	# before a link and links a line each still go
	[[ "$output" != *'More news'* ]]
	[[ "$output" != *'Win a trip'* ]]
	[[ "$output" != *'Choirs of the valley'* ]]
	[[ "$output" != *'our podcast'* ]]
}

@test "web: --explain says what the article lost and why, and changes nothing else" {
	{
	story 'Choir wins the cup' 'The Lindholm choir sang for the county cup on Saturday, and the judges gave it the prize over nine other choirs from the valley.'
	printf '<div class="share-tools">Share this story with a friend</div>\n'
	printf '<p><a href="/x">The choirs of the valley, a history</a></p>\n'
	printf '</article></body></html>\n'
	} > "$T/explain.html"
	run -0 artsplit -f html "$T/explain.html"
	plain=$output
	[[ "$plain" != *'left_out'* ]]
	run -0 artsplit -f html --explain "$T/explain.html"
	python3 - "$plain" "$output" <<'EOF'
import json, sys
plain, why = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out = why.pop("left_out")
box, runs = why.pop("box"), why.pop("box_text")
assert why == plain, (why, plain)
assert box == "article", box
assert "Share this story with a friend" in runs, runs
assert {"text": "Share this story with a friend", "rule": "extract.class"} in out, out
assert {"text": "The choirs of the valley, a history", "rule": "extract.links"} in out, out
EOF
	# the same field from a WARC's page
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' > "$T/resp"
	cat "$T/explain.html" >> "$T/resp"
	rec response http://example.org/choir application/http "$T/resp" > "$T/explain.warc"
	run -0 artsplit -f warc --explain "$T/explain.warc"
	[[ "$output" == *'"left_out":[{"text":'* ]]
}

@test "web: an accordion of role tablist holding the text is the article's, a row of tabs is not" {
	{
	story 'Ferry timetable changes' 'The ferry between Altstadt and Nordufer will run every twenty minutes from Monday, the harbour office said on Tuesday, and later on Sundays.'
	printf '<ul role="tablist"><li role="tab">Timetable</li><li role="tab">Fares and tickets for the week</li></ul>\n'
	printf '<div class="panel-group" role="tablist"><div class="panel"><div class="panel-body">\n'
	for k in 1 2 3 4; do
		printf '<p>Asked about the winter the harbour master said the boats would keep to the same times and the night crossing would stop in January for a month.</p>\n'
	done
	printf '</div></div></div></article></body></html>\n'
	} > "$T/ferry.html"
	run -0 artsplit -f html "$T/ferry.html"
	[[ "$output" == *'Asked about the winter the harbour master said'* ]]
	[[ "$output" != *'Fares and tickets'* ]]
}

@test "web: a pull quote set in an aside is the article's, a box of links in one is not" {
	{
	story 'Bridge to reopen in spring' 'The old bridge over the Wenne will reopen to walkers in April after two years of repairs, the county engineer told the council on Monday.'
	cat <<-'EOF'
	<aside><q>We found the iron better than we feared</q></aside>
	<p>The work cost more than planned because the piers had to be rebuilt from the river bed, and the county paid the difference.</p>
	<aside class="pullquote pull-left">The piers were rebuilt from the river bed up.</aside>
	<aside><h3>Read next</h3><ul><li><a href="/a">Ferry fares rise again</a></li></ul></aside>
	<aside><blockquote>Open at last! <a href="/t/1">pic.example/1</a></blockquote></aside>
	<aside>Advertisement</aside>
	</article></body></html>
	EOF
	} > "$T/bridge.html"
	run -0 artsplit -f html "$T/bridge.html"
	[[ "$output" == *'We found the iron better than we feared'* ]]
	[[ "$output" == *'The piers were rebuilt from the river bed up.'* ]]
	# related links, an embedded post (it has a link), a bare label
	[[ "$output" != *'Read next'* ]]
	[[ "$output" != *'Ferry fares'* ]]
	[[ "$output" != *'Open at last'* ]]
	[[ "$output" != *'Advertisement'* ]]
}

@test "web: a crawl by wget, read back from its WARC" {
	command -v wget >/dev/null || fail "wget is not installed"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	python3 -m http.server --bind 127.0.0.1 --directory "$SITE" "$port" \
	    >/dev/null 2>&1 &
	server=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do
		python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$port" 2>/dev/null && break
		sleep 0.3
	done
	cd "$T"
	wget -q -r -l 2 -p -e robots=off -nH -P dl --warc-file=crawl \
	    "http://127.0.0.1:$port/" || true
	kill "$server"
	wait "$server" || true
	[ -s crawl.warc.gz ]
	# found by its first bytes: no -f
	run -0 --separate-stderr artsplit --progress crawl.warc.gz
	echo "$output" > out
	[ "$(wc -l < out)" -eq 5 ]
	[[ "$stderr" == *"records, 5 pages written; skipped:"* ]]
	[[ "$stderr" == *" request"* && "$stderr" == *" warcinfo"* ]]
	[[ "$stderr" == *"status 404"* && "$stderr" == *"status 3xx"* ]]
	[[ "$stderr" == *"not HTML"* ]]
	[[ "$stderr" == *"artsplit: "*" records, 5 pages, "*" MB/s"* ]]
	# bare URLs (wget writes <...>), the crawl's date, the WARC ids
	python3 - "$port" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open("out")]
urls = sorted(r["url"] for r in recs)
base = "http://127.0.0.1:%s/" % sys.argv[1]
assert urls == [base, base + "news/cafe-greve.html",
    base + "news/fahrplan.html", base + "news/lighthouse-reopens.html",
    base + "news/rynek.html"], urls
for r in recs:
    assert r["id"].startswith("urn:uuid:"), r["id"]
    assert r["crawl_date"].endswith("Z"), r
EOF
	# the same pages read as files give the same text and title
	run -0 artsplit -f html dl/news/cafe-greve.html dl/news/fahrplan.html \
	    dl/news/lighthouse-reopens.html dl/news/rynek.html
	echo "$output" > files
	python3 - <<'EOF'
import json
warc = {r["url"].rsplit("/", 1)[1]: r for r in map(json.loads, open("out"))}
n = 0
for r in map(json.loads, open("files")):
    w = warc[r["id"] + ".html"]
    for k in ("text", "title", "date", "byline", "lang"):
        assert r.get(k) == w.get(k), (k, r.get(k), w.get(k))
    n += 1
assert n == 4
EOF
}

@test "web: records wget never writes: chunked, gzip, revisit, resource, an HTTP charset" {
	cd "$T"
	page "Ferry returns" "The ferry returns" > p1
	http p1 200 "Content-Type: text/html" "Transfer-Encoding: chunked" \
	    > /dev/null
	python3 - <<'EOF'
import gzip
body = open("p1", "rb").read()
chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i+50]), body[i:i+50])
                   for i in range(0, len(body), 50)) + b"0\r\n\r\n"
open("r1", "wb").write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n" + chunked)
z = gzip.compress(body.replace(b"Ferry returns", b"Ferry gzipped"))
open("r2", "wb").write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" +
    b"%x\r\n" % len(z) + z + b"\r\n0\r\n\r\n")
# windows-1252 said only by the HTTP header
open("r3", "wb").write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; "
    b"charset=windows-1252\r\n\r\n<html><body><h1>Caf\xe9</h1><p>Le caf\xe9 "
    b"rouvre \x93enfin\x94, disent les habitu\xe9s du port, ce matin.</p>"
    b"</body></html>")
open("r4", "wb").write(b"HTTP/1.1 200 OK\r\nWARC-Profile: x\r\n\r\n")
EOF
	page "Resource page" "A resource record" > r5
	{
		rec response "<http://a.example/1>" "application/http; msgtype=response" r1
		rec response "http://a.example/2" "application/http; msgtype=response" r2
		rec response "http://a.example/3" "application/http; msgtype=response" r3
		rec revisit "http://a.example/1" "application/http; msgtype=response" r4
		rec resource "http://a.example/5" "text/html" r5
	} > hand.warc
	run -0 --separate-stderr artsplit -f warc hand.warc
	echo "$output" > out
	[ "$(field out urn:uuid:r1 title)" = "Ferry returns" ]
	[ "$(field out urn:uuid:r1 url)" = "http://a.example/1" ]
	[ "$(field out urn:uuid:r2 title)" = "Ferry gzipped" ]
	field out urn:uuid:r3 text | grep -q 'Le café rouvre “enfin”, disent les habitués'
	[ "$(field out urn:uuid:r5 title)" = "Resource page" ]
	[ "$(wc -l < out)" -eq 4 ]
	[[ "$stderr" == *"5 records, 4 pages written; skipped: 1 revisit"* ]]
	# whole-file gzip reads the same
	gzip -c hand.warc > whole.warc.gz
	run -0 --separate-stderr artsplit whole.warc.gz
	[ "$output" = "$(cat out)" ]
}

@test "web: a Content-Length that lies loses that record only, exit 1" {
	cd "$T"
	page "One" "First" > a; page "Two" "Second" > b; page "Three" "Third" > c
	for f in a b c; do http $f 200 "Content-Type: text/html" > h$f; done
	{
		rec response http://x.example/a "application/http" ha
		rec response http://x.example/b "application/http" hb |
		    sed 's/^Content-Length: \([0-9]*\)/Content-Length: 100/'
		rec response http://x.example/c "application/http" hc
	} > lie.warc
	run -1 --separate-stderr artsplit lie.warc
	[ "$(echo "$output" | jget title | tr '\n' ' ')" = "One Three " ]
	[[ "$stderr" == *"lie.warc:"*": record 2 (urn:uuid:hb) http://x.example/b: its block does not end where Content-Length says: record lost"* ]]
}

@test "web: a Content-Length past the end of the file, exit 1, the records before it written" {
	cd "$T"
	page "One" "First" > a
	http a 200 > ha
	{ rec response http://x.example/a application/http ha
	  printf 'WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n'; } > short.warc
	run -1 --separate-stderr artsplit short.warc
	[ "$(echo "$output" | jget title)" = One ]
	[[ "$stderr" == *"short.warc:"*"record 2: Content-Length is 99999 but the file ends after"*"record lost"* ]]
}

@test "web: a truncated .warc.gz: the records before the damage, exit 1" {
	cd "$T"
	for i in 1 2 3; do
		page "Story $i" "Text $i" > p$i
		http p$i 200 > h$i
		rec response "http://x.example/$i" application/http h$i |
		    gzip -c >> cut.warc.gz
	done
	size=$(wc -c < cut.warc.gz)
	head -c $((size - 30)) cut.warc.gz > cut2.warc.gz
	run -1 --separate-stderr artsplit cut2.warc.gz
	[ "$(echo "$output" | jget title | tr '\n' ' ')" = "Story 1 Story 2 " ]
	[[ "$stderr" == *"cut2.warc.gz:"*"truncated"* ]]
	[[ "$stderr" == *"2 pages written"*"record 3 lost"* ]]
}

@test "web: a WARC that is really a ZIP is refused, exit 1" {
	cd "$T"
	python3 -c '
import zipfile
with zipfile.ZipFile("fake.warc", "w") as z:
    z.writestr("a.html", "<p>hello</p>")'
	run -1 --separate-stderr artsplit -f warc fake.warc
	[ -z "$output" ]
	[[ "$stderr" == *"fake.warc: not a WARC file"* ]]
	[ "$(echo "$stderr" | wc -l)" -le 2 ]
}

@test "web: invalid UTF-8 in a page that says UTF-8, and an unknown charset: warned, never fatal" {
	cd "$T"
	printf '<meta charset=utf-8><h1>Bad bytes</h1><p>Caf\xe9 and \xff here, said nobody at all today.</p>' > bad.html
	run -0 --separate-stderr artsplit bad.html
	[[ "$output" == *'Caf\ufffd and \ufffd here'* || "$output" == *'Caf� and � here'* ]]
	[[ "$stderr" == *"bad.html: 2 bytes not valid UTF-8 or NUL replaced by U+FFFD"* ]]
	printf '<meta charset=x-martian><h1>Odd</h1><p>A page in a charset nobody knows, or so it says.</p>' > odd.html
	run -0 --separate-stderr artsplit odd.html
	[[ "$stderr" == *'odd.html: charset "x-martian" is unknown: read as UTF-8'* ]]
	[[ "$output" == *"nobody knows"* ]]
}

@test "web: HTML nested 100,000 deep" {
	cd "$T"
	python3 -c '
print("<html><body>" + "<div>" * 100000 + "<p>Deep inside, the text is still found by the reader.</p>" + "</div>" * 100000)' > deep.html
	run -0 artsplit deep.html
	[[ "$output" == *'"text":"Deep inside, the text is still found by the reader."'* ]]
}

@test "web: a 200 MB page is cut at 32 MB, in bounded memory" {
	cd "$T"
	python3 -c '
import sys
p = "<p>Filler paragraph, with a comma, for a page far too big to be news.</p>\n"
sys.stdout.write("<html><body>" + p * (200 * 2**20 // len(p)))' > big.html
	"$ARTKIT_BUILD/tools/rusage" -o ru "$REAL/artsplit" big.html > out 2> err
	grep -q "big.html: page longer than 32 MB: read up to there" err
	[ "$(wc -l < out)" -eq 1 ]
	kb=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' ru)
	limit=$((400 * 1024))
	nm "$REAL/artsplit" | grep -q __asan_init && limit=$((limit + 1024 * 1024))
	[ "$kb" -lt "$limit" ] || fail "peak RSS $kb KB"
}

@test "web: a tag of 300,000 attributes takes linear time, and the text after it is read" {
	# libxml2 checks each attribute of a tag against every one before
	# it: a 3 MB tag took minutes.  The CPU limit has a margin of about
	# 20 over the linear cost.
	cd "$T"
	python3 -c '
n = 300000
print("<html><body><article><p class=\"lead\" " +
    " ".join("a%d=\"v>%d\"" % (i, i) for i in range(n)) +
    ">The words after the tag are still read as the article.</p>" +
    "<p id=x " + " ".join("b%d" % i for i in range(n)) + " class=y>" +
    "And those of a tag of bare names too.</p></article>")' > attrs.html
	run --separate-stderr bash -c "ulimit -t 10; artsplit attrs.html"
	assert_success
	[[ "$output" == *'"text":"The words after the tag are still read as the article.\n\nAnd those of a tag of bare names too."'* ]]
}

@test "web: a Content-Length that is no number loses that record only, saying so, exit 1" {
	cd "$T"
	for i in 1 2 3 4 5; do page "Story $i" "Text $i" > p$i; http p$i 200 > h$i; done
	{
		rec response http://x.example/1 application/http h1
		rec response http://x.example/2 application/http h2 |
		    sed 's/^Content-Length: [0-9]*/Content-Length: -5/'
		rec response http://x.example/3 application/http h3 |
		    sed 's/^Content-Length: [0-9]*/Content-Length: 99999999999999999999999/'
		rec response http://x.example/4 application/http h4 |
		    sed 's/^Content-Length: \([0-9]*\)/Content-Length: \1abc/'
		rec response http://x.example/5 application/http h5
	} > nan.warc
	run -1 --separate-stderr artsplit nan.warc
	[ "$(echo "$output" | jget title | tr '\n' ' ')" = "Story 1 Story 5 " ]
	[[ "$stderr" == *"record 2 (urn:uuid:h2) http://x.example/2: Content-Length \"-5\" is not a number of bytes: record lost"* ]]
	[[ "$stderr" == *"record 3 (urn:uuid:h3) http://x.example/3: Content-Length \"99999999999999999999999\" is not a number of bytes: record lost"* ]]
	[[ "$stderr" == *"record 4 (urn:uuid:h4) http://x.example/4: Content-Length \""*"abc\" is not a number of bytes: record lost"* ]]
}

@test "web: a UTF-16 page is known by its byte order mark, without -f" {
	cd "$T"
	printf '<html><body><p>Caf\xc3\xa9 in a UTF-16 page, read as a page.</p></body></html>' > p8
	iconv -f UTF-8 -t UTF-16LE p8 | { printf '\xff\xfe'; cat; } > le.html
	iconv -f UTF-8 -t UTF-16BE p8 | { printf '\xfe\xff'; cat; } > be.html
	run -0 --separate-stderr artsplit le.html be.html
	assert_equal "$stderr" ''
	assert_line --index 0 '{"id":"le","text":"Café in a UTF-16 page, read as a page."}'
	assert_line --index 1 '{"id":"be","text":"Café in a UTF-16 page, read as a page."}'
}

@test "web: invented layouts (tests/fixtures/web): the whole story, not the furniture" {
	cd "$T"
	for f in "$ARTKIT_TOP"/tests/fixtures/web/*.html; do
		artsplit -f html "$f" > "$(basename "$f" .html).json"
	done
	run python3 -c '
import json, os, sys
bad = 0
for want in sorted(sys.argv[1:]):
    name = os.path.basename(want)[:-5]
    text = json.loads(open(name + ".json").readline())["text"]
    for line in open(want, encoding="utf-8"):
        s = line.rstrip("\n")
        if s and (s[0] == "+") != (s[1:] in text):
            print("%s: %s" % (name, s))
            bad += 1
sys.exit(bad > 0)
' "$ARTKIT_TOP"/tests/fixtures/web/*.want
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "web: --explain names a reason for every piece of the article's box left out (tests/eval/check_explain.py over tests/fixtures/web)" {
	run python3 "$ARTKIT_TOP/tests/eval/check_explain.py" --split "$ARTKIT_BUILD/bin/artsplit -f html" "$ARTKIT_TOP"/tests/fixtures/web/*.html
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *": 0 with text of the box left out unexplained"* ]]
}

@test "web: --explain says when the text is the JSON-LD articleBody, why, and what the DOM's box was" {
	body=''
	for k in 1 2 3 4 5 6; do
		body="$body<p>The ferry to Vik ran again on day $k after the storm, and the harbour master said the new timetable would hold until the spring.</p>"
	done
	{
	printf '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry runs again", "articleBody": "%s"}</script></head><body>' "$body"
	printf '<main><article><h1>Ferry runs again</h1><div id="lead" class="teaser story-top"><p>The ferry to Vik ran again on day 1 after the storm.</p>'
	printf '<p class="paywall-note">Subscribe to read the whole story today</p></div>'
	printf '<p hidden>The ferry to Vik ran again on day 2 after the storm, and the harbour master said the new timetable would hold until the spring.</p>'
	printf '<div class="share-bar">Share this story</div></article></main></body></html>\n'
	} > "$T/ldbody.html"
	run -0 artsplit -f html "$T/ldbody.html"
	plain=$output
	run -0 artsplit -f html --explain "$T/ldbody.html"
	python3 - "$plain" "$output" <<'EOF'
import json, sys
plain, why = json.loads(sys.argv[1]), json.loads(sys.argv[2])
out = why.pop("left_out")
why.pop("box")
why.pop("box_text")
assert why == plain, (why, plain)
assert plain["text"].startswith("The ferry to Vik ran again on day 1 after the storm, and"), plain
# first: the text is the articleBody, why (the letters of each), and the
# DOM's box it replaced, with that box's text
swap = out[0]
assert swap["rule"] == "webmeta.body", out
assert swap["box"] == "div#lead.teaser.story-top", swap
assert swap["text"].startswith("The ferry to Vik ran again on day 1 after the storm."), swap
assert 0 < 2 * swap["letters"] < swap["body_letters"], swap
assert swap["body_letters"] == len("".join(plain["text"].split())), swap
# what the DOM's extraction left out and the body does not bring back
# is still named; nothing the text holds is said to be left out
assert {"text": "Share this story", "rule": "extract.class"} in out, out
assert not any("day 2" in piece["text"] for piece in out), out
for piece in out[1:]:
    assert " ".join(piece["text"].split()) not in " ".join(plain["text"].split()), piece
EOF
}
