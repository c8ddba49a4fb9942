#!/usr/bin/env bats
# artview: the page of a pair, rendered by headless Chromium (started and
# stopped here, with an empty profile and no network of its own), then
# checked as the browser built it: every passage highlighted in both texts
# with exactly the text artsim named, linked both ways, the verdicts and
# figures on top, nothing fetched or run.

load common

# browse ARGS...: headless Chromium on a fresh profile in $T.  It must be
# installed (tools/deps.sh puts it there): a missing browser fails the test.
browse() {
	command -v chromium > /dev/null || {
		echo "chromium is not installed: run tools/deps.sh" >&2
		return 1
	}
	rm -rf "$T/profile"
	mkdir "$T/profile"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$T/profile" "$@" 2> "$T/chromium.err"
}

# An invented pair: characters HTML must escape and text outside the
# Basic Multilingual Plane before the reused sentences, so a code point
# slip or an unescaped "<" shows.
fixture() {
	python3 - "$T/items.jsonl" <<'PY'
import json, sys
s1 = ("The <harbour> board & its “chair” met on Tuesday to agree the "
      "budget for the coming year and for the new pier at Westhaven.")
s2 = ("Members spoke for an hour about the cost of dredging the channel "
      "before the final vote was taken late in the evening.")
s3 = ("Fishermen who attended the meeting welcomed the decision and "
      "thanked the board for listening to their concerns at last.")
s4 = ("Work on the pier is due to start in the spring and should take "
      "about eighteen months to finish, the chair said afterwards.")
src = s1 + " " + s2 + "\n\n" + s3 + "\n\n" + s4
rw = ("🙂 Emoji first. Page furniture <b>here</b>.\n\n" + s3 + "\n\n" +
      s1.replace("Tuesday", "Monday") + " " + s2)
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "src", "title": "Pier <budget> agreed",
                        "text": src}, ensure_ascii=False) + "\n")
    f.write(json.dumps({"id": "rw & co", "title": "Board backs pier",
                        "text": rw}, ensure_ascii=False) + "\n")
PY
	artsim --align "$T/items.jsonl" > "$T/align.jsonl"
	artsim --contain 0.1 "$T/items.jsonl" >> "$T/align.jsonl"
}

@test "artview: the page in Chromium holds every passage, linked both ways" {
	fixture
	artview -o "$T/page.html" "$T/items.jsonl" "$T/align.jsonl"
	browse --dump-dom "file://$T/page.html" > "$T/dom.html"
	python3 - "$T/items.jsonl" "$T/align.jsonl" "$T/dom.html" <<'PY'
import json, sys
from html.parser import HTMLParser
items = {}
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    items[r["id"]] = r["text"]
passages = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
summ = [p for p in passages if "verdict" in p]
passages = [p for p in passages if "a_start" in p]
assert len(passages) == 2, passages

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.stack, self.text = {}, [], []
        self.tags, self.attrs = [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "a" and "p" in (a.get("class") or "").split():
            self.stack.append(a["id"])
            self.links[a["id"]] = [a["href"], ""]
        elif tag == "a":
            self.stack.append(None)
    def handle_endtag(self, tag):
        if tag == "a":
            self.stack.pop()
    def handle_data(self, d):
        self.text.append(d)
        for k in self.stack:
            if k:
                self.links[k][1] += d

page = Page()
page.feed(open(sys.argv[3], encoding="utf-8").read())
text = "".join(page.text)
for n, p in enumerate(sorted(passages, key=lambda p: p["a_start"]), 1):
    a, b = page.links[f"a{n}"], page.links[f"b{n}"]
    assert a[0] == f"#b{n}" and b[0] == f"#a{n}", (a, b)
    assert a[1] == items[p["a"]][p["a_start"]:p["a_end"]], a[1]
    assert b[1] == items[p["b"]][p["b_start"]:p["b_end"]], b[1]
assert len(page.links) == 2 * len(passages), page.links.keys()
for s in summ:
    assert f"{s['id']} is {s['verdict']} from {s['from']}" in text, s
for fig in ("jaccard", "in_a", "in_b", "shared"):
    assert fig in text, fig
# The texts are shown as text: the markup in them is not markup.
assert "Page furniture <b>here</b>." in text
assert "Pier <budget> agreed" in text
assert "b" not in page.tags and "script" not in page.tags
# Nothing to fetch: no address anywhere in the page's attributes.
for k, v in page.attrs:
    assert k not in ("src", "srcset") and "//" not in (v or ""), (k, v)
print("ok")
PY
}

@test "artview: following a link scrolls the other column to its passage" {
	fixture
	artview -o "$T/page.html" "$T/items.jsonl" "$T/align.jsonl"
	browse --window-size=1000,600 --screenshot="$T/shot.png" \
	    "file://$T/page.html#b1"
	# A PNG of the window's size, with the outlined passage's colour in
	# it (the :target rule's #c22 outline).
	python3 - "$T/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (1000, 600), (w, h)
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IHDR":
        depth, ctype = data[pos + 16], data[pos + 17]
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
found = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                  b if pb <= pc else c)) & 255
    for x in range(w // 2, w):
        r, g, bl = line[x * bpp:x * bpp + 3]
        found += abs(r - 0xcc) < 24 and g < 0x50 and bl < 0x50
    prev = line
assert found > 100, found
print("ok")
PY
}

@test "artview: -a and -b choose the pair and its sides" {
	fixture
	artview -a src -b 'rw & co' "$T/items.jsonl" "$T/align.jsonl" > "$T/p"
	run grep -c '<h2>src</h2>' "$T/p"
	assert_output 1
	# src on the left: its first passage is the one earliest in src.
	run grep -o '<section id="item-a"><h2>[^<]*' "$T/p"
	assert_output '<section id="item-a"><h2>src'
	run artview -a nobody "$T/items.jsonl" "$T/align.jsonl"
	assert_failure 1
	assert_output --partial 'no passage or pair record of the items asked for'
	run artview -a src -b src "$T/items.jsonl"
	assert_failure 2
	# Every line read as text would hold no passage: no --plain here.
	run artview --plain "$T/items.jsonl" "$T/align.jsonl"
	assert_failure 2
	assert_output --partial "unrecognized option '--plain'"
}

@test "artview: missing items and passages that do not fit are errors" {
	fixture
	run artview -o "$T/page.html" "$T/align.jsonl"
	assert_failure 1
	assert_output --partial 'is not in the input: give the items'
	[ ! -e "$T/page.html" ]
	run artview "$T/items.jsonl"
	assert_failure 1
	assert_output --partial 'no passage or pair record in the input'
	sed 's/"a_end":[0-9]*/"a_end":99999/' "$T/align.jsonl" > "$T/bad"
	run artview "$T/items.jsonl" "$T/bad"
	assert_failure 1
	assert_output --partial 'does not fit the texts'
	echo '{"a":"src","b":"rw & co","a_start":"x"}' > "$T/bad"
	run artview "$T/items.jsonl" "$T/bad"
	assert_failure 1
	assert_output --partial 'a passage needs a, b, a_start'
	# Offsets below 0, past each other or not whole are no passage's:
	# an error naming the line, never a passage dropped in silence.
	for o in '{"a_start":-3}' '{"a_start":9,"a_end":2}' '{"b_end":2.5}'; do
		python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
r = json.loads(lines[0])
r.update(json.loads(sys.argv[2]))
print(json.dumps(r, ensure_ascii=False))
print("\n".join(lines[1:]))' "$T/align.jsonl" "$o" > "$T/bad"
		run --separate-stderr artview "$T/items.jsonl" "$T/bad"
		assert_failure 1
		assert_equal "$stderr" "artview: $T/bad:1: a passage's offsets are whole numbers from 0, each start at most its end"
	done
	# A message about the whole input names no file.
	run --separate-stderr artview "$T/items.jsonl"
	assert_equal "$stderr" "artview: no passage or pair record in the input: give artsim --align's output"
}
