# Common set-up for every bats file: bats-support and bats-assert, and the
# freshly built tools first on PATH (tests/run exports ARTKIT_BUILD; a
# bare `bats tests/bats` falls back to build/).

bats_load_library bats-support 2>/dev/null || load '/usr/lib/bats/bats-support/load'
bats_load_library bats-assert 2>/dev/null || load '/usr/lib/bats/bats-assert/load'

ARTKIT_TOP=${ARTKIT_TOP:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}
ARTKIT_BUILD=${ARTKIT_BUILD:-$ARTKIT_TOP/build}
export ARTKIT_SHARE=${ARTKIT_SHARE:-$ARTKIT_TOP/share}
# artclean's compiled prefilters kept for this bats run, not in ~/.cache
# (tests/run gives one for the whole run)
export ARTKIT_CACHE=${ARTKIT_CACHE-$BATS_RUN_TMPDIR/cache}
PATH="$ARTKIT_BUILD/bin:$PATH"
export LC_ALL=C

bats_require_minimum_version 1.5.0

T=$BATS_TEST_TMPDIR

# jget FIELD: print FIELD of every JSON record on stdin, one per line
# (strings raw, other values as JSON).
jget() {
	python3 -c '
import json, sys
for line in sys.stdin:
    v = json.loads(line).get(sys.argv[1])
    print(v if isinstance(v, str) else json.dumps(v))
' "$1"
}

# jcount: number of lines on stdin that are JSON objects; fails otherwise.
jvalid() {
	python3 -c '
import json, sys
n = 0
for line in sys.stdin:
    assert isinstance(json.loads(line), dict), line
    n += 1
print(n)
'
}
export -f jget jvalid
