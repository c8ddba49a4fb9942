/*
 * simindex.h - the in-memory similarity engine behind artsim: items go in as
 * texts, similar pairs come out with exact figures.
 *
 * Each item is cut into its shingle set (shingle.h) as 32-bit fingerprints,
 * which go to a temporary file: memory keeps what finds the candidates, an
 * inverted index of each item's probe keys and one of its LSH band keys
 * (sim.h says which keys and when two items are a candidate), about 6
 * bytes a key: some 1.2 KB for a 3 KB news item.  A candidate is compared
 * exactly by reading the two sets back:
 *
 * - the probe: every item posts its probe keys (every fingerprint of a
 *   short item, a consistent sample of a long one: two items sample the
 *   same shingles), and finds the items no larger that share them; a
 *   pair sharing enough keys (sim_need) is a candidate.  A key posted by more
 *   than maxdf items is a common phrase ("by the end of the"): it is
 *   dropped, which keeps the work near linear; pairs that share nothing
 *   but such phrases are found only by LSH;
 * - LSH banding of MinHash sketches (minhash.h), with bands and rows
 *   chosen from the Jaccard threshold: a pair in one bucket is a candidate.
 *
 * Items with the same set are compared once, as the first of them.  The
 * exact mode posts and looks up every fingerprint, with no common phrases:
 * the reference the others are measured against.  Figures are exact up to
 * 32-bit fingerprint collisions (about |A| |B| / 2^32 shingles per pair:
 * 6e-5 for two 500-shingle items).
 *
 * A pair is reported when its Jaccard >= opts.jaccard, or when
 * opts.contain > 0 and in_a or in_b >= opts.contain; from opts.floor up
 * its passages may decide it (simindex_check, simindex_pairs_checked).
 * Items are numbered 0, 1, ... in the order they were added; pairs come out
 * with a < b, sorted by a and then b, so the output does not depend on
 * hashing or timing.
 */
#ifndef ARTKIT_SIMINDEX_H
#define ARTKIT_SIMINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "sim/pair.h"
#include "sim/sim.h"

/* What a run did, for --progress and for measuring. */
struct sim_stats {
	uint64_t	 items;		/* items added */
	uint64_t	 shingles;	/* fingerprints kept, over all items */
	uint64_t	 postings;	/* index entries (probe and LSH) */
	uint64_t	 scanned;	/* posting entries looked at */
	uint64_t	 candidates;	/* distinct pairs verified */
	uint64_t	 pairs;		/* pairs reported */
	unsigned	 bands, rows;	/* LSH shape, 0 when off */
	size_t		 bytes;		/* memory held by the index now */
};

struct simindex;

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
	    void (*emit)(void *arg, const struct pair *), void *arg);

/*
 * Decide the pairs that need their passages (SIM_CHECK, sim.h): check is
 * called for each, in order of a then b, and returns nonzero to keep it
 * (it may fill the pair's evidence; the pair becomes SIM_PASSAGES) or 0 to
 * drop it.  Items with one set are checked as their first item.  Finds
 * the pairs first if needed.  Until this is called, simindex_pairs and
 * simindex_clusters leave such pairs out.
 */
void	simindex_check(struct simindex *si,
	    int (*check)(void *arg, struct pair *), void *arg);

/*
 * The pairs of every item, in order of a then b, to emit: those the
 * thresholds decide, and those for the passages that check keeps (as
 * simindex_check's, but item by item: two items with one set may differ
 * in their texts).  For the pairs mode, which writes every pair.
 */
void	simindex_pairs_checked(struct simindex *si,
	    int (*check)(void *arg, struct pair *),
	    void (*emit)(void *arg, const struct pair *), void *arg);

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
 * Clusters in which every item has a pair with its representative, so
 * nothing chains: element i is the representative of item i's cluster (i
 * itself when it stands for one).  pref lists every item once, best first
 * (NULL: by number); the best item not yet in a cluster stands for a new
 * one, with every item it has a pair with that is not in one.  Items with
 * one shingle set go together, with their best.  Finds the pairs first if
 * needed; the array belongs to the index and lasts until the next call.
 */
const uint32_t *simindex_clusters(struct simindex *si, const uint32_t *pref);

/*
 * simindex_clusters's clusters, found without holding the pairs: memory grows
 * with the items, not with the pairs (10,000 copies of one story make 50 M of
 * them), and the time with the candidates of the representatives alone.
 * Walks the items in pref's order (NULL: by number); the best item not yet in
 * a cluster looks up its candidates in the indexes, all the pair finder would
 * compare with it from either side (the same keys, lists and needs), and
 * takes every one not yet in a cluster whose pair simindex_pairs would
 * report; for a pair that needs its passages check is called as
 * simindex_check's (NULL: left out).  So the clusters are simindex_clusters's
 * after simindex_check, on one thread.  Besides the pair finder's indexes it
 * holds 8 bytes an entry of them (each item's place in its keys' lists, and
 * their ends), and per item its cluster and its pair with it.  Called once,
 * after the last simindex_add, in place of the other calls that find pairs
 * (simindex_pairs, simindex_check, simindex_clusters: a programming error
 * after it); simindex_pair_with then gives the pair of an item with its
 * representative.  The stats' pairs are then those of the items with their
 * representatives.
 */
const uint32_t *simindex_walk(struct simindex *si, const uint32_t *pref,
	    int (*check)(void *arg, struct pair *), void *arg);

/*
 * The pair of items i and j, with a = i and b = j (figures turned to
 * match), when they have one; returns 1, or 0 when they have none.
 */
int	simindex_pair_with(struct simindex *si, uint32_t i, uint32_t j,
	    struct pair *out);

/* Number of shingles of item i. */
uint32_t simindex_size(const struct simindex *si, uint32_t i);

/* Fill st with the counts so far. */
void	simindex_stats(const struct simindex *si, struct sim_stats *st);

/* Free si; NULL does nothing. */
void	simindex_free(struct simindex *si);

#endif
