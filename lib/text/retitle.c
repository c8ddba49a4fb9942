/*
 * retitle.c - part of artclean's step head (edges.h: edges_retitle), run
 * before edges_cut: when a headline among the first paragraphs repeats
 * the item's title, what lies between the two goes (a menu, other
 * stories, a promotion).
 */
#include <ctype.h>
#include <string.h>

#include "base/util.h"
#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

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
