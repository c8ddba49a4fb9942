#!/bin/sh
# tools/demo.sh - run the whole pipeline over the sample corpus in
# share/corpus with every tool that is built, and show what comes out of
# each step; then the other inputs artsplit reads (the sample web site's
# pages, a generated Nexis DOCX export) and artview's page of one pair,
# left in $DEMO_DIR (default $O/demo).  Run by `make demo`.
O=${O:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$top/$O/bin:$PATH" ARTKIT_SHARE="$top/share" LC_ALL=C
cd "$top/share/corpus" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
have() { [ -x "$top/$O/bin/$1" ]; }

# show FILE: the records of FILE, each cut to one screen line.
show() {
	LC_ALL=C.UTF-8 sed 's/^\(.\{140\}\).*/\1 .../' "$1"
}

inputs=$(ls *.txt *.gz 2>/dev/null | tr '\n' ' ')
echo "== artsplit $inputs"
artsplit $inputs > "$tmp/items.jsonl"
echo "-- $(wc -l < "$tmp/items.jsonl") items:"
show "$tmp/items.jsonl"
last="$tmp/items.jsonl"

if have artclean; then
	echo
	echo "== artclean --explain (what was removed, and by which rule)"
	artclean --explain "$last" > "$tmp/clean.jsonl"
	python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    for x in r["removed"]:
        t = x["text"].replace("\n", " ")
        print("%-10s %-20s %s" % (r["id"], x["rule"], t[:60] + ("..." if len(t) > 60 else "")))
' "$tmp/clean.jsonl"
	artclean "$last" > "$tmp/clean.jsonl"
	last="$tmp/clean.jsonl"
fi

if have artsent; then
	echo
	echo "== artsent -t (the first 12 sentences)"
	artsent -t "$last" | head -n 12
fi

if have artsim; then
	echo
	echo "== artsim (similar pairs)"
	artsim "$last"
	echo
	echo "== artsim --clusters (id and cluster)"
	artsim --clusters "$last" | grep -o '"id":"[^"]*"\|"cluster":"[^"]*"' | paste - - | cut -c1-100
fi

if have artsim && have artview; then
	echo
	echo "== artsim --align (how much of each item is passages of another)"
	artsim --align "$last" > "$tmp/align.jsonl"
	sed -n 's/^{"id":"\([^"]*\)","from":"\([^"]*\)".*"reused":\([0-9.]*\),"verdict":"\([^"]*\)"}$/\1 \2 \3 \4/p' \
	    "$tmp/align.jsonl" |
	    while read -r id from reused verdict; do
		printf '%-10s from %-10s %-7s %s\n' "$id" "$from" "$reused" \
		    "$verdict"
	    done
	dir=${DEMO_DIR:-$O/demo}
	case $dir in /*) ;; *) dir=$top/$dir ;; esac
	mkdir -p "$dir" &&
	    artview -a outlet-b -b wire -o "$dir/outlet-b.html" "$last" \
	    "$tmp/align.jsonl" &&
	    echo "-- artview: outlet-b and wire side by side, passages" \
	    "linked: ${DEMO_DIR:-$O/demo}/outlet-b.html"
fi

echo
echo "== artsplit web/news/*.html (web pages: the article and its metadata)"
artsplit web/news/*.html > "$tmp/web.jsonl"
show "$tmp/web.jsonl"

echo
echo "== artsplit -f nexis export.docx (a Nexis Uni export made by tests/gendocx.py)"
python3 "$top/tests/gendocx.py" nexis "$tmp/export.docx" \
    "$top/tests/nexis-docs.jsonl"
artsplit -f nexis "$tmp/export.docx" > "$tmp/nexis.jsonl"
show "$tmp/nexis.jsonl"
