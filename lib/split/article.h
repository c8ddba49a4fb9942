/*
 * article.h - one news article assembled from the lines of a raw document:
 * headline, leading metadata, and paragraphs.
 *
 * The rules (artsplit(1)): the first non-blank line is the headline
 * unless it is metadata; metadata lines at the head of the article become
 * fields (a date line such as "date 2021-04-22", "Published: 22 April
 * 2021" or a bare date; "Updated ..."; a byline "By Jane Doe"; "Source:";
 * a URL); text left on a metadata line after the metadata stays in the
 * article's text.  Paragraphs are separated by blank lines and become the
 * "\n\n"-separated paragraphs of text; a line break inside a paragraph
 * stays "\n"; trailing white space is dropped.
 *
 * Fields written: title, date (ISO 8601), date_text (a date too ambiguous
 * to normalise, as written), updated / updated_text, byline, source, url,
 * text.
 */
#ifndef ARTKIT_ARTICLE_H
#define ARTKIT_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "io/record.h"

struct article;

/* A new, empty article; with title false the first line is never a headline. */
struct article *article_new(bool title);
void	article_free(struct article *);
/* Start a new article, keeping the memory. */
void	article_reset(struct article *);

/* Add the next line (valid UTF-8, without its newline). */
void	article_line(struct article *, const char *line, size_t len);
/*
 * article_line of a line lying in home (NULL: none), whose memory the
 * article may take: a long line it keeps as text is kept there, home's
 * memory swapped with the article's (home is left empty, and line no
 * longer points into it), so that it is not held twice.
 */
void	article_line_in(struct article *, const char *line, size_t len,
	    struct buf *home);

/* True when no non-blank line has been added since the reset. */
bool	article_empty(const struct article *);

/* Set the article's fields in r (after any r already has). */
void	article_fields(const struct article *, struct record *r);
/* article_fields but "text" (split_emit_text writes it). */
void	article_meta(const struct article *, struct record *r);
/* The text article_fields sets (valid until the article changes). */
void	article_text(const struct article *, const char **s, size_t *n);

#endif
