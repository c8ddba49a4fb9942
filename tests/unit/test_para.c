/*
 * Unit tests for the counting in lib/text/para.c that runs over every
 * paragraph: para_words, eight bytes at a time, against the plain loop
 * it replaced, on random strings of blanks, letters and bytes that are
 * near a blank in value (0x0A0B, 0x20 ^ 0x80, 0xA0), at every length
 * around the eight-byte steps and with every cap.
 */
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "text/para.h"

/* The reference: blanks plus one, stopping at cap. */
static size_t
words_ref(const char *s, size_t n, size_t cap)
{
	size_t i, w = 1;

	for (i = 0; i < n && w < cap; i++)
		w += s[i] == ' ' || s[i] == '\n';
	return w;
}

static void
test_words_fixed(void)
{
	CHECK(para_words("", 0, 100) == 1);
	CHECK(para_words("one", 3, 100) == 1);
	CHECK(para_words("one two three", 13, 100) == 3);
	CHECK(para_words("a b c d e f g h i j", 19, 100) == 10);
	CHECK(para_words("a b c d e f g h i j", 19, 4) == 4);
	CHECK(para_words("a b c d e f g h i j", 19, 1) == 1);
	CHECK(para_words("a b c d e f g h i j", 19, 0) == 1);
	CHECK(para_words("line\nline\tword", 14, 100) == 2);	/* no tab */
	CHECK(para_words("\xA0\xA0\xA0\xA0\xA0\xA0\xA0\xA0 x", 10, 100) == 2);
}

static void
test_words_random(void)
{
	static const char bytes[] = " \nabc\t\x0B\xA0\x8A";
	char s[80];
	size_t n, i, cap;
	int round, bad = 0;

	srand(7);
	for (round = 0; round < 20000; round++) {
		n = (size_t)rand() % sizeof(s);
		for (i = 0; i < n; i++)
			s[i] = bytes[rand() % (int)(sizeof(bytes) - 1)];
		cap = (size_t)rand() % 40;
		if (para_words(s, n, cap) != words_ref(s, n, cap))
			bad++;
		if (para_words(s, n, SIZE_MAX) != words_ref(s, n, SIZE_MAX))
			bad++;
	}
	CHECK(bad == 0);
}

int
main(void)
{
	test_words_fixed();
	test_words_random();
	UNIT_END();
}
