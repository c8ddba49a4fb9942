/*
 * amid.c - artclean's step 15, amid (edges.h: edges_amid_mark and
 * edges_amid): short lines with furniture on both sides, and the rests of
 * boxes that rules took, between the article's paragraphs.  The marks are
 * made on the paragraphs as step 6 leaves them and the lines removed after
 * the other heuristics.
 */
#include <string.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/*
 * Is p (n bytes) short enough to be taken for furniture by its
 * neighbours: one open line of at most HEAD_WORDS words and no figure?
 * A label, a name, a prompt ("Photo credit", "follow gawker", "Recent
 * Posts") is; a sentence, a subheading's date, a row of figures is not.
 */
static int
amid_line(const char *p, size_t n)
{
	size_t i;

	if (memchr(p, '\n', n) != NULL || !shape_open_para(p, n) ||
	    para_words(p, n, HEAD_WORDS + 1) > HEAD_WORDS)
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] >= '0' && p[i] <= '9')
			return 0;
	return 1;
}

/*
 * A line that rules left alone in its paragraph has at most REST_WORDS
 * words: a headline's length, not a paragraph's.
 */
#define REST_WORDS	15

/*
 * Is p (n bytes), what rules left of a paragraph of lines (AMID_REST),
 * the rest of a box of furniture: one open line of at most REST_WORDS
 * words, no prose?  The lines beside it in its box went to rules (a
 * teaser's "Read more" or thumbnail, a caption's credit or file name, a
 * newsletter's button): jusText's neighbours, line by line, within one
 * paragraph.  A sentence, a closed label or a paragraph of lines is kept,
 * and so is an item of a list (a bullet): a list rule weighed each item
 * on its own and spared this one (the rest of a summary whose other
 * items it took wrongly would go too).
 */
static int
rest_line(const char *p, size_t n)
{
	return memchr(p, '\n', n) == NULL && para_bullet(p, n) == 0 &&
	    shape_open_para(p, n) &&
	    para_words(p, n, REST_WORDS + 1) <= REST_WORDS &&
	    !para_substantial(p, n);
}

/*
 * Does p (n bytes) end in a question or exclamation mark, perhaps inside
 * a closing quote or bracket?
 */
static int
amid_asks(const char *p, size_t n)
{
	while (n > 0 && (p[n - 1] == '"' || p[n - 1] == '\'' ||
	    p[n - 1] == ')'))
		n--;
	return n > 0 && (p[n - 1] == '?' || p[n - 1] == '!');
}

/*
 * Is p (n bytes), between two paragraphs that went to rules or the model
 * after the item's first prose, a box's headline or prompt: one line of at
 * most REST_WORDS words, not prose, that is open and holds no figure, or asks
 * or exclaims ("Why Does Your Dishwasher Smell?", "Help us now!": another
 * story's headline, an appeal)?  amid_line() takes the short ones anywhere;
 * these are a headline's length.  A lead-in (it ends in a colon), an item of
 * a list (as for rest_line()), a sentence ending in a full stop (a short
 * paragraph of the story between two adverts) and a line with a figure that
 * does not ask (a score, a result) stay.
 */
static int
amid_box_line(const char *p, size_t n)
{
	size_t i;

	if (memchr(p, '\n', n) != NULL || n == 0 || p[n - 1] == ':' ||
	    para_bullet(p, n) != 0 ||
	    para_words(p, n, REST_WORDS + 1) > REST_WORDS ||
	    para_substantial(p, n) || !para_has_letter(p, n))
		return 0;
	if (amid_asks(p, n))
		return 1;
	if (!shape_open_para(p, n))
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] >= '0' && p[i] <= '9')
			return 0;
	return 1;
}

/*
 * amid_line(), rest_line() or amid_box_line() for shape_prose_and(): a
 * paragraph of lines is none.
 */
static int
amid_line_para(const char *p, size_t n, int lines)
{
	return !lines && (amid_line(p, n) || rest_line(p, n) ||
	    amid_box_line(p, n));
}

/*
 * Is one of the paragraphs of ps (of s) before the i-th the first prose
 * (shape_head_prose)?  The first *looked of them were read before, and *prose
 * says whether one was: a rest is rare, so the item's head is read only
 * for one, and once.
 */
static int
prose_before(const char *s, const struct paras *ps, size_t i, size_t *looked,
    int *prose)
{
	for (; !*prose && *looked < i; (*looked)++)
		*prose = shape_head_prose(s + ps->v[*looked].off,
		    ps->v[*looked].len);
	return *prose;
}

void
edges_amid_mark(const char *s, const struct paras *ps,
    const unsigned char *amid, size_t n, struct buf *marks)
{
	const char *p;
	size_t i, len;
	size_t looked = 0;
	int prose = 0, both, line, measured = -1;

	buf_reset(marks);
	for (i = 0; i < ps->n && i < n; i++) {
		p = s + ps->v[i].off;
		len = ps->v[i].len;
		both = (amid[i] & (AMID_BEFORE | AMID_AFTER)) ==
		    (AMID_BEFORE | AMID_AFTER);
		/* a rest before the first prose may be the item's headline */
		line = (both && amid_line(p, len)) ||
		    (both && amid_box_line(p, len) &&
		    prose_before(s, ps, i, &looked, &prose)) ||
		    ((amid[i] & AMID_REST) && rest_line(p, len) &&
		    prose_before(s, ps, i, &looked, &prose));
		/* a line needs prose in the item to be measured against */
		if (line && measured == -1)
			measured = shape_prose_and(s, ps, amid_line_para);
		/* a twin is known by its copy: it may be a sentence */
		if ((line && measured) || ((amid[i] & AMID_TWIN) &&
		    prose_before(s, ps, i, &looked, &prose))) {
			buf_add(marks, p, len);
			buf_addc(marks, '\0');
		}
	}
}

/* Is p (n bytes) one of the NUL-ended strings of marks? */
static int
marked(const struct buf *marks, const char *p, size_t n)
{
	const char *m = marks->s, *mend = marks->s + marks->len;
	size_t len;

	for (; m < mend; m += len + 1) {
		len = strlen(m);
		if (len == n && memcmp(m, p, n) == 0)
			return 1;
	}
	return 0;
}

void
edges_amid(struct buf *out, size_t start, const struct paras *ps,
    const struct buf *marks, struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, len;

	if (marks->len == 0)
		return;		/* nothing marked */
	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		len = ps->v[i].len;
		if (marked(marks, p, len))
			removal_add(rm, "amid", "heuristic", p, len);
		else
			shape_keep(tmp, p, len);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
