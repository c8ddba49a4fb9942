/*
 * split.h - artsplit's engine: raw documents in, one record per news item
 * out (artsplit(1)).
 *
 * Formats:
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
 * (warned once per file) unless an encoding is forced; a NUL byte means a
 * binary file: it is reported and the rest of it skipped (status 1).
 */
#ifndef ARTKIT_SPLIT_H
#define ARTKIT_SPLIT_H

#include <regex.h>
#include <stdbool.h>

#include "io/run.h"

enum split_format { SPLIT_TEXT, SPLIT_NEXIS, SPLIT_CSV, SPLIT_JSONL };
enum split_encoding { ENC_AUTO, ENC_UTF8, ENC_CP1252, ENC_LATIN1 };

struct split_opts {
	enum split_format	 format;
	enum split_encoding	 encoding;
	const regex_t		*delim;		/* -d, or NULL */
	const char		*id_prefix;	/* --id-prefix, or NULL */
	const char		*columns;	/* --columns COL=FIELD,... */
	bool			 paragraphs;	/* -p */
	bool			 no_title;	/* --no-title */
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

/* Parse a --format name; -1 when unknown. */
int	split_format_by_name(const char *);
int	split_encoding_by_name(const char *);

#endif
