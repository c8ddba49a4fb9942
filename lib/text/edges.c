/*
 * edges.c - see edges.h.
 */
#include <string.h>

#include "text/edges.h"
#include "text/para.h"

/* A heading has at most HEAD_WORDS words. */
#define HEAD_WORDS	6

/*
 * A run of MIN_RUN paragraphs or more may be a list or a table; a lead-in
 * has LEAD_WORDS words or more (a label such as "Share:" is none).
 */
#define MIN_RUN		3
#define LEAD_WORDS	3

/*
 * Headlines go in runs of HEADLINE_RUN paragraphs or more; a run that
 * opens the item (its own headline, a deck in title case) needs MIN_RUN.
 */
#define HEADLINE_RUN	2

static void
keep(struct buf *tmp, const char *p, size_t n)
{
	if (tmp->len > 0)
		buf_add(tmp, "\n\n", 2);
	buf_add(tmp, p, n);
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
	if (prev != NULL && prevlen > 0 && prev[prevlen - 1] == ':' &&
	    para_words(prev, prevlen, LEAD_WORDS) >= LEAD_WORDS &&
	    most * 2 >= items)
		return 1;
	/* inside a list: "K Clark" after "Byrne 33.", before "WINNERS (once)" */
	return items <= 2 && (list_item(prev, prevlen) ||
	    list_item(next, nextlen));
}

/* Is the paragraph p (n bytes) open: no sentence, no closing mark? */
static int
open_para(const char *p, size_t n)
{
	return !para_ends_closed(p, n) && para_has_letter(p, n) &&
	    !para_attribution(p, n);
}

/*
 * The run of open paragraphs from p to end is done: keep it if it is
 * content, else drop those of its paragraphs that have at most max words
 * (max 0: all) as the heuristic called name, but for a sentence that lost
 * its stop (para_sentence_like).
 */
static void
end_run(const char *name, size_t max, const char *p, const char *end,
    int content, struct removal_list *rm, struct buf *tmp)
{
	const char *q;
	size_t n;

	for (; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (!content && (max == 0 || para_words(p, n, max + 1) <= max) &&
		    !para_sentence_like(p, n))
			removal_add(rm, name, "heuristic", p, n);
		else
			keep(tmp, p, n);
		if (q == end)
			break;
	}
}

/*
 * Add the paragraphs from p to end to tmp, except those the heuristic
 * called name (NULL: none) drops: in each run of open paragraphs (that
 * end no sentence), those of at most max words (max 0: any), unless the
 * run is content (content_run).  A piece with no letter ("* * *") is not
 * open, nor is the attribution of a quotation, which ends no sentence
 * either.  prev
 * is the paragraph before p, if any (the last of the prose, for the
 * tail).
 */
static void
keep_edge(const char *name, size_t max, const char *p, const char *end,
    const char *prev, size_t prevlen, struct removal_list *rm,
    struct buf *tmp)
{
	const char *q, *run = NULL, *runprev = NULL;
	size_t n, items = 0, marks[4], runprevlen = 0;
	unsigned m;
	int k;

	if (name == NULL) {
		end_run(NULL, 0, p, end, 1, rm, tmp);
		return;
	}
	for (; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (open_para(p, n)) {
			if (run == NULL) {
				run = p;
				runprev = prev;
				runprevlen = prevlen;
				items = 0;
				memset(marks, 0, sizeof(marks));
			}
			items++;
			m = para_data_mark(p, n);
			for (k = 0; k < 4; k++)
				marks[k] += (m >> k) & 1;
		} else {
			if (run != NULL)
				end_run(name, max, run, p - 2, content_run(
				    items, marks, runprev, runprevlen, p, n),
				    rm, tmp);
			run = NULL;
			keep(tmp, p, n);
		}
		prev = p;
		prevlen = n;
		if (q == end)
			break;
	}
	if (run != NULL)
		end_run(name, max, run, end, content_run(items, marks,
		    runprev, runprevlen, NULL, 0), rm, tmp);
}

/*
 * The run of headlines from p to end (items paragraphs, marked of them
 * holding a mark of data), between prev and next: is it content?  A list
 * that is the story (fixtures, venues and dates, nominees with their
 * categories) holds data in half its lines or shares one mark; a list of
 * other stories' headlines mostly holds none.
 */
static int
headline_content(size_t items, size_t marked, const size_t marks[4],
    const char *prev, size_t prevlen, const char *next, size_t nextlen)
{
	return marked * 2 >= items ||
	    content_run(items, marks, prev, prevlen, next, nextlen);
}

void
edges_headlines(struct buf *out, size_t start, struct removal_list *rm,
    struct buf *tmp)
{
	const char *s = out->s + start, *end = out->s + out->len;
	const char *p, *q, *run = NULL, *prev = NULL, *runprev = NULL;
	size_t n, items = 0, marked = 0, marks[4], prevlen = 0, runprevlen = 0;
	size_t min = 0;
	unsigned m;
	int k, prose = 0, found = 0;

	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (para_substantial(p, n))
			prose = 1;
		else if (open_para(p, n) && para_title_like(p, n))
			found = 1;
		if (q == end)
			break;
	}
	if (!prose || !found)
		return;		/* nothing to measure against, or to cut */
	buf_reset(tmp);
	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (open_para(p, n) && para_title_like(p, n)) {
			if (run == NULL) {
				run = p;
				runprev = prev;
				runprevlen = prevlen;
				items = marked = 0;
				memset(marks, 0, sizeof(marks));
				/* the item's own headline and deck open it */
				min = p == s ? MIN_RUN : HEADLINE_RUN;
			}
			items++;
			m = para_data_mark(p, n);
			marked += m != 0;
			for (k = 0; k < 4; k++)
				marks[k] += (m >> k) & 1;
		} else {
			if (run != NULL)
				end_run("headlines", 0, run, p - 2, items < min ||
				    headline_content(items, marked, marks,
				    runprev, runprevlen, p, n), rm, tmp);
			run = NULL;
			keep(tmp, p, n);
		}
		prev = p;
		prevlen = n;
		if (q == end)
			break;
	}
	if (run != NULL)
		end_run("headlines", 0, run, end, items < min ||
		    headline_content(items, marked, marks, runprev, runprevlen,
		    NULL, 0), rm, tmp);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

void
edges_filenames(struct buf *out, size_t start, struct removal_list *rm,
    struct buf *tmp)
{
	const char *s = out->s + start, *end = out->s + out->len;
	const char *p, *q;
	size_t n;
	int prose = 0, found = 0;

	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (para_substantial(p, n))
			prose = 1;
		else if (para_file_name(p, n))
			found = 1;
		if (q == end)
			break;
	}
	if (!prose || !found)
		return;
	buf_reset(tmp);
	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (para_file_name(p, n))
			removal_add(rm, "filenames", "heuristic", p, n);
		else
			keep(tmp, p, n);
		if (q == end)
			break;
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
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
	    first > s ? first - 2 : s, NULL, 0, rm, tmp);
	if (tmp->len > 0)
		buf_add(tmp, "\n\n", 2);
	buf_add(tmp, first, (size_t)(last - first));
	p = para_start(s, last);
	keep_edge(tail ? "tail" : NULL, 0, last < end ? last + 2 : end, end,
	    p, (size_t)(last - p), rm, tmp);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
