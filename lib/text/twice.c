/*
 * twice.c - see twice.h.
 *
 * The shorter of two lines must hold TWICE_MIN bytes, TWICE_WORDS words
 * and a small letter, and neither more than TWICE_MAXWORDS words, so that
 * rules (____), names, tables and paragraphs of prose are never compared.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "text/para.h"
#include "text/twice.h"
#include "base/util.h"

#define TWICE_EXTRA	40
#define TWICE_MIN	15
#define TWICE_WORDS	3
#define TWICE_MAXWORDS	60
#define TWICE_LABEL	2
#define TWICE_BULLET	4	/* "• ": U+2022 is 3 bytes */

/* Is one of a and b the other with up to TWICE_EXTRA bytes before or after? */
int
twice_twins(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *t;
	size_t tlen;

	/*
	 * A line that ends in a comma or a semicolon runs on into the next:
	 * a song's or a poem's refrain sung twice ("Oh the harbour calls me
	 * home,"), never a caption or a picture's alternative text.
	 */
	if ((alen > 0 && (a[alen - 1] == ',' || a[alen - 1] == ';')) ||
	    (blen > 0 && (b[blen - 1] == ',' || b[blen - 1] == ';')))
		return 0;
	if (alen > 0 && a[alen - 1] == '.')
		alen--;
	if (blen > 0 && b[blen - 1] == '.')
		blen--;
	if (alen > blen) {
		t = a, a = b, b = t;
		tlen = alen, alen = blen, blen = tlen;
	}
	/*
	 * The byte tests first: this runs on every pair of lines.  Before
	 * the repeat there may be a label of TWICE_LABEL words at most
	 * ("Enlarge"), not a clause ("For the year, Acme said").
	 */
	if (alen < TWICE_MIN || blen - alen > TWICE_EXTRA ||
	    (memcmp(a, b, alen) != 0 && (memcmp(a, b + blen - alen,
	    alen) != 0 || para_words(b, blen - alen, TWICE_LABEL + 2) >
	    TWICE_LABEL + 1)))
		return 0;
	return para_words(a, alen, TWICE_WORDS) >= TWICE_WORDS &&
	    para_words(b, blen, TWICE_MAXWORDS + 1) <= TWICE_MAXWORDS &&
	    para_has_small(a, alen);
}

/*
 * Is a (alen bytes) enough text to call a repeat: TWICE_MIN bytes,
 * TWICE_WORDS words, a letter, and when small (a copy after a blank, or
 * cut short) a small letter: a table's row of headings in capitals
 * ("HIGH LOW HIGH LOW") repeats itself with blanks between.
 */
static int
worth(const char *a, size_t alen, int small)
{
	return alen >= TWICE_MIN && para_words(a, alen, TWICE_WORDS) >=
	    TWICE_WORDS && (small ? para_has_small(a, alen) :
	    para_has_letter(a, alen));
}

/* The length of the ellipsis ("..." or U+2026) that s ends in, else 0. */
static size_t
ellipsis(const char *s, size_t n)
{
	if (n >= 3 && memcmp(s + n - 3, "...", 3) == 0)
		return 3;
	if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0)
		return 3;
	return 0;
}

/*
 * Is the line s the same text twice over?  A link's text beside its
 * picture's alternative text comes out so: run together ("Red sky at
 * nightRed sky at night") or with a blank between ("Print This Post
 * Print This Post"), the second copy perhaps cut short with an ellipsis
 * ("Six-Month Road Test: Audio Streaming Six-Month Road Test: Audio...").
 * The test for the exact copies costs one comparison; the cut copy is
 * looked for only in a line that ends in an ellipsis.
 */
static int
doubled(const char *s, size_t n)
{
	size_t k, half, cut, len;

	/* a list's bullet goes with the first copy only: "• A A" */
	for (k = 0; k < n && k < TWICE_BULLET && s[k] != ' '; k++)
		if (isalnum((unsigned char)s[k]))
			break;
	if (k < n && k < TWICE_BULLET && s[k] == ' ' && k > 0) {
		s += k + 1;
		n -= k + 1;
	}
	if (n < 2 * TWICE_MIN)
		return 0;
	half = n / 2;
	if (n % 2 == 0 && memcmp(s, s + half, half) == 0)
		return worth(s, half, 0);
	if (n % 2 == 1 && s[half] == ' ' && memcmp(s, s + half + 1, half) == 0)
		return worth(s, half, 1);
	if ((cut = ellipsis(s, n)) == 0)
		return 0;
	/* "A B..." where B, before the ellipsis, is A or begins it */
	for (k = TWICE_MIN; k + 1 + TWICE_MIN + cut <= n; k++) {
		if (s[k] != ' ' || s[k + 1] != s[0])
			continue;
		len = n - k - 1 - cut;
		if (len <= k && memcmp(s, s + k + 1, len) == 0)
			return worth(s, len, 1);
	}
	return 0;
}

/* Is the paragraph holding line i of lines hard-wrapped prose? */
static int
wrapped_at(const struct twice_line *lines, size_t i, const char *s,
    size_t end)
{
	const char *p;

	while (i > 0 && !lines[i].para)
		i--;
	p = s + lines[i].off;
	return para_hard_wrapped(p, (size_t)(para_end(p, s + end) - p));
}

/*
 * Are lines l and m of s the same bytes?  Prose wrapped at a width never
 * repeats a line whole, and the copies' own lengths may make their
 * paragraph look wrapped (a teaser's headline shown three times in a
 * row, as long open lines), so such twins need no look at the wrapping.
 */
static int
same_line(const char *s, const struct twice_line *l,
    const struct twice_line *m)
{
	return l->len == m->len && memcmp(s + l->off, s + m->off, l->len) == 0;
}

/* Add the line of s from off, len bytes, to t's n lines; it is returned. */
static struct twice_line *
add_line(struct twice *t, size_t *n, const char *s, size_t off, size_t len,
    int para)
{
	struct twice_line *l;

	t->lines = xroom(t->lines, &t->cap, *n + 1, sizeof(*t->lines));
	l = &t->lines[(*n)++];
	l->off = off;
	l->len = len;
	l->para = para;
	l->alone = 0;
	l->gone = doubled(s + off, len);
	return l;
}

/*
 * The lines are those of the paragraphs ps: a paragraph without a break
 * (most are) is one line, found with no look for a newline; the others
 * are cut at each one, but no line starts at the text's end (a last
 * "\n" ends a line, it opens none).
 */
void
twice_cut(struct twice *t, struct buf *out, size_t start,
    const struct paras *ps, struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s, *p, *q, *line, *nl;
	struct twice_line *l, *m;
	size_t i, k, n = 0, end = out->len;
	int any = 0;

	for (k = 0; k < ps->n; k++) {
		p = s + start + ps->v[k].off;
		q = p + ps->v[k].len;
		if (!ps->v[k].lines) {
			l = add_line(t, &n, s, (size_t)(p - s), ps->v[k].len, 1);
			l->alone = 1;
			any |= l->gone;
			continue;
		}
		for (line = p;; line = nl + 1) {
			nl = memchr(line, '\n', (size_t)(q - line));
			l = add_line(t, &n, s, (size_t)(line - s), (size_t)((nl !=
			    NULL ? nl : q) - line), line == p);
			any |= l->gone;
			if (nl == NULL || nl + 1 == s + end)
				break;
		}
	}
	if (n > 0)	/* "x\n" at the end is a line alone */
		t->lines[n - 1].alone = t->lines[n - 1].para;
	t->n = n;
	for (i = 0; i + 1 < n; i++) {
		l = &t->lines[i];
		m = &t->lines[i + 1];
		if ((!m->para || (l->alone && m->alone)) && twice_twins(s + l->off,
		    l->len, s + m->off, m->len) && (m->para ||
		    same_line(s, l, m) || !wrapped_at(t->lines, i, s, end)))
			any = l->gone = m->gone = 1;
	}
	if (!any)
		return;
	buf_reset(tmp);
	for (i = 0; i < n; i++) {
		l = &t->lines[i];
		if (l->gone) {
			removal_add(rm, "twice", "heuristic", s + l->off,
			    l->len);
			continue;
		}
		if (tmp->len > 0)
			buf_add(tmp, l->para ? "\n\n" : "\n",
			    l->para ? 2 : 1);
		buf_add(tmp, s + l->off, l->len);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

void
twice_free(struct twice *t)
{
	free(t->lines);
}
