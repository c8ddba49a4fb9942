/*
 * Unit tests for lib/sent/offsets.c: byte offsets to code points, in order,
 * out of order, past the end, and over bytes that are not UTF-8.
 */
#include "unit.h"
#include "sent/offsets.h"

int
main(void)
{
	/* "Café “ok”. Ü." : é, “, ” and Ü take 2, 3, 3 and 2 bytes */
	static const char t[] = "Caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d. "
	    "\xc3\x9c.";
	struct offsets o;
	size_t len = sizeof(t) - 1;

	offsets_init(&o, t, len);
	CHECK(offsets_cp(&o, 0) == 0);
	CHECK(offsets_cp(&o, 5) == 4);		/* after "Café" */
	CHECK(offsets_cp(&o, 5) == 4);		/* asked twice */
	CHECK(offsets_cp(&o, 15) == 10);	/* after "“ok”." */
	CHECK(offsets_cp(&o, len) == 13);
	/* back to an earlier sentence: counted again from the start */
	CHECK(offsets_cp(&o, 6) == 5);
	CHECK(offsets_cp(&o, 14) == 9);	/* before "." */
	/* past the end counts as the end */
	CHECK(offsets_cp(&o, len + 10) == 13);

	/* an invalid byte counts one code point */
	offsets_init(&o, "a\xff" "b", 3);
	CHECK(offsets_cp(&o, 2) == 2);
	CHECK(offsets_cp(&o, 3) == 3);

	/* the empty text */
	offsets_init(&o, "", 0);
	CHECK(offsets_cp(&o, 0) == 0);
	CHECK(offsets_cp(&o, 4) == 0);
	UNIT_END();
}
