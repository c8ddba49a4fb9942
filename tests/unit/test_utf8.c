/*
 * Unit tests for lib/base/utf8.c and lib/base/buf.c.
 */
#include <stdlib.h>

#include "unit.h"
#include "base/buf.h"
#include "base/utf8.h"

static void
test_decode(void)
{
	int32_t cp;

	CHECK(utf8_decode("A", 1, &cp) == 1 && cp == 'A');
	CHECK(utf8_decode("\xc3\xa9", 2, &cp) == 2 && cp == 0xE9);
	CHECK(utf8_decode("\xe2\x80\x99", 3, &cp) == 3 && cp == 0x2019);
	CHECK(utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
	/* overlong, surrogate, truncated, stray continuation, > U+10FFFF */
	CHECK(utf8_decode("\xc0\xaf", 2, &cp) == 1 && cp == -1);
	CHECK(utf8_decode("\xe0\x80\xaf", 3, &cp) == 1 && cp == -1);
	CHECK(utf8_decode("\xed\xa0\x80", 3, &cp) == 1 && cp == -1);
	CHECK(utf8_decode("\xe2\x80", 2, &cp) == 1 && cp == -1);
	CHECK(utf8_decode("\x80", 1, &cp) == 1 && cp == -1);
	CHECK(utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 1 && cp == -1);
}

static void
test_valid(void)
{
	const char *s = "plain ascii text that is long enough \xe2\x80\x9cquoted\xe2\x80\x9d";

	CHECK(utf8_valid(s, strlen(s)));
	CHECK(utf8_valid_prefix("abcdefghij\xff", 11) == 10);
	CHECK(utf8_valid_prefix("", 0) == 0);
	CHECK(!utf8_valid("caf\xe9", 4));
	CHECK(utf8_count("caf\xc3\xa9", 5) == 4);
}

static void
test_codepages(void)
{
	struct buf b = BUF_INIT;

	utf8_from_cp1252(&b, "caf\xe9 \x93hi\x94 \x80", 11);
	CHECK_MEM(b.s, b.len, "caf\xc3\xa9 \xe2\x80\x9chi\xe2\x80\x9d \xe2\x82\xac");
	buf_reset(&b);
	utf8_from_latin1(&b, "\x93", 1);
	CHECK_MEM(b.s, b.len, "\xc2\x93");
	CHECK(cp1252_byte(0x2019) == 0x92);
	CHECK(cp1252_byte(0xE9) == 0xE9);
	CHECK(cp1252_byte(0x4E00) == -1);
	buf_free(&b);
}

/* NUL bytes become U+FFFD, at either end and in a row; the rest as it was. */
static void
test_nul(void)
{
	struct buf b = BUF_INIT;

	CHECK(utf8_add_nul_fffd(&b, "\0a\0\0b\0", 6) == 4);
	CHECK_MEM(b.s, b.len, "\xef\xbf\xbd" "a\xef\xbf\xbd\xef\xbf\xbd"
	    "b\xef\xbf\xbd");
	buf_reset(&b);
	CHECK(utf8_add_nul_fffd(&b, "caf\xc3\xa9", 5) == 0);
	CHECK_MEM(b.s, b.len, "caf\xc3\xa9");
	buf_free(&b);
}

static void
test_buf(void)
{
	struct buf b = BUF_INIT;
	char *s;
	size_t n;
	int i;

	CHECK_STR(buf_cstr(&b), "");
	for (i = 0; i < 1000; i++)
		buf_addc(&b, 'x');
	CHECK(b.len == 1000 && b.s[1000] == '\0');
	buf_reset(&b);
	buf_printf(&b, "%d-%s", 42, "x");
	CHECK_MEM(b.s, b.len, "42-x");
	buf_truncate(&b, 2);
	CHECK_STR(buf_cstr(&b), "42");
	s = buf_detach(&b, &n);
	CHECK(n == 2 && b.s == NULL);
	free(s);
	buf_free(&b);
	buf_free(&b);		/* twice is harmless */
}

int
main(void)
{
	test_decode();
	test_valid();
	test_codepages();
	test_nul();
	test_buf();
	UNIT_END();
}
