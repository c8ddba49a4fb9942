/*
 * model.h - a learned model: the paragraphs that recur in many items of
 * one source (a site's furniture), which artclean's boiler step removes
 * from that source's items (clean.h, -m MODEL).  The learner (learner.h)
 * writes one; people may edit it.
 *
 * A model file is text, one paragraph a line:
 *
 *	SOURCE<TAB>ITEMS<TAB>PARAGRAPH
 *
 * with \n, \t, \r and \\ escaped in SOURCE and PARAGRAPH; SOURCE "*"
 * matches items of any source, and ITEMS (how many items the paragraph
 * was seen in) is for the reader.  Lines starting with '#' are comments.
 */
#ifndef ARTKIT_MODEL_H
#define ARTKIT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/*
 * The learner keeps only paragraphs of at most MODEL_MAX_BYTES: furniture
 * is short, and this keeps its memory in proportion to the furniture, not
 * to the corpus.  A longer paragraph written into a model by hand is
 * applied like any other.
 */
#define MODEL_MAX_BYTES	400

struct model;

/* An empty model; free with model_free (NULL is fine). */
struct model	*model_new(void);
void		 model_free(struct model *);

/*
 * Add the paragraphs of a model file's text (n bytes) read from a file
 * called name.  Returns 0, or -1 with "name:line: what is wrong" in err
 * (lines before the bad one stay added).
 */
int	model_add(struct model *, const char *name, const char *text,
	    size_t n, struct buf *err);
/* Read the model file path; -1 with the reason in err when it cannot. */
int	model_load(struct model *, const char *path, struct buf *err);

/* Number of paragraphs in the model. */
size_t	model_size(const struct model *);

/*
 * Is paragraph s (n bytes) in the model for source (NULL or "": no
 * source), or for every source ("*")?
 */
int	model_has(const struct model *, const char *source, const char *s,
	    size_t n);

/* The key of paragraph s of source (NULL or "" is "*"): never 0. */
uint64_t model_key(const char *source, const char *s, size_t n);

/* Append s to out with the model file's escapes. */
void	model_escape(struct buf *out, const char *s, size_t n);

#endif
