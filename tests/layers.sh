#!/bin/sh
# tests/layers.sh - check that libartkit's folders keep to their layers:
# every #include "LAYER/x.h" in lib/LAYER2/ must name a layer LAYER2 may
# use.  The layers, bottom up (see doc/design.md):
#
#	base	buffers, allocation, string sets, UTF-8, JSON values
#	io	records, input, output, the driver, options	(uses base)
#	text	artclean's steps: bytes -> bytes		(uses base)
#	sent	the sentence splitter: bytes -> offsets		(uses base)
#	split	artsplit's readers				(uses base io text)
#	cleanrec artclean's records			(uses base io text)
#	sentrec	artsent's sentence records			(uses base io sent)
#	sim	artsim's engines and modes			(uses base io sent)
#	view	artview: pages that show records		(uses base io)
#
# text/ and sent/ are pure bytes -> bytes: they never see a record.
# Usage: layers.sh [LIBDIR]; prints each breach and exits 1 if any.
lib=${1:-$(dirname "$0")/../lib}
allowed() {
	case $1 in
	base)	echo "base" ;;
	io)	echo "base io" ;;
	text)	echo "base text" ;;
	sent)	echo "base sent" ;;
	split)	echo "base io text split" ;;
	cleanrec) echo "base io text cleanrec" ;;
	sentrec) echo "base io sent sentrec" ;;
	sim)	echo "base io sent sim" ;;
	view)	echo "base io view" ;;
	*)	echo "" ;;
	esac
}
bad=0
n=0
for dir in "$lib"/*/; do
	layer=$(basename "$dir")
	ok=$(allowed "$layer")
	if [ -z "$ok" ]; then
		echo "layers: lib/$layer: not a known layer"
		bad=1
		continue
	fi
	for f in "$dir"*.[ch]; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		for inc in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			case $inc in
			*/*) used=${inc%%/*} ;;
			*)	echo "layers: lib/$layer/${f##*/}: \"$inc\" names no layer"
				bad=1
				continue ;;
			esac
			case " $ok " in
			*" $used "*) ;;
			*)	echo "layers: lib/$layer/${f##*/}: includes \"$inc\": $layer may use only $ok"
				bad=1 ;;
			esac
		done
	done
done
[ "$n" -gt 0 ] || { echo "layers: no source files under $lib"; exit 1; }
exit $bad
