#!/usr/bin/env bats
# layers.bats - libartkit keeps its layers (tests/layers.sh): text/ and
# sent/ never see a record, and no layer includes one above it.

load common

@test "lib/ keeps to its layers" {
	run sh "$ARTKIT_TOP/tests/layers.sh" "$ARTKIT_TOP/lib"
	assert_success
	assert_output ''
}

@test "the layer check finds a text/ file that includes io/" {
	cp -R "$ARTKIT_TOP/lib" "$T/lib"
	printf '#include "io/record.h"\n' >> "$T/lib/text/html.c"
	run sh "$ARTKIT_TOP/tests/layers.sh" "$T/lib"
	assert_failure
	assert_output 'layers: lib/text/html.c: includes "io/record.h": text may use only base text'
}

@test "the layer check finds a lower layer that includes a higher one" {
	cp -R "$ARTKIT_TOP/lib" "$T/lib"
	printf '#include "sim/align.h"\n' >> "$T/lib/io/run.h"
	printf '#include "buf.h"\n' >> "$T/lib/base/util.c"
	mkdir "$T/lib/misc" && : > "$T/lib/misc/x.c"
	run sh "$ARTKIT_TOP/tests/layers.sh" "$T/lib"
	assert_failure
	assert_line 'layers: lib/io/run.h: includes "sim/align.h": io may use only base io'
	assert_line 'layers: lib/base/util.c: "buf.h" names no layer'
	assert_line 'layers: lib/misc: not a known layer'
}
