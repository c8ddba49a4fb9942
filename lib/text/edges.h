/*
 * edges.h - artclean's steps 10 and 11 (clean.h), tail and head: the
 * furniture at the edges of an article; and steps 12 and 13, headlines
 * and filenames: furniture by its shape wherever it is.
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

/*
 * The step headlines on the paragraphs of out from start: runs of
 * title-like lines that end no sentence (para_title_like), anywhere in an
 * item that holds prose, removed unless they hold data (edges.c), and
 * recorded in rm as "headlines"; tmp is scratch space.
 */
void	edges_headlines(struct buf *out, size_t start,
	    struct removal_list *rm, struct buf *tmp);

/*
 * The step filenames on the paragraphs of out from start: lines that are
 * names of files (para_file_name: an image's alternative text, a download
 * link), in an item that holds prose, removed and recorded in rm as
 * "filenames"; tmp is scratch space.
 */
void	edges_filenames(struct buf *out, size_t start,
	    struct removal_list *rm, struct buf *tmp);

/*
 * The step datelines on the paragraphs of out from start: lines that
 * date something (para_dateline: a byline with its date, a post's or a
 * comment's time stamp), in an item that holds prose, removed and
 * recorded in rm as "datelines" unless a neighbour is a short paragraph
 * holding a number (the line is then a row of a list or a table: dated
 * events, fixtures with their kick-off); tmp is scratch space.
 */
void	edges_datelines(struct buf *out, size_t start,
	    struct removal_list *rm, struct buf *tmp);

#endif
