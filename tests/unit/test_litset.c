/*
 * Unit tests for lib/text/litset.c, the literal set behind the rules'
 * prefilter: which ids' literals occur in a text.  Edge cases first (an
 * empty set or text, literals at both ends of a buffer with nothing after
 * it, overlapping and nested literals, shared ids, bytes beyond ASCII and
 * NUL, no case folding), then one literal at every place of texts up to
 * 200 bytes long, then random sets and texts against memmem.
 */
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"
#include "text/litset.h"
#include "base/util.h"

struct seen {
	uint64_t	 ids;		/* bit id: reported */
	int		 twice;		/* some id was reported twice */
	int		 calls;
};

static void
note(void *arg, unsigned id)
{
	struct seen *s = arg;

	if (id < 64 && ((s->ids >> id) & 1))
		s->twice = 1;
	if (id < 64)
		s->ids |= 1ULL << id;
	s->calls++;
}

/*
 * The ids found in text (n bytes), scanned from a copy of exactly n
 * bytes, so that a read past its end shows under ASan and valgrind.
 */
static uint64_t
scan(struct litset *ls, const char *text, size_t n, int *twice)
{
	struct seen s = { 0, 0, 0 };
	char *copy = malloc(n > 0 ? n : 1);

	memcpy(copy, text, n);
	litset_scan(ls, copy, n, note, &s);
	free(copy);
	if (twice != NULL)
		*twice = s.twice;
	return s.ids;
}

#define SCAN(ls, str)	scan((ls), (str), strlen(str), NULL)

static void
test_empty(void)
{
	struct litset *ls = litset_new();

	CHECK(litset_count(ls) == 0);
	CHECK(SCAN(ls, "anything at all") == 0);
	CHECK(scan(ls, "", 0, NULL) == 0);
	litset_add(ls, "abc", 3, 1);
	CHECK(litset_count(ls) == 1);
	CHECK(scan(ls, "", 0, NULL) == 0);
	CHECK(SCAN(ls, "ab") == 0);
	CHECK(SCAN(ls, "abc") == 2);
	litset_free(ls);
	litset_free(NULL);
}

static void
test_ends(void)
{
	struct litset *ls = litset_new();

	litset_add(ls, "start", 5, 0);
	litset_add(ls, "end", 3, 1);
	CHECK(SCAN(ls, "start of it") == 1);
	CHECK(SCAN(ls, "at the end") == 2);
	CHECK(SCAN(ls, "start to end") == 3);
	CHECK(SCAN(ls, "at the en") == 0);
	CHECK(SCAN(ls, "tart") == 0);
	CHECK(SCAN(ls, "end") == 2);
	litset_free(ls);
}

static void
test_overlap(void)
{
	struct litset *ls = litset_new();
	int twice;

	litset_add(ls, "abc", 3, 0);
	litset_add(ls, "bcd", 3, 1);
	litset_add(ls, "cde", 3, 2);
	litset_add(ls, "abcdef", 6, 3);
	litset_add(ls, "bc", 2, 4);
	CHECK(SCAN(ls, "abcde") == 0x17);
	CHECK(SCAN(ls, "xabcdefx") == 0x1F);
	CHECK(SCAN(ls, "bcbcbc") == 0x10);
	/* one report per id, however often its literals occur */
	CHECK(scan(ls, "abcdabcdabcd", 12, &twice) == 0x13 && !twice);
	litset_free(ls);
}

static void
test_shared_id(void)
{
	struct litset *ls = litset_new();
	int twice;

	litset_add(ls, "share", 5, 7);
	litset_add(ls, "tweet", 5, 7);
	litset_add(ls, "print", 5, 9);
	CHECK(scan(ls, "share or tweet", 14, &twice) == 1ULL << 7 && !twice);
	CHECK(SCAN(ls, "print, tweet") == (1ULL << 7 | 1ULL << 9));
	litset_free(ls);
}

static void
test_bytes(void)
{
	struct litset *ls = litset_new();

	litset_add(ls, "stra\xC3\x9F" "e", 7, 0);	/* straße */
	litset_add(ls, "\xC3\xA4rger", 6, 1);		/* ärger */
	litset_add(ls, "a\0b", 3, 2);
	litset_add(ls, "\xFF\xFE", 2, 3);
	litset_add(ls, "News", 4, 4);
	CHECK(SCAN(ls, "die stra\xC3\x9F" "e") == 1);
	/* nothing is folded: not ASCII, not beyond */
	CHECK(SCAN(ls, "STRA\xC3\x9F" "E") == 0);
	CHECK(SCAN(ls, "\xC3\x84rger") == 0);		/* Ärger */
	CHECK(SCAN(ls, "viel \xC3\xA4rger") == 2);
	CHECK(SCAN(ls, "news") == 0);
	CHECK(SCAN(ls, "the News") == 16);
	/* NUL is a byte like any other */
	CHECK(scan(ls, "\0a\0b\0", 5, NULL) == 4);
	CHECK(scan(ls, "a\0", 2, NULL) == 0);
	CHECK(scan(ls, "a-b", 3, NULL) == 0);
	CHECK(scan(ls, "\x01\xFF\xFE", 3, NULL) == 8);
	litset_free(ls);
}

static void
test_add_after_scan(void)
{
	struct litset *ls = litset_new();

	litset_add(ls, "one", 3, 0);
	CHECK(SCAN(ls, "one two") == 1);
	litset_add(ls, "two", 3, 1);
	CHECK(SCAN(ls, "one two") == 3);
	CHECK(SCAN(ls, "two") == 2);
	litset_free(ls);
}

/*
 * One literal at every place in texts of 1 to 200 bytes, beside another
 * that shares its bytes, in literal sets of each size the library treats
 * its own way.  Vectorscan 5.4.9 misses "aaa" at 64 in 69 bytes of "z"
 * when "aba" is in the set.
 */
static void
test_places(void)
{
	static const char *const sets[][4] = {
		{ "aaa", "aba", NULL },
		{ "ab", "ba", NULL },
		{ "a", "ab", NULL },
		{ "\0x", "x\0", NULL },
		{ "may", "more", "read ", "jan" },
	};
	char text[200];
	size_t i, k, n, pos, len;
	int bad = 0;
	struct litset *ls;

	for (i = 0; i < NELEM(sets); i++) {
		ls = litset_new();
		for (k = 0; k < 4 && sets[i][k] != NULL; k++)
			litset_add(ls, sets[i][k], k == 0 && i == 3 ? 2 :
			    strlen(sets[i][k]), (unsigned)k);
		len = i == 3 ? 2 : strlen(sets[i][0]);
		for (n = len; n <= sizeof(text); n++)
			for (pos = 0; pos + len <= n; pos++) {
				memset(text, 'z', n);
				memcpy(text + pos, sets[i][0], len);
				if ((scan(ls, text, n, NULL) & 1) == 0)
					bad++;
			}
		litset_free(ls);
	}
	CHECK(bad == 0);
}

/* Literals and texts over a few letters, so that they meet often. */
static void
test_random(void)
{
	char lit[40][8], text[200];
	size_t len[40], n, i;
	uint64_t want, got;
	int round, k, nlit, bad = 0;
	struct litset *ls;

	srand(12);
	for (round = 0; round < 400; round++) {
		ls = litset_new();
		nlit = rand() % 40;
		for (k = 0; k < nlit; k++) {
			len[k] = 1 + (size_t)rand() % 6;
			for (i = 0; i < len[k]; i++)
				lit[k][i] = "abcA\xC3"[rand() % 5];
			litset_add(ls, lit[k], len[k], (unsigned)(k % 20));
		}
		n = (size_t)rand() % sizeof(text);
		for (i = 0; i < n; i++)
			text[i] = "abcA\xC3"[rand() % 5];
		want = 0;
		for (k = 0; k < nlit; k++)
			if (memmem(text, n, lit[k], len[k]) != NULL)
				want |= 1ULL << (k % 20);
		got = scan(ls, text, n, NULL);
		if (got != want)
			bad++;
		litset_free(ls);
	}
	CHECK(bad == 0);
}

int
main(void)
{
	test_empty();
	test_ends();
	test_overlap();
	test_shared_id();
	test_bytes();
	test_add_after_scan();
	test_places();
	test_random();
	UNIT_END();
}
