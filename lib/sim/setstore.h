/*
 * setstore.h - a temporary file of the items' fingerprint sets, for the
 * in-memory engine (simindex.h), whose memory keeps what finds candidates
 * and reads a set back when it compares one.
 *
 * A record holds an item's set, sorted 32-bit fingerprints, and its LSH band
 * keys, 4 bytes each as in memory, so that a set read back is used where it
 * was read, not decoded.  The first records stay in memory, up to a size the
 * store is given, and are used where they are.  Items are numbered from 0 as
 * they are added; an item may have no record (no words, or a set an earlier
 * item has).  Memory keeps where each record starts: 8 bytes an item.
 *
 * Reading is by pread, so threads may read at once, each with its own
 * struct setread, once setstore_flush has made what was written readable.
 * A reader that goes through items in order (to build an index, or a
 * worker's block of items) reads a chunk of records at a time; one that
 * reads the candidates of each item in turn, which come back to the same
 * items, may keep the short records it read (setread_keep).
 */
#ifndef ARTKIT_SETSTORE_H
#define ARTKIT_SETSTORE_H

#include <stddef.h>
#include <stdint.h>

struct setstore;

/* A record a reader keeps (setread_keep). */
struct setslot {
	unsigned char	*buf;
	size_t		 cap;
	uint32_t	 item;		/* its item + 1; 0: none */
};

/*
 * What one reader holds: the set read last, and its band keys, which
 * last until its next read.
 */
struct setread {
	const uint32_t	*fp;		/* the set, fp[0 .. n) */
	const uint32_t	*bands;		/* its band keys */
	unsigned char	*buf;		/* records read, [from, to) */
	size_t		 capbuf;
	uint64_t	 from, to;
	int		 ahead;		/* read a chunk of records at a time */
	struct setslot	*slot;		/* records kept, by item number */
	uint32_t	 nslots;	/* 0, or a power of two */
	size_t		 kept, keep;	/* their bytes, and at most */
};

#define SETREAD_INIT(ahead)	{ NULL, NULL, NULL, 0, 0, 0, (ahead), NULL, 0, \
				  0, 0 }

/* Records a reader keeps are at most this long: 4 KB, 1,000 values. */
#define SETREAD_KEEP_MAX	4096

/*
 * The memory the in-memory engine lets a store keep its first records in:
 * a constant, within the 64 MB that artsim's bound on memory (half the
 * text plus 64 MB) allows whatever the input.
 */
#define SETSTORE_MEMORY	((size_t)32 << 20)

/*
 * An empty store whose records hold bands band keys each, the first of
 * them, up to memory bytes in all, kept in memory and the rest written to
 * the file; exits with a message when no temporary file can be made.
 */
struct setstore *setstore_new(unsigned bands, size_t memory);
/* Free st and its file; NULL does nothing. */
void	setstore_free(struct setstore *st);
/*
 * Add the next item: the set fp[0..n) (ascending, n > 0) and its band
 * keys, or, with fp NULL, an item without a record.  Exits 1 on a write
 * error.
 */
void	setstore_add(struct setstore *st, const uint32_t *fp, uint32_t n,
	    const uint32_t *bands);
/* Make the records written readable. */
void	setstore_flush(struct setstore *st);
/*
 * Read item i's record into r; returns the set's size (r->fp holds it).
 * Exits with a message when the file cannot be read back.
 */
uint32_t setstore_get(struct setstore *st, uint32_t i, struct setread *r);
/*
 * Let r, a reader of items in no order, keep the records it reads of up
 * to SETREAD_KEEP_MAX bytes, in nslots places (a power of two) chosen by
 * the item's number, so that an item read again before another takes its
 * place is not read from the file; the records kept hold bytes at most
 * (a record that would pass it is read as without).
 */
void	setread_keep(struct setread *r, uint32_t nslots, size_t bytes);
/* Band key b of the record read last. */
uint32_t setread_band(const struct setread *r, unsigned b);
/* Free what r holds. */
void	setread_free(struct setread *r);
/* Bytes in the file, and held in memory. */
uint64_t setstore_file_bytes(const struct setstore *st);
size_t	setstore_bytes(const struct setstore *st);

#endif
