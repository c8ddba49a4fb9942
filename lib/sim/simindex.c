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
#define PROBE_Z		4.0		/* sampled hits may fall this many sd */
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
	struct sim_pair	*pairs;
	size_t		 npairs, cappairs;
	uint32_t	*cluster;
	struct sim_stats st;
	sim_progress_fn	*progress;
	void		*progress_arg;
	atomic_uint_fast64_t compared, found;	/* by all workers, so far */
};

void
sim_opts_init(struct sim_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->n = SHINGLE_N;
	opts->k = MINHASH_K;
	opts->sample = 64;
	opts->maxdf = 1000;
	opts->jaccard = 0.5;
	opts->contain = 0.5;
	opts->gen = SIM_GEN_LSH | SIM_GEN_PROBE;
}

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

size_t
sim_fingerprints(const uint64_t *set, size_t n, uint32_t *fp)
{
	size_t i, m;

	/* The set is sorted, so its top halves are sorted too. */
	for (i = 0, m = 0; i < n; i++)
		if (m == 0 || (uint32_t)(set[i] >> 32) != fp[m - 1])
			fp[m++] = (uint32_t)(set[i] >> 32);
	return m;
}

uint64_t
sim_set_hash(const uint32_t *fp, size_t n)
{
	uint64_t h = n;
	size_t i;

	/* Values, not bytes, so the byte order does not matter. */
	for (i = 0; i < n; i++) {
		h = (h ^ fp[i]) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	return h;
}

uint32_t
simindex_size(const struct simindex *si, uint32_t i)
{
	return si->size[i];
}

/* MurmurHash3's 32-bit finaliser: decides which fingerprints are posted. */
static uint32_t
fmix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85EBCA6B;
	h ^= h >> 13;
	h *= 0xC2B2AE35;
	return h ^ (h >> 16);
}

/*
 * The posting threshold of an item of n shingles: fingerprint f is posted
 * when fmix32(f) < it, so the rate is min(1, sample / n).
 */
static uint64_t
post_below(const struct sim_opts *o, uint32_t n)
{
	if (o->exact || n <= o->sample)
		return (uint64_t)1 << 32;
	return ((uint64_t)o->sample << 32) / n;
}

int
sim_posts(const struct sim_opts *o, uint32_t fp, uint32_t n)
{
	return fmix32(fp) < post_below(o, n);
}

/* Fibonacci hashing for the table slot, unrelated to fmix32's choice. */
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

uint32_t
sim_intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	const uint32_t *t;
	size_t i = 0, j = 0, lo, hi, mid, tn;
	uint32_t c = 0, x, y;

	if (na > nb) {
		t = a, a = b, b = t;
		tn = na, na = nb, nb = tn;
	}
	if (nb / 16 > na) {
		/* Far apart in size: search each of the few in the many. */
		for (lo = 0; i < na && lo < nb; i++) {
			for (hi = nb; lo < hi;) {
				mid = lo + (hi - lo) / 2;
				if (b[mid] < a[i])
					lo = mid + 1;
				else
					hi = mid;
			}
			c += lo < nb && b[lo] == a[i];
		}
		return c;
	}
	while (i < na && j < nb) {
		x = a[i];
		y = b[j];
		c += x == y;
		i += x <= y;
		j += y <= x;
	}
	return c;
}

/*
 * The fewest probe hits a pair (j of s shingles, posted of them in the probe
 * index; i of S >= s) can have and still pass a threshold.  Passing needs
 * |A n B| >= jaccard (s + S) / (1 + jaccard) or >= contain s.  When j posts
 * every fingerprint, hits is |A n B| itself.  Otherwise the posted ones are
 * a uniform sample of j's, so hits is hypergeometric, with at most the
 * variance of a binomial over the posted ones: 4 standard deviations below
 * the mean at the threshold keep the chance of a miss near 1e-5 (for the
 * default sample of 32 and 0.5, 3 or fewer hits of 32 draws at one half),
 * while an unrelated pair sharing a few common phrases stays out.
 * Modelling hits as binomial over all shared shingles instead, which
 * ignores the known sample size, let 5.4 million of the 50 million pairs
 * of a 10,000-item generated corpus through to verification.
 */
uint32_t
sim_hits_needed(const struct sim_opts *o, uint32_t s, uint32_t S,
    uint32_t posted)
{
	double t = o->jaccard, c = o->contain, imin, share, mu;

	imin = t * (s + S) / (1.0 + t);
	if (c > 0 && c * s < imin)
		imin = c * s;
	if (posted >= s)
		return imin < 1 ? 1 : (uint32_t)ceil(imin - 1e-9);
	share = imin / s;
	mu = posted * share;
	mu -= PROBE_Z * sqrt(posted * share * (1 - share));
	return mu < 1 ? 1 : (uint32_t)mu;
}

int
sim_passes(const struct sim_opts *o, uint32_t shared, uint32_t na,
    uint32_t nb)
{
	double s = shared;

	if (shared == 0)
		return 0;
	return s / ((double)na + nb - s) >= o->jaccard || (o->contain > 0 &&
	    (s / na >= o->contain || s / nb >= o->contain));
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
	struct sim_pair		*pairs;
	size_t			 npairs, cappairs;
	uint64_t		 scanned, candidates;
};

/* Keep the pair when it passes; returns whether it did. */
static int
add_pair(struct worker *w, uint32_t x, uint32_t y, uint32_t shared)
{
	const struct simindex *si = w->si;
	struct sim_pair *pr;
	uint32_t a = x < y ? x : y, b = x < y ? y : x;
	double na = si->size[a], nb = si->size[b], j;

	j = shared / (na + nb - shared);
	if (!sim_passes(&si->opts, shared, si->size[a], si->size[b]))
		return 0;
	w->pairs = xroom(w->pairs, &w->cappairs, w->npairs + 1,
	    sizeof(*w->pairs));
	pr = &w->pairs[w->npairs++];
	pr->a = a;
	pr->b = b;
	pr->jaccard = j;
	pr->in_a = shared / na;
	pr->in_b = shared / nb;
	pr->shared = shared;
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
	const struct sim_pair *x = a, *y = b;

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

	if (n > w->caplists) {
		w->caplists = n + n / 2;
		free(w->lists);
		w->lists = xreallocarray(NULL, w->caplists, sizeof(*w->lists));
	}
	for (f = 0; f < n && f < PREFETCH; f++)
		__builtin_prefetch(&p->slot[slot_of(p, fp[f])]);
	for (f = 0; f < n; f++) {
		if (f + PREFETCH < n)
			__builtin_prefetch(&p->slot[slot_of(p,
			    fp[f + PREFETCH])]);
		w->lists[f] = postings_find(p, fp[f]);
	}
}

int
sim_common(const struct sim_opts *o, uint64_t holders, uint64_t posters)
{
	return posters >= SIM_HEAVY && holders > o->maxdf;
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
		below = post_below(&si->opts, si->size[i]);
		for (f = 0; f < si->size[i]; f++) {
			if (fmix32(fp[f]) >= below)
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

/* The work of simindex_pairs, done once. */
static void
find_pairs(struct simindex *si)
{
	struct postings probe = { 0 }, lsh = { 0 };
	struct worker *w;
	uint32_t *order, i;
	unsigned t, nw = si->opts.threads ? si->opts.threads : 1;
	size_t n;

	si->done = 1;
	order = xreallocarray(NULL, si->nitems + 1, sizeof(*order));
	for (i = 0; i < si->nitems; i++)
		order[i] = i;
	qsort_r(order, si->nitems, sizeof(*order), cmp_rank, si);
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
	si->st.pairs = si->npairs;
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

void
simindex_pairs(struct simindex *si,
    void (*emit)(void *arg, const struct sim_pair *), void *arg)
{
	size_t i;

	if (!si->done)
		find_pairs(si);
	for (i = 0; emit != NULL && i < si->npairs; i++)
		emit(arg, &si->pairs[i]);
}

static uint32_t
find_root(uint32_t *parent, uint32_t x)
{
	uint32_t r = x, t;

	while (parent[r] != r)
		r = parent[r];
	while (parent[x] != r) {	/* path compression */
		t = parent[x];
		parent[x] = r;
		x = t;
	}
	return r;
}

const uint32_t *
simindex_clusters(struct simindex *si)
{
	uint32_t *parent, i, x, y;
	size_t p;

	if (si->cluster != NULL)
		return si->cluster;
	simindex_pairs(si, NULL, NULL);
	parent = xreallocarray(NULL, si->nitems + 1, sizeof(*parent));
	for (i = 0; i < si->nitems; i++)
		parent[i] = i;
	for (p = 0; p < si->npairs; p++) {
		x = find_root(parent, si->pairs[p].a);
		y = find_root(parent, si->pairs[p].b);
		/* The smaller number becomes the root: the representative. */
		if (x < y)
			parent[y] = x;
		else if (y < x)
			parent[x] = y;
	}
	for (i = 0; i < si->nitems; i++)
		parent[i] = find_root(parent, i);
	si->cluster = parent;
	return parent;
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
