/*
 * simindex.h - the in-memory similarity engine behind artsim: items go in as
 * texts, similar pairs come out with exact figures.
 *
 * Each item is kept as its shingle set (shingle.h) cut to 32-bit
 * fingerprints, about 2 KB for a 3 KB news item, plus a MinHash sketch
 * (minhash.h) when LSH is on.  simindex_pairs then finds candidate pairs
 * two ways and verifies every candidate exactly from the two fingerprint
 * sets:
 *
 * - LSH banding of the sketches, with bands and rows chosen from the
 *   Jaccard threshold, finds pairs of similar sets;
 * - the probe index finds containment: every item posts a consistent
 *   sample of about `sample' of its fingerprints (all of them when it is
 *   smaller than that, a rate of sample/|X| otherwise, chosen by a hash of
 *   the fingerprint so two items sample the same shingles), and every item
 *   looks up all its fingerprints among the postings of the items no larger
 *   than itself.  A short item copied into a long one is thus found through
 *   the short one's own sample, whatever the long one's size.  A pair is
 *   verified when it has as many sampled hits as its thresholds need (all of
 *   them, exactly, when the smaller item posts everything; otherwise 4
 *   standard deviations below the hypergeometric mean at the threshold).
 *   A shingle posted by 16 or more items and held by more than `maxdf'
 *   items is a common phrase ("by the end of the"): it is skipped and left
 *   out of every item's sample, which keeps the work near linear; pairs
 *   that share nothing but such phrases are found only by LSH.
 *
 * The exact mode posts every fingerprint and counts |A n B| for every pair
 * sharing one through the inverted index: the reference the others are
 * measured against.  Figures are exact up to 32-bit fingerprint collisions
 * (about |A| |B| / 2^32 shingles per pair: 6e-5 for two 500-shingle items).
 *
 * A pair is reported when its Jaccard >= opts.jaccard, or when
 * opts.contain > 0 and in_a or in_b >= opts.contain.  Items are numbered
 * 0, 1, ... in the order they were added; pairs come out with a < b, sorted
 * by a and then b, so the output does not depend on hashing or timing.
 * Pairs are looked for from the larger item of each, in rank order: by
 * size, then by sim_set_hash of the set, then by number.
 */
#ifndef ARTKIT_SIMINDEX_H
#define ARTKIT_SIMINDEX_H

#include <stddef.h>
#include <stdint.h>

/* Candidate generators, for sim_opts.gen. */
#define SIM_GEN_LSH	0x1
#define SIM_GEN_PROBE	0x2

struct sim_opts {
	unsigned	 n;		/* words per shingle */
	unsigned	 chars;		/* > 0: code points per shingle instead */
	unsigned	 k;		/* MinHash values per sketch */
	unsigned	 sample;	/* probe index: postings per item */
	unsigned	 maxdf;		/* shingles in more items: common */
	unsigned	 threads;	/* threads for simindex_pairs; 0 is 1 */
	double		 jaccard;	/* report J >= this (0 < jaccard <= 1) */
	double		 contain;	/* or in_a or in_b >= this; 0 is off */
	uint64_t	 seed;		/* varies every hash */
	int		 gen;		/* SIM_GEN_* candidate generators */
	int		 exact;		/* every pair sharing a shingle */
	int		 estimate;	/* keep sketches only, report estimates */
};

struct sim_pair {
	uint32_t	 a, b;		/* item numbers, a < b */
	double		 jaccard;	/* |A n B| / |A u B| */
	double		 in_a;		/* |A n B| / |A| */
	double		 in_b;		/* |A n B| / |B| */
	uint32_t	 shared;	/* |A n B| */
};

/* What a run did, for --progress and for measuring. */
struct sim_stats {
	uint64_t	 items;		/* items added */
	uint64_t	 shingles;	/* fingerprints kept, over all items */
	uint64_t	 postings;	/* probe index entries */
	uint64_t	 scanned;	/* posting entries looked at */
	uint64_t	 candidates;	/* distinct pairs verified */
	uint64_t	 pairs;		/* pairs reported */
	unsigned	 bands, rows;	/* LSH shape, 0 when off */
	size_t		 bytes;		/* memory held by the index now */
};

struct simindex;

/*
 * The defaults: 5-word shingles, k = 128, Jaccard 0.5 (an outlet's rewrite
 * of a wire story shares 0.5-0.6), containment 0.5, both generators, a
 * probe sample of 64, common phrases in more than 1000 items, one thread.
 */
void	sim_opts_init(struct sim_opts *opts);

/* An empty index for opts (copied); NULL opts means the defaults. */
struct simindex *simindex_new(const struct sim_opts *opts);

/*
 * Add the text (len bytes, any bytes) as the next item and return its number.
 * Adding after simindex_pairs is a programming error (assert).
 */
uint32_t simindex_add(struct simindex *si, const char *text, size_t len);

/*
 * Find the similar pairs (the first call does the work) and call emit for
 * each, in order of a then b; the pair belongs to the index.
 */
void	simindex_pairs(struct simindex *si,
	    void (*emit)(void *arg, const struct sim_pair *), void *arg);

/*
 * Have fn(arg, done, total, pairs) called now and then while the pairs are
 * found, from one of the threads finding them (never two at once): done
 * of the total items compared, pairs found so far; and once at the end,
 * with done == total.  For a progress line on long runs.
 */
typedef void sim_progress_fn(void *arg, uint32_t done, uint32_t total,
    uint64_t pairs);
void	simindex_progress(struct simindex *si, sim_progress_fn *fn, void *arg);

/*
 * Connected components over the pairs: element i is the smallest item
 * number in item i's cluster (i itself when it has no pair).  Finds the
 * pairs first if needed; the array belongs to the index.
 */
const uint32_t *simindex_clusters(struct simindex *si);

/* Number of shingles of item i. */
uint32_t simindex_size(const struct simindex *si, uint32_t i);

/* Fill st with the counts so far. */
void	simindex_stats(const struct simindex *si, struct sim_stats *st);

/* Free si; NULL does nothing. */
void	simindex_free(struct simindex *si);

/*
 * The rules simindex and simkv share, so that the in-memory and the
 * map/sort/reduce runs find the same pairs.
 */
#define SIM_HEAVY	16	/* a key posted this often may be common */
#define SIM_LSH_RECALL	0.99	/* banding's recall at the threshold */

/* Cut a sorted shingle set to distinct 32-bit fingerprints in fp[0..n). */
size_t	sim_fingerprints(const uint64_t *set, size_t n, uint32_t *fp);
/* A hash of a fingerprint set, which breaks size ties in the rank order. */
uint64_t sim_set_hash(const uint32_t *fp, size_t n);
/* Does an item of n fingerprints post fp in the probe index? */
int	sim_posts(const struct sim_opts *o, uint32_t fp, uint32_t n);
/* Is a key with these holders and posters a common phrase? */
int	sim_common(const struct sim_opts *o, uint64_t holders,
	    uint64_t posters);
/*
 * The probe hits a pair needs to be verified: s and posted are the smaller
 * item's size and usable sample, S the larger's size.
 */
uint32_t sim_hits_needed(const struct sim_opts *o, uint32_t s, uint32_t S,
	    uint32_t posted);
/* |A n B| of two sorted fingerprint arrays. */
uint32_t sim_intersect(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb);
/* Does a pair of sizes na, nb sharing shared pass opts' thresholds? */
int	sim_passes(const struct sim_opts *o, uint32_t shared, uint32_t na,
	    uint32_t nb);

#endif
