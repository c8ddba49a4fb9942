/*
 * edges.c - see edges.h.
 */
#include <string.h>

#include "text/edges.h"
#include "text/para.h"

/* A heading has at most HEAD_WORDS words. */
#define HEAD_WORDS	6

/*
 * Add the paragraphs from p to end to tmp, except those the heuristic
 * called name drops: any that end no sentence, and (max > 0) have at
 * most max words.  A piece with no letter ("* * *") is not furniture,
 * nor is the attribution of a quotation, which ends none either.
 */
static void
keep_edge(const char *name, size_t max, const char *p, const char *end,
    struct removal_list *rm, struct buf *tmp)
{
	const char *q;
	size_t n;

	for (; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (name != NULL && !para_ends_closed(p, n) &&
		    para_has_letter(p, n) && !para_attribution(p, n) &&
		    (max == 0 || para_words(p, n, max + 1) <= max))
			removal_add(rm, name, "heuristic", p, n);
		else {
			if (tmp->len > 0)
				buf_add(tmp, "\n\n", 2);
			buf_add(tmp, p, n);
		}
		if (q == end)
			break;
	}
}

/*
 * The search runs from each end, so an item whose prose reaches its edges
 * costs two paragraphs' look.
 */
void
edges_cut(struct buf *out, size_t start, int head, int tail,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *end = out->s + out->len;
	const char *first, *last, *p, *q;

	for (first = s; first < end; first = q + 2) {
		q = para_end(first, end);
		if (para_substantial(first, (size_t)(q - first)))
			break;
	}
	if (first >= end)
		return;		/* no prose: nothing to measure against */
	for (last = end; last > first; last = p - 2) {
		p = para_start(s, last);
		if (para_substantial(p, (size_t)(last - p)))
			break;
	}
	/*
	 * With the whitespace step off, "\n\n\n" splits differently read
	 * forwards and backwards, and the searches can cross: the last
	 * paragraph of prose is then the first one.
	 */
	if (last <= first)
		last = para_end(first, end);
	if ((first == s || !head) && (last == end || !tail))
		return;
	buf_reset(tmp);
	keep_edge(head ? "head" : NULL, HEAD_WORDS, s,
	    first > s ? first - 2 : s, rm, tmp);
	if (tmp->len > 0)
		buf_add(tmp, "\n\n", 2);
	buf_add(tmp, first, (size_t)(last - first));
	keep_edge(tail ? "tail" : NULL, 0, last < end ? last + 2 : end, end,
	    rm, tmp);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
