/*
 * sim.c - see sim.h.
 */
#include <math.h>
#include <string.h>

#include "sim/minhash.h"
#include "sim/shingle.h"
#include "sim/sim.h"

#define PROBE_Z		4.0		/* sampled hits may fall this many sd */
#define SIM_SAMPLE	100		/* probe keys: all up to this many */
#define SIM_RATE	4		/* and at least 1 in this many */

void
sim_opts_init(struct sim_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->n = SHINGLE_N;
	opts->k = MINHASH_K;
	opts->sample = SIM_SAMPLE;
	opts->rate = SIM_RATE;
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

/*
 * Measured on planted rewrites and the near-duplicates of two news
 * collections (tests/eval): every fingerprint of an item of up to 100, and
 * 1 in 4 above 400, found the pairs the old probe (64 keys of each item,
 * every fingerprint of the larger looked up) found, without the look-ups
 * that made the larger item send all its fingerprints to a sort; 1 in 8
 * lost 6 of 2572 planted rewrites of the Reuters-like collection.  A short
 * item copied whole into a long one shares a key with it unless none of
 * its fingerprints is among the 1 in 4: for 25 words (21 fingerprints)
 * about once in 400.
 */
uint64_t
sim_post_below(const struct sim_opts *o, uint32_t n)
{
	uint64_t all = (uint64_t)1 << 32, low, high;

	if (o->exact || n <= o->sample)
		return all;
	low = o->rate > 1 ? all / o->rate : all;
	high = ((uint64_t)o->sample << 32) / n;
	return high > low ? high : low;
}

int
sim_posts(const struct sim_opts *o, uint32_t fp, uint32_t n)
{
	return sim_post_hash(fp) < sim_post_below(o, n);
}

int
sim_common(const struct sim_opts *o, uint64_t posters)
{
	return posters > o->maxdf;
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
 * The fewest hits a pair sharing at least x fingerprints has, but for a
 * chance of about one in z standard deviations: each shared fingerprint
 * is a key of both when its hash is below the rate r, which the hash
 * makes a coin toss, so the hits are binomial (x, r).  With r = 1 every
 * shared fingerprint is a hit, exactly.  At least 1.
 */
static double
hits_at(double x, double r, double z)
{
	double mu;

	if (r >= 1)
		return x < 1 ? 1 : ceil(x - 1e-9);
	mu = x * r - z * sqrt(x * r * (1 - r));
	return mu < 1 ? 1 : floor(mu);
}

/*
 * Passing needs |A n B| >= jaccard (s + S) / (1 + jaccard) or >= contain
 * s, s <= S the sizes: 4 standard deviations below the hits expected
 * there keep the chance of a miss near 1e-5.  Candidates for the passages
 * (from the floor up) are looked for with 2: at 4, two items sharing two
 * common phrases would be aligned (a generated corpus of 50 MB: 90 times
 * the CPU); at 2 a candidate at the floor is missed about once in 40, one
 * at 0.35 almost never.  The rate is the larger item's, the lower.
 */
uint32_t
sim_need(const struct sim_opts *o, uint32_t na, uint32_t nb)
{
	double t = o->jaccard, c = o->contain, s, S, r, imin, need;

	s = na < nb ? na : nb;
	S = na < nb ? nb : na;
	r = (double)sim_post_below(o, (uint32_t)S) / 4294967296.0;
	imin = t * (s + S) / (1.0 + t);
	if (c > 0 && c * s < imin)
		imin = c * s;
	need = hits_at(imin, r, PROBE_Z);
	if (o->floor > 0 && o->floor * s < imin)
		need = fmin(need, hits_at(o->floor * s, r, SIM_FLOOR_Z));
	return (uint32_t)need;
}

/*
 * A lower bound of sim_need(o, s, n) over every s in [smin, smax]: what
 * lets an engine look up only an item's rarer keys for new partners (a
 * partner sharing none of them has at most the hits of the others).
 * For s <= n the rate is n's, and sim_need grows with s: imin and the
 * floor's share grow with s, hits_at grows with x (mu = xr - z sqrt(xr(1-r))
 * is a parabola in sqrt(x) that is at most 0 left of its vertex, so past 1
 * it only climbs), and when the floor's share is not below imin the
 * floor's term, at a smaller z and a larger x, is no lower than imin's:
 * so need = min(hits_at(imin, r, 4), hits_at(floor s, r, 2)) in both
 * cases, and the least is at s = smin.  For s > n the rate r falls as s
 * grows, to no less than smax's, r0, while x is at least its value at s
 * = n; mu >= xr - z sqrt(xr) = g(xr), and g grows for xr >= z^2 / 4, so
 * each term is at least floor(g(x r0)) there, less a hair for rounding.
 */
uint32_t
sim_need_least(const struct sim_opts *o, uint32_t n, uint32_t smin,
    uint32_t smax)
{
	double t = o->jaccard, c = o->contain, r0, x, least = HUGE_VAL;
	double terms[2][2];
	unsigned k, nt = 0;

	if (smin <= n)
		least = sim_need(o, smin, n);
	if (smax <= n)
		return (uint32_t)least;
	r0 = (double)sim_post_below(o, smax) / 4294967296.0;
	x = t * 2.0 * n / (1.0 + t);
	if (c > 0 && c * n < x)
		x = c * n;
	terms[nt][0] = x, terms[nt++][1] = PROBE_Z;
	if (o->floor > 0)
		terms[nt][0] = o->floor * n, terms[nt++][1] = SIM_FLOOR_Z;
	for (k = 0; k < nt; k++) {
		x = terms[k][0] * r0;
		if (x < terms[k][1] * terms[k][1] / 4)
			return 1;
		x = floor(x - terms[k][1] * sqrt(x) - 1e-6);
		least = fmin(least, x < 1 ? 1 : x);
	}
	return (uint32_t)least;
}

bool
sim_candidate(const struct sim_opts *o, uint32_t na, uint32_t nb,
    uint32_t hits, bool lsh)
{
	return lsh || (hits > 0 && hits >= sim_need(o, na, nb));
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
