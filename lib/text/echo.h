/*
 * echo.h - artclean's step 9 (clean.h): a caption or credit the rules
 * removed, shown again without the words the rule saw.
 *
 * A caption is often shown twice, under the picture with its credit and
 * in a gallery or as alternative text without; the rules see the credit
 * in one, and this step finds the other: lines of at least ECHO_WORDS
 * words that end no sentence and begin a removed caption or credit go,
 * with what is left of their paragraph when that holds no letter (a
 * gallery's picture number).  A sentence of reporting that a caption
 * repeats ends in a full stop and stays.
 */
#ifndef ARTKIT_ECHO_H
#define ARTKIT_ECHO_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/*
 * The step on the paragraphs ps of out from start (paras_find), against
 * the removals recorded so far in rm (to which it adds its own); tmp is
 * scratch space.
 */
void	echo_cut(struct buf *out, size_t start, const struct paras *ps,
	    struct removal_list *rm, struct buf *tmp);

#endif
