/*
 * pairview.c - see pairview.h.
 *
 * The page is written in one pass per column: the passages of that side
 * sorted by where they start, the text between them escaped, each passage
 * an <a> whose id names it on this side (a3, b3) and whose href names its
 * counterpart.  Passages are numbered in the order of a's text, as --align
 * writes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/utf8.h"
#include "base/util.h"
#include "view/pairview.h"

#define NCOLOURS	6	/* passage colours, so neighbours differ */

static const char style[] =
"body{margin:0;height:100vh;display:flex;flex-direction:column;"
"font:16px/1.5 Georgia,'DejaVu Serif',serif;color:#222;background:#f6f6f3}"
"header{padding:.6em 1.2em;background:#fff;border-bottom:1px solid #bbb;"
"font-family:'DejaVu Sans',Arial,sans-serif;font-size:14px}"
"h1{font-size:18px;margin:0 0 .3em}"
"p.verdict{margin:.2em 0}"
"span.v{font-weight:bold}"
"table.figures{border-collapse:collapse;margin:.4em 0}"
"table.figures th,table.figures td{border:1px solid #ccc;padding:.1em .5em;"
"text-align:right}"
"table.figures th{background:#eee;font-weight:normal}"
"details{margin:.3em 0}"
"main{flex:1;min-height:0;display:grid;grid-template-columns:1fr 1fr}"
"section{overflow-y:auto;padding:.5em 1.2em 40vh;border-right:1px solid #ccc}"
"section h2{font:bold 14px 'DejaVu Sans',Arial,sans-serif;margin:.3em 0;"
"color:#555}"
"p.title{font-size:20px;font-weight:bold;margin:.2em 0 .6em}"
"div.text{white-space:pre-wrap}"
"a.p{color:inherit;text-decoration:none;border-radius:2px}"
"a.p.inexact{border-bottom:2px dotted #955}"
"a.p:target{outline:3px solid #c22;background:#fff3a0}"
"a.c0{background:#fde3a7}a.c1{background:#c8e6f5}a.c2{background:#d7f0c8}"
"a.c3{background:#f5d0e6}a.c4{background:#e4dcf7}a.c5{background:#f7e0cc}";

/* Append s[0..n) to out, escaped for HTML text and attribute values. */
static void
html_add(struct buf *out, const char *s, size_t n)
{
	size_t i, from = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&':	rep = "&amp;"; break;
		case '<':	rep = "&lt;"; break;
		case '>':	rep = "&gt;"; break;
		case '"':	rep = "&quot;"; break;
		case '\'':	rep = "&#39;"; break;
		default:	continue;
		}
		buf_add(out, s + from, i - from);
		buf_adds(out, rep);
		from = i + 1;
	}
	buf_add(out, s + from, n - from);
}

/* The byte offset of every code point of s, and of its end: *ncp + 1. */
static size_t *
cp_offsets(const char *s, size_t n, size_t *ncp)
{
	size_t *off, i = 0, k = 0;
	int32_t cp;
	int l;

	off = xreallocarray(NULL, utf8_count(s, n) + 1, sizeof(*off));
	while (i < n) {
		off[k++] = i;
		/* An invalid byte is one code point, as utf8_count says. */
		l = utf8_decode(s + i, n - i, &cp);
		i += (size_t)l;
	}
	off[k] = n;
	*ncp = k;
	return off;
}

struct ordered {
	const struct pv_passage *p;
	unsigned	 num;		/* 1, 2, ... in a's order */
	bool		 shown_a, shown_b;
};

static int
by_a(const void *x, const void *y)
{
	const struct ordered *a = x, *b = y;

	if (a->p->a_start != b->p->a_start)
		return a->p->a_start < b->p->a_start ? -1 : 1;
	if (a->p->b_start != b->p->b_start)
		return a->p->b_start < b->p->b_start ? -1 : 1;
	return 0;
}

static int
by_b(const void *x, const void *y)
{
	const struct ordered *a = x, *b = y;

	if (a->p->b_start != b->p->b_start)
		return a->p->b_start < b->p->b_start ? -1 : 1;
	return a->num < b->num ? -1 : a->num > b->num;
}

static void
add_real(struct buf *out, double v)
{
	json_add_real(out, v, 4);
}

/* "outlet-b is wholly derived from wire: 94% of its words ..." */
static void
verdict_line(struct buf *out, const struct pv_side *x,
    const struct pv_side *y)
{
	buf_adds(out, "<p class=\"verdict\">");
	html_add(out, x->id, x->idlen);
	if (x->sum == NULL || x->sum->verdict == NULL) {
		buf_adds(out, ": no summary in the input</p>\n");
		return;
	}
	buf_adds(out, " is <span class=\"v\">");
	html_add(out, x->sum->verdict, strlen(x->sum->verdict));
	buf_adds(out, "</span> from ");
	html_add(out, y->id, y->idlen);
	buf_printf(out, ": %.0f%% of its words are in passages shared with "
	    "it</p>\n", 100 * x->sum->reused);
}

static void
figures(struct buf *out, const struct pv_figure *f, size_t nf, size_t n,
    unsigned words)
{
	size_t i;

	buf_adds(out, "<table class=\"figures\"><tr>");
	for (i = 0; i < nf; i++) {
		buf_adds(out, "<th>");
		html_add(out, f[i].name, strlen(f[i].name));
		buf_adds(out, "</th>");
	}
	if (nf == 0)
		buf_adds(out, "<th>passages</th><th>words</th>");
	buf_adds(out, "</tr><tr>");
	for (i = 0; i < nf; i++) {
		buf_adds(out, "<td>");
		html_add(out, f[i].value, strlen(f[i].value));
		buf_adds(out, "</td>");
	}
	if (nf == 0)
		buf_printf(out, "<td>%zu</td><td>%u</td>", n, words);
	buf_adds(out, "</tr></table>\n");
}

static void
passage_list(struct buf *out, const struct ordered *o, size_t n,
    unsigned words)
{
	size_t i;

	buf_printf(out, "<details><summary>%zu passage%s, %u shared words"
	    "</summary><ol>\n", n, n == 1 ? "" : "s", words);
	for (i = 0; i < n; i++) {
		buf_printf(out, "<li id=\"list%u\">", o[i].num);
		if (o[i].shown_a)
			buf_printf(out, "<a href=\"#a%u\">", o[i].num);
		buf_printf(out, "a %zu&ndash;%zu", o[i].p->a_start,
		    o[i].p->a_end);
		buf_adds(out, o[i].shown_a ? "</a>" : "");
		buf_adds(out, " and ");
		if (o[i].shown_b)
			buf_printf(out, "<a href=\"#b%u\">", o[i].num);
		buf_printf(out, "b %zu&ndash;%zu", o[i].p->b_start,
		    o[i].p->b_end);
		buf_adds(out, o[i].shown_b ? "</a>" : "");
		buf_printf(out, ": %u words, similarity ", o[i].p->words);
		add_real(out, o[i].p->similarity);
		buf_adds(out, o[i].p->exact ? ", exact</li>\n" : "</li>\n");
	}
	buf_adds(out, "</ol></details>\n");
}

/*
 * One column: side x ('a' or 'b') with the passages o[0..n) sorted by
 * their start on this side, and off[] its code points' byte offsets.
 */
static void
column(struct buf *out, const struct pv_side *x, char side,
    struct ordered *o, size_t n, const size_t *off)
{
	size_t i, at = 0, start, end, prev_end = 0;
	const struct pv_passage *p;
	bool *shown;
	char peer = side == 'a' ? 'b' : 'a';

	buf_printf(out, "<section id=\"item-%c\"><h2>", side);
	html_add(out, x->id, x->idlen);
	buf_adds(out, "</h2>\n");
	if (x->title != NULL && x->tlen > 0) {
		buf_adds(out, "<p class=\"title\">");
		html_add(out, x->title, x->tlen);
		buf_adds(out, "</p>\n");
	}
	buf_adds(out, "<div class=\"text\">");
	for (i = 0; i < n; i++) {
		p = o[i].p;
		start = side == 'a' ? p->a_start : p->b_start;
		end = side == 'a' ? p->a_end : p->b_end;
		shown = side == 'a' ? &o[i].shown_a : &o[i].shown_b;
		if (start < prev_end || start >= end)
			continue;	/* overlaps one shown: listed only */
		*shown = true;
		html_add(out, x->text + at, off[start] - at);
		buf_printf(out, "<a class=\"p c%u%s\" id=\"%c%u\" "
		    "href=\"#%c%u\" title=\"passage %u: %u words, similarity ",
		    (o[i].num - 1) % NCOLOURS, p->exact ? "" : " inexact",
		    side, o[i].num, peer, o[i].num, o[i].num, p->words);
		add_real(out, p->similarity);
		buf_adds(out, p->exact ? ", exact\">" : "\">");
		html_add(out, x->text + off[start], off[end] - off[start]);
		buf_adds(out, "</a>");
		at = off[end];
		prev_end = end;
	}
	html_add(out, x->text + at, x->len - at);
	buf_adds(out, "</div></section>\n");
}

int
pairview_write(struct buf *out, const struct pv_side *a,
    const struct pv_side *b, const struct pv_passage *p, size_t n,
    const struct pv_figure *f, size_t nf, char *err, size_t errlen)
{
	struct ordered *o;
	struct buf page = BUF_INIT, cols = BUF_INIT;
	size_t *offa, *offb, na, nb, i;
	unsigned words = 0;

	offa = cp_offsets(a->text, a->len, &na);
	offb = cp_offsets(b->text, b->len, &nb);
	o = xcalloc(n ? n : 1, sizeof(*o));
	for (i = 0; i < n; i++) {
		if (p[i].a_start > p[i].a_end || p[i].a_end > na ||
		    p[i].b_start > p[i].b_end || p[i].b_end > nb) {
			snprintf(err, errlen, "a passage (a %zu-%zu, b %zu-%zu) "
			    "does not fit the texts (%zu and %zu code points)",
			    p[i].a_start, p[i].a_end, p[i].b_start, p[i].b_end,
			    na, nb);
			free(o);
			free(offa);
			free(offb);
			return -1;
		}
		o[i].p = &p[i];
		words += p[i].words;
	}
	qsort(o, n, sizeof(*o), by_a);
	for (i = 0; i < n; i++)
		o[i].num = (unsigned)i + 1;

	buf_adds(&page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<title>");
	html_add(&page, a->id, a->idlen);
	buf_adds(&page, " and ");
	html_add(&page, b->id, b->idlen);
	buf_adds(&page, "</title>\n<style>");
	buf_adds(&page, style);
	buf_adds(&page, "</style>\n</head>\n<body>\n<header>\n<h1>");
	html_add(&page, a->id, a->idlen);
	buf_adds(&page, " and ");
	html_add(&page, b->id, b->idlen);
	buf_adds(&page, "</h1>\n");
	verdict_line(&page, a, b);
	verdict_line(&page, b, a);
	figures(&page, f, nf, n, words);

	/* The columns first (they mark what is shown), the list after. */
	buf_adds(&cols, "<main>\n");
	column(&cols, a, 'a', o, n, offa);
	qsort(o, n, sizeof(*o), by_b);
	column(&cols, b, 'b', o, n, offb);
	buf_adds(&cols, "</main>\n</body>\n</html>\n");
	qsort(o, n, sizeof(*o), by_a);
	passage_list(&page, o, n, words);
	buf_adds(&page, "</header>\n");
	buf_add(out, page.s, page.len);
	buf_add(out, cols.s, cols.len);
	buf_free(&page);
	buf_free(&cols);
	free(o);
	free(offa);
	free(offb);
	return 0;
}
