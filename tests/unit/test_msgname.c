/*
 * Unit tests for lib/io/msgname.c: file names (and message texts) shown on
 * one line: unchanged without a control character, escaped as C escapes
 * with one, the copy made once and kept.
 */
#include <stdlib.h>

#include "unit.h"
#include "io/msgname.h"
#include "base/util.h"

static void
test_unchanged(void)
{
	static const char *same[] = { "a.jsonl", "s p:a\\ce.jsonl", "-",
	    "", "d\xc3\xa9j\xc3\xa0.txt" };
	size_t i;
	char *d;

	for (i = 0; i < NELEM(same); i++) {
		/* The very pointer: no copy for the usual names. */
		CHECK(msgname(same[i]) == same[i]);
		d = msgname_dup(same[i]);
		CHECK_STR(d, same[i]);
		free(d);
	}
	CHECK(msgname(NULL) == NULL);
}

static void
test_escaped(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "a\nb", "a\\nb" },
		{ "a\tb\r", "a\\tb\\r" },
		{ "\x1b[31m", "\\033[31m" },
		{ "x\x7f", "x\\177" },
		/* With an escape, a backslash is one too: no ambiguity. */
		{ "a\\n\nb", "a\\\\n\\nb" },
	};
	const char *s;
	size_t i;
	char *d;

	for (i = 0; i < NELEM(t); i++) {
		s = msgname(t[i].in);
		CHECK_STR(s, t[i].want);
		/* Asked again, the same copy. */
		CHECK(msgname(t[i].in) == s);
		d = msgname_dup(t[i].in);
		CHECK_STR(d, t[i].want);
		free(d);
	}
}

int
main(void)
{
	test_unchanged();
	test_escaped();
	UNIT_END();
}
