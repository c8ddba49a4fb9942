/*
 * Unit tests for lib/text/litset.c, the literal set behind the rules'
 * prefilter: which ids' literals occur in a text.  Edge cases first (an
 * empty set or text, literals at both ends of a buffer with nothing after
 * it, overlapping and nested literals, shared ids, bytes beyond ASCII and
 * NUL, no case folding), then one literal at every place of texts up to
 * 200 bytes long, then random sets and texts against memmem; last, the
 * cache of compiled sets kept between runs.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

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

/*
 * A set big enough to be cached: LITSET_CACHE_MIN literals "w0-",
 * "w1-", ..., the k-th under id (k + shift) % 64.
 */
static struct litset *
big_set(unsigned shift)
{
	struct litset *ls = litset_new();
	char lit[16];
	unsigned k;

	for (k = 0; k < LITSET_CACHE_MIN; k++) {
		snprintf(lit, sizeof(lit), "w%u-", k);
		litset_add(ls, lit, strlen(lit), (k + shift) % 64);
	}
	return ls;
}

/* What big_set(shift) finds in "w3- w7- w40-", and whether cached. */
static uint64_t
big_scan(unsigned shift, int *cached)
{
	struct litset *ls = big_set(shift);
	uint64_t ids = SCAN(ls, "w3- w7- w40-");

	*cached = litset_cached(ls);
	litset_free(ls);
	return ids;
}

/* The cache files in dir ("litset-*"): how many, and the last's path. */
static int
cache_files(const char *dir, char *last, size_t size)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, "litset-", 7) == 0) {
			if (snprintf(last, size, "%s/%s", dir, de->d_name) <
			    (int)size)
				n++;
		}
	closedir(d);
	return n;
}

/* The cache file in dir that is not not (a path); "" if none. */
static void
other_file(const char *dir, const char *not, char *out, size_t size)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	char path[512];

	out[0] = '\0';
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "litset-", 7) != 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		if (strcmp(path, not) != 0)
			snprintf(out, size, "%s", path);
	}
	closedir(d);
}

/* Put the bytes of file from in place of file to's, keeping its head. */
static void
graft(const char *from, const char *to)
{
	char a[1 << 16], b[1 << 16];
	size_t na, nb, head = 16 + 16;	/* magic line, checksum */
	FILE *f;

	f = fopen(from, "rb");
	na = fread(a, 1, sizeof(a), f);
	fclose(f);
	f = fopen(to, "rb");
	nb = fread(b, 1, sizeof(b), f);
	fclose(f);
	CHECK(na > head && nb > head);
	f = fopen(to, "wb");
	fwrite(b, 1, head, f);
	fwrite(a + head, 1, na - head, f);
	fclose(f);
}

/*
 * The cache: a set compiled once is read back by the next set with the
 * same literals and ids, with the same answers; a set that differs only
 * in its ids is not given the other's database; a file whose bytes are
 * not those its checksum says (here: another set's database, which
 * Hyperscan would take), or that others may write, is passed over; an
 * empty ARTKIT_CACHE keeps nothing; stale files go when one is written.
 */
static void
test_cache(void)
{
	const char *tmpdir = getenv("TMPDIR");
	char dir[256], path[512], first[512];
	char other[512], stale[512], keep[512];
	struct timespec old[2];
	uint64_t want, want2;
	int cached;

	snprintf(dir, sizeof(dir), "%s/test_litset.XXXXXX",
	    tmpdir != NULL && tmpdir[0] == '/' ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	setenv("ARTKIT_CACHE", dir, 1);
	/* a stale file of another run, and one that is not the cache's */
	if (snprintf(stale, sizeof(stale), "%s/litset-stale.hs", dir) >=
	    (int)sizeof(stale) || snprintf(keep, sizeof(keep), "%s/notes.txt",
	    dir) >= (int)sizeof(keep)) {
		CHECK(!"TMPDIR too long");
		return;
	}
	close(open(stale, O_WRONLY | O_CREAT, 0600));
	close(open(keep, O_WRONLY | O_CREAT, 0600));
	old[0].tv_sec = old[1].tv_sec = time(NULL) - 40 * 24 * 3600;
	old[0].tv_nsec = old[1].tv_nsec = 0;
	utimensat(AT_FDCWD, stale, old, 0);

	want = big_scan(0, &cached);
	CHECK(want == (1ULL << 3 | 1ULL << 7 | 1ULL << 40));
	CHECK(cached == 0);
	CHECK(access(stale, F_OK) != 0);	/* pruned */
	CHECK(access(keep, F_OK) == 0);
	CHECK(cache_files(dir, first, sizeof(first)) == 1);
	CHECK(big_scan(0, &cached) == want);
	CHECK(cached == 1);

	/* the same literals under other ids: not the same database */
	want2 = big_scan(5, &cached);
	CHECK(want2 == (1ULL << 8 | 1ULL << 12 | 1ULL << 45));
	CHECK(cached == 0);
	CHECK(cache_files(dir, path, sizeof(path)) == 2);
	(void)path;
	CHECK(big_scan(5, &cached) == want2 && cached == 1);

	/* set 0's file holding set 5's database, under set 0's checksum */
	other_file(dir, first, other, sizeof(other));
	graft(other, first);
	CHECK(big_scan(0, &cached) == want);
	CHECK(cached == 0);
	CHECK(big_scan(0, &cached) == want && cached == 1);	/* rewritten */

	/* a file others may write is not run */
	chmod(first, 0666);
	CHECK(big_scan(0, &cached) == want && cached == 0);
	chmod(first, 0600);

	/* no cache: nothing read */
	setenv("ARTKIT_CACHE", "", 1);
	CHECK(big_scan(0, &cached) == want && cached == 0);
	setenv("ARTKIT_CACHE", "relative/dir", 1);
	CHECK(big_scan(0, &cached) == want && cached == 0);

	unsetenv("ARTKIT_CACHE");
	{
		DIR *d = opendir(dir);
		struct dirent *de;

		while ((de = readdir(d)) != NULL)
			if (de->d_name[0] != '.') {
				if (snprintf(path, sizeof(path), "%s/%s", dir,
				    de->d_name) < (int)sizeof(path))
					unlink(path);
			}
		closedir(d);
	}
	rmdir(dir);
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
	test_cache();
	UNIT_END();
}
