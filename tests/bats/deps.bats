#!/usr/bin/env bats
# tools/deps.sh: installs what is missing as root, otherwise prints the
# exact command and fails.  dpkg-query and id are faked on PATH.

load common

fake() {
	mkdir -p "$T/bin"
	printf '#!/bin/sh\necho %s\n' "$2" > "$T/bin/$1"
	chmod +x "$T/bin/$1"
}

@test "deps: nothing to do when every package is installed" {
	fake dpkg-query 'install ok installed'
	fake id 1000
	run env PATH="$T/bin:$PATH" sh "$ARTKIT_TOP/tools/deps.sh"
	assert_success
	assert_output ''
}

@test "deps: as a user, prints the apt-get command and fails" {
	fake dpkg-query 'unknown ok not-installed'
	fake id 1000
	run --separate-stderr env PATH="$T/bin:$PATH" sh "$ARTKIT_TOP/tools/deps.sh"
	assert_failure 1
	[[ "$stderr" == *"deps: run as root:  apt-get install -y --no-install-recommends build-essential pkg-config libbsd-dev zlib1g-dev"* ]]
}

@test "deps: as root, runs apt-get for the missing packages" {
	fake dpkg-query 'unknown ok not-installed'
	fake id 0
	printf '#!/bin/sh\necho "apt-get $*" >> %s/log\n' "$T" > "$T/bin/apt-get"
	chmod +x "$T/bin/apt-get"
	run env PATH="$T/bin:$PATH" sh "$ARTKIT_TOP/tools/deps.sh"
	assert_success
	grep -q '^apt-get update' "$T/log"
	grep -q '^apt-get install -y --no-install-recommends build-essential .* bats-assert .*-qq$' "$T/log"
}
