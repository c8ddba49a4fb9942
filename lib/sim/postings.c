/*
 * postings.c - see postings.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/postings.h"

void
postings_init(struct postings *p, uint64_t n)
{
	if (n > UINT32_MAX - 1)
		errx(1, "%llu index entries: more than one machine's engine "
		    "takes; split the work with --map", (unsigned long long)n);
	memset(p, 0, sizeof(*p));
	for (p->dbits = POSTINGS_BITS; p->dbits < 28 &&
	    ((uint64_t)POSTINGS_FILL << p->dbits) < n; p->dbits++)
		;
	/* Counts go two ahead, so that the places leave dir[] right. */
	p->dir = xcalloc(((size_t)1 << p->dbits) + 2, sizeof(*p->dir));
	p->low = xreallocarray(NULL, n + 1, sizeof(*p->low));
	p->item = xreallocarray(NULL, n + 1, sizeof(*p->item));
	p->n = n;
}

void
postings_count(struct postings *p, uint32_t key)
{
	p->dir[postings_bucket(p, key) + 2]++;
}

int
postings_counts(struct postings *p, const uint32_t *count, unsigned bits)
{
	size_t x;
	unsigned shift;

	if (bits < p->dbits)
		return 0;
	shift = bits - p->dbits;
	for (x = 0; x < (size_t)1 << bits; x++)
		p->dir[(x >> shift) + 2] += count[x];
	return 1;
}

void
postings_start(struct postings *p)
{
	size_t b, nb = (size_t)1 << p->dbits;

	for (b = 2; b < nb + 2; b++)
		p->dir[b] += p->dir[b - 1];
}

void
postings_put(struct postings *p, uint32_t key, uint32_t item)
{
	uint32_t at = p->dir[postings_bucket(p, key) + 1]++;

	p->low[at] = postings_low(p, key);
	p->item[at] = item;
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * Each bucket by key and item: an insertion sort of (low bits, item) for
 * the short buckets that nearly all are, a 64-bit sort for a long one (a
 * key many items hold), where insertion would be quadratic.  The items
 * may come in any order (simindex.c puts them in the order of their
 * sets, and numbers them by size).
 */
void
postings_sort(struct postings *p)
{
	size_t b, nb = (size_t)1 << p->dbits, cap = 0;
	uint32_t lo, hi, x, y;
	uint64_t v, *t = NULL;

	for (b = 0; b < nb; b++) {
		lo = p->dir[b];
		hi = p->dir[b + 1];
		t = xroom(t, &cap, hi - lo, sizeof(*t));
		for (x = lo; x < hi; x++)
			t[x - lo] = (uint64_t)p->low[x] << 32 | p->item[x];
		if (hi - lo > 2 * POSTINGS_FILL)
			qsort(t, hi - lo, sizeof(*t), cmp_u64);
		else
			for (x = 1; x < hi - lo; x++) {
				v = t[x];
				for (y = x; y > 0 && t[y - 1] > v; y--)
					t[y] = t[y - 1];
				t[y] = v;
			}
		for (x = lo; x < hi; x++) {
			p->low[x] = (uint16_t)(t[x - lo] >> 32);
			p->item[x] = (uint32_t)t[x - lo];
		}
	}
	free(t);
}

void
postings_drop(struct postings *p,
    int (*drop)(void *arg, const uint32_t *items, uint32_t n), void *arg)
{
	size_t b, nb = (size_t)1 << p->dbits;
	uint32_t lo, hi, x, y, out = 0;

	for (b = 0; b < nb; b++) {
		lo = p->dir[b];
		hi = p->dir[b + 1];
		p->dir[b] = out;
		for (x = lo; x < hi; x = y) {
			for (y = x; y < hi && p->low[y] == p->low[x]; y++)
				;
			if (drop(arg, p->item + x, y - x))
				continue;
			for (; x < y; x++, out++) {
				p->low[out] = p->low[x];
				p->item[out] = p->item[x];
			}
		}
	}
	p->dir[nb] = out;
	p->n = out;
	p->low = xreallocarray(p->low, (size_t)out + 1, sizeof(*p->low));
	p->item = xreallocarray(p->item, (size_t)out + 1, sizeof(*p->item));
}

/* The end of the entries of the key at x, in bucket b. */
static uint32_t
key_end(const struct postings *p, size_t b, uint32_t x)
{
	uint32_t y;

	for (y = x + 1; y < p->dir[b + 1] && p->low[y] == p->low[x]; y++)
		;
	return y;
}

void
postings_places(struct postings *p, uint32_t nitems)
{
	size_t b, nb = (size_t)1 << p->dbits;
	uint32_t x, y, z, e;
	int fill;

	/* Counts go two ahead, as in postings_start. */
	p->first = xcalloc((size_t)nitems + 2, sizeof(*p->first));
	p->nitems = nitems;
	for (fill = 0; fill < 2; fill++) {
		if (fill) {
			for (e = 2; e < nitems + 2; e++)
				p->first[e] += p->first[e - 1];
			p->start = xreallocarray(NULL,
			    (size_t)p->first[nitems + 1] + 1,
			    sizeof(*p->start));
			p->at = xreallocarray(NULL,
			    (size_t)p->first[nitems + 1] + 1,
			    sizeof(*p->at));
		}
		/* The first item of a key has none below it. */
		for (b = 0; b < nb; b++)
			for (x = p->dir[b]; x < p->dir[b + 1]; x = y) {
				y = key_end(p, b, x);
				for (z = x + 1; z < y; z++) {
					if (!fill) {
						p->first[p->item[z] + 2]++;
						continue;
					}
					e = p->first[p->item[z] + 1]++;
					p->start[e] = x;
					p->at[e] = z;
				}
			}
	}
}

void
postings_free(struct postings *p)
{
	free(p->dir);
	free(p->low);
	free(p->item);
	free(p->first);
	free(p->start);
	free(p->at);
	memset(p, 0, sizeof(*p));
}

size_t
postings_bytes(const struct postings *p)
{
	if (p->dir == NULL)
		return 0;
	return ((((size_t)1 << p->dbits) + 2) * sizeof(*p->dir)) +
	    (size_t)p->n * (sizeof(*p->low) + sizeof(*p->item)) +
	    (p->first == NULL ? 0 : ((size_t)p->nitems + 2) *
	    sizeof(*p->first) + (size_t)p->first[p->nitems] *
	    (sizeof(*p->start) + sizeof(*p->at)));
}
