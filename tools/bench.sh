#!/bin/sh
# tools/bench.sh - `make bench`: throughput and peak memory of every tool
# built so far, on a synthetic corpus the project generates itself.
#
#	O=build sh tools/bench.sh
#
# The corpus comes from tools/gencorpus (deterministic: same size and seed,
# same bytes) and is cached under $O/bench/, keyed by size and seed, and
# made again when gencorpus is rebuilt.  It is written three ways: JSON Lines,
# a plain-text stream of articles separated by form feeds, and a gzip copy
# of that stream.  Each tool then reads it with its output thrown away,
# timed by tools/rusage, next to `cat` and `zcat` on the same files so the
# ratios can be read off one run.  MB is 2^20 bytes; for gzip input the MB
# are those of the uncompressed text, so MB/s compares with zcat's.
# Columns: seconds and MB/s of wall-clock time; cpu, the user and system
# seconds of the same run (of all its threads and children), and MB/cpu,
# MB per CPU second: the speed per core, which a loaded machine disturbs
# less than the wall clock; RSS_MB, the peak resident memory.
#
# Environment: O (build tree, default build), BENCH_MB (corpus size, 200),
# BENCH_SIM_MB (the slice artsim reads, 50), BENCH_SEED (1), BENCH_RUNS
# (runs per row, the fastest is shown; 1), BENCH_REFS (reference items in
# artsim's index, 100000).
#
# artsim --index builds an index of BENCH_REFS items of the same corpus,
# so the slice artsim reads is a stream in which every item has its copy,
# and its near-duplicates, among the references (the "ref" rows: the
# slower case); the "ref-new" row streams items of another seed, which
# share only the generator's stock phrases with the references.
#
# The "sketch" row is artsim --estimate on the same slice: the items are
# read, shingled and sketched, and only the LSH buckets compared, so its
# MB/cpu is the speed of sketching per core.
#
# The "map|red" row runs artsim's map / sort / reduce split on the same
# slice as the in-memory artsim row, through LC_ALL=C sort -S 64M: MB/s of
# the slice for the whole pipeline, and the peak RSS of its largest
# process (sort included; artsim's round 1 holds the probe keys' lists
# of items, 22 MB for the 50 MB slice, the other steps stay near 4 MB).
#
# The "docx" row reads a Nexis Uni DOCX export made by tests/gendocx.py
# from the first BENCH_DOCX_MB (20, at most BENCH_MB) of the JSON Lines
# corpus, one document
# an item: MB/s of the export's word/document.xml (the XML, uncompressed),
# through the zip and the XML parser and the Nexis reader.
#
# BENCH_BIG=1 (make bench BIG=1) adds the "big" row of issue 5: 1,000,000
# generated items of about 3 KB (3 GB, written once to $O/bench/) through
# artsim's in-memory pairs mode, with its time and peak memory; it wants
# 3.5 GB of disk and minutes.  BENCH_BIG=2 (make bench BIG=2) makes it ten
# million items instead (34 GB of disk for the corpus and 24 GB in
# TMPDIR for the sets: 11.4 GB peak and 4,329 CPU seconds, against 1.17
# GB and 144 for a million; README's "Millions of items").  The lines after the
# artsim rows give issue 16's figures: peak RSS per item against half the
# text plus 64 MB, and the bytes the map / sort / reduce rounds sort and
# their CPU, over the text and the in-memory row.
# The web rows (issue 14): tools/genwarc makes news pages of BENCH_WEB_MB
# (30) of items, with the furniture and scripts of real pages, written
# once as files and as a WARC.gz of one gzip member per record; "html"
# reads the files with -f html, "warc.gz" the archive.  MB for both rows
# are MB of HTML (the pages' bytes), so MB/cpu is the issue's "MB of HTML
# per second per core".  With BENCH_BIG=1 the "warc-1G" row streams a
# WARC.gz of 1 GB (2.8 GB of HTML, generated once; its MB are those of
# the WARC uncompressed) and its RSS_MB shows the memory stays what it is
# for the small archive.
# Exit status: 0, or 1 when a run failed.
set -u

O=${O:-build}
MB=${BENCH_MB:-200}
SIMMB=${BENCH_SIM_MB:-50}
SEED=${BENCH_SEED:-1}
RUNS=${BENCH_RUNS:-1}
NREFS=${BENCH_REFS:-100000}
DOCXMB=${BENCH_DOCX_MB:-20}
BIG=${BENCH_BIG:-0}
top=$(cd "$(dirname "$0")/.." && pwd)
# The tools read their rules and abbreviations from the source tree.
export ARTKIT_SHARE="$top/share"
case $O in
/*) build=$O ;;
*) build=$top/$O ;;
esac
bin=$build/bin
gen=$build/tools/gencorpus
rusage=$build/tools/rusage
dir=$build/bench

for v in "$MB" "$SIMMB" "$SEED" "$RUNS" "$NREFS" "$BIG" "$DOCXMB"; do
	case $v in
	''|*[!0-9]*) echo "bench: not a number: $v" >&2; exit 2 ;;
	esac
done
[ "$DOCXMB" -gt "$MB" ] && DOCXMB=$MB
for p in "$gen" "$rusage"; do
	[ -x "$p" ] || { echo "bench: $p not built (run make O=$O)" >&2; exit 1; }
done
mkdir -p "$dir" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# make FILE COMMAND...: run COMMAND into FILE unless FILE is newer than
# the generator; through a temporary name, so an interrupted run leaves
# nothing half-written behind.
make_file() {
	f=$1
	shift
	[ -s "$f" ] && [ "$f" -nt "$gen" ] && return 0
	echo "bench: writing $f" >&2
	"$@" >"$f.tmp" && mv "$f.tmp" "$f" || { rm -f "$f.tmp"; exit 1; }
}

base=$dir/corpus-${MB}M-s$SEED
sim=$dir/corpus-${SIMMB}M-s$SEED.jsonl
make_file "$base.jsonl" "$gen" -S "$SEED" -s "${MB}M" -f jsonl
make_file "$base.txt" "$gen" -S "$SEED" -s "${MB}M" -f text
make_file "$base.txt.gz" gzip -n -c "$base.txt"
# A smaller -s gives a prefix of the same corpus.
make_file "$sim" "$gen" -S "$SEED" -s "${SIMMB}M" -f jsonl
# artsim --ref: NREFS references (items are under 4 KB), and a stream of
# another seed, made only when there is an artsim to read them.
refs=$dir/refs-$NREFS-s$SEED.jsonl
new=$dir/corpus-${SIMMB}M-s$((SEED + 1)).jsonl
if [ -x "$bin/artsim" ]; then
	make_file "$refs" sh -c "'$gen' -S $SEED -s $((NREFS / 256 + 1))M \
	    -f jsonl | head -n $NREFS"
	make_file "$new" "$gen" -S $((SEED + 1)) -s "${SIMMB}M" -f jsonl
fi
# A Nexis Uni export of the first DOCXMB of the corpus, and its XML.
docx=$dir/nexis-${DOCXMB}M-s$SEED.docx
docxml=$dir/nexis-${DOCXMB}M-s$SEED.document.xml
make_file "$docx" sh -c "'$gen' -S $SEED -s ${DOCXMB}M -f jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    t = r[\"text\"].replace(\"{\", \"(\")
    print(json.dumps({\"title\": r.get(\"title\", \"\").replace(\"{\", \"(\"),
        \"source\": \"The Bench Times\", \"date\": \"April 22, 2021 Thursday\",
        \"fields\": {\"Length\": \"%d words\" % len(t.split())},
        \"body\": t.split(\"\\n\\n\"), \"trailer\": {\"Language\": \"ENGLISH\"}}))
' >'$tmp/docs.jsonl' && python3 '$top/tests/gendocx.py' nexis /dev/stdout '$tmp/docs.jsonl'"
make_file "$docxml" python3 -c "import sys, zipfile
sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))" "$docx"
# BENCH_BIG: a million items of about 3 KB, 3.2 GB before the cut; with
# BENCH_BIG=2 ten million (33 GB: issue 16's size).
nbig=1000000
[ "$BIG" -ge 2 ] && nbig=10000000
big=$dir/corpus-${nbig}items-s$SEED.jsonl
if [ "$BIG" -ne 0 ] && [ -x "$bin/artsim" ]; then
	make_file "$big" sh -c "'$gen' -S $SEED -s $((nbig / 1000 * 3300 / 1000))M \
	    -n 3000 -f jsonl | head -n $nbig"
fi

ncpu=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "machine: ${ncpu:-?} cpus, ${cpu:-unknown cpu}"
echo "corpus: BENCH_MB=$MB BENCH_SIM_MB=$SIMMB BENCH_SEED=$SEED, in $dir"
echo

fmt="%-10s %-8s %8s %8s %9s %8s %8s %8s\n"
printf "$fmt" tool input MB seconds MB/s cpu MB/cpu RSS_MB
failed=0

# row TOOL INPUT_NAME UNCOMPRESSED_FILE COMMAND...: run COMMAND RUNS times
# with its output thrown away and print one row for the fastest run.
row() {
	name=$1 kind=$2 size=$(wc -c <"$3")
	shift 3
	: >"$tmp/ru"
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		if ! "$rusage" -o "$tmp/ru" "$@" >/dev/null 2>"$tmp/err"; then
			printf "%-10s %-8s failed: %s\n" "$name" "$kind" \
			    "$(tail -n 1 "$tmp/err")"
			failed=1
			return
		fi
		i=$((i + 1))
	done
	awk -v name="$name" -v kind="$kind" -v size="$size" -v fmt="$fmt" '
	{
		for (i = 2; i <= NF; i++) {
			split($i, kv, "=")
			v[kv[1]] = kv[2]
		}
		if (NR == 1 || v["wall"] < best) {
			best = v["wall"]
			cpu = v["user"] + v["sys"]
			rss = v["maxrss_kb"]
		}
	}
	END {
		mb = size / 1048576
		t = best > 0 ? best : 0.001
		c = cpu > 0 ? cpu : 0.001
		printf fmt, name, kind, sprintf("%.1f", mb), \
		    sprintf("%.3f", best), sprintf("%.1f", mb / t), \
		    sprintf("%.3f", cpu), sprintf("%.1f", mb / c), \
		    sprintf("%.1f", rss / 1024)
	}' "$tmp/ru"
}

# bestcpu, bestrss: the CPU seconds and peak RSS (KB) of the fastest run
# of the row printed last.
bestcpu() {
	awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	    if (NR == 1 || v["wall"] < best) { best = v["wall"]
	    c = v["user"] + v["sys"] } } END { print c }' "$tmp/ru"
}
bestrss() {
	awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	    if (NR == 1 || v["wall"] < best) { best = v["wall"]
	    r = v["maxrss_kb"] } } END { print r }' "$tmp/ru"
}

# simratios: issue 16's figures for the rows above.  In memory: peak RSS
# per item and against the goal (half the text plus 64 MB).  Map / sort /
# reduce: the bytes each sort reads, over the bytes of the items' texts
# (an untimed pass that keeps each round's lines in $tmp), and its CPU
# over the in-memory row's.
simratios() {
	items=$(wc -l <"$sim")
	text=$(python3 -c 'import json, sys
print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$sim")
	echo "artsim in memory: $items items, $text bytes of text," \
	    "peak RSS $((simrss * 1024 / items)) bytes an item;" \
	    "goal $((text / 2 / 1048576 + 64)) MB, peak $((simrss / 1024)) MB"
	if [ -n "${bigrss:-}" ]; then
		bitems=$(wc -l <"$big")
		btext=$(python3 -c 'import json, sys
print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$big")
		echo "artsim big: $bitems items, $btext bytes of text," \
		    "peak RSS $((bigrss * 1024 / bitems)) bytes an item;" \
		    "goal $((btext / 2 / 1048576 + 64)) MB," \
		    "peak $((bigrss / 1024)) MB"
	fi
	[ -n "${mrcpu:-}" ] || return 0
	"$bin/artsim" --map "$sim" >"$tmp/r0"
	sorted=0
	for k in 1 2 3 4; do
		sorted=$((sorted + $(wc -c <"$tmp/r$((k - 1))")))
		LC_ALL=C sort -S 64M -T "$tmp" "$tmp/r$((k - 1))" |
		    "$bin/artsim" --reduce >"$tmp/r$k"
		rm -f "$tmp/r$((k - 1))"
	done
	rm -f "$tmp/r4"
	awk -v s="$sorted" -v t="$text" -v m="$mrcpu" -v c="$simcpu" 'BEGIN {
		printf "artsim map|red: sorts %.1f times the text over its " \
		    "rounds; CPU %.1f times the in-memory run\n", s / t, m / c
	}'
}

# toolrow NAME INPUT_NAME UNCOMPRESSED_FILE ARG...: a row for $O/bin/NAME
# run on ARG..., or a note in its place when NAME is not built yet.
toolrow() {
	if [ -x "$bin/$1" ]; then
		t=$1 k=$2 f=$3
		shift 3
		row "$t" "$k" "$f" "$bin/$t" "$@"
		return
	fi
	printf "%-10s %-8s not built yet, skipped\n" "$1" "$2"
}

row cat text "$base.txt" cat "$base.txt"
toolrow artsplit text "$base.txt" "$base.txt"
row zcat text.gz "$base.txt" zcat "$base.txt.gz"
toolrow artsplit text.gz "$base.txt" "$base.txt.gz"
toolrow artsplit docx "$docxml" -f nexis "$docx"
row cat jsonl "$base.jsonl" cat "$base.jsonl"
toolrow artclean jsonl "$base.jsonl" "$base.jsonl"
toolrow artsent jsonl "$base.jsonl" "$base.jsonl"
row cat jsonl "$sim" cat "$sim"
toolrow artsim jsonl "$sim" "$sim"
simcpu=$(bestcpu)
simrss=$(bestrss)
# Sketching (issue 16's figure): --estimate keeps the sketches alone, so
# its row is reading, shingling and MinHash, and little else.
toolrow artsim sketch "$sim" --estimate "$sim"
rm -f "$dir/refs.idx"
[ -s "$refs" ] && toolrow artsim index "$refs" --index -o "$dir/refs.idx" "$refs"
if [ -s "$dir/refs.idx" ]; then
	toolrow artsim ref "$sim" --ref "$dir/refs.idx" "$sim"
	toolrow artsim ref-new "$new" --ref "$dir/refs.idx" "$new"
	toolrow artsim ref+aln "$sim" --ref "$dir/refs.idx" --align "$sim"
fi
if [ -x "$bin/artsim" ]; then
	# The four rounds, each sort in byte order with 64 MB of memory.
	s="LC_ALL=C sort -S 64M -T '$tmp'"
	r="'$bin/artsim' --reduce"
	row artsim map\|red "$sim" sh -c "'$bin/artsim' --map '$sim' | $s | \
	    $r | $s | $r | $s | $r | $s | $r"
	mrcpu=$(bestcpu)
fi
[ "$BIG" -ne 0 ] && [ -s "$big" ] && toolrow artsim big "$big" "$big" &&
    bigrss=$(bestrss)
if [ -x "$bin/artsim" ] && [ -n "${simcpu:-}" ]; then
	simratios
fi

# Web pages and archives: the pages' bytes are the MB of the rows.
genwarc=$build/tools/genwarc
WEBMB=${BENCH_WEB_MB:-30}
web=$dir/web-${WEBMB}M-s$SEED
# (an artsplit that does not know -f warc yet has no web rows)
if [ -x "$bin/artsplit" ] && [ -x "$genwarc" ] &&
    "$bin/artsplit" -f warc /dev/null >/dev/null 2>&1; then
	if [ ! -s "$web.warc.gz" ] || [ "$web.warc.gz" -ot "$genwarc" ]; then
		echo "bench: writing $web.warc.gz and $web/" >&2
		rm -rf "$web" && mkdir -p "$web" &&
		    "$gen" -S "$SEED" -s "${WEBMB}M" -f jsonl |
		    "$genwarc" -z -d "$web" > "$web.warc.gz.tmp" &&
		    cat "$web"/*.html > "$web.html" &&
		    mv "$web.warc.gz.tmp" "$web.warc.gz" ||
		    { rm -rf "$web" "$web.warc.gz.tmp"; exit 1; }
	fi
	row cat html "$web.html" cat "$web.html"
	toolrow artsplit html "$web.html" -f html "$web"/*.html
	toolrow artsplit warc.gz "$web.html" "$web.warc.gz"
	bigweb=$dir/web-1G-s$SEED.warc.gz
	if [ "$BIG" -ne 0 ]; then
		make_file "$bigweb" sh -c "'$gen' -S $SEED -s 1000M -f jsonl |
		    '$genwarc' -z -s 2800M"
		# its size uncompressed, for the MB column: counted once
		[ -s "$bigweb.size" ] && [ "$bigweb.size" -nt "$bigweb" ] ||
		    zcat "$bigweb" | wc -c > "$bigweb.size"
		truncate -s "$(cat "$bigweb.size")" "$tmp/bigsize"
		toolrow artsplit warc-1G "$tmp/bigsize" "$bigweb"
	fi
fi
exit $failed
