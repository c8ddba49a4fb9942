/*
 * reader.h - the interface between artsplit's dispatch (split.c) and its
 * readers, one per input format (text.c, nexis.c, csv.c, jsonl.c, ...).
 * Internal to lib/split.
 *
 * A reader is a table of functions over a state of its own.  split.c
 * opens each input, picks the reader (the one named by -f, else the first
 * whose sniff() claims the input's first bytes, else text), and either
 * hands it the input whole (file(), for formats that are not lines of
 * text) or decodes the input line by line to valid UTF-8 and hands it
 * each line (line(), then end() at the end of the file).  The reader
 * turns what it reads into items: it fills sp->rec, gives the item an id
 * with split_item_id() and writes it with split_emit().  Errors go through
 * the run (run_reject, run_fail), never to stderr directly.
 *
 * To add a format: write NAME.c defining a `const struct split_reader
 * split_NAME`, and add it to the table in split.c (before "text", which
 * claims everything).
 */
#ifndef ARTKIT_SPLIT_READER_H
#define ARTKIT_SPLIT_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/strset.h"
#include "io/input.h"
#include "io/record.h"
#include "io/run.h"
#include "split/split.h"

/* What every reader sees: the options, the item being written, the ids. */
struct splitter {
	const struct split_opts *o;
	struct record	 rec;		/* the item being built */
	struct buf	 id;		/* its id, after split_item_id */

	/* per file, reset by split.c before begin() */
	const char	*path;
	unsigned long	 n;		/* items emitted from this file */
	bool		 stream;	/* the file holds several items */

	/* the current line as read, before decoding (line readers) */
	const char	*raw;
	size_t		 rawlen;
	const char	*eol;		/* its line end: "\n" or "\r\n" */
	unsigned long	 lineno;	/* its line number */
	/*
	 * The buffer the decoded line lies in when the reader may take its
	 * memory (a long line: see input_line_buf), else NULL.  Taken, it
	 * must not be read again (nor sp->raw, which may lie in it).
	 */
	struct buf	*linebuf;

	/* the item being read: its raw lines, for --rejects (split_hold) */
	struct buf	 held;		/* with their line ends; only
					   with --rejects, the one use */
	size_t		 heldn;		/* their length, held or not */
	unsigned long	 held_line;	/* where it began */
	bool		 spilling;	/* it went over --max-record */
	size_t		 spilled;	/* bytes of it copied to --rejects */

	/* split.c's own */
	struct strset	*ids;
	struct record	 par;
	struct buf	 base, line, nul;
	bool		 warned;
	const char	*utf16;		/* the input starts as UTF-16 text:
					   input_utf16's message */
	bool		 binary;	/* a NUL in the input's first block */
	void		**state;	/* per reader, indexed as the table */
};

struct split_reader {
	const char	*name;		/* the -f name */
	/*
	 * True when the first bytes of a file (decompressed; at least what
	 * one read returned, fewer only at the end of the input) are this
	 * format.  NULL: the format is used only when named with -f.
	 */
	bool		(*sniff)(const char *head, size_t n);
	/* The file holds several items (ids NAME#N) rather than one. */
	bool		 stream;

	/* State for a run (may exit 2 on a bad option); NULL is fine. */
	void		*(*new)(const struct split_opts *);
	void		(*free)(void *state);
	/* A new file starts (sp->path, sp->n and sp->stream are set). */
	void		(*begin)(void *state, struct splitter *, struct run *);

	/*
	 * Either: read the whole input itself (for formats that are not
	 * lines of text), and report its errors through the run; return
	 * the last input_getline()-style status (INPUT_EOF when all was
	 * read, INPUT_ERROR after a read error, reported by split.c) ...
	 */
	int		(*file)(void *state, struct splitter *, struct run *,
			    struct input *);
	/*
	 * ... or: take the file's lines, one at a time, valid UTF-8 without
	 * their line end, then end() at the end of the input (not after a
	 * read error or a stop).
	 */
	void		(*line)(void *state, struct splitter *, struct run *,
			    const char *s, size_t n);
	void		(*end)(void *state, struct splitter *, struct run *);
};

extern const struct split_reader split_text, split_nexis, split_csv,
	    split_jsonl, split_html, split_warc;

/*
 * Count a new item of the file and put its unique id in sp->id: the one
 * given (glen bytes; given NULL: NAME or NAME#N), with "~2", "~3", ...
 * and a warning when already used in this run.
 */
void	split_item_id(struct splitter *, struct run *, const char *given,
	    size_t glen);
/* split_item_id(sp, run, NULL, 0) in a fresh sp->rec, with "id" set. */
void	split_item_start(struct splitter *, struct run *);
/* Write the item in sp->rec: whole, or with -p one record a paragraph. */
void	split_emit(struct splitter *, struct run *);
/*
 * -p's part of split_emit, for the item whose id is sp->id and whose text
 * is t[0..n): for a reader that has the text at hand, so that it need not
 * be copied into sp->rec.
 */
void	split_paragraphs(struct splitter *, struct run *, const char *t,
	    size_t n);
/*
 * split_emit of sp->rec with "text" (which it must not hold yet) set to
 * t[0..n), last: a long text is written as JSON a piece at a time and
 * never copied into sp->rec, so that an item is held once, not twice.
 */
void	split_emit_text(struct splitter *, struct run *, const char *t,
	    size_t n);

/*
 * The item guard, for line readers whose items span lines: every line of
 * an item goes through split_hold(sp, run, raw, n) (the raw bytes of the
 * line, or of the part of it that belongs to the item), and
 * split_item_done() ends the item, emitted or not.  While the item fits
 * in --max-record, split_hold keeps a copy of its lines (with sp->eol)
 * and returns true.  Once it does not, the item is rejected ("item longer
 * than --max-record"): its lines so far and the later ones go to
 * --rejects as read, up to --max-record bytes (as for a line too long),
 * split_hold returns false, and the reader must drop what it has of the
 * item and hold nothing more of it until split_item_done().  So memory
 * stays bounded.
 */
bool	split_hold(struct splitter *, struct run *, const char *raw,
	    size_t n);
void	split_item_done(struct splitter *);
/*
 * Reject the item held so far with the message msg: report it (naming
 * the line it began on) and copy its lines to --rejects as read.
 */
void	split_reject_held(struct splitter *, struct run *, const char *msg);

/*
 * Decode a raw line to valid UTF-8 as split.c does for line readers (the
 * result may live in a buffer of sp's until the next call); false after
 * rejecting it when -e utf-8 was forced and it is not.
 */
bool	split_decode(struct splitter *, struct run *, const char **s,
	    size_t *n);

/* Helpers for line readers. */
bool	split_blank(const char *s, size_t n);	/* only ' ', '\t', '\r' */
void	split_trim(const char **s, size_t *n);	/* both ends, and a '\r' */

#endif
