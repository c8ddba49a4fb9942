/*
 * Unit tests for the counting in lib/text/para.c that runs over every
 * paragraph: para_words, thirty-two, sixteen and eight bytes at a time,
 * against the plain loop it replaced, on random strings of blanks,
 * letters and bytes that are near a blank in value (0x0A0B, 0x20 ^ 0x80,
 * 0xA0), at every length around those steps (several steps of 32) and
 * with every cap.  Also what counts as
 * a list bullet (para_bullet) and what para_prose and para_hard_wrapped
 * do with bulleted lines.  The paragraphs paras_find hands the heuristics
 * (and whether each holds a line break) against a walk of para_end,
 * which each of them made before, on texts of newlines and letters (so
 * with the "\n\n\n" the whitespace step leaves when it is off), and
 * para_start, a newline at a time, against the byte loop it replaced.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* A random text of fewer than size bytes drawn from bytes (nbytes). */
static size_t
random_text(char *s, size_t size, const char *bytes, size_t nbytes)
{
	size_t i, n = (size_t)rand() % size;

	for (i = 0; i < n; i++)
		s[i] = bytes[rand() % (int)nbytes];
	return n;
}

static void
test_words_random(void)
{
	static const char bytes[] = " \nabc\t\x0B\xA0\x8A";
	char s[200];
	size_t n, cap;
	int round, bad = 0;

	srand(7);
	for (round = 0; round < 40000; round++) {
		n = random_text(s, sizeof(s), bytes, sizeof(bytes) - 1);
		cap = (size_t)rand() % 100;
		if (para_words(s, n, cap) != words_ref(s, n, cap))
			bad++;
		if (para_words(s, n, SIZE_MAX) != words_ref(s, n, SIZE_MAX))
			bad++;
	}
	CHECK(bad == 0);
}

#define S(x)	x, sizeof(x) - 1

static void
test_bullet(void)
{
	CHECK(para_bullet(S("- milk")) == 2);
	CHECK(para_bullet(S("* milk")) == 2);
	CHECK(para_bullet(S("\xc2\xb7 milk")) == 3);		/* U+00B7 */
	CHECK(para_bullet(S("\xe2\x80\xa2 milk")) == 4);	/* U+2022 */
	CHECK(para_bullet(S("\xe2\x96\xa1 milk")) == 4);	/* U+25A1 */
	CHECK(para_bullet(S("\xe2\x97\x8f milk")) == 4);	/* U+25CF */
	CHECK(para_bullet(S("\xe2\x97\xbf milk")) == 4);	/* U+25FF */
	/* Not bullets: no blank after, quotes, dashes, box drawing. */
	CHECK(para_bullet(S("-milk")) == 0);
	CHECK(para_bullet(S("-")) == 0);
	CHECK(para_bullet(S("\xe2\x80\xa2")) == 0);
	CHECK(para_bullet(S("\xe2\x80\x9c Quote")) == 0);	/* U+201C */
	CHECK(para_bullet(S("\xe2\x80\x94 Jane Doe")) == 0);	/* U+2014 */
	CHECK(para_bullet(S("\xe2\x94\x81 x")) == 0);		/* U+2501 */
	CHECK(para_bullet(S("\xe2\x96\x9f x")) == 0);		/* U+259F */
	CHECK(para_bullet(S("Milk")) == 0);
	CHECK(para_bullet("", 0) == 0);

	/* A bulleted sentence is an item, not reporting; a quoted one is. */
	CHECK(!para_prose(S("\xe2\x80\xa2 The council voted on Tuesday to "
	    "close the old library for good.")));
	CHECK(para_prose(S("\xe2\x80\x9cThe council voted on Tuesday to "
	    "close the old library for good.\xe2\x80\x9d")));
}

static void
test_hard_wrapped(void)
{
	/* Prose wrapped at 60 columns. */
	CHECK(para_hard_wrapped(S(
	    "The council voted on Tuesday to close the old library and\n"
	    "to sell the building on Mill Street to a developer who has\n"
	    "promised to keep its facade and open a cafe on the ground\n"
	    "floor.")));
	/* A list whose items are long is not wrapped prose. */
	CHECK(!para_hard_wrapped(S(
	    "\xe2\x96\xaa The council voted on Tuesday to close the old library\n"
	    "\xe2\x96\xaa The mayor said the building on Mill Street will be sold\n"
	    "\xe2\x96\xaa A developer has promised to keep its facade and open\n"
	    "end")));
	/* Nor is a rule drawn with box characters above short lines. */
	CHECK(!para_hard_wrapped(S(
	    "\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81"
	    "\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81"
	    "\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81"
	    "\xe2\x94\x81\xe2\x94\x81\xe2\x94\x81\n"
	    "Printer-friendly version | Send to a friend | Share your views\n"
	    "Bookmark and share")));
}

/*
 * The walk paras_find stands for: para_end from the start, as it was,
 * and a look for a newline in each paragraph.
 */
static size_t
paras_ref(const char *s, size_t n, struct para_span *v)
{
	const char *p, *q, *end = s + n;
	size_t k = 0;

	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		v[k].off = (size_t)(p - s);
		v[k].lines = memchr(p, '\n', (size_t)(q - p)) != NULL;
		v[k++].len = (size_t)(q - p);
		if (q == end)
			break;
	}
	return k;
}

/* Are the k spans of a and b the same? */
static int
spans_equal(const struct para_span *a, const struct para_span *b, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (a[i].off != b[i].off || a[i].len != b[i].len ||
		    a[i].lines != b[i].lines)
			return 0;
	return 1;
}

static void
test_paras(void)
{
	static const char bytes[] = "\n\n\nab ";
	struct para_span ref[64];
	struct paras ps = {NULL, 0, 0};
	char s[60];
	size_t n, k;
	int round, bad = 0;

	paras_find(&ps, S("One.\n\nTwo\nlines.\n\nThree."));
	CHECK(ps.n == 3);
	CHECK(ps.v[0].lines == 0);
	CHECK(ps.v[1].off == 6 && ps.v[1].len == 10 && ps.v[1].lines == 1);
	CHECK(ps.v[2].off == 18 && ps.v[2].len == 6 && ps.v[2].lines == 0);
	paras_find(&ps, S("A\n\n\nB\n\n"));	/* reused; "\nB"; no empty last */
	CHECK(ps.n == 2);
	CHECK(ps.v[1].off == 3 && ps.v[1].len == 2 && ps.v[1].lines == 1);
	paras_find(&ps, S("A\n"));	/* a break at the end is the paragraph's */
	CHECK(ps.n == 1 && ps.v[0].len == 2 && ps.v[0].lines == 1);
	paras_find(&ps, "", 0);
	CHECK(ps.n == 0);
	srand(11);
	for (round = 0; round < 20000; round++) {
		n = random_text(s, sizeof(s), bytes, sizeof(bytes) - 1);
		paras_find(&ps, s, n);
		k = paras_ref(s, n, ref);
		if (ps.n != k || !spans_equal(ps.v, ref, k))
			bad++;
	}
	CHECK(bad == 0);
	paras_free(&ps);
}

/*
 * para_end_line against para_end and a look for a break before the end
 * it gives, from every place of random texts of breaks and letters.
 */
static void
test_end_line(void)
{
	static const char bytes[] = "\n\n\nab";
	char s[60];
	const char *q;
	size_t n, p;
	int round, one, bad = 0, ones = 0, tried = 0;

	srand(17);
	for (round = 0; round < 20000; round++) {
		n = random_text(s, sizeof(s), bytes, sizeof(bytes) - 1);
		for (p = 0; p < n; p++) {
			q = para_end_line(s + p, s + n, &one);
			if (q != para_end(s + p, s + n) || one != (memchr(s + p,
			    '\n', (size_t)(q - s - p)) == NULL))
				bad++;
			ones += one;
			tried++;
		}
	}
	CHECK(bad == 0);
	CHECK(ones > tried / 10 && ones < tried - tried / 10);
}

/* What para_start was, a byte at a time from q back to s. */
static const char *
start_ref(const char *s, const char *q)
{
	const char *p;

	for (p = q; p - s >= 2; p--)
		if (p[-1] == '\n' && p[-2] == '\n')
			return p;
	return s;
}

static void
test_start(void)
{
	static const char bytes[] = "\n\nab ";
	static const char t[] = "One.\n\nTwo\nthree\n\n\nB";
	char s[60];
	size_t n, q;
	int round, bad = 0;

	CHECK(para_start(t, t + 15) == t + 6);	/* "Two\nthree" */
	CHECK(para_start(t, t + 4) == t);
	CHECK(para_start(t, t + 19) == t + 18);	/* "B", not "\nB" */
	CHECK(para_start(t, t + 1) == t);
	srand(13);
	for (round = 0; round < 20000; round++) {
		n = random_text(s, sizeof(s), bytes, sizeof(bytes) - 1);
		for (q = 0; q <= n; q++)
			if (para_start(s, s + q) != start_ref(s, s + q))
				bad++;
	}
	CHECK(bad == 0);
}

int
main(void)
{
	test_words_fixed();
	test_words_random();
	test_bullet();
	test_hard_wrapped();
	test_paras();
	test_end_line();
	test_start();
	UNIT_END();
}
