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
 * The items of a bucket came in ascending order, so a stable sort by key
 * keeps them so: an insertion sort for the short buckets that nearly all
 * are, a 64-bit sort of (key, item) for a long one (a key many items
 * hold), where insertion would be quadratic.
 */
void
postings_sort(struct postings *p)
{
	size_t b, nb = (size_t)1 << p->dbits, cap = 0;
	uint32_t lo, hi, x, y, it;
	uint16_t lw;
	uint64_t *t = NULL;

	for (b = 0; b < nb; b++) {
		lo = p->dir[b];
		hi = p->dir[b + 1];
		if (hi - lo <= 2 * POSTINGS_FILL) {
			for (x = lo + 1; x < hi; x++) {
				lw = p->low[x];
				it = p->item[x];
				for (y = x; y > lo && p->low[y - 1] > lw; y--) {
					p->low[y] = p->low[y - 1];
					p->item[y] = p->item[y - 1];
				}
				p->low[y] = lw;
				p->item[y] = it;
			}
			continue;
		}
		t = xroom(t, &cap, hi - lo, sizeof(*t));
		for (x = lo; x < hi; x++)
			t[x - lo] = (uint64_t)p->low[x] << 32 | p->item[x];
		qsort(t, hi - lo, sizeof(*t), cmp_u64);
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

void
postings_free(struct postings *p)
{
	free(p->dir);
	free(p->low);
	free(p->item);
	memset(p, 0, sizeof(*p));
}

size_t
postings_bytes(const struct postings *p)
{
	if (p->dir == NULL)
		return 0;
	return ((((size_t)1 << p->dbits) + 2) * sizeof(*p->dir)) +
	    (size_t)p->n * (sizeof(*p->low) + sizeof(*p->item));
}
