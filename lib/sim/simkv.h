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
 * It finds the same pairs as simindex, by the same rules (sim.h): a pair
 * is a candidate when an LSH bucket holds both or their hits (probe keys
 * both post, no common phrase) reach sim_need, and a pair when its exact
 * figures pass the thresholds, or, under them from a containment of
 * --floor, when its passages show reuse (sim_evidence), as the in-memory
 * pairs mode decides.  For that the lines carry each item's text (what the
 * aligner reads, zstd-compressed, in Ascii85's code: textpack.h) where
 * they carried its fingerprint set: the text is about as small, and round
 * 3 makes the set from it, so it can both verify a candidate and align it.
 *
 * The lines are dense (kvcode.h): keys (F, a fingerprint or LSH key) and
 * numbers (N) in a base-64 code, texts (X) in Ascii85's.  The
 * options that decide the pairs (-n, --chars, -k, -t, --contain, --floor,
 * --seed) hash to
 * T, eight hex digits and a space, which the lines that carry a set, the
 * pairs and each step's first line (A) carry, so a round run with other
 * options than the map fails instead of giving other pairs.  R is an
 * item's reference, 11 code characters of a 64-bit number: H + L, H the
 * base of the map's batch (XXH64 of the id of its first item; a map
 * without a buffer is one batch) and L the item's number in the batch, so
 * that a posting, of which an item writes one per probe key, names its
 * item in two or three characters, L, whatever the ids (H comes once a
 * line, with w, a and b, the widths of the line's L, m and p, wide
 * enough for all its postings, so that neither a posting's fields nor the
 * postings need a space between).  K is an item's key: its escaped id
 * when that is at most 10 bytes, else 11 code characters of XXH64 of the
 * id; an item's T line is under it, so that an id given to two items
 * meets in one T group.  The
 * texts travel in pieces (textpack.h): the ids, sizes and texts of items
 * one after the other (their references following on from the first's,
 * R0), about 256 KB of text in one frame, which zstd packs to 0.30 of
 * it where one item alone packs to 0.53; round 1 codes the texts it
 * passes on one by one.  m is an item's size (its fingerprints), p the number
 * of probe keys it posts.  A probe or band key F is split: its first
 * KV_PREFIXLEN characters F1 (its top 14 bits) are the line's key, the
 * rest F2 starts a posting, so the postings of the 16,384 prefixes share
 * lines (kvcode.h).
 *
 *	each:	A	T r		the options; r the round (0: the map)
 *	map:	P<F1>	Hwab F2Lmp	F is one of the item's probe keys
 *		B<F1>	Hwa F2Lm	the item's reference in one LSH band
 *		T<K>	T w id		the item's id
 *		U<R0>	T X		a piece of texts; T and U sort after
 *					the keys
 *		P<F1>	Hwab F2LmpF2'L'm'p'...  the postings of one prefix
 *		B<F1>	Hwa F2LmF2'L'm'...  joined, by key, as the map's
 *					buffer writes them (kvmap.h); the
 *					rounds read either form, mixed
 *	1:	J<R_i>	+ R_j m_j	i and j are a candidate
 *		J<R_i>	# R_j m_j hits	or might be: hits counted so far
 *		J<R_i>	T s id m X	i's id, size and text, passed on
 *					unless i has no candidate for sure
 *	2:	L<R_j>	T 0 id_j m X	j's own text, when a smaller candidate
 *					sends its text to j
 *		L<R_j>	T 2 id_i m X	i's, a candidate of j smaller than j:
 *					m_i < m_j, or m_i = m_j and R_i < R_j
 *	3:	Z<a>	T b shared |A| |B|  a pair past the thresholds, a < b
 *		Z<a>	T b shared |A| |B| n w ca cb s f  or decided by its n
 *					passages: their figures (pair.h)
 *	4:	{"a":...}		the pair records
 *
 * Bytes: the map writes a posting per probe key (about 9 bytes, one probe
 * key for every 4 fingerprints of a long item), 42 LSH postings at the
 * defaults and the texts (zstd level 1 in pieces: with their lines,
 * 0.37 of the text in generated news); its buffer joins the postings of a
 * key prefix in a line and writes a batch sorted (on 50 MB of generated
 * news 180 thousand lines in four batches of the default 16M where a
 * line a key was 1.96 million, 7% fewer bytes, and GNU sort's user CPU
 * halved: most of its cost per line); round 1 writes the text again, of
 * the items that may have a candidate, and two lines per candidate;
 * round 2 a text per candidate, the smaller item's (half the bytes of a
 * random one among Reuters' templates), and the own text of an item that
 * receives one; rounds 3 and 4 a line per pair.  On generated news the
 * sorts read 1.23 times the text (gencorpus -S 1 -s 50M); on collections
 * of planted rewrites, where most items have candidates, 2.3 (BBC) and
 * 4.5 times (Reuters-21578, whose templates are candidates of each
 * other; its map alone 2.0).
 *
 * Round 1 counts, as the in-memory engine does, the hits of every two
 * items that share a probe key in the groups it reads (kvcomb.h), and
 * writes only the candidates, and the pairs a shuffle among several
 * reduce processes (or a batch past --max-group) leaves undecided, with
 * their hits; LSH buckets make candidates at once (a key of more than
 * maxdf items, a common phrase, makes none).  The texts come after the
 * keys (U sorts after B and P), when the last batch is decided: the text
 * of an item all of whose keys were in it and that is in no pair written
 * has no candidate anywhere, and is dropped; the others go on (in a
 * round 1 split among processes, nearly all).  Round 2 adds up each
 * item's pairs into candidates (both items of a pair get its lines and
 * decide alike) and sends the text of the smaller item to the larger;
 * round 3 makes each item's set and its candidates' from their texts and
 * intersects them (exact verification), and aligns the pairs from the
 * floor up that the thresholds do not decide; round 4 orders each a's
 * pairs by b.
 *
 * Each reducer reads the lines of one round: a line of another, or a pair
 * of the last round twice, stops it, since the pairs would come out
 * twice or wrong; two items under one key (one id twice, or two ids whose
 * hashes are alike) stop it in round 1, and two under one reference (two
 * map batches whose bases differ by less than their items: odds of one
 * in fifty million for ten thousand batches of four thousand items) in
 * round 2, when both have candidates.
 *
 * Memory in every round is one group, which --max-group bounds: the
 * postings of a key prefix (24 bytes each; past the bound the common
 * phrases among them are dropped, and a key found one drops its postings
 * still to come; about 1/16,384 of the probe and band keys, 2 MB on 30
 * GB of text), one item's pairs, the texts of an item's candidates until
 * its own text comes (sorted input brings it first, and then nothing is
 * kept); a piece of texts (256 KB and an item), a line of its own which
 * the map bounds and round 1 reads where it is, --max-group does not
 * count; and in round 1 the postings of a batch of groups, within about
 * --max-group more.  A
 * group past the bound is an error, never a silent cut; a batch past it
 * is decided and the next begun, which costs lines, not pairs.  The map
 * holds one item, or with a buffer (simkv_map_buffer) about its bytes and
 * one item more; its joined lines stay under about 4 KB.
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
 * In the reduce: refuse a line whose text or piece of texts unpacks to
 * more than the map can have written for records of at most maxrecord
 * bytes (--max-record, which the map and the rounds should share): an
 * item's id, text and sentences take at most five times its record, a
 * piece TEXTPACK_PIECE and an item more; so a damaged line is an error
 * naming it, never gigabytes allocated.  0: no bound.
 */
void	simkv_limit_text(struct simkv *kv, size_t maxrecord);

/*
 * Write the map lines of item id (idlen bytes, idlen > 0: the rounds read
 * no empty id, so the caller refuses such an item) with text.
 */
void	simkv_map(struct simkv *kv, const char *id, size_t idlen,
	    const char *text, size_t len);
/* The same for an item (its sentences, when it has them, kept). */
void	simkv_map_item(struct simkv *kv, const struct item *it);
/*
 * Before the first item: hold the map's lines in a buffer of about bytes
 * (kvmap.h), the postings of one key prefix joined, and write them sorted by key
 * when it is full and at simkv_map_end.  0, the default: a line a key of
 * an item, written as the item comes.
 */
void	simkv_map_buffer(struct simkv *kv, size_t bytes);
/*
 * End of the map's input: write what the buffer holds, and the last
 * piece of texts (a map without a buffer too).
 */
void	simkv_map_end(struct simkv *kv);

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
