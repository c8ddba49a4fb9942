/*
 * shape.c - see shape.h: the shapes of one paragraph or line that more
 * than one edges step reads (open prose, data, code, a box of links, of
 * short lines or before the first prose, a wrapped line, a headline), and
 * whether an item holds prose at all (shape_prose_and).  The helpers only
 * these need stay static here.
 */
#include <ctype.h>
#include <string.h>

#include "text/para.h"
#include "text/shape.h"

int
shape_lead_in(const char *p, size_t n)
{
	return p != NULL && n > 0 && p[n - 1] == ':' &&
	    para_words(p, n, LEAD_WORDS) >= LEAD_WORDS;
}

void
shape_keep(struct buf *tmp, const char *p, size_t n)
{
	if (tmp->len > 0)
		buf_add(tmp, "\n\n", 2);
	buf_add(tmp, p, n);
}

int
shape_open_para(const char *p, size_t n)
{
	return !para_ends_closed(p, n) && para_has_letter(p, n) &&
	    !para_attribution(p, n);
}

int
shape_data_block(const char *p, size_t n)
{
	const char *nl, *end = p + n;
	size_t lines = 0, marked = 0;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		lines++;
		marked += (para_data_mark(p, (size_t)(nl - p)) &
		    PARA_NUMBER) != 0;
	}
	return lines >= 2 && marked * 2 > lines;
}

/*
 * Is the line p (n bytes) a line of code ("FROM python:3.7", "COPY .
 * /tmp/app", "x = 1;"): does it hold a sign that menus and labels do
 * not, or a colon or a path glued to a word?  Code before an article's
 * first sentence is its content, set in lines like a menu.
 */
static int
code_line(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] != '\0' && strchr("={};$<>", p[i]) != NULL)
			return 1;
		if (i > 0 && i + 1 < n && ((p[i] == ':' &&
		    isalpha((unsigned char)p[i - 1]) &&
		    isalnum((unsigned char)p[i + 1])) || (p[i] == '/' &&
		    p[i - 1] == ' ' && isalpha((unsigned char)p[i + 1]))))
			return 1;
	}
	return 0;
}

size_t
shape_line_words(const char *p, size_t n, size_t cap)
{
	const char *nl, *end = p + n;
	size_t w, most = 0;

	for (; p < end && most < cap; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((w = para_words(p, (size_t)(nl - p), cap)) > most)
			most = w;
	}
	return most;
}

/*
 * The counts of a box's lines that shape_link_box, mixed_box and
 * short_box weigh.
 */
struct box_lines {
	size_t	lines;		/* all of them */
	size_t	sentences;	/* sentences of prose, or that lost their stop */
	size_t	open;		/* the others that end no sentence */
	size_t	figures;	/* holding a number */
	size_t	runs;		/* running on into the next */
};

/*
 * Count the lines of the paragraph p (n bytes) into *b; 0 when it is one
 * line, prose wrapped at a fixed width, or holds a line of code, or when
 * more than max of its lines are sentences (the walk stops there).
 */
static int
box_lines(const char *p, size_t n, size_t max, struct box_lines *b)
{
	const char *nl, *end = p + n, *prev = NULL;
	size_t len, prevlen = 0;

	memset(b, 0, sizeof(*b));
	if (memchr(p, '\n', n) == NULL || para_hard_wrapped(p, n))
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (code_line(p, len))
			return 0;
		if (para_prose(p, len) || para_sentence_like(p, len)) {
			if (b->sentences++ == max)
				return 0;
		} else
			b->open += shape_open_para(p, len);
		b->lines++;
		b->figures += (para_data_mark(p, len) & PARA_NUMBER) != 0;
		b->runs += prev != NULL && para_continues(prev, prevlen, p,
		    len);
		prev = p;
		prevlen = len;
	}
	return 1;
}

int
shape_link_box(const char *p, size_t n)
{
	struct box_lines b;

	return box_lines(p, n, 0, &b) && b.lines >= BOX_LINES &&
	    b.open * 2 > b.lines && b.figures * 2 < b.lines &&
	    b.runs * 2 < b.lines - 1;
}

/*
 * A mixed box (clean33) has MIXED_LINES lines or more, one of them a
 * sentence.
 */
#define MIXED_LINES	4

/*
 * Is p (n bytes) a box of short lines of which one is a sentence: a
 * reader's comment under its name, date and "Reply", a byline box with
 * its one-line bio, an author's links under "Follow me for more of
 * this."?  MIXED_LINES lines or more, one (no more) a sentence of prose
 * or one that lost its stop, none a line of code, the others open in all
 * but one at most, under half holding a figure, under half running on
 * into the next, not hard-wrapped.  shape_link_box asks for no sentence
 * at all; after the article's prose the one sentence does not make the
 * box prose.  A how-to's steps and a story's list are sentences, or hold
 * data, or run on (shape_tail_lines reads the data).
 */
static int
mixed_box(const char *p, size_t n)
{
	struct box_lines b;

	return box_lines(p, n, 1, &b) && b.sentences == 1 &&
	    b.lines >= MIXED_LINES && b.open + 2 >= b.lines &&
	    b.figures * 2 < b.lines && b.runs * 2 < b.lines - 1;
}

/* A line of a short box has SHORT_WORDS words or fewer. */
#define SHORT_WORDS	10

/*
 * Is p (n bytes) a short box (clean33): two lines or more of
 * SHORT_WORDS words or fewer, one of them open at least, none a sentence
 * of prose, one that lost its stop or a line of code, none running on
 * into the next, under half holding a figure?  A name over its slogan
 * ("Kim's Kitchen" over "Good food, every day!"), a site's name over
 * "No account? Registration is free and easy!": after the article the
 * box's last line, closed, makes no sentence of it.
 */
static int
short_box(const char *p, size_t n)
{
	struct box_lines b;

	return box_lines(p, n, 0, &b) && b.runs == 0 && b.open > 0 &&
	    b.figures * 2 < b.lines &&
	    shape_line_words(p, n, SHORT_WORDS + 1) <= SHORT_WORDS;
}

/* A bullet (shape.h: shape_tail_lines reads a line of it alone). */
#define BULLET	"\xe2\x80\xa2"

int
shape_tail_lines(const char *p, size_t n)
{
	const char *nl, *end = p + n;
	size_t i, len, commas, lines = 0, data = 0;

	if (!shape_link_box(p, n) && !mixed_box(p, n) &&
	    !short_box(p, n))
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (len == 1 || (len == 3 && memcmp(p, BULLET, 3) == 0) ||
		    !para_has_letter(p, len))
			continue;	/* a bullet alone, a rule */
		for (i = 0, commas = 0; i < len; i++)
			commas += p[i] == ',';
		lines++;
		data += commas >= 2 || (para_data_mark(p, len) &
		    (PARA_NUMBER | PARA_VERSUS)) != 0;
	}
	return data * 2 < lines;
}

/*
 * Is p (n bytes), a line of a box before the first prose that reads as
 * prose or code, one that may stand among other stories' headlines all
 * the same: a question ("Should Ferries Be Free?", a headline's form,
 * which para_prose reads as a sentence), or a line that code_line reads
 * as code only by a colon between letters or a slash after a blank
 * ("Harbour re:Union Sold Out", "Ferries / Buses"), holding none of
 * code's own signs ("={};$")?  One such line does not keep a box of
 * BOX_LINES + 1 lines or more from being one (shape_head_box); a line that
 * ends in a full stop, and real code, do.
 */
static int
odd_line(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || p[n - 1] == '.')
		return 0;
	if (p[n - 1] == '?')
		return 1;
	if (para_prose(p, n))
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] != '\0' && strchr("={};$", p[i]) != NULL)
			return 0;
	return 1;
}

/* Is p (n bytes) a count alone: a figure, no letter ("0", "1,204")? */
static int
count_line(const char *p, size_t n)
{
	return n > 0 && n <= 12 && !para_has_letter(p, n) &&
	    (para_data_mark(p, n) & PARA_NUMBER) != 0;
}

int
shape_counted(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);
	size_t a, b;

	if (nl == NULL || memchr(nl + 1, '\n', n - (size_t)(nl - p) - 1) !=
	    NULL)
		return 0;
	a = (size_t)(nl - p);
	b = n - a - 1;
	if (count_line(p, a))
		return para_words(nl + 1, b, HEAD_WORDS + 1) > HEAD_WORDS;
	return count_line(nl + 1, b) && para_words(p, a, HEAD_WORDS + 1) >
	    HEAD_WORDS;
}

int
shape_head_box(const char *p, size_t n)
{
	const char *nl, *end = p + n, *prev = NULL;
	size_t k, len, prevlen = 0, lines = 0, runs = 0, odd = 0;

	if (memchr(p, '\n', n) == NULL || para_hard_wrapped(p, n) ||
	    (shape_data_block(p, n) && !shape_counted(p, n)))
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		k = para_bullet(p, len);
		if (para_prose(p + k, len - k) || code_line(p, len)) {
			if (!odd_line(p + k, len - k) || odd++ > 0)
				return 0;
		}
		lines++;
		runs += prev != NULL && para_continues(prev, prevlen, p, len);
		prev = p;
		prevlen = len;
	}
	return runs * 2 < lines - 1 && (odd == 0 || lines > BOX_LINES);
}

int
shape_head_prose(const char *p, size_t n)
{
	return para_substantial(p, n) && !shape_link_box(p, n) &&
	    !shape_head_box(p, n);
}

int
shape_wrapped(const char *prev, size_t prevlen, const char *p, size_t n,
    const char *next, size_t nextlen)
{
	char last;

	if (next != NULL && para_continues(p, n, next, nextlen))
		return 1;
	if (prev == NULL || prevlen == 0 || para_ends_closed(prev, prevlen))
		return 0;
	last = prev[prevlen - 1];
	return last == ',' || last == '-' || last == '(';
}

int
shape_headline(const char *p, size_t n)
{
	return shape_open_para(p, n) && para_title_like(p, n);
}

int
shape_prose_and(const char *s, const struct paras *ps,
    int (*is)(const char *, size_t, int))
{
	const char *p;
	size_t i, n;
	int prose = 0, found = 0;

	for (i = 0; i < ps->n && !(prose && found); i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (prose) {
			if (is(p, n, ps->v[i].lines) &&
			    !para_substantial(p, n))
				found = 1;
		} else if (para_substantial(p, n))
			prose = 1;
		else if (!found && is(p, n, ps->v[i].lines))
			found = 1;
	}
	return prose && found;
}
