#!/bin/sh
# tools/snapshot.sh - run every tool in every mode over the sample corpus
# and any evaluation data given, one output file per command, so that a
# change meant to keep behaviour (a refactoring, a speed-up) can be shown
# to keep it byte for byte:
#
#	tools/snapshot.sh before [DIR ...]	# on the old tree
#	tools/snapshot.sh after [DIR ...]	# on the new one
#	diff -r before after
#
# DIR names further inputs: every *.txt file under it is split, every
# *.jsonl and *.jsonl.gz file with a "text" field is cleaned and cut into
# sentences, and every one with more than one record is compared.
# Standard error and the exit status of each command are kept too.  The
# tools come from $BIN (default $O/bin, O=build), the data from
# $ARTKIT_SHARE (default the tree's share/).
set -u
[ $# -ge 1 ] || { echo "usage: snapshot.sh outdir [dir ...]" >&2; exit 2; }
O=${O:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH="${BIN:-$top/$O/bin}:$PATH" ARTKIT_SHARE="${ARTKIT_SHARE:-$top/share}"
export LC_ALL=C TMPDIR="${TMPDIR:-/tmp}"
out=$1
shift
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# snap NAME CMD...: stdout to NAME, stderr to NAME.err, status to NAME.rc
snap() {
	n=$1
	shift
	"$@" >"$out/$n" 2>"$out/$n.err"
	echo $? >"$out/$n.rc"
}

c=$top/share/corpus
snap split-corpus artsplit "$c"/*.txt "$c"/*.gz
snap split-p artsplit -p "$c"/wire.txt "$c"/outlet-a.txt
snap split-stream artsplit "$c"/stream.txt
snap clean-explain artclean --explain "$out/split-corpus"
snap clean artclean "$out/split-corpus"
artclean --learn "$tmp/model" --min-items 2 "$out/split-corpus" 2>/dev/null
snap clean-model artclean --explain -m "$tmp/model" "$out/split-corpus"
snap sent artsent --offsets "$out/clean"
snap sent-t artsent -t "$out/clean"
snap sent-title artsent --with-title "$out/clean"
snap sent-keep artsent --offsets --keep date,source,title "$out/clean"
snap sent-unwrap artsent --unwrap --with-title "$out/clean"
snap sim artsim "$out/clean"
snap sim-clusters artsim --clusters "$out/clean"
snap sim-dedup artsim --dedup --keep longest "$out/clean"
snap sim-align artsim --align "$out/clean"
snap sim-exact artsim --exact -t 0.2 "$out/clean"
snap sim-estimate artsim --estimate "$out/clean"
artsim --index -o "$tmp/wire.idx" "$out/clean" 2>/dev/null
snap sim-ref artsim --ref "$tmp/wire.idx" "$out/clean"
snap sim-ref-align artsim --ref "$tmp/wire.idx" --align "$out/clean"
snap sim-mapred sh -c 'artsim --map "$1" | sort | artsim --reduce |
    sort | artsim --reduce | sort | artsim --reduce | sort |
    artsim --reduce' sh "$out/clean"

for d in "$@"; do
	for f in $(find "$d" -name '*.txt' | sort); do
		b=$(basename "$f" .txt)
		snap "split-$b" artsplit "$f"
	done
	for f in $(find "$d" -name '*.jsonl' -o -name '*.jsonl.gz' | sort); do
		b=$(basename "$f" .gz)
		b=$(basename "$b" .jsonl)
		zcat -f "$f" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    t = r.get("text", r.get("in"))
    if isinstance(t, str):
        print(json.dumps({"id": str(r["id"]), "text": t}, ensure_ascii=False))
' >"$tmp/in.jsonl"
		[ -s "$tmp/in.jsonl" ] || continue
		snap "clean-$b" artclean --explain "$tmp/in.jsonl"
		snap "sent-$b" artsent --offsets "$tmp/in.jsonl"
		[ "$(wc -l <"$tmp/in.jsonl")" -gt 1 ] || continue
		snap "sim-$b" artsim "$tmp/in.jsonl"
		snap "simc-$b" artsim --clusters -t 0.3 "$tmp/in.jsonl"
	done
done
