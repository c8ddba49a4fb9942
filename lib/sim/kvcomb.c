/*
 * kvcomb.c - see kvcomb.h.
 *
 * Items: an open-addressing table from key (12 bytes, compared as two
 * words) to number, and an array by number.  Postings: the items of
 * each probe key and LSH bucket in one array, a group after another, each
 * ended by a mark.  When the batch is decided the items are numbered
 * anew in key order, which is the order of a group's items, so every
 * group is in increasing order; the postings are turned around into each
 * item's places in the groups, and each item a counts the hits of every
 * item b > a sharing a probe key with it, the items after its place, and
 * whether a bucket holds both (the counts cleared by the list of items
 * touched, so a count costs one cache line).  A pair whose hits fall
 * short of the least need of a's partners (sim_need_least) is dropped
 * without a call of sim_need.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/kvcomb.h"

#define ITEM_BYTES	64		/* an item's cost, about */
#define MEMO		4096		/* sim_need values kept */
#define LSH		0x80000000u	/* in a count: shares a bucket */
#define END		UINT32_MAX	/* ends a group in the postings */
#define LSHPLACE	0x80000000u	/* in the index: a place in a bucket */

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
	/* postings: each group's items, then END */
	uint32_t	*post;
	unsigned char	*glsh;		/* group g is an LSH bucket */
	size_t		 npost, cappost, ngroup, capglsh;
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

void
kvcomb_prefetch(const struct kvcomb *kc, const char *k, size_t klen,
    int stage)
{
	unsigned char b[KVCOMB_KEYMAX + 1];
	const struct slot *y;
	struct slot x;

	if (kc->capslot == 0)
		return;
	key_bytes(b, k, klen);
	slot_key(&x, b);
	y = &kc->slot[slot_hash(&x) & (kc->capslot - 1)];
	if (stage == 0)
		__builtin_prefetch(y);
	else if (y->num != 0 && y->w0 == x.w0 && y->w1 == x.w1)
		__builtin_prefetch(&kc->item[y->num - 1]);
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

/* An item's key in byte order, to number the items by it. */
struct okey {
	uint64_t	 hi;
	uint32_t	 lo, num;
};

static int
okey_cmp(const void *a, const void *b)
{
	const struct okey *x = a, *y = b;

	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return 0;
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/*
 * Number the batch's items by key (order[new] = old) and rename the
 * postings to those numbers, so that each group, whose items come in key
 * order (simkv.c sorts a key's postings), is in increasing order of
 * number; a group that is not (another caller) is sorted.
 */
static uint32_t *
renumber(struct kvcomb *kc)
{
	struct okey *ok;
	uint32_t *order, *rank, *p, *q;
	size_t i, j, n = kc->nitem;
	const unsigned char *k;
	int up;

	ok = xreallocarray(NULL, n + 1, sizeof(*ok));
	for (i = 0; i < n; i++) {
		k = kc->item[i].k;
		for (j = 0, ok[i].hi = 0; j < 8; j++)
			ok[i].hi = ok[i].hi << 8 | k[j];
		for (ok[i].lo = 0; j < KVCOMB_KEYMAX + 1; j++)
			ok[i].lo = ok[i].lo << 8 | k[j];
		ok[i].num = (uint32_t)i;
	}
	/* Zeros pad a key and no key holds one: memcmp's order, kv_keycmp's. */
	qsort(ok, n, sizeof(*ok), okey_cmp);
	order = xreallocarray(NULL, n + 1, sizeof(*order));
	rank = xreallocarray(NULL, n + 1, sizeof(*rank));
	for (i = 0; i < n; i++) {
		order[i] = ok[i].num;
		rank[ok[i].num] = (uint32_t)i;
	}
	free(ok);
	for (p = kc->post; p < kc->post + kc->npost; p = q + 1) {
		for (q = p, up = 1; *q != END; q++) {
			*q = rank[*q];
			up &= q == p || q[-1] <= *q;
		}
		if (!up)
			qsort(p, (size_t)(q - p), sizeof(*p), u32_cmp);
	}
	free(rank);
	return order;
}

/*
 * Decide the batch: each item a counts its hits with the items b > a of
 * its groups, and writes the candidates, and the pairs that keys outside
 * the batch might still make candidates, with their hits.  keep: keep the
 * items (for kvcomb_lonely), not the postings.
 *
 * Items are numbered by key, so a group holds its items in increasing
 * order and a's partners b > a are those after it: a's entry in the
 * item-to-group index is its place in the group, and the walk runs from
 * there to the group's end mark, with no look at the items below a.
 */
static void
decide(struct kvcomb *kc, int keep)
{
	uint32_t *cnt, *touched, *ig, *istart, *order, *m, *un, a, b, c, l;
	uint32_t la, smin = UINT32_MAX, smax = 0, least;
	size_t n = kc->nitem, e, i, t, nt, g;
	const uint32_t *post;

	if (kc->ngroup == 0)
		goto reset;
	order = renumber(kc);
	post = kc->post;
	cnt = xcalloc(n + 1, sizeof(*cnt));
	touched = xreallocarray(NULL, n + 1, sizeof(*touched));
	m = xreallocarray(NULL, n + 1, sizeof(*m));
	un = xreallocarray(NULL, n + 1, sizeof(*un));
	istart = xcalloc(n + 2, sizeof(*istart));
	ig = xreallocarray(NULL, kc->npost + 1, sizeof(*ig));
	for (i = 0; i < n; i++) {
		m[i] = kc->item[order[i]].m;
		un[i] = unseen(kc, order[i]);
		smin = m[i] < smin ? m[i] : smin;
		smax = m[i] > smax ? m[i] : smax;
	}
	/*
	 * Each item's places in the groups, by a counting sort; of an item
	 * twice in a group (two of its LSH bands alike), the last place.
	 */
	for (e = 0; e < kc->npost; e++)
		if (post[e] != END && post[e + 1] != post[e])
			istart[post[e] + 2]++;
	for (i = 0; i < n; i++)
		istart[i + 2] += istart[i + 1];
	for (g = 0, e = 0; e < kc->npost; e++) {
		if (post[e] == END)
			g++;
		else if (post[e + 1] != post[e])
			ig[istart[post[e] + 1]++] = (uint32_t)e |
			    (kc->glsh[g] ? LSHPLACE : 0);
	}
	for (a = 0; a < n; a++) {
		la = un[a];
		least = sim_need_least(kc->o, m[a], smin, smax);
		nt = 0;
		for (i = istart[a]; i < istart[a + 1]; i++) {
			e = ig[i] & ~LSHPLACE;
			if (ig[i] & LSHPLACE)
				while ((b = post[++e]) != END) {
					if (cnt[b] == 0)
						touched[nt++] = b;
					cnt[b] |= LSH;
				}
			else
				while ((b = post[++e]) != END)
					if (cnt[b]++ == 0)
						touched[nt++] = b;
		}
		for (t = 0; t < nt; t++) {
			b = touched[t];
			c = cnt[b];
			cnt[b] = 0;
			if (c & LSH) {
				write_pair(kc, order[a], order[b], KVCOMB_CAND);
				continue;
			}
			l = la < un[b] ? la : un[b];
			/* Most pairs fall short of any need. */
			if ((uint64_t)c + l < least)
				continue;
			if (c > 0 && c >= need_of(kc, m[a], m[b]))
				write_pair(kc, order[a], order[b],
				    KVCOMB_CAND);
			else if (l > 0 && (uint64_t)c + l >= need_of(kc, m[a],
			    m[b]))
				write_pair(kc, order[a], order[b], c);
		}
	}
	free(order);
	free(cnt);
	free(touched);
	free(m);
	free(un);
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
		kc->post = xroom(kc->post, &kc->cappost, kc->npost + n + 1,
		    sizeof(*kc->post));
		kc->glsh = xroom(kc->glsh, &kc->capglsh, kc->ngroup + 1,
		    sizeof(*kc->glsh));
		kc->glsh[kc->ngroup++] = lsh != 0;
		memcpy(kc->post + kc->npost, item, n * sizeof(*item));
		kc->npost += n;
		kc->post[kc->npost++] = END;
	}
	/* Past the budget, or near the 31 bits of a place in the index. */
	if ((kc->budget > 0 && 9 * kc->npost + ITEM_BYTES * kc->nitem >
	    kc->budget) || kc->npost > LSHPLACE / 2)
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
