/*
 * dated.c - see dated.h.
 *
 * Most lines end in a letter or a stop, so the look for a date costs a
 * byte a line; only a line ending in a figure is searched, from its end,
 * for the separator.
 */
#include <stdlib.h>
#include <string.h>

#include "text/dated.h"
#include "text/para.h"
#include "base/util.h"

/* A date after the separator takes at most this many bytes. */
#define DATE_BYTES	24

/* A short month name: a capital and two or three small letters. */
static int
month_word(const char *w, size_t n)
{
	size_t i;

	if (n < 3 || n > 4 || w[0] < 'A' || w[0] > 'Z')
		return 0;
	for (i = 1; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	return 1;
}

/* The number the word w (n bytes) is, all figures, else -1. */
static long
number_word(const char *w, size_t n)
{
	long v = 0;
	size_t i;

	if (n == 0 || n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return -1;
		v = v * 10 + (w[i] - '0');
	}
	return v;
}

/*
 * Is t (n bytes) a date alone: what para_stamp finds ("Nov 13, 2012",
 * "12/29/2011") in four words at most, or a year ("2006"), or a short
 * month name with a day or a year ("Aug 9", "Nov 2012")?
 */
static int
date_alone(const char *t, size_t n)
{
	const char *w, *e, *end = t + n;
	size_t len, words = 0, months = 0, days = 0, years = 0;
	long v;

	if (para_words(t, n, 5) > 4)
		return 0;
	if (para_stamp(t, n))
		return 1;
	for (w = t; w < end; w = e + 1) {
		if ((e = memchr(w, ' ', (size_t)(end - w))) == NULL)
			e = end;
		len = (size_t)(e - w);
		if (len > 0 && (w[len - 1] == ',' || w[len - 1] == '.'))
			len--;
		words++;
		if (month_word(w, len))
			months++;
		else if ((v = number_word(w, len)) >= 1900 && v <= 2099 &&
		    len == 4)
			years++;
		else if (v >= 1 && v <= 31 && len <= 2)
			days++;
		else
			return 0;
	}
	return (words == 1 && years == 1) ||
	    (words == 2 && months == 1 && days + years == 1);
}

int
dated_line(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, lo, b, sep, seplen = 0;

	if (n < 8 || u[n - 1] < '0' || u[n - 1] > '9' ||
	    memchr(s, '\n', n) != NULL)
		return 0;
	lo = n > DATE_BYTES + 5 ? n - DATE_BYTES - 5 : 1;
	for (i = n - 2; i >= lo; i--) {
		if (u[i] != ' ')
			continue;
		/* " - ", " | ", or an en or em dash between blanks ends at i */
		if (i >= 2 && (u[i - 1] == '-' || u[i - 1] == '|') &&
		    u[i - 2] == ' ') {
			seplen = 3;
			break;
		}
		if (i >= 4 && (u[i - 1] == 0x93 || u[i - 1] == 0x94) &&
		    u[i - 2] == 0x80 && u[i - 3] == 0xE2 && u[i - 4] == ' ') {
			seplen = 5;
			break;
		}
	}
	if (seplen == 0 || !date_alone(s + i + 1, n - i - 1))
		return 0;
	sep = i + 1 - seplen;	/* the separator's first blank */
	b = para_bullet(s, n);
	return sep > b && para_words(s + b, sep - b, 2) >= 2 &&
	    para_has_letter(s + b, sep - b) &&
	    para_words(s, n, DATED_WORDS + 1) <= DATED_WORDS &&
	    (para_data_mark(s, n) & PARA_VERSUS) == 0;
}

/*
 * Each line of the paragraphs from s to end in turn, as f(arg, line,
 * length, paragraph start): it returns the number of lines.
 */
static size_t
each_line(const char *s, const char *end,
    void (*f)(void *, const char *, size_t, int), void *arg)
{
	const char *p, *q, *line, *nl, *lend;
	size_t lines = 0;

	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		for (line = p; line < q; line = lend + 1) {
			nl = memchr(line, '\n', (size_t)(q - line));
			lend = nl != NULL ? nl : q;
			f(arg, line, (size_t)(lend - line), line == p);
			lines++;
		}
		if (q == end)
			break;
	}
	return lines;
}

/* What the walks of dated_cut share. */
struct walk {
	unsigned char	*flag;		/* per line: DATED, BULLET */
	size_t		 cap, i;
	const unsigned char *keep;	/* per line: 1 to keep (second walk) */
	struct buf	*tmp;
	struct removal_list *rm;
	size_t		 mark, body;	/* where tmp's paragraph starts */
};

#define DATED	0x1
#define BULLET	0x2

/*
 * Is any line of the paragraphs ps of the text s dated?  Most items have
 * none, and a line that ends in no figure is passed over at the cost of
 * a byte: a paragraph of one line (most are: ps says which) needs no look
 * for its end, and the lines of the others are found with memchr.
 */
static int
any_dated(const char *s, const struct paras *ps)
{
	const char *p, *q, *line, *nl;
	size_t k;

	for (k = 0; k < ps->n; k++) {
		p = s + ps->v[k].off;
		q = p + ps->v[k].len;
		if (!ps->v[k].lines) {
			if (q > p && q[-1] >= '0' && q[-1] <= '9' &&
			    dated_line(p, ps->v[k].len))
				return 1;
			continue;
		}
		for (line = p; line < q; line = nl + 1) {
			if ((nl = memchr(line, '\n', (size_t)(q - line))) ==
			    NULL)
				nl = q;
			if (nl > line && nl[-1] >= '0' && nl[-1] <= '9' &&
			    dated_line(line, (size_t)(nl - line)))
				return 1;
		}
	}
	return 0;
}

static void
mark_line(void *arg, const char *line, size_t n, int first)
{
	struct walk *w = arg;
	unsigned char f = 0;

	(void)first;
	if (dated_line(line, n))
		f = DATED | (para_bullet(line, n) ? BULLET : 0);
	w->flag = xroom(w->flag, &w->cap, w->i + 1, 1);
	w->flag[w->i++] = f;
}

/* End the paragraph being written to tmp: nothing kept, none written. */
static void
end_para(struct walk *w)
{
	if (w->tmp->len == w->body)
		buf_truncate(w->tmp, w->mark);
}

static void
copy_line(void *arg, const char *line, size_t n, int first)
{
	struct walk *w = arg;

	if (first) {
		if (w->i > 0)
			end_para(w);
		w->mark = w->tmp->len;
		if (w->mark > 0)
			buf_add(w->tmp, "\n\n", 2);
		w->body = w->tmp->len;
	}
	if (!w->keep[w->i++]) {
		removal_add(w->rm, "dated", "heuristic", line, n);
		return;
	}
	if (w->tmp->len > w->body)
		buf_addc(w->tmp, '\n');
	buf_add(w->tmp, line, n);
}

/* Does the item from s to end hold a paragraph of prose? */
static int
has_prose(const char *s, const char *end)
{
	const char *p, *q;

	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		if (para_substantial(p, (size_t)(q - p)))
			return 1;
		if (q == end)
			break;
	}
	return 0;
}

void
dated_cut(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *end = out->s + out->len;
	struct walk w;
	unsigned char *keep;
	size_t i, n, gone = 0;

	if (!any_dated(s, ps) || !has_prose(s, end))
		return;
	memset(&w, 0, sizeof(w));
	n = each_line(s, end, mark_line, &w);
	keep = xcalloc(n, 1);
	for (i = 0; i < n; i++) {
		keep[i] = !((w.flag[i] & DATED) && ((w.flag[i] & BULLET) ||
		    (i > 0 && (w.flag[i - 1] & DATED)) ||
		    (i + 1 < n && (w.flag[i + 1] & DATED))));
		gone += !keep[i];
	}
	free(w.flag);
	if (gone > 0) {
		buf_reset(tmp);
		w.keep = keep;
		w.tmp = tmp;
		w.rm = rm;
		w.i = 0;
		each_line(s, end, copy_line, &w);
		end_para(&w);
		buf_truncate(out, start);
		buf_add(out, tmp->s, tmp->len);
	}
	free(keep);
}
