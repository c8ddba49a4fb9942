/*
 * edges.h - artclean's steps 10 and 11 (clean.h), tail and head: the
 * furniture at the edges of an article.
 *
 * A page around an article leaves furniture at its edges: headlines of
 * other stories, author names and menus after the last paragraph of the
 * article (tail), labels and section names before the first (head).
 * They end no sentence; a closing line that does ("The hearing resumes on
 * Monday.") is kept unless a rule says otherwise.  An item without a
 * paragraph of prose has no edges and is left alone.
 */
#ifndef ARTKIT_EDGES_H
#define ARTKIT_EDGES_H

#include <stddef.h>

#include "base/buf.h"
#include "text/removal.h"

/*
 * The steps on the paragraphs of out from start: head removes what comes
 * before the first paragraph of prose, tail what comes after the last,
 * recording it in rm; tmp is scratch space.
 */
void	edges_cut(struct buf *out, size_t start, int head, int tail,
	    struct removal_list *rm, struct buf *tmp);

#endif
