/*
 * kvcomb.h - round 1 of artsim's map / sort / reduce split (simkv.h):
 * from the groups of probe keys and LSH buckets one reduce process sees,
 * the pairs of items that are candidates (their hits reach sim_need, or a
 * bucket holds both), and the pairs it cannot decide alone, with the hits
 * it counted, for round 2 to add up.
 *
 * It works as the in-memory engine does (simindex.h), on a batch of the
 * groups: each probe key's items become a posting list, and each item,
 * walking the lists of its keys, counts the hits it shares with every
 * other item.  Every probe line carries its item's size and how many probe
 * keys the item posts (p), so the hits a pair may still gain outside the
 * batch (in later groups, or in another reduce process when a shuffle
 * splits the keys) are at most the keys of either item the batch did not
 * see: a pair whose hits and that bound fall short of sim_need is never
 * a candidate, and is not written.  One process reducing all the sorted
 * lines in one batch writes the candidates only, as the in-memory run
 * finds them.  It also tells, after the last batch, which items have no
 * candidate for sure (every key of theirs was in that batch, and no pair
 * of theirs came out), whose texts round 1 need not pass on.
 *
 * Memory: the batch's postings (13 bytes an entry, with the places
 * decide() makes of them) and items (about 160 bytes each), within the
 * budget; past it the batch is decided and the
 * next one starts, which costs lines (pairs written with their hits), not
 * pairs.
 */
#ifndef ARTKIT_SIM_KVCOMB_H
#define ARTKIT_SIM_KVCOMB_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"

/*
 * A pair to write: the items' references and sizes, and the hits counted
 * (KVCOMB_CAND: a candidate).
 */
#define KVCOMB_CAND	UINT32_MAX
typedef void	(*kvcomb_edge_fn)(void *arg, uint64_t ra, uint32_t ma,
		    uint64_t rb, uint32_t mb, uint32_t hits);

struct kvcomb;

/*
 * A combiner for opts (kept by pointer) in about budget bytes (0: none),
 * for items that write bands LSH lines each.
 */
struct kvcomb *kvcomb_new(const struct sim_opts *opts, size_t budget,
	    unsigned bands, kvcomb_edge_fn edge, void *arg);

/*
 * The item with reference ref (simkv.h: H + L, the number a posting names
 * its item by; a number hashes in a few instructions, where its code in
 * characters cost a tenth of round 1) of size m posting p probe keys (p
 * 0: for an LSH line), one more of its keys seen when p > 0: its number
 * in the batch, valid until the next kvcomb_group.
 */
uint32_t kvcomb_item(struct kvcomb *kc, uint64_t ref, uint32_t m,
	    uint32_t p);
/*
 * Ask the caches for the slot kvcomb_item of ref will read.  A walk of
 * many keys whose items are looked up in turn calls it some items ahead,
 * since a look-up is a cache miss on a large batch.  It changes nothing.
 */
void	kvcomb_prefetch(const struct kvcomb *kc, uint64_t ref);
/*
 * One group's items (numbers from kvcomb_item): an LSH bucket (lsh), whose
 * pairs are candidates at once, or a probe key that is no common phrase.
 * The batch may be decided after it, when it passes the budget.
 */
void	kvcomb_group(struct kvcomb *kc, const uint32_t *item, size_t n,
	    int lsh);
/*
 * No more groups: decide the last batch, and keep its items for
 * kvcomb_lonely.  Idempotent.
 */
void	kvcomb_settle(struct kvcomb *kc);
/*
 * After kvcomb_settle: is the item whose reference is coded at k (klen
 * bytes: KV_HASHLEN characters, kvcode.h; anything else names no item) one
 * that has no candidate anywhere?  True when every one of its lines (its p
 * probe keys and bands LSH keys) was in the last batch, so that every pair
 * it is in was counted there, and no pair of it was written: then no reduce
 * process, no batch, can make it a candidate.  False when in doubt (the
 * item not in the last batch, some of its keys elsewhere).
 */
int	kvcomb_lonely(const struct kvcomb *kc, const char *k, size_t klen);
/*
 * The entries of the groups' lists that the batches decided so far read:
 * a figure for the tests (a pair of items in a list is read once, from
 * the larger item, and only as far as a partner could still be a
 * candidate).
 */
uint64_t kvcomb_scanned(const struct kvcomb *kc);
/* End of input: decide the last batch, unless settled. */
void	kvcomb_end(struct kvcomb *kc);
/* Free kc; NULL does nothing. */
void	kvcomb_free(struct kvcomb *kc);

#endif
