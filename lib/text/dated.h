/*
 * dated.h - part of artclean's step 12, headlines (clean.h): lists of
 * other posts, each a headline with its date.
 *
 * A blog's or a magazine's box of recent or related posts gives each
 * headline its date after a dash or a bar ("• AWS Week in Review -
 * November 5, 2012", "Late-Life Rookies - Aug 9", "• Excerpt, Essay 3,
 * Ceremonies - 2006").  Reporting never ends a line so; the step
 * headlines misses such lines when they hold a comma or a figure, and
 * the rules for bulleted headlines leave lines with a comma alone
 * (ingredients, places).  A line is taken when it is a list's item: it
 * opens with a bullet, or a line or one-line paragraph next to it is
 * such a line too.  A fixture list ("Everton v Chelsea - 12 March")
 * holds " v " and stays.
 */
#ifndef ARTKIT_DATED_H
#define ARTKIT_DATED_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/*
 * Is the line s (n bytes) a headline with its date: at most DATED_WORDS
 * words, two words or more with a letter before the last " - ", " – ",
 * " — " or " | ", and after it a date alone (para_stamp: "Nov 13, 2012",
 * "12/29/2011"; or a day of the month with a short month name, "Aug 9";
 * or a year, "2006"), no " v " between names?
 */
#define DATED_WORDS	30
int	dated_line(const char *s, size_t n);

/*
 * The signal on the paragraphs ps of out from start (paras_find), in an
 * item that holds a paragraph of prose: each line that is a headline with
 * its date and a list's item (a bullet, or such a line just before or
 * after it, in its paragraph or as the paragraph next to it) is removed
 * and recorded in rm as "dated"; a paragraph left empty goes.  tmp is
 * scratch space.
 */
void	dated_cut(struct buf *out, size_t start, const struct paras *ps,
	    struct removal_list *rm, struct buf *tmp);

#endif
