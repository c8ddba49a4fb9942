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

# members N BAD...: a .warc.gz of N response records, one gzip member
# each; record K in BAD has its gzip member damaged ("d") or its
# Content-Length not a number ("c"), as "K:d".  The offsets where the
# members start go to stderr.
members() {
	python3 - "$@" <<'PY'
import gzip, sys
n = int(sys.argv[1])
bad = dict(a.split(":") for a in sys.argv[2:])
def rec(i):
    html = ("<html><head><title>Story %d</title></head><body><article>"
            "<h1>Story %d</h1>%s</article></body></html>"
            % (i, i, "<p>The harbour %d was closed by the storm.</p>" % i * 40)).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    cl = "zz" if bad.get(str(i)) == "c" else str(len(http))
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
            "WARC-Target-URI: http://x.example/%d\r\nContent-Type: application/http; "
            "msgtype=response\r\nContent-Length: %s\r\n\r\n" % (i, i, cl)).encode()
    return head + http + b"\r\n\r\n"
m = []
for i in range(1, n + 1):
    z = bytearray(gzip.compress(rec(i), mtime=0))
    if bad.get(str(i)) == "d":
        z[0] = 0    # its gzip magic gone: not gzip where a member starts
    m.append(bytes(z))
sys.stdout.buffer.write(b"".join(m))
sys.stderr.write(" ".join(str(sum(map(len, m[:i]))) for i in range(n)) + "\n")
PY
}

@test "after a damaged gzip member, messages name lines from the member read on from, which can be found" {
	# Lines counted on over the gap: record 4's message said line 29 of a
	# file whose line 29 is nothing of the kind, and no line number
	# after a gap can be found again.
	members 5 2:d 4:c > "$T/d.warc.gz" 2> "$T/off"
	read -r m1 m2 m3 m4 m5 < "$T/off"
	run --separate-stderr artsplit "$T/d.warc.gz"
	assert_failure 1
	assert_equal "$(echo "$output" | jget title | tr '\n' ' ')" 'Story 1 Story 3 Story 5 '
	# The damage: byte offsets, no line.
	[[ "$stderr" == *"artsplit: $T/d.warc.gz: after record 1: trailing garbage after gzip data, at byte $m2 of the file: "*"read on from byte $m3, "* ]]
	# Record 4, after the gap: a line of the data from member 3.
	line=$(echo "$stderr" | sed -n "s/.*: line \([0-9]*\) of the gzip data from byte $m3: record [0-9]* (urn:uuid:4).*Content-Length \"zz\".*/\1/p")
	[ -n "$line" ] || fail "no line from byte $m3 for record 4: $stderr"
	# ... and that line is record 4's start, as the man page says to look.
	assert_equal "$(tail -c +$((m3 + 1)) "$T/d.warc.gz" | gzip -dc 2>/dev/null |
	    sed -n "${line}p" | tr -d '\r')" 'WARC/1.0'
	assert_equal "$(tail -c +$((m3 + 1)) "$T/d.warc.gz" | gzip -dc 2>/dev/null |
	    sed -n "$((line + 2))p" | tr -d '\r')" 'WARC-Record-ID: <urn:uuid:4>'
	# Undamaged, lines are the file's, as before.
	members 5 4:c > "$T/c.warc.gz" 2>/dev/null
	run --separate-stderr artsplit "$T/c.warc.gz"
	assert_failure 1
	line=$(echo "$stderr" | sed -n "s/.*c\.warc\.gz:\([0-9]*\): record 4 .*/\1/p")
	assert_equal "$(gzip -dc "$T/c.warc.gz" | sed -n "${line}p" | tr -d '\r')" 'WARC/1.0'
}

@test "artsent and artsim say so when no record has a \"text\" field, rather than give nothing without a word" {
	# An input whose text is under another name ("body") gave no
	# sentences or no pairs, exit 0 and not a word on stderr.
	printf '{"id":"1","body":"One. Two."}\n{"id":"2","body":"Three."}\n' > "$T/b.jsonl"
	run -0 --separate-stderr artsent "$T/b.jsonl"
	assert_equal "$output" ''
	assert_equal "$stderr" 'artsent: no record had a "text" field: no sentences'
	for m in "" --align --clusters --map; do
		run -0 --separate-stderr artsim $m "$T/b.jsonl"
		assert_equal "$stderr" 'artsim: no record had a "text" field: no words, no pairs'
	done
	# One record without text among others is an item without words:
	# nothing to say.  null is an empty text, and a title is text with
	# --with-title.
	printf '{"id":"1","text":"A text."}\n{"id":"2"}\n' > "$T/one.jsonl"
	printf '{"id":"1","text":null}\n{"id":"2","title":"A title here."}\n' > "$T/n.jsonl"
	for f in one n; do
		run -0 --separate-stderr artsent --with-title "$T/$f.jsonl"
		assert_equal "$stderr" ''
		run -0 --separate-stderr artsim --with-title "$T/$f.jsonl"
		assert_equal "$stderr" ''
	done
}

@test "a message is one line, whatever the file name or the id holds (bad15)" {
	# A newline in a file name or in an id (JSON's "\n") broke the
	# message in two: a log or a script reading "tool: FILE:LINE: what"
	# took the second half for another message.
	nl=$'a\nb'
	printf '{"id":"x","text":"One."}\n{"id":1,"text":"Two."}\n' > "$T/$nl.jsonl"
	for tool in artclean artsent artsim artview "artsplit -f jsonl"; do
		run --separate-stderr $tool "$T/$nl.jsonl"
		assert_failure 1
		assert_equal "$stderr" "${tool%% *}: $T/a\\nb.jsonl:2: field \"id\" is a number, not a string"
	done
	run --separate-stderr artclean "$T/nodir/$nl"
	assert_failure 1
	assert_equal "$stderr" "artclean: $T/nodir/a\\nb: No such file or directory"
	run --separate-stderr artclean -o "$T/nodir/$nl" "$T/$nl.jsonl"
	assert_failure 1
	assert_equal "$stderr" "artclean: $T/nodir/a\\nb: No such file or directory"
	run --separate-stderr artclean -o "$T/$nl.jsonl" "$T/$nl.jsonl"
	assert_failure 2
	assert_equal "$stderr" "artclean: -o $T/a\\nb.jsonl names the input $T/a\\nb.jsonl"
	# An id with a newline, quoted in a message.
	printf '{"id":"p\\nq","text":"x"}\n{"id":"p\\nq","text":"x"}\n' > "$T/id.jsonl"
	run --separate-stderr artsim "$T/id.jsonl"
	assert_failure 1
	assert_equal "$stderr" "artsim: $T/id.jsonl:2: id \"p\\nq\" seen before: ids must be unique"
	# Spaces, colons and backslashes are left as they are, as cc(1) does.
	printf '{"id":1}\n' > "$T/s p:a\\ce.jsonl"
	run --separate-stderr artclean "$T/s p:a\\ce.jsonl"
	assert_equal "$stderr" "artclean: $T/s p:a\\ce.jsonl:1: field \"id\" is a number, not a string"
}

@test "a closed standard input is named stdin, as everywhere else (bad15)" {
	for tool in artclean artsent artsim artview artsplit; do
		# (bats's run holds its own descriptors: close it in a shell.)
		run --separate-stderr sh -c "exec $tool <&-"
		assert_failure 1
		[[ "$stderr" == "$tool: stdin: Bad file descriptor"* ]] ||
		    fail "$tool: $stderr"
	done
}

@test "a UTF-16 file and a file of CR line ends are named as such by the record tools (bad15)" {
	# Both were "invalid UTF-8 (byte 1)" or "text after the JSON object
	# (byte 63)": true of one byte, silent on what the whole file is.
	printf 'One. Two.\n' | iconv -f UTF-8 -t UTF-16 > "$T/u16.txt"
	printf '\xff\xfe' > "$T/bom.txt"
	printf '{"id":"a","text":"One."}\r{"id":"b","text":"Two."}\r' > "$T/cr.jsonl"
	for tool in artclean artsent artsim artview; do
		for f in u16.txt bom.txt; do
			run --separate-stderr $tool --plain "$T/$f"
			[ "$tool" = artview ] && run --separate-stderr $tool "$T/$f"
			assert_failure 1
			assert_equal "${stderr%%$'\n'*}" "$tool: $T/$f:1: UTF-16 text: not read; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"
		done
		run --separate-stderr $tool "$T/cr.jsonl"
		assert_failure 1
		assert_equal "$stderr" "$tool: $T/cr.jsonl:1: a carriage return alone ends the JSON object: the lines end in CR, not LF; convert them first (tr '\\r' '\\n')"
	done
	# Other text after an object keeps its message.
	printf '{"id":"a"} x\n' > "$T/x.jsonl"
	run --separate-stderr artclean "$T/x.jsonl"
	assert_equal "$stderr" "artclean: $T/x.jsonl:1: text after the JSON object (byte 12)"
}

@test "artsplit -f auto is by content, as -e auto is; on a file of one byte too (bad15)" {
	# -e takes auto, -f did not ("format is auto: want text, ..."), so
	# a script could not give back the default after its own -f.
	printf 'x' > "$T/one.txt"
	run -0 --separate-stderr artsplit -f auto "$T/one.txt"
	assert_equal "$output" '{"id":"one","text":"x"}'
	assert_equal "$stderr" ''
	run -0 artsplit -f csv -f auto "$T/one.txt"
	assert_equal "$output" '{"id":"one","text":"x"}'
	printf 'WARC/1.0\r\n' > "$T/w"
	run --separate-stderr artsplit -f auto "$T/w"
	[[ "$stderr" == *"$T/w: "* ]] || fail "$stderr"
	run -2 --separate-stderr artsplit -f xml "$T/one.txt"
	assert_equal "$stderr" 'artsplit: format is xml: want auto, text, nexis, csv, jsonl, html or warc'
}

@test "artsim: an index given where records are read is named as such (bad15)" {
	# It was "invalid UTF-8 (byte 65)": true, but not what to do.
	printf '{"id":"a","text":"one two three four five six"}\n' > "$T/a.jsonl"
	run -0 artsim --index -o "$T/ix" "$T/a.jsonl"
	for m in "" --align --clusters --map "--ref $T/ix"; do
		run -2 --separate-stderr artsim $m "$T/a.jsonl" "$T/ix"
		assert_equal "$stderr" "artsim: $T/ix is an artsim index, not records: give it with --ref"
	done
	run -0 artsim --ref "$T/ix" "$T/a.jsonl"
}

@test "artview: an input that cannot be read is the one message, not also \"no pair record\" (bad15)" {
	# After "stdin: Bad file descriptor" came "no passage or pair record
	# in the input": the run had failed for the first reason.
	run -1 --separate-stderr sh -c 'exec artview <&-'
	assert_equal "$stderr" 'artview: stdin: Bad file descriptor'
	run -1 --separate-stderr artview "$T/none.jsonl"
	assert_equal "$stderr" "artview: $T/none.jsonl: No such file or directory"
	# With nothing wrong but the input, the message stays.
	printf '{"id":"a","text":"x"}\n' > "$T/a.jsonl"
	run -1 --separate-stderr artview "$T/a.jsonl"
	assert_equal "$stderr" "artview: no passage or pair record in the input: give artsim --align's output"
}

@test "a UTF-16 file under --rejects: one message for the file, all of it set aside, the next file read (bad16)" {
	# Each line after the first was "NUL byte in text" (UTF-16's line
	# feed is followed by a NUL), one message a line.
	printf 'One. Two.\nThree.\nFour.\n' | iconv -f UTF-8 -t UTF-16 > "$T/u16.txt"
	printf 'One. Two.\r\nThree.' | iconv -f UTF-8 -t UTF-16BE > "$T/be.txt"
	printf '\xff\xfe' > "$T/bom.txt"
	printf '{"id":"g","text":"Good text."}\n' > "$T/good.jsonl"
	for tool in artclean artsent artsim artview; do
		for f in u16.txt be.txt bom.txt; do
			rm -f "$T/r"
			run --separate-stderr $tool --rejects "$T/r" -o "$T/out" "$T/$f" "$T/good.jsonl"
			assert_failure 1
			assert_equal "$(echo "$stderr" | grep -c "$T/$f")" 1
			assert_equal "$(echo "$stderr" | grep -c .)" 2
			assert_equal "$(echo "$stderr" | tail -1)" "$tool: 1 bad record written to $T/r"
			cmp "$T/r" "$T/$f"
			case $tool in artclean|artsent) grep -q '"g' "$T/out" ;; esac
		done
	done
	run --separate-stderr artclean --rejects "$T/r" "$T/be.txt"
	assert_equal "${stderr%%$'\n'*}" "artclean: $T/be.txt:1: UTF-16 text (no byte order mark): not read; convert it to UTF-8 first (iconv -f UTF-16BE -t UTF-8)"
}
