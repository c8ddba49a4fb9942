/*
 * foot.h - artclean's step 7 (clean.h): after the furniture that closes
 * an article, the rest of the page.
 *
 * Some furniture closes an article (share buttons, tags, comments, a
 * copyright line), and its rules say so (foot in the rules file, boiler.h).
 * The boiler step marks where in its output such a piece was removed;
 * once the item is done, foot_cut decides whether the article ended there
 * and, if so, removes what follows: teasers of other stories, an author's
 * profile, comments, which read as prose and which no rule would take.
 */
#ifndef ARTKIT_FOOT_H
#define ARTKIT_FOOT_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/* The marks of one item: offsets in the output.  Start with all zeros. */
struct foot {
	struct foot_mark {
		size_t	 pos;
		size_t	 prose;		/* bytes of prose before pos */
		int	 comment;	/* a comment's furniture (a stamp) */
	}		*v;
	size_t		 n, cap;
};

/* Forget the marks (for the next item). */
void	foot_reset(struct foot *);

/*
 * A foot rule's piece was removed at offset pos of the output; comment
 * says the rule's category is a comment's ("comments": a stamp, a count,
 * "Reply").
 */
void	foot_mark(struct foot *, size_t pos, int comment);

/*
 * The step on the paragraphs ps of out from start (paras_find): cut out
 * at the first mark that comes after most of the item's prose when what
 * follows holds a line that is no sentence, or at the first of a thread
 * of comment marks (two or more after the article's prose, with prose
 * between them that is at most half the prose before: readers' comments,
 * which may be as long as they like after the first), recording the cut
 * piece in rm.
 */
void	foot_cut(struct foot *, struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm);

/* Release what f holds (not f itself, which the caller embeds). */
void	foot_free(struct foot *);

#endif
