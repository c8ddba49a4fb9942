/*
 * teasers.c - part of artclean's step 12, headlines (edges.h:
 * edges_teasers): lists of teasers of other stories, excerpts cut short by
 * an ellipsis, each with the headline over it.
 */
#include <ctype.h>
#include <string.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/*
 * Teasers: an excerpt of another story is its first words cut short,
 * mid-sentence, with an ellipsis, under its headline; a list of them
 * repeats the pair.  An excerpt has TEASER_MIN_WORDS to TEASER_MAX_WORDS
 * words (a writer's own trailing "fast forward a few years..." has
 * fewer; the item itself, more); between the headline and the excerpt
 * there may be a label of TEASER_LABEL words at most (the alternative
 * text of the story's picture); TEASER_RUN pairs make a list.  A reader's
 * comment may trail off too ("... somewhere..."), but under no headline.
 */
#define TEASER_MIN_WORDS	15
#define TEASER_MAX_WORDS	80
#define TEASER_LABEL		3
#define TEASER_RUN		2
#define TEASER_HEAD_MAX		16

/*
 * Is p (n bytes) an excerpt cut short: one line of TEASER_MIN_WORDS to
 * TEASER_MAX_WORDS words ending in an ellipsis ("...", U+2026, perhaps
 * in brackets: "[...]") that follows a word or a comma, not the end of a
 * sentence ("... the response was overwhelming. [...]" quotes a passage
 * and leaves out the rest)?
 */
static int
teaser(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t w;

	if (n > 0 && p[n - 1] == ']')
		n--;
	if (n >= 3 && memcmp(p + n - 3, "...", 3) == 0)
		n -= 3;
	else if (n >= 3 && memcmp(p + n - 3, "\xE2\x80\xA6", 3) == 0)
		n -= 3;
	else
		return 0;
	if (n > 0 && p[n - 1] == '[')
		n--;
	if (n > 0 && p[n - 1] == ' ')
		n--;
	if (n == 0 || memchr(p, '\n', n) != NULL)
		return 0;
	if (u[n - 1] >= 0x80) {
		/* a closing quote or an ellipsis ends something; a letter not */
		if (n >= 3 && u[n - 3] == 0xE2 && u[n - 2] == 0x80)
			return 0;
	} else if (!isalnum(u[n - 1]) && u[n - 1] != ',')
		return 0;
	w = para_words(p, n, TEASER_MAX_WORDS + 1);
	return w >= TEASER_MIN_WORDS && w <= TEASER_MAX_WORDS;
}

/*
 * Is p (n bytes) an excerpt's headline?  A title-like line, or, since
 * only English sets headlines in title case (German capitalises every
 * noun, French, Spanish and Portuguese only the first word and names),
 * any open line of two to TEASER_HEAD_MAX words that starts with no
 * small letter: the excerpt cut short under it, and a second pair, are
 * the signal.
 */
static int
teaser_head(const char *p, size_t n)
{
	size_t w;

	if (shape_headline(p, n))
		return 1;
	if (n == 0 || (p[0] >= 'a' && p[0] <= 'z') ||
	    memchr(p, '\n', n) != NULL || !shape_open_para(p, n))
		return 0;
	w = para_words(p, n, TEASER_HEAD_MAX + 1);
	return w >= 2 && w <= TEASER_HEAD_MAX;
}

/* teaser_head() for shape_prose_and(): a paragraph of lines is none. */
static int
teaser_head_para(const char *p, size_t n, int lines)
{
	return !lines && teaser_head(p, n);
}

/* A paragraph, as edges_teasers holds it back. */
struct piece {
	const char	*p;
	size_t		 n;
};

/*
 * The excerpt p (n bytes) comes after the paragraphs held[0 .. nheld-1],
 * the last of them just over it: how many of the last ones are its
 * headline, and the label between (1 or 2), else 0?
 */
static size_t
teaser_pair(const char *p, size_t n, const struct piece *held, size_t nheld)
{
	const struct piece *h = held + nheld;

	if (nheld == 0 || !teaser(p, n))
		return 0;
	if (teaser_head(h[-1].p, h[-1].n))
		return 1;
	if (nheld >= 2 && teaser_head(h[-2].p, h[-2].n) &&
	    memchr(h[-1].p, '\n', h[-1].n) == NULL && shape_open_para(h[-1].p,
	    h[-1].n) && para_words(h[-1].p, h[-1].n, TEASER_LABEL + 1) <=
	    TEASER_LABEL)
		return 2;
	return 0;
}

/*
 * One walk of the paragraphs ps of s: with rm NULL, count the pairs; else
 * remove them, keeping the rest in tmp.  The last two paragraphs are held
 * back until it is known whether a pair takes them.
 */
static size_t
teaser_walk(const char *s, const struct paras *ps, struct removal_list *rm,
    struct buf *tmp)
{
	struct piece held[3];
	const char *p;
	size_t j, n, k, i, nheld = 0, pairs = 0;

	for (j = 0; j < ps->n; j++) {
		p = s + ps->v[j].off;
		n = ps->v[j].len;
		if ((k = teaser_pair(p, n, held, nheld)) > 0) {
			pairs++;
			for (i = 0; rm != NULL && i < nheld; i++)
				if (i + k < nheld)
					shape_keep(tmp, held[i].p, held[i].n);
				else
					removal_add(rm, "teasers", "heuristic",
					    held[i].p, held[i].n);
			if (rm != NULL)
				removal_add(rm, "teasers", "heuristic", p, n);
			nheld = 0;
		} else {
			if (nheld == 2) {
				if (rm != NULL)
					shape_keep(tmp, held[0].p, held[0].n);
				held[0] = held[1];
				nheld = 1;
			}
			held[nheld].p = p;
			held[nheld++].n = n;
		}
	}
	for (i = 0; rm != NULL && i < nheld; i++)
		shape_keep(tmp, held[i].p, held[i].n);
	return pairs;
}

void
edges_teasers(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;

	if (teaser_walk(s, ps, NULL, NULL) < TEASER_RUN ||
	    !shape_prose_and(s, ps, teaser_head_para))
		return;		/* no list, or nothing to measure against */
	buf_reset(tmp);
	teaser_walk(s, ps, rm, tmp);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
