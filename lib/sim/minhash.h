/*
 * minhash.h - MinHash sketches of shingle sets, and the banding that turns
 * them into candidate pairs (locality-sensitive hashing).
 *
 * A sketch is k 32-bit values, the minimum over the set of k independent
 * hash functions; two sketches agree in a position with probability equal
 * to the Jaccard similarity of the sets.  Banding cuts a sketch into b bands
 * of r rows: two items whose sketches agree in all rows of at least one band
 * become a candidate pair, which happens with probability 1 - (1 - J^r)^b.
 * simindex uses the sketches for that and for --estimate; simkv writes the
 * band keys as the keys of the map step.
 */
#ifndef ARTKIT_MINHASH_H
#define ARTKIT_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_K	128	/* hashes per sketch when not told otherwise */

struct minhash;

/* k hash functions (k >= 1) drawn from seed.  Never NULL. */
struct minhash *minhash_new(unsigned k, uint64_t seed);

/* Number of values in a sketch made by mh. */
unsigned minhash_k(const struct minhash *mh);

/*
 * Write the sketch of the n shingle hashes set (any order, repeats allowed)
 * into sig[0..k).  The empty set gives all UINT32_MAX.
 */
void	minhash_sketch(const struct minhash *mh, const uint64_t *set, size_t n,
	    uint32_t *sig);

/* The Jaccard estimate of two sketches of k values: the share that agree. */
double	minhash_jaccard(const uint32_t *a, const uint32_t *b, unsigned k);

/*
 * Choose rows per band for a Jaccard threshold t (0 < t <= 1) and k hashes:
 * the most rows (fewest false candidates) for which a pair at exactly t still
 * becomes a candidate with probability at least recall.  Stores b and r with
 * b * r <= k; r is at least 1.
 */
void	minhash_bands(double t, unsigned k, double recall, unsigned *bands,
	    unsigned *rows);

/* Probability that a pair of Jaccard j becomes a candidate with b x r. */
double	minhash_candidate_prob(double j, unsigned bands, unsigned rows);

/* The 32-bit bucket key of band number band (rows values from sig). */
uint32_t minhash_band_key(const uint32_t *sig, unsigned band, unsigned rows);

/* Free mh; NULL does nothing. */
void	minhash_free(struct minhash *mh);

#endif
