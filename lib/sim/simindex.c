/*
 * simindex.c - see simindex.h.
 *
 * Memory holds what finds the candidates, not the sets.  Each item's
 * fingerprint set goes to a temporary file as it is added, with its LSH
 * band keys (setstore.h); memory keeps its size and which earlier item
 * has the same set.  Once all are added, the items compared are numbered
 * by size, and two inverted indexes are built from the file, probe keys
 * and band keys to these numbers (postings.h, 6 bytes an entry); a key
 * of one item, which makes no pair, is dropped, and so is a key posted
 * by more than maxdf items from the probe index.  Each item's places in
 * them (where it is in the lists of its keys) follow, so an item reads
 * the lists of its keys up to its own place with no look-up, and notes in
 * one pass every item below it that shares one: each pair is seen once,
 * from its larger item.  A partner's need of hits grows with its size,
 * so an item's longest lists are read only as far as the partners that
 * could miss them (read_places), and the others search them (long_hits).
 * A stamp per item replaces a set of seen pairs, so the pass needs no
 * memory per candidate; a candidate is compared exactly by reading the
 * two sets.
 */
#include <assert.h>
#include <err.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "sim/minhash.h"
#include "sim/postings.h"
#include "sim/setstore.h"
#include "sim/shingle.h"
#include "sim/simindex.h"

#define NONE		UINT32_MAX
#define LSH_HIT		0x80000000u	/* in mark[]: shares an LSH bucket */
#define BATCH		64		/* look-ups a step at a time */
#define BLOCK		4096		/* items a worker takes at a time */
#define NEED_MEMO	4096		/* sizes whose need a worker keeps */
#define RANKS		64		/* long lists an item reads in part */
#define LONG		32		/* a list at least this long, if so */
#define SLACK		1		/* their partners' hits to spare */
#define CUT_MEMO	256		/* sizes whose cuts a worker keeps */
#define COUNT_BITS	16		/* keys counted by these top bits as
					   they come, so that an index of up
					   to 16 << COUNT_BITS keys needs no
					   pass to count them */

/* A pair of canonical items as the engine keeps it. */
struct cpair {
	uint32_t	 a, b;
	uint32_t	 shared;
	uint32_t	 ev;		/* index in evs, or NONE */
	unsigned char	 by;		/* SIM_* */
	unsigned char	 turned;	/* ev is of (b, a) */
};

struct simindex {
	struct sim_opts	 opts;
	struct shingler	*sh;
	struct minhash	*mh;
	unsigned	 bands, rows;
	uint32_t	 nitems;
	size_t		 capitems;
	uint32_t	*size;		/* fingerprints of item i */
	uint32_t	*canon;		/* the first item with i's set */
	struct setstore	*sets;		/* the sets, on disk */
	struct setread	 sameread;	/* find_same's reader */
	uint64_t	*same;		/* identical sets: hash << 32 | item */
	size_t		 capsame, nsame;
	uint32_t	*sig;		/* --estimate: k values per item */
	uint32_t	*skey;		/* and its bands band keys */
	uint32_t	*fp, *fp2;	/* scratch of simindex_add */
	size_t		 capfp, capfp2;
	uint32_t	*bandkey;
	uint64_t	 nprobe, nlsh;	/* entries the indexes will hold */
	uint32_t	*count[2];	/* their keys by the top COUNT_BITS */
	int		 done;		/* pairs found */
	struct cpair	*pairs;		/* canonical pairs, by a then b */
	size_t		 npairs;
	struct align_evidence *evs;
	size_t		 nevs, capevs;
	struct cpair	*xpairs;	/* the pairs of every item */
	size_t		 nxpairs;
	uint32_t	*cluster;	/* simindex_clusters: representatives */
	int		 walked;	/* by simindex_walk, holding no pairs */
	struct cpair	*wpair;		/* its pair of each canonical item
					   with its representative's */
	uint32_t	*mstart, *member; /* items of canonical c:
					   member[mstart[c] .. mstart[c+1]) */
	uint32_t	*nstart, *nbr;	/* pairs of canonical c: pairs[nbr[..]] */
	uint32_t	 ndup;		/* items whose set an earlier one has */
	uint32_t	 smax;		/* the largest item compared */
	uint32_t	 npos;		/* items compared, numbered by size: */
	uint32_t	*pos;		/* item i's number, or NONE */
	uint32_t	*order;		/* the item of each number */
	uint32_t	*psize;		/* and its size, ascending */
	struct sim_stats st;
	sim_progress_fn	*progress;
	void		*progress_arg;
	atomic_uint_fast64_t compared, found;	/* by all workers, so far */
};

struct simindex *
simindex_new(const struct sim_opts *opts)
{
	struct simindex *si;

	si = xcalloc(1, sizeof(*si));
	if (opts != NULL)
		si->opts = *opts;
	else
		sim_opts_init(&si->opts);
	if (si->opts.exact)
		si->opts.gen = SIM_GEN_PROBE;
	if (si->opts.estimate)
		si->opts.gen = SIM_GEN_LSH;
	if (si->opts.k == 0)
		si->opts.gen &= ~SIM_GEN_LSH;
	if (si->opts.exact || si->opts.maxdf == 0)
		si->opts.maxdf = UINT32_MAX;
	si->sh = shingler_new(si->opts.n, si->opts.chars, si->opts.seed);
	if (si->opts.gen & SIM_GEN_LSH) {
		si->mh = minhash_new(si->opts.k, si->opts.seed);
		minhash_bands(si->opts.jaccard, si->opts.k, SIM_LSH_RECALL,
		    &si->bands, &si->rows);
		si->bandkey = xreallocarray(NULL, si->bands + 1,
		    sizeof(*si->bandkey));
	}
	if (!si->opts.estimate) {
		si->sets = setstore_new(si->mh != NULL ? si->bands : 0,
		    SETSTORE_MEMORY);
		si->count[0] = xcalloc((size_t)1 << COUNT_BITS,
		    sizeof(*si->count[0]));
	}
	si->count[1] = xcalloc((size_t)1 << COUNT_BITS,
	    sizeof(*si->count[1]));
	return si;
}

void
simindex_free(struct simindex *si)
{
	if (si == NULL)
		return;
	shingler_free(si->sh);
	minhash_free(si->mh);
	setstore_free(si->sets);
	setread_free(&si->sameread);
	free(si->size);
	free(si->canon);
	free(si->same);
	free(si->sig);
	free(si->skey);
	free(si->fp);
	free(si->fp2);
	free(si->bandkey);
	free(si->count[0]);
	free(si->count[1]);
	free(si->pairs);
	free(si->evs);
	free(si->xpairs);
	free(si->cluster);
	free(si->wpair);
	free(si->mstart);
	free(si->member);
	free(si->nstart);
	free(si->nbr);
	free(si->pos);
	free(si->order);
	free(si->psize);
	free(si);
}

/* Are the set fp[0..n) and item c's set the same? */
static int
same_set(struct simindex *si, uint32_t c, const uint32_t *fp, uint32_t n)
{
	setstore_flush(si->sets);
	return setstore_get(si->sets, c, &si->sameread) == n &&
	    memcmp(si->sameread.fp, fp, n * sizeof(*fp)) == 0;
}

/*
 * The first item whose set is fp[0..n) (hash h), or NONE after noting
 * item id as the first: a hash table of (32 bits of the hash, item), the
 * sets compared when the sizes and hashes agree.
 */
static uint32_t
find_same(struct simindex *si, uint32_t id, const uint32_t *fp, uint32_t n,
    uint64_t h)
{
	uint64_t *old, v;
	size_t mask, at, k, cap;
	uint32_t h32 = (uint32_t)(h >> 32), c;

	if (2 * (si->nsame + 1) > si->capsame) {
		old = si->same;
		cap = si->capsame;
		si->capsame = cap ? 2 * cap : 1024;
		si->same = xcalloc(si->capsame, sizeof(*si->same));
		mask = si->capsame - 1;
		for (k = 0; k < cap; k++) {
			if (old[k] == 0)
				continue;
			for (at = (old[k] >> 32) & mask; si->same[at] != 0;
			    at = (at + 1) & mask)
				;
			si->same[at] = old[k];
		}
		free(old);
	}
	mask = si->capsame - 1;
	/* Slots hold item + 1, so 0 is free. */
	for (at = h32 & mask; (v = si->same[at]) != 0; at = (at + 1) & mask) {
		c = (uint32_t)v - 1;
		if ((uint32_t)(v >> 32) == h32 && si->size[c] == n &&
		    same_set(si, c, fp, n))
			return c;
	}
	si->same[at] = (uint64_t)h32 << 32 | ((uint64_t)id + 1);
	si->nsame++;
	return NONE;
}

/* simindex_add, but for giving back the shingler's memory. */
static uint32_t
add(struct simindex *si, const char *text, size_t len)
{
	const uint64_t *set;
	uint64_t below;
	size_t n, m, cap, f;
	uint32_t id, k = si->opts.k, c, b, key, post;

	assert(!si->done);
	if (si->nitems == UINT32_MAX - 2)
		errx(1, "more than %u items: split the input, or use --map",
		    UINT32_MAX - 2);
	if (si->nitems == si->capitems) {
		/* Arrays of one length: the others follow the first. */
		cap = si->capitems;
		si->size = xroom(si->size, &cap, (size_t)si->nitems + 1,
		    sizeof(*si->size));
		si->capitems = cap;
		si->canon = xreallocarray(si->canon, cap, sizeof(*si->canon));
		if (si->opts.estimate) {
			si->sig = xreallocarray(si->sig, cap, (size_t)k *
			    sizeof(*si->sig));
			si->skey = xreallocarray(si->skey, cap,
			    (size_t)si->bands * sizeof(*si->skey));
		}
	}
	id = si->nitems++;
	si->canon[id] = id;
	set = shingler_set(si->sh, text, len, &n);
	if (si->opts.estimate) {
		minhash_sketch(si->mh, set, n, si->sig + (size_t)id * k);
		si->size[id] = (uint32_t)n;
		si->st.shingles += n;
		/* The band keys once: the index and the look-ups reuse them. */
		for (b = 0; n > 0 && b < si->bands; b++) {
			key = minhash_band_key(si->sig + (size_t)id * k +
			    (size_t)b * si->rows, b, si->rows);
			si->skey[(size_t)id * si->bands + b] = key;
			si->count[1][key >> (32 - COUNT_BITS)]++;
		}
		si->nlsh += n > 0 ? si->bands : 0;
		return id;
	}
	si->fp = xroom(si->fp, &si->capfp, n + 1, sizeof(*si->fp));
	m = sim_fingerprints(set, n, si->fp);
	si->size[id] = (uint32_t)m;
	si->st.shingles += m;
	if (m > 0 && (c = find_same(si, id, si->fp, (uint32_t)m,
	    sim_set_hash(si->fp, m))) != NONE) {
		si->canon[id] = c;	/* compared as c */
		si->ndup++;
	}
	if (m == 0 || si->canon[id] != id) {
		setstore_add(si->sets, NULL, 0, NULL);
		return id;
	}
	if (si->mh != NULL) {
		si->fp2 = xroom(si->fp2, &si->capfp2, k, sizeof(*si->fp2));
		minhash_sketch(si->mh, set, n, si->fp2);
		for (b = 0; b < si->bands; b++) {
			key = minhash_band_key(si->fp2 + (size_t)b * si->rows,
			    b, si->rows);
			si->bandkey[b] = key;
			si->count[1][key >> (32 - COUNT_BITS)]++;
		}
		si->nlsh += si->bands;
	}
	if (si->opts.gen & SIM_GEN_PROBE) {
		/* Counted without a branch, as sim_probe_keys does. */
		below = sim_post_below(&si->opts, (uint32_t)m);
		for (f = 0; f < m; f++) {
			post = sim_post_hash(si->fp[f]) < below;
			si->nprobe += post;
			si->count[0][si->fp[f] >> (32 - COUNT_BITS)] += post;
		}
	}
	setstore_add(si->sets, si->fp, (uint32_t)m, si->bandkey);
	return id;
}

uint32_t
simindex_add(struct simindex *si, const char *text, size_t len)
{
	uint32_t id;

	id = add(si, text, len);
	/* A long item's words and set are not kept for the rest of the
	 * run: in memory at once with the aligner's, they were most of
	 * the peak of --align on long items. */
	shingler_trim(si->sh);
	return id;
}

uint32_t
simindex_size(const struct simindex *si, uint32_t i)
{
	return si->size[i];
}

/* Items that are compared: with words, and the first of their set. */
static int
compared(const struct simindex *si, uint32_t i)
{
	return si->size[i] > 0 && si->canon[i] == i;
}

/* Is the key of items[0..n) one item's alone, making no pair? */
static int
lone_key(void *arg, const uint32_t *items, uint32_t n)
{
	(void)arg;
	(void)items;
	return n < 2;
}

/* Does the key of items[0..n) stand for a common phrase, or is it lone? */
static int
common_key(void *arg, const uint32_t *items, uint32_t n)
{
	const struct simindex *si = arg;
	uint64_t df = 0;
	uint32_t x;

	if (n < 2)
		return 1;
	/* Copies of a set count as many as there are, as in a sort. */
	for (x = 0; x < n; x++)
		df += si->mstart[si->order[items[x]] + 1] -
		    si->mstart[si->order[items[x]]];
	return sim_common(&si->opts, df);
}

/*
 * Build the probe index and the LSH index (either may be NULL) from the
 * records in one pass (two when the counts made as items came will not
 * do), then sort them, drop the keys of one item and the common phrases
 * from the probe, and find each item's places in them.
 * They hold the items' numbers by size (si->pos).  On a 50 MB gencorpus
 * slice, 1.0 M of the probe's 2.1 M entries and 0.58 M of LSH's 0.65 M
 * are keys of one item.
 */
static void
build(struct simindex *si, struct postings *probe, struct postings *lsh)
{
	struct setread r = SETREAD_INIT(1);
	uint32_t i, n, f, b, key, nk, *keys = NULL;
	size_t capkeys = 0;
	int fill, pfill = 1, lfill = 1;

	if (probe != NULL) {
		postings_init(probe, si->nprobe);
		pfill = postings_counts(probe, si->count[0], COUNT_BITS);
	}
	if (lsh != NULL) {
		postings_init(lsh, si->nlsh);
		lfill = postings_counts(lsh, si->count[1], COUNT_BITS);
	}
	for (fill = pfill && lfill; fill < 2; fill++) {
		if (fill && probe != NULL)
			postings_start(probe);
		if (fill && lsh != NULL)
			postings_start(lsh);
		for (i = 0; i < si->nitems; i++) {
			if (!compared(si, i))
				continue;
			n = setstore_get(si->sets, i, &r);
			for (b = 0; lsh != NULL && b < si->bands; b++) {
				key = setread_band(&r, b);
				if (fill)
					postings_put(lsh, key, si->pos[i]);
				else if (!lfill)
					postings_count(lsh, key);
			}
			if (probe == NULL || (!fill && pfill))
				continue;
			keys = xroom(keys, &capkeys, n, sizeof(*keys));
			nk = sim_probe_keys(sim_post_below(&si->opts, n), r.fp,
			    n, keys);
			for (f = 0; f < nk; f++) {
				if (fill)
					postings_put(probe, keys[f], si->pos[i]);
				else
					postings_count(probe, keys[f]);
			}
		}
	}
	setread_free(&r);
	free(keys);
	if (lsh != NULL) {
		postings_sort(lsh);
		postings_drop(lsh, lone_key, NULL);
		postings_places(lsh, si->npos);
	}
	if (probe != NULL) {
		postings_sort(probe);
		postings_drop(probe, si->opts.maxdf != UINT32_MAX ?
		    common_key : lone_key, si);
		postings_places(probe, si->npos);
	}
}

/*
 * The partners an item reads in a long list (cut_at): for v = 1, 2, ...
 * pos[v], the first number (by size) of an item that needs more than v
 * hits with it.  Known for v <= nv; s is the largest size needing v.
 */
struct cuts {
	uint32_t		 tag;	/* the size + 1 they are for, 0: none */
	uint32_t		 nv, s;
	uint32_t		 pos[RANKS + SLACK + 1];
};

/*
 * One thread's share of simindex_pairs: blocks of BLOCK items, first,
 * first + step, ..., with its own scratch and its own pairs, merged when
 * all are done.
 */
struct worker {
	struct simindex		*si;
	const struct postings	*probe, *lsh;
	uint32_t		 first, step;
	uint64_t		*mark;	/* per number: stamp, hits (one miss) */
	uint32_t		*touched;
	uint32_t		 nlong;	/* item i's long lists read in part: */
	uint32_t		 longx[RANKS], longy[RANKS];	/* the lists */
	uint32_t		 lim[RANKS];	/* the numbers read, below */
	struct cuts		*cuts;	/* CUT_MEMO, by size */
	struct cuts		 cutsrate;	/* for every size at the
						   lowest rate (byrate) */
	struct setread		 cur;	/* item i's record */
	struct setread		 other;	/* a candidate's */
	uint32_t		 need[NEED_MEMO];
	uint64_t		 needtag[NEED_MEMO];
	uint64_t		 below_i;	/* item i's rate */
	int			 byrate;	/* need_of's case, set once */
	uint64_t		 lowsize;	/* sizes at the lowest rate */
	struct cpair		*pairs;
	size_t			 npairs, cappairs;
	uint64_t		 scanned, candidates;
	const uint32_t		*rep;	/* the walk's clusters, or NULL */
};

/* Keep the pair of items j < i sharing shared when it is one. */
static int
add_pair(struct worker *w, uint32_t j, uint32_t i, uint32_t shared)
{
	const struct simindex *si = w->si;
	struct cpair *pr;
	int by;

	if ((by = sim_verdict(&si->opts, shared, si->size[j],
	    si->size[i])) == SIM_NO)
		return 0;
	w->pairs = xroom(w->pairs, &w->cappairs, w->npairs + 1,
	    sizeof(*w->pairs));
	pr = &w->pairs[w->npairs++];
	pr->a = j;
	pr->b = i;
	pr->shared = shared;
	pr->ev = NONE;
	pr->by = (unsigned char)by;
	pr->turned = 0;
	return 1;
}

/* The estimate mode's |A n B|, from the sketch's Jaccard and the sizes. */
static uint32_t
estimate_shared(const struct simindex *si, uint32_t i, uint32_t j)
{
	unsigned k = si->opts.k;
	double e;

	e = minhash_jaccard(si->sig + (size_t)i * k, si->sig + (size_t)j * k,
	    k);
	return (uint32_t)lround(e * (si->size[i] + si->size[j]) / (1 + e));
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct cpair *x = a, *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * Look up keys[0..n) in p and note in mark[] every item before i that
 * holds one: a stamp of i + 1 in the top half, the hits (and LSH_HIT)
 * below, without branches that the stamps would make unpredictable.
 * A look-up reads the directory, then the bucket's keys, then the items,
 * three places far apart in memory, each needing the one before: so the
 * keys go in batches, each step done for the whole batch while asking for
 * what the next step reads, and the misses overlap.  (The estimate mode:
 * the pairs mode reads its places, read_places.)
 */
static void
look_up(struct worker *w, const struct postings *p, const uint32_t *keys,
    uint32_t n, uint32_t i, uint32_t *nt)
{
	uint64_t *mark = w->mark, m, stamp = (uint64_t)(i + 1) << 32, fresh;
	uint64_t scanned = 0;
	uint32_t *touched = w->touched, k, k0, nb, b, x, x0, y, e, nn = *nt;
	uint32_t at[BATCH], end[BATCH];
	const uint16_t *low = p->low;
	const uint32_t *item = p->item;
	uint16_t lw;

	for (k0 = 0; k0 < n; k0 += nb) {
		nb = n - k0 < BATCH ? n - k0 : BATCH;
		for (k = 0; k < nb; k++)
			__builtin_prefetch(&p->dir[postings_bucket(p,
			    keys[k0 + k])]);
		for (k = 0; k < nb; k++) {
			b = postings_bucket(p, keys[k0 + k]);
			at[k] = p->dir[b];
			end[k] = p->dir[b + 1];
			__builtin_prefetch(&low[at[k]]);
			__builtin_prefetch(&low[at[k]] + 32);
		}
		for (k = 0; k < nb; k++) {
			at[k] = postings_search(p, postings_low(p,
			    keys[k0 + k]), at[k], end[k]);
			__builtin_prefetch(&item[at[k]]);
		}
		for (k = 0; k < nb; k++) {
			lw = postings_low(p, keys[k0 + k]);
			y = end[k];
			for (x = x0 = at[k]; x < y && low[x] == lw &&
			    (e = item[x]) < i; x++) {
				m = mark[e];
				fresh = (m >> 32) != i + 1;
				m = fresh ? stamp : m;
				mark[e] = m | LSH_HIT;
				touched[nn] = e;
				nn += (uint32_t)fresh;
			}
			scanned += x - x0;
		}
	}
	*nt = nn;
	w->scanned += scanned;
}

/*
 * The cuts of an item of n fingerprints, up to v: how far each of its
 * long lists is read.  Its partners are the items numbered below it,
 * none larger, so the rate of their keys is n's and sim_need(s, n) grows
 * with the partner's size s (sim.h, sim_need_least); a binary search
 * finds the largest s needing no more than v, and a search of the sizes
 * the first number past it.  With byrate, an item at the lowest rate
 * needs what any other there does of a partner of size s: one table
 * serves them all, for every size up to the largest.
 */
static uint32_t
cut_at(struct worker *w, struct cuts *c, uint32_t n, uint32_t v)
{
	const struct simindex *si = w->si;
	const uint32_t *psize = si->psize;
	int all = c == &w->cutsrate;
	uint32_t lo, hi, mid;

	while (c->nv < v) {
		/* The largest size in [c->s, hi] needing no more than nv. */
		c->nv++;
		lo = c->s;
		hi = all ? si->smax : n;
		while (lo < hi) {
			mid = hi - (hi - lo) / 2;
			if (sim_need(&si->opts, mid, all && mid > n ? mid : n) <=
			    c->nv)
				lo = mid;
			else
				hi = mid - 1;
		}
		c->s = lo;
		/* The first number of a larger item. */
		for (lo = 0, hi = si->npos; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if (psize[mid] <= c->s)
				lo = mid + 1;
			else
				hi = mid;
		}
		c->pos[c->nv] = lo;
	}
	return c->pos[v];
}

/* The cuts of an item of n fingerprints, at rate w->below_i. */
static struct cuts *
cuts_of(struct worker *w, uint32_t n)
{
	struct cuts *c;

	if (w->byrate && n >= w->lowsize)
		c = &w->cutsrate;
	else if ((c = &w->cuts[n % CUT_MEMO])->tag != n + 1) {
		c->tag = n + 1;
		c->nv = c->s = 0;
	}
	return c;
}

/*
 * The long lists of the item numbered me, of size fingerprints, in probe
 * index p that read_places reads only in part: their places in ck[], by
 * rank (the longest first), and in cl[] the number each is read up to,
 * ascending; returns how many.
 */
static uint32_t
long_lists(struct worker *w, const struct postings *p, uint32_t me,
    uint32_t size, uint32_t *ck, uint32_t *cl)
{
	const uint32_t *start = p->start, *at = p->at;
	uint32_t k, k0 = p->first[me], k1 = p->first[me + 1], len, t;
	uint32_t ranks, nc = 0;
	struct cuts *cuts;

	/* Ranks that would leave some partners out. */
	cuts = cuts_of(w, size);
	for (ranks = 0; ranks < RANKS && ranks < k1 - k0 &&
	    cut_at(w, cuts, size, ranks + 1 + SLACK) < me; ranks++)
		;
	for (k = k0; ranks > 0 && k < k1; k++) {
		if ((len = at[k] - start[k]) < LONG)
			continue;
		nc = sim_keep_longest(ck, cl, nc, ranks, k, len);
	}
	for (t = 0; t < nc; t++)
		cl[t] = cut_at(w, cuts, size, t + 1 + SLACK);
	return nc;
}

/*
 * Note in mark[] the items that share a key with item i (numbered me), from
 * its places in index p, as hits or as LSH_HIT (lsh): each place's list up to
 * me, or, with cut, for the long ones (of an item of size fingerprints), up
 * to their cut.  A list of LONG entries or more is long; RANKS at most, the
 * longest.  A partner that needs h hits and shares none of the other keys has
 * at most h - 1 of them when h - 1 lists are not read for it; so, the lists
 * by length, the r-th longest (from 0) is read for the partners needing
 * r + 1 + SLACK hits at most, whose numbers, by size, come first: the list
 * up to cut_at(r + 1 + SLACK).  A partner found in the others has its hits in the
 * lists cut before it added by a search (long_hits), unless it is SLACK short
 * of its need without them.  On a 50 MB gencorpus slice the probe's lists
 * held 45.2 M entries for the items to read; reading the 8 longest of each
 * item's lists only for the partners others found read 25.4 M of them, and
 * this 8.4 M: most partners share a phrase or two, where a candidate needs 5
 * to 40 hits.
 */
static void
read_places(struct worker *w, const struct postings *p, uint32_t me,
    uint32_t i, uint32_t size, int cut, int lsh, uint32_t *nt)
{
	uint64_t *mark = w->mark, m, stamp = (uint64_t)(i + 1) << 32, fresh;
	uint64_t add = lsh ? 0 : 1, or = lsh ? LSH_HIT : 0;
	const uint32_t *item = p->item, *start = p->start, *at = p->at;
	uint32_t *touched = w->touched, nn = *nt, k, k0 = p->first[me];
	uint32_t k1 = p->first[me + 1], x, x0, y, z, e, t, nc = 0;
	uint32_t ck[RANKS], cl[RANKS];
	uint64_t scanned = 0;

	if (cut)
		w->nlong = nc = long_lists(w, p, me, size, ck, cl);
	for (t = 0; t < nc; t++) {
		w->longx[t] = start[ck[t]];
		w->longy[t] = at[ck[t]];
		w->lim[t] = cl[t];
	}
	/* The cut places in their order, to read them in turn. */
	sim_sort_places(ck, cl, nc);
	for (t = 0, k = k0; k < k1; k++) {
		__builtin_prefetch(&item[start[k + 8 < k1 ? k + 8 : k]]);
		x = x0 = start[k];
		y = at[k];
		z = me;
		if (t < nc && ck[t] == k)
			z = cl[t++];
		for (; x < y && (e = item[x]) < z; x++) {
			m = mark[e];
			fresh = (m >> 32) != i + 1;
			m = fresh ? stamp : m;
			mark[e] = (m | or) + add;
			touched[nn] = e;
			nn += (uint32_t)fresh;
		}
		scanned += x - x0;
	}
	*nt = nn;
	w->scanned += scanned;
}

/*
 * The hits of partner e of item i with those of its long lists that were
 * not read for e added, searched for e (each holds numbers in order): the
 * shortest first, stopped once it has need or cannot have it.
 */
static uint32_t
long_hits(const struct worker *w, uint32_t e, uint32_t hits, uint32_t need)
{
	const uint32_t *item = w->probe->item;
	uint32_t k, x, y;

	/* The lists cut before e: lim[] grows with the rank. */
	for (k = sim_count_below(w->lim, w->nlong, e + 1); k > 0 &&
	    hits < need && hits + k >= need; k--) {
		x = w->longx[k - 1];
		y = w->longy[k - 1];
		x += sim_count_below(item + x, y - x, e);
		hits += x < y && item[x] == e;
	}
	return hits;
}

/*
 * The hits a partner of size s (no larger than item i's, S) needs:
 * sim_need is too slow to call for every partner touched, so it is
 * remembered by s, for the S at hand, or, when the containment threshold
 * is the lower bound (sim.h: then the need depends on s and S's rate
 * alone), for S's rate, which all items past 4 sample times share.
 */
static uint32_t
need_of(struct worker *w, uint32_t s, uint32_t S, uint32_t i)
{
	const struct sim_opts *o = &w->si->opts;
	uint64_t tag;

	if (s >= NEED_MEMO)
		return sim_need(o, s, S);
	tag = w->byrate ? w->below_i | (uint64_t)1 << 40 : i;
	if (w->needtag[s] != tag) {
		w->needtag[s] = tag;
		w->need[s] = sim_need(o, s, S);
	}
	return w->need[s];
}

#define PROGRESS_EVERY	1024	/* items a worker compares between reports */

/*
 * Add a worker's items compared and pairs found since its last report to
 * the totals, and let the first worker tell the progress function.
 */
static void
report(struct worker *w, uint64_t *ndone, uint64_t *nfound)
{
	struct simindex *si = w->si;
	uint64_t done, found;

	done = atomic_fetch_add(&si->compared, *ndone) + *ndone;
	found = atomic_fetch_add(&si->found, *nfound) + *nfound;
	*ndone = *nfound = 0;
	if (si->progress != NULL && w->first == 0 && done < si->nitems)
		si->progress(si->progress_arg, (uint32_t)done, si->nitems,
		    found);
}

/*
 * The candidates of item i, of n fingerprints, among the items numbered
 * below it (by size, so each pair is looked at once, from its larger
 * item); its set is read (into w->cur) only when it has one.
 */
static void
item_pairs(struct worker *w, uint32_t i, uint32_t n, uint64_t *nfound)
{
	struct simindex *si = w->si;
	uint32_t t, e, nt = 0, hits, shared, m, need, me, j, ni = 0;
	int lsh;

	me = si->pos[i];
	w->below_i = sim_post_below(&si->opts, n);
	w->nlong = 0;
	/* --exact compares all that share a key: every list read. */
	if (w->probe != NULL)
		read_places(w, w->probe, me, i, n, !si->opts.exact, 0, &nt);
	if (w->lsh != NULL)
		read_places(w, w->lsh, me, i, n, 0, 1, &nt);
	for (t = 0; t < nt; t++) {
		e = w->touched[t];
		hits = (uint32_t)w->mark[e] & ~LSH_HIT;
		lsh = ((uint32_t)w->mark[e] & LSH_HIT) != 0;
		if (!lsh) {
			if (hits == 0)
				continue;
			need = need_of(w, si->psize[e], n, i);
			/*
			 * Lists are cut before e for no more than need - 1 -
			 * SLACK of its hits (read_places): with SLACK hits
			 * or fewer it is no candidate.
			 */
			if (hits < need && (hits + w->nlong < need ||
			    hits + (need > 1 + SLACK ? need - 1 - SLACK : 0) <
			    need || long_hits(w, e, hits, need) < need))
				continue;
		}
		j = si->order[e];
		/* The walk (simindex_walk): an item in a cluster is done. */
		if (w->rep != NULL && w->rep[j] != NONE)
			continue;
		w->candidates++;
		if (ni == 0)
			ni = setstore_get(si->sets, i, &w->cur);
		m = setstore_get(si->sets, j, &w->other);
		shared = sim_intersect(w->cur.fp, ni, w->other.fp, m);
		*nfound += j < i ? add_pair(w, j, i, shared) :
		    add_pair(w, i, j, shared);
	}
}

static void *
work_pairs(void *arg)
{
	struct worker *w = arg;
	struct simindex *si = w->si;
	uint64_t ndone = 0, nfound = 0, blk;
	uint32_t i, end;

	w->mark = xcalloc((size_t)si->npos + 1, sizeof(*w->mark));
	w->touched = xreallocarray(NULL, (size_t)si->npos + 1,
	    sizeof(*w->touched));
	w->cuts = xcalloc(CUT_MEMO, sizeof(*w->cuts));
	for (blk = (uint64_t)w->first * BLOCK; blk < si->nitems;
	    blk += (uint64_t)w->step * BLOCK) {
		end = si->nitems - blk < BLOCK ? si->nitems :
		    (uint32_t)blk + BLOCK;
		for (i = (uint32_t)blk; i < end; i++) {
			if (++ndone == PROGRESS_EVERY)
				report(w, &ndone, &nfound);
			if (compared(si, i))
				item_pairs(w, i, si->size[i], &nfound);
		}
	}
	report(w, &ndone, &nfound);
	setread_free(&w->cur);
	free(w->mark);
	free(w->touched);
	free(w->cuts);
	setread_free(&w->other);
	return NULL;
}

/* The estimate mode: sketches in memory, LSH buckets, estimated pairs. */
static void *
work_estimate(void *arg)
{
	struct worker *w = arg;
	struct simindex *si = w->si;
	uint64_t ndone = 0, nfound = 0;
	uint32_t i, t, e, nt;

	w->mark = xcalloc((size_t)si->nitems + 1, sizeof(*w->mark));
	w->touched = xreallocarray(NULL, (size_t)si->nitems + 1,
	    sizeof(*w->touched));
	for (i = w->first; i < si->nitems; i += w->step) {
		if (++ndone == PROGRESS_EVERY)
			report(w, &ndone, &nfound);
		if (si->size[i] == 0)
			continue;
		nt = 0;
		look_up(w, w->lsh, si->skey + (size_t)i * si->bands,
		    si->bands, i, &nt);
		for (t = 0; t < nt; t++) {
			e = w->touched[t];
			w->candidates++;
			nfound += add_pair(w, e, i, estimate_shared(si, i, e));
		}
	}
	report(w, &ndone, &nfound);
	free(w->mark);
	free(w->touched);
	return NULL;
}

/*
 * The estimate mode's LSH index, from the band keys simindex_add kept
 * and counted (two passes when the counts will not do).
 */
static void
build_estimate(struct simindex *si, struct postings *p)
{
	const uint32_t *key;
	uint32_t i, b;
	int fill;

	postings_init(p, si->nlsh);
	for (fill = postings_counts(p, si->count[1], COUNT_BITS); fill < 2;
	    fill++) {
		if (fill)
			postings_start(p);
		for (i = 0; i < si->nitems; i++) {
			key = si->skey + (size_t)i * si->bands;
			for (b = 0; si->size[i] > 0 && b < si->bands; b++) {
				if (fill)
					postings_put(p, key[b], i);
				else
					postings_count(p, key[b]);
			}
		}
	}
	postings_sort(p);
}

/* Run fn on every worker, each in a thread of its own when there are more. */
static void
run_workers(struct worker *w, unsigned nw, void *(*fn)(void *))
{
	pthread_t *tid;
	unsigned t;
	int e;

	if (nw == 1) {
		fn(w);
		return;
	}
	tid = xreallocarray(NULL, nw, sizeof(*tid));
	for (t = 0; t < nw; t++)
		if ((e = pthread_create(&tid[t], NULL, fn, &w[t])) != 0)
			errc(1, e, "pthread_create");
	for (t = 0; t < nw; t++)
		pthread_join(tid[t], NULL);
	free(tid);
}

/* The items of each canonical item, by number, in member[] from mstart[]. */
static void
group_members(struct simindex *si)
{
	uint32_t i, n = si->nitems;

	si->mstart = xcalloc((size_t)n + 2, sizeof(*si->mstart));
	for (i = 0; i < n; i++)
		si->mstart[si->canon[i] + 2]++;
	for (i = 2; i < n + 2; i++)
		si->mstart[i] += si->mstart[i - 1];
	si->member = xreallocarray(NULL, (size_t)n + 1, sizeof(*si->member));
	for (i = 0; i < n; i++)
		si->member[si->mstart[si->canon[i] + 1]++] = i;
}

static uint32_t
members(const struct simindex *si, uint32_t c)
{
	return si->mstart[c + 1] - si->mstart[c];
}

/* The pairs reported: those decided, for every item of their sets. */
static uint64_t
count_pairs(const struct simindex *si)
{
	uint64_t n = 0, k;
	size_t i;
	uint32_t c;

	for (i = 0; i < si->npairs; i++)
		if (si->pairs[i].by != SIM_CHECK)
			n += (uint64_t)members(si, si->pairs[i].a) *
			    members(si, si->pairs[i].b);
	for (c = 0; c < si->nitems; c++) {
		k = si->size[c] > 0 ? members(si, c) : 0;
		n += k * (k - (k > 0)) / 2;
	}
	return n;
}

/* The work of simindex_pairs, done once. */
/*
 * The records each of nw workers keeps of the candidates it reads: on
 * Reuters-21578 with planted rewrites, 101,425 candidates of 11,529
 * items, most of them a short item with one or two hits on a longer one
 * that many short ones hit; a worker keeping 4,096 (4.5 MB there) reads
 * 78% of them from memory, not from the file (a pread, a copy from the
 * page cache).  8 MB in all (KEEP_BYTES), 1 MB at least a worker.
 */
#define KEEP_BYTES	((size_t)8 << 20)

static uint32_t
keep_slots(unsigned nw)
{
	uint32_t n = 4096;

	while (n > 256 && (uint64_t)n * nw > 8192)
		n /= 2;
	return n;
}

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/*
 * Number the items compared by size, then by item: the indexes hold these
 * numbers, and an item looks for partners among those below its own, so
 * a partner is never the larger and the hits it needs grow with its
 * number (look_up_long).
 */
static void
number_by_size(struct simindex *si)
{
	uint64_t *t;
	uint32_t i, n = 0;

	t = xreallocarray(NULL, (size_t)si->nitems + 1, sizeof(*t));
	si->pos = xreallocarray(NULL, (size_t)si->nitems + 1,
	    sizeof(*si->pos));
	for (i = 0; i < si->nitems; i++) {
		si->pos[i] = NONE;
		if (compared(si, i))
			t[n++] = (uint64_t)si->size[i] << 32 | i;
	}
	qsort(t, n, sizeof(*t), cmp_u64);
	si->order = xreallocarray(NULL, (size_t)n + 1, sizeof(*si->order));
	si->psize = xreallocarray(NULL, (size_t)n + 1, sizeof(*si->psize));
	for (i = 0; i < n; i++) {
		si->order[i] = (uint32_t)t[i];
		si->psize[i] = (uint32_t)(t[i] >> 32);
		si->pos[si->order[i]] = i;
	}
	si->npos = n;
	si->smax = n > 0 ? si->psize[n - 1] : 0;
	free(t);
}

/* Worker t of nw, on the indexes probe and lsh. */
static void
worker_init(struct simindex *si, struct worker *w, unsigned t, unsigned nw,
    const struct postings *probe, const struct postings *lsh)
{
	w->si = si;
	w->first = t;
	w->step = nw;
	w->probe = si->opts.gen & SIM_GEN_PROBE ? probe : NULL;
	w->lsh = si->opts.gen & SIM_GEN_LSH ? lsh : NULL;
	w->byrate = si->opts.contain > 0 && si->opts.contain *
	    (1 + si->opts.jaccard) <= 2 * si->opts.jaccard;
	w->lowsize = (uint64_t)si->opts.sample * si->opts.rate;
	if (!si->opts.estimate)
		setread_keep(&w->other, keep_slots(nw),
		    KEEP_BYTES / nw > (1 << 20) ? KEEP_BYTES / nw :
		    (size_t)1 << 20);
}

/*
 * Once all items are added: group them by set, number them by size and
 * build the indexes, for find_pairs or simindex_walk.
 */
static void
prepare(struct simindex *si, struct postings *probe, struct postings *lsh)
{
	assert(!si->done);
	si->done = 1;
	free(si->same);
	si->same = NULL;
	group_members(si);
	if (si->opts.estimate) {
		build_estimate(si, lsh);
		return;
	}
	number_by_size(si);
	setstore_flush(si->sets);
	setread_free(&si->sameread);
	build(si, si->opts.gen & SIM_GEN_PROBE ? probe : NULL,
	    si->opts.gen & SIM_GEN_LSH ? lsh : NULL);
	free(si->count[0]);
	free(si->count[1]);
	si->count[0] = si->count[1] = NULL;
	si->st.postings = probe->n + lsh->n;
}

/* After find_pairs or simindex_walk: what only they needed. */
static void
unprepare(struct simindex *si, struct postings *probe, struct postings *lsh)
{
	postings_free(probe);
	postings_free(lsh);
	free(si->pos);
	free(si->order);
	free(si->psize);
	si->pos = si->order = si->psize = NULL;
}

static void
find_pairs(struct simindex *si)
{
	struct postings probe = { 0 }, lsh = { 0 };
	struct worker *w;
	unsigned t, nw = si->opts.threads ? si->opts.threads : 1;
	size_t n;

	prepare(si, &probe, &lsh);
	w = xcalloc(nw, sizeof(*w));
	for (t = 0; t < nw; t++)
		worker_init(si, &w[t], t, nw, &probe, &lsh);
	run_workers(w, nw, si->opts.estimate ? work_estimate : work_pairs);
	for (t = 0, n = 0; t < nw; t++)
		n += w[t].npairs;
	if (si->progress != NULL)
		si->progress(si->progress_arg, si->nitems, si->nitems, n);
	si->pairs = xreallocarray(NULL, n + 1, sizeof(*si->pairs));
	for (t = 0; t < nw; t++) {
		if (w[t].npairs > 0)
			memcpy(si->pairs + si->npairs, w[t].pairs,
			    w[t].npairs * sizeof(*si->pairs));
		si->npairs += w[t].npairs;
		si->st.scanned += w[t].scanned;
		si->st.candidates += w[t].candidates;
		free(w[t].pairs);
	}
	if (si->npairs > 1)
		qsort(si->pairs, si->npairs, sizeof(*si->pairs), cmp_pair);
	si->st.pairs = count_pairs(si);
	free(w);
	unprepare(si, &probe, &lsh);
}

void
simindex_progress(struct simindex *si, sim_progress_fn *fn, void *arg)
{
	si->progress = fn;
	si->progress_arg = arg;
}

/* Swap the roles of a and b in p's figures. */
static void
turn(struct pair *p)
{
	double t;

	t = p->in_a, p->in_a = p->in_b, p->in_b = t;
	t = p->ev.covered_a, p->ev.covered_a = p->ev.covered_b,
	    p->ev.covered_b = t;
}

/* The full pair of p (canonical, or of items when expanded). */
static void
full_pair(const struct simindex *si, const struct cpair *p,
    struct pair *out)
{
	memset(out, 0, sizeof(*out));
	out->a = p->a;
	out->b = p->b;
	out->by = p->by;
	pair_figures(out, p->shared, si->size[p->a], si->size[p->b]);
	if (p->ev != NONE) {
		out->ev = si->evs[p->ev];
		if (p->turned) {
			double t = out->ev.covered_a;

			out->ev.covered_a = out->ev.covered_b;
			out->ev.covered_b = t;
		}
	}
}

/* Keep pair p for items x (standing for p->a) and y, as (smaller, larger). */
static void
add_xpair(struct simindex *si, size_t *cap, const struct cpair *p,
    uint32_t x, uint32_t y)
{
	struct cpair *q;

	si->xpairs = xroom(si->xpairs, cap, si->nxpairs + 1,
	    sizeof(*si->xpairs));
	q = &si->xpairs[si->nxpairs++];
	*q = *p;
	q->a = x < y ? x : y;
	q->b = x < y ? y : x;
	q->turned = p->turned ^ (x > y);
}

/*
 * The pairs of every item: those of the canonical items, for each item of
 * their sets, and each two items of one set (Jaccard 1).  Quadratic in the
 * size of a set, as the output is.  With checks, those for the passages
 * too, since two items of one set may differ in text.
 */
static void
expand(struct simindex *si, int checks)
{
	const struct cpair *p;
	struct cpair one;
	size_t cap = 0, k;
	uint32_t c, *mx, *my, nx, ny, i, j;

	free(si->xpairs);
	si->xpairs = NULL;
	si->nxpairs = 0;
	for (k = 0; k < si->npairs; k++) {
		p = &si->pairs[k];
		if (p->by == SIM_CHECK && !checks)
			continue;
		mx = si->member + si->mstart[p->a];
		nx = members(si, p->a);
		my = si->member + si->mstart[p->b];
		ny = members(si, p->b);
		for (i = 0; i < nx; i++)
			for (j = 0; j < ny; j++)
				add_xpair(si, &cap, p, mx[i], my[j]);
	}
	for (c = 0; c < si->nitems; c++) {
		nx = members(si, c);
		if (nx < 2 || si->size[c] == 0)
			continue;
		memset(&one, 0, sizeof(one));
		one.by = SIM_JACCARD;
		one.shared = si->size[c];
		one.ev = NONE;
		mx = si->member + si->mstart[c];
		for (i = 0; i < nx; i++) {
			for (j = i + 1; j < nx; j++)
				add_xpair(si, &cap, &one, mx[i], mx[j]);
		}
	}
	if (si->nxpairs > 1)
		qsort(si->xpairs, si->nxpairs, sizeof(*si->xpairs), cmp_pair);
}

/*
 * Emit the pairs of every item in order of a then b: the decided ones,
 * and, with check, those for the passages that check keeps.
 */
static void
emit_items(struct simindex *si, int (*check)(void *, struct pair *),
    void (*emit)(void *, const struct pair *), void *arg)
{
	const struct cpair *p = si->pairs, *q;
	struct pair full;
	size_t i, n = si->npairs;

	if (si->ndup > 0) {
		expand(si, check != NULL);
		p = si->xpairs;
		n = si->nxpairs;
	}
	for (i = 0; i < n; i++) {
		q = &p[i];
		full_pair(si, q, &full);
		if (q->by == SIM_CHECK) {
			if (check == NULL || !check(arg, &full))
				continue;
			full.by = SIM_PASSAGES;
		}
		emit(arg, &full);
	}
}

void
simindex_pairs(struct simindex *si,
    void (*emit)(void *arg, const struct pair *), void *arg)
{
	assert(!si->walked);
	if (!si->done)
		find_pairs(si);
	if (emit != NULL)
		emit_items(si, NULL, emit, arg);
}

void
simindex_pairs_checked(struct simindex *si,
    int (*check)(void *arg, struct pair *),
    void (*emit)(void *arg, const struct pair *), void *arg)
{
	assert(!si->walked);
	if (!si->done)
		find_pairs(si);
	emit_items(si, check, emit, arg);
}

void
simindex_check(struct simindex *si, int (*check)(void *arg, struct pair *),
    void *arg)
{
	struct pair full;
	struct cpair *p;
	size_t i, n = 0;

	assert(!si->walked);
	if (!si->done)
		find_pairs(si);
	for (i = 0; i < si->npairs; i++) {
		p = &si->pairs[i];
		if (p->by == SIM_CHECK) {
			full_pair(si, p, &full);
			if (!check(arg, &full))
				continue;
			si->evs = xroom(si->evs, &si->capevs, si->nevs + 1,
			    sizeof(*si->evs));
			si->evs[si->nevs] = full.ev;
			p->ev = (uint32_t)si->nevs++;
			p->by = SIM_PASSAGES;
		}
		si->pairs[n++] = *p;
	}
	si->npairs = n;
	si->st.pairs = count_pairs(si);
}

/* nstart/nbr: the pairs of each canonical item, as indexes into pairs. */
static void
build_neighbours(struct simindex *si)
{
	size_t k;
	uint32_t n = si->nitems, i;

	if (si->nstart != NULL)
		return;
	si->nstart = xcalloc((size_t)n + 2, sizeof(*si->nstart));
	for (k = 0; k < si->npairs; k++) {
		if (si->pairs[k].by == SIM_CHECK)
			continue;
		si->nstart[si->pairs[k].a + 2]++;
		si->nstart[si->pairs[k].b + 2]++;
	}
	for (i = 2; i < n + 2; i++)
		si->nstart[i] += si->nstart[i - 1];
	si->nbr = xreallocarray(NULL, 2 * si->npairs + 1, sizeof(*si->nbr));
	/* Pairs are sorted by a then b, so each list is in pair order. */
	for (k = 0; k < si->npairs; k++) {
		if (si->pairs[k].by == SIM_CHECK)
			continue;
		si->nbr[si->nstart[si->pairs[k].a + 1]++] = (uint32_t)k;
		si->nbr[si->nstart[si->pairs[k].b + 1]++] = (uint32_t)k;
	}
}

/* The canonical item paired with canonical c by pair number k. */
static uint32_t
other(const struct simindex *si, uint32_t c, uint32_t k)
{
	return si->pairs[k].a == c ? si->pairs[k].b : si->pairs[k].a;
}

const uint32_t *
simindex_clusters(struct simindex *si, const uint32_t *pref)
{
	uint32_t r, u, c, x, i, k, *rep;

	free(si->cluster);
	simindex_pairs(si, NULL, NULL);
	build_neighbours(si);
	rep = xreallocarray(NULL, (size_t)si->nitems + 1, sizeof(*rep));
	for (i = 0; i < si->nitems; i++)
		rep[i] = NONE;
	for (r = 0; r < si->nitems; r++) {
		u = pref != NULL ? pref[r] : r;
		if (rep[u] != NONE)
			continue;
		/* u is the best item left: it stands for its set and for
		 * every set paired with it that no better item took. */
		c = si->canon[u];
		for (i = si->mstart[c]; i < si->mstart[c + 1]; i++)
			rep[si->member[i]] = u;
		for (k = si->nstart[c]; k < si->nstart[c + 1]; k++) {
			x = other(si, c, si->nbr[k]);
			if (rep[x] != NONE)
				continue;
			for (i = si->mstart[x]; i < si->mstart[x + 1]; i++)
				rep[si->member[i]] = u;
		}
	}
	si->cluster = rep;
	return rep;
}

/* Is p the pair of x and y? */
static int
covers(const struct cpair *p, uint32_t x, uint32_t y)
{
	return (p->a == x && p->b == y) || (p->a == y && p->b == x);
}

int
simindex_pair_with(struct simindex *si, uint32_t i, uint32_t j,
    struct pair *out)
{
	uint32_t ci, cj, k;
	const struct cpair *p = NULL;
	struct cpair one;

	if (!si->walked) {
		simindex_pairs(si, NULL, NULL);
		build_neighbours(si);
	}
	ci = si->canon[i];
	cj = si->canon[j];
	if (i == j || si->size[i] == 0)
		return 0;
	if (ci == cj) {
		memset(&one, 0, sizeof(one));
		one.a = i;
		one.b = j;
		one.by = SIM_JACCARD;
		one.shared = si->size[i];
		one.ev = NONE;
		full_pair(si, &one, out);
		return 1;
	}
	if (si->walked) {
		/* The walk keeps each item's pair with its representative. */
		if (covers(&si->wpair[ci], ci, cj))
			p = &si->wpair[ci];
		else if (covers(&si->wpair[cj], ci, cj))
			p = &si->wpair[cj];
	}
	for (k = 0; !si->walked && k < si->nstart[ci + 1] - si->nstart[ci];
	    k++)
		if (other(si, ci, si->nbr[si->nstart[ci] + k]) == cj) {
			p = &si->pairs[si->nbr[si->nstart[ci] + k]];
			break;
		}
	if (p == NULL)
		return 0;
	full_pair(si, p, out);
	if (p->a != ci)
		turn(out);
	out->a = i;
	out->b = j;
	return 1;
}

void
simindex_stats(const struct simindex *si, struct sim_stats *st)
{
	*st = si->st;
	st->items = si->nitems;
	st->bands = si->bands;
	st->rows = si->rows;
	st->bytes = si->capitems * (sizeof(*si->size) + sizeof(*si->canon) +
	    (si->sig != NULL ? (size_t)si->opts.k * sizeof(*si->sig) +
	    (size_t)si->bands * sizeof(*si->skey) : 0)) +
	    si->capsame * sizeof(*si->same) + si->npairs *
	    sizeof(*si->pairs) + (si->sets != NULL ?
	    setstore_bytes(si->sets) : 0);
}

/*
 * simindex_walk's look-up of the lists above an item: each item's
 * entries in a postings, in the order of their keys (the order of its
 * fingerprints), with where its key's list ends.  The items above item
 * e in the list of its k-th key are p->item[at[first[e] + k] + 1 ..
 * end[first[e] + k]).  postings_places keeps no place for the first
 * item of a key, and finding each key again costs a binary search in a
 * bucket of memory not cached, per key of each representative: 29% of
 * --dedup's CPU on the 50 MB bench slice, where most keys were dropped
 * (one item's) and the search found nothing.  8 bytes an entry.
 */
struct above {
	uint32_t	*first;		/* nitems + 2 */
	uint32_t	*at, *end;
};

static void
above_places(struct above *a, const struct postings *p, uint32_t nitems)
{
	size_t b, nb = p->dir != NULL ? (size_t)1 << p->dbits : 0;
	uint32_t x, y, z, e;
	int fill;

	/* Counts go two ahead, as in postings_places. */
	a->first = xcalloc((size_t)nitems + 2, sizeof(*a->first));
	for (fill = 0; fill < 2; fill++) {
		if (fill) {
			for (e = 2; e < nitems + 2; e++)
				a->first[e] += a->first[e - 1];
			a->at = xreallocarray(NULL,
			    (size_t)a->first[nitems + 1] + 1, sizeof(*a->at));
			a->end = xreallocarray(NULL,
			    (size_t)a->first[nitems + 1] + 1, sizeof(*a->end));
		}
		for (b = 0; b < nb; b++)
			for (x = p->dir[b]; x < p->dir[b + 1]; x = y) {
				for (y = x + 1; y < p->dir[b + 1] &&
				    p->low[y] == p->low[x]; y++)
					;
				for (z = x; z < y; z++) {
					if (!fill) {
						a->first[p->item[z] + 2]++;
						continue;
					}
					e = a->first[p->item[z] + 1]++;
					a->at[e] = z;
					a->end[e] = y;
				}
			}
	}
}

static void
above_free(struct above *a)
{
	free(a->first);
	free(a->at);
	free(a->end);
	memset(a, 0, sizeof(*a));
}

/*
 * simindex_walk: the representative's scratch, beside a worker's (whose
 * item_pairs finds its partners below it, as find_pairs does).
 */
struct walk {
	struct simindex	*si;
	struct worker	 w;
	uint32_t	*rep;
	int		(*check)(void *, struct pair *);
	void		*arg;
	struct setread	 cur;		/* the representative's set */
	struct above	 pabove, labove;	/* of the probe, of LSH */
	uint32_t	*kx, *ky;	/* its probe keys' lists above it */
	size_t		 capkx, capky;
	uint32_t	 skip[RANKS];	/* the keys whose lists are not read */
	uint32_t	 skiplen[RANKS];
	uint32_t	 nskip;
	uint64_t	*mark;		/* per number: stamp, hits, LSH_HIT */
	uint32_t	*touched;
	uint32_t	 stamp;
	uint32_t	 need[NEED_MEMO];	/* walk_need's, by v's size, */
	uint32_t	 needtag[NEED_MEMO];	/* for the stamp here */
	uint64_t	 npairs;	/* items paired with a representative */
};

/*
 * Note in ws->mark the items p->item[x .. y) but me, counting a hit
 * unless lsh.
 */
static void
mark_range(struct walk *ws, const struct postings *p, uint32_t x,
    uint32_t y, uint32_t me, int lsh, uint32_t *nt)
{
	uint64_t m, stamp = (uint64_t)ws->stamp << 32;
	uint32_t e;

	ws->w.scanned += y - x;
	for (; x < y; x++) {
		if ((e = p->item[x]) == me)
			continue;
		m = ws->mark[e];
		if ((m >> 32) != ws->stamp) {
			m = stamp;
			ws->touched[(*nt)++] = e;
		}
		ws->mark[e] = (m | (lsh ? LSH_HIT : 0)) + (lsh ? 0 : 1);
	}
}

/*
 * Note in ws->mark the items that hold key in p, numbered above me (all
 * but me when all), counting a hit unless lsh.
 */
static void
mark_above(struct walk *ws, const struct postings *p, uint32_t key,
    uint32_t me, int all, int lsh, uint32_t *nt)
{
	uint32_t lo, hi, x;

	postings_find(p, key, &lo, &hi);
	x = all ? lo : lo + sim_count_below(p->item + lo, hi - lo, me + 1);
	mark_range(ws, p, x, hi, me, lsh, nt);
}

static uint32_t skipped_hits(const struct walk *, uint32_t);

/*
 * Note in ws->mark the items numbered above me that share probe keys
 * with c, of nf fingerprints (in ws->cur), but for the lists of its
 * ws->nskip longest keys: every partner above needs at least least hits
 * (sim_need_least), and one with least hits or more is in one of the
 * others; skipped_hits adds those lists' hits.  The one exception is
 * item 0, which find_pairs takes with any hit (walk_need): noted here.
 */
static void
probe_above(struct walk *ws, uint32_t c, uint32_t me, uint32_t nf,
    uint32_t *nt)
{
	struct simindex *si = ws->si;
	const struct postings *p = ws->w.probe;
	uint32_t k, n, lo, least, nskip = 0, e0, x0;

	/* Its keys that more than one item holds, in the order of its
	 * fingerprints: the others' lists are empty. */
	x0 = ws->pabove.first[me];
	n = ws->pabove.first[me + 1] - x0;
	ws->kx = xroom(ws->kx, &ws->capkx, n + 1, sizeof(*ws->kx));
	ws->ky = xroom(ws->ky, &ws->capky, n + 1, sizeof(*ws->ky));
	for (k = 0; k < n; k++) {
		ws->kx[k] = ws->pabove.at[x0 + k] + 1;
		ws->ky[k] = ws->pabove.end[x0 + k];
	}
	least = sim_need_least(&si->opts, si->size[c], si->size[c],
	    si->smax);
	for (k = 0; least > 1 && k < n; k++)
		if (ws->ky[k] - ws->kx[k] >= LONG)
			nskip = sim_keep_longest(ws->skip, ws->skiplen, nskip,
			    least - 1 < RANKS ? least - 1 : RANKS, k,
			    ws->ky[k] - ws->kx[k]);
	ws->nskip = nskip;
	sim_sort_places(ws->skip, ws->skiplen, nskip);
	for (k = 0, lo = 0; k < n; k++) {
		if (lo < nskip && ws->skip[lo] == k) {
			lo++;
			continue;
		}
		mark_range(ws, p, ws->kx[k], ws->ky[k], me, 0, nt);
	}
	/* Item 0, if above me and in no list read, with its hits. */
	if (nskip == 0 || ws->w.byrate || si->size[c] >= NEED_MEMO ||
	    si->pos[0] == NONE || (e0 = si->pos[0]) <= me ||
	    (ws->mark[e0] >> 32) == ws->stamp || skipped_hits(ws, e0) == 0)
		return;
	ws->mark[e0] = (uint64_t)ws->stamp << 32;
	ws->touched[(*nt)++] = e0;
}

/* The hits of e in the lists probe_above skipped. */
static uint32_t
skipped_hits(const struct walk *ws, uint32_t e)
{
	const uint32_t *item = ws->w.probe != NULL ? ws->w.probe->item : NULL;
	uint32_t k, x, y, hits = 0;

	for (k = 0; k < ws->nskip; k++) {
		x = ws->kx[ws->skip[k]];
		y = ws->ky[ws->skip[k]];
		x += sim_count_below(item + x, y - x, e);
		hits += x < y && item[x] == e;
	}
	return hits;
}

/*
 * Would find_pairs make the item numbered me a candidate of the larger
 * one numbered e, which shares hits keys of the probe with it, and needs
 * need?  From e, read_places reads its long lists only up to their cuts,
 * and item_pairs takes a partner with hits >= need among all its lists
 * when it has at least need, or 1 + SLACK, in the lists read for it.
 */
static int
probe_candidate(struct walk *ws, uint32_t me, uint32_t e, uint32_t hits,
    uint32_t need)
{
	const struct postings *p = ws->w.probe;
	uint32_t ck[RANKS], cl[RANKS], nc, t, x, y, read = hits;

	if (hits == 0 || hits < need)
		return 0;
	if (!ws->si->opts.exact) {
		nc = long_lists(&ws->w, p, e, ws->si->psize[e], ck, cl);
		for (t = 0; t < nc; t++) {
			if (cl[t] > me)
				continue;	/* read as far as me */
			x = p->start[ck[t]];
			y = p->at[ck[t]];
			x += sim_count_below(p->item + x, y - x, me);
			read -= x < y && p->item[x] == me;
		}
	}
	if (need > 1 + SLACK)
		need = 1 + SLACK;
	return read >= (need > 0 ? need : 1);
}

/*
 * The hits find_pairs's item v needs of a partner of size s, its
 * smaller: need_of's, whose memory holds 0 for every size while item 0
 * is compared, the first item of worker 0.
 */
static uint32_t
walk_need(struct walk *ws, uint32_t s, uint32_t v)
{
	const struct simindex *si = ws->si;

	if (v == 0 && !ws->w.byrate && s < NEED_MEMO)
		return 0;
	if (si->size[v] >= NEED_MEMO)
		return sim_need(&si->opts, s, si->size[v]);
	/* s is the representative's, the same for a stamp: as need_of,
	 * one sim_need a size, not one a candidate (5% of the walk). */
	if (ws->needtag[si->size[v]] != ws->stamp) {
		ws->needtag[si->size[v]] = ws->stamp;
		ws->need[si->size[v]] = sim_need(&si->opts, s, si->size[v]);
	}
	return ws->need[si->size[v]];
}

/*
 * Put canonical item x, paired with the representative u by p (of
 * canonical items), in u's cluster when it is not in one and the pair
 * is reported: decided by the thresholds, or by its passages when
 * ws->check keeps it (as simindex_check).
 */
static void
walk_join(struct walk *ws, uint32_t u, uint32_t x, struct cpair *p)
{
	struct simindex *si = ws->si;
	struct pair full;
	uint32_t i;

	if (ws->rep[x] != NONE || p->by == SIM_NO)
		return;
	if (p->by == SIM_CHECK) {
		if (ws->check == NULL)
			return;
		full_pair(si, p, &full);
		if (!ws->check(ws->arg, &full))
			return;
		si->evs = xroom(si->evs, &si->capevs, si->nevs + 1,
		    sizeof(*si->evs));
		si->evs[si->nevs] = full.ev;
		p->ev = (uint32_t)si->nevs++;
		p->by = SIM_PASSAGES;
	}
	si->wpair[x] = *p;
	for (i = si->mstart[x]; i < si->mstart[x + 1]; i++)
		ws->rep[si->member[i]] = u;
	ws->npairs += members(si, x);
}

/* The pair of canonical items c and x sharing shared, as find_pairs's. */
static void
walk_pair(const struct simindex *si, uint32_t c, uint32_t x,
    uint32_t shared, struct cpair *p)
{
	memset(p, 0, sizeof(*p));
	p->a = c < x ? c : x;
	p->b = c < x ? x : c;
	p->shared = shared;
	p->ev = NONE;
	p->by = (unsigned char)sim_verdict(&si->opts, shared, si->size[p->a],
	    si->size[p->b]);
}

/*
 * The cluster of representative u, canonical c, compared: the partners
 * find_pairs finds from c (those numbered below it, by size), and those
 * it finds from the items above c that have c as a candidate.
 */
static void
walk_from(struct walk *ws, uint32_t u, uint32_t c)
{
	struct simindex *si = ws->si;
	struct worker *w = &ws->w;
	struct cpair p;
	uint64_t nfound = 0;
	uint32_t me, n, nf, k, nt = 0, t, e, v, hits, m, shared, need;
	size_t q;

	w->npairs = 0;
	if (si->opts.estimate) {
		/* The estimate mode: every item sharing a bucket. */
		if (++ws->stamp == 0)
			ws->stamp = 1;
		for (k = 0; k < si->bands; k++)
			mark_above(ws, w->lsh, si->skey[(size_t)c * si->bands +
			    k], c, 1, 1, &nt);
		for (t = 0; t < nt; t++) {
			e = ws->touched[t];
			if (ws->rep[e] != NONE)
				continue;
			w->candidates++;
			walk_pair(si, c, e, estimate_shared(si, c, e), &p);
			walk_join(ws, u, e, &p);
		}
		return;
	}
	if (c == 0)
		/* find_pairs's worker 0 compares item 0 first, with every
		 * need it remembers at 0 (need_of): so does the walk. */
		memset(w->needtag, 0, sizeof(w->needtag));
	item_pairs(w, c, si->size[c], &nfound);
	for (q = 0; q < w->npairs; q++)
		walk_join(ws, u, w->pairs[q].a == c ? w->pairs[q].b :
		    w->pairs[q].a, &w->pairs[q]);
	me = si->pos[c];
	n = si->size[c];
	nf = setstore_get(si->sets, c, &ws->cur);
	if (++ws->stamp == 0)
		ws->stamp = 1;
	if (w->probe != NULL)
		probe_above(ws, c, me, nf, &nt);
	for (k = ws->labove.first[me]; w->lsh != NULL &&
	    k < ws->labove.first[me + 1]; k++)
		mark_range(ws, w->lsh, ws->labove.at[k] + 1,
		    ws->labove.end[k], me, 1, &nt);
	for (t = 0; t < nt; t++) {
		e = ws->touched[t];
		v = si->order[e];
		if (ws->rep[v] != NONE)
			continue;
		if (!((uint32_t)ws->mark[e] & LSH_HIT)) {
			/* Most share a key or two: no search for them. */
			hits = (uint32_t)ws->mark[e];
			need = walk_need(ws, n, v);
			if (hits + ws->nskip < need)
				continue;
			hits += skipped_hits(ws, e);
			if (!probe_candidate(ws, me, e, hits, need))
				continue;
		}
		w->candidates++;
		m = setstore_get(si->sets, v, &w->other);
		shared = sim_intersect(ws->cur.fp, nf, w->other.fp, m);
		walk_pair(si, c, v, shared, &p);
		walk_join(ws, u, v, &p);
	}
}

const uint32_t *
simindex_walk(struct simindex *si, const uint32_t *pref,
    int (*check)(void *arg, struct pair *), void *arg)
{
	struct postings probe = { 0 }, lsh = { 0 };
	struct walk ws;
	uint32_t r, u, c, i, n = si->nitems, ncmp;

	memset(&ws, 0, sizeof(ws));
	ws.si = si;
	ws.check = check;
	ws.arg = arg;
	ws.cur = (struct setread)SETREAD_INIT(0);
	prepare(si, &probe, &lsh);
	si->walked = 1;
	worker_init(si, &ws.w, 0, 1, &probe, &lsh);
	ncmp = si->opts.estimate ? n : si->npos;
	ws.w.mark = xcalloc((size_t)ncmp + 1, sizeof(*ws.w.mark));
	ws.w.touched = xreallocarray(NULL, (size_t)ncmp + 1,
	    sizeof(*ws.w.touched));
	ws.w.cuts = xcalloc(CUT_MEMO, sizeof(*ws.w.cuts));
	ws.mark = xcalloc((size_t)ncmp + 1, sizeof(*ws.mark));
	ws.touched = xreallocarray(NULL, (size_t)ncmp + 1,
	    sizeof(*ws.touched));
	ws.rep = xreallocarray(NULL, (size_t)n + 1, sizeof(*ws.rep));
	ws.w.rep = ws.rep;
	if (!si->opts.estimate) {
		above_places(&ws.pabove, &probe, si->npos);
		above_places(&ws.labove, &lsh, si->npos);
	}
	si->wpair = xcalloc((size_t)n + 1, sizeof(*si->wpair));
	for (i = 0; i < n; i++)
		ws.rep[i] = NONE;
	for (r = 0; r < n; r++) {
		if (si->progress != NULL && r % PROGRESS_EVERY == 0 && r > 0)
			si->progress(si->progress_arg, r, n, ws.npairs);
		u = pref != NULL ? pref[r] : r;
		if (ws.rep[u] != NONE)
			continue;
		/* u is the best item left: it stands for its set and for
		 * every set paired with it that no better item took. */
		c = si->canon[u];
		for (i = si->mstart[c]; i < si->mstart[c + 1]; i++)
			ws.rep[si->member[i]] = u;
		ws.npairs += si->size[c] > 0 ? members(si, c) - 1 : 0;
		if (compared(si, c))
			walk_from(&ws, u, c);
	}
	if (si->progress != NULL)
		si->progress(si->progress_arg, n, n, ws.npairs);
	si->st.scanned += ws.w.scanned;
	si->st.candidates += ws.w.candidates;
	si->st.pairs = ws.npairs;
	setread_free(&ws.cur);
	setread_free(&ws.w.cur);
	setread_free(&ws.w.other);
	free(ws.w.mark);
	free(ws.w.touched);
	free(ws.w.cuts);
	free(ws.w.pairs);
	free(ws.mark);
	free(ws.touched);
	above_free(&ws.pabove);
	above_free(&ws.labove);
	free(ws.kx);
	free(ws.ky);
	unprepare(si, &probe, &lsh);
	free(si->cluster);
	si->cluster = ws.rep;
	return ws.rep;
}
