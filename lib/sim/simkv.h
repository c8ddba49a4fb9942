/*
 * simkv.h - the text format of artsim's map / sort / reduce split, for
 * corpora past one machine's memory: `key<TAB>value' lines that a byte-wise
 * sort (LC_ALL=C sort, the shuffle of Hadoop Streaming or Spark) brings
 * together by key, and the reduce rounds that turn each group of lines with
 * one key into the lines of the next round.  Every step is a pure function
 * of its input lines, so the map step may be split across processes
 * (parallel --pipe) and the lines concatenated in any order; a reduce
 * round may be split too, by key, as long as each key's lines meet.
 *
 *	map | sort | reduce | sort | reduce | sort | reduce | sort | reduce
 *
 * One reduce function serves every round: the first letter of the key
 * says which round a line belongs to.  The last round writes the pair
 * records, the same as the in-memory run's (simindex.h), exact up to
 * 32-bit fingerprints, with a before b in byte order of the ids and
 * sorted by a then b.
 *
 * It finds the same pairs as simindex, by the same rules (sim.h): items
 * are ranked by (size, set hash, key) instead of (size, set hash, number),
 * which decides the same pairs because a tie means equal sets.
 *
 * Every value starts with T, eight hex digits of a hash of the options
 * that decide the pairs (-n, --chars, -k, -t, --contain, --seed), so a
 * round run with other options than the map fails instead of giving other
 * pairs.  R is an item's rank key (%08x size, %016x set hash), N a size
 * in %08x, F a fingerprint or LSH key in %08x, HEX the item's fingerprints,
 * each in %08x, in order; ids are escaped (below).  K is an item's key: its
 * escaped id when that is at most 18 bytes, else "!~" and 16 hex digits of
 * XXH64 of the id, so the lines there is one of per shingle cost the same
 * whatever the ids (a URL of 130 bytes was 38 times the text); the id
 * itself travels once, with the item's set.
 *
 *	map:	P<F>	T R K		F is one of the item's probe keys
 *		B<F>	T R K		the item's key in one LSH band
 *		J<K>	T w id HEX	the item's id and set, waiting a round
 *	1:	J<K_j>	T h N_i K_i	i and j share a probe key; j ranks first
 *		J<K_j>	T l N_i K_i	i and j share an LSH bucket
 *		J<K_j>	T s j HEX	j's id and set, passed on
 *	2:	L<K_j>	T 0 j HEX	j's own id and set
 *		L<K_i>	T 2 j HEX	j's, a candidate to verify with i
 *	3:	Z<a>	T b shared |A| |B|  a pair past the thresholds, a < b
 *	4:	{"a":...}		the pair records
 *
 * Each reducer reads the lines of one round: a line of another, or a pair
 * of the last round twice, stops it, since the pairs would come out
 * twice or wrong; two items under one key (one id twice, or two ids whose
 * hashes are alike) stop it in round 1.
 *
 * Round 1 finds the candidate edges in each probe key's and each
 * bucket's group (a key of more than 1000 items, a common phrase, makes
 * none); round 2 counts each item's edges into candidate pairs and sends
 * its set to them; round 3 intersects each item's set with its
 * candidates' (exact verification); round 4 orders each a's pairs by b.
 *
 * Memory in every round is one group, which --max-group bounds: a key's
 * items (a common phrase's are dropped as it is found one), one item's
 * candidates, or the sets of an item's candidates until its own set comes
 * (sorted input brings it first, and then nothing is kept).  A group past
 * the bound is an error, never a silent cut.
 *
 * Ids are escaped so that a line has exactly one TAB and no byte below
 * '"', in a way that keeps their byte order: a byte c up to '!' becomes
 * '!' followed by c + 0x40.
 */
#ifndef ARTKIT_SIMKV_H
#define ARTKIT_SIMKV_H

#include <stddef.h>

#include "base/buf.h"
#include "sim/sim.h"

struct simkv;

/* Where a worker's lines go: called with whole lines, n > 0. */
typedef void	(*simkv_write_fn)(void *arg, const char *s, size_t n);

/*
 * A map/reduce worker for opts (copied; NULL means the defaults) whose
 * reduce keeps at most maxgroup bytes of a group (0: no bound), writing
 * its lines through write(arg, ...).
 */
struct simkv *simkv_new(const struct sim_opts *opts, size_t maxgroup,
	    simkv_write_fn write, void *arg);

/*
 * Write the map lines of item id (idlen bytes, idlen > 0: the rounds read
 * no empty id, so the caller refuses such an item) with text.
 */
void	simkv_map(struct simkv *kv, const char *id, size_t idlen,
	    const char *text, size_t len);

/*
 * Feed one line (a trailing newline is ignored) of sorted input; lines of
 * the next round are written as groups complete.  Returns 0, or -1 with
 * *msg set to why the line is refused (valid until the next call): a line
 * this format does not know, other options, input not sorted by key, an
 * id that two items share, a group past maxgroup.  After -1 the worker may
 * only be freed.
 */
int	simkv_reduce(struct simkv *kv, const char *line, size_t len,
	    const char **msg);

/* End of input: finish the last group. */
void	simkv_reduce_end(struct simkv *kv);

/* Free kv; NULL does nothing. */
void	simkv_free(struct simkv *kv);

#endif
