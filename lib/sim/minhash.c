/*
 * minhash.c - see minhash.h.
 *
 * The sketch is one-permutation MinHash with optimal densification
 * (Shrivastava, ICML 2017): one hash per shingle picks one of k bins and
 * the bin keeps its smallest value; a bin left empty copies the value of
 * the first filled bin along a fixed pseudo-random probe sequence.  Two
 * sketches still agree in a position with probability J, as with k
 * independent hash functions, but the cost is one hash per shingle instead
 * of k: on Reuters-21578 the k = 128 multiply-add-shift loop sketched at
 * 67 MB/s of text, which with shingling fell below artsim's 50 MB/s; this
 * sketches at about 400 MB/s.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* XXH3 inline: a sketch hashes short runs, where a call costs as much. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "sim/minhash.h"
#include "base/util.h"

struct minhash {
	unsigned	 k;
	uint64_t	 seed;
	unsigned char	*filled;	/* scratch: bins filled by the set */
};

/* MurmurHash3's 64-bit finaliser: every input bit reaches every output. */
static uint64_t
fmix64(uint64_t z)
{
	z ^= z >> 33;
	z *= 0xFF51AFD7ED558CCDULL;
	z ^= z >> 33;
	z *= 0xC4CEB9FE1A85EC53ULL;
	return z ^ (z >> 33);
}

struct minhash *
minhash_new(unsigned k, uint64_t seed)
{
	struct minhash *mh;

	mh = xcalloc(1, sizeof(*mh));
	mh->k = k ? k : 1;
	mh->seed = fmix64(seed ^ 0x6D696E68617368ULL);
	mh->filled = xmalloc(mh->k);
	return mh;
}

void
minhash_free(struct minhash *mh)
{
	if (mh == NULL)
		return;
	free(mh->filled);
	free(mh);
}

unsigned
minhash_k(const struct minhash *mh)
{
	return mh->k;
}

void
minhash_sketch(const struct minhash *mh, const uint64_t *set, size_t n,
    uint32_t *sig)
{
	unsigned char *filled = mh->filled;
	uint64_t y;
	uint32_t v, bin, k = mh->k, i, attempt;
	size_t j;

	memset(filled, 0, k);
	for (i = 0; i < k; i++)
		sig[i] = UINT32_MAX;
	if (n == 0)
		return;
	for (j = 0; j < n; j++) {
		y = fmix64(set[j] ^ mh->seed);
		bin = (uint32_t)(((y >> 32) * k) >> 32);
		v = (uint32_t)y;
		/* A select, not a branch: which value is less is a coin
		 * toss early in the set. */
		sig[bin] = v < sig[bin] ? v : sig[bin];
		filled[bin] = 1;
	}
	/* Densify: read only bins the set filled, so the order is free. */
	for (i = 0; i < k; i++) {
		if (filled[i])
			continue;
		for (attempt = 1;; attempt++) {
			y = fmix64(mh->seed + ((uint64_t)i << 32 | attempt));
			bin = (uint32_t)(((y >> 32) * k) >> 32);
			if (filled[bin])
				break;
		}
		sig[i] = sig[bin];
	}
}

double
minhash_jaccard(const uint32_t *a, const uint32_t *b, unsigned k)
{
	unsigned i, same = 0;

	for (i = 0; i < k; i++)
		same += a[i] == b[i];
	return k ? (double)same / k : 0.0;
}

double
minhash_candidate_prob(double j, unsigned bands, unsigned rows)
{
	return 1.0 - pow(1.0 - pow(j, rows), bands);
}

void
minhash_bands(double t, unsigned k, double recall, unsigned *bands,
    unsigned *rows)
{
	unsigned r;

	for (r = k; r > 1; r--)
		if (minhash_candidate_prob(t, k / r, r) >= recall)
			break;
	*rows = r;
	*bands = k / r;
}

uint32_t
minhash_band_key(const uint32_t *sig, unsigned band, unsigned rows)
{
	uint64_t h = band;
	unsigned i, m;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	unsigned char bytes[4 * 64];
	unsigned j;
#endif

	/* Bytes in a fixed order, so keys agree across machines. */
	for (i = 0; i < rows; i += m) {
		m = rows - i < 64 ? rows - i : 64;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* The values' own bytes are in that order: no copy. */
		h = XXH3_64bits_withSeed(sig + i, 4 * (size_t)m, h);
#else
		for (j = 0; j < m; j++) {
			bytes[4 * j] = (unsigned char)sig[i + j];
			bytes[4 * j + 1] = (unsigned char)(sig[i + j] >> 8);
			bytes[4 * j + 2] = (unsigned char)(sig[i + j] >> 16);
			bytes[4 * j + 3] = (unsigned char)(sig[i + j] >> 24);
		}
		h = XXH3_64bits_withSeed(bytes, 4 * m, h);
#endif
	}
	return (uint32_t)h;
}
