#!/usr/bin/env bats
# Reliability (issue 7): every built tool on bad records, damaged
# archives, unreadable files, output errors and interruption; nothing
# lost; split invariance; the fuzz regression inputs.  A test runs over
# the tools that are built, so a new tool is covered once it is built.
#
# The tests that measure memory or feed 100 MB run the real binaries in
# $ARTKIT_BUILD/bin even under `make check VALGRIND=1` (valgrind's own
# memory would be measured, and 100 MB under memcheck takes an hour); all
# the others run whatever is first on PATH.

load common

@test "regression: a Nexis start line is read within its own line" {
	# "Document 7" followed by a line starting "of 9" was once taken for
	# "Document 7 of 9": sscanf ran on past the end of the line.
	printf 'Document 1 of 1\n\nTitle\nApril 22, 2021\n\nBody\n\nDocument 7\nof 9 things were said.\n\nEnd of Document\n' > "$T/n.txt"
	run -0 artsplit -f nexis "$T/n.txt"
	assert_output '{"id":"n#1","date":"2021-04-22","title":"Title","text":"Document 7\nof 9 things were said."}'
}
