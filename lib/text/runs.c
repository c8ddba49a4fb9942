/*
 * runs.c - see shape.h: runs of paragraphs at an edge of the article
 * (lists, tables, boxes of links) and whether a run is content to keep or
 * furniture to cut.  The head and tail (edgecut.c: keep_edge) and the step
 * headlines (headlines.c) scan with it, each with its own test of a
 * member and of content.
 */
#include <string.h>

#include "text/para.h"
#include "text/shape.h"

/*
 * Is p (n bytes) an item of a list or table: short, done (it ends closed,
 * or holds no letter: "8,661"), and holding a number, a bracket, " v ",
 * or three commas ("Subs: Marshall, Henchoz, Lambert, Maloney.")?
 */
static int
list_item(const char *p, size_t n)
{
	size_t i, commas = 0;

	if (p == NULL || n == 0 || para_substantial(p, n) ||
	    (para_has_letter(p, n) && !para_ends_closed(p, n)))
		return 0;
	if ((para_data_mark(p, n) & ~PARA_COMMA) != 0)
		return 1;
	for (i = 0; i < n; i++)
		commas += p[i] == ',';
	return commas >= 3;
}

/*
 * A run of paragraphs that end no sentence, from p to end, found at an
 * edge: is it content (a list, a table, a line-up) rather than furniture?
 * It is when two thirds of its paragraphs or more hold the same mark of
 * data (numbers, " v ", commas, brackets: fixtures, results, scores,
 * names with their roles),
 * or when what comes before it announces it (a lead-in ending in ':') or
 * is itself an item of a list (a short line that ends closed and holds a
 * mark: the run is its end).  Related headlines and menus hold no such
 * marks, and follow prose or other furniture.
 */
static int
content_run(size_t items, const size_t marks[4], const char *prev,
    size_t prevlen, const char *next, size_t nextlen)
{
	size_t most = 0;
	int k;

	for (k = 0; k < 4; k++)
		if (marks[k] > most)
			most = marks[k];
	if (items >= MIN_RUN && most * 3 >= items * 2)
		return 1;
	/* announced: "The draw for the fifth round:", and data follows */
	if (shape_lead_in(prev, prevlen) && most * 2 >= items)
		return 1;
	/* inside a list: "K Clark" after "Byrne 33.", before "WINNERS (once)" */
	return items <= 2 && (list_item(prev, prevlen) ||
	    list_item(next, nextlen));
}

/* A line of wrapped prose has WRAPPED_WORDS words or more (shape_end_run). */
#define WRAPPED_WORDS	3

void
shape_end_run(const char *name, size_t max, const char *s,
    const struct para_span *v, size_t nv, int content,
    const char *prev, size_t prevlen, const char *next, size_t nextlen,
    struct removal_list *rm, struct buf *tmp)
{
	const char *p, *b, *a;
	size_t i, n, blen, alen;

	for (i = 0; i < nv; i++) {
		p = s + v[i].off;
		n = v[i].len;
		b = i > 0 ? s + v[i - 1].off : prev;
		blen = i > 0 ? v[i - 1].len : prevlen;
		a = i + 1 < nv ? s + v[i + 1].off : next;
		alen = i + 1 < nv ? v[i + 1].len : nextlen;
		if (!content && (max == 0 || para_words(p, n, max + 1) <= max ||
		    shape_link_box(p, n)) &&
		    !para_sentence_like(p, n) && !shape_data_block(p, n) &&
		    !(para_words(p, n, WRAPPED_WORDS) >= WRAPPED_WORDS &&
		    shape_wrapped(b, blen, p, n, a, alen) &&
		    !shape_tail_lines(p, n)))
			removal_add(rm, name, "heuristic", p, n);
		else
			shape_keep(tmp, p, n);
	}
}

void
shape_scan_runs(const char *name, size_t max, const char *s,
    const struct para_span *v, size_t nv, const char *prev, size_t prevlen,
    const char *next, size_t nextlen,
    int (*member)(const char *, size_t),
    int (*content)(const struct runstat *, const char *, size_t),
    struct removal_list *rm, struct buf *tmp)
{
	const char *p;
	struct runstat r;
	size_t i, n;
	unsigned m;
	int is, k;

	r.on = 0;
	for (i = 0; i < nv; i++) {
		p = s + v[i].off;
		n = v[i].len;
		if ((is = member(p, n)) != 0) {
			if (!r.on) {
				memset(&r, 0, sizeof(r));
				r.on = 1;
				r.first = i;
				r.prev = prev;
				r.prevlen = prevlen;
				r.opens = i == 0;
			}
			r.items += is == MEMBER_BOX ? BOX_LINES : 1;
			m = is == MEMBER_BOX ? 0 : para_data_mark(p, n);
			r.marked += m != 0;
			for (k = 0; k < 4; k++)
				r.marks[k] += (m >> k) & 1;
		} else {
			if (r.on)
				shape_end_run(name, max, s, v + r.first,
				    i - r.first, content(&r, p, n), r.prev,
				    r.prevlen, p, n, rm, tmp);
			r.on = 0;
			shape_keep(tmp, p, n);
		}
		prev = p;
		prevlen = n;
	}
	if (r.on)
		shape_end_run(name, max, s, v + r.first, nv - r.first,
		    content(&r, NULL, 0), r.prev, r.prevlen, next, nextlen,
		    rm, tmp);
}

int
shape_edge_content(const struct runstat *r, const char *next, size_t nextlen)
{
	return content_run(r->items, r->marks, r->prev, r->prevlen, next,
	    nextlen);
}
