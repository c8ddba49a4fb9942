/*
 * simindex.c - see simindex.h.
 *
 * simindex_pairs visits the non-empty items in rank order (by set size, then
 * item number) and, for item i, collects in one pass every item j ranked
 * before it that shares a probe posting or an LSH bucket: posting lists hold
 * ranks in ascending order, so the walk stops at i's own rank and each pair
 * is seen once, from its larger item.  A stamp per rank replaces a set of
 * seen pairs, so the pass needs no memory per candidate.
 */
#include <assert.h>
#include <err.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sim/minhash.h"
#include "sim/shingle.h"
#include "sim/simindex.h"
#include "base/util.h"

#define NONE		UINT32_MAX
#define LSH_HIT		0x80000000u	/* in mark[]: shares an LSH bucket */
#define PREFETCH	16		/* look-ups in flight */

/* An inverted index: 32-bit key -> ascending list of ranks. */
struct postings {
	uint64_t	*slot;		/* hash table: key << 32 | list number */
	uint32_t	 shift;		/* 32 - log2(slots) */
	uint64_t	*bits;		/* bitmap of heavy keys */
	uint32_t	 bitshift;	/* 32 - log2(bits in it) */
	uint32_t	*df;		/* per list: items holding the key */
	uint64_t	*start;		/* list l: entry[start[l] .. start[l+1]) */
	uint32_t	*entry;
	uint64_t	 nentry;
	uint64_t	 nlists;
};

struct simindex {
	struct sim_opts	 opts;
	struct shingler	*sh;
	struct minhash	*mh;
	unsigned	 bands, rows;
	uint32_t	 nitems, capitems;
	uint64_t	*off;		/* item i's fingerprints: fp[off[i]..] */
	uint32_t	*size;		/* and how many */
	uint64_t	*hash;		/* and sim_set_hash of them */
	uint32_t	*posted;	/* by rank: fingerprints in the probe index */
	uint32_t	*fp;
	uint64_t	 nfp, capfp;
	uint32_t	*sig;		/* k values per item, when sketching */
	int		 done;		/* pairs found */
	struct pair	*pairs;
	size_t		 npairs, cappairs;
	uint32_t	*cluster;	/* simindex_clusters: representatives */
	uint32_t	*canon;		/* the first item of each one's set */
	uint32_t	*mstart, *member; /* items of canonical c:
					   member[mstart[c] .. mstart[c+1]) */
	uint32_t	*nstart, *nbr;	/* pairs of canonical c: pairs[nbr[..]] */
	uint32_t	 ndup;		/* items whose set an earlier one has */
	struct pair	*xpairs;	/* the pairs of every item, with them */
	size_t		 nxpairs;
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
	if (si->opts.sample == 0)
		si->opts.sample = 1;
	if (si->opts.exact || si->opts.maxdf == 0)
		si->opts.maxdf = UINT32_MAX;
	si->sh = shingler_new(si->opts.n, si->opts.chars, si->opts.seed);
	if (si->opts.gen & SIM_GEN_LSH) {
		si->mh = minhash_new(si->opts.k, si->opts.seed);
		minhash_bands(si->opts.jaccard, si->opts.k, SIM_LSH_RECALL,
		    &si->bands, &si->rows);
	}
	return si;
}

static void
postings_free(struct postings *p)
{
	free(p->slot);
	free(p->df);
	free(p->bits);
	free(p->start);
	free(p->entry);
	memset(p, 0, sizeof(*p));
}

void
simindex_free(struct simindex *si)
{
	if (si == NULL)
		return;
	shingler_free(si->sh);
	minhash_free(si->mh);
	free(si->off);
	free(si->size);
	free(si->hash);
	free(si->fp);
	free(si->sig);
	free(si->pairs);
	free(si->cluster);
	free(si->canon);
	free(si->mstart);
	free(si->member);
	free(si->nstart);
	free(si->nbr);
	free(si->xpairs);
	free(si);
}

uint32_t
simindex_add(struct simindex *si, const char *text, size_t len)
{
	const uint64_t *set;
	size_t n, m, cap;
	uint32_t id, *fp, k = si->opts.k;

	assert(!si->done);
	if (si->nitems == si->capitems) {
		/* Arrays of one length: the others follow the first. */
		cap = si->capitems;
		si->off = xroom(si->off, &cap, (size_t)si->nitems + 1,
		    sizeof(*si->off));
		if (cap > UINT32_MAX)
			cap = UINT32_MAX;
		si->capitems = (uint32_t)cap;
		si->size = xreallocarray(si->size, si->capitems,
		    sizeof(*si->size));
		si->hash = xreallocarray(si->hash, si->capitems,
		    sizeof(*si->hash));
		if (si->mh != NULL)
			si->sig = xreallocarray(si->sig, si->capitems,
			    (size_t)k * sizeof(*si->sig));
	}
	id = si->nitems++;
	set = shingler_set(si->sh, text, len, &n);
	if (si->mh != NULL)
		minhash_sketch(si->mh, set, n, si->sig + (size_t)id * k);
	si->off[id] = si->nfp;
	if (si->opts.estimate) {
		si->size[id] = (uint32_t)n;
		si->hash[id] = 0;
		si->st.shingles += n;
		return id;
	}
	si->fp = xroom(si->fp, &si->capfp, si->nfp + n, sizeof(*si->fp));
	fp = si->fp + si->nfp;
	m = sim_fingerprints(set, n, fp);
	si->size[id] = (uint32_t)m;
	si->hash[id] = sim_set_hash(fp, m);
	si->nfp += m;
	si->st.shingles += m;
	return id;
}

uint32_t
simindex_size(const struct simindex *si, uint32_t i)
{
	return si->size[i];
}

/* Fibonacci hashing for the table slot, unrelated to sim_post_hash's. */
static uint32_t
slot_of(const struct postings *p, uint32_t key)
{
	return (uint32_t)(key * 0x9E3779B1u) >> p->shift;
}

/*
 * Memory for a hash table that is read at random: on 2 MB pages where the
 * kernel gives them on request, since with 4 KB pages nearly every look-up
 * in a table of hundreds of megabytes also misses the TLB (measured: the
 * pairs pass on 93,000 generated items went from 9.7 to 8.9 s of CPU).
 */
static void *
table_alloc(size_t n)
{
	const size_t huge = 2 << 20;
	void *p;

	if (n < huge)
		return xmalloc(n);
	if (posix_memalign(&p, huge, n) != 0)
		err(1, "posix_memalign %zu bytes", n);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n, MADV_HUGEPAGE);
#endif
	return p;
}

/*
 * Build p from n packed (key << 32 | rank) values in ascending rank order;
 * pk is left holding (list << 32 | rank).  A slot holds key and list
 * together, so a look-up costs one cache miss.
 */
static void
postings_build(struct postings *p, uint64_t *pk, uint64_t n)
{
	uint64_t i, nslots, nlists = 0, l;
	uint32_t s, key, bits;

	for (bits = 4; bits < 32 && ((uint64_t)1 << bits) < n + n / 2; bits++)
		;
	nslots = (uint64_t)1 << bits;
	p->shift = 32 - bits;
	p->slot = table_alloc(nslots * sizeof(*p->slot));
	memset(p->slot, 0xFF, nslots * sizeof(*p->slot));
	p->start = xcalloc(n + 2, sizeof(*p->start));
	for (i = 0; i < n; i++) {
		key = (uint32_t)(pk[i] >> 32);
		for (s = slot_of(p, key); (uint32_t)p->slot[s] != NONE &&
		    p->slot[s] >> 32 != key; s = (s + 1) & (nslots - 1))
			;
		if ((uint32_t)p->slot[s] == NONE)
			p->slot[s] = (uint64_t)key << 32 | nlists++;
		l = (uint32_t)p->slot[s];
		p->start[l + 2]++;
		pk[i] = l << 32 | (uint32_t)pk[i];
	}
	/* Counts sit one ahead so the fill below leaves start[] right. */
	for (l = 2; l < nlists + 2; l++)
		p->start[l] += p->start[l - 1];
	p->entry = xreallocarray(NULL, n ? n : 1, sizeof(*p->entry));
	for (i = 0; i < n; i++)
		p->entry[p->start[(pk[i] >> 32) + 1]++] = (uint32_t)pk[i];
	p->nentry = n;
	p->nlists = nlists;
}

static uint32_t
bit_of(const struct postings *p, uint32_t key)
{
	return (uint32_t)(key * 0x85EBCA77u) >> p->bitshift;
}

static int
bit_get(const struct postings *p, uint32_t key)
{
	uint32_t b = bit_of(p, key);

	return (p->bits[b / 64] >> (b % 64)) & 1;
}

/* Mark in a bitmap the keys posted at least min times. */
static void
postings_mark(struct postings *p, uint64_t nlists, uint64_t min)
{
	uint64_t l, heavy = 0, s, nslots = (uint64_t)1 << (32 - p->shift);
	uint32_t bits, b;

	for (l = 0; l < nlists; l++)
		heavy += p->start[l + 1] - p->start[l] >= min;
	/* 16 bits a key: a false hit, one wasted look-up, 1 time in 16. */
	for (bits = 9; bits < 32 && ((uint64_t)1 << bits) < 16 * heavy; bits++)
		;
	p->bitshift = 32 - bits;
	p->bits = xcalloc(((uint64_t)1 << bits) / 64, sizeof(*p->bits));
	for (s = 0; s < nslots; s++) {
		l = (uint32_t)p->slot[s];
		if (l != NONE && p->start[l + 1] - p->start[l] >= min) {
			b = bit_of(p, (uint32_t)(p->slot[s] >> 32));
			p->bits[b / 64] |= (uint64_t)1 << (b % 64);
		}
	}
}

/* The list number of key, or NONE. */
static uint32_t
postings_find(const struct postings *p, uint32_t key)
{
	uint32_t s, mask = (uint32_t)((1ULL << (32 - p->shift)) - 1);

	for (s = slot_of(p, key); (uint32_t)p->slot[s] != NONE;
	    s = (s + 1) & mask)
		if (p->slot[s] >> 32 == key)
			return (uint32_t)p->slot[s];
	return NONE;
}

/* The ranks in list l, ascending. */
static const uint32_t *
postings_list(const struct postings *p, uint32_t l, uint64_t *np)
{
	*np = p->start[l + 1] - p->start[l];
	return p->entry + p->start[l];
}

static const uint32_t *
item_fp(const struct simindex *si, uint32_t i)
{
	return si->fp + si->off[i];
}

/*
 * One thread's share of simindex_pairs: ranks first, first + step, ...,
 * with its own scratch and its own pairs, merged when all are done.
 */
struct worker {
	struct simindex		*si;
	const struct postings	*probe, *lsh;
	const uint32_t		*order;
	uint32_t		 first, step;
	uint32_t		*mark;	/* per rank: stamp, hits (one miss) */
	uint32_t		*touched;
	uint32_t		*lists;		/* list of each fingerprint */
	size_t			 caplists;
	uint32_t		*df;		/* common-phrase pass */
	uint32_t		*bandkey;	/* this item's LSH keys */
	struct pair		*pairs;
	size_t			 npairs, cappairs;
	uint64_t		 scanned, candidates;
};

/* Keep the pair when it passes; returns whether it did. */
static int
add_pair(struct worker *w, uint32_t x, uint32_t y, uint32_t shared)
{
	const struct simindex *si = w->si;
	struct pair *pr;
	uint32_t a = x < y ? x : y, b = x < y ? y : x;

	int by;

	if ((by = sim_verdict(&si->opts, shared, si->size[a],
	    si->size[b])) == SIM_NO)
		return 0;
	w->pairs = xroom(w->pairs, &w->cappairs, w->npairs + 1,
	    sizeof(*w->pairs));
	pr = &w->pairs[w->npairs++];
	memset(pr, 0, sizeof(*pr));
	pr->a = a;
	pr->b = b;
	pr->by = by;
	pair_figures(pr, shared, si->size[a], si->size[b]);
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

/*
 * Rank order: by size, then by set hash, then by number.  The hash and not
 * the number decides between different sets of one size, so that simkv,
 * which has ids and no numbers, ranks them the same way; items tied on
 * both hold the same set, for which the order changes nothing.
 */
static int
cmp_rank(const void *a, const void *b, void *arg)
{
	const struct simindex *si = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (si->size[x] != si->size[y])
		return si->size[x] < si->size[y] ? -1 : 1;
	if (si->hash[x] != si->hash[y])
		return si->hash[x] < si->hash[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/*
 * w->lists[f] = the probe list of item i's fingerprint f, or NONE.  The
 * look-ups are random reads of a table far larger than the cache, so the
 * slot a few fingerprints ahead is fetched early.
 */
static void
item_lists(struct worker *w, uint32_t i)
{
	const struct postings *p = w->probe;
	const uint32_t *fp = item_fp(w->si, i);
	uint32_t f, n = w->si->size[i];

	w->lists = xroom(w->lists, &w->caplists, n, sizeof(*w->lists));
	for (f = 0; f < n && f < PREFETCH; f++)
		__builtin_prefetch(&p->slot[slot_of(p, fp[f])]);
	for (f = 0; f < n; f++) {
		if (f + PREFETCH < n)
			__builtin_prefetch(&p->slot[slot_of(p,
			    fp[f + PREFETCH])]);
		w->lists[f] = postings_find(p, fp[f]);
	}
}

/* A key held by more than maxdf items is a common phrase. */
static int
common_phrase(const struct simindex *si, const struct postings *p,
    uint32_t l)
{
	return p->df != NULL && sim_common(&si->opts, p->df[l],
	    p->start[l + 1] - p->start[l]);
}

/*
 * Count, for each key posted by at least SIM_HEAVY items, the items that
 * hold it (up to maxdf + 1).  A key posted by fewer costs at most SIM_HEAVY
 * entries per look-up however common it is, so it needs no count; the heavy
 * keys are marked in a bitmap small enough for the cache, and only a
 * fingerprint that hits the bitmap pays for a look-up in the table.
 */
static void *
work_df(void *arg)
{
	struct worker *w = arg;
	const struct postings *p = w->probe;
	const uint32_t *fp;
	uint32_t r, f, l, i, cap = w->si->opts.maxdf;

	w->df = xcalloc(p->nentry + 1, sizeof(*w->df));
	for (r = w->first; r < w->si->nitems; r += w->step) {
		i = w->order[r];
		fp = item_fp(w->si, i);
		for (f = 0; f < w->si->size[i]; f++) {
			if (!bit_get(p, fp[f]))
				continue;
			l = postings_find(p, fp[f]);
			if (l != NONE && w->df[l] <= cap)
				w->df[l]++;
		}
	}
	return NULL;
}

/* Note in mark[] every item ranked before r that shares list[0..len). */
static void
touch(struct worker *w, const uint32_t *list, uint64_t len, uint32_t r,
    uint32_t *nt, uint32_t add)
{
	uint64_t x;
	uint32_t e;

	for (x = 0; x < len && (e = list[x]) < r; x++) {
		if (w->mark[2 * e] != r + 1) {
			w->mark[2 * e] = r + 1;
			w->mark[2 * e + 1] = 0;
			w->touched[(*nt)++] = e;
		}
		w->mark[2 * e + 1] = add == LSH_HIT ?
		    w->mark[2 * e + 1] | LSH_HIT : w->mark[2 * e + 1] + 1;
	}
	w->scanned += x;
}

/* Find, verify and keep the pairs of each of w's items with smaller ones. */
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

static void *
work_pairs(void *arg)
{
	struct worker *w = arg;
	struct simindex *si = w->si;
	const uint32_t *list, *fp;
	uint32_t r, i, j, e, t, f, b, nt, shared, k = si->opts.k;
	uint64_t len, ndone = 0, nfound = 0;
	size_t n1 = (size_t)si->nitems + 1;

	w->mark = xcalloc(2 * n1, sizeof(*w->mark));
	w->touched = xreallocarray(NULL, n1, sizeof(*w->touched));
	w->bandkey = xreallocarray(NULL, si->bands + 1, sizeof(*w->bandkey));
	for (r = w->first; r < si->nitems; r += w->step) {
		if (++ndone == PROGRESS_EVERY)
			report(w, &ndone, &nfound);
		i = w->order[r];
		if (si->size[i] == 0)
			continue;
		nt = 0;
		fp = item_fp(si, i);
		if (w->probe != NULL) {
			item_lists(w, i);
			for (f = 0; f < si->size[i]; f++) {
				if (w->lists[f] == NONE ||
				    common_phrase(si, w->probe, w->lists[f]))
					continue;
				list = postings_list(w->probe, w->lists[f],
				    &len);
				touch(w, list, len, r, &nt, 1);
			}
		}
		for (b = 0; w->lsh != NULL && b < si->bands; b++) {
			w->bandkey[b] = minhash_band_key(si->sig + (size_t)i *
			    k + (size_t)b * si->rows, b, si->rows);
			__builtin_prefetch(&w->lsh->slot[slot_of(w->lsh,
			    w->bandkey[b])]);
		}
		for (b = 0; w->lsh != NULL && b < si->bands; b++) {
			e = postings_find(w->lsh, w->bandkey[b]);
			if (e == NONE)
				continue;
			list = postings_list(w->lsh, e, &len);
			touch(w, list, len, r, &nt, LSH_HIT);
		}
		for (t = 0; t < nt; t++) {
			e = w->touched[t];
			j = w->order[e];
			shared = w->mark[2 * e + 1] & ~LSH_HIT;
			if (!(w->mark[2 * e + 1] & LSH_HIT) &&
			    !si->opts.exact &&
			    shared < sim_hits_needed(&si->opts, si->size[j],
			    si->size[i],
			    si->posted[e]))
				continue;
			w->candidates++;
			if (si->opts.estimate)
				shared = estimate_shared(si, i, j);
			else if (si->posted[e] < si->size[j])
				shared = sim_intersect(fp, si->size[i],
				    item_fp(si, j), si->size[j]);
			nfound += add_pair(w, i, j, shared);
		}
	}
	report(w, &ndone, &nfound);
	free(w->mark);
	free(w->touched);
	free(w->bandkey);
	return NULL;
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

/*
 * Post the probe sample (or, exactly, everything) of every item, then, unless
 * exact, find the common phrases and take them out of the samples.
 */
static void
build_probe(struct simindex *si, struct worker *w, unsigned nw,
    struct postings *p)
{
	uint64_t *pk = NULL, n = 0, cap = 0, below, f;
	const uint32_t *fp, *order = w->order;
	uint32_t r, i, t;

	for (r = 0; r < si->nitems; r++) {
		i = order[r];
		fp = item_fp(si, i);
		below = sim_post_below(&si->opts, si->size[i]);
		for (f = 0; f < si->size[i]; f++) {
			if (sim_post_hash(fp[f]) >= below)
				continue;
			si->posted[r]++;
			pk = xroom(pk, &cap, n + 1, sizeof(*pk));
			pk[n++] = (uint64_t)fp[f] << 32 | r;
		}
	}
	postings_build(p, pk, n);
	if (si->opts.maxdf != UINT32_MAX) {
		postings_mark(p, p->nlists, SIM_HEAVY);
		run_workers(w, nw, work_df);
		p->df = w[0].df;
		w[0].df = NULL;
		for (t = 1; t < nw; t++) {
			for (f = 0; f < n; f++)
				p->df[f] += w[t].df[f];
			free(w[t].df);
			w[t].df = NULL;
		}
		for (f = 0; f < n; f++)
			if (common_phrase(si, p, (uint32_t)(pk[f] >> 32)))
				si->posted[(uint32_t)pk[f]]--;
	}
	free(pk);
}

/* Post every band key of every non-empty item. */
static void
build_lsh(struct simindex *si, const uint32_t *order, struct postings *p)
{
	uint64_t *pk, n = 0;
	uint32_t r, i, b, k = si->opts.k;

	pk = xreallocarray(NULL, (size_t)si->nitems * si->bands + 1,
	    sizeof(*pk));
	for (r = 0; r < si->nitems; r++) {
		i = order[r];
		if (si->size[i] == 0)
			continue;
		for (b = 0; b < si->bands; b++)
			pk[n++] = (uint64_t)minhash_band_key(si->sig +
			    (size_t)i * k + (size_t)b * si->rows, b,
			    si->rows) << 32 | r;
	}
	postings_build(p, pk, n);
	free(pk);
}

/*
 * canon[i]: the first item (by number) whose fingerprint set is i's.  Equal
 * sets have one size and one hash, so they are neighbours in rank order;
 * the sets are compared, so a hash collision only leaves two apart.  And
 * the items of each canonical item, by number, in member[] from mstart[].
 */
static void
group_identical(struct simindex *si, const uint32_t *order)
{
	uint32_t r, i, c, n = si->nitems;

	si->canon = xreallocarray(NULL, n + 1, sizeof(*si->canon));
	for (r = 0; r < n; r++) {
		i = order[r];
		si->canon[i] = i;
		if (r == 0 || si->opts.estimate || si->size[i] == 0)
			continue;
		c = si->canon[order[r - 1]];
		if (si->size[c] == si->size[i] && si->hash[c] == si->hash[i] &&
		    memcmp(item_fp(si, c), item_fp(si, i), si->size[i] *
		    sizeof(uint32_t)) == 0)
			si->canon[i] = c;	/* ranks tie by number */
	}
	si->mstart = xcalloc((size_t)n + 2, sizeof(*si->mstart));
	for (i = 0; i < n; i++)
		si->mstart[si->canon[i] + 2]++;
	for (i = 2; i < n + 2; i++)
		si->mstart[i] += si->mstart[i - 1];
	si->member = xreallocarray(NULL, n + 1, sizeof(*si->member));
	for (i = 0; i < n; i++)
		si->member[si->mstart[si->canon[i] + 1]++] = i;
	for (i = 0; i < n; i++)
		si->ndup += si->canon[i] != i;
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
			n += (uint64_t)(si->mstart[si->pairs[i].a + 1] -
			    si->mstart[si->pairs[i].a]) *
			    (si->mstart[si->pairs[i].b + 1] -
			    si->mstart[si->pairs[i].b]);
	for (c = 0; c < si->nitems; c++) {
		k = si->mstart[c + 1] - si->mstart[c];
		n += k * (k - (k > 0)) / 2;
	}
	return n;
}

/* The work of simindex_pairs, done once. */
static void
find_pairs(struct simindex *si)
{
	struct postings probe = { 0 }, lsh = { 0 };
	struct worker *w;
	uint32_t *order, *saved, i;
	unsigned t, nw = si->opts.threads ? si->opts.threads : 1;
	size_t n;

	si->done = 1;
	order = xreallocarray(NULL, si->nitems + 1, sizeof(*order));
	for (i = 0; i < si->nitems; i++)
		order[i] = i;
	qsort_r(order, si->nitems, sizeof(*order), cmp_rank, si);
	/* Identical sets are compared once: the others of each set are
	 * left out (size 0) while the pairs are found, then put back. */
	group_identical(si, order);
	saved = xreallocarray(NULL, si->nitems + 1, sizeof(*saved));
	for (i = 0; i < si->nitems; i++)
		saved[i] = si->size[i];
	for (i = 0; i < si->nitems; i++)
		if (si->canon[i] != i)
			si->size[i] = 0;
	si->posted = xcalloc(si->nitems + 1, sizeof(*si->posted));
	w = xcalloc(nw, sizeof(*w));
	for (t = 0; t < nw; t++) {
		w[t].si = si;
		w[t].order = order;
		w[t].first = t;
		w[t].step = nw;
		w[t].probe = si->opts.gen & SIM_GEN_PROBE ? &probe : NULL;
		w[t].lsh = si->opts.gen & SIM_GEN_LSH ? &lsh : NULL;
	}
	if (si->opts.gen & SIM_GEN_PROBE)
		build_probe(si, w, nw, &probe);
	if (si->opts.gen & SIM_GEN_LSH)
		build_lsh(si, order, &lsh);
	si->st.postings = probe.nentry;
	run_workers(w, nw, work_pairs);
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
		free(w[t].lists);
	}
	si->cappairs = n + 1;
	if (si->npairs > 0)
		qsort(si->pairs, si->npairs, sizeof(*si->pairs), cmp_pair);
	for (i = 0; i < si->nitems; i++)
		si->size[i] = saved[i];
	si->st.pairs = count_pairs(si);
	free(saved);
	free(w);
	free(order);
	free(si->posted);
	si->posted = NULL;
	postings_free(&probe);
	postings_free(&lsh);
}

void
simindex_progress(struct simindex *si, sim_progress_fn *fn, void *arg)
{
	si->progress = fn;
	si->progress_arg = arg;
}

/* Keep pair p for items x and y, turned round when x > y. */
static void
add_xpair(struct simindex *si, size_t *cap, const struct pair *p,
    uint32_t x, uint32_t y)
{
	struct pair *q;
	double t;

	si->xpairs = xroom(si->xpairs, cap, si->nxpairs + 1,
	    sizeof(*si->xpairs));
	q = &si->xpairs[si->nxpairs++];
	*q = *p;
	q->a = x < y ? x : y;
	q->b = x < y ? y : x;
	if (x > y) {
		t = q->in_a, q->in_a = q->in_b, q->in_b = t;
		t = q->ev.covered_a, q->ev.covered_a = q->ev.covered_b,
		    q->ev.covered_b = t;
	}
}

/*
 * The pairs of every item: those of the canonical items, for each item of
 * their sets, and each two items of one set (Jaccard 1).  Quadratic in
 * the size of a set, as the output is.
 */
static void
expand(struct simindex *si)
{
	const struct pair *p;
	struct pair one;
	size_t cap = 0, k;
	uint32_t c, x, y, *mx, *my, nx, ny, i, j;

	free(si->xpairs);
	si->xpairs = NULL;
	si->nxpairs = 0;
	for (k = 0; k < si->npairs; k++) {
		p = &si->pairs[k];
		if (p->by == SIM_CHECK)
			continue;
		mx = si->member + si->mstart[p->a];
		nx = si->mstart[p->a + 1] - si->mstart[p->a];
		my = si->member + si->mstart[p->b];
		ny = si->mstart[p->b + 1] - si->mstart[p->b];
		for (i = 0; i < nx; i++)
			for (j = 0; j < ny; j++)
				add_xpair(si, &cap, p, mx[i], my[j]);
	}
	for (c = 0; c < si->nitems; c++) {
		nx = si->mstart[c + 1] - si->mstart[c];
		if (nx < 2)
			continue;
		memset(&one, 0, sizeof(one));
		one.by = SIM_JACCARD;
		pair_figures(&one, si->size[c], si->size[c], si->size[c]);
		mx = si->member + si->mstart[c];
		for (i = 0; i < nx; i++)
			for (j = i + 1; j < nx; j++) {
				x = mx[i];
				y = mx[j];
				add_xpair(si, &cap, &one, x, y);
			}
	}
	if (si->nxpairs > 1)
		qsort(si->xpairs, si->nxpairs, sizeof(*si->xpairs), cmp_pair);
}

void
simindex_pairs(struct simindex *si,
    void (*emit)(void *arg, const struct pair *), void *arg)
{
	const struct pair *p = si->pairs;
	size_t i, n;

	if (!si->done)
		find_pairs(si);
	if (emit == NULL)
		return;
	p = si->pairs;
	n = si->npairs;
	if (si->ndup > 0) {
		expand(si);
		p = si->xpairs;
		n = si->nxpairs;
	}
	for (i = 0; i < n; i++)
		if (p[i].by != SIM_CHECK)
			emit(arg, &p[i]);
}

void
simindex_check(struct simindex *si, int (*check)(void *arg, struct pair *),
    void *arg)
{
	size_t i, n = 0;

	if (!si->done)
		find_pairs(si);
	for (i = 0; i < si->npairs; i++) {
		if (si->pairs[i].by == SIM_CHECK && !check(arg, &si->pairs[i]))
			continue;
		if (si->pairs[i].by == SIM_CHECK)
			si->pairs[i].by = SIM_PASSAGES;
		si->pairs[n++] = si->pairs[i];
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
	rep = xreallocarray(NULL, si->nitems + 1, sizeof(*rep));
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

int
simindex_pair_with(struct simindex *si, uint32_t i, uint32_t j,
    struct pair *out)
{
	uint32_t ci, cj, k;
	const struct pair *p = NULL;

	simindex_pairs(si, NULL, NULL);
	build_neighbours(si);
	ci = si->canon[i];
	cj = si->canon[j];
	if (i == j || si->size[i] == 0)
		return 0;
	if (ci == cj) {
		memset(out, 0, sizeof(*out));
		out->by = SIM_JACCARD;
		pair_figures(out, si->size[i], si->size[i], si->size[i]);
	} else {
		for (k = si->nstart[ci]; k < si->nstart[ci + 1]; k++)
			if (other(si, ci, si->nbr[k]) == cj) {
				p = &si->pairs[si->nbr[k]];
				break;
			}
		if (p == NULL)
			return 0;
		*out = *p;
		if (p->a != ci) {
			double t = out->in_a;

			out->in_a = out->in_b;
			out->in_b = t;
			t = out->ev.covered_a;
			out->ev.covered_a = out->ev.covered_b;
			out->ev.covered_b = t;
		}
	}
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
	st->bytes = si->capfp * sizeof(*si->fp) + si->capitems *
	    (sizeof(*si->off) + sizeof(*si->size) +
	    (si->mh ? (size_t)si->opts.k * sizeof(*si->sig) : 0)) +
	    si->cappairs * sizeof(*si->pairs);
}
