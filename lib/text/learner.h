/*
 * learner.h - artclean --learn: find the paragraphs that recur in many
 * items of one source (a site's furniture) and write them as a model
 * (model.h), which -m then applies.
 */
#ifndef ARTKIT_LEARNER_H
#define ARTKIT_LEARNER_H

#include <stddef.h>

/*
 * The learner counts, per source, in how many items each paragraph occurs
 * and writes those seen in at least min_items items, and in at least one
 * in a hundred of the source's items, as a model: a site's furniture
 * is on a share of its pages, a republished story on a few.  Only
 * paragraphs of at most MODEL_MAX_BYTES (model.h) are counted: furniture
 * is short, and this keeps memory in proportion to the furniture, not the
 * corpus.
 */
struct learner;

/*
 * A learner that keeps paragraphs seen in at least min_items items of a
 * source (0 is taken as 1).  Never NULL (allocation failures exit,
 * util.h); free with learner_free (NULL is fine).
 */
struct learner *learner_new(unsigned min_items);
void	learner_free(struct learner *);

/* Start counting a new item of source (NULL: no source). */
void	learner_item(struct learner *, const char *source);

/* Count one paragraph of the current item (repeats inside it count once). */
void	learner_para(struct learner *, const char *s, size_t n);

/*
 * Write the model through write(arg, bytes, n), which must take every
 * byte (it reports its own errors): sorted by source, then items (most
 * first), then text, so the same corpus gives the same bytes, one line at
 * a time.  Returns the number of paragraphs written.
 */
long	learner_write(struct learner *,
	    void (*write)(void *arg, const void *p, size_t n), void *arg);

#endif
