/*
 * refindex.h - the on-disk reference index of artsim: `artsim --index`
 * writes one from a set of reference items (the wire copy, press
 * releases), `artsim --ref` streams any number of items against it.
 *
 * The file holds every reference item's id, text and sentences (for
 * --align), its set of shingle fingerprints (the 32-bit fingerprints
 * simindex.h uses, from the same shingler settings, which the file
 * records), and an inverted index from every fingerprint to the
 * references holding it.  A query looks up all its fingerprints and reads
 * the lists of the rarer ones: every list of at most REFINDEX_COMMON
 * references, and as many more, rarest first, as it takes to be sure to
 * meet every reference that shares REFINDEX_SURE of the item (or less,
 * when the thresholds ask for less).  A reference met whose count could
 * still reach a threshold gets its exact |A n B|, by intersecting the two
 * sets (or, when that is more work, by reading the remaining lists too).
 * So the pairs by Jaccard and by containment in the reference are exactly
 * those the in-memory mode finds, with the same figures; a pair that
 * shares less than REFINDEX_SURE of the item is found when it shares a
 * shingle held by at most REFINDEX_COMMON references, much as the
 * in-memory mode, which skips common phrases, finds it.
 *
 * The file is mapped, not read, so opening is instant, the pages a stream
 * touches are shared with the page cache, and memory does not grow with
 * the stream.  It starts with a magic number and a format version; a file
 * that is not an index, is of another version or byte order, or is shorter
 * or longer than its header says is refused when opened, with a message.
 * The header holds a checksum of itself and of every section, and each
 * section is checked against its own the first time a query uses it (the
 * items when the file is opened): damage anywhere in a section (a zeroed
 * page, one flipped byte) makes the query answer REFQUERY_DAMAGED, never
 * other figures.  Every offset and count read from the file is checked
 * before use as well, and no figure is reported past what it can be, so
 * even a file made to pass its checksums cannot crash a query or give a
 * share above 1.
 *
 * Layout (all numbers in the byte order of the machine that wrote it,
 * which the header records; every section 8-byte aligned):
 *
 *	header		192 bytes: magic "artsimIX", version, byte order,
 *			shingle settings, counts, section offsets, file size,
 *			an XXH3 of each section, and an XXH64 of the header
 *	items		per reference: where its id, text, sentences and
 *			set are, and its size
 *	directory	2^dirbits + 1 offsets into the postings, by the top
 *			bits of the fingerprint
 *	fingerprints	the postings' fingerprints, ascending
 *	references	the postings' reference numbers, ascending within a
 *			fingerprint
 *	sets		each reference's fingerprints, ascending
 *	sentences	byte offsets (start, end) into each text, and where
 *			each starts in code points of the original text
 *			when the text is not it (artsent's records)
 *	strings		ids and texts
 */
#ifndef ARTKIT_REFINDEX_H
#define ARTKIT_REFINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/item.h"
#include "sim/pair.h"
#include "sim/sim.h"

#define REFINDEX_VERSION	3
#define REFINDEX_COMMON	500	/* more references: a common phrase */
#define REFINDEX_SURE	0.5	/* share of an item always searched for */

struct refindex_builder;
struct refindex;
struct refquery;

/*
 * A builder for an index of items shingled as opts says (n, chars, seed;
 * NULL means the defaults).  Never NULL; exits with a message when no
 * temporary file can be made.
 */
struct refindex_builder *refindex_builder_new(const struct sim_opts *opts);
/* Free b and its temporary file; NULL does nothing. */
void	refindex_builder_free(struct refindex_builder *b);

/*
 * Add it as the next reference (numbered from 0), splitting its text into
 * sentences when it has none.  Exits with a message when the index would
 * outgrow its format (texts of 4 GB, 2^32 references or postings).
 */
uint32_t refindex_builder_add(struct refindex_builder *b,
	    const struct item *it);

/*
 * Write the whole index through write(arg, bytes, n), which must take every
 * byte or not return.
 */
void	refindex_builder_write(struct refindex_builder *b,
	    void (*write)(void *arg, const void *p, size_t n), void *arg);

/*
 * Open and check the index at path, comparing pairs against jaccard,
 * and contain of opts (its shingle settings are the file's).
 * Returns NULL with a message in err[0..errlen) (which does not repeat
 * the path) when the file cannot be read, is not an index, is of another
 * version or byte order, or is truncated.
 */
struct refindex *refindex_open(const char *path, const struct sim_opts *opts,
	    char *err, size_t errlen);
/*
 * Whether the file path starts as an index does (its magic number): for
 * a message when one is given where records are read.  False when it
 * cannot be read or is not a regular file (a fifo is read once).
 */
bool	refindex_file_is(const char *path);
/* Unmap and free ix; NULL does nothing. */
void	refindex_close(struct refindex *ix);

/*
 * NULL, or what a query found damaged first (a section's name: "sets",
 * "strings" ...), for the one message of the run:
 *	"INDEX: damaged index (WHAT): build it again with artsim --index".
 * Safe to call while queries run on other threads.
 */
const char *refindex_damage(const struct refindex *ix);

/* Number of references; the shingle settings (n, chars, seed) into opts. */
uint32_t refindex_count(const struct refindex *ix);
void	refindex_settings(const struct refindex *ix, struct sim_opts *opts);

/*
 * A query's scratch: what one thread needs to stream items against ix,
 * which it only reads, so that several threads can share one index.  Its
 * memory is fixed by the number of references.  Never NULL; free it
 * before closing ix.
 */
struct refquery *refquery_new(const struct refindex *ix);
/* Free rq; NULL does nothing. */
void	refquery_free(struct refquery *rq);

/*
 * The references similar to text (len bytes) by the thresholds, with exact
 * figures, in order of reference number, in *out (an array that belongs to
 * rq and lasts until its next query): in each pair, the item is a (a is
 * 0) and the reference b.  Those under the thresholds whose containment
 * reaches opts.floor come too, with by SIM_CHECK, for the caller to decide
 * from their passages (sim.h).  Returns how many, or REFQUERY_DAMAGED
 * when a part of the index it read is damaged (refindex_damage says
 * which).
 */
#define REFQUERY_DAMAGED	((size_t)-1)
size_t	refquery_run(struct refquery *rq, const char *text, size_t len,
	    const struct pair **out);

/*
 * Reference r (r < refindex_count) as an item: id and text point into the
 * mapped file, the sentences and their code points into rq, until its
 * next call.  Returns 0, or -1 (the item empty) when the part of the index
 * it reads is damaged.
 */
int	refquery_item(struct refquery *rq, uint32_t r, struct item *it);

#endif
