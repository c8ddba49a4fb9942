/*
 * edges.c - see edges.h.  The shapes of paragraphs that more than one
 * step reads are in shape.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/*
 * Headlines go in runs of HEADLINE_RUN paragraphs or more; a run that
 * opens the item (its own headline, a deck in title case) needs MIN_RUN.
 */
#define HEADLINE_RUN	2

/*
 * A line of a bulleted box of other stories has BULLET_MIN_WORDS to
 * BULLET_MAX_WORDS words after its bullet: a headline's length (names,
 * fixtures and ingredients are shorter; a step of a how-to may be longer).
 */
#define BULLET_MIN_WORDS	5
#define BULLET_MAX_WORDS	20

/*
 * Is p (n bytes) a box of other stories' headlines set as bulleted lines
 * ("Related", "Top headlines", a blogroll) after an item's last prose:
 * BOX_LINES lines or more, each a bullet over BULLET_MIN_WORDS to
 * BULLET_MAX_WORDS words, none a sentence of the story's kind (one ending
 * in a full stop, a colon or a semicolon, or running on into the next
 * line), none a fixture (" v ") or a name with its places (two commas or
 * more), and under half of them holding a figure?  Related headlines in
 * sentence case read like sentences that lost their stop, which makes
 * shape_link_box reject the box, so this asks for bullets and the box's place
 * instead (edges_cut): a how-to's own bulleted steps stand between its
 * paragraphs of prose, or under a lead-in ending in a colon.
 */
static int
bullet_box(const char *p, size_t n)
{
	const char *nl, *end = p + n, *prev = NULL;
	size_t i, k, w, len, prevlen = 0, lines = 0, figures = 0, commas;
	unsigned m;
	char last;

	if (para_bullet(p, n) == 0 || memchr(p, '\n', n) == NULL)
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if ((k = para_bullet(p, len)) == 0)
			return 0;
		w = para_words(p + k, len - k, BULLET_MAX_WORDS + 1);
		last = p[len - 1];
		if (w < BULLET_MIN_WORDS || w > BULLET_MAX_WORDS ||
		    last == '.' || last == ':' || last == ';')
			return 0;
		m = para_data_mark(p, len);
		if ((m & PARA_VERSUS) != 0 || (prev != NULL &&
		    para_continues(prev, prevlen, p, len)))
			return 0;
		for (i = 0, commas = 0; i < len; i++)
			commas += p[i] == ',';
		if (commas >= 2)
			return 0;
		lines++;
		figures += (m & PARA_NUMBER) != 0;
		prev = p;
		prevlen = len;
	}
	return lines >= BOX_LINES && figures * 2 < lines;
}

/*
 * Is p (n bytes), past the last prose, open (1) or a bulleted box of
 * other stories (MEMBER_BOX), which may end in "!" or "?"?
 */
static int
tail_open(const char *p, size_t n)
{
	if (bullet_box(p, n) || shape_tail_lines(p, n))
		return MEMBER_BOX;
	return shape_open_para(p, n);
}

/*
 * The most words on one line of p (n bytes), counted up to cap (the
 * count stops there).
 */
static size_t
line_words(const char *p, size_t n, size_t cap)
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

/* Does p (n bytes) hold a line of HEADLINE_MIN words or more? */
#define headline_line(p, n)	(line_words(p, n, HEADLINE_MIN) >= HEADLINE_MIN)

/* Has each line of p (n bytes) at most HEAD_WORDS words, as a label? */
#define short_lines(p, n)	(line_words(p, n, HEAD_WORDS + 1) <= HEAD_WORDS)

/*
 * Is p (n bytes) a label over or under a headline in its box: a word or
 * two with no figure and no comma ("News", "LATEST ARTICLE", "Tunisia";
 * not "KELHAM, Northshire", a dateline's place), a line with no letter
 * (a bullet, a rule), or another story's headline cut short ("Ten Walks
 * Along The..."), which is no headline of this item?
 */
static int
label_line(const char *p, size_t n)
{
	if (!para_has_letter(p, n) || (n >= 3 && (memcmp(p + n - 3, "...",
	    3) == 0 || memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0)))
		return 1;
	return para_words(p, n, HEADLINE_MIN) < HEADLINE_MIN &&
	    memchr(p, ',', n) == NULL &&
	    (para_data_mark(p, n) & PARA_NUMBER) == 0;
}

/*
 * Is the line p (n bytes) open as a headline is: it ends no sentence
 * (shape_open_para), or it ends in a note in brackets after words that end
 * none ("Ten Walks Along The Coast (Updated)", "(12 Photos)", "(Video)")?
 */
static int
headline_open(const char *p, size_t n)
{
	const char *b;

	if (shape_open_para(p, n))
		return 1;
	if (n < 4 || p[n - 1] != ')' || (b = memrchr(p, '(', n)) == NULL ||
	    b < p + 2 || b[-1] != ' ')
		return 0;
	return shape_open_para(p, (size_t)(b - 1 - p));
}

/*
 * In the box p (n bytes) the head spares, is there one line that may be
 * the item's headline (HEADLINE_MIN to RETITLE_WORDS words, open as a
 * headline is, headline_open, not cut short) and are all the others
 * labels (label_line)?  Then that
 * line is all that needs to stay: it is set in *h (*hn bytes).  A box
 * with two such lines (a headline and its deck, a dateline, key points)
 * stays whole.
 */

static int
spare_line(const char *p, size_t n, const char **h, size_t *hn)
{
	const char *nl, *end = p + n;
	size_t len, w;

	*h = NULL;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (label_line(p, len))
			continue;
		w = para_words(p, len, RETITLE_WORDS + 1);
		if (*h != NULL || w < HEADLINE_MIN || w > RETITLE_WORDS ||
		    !headline_open(p, len))
			return 0;
		*h = p;
		*hn = len;
	}
	return *h != NULL;
}

/*
 * The head as keep_edge left it in tmp (its paragraphs, joined by blank
 * lines): remove its boxes of lines (shape_head_box) as "head", but for the
 * one nearest the prose if it holds a line that may be a headline
 * (headline_line): that may be the item's own headline with its labels
 * ("News" or "Tunisia" over it, "By Jo Lee | Photos:" under it), which
 * nothing tells from another story's.  Not so when a line of
 * HEADLINE_MIN words or more stands alone just above a box of labels
 * (short_lines): that is the headline, and the box under it its byline,
 * date and buttons ("Von Jo Lee und Sam Roe" over "1.2K shares").  A
 * box of longer lines under a headline may be its key points, set
 * without stops, and is spared still.
 */
static void
head_boxes(struct buf *tmp, struct removal_list *rm)
{
	char *s, *end, *w;
	const char *p, *q, *spare = NULL, *h, *l, *nl;
	size_t n, hn;
	int any = 0, titled = 0;

	if (tmp->len == 0)
		return;		/* no head (and perhaps no buffer yet) */
	s = w = tmp->s;
	end = s + tmp->len;
	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (shape_head_box(p, n))
			spare = headline_line(p, n) && !(titled &&
			    (short_lines(p, n) || shape_counted(p, n))) ? p :
			    NULL;
		titled = memchr(p, '\n', n) == NULL &&
		    para_words(p, n, HEADLINE_MIN) >= HEADLINE_MIN;
	}
	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (p != spare && shape_head_box(p, n)) {
			removal_add(rm, "head", "heuristic", p, n);
			continue;
		}
		if (p == spare && spare_line(p, n, &h, &hn)) {
			for (l = p; l < q; l = nl + 1) {
				if ((nl = memchr(l, '\n', (size_t)(q - l))) ==
				    NULL)
					nl = q;
				if (l != h && nl > l)
					removal_add(rm, "head", "heuristic", l,
					    (size_t)(nl - l));
			}
			p = h;
			n = hn;
		}
		if (any) {
			memmove(w, "\n\n", 2);
			w += 2;
		}
		memmove(w, p, n);
		w += n;
		any = 1;
	}
	buf_truncate(tmp, (size_t)(w - s));
}

/*
 * The item's own headline shown again (clean32, head side).  A page
 * converted to text often opens with its title, then a menu, other
 * stories, a promotion or a teaser, then the headline over the story:
 * the same words, perhaps with the site's name after them or a
 * breadcrumb before.  What sits between the two is furniture, however
 * much it reads like prose.  The title is one line of at most
 * RETITLE_TITLE words, not ending in a full stop.  The headline is
 * looked for among the first RETITLE_PARAS paragraphs; it has
 * HEADLINE_MIN to RETITLE_WORDS words on one line and does not end in a
 * full stop (a sentence that repeats the title is not a headline).
 */
#define RETITLE_PARAS	12
/* The title is one of the first RETITLE_TOP paragraphs. */
#define RETITLE_TOP	3
/* A title, with the site's name or a breadcrumb, has at most RETITLE_TITLE. */
#define RETITLE_TITLE	40
/* At most RETITLE_PROSE paragraphs of prose sit between the two. */
#define RETITLE_PROSE	2

/*
 * The separators around a title's other parts: " | Site", "A » B » ".
 * Not title_site's list (title.c): that one cuts a site's name off a
 * headline, and must not cut at ": " or " / ", which a headline holds;
 * here a breadcrumb's separators count too, and the headline must
 * match the title up to one of them.
 */
#define SEP(s)	{ s, sizeof(s) - 1 }
static const struct {
	const char	*s;
	size_t		 len;
} title_seps[] = {
	SEP(" | "), SEP(" - "), SEP(" \xe2\x80\x93 "), SEP(" \xe2\x80\x94 "),
	SEP(": "), SEP(" :: "), SEP(" \xc2\xb7 "), SEP(" \xe2\x80\xa2 "),
	SEP(" \xc2\xbb "), SEP(" \xe2\x80\xba "), SEP(" > "), SEP(" / "),
};
#undef SEP

/*
 * The next character of p (n bytes, n > 0) as compared by retitle_len,
 * its length in *len: ASCII letters folded to small, curly quotes made
 * straight (a title is often typed with one, the headline with the
 * other).
 */
static int
retitle_char(const char *p, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)p;

	*len = 1;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80) {
		*len = 3;
		if (u[2] == 0x98 || u[2] == 0x99)
			return '\'';
		if (u[2] == 0x9c || u[2] == 0x9d)
			return '"';
		return 0x100 | u[2];
	}
	return tolower(u[0]);
}

/*
 * If the headline h (hn bytes) begins a (an bytes), as retitle_char
 * compares them, the bytes of a it spans; else 0.
 */
static size_t
retitle_len(const char *a, size_t an, const char *h, size_t hn)
{
	size_t i = 0, j = 0, la, lh;

	while (j < hn) {
		if (i >= an || retitle_char(a + i, an - i, &la) !=
		    retitle_char(h + j, hn - j, &lh))
			return 0;
		i += la;
		j += lh;
	}
	return i;
}

/* Does a separator of title_seps begin p (n bytes)?  Its length or 0. */
static size_t
title_sep(const char *p, size_t n)
{
	size_t k, len;

	for (k = 0; k < NELEM(title_seps); k++) {
		len = title_seps[k].len;
		if (n >= len && memcmp(p, title_seps[k].s, len) == 0)
			return len;
	}
	return 0;
}

/*
 * Is the one-line paragraph t (tn bytes) a title that h (hn bytes)
 * repeats: the same, or h then a separator and more (the site's name),
 * or more then a separator and h (a breadcrumb)?
 */
static int
retitled(const char *t, size_t tn, const char *h, size_t hn)
{
	size_t k, m, sep;

	m = retitle_len(t, tn, h, hn);
	if (m == tn || (m > 0 && title_sep(t + m, tn - m) > 0))
		return 1;
	/* a breadcrumb ends as h does (cheap: most lines are no title) */
	if (tolower((unsigned char)t[tn - 1]) !=
	    tolower((unsigned char)h[hn - 1]))
		return 0;
	for (k = 0; k + hn < tn; k++)
		if ((t[k] == ' ' || t[k] == ':') &&
		    (sep = title_sep(t + k, tn - k)) > 0 &&
		    retitle_len(t + k + sep, tn - k - sep, h, hn) ==
		    tn - k - sep)
			return 1;
	return 0;
}

/* May p (n bytes, one line) be the headline that repeats a title? */
static int
retitle_headline(const char *p, size_t n)
{
	size_t w;

	if (n == 0 || p[n - 1] == '.' || (n >= 3 &&
	    memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0))
		return 0;
	w = para_words(p, n, RETITLE_WORDS + 1);
	return w >= HEADLINE_MIN && w <= RETITLE_WORDS;
}

/*
 * Is the paragraph v of s prose of a story: of prose's length
 * (para_substantial), and one line or hard-wrapped prose (a box of
 * lines, a menu with a zip-code line, holds many words but is none)?
 */
static int
retitle_prose(const char *s, const struct para_span *v)
{
	const char *p = s + v->off;

	return para_substantial(p, v->len) && (!v->lines ||
	    para_hard_wrapped(p, v->len));
}

/*
 * The paragraph of ps, among the first RETITLE_PARAS after the title at
 * i, that repeats it as a headline (retitle_headline, retitled); 0 if
 * none.
 */
static size_t
retitle_at(const char *s, const struct paras *ps, size_t i)
{
	const char *t = s + ps->v[i].off, *p;
	size_t j, tn = ps->v[i].len;

	if (ps->v[i].lines || tn == 0 || t[tn - 1] == '.' ||
	    para_words(t, tn, HEADLINE_MIN) < HEADLINE_MIN ||
	    para_words(t, tn, RETITLE_TITLE + 1) > RETITLE_TITLE)
		return 0;
	for (j = i + 2; j < ps->n && j <= i + RETITLE_PARAS; j++) {
		p = s + ps->v[j].off;
		/* cheap tests first: most paragraphs end in a full stop */
		if (!ps->v[j].lines && ps->v[j].len > 0 &&
		    p[ps->v[j].len - 1] != '.' && ps->v[j].len <= 3 * tn &&
		    retitled(t, tn, p, ps->v[j].len) &&
		    retitle_headline(p, ps->v[j].len))
			return j;
	}
	return 0;
}

void
edges_retitle(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, j = 0, k, n, nprose = 0;

	/*
	 * The title is one of the first paragraphs (a tagline may lead),
	 * with no prose before it.
	 */
	for (i = 0; i < RETITLE_TOP && i < ps->n; i++) {
		if ((j = retitle_at(s, ps, i)) > 0)
			break;
		if (retitle_prose(s, &ps->v[i]))
			return;
	}
	if (j == 0)
		return;
	/*
	 * A sub-heading that repeats the title comes after the story has
	 * begun: between the two, prose is then most of what there is.
	 */
	for (k = i + 1; k < j; k++)
		nprose += retitle_prose(s, &ps->v[k]);
	if (nprose > RETITLE_PROSE || nprose * 2 > j - i - 1)
		return;
	buf_reset(tmp);
	for (k = 0; k < ps->n; k++) {
		p = s + ps->v[k].off;
		n = ps->v[k].len;
		if (k > i && k < j)
			removal_add(rm, "head", "heuristic", p, n);
		else
			shape_keep(tmp, p, n);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

/*
 * Is p (n bytes) one line wholly in round brackets, with no bracket
 * inside, each of its words starting with a capital or a sign that is
 * no letter: a credit, "(Associated Press)", "(Jo Lee/Harbour Times)",
 * "(AP Photo/Jo Lee, File)"?  Before the first prose such a line is not
 * the story, and the head reads it as open: it goes when it is short
 * (HEAD_WORDS), as a label does.  Not so an aside in small letters,
 * "(tickets go up on Friday)", which may be the post's own; a line
 * with a full stop, "(D-Fla.)", which may end a wrapped sentence; nor
 * a wire's note in capitals, "(SEE PAGE 4 FOR TABLES)", which newswire
 * copy set line by line holds amid its story.
 */
static int
bracketed(const char *p, size_t n)
{
	const char *end = p + n - 1;
	size_t words = 0;
	int small = 0;

	if (n < 3 || p[0] != '(' || *end != ')' || memchr(p, '\n', n) != NULL ||
	    memchr(p + 1, '(', n - 2) != NULL || memchr(p + 1, ')', n - 2) !=
	    NULL || memchr(p, '.', n) != NULL)
		return 0;
	for (p++; p < end; p++) {
		small |= islower((unsigned char)*p) != 0;
		if (p[-1] != ' ' && p[-1] != '(' && p[-1] != '/')
			continue;
		if (islower((unsigned char)*p))
			return 0;
		words += isupper((unsigned char)*p) != 0;
	}
	return words > 0 && (small || words == 1);
}

/*
 * Is p (n bytes), before the first prose, open (1; a line in brackets
 * counts, bracketed) or a box of links (MEMBER_BOX)?
 */
static int
head_open(const char *p, size_t n)
{
	if (shape_link_box(p, n))
		return MEMBER_BOX;
	return shape_open_para(p, n) || bracketed(p, n);
}

/*
 * Add the paragraphs v[0 .. nv-1] of the text s to tmp, except those the
 * heuristic called name (NULL: none) drops: in each run of open
 * paragraphs (that end no sentence, or that member otherwise takes in:
 * shape_open_para, head_open), those of at most max words (max 0: any) or
 * boxes of links, unless the run is content (content_run).  A piece with
 * no letter ("* * *") is not open, nor is the attribution of a quotation, which
 * ends no sentence either.  prev is the paragraph before v[0], if any
 * (the last of the prose, for the tail), and next the one after v[nv-1]
 * (the first of the prose, for the head).
 */
static void
keep_edge(const char *name, size_t max, const char *s,
    const struct para_span *v, size_t nv, const char *prev, size_t prevlen,
    const char *next, size_t nextlen,
    int (*member)(const char *, size_t), struct removal_list *rm,
    struct buf *tmp)
{
	if (name == NULL)
		shape_end_run(NULL, 0, s, v, nv, 1, NULL, 0, NULL, 0, rm, tmp);
	else
		shape_scan_runs(name, max, s, v, nv, prev, prevlen, next,
		    nextlen, member, shape_edge_content, rm, tmp);
}

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

/* Remove, as name, the paragraphs that is() says yes to. */
static void
cut_each(const char *name, int (*is)(const char *, size_t),
    struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, n;

	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (is(p, n))
			removal_add(rm, name, "heuristic", p, n);
		else
			shape_keep(tmp, p, n);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

/*
 * Does p (n bytes; lines: holding a '\n') hold a line of file names: is
 * it one, or a line of a paragraph of several lines (a gallery's names
 * over its caption)?
 */
static int
file_names(const char *p, size_t n, int lines)
{
	const char *nl, *end = p + n;

	if (!lines)
		return para_file_name(p, n);
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (para_file_line(p, (size_t)(nl - p)))
			return 1;
	}
	return 0;
}

/*
 * Keep p (n bytes), a paragraph of several lines, without its lines of
 * file names, which go as filenames.
 */
static void
keep_but_files(struct buf *tmp, const char *p, size_t n,
    struct removal_list *rm)
{
	const char *nl, *end = p + n;
	size_t len;
	int first = 1;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (para_file_line(p, len)) {
			removal_add(rm, "filenames", "heuristic", p, len);
			continue;
		}
		if (first)
			shape_keep(tmp, p, len);
		else {
			buf_addc(tmp, '\n');
			buf_add(tmp, p, len);
		}
		first = 0;
	}
}

void
edges_filenames(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, n;
	int prose = 0, found = 0;

	/*
	 * As shape_prose_and(), but a paragraph of prose may hold the names
	 * too, on a line of its own above its caption.
	 */
	for (i = 0; i < ps->n && !(prose && found); i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!found && file_names(p, n, ps->v[i].lines))
			found = 1;
		if (!prose && para_substantial(p, n))
			prose = 1;
	}
	if (!(prose && found))
		return;
	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!ps->v[i].lines && para_file_name(p, n))
			removal_add(rm, "filenames", "heuristic", p, n);
		else if (ps->v[i].lines)
			keep_but_files(tmp, p, n, rm);
		else
			shape_keep(tmp, p, n);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

void
edges_titlecase(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, n;

	/*
	 * Most items have no such line: they are told first, and the
	 * paragraphs are copied only for one that has, and prose too.
	 */
	for (i = 0; i < ps->n; i++)
		if (para_title_sentence(s + ps->v[i].off, ps->v[i].len))
			break;
	if (i == ps->n)
		return;
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (para_substantial(p, n) && !para_title_sentence(p, n))
			break;
	}
	if (i < ps->n)
		cut_each("titlecase", para_title_sentence, out, start, ps, rm,
		    tmp);
}

/*
 * Is p (n bytes), a paragraph of the item s found searching back for the
 * last prose, a bulleted box of other stories (bullet_box) rather than
 * prose?  Not when the paragraph before it announces it (a lead-in ending
 * in a colon: "Here is how to do it:"), as a how-to's steps are.
 */
static int
tail_box(const char *s, const char *p, size_t n)
{
	const char *q;

	if (!bullet_box(p, n))
		return 0;
	if (p < s + 2)
		return 1;
	q = para_start(s, p - 2);
	return !shape_lead_in(q, (size_t)(p - 2 - q));
}

/*
 * Islands (clean33), jusText's neighbours at the end of an item.  After
 * the article's prose, a page sets its furniture (names, dates, tags,
 * headlines, boxes of links) and among it, now and then, a sentence: a
 * footer's, a form's, a teaser's, a one-line bio.  Such a sentence
 * stands alone among furniture, and it is short; the article's own prose
 * comes in runs and is followed by a few lines at most (a sub-head, a
 * credit).  An island is a sentence of prose (para_substantial, ending
 * closed) of one line and ISLAND_WORDS words or fewer, not a lead-in,
 * with ISLAND_BEFORE pieces of furniture (tail_piece) or more between it
 * and the prose before, which is no lead-in either, and ISLAND_AFTER or
 * more open paragraphs or pieces after it (islands' neighbours count: a
 * "Read more" may run to a sentence's length); it is no last prose,
 * and the tail takes it with the furniture around it.  A closing
 * sentence under a sub-head has one piece before it, a letter signed
 * with a name and a place two, a how-to's steps their lead-in, and a
 * story's closing paragraph under its list of sections none after.  On
 * boilerplate_dev and dev2 folds 0,1 (tests/eval) one piece before took
 * the article's closing paragraph under a sub-head, and two before with
 * none after a closing paragraph under two sub-heads.  An item holds
 * MAX_ISLANDS of them at most.
 */
#define ISLAND_WORDS	40
#define ISLAND_BEFORE	3
#define ISLAND_AFTER	1
#define MAX_ISLANDS	8

/*
 * Is p (n bytes) a piece of furniture an island stands among: open,
 * holding no mark of data (a figure, a comma, a bracket, " v "), no
 * sentence that lost its stop, or a box of lines (shape_tail_lines,
 * bullet_box)?  Ingredients, fixtures, results and names with their
 * places are a list's items, which a sentence may well follow.
 */
static int
tail_piece(const char *p, size_t n)
{
	if (shape_tail_lines(p, n) || bullet_box(p, n))
		return 1;
	return shape_open_para(p, n) && !para_sentence_like(p, n) &&
	    para_data_mark(p, n) == 0;
}

/*
 * Is p (n bytes), found searching back from the end of the item s for
 * the last prose, an island?  The prose starts at first.
 */
static int
tail_island(const char *s, const char *first, const char *p, size_t n,
    size_t after)
{
	const char *q, *last;
	size_t before = 0;

	if (after < ISLAND_AFTER || memchr(p, '\n', n) != NULL ||
	    !para_ends_closed(p, n) ||
	    para_words(p, n, ISLAND_WORDS + 1) > ISLAND_WORDS ||
	    shape_lead_in(p, n))
		return 0;
	for (last = p - 2; last > first; last = q - 2) {
		q = para_start(s, last);
		if (q < first)
			break;
		if (tail_piece(q, (size_t)(last - q)))
			before++;
		else if (para_has_letter(q, (size_t)(last - q)))
			return before >= ISLAND_BEFORE && last[-1] != ':';
	}
	return 0;
}

/*
 * The tail: the paragraphs v[0 .. nv-1] of s after the last prose prev
 * (prevlen bytes), as keep_edge takes them, but for the nisl islands
 * isl (tail_island), which go.
 */
static void
tail_edge(const char *s, const struct para_span *v, size_t nv,
    const char *prev, size_t prevlen, const char *const *isl, size_t nisl,
    struct removal_list *rm, struct buf *tmp)
{
	const char *p;
	size_t i, k, from = 0;

	for (i = 0; i < nv && nisl > 0; i++) {
		p = s + v[i].off;
		for (k = 0; k < nisl && isl[k] != p; k++)
			continue;
		if (k == nisl)
			continue;
		keep_edge("tail", 0, s, v + from, i - from, prev, prevlen, p,
		    v[i].len, tail_open, rm, tmp);
		removal_add(rm, "tail", "heuristic", p, v[i].len);
		prev = p;
		prevlen = v[i].len;
		from = i + 1;
	}
	keep_edge("tail", 0, s, v + from, nv - from, prev, prevlen, NULL, 0,
	    tail_open, rm, tmp);
}

/*
 * The search runs from each end, so an item whose prose reaches its edges
 * costs two paragraphs' look.
 */
void
edges_cut(struct buf *out, size_t start, const struct paras *ps,
    struct paras *tailps, int head, int tail, struct removal_list *rm,
    struct buf *tmp)
{
	const char *s = out->s + start, *end = out->s + out->len;
	const char *first, *last, *p, *isl[MAX_ISLANDS];
	size_t i, n, nhead, nisl = 0, after = 0;

	for (i = 0; i < ps->n; i++)
		if (shape_head_prose(s + ps->v[i].off, ps->v[i].len))
			break;
	if (i == ps->n)
		return;		/* no prose: nothing to measure against */
	first = s + ps->v[i].off;
	for (last = end; last > first; last = p - 2) {
		p = para_start(s, last);
		n = (size_t)(last - p);
		if (para_substantial(p, n) && !tail_box(s, p, n) &&
		    !shape_tail_lines(p, n)) {
			if (!tail || nisl == MAX_ISLANDS ||
			    !tail_island(s, first, p, n, after))
				break;
			isl[nisl++] = p;
		} else if (tail)
			after += shape_open_para(p, n) || tail_piece(p, n);
	}
	/*
	 * With the whitespace step off, "\n\n\n" splits differently read
	 * forwards and backwards, and the searches can cross: the last
	 * paragraph of prose is then the first one.
	 */
	if (last <= first)
		last = first + ps->v[i].len;
	if ((first == s || !head) && (last == end || !tail))
		return;
	/*
	 * The head is the paragraphs before the first of prose, but for an
	 * empty one just before it (a walk up to first - 2 stops short of
	 * it).  The tail starts where the backward search stopped, which
	 * with the whitespace step off need not be where a paragraph starts
	 * reading forwards: its paragraphs are found again.
	 */
	nhead = i - (i > 0 && ps->v[i - 1].len == 0);
	buf_reset(tmp);
	keep_edge(head ? "head" : NULL, HEAD_WORDS, s, ps->v, nhead, NULL, 0,
	    first, ps->v[i].len, head_open, rm, tmp);
	if (head)
		head_boxes(tmp, rm);
	if (tmp->len > 0)
		buf_add(tmp, "\n\n", 2);
	buf_add(tmp, first, (size_t)(last - first));
	p = para_start(s, last);
	if (last < end)
		paras_find(tailps, last + 2, (size_t)(end - last - 2));
	else
		tailps->n = 0;
	if (tail)
		tail_edge(last + 2, tailps->v, tailps->n, p,
		    (size_t)(last - p), isl, nisl, rm, tmp);
	else
		keep_edge(NULL, 0, last + 2, tailps->v, tailps->n, p,
		    (size_t)(last - p), NULL, 0, tail_open, rm, tmp);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

/*
 * Is p (n bytes; NULL: none) a neighbour that makes a dateline part of
 * a list or a table: a short paragraph holding a number ("Kick-off: 3pm"
 * under "Saturday 6 May 2017", a row of figures under a dated one)?
 */
static int
data_neighbour(const char *p, size_t n)
{
	return p != NULL && !para_substantial(p, n) &&
	    (para_data_mark(p, n) & PARA_NUMBER) != 0;
}

/*
 * Is the dateline at ps->v[i] of s a row of a list or a table, by what
 * is around it?  With any, a neighbour holding a number makes it one
 * ("Saturday 6 May 2017" over "Kick-off: 3pm", a venue with its date,
 * a dated row of figures); else it takes DATA_ROWS such paragraphs in a
 * row next to it, on either side or both (a timetable).  Before the
 * first prose a byline sits beside one such line ("2 min read", "845
 * shares", a headline that holds a year) and is no row of a table; a
 * link holding a number past the prose is no row of its list either.
 */
#define DATA_ROWS	2

static int
data_row(const char *s, const struct paras *ps, size_t i, int any)
{
	size_t j, rows = 0;

	for (j = i; j > 0 && i - j < DATA_ROWS && data_neighbour(s +
	    ps->v[j - 1].off, ps->v[j - 1].len); j--)
		rows++;
	for (j = i + 1; j < ps->n && j - i <= DATA_ROWS && data_neighbour(s +
	    ps->v[j].off, ps->v[j].len); j++)
		rows++;
	return rows > 0 && (any || rows >= DATA_ROWS);
}

int
shape_date_alone(const char *p, size_t n)
{
	size_t i, words = 0;
	int digit = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == ' ') {
			words += !digit && i > 0 && p[i - 1] != ' ';
			digit = 0;
		} else if (p[i] >= '0' && p[i] <= '9')
			digit = 1;
	}
	return words <= 2;
}

/* How many paragraphs ps of s are dates alone (shape_date_alone)? */
static size_t
dates_alone(const char *s, const struct paras *ps)
{
	const char *p;
	size_t i, n, found = 0;

	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		found += para_dateline(p, n) && shape_date_alone(p, n);
	}
	return found;
}

/*
 * Is the line p (n bytes) set in SEGMENTS segments or more, each after a
 * separator with a blank either side (" • ", " · ", " | "): "Jo Lee •
 * May 6, 2024 • 4 min read"?  A byline's box sets its name, date and
 * reading time so; a sentence that lost its stop has no such marks, so
 * a dateline set so is no sentence however many small words it holds.
 */
#define SEGMENTS	3

static int
segmented(const char *p, size_t n)
{
	size_t i, seps = 0;

	for (i = 1; i + 3 < n && seps + 1 < SEGMENTS; i++) {
		if (p[i - 1] != ' ')
			continue;
		if (p[i] == '|' && p[i + 1] == ' ')
			seps++;
		else if ((unsigned char)p[i] == 0xC2 &&
		    (unsigned char)p[i + 1] == 0xB7 && p[i + 2] == ' ')
			seps++;
		else if ((unsigned char)p[i] == 0xE2 &&
		    (unsigned char)p[i + 1] == 0x80 &&
		    (unsigned char)p[i + 2] == 0xA2 && p[i + 3] == ' ')
			seps++;
	}
	return seps + 1 >= SEGMENTS;
}

static int clock_stamp(const char *, size_t);

/* A dated box has at most DATED_BOX_LINES lines. */
#define DATED_BOX_LINES	3

/*
 * Is the line p (n bytes) an event in a timetable: a time of day first,
 * then words and no other date or time ("10:00 Parade on the green")?
 * A byline's box opens with a time over its date ("18:34 06.05.2019").
 */
static int
event_line(const char *p, size_t n)
{
	const char *sp;

	if (n == 0 || p[0] < '0' || p[0] > '9' ||
	    (sp = memchr(p, ' ', n)) == NULL || memchr(p, ':', (size_t)(sp -
	    p)) == NULL || !para_stamp(p, (size_t)(sp - p)))
		return 0;
	return !para_stamp(sp, (size_t)(p + n - sp));
}

/*
 * Is p (n bytes) a dated box: a paragraph of two to DATED_BOX_LINES
 * lines, one of them a dateline, the others labels (at most HEAD_WORDS
 * words, ending no sentence) or datelines too, none a sentence that
 * lost its stop but for a post's stamp (clock_stamp) or a line of
 * segments (segmented), as in edges_datelines ("• May 6, 2019 at 9:24
 * pm ET • 2 min read\n•", "18:34 06.05.2019\nFree until 19:34", "Jo
 * Lee — 6 May 2019\n168 0 0")?  A
 * page sets its byline, time stamps and counts in one box over the
 * story; a timetable set in lines has events (event_line).
 */
static int
dated_box(const char *p, size_t n)
{
	const char *nl, *end = p + n;
	size_t len, lines = 0, dated = 0;

	if (memchr(p, '\n', n) == NULL)
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (++lines > DATED_BOX_LINES || (para_sentence_like(p, len) &&
		    !clock_stamp(p, len) && !segmented(p, len)) ||
		    event_line(p, len))
			return 0;
		if (para_dateline(p, len))
			dated++;
		else if (para_ends_sentence(p, len) ||
		    para_words(p, len, HEAD_WORDS + 1) > HEAD_WORDS)
			return 0;
	}
	return dated > 0;
}

/*
 * Does the line p (n bytes) hold a time of day in figures ("2:00",
 * "11:20"): one or two digits opening a word, a colon and two digits
 * ending it (or a word's figures: "11:20am")?
 */
static int
clock_time(const char *p, size_t n)
{
	size_t i, h;

	for (i = 1; i + 2 < n; i++) {
		if (p[i] != ':' || !isdigit((unsigned char)p[i - 1]) ||
		    !isdigit((unsigned char)p[i + 1]) ||
		    !isdigit((unsigned char)p[i + 2]) ||
		    (i + 3 < n && isdigit((unsigned char)p[i + 3])))
			continue;
		h = i >= 2 && isdigit((unsigned char)p[i - 2]) ? i - 2 : i - 1;
		if (h == 0 || !isalnum((unsigned char)p[h - 1]))
			return 1;
	}
	return 0;
}

/* A post's stamp takes at most STAMP_WORDS words with its byline. */
#define STAMP_WORDS	12

/*
 * Does the line p (n bytes) of at most STAMP_WORDS words open or close
 * with its figures: is the first word holding a figure one of the first
 * two, or the last one of the last three ("May 6, 2019 @ 2:00 pm -
 * Written by Jo", "Posted by Jo on May 1, 2019 at 4:12 pm")?  A
 * sentence names its day and hour in its middle ("The meeting was moved
 * to May 6, 2019 at 2:00 pm in the town hall").
 */
static int
figures_at_edge(const char *p, size_t n)
{
	size_t i, words = 0, first = SIZE_MAX, last = 0;
	int digit = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == ' ') {
			if (i > 0 && p[i - 1] != ' ') {
				if (digit && first == SIZE_MAX)
					first = words;
				if (digit)
					last = words;
				words++;
			}
			digit = 0;
		} else if (p[i] >= '0' && p[i] <= '9')
			digit = 1;
	}
	return words <= STAMP_WORDS && first != SIZE_MAX &&
	    (first < 2 || words - 1 - last < 3);
}

/*
 * Is the dateline p (n bytes) a post's stamp: a day's date and a time
 * of day at an end of a short line ("May 6, 2019 @ 2:00 pm - Written by
 * Jo", "2. Jo Lee on May 1, 2019 4:12 pm", "by Jo Lee. Posted on 3:30
 * pm Tuesday May 7, 2019")?  Its small words are the stamp's ("at",
 * "pm", "by", "on"), not a sentence's; and it is a byline wherever it
 * stands, not a row of a table beside one short paragraph holding a
 * number (a headline "Harbour Tales (3/10)" past a site's welcome).
 */
static int
clock_stamp(const char *p, size_t n)
{
	return clock_time(p, n) && shape_holds_date(p, n) &&
	    figures_at_edge(p, n);
}

/*
 * Is p (n bytes) a dateline or a dated box?  A dateline is one line, a
 * dated box several (lines: p holds a line break).
 */
static int
dated(const char *p, size_t n, int lines)
{
	return lines ? dated_box(p, n) : para_dateline(p, n);
}

void
edges_datelines(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;
	const char *p, *prev = NULL, *next;
	size_t i, n, prevlen = 0, nextlen;
	int list, head = 1;

	if (!shape_prose_and(s, ps, dated))
		return;		/* nothing to measure against, or to cut */
	list = dates_alone(s, ps) >= 2;
	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		/*
		 * A text ending in "\n\n" would give an empty next; no step
		 * leaves one, and an empty neighbour counts as none.
		 */
		next = i + 1 < ps->n ? s + ps->v[i + 1].off : NULL;
		nextlen = next != NULL ? ps->v[i + 1].len : 0;
		if (para_dateline(p, n) && (!para_sentence_like(p, n) ||
		    clock_stamp(p, n) || segmented(p, n)) && !(list && shape_date_alone(p, n)) &&
		    !shape_wrapped(prev, prevlen, p, n, next, nextlen) &&
		    !shape_lead_in(prev, prevlen) &&
		    !data_row(s, ps, i, (!head || shape_date_alone(p, n)) &&
		    !clock_stamp(p, n)))
			removal_add(rm, "datelines", "heuristic", p, n);
		else if (head && dated_box(p, n))
			removal_add(rm, "datelines", "heuristic", p, n);
		else
			shape_keep(tmp, p, n);
		/*
		 * (a dateline is never prose: asked only of what stays; a
		 * menu or a box of labels is no prose either)
		 */
		if (head && shape_head_prose(p, n))
			head = 0;
		prev = p;
		prevlen = n;
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

/* A comment header names its writer in at most this many words. */
#define COMMENT_HEADER_WORDS	12

/*
 * Does the line p (n bytes) carry what a page puts on a comment and a
 * report does not put on "The minister said:": a number or a bullet
 * before it ("1.", "•", "□"), an avatar's bracketed label ("[7a57]"), or
 * a time of day ("at 10:12 am")?
 */
static int
comment_marked(const char *p, size_t n)
{
	size_t i;

	if ((p[0] >= '0' && p[0] <= '9') || p[0] == '[' ||
	    (unsigned char)p[0] >= 0x80)
		return 1;
	for (i = 1; i + 2 < n; i++)
		if (p[i] == ':' && p[i - 1] >= '0' && p[i - 1] <= '9' &&
		    p[i + 1] >= '0' && p[i + 1] <= '9' && p[i + 2] >= '0' &&
		    p[i + 2] <= '9')
			return 1;
	return 0;
}

/*
 * Is the stop at p[i] an initial's: one letter after a blank ("Jo K.
 * Lee"), or a capital after another capital's stop ("K.G. Lee")?
 */
static int
initial(const char *p, size_t i)
{
	return (i >= 2 && p[i - 2] == ' ') || (i >= 3 && p[i - 2] == '.' &&
	    p[i - 1] >= 'A' && p[i - 1] <= 'Z' && p[i - 3] >= 'A' &&
	    p[i - 3] <= 'Z');
}

/*
 * Is p (n bytes) the header of a reader's comment: one line that ends in
 * a verb of saying and a colon, once a list number, a bullet and an
 * avatar's bracketed label are set aside ("1. Max says:", "[7a57] Lauren
 * K says:", "On May 6, 2019 at 10:12 am Jo Lee said:", "Ally wrote:",
 * "Moin sagt:")?  The writer's name takes a few words and ends no
 * sentence: "The minister said:" in a report is one line, never a run.
 */
static int
comment_header(const char *p, size_t n)
{
	static const char *const verbs[] = {
		" said:", " says:", " wrote:", " writes:", " sagt:",
		" schrieb:"
	};
	size_t i, len;

	if (n == 0 || p[n - 1] != ':' || memchr(p, '\n', n) != NULL ||
	    para_words(p, n, COMMENT_HEADER_WORDS + 1) > COMMENT_HEADER_WORDS)
		return 0;
	for (i = 0; i + 1 < n; i++)
		if ((p[i] == '.' || p[i] == '!' || p[i] == '?') &&
		    p[i + 1] == ' ' && i > 0 && !(p[i - 1] >= '0' &&
		    p[i - 1] <= '9') && !initial(p, i))
			return 0;	/* a sentence ends before the verb */
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		len = strlen(verbs[i]);
		if (n > len && strncasecmp(p + n - len, verbs[i], len) == 0)
			return comment_marked(p, n);
	}
	return 0;
}

/*
 * A thread of comments whose headers carry a date rather than "says:"
 * has COMMENT_THREAD headers or more: two dated lines after an article
 * may be its own (an update's stamp, two quoted posts), three, each
 * over its own text, are readers writing.
 */
#define COMMENT_THREAD	3

/*
 * A comment runs to at most COMMENT_GAP lines; after a dated header
 * followed by more, the next one starts a new search for the thread.
 */
#define COMMENT_GAP	12

/*
 * Under a dated header, most comments run to at most COMMENT_WORDS words;
 * a digest of other papers' articles, each under its source and date,
 * runs to hundreds.
 */
#define COMMENT_WORDS	200

int
shape_holds_date(const char *p, size_t n)
{
	size_t i, j, parts;
	char sep;

	for (i = 0; i < n; i = j) {
		if (!isdigit((unsigned char)p[i]) ||
		    (i > 0 && isalnum((unsigned char)p[i - 1]))) {
			j = i + 1;
			continue;
		}
		for (j = i; j < n && isdigit((unsigned char)p[j]); j++)
			continue;
		if (j - i == 4 && (memcmp(p + i, "19", 2) == 0 ||
		    memcmp(p + i, "20", 2) == 0) &&
		    (j == n || !isalnum((unsigned char)p[j])))
			return 1;
		if (j >= n || strchr("./-", p[j]) == NULL)
			continue;
		sep = p[j];
		for (parts = 1; j + 1 < n && p[j] == sep &&
		    isdigit((unsigned char)p[j + 1]); parts++)
			for (j++; j < n && isdigit((unsigned char)p[j]); j++)
				continue;
		if (parts == 3)
			return 1;
	}
	return 0;
}

/*
 * Is the line p (n bytes) the dated header of a comment: a dateline
 * (para_dateline) of at most COMMENT_HEADER_WORDS words that holds a
 * day's date and more than a date alone, for it names the writer ("1.
 * Kim Lee - August 8, 2012", "written by lynn, October 25, 2012", "Tim
 * Roe 11.06.12 at 11:06 am"), and does not read as a sentence that lost
 * its stop?
 */
static int
dated_header(const char *p, size_t n)
{
	return para_dateline(p, n) && !shape_date_alone(p, n) &&
	    para_words(p, n, COMMENT_HEADER_WORDS + 1) <=
	    COMMENT_HEADER_WORDS && shape_holds_date(p, n) &&
	    !para_sentence_like(p, n);
}

/*
 * Is the line p (n bytes) what a reader wrote under a header: it ends a
 * sentence, a quotation or a smiley's bracket, or it is prose?  A row of
 * a list, a label, a name or a link ends none.
 */
static int
comment_body(const char *p, size_t n)
{
	return para_has_letter(p, n) && (para_ends_closed(p, n) ||
	    para_substantial(p, n));
}

/* A thread of comments of one kind of header, as edges_comments finds it. */
struct thread {
	int		(*header)(const char *, size_t);
	const char	*first;		/* its first header's line, or NULL */
	size_t		 para;		/* that line's paragraph (index) */
	size_t		 headers;
	size_t		 bare;		/* headers with no text under them */
	int		 open;		/* the last header has no text yet */
	size_t		 gap;		/* lines since the last header */
	size_t		 words;		/* words since the last header */
	size_t		 longs;		/* comments of over COMMENT_WORDS */
};

/*
 * Is t a thread: two headers ending in a verb of saying, which are enough
 * by themselves, or COMMENT_THREAD dated ones, each over the text of its
 * comment and most of those short?  A list of dated events has dates too
 * but no text under some; letters to an editor signed with a date have
 * the letter above the name, and the last name has none under it; a
 * digest of articles has sources and dates over long texts.
 */
static int
thread_done(const struct thread *t)
{
	if (t->header == comment_header)
		return t->headers >= COMMENT_HEADERS;
	return t->headers >= COMMENT_THREAD && t->bare == 0 && !t->open &&
	    t->longs * 2 < t->headers;
}

/*
 * Take in the line p (n bytes) of paragraph i, after the prose: a header
 * starts a comment (and the thread, if it is the first), any other line
 * that reads as a reader's text is the comment's.
 */
static void
thread_line(struct thread *t, size_t i, const char *p, size_t n)
{
	if (t->header(p, n)) {
		/*
		 * A dated header far from the last (an update's stamp and
		 * the rest of the article under it) starts anew.
		 */
		if (t->header != comment_header && t->first != NULL &&
		    t->gap > COMMENT_GAP && !thread_done(t)) {
			t->first = NULL;
			t->headers = t->bare = t->longs = 0;
			t->open = 0;
		}
		if (t->first == NULL) {
			t->first = p;
			t->para = i;
		}
		t->headers++;
		t->bare += t->open;
		t->longs += t->words > COMMENT_WORDS;
		t->open = 1;
		t->gap = t->words = 0;
	} else if (t->first != NULL) {
		t->gap++;
		t->words += para_words(p, n, COMMENT_WORDS + 1);
		if (t->open && comment_body(p, n))
			t->open = 0;
	}
}

/* The thread is done with at the end of the item. */
static void
thread_end(struct thread *t)
{
	t->bare += t->open;
	t->longs += t->open ? 0 : t->words > COMMENT_WORDS;
	t->open = 0;
}

/*
 * Is the thread t, of the text s with the paragraphs ps, announced as a
 * list: is the line just before its first header a lead-in of
 * LEAD_WORDS words or more ending in ':' ("What's on over the holiday
 * weekend:")?  Dated events each with its text would be a thread.  A
 * page's heading over its comments is a word or a count ("Comments",
 * "4 Responses"), and the rules take most of those.
 */
static int
announced(const char *s, const struct paras *ps, const struct thread *t)
{
	const char *lo, *end, *p;

	if (t->first > s + ps->v[t->para].off) {
		lo = s + ps->v[t->para].off;
		end = t->first - 1;	/* the line break before the header */
	} else if (t->para > 0) {
		lo = s + ps->v[t->para - 1].off;
		end = lo + ps->v[t->para - 1].len;
	} else
		return 0;
	for (p = end; p > lo && p[-1] != '\n'; p--)
		continue;
	return shape_lead_in(p, (size_t)(end - p));
}

void
edges_comments(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p, *nl, *end, *cut, *para;
	struct thread said, dated, *t;
	size_t i, n;
	int prose = 0;

	(void)tmp;
	memset(&said, 0, sizeof(said));
	memset(&dated, 0, sizeof(dated));
	said.header = comment_header;
	dated.header = dated_header;
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!prose) {
			/* a header before the prose heads no comment */
			prose = para_substantial(p, n) &&
			    !comment_header(p, n);
			continue;
		}
		/* a paragraph of one line (most) needs no look for a break */
		for (end = p + n; p < end; p = nl + 1) {
			if (!ps->v[i].lines || (nl = memchr(p, '\n',
			    (size_t)(end - p))) == NULL)
				nl = end;
			thread_line(&said, i, p, (size_t)(nl - p));
			thread_line(&dated, i, p, (size_t)(nl - p));
		}
	}
	thread_end(&said);
	thread_end(&dated);
	if (!thread_done(&said))
		t = &dated;
	else if (!thread_done(&dated) || said.first < dated.first)
		t = &said;
	else
		t = &dated;
	if (!thread_done(t) || announced(s, ps, t))
		return;
	/*
	 * The thread starts at its first header, or at its paragraph's
	 * start when what comes before the header there is none of the
	 * article's prose ("Comments (4)", a comment's title over it).
	 */
	para = s + ps->v[t->para].off;
	for (cut = p = para; p < t->first; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(t->first - p));
		if (para_prose(p, (size_t)(nl - p)) ||
		    para_sentence_like(p, (size_t)(nl - p))) {
			cut = t->first;
			break;
		}
	}
	i = t->para;
	if (cut > para) {
		removal_add(rm, "comments", "heuristic", cut,
		    (size_t)(para + ps->v[i].len - cut));
		i++;
	}
	for (; i < ps->n; i++)
		removal_add(rm, "comments", "heuristic", s + ps->v[i].off,
		    ps->v[i].len);
	/* prose comes before the thread: a line break or "\n\n" ends it */
	while (cut > s && cut[-1] == '\n')
		cut--;
	buf_truncate(out, (size_t)(cut - out->s));
}

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
 * after the item's first prose, a box's headline or prompt: one line of
 * at most REST_WORDS words, not prose, that is open and holds no figure,
 * or asks or exclaims ("Why Does Your Dishwasher Smell?", "Help us now!":
 * another story's headline, an appeal)?  amid_line() takes the short
 * ones anywhere; these are a headline's length.  A lead-in (it ends in a
 * colon), an item of a list (as for rest_line()), a sentence ending in a full stop (a short paragraph of the
 * story between two adverts) and a line with a figure that does not ask
 * (a score, a result) stay.
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
