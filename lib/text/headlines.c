/*
 * headlines.c - artclean's step 12, headlines (edges.h: edges_headlines):
 * runs of title-like lines that end no sentence, anywhere in an item that
 * holds prose, scanned as runs (runs.c) so that a list or a table holding
 * data stays.  The other parts of the step are dated.c, teasers.c and
 * titlecase.c.
 */
#include <string.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/*
 * Headlines go in runs of HEADLINE_RUN paragraphs or more; a run that
 * opens the item (its own headline, a deck in title case) needs MIN_RUN.
 */
#define HEADLINE_RUN	2

/*
 * Is p (n bytes; NULL: none) a row of a table of figures: one line, no
 * date or time, FIGURES_ROW words or more that start with a figure
 * (perhaps after a bracket or a sign), a quarter of its words or more
 * ("Kelham Belle 8 crew 12.4 miles 1st, 41 min")?  The titles over it
 * are the article's own: a subheading and the table's column heads
 * ("The Harbour Race", "Boat Crew Miles Place"; issue 14), not other
 * stories' headlines, which are followed by headlines, prose or a date.
 */
#define FIGURES_ROW	3

static int
figures_row(const char *p, size_t n)
{
	size_t i, words = 0, figures = 0;
	const char *w;

	if (p == NULL || n == 0 || memchr(p, '\n', n) != NULL ||
	    para_stamp(p, n))
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] == ' ' || (i > 0 && p[i - 1] != ' '))
			continue;
		words++;
		w = p + i;
		if (i + 1 < n && strchr("($+-", w[0]) != NULL)
			w++;
		figures += *w >= '0' && *w <= '9';
	}
	return figures >= FIGURES_ROW && figures * 4 >= words;
}

/*
 * Is the run of headlines r, before next, content?  A run shorter than
 * HEADLINE_RUN is, and one that opens the item must be MIN_RUN long to be
 * anything else (the item's own headline and deck).  A list that is the
 * story (fixtures, venues and dates, nominees with their categories)
 * holds data in half its lines or shares one mark; a list of other
 * stories' headlines mostly holds none.  A run over a row of figures
 * heads a table (figures_row).
 */
static int
headline_content(const struct runstat *r, const char *next, size_t nextlen)
{
	if (r->items < (r->opens ? MIN_RUN : HEADLINE_RUN))
		return 1;
	return r->marked * 2 >= r->items ||
	    shape_edge_content(r, next, nextlen) || figures_row(next, nextlen);
}

/* shape_headline() for shape_prose_and(): a paragraph of lines is none. */
static int
headline_para(const char *p, size_t n, int lines)
{
	return !lines && shape_headline(p, n);
}

/*
 * Is p (n bytes) a headline (1), or a box of links (shape_link_box) whose lines
 * with a letter are all title-like and hold no figure (MEMBER_BOX): other
 * stories' headlines set as one paragraph?
 */
static int
headline_member(const char *p, size_t n)
{
	const char *nl, *end = p + n;
	size_t len, lines = 0, marked = 0;

	if (shape_headline(p, n))
		return 1;
	if (!shape_link_box(p, n) || (para_data_mark(p, n) & PARA_NUMBER) != 0)
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (!para_has_letter(p, len))
			continue;
		if (!para_title_like(p, len))
			return 0;
		lines++;
		marked += para_data_mark(p, len) != 0;
	}
	return marked * 2 < lines ? MEMBER_BOX : 0;
}

void
edges_headlines(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;

	if (!shape_prose_and(s, ps, headline_para))
		return;		/* nothing to measure against, or to cut */
	buf_reset(tmp);
	shape_scan_runs("headlines", 0, s, ps->v, ps->n, NULL, 0, NULL, 0,
	    headline_member, headline_content, rm, tmp);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
