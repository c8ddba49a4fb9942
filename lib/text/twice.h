/*
 * twice.h - artclean's step 8 (clean.h): a caption shown twice.
 *
 * A scraped picture leaves its alternative text beside its caption, or a
 * gallery's title over it: two lines next to each other (in one
 * paragraph, or as paragraphs of one line each) where one begins or ends
 * with the whole of the other, give or take a credit or a label
 * ("Enlarge") of up to TWICE_EXTRA bytes; or one line that is the same
 * text twice over, the copies run together or with a blank between, the
 * second perhaps cut short by an ellipsis (a teaser's link beside its
 * picture's alternative text, a button's label beside its icon's).
 * Two paragraphs in a row that are the same short open line are one
 * too (step 6 leaves them: clean.c).
 * Reporting does not say the same thing twice in a row, so both go; the
 * lines of hard-wrapped copy are parts of sentences and are not compared.
 */
#ifndef ARTKIT_TWICE_H
#define ARTKIT_TWICE_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/*
 * The step's memory between items: the lines of the output, n of them
 * from the last call (off into out), as a walk of its newlines from start
 * finds them.
 */
struct twice {
	struct twice_line {
		size_t	 off, len;
		int	 para;		/* first line of a paragraph */
		int	 alone;		/* ... and its only line */
		int	 gone;
	}		*lines;
	size_t		 n, cap;
};

/*
 * The step on the paragraphs ps of out from start (paras_find), recording
 * what goes in rm; tmp is scratch space.
 */
void	twice_cut(struct twice *, struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * Are the lines a and b a caption shown twice, by the step's measure:
 * one the other with a credit after it or a label before it, the shorter
 * long enough to tell (twice.c)?  Two paragraphs of one line each that
 * are alike go when this says yes; step 6 leaves such a repeat to the
 * step (clean.c).
 */
int	twice_twins(const char *a, size_t alen, const char *b, size_t blen);

/* Release what t holds (not t itself, which the caller embeds). */
void	twice_free(struct twice *);

#endif
