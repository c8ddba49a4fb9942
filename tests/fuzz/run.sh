#!/bin/sh
# tests/fuzz/run.sh - the libFuzzer harnesses, one per tests/fuzz/fuzz_NAME.c.
#
#	sh tests/fuzz/run.sh [NAME ...]		build with clang into build-fuzz/
#						and fuzz each for FUZZ_SECONDS
#	sh tests/fuzz/run.sh -r [NAME ...]	replay the seeds and the kept
#						crash inputs as a plain test
#
# Fuzzing (`make fuzz`, .ci/run) builds libartkit with coverage, ASan and
# UBSan (-fsanitize=fuzzer-no-link,address,undefined) through the Makefile
# into build-fuzz/, links each harness with libFuzzer, and runs it for
# FUZZ_SECONDS (default 60) on seeds/NAME/ plus regress/NAME/, FUZZ_JOBS
# harnesses at a time (default: one per CPU), from a random seed, or from
# FUZZ_SEED when it is set: with the same seed, the same inputs, an empty
# build-fuzz/corpus/, addresses not randomised (setarch -R, where the
# system allows it: coverage of comparisons sees addresses) and the
# corpus never reloaded from disk (-reload=0; its timer made two runs part
# after a second) the fuzzer tries the same inputs in the same order, so
# a run of N seconds repeats the first N seconds' worth of a longer one
# (.ci/run fixes the seed so that CI is the same gate on every machine;
# fuzzing by hand from random seeds searches further).  New corpus
# entries stay in
# build-fuzz/corpus/NAME/; an input that crashes, leaks, hangs or breaks a
# property is copied to tests/fuzz/regress/NAME/ (commit it with the fix)
# and the run fails.  The figures go to build-fuzz/log/NAME.log.
#
# Replay (-r, run by tests/bats/reliability.bats) links each harness with
# replay.c and the libartkit.a under test ($ARTKIT_BUILD, else build/),
# with the sanitizers when that library has them, and under valgrind when
# VALGRIND is set; it feeds every seed and every kept crash input once.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
# artclean's and artsent's rules and abbreviations, from this tree
export ARTKIT_SHARE="$top/share"
# no cache of compiled prefilters (litset.h): each input's rules are new
export ARTKIT_CACHE=
pkgs=$(sed -n 's/^PKGS[[:space:]]*=[[:space:]]*//p' Makefile)
pkg_cflags=$(pkg-config --cflags $pkgs) || exit 1
pkg_libs=$(pkg-config --libs $pkgs) || exit 1
warn="-std=c11 -Wall -Wextra -Wno-unused-parameter -D_GNU_SOURCE"

replay=0
if [ "${1:-}" = -r ]; then
	replay=1
	shift
fi
if [ $# -gt 0 ]; then
	targets="$*"
else
	targets=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
fi

inputs() {
	for d in tests/fuzz/seeds/$1 tests/fuzz/regress/$1; do
		[ -d "$d" ] && echo "$d"
	done
}

if [ $replay -eq 1 ]; then
	b=${ARTKIT_BUILD:-$top/${O:-build}}
	lib=$b/libartkit.a
	[ -f "$lib" ] || { echo "run.sh: no $lib: build first" >&2; exit 1; }
	san=
	if nm "$lib" 2>/dev/null | grep -q __asan_report; then
		san="-fsanitize=address,undefined -fno-sanitize-recover=all"
		san="$san -fno-omit-frame-pointer"
	fi
	vg=
	if [ -n "${VALGRIND:-}" ] && [ -z "$san" ]; then
		vg="valgrind -q --error-exitcode=99 --leak-check=full"
		vg="$vg --errors-for-leak-kinds=definite,indirect"
	fi
	mkdir -p "$b/fuzz-replay" || exit 1
	rc=0
	for t in $targets; do
		bin=$b/fuzz-replay/$t
		${CC:-cc} $warn -O1 -g $san -Ilib -Itests/fuzz $pkg_cflags \
		    -o "$bin" tests/fuzz/fuzz_$t.c tests/fuzz/replay.c "$lib" \
		    $pkg_libs -lm || { rc=1; continue; }
		if out=$($vg "$bin" $(inputs $t) 2>"$bin.err"); then
			echo "replay $t: $out"
		else
			echo "replay $t: FAILED"
			tail -n 30 "$bin.err"
			rc=1
		fi
	done
	exit $rc
fi

command -v clang >/dev/null || {
	echo "run.sh: clang with libFuzzer is needed (apt-get install clang)" >&2
	exit 1
}
b=$top/build-fuzz
fsan="-fsanitize=address,undefined -fno-sanitize-recover=all"
make -s O=build-fuzz CC=clang \
    CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $fsan" \
    build-fuzz/libartkit.a || exit 1
mkdir -p "$b/log" || exit 1
for t in $targets; do
	clang $warn -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer $fsan \
	    -Ilib -Itests/fuzz $pkg_cflags -o "$b/fuzz_$t" \
	    tests/fuzz/fuzz_$t.c "$b/libartkit.a" $pkg_libs -lm || exit 1
done

# Fuzz one target; its outcome goes to log/NAME.status.
fuzz() {
	t=$1
	mkdir -p "$b/corpus/$t" "$b/crash/$t"
	rm -f "$b/crash/$t"/*
	dict=
	[ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
	seed= fixed=
	if [ -n "${FUZZ_SEED:-}" ]; then
		seed="-seed=$FUZZ_SEED"
		setarch "$(uname -m)" -R true 2>/dev/null &&
		    fixed="setarch $(uname -m) -R"
	fi
	$fixed "$b/fuzz_$t" -max_total_time="${FUZZ_SECONDS:-60}" -timeout=20 \
	    -rss_limit_mb=2560 -close_fd_mask=3 -print_final_stats=1 $dict \
	    $seed -reload=0 -artifact_prefix="$b/crash/$t/" "$b/corpus/$t" $(inputs $t) \
	    >"$b/log/$t.log" 2>&1
	echo $? >"$b/log/$t.status"
}

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
n=0
for t in $targets; do
	fuzz "$t" &
	n=$((n + 1))
	if [ $n -ge "$jobs" ]; then
		wait
		n=0
	fi
done
wait

rc=0
for t in $targets; do
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$b/log/$t.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$b/log/$t.log" | tail -n 1)
	if [ "$(cat "$b/log/$t.status")" -eq 0 ]; then
		echo "fuzz $t: ok, ${execs:-?} executions, $cov"
		continue
	fi
	rc=1
	mkdir -p "tests/fuzz/regress/$t"
	for f in "$b/crash/$t"/*; do
		[ -f "$f" ] && cp "$f" "tests/fuzz/regress/$t/"
	done
	echo "fuzz $t: FAILED after ${execs:-?} executions;" \
	    "input kept in tests/fuzz/regress/$t/"
	grep -A 30 -E '^==[0-9]+==|property failed|runtime error' \
	    "$b/log/$t.log" | head -n 40
done
exit $rc
