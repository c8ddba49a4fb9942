#!/usr/bin/env bats
# runner.bats - tests/run, the script behind make check, sums the unit
# tests and bats's TAP: a bats run cut short (killed, out of memory) must
# not pass for a short green one.  Each test runs a copy of tests/run in
# a tree of its own, with no unit tests and a stand-in bats that prints
# the TAP given.

load common

# tap STATUS TEXT: a tree whose bats prints TEXT and exits STATUS; then
# its tests/run.
tap() {
	mkdir -p "$T/tree/tests/bats" "$T/tree/build/unit" "$T/fake"
	cp "$ARTKIT_TOP/tests/run" "$T/tree/tests/run"
	: > "$T/tree/tests/bats/x.bats"
	printf '%s\n' "$2" > "$T/tap"
	printf '#!/bin/sh\ncat "%s"\nexit %s\n' "$T/tap" "$1" > "$T/fake/bats"
	chmod +x "$T/fake/bats"
	PATH="$T/fake:$PATH" run sh "$T/tree/tests/run"
}

@test "a whole bats run passes, and its tests are counted" {
	tap 0 "$(printf '1..2\nok 1 a\nok 2 b')"
	assert_success
	assert_line "bats: 2 passed, 0 failed"
	assert_line "2 passed, 0 failed"
}

@test "a bats run cut short fails: the tests it planned and never reported count as failed" {
	tap 143 "$(printf '1..5\nok 1 a\nok 2 b')"
	assert_failure
	assert_line "bats: 5 tests planned, 2 reported"
	assert_line "2 passed, 3 failed"
}

@test "bats failing with every planned test reported ok, or with no plan at all, fails" {
	tap 1 "$(printf '1..2\nok 1 a\nok 2 b')"
	assert_failure
	assert_line "bats: exit status 1"
	assert_line "2 passed, 1 failed"
	tap 1 "bats: cannot read x.bats"
	assert_failure
	assert_line "0 passed, 1 failed"
}

@test "a failed or skipped test fails the run" {
	tap 1 "$(printf '1..3\nok 1 a\nnot ok 2 b\nok 3 c # skip no sshd')"
	assert_failure
	assert_line "1 passed, 2 failed"
}
