/*
 * sentrec.h - artsent's records: each item's text cut into sentences by
 * the splitter (sent/sentsplit.h) and written out as one record per
 * sentence,
 *
 *	{"id":"wire","par":1,"sent":1,"text":"...","start":0,"end":42,...}
 *
 * id, par, sent, text, then start and end (--offsets), then the item's
 * fields that --keep names, each as the item had it.  The splitter works
 * on bytes and never sees a record; this layer is where the two meet.
 *
 * The work is one value for the driver (io/run.h's struct run_mapper),
 * as artsim's modes are:
 *
 *	struct sentrec_opts o = { .lang = "en", .offsets = true };
 *	struct run_mapper m = sentrec_mapper(&o);
 *	return run_mapper(&common, nfiles, files, &m);
 *
 * Each record is written straight into its output line, in the order and
 * the bytes io/record.h's record_write would give: building a struct
 * record per sentence and writing it out again was a third of artsent's
 * time (callgrind).
 */
#ifndef ARTKIT_SENTREC_H
#define ARTKIT_SENTREC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "io/run.h"

/* What artsent's options ask for; cmd/artsent.c checks them. */
struct sentrec_opts {
	const char		 *lang;		/* the list abbrev/LANG.txt */
	const char *const	 *abbrev;	/* more lists (-a), nabbrev */
	size_t			  nabbrev;
	const char *const	 *keep;		/* the item's fields to copy */
	size_t			  nkeep;	/* (none is a sentence's own) */
	bool			  offsets;	/* add start and end */
	bool			  plain;	/* -t: text lines, no records */
	bool			  unwrap;	/* soft line breaks made spaces */
	bool			  exact;	/* line breaks kept as written */
	bool			  with_title;	/* the title as paragraph 0 */
};

/*
 * The mapper that writes o's sentence records of every item.  The
 * strings o points to are not copied: they must live until the run is
 * over (run_mapper returns).  The word lists are loaded here, and one that
 * cannot be read ends the program (sentsplit_new).  Items without a text
 * string give no sentences; with_title adds the title, when it is a
 * non-empty string, as paragraph 0, sentence 0, its offsets counted in
 * the title.
 */
struct run_mapper sentrec_mapper(const struct sentrec_opts *o);

/*
 * Whether name is a field of the sentence record itself (id, par, sent,
 * text, start, end), which --keep must not name lest it be written twice.
 */
bool	sentrec_own_field(const char *name);

/* The sentence record's own fields, as a user reads them in a message. */
#define SENTREC_OWN_FIELDS	"id, par, sent, text, start, end"

/*
 * s[0..n) into b (reset first) with its soft line breaks made spaces: a
 * run of white space with a line break in it becomes one space ("a cold
 * \n night" reads "a cold night"); other white space is kept.
 */
void	sentrec_unwrap(struct buf *b, const char *s, size_t n);

/*
 * s[0..n) into b (reset first) with each line break character (CR, LF)
 * written as a space, one for one, so that b has the length of s and
 * offsets counted in s hold in b.  The default text of a sentence record.
 */
void	sentrec_flatten(struct buf *b, const char *s, size_t n);

#endif
