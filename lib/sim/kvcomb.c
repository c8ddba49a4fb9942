/*
 * kvcomb.c - see kvcomb.h.
 *
 * Items: an open-addressing table from key to number, and arrays by
 * number.  Pairs: an open-addressing table of (a, b, hits, need) with
 * a < b, whose hits field also marks a pair decided (written as a
 * candidate, or known never to be one); when it fills, the decided pairs
 * are swept out, and if that is not enough the budget is spent: the pairs
 * alive are written with their counts and the table starts empty.
 */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/buf.h"
#include "base/util.h"
#include "sim/kvcomb.h"

#define DONE		UINT32_MAX	/* hits: a candidate, written */
#define DEAD		(UINT32_MAX - 1)	/* hits: never one */
#define ITEM_BYTES	48		/* an item's cost, about */
#define MEMO		4096		/* sim_need values kept */

struct pent {
	uint32_t	 a, b;		/* item numbers + 1; a 0 is free */
	uint32_t	 hits, need;
};

struct kvcomb {
	const struct sim_opts *o;
	size_t		 budget;
	kvcomb_edge_fn	 edge;
	void		*arg;
	/* items */
	struct buf	 keys;
	size_t		*koff;
	uint32_t	*klen, *m, *p, *seen;
	size_t		 nitem, capitem, maxitem;
	uint32_t	*islot;		/* number + 1, 0 free */
	size_t		 capslot;
	/* pairs */
	struct pent	*pt;
	size_t		 cappt, npt, maxpt;
	int		 flushed;	/* counts written: bound off */
	uint64_t	 memo_key[MEMO];
	uint32_t	 memo_need[MEMO];
};

struct kvcomb *
kvcomb_new(const struct sim_opts *opts, size_t budget, kvcomb_edge_fn edge,
    void *arg)
{
	struct kvcomb *kc;

	kc = xcalloc(1, sizeof(*kc));
	kc->o = opts;
	kc->budget = budget;
	kc->edge = edge;
	kc->arg = arg;
	kc->maxitem = budget ? budget / 2 / ITEM_BYTES : SIZE_MAX;
	kc->maxpt = budget ? budget / 2 / (2 * sizeof(struct pent)) :
	    SIZE_MAX;
	if (kc->maxpt < 16)
		kc->maxpt = 16;
	return kc;
}

void
kvcomb_free(struct kvcomb *kc)
{
	if (kc == NULL)
		return;
	buf_free(&kc->keys);
	free(kc->koff);
	free(kc->klen);
	free(kc->m);
	free(kc->p);
	free(kc->seen);
	free(kc->islot);
	free(kc->pt);
	free(kc);
}

static uint32_t
need_of(struct kvcomb *kc, uint32_t ma, uint32_t mb)
{
	uint64_t key = (uint64_t)ma << 32 | mb;
	size_t at = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 52) % MEMO;

	/* A key of 0 (two sizes 0) never comes: items have fingerprints. */
	if (kc->memo_key[at] != key) {
		kc->memo_key[at] = key;
		kc->memo_need[at] = sim_need(kc->o, ma, mb);
	}
	return kc->memo_need[at];
}

static void
item_rehash(struct kvcomb *kc)
{
	size_t i, at, mask;

	free(kc->islot);
	kc->capslot = kc->capslot ? 2 * kc->capslot : 1024;
	kc->islot = xcalloc(kc->capslot, sizeof(*kc->islot));
	mask = kc->capslot - 1;
	for (i = 0; i < kc->nitem; i++) {
		at = XXH64(kc->keys.s + kc->koff[i], kc->klen[i], 0) & mask;
		while (kc->islot[at] != 0)
			at = (at + 1) & mask;
		kc->islot[at] = (uint32_t)i + 1;
	}
}

uint32_t
kvcomb_item(struct kvcomb *kc, const char *k, size_t klen, uint32_t m,
    uint32_t p)
{
	size_t at, mask, i;
	uint32_t x;

	if (2 * (kc->nitem + 1) > kc->capslot)
		item_rehash(kc);
	mask = kc->capslot - 1;
	for (at = XXH64(k, klen, 0) & mask; (x = kc->islot[at]) != 0;
	    at = (at + 1) & mask) {
		i = x - 1;
		if (kc->klen[i] == klen && memcmp(kc->keys.s + kc->koff[i], k,
		    klen) == 0) {
			if (p > 0) {
				kc->p[i] = p;
				kc->seen[i]++;
			}
			return (uint32_t)i;
		}
	}
	if (kc->nitem >= kc->maxitem || kc->nitem >= KVCOMB_NONE - 1)
		return KVCOMB_NONE;
	if (kc->nitem == kc->capitem) {
		kc->capitem = kc->capitem ? 2 * kc->capitem : 256;
		kc->koff = xreallocarray(kc->koff, kc->capitem,
		    sizeof(*kc->koff));
		kc->klen = xreallocarray(kc->klen, kc->capitem,
		    sizeof(*kc->klen));
		kc->m = xreallocarray(kc->m, kc->capitem, sizeof(*kc->m));
		kc->p = xreallocarray(kc->p, kc->capitem, sizeof(*kc->p));
		kc->seen = xreallocarray(kc->seen, kc->capitem,
		    sizeof(*kc->seen));
	}
	i = kc->nitem++;
	kc->koff[i] = kc->keys.len;
	kc->klen[i] = (uint32_t)klen;
	buf_add(&kc->keys, k, klen);
	kc->m[i] = m;
	kc->p[i] = p;
	kc->seen[i] = p > 0;
	kc->islot[at] = (uint32_t)i + 1;
	return (uint32_t)i;
}

/* Keys item i may still share: UINT32_MAX when its count is not known. */
static uint32_t
left(const struct kvcomb *kc, uint32_t i)
{
	if (kc->p[i] == 0)
		return UINT32_MAX;
	return kc->p[i] > kc->seen[i] ? kc->p[i] - kc->seen[i] : 0;
}

static void
write_pair(struct kvcomb *kc, uint32_t a, uint32_t b, uint32_t hits)
{
	kc->edge(kc->arg, kc->keys.s + kc->koff[a], kc->klen[a], kc->m[a],
	    kc->keys.s + kc->koff[b], kc->klen[b], kc->m[b], hits);
}

/* Could a pair with hits counted and this need still be a candidate? */
static int
alive(const struct kvcomb *kc, uint32_t a, uint32_t b, uint32_t hits,
    uint32_t need)
{
	uint32_t la = left(kc, a), lb = left(kc, b), l = la < lb ? la : lb;

	return kc->flushed || l == UINT32_MAX || (uint64_t)hits + l >= need;
}

static size_t
pair_at(const struct kvcomb *kc, uint32_t a, uint32_t b)
{
	uint64_t h = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ULL;

	return (size_t)(h >> 20) & (kc->cappt - 1);
}

static void
pairs_rehash(struct kvcomb *kc, size_t cap, int sweep)
{
	struct pent *old = kc->pt, *e;
	size_t oldcap = kc->cappt, i, at;

	kc->cappt = cap;
	kc->pt = xcalloc(cap, sizeof(*kc->pt));
	kc->npt = 0;
	for (i = 0; i < oldcap; i++) {
		e = &old[i];
		if (e->a == 0 || (sweep && (e->hits >= DEAD || !alive(kc,
		    e->a - 1, e->b - 1, e->hits, e->need))))
			continue;
		for (at = pair_at(kc, e->a, e->b); kc->pt[at].a != 0;
		    at = (at + 1) & (cap - 1))
			continue;
		kc->pt[at] = *e;
		kc->npt++;
	}
	free(old);
}

/* Write the pairs that may still be candidates, with their counts. */
static void
write_alive(struct kvcomb *kc)
{
	size_t i;
	struct pent *e;

	for (i = 0; i < kc->cappt; i++) {
		e = &kc->pt[i];
		if (e->a != 0 && e->hits < DEAD && alive(kc, e->a - 1,
		    e->b - 1, e->hits, e->need))
			write_pair(kc, e->a - 1, e->b - 1, e->hits);
	}
}

/* Write the pairs alive with their counts and forget them all. */
static void
spend(struct kvcomb *kc)
{
	write_alive(kc);
	memset(kc->pt, 0, kc->cappt * sizeof(*kc->pt));
	kc->npt = 0;
	kc->flushed = 1;
}

/* Room for one more pair: grow, sweep, or spend. */
static void
pairs_room(struct kvcomb *kc)
{
	if (2 * (kc->npt + 1) <= kc->cappt)
		return;
	if (kc->cappt == 0 || kc->cappt < kc->maxpt) {
		pairs_rehash(kc, kc->cappt ? 2 * kc->cappt : 1024, 0);
		return;
	}
	pairs_rehash(kc, kc->cappt, 1);
	if (4 * kc->npt > kc->cappt)
		spend(kc);
}

/* Items a and b (a != b) share a key or a bucket. */
static void
meet(struct kvcomb *kc, uint32_t a, uint32_t b, int lsh)
{
	struct pent *e;
	uint32_t t, need;
	size_t at;

	if (a > b) {
		t = a, a = b, b = t;
	}
	pairs_room(kc);
	for (at = pair_at(kc, a + 1, b + 1); (e = &kc->pt[at])->a != 0;
	    at = (at + 1) & (kc->cappt - 1))
		if (e->a == a + 1 && e->b == b + 1)
			break;
	if (e->a != 0) {
		if (e->hits == DONE)
			return;
		if (lsh || (e->hits != DEAD && ++e->hits >= e->need)) {
			e->hits = DONE;
			write_pair(kc, a, b, KVCOMB_CAND);
		} else if (e->hits != DEAD && !alive(kc, a, b, e->hits,
		    e->need))
			e->hits = DEAD;
		return;
	}
	need = need_of(kc, kc->m[a], kc->m[b]);
	if (lsh || need <= 1) {
		e->hits = DONE;
		write_pair(kc, a, b, KVCOMB_CAND);
	} else if (alive(kc, a, b, 1, need))
		e->hits = 1;
	else
		return;		/* never: as if dead, without the entry */
	e->a = a + 1;
	e->b = b + 1;
	e->need = need;
	kc->npt++;
}

void
kvcomb_group(struct kvcomb *kc, const uint32_t *item,
    const char *const *key, const size_t *klen, const uint32_t *size,
    size_t n, int lsh)
{
	size_t x, y;

	for (x = 0; x < n; x++)
		for (y = x + 1; y < n; y++) {
			if (item[x] != KVCOMB_NONE && item[y] != KVCOMB_NONE) {
				if (item[x] != item[y])
					meet(kc, item[x], item[y], lsh);
				continue;
			}
			/* Not followed: one hit, written as it comes. */
			if (klen[x] == klen[y] && memcmp(key[x], key[y],
			    klen[x]) == 0)
				continue;
			kc->edge(kc->arg, key[x], klen[x], size[x], key[y],
			    klen[y], size[y], lsh ? KVCOMB_CAND : 1);
		}
}

void
kvcomb_end(struct kvcomb *kc)
{
	write_alive(kc);
	free(kc->pt);
	kc->pt = NULL;
	kc->cappt = kc->npt = 0;
}
