/*
 * sim.c - see sim.h.
 */
#include <math.h>
#include <string.h>

#include "sim/minhash.h"
#include "sim/shingle.h"
#include "sim/sim.h"

#define PROBE_Z		4.0		/* sampled hits may fall this many sd */

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
	opts->floor = SIM_FLOOR;
	opts->gen = SIM_GEN_LSH | SIM_GEN_PROBE;
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

uint64_t
sim_post_below(const struct sim_opts *o, uint32_t n)
{
	if (o->exact || n <= o->sample)
		return (uint64_t)1 << 32;
	return ((uint64_t)o->sample << 32) / n;
}

int
sim_posts(const struct sim_opts *o, uint32_t fp, uint32_t n)
{
	return sim_post_hash(fp) < sim_post_below(o, n);
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
/*
 * The fewest hits of a sample of posted of s fingerprints, when at least
 * imin of the s are shared: all of imin when everything is posted, else z
 * standard deviations below the mean (a binomial bounds the
 * hypergeometric's variance), and at least 1.
 */
static double
hits_below(double imin, uint32_t s, uint32_t posted, double z)
{
	double share, mu;

	if (posted >= s)
		return imin < 1 ? 1 : ceil(imin - 1e-9);
	share = imin / s;
	mu = posted * share - z * sqrt(posted * share * (1 - share));
	return mu < 1 ? 1 : floor(mu);
}

uint32_t
sim_hits_needed(const struct sim_opts *o, uint32_t s, uint32_t S,
    uint32_t posted)
{
	double t = o->jaccard, c = o->contain, imin, need;

	imin = t * (s + S) / (1.0 + t);
	if (c > 0 && c * s < imin)
		imin = c * s;
	need = hits_below(imin, s, posted, PROBE_Z);
	/*
	 * The candidates for the passages are looked for with less margin:
	 * at 4 standard deviations below a quarter of a sample of 64, two
	 * hits would do, and any two items sharing two common phrases would
	 * be aligned (a generated corpus of 50 MB: 90 times the CPU).  At 2
	 * a candidate at the floor is missed about once in 40, one at 0.35
	 * almost never.
	 */
	if (o->floor > 0 && o->floor * s < imin)
		need = fmin(need, hits_below(o->floor * s, s, posted,
		    SIM_FLOOR_Z));
	return (uint32_t)need;
}

int
sim_verdict(const struct sim_opts *o, uint32_t shared, uint32_t na,
    uint32_t nb)
{
	double s = shared, c;

	if (shared == 0)
		return SIM_NO;
	if (s / ((double)na + nb - s) >= o->jaccard)
		return SIM_JACCARD;
	c = s / na > s / nb ? s / na : s / nb;
	if (o->contain > 0 && c >= o->contain)
		return SIM_CONTAIN;
	if (o->floor > 0 && c >= o->floor)
		return SIM_CHECK;
	return SIM_NO;
}

/*
 * Measured on planted rewrites of two news collections (tests/eval,
 * gen_rewrites.py, development seed): rewrites under the thresholds have
 * passages covering 50-90% of one item at a similarity of .85-.95 with
 * their facts kept; templates (earnings reports, price tables, the same
 * notice for another company) align as well but lose their facts.
 */
bool
sim_evidence(const struct align_evidence *ev)
{
	return ev->words >= SIM_WORDS && (ev->covered_a >= SIM_COVERED ||
	    ev->covered_b >= SIM_COVERED) && ev->similarity >= SIM_SIMILAR &&
	    ev->facts >= SIM_FACTS && ev->numbers >= SIM_NUMBERS;
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

int
sim_common(const struct sim_opts *o, uint64_t holders, uint64_t posters)
{
	return posters >= SIM_HEAVY && holders > o->maxdf;
}
