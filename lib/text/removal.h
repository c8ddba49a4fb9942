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
 * Append the n removals of rm to out as the JSON array --explain writes:
 * [{"rule":..,"category":..,"text":..},...], in the order given.
 */
void	removal_json(const struct removal *rm, size_t n, struct buf *out);

#endif
