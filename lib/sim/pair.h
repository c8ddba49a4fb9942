/*
 * pair.h - a pair of similar items, the answer of every engine of artsim:
 * the in-memory engine (simindex.h), the map / sort / reduce split
 * (simkv.h) and the reference index (refindex.h) all report a pair as
 * its items and the size of their overlap, and write it as the same
 * record:
 *
 *	{"a":"outlet-a","b":"wire","jaccard":0.3985,"in_a":0.6145,
 *	    "in_b":0.5314,"shared":161}
 *
 * The figures are made from the counts in one place, so they are the
 * same doubles, and so the same bytes, whichever engine found the pair.
 */
#ifndef ARTKIT_PAIR_H
#define ARTKIT_PAIR_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "sim/align.h"

struct pair {
	uint32_t	 a, b;		/* item numbers; for a reference index,
					   b is the reference and a is 0 */
	double		 jaccard;	/* |A n B| / |A u B| */
	double		 in_a;		/* |A n B| / |A| */
	double		 in_b;		/* |A n B| / |B| */
	uint32_t	 shared;	/* |A n B| */
	int		 by;		/* how it was decided: SIM_* (sim.h) */
	struct align_evidence ev;	/* by SIM_PASSAGES: the passages' */
};

/*
 * Set p's figures from the counts: shared of na and nb shingles (shared
 * at most each of them, na and nb above 0).  Leaves a and b alone.
 */
void	pair_figures(struct pair *p, uint32_t shared, uint32_t na,
	    uint32_t nb);

/*
 * Append the pair record of ids a and b with p's figures to out; a pair
 * decided by its passages has theirs too:
 *
 *	{"a":"x","b":"y","jaccard":0.2,"in_a":0.38,"in_b":0.3,"shared":41,
 *	    "passages":2,"words":83,"covered_a":0.7,"covered_b":0.67,
 *	    "similarity":0.92,"facts":1}
 */
void	pair_json(struct buf *out, const char *a, size_t alen, const char *b,
	    size_t blen, const struct pair *p);

/*
 * Append p's figures alone as one JSON object, {"jaccard":...,"shared":N}
 * and the passages' when it has them, for a record that names the other
 * item itself (artsim --dups's "dup").
 */
void	pair_figures_json(struct buf *out, const struct pair *p);

#endif
