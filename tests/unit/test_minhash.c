/*
 * Unit tests for lib/sim/minhash.c: sketches agree in a share of positions that
 * estimates Jaccard without bias (also for sets much smaller than k, where
 * densification fills most bins), and the banding arithmetic.
 */
#include <math.h>
#include <stdlib.h>

#include "unit.h"
#include "sim/minhash.h"

static uint64_t
next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/*
 * Two random sets of size n sharing `common' elements; returns the mean
 * sketch estimate over trials pairs, and stores the true Jaccard.
 */
static double
mean_estimate(struct minhash *mh, size_t n, size_t common, int trials,
    double *truth)
{
	uint64_t *a, *b, x = 12345;
	uint32_t *sa, *sb;
	unsigned k = minhash_k(mh);
	double sum = 0;
	size_t i;
	int t;

	a = malloc(n * sizeof(*a));
	b = malloc(n * sizeof(*b));
	sa = malloc(k * sizeof(*sa));
	sb = malloc(k * sizeof(*sb));
	for (t = 0; t < trials; t++) {
		for (i = 0; i < n; i++) {
			a[i] = next(&x);
			b[i] = i < common ? a[i] : next(&x);
		}
		minhash_sketch(mh, a, n, sa);
		minhash_sketch(mh, b, n, sb);
		sum += minhash_jaccard(sa, sb, k);
	}
	*truth = (double)common / (2 * n - common);
	free(a);
	free(b);
	free(sa);
	free(sb);
	return sum / trials;
}

static void
test_sketch(void)
{
	struct minhash *mh = minhash_new(128, 7), *other = minhash_new(128, 8);
	uint64_t set[3] = { 3, 1, 2 }, perm[4] = { 2, 3, 1, 3 };
	uint32_t s1[128], s2[128], s3[128];
	double est, truth;
	int i, all = 1;

	/* Order and repeats do not matter: it is a set function. */
	minhash_sketch(mh, set, 3, s1);
	minhash_sketch(mh, perm, 4, s2);
	CHECK(memcmp(s1, s2, sizeof(s1)) == 0);
	CHECK(minhash_jaccard(s1, s2, 128) == 1.0);
	/* The seed gives other hash functions. */
	minhash_sketch(other, set, 3, s3);
	CHECK(memcmp(s1, s3, sizeof(s1)) != 0);
	minhash_sketch(mh, NULL, 0, s3);
	for (i = 0; i < 128; i++)
		all &= s3[i] == UINT32_MAX;
	CHECK(all);

	/* Unbiased for large sets and for sets far smaller than k. */
	est = mean_estimate(mh, 500, 300, 50, &truth);
	CHECK(fabs(est - truth) < 0.02);
	est = mean_estimate(mh, 10, 5, 400, &truth);
	CHECK(fabs(est - truth) < 0.03);
	est = mean_estimate(mh, 200, 0, 20, &truth);
	CHECK(est < 0.02);
	minhash_free(mh);
	minhash_free(other);
	minhash_free(NULL);
}

static void
test_bands(void)
{
	uint32_t sig[128];
	unsigned b, r, i;

	minhash_bands(0.5, 128, 0.99, &b, &r);
	CHECK(r == 3 && b == 42);
	CHECK(minhash_candidate_prob(0.5, b, r) >= 0.99);
	CHECK(minhash_candidate_prob(0.5, 128 / (r + 1), r + 1) < 0.99);
	/* A higher threshold affords more rows, so fewer false candidates. */
	minhash_bands(0.8, 128, 0.99, &b, &r);
	CHECK(r > 3 && b * r <= 128);
	minhash_bands(0.01, 128, 0.99, &b, &r);
	CHECK(r == 1 && b == 128);

	for (i = 0; i < 128; i++)
		sig[i] = i * 2654435761u;
	CHECK(minhash_band_key(sig, 0, 3) == minhash_band_key(sig, 0, 3));
	CHECK(minhash_band_key(sig, 0, 3) != minhash_band_key(sig, 1, 3));
	CHECK(minhash_band_key(sig, 0, 3) != minhash_band_key(sig + 3, 0, 3));
	/* Bands longer than one internal chunk. */
	CHECK(minhash_band_key(sig, 0, 100) != minhash_band_key(sig, 0, 99));
}

int
main(void)
{
	test_sketch();
	test_bands();
	UNIT_END();
}
