/*
 * weigh.h - artclean's step 16, weigh (clean.h): what the other steps
 * kept after the story's core, each paragraph (or each line of a box of
 * lines), weighed by general signals of its shape, its place and its
 * neighbours, with weights learned from data (logistic regression,
 * tests/eval/train_weigh.py), and removed when its weight says
 * furniture.
 *
 * The core is the longest run of paragraphs of prose (para_substantial;
 * a paragraph of lines when one of its lines is), a single other
 * paragraph between two of prose (a subheading) not breaking it.  Only
 * what follows it is weighed, and only after a core of MIN_CORE
 * paragraphs or more.  Before it and inside it, weighing cost the
 * story's own kickers, bylines and subheadings more often than it found
 * furniture (tests/unit/test_clean.c's head and headline cases; the
 * figures are in the training's report), and learning from those units
 * as well, to weigh only after the core, carried over no better than
 * learning from the units after it alone (train_weigh.py --learn, cut
 * .73: cross-fold +9 drop strings against +10, though with fewer lines
 * taken that hold no labelled string, 23 against 42); the training's
 * dump holds them, each with its place, for measuring that again.  Never weighed, whatever the
 * weights say: a list or a table (a run of paragraphs sharing marks of
 * data, or announced by a lead-in ending in ':'), the line after a
 * list's last item, a piece of a sentence (it runs on from or into its
 * neighbour), a text of wrapped lines each made a paragraph, the
 * heading of a block of data, an item of a list sharing a mark with its
 * neighbour.  An item without prose is left alone.
 *
 * The signals are words and lines, closing punctuation, capitals, digits,
 * separators, a URL, @handle or e-mail, the share of the commonest
 * function words of a few languages, the distance to the core, the same
 * shape of the neighbours, and whether an earlier step
 * removed what stood beside the paragraph: no word or phrase of any page.
 * The shipped weights give 8 of them a weight (those whose sign held
 * from one fold of sites to the other, and that carried over); the
 * others stay computed, weight 0, as candidates for the next training.
 * Their names and order are weigh_names(); the weights are read from a
 * text file (share/artclean/weigh.weights), one "name value" a line, and
 * "cut Z": a paragraph goes when the sum of its signals times their
 * weights, and the weight "bias", is Z or more.
 */
#ifndef ARTKIT_WEIGH_H
#define ARTKIT_WEIGH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

struct weights;

/*
 * Read weights from path.  Returns NULL with "path:line: reason" (or
 * "path: reason" for a signal not given) in err when the file cannot be
 * read or a line is not "name number", names no signal, or names one
 * twice; every signal, "bias" and "cut" must be given.
 */
struct weights *weights_load(const char *path, struct buf *err);
void	weights_free(struct weights *);

/* The signals' names in the order weigh_dump writes them, NULL-ended. */
const char *const *weigh_names(void);

/*
 * What an earlier step removed beside each paragraph, taken before steps
 * 7 to 15 (which remove more) from the paragraphs step 6 kept: a key of
 * each (its length and first and last bytes) and the AMID_BEFORE and
 * AMID_AFTER bits of the rules (edges.h).  Kept from item to item; start
 * with all zeros.
 */
struct weigh_snap {
	uint64_t	*key;
	unsigned char	*gone;
	size_t		 n, cap;
	/* weigh_cut's scratch, kept from item to item as well */
	unsigned char	*flags;
	size_t		*runlen;
	size_t		 capflags;
};

/* Take the snapshot of the n paragraphs ps of s, amid their rules' bits. */
void	weigh_snap(struct weigh_snap *, const char *s, const struct paras *ps,
	    const unsigned char *amid, size_t namid);
void	weigh_snap_free(struct weigh_snap *);

/*
 * The step on the paragraphs ps of out from start (snap: what went
 * before, and room the step reuses): each weighed paragraph
 * whose weight says furniture is recorded in rm as "weigh" and removed;
 * tmp is scratch.  With dump not NULL nothing is removed: each weighed
 * paragraph is written to dump as one JSON line, {"source": source,
 * "text": ..., "x": [signals in weigh_names() order], "z": its weight}
 * (z 0 when w is NULL), for training; that is the only place the
 * training reads the signals from, so the two cannot disagree.
 */
void	weigh_cut(const struct weights *w, struct weigh_snap *snap,
	    struct buf *out, size_t start, const struct paras *ps,
	    struct removal_list *rm, struct buf *tmp, FILE *dump,
	    const char *source);

#endif
