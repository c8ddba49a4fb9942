/*
 * kvcomb.c - see kvcomb.h.
 *
 * Items: an open-addressing table from reference (a 64-bit number) to the
 * item, its number and its counts in its slot, so that a look-up costs one
 * cache miss, and an array of slots by number.  Postings: the items of each
 * probe key and LSH bucket in one array, a group after another, each ended
 * by a mark.  When the batch is decided the items are numbered anew by
 * size, the groups written anew in that order, and each item gets its
 * places in them (its group's start and its own place), as the in-memory
 * engine does (simindex.c): an item's partners, the items before its place,
 * are no larger than itself, and each pair is seen once, from its larger
 * item.  The hits a partner needs grow with its size, so along a list, and
 * an item's longest lists are read only as far as a partner could be
 * written without the hits of the others (choose_long), a prefix filter; a
 * partner found in the others gets the hits of the lists cut before it by a
 * search.  On the 50 MB bench slice (one batch) this reads 8.4 M entries
 * where every pair of every list was 45.2 M.  The counts are kept with a
 * stamp per item, so a count costs one cache line and no branch.  A pair
 * whose hits fall short of the least need of the item's partners
 * (sim_need_least) is dropped without a look at its need.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "sim/kvcode.h"
#include "sim/kvcomb.h"

#define ITEM_BYTES	160		/* an item's cost, about, decided */
#define ENTRY_BYTES	13		/* a posting's: 4, and its place, 8 */
#define MEMO		4096		/* sim_need values kept */
#define LSH		0x80000000u	/* in a count: shares a bucket */
#define END		UINT32_MAX	/* ends a group in the postings */
#define GONE		(END - 1)	/* an item twice in a group, once */
#define LSHPLACE	0x80000000u	/* in the index: a place in a bucket */
#define RANKS		64		/* long lists an item reads in part */
#define LONG		32		/* a list at least this long, if so */
#define SLACK		1		/* their partners' hits to spare */
#define VMAX		(RANKS + SLACK + 1)	/* cuts known up to this need */
#define CUT_MEMO	256		/* sizes whose cuts are kept */

/*
 * An item, in its slot of the table: its reference, its number + 1 (0: a
 * free slot), and its counts: a look-up and the count it adds are one
 * cache line.
 */
struct slot {
	uint64_t	 ref;
	uint32_t	 num;
	uint32_t	 m, p, seen, bseen;
};

struct kvcomb {
	const struct sim_opts *o;
	size_t		 budget;
	unsigned	 bands;		/* LSH lines of an item */
	int		 settled;	/* the last batch decided, items kept */
	kvcomb_edge_fn	 edge;
	void		*arg;
	/* items */
	uint32_t	*item;		/* by number: its slot */
	unsigned char	*paired;	/* a pair of the item was written */
	size_t		 nitem, capitem;
	struct slot	*slot;		/* num 0: free */
	size_t		 capslot;
	/* postings: each group's items, then END */
	uint32_t	*post;
	unsigned char	*glsh;		/* group g is an LSH bucket */
	size_t		 npost, cappost, ngroup, capglsh;
	uint64_t	 scanned;	/* entries read, kvcomb_scanned */
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

/*
 * SplitMix64's finaliser: every bit moves every bit, so that references
 * that follow on (a map batch's items) spread over the table.
 */
static uint32_t
ref_hash(uint64_t ref)
{
	uint64_t h = ref;

	h = (h ^ h >> 30) * 0xBF58476D1CE4E5B9ULL;
	h = (h ^ h >> 27) * 0x94D049BB133111EBULL;
	return (uint32_t)(h ^ h >> 31);
}

static void
item_rehash(struct kvcomb *kc)
{
	struct slot *old = kc->slot;
	size_t i, at, mask;

	kc->capslot = kc->capslot ? 2 * kc->capslot : 1024;
	kc->slot = xcalloc(kc->capslot, sizeof(*kc->slot));
	mask = kc->capslot - 1;
	for (i = 0; i < kc->nitem; i++) {
		at = ref_hash(old[kc->item[i]].ref) & mask;
		while (kc->slot[at].num != 0)
			at = (at + 1) & mask;
		kc->slot[at] = old[kc->item[i]];
		kc->item[i] = (uint32_t)at;
	}
	free(old);
}

/* The slot of the item ref: its own, or the free one it would take. */
static struct slot *
item_slot(const struct kvcomb *kc, uint64_t ref)
{
	size_t at, mask = kc->capslot - 1;
	struct slot *y;

	for (at = ref_hash(ref) & mask; (y = &kc->slot[at])->num != 0;
	    at = (at + 1) & mask)
		if (y->ref == ref)
			break;
	return y;
}

uint32_t
kvcomb_item(struct kvcomb *kc, uint64_t ref, uint32_t m, uint32_t p)
{
	struct slot *y;

	if (2 * (kc->nitem + 1) > kc->capslot)
		item_rehash(kc);
	y = item_slot(kc, ref);
	if (y->num != 0) {
		if (p > 0) {
			y->m = m;
			y->p = p;
			y->seen++;
		} else
			y->bseen++;
		return y->num - 1;
	}
	if (kc->nitem == kc->capitem) {
		kc->capitem = kc->capitem ? 2 * kc->capitem : 256;
		kc->item = xreallocarray(kc->item, kc->capitem,
		    sizeof(*kc->item));
		kc->paired = xreallocarray(kc->paired, kc->capitem,
		    sizeof(*kc->paired));
	}
	y->ref = ref;
	y->num = (uint32_t)kc->nitem + 1;
	y->m = m;
	y->p = p;
	y->seen = p > 0;
	y->bseen = p == 0;
	kc->item[kc->nitem] = (uint32_t)(y - kc->slot);
	kc->paired[kc->nitem] = 0;
	return (uint32_t)kc->nitem++;
}

void
kvcomb_prefetch(const struct kvcomb *kc, uint64_t ref)
{
	if (kc->capslot > 0)
		__builtin_prefetch(&kc->slot[ref_hash(ref) &
		    (kc->capslot - 1)]);
}

/* Item i's slot. */
static const struct slot *
slot_of(const struct kvcomb *kc, uint32_t i)
{
	return &kc->slot[kc->item[i]];
}

static void
write_pair(struct kvcomb *kc, uint32_t a, uint32_t b, uint32_t hits)
{
	const struct slot *x = slot_of(kc, a), *y = slot_of(kc, b);

	kc->paired[a] = kc->paired[b] = 1;
	kc->edge(kc->arg, x->ref, x->m, y->ref, y->m, hits);
}

/* Keys of item i the batch did not see (its own count not known: 0). */
static uint32_t
unseen(const struct kvcomb *kc, uint32_t i)
{
	const struct slot *it = slot_of(kc, i);

	return it->p > it->seen ? it->p - it->seen : 0;
}

/*
 * The partners an item of one size reads in a long list (cut_at): for v =
 * 1, 2, ..., pos[v], the first number (by size) of an item that needs
 * more than v hits with it.  Known for v <= nv; s is the largest size
 * needing nv.
 */
struct cuts {
	uint32_t	 tag;		/* the size + 1 they are for, 0: none */
	uint32_t	 nv, s;
	uint32_t	 pos[VMAX + 1];
};

/*
 * Where an item stands in a group: the group's start and the item's own
 * place (| LSHPLACE for a bucket) in the postings; the items between are
 * its partners.
 */
struct place {
	uint32_t	 start, at;
};

/*
 * A batch being decided: its items numbered by size, the groups rebuilt
 * in that order, each item's places in them, and the scratch of the item
 * at hand.
 */
struct batch {
	struct kvcomb	*kc;
	uint32_t	 n;		/* items */
	uint32_t	*order;		/* number -> kc->item's index */
	uint32_t	*m, *un;	/* size (ascending), keys not seen */
	uint32_t	*post;		/* kc->post, by number */
	uint32_t	*istart;	/* item i's places: [istart[i], [i + 1]) */
	struct place	*pl;
	uint64_t	*mark;		/* per number: stamp, hits (one miss) */
	uint32_t	*touched;
	struct cuts	*cuts;		/* CUT_MEMO, by size */
	uint32_t	 nlong;		/* the lists cut for the item: */
	uint32_t	 longx[RANKS], longy[RANKS];	/* their places */
	uint32_t	 lim[RANKS];	/* the numbers read, below */
};

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Number the batch's items by size (bt->order[number] = index, bt->m and
 * bt->un by number) and rename kc->post to the numbers; returns the
 * number of postings, END marks left out.
 */
static size_t
number_by_size(struct batch *bt)
{
	struct kvcomb *kc = bt->kc;
	uint64_t *ok;
	uint32_t *rank, n = bt->n;
	size_t i, e, np = 0;

	ok = xreallocarray(NULL, (size_t)n + 1, sizeof(*ok));
	for (i = 0; i < n; i++)
		ok[i] = (uint64_t)slot_of(kc, (uint32_t)i)->m << 32 | i;
	qsort(ok, n, sizeof(*ok), u64_cmp);
	rank = xreallocarray(NULL, (size_t)n + 1, sizeof(*rank));
	for (i = 0; i < n; i++) {
		bt->order[i] = (uint32_t)ok[i];
		rank[(uint32_t)ok[i]] = (uint32_t)i;
		bt->m[i] = (uint32_t)(ok[i] >> 32);
		bt->un[i] = unseen(kc, (uint32_t)ok[i]);
	}
	free(ok);
	for (e = 0; e < kc->npost; e++)
		if (kc->post[e] != END) {
			kc->post[e] = rank[kc->post[e]];
			np++;
		}
	free(rank);
	return np;
}

/* Sort the n numbers of a group, and write a number twice as GONE. */
static void
sort_group(uint32_t *g, size_t n)
{
	size_t i, j;
	uint32_t x;

	if (n > 24)
		qsort(g, n, sizeof(*g), u32_cmp);
	else
		for (i = 1; i < n; i++) {
			for (x = g[i], j = i; j > 0 && g[j - 1] > x; j--)
				g[j] = g[j - 1];
			g[j] = x;
		}
	for (i = 1, j = 0; i < n; i++)
		if (g[i] != g[j])
			g[++j] = g[i];
	while (++j < n)
		g[j] = GONE;
}

/*
 * Each item's places in the groups: each group is sorted by number (an
 * item twice in it, two of its LSH bands alike, once), so that the items
 * before an item in it are no larger than itself, and the places go to
 * their items by a counting sort, in one pass over the postings.
 */
static void
places(struct batch *bt)
{
	struct kvcomb *kc = bt->kc;
	uint32_t *post = kc->post, *is = bt->istart, lsh, a;
	size_t e, s, g;

	for (s = 0; s < kc->npost; s = e + 1) {
		for (e = s; post[e] != END; e++)
			continue;
		sort_group(post + s, e - s);
		for (e = s; post[e] != END && post[e] != GONE; e++)
			is[post[e] + 2]++;
		while (post[e] != END)
			e++;
	}
	for (a = 0; a < bt->n; a++)
		is[a + 2] += is[a + 1];
	for (g = 0, s = 0; s < kc->npost; s = e + 1, g++) {
		lsh = kc->glsh[g] ? LSHPLACE : 0;
		for (e = s; post[e] != END && post[e] != GONE; e++)
			bt->pl[is[post[e] + 1]++] = (struct place){
				(uint32_t)s, (uint32_t)e | lsh };
		while (post[e] != END)
			e++;
	}
	bt->post = post;
}

/*
 * The first number of an item that needs more than v hits with an item
 * of size n, among those numbered below it (sizes up to n): sim_need(s,
 * n) grows with the partner's size s there (sim.h, sim_need_least), so a
 * binary search finds the largest s needing v at most, and a search of
 * the sizes the first number past it.
 */
static uint32_t
cut_at(struct batch *bt, struct cuts *c, uint32_t n, uint32_t v)
{
	const struct sim_opts *o = bt->kc->o;
	uint32_t lo, hi, mid;

	while (c->nv < v) {
		c->nv++;
		for (lo = c->s, hi = n; lo < hi;) {
			mid = hi - (hi - lo) / 2;
			if (sim_need(o, mid, n) <= c->nv)
				lo = mid;
			else
				hi = mid - 1;
		}
		c->s = lo;
		c->pos[c->nv] = sim_count_below(bt->m, bt->n, c->s + 1);
	}
	return c->pos[v];
}

/* The cuts of an item of size n, remembered by size. */
static struct cuts *
cuts_of(struct batch *bt, uint32_t n)
{
	struct cuts *c = &bt->cuts[n % CUT_MEMO];

	if (c->tag != n + 1) {
		c->tag = n + 1;
		c->nv = c->s = 0;
	}
	return c;
}

/*
 * Which of item me's probe lists are read in part, and how far: a list of
 * LONG partners or more is long; RANKS at most, the longest.  A partner
 * b that needs h hits and shares none of the other keys has at most h -
 * 1 of them when h - 1 lists are not read for it; and a pair is written
 * when its hits and the keys the batch did not see of the two (at most
 * la, the item's own) reach h.  So, the lists by length, the r-th longest
 * (from 0) is read for the partners needing r + 1 + SLACK + la hits at
 * most, whose numbers, by size, come first: the list up to that cut.  A
 * partner found in the others has its hits in the lists cut before it
 * added by a search (long_hits), unless it is SLACK short of its need
 * without them.  Returns the cut of each list, by place, in lim.
 */
static void
choose_long(struct batch *bt, uint32_t me, uint32_t *ck, uint32_t *cl)
{
	uint32_t k, k0 = bt->istart[me], k1 = bt->istart[me + 1], len, t;
	uint32_t ranks, nc = 0, la = bt->un[me], n = bt->m[me];
	struct cuts *cuts = cuts_of(bt, n);

	for (ranks = 0; ranks < RANKS && ranks < k1 - k0 &&
	    ranks + 1 + SLACK + la <= VMAX &&
	    cut_at(bt, cuts, n, ranks + 1 + SLACK + la) < me; ranks++)
		continue;
	for (k = k0; ranks > 0 && k < k1; k++) {
		if ((bt->pl[k].at & LSHPLACE) ||
		    (len = bt->pl[k].at - bt->pl[k].start) < LONG)
			continue;
		nc = sim_keep_longest(ck, cl, nc, ranks, k, len);
	}
	bt->nlong = nc;
	for (t = 0; t < nc; t++) {
		bt->longx[t] = bt->pl[ck[t]].start;
		bt->longy[t] = bt->pl[ck[t]].at;
		bt->lim[t] = cl[t] = cut_at(bt, cuts, n, t + 1 + SLACK + la);
	}
	/* The cut places in their order, to read them in turn. */
	sim_sort_places(ck, cl, nc);
}

/*
 * Note in bt->mark the partners of item me (the items before it in the
 * lists of its keys), as hits or as LSH; the long lists up to their cuts
 * (choose_long).  Returns how many it touched, in bt->touched.  No branch
 * on whether a partner is new: a stamp (me + 1) in the top half says so.
 */
static uint32_t
read_places(struct batch *bt, uint32_t me)
{
	uint64_t *mark = bt->mark, m, stamp = (uint64_t)(me + 1) << 32, fresh;
	uint64_t add, or;
	const uint32_t *post = bt->post;
	uint32_t *touched = bt->touched, nn = 0, k, k1 = bt->istart[me + 1];
	uint32_t x, y, z, e, t = 0, ck[RANKS], cl[RANKS], x0;
	uint64_t scanned = 0;

	bt->nlong = 0;
	if (bt->un[me] + 1 + SLACK <= VMAX)
		choose_long(bt, me, ck, cl);
	for (k = bt->istart[me]; k < k1; k++) {
		/* The first entries of a list are a cache miss: ask ahead. */
		__builtin_prefetch(&post[bt->pl[k + 8 < k1 ? k + 8 : k].start]);
		x = bt->pl[k].start;
		y = bt->pl[k].at & ~LSHPLACE;
		add = (bt->pl[k].at & LSHPLACE) ? 0 : 1;
		or = (bt->pl[k].at & LSHPLACE) ? LSH : 0;
		z = me;
		if (t < bt->nlong && ck[t] == k)
			z = cl[t++];
		for (x0 = x; x < y && (e = post[x]) < z; x++) {
			m = mark[e];
			fresh = (m >> 32) != me + 1;
			m = fresh ? stamp : m;
			mark[e] = (m | or) + add;
			touched[nn] = e;
			nn += (uint32_t)fresh;
		}
		scanned += x - x0;
	}
	bt->kc->scanned += scanned;
	return nn;
}

/*
 * The hits of partner e with those of the long lists that were not read
 * for it added (the first k, searched shortest first), or once they reach
 * need, or once they cannot reach need - l, stopped there: exact when
 * neither.
 */
static uint32_t
long_hits(const struct batch *bt, uint32_t e, uint32_t k, uint32_t hits,
    uint32_t need, uint32_t l)
{
	uint32_t x, y;

	for (; k > 0 && hits < need && (uint64_t)hits + k + l >= need; k--) {
		x = bt->longx[k - 1];
		y = bt->longy[k - 1];
		x += sim_count_below(bt->post + x, y - x, e);
		hits += x < y && bt->post[x] == e;
	}
	return hits;
}

/*
 * Item me's pairs, from the partners read_places touched: a bucket held
 * both, or the hits reach sim_need (a candidate), or they might with the
 * keys of the two the batch did not see (written with the hits).
 */
static void
item_pairs(struct batch *bt, uint32_t me, uint32_t nt, uint32_t least)
{
	struct kvcomb *kc = bt->kc;
	uint32_t t, b, c, l, la = bt->un[me], need, k;

	for (t = 0; t < nt; t++) {
		b = bt->touched[t];
		c = (uint32_t)bt->mark[b];
		if (c & LSH) {
			write_pair(kc, bt->order[me], bt->order[b],
			    KVCOMB_CAND);
			continue;
		}
		l = la < bt->un[b] ? la : bt->un[b];
		/*
		 * Most pairs fall short of any need with what was read, or
		 * have SLACK hits or fewer: the lists are cut before a
		 * partner for no more than need - 1 - SLACK - la of its hits
		 * (choose_long), so such a partner is no pair whether or not
		 * it was cut, unless its keys unseen might make it one.
		 */
		if ((uint64_t)c + l + bt->nlong < least ||
		    (c <= SLACK && (uint64_t)c + l < least))
			continue;
		need = need_of(kc, bt->m[me], bt->m[b]);
		if (c < need && (uint64_t)c + l + bt->nlong >= need &&
		    bt->nlong > 0 && (k = sim_count_below(bt->lim, bt->nlong,
		    b + 1)) > 0) {
			if (c <= SLACK)
				continue;
			c = long_hits(bt, b, k, c, need, l);
		}
		if (c > 0 && c >= need)
			write_pair(kc, bt->order[me], bt->order[b],
			    KVCOMB_CAND);
		else if (l > 0 && (uint64_t)c + l >= need)
			write_pair(kc, bt->order[me], bt->order[b], c);
	}
}

/*
 * Decide the batch: each item counts its hits with the items below it
 * (by size) in its groups, and writes the candidates, and the pairs that
 * keys outside the batch might still make candidates, with their hits.
 * keep: keep the items (for kvcomb_lonely), not the postings.
 */
static void
decide(struct kvcomb *kc, int keep)
{
	struct batch bt;
	uint32_t me, nt;
	size_t np;

	if (kc->ngroup == 0)
		goto reset;
	memset(&bt, 0, sizeof(bt));
	bt.kc = kc;
	bt.n = (uint32_t)kc->nitem;
	bt.order = xreallocarray(NULL, (size_t)bt.n + 1, sizeof(*bt.order));
	bt.m = xreallocarray(NULL, (size_t)bt.n + 1, sizeof(*bt.m));
	bt.un = xreallocarray(NULL, (size_t)bt.n + 1, sizeof(*bt.un));
	np = number_by_size(&bt);
	bt.istart = xcalloc((size_t)bt.n + 2, sizeof(*bt.istart));
	bt.pl = xreallocarray(NULL, np + 1, sizeof(*bt.pl));
	places(&bt);
	bt.mark = xcalloc((size_t)bt.n + 1, sizeof(*bt.mark));
	bt.touched = xreallocarray(NULL, (size_t)bt.n + 1,
	    sizeof(*bt.touched));
	bt.cuts = xcalloc(CUT_MEMO, sizeof(*bt.cuts));
	/* Partners are no larger than the item: sim_need_least's s <= n. */
	for (me = 0; me < bt.n; me++)
		if ((nt = read_places(&bt, me)) > 0)
			item_pairs(&bt, me, nt, sim_need_least(kc->o,
			    bt.m[me], bt.m[0], bt.m[me]));
	free(bt.order);
	free(bt.m);
	free(bt.un);
	free(bt.istart);
	free(bt.pl);
	free(bt.mark);
	free(bt.touched);
	free(bt.cuts);
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
	if ((kc->budget > 0 && ENTRY_BYTES * kc->npost + ITEM_BYTES *
	    kc->nitem > kc->budget) || kc->npost > LSHPLACE / 2)
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
	const struct slot *it;
	uint64_t ref;

	if (klen != KV_HASHLEN || kv_get_hash(k, &ref) < 0 || !kc->settled ||
	    kc->nitem == 0)
		return 0;
	if ((it = item_slot(kc, ref))->num == 0)
		return 0;
	/* p is 0 until a probe line of the item comes. */
	if (it->p == 0 && (kc->o->gen & SIM_GEN_PROBE))
		return 0;
	return it->seen == it->p && it->bseen == kc->bands &&
	    !kc->paired[it->num - 1];
}

uint64_t
kvcomb_scanned(const struct kvcomb *kc)
{
	return kc->scanned;
}

void
kvcomb_end(struct kvcomb *kc)
{
	if (!kc->settled)
		decide(kc, 0);
}
