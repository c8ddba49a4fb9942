/*
 * edgecut.c - artclean's steps 10 and 11, tail and head (edges.h:
 * edges_cut): what comes after the article's last paragraph of prose and
 * before its first.  The edges are scanned as runs of paragraphs
 * (runs.c), which keep lists and tables that are the story; the tail's
 * boxes and islands and the head's boxes of lines, with the headline it
 * spares among them, are read here.  Shapes other steps read too are in
 * shape.c.
 */
#include <ctype.h>
#include <string.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

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

/* Does p (n bytes) hold a line of HEADLINE_MIN words or more? */
#define headline_line(p, n)	(shape_line_words(p, n, HEADLINE_MIN) >= HEADLINE_MIN)

/* Has each line of p (n bytes) at most HEAD_WORDS words, as a label? */
#define short_lines(p, n)	(shape_line_words(p, n, HEAD_WORDS + 1) <= HEAD_WORDS)

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
	/* v is NULL when there is no paragraph after the prose */
	keep_edge("tail", 0, s, v != NULL ? v + from : NULL, nv - from, prev,
	    prevlen, NULL, 0, tail_open, rm, tmp);
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
