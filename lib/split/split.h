/*
 * split.h - artsplit's engine: raw documents in, one record per news item
 * out (artsplit(1)).
 *
 * Formats, one reader each (reader.h says how a reader plugs in); without
 * -f the format is told from the first bytes of each file, and a file no
 * reader claims is text:
 *   text   one article per file; a form feed, or a line matching the
 *          delimiter regex, starts a new article (see article.h for how an
 *          article's lines become fields);
 *   nexis  the plain-text export of Nexis Uni and LexisNexis Academic
 *          ("Document N of M" / "N of M DOCUMENTS" ... "End of Document",
 *          with LENGTH:, BYLINE:, SECTION:, LOAD-DATE: and other fields);
 *   csv    RFC 4180 with a header row naming the fields;
 *   jsonl  records validated and passed through, ids added where missing.
 *
 * ids: the file's base name without its extensions for a one-article file,
 * NAME#N for the N-th item of a stream (from 1), with an optional prefix; an
 * id already used in this run gets "~2", "~3", ... and a warning.
 *
 * Encoding: each line that is not valid UTF-8 is decoded as Windows-1252
 * (warned once per file) unless an encoding is forced.  A NUL byte in the
 * first block read of a file means a binary file: it is reported and the
 * rest of it skipped (status 1); one further on is damage in a text file:
 * it becomes U+FFFD with a warning naming the line, and reading goes on.
 */
#ifndef ARTKIT_SPLIT_H
#define ARTKIT_SPLIT_H

#include <regex.h>
#include <stdbool.h>

#include "io/run.h"

enum split_encoding { ENC_AUTO, ENC_UTF8, ENC_CP1252, ENC_LATIN1 };

struct split_opts {
	const char		*format;	/* -f, or NULL: by content */
	enum split_encoding	 encoding;
	const regex_t		*delim;		/* -d, or NULL */
	const char		*id_prefix;	/* --id-prefix, or NULL */
	const char		*columns;	/* --columns COL=FIELD,... */
	size_t			 max_record;	/* --max-record; 0: the default */
	bool			 paragraphs;	/* -p */
	bool			 no_title;	/* --no-title */
	bool			 explain;	/* --explain (html, warc) */
};

struct splitter;

/* A splitter for a run; exits 2 on a bad --columns value. */
struct splitter *splitter_new(const struct split_opts *);
void	splitter_free(struct splitter *);

/*
 * Read one input file (path "-" is standard input) and emit its items on
 * the run.  Errors are reported through the run.
 */
void	splitter_file(struct splitter *, struct run *, const char *path);

/* Whether s names a format (-f). */
bool	split_format_known(const char *s);
/*
 * Parse an -e name (auto, utf-8, cp1252, latin1, or the IANA names
 * windows-1252 and iso-8859-1); -1 when unknown.
 */
int	split_encoding_by_name(const char *);
/* The IANA charset name of an enum split_encoding, or NULL for auto. */
const char *split_encoding_name(int enc);

#endif
