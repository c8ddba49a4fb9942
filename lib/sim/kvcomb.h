/*
 * kvcomb.h - the combiner of round 1 of artsim's map / sort / reduce split
 * (simkv.h): it counts, for each two items, the probe keys they share in
 * the groups one reduce process sees, and writes a line for the pair only
 * when it is a candidate (its hits reach sim_need, or an LSH bucket holds
 * both) or might still become one through keys it has not seen.
 *
 * Why it is exact: every probe line carries its item's size and how many
 * probe keys the item posts (p).  Counting the lines of each item seen so
 * far (seen), no more than p - seen of its keys remain, here or in another
 * reduce process, so a pair with c hits counted and fewer than
 * need - c keys left to either item can never be a candidate, and is
 * dropped.  Sorted input brings the keys in one order, so when one process
 * reduces all the lines, at the end nothing remains and only candidates
 * are written; when a shuffle splits the keys among processes, the pairs
 * they cannot decide are written with their counts, which round 2 adds up.
 *
 * Memory: an entry per item and per pair alive, within the budget; past
 * it the pairs alive are written with their counts and forgotten (still
 * exact, the bound is then no longer used), and items past it are not
 * followed (their pairs written as they come).
 */
#ifndef ARTKIT_SIM_KVCOMB_H
#define ARTKIT_SIM_KVCOMB_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"

#define KVCOMB_NONE	UINT32_MAX	/* an item not followed */

/*
 * A pair to write: the items' keys and sizes, and the hits counted
 * (KVCOMB_CAND: a candidate).  Called once for each pair decided.
 */
#define KVCOMB_CAND	UINT32_MAX
typedef void	(*kvcomb_edge_fn)(void *arg, const char *ka, size_t la,
		    uint32_t ma, const char *kb, size_t lb, uint32_t mb,
		    uint32_t hits);

struct kvcomb;

/* A combiner for opts (kept by pointer) in about budget bytes (0: none). */
struct kvcomb *kvcomb_new(const struct sim_opts *opts, size_t budget,
	    kvcomb_edge_fn edge, void *arg);
/*
 * The item with key k (klen bytes) of size m posting p probe keys (p 0:
 * not known, for an LSH line), one more of its keys seen when p > 0.  Its
 * number, or KVCOMB_NONE when the budget follows no more items.
 */
uint32_t kvcomb_item(struct kvcomb *kc, const char *k, size_t klen,
	    uint32_t m, uint32_t p);
/*
 * One group's items (numbers from kvcomb_item, their keys and sizes):
 * LSH bucket (lsh) or probe key; every two of them meet.
 */
void	kvcomb_group(struct kvcomb *kc, const uint32_t *item,
	    const char *const *key, const size_t *klen, const uint32_t *size,
	    size_t n, int lsh);
/* End of input: write the pairs still undecided. */
void	kvcomb_end(struct kvcomb *kc);
/* Free kc; NULL does nothing. */
void	kvcomb_free(struct kvcomb *kc);

#endif
