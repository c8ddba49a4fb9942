/*
 * Unit tests for lib/sim/shingle.c: what a word is (Unicode letters and digits
 * after NFKC and case folding, with exact byte offsets), how word and
 * character shingles are formed, and that the sets come out sorted and
 * without repeats.
 */
#include <stdlib.h>

#include <xxhash.h>

#include "unit.h"
#include "sim/shingle.h"

/* Are the sets of texts a and b the same? */
static int
same_set(struct shingler *sh, const char *a, const char *b)
{
	uint64_t *first;
	const uint64_t *second;
	size_t na, nb;
	int same;

	second = shingler_set(sh, a, strlen(a), &na);
	first = malloc((na + 1) * sizeof(*first));
	memcpy(first, second, na * sizeof(*first));
	second = shingler_set(sh, b, strlen(b), &nb);
	same = na == nb && memcmp(first, second, na * sizeof(*first)) == 0;
	free(first);
	return same;
}

static void
test_words(void)
{
	struct shingler *sh = shingler_new(5, 0, 0);
	const struct shingle_word *w;
	const char *s;
	size_t n;

	s = "Hello, World! 42x";
	w = shingler_words(sh, s, strlen(s), &n);
	CHECK(n == 3);
	CHECK(w[0].start == 0 && w[0].end == 5);
	CHECK(w[1].start == 7 && w[1].end == 12);
	CHECK(w[2].start == 14 && w[2].end == 17);

	/* Curly quotes and dashes separate; offsets count bytes. */
	s = "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x94 there";
	w = shingler_words(sh, s, strlen(s), &n);
	CHECK(n == 2);
	CHECK(n == 2 && w[0].start == 3 && w[0].end == 5);
	/* An invalid byte separates words and is never part of one. */
	w = shingler_words(sh, "ab\xff" "cd", 5, &n);
	CHECK(n == 2 && w[0].end == 2 && w[1].start == 3);
	/* A combining mark continues a word but never starts one. */
	s = "x \xcc\x81y";
	w = shingler_words(sh, s, strlen(s), &n);
	CHECK(n == 2 && w[1].start == 4);
	w = shingler_words(sh, "", 0, &n);
	CHECK(n == 0);
	w = shingler_words(sh, " ... -- ", 8, &n);
	CHECK(n == 0);
	shingler_free(sh);
}

static void
test_normalise(void)
{
	struct shingler *sh = shingler_new(1, 0, 0);

	CHECK(same_set(sh, "the cat sat", "The CAT, sat!"));
	/* NFKC: fullwidth letters, decomposed accents, ligatures. */
	CHECK(same_set(sh, "caf\xc3\xa9", "CAFE\xcc\x81"));
	CHECK(same_set(sh, "caf\xc3\xa9", "\xef\xbc\xa3" "af\xc3\xa9"));
	CHECK(same_set(sh, "file", "\xef\xac\x81le"));
	/* Full case folding, and ignorables vanish inside a word. */
	CHECK(same_set(sh, "strasse", "STRA\xc3\x9f" "E"));
	CHECK(same_set(sh, "cooperate", "co\xc2\xad" "operate"));
	CHECK(same_set(sh, "zero", "ze\xe2\x80\x8bro"));
	CHECK(!same_set(sh, "cafe", "caf\xc3\xa9"));
	/* Letters of any script, digits of any script. */
	CHECK(same_set(sh, "\xce\xb1\xce\xb2\xce\xb3",
	    "\xce\x91\xce\x92\xce\x93"));
	CHECK(!same_set(sh, "abc", "abd"));
	shingler_free(sh);
}

static void
test_shingles(void)
{
	struct shingler *sh = shingler_new(5, 0, 0);
	struct shingler *other = shingler_new(5, 0, 1);
	const uint64_t *set;
	uint64_t first;
	size_t n, i;
	const char *s;

	s = "one two three four five six seven";
	set = shingler_set(sh, s, strlen(s), &n);
	CHECK(n == 3);
	for (i = 1; i < n; i++)
		CHECK(set[i - 1] < set[i]);
	/* Repeated windows count once. */
	s = "a b c d e a b c d e a b c d e";
	set = shingler_set(sh, s, strlen(s), &n);
	CHECK(n == 5);
	/* Fewer than n words still make one shingle; none make none. */
	set = shingler_set(sh, "just three words", 16, &n);
	CHECK(n == 1);
	first = set[0];
	set = shingler_set(sh, "Just, three. Words", 18, &n);
	CHECK(n == 1 && set[0] == first);
	set = shingler_set(sh, "!!!", 3, &n);
	CHECK(n == 0);
	/* Word order matters inside a shingle. */
	CHECK(!same_set(sh, "a b c d e", "b a c d e"));
	/* The seed changes every hash. */
	set = shingler_set(other, "just three words", 16, &n);
	CHECK(n == 1 && set[0] != first);
	shingler_free(sh);
	shingler_free(other);
}

static void
test_chars(void)
{
	struct shingler *sh = shingler_new(5, 3, 0);
	size_t n;

	shingler_set(sh, "abcd", 4, &n);
	CHECK(n == 2);
	shingler_set(sh, "ab", 2, &n);
	CHECK(n == 1);
	/* Words are joined by one space whatever separated them. */
	CHECK(same_set(sh, "ab cd", "AB -- cd"));
	CHECK(!same_set(sh, "ab cd", "abcd"));
	/* Windows are code points, not bytes: 4 code points, 8 bytes. */
	shingler_set(sh, "\xce\xb1\xce\xb2\xce\xb3\xce\xb4", 8, &n);
	CHECK(n == 2);
	shingler_set(sh, "", 0, &n);
	CHECK(n == 0);
	/*
	 * A word whose normal form is empty (U+FFA0, a Hangul filler: a
	 * letter NFKC makes a default ignorable) is a word all the same:
	 * one shingle, as in word mode (the fuzzer found it).
	 */
	shingler_words(sh, "\xef\xbe\xa0", 3, &n);
	CHECK(n == 1);
	shingler_set(sh, "\xef\xbe\xa0", 3, &n);
	CHECK(n == 1);
	shingler_free(sh);
}

static uint64_t
next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sort against qsort, on sizes and repeat rates of every kind. */
static void
test_sort(void)
{
	uint64_t *v, *w, x = 88172645463325252ULL;
	size_t n, m, i, k, sizes[] = { 0, 1, 2, 17, 100, 1000, 20000 };
	int ok = 1, dup;

	v = malloc(20000 * sizeof(*v));
	w = malloc(20000 * sizeof(*w));
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (dup = 0; dup < 3; dup++) {
			n = sizes[k];
			for (i = 0; i < n; i++) {
				v[i] = next(&x);
				if (dup == 1)
					v[i] %= 7;	/* many repeats */
				else if (dup == 2)
					v[i] = i;	/* already sorted */
			}
			memcpy(w, v, n * sizeof(*v));
			qsort(w, n, sizeof(*w), cmp_u64);
			for (i = 0, m = 0; i < n; i++)
				if (m == 0 || w[i] != w[m - 1])
					w[m++] = w[i];
			ok &= shingle_sort_unique(v, n) == m &&
			    memcmp(v, w, m * sizeof(*v)) == 0;
		}
	}
	CHECK(ok);
	free(v);
	free(w);
}

/* A long text takes the bucket sort; the set must still be strict. */
static void
test_long(void)
{
	struct shingler *sh = shingler_new(3, 0, 0);
	const uint64_t *set;
	char *text;
	size_t n, i, len = 0;
	uint64_t x = 1;
	int ok = 1;

	text = malloc(200000);
	for (i = 0; i < 20000; i++)
		len += snprintf(text + len, 200000 - len, "w%u ",
		    (unsigned)(next(&x) % 50));
	set = shingler_set(sh, text, len, &n);
	for (i = 1; i < n; i++)
		ok &= set[i - 1] < set[i];
	CHECK(ok);
	/* 50 words, 3-grams: at most 125000 distinct, 19998 windows. */
	CHECK(n > 10000 && n <= 19998);
	free(text);
	shingler_free(sh);
}

/*
 * shingler_trim frees the arrays of a text longer than SHINGLE_KEEP allows
 * and keeps those of a short one; either way the next call starts afresh
 * and gives what a new shingler gives, in word and in character mode.
 */
static void
test_trim(void)
{
	struct shingler *sh, *fresh;
	const struct shingle_word *w;
	const uint64_t *set;
	uint64_t *keep, x = 7;
	char *text;
	size_t n, nk, i, len = 0, cap = 4000000;
	unsigned chars;

	text = malloc(cap);
	/* 400000 words, over SHINGLE_KEEP at 16 bytes a word. */
	for (i = 0; i < 400000; i++)
		len += snprintf(text + len, cap - len, "w%u ",
		    (unsigned)(next(&x) % 5000));
	for (chars = 0; chars <= 5; chars += 5) {
		sh = shingler_new(5, chars, 3);
		fresh = shingler_new(5, chars, 3);
		set = shingler_set(sh, text, len, &nk);
		keep = malloc(nk * sizeof(*keep));
		memcpy(keep, set, nk * sizeof(*keep));
		shingler_trim(sh);
		set = shingler_set(sh, "a short one", 11, &n);
		CHECK(n == (chars ? 7 : 1));	/* "a short one": 11 code points */
		shingler_trim(sh);
		set = shingler_set(sh, text, len, &n);
		CHECK(n == nk && memcmp(set, keep, n * sizeof(*set)) == 0);
		shingler_trim(sh);
		set = shingler_set(fresh, text, len, &n);
		CHECK(n == nk && memcmp(set, keep, n * sizeof(*set)) == 0);
		free(keep);
		shingler_free(sh);
		shingler_free(fresh);
	}
	/* Offsets past 16 bits, after a trim. */
	sh = shingler_new(1, 0, 0);
	shingler_words(sh, text, len, &n);
	shingler_trim(sh);
	w = shingler_words(sh, text, len, &n);
	CHECK(n == 400000 && w[n - 1].end == len - 1 &&
	    text[w[n - 1].start - 1] == ' ' && text[w[n - 1].start] == 'w');
	shingler_free(sh);
	free(text);
}

/*
 * ASCII words of every length from 1 to 40 between separators of every
 * kind next to the letters and digits ('@', '[', '`', '{', '/', ':',
 * DEL), at every offset, so the scanner's eight bytes at a time meet the
 * run's end in each lane and in the tail: the words' places and hashes
 * against a byte-at-a-time reading, and the set against the windows of
 * those hashes sorted by shingle_sort_unique.
 */
static void
test_ascii_runs(void)
{
	static const char sep[] = "@[`{/: \x7f\n";
	static const char alnum[] =
	    "AZaz09MmQq5bcdefghijklnoprstuvwxyBCDEFGHIJKLNOPRSTUVWXY12345678";
	struct shingler *sh = shingler_new(3, 0, 7);
	const struct shingle_word *w;
	const uint64_t *set;
	char *text, word[64];
	uint64_t x = 12345, *h, *ref, le[3];
	size_t len = 0, n, i, j, k, nw = 0, wl, m, nref;
	size_t *start, *end;
	int ok = 1;

	text = malloc(100000);
	start = malloc(4000 * sizeof(*start));
	end = malloc(4000 * sizeof(*end));
	h = malloc(4000 * sizeof(*h));
	ref = malloc(4000 * sizeof(*ref));
	for (nw = 0; nw < 3000; nw++) {
		k = 1 + next(&x) % 3;
		for (i = 0; i < k; i++)
			text[len++] = sep[next(&x) % (sizeof(sep) - 1)];
		wl = 1 + (nw % 40 + next(&x) % 3) % 40;
		start[nw] = len;
		for (i = 0; i < wl; i++) {
			text[len] = alnum[next(&x) % (sizeof(alnum) - 1)];
			word[i] = text[len] >= 'A' && text[len] <= 'Z' ?
			    (char)(text[len] + 32) : text[len];
			len++;
		}
		end[nw] = len;
		h[nw] = XXH3_64bits_withSeed(word, wl, 7);
	}
	w = shingler_words(sh, text, len, &n);
	ok &= n == nw;
	for (i = 0; ok && i < n; i++)
		ok &= w[i].start == start[i] && w[i].end == end[i] &&
		    w[i].hash == h[i];
	CHECK(ok);
	/* The windows' hashes, as shingle.h says, and the set they make. */
	for (i = 0, nref = 0; i + 3 <= nw; i++) {
		for (j = 0; j < 3; j++)
			le[j] = h[i + j];	/* a little-endian machine */
		ref[nref++] = XXH3_64bits_withSeed(le, sizeof(le), 7);
	}
	nref = shingle_sort_unique(ref, nref);
	set = shingler_set(sh, text, len, &m);
	CHECK(m == nref && memcmp(set, ref, m * sizeof(*set)) == 0);
	free(text);
	free(start);
	free(end);
	free(h);
	free(ref);
	shingler_free(sh);
}

/*
 * Texts of ASCII words from 1 to 80 bytes (longer than a block), ASCII
 * separators and multibyte pieces that join, continue, start or end a
 * word or are no UTF-8 at all, cut at random lengths: the words, places,
 * hashes and sets read a block at a time against those read a byte at a
 * time, for word and character shingles.
 */
static void
test_blocks(void)
{
	static const char *const piece[] = {
		" ", ", ", ".\n", "-", "\x7f", "@", "`", "{", "[", "/",
		"\xc3\xa9",		/* é, a letter */
		"\xcc\x81",		/* combining acute: continues a word */
		"\xc2\xad",		/* soft hyphen: ignorable */
		"\xe4\xb8\xad",	/* a CJK letter */
		"\xe2\x80\x9c",	/* a curly quote: a separator */
		"\xef\xbc\xa3",	/* fullwidth C, folded by NFKC */
		"\xff", "\xc3",		/* no UTF-8 */
	};
	static const char alnum[] = "AZaz09MmQq5bcdefghijklnoprstuvwxy";
	struct shingler *a, *b;
	const struct shingle_word *wa, *wb;
	const uint64_t *sa, *sb;
	uint64_t x = 424242, *keep;
	char *text;
	size_t len, n, na, nb, i, k, wl, chars, mix, round;
	int ok = 1;

	text = malloc(4096);
	keep = malloc(4096 * sizeof(*keep));
	for (round = 0; round < 3000; round++) {
		chars = round % 3 == 2 ? 4 : 0;
		a = shingler_new(1 + round % 5, (unsigned)chars, round);
		b = shingler_new(1 + round % 5, (unsigned)chars, round);
		shingler_bytewise(b);
		/* From no multibyte piece to one in two. */
		mix = round % 4 == 0 ? 0 : 1 + round % 7;
		n = next(&x) % 600;
		for (len = 0; len < n;) {
			if (mix > 0 && next(&x) % (2 * mix) == 0) {
				k = next(&x) % (sizeof(piece) / sizeof(*piece));
				memcpy(text + len, piece[k], strlen(piece[k]));
				len += strlen(piece[k]);
			} else if (next(&x) % 2) {
				wl = next(&x) % 8 == 0 ? 1 + next(&x) % 80 :
				    1 + next(&x) % 12;
				for (i = 0; i < wl; i++)
					text[len++] = alnum[next(&x) %
					    (sizeof(alnum) - 1)];
			} else {
				k = next(&x) % 10;
				memcpy(text + len, piece[k], strlen(piece[k]));
				len += strlen(piece[k]);
			}
		}
		wa = shingler_words(a, text, len, &na);
		wb = shingler_words(b, text, len, &nb);
		ok &= na == nb;
		for (i = 0; ok && i < na; i++)
			ok &= wa[i].start == wb[i].start &&
			    wa[i].end == wb[i].end && wa[i].hash == wb[i].hash;
		sa = shingler_set(a, text, len, &na);
		if (na > 0)	/* else sa may be NULL */
			memcpy(keep, sa, na * sizeof(*keep));
		sb = shingler_set(b, text, len, &nb);
		ok &= na == nb && (na == 0 ||
		    memcmp(keep, sb, na * sizeof(*keep)) == 0);
		shingler_free(a);
		shingler_free(b);
	}
	CHECK(ok);
	free(text);
	free(keep);
}

/*
 * The default windows of SHINGLE_N words, hashed where the words are,
 * against XXH3 of their hashes as little-endian bytes, for seeds that
 * carry and borrow when added to and taken from the secret.
 */
static void
test_windows(void)
{
	static const uint64_t seeds[] = { 0, 1, 7, 0x8000000000000000ULL,
	    UINT64_MAX, 0x0123456789ABCDEFULL };
	struct shingler *sh;
	const struct shingle_word *w;
	const uint64_t *set;
	uint64_t x = 99, *ref, le[SHINGLE_N];
	char *text;
	size_t len, n, m, i, j, k, nref;
	int ok = 1;

	text = malloc(20000);
	ref = malloc(4000 * sizeof(*ref));
	for (k = 0; k < sizeof(seeds) / sizeof(*seeds); k++) {
		sh = shingler_new(SHINGLE_N, 0, seeds[k]);
		for (len = 0; len < 19000;)
			len += (size_t)snprintf(text + len, 20000 - len, "w%u ",
			    (unsigned)(next(&x) % 3000));
		/* Its first 0 to 240 bytes, six at a time, then all. */
		for (n = 0; n <= 41; n++) {
			w = shingler_words(sh, text, n <= 40 ? 6 * n : len,
			    &m);
			for (i = 0, nref = 0; i + SHINGLE_N <= m; i++) {
				for (j = 0; j < SHINGLE_N; j++)
					le[j] = w[i + j].hash;
				ref[nref++] = XXH3_64bits_withSeed(le,
				    sizeof(le), seeds[k]);
			}
			nref = shingle_sort_unique(ref, nref);
			set = shingler_set(sh, text, n <= 40 ? 6 * n : len,
			    &m);
			if (nref > 0)
				ok &= m == nref &&
				    memcmp(set, ref, m * sizeof(*set)) == 0;
		}
		shingler_free(sh);
	}
	CHECK(ok);
	free(text);
	free(ref);
}

/*
 * Values crafted into one bucket, in falling order: 48 words whose
 * one-word shingles share their top six bits, among 64 words (so 64
 * buckets), written largest first, which the insertion sort gives up on;
 * the set must still be the values sorted, once each.  Then the text
 * twice, so that repeats take that path too.
 */
static void
test_crafted_bucket(void)
{
	struct shingler *sh = shingler_new(1, 0, 0);
	const uint64_t *set;
	uint64_t val[64], ref[64], t;
	unsigned num[64], u;
	char text[2048];
	size_t n, i, j, m, len;
	unsigned k;
	int ok = 1;

	for (k = 0, n = 0; n < 64; k++) {
		len = (size_t)snprintf(text, sizeof(text), "w%u", k);
		set = shingler_set(sh, text, len, &m);
		if (m == 1 && (n >= 48 || set[0] >> 58 == 0)) {
			num[n] = k;
			val[n++] = set[0];
		}
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (val[j] > val[i]) {
				t = val[i], val[i] = val[j], val[j] = t;
				u = num[i], num[i] = num[j], num[j] = u;
			}
	for (i = 0, len = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    "w%u ", num[i]);
	memcpy(ref, val, sizeof(val));
	CHECK(shingle_sort_unique(ref, n) == n);
	set = shingler_set(sh, text, len, &m);
	ok &= m == n && memcmp(set, ref, n * sizeof(*set)) == 0;
	memcpy(text + len, text, len);
	set = shingler_set(sh, text, 2 * len, &m);
	ok &= m == n && memcmp(set, ref, n * sizeof(*set)) == 0;
	CHECK(ok);
	shingler_free(sh);
}

int
main(void)
{
	test_words();
	test_normalise();
	test_shingles();
	test_chars();
	test_sort();
	test_long();
	test_trim();
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	test_ascii_runs();
	test_windows();
#endif
	test_blocks();
	test_crafted_bucket();
	shingler_free(NULL);
	UNIT_END();
}
