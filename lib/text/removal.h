/*
 * removal.h - what artclean took out of an item and why: the record of
 * every removal that --explain prints, and its JSON form.
 *
 * Each step of the pipeline (clean.h) that removes a piece names itself
 * (a rule's name, "learned", "duplicate", or a heuristic's step name) and
 * a category (the rule's, or "heuristic"), so that a reader can tell
 * which rule or signal to tune for any piece that went.
 */
#ifndef ARTKIT_REMOVAL_H
#define ARTKIT_REMOVAL_H

#include <stddef.h>

#include "base/buf.h"

/* One removed piece. */
struct removal {
	const char	*rule;		/* rule name, "learned", "duplicate",
					   "foot", "twice", "echo",
					   "tail" or "head" */
	const char	*category;
	const char	*text;		/* the piece, not NUL-terminated */
	size_t		 len;
};

/*
 * The removals of one item, in the order they were made.  The text of
 * each is copied into text as it is added, and v[i].text points into it
 * only once removal_done has been called (it may move before).  Start
 * with all zeros; free with removal_free.
 */
struct removal_list {
	struct removal	*v;
	size_t		*off;		/* where v[i]'s text is in text */
	size_t		 n, cap;
	struct buf	 text;
};

/* Forget the removals (for the next item); keeps the memory. */
void	removal_reset(struct removal_list *);

/* Add one; rule and category must outlive the list's next reset. */
void	removal_add(struct removal_list *, const char *rule,
	    const char *category, const char *s, size_t n);

/* The text of removal i, valid until the next removal_add. */
const char *removal_text(const struct removal_list *, size_t i);

/* Point each v[i].text at its text; returns v, valid until a change. */
const struct removal *removal_done(struct removal_list *);

/* Release what l holds (not l itself); the removals handed out die. */
void	removal_free(struct removal_list *);

/*
 * Append the n removals of rm to out as the JSON array --explain writes:
 * [{"rule":..,"category":..,"text":..},...], in the order given.
 */
void	removal_json(const struct removal *rm, size_t n, struct buf *out);

/*
 * Append the n removals of rm to the array being written in out (whose
 * last byte is its '[' or an element), for an array made of several lists.
 */
void	removal_json_add(const struct removal *rm, size_t n, struct buf *out);

#endif
