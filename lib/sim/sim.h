/*
 * sim.h - the rules of similarity that artsim's three engines share, so
 * that the in-memory engine (simindex.h), the map / sort / reduce split
 * (simkv.h) and the reference index (refindex.h) find the same pairs with
 * the same figures: the options, an item's fingerprints and the hash that
 * ranks it, which fingerprints an item posts in the probe index, when a
 * shingle is a common phrase, how many probe hits a candidate needs, and
 * when a pair passes the thresholds.
 */
#ifndef ARTKIT_SIM_H
#define ARTKIT_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/align.h"

/* Candidate generators, for sim_opts.gen. */
#define SIM_GEN_LSH	0x1
#define SIM_GEN_PROBE	0x2

struct sim_opts {
	unsigned	 n;		/* words per shingle */
	unsigned	 chars;		/* > 0: code points per shingle instead */
	unsigned	 k;		/* MinHash values per sketch */
	unsigned	 sample;	/* probe keys: all of an item of up to
					   this many fingerprints, and at least
					   this many of a larger one */
	unsigned	 rate;		/* and at least 1 in rate of them */
	unsigned	 maxdf;		/* keys posted by more items: common */
	unsigned	 threads;	/* threads for simindex_pairs; 0 is 1 */
	double		 jaccard;	/* report J >= this (0 < jaccard <= 1) */
	double		 contain;	/* or in_a or in_b >= this; 0 is off */
	double		 floor;		/* or, from this containment, by the
					   passages (sim_evidence); 0 is off */
	uint64_t	 seed;		/* varies every hash */
	int		 gen;		/* SIM_GEN_* candidate generators */
	int		 exact;		/* every pair sharing a shingle */
	int		 estimate;	/* keep sketches only, report estimates */
};

/*
 * The defaults: 5-word shingles, k = 128, Jaccard 0.5 (an outlet's rewrite
 * of a wire story shares 0.5-0.6), containment 0.5, the passages looked at
 * from containment 0.25 (SIM_FLOOR), both generators, probe keys of every
 * fingerprint up to 100 and at least 1 in 4 above, common phrases in more
 * than 1000 items, one thread.
 */
void	sim_opts_init(struct sim_opts *opts);

#define SIM_LSH_RECALL	0.99	/* banding's recall at the threshold */

/* Cut a sorted shingle set to distinct 32-bit fingerprints in fp[0..n). */
size_t	sim_fingerprints(const uint64_t *set, size_t n, uint32_t *fp);
/* A hash of a fingerprint set, which tells identical sets apart quickly. */
uint64_t sim_set_hash(const uint32_t *fp, size_t n);

/*
 * Candidates (the probe).  An item of n fingerprints posts, as its probe
 * keys, the fingerprints fp with sim_post_hash(fp) < sim_post_below(o, n):
 * all of them when n <= sample, else a rate of max(sample / n, 1 / rate)
 * of them, chosen by the hash so that two items sample the same
 * shingles.  The rate falls as n grows, so two items share a key exactly
 * when it is a shared fingerprint below the larger one's rate: their hits,
 * the keys both post that are no common phrase (posted by more than maxdf
 * items), are a sample of their shared fingerprints at that rate, which
 * any engine can count by grouping the keys (simindex in memory, simkv by
 * a sort).  A pair is a candidate, to be compared exactly, when its hits
 * reach sim_need, or when LSH puts it in one bucket (minhash.h): the rule
 * depends on the two sizes and the hits alone, so both engines decide
 * alike without knowing more of each other.
 *
 * The hash is MurmurHash3's 32-bit finaliser, inline for the engines'
 * loops.
 */
static inline uint32_t
sim_post_hash(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85EBCA6B;
	h ^= h >> 13;
	h *= 0xC2B2AE35;
	return h ^ (h >> 16);
}
uint64_t sim_post_below(const struct sim_opts *o, uint32_t n);
/*
 * The probe keys of an item whose fingerprints are fp[0..n), in their
 * order, into keys (room for n); returns how many.  A select, not a
 * branch, a fingerprint: past sample fingerprints, which are keys is a
 * coin toss that a branch mispredicts one time in three.
 */
static inline uint32_t
sim_probe_keys(uint64_t below, const uint32_t *fp, uint32_t n,
    uint32_t *keys)
{
	uint32_t f, k = 0;

	for (f = 0; f < n; f++) {
		keys[k] = fp[f];
		k += sim_post_hash(fp[f]) < below;
	}
	return k;
}
/*
 * How many of a[0..n), ascending, are below e: a binary search without
 * branches, whose outcome a loop's exit would leave to chance.  The
 * engines search their sorted lists of items with it.
 */
static inline uint32_t
sim_count_below(const uint32_t *a, uint32_t n, uint32_t e)
{
	const uint32_t *b = a;
	uint32_t half;

	if (n == 0)
		return 0;
	while (n > 1) {
		half = n / 2;
		b = b[half] < e ? b + half : b;
		n -= half;
	}
	return (uint32_t)(b - a) + (*b < e);
}
/*
 * The engines read an item's longest lists in part (a prefix filter):
 * sim_keep_longest offers list ck of length cl to the nc kept in k[],
 * len[] (max at most), longest first, by insertion, and returns how many
 * are kept; sim_sort_places then puts the kept ones in order of k, len
 * alongside, to read them in turn.
 */
static inline uint32_t
sim_keep_longest(uint32_t *k, uint32_t *len, uint32_t nc, uint32_t max,
    uint32_t ck, uint32_t cl)
{
	uint32_t t;

	for (t = nc < max ? nc++ : max; t > 0 && len[t - 1] < cl; t--)
		if (t < max) {
			k[t] = k[t - 1];
			len[t] = len[t - 1];
		}
	if (t < max) {
		k[t] = ck;
		len[t] = cl;
	}
	return nc;
}

static inline void
sim_sort_places(uint32_t *k, uint32_t *len, uint32_t n)
{
	uint32_t t, x, y;

	for (t = 1; t < n; t++)
		for (x = t; x > 0 && k[x - 1] > k[x]; x--) {
			y = k[x], k[x] = k[x - 1], k[x - 1] = y;
			y = len[x], len[x] = len[x - 1], len[x - 1] = y;
		}
}
/* Does an item of n fingerprints post fp as a probe key? */
int	sim_posts(const struct sim_opts *o, uint32_t fp, uint32_t n);
/* Is a key posted by this many items a common phrase? */
int	sim_common(const struct sim_opts *o, uint64_t posters);
/* The hits that make a pair of na and nb fingerprints a candidate. */
uint32_t sim_need(const struct sim_opts *o, uint32_t na, uint32_t nb);
/* No more than sim_need(o, s, n) for any s in [smin, smax]. */
uint32_t sim_need_least(const struct sim_opts *o, uint32_t n, uint32_t smin,
	    uint32_t smax);
/* Is a pair of these sizes with hits (and an LSH bucket or not) one? */
bool	sim_candidate(const struct sim_opts *o, uint32_t na, uint32_t nb,
	    uint32_t hits, bool lsh);
/* |A n B| of two sorted fingerprint arrays. */
uint32_t sim_intersect(const uint32_t *a, size_t na, const uint32_t *b,
	    size_t nb);
/*
 * How a pair is decided.  A pair whose Jaccard or containment passes the
 * thresholds (-t, --contain) is similar by its shingles alone: this needs
 * the two fingerprint sets.  A pair under them, from a containment of
 * opts.floor up, is a candidate that its passages decide (sim_evidence):
 * this needs the two texts, their words and sentences, which is why the
 * engines report such a pair as SIM_CHECK and leave it to whoever holds
 * the texts: the in-memory modes (which keep them in a temporary file),
 * the reference index, and the map / sort / reduce split (whose lines
 * carry each item's text, compressed, to the round that compares it).
 */
enum {
	SIM_NO = 0,		/* not a pair */
	SIM_JACCARD,		/* Jaccard >= opts.jaccard */
	SIM_CONTAIN,		/* a containment >= opts.contain */
	SIM_CHECK,		/* a containment >= opts.floor: align it */
	SIM_PASSAGES		/* decided by its passages */
};
#define SIM_FLOOR	0.25	/* candidates for the passages, by default */
#define SIM_FLOOR_Z	2.0	/* their hits may fall this many sd */
#define SIM_COVERED	0.5	/* passages cover this share of one item */
#define SIM_SIMILAR	0.8	/* with this similarity of their spans */
#define SIM_FACTS	0.85	/* and this share of their facts */
#define SIM_NUMBERS	0.9	/* and this share of their numbers */
#define SIM_WORDS	20	/* and at least this many shared words */

/* Which of the above is a pair of sizes na, nb sharing shared? */
int	sim_verdict(const struct sim_opts *o, uint32_t shared, uint32_t na,
	    uint32_t nb);
/* Do passages with this evidence make a pair?  (align.h) */
bool	sim_evidence(const struct align_evidence *ev);

/* Does a pair of sizes na, nb sharing shared pass opts' thresholds? */
int	sim_passes(const struct sim_opts *o, uint32_t shared, uint32_t na,
	    uint32_t nb);

#endif
