/*
 * warc.h - the records of a WARC file (ISO 28500: WARC/1.0 and 1.1), one
 * at a time, from an input (io/input.h: plain, gzip-compressed as a whole
 * or, as usual, one gzip member per record).
 *
 * A record is a version line, named header fields, a blank line, a block
 * of Content-Length bytes and two line ends.  Only the first `limit'
 * bytes of a block are kept in memory (the rest is skipped as it is
 * read), so an archive of any size, and a record of any size, is read in
 * bounded memory.
 *
 * Damage is reported, never fatal while something can be read: a record
 * whose block is not followed by its two line ends (a Content-Length that
 * lies) is returned as WARC_DAMAGED, and reading goes on from the next
 * line that starts a record; a file that ends inside a record, or whose
 * decompression fails, ends with WARC_ERROR after every record before it.
 * Wget writes WARC-Target-URI as "<http://...>": the angle brackets are
 * taken off.
 */
#ifndef ARTKIT_WARC_H
#define ARTKIT_WARC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "io/input.h"

enum warc_status {
	WARC_EOF = 0,		/* no more records */
	WARC_OK = 1,		/* a record */
	WARC_DAMAGED = 2,	/* a record whose framing is wrong (see
				   warc_error); its block is not to be used */
	WARC_ERROR = -1		/* the input is not WARC, or ended or broke
				   inside a record (see warc_error) */
};

struct warc_record {
	unsigned long	 n;		/* 1 for the file's first record */
	struct buf	 type;		/* WARC-Type: response, request, ... */
	struct buf	 id;		/* WARC-Record-ID, without <> */
	struct buf	 uri;		/* WARC-Target-URI, without <> */
	struct buf	 date;		/* WARC-Date */
	struct buf	 ctype;		/* Content-Type (of the block) */
	unsigned long long length;	/* Content-Length */
	struct buf	 block;		/* the block's first `limit' bytes */
	bool		 cut;		/* the block was longer than that */
};

struct warc;

/* Read records from in, keeping at most limit bytes of each block. */
struct warc *warc_open(struct input *in, size_t limit);
void	warc_close(struct warc *);	/* does not close the input */

/* The next record into r. */
enum warc_status warc_next(struct warc *, struct warc_record *r);
/*
 * After WARC_ERROR from damaged gzip data (input_error says so), or
 * WARC_EOF at garbage after a member: read on from the next gzip member
 * that starts a record, as crawlers write one a record (input_resync).
 * Returns its offset in the file, -1 when none follows (the input is then
 * at its end), -2 when the input is not gzip.  *at: where the damage was.
 */
long long warc_resync(struct warc *, unsigned long long *at);
/*
 * Whether the last WARC_ERROR came inside a record (after its version
 * line: the record is lost) rather than between records.
 */
bool	warc_inside(const struct warc *);
/* What went wrong, after WARC_DAMAGED or WARC_ERROR. */
const char *warc_error(const struct warc *);

/*
 * Start r empty (warc_next fills it, record after record);
 * warc_record_free releases what r holds and leaves it empty.
 */
void	warc_record_init(struct warc_record *);
void	warc_record_free(struct warc_record *);

/* Whether the first bytes of a file are a WARC record's version line. */
bool	warc_sniff(const char *head, size_t n);

#endif
