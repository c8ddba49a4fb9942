/*
 * Unit tests for lib/sim/postings.c: an index of random (key, item)
 * entries, put in no order, against brute force: each key's items in
 * order, the keys of one item dropped, and each item's places.
 */
#include <stdlib.h>

#include "unit.h"
#include "sim/postings.h"

#define NENT	60000
#define NITEM	3000

struct ent {
	uint32_t	 key, item;
};

static int
cmp_ent(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

static int
lone(void *arg, const uint32_t *items, uint32_t n)
{
	(void)arg;
	(void)items;
	return n < 2;
}

/*
 * Keys from a small pool (so many have several items, a few hundreds,
 * past a bucket's insertion sort) and some anywhere, with the same low
 * bits under other top bits; items distinct within a key.
 */
static size_t
make_entries(struct ent *e, size_t n)
{
	static uint32_t pool[4000];
	size_t i, k, m;

	for (k = 0; k < 4000; k++)
		pool[k] = (uint32_t)unit_rnd(1u << 31) * 2 + unit_rnd(2);
	for (k = 0; k < 50; k++)	/* same low 16 bits, other buckets */
		pool[k] = (pool[k] & 0xFFFF) | (uint32_t)k << 24;
	for (i = 0; i < n; i++) {
		k = unit_rnd(10) < 3 ? unit_rnd(40) : unit_rnd(4000);
		e[i].key = unit_rnd(10) == 0 ?
		    (uint32_t)unit_rnd(1u << 31) * 2 : pool[k];
		e[i].item = unit_rnd(NITEM);
	}
	/* One entry per (key, item), in a random order. */
	qsort(e, n, sizeof(*e), cmp_ent);
	for (i = m = 0; i < n; i++)
		if (m == 0 || e[i].key != e[m - 1].key ||
		    e[i].item != e[m - 1].item)
			e[m++] = e[i];
	for (i = m; i > 1; i--) {
		struct ent t = e[i - 1];

		k = unit_rnd((unsigned)i);
		e[i - 1] = e[k];
		e[k] = t;
	}
	return m;
}

static void
test_postings(void)
{
	struct ent *e = malloc(NENT * sizeof(*e)), *s;
	struct postings p;
	size_t n, i, j, k, bad = 0, badp = 0, places = 0;
	uint32_t lo, hi, x;
	unsigned *holders;

	n = make_entries(e, NENT);
	postings_init(&p, n);
	for (i = 0; i < n; i++)
		postings_count(&p, e[i].key);
	postings_start(&p);
	for (i = 0; i < n; i++)
		postings_put(&p, e[i].key, e[i].item);
	postings_sort(&p);
	s = malloc(n * sizeof(*s));
	memcpy(s, e, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_ent);
	/* Each key's items, ascending, and nothing more. */
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s[j].key == s[i].key; j++)
			;
		postings_find(&p, s[i].key, &lo, &hi);
		bad += hi - lo != j - i;
		for (k = i; k < j && hi - lo == j - i; k++)
			bad += p.item[lo + k - i] != s[k].item;
	}
	postings_find(&p, 1, &lo, &hi);		/* an odd key: none */
	CHECK(lo == hi);
	CHECK(bad == 0);
	/* The keys of one item go; the places of the others. */
	postings_drop(&p, lone, NULL);
	postings_places(&p, NITEM);
	holders = calloc(NITEM, sizeof(*holders));
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && s[j].key == s[i].key; j++)
			;
		postings_find(&p, s[i].key, &lo, &hi);
		if (j - i == 1) {
			bad += hi != lo;
			continue;
		}
		bad += hi - lo != j - i;
		/* Item s[k] has a place there, with those before it. */
		for (k = i + 1; k < j; k++) {
			places++;
			holders[s[k].item]++;
			for (x = p.first[s[k].item]; x <
			    p.first[s[k].item + 1]; x++)
				if (p.start[x] == lo && p.at[x] == lo + k - i &&
				    p.item[p.at[x]] == s[k].item)
					break;
			badp += x == p.first[s[k].item + 1];
		}
	}
	CHECK(bad == 0);
	CHECK(badp == 0);
	CHECK(p.first[NITEM] == places && places > n / 2);
	for (i = 0; i < NITEM; i++)
		badp += p.first[i + 1] - p.first[i] != holders[i];
	CHECK(badp == 0);
	CHECK(postings_bytes(&p) > places * 8 + p.n * 6);
	postings_free(&p);
	free(holders);
	free(s);
	free(e);
}

int
main(void)
{
	test_postings();
	UNIT_END();
}
