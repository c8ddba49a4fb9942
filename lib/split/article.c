/*
 * article.c - see article.h.
 *
 * Metadata is recognised only at the head of an article and only in forms
 * that cannot be mistaken for a sentence: a keyword followed by a real
 * date, a line that is nothing but a date, "By" followed by a short run of
 * capitalised names.  A body paragraph that happens to start with "By
 * 2030, ..." or "Published research shows" stays text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/article.h"
#include "base/buf.h"
#include "split/date.h"
#include "base/utf8.h"
#include "base/util.h"

enum state { HEAD, META, BODY };

/*
 * The longest headline, in characters.  News headlines run to 60 or so
 * (the longest of BBC's 2,225 is 52, of Reuters' 19,043 is 63); a first
 * line of thousands is a paragraph of a file that starts straight with
 * text, and as a title it would be left out of text (and of -p's records).
 */
#define TITLE_MAX	300

/* The fields an article can have, in the order they are written. */
enum fieldno {
	F_TITLE, F_DATE, F_DATE_TEXT, F_UPDATED, F_UPDATED_TEXT, F_BYLINE,
	F_SOURCE, F_URL, F_TEXT, NFIELD
};
static const char *const field_names[NFIELD] = {
	"title", "date", "date_text", "updated", "updated_text", "byline",
	"source", "url", "text"
};

struct article {
	bool		 want_title;
	enum state	 state;
	bool		 blank;		/* a blank line since the last text */
	struct buf	 f[NFIELD];	/* indexed by enum fieldno */
};

struct article *
article_new(bool title)
{
	struct article *a;

	a = xcalloc(1, sizeof(*a));
	a->want_title = title;
	return a;
}

void
article_reset(struct article *a)
{
	size_t i;

	for (i = 0; i < NFIELD; i++)
		buf_reset(&a->f[i]);
	a->state = HEAD;
	a->blank = false;
}

void
article_free(struct article *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < NFIELD; i++)
		buf_free(&a->f[i]);
	free(a);
}

bool
article_empty(const struct article *a)
{
	size_t i;

	if (a->state != HEAD)
		return false;
	for (i = 0; i < NFIELD; i++)
		if (a->f[i].len > 0)
			return false;
	return true;
}

static bool
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_space((*s)[0]))
		(*s)++, (*n)--;
	while (*n > 0 && is_space((*s)[*n - 1]))
		(*n)--;
}

/* If s starts with one of the words (case-insensitive, then a non-letter),
 * return its length, else 0.  Longest first in the list. */
static size_t
keyword(const char *s, size_t n, const char *const *words)
{
	size_t k;

	for (; *words != NULL; words++) {
		k = strlen(*words);
		if (n >= k && strncasecmp(s, *words, k) == 0 &&
		    (n == k || !((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
			return k;
	}
	return 0;
}

static const char *const date_words[] = {
	"first published", "published on", "published", "posted on",
	"posted", "dated", "date", NULL
};
static const char *const updated_words[] = {
	"last updated", "last modified", "updated on", "updated", "modified",
	NULL
};

/* Skip ": ", " - ", " on ", " at " after a keyword. */
static size_t
skip_punct(const char *s, size_t n, size_t i)
{
	while (i < n && (is_space(s[i]) || s[i] == ':' || s[i] == '-' ||
	    s[i] == ','))
		i++;
	if (n - i >= 3 && (strncasecmp(s + i, "on ", 3) == 0 ||
	    strncasecmp(s + i, "at ", 3) == 0))
		i += 3;
	return i;
}

/*
 * A date line: keyword + date, or a bare date filling the line.  Returns
 * true and sets *rest to the text after the date.
 */
static bool
date_line(struct article *a, const char *s, size_t n, const char **rest,
    size_t *restlen)
{
	struct buf *iso, *raw;
	size_t k, i, used;
	struct buf tmp = BUF_INIT;
	enum date_result r;

	if ((k = keyword(s, n, date_words)) > 0) {
		iso = &a->f[F_DATE];
		raw = &a->f[F_DATE_TEXT];
	} else if ((k = keyword(s, n, updated_words)) > 0) {
		iso = &a->f[F_UPDATED];
		raw = &a->f[F_UPDATED_TEXT];
	} else {
		iso = &a->f[F_DATE];
		raw = &a->f[F_DATE_TEXT];
	}
	i = k ? skip_punct(s, n, k) : 0;
	r = date_parse(s + i, n - i, &tmp, &used);
	if (r == DATE_NONE || (k == 0 && i + used != n)) {
		buf_free(&tmp);
		return false;
	}
	if (iso->len == 0 && raw->len == 0) {
		if (r == DATE_OK)
			buf_add(iso, tmp.s, tmp.len);
		else
			buf_add(raw, s + i, used);
	}
	buf_free(&tmp);
	*rest = s + i + used;
	*restlen = n - i - used;
	trim(rest, restlen);
	return true;
}

static bool
name_word(const char *w, size_t n)
{
	static const char *const small[] = {
		"and", "de", "van", "der", "von", "la", "le", "da", "di",
		"del", "of", "the", "in", "&", "bin", "al", NULL
	};
	const char *const *p;

	if (n == 0)
		return false;
	if ((w[0] >= 'A' && w[0] <= 'Z') || (unsigned char)w[0] >= 0xC0)
		return true;
	for (p = small; *p != NULL; p++)
		if (strlen(*p) == n && memcmp(*p, w, n) == 0)
			return true;
	return false;
}

/* "By Jane Doe, Political Correspondent": short, names capitalised. */
static bool
byline_line(struct article *a, const char *s, size_t n)
{
	static const char *const by[] = { "written by", "byline:",
	    "author:", "by", NULL };
	size_t k, i, j, words = 0;

	if ((k = keyword(s, n, by)) == 0 && !(n > 7 &&
	    strncasecmp(s, "byline:", 7) == 0 && (k = 7)) && !(n > 7 &&
	    strncasecmp(s, "author:", 7) == 0 && (k = 7)))
		return false;
	i = skip_punct(s, n, k);
	if (i >= n || n - i > 100 || s[n - 1] == '.' || s[n - 1] == '?' ||
	    s[n - 1] == '!')
		return false;
	for (j = i; j <= n; j++) {
		if (j < n && !is_space(s[j]) && s[j] != ',')
			continue;
		if (j > i) {
			if (!name_word(s + i, j - i))
				return false;
			words++;
		}
		i = j + 1;
	}
	if (words == 0 || words > 10)
		return false;
	if (a->f[F_BYLINE].len == 0)
		buf_add(&a->f[F_BYLINE], s + skip_punct(s, n, k),
		    n - skip_punct(s, n, k));
	return true;
}

/* "Source: Reuters", "URL: https://...", or a bare URL. */
static bool
source_line(struct article *a, const char *s, size_t n)
{
	size_t i, k;

	if (n > 7 && strncasecmp(s, "source:", 7) == 0) {
		i = skip_punct(s, n, 7);
		if (i < n && a->f[F_SOURCE].len == 0)
			buf_add(&a->f[F_SOURCE], s + i, n - i);
		return i < n;
	}
	i = 0;
	if (n > 4 && strncasecmp(s, "url:", 4) == 0)
		i = skip_punct(s, n, 4);
	if (n - i > 8 && (strncmp(s + i, "http://", 7) == 0 ||
	    strncmp(s + i, "https://", 8) == 0)) {
		for (k = i; k < n; k++)
			if (is_space(s[k]))
				return false;
		if (a->f[F_URL].len == 0)
			buf_add(&a->f[F_URL], s + i, n - i);
		return true;
	}
	return false;
}

/*
 * A line this long is kept in the memory it was read into when it may be
 * taken (article_line_in); a shorter one is copied, which costs little.
 */
#define TAKE_MIN	((size_t)1 << 20)

/*
 * Append s[0..n) to the text, after "\n" (or "\n\n" after a blank line).
 * When s lies in home and is long and at least as long as the text so
 * far, the text is built in home's memory instead (the text so far moved
 * in front of the line, which is shorter) and the buffers swapped: the
 * line is held once, not in the input and again in the article.
 */
static void
add_text(struct article *a, const char *s, size_t n, struct buf *home)
{
	struct buf *t = &a->f[F_TEXT], tmp;
	size_t off, pre;

	/* Trailing white space goes; leading indentation may mean something. */
	while (n > 0 && is_space(s[n - 1]))
		n--;
	if (home == NULL || n < TAKE_MIN || n < t->len || home->s == NULL ||
	    s < home->s || s + n > home->s + home->len) {
		if (t->len > 0)
			buf_adds(t, a->blank ? "\n\n" : "\n");
		buf_add(t, s, n);
	} else {
		off = (size_t)(s - home->s);
		pre = t->len > 0 ? t->len + (a->blank ? 2 : 1) : 0;
		if (pre > off)
			buf_grow(home, pre - off);	/* may move home->s */
		memmove(home->s + pre, home->s + off, n);
		if (t->len > 0) {
			memcpy(home->s, t->s, t->len);
			memcpy(home->s + t->len, "\n\n", pre - t->len);
		}
		home->len = pre + n;
		home->s[home->len] = '\0';
		tmp = *t;
		*t = *home;
		*home = tmp;
		buf_reset(home);
	}
	a->blank = false;
	a->state = BODY;
}

void
article_line(struct article *a, const char *line, size_t len)
{
	article_line_in(a, line, len, NULL);
}

void
article_line_in(struct article *a, const char *line, size_t len,
    struct buf *home)
{
	const char *s = line, *rest;
	size_t n = len, restlen;

	trim(&s, &n);
	if (n == 0) {
		if (a->state == BODY)
			a->blank = true;
		return;
	}
	if (a->state != BODY) {
		if (date_line(a, s, n, &rest, &restlen)) {
			if (restlen > 0)
				add_text(a, rest, restlen, home);
			else
				a->state = META;
			return;
		}
		if (byline_line(a, s, n) || source_line(a, s, n)) {
			a->state = META;
			return;
		}
		if (a->state == HEAD && a->want_title &&
		    utf8_count(s, n) <= TITLE_MAX) {
			buf_add(&a->f[F_TITLE], s, n);
			a->state = META;
			return;
		}
	}
	add_text(a, line, len, home);
}

/*
 * A headline heads a body: an article with none (a file of one line) is
 * that line, and keeps it as its text, where readers of text (artclean,
 * artsent, artsim, and -p, which writes text alone) look for it.
 */
static size_t
text_field(const struct article *a)
{
	return a->f[F_TEXT].len == 0 && a->f[F_TITLE].len > 0 ? F_TITLE :
	    F_TEXT;
}

void
article_text(const struct article *a, const char **s, size_t *n)
{
	size_t t = text_field(a);

	*s = buf_cstr(&a->f[t]);
	*n = a->f[t].len;
}

void
article_meta(const struct article *a, struct record *r)
{
	size_t i, t = text_field(a);

	for (i = 0; i < F_TEXT; i++)
		if (a->f[i].len > 0 && i != t)
			record_set(r, field_names[i], a->f[i].s, a->f[i].len);
}

void
article_fields(const struct article *a, struct record *r)
{
	size_t t = text_field(a);

	article_meta(a, r);
	record_set(r, "text", buf_cstr(&a->f[t]), a->f[t].len);
}
