#!/usr/bin/env bats
# artsim --map and --reduce: the map / sort / reduce split gives the bytes
# of the in-memory run, whatever sorts the lines (GNU sort spilling to
# disk, a shuffle that sorts only the keys) and however the map step is
# split (parallel --pipe, one process a file); a step run with other
# options, and bad lines, fail loudly; memory does not grow with the input.

load common

setup() {
	set -o pipefail
	TAB=$(printf '\t')
}

fixture() {
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -S 7 -d 40 -n 1500 -f jsonl > "$T/gen.jsonl"
}

# GNU sort held to 64 KB of memory, so it spills to temporary files.
spill() {
	sort -S 64K -T "$T"
}

# What Hadoop's shuffle gives: keys in order, a key's values in any order.
keys_only() {
	shuf --random-source="$T/gen.jsonl" | sort -s -S 64K -T "$T" -t "$TAB" -k1,1
}

# rounds SORT [option ...]: the map lines on stdin through the four
# reduce rounds, each after the sort command SORT.
rounds() {
	local s=$1
	shift
	$s | artsim --reduce "$@" | $s | artsim --reduce "$@" |
	    $s | artsim --reduce "$@" | $s | artsim --reduce "$@"
}

@test "map | sort | reduce gives the bytes of the in-memory run, sort spilling to disk" {
	fixture
	artsim "$T/gen.jsonl" > "$T/want"
	[ "$(wc -l < "$T/want")" -gt 50 ]
	artsim --map "$T/gen.jsonl" | rounds spill > "$T/got"
	cmp "$T/want" "$T/got"
	# The sort really had more than its 64 KB to hold.
	[ "$(artsim --map "$T/gen.jsonl" | wc -c)" -gt 400000 ]
}

@test "the map step split by parallel --pipe or by file, and a key-only shuffle, give the same bytes" {
	fixture
	artsim "$T/gen.jsonl" > "$T/want"
	parallel --pipe -N 37 artsim --map < "$T/gen.jsonl" | rounds spill > "$T/got"
	cmp "$T/want" "$T/got"
	head -n 100 "$T/gen.jsonl" > "$T/a.jsonl"
	tail -n +101 "$T/gen.jsonl" | gzip > "$T/b.jsonl.gz"
	{ artsim --map "$T/b.jsonl.gz"; artsim --map "$T/a.jsonl"; } | rounds keys_only > "$T/got"
	cmp "$T/want" "$T/got"
}

@test "-j1 and the default threads give the same bytes" {
	fixture
	artsim -j1 "$T/gen.jsonl" > "$T/one"
	artsim -j 3 "$T/gen.jsonl" > "$T/three"
	artsim "$T/gen.jsonl" > "$T/all"
	cmp "$T/one" "$T/three"
	cmp "$T/one" "$T/all"
	run -2 artsim -j 0 "$T/gen.jsonl"
	assert_output --partial "threads"
}

@test "options given to every step give the in-memory pairs for those options" {
	fixture
	artsim "$T/gen.jsonl" > "$T/default"
	for opts in "-n 4 -t 0.3" "--contain 0 -t 0.7" "--chars 8 -k 64" "--seed 9 --contain 0.8"; do
		# shellcheck disable=SC2086
		artsim $opts "$T/gen.jsonl" > "$T/want"
		# The options matter: other pairs or other figures.
		run -1 cmp -s "$T/default" "$T/want"
		# shellcheck disable=SC2086
		artsim --map $opts "$T/gen.jsonl" | rounds spill $opts > "$T/got"
		cmp "$T/want" "$T/got"
	done
}

@test "a step with other options than the map fails, naming file and line" {
	fixture
	artsim --map "$T/gen.jsonl" | sort > "$T/m"
	for opts in "-n 4" "-t 0.6" "--contain 0.4" "--chars 6" "--seed 1" "-k 64"; do
		# shellcheck disable=SC2086
		run -1 --separate-stderr artsim --reduce $opts "$T/m"
		assert_output ''
		[ "$stderr" = "artsim: $T/m:1: made with other options than this step: give every step the same -k, -n, -t, --chars, --contain and --seed" ]
	done
	# A later round as well.
	artsim --reduce "$T/m" | sort > "$T/r1"
	run -1 --separate-stderr artsim --reduce -t 0.9 "$T/r1"
	[[ $stderr == "artsim: $T/r1:1: made with other options"* ]]
}

@test "bad lines to --reduce: one line naming file and line, exit 1" {
	fixture
	artsim --map "$T/gen.jsonl" | sort > "$T/m"
	{ head -n 5 "$T/m"; echo 'not a key value line'; tail -n +6 "$T/m"; } > "$T/bad"
	run -1 --separate-stderr artsim --reduce "$T/bad"
	[ "$stderr" = "artsim: $T/bad:6: not a line of artsim --map or --reduce" ]
	# A line of the right shape with a broken value; a JSON record.
	{ head -n 2 "$T/m"; sed -n '3s/ [^ ]*$/ /p' "$T/m"; } > "$T/bad"
	run -1 --separate-stderr artsim --reduce "$T/bad"
	[ "$stderr" = "artsim: $T/bad:3: not a line of artsim --map or --reduce" ]
	run -1 --separate-stderr artsim --reduce "$T/gen.jsonl"
	[ "$stderr" = "artsim: $T/gen.jsonl:1: not a line of artsim --map or --reduce" ]
	# Input not sorted by key (say, a sort in another locale; the map's
	# buffer writes its lines sorted, a map without one as they come).
	artsim --map --map-buffer 0 "$T/gen.jsonl" > "$T/unsorted"
	run -1 --separate-stderr artsim --reduce "$T/unsorted"
	[[ $stderr =~ ^artsim:\ $T/unsorted:[0-9]+:\ not\ sorted\ by\ key ]]
	# Empty input is fine; --rejects is refused.
	run -0 artsim --reduce < /dev/null
	assert_output ''
	run -2 artsim --reduce --rejects "$T/rej" "$T/m"
}

@test "lines of two rounds together, or of one round twice, stop --reduce" {
	fixture
	artsim --map "$T/gen.jsonl" | sort > "$T/r0"
	for x in 0 1 2 3; do
		artsim --reduce "$T/r$x" | sort > "$T/r$((x + 1))"
		[ -s "$T/r$((x + 1))" ]
	done
	for x in 0 1 2 3; do
		for y in 0 1 2 3; do
			[ "$y" -ge "$x" ] || continue
			sort "$T/r$x" "$T/r$y" > "$T/mixed"
			run -1 --separate-stderr artsim --reduce "$T/mixed"
			if [ "$x" -eq "$y" ]; then
				[[ $stderr =~ ^artsim:\ $T/mixed:[0-9]+:\ .*(twice|two\ items) ]] ||
				    fail "round $x twice: $stderr"
			else
				[[ $stderr =~ ^artsim:\ $T/mixed:[0-9]+:\ lines\ of\ two\ rounds\ together ]] ||
				    fail "rounds $x and $y: $stderr"
			fi
		done
	done
	# a key-only shuffle: a pair twice, not next to each other
	sort "$T/r3" "$T/r3" | keys_only > "$T/mixed"
	run -1 --separate-stderr artsim --reduce "$T/mixed"
	[[ $stderr == *twice* ]]
}

@test "map lines hold an item's id once, whatever its length; long ids give the in-memory pairs" {
	fixture
	# ids as long as a URL (130 bytes), some with bytes that need escaping
	sed 's|"id":"gen-\([0-9]*\)"|"id":"https://news.example.com/2024/05/17/world/europe/a-long-headline-made-into-a-path-for-the-story-\1.html?utm=x y"|' \
	    "$T/gen.jsonl" > "$T/long.jsonl"
	artsim --map "$T/gen.jsonl" > "$T/short.map"
	artsim --map "$T/long.jsonl" > "$T/long.map"
	id='https://news.example.com/2024/05/17/world/europe/a-long-headline-made-into-a-path-for-the-story-000007.html?utm=x!`y'
	assert_equal "$(grep -c -F "$id" "$T/long.map")" 1
	# lines name the item by a key of at most 11 bytes (an id of up to
	# 10 itself, a longer one by a hash of 11):
	# 120 more bytes of id cost a few more a line (before: 2.7 times the
	# bytes)
	[ "$(wc -c < "$T/long.map")" -le $(( $(wc -c < "$T/short.map") * 5 / 4 )) ]
	# and a posting names it by its number in the map's batch, the line
	# the batch once: the P and B lines take the same bytes whatever the
	# ids (a key of the id in each posting: one more a posting here)
	assert_equal "$(grep '^[PB]' "$T/long.map" | wc -c)" "$(grep '^[PB]' "$T/short.map" | wc -c)"
	[ "$(grep -c '^P' "$T/short.map")" -gt 100 ]
	artsim "$T/long.jsonl" > "$T/want"
	[ "$(wc -l < "$T/want")" -gt 50 ]
	artsim --map "$T/long.jsonl" | rounds spill > "$T/got"
	cmp "$T/want" "$T/got"
}

@test "--map writes the texts a piece at a time, which round 1 passes on an item a line; a damaged piece stops it at its line" {
	# Texts enough for a few pieces.
	"$ARTKIT_BUILD/tools/gencorpus" -s 1200K -S 7 -d 40 -n 1500 -f jsonl > "$T/gen.jsonl"
	artsim --map "$T/gen.jsonl" | sort > "$T/m"
	items=$(wc -l < "$T/gen.jsonl")
	# A T line an item (its id), a U line a piece of about 256 KB of
	# texts, whose code costs less than a text alone did (0.66 of the
	# text on generated news): 0.35 here.
	assert_equal "$(grep -c '^T' "$T/m")" "$items"
	pieces=$(grep -c '^U' "$T/m")
	[ "$pieces" -ge 3 ] && [ "$pieces" -lt $((items / 20)) ] || fail "$pieces pieces"
	text=$(python3 -c 'import json, sys
print(sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[1])))' "$T/gen.jsonl")
	coded=$(grep '^[TU]' "$T/m" | wc -c)
	[ "$coded" -lt $((text / 2)) ] || fail "$coded bytes of texts for $text"
	# Round 1 writes each text that goes on in a line of its own.
	artsim --reduce "$T/m" > "$T/r1"
	[ "$(awk -F "$TAB" 'substr($2, 10, 2) == "s "' "$T/r1" | wc -l)" -gt "$pieces" ]
	# A piece cut short, or with a character dropped, is an error naming
	# its line.
	n=$(grep -n '^U' "$T/m" | sed -n '2s/:.*//p')
	awk -v n="$n" 'NR == n { $0 = substr($0, 1, int(length($0) / 2)) } { print }' "$T/m" > "$T/bad"
	run -1 --separate-stderr artsim --reduce "$T/bad"
	assert_equal "$stderr" "artsim: $T/bad:$n: a damaged text"
	awk -v n="$n" 'NR == n { $0 = substr($0, 1, 30) substr($0, 32) } { print }' "$T/m" > "$T/bad"
	run -1 --separate-stderr artsim --reduce "$T/bad"
	assert_equal "$stderr" "artsim: $T/bad:$n: a damaged text"
	# A byte that is no character of the code, no line of ours.
	awk -v n="$n" 'NR == n { $0 = substr($0, 1, 30) " " substr($0, 32) } { print }' "$T/m" > "$T/bad"
	run -1 --separate-stderr artsim --reduce "$T/bad"
	assert_equal "$stderr" "artsim: $T/bad:$n: not a line of artsim --map or --reduce"
	# A piece is a line of its own, which the map bounds: a --max-group
	# below it bounds the groups of keys, not the piece.
	[ "$(grep '^U' "$T/m" | head -n 1 | wc -c)" -gt 65536 ]
	artsim "$T/gen.jsonl" > "$T/want"
	artsim --reduce --max-group 64K "$T/m" | rounds_after_1 > "$T/got"
	cmp "$T/want" "$T/got"
}

@test "a text line that unpacks past five times the reduce's --max-record stops it at its line" {
	# 612 KB of one sentence again and again: zstd makes it a line of
	# a few hundred bytes, which a damaged frame could claim as well.
	python3 -c 'import json
print(json.dumps({"id": "big", "text": "Rain fell on the town of Ashford. " * 18000}))
print(json.dumps({"id": "small", "text": "Rain fell on the town of Ashford. " * 3 + "Then it stopped."}))' > "$T/big.jsonl"
	artsim --map "$T/big.jsonl" | LC_ALL=C sort > "$T/m"
	n=$(grep -n '^U' "$T/m" | sed -n '1s/:.*//p')
	[ "$(sed -n "${n}p" "$T/m" | wc -c)" -lt 4096 ]
	# 5 x 32 KB and a piece of 256 KB is less than the text.
	run -1 --separate-stderr artsim --reduce --max-record 32K "$T/m"
	assert_equal "$stderr" "artsim: $T/m:$n: a text past five times --max-record (give every step the same --max-record)"
	# With the map's --max-record (the default) the pairs come out.
	artsim "$T/big.jsonl" > "$T/want"
	artsim --reduce "$T/m" | rounds_after_1 > "$T/got"
	cmp "$T/want" "$T/got"
	[ -s "$T/want" ]
}

@test "--map: records need ids, an id of two items fails in round 1, items without words have no lines" {
	printf '{"text":"one two three four five six"}\n' > "$T/noid.jsonl"
	run -1 --separate-stderr artsim --map "$T/noid.jsonl"
	[ "$stderr" = "artsim: $T/noid.jsonl:1: no id: with --map every record needs one, since the steps meet by id" ]
	printf '{"id":"x","text":"one two three four five six"}\n{"id":"x","text":"seven eight nine ten eleven"}\n' > "$T/dup.jsonl"
	artsim --map "$T/dup.jsonl" | sort > "$T/m"
	run -1 --separate-stderr artsim --reduce "$T/m"
	[[ $stderr =~ ^artsim:\ $T/m:[0-9]+:\ id\ \"x\"\ is\ the\ id\ of\ two\ items ]]
	# two long ids whose keys (a hash) were alike would be told apart
	long=https://example.com/a-path-long-enough-to-be-hashed
	printf '{"id":"%s","text":"one two three four five six"}\n' "$long" > "$T/long.jsonl"
	artsim --map "$T/long.jsonl" > "$T/m"
	grep "^T" "$T/m" | sed "s|$long|$long-2|" >> "$T/m"
	sort "$T/m" -o "$T/m"
	run -1 --separate-stderr artsim --reduce "$T/m"
	[[ $stderr =~ ^artsim:\ $T/m:[0-9]+:\ ids\ \"$long\"\ and\ \"$long-2\"\ have\ the\ same\ hash ]]
	printf '{"id":"e","text":""}\n{"id":"n"}\n{"id":"w","text":"!!! ???"}\n' > "$T/empty.jsonl"
	run -0 artsim --map "$T/empty.jsonl"
	assert_output ''
	run -2 artsim --map --exact "$T/empty.jsonl"
	run -2 artsim --reduce --clusters "$T/empty.jsonl"
}

@test "ids with spaces, tabs, '!' and quotes keep their byte order through the split" {
	fixture
	# Near-duplicate items whose ids, in input order, are in byte order
	# and hold every byte the escaping changes.
	python3 - "$T/gen.jsonl" > "$T/odd.jsonl" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")][:40]
ids = ["k", "k\t", "k\tz", "k ", "k !", "k!", "k!!", "k!a", "k\"", "k#", "k%", "k%20", "k\u00e9"]
out = []
for n, i in enumerate(ids):
    words = recs[0]["text"].split()
    words[n * 3] = "changed%d" % n
    out.append({"id": i, "text": " ".join(words)})
for r in out:
    print(json.dumps(r, ensure_ascii=False))
PY
	artsim "$T/odd.jsonl" > "$T/want"
	[ "$(wc -l < "$T/want")" -eq 78 ]
	artsim --map "$T/odd.jsonl" | rounds spill > "$T/got"
	cmp "$T/want" "$T/got"
}

# The code of numbers and keys in the lines (lib/sim/kvcode.c), by value.
CODE="-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

# plain FILE: the map lines in FILE, each posting of a P or B line on a
# line of its own: the line's key and base, the rest of the probe or band
# key, the item's number, its size and (P) its probe keys in decimal (their
# widths are the line's, in a map without a buffer the item's own).
plain() {
	awk -F "$TAB" 'function num(s,   k, v) { v = 0
			for (k = 1; k <= length(s); k++)
				v = v * 64 + index(D, substr(s, k, 1)) - 1
			return v }
	    /^[PB]/ { p = substr($1, 1, 1) == "P"
		# The base (11), the widths of L, m (and p), a space.
		head = 14 + p; w[1] = step = 3
		for (k = 2; k <= 3 + p; k++) {
			w[k] = num(substr($2, 10 + k, 1)); step += w[k] }
		v = substr($2, head + 1)
		if (substr($2, head, 1) != " " || length(v) % step) {
			print "not a list: " $0; exit 1 }
		for (i = 1; i <= length(v); i += step) {
			o = $1 TAB substr($2, 1, 11) " " substr(v, i, 3)
			at = i + 3
			for (k = 2; k <= 3 + p; at += w[k++])
				o = o " " num(substr(v, at, w[k]))
			print o }
		next }
	    { print }' TAB="$TAB" D="$CODE" "$1"
}

@test "--map joins the lines of a key prefix (--map-buffer); joined and plain lines, mixed, give the same pairs" {
	fixture
	artsim "$T/gen.jsonl" > "$T/want"
	artsim --map "$T/gen.jsonl" > "$T/joined"
	artsim --map --map-buffer 0 "$T/gen.jsonl" > "$T/plain"
	# Joined: fewer lines and bytes, and written sorted; plain: a line a
	# key of an item, as they come.
	sort -c "$T/joined"
	run -1 sort -c "$T/plain"
	[ "$(wc -l < "$T/joined")" -lt $(( $(wc -l < "$T/plain") * 9 / 10 )) ]
	[ "$(wc -c < "$T/joined")" -lt "$(wc -c < "$T/plain")" ]
	plain "$T/joined" > "$T/a"
	[ "$(grep -c '^P' "$T/a")" -gt "$(grep -c '^P' "$T/joined")" ]
	[ "$(grep -c '^B' "$T/a")" -gt "$(grep -c '^B' "$T/joined")" ]
	# A P or B line's key is the first 3 characters of the probe or band
	# key, its value starts with the batch's base (11 characters), the
	# widths of the items' numbers, sizes and (P) probe keys and a space,
	# then the postings with no space between, each the other 3
	# characters of its key, the item's number in the batch, its size
	# (and probe keys), and the keys of a prefix share a line (a batch,
	# here one, takes another past about 4 KB).
	code='[-0-9A-Za-z_]'
	lines="^(P$code{3}$TAB$code{14} $code{6}|B$code{3}$TAB$code{13} $code{5}|[ATU])"
	run -1 grep -Ev "$lines" "$T/joined"
	run -1 grep -Ev "$lines" "$T/plain"
	run -1 grep "^[PB].* .* " "$T/joined"
	awk -F "$TAB" '/^[PB]/ { if ($1 in n && len[$1] < 4000) bad++
		n[$1]++; len[$1] = length($0); lines++ }
	    END { if (bad || lines < 2000) { print bad " " lines; exit 1 } }' "$T/joined"
	# The same values: the joined lines split are the plain ones.
	plain "$T/joined" | sort > "$T/a"
	plain "$T/plain" | sort > "$T/a2"
	[ "$(grep -c '^P' "$T/a2")" -eq "$(grep -c '^P' "$T/plain")" ]
	cmp "$T/a" "$T/a2"
	sort "$T/plain" > "$T/b"
	# Round 1 reads either, or both mixed (another map process, a map
	# whose buffer filled, a key's values split among map tasks), and
	# writes the same lines.
	sort "$T/joined" | artsim --reduce | sort > "$T/r1j"
	artsim --reduce "$T/b" | sort > "$T/r1p"
	cmp "$T/r1j" "$T/r1p"
	head -n 300 "$T/gen.jsonl" | artsim --map > "$T/m"
	tail -n +301 "$T/gen.jsonl" | artsim --map --map-buffer 0 >> "$T/m"
	rounds spill < "$T/m" > "$T/got"
	cmp "$T/want" "$T/got"
	# A joined line cut in two between its postings, each part with the
	# base and the widths.
	awk -F "$TAB" '/^[PB]/ && NR % 2 { p = substr($1, 1, 1) == "P"
		head = 14 + p; step = 3
		for (k = 12; k < 14 + p; k++)
			step += index(D, substr($2, k, 1)) - 1
		n = (length($2) - head) / step
		if (n > 1) { h = head + int(n / 2) * step; cut++
			print $1 TAB substr($2, 1, h)
			print $1 TAB substr($2, 1, head) substr($2, h + 1)
			next } }
	    { print }
	    END { if (cut < 100) { print cut " cut" > "/dev/stderr"; exit 1 } }' TAB="$TAB" D="$CODE" "$T/joined" > "$T/m"
	rounds spill < "$T/m" > "$T/got"
	cmp "$T/want" "$T/got"
	# A small buffer writes its batches as they fill: more lines, the
	# same pairs.
	artsim --map --map-buffer 64K "$T/gen.jsonl" > "$T/small"
	[ "$(wc -l < "$T/small")" -gt "$(wc -l < "$T/joined")" ]
	[ "$(wc -l < "$T/small")" -lt "$(wc -l < "$T/plain")" ]
	rounds spill < "$T/small" > "$T/got"
	cmp "$T/want" "$T/got"
	run -2 --separate-stderr artsim --map --map-buffer 1000 "$T/gen.jsonl"
	assert_equal "$stderr" "artsim: map-buffer is 1000: too small"
	run -2 artsim --reduce --map-buffer 1M "$T/b"
}

@test "memory in every step is bounded by --max-group, whatever the input, and --max-group bounds a group" {
	# AddressSanitizer keeps up to 256 MB of freed blocks in quarantine,
	# which grows with the work done, not with what is held: measure
	# what is held.
	# (grep reads all of nm's output: pipefail is on.)
	asan=0
	if nm "$(command -v artsim)" 2>/dev/null | grep __asan_init >/dev/null; then
		export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0
		asan=1
	fi
	# The real binary, also under make check VALGRIND=1 (tests/run).
	sim=${ARTKIT_REAL_BIN:-$ARTKIT_BUILD/bin}/artsim
	for s in 1M 10M; do
		"$ARTKIT_BUILD/tools/gencorpus" -s $s -S 3 -f jsonl > "$T/c$s.jsonl"
		"$ARTKIT_BUILD/tools/rusage" -o "$T/ru$s" "$sim" --map --map-buffer 2M "$T/c$s.jsonl" > "$T/l0"
		for r in 1 2 3 4; do
			sort -T "$T" "$T/l$((r - 1))" > "$T/s"
			"$ARTKIT_BUILD/tools/rusage" -o "$T/ru$s" "$sim" --reduce --max-group 2M "$T/s" > "$T/l$r"
		done
		sed 's/.*maxrss_kb=\([0-9]*\).*/\1/' "$T/ru$s" > "$T/rss$s"
		[ "$(wc -l < "$T/rss$s")" -eq 5 ]
	done
	[ "$(wc -c < "$T/c10M.jsonl")" -gt "$(( 9 * $(wc -c < "$T/c1M.jsonl") ))" ]
	# Step by step, ten times the input costs at most a quarter and 4 MB
	# more at the peak, and round 1's combiner and the map's buffer
	# their budgets (twice --max-group, --map-buffer at most): a step
	# holding a share of its input would take ten times as much.
	paste "$T/rss1M" "$T/rss10M" > "$T/rss"
	while read -r small big; do
		[ "$big" -le $((small + small / 4 + 4096 + 4096)) ] || { echo "peak RSS $small KB -> $big KB"; false; }
	done < "$T/rss"
	# The map's buffer holds more when it may (16M by default): the
	# bound above is --map-buffer's doing.  Not under AddressSanitizer,
	# whose allocator keeps what the 2M run freed (28 MB at its peak
	# against 7 MB plain; 30 MB with 16M): the plain build's run of this
	# file, in the same make check, asserts it.
	if [ "$asan" -eq 0 ]; then
		"$ARTKIT_BUILD/tools/rusage" -o "$T/ru" "$sim" --map "$T/c10M.jsonl" > "$T/l0"
		big=$(sed 's/.*maxrss_kb=\([0-9]*\).*/\1/' "$T/ru")
		[ "$big" -gt $(( $(head -n 1 "$T/rss10M") + 8192 )) ] || fail "map: $big KB with 16M"
	fi
	artsim --map "$T/c1M.jsonl" | sort > "$T/m"
	run -1 --separate-stderr artsim --reduce --max-group 1K "$T/m"
	[[ $stderr =~ ^artsim:\ $T/m:[0-9]+:\ the\ lines\ of\ key\ .*\ pass\ --max-group\ \(1024\ bytes\)$ ]]
}

@test "--max-group takes plain bytes as well as K, M and G" {
	printf '{"id":"a","text":"one two three four five six"}\n' | artsim --map | LC_ALL=C sort > "$T/m"
	for g in 1024 268435456 1K 256M 1G; do
		run -0 artsim --reduce --max-group $g "$T/m"
	done
	run -0 artsim --reduce --max-group 1025 "$T/m"
	run -2 --separate-stderr artsim --reduce --max-group 1023 "$T/m"
	assert_equal "$stderr" "artsim: max-group is 1023: too small"
	run -2 --separate-stderr artsim --reduce --max-group 12x "$T/m"
	[[ $stderr == "artsim: max-group is 12x: invalid" ]]
}

# Items of every size: generated ones of about 30, 250 and 2,000 words
# (long ones post a sample of their keys), a few words of some of them as
# items of their own (contained whole: a candidate from one shared key),
# and two items joined into one (contains both).
mixed() {
	"$ARTKIT_BUILD/tools/gencorpus" -s 40K -S 11 -d 40 -n 200 -f jsonl > "$T/m1"
	"$ARTKIT_BUILD/tools/gencorpus" -s 200K -S 12 -d 40 -n 1500 -f jsonl > "$T/m2"
	"$ARTKIT_BUILD/tools/gencorpus" -s 300K -S 13 -d 40 -n 12000 -f jsonl > "$T/m3"
	python3 - "$T/m1" "$T/m2" "$T/m3" > "$T/mixed.jsonl" <<'PY'
import json, sys
n = 0
recs = []
for f in sys.argv[1:]:
    for l in open(f, encoding="utf-8"):
        r = json.loads(l)
        n += 1
        recs.append({"id": "i%05d" % n, "text": r["text"]})
out = list(recs)
for k, r in enumerate(recs[::7]):
    w = r["text"].split()
    out.append({"id": "k%05d" % k, "text": " ".join(w[3:3 + 6 + k % 5])})
for k in range(0, len(recs) - 1, 23):
    out.append({"id": "m%05d" % k,
                "text": recs[k]["text"] + "\n\n" + recs[k + 1]["text"]})
for r in out:
    print(json.dumps(r, ensure_ascii=False))
PY
}

@test "items of every size give the in-memory pairs, however round 1 is split" {
	mixed
	artsim "$T/mixed.jsonl" > "$T/want"
	# Pairs of short items in long ones, of joined items, and pairs near
	# the thresholds, where a hit more or less decides.
	grep -q '"a":"i[0-9]*","b":"k' "$T/want"
	grep -q '"a":"i[0-9]*","b":"m' "$T/want"
	grep -Eq '"jaccard":0\.(4|5[0-4])' "$T/want"
	grep -Eq '"in_[ab]":0\.5[0-4]' "$T/want"
	artsim --map "$T/mixed.jsonl" | sort > "$T/r0"
	# One reducer: round 1 writes candidates only, and passes on the texts
	# of the items in them, no other.
	artsim --reduce "$T/r0" > "$T/r1"
	rounds_after_1 < "$T/r1" > "$T/got"
	cmp "$T/want" "$T/got"
	texts() {
		awk -F "$TAB" 'substr($2, 10, 2) == "s " { t[$1] = 1 }
		    $2 ~ /^[+#] / { e[$1] = 1 }
		    END { for (k in t) { n++; if (!(k in e)) bad++ }
			for (k in e) if (!(k in t)) bad++
			print n + 0, bad + 0 }' "$@"
	}
	read -r n bad < <(texts "$T/r1")
	[ "$bad" -eq 0 ] && [ "$n" -gt 10 ] && [ "$n" -lt "$(wc -l < "$T/mixed.jsonl")" ] ||
	    fail "$n texts, $bad without a candidate or a candidate without"
	one=$n
	# Round 1 in small batches (--max-group) writes undecided pairs with
	# their hits, which round 2 adds up.
	artsim --reduce --max-group 64K "$T/r0" > "$T/r1"
	grep -q "$TAB# " "$T/r1"
	rounds_after_1 < "$T/r1" > "$T/got"
	cmp "$T/want" "$T/got"
	# Round 1 split by key between two reducers, as a shuffle does.
	awk -F "$TAB" -v a="$T/p1" -v b="$T/p2" '{
		c = substr($1, length($1), 1)
		if (index("02468ACEGIKMOQSUWYacegikmoqsuwy-", c)) print > a
		else print > b }' "$T/r0"
	[ -s "$T/p1" ] && [ -s "$T/p2" ]
	{ artsim --reduce "$T/p1"; artsim --reduce "$T/p2"; } > "$T/r1"
	grep -q "$TAB# " "$T/r1"
	# Neither reducer holds every key of most items: their texts go on.
	read -r n bad < <(texts "$T/r1")
	[ "$n" -gt "$one" ] || fail "$n texts split, $one in one reducer"
	rounds_after_1 < "$T/r1" > "$T/got"
	cmp "$T/want" "$T/got"
}

# stock_items FILE N SIZES EVERY SEED WORDS: N items of random words (of
# SIZES, a comma-separated list, out of WORDS words), each with one stock
# phrase, then a rewrite (some words changed) of every EVERY-th item.
stock_items() {
	python3 - "$@" <<'PY'
import json, random, sys
path, n, sizes, every, seed, nv = sys.argv[1:7]
n, every = int(n), int(every)
sizes = [int(x) for x in sizes.split(",")]
r = random.Random(int(seed))
V = ["w%04d" % i for i in range(int(nv))]
stock = "the company said in a statement that it would not comment further on the matter"
out = []
for i in range(n):
    k = r.choice(sizes)
    w = [r.choice(V) for _ in range(k)]
    at = r.randint(0, k)
    out.append(w[:at] + stock.split() + w[at:])
for i in range(0, n, every):
    w = list(out[i])
    for k in range(r.randint(1, max(2, len(w) // 6))):
        w[r.randrange(len(w))] = r.choice(V)
    out.append(w)
with open(path, "w") as f:
    for i, w in enumerate(out):
        f.write(json.dumps({"id": "s%04d" % i, "text": " ".join(w)}) + "\n")
PY
}

@test "a phrase in hundreds of items (round 1's long lists) gives the in-memory pairs" {
	# Items of random words that share a stock phrase (a list of every
	# item, under the 1000 of a common phrase), some of them rewrites of
	# others, short and long, so that a pair's hits in the long list
	# decide whether it is a candidate.
	stock_items "$T/stock.jsonl" 400 20,60,200,900 3 9 5000
	artsim "$T/stock.jsonl" > "$T/want"
	[ "$(wc -l < "$T/want")" -gt 100 ]
	# Probe keys of more than 64 items: the lists round 1 sorts.
	artsim --map --map-buffer 0 "$T/stock.jsonl" > "$T/m"
	long=$(plain "$T/m" | awk -F "$TAB" '/^P/ { split($2, f, " "); c[$1 f[2]]++ }
		END { for (k in c) n += c[k] >= 64; print n + 0 }')
	[ "$long" -ge 5 ] || fail "$long long lists"
	artsim --map "$T/stock.jsonl" | sort > "$T/r0"
	artsim --reduce "$T/r0" | rounds_after_1 > "$T/got"
	cmp "$T/want" "$T/got"
	# In batches (pairs kept with their hits), and split by key.
	artsim --reduce --max-group 64K "$T/r0" | rounds_after_1 > "$T/got"
	cmp "$T/want" "$T/got"
	awk -F "$TAB" -v a="$T/p1" -v b="$T/p2" '{
		c = substr($1, length($1), 1)
		if (index("02468ACEGIKMOQSUWYacegikmoqsuwy-", c)) print > a
		else print > b }' "$T/r0"
	{ artsim --reduce "$T/p1"; artsim --reduce "$T/p2"; } | rounds_after_1 > "$T/got"
	cmp "$T/want" "$T/got"
}

@test "a common phrase is dropped from round 1's group of its key prefix before the group passes --max-group" {
	# 2,500 items of random words with a stock phrase, and rewrites of
	# some: the phrase's keys are posted by more items than
	# a common phrase (1000), so that their prefix's group would pass
	# --max-group 40K (24 bytes a posting) unless they are dropped.
	stock_items "$T/common.jsonl" 2500 15,40 25 5 8000
	artsim "$T/common.jsonl" > "$T/want"
	[ "$(wc -l < "$T/want")" -ge 60 ]
	artsim --map "$T/common.jsonl" | sort > "$T/r0"
	most=$(plain "$T/r0" | awk -F "$TAB" '/^P/ { split($2, f, " "); c[$1 f[2]]++ }
	    END { for (k in c) if (c[k] > m) m = c[k]; print m }')
	[ "$most" -gt $((40 * 1024 / 24)) ] || fail "$most items under a key"
	artsim --reduce --max-group 40K "$T/r0" | rounds_after_1 > "$T/got"
	cmp "$T/want" "$T/got"
}

# Rounds 2 to 4 of the lines of round 1 on stdin.
rounds_after_1() {
	sort | artsim --reduce | sort | artsim --reduce | sort | artsim --reduce
}

# A rewrite-heavy collection, invented: stories of random words, each with
# rewrites (a part cut, words swapped, paragraphs reordered) and filled-in
# templates (one notice for many companies), so that most items are
# candidates of several others and many pairs are decided by their
# passages; ids in input order, so the bytes are the in-memory run's.
rewrite_heavy() {
	python3 - "$T/rw.jsonl" <<'PY'
import json, random, sys
r = random.Random(16)
V = ["w%03d" % i for i in range(900)]
def para(n):
    return " ".join(r.choice(V) for _ in range(n)) + "."
out, k = [], 0
for s in range(25):
    P = [para(r.randint(25, 45)) for _ in range(6)]
    syn = {w: w + "x" for w in r.sample(V, 60)}
    vs = [P, P[:4], P[2:] + P[:2], [" ".join(syn.get(w, w) for w in p.split()) for p in P],
          P[:3] + [para(30)] + P[3:5], [p for i, p in enumerate(P) if i % 2 == 0]]
    for v in vs:
        out.append("\n\n".join(v))
T = [para(12) for _ in range(4)]
for c in range(40):
    name = "Company%02d" % c
    out.append("\n\n".join(t.replace("w0", name + " ", 1) + " %d.%d" % (c, c * 7) for t in T))
r.shuffle(out)
with open(sys.argv[1], "w") as f:
    for i, t in enumerate(out):
        f.write(json.dumps({"id": "rw%04d" % i, "text": t}) + "\n")
PY
}

@test "a rewrite-heavy collection gives the bytes of the in-memory run" {
	rewrite_heavy
	artsim "$T/rw.jsonl" > "$T/want"
	items=$(wc -l < "$T/rw.jsonl")
	# Rewrite-heavy: more pairs than items, some decided by passages.
	[ "$(wc -l < "$T/want")" -gt "$items" ]
	grep -q '"passages"' "$T/want"
	artsim --map "$T/rw.jsonl" | rounds spill > "$T/got"
	cmp "$T/want" "$T/got"
	cp "$T/rw.jsonl" "$T/gen.jsonl"	# keys_only's random source
	parallel --pipe -N 23 artsim --map < "$T/rw.jsonl" | rounds keys_only > "$T/got"
	cmp "$T/want" "$T/got"
}

@test "round 2 sends, of each candidate pair, the smaller item's text" {
	rewrite_heavy
	artsim --map "$T/rw.jsonl" | sort | artsim --reduce | sort |
	    artsim --reduce | sort > "$T/r2"
	# Each L group: its own item ("0", sorted first), then the texts sent
	# to it, none of an item with more fingerprints (m, a base-64 number
	# whose byte order is its value's among numbers of one length).
	awk -F '\t' '/^L/ { split($2, f, " ")
		if (f[2] == "0") { own = $1; m = f[4]; n++; next }
		if ($1 != own) { print "no own line: " $1; bad = 1; exit }
		if (length(f[4]) > length(m) || (length(f[4]) == length(m) && f[4] > m)) {
			print "larger item sent to " $1 ": " f[4] " > " m; bad = 1 }
		sent++ }
	    END { if (!bad && (n < 10 || sent < 2 * n)) { print n " groups, " sent " sent"; bad = 1 }
		exit bad }' "$T/r2"
}

@test "the reduce step's fuzz seeds are lines this artsim accepts (made again when the line format changes)" {
	# A seed made with another options tag or line format is refused at
	# its first line, and fuzzing from it never reaches the rounds.
	s="$BATS_TEST_DIRNAME/../fuzz/seeds/simkv"
	# Every seed but the two the fuzzer maps first (items, rewrite) is
	# reduce input, so a seed added later is checked too.
	for p in "$s"/*; do
		f=${p##*/}
		case $f in items|rewrite) continue ;; esac
		[ -s "$p" ] || fail "seed $f is empty"
		tail -c +2 "$p" | artsim --reduce > "$T/out" 2> "$T/err" ||
		    fail "seed $f: $(cat "$T/err")"
	done
	# The seeds go through to pairs: round 3's seed gives the pair of the
	# items seed, as the in-memory run does.
	tail -c +2 "$s/items" | python3 -c '
import json, sys
for l in sys.stdin:
    i, t = l.rstrip("\n").split("\t", 1)
    print(json.dumps({"id": i, "text": t}))' > "$T/items.jsonl"
	artsim "$T/items.jsonl" > "$T/want"
	tail -c +2 "$s/round3" | artsim --reduce > "$T/got"
	[ -s "$T/want" ]
	cmp "$T/want" "$T/got"
}
