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
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "minhash.h"
#include "shingle.h"
#include "simindex.h"
#include "util.h"

#define NONE		UINT32_MAX
#define LSH_HIT		0x80000000u	/* in hits[]: shares an LSH bucket */
#define LSH_RECALL	0.99		/* banding's recall at the threshold */
#define PROBE_Z		4.0		/* sampled hits may fall this many sd */

/* An inverted index: 32-bit key -> ascending list of ranks. */
struct postings {
	uint32_t	*keys;		/* hash table slots: the key */
	uint32_t	*list;		/* and its list number, or NONE */
	uint32_t	 shift;		/* 32 - log2(slots) */
	uint64_t	*start;		/* list l: entry[start[l] .. start[l+1]) */
	uint32_t	*entry;
	uint64_t	 nentry;
};

struct simindex {
	struct sim_opts	 opts;
	struct shingler	*sh;
	struct minhash	*mh;
	unsigned	 bands, rows;
	uint32_t	 nitems, capitems;
	uint64_t	*off;		/* item i's fingerprints: fp[off[i]..] */
	uint32_t	*size;		/* and how many */
	uint32_t	*posted;	/* by rank: fingerprints in the probe index */
	uint32_t	*fp;
	uint64_t	 nfp, capfp;
	uint32_t	*sig;		/* k values per item, when sketching */
	int		 done;		/* pairs found */
	struct sim_pair	*pairs;
	size_t		 npairs, cappairs;
	uint32_t	*cluster;
	struct sim_stats st;
};

void
sim_opts_init(struct sim_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->n = SHINGLE_N;
	opts->k = MINHASH_K;
	opts->sample = 64;
	opts->maxpost = 2000;
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
	if (si->opts.exact || si->opts.maxpost == 0)
		si->opts.maxpost = UINT32_MAX;
	si->sh = shingler_new(si->opts.n, si->opts.chars, si->opts.seed);
	if (si->opts.gen & SIM_GEN_LSH) {
		si->mh = minhash_new(si->opts.k, si->opts.seed);
		minhash_bands(si->opts.jaccard, si->opts.k, LSH_RECALL,
		    &si->bands, &si->rows);
	}
	return si;
}

static void
postings_free(struct postings *p)
{
	free(p->keys);
	free(p->list);
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
	size_t n, i, m;
	uint32_t id, *fp, k = si->opts.k;

	assert(!si->done);
	if (si->nitems == si->capitems) {
		si->capitems = si->capitems ? 2 * si->capitems : 1024;
		si->off = xreallocarray(si->off, si->capitems,
		    sizeof(*si->off));
		si->size = xreallocarray(si->size, si->capitems,
		    sizeof(*si->size));
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
		si->st.shingles += n;
		return id;
	}
	if (si->nfp + n > si->capfp) {
		si->capfp = si->capfp ? 2 * si->capfp : 65536;
		if (si->capfp < si->nfp + n)
			si->capfp = si->nfp + n;
		si->fp = xreallocarray(si->fp, si->capfp, sizeof(*si->fp));
	}
	/* The set is sorted, so its top halves are sorted too. */
	fp = si->fp + si->nfp;
	for (i = 0, m = 0; i < n; i++)
		if (m == 0 || (uint32_t)(set[i] >> 32) != fp[m - 1])
			fp[m++] = (uint32_t)(set[i] >> 32);
	si->size[id] = (uint32_t)m;
	si->nfp += m;
	si->st.shingles += m;
	return id;
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
post_below(const struct simindex *si, uint32_t n)
{
	if (si->opts.exact || n <= si->opts.sample)
		return (uint64_t)1 << 32;
	return ((uint64_t)si->opts.sample << 32) / n;
}

/* Fibonacci hashing for the table slot, unrelated to fmix32's choice. */
static uint32_t
slot_of(const struct postings *p, uint32_t key)
{
	return (uint32_t)(key * 0x9E3779B1u) >> p->shift;
}

/*
 * Build p from n packed (key << 32 | rank) values in ascending rank order;
 * pk is overwritten.
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
	p->keys = xreallocarray(NULL, nslots, sizeof(*p->keys));
	p->list = xreallocarray(NULL, nslots, sizeof(*p->list));
	memset(p->list, 0xFF, nslots * sizeof(*p->list));
	p->start = xcalloc(n + 2, sizeof(*p->start));
	for (i = 0; i < n; i++) {
		key = (uint32_t)(pk[i] >> 32);
		for (s = slot_of(p, key); p->list[s] != NONE &&
		    p->keys[s] != key; s = (s + 1) & (nslots - 1))
			;
		if (p->list[s] == NONE) {
			p->keys[s] = key;
			p->list[s] = (uint32_t)nlists++;
		}
		l = p->list[s];
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
}

/* The ranks posted under key, ascending; *np is 0 when there are none. */
static const uint32_t *
postings_get(const struct postings *p, uint32_t key, uint64_t *np)
{
	uint32_t s, mask = (uint32_t)((1ULL << (32 - p->shift)) - 1);

	for (s = slot_of(p, key); p->list[s] != NONE; s = (s + 1) & mask)
		if (p->keys[s] == key) {
			*np = p->start[p->list[s] + 1] - p->start[p->list[s]];
			return p->entry + p->start[p->list[s]];
		}
	*np = 0;
	return NULL;
}

static const uint32_t *
item_fp(const struct simindex *si, uint32_t i)
{
	return si->fp + si->off[i];
}

/* |A n B| of two sorted fingerprint arrays. */
static uint32_t
intersect(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
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
static uint32_t
hits_needed(const struct simindex *si, uint32_t s, uint32_t S,
    uint32_t posted)
{
	double t = si->opts.jaccard, c = si->opts.contain, imin, share, mu;

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

static void
add_pair(struct simindex *si, uint32_t x, uint32_t y, uint32_t shared)
{
	struct sim_pair *pr;
	uint32_t a = x < y ? x : y, b = x < y ? y : x;
	double na = si->size[a], nb = si->size[b], j;

	j = shared / (na + nb - shared);
	if (j < si->opts.jaccard && !(si->opts.contain > 0 &&
	    (shared / na >= si->opts.contain ||
	    shared / nb >= si->opts.contain)))
		return;
	if (si->npairs == si->cappairs) {
		si->cappairs = si->cappairs ? 2 * si->cappairs : 1024;
		si->pairs = xreallocarray(si->pairs, si->cappairs,
		    sizeof(*si->pairs));
	}
	pr = &si->pairs[si->npairs++];
	pr->a = a;
	pr->b = b;
	pr->jaccard = j;
	pr->in_a = shared / na;
	pr->in_b = shared / nb;
	pr->shared = shared;
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
cmp_rank(const void *a, const void *b, void *arg)
{
	const uint32_t *size = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (size[x] != size[y])
		return size[x] < size[y] ? -1 : 1;
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

/* Post the probe sample (or, exactly, everything) of every item. */
static void
build_probe(struct simindex *si, const uint32_t *order, struct postings *p)
{
	uint64_t *pk = NULL, n = 0, cap = 0, below, f;
	const uint32_t *fp;
	uint32_t r, i;

	for (r = 0; r < si->nitems; r++) {
		i = order[r];
		fp = item_fp(si, i);
		below = post_below(si, si->size[i]);
		for (f = 0; f < si->size[i]; f++) {
			if (fmix32(fp[f]) >= below)
				continue;
			si->posted[r]++;
			if (n == cap) {
				cap = cap ? 2 * cap : 65536;
				pk = xreallocarray(pk, cap, sizeof(*pk));
			}
			pk[n++] = (uint64_t)fp[f] << 32 | r;
		}
	}
	postings_build(p, pk, n);
	/* Common phrases are not part of any item's usable sample. */
	for (f = 0; f < n; f++)
		if (p->start[(pk[f] >> 32) + 1] - p->start[pk[f] >> 32] >
		    si->opts.maxpost)
			si->posted[(uint32_t)pk[f]]--;
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
	uint32_t *order, *hits, *stamp, *touched, nt, r, i, j, e, t, f, b;
	uint32_t shared, k = si->opts.k;
	const uint32_t *fp, *list;
	uint64_t len, x;
	int use_probe, use_lsh;

	si->done = 1;
	use_probe = (si->opts.gen & SIM_GEN_PROBE) != 0;
	use_lsh = (si->opts.gen & SIM_GEN_LSH) != 0;
	order = xreallocarray(NULL, si->nitems + 1, sizeof(*order));
	for (i = 0; i < si->nitems; i++)
		order[i] = i;
	qsort_r(order, si->nitems, sizeof(*order), cmp_rank, si->size);
	si->posted = xcalloc(si->nitems + 1, sizeof(*si->posted));
	if (use_probe)
		build_probe(si, order, &probe);
	if (use_lsh)
		build_lsh(si, order, &lsh);
	si->st.postings = probe.nentry;
	hits = xcalloc(si->nitems + 1, sizeof(*hits));
	stamp = xcalloc(si->nitems + 1, sizeof(*stamp));
	touched = xreallocarray(NULL, si->nitems + 1, sizeof(*touched));
	for (r = 0; r < si->nitems; r++) {
		i = order[r];
		if (si->size[i] == 0)
			continue;
		nt = 0;
		fp = item_fp(si, i);
		for (f = 0; use_probe && f < si->size[i]; f++) {
			list = postings_get(&probe, fp[f], &len);
			if (len > si->opts.maxpost)
				continue;
			for (x = 0; x < len && (e = list[x]) < r; x++) {
				if (stamp[e] != r + 1) {
					stamp[e] = r + 1;
					hits[e] = 0;
					touched[nt++] = e;
				}
				hits[e]++;
			}
			si->st.scanned += x;
		}
		for (b = 0; use_lsh && b < si->bands; b++) {
			list = postings_get(&lsh, minhash_band_key(si->sig +
			    (size_t)i * k + (size_t)b * si->rows, b, si->rows),
			    &len);
			for (x = 0; x < len && (e = list[x]) < r; x++) {
				if (stamp[e] != r + 1) {
					stamp[e] = r + 1;
					hits[e] = 0;
					touched[nt++] = e;
				}
				hits[e] |= LSH_HIT;
			}
			si->st.scanned += x;
		}
		for (t = 0; t < nt; t++) {
			e = touched[t];
			j = order[e];
			shared = hits[e] & ~LSH_HIT;
			if (!(hits[e] & LSH_HIT) && !si->opts.exact &&
			    shared < hits_needed(si, si->size[j], si->size[i],
			    si->posted[e]))
				continue;
			si->st.candidates++;
			if (si->opts.estimate)
				shared = estimate_shared(si, i, j);
			else if (si->posted[e] < si->size[j])
				shared = intersect(fp, si->size[i],
				    item_fp(si, j), si->size[j]);
			add_pair(si, i, j, shared);
		}
	}
	if (si->npairs > 0)
		qsort(si->pairs, si->npairs, sizeof(*si->pairs), cmp_pair);
	si->st.pairs = si->npairs;
	free(order);
	free(si->posted);
	si->posted = NULL;
	free(hits);
	free(stamp);
	free(touched);
	postings_free(&probe);
	postings_free(&lsh);
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
