#!/usr/bin/env bats
# artsplit on bad input (issue 18): nothing lost, memory bounded by
# --max-record, messages in the `tool: file:line: message` form.  Every
# test here but "a quoted field over several lines" (which guards the
# resync against taking legal multi-line cells apart) failed on the code
# before its fix.

load common

# rss CMD...: run CMD under tools/rusage; peak RSS in KB in $kb.
rss() {
	run --separate-stderr "$ARTKIT_BUILD/tools/rusage" "$@"
	kb=$(echo "$stderr" | sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p')
}

asan() {
	nm "$ARTKIT_BUILD/bin/artsplit" 2>/dev/null | grep -q __asan_init
}

# csv_rows N: N good rows "k,Title k,Body k."
csv_rows() {
	awk -v n="$1" -v f="${2:-3}" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "%d,Title %d,Body %d.\n", i + f, i + f, i + f }'
}

@test "CSV: an unclosed quote costs its row, not every row after it" {
	{
		echo 'id,title,text'
		echo '1,First,Body one.'
		echo '2,Second,"Body "two" broken'
		csv_rows 998
	} > "$T/in.csv"
	run --separate-stderr artsplit -f csv --rejects "$T/rej" "$T/in.csv"
	assert_failure 1
	[ "$(echo "$output" | jvalid)" = 999 ]
	assert_equal "$(cat "$T/rej")" '2,Second,"Body "two" broken'
	[[ "$stderr" == *"in.csv:3: quoted field never closed"* ]]
	[[ "$stderr" == *"1 bad record"* ]]
	assert_equal "$(echo "$output" | jget id | sed -n '2p;$p' | tr '\n' ' ')" \
	    '4 1001 '
	# Without --rejects the run stops there, after the good row before.
	run --separate-stderr artsplit -f csv "$T/in.csv"
	assert_failure 1
	assert_equal "$(echo "$output" | jget id)" 1
}

@test "CSV: a quoted field over several lines is still one cell" {
	printf 'id,text\n1,"Para one.\n\nPara ""two"", yes."\n2,Next.\n' > "$T/in.csv"
	run -0 artsplit -f csv "$T/in.csv"
	assert_equal "$(echo "$output" | jget text | head -3)" \
	    "$(printf 'Para one.\n\nPara "two", yes.')"
	assert_equal "$(echo "$output" | jget id | tail -1)" 2
}

@test "CSV: an unclosed quote is bounded by --max-record" {
	# The quote opens on line 2 and never closes: without a bound the
	# whole rest of the file is held as one cell.
	{ echo 'id,text'; echo '1,"open'; csv_rows 20000 1 | cut -d, -f1,3; } > "$T/in.csv"
	run --separate-stderr artsplit -f csv --max-record 64K --rejects "$T/rej" "$T/in.csv"
	assert_failure 1
	assert_equal "$(cat "$T/rej")" '1,"open'
	[ "$(echo "$output" | jvalid)" = 20000 ]
}

@test "CSV: two columns for one field keep both values, or stop" {
	printf 'id,headline,title,body,content\n1,The headline,The title,The body text,The content\n' > "$T/in.csv"
	run -0 artsplit -f csv "$T/in.csv"
	assert_output '{"id":"1","headline":"The headline","title":"The title","text":"The body text","content":"The content"}'
	# The same column twice, or --columns naming one field twice: which
	# value is the text cannot be guessed.
	printf 'id,text,text\n1,a,b\n' > "$T/dup.csv"
	printf 'id,text\n9,T\n' > "$T/ok.csv"
	run --separate-stderr artsplit -f csv "$T/dup.csv" "$T/ok.csv"
	assert_failure 1
	assert_output '{"id":"9","text":"T"}'
	[[ "$stderr" == *"dup.csv:1: columns 2 and 3 both give the field \"text\""* ]]
	printf 'id,a,b\n1,x,y\n' > "$T/ab.csv"
	run --separate-stderr artsplit -f csv --columns a=text,b=text "$T/ab.csv"
	assert_failure 1
	[[ "$stderr" == *"ab.csv:1: columns 2 and 3 both give the field \"text\""* ]]
	# A header read again after an unclosed quote fails the same way, and
	# the rows after it are not read under names it never set (a crash).
	printf 'id,"text\nid,id\n1,2\n' > "$T/q.csv"
	run --separate-stderr artsplit -f csv --rejects "$T/rej" "$T/q.csv" "$T/ok.csv"
	assert_failure 1
	assert_output '{"id":"9","text":"T"}'
	[[ "$stderr" == *"q.csv:2: columns 1 and 2 both give the field \"id\""* ]]
	assert_equal "$(cat "$T/rej")" 'id,"text'
}

@test "CSV: a rejected row is written byte for byte, not decoded" {
	printf 'id,text\n1,caf\xe9\n2,caf\xe9,extra\n' > "$T/in.csv"
	run --separate-stderr artsplit -f csv --rejects "$T/rej" "$T/in.csv"
	assert_failure 1
	cmp "$T/rej" <(printf '2,caf\xe9,extra\n')
	# CRLF, and a row of several lines: each line with its own end.
	printf 'id,text\r\n1,"a\r\nb",x\r\n2,"open\r\n3,ok\r\n' > "$T/crlf.csv"
	run --separate-stderr artsplit -f csv --rejects "$T/rej3" "$T/crlf.csv"
	assert_failure 1
	cmp "$T/rej3" <(printf '1,"a\r\nb",x\r\n2,"open\r\n')
	assert_equal "$(echo "$output" | jget id)" 3
	# JSON Lines rejects too.
	printf '{"text":"caf\xe9"}\nnot json \xe9\n' > "$T/in.jsonl"
	run --separate-stderr artsplit -f jsonl --rejects "$T/rej2" "$T/in.jsonl"
	assert_failure 1
	cmp "$T/rej2" <(printf 'not json \xe9\n')
}

@test "CSV: 100,000 columns take linear time" {
	# A linear search per cell made 3 rows of 40,000 columns take 16 s;
	# the CPU limit has a margin of about 30 over the linear cost.
	python3 -c '
n = 100000
print(",".join(["id", "text"] + ["c%d" % i for i in range(n)]))
for r in range(3):
    print(",".join([str(r), "t"] + [str(i) for i in range(n)]))' > "$T/wide.csv"
	run bash -c "ulimit -t 10; artsplit -f csv '$T/wide.csv' | wc -l"
	assert_success
	assert_output 3
}

@test "Nexis: a date line that does not parse keeps the body" {
	printf '1 of 1 DOCUMENT\n\nThe Valley Herald\n\nCirca spring 2021\n\nBridge plan approved\n\nBYLINE: Ana Ruiz\n\nThe plan was approved.\n\nIt will open soon.\n\nLOAD-DATE: March 4, 2019\n' > "$T/n.txt"
	run -0 artsplit -f nexis "$T/n.txt"
	assert_equal "$(echo "$output" | jget text)" \
	    "$(printf 'The plan was approved.\n\nIt will open soon.')"
	assert_equal "$(echo "$output" | jget title)" 'Bridge plan approved'
	assert_equal "$(echo "$output" | jget date_text)" 'Circa spring 2021'
}

@test "Nexis: blank lines outside documents make no records" {
	printf '\n\n   \nDocument 1 of 2\n\nOne\nThe Paper\nApril 22, 2021\n\nBody\n\nText one.\n\nEnd of Document\n\n\n\nDocument 2 of 2\n\nTwo\nThe Paper\nApril 23, 2021\n\nBody\n\nText two.\n\nEnd of Document\n\n\n' > "$T/n.txt"
	run -0 artsplit -f nexis "$T/n.txt"
	assert_equal "$(echo "$output" | jget id | tr '\n' ' ')" 'n#1 n#2 '
	assert_equal "$(echo "$output" | jget text | tr '\n' ' ')" 'Text one. Text two. '
}

@test "CR-only line ends (old Mac files) are line ends" {
	printf 'The title\r\rPara one,\rline two.\r\rPara two.\r' > "$T/mac.txt"
	run -0 artsplit "$T/mac.txt"
	assert_output '{"id":"mac","title":"The title","text":"Para one,\nline two.\n\nPara two."}'
	printf 'id,text\r1,One.\r2,Two.\r' > "$T/mac.csv"
	run -0 artsplit -f csv "$T/mac.csv"
	assert_equal "$(echo "$output" | jget text | tr '\n' ' ')" 'One. Two. '
}

@test "an item longer than --max-record is rejected, in bounded memory" {
	# 40 MB of text without a blank line: one paragraph.  It used to be
	# held whole (4 times over) and written as one huge record.
	awk 'BEGIN { for (i = 0; i < 400000; i++) printf "word %099d\n", i }' > "$T/big.txt"
	printf '\f\nNext\n\nA short one.\n' >> "$T/big.txt"
	limit=20000
	asan && limit=$((limit * 4))
	rss sh -c 'artsplit --max-record 1M --rejects "$1" "$2" > "$3"' sh \
	    "$T/rej" "$T/big.txt" "$T/out"
	assert_failure 1
	[[ "$stderr" == *"big.txt:1: item longer than --max-record (1048576 bytes): its first 1048576 bytes written to $T/rej"* ]]
	[ "$kb" -lt "$limit" ] || fail "peak RSS $kb KB, limit $limit"
	assert_equal "$(jget title < "$T/out")" Next
	# The rejects take the item's first --max-record bytes, as for a line.
	cmp "$T/rej" <(head -c 1048576 "$T/big.txt"; echo)
	# Nexis: "Body" and no "End of Document".
	{ printf 'Document 1 of 1\n\nTitle\nPaper\nApril 22, 2021\n\nBody\n\n'; head -n 400000 "$T/big.txt"; } > "$T/n.txt"
	rss sh -c 'artsplit -f nexis --max-record 1M --rejects "$1" "$2" > "$3"' \
	    sh "$T/rej" "$T/n.txt" "$T/out"
	assert_failure 1
	[[ "$stderr" == *"item longer than --max-record"* ]]
	[ "$kb" -lt "$limit" ] || fail "nexis: peak RSS $kb KB, limit $limit"
	cmp "$T/rej" <(head -c 1048576 "$T/n.txt"; echo)
	# CSV: an unclosed quote.
	{ echo 'id,text'; printf '1,"'; head -n 400000 "$T/big.txt"; } > "$T/in.csv"
	rss sh -c 'artsplit -f csv --max-record 1M --rejects "$1" "$2" > "$3"' \
	    sh "$T/rej" "$T/in.csv" "$T/out"
	assert_failure 1
	[ "$kb" -lt "$limit" ] || fail "csv: peak RSS $kb KB, limit $limit"
}

@test "a binary file is reported as tool: file:line: message" {
	printf 'Title\n\nText.\nbad\0byte\nmore\n' > "$T/bin.txt"
	run --separate-stderr artsplit "$T/bin.txt"
	assert_failure 1
	assert_equal "$stderr" "artsplit: $T/bin.txt:4: NUL byte: binary file, rest of it skipped"
}

@test "a NUL byte past the first block is damage: U+FFFD, a warning, the records after it read" {
	# 4,000 records of 80 bytes: the NUL comes 320 KB in, past the first
	# read (256 KB at most), so the file is text with a damaged line
	awk 'BEGIN { for (i = 1; i <= 4000; i++)
	    printf "{\"id\":\"r%d\",\"text\":\"Record %d of a long export, padded out to eighty.\"}\n", i, i }' > "$T/big.jsonl"
	printf '{"id":"bad","text":"dam\0aged"}\n{"id":"after","text":"Read on."}\n' >> "$T/big.jsonl"
	run --separate-stderr artsplit -f jsonl "$T/big.jsonl"
	assert_success
	assert_equal "$stderr" "artsplit: $T/big.jsonl:4001: 1 NUL byte made U+FFFD"
	assert_equal "$(echo "$output" | wc -l)" 4002
	assert_equal "$(echo "$output" | sed -n 4001p)" '{"id":"bad","text":"dam�aged"}'
	assert_equal "$(echo "$output" | tail -1)" '{"id":"after","text":"Read on."}'
}

@test "UTF-16 text (Excel's 'Unicode Text') is refused with a message that says so" {
	printf 'id,text\r\n1,Caf\xc3\xa9 text.\r\n' | iconv -f UTF-8 -t UTF-16 > "$T/u16.csv"
	printf 'Good\n\nText.\n' > "$T/good.txt"
	run --separate-stderr artsplit "$T/u16.csv" "$T/good.txt"
	assert_failure 1
	assert_output '{"id":"good","title":"Good","text":"Text."}'
	for f in "" "-f csv" "-f text" "-f nexis" "-f jsonl"; do
		run --separate-stderr artsplit $f "$T/u16.csv"
		assert_failure 1
		assert_output ''
		assert_equal "$stderr" "artsplit: $T/u16.csv:1: UTF-16 text: not read; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"
	done
}

@test "UTF-16 text without a byte order mark is named, with its byte order, not called binary" {
	printf 'Headline\n\nCaf\xc3\xa9 text.\n' | iconv -f UTF-8 -t UTF-16LE > "$T/le.txt"
	printf 'id,text\n1,Text.\n' | iconv -f UTF-8 -t UTF-16BE > "$T/be.csv"
	run --separate-stderr artsplit "$T/le.txt"
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" "artsplit: $T/le.txt:1: UTF-16 text (no byte order mark): not read; convert it to UTF-8 first (iconv -f UTF-16LE -t UTF-8)"
	run --separate-stderr artsplit -f csv "$T/be.csv"
	assert_failure 1
	assert_equal "$stderr" "artsplit: $T/be.csv:1: UTF-16 text (no byte order mark): not read; convert it to UTF-8 first (iconv -f UTF-16BE -t UTF-8)"
	# a binary file that starts with a NUL is still binary
	printf '\000\001\002\003binary' > "$T/bin.txt"
	run --separate-stderr artsplit "$T/bin.txt"
	assert_failure 1
	assert_equal "$stderr" "artsplit: $T/bin.txt:1: NUL byte: binary file, rest of it skipped"
}

@test "a file of one line keeps it as text, with -p too; a long first line is no headline" {
	printf 'Just one line of text.\n' > "$T/one.txt"
	printf 'Just one line, no newline' > "$T/nonl.txt"
	printf 'Headline\nPublished: 22 April 2021\n' > "$T/meta.txt"
	printf '\n  \n\n\t\n' > "$T/blank.txt"
	run -0 --separate-stderr artsplit -p "$T/one.txt" "$T/nonl.txt" "$T/meta.txt" "$T/blank.txt"
	assert_equal "$stderr" ''
	assert_output - <<-'OUT'
	{"id":"one","par":1,"text":"Just one line of text."}
	{"id":"nonl","par":1,"text":"Just one line, no newline"}
	{"id":"meta","par":1,"text":"Headline"}
	OUT
	run -0 artsplit "$T/one.txt" "$T/meta.txt" "$T/blank.txt"
	assert_output - <<-'OUT'
	{"id":"one","text":"Just one line of text."}
	{"id":"meta","date":"2021-04-22","text":"Headline"}
	OUT
	# A first line of 5,000 characters is a paragraph, not a title.
	{ awk 'BEGIN { for (i = 0; i < 1000; i++) printf "word "; print "end." }'
	  printf '\nSecond paragraph.\n'; } > "$T/long.txt"
	run -0 artsplit -p "$T/long.txt"
	assert_equal "$(echo "$output" | jget par | tr '\n' ' ')" '1 2 '
	assert_equal "$(echo "$output" | head -1 | jget text | wc -c)" 5005
	run -0 artsplit "$T/long.txt"
	assert_equal "$(echo "$output" | jget title)" null
	# Up to 300 characters it is the headline.
	printf '%0300d\n\nBody.\n' 0 > "$T/h300.txt"
	run -0 artsplit "$T/h300.txt"
	assert_equal "$(echo "$output" | jget title | wc -c)" 301
}

# warc_members MODE: three response records, one gzip member each, the
# second damaged: "data" (a byte of its deflate data flipped, so that it
# fails after its header), "magic" (its gzip magic gone) or "none".  The
# offsets of the second and third members go to stderr.
warc_members() {
	python3 - "$1" <<'PY'
import gzip, random, sys
def rec(i):
    r = random.Random(i)
    words = ["harbour", "storm", "boats", "council", "bridge", "river"]
    text = "".join("<p>%s.</p>" % " ".join(r.choice(words) + str(r.randrange(1000))
                                             for _ in range(30)) for _ in range(30))
    html = ("<html><head><title>Story %d</title></head><body><article>"
            "<h1>Story %d</h1>%s</article></body></html>" % (i, i, text)).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
            "WARC-Target-URI: http://x.example/%d\r\nContent-Type: application/http; "
            "msgtype=response\r\nContent-Length: %d\r\n\r\n" % (i, i, len(http))).encode()
    return head + http + b"\r\n\r\n"
m = [bytearray(gzip.compress(rec(i), mtime=0)) for i in (1, 2, 3)]
if sys.argv[1] == "magic":
    m[1][0] = 0
elif sys.argv[1] == "data":
    # the first flip past the middle that inflate finds wrong before
    # the member's check
    import zlib
    for pos in range(len(m[1]) // 2, len(m[1]) - 8):
        t = bytearray(m[1]); t[pos] ^= 0xff
        d = zlib.decompressobj(31)
        try:
            for k in range(len(t)):
                d.decompress(bytes(t[k:k + 1]))
        except zlib.error as e:
            if "check" not in str(e):
                m[1] = t
                break
sys.stdout.buffer.write(b"".join(m))
sys.stderr.write("%d %d\n" % (len(m[0]), len(m[0]) + len(m[1])))
PY
}

@test "a .warc.gz with a damaged gzip member in the middle: the records after it are read, exit 1" {
	# It used to stop at the damage: record 3 was lost too.
	warc_members data > "$T/d.warc.gz" 2> "$T/off"
	read -r second third < "$T/off"
	run --separate-stderr artsplit "$T/d.warc.gz"
	assert_failure 1
	assert_equal "$(echo "$output" | jget title | tr '\n' ' ')" 'Story 1 Story 3 '
	[[ "$stderr" == *"artsplit: $T/d.warc.gz: record 2: corrupt gzip data: "*", at byte "*" of the file: record lost; read on from byte $third, the next gzip member that starts a record"* ]]
	[[ "$stderr" == *"3 records, 2 pages written; 1 damaged gzip member skipped"* ]]
	# A member whose gzip magic is gone was "trailing garbage": the rest
	# of the archive was lost.
	warc_members magic > "$T/m.warc.gz" 2> "$T/off"
	read -r second third < "$T/off"
	run --separate-stderr artsplit "$T/m.warc.gz"
	assert_failure 1
	assert_equal "$(echo "$output" | jget title | tr '\n' ' ')" 'Story 1 Story 3 '
	[[ "$stderr" == *"m.warc.gz: after record 1: trailing garbage after gzip data, at byte $second of the file: "*"read on from byte $third"* ]]
	# Undamaged, the same archive reads whole and quietly but for its
	# summary.
	warc_members none > "$T/n.warc.gz" 2>/dev/null
	run -0 --separate-stderr artsplit "$T/n.warc.gz"
	assert_equal "$(echo "$output" | jget title | tr '\n' ' ')" 'Story 1 Story 2 Story 3 '
	assert_equal "$stderr" "artsplit: $T/n.warc.gz: 3 records, 3 pages written"
}

@test "a .warc.gz whose damaged member is the last ends there, exit 1" {
	warc_members none > "$T/n.warc.gz" 2>/dev/null
	cat "$T/n.warc.gz" > "$T/t.warc.gz"
	printf '\0\0\0\0' >> "$T/t.warc.gz"
	run --separate-stderr artsplit "$T/t.warc.gz"
	assert_failure 1
	assert_equal "$(echo "$output" | jvalid)" 3
	[[ "$stderr" == *"after record 3: trailing garbage after gzip data, at byte"*"and no gzip member after it starts a record"* ]]
}

# long_page FILE.html FILE.warc: a page of 40 MB of paragraphs, its last
# sentence past 32 MB, as an HTML file and as a WARC response record.
long_page() {
	python3 - "$1" "$2" <<'PY'
import sys
p = b"<p>Filler paragraph, with a comma, for a page far too big to be news.</p>\n"
html = (b"<html><head><title>Long report</title></head><body><article>" +
        p * (40 * 2**20 // len(p)) +
        b"<p>The closing sentence of the long report is here.</p>"
        b"</article></body></html>\n")
open(sys.argv[1], "wb").write(html)
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        "WARC-Target-URI: http://x.example/long\r\nContent-Type: application/http; "
        "msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)).encode()
open(sys.argv[2], "wb").write(head + http + b"\r\n\r\n")
PY
}

@test "a page over 32 MB is cut with one warning by default, read whole with a larger --max-record (bad18)" {
	# PAGE_MAX capped a page whatever --max-record said: a user who
	# asked for --max-record 48M still got it cut at 32 MB.
	long_page "$T/long.html" "$T/long.warc"
	for f in html warc; do
		run --separate-stderr artsplit -f $f "$T/long.$f"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -eq 1 ]
		[[ "$output" != *"closing sentence"* ]]
		[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] ||
		    [ $f = warc ] # the archive's summary line follows
		[[ "$stderr" == *"long.$f:"*"page longer than 32 MB: read up to there (--max-record reads more)"* ]]

		run --separate-stderr artsplit -f $f --max-record 48M "$T/long.$f"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -eq 1 ]
		[[ "$output" == *'The closing sentence of the long report is here."'* ]]
		[[ "$stderr" != *"page longer"* ]]
	done
	# A smaller --max-record still cuts sooner, and says where.
	run --separate-stderr artsplit -f html --max-record 8M "$T/long.html"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"long.html: page longer than 8 MB: read up to there (--max-record reads more)"* ]]
}
