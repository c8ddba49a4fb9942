/*
 * simkv.h - the text format of artsim's map / sort / reduce split, for
 * corpora past one machine's memory: `key<TAB>value' lines that a byte-wise
 * sort (LC_ALL=C sort, the shuffle of Hadoop Streaming or Spark) brings
 * together by key, and the reduce steps that turn each group of lines with
 * one key into the lines of the next step.  Every step is a pure function
 * of its input lines, so the map step may be split across processes
 * (parallel --pipe) and the lines concatenated in any order.
 *
 * It finds the same pairs as simindex, by the same rules (simindex.h):
 * items are ranked by (size, set hash, id) instead of (size, set hash,
 * number), which decides the same pairs because a tie means equal sets.
 *
 *	candidates:	map | sort | reduce | sort | reduce  > cand
 *	verification:	(cand; map-sets) | sort | reduce | sort | reduce | sort
 *
 * Keys start with a letter naming the step; R is the item's rank key
 * %08x size and %016x set hash, P its probe sample size in %08x, F a
 * fingerprint or LSH key in %08x, ids are escaped (below).
 *
 *	map:	P<F>	p|h R P id	the item holds F: p when it posts it
 *		B<F>	R P id		the item's key in one LSH band
 *	reduce:	J<j>	c		one of j's posted keys is a common phrase
 *		J<j>	h R_j P_j R_i i	i holds a key j posts; j ranks before i
 *		J<j>	l R_j P_j R_i i	i and j share an LSH bucket
 *	reduce:	K<j>	1 i		the candidate pair (j, i), to verify
 *	map-sets: K<id>	0 FFFF...	the item's fingerprints, in order
 *	reduce:	L<i>	0 FFFF...	i's own fingerprints
 *		L<i>	2 j FFFF...	j's fingerprints, to compare with i's
 *	reduce:	Z<a>	b shared |A| |B|	a pair past the thresholds, a < b
 *
 * Exact verification is a join in two rounds: K groups bring each
 * candidate pair to the smaller-ranked item's fingerprints, which are sent
 * on to the other item (L 2), where the L group intersects the two sets:
 * the figures are the in-memory ones, exact up to 32-bit fingerprints.  A
 * final sort orders the Z lines by a then b.  Memory in every step is one
 * group: a key's holders, one item's candidates, or one item's set and the
 * sets of its candidates.  The exact and estimate modes are in-memory only.
 *
 * Ids are escaped so that a line has exactly one TAB and no byte below it:
 * '%', ' ', DEL and every byte below 0x21 become %XX.
 */
#ifndef ARTKIT_SIMKV_H
#define ARTKIT_SIMKV_H

#include <stddef.h>

#include "buf.h"
#include "simindex.h"

struct simkv;

/* A map/reduce worker for opts (copied; NULL means the defaults). */
struct simkv *simkv_new(const struct sim_opts *opts);

/* Append the map lines of item id (idlen bytes) with text to out. */
void	simkv_map(struct simkv *kv, const char *id, size_t idlen,
	    const char *text, size_t len, struct buf *out);

/* Append the map-sets line (K 0) of item id to out. */
void	simkv_map_set(struct simkv *kv, const char *id, size_t idlen,
	    const char *text, size_t len, struct buf *out);

/*
 * Feed one line (no newline) of sorted input; lines of the next step are
 * appended to out as groups complete.  Returns 0, or -1 for a line this
 * format does not know (out is then unchanged).
 */
int	simkv_reduce(struct simkv *kv, const char *line, size_t len,
	    struct buf *out);

/* End of input: finish the last group. */
void	simkv_reduce_end(struct simkv *kv, struct buf *out);

/*
 * Read a Z line into p (a and b left 0) and the unescaped ids into a and
 * b (reset first).  Returns 0, or -1 when line is not a Z line.
 */
int	simkv_pair(const char *line, size_t len, struct buf *a, struct buf *b,
	    struct sim_pair *p);

/* Append the escaped form of id to out. */
void	simkv_escape(const char *id, size_t len, struct buf *out);

/* Free kv; NULL does nothing. */
void	simkv_free(struct simkv *kv);

#endif
