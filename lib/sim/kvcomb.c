/*
 * kvcomb.c - see kvcomb.h.
 *
 * Items: an open-addressing table from key (12 bytes, compared as two
 * words) to number, and an array by number.  Postings: the items of each probe key and LSH bucket in one
 * array, a group after another; when the batch is decided they are
 * turned around into each item's groups, and each item a counts, with a
 * stamp per item as simindex does, the hits of every item b > a sharing
 * a probe key with it, and whether a bucket holds both.  The long lists
 * (common phrases short of maxdf, where most of the work is) are sorted,
 * so that an item starts its walk of one past itself, found by binary
 * search; and a pair whose hits fall short of the least need of a's
 * partners (sim_need_least) is dropped without a call of sim_need.
 * (Leaving an item's longest lists for last, as simindex does, costs
 * more here than it saves: the binary searches of the partners found.)
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/kvcomb.h"

#define ITEM_BYTES	64		/* an item's cost, about */
#define MEMO		4096		/* sim_need values kept */
#define LSH		0x80000000u	/* in a count: shares a bucket */
#define LONG		64		/* a list sorted, to skip its start */

/*
 * An item: its key's characters, zeros and its length in the last byte
 * (12 bytes, compared as a word and a half), and its counts, together so
 * that a value costs one cache line here and one in the table.
 */
struct kitem {
	unsigned char	 k[KVCOMB_KEYMAX + 1];
	uint32_t	 m, p, seen, bseen;
};

/* A slot of the table: a key, as two words, and its item's number + 1. */
struct slot {
	uint64_t	 w0;
	uint32_t	 w1, num;
};

struct kvcomb {
	const struct sim_opts *o;
	size_t		 budget;
	unsigned	 bands;		/* LSH lines of an item */
	int		 settled;	/* the last batch decided, items kept */
	kvcomb_edge_fn	 edge;
	void		*arg;
	/* items */
	struct kitem	*item;
	unsigned char	*paired;	/* a pair of the item was written */
	size_t		 nitem, capitem;
	struct slot	*slot;		/* num 0: free */
	size_t		 capslot;
	/* postings: group g's items are post[gstart[g]..gstart[g + 1]) */
	uint32_t	*post, *gstart;
	unsigned char	*glsh;		/* group g is an LSH bucket */
	size_t		 npost, cappost, ngroup, capgroup, capglsh;
	uint64_t	 memo_key[MEMO];
	uint32_t	 memo_need[MEMO];
};

struct kvcomb *
kvcomb_new(const struct sim_opts *opts, size_t budget, unsigned bands,
    kvcomb_edge_fn edge, void *arg)
{
	struct kvcomb *kc;

	kc = xcalloc(1, sizeof(*kc));
	kc->o = opts;
	kc->budget = budget;
	kc->bands = bands;
	kc->edge = edge;
	kc->arg = arg;
	return kc;
}

void
kvcomb_free(struct kvcomb *kc)
{
	if (kc == NULL)
		return;
	free(kc->item);
	free(kc->paired);
	free(kc->slot);
	free(kc->post);
	free(kc->gstart);
	free(kc->glsh);
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

/* The slot's key of the key bytes k (KVCOMB_KEYMAX + 1, the last its length). */
static void
slot_key(struct slot *x, const unsigned char *k)
{
	memcpy(&x->w0, k, sizeof(x->w0));
	memcpy(&x->w1, k + sizeof(x->w0), sizeof(x->w1));
}

/* SplitMix64's finaliser of the two words: every bit moves every bit. */
static size_t
slot_hash(const struct slot *x)
{
	uint64_t h = x->w0 ^ (uint64_t)x->w1 * 0xC2B2AE3D27D4EB4FULL;

	h = (h ^ h >> 30) * 0xBF58476D1CE4E5B9ULL;
	h = (h ^ h >> 27) * 0x94D049BB133111EBULL;
	return (size_t)(h ^ h >> 31);
}

static void
item_rehash(struct kvcomb *kc)
{
	struct slot x;
	size_t i, at, mask;

	free(kc->slot);
	kc->capslot = kc->capslot ? 2 * kc->capslot : 1024;
	kc->slot = xcalloc(kc->capslot, sizeof(*kc->slot));
	mask = kc->capslot - 1;
	for (i = 0; i < kc->nitem; i++) {
		slot_key(&x, kc->item[i].k);
		at = slot_hash(&x) & mask;
		while (kc->slot[at].num != 0)
			at = (at + 1) & mask;
		kc->slot[at] = x;
		kc->slot[at].num = (uint32_t)i + 1;
	}
}

/*
 * The slot of the item with key x in the table: its number + 1 there, or
 * the free slot where it goes (0 there).
 */
static size_t
item_slot(const struct kvcomb *kc, const struct slot *x)
{
	size_t at, mask = kc->capslot - 1;
	const struct slot *y;

	for (at = slot_hash(x) & mask; (y = &kc->slot[at])->num != 0;
	    at = (at + 1) & mask)
		if (y->w0 == x->w0 && y->w1 == x->w1)
			break;
	return at;
}

/* The key bytes of k (klen bytes, at most KVCOMB_KEYMAX) into b. */
static void
key_bytes(unsigned char *b, const char *k, size_t klen)
{
	assert(klen <= KVCOMB_KEYMAX);
	memset(b, 0, KVCOMB_KEYMAX + 1);
	memcpy(b, k, klen);
	b[KVCOMB_KEYMAX] = (unsigned char)klen;
}

uint32_t
kvcomb_item(struct kvcomb *kc, const char *k, size_t klen, uint32_t m,
    uint32_t p)
{
	unsigned char b[KVCOMB_KEYMAX + 1];
	struct kitem *it;
	struct slot x;
	size_t at, i;

	if (2 * (kc->nitem + 1) > kc->capslot)
		item_rehash(kc);
	key_bytes(b, k, klen);
	slot_key(&x, b);
	at = item_slot(kc, &x);
	if (kc->slot[at].num != 0) {
		it = &kc->item[i = kc->slot[at].num - 1];
		if (p > 0) {
			it->m = m;
			it->p = p;
			it->seen++;
		} else
			it->bseen++;
		return (uint32_t)i;
	}
	if (kc->nitem == kc->capitem) {
		kc->capitem = kc->capitem ? 2 * kc->capitem : 256;
		kc->item = xreallocarray(kc->item, kc->capitem,
		    sizeof(*kc->item));
		kc->paired = xreallocarray(kc->paired, kc->capitem,
		    sizeof(*kc->paired));
	}
	it = &kc->item[i = kc->nitem++];
	memcpy(it->k, b, sizeof(it->k));
	it->m = m;
	it->p = p;
	it->seen = p > 0;
	it->bseen = p == 0;
	kc->paired[i] = 0;
	kc->slot[at] = x;
	kc->slot[at].num = (uint32_t)i + 1;
	return (uint32_t)i;
}

static void
write_pair(struct kvcomb *kc, uint32_t a, uint32_t b, uint32_t hits)
{
	const struct kitem *x = &kc->item[a], *y = &kc->item[b];

	kc->paired[a] = kc->paired[b] = 1;
	kc->edge(kc->arg, (const char *)x->k, x->k[KVCOMB_KEYMAX], x->m,
	    (const char *)y->k, y->k[KVCOMB_KEYMAX], y->m, hits);
}

/* Keys of item i the batch did not see (its own count not known: 0). */
static uint32_t
unseen(const struct kvcomb *kc, uint32_t i)
{
	const struct kitem *it = &kc->item[i];

	return it->p > it->seen ? it->p - it->seen : 0;
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The first of post[lo..hi), sorted, above a. */
static size_t
above(const uint32_t *post, size_t lo, size_t hi, uint32_t a)
{
	size_t mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (post[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Is group g a long list, sorted for binary search? */
static int
sorted_group(const struct kvcomb *kc, uint32_t g)
{
	return kc->gstart[g + 1] - kc->gstart[g] >= LONG;
}

/*
 * Decide the batch: each item a counts its hits with the items b > a of
 * its groups, and writes the candidates, and the pairs that keys outside
 * the batch might still make candidates, with their hits.  keep: keep the
 * items (for kvcomb_lonely), not the postings.
 */
static void
decide(struct kvcomb *kc, int keep)
{
	uint32_t *cnt, *stamp, *touched, *ig, *istart, a, b, g, c, l, la, lb;
	uint32_t smin = UINT32_MAX, smax = 0, least;
	size_t n = kc->nitem, e, i, t, nt;

	if (kc->ngroup == 0)
		goto reset;
	cnt = xcalloc(n + 1, sizeof(*cnt));
	stamp = xcalloc(n + 1, sizeof(*stamp));
	touched = xreallocarray(NULL, n + 1, sizeof(*touched));
	istart = xcalloc(n + 2, sizeof(*istart));
	ig = xreallocarray(NULL, kc->npost + 1, sizeof(*ig));
	/* Each item's groups, by a counting sort of the postings. */
	for (e = 0; e < kc->npost; e++)
		istart[kc->post[e] + 2]++;
	for (i = 0; i < n; i++)
		istart[i + 2] += istart[i + 1];
	for (g = 0; g < kc->ngroup; g++) {
		for (e = kc->gstart[g]; e < kc->gstart[g + 1]; e++)
			ig[istart[kc->post[e] + 1]++] = g;
		if (sorted_group(kc, g))
			qsort(kc->post + kc->gstart[g], kc->gstart[g + 1] -
			    kc->gstart[g], sizeof(*kc->post), u32_cmp);
	}
	for (i = 0; i < n; i++) {
		smin = kc->item[i].m < smin ? kc->item[i].m : smin;
		smax = kc->item[i].m > smax ? kc->item[i].m : smax;
	}
	for (a = 0; a < n; a++) {
		la = unseen(kc, a);
		least = sim_need_least(kc->o, kc->item[a].m, smin, smax);
		nt = 0;
		for (i = istart[a]; i < istart[a + 1]; i++) {
			g = ig[i];
			e = sorted_group(kc, g) ? above(kc->post,
			    kc->gstart[g], kc->gstart[g + 1], a) :
			    kc->gstart[g];
			for (; e < kc->gstart[g + 1]; e++) {
				if ((b = kc->post[e]) <= a)
					continue;
				if (stamp[b] != a + 1) {
					stamp[b] = a + 1;
					cnt[b] = 0;
					touched[nt++] = b;
				}
				if (kc->glsh[g])
					cnt[b] |= LSH;
				else
					cnt[b]++;
			}
		}
		for (t = 0; t < nt; t++) {
			b = touched[t];
			if (cnt[b] & LSH) {
				write_pair(kc, a, b, KVCOMB_CAND);
				continue;
			}
			c = cnt[b];
			lb = unseen(kc, b);
			l = la < lb ? la : lb;
			/* Most pairs fall short of any need. */
			if ((uint64_t)c + l < least)
				continue;
			if (c > 0 && c >= need_of(kc, kc->item[a].m, kc->item[b].m))
				write_pair(kc, a, b, KVCOMB_CAND);
			else if (l > 0 && (uint64_t)c + l >= need_of(kc,
			    kc->item[a].m, kc->item[b].m))
				write_pair(kc, a, b, c);
		}
	}
	free(cnt);
	free(stamp);
	free(touched);
	free(istart);
	free(ig);
reset:
	kc->npost = kc->ngroup = 0;
	if (keep)
		return;
	kc->nitem = 0;
	if (kc->slot != NULL)
		memset(kc->slot, 0, kc->capslot * sizeof(*kc->slot));
}

void
kvcomb_group(struct kvcomb *kc, const uint32_t *item, size_t n, int lsh)
{
	if (n > 1) {
		kc->post = xroom(kc->post, &kc->cappost, kc->npost + n,
		    sizeof(*kc->post));
		kc->gstart = xroom(kc->gstart, &kc->capgroup, kc->ngroup + 2,
		    sizeof(*kc->gstart));
		kc->glsh = xroom(kc->glsh, &kc->capglsh, kc->ngroup + 1,
		    sizeof(*kc->glsh));
		kc->gstart[kc->ngroup] = (uint32_t)kc->npost;
		kc->glsh[kc->ngroup] = lsh != 0;
		memcpy(kc->post + kc->npost, item, n * sizeof(*item));
		kc->npost += n;
		kc->gstart[++kc->ngroup] = (uint32_t)kc->npost;
	}
	/* Past the budget, or near the 32 bits of a group's start. */
	if ((kc->budget > 0 && 9 * kc->npost + ITEM_BYTES * kc->nitem >
	    kc->budget) || kc->npost > UINT32_MAX / 2)
		decide(kc, 0);
}

void
kvcomb_settle(struct kvcomb *kc)
{
	if (kc->settled)
		return;
	decide(kc, 1);
	kc->settled = 1;
}

int
kvcomb_lonely(const struct kvcomb *kc, const char *k, size_t klen)
{
	unsigned char b[KVCOMB_KEYMAX + 1];
	const struct kitem *it;
	struct slot x;
	uint32_t num;

	if (klen > KVCOMB_KEYMAX || !kc->settled || kc->nitem == 0)
		return 0;
	key_bytes(b, k, klen);
	slot_key(&x, b);
	if ((num = kc->slot[item_slot(kc, &x)].num) == 0)
		return 0;
	it = &kc->item[num - 1];
	/* p is 0 until a probe line of the item comes. */
	if (it->p == 0 && (kc->o->gen & SIM_GEN_PROBE))
		return 0;
	return it->seen == it->p && it->bseen == kc->bands &&
	    !kc->paired[num - 1];
}

void
kvcomb_end(struct kvcomb *kc)
{
	if (!kc->settled)
		decide(kc, 0);
}
