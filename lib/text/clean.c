/*
 * clean.c - see clean.h.
 *
 * Steps 1-4 rewrite the whole text, ping-ponging between two buffers the
 * cleaner keeps, and each is skipped when its trigger bytes are absent (no
 * '&' or '<': no HTML work; pure ASCII: no mojibake or Unicode work), which
 * is what lets plain English news go through at memory speed.  Steps 5 and
 * 6 walk the paragraphs once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "text/clean.h"
#include "text/html.h"
#include "text/mojibake.h"
#include "text/textnorm.h"
#include "base/util.h"

struct cleaner {
	struct clean_opts opts;
	struct boiler	*boiler;
	struct buf	 tmp[2];
	struct buf	 para;		/* a paragraph with lines removed */
	/* removals of the last call: text in rmtext, pointers fixed at end */
	struct removal	*rm;
	size_t		*rmoff;
	size_t		 nrm, caprm;
	struct buf	 rmtext;
	/* a block rule's hit while its block lasts, inside one item */
	const struct boiler_hit *block;
	/* paragraph hashes of the current item, for step 6 */
	uint64_t	*seen;
	size_t		 capseen;
	/* step 7: where in the output a foot rule hit, the prose before */
	struct foot {
		size_t	 pos;
		size_t	 prose;
	}		*foot;
	size_t		 nfoot, capfoot;
	size_t		 footline;	/* offset in para of a foot line */
	/* step 8: the lines of the output */
	struct line {
		size_t	 off, len;
		int	 para;		/* first line of a paragraph */
		int	 alone;		/* ... and its only line */
		int	 gone;
	}		*lines;
	size_t		 caplines;
};

static const struct {
	const char	*name;
	unsigned	 bit;
} stepnames[] = {
	{"html", CLEAN_HTML}, {"mojibake", CLEAN_MOJIBAKE},
	{"unicode", CLEAN_UNICODE}, {"space", CLEAN_SPACE},
	{"boiler", CLEAN_BOILER}, {"dedup", CLEAN_DEDUP},
	{"foot", CLEAN_FOOT}, {"twice", CLEAN_TWICE}, {"echo", CLEAN_ECHO},
	{"tail", CLEAN_TAIL}, {"head", CLEAN_HEAD},
	{"all", CLEAN_ALL},
};

const char *
clean_step_names(void)
{
	static char list[128];
	size_t i;

	if (list[0] == '\0')
		for (i = 0; i < NELEM(stepnames); i++) {
			if (stepnames[i].bit == CLEAN_ALL)
				continue;
			if (list[0] != '\0')
				strlcat(list, ", ", sizeof(list));
			strlcat(list, stepnames[i].name, sizeof(list));
		}
	return list;
}

int
clean_steps(const char *list, unsigned *steps)
{
	const char *p = list, *e;
	size_t i, len;

	*steps = 0;
	while (*p != '\0') {
		e = strchr(p, ',');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		for (i = 0; i < NELEM(stepnames); i++)
			if (strlen(stepnames[i].name) == len &&
			    strncmp(stepnames[i].name, p, len) == 0)
				break;
		if (i == NELEM(stepnames))
			return -1;
		*steps |= stepnames[i].bit;
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

struct cleaner *
cleaner_new(const struct clean_opts *opts, struct buf *err)
{
	struct cleaner *c;
	struct buf path = BUF_INIT;
	size_t i;
	int rc = 0;

	c = xcalloc(1, sizeof(*c));
	c->opts = *opts;
	c->boiler = boiler_new();
	if ((opts->steps & CLEAN_BOILER) && !opts->no_default_rules) {
		buf_printf(&path, "%s/artclean/boilerplate.rules",
		    artkit_datadir());
		rc = boiler_load_rules(c->boiler, path.s, err);
		buf_free(&path);
	}
	for (i = 0; rc == 0 && i < opts->nrule_files; i++)
		rc = boiler_load_rules(c->boiler, opts->rule_files[i], err);
	if (rc == 0 && opts->model_file != NULL)
		rc = boiler_load_model(c->boiler, opts->model_file, err);
	if (rc != 0) {
		cleaner_free(c);
		return NULL;
	}
	return c;
}

void
cleaner_free(struct cleaner *c)
{
	if (c == NULL)
		return;
	boiler_free(c->boiler);
	buf_free(&c->tmp[0]);
	buf_free(&c->tmp[1]);
	buf_free(&c->para);
	buf_free(&c->rmtext);
	free(c->rm);
	free(c->rmoff);
	free(c->seen);
	free(c->foot);
	free(c->lines);
	free(c);
}

/*
 * Steps 1-4 on in; returns the result, which is in or one of the
 * cleaner's buffers, and its length in *lenp.
 */
static const char *
normalise(struct cleaner *c, const char *in, size_t n, size_t *lenp)
{
	const char *cur = in;
	struct buf *next;
	unsigned steps = c->opts.steps, tn = 0;
	int k = 0;

	if (c->opts.nfkc)
		tn |= TN_NFKC;
	if (c->opts.ascii)
		tn |= TN_ASCII;
#define NEXT() (next = &c->tmp[k], k ^= 1, buf_reset(next), next)
	if ((steps & CLEAN_HTML) && html_maybe(cur, n)) {
		html_clean(cur, n, NEXT(), HTML_ENTITIES | HTML_TAGS);
		cur = next->s;
		n = next->len;
	}
	if ((steps & CLEAN_MOJIBAKE) && mojibake_maybe(cur, n)) {
		mojibake_fix(cur, n, NEXT());
		cur = next->s;
		n = next->len;
	}
	if ((steps & CLEAN_UNICODE) && textnorm_maybe(cur, n)) {
		textnorm_unicode(cur, n, NEXT(), tn);
		cur = next->s;
		n = next->len;
	}
	if (steps & CLEAN_SPACE) {
		textnorm_space(cur, n, NEXT());
		cur = next->s;
		n = next->len;
	}
#undef NEXT
	*lenp = n;
	return cur != NULL ? cur : "";
}

static void
removed(struct cleaner *c, const char *rule, const char *category,
    const char *s, size_t n)
{
	if (c->nrm == c->caprm) {
		/* Two arrays of one length: the second follows the first. */
		c->rm = xroom(c->rm, &c->caprm, c->nrm + 1, sizeof(*c->rm));
		c->rmoff = xreallocarray(c->rmoff, c->caprm,
		    sizeof(*c->rmoff));
	}
	c->rm[c->nrm].rule = rule;
	c->rm[c->nrm].category = category;
	c->rm[c->nrm].len = n;
	c->rmoff[c->nrm++] = c->rmtext.len;
	buf_add(&c->rmtext, s, n);
}

static void
removed_hit(struct cleaner *c, const struct boiler_hit *h, const char *s,
    size_t n)
{
	removed(c, h->name, h->category, s, n);
}

/* Insert key into the table; 1 when it was there already. */
static int
seen_put(uint64_t *tab, size_t cap, uint64_t key)
{
	size_t i, mask = cap - 1;

	for (i = key & mask; tab[i] != 0; i = (i + 1) & mask)
		if (tab[i] == key)
			return 1;
	tab[i] = key;
	return 0;
}

/* Has this item had paragraph s before (npara kept so far)? */
static int
seen_before(struct cleaner *c, const char *s, size_t n, size_t npara)
{
	uint64_t key, *old;
	size_t i, oldcap;

	if ((npara + 1) * 2 > c->capseen) {
		old = c->seen;
		oldcap = c->capseen;
		c->capseen = c->capseen ? c->capseen * 2 : 64;
		c->seen = xcalloc(c->capseen, sizeof(*c->seen));
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				seen_put(c->seen, c->capseen, old[i]);
		free(old);
	}
	key = XXH3_64bits(s, n);
	return seen_put(c->seen, c->capseen, key != 0 ? key : 1);
}

/* Does a line end a sentence (or a heading, a quote, a list item)? */
static int
ends_closed(const char *s, size_t n)
{
	unsigned char c;

	if (n == 0)
		return 1;
	c = (unsigned char)s[n - 1];
	if (strchr(".!?:;\"')]", c) != NULL)
		return 1;
	/* ” ’ … end a sentence too */
	return n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
	    (unsigned char)s[n - 2] == 0x80 && (c == 0x9D || c == 0x99 ||
	    c == 0xA6);
}

/*
 * Does a line end a sentence: . ! ? or an ellipsis, perhaps inside a
 * closing quote or bracket?  Stricter than ends_closed: a headline may end
 * in a quotation ("... 'can't sweat'") but rarely in a full stop.
 */
static int
ends_sentence(const char *s, size_t n)
{
	unsigned char c;

	while (n > 0) {
		c = (unsigned char)s[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']')
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
		    (unsigned char)s[n - 2] == 0x80 && (c == 0x9D ||
		    c == 0x99))
			n -= 3;		/* ” ’ */
		else
			break;
	}
	if (n == 0)
		return 0;
	c = (unsigned char)s[n - 1];
	return c == '.' || c == '!' || c == '?' || (n >= 3 &&
	    (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] ==
	    0x80 && c == 0xA6);
}

/*
 * Does a piece read as reporting: a sentence of some length?  It ends the
 * block a "block" rule opened (a box of headlines ends where prose
 * resumes).
 */
static int
prose(const char *s, size_t n)
{
	size_t i, words = 1;

	if (n == 0 || !ends_sentence(s, n) || (unsigned char)s[0] == 0xE2)
		return 0;	/* 0xE2: a bullet such as U+2022 */
	for (i = 0; i < n && words < 10; i++)
		words += s[i] == ' ';
	return words >= 10;
}

/*
 * Is line b the continuation of line a, as in text hard-wrapped at a
 * fixed width (newswire, e-mail)?  Then neither is a line of its own, and
 * line rules must not cut a sentence in two: a wrapped line reading
 * "Analysts said comments by the company" is not a comments prompt.
 */
static int
continues(const char *a, size_t alen, const char *b, size_t blen)
{
	unsigned char last, first;

	if (alen == 0 || blen == 0 || ends_closed(a, alen))
		return 0;
	last = (unsigned char)a[alen - 1];
	first = (unsigned char)b[0];
	return (first >= 'a' && first <= 'z') || last == ',' ||
	    last == '-' || last == '(';
}

/*
 * Is the paragraph s prose hard-wrapped at a fixed width: three lines or
 * more, most of them long and running on into the next?  (List items,
 * which start with a bullet, do not count.)
 */
static int
hard_wrapped(const char *s, size_t n)
{
	const char *line = s, *nl, *end = s + n;
	size_t len, lines = 0, open = 0;

	while (line < end) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			break;		/* the last line may be short */
		len = (size_t)(nl - line);
		lines++;
		if (len >= 50 && !ends_closed(line, len) &&
		    (unsigned char)line[0] != 0xE2)
			open++;
		line = nl + 1;
	}
	return lines >= 2 && open * 2 > lines;
}

/*
 * Step 5 inside one paragraph of several lines: drop the lines that line
 * rules match (lines that are part of a wrapped sentence are left alone)
 * into c->para.  Returns the hit of a rest rule (the caller drops
 * everything from *restp on), else NULL.
 */
static const struct boiler_hit *
clean_lines(struct cleaner *c, const char *p, size_t n, const char **restp)
{
	const struct boiler_hit *h;
	const char *line = p, *nl, *end = p + n, *prev = NULL, *next;
	size_t len, prevlen = 0, nextlen;
	int wrapped;

	buf_reset(&c->para);
	wrapped = hard_wrapped(p, n);
	while (line < end) {
		nl = memchr(line, '\n', (size_t)(end - line));
		len = nl != NULL ? (size_t)(nl - line) : (size_t)(end - line);
		next = line + len + 1;
		nextlen = 0;
		if (next < end) {
			nl = memchr(next, '\n', (size_t)(end - next));
			nextlen = nl != NULL ? (size_t)(nl - next) :
			    (size_t)(end - next);
		}
		h = NULL;
		if (c->block != NULL && !prose(line, len))
			h = c->block;
		else if (!wrapped && !(prev != NULL && continues(prev, prevlen,
		    line, len)) && !(next < end && continues(line, len, next,
		    nextlen))) {
			c->block = NULL;
			h = boiler_match_line(c->boiler, line, len);
		} else
			c->block = NULL;
		if (h != NULL && h->scope == BOILER_BLOCK)
			c->block = h;
		if (h != NULL && h->scope == BOILER_REST) {
			*restp = line;
			return h;
		}
		if (h != NULL) {
			removed_hit(c, h, line, len);
			if (h->foot && c->footline == SIZE_MAX)
				c->footline = c->para.len;
		} else {
			if (c->para.len > 0)
				buf_addc(&c->para, '\n');
			buf_add(&c->para, line, len);
		}
		prev = line;
		prevlen = len;
		line = next;
	}
	return NULL;
}

/*
 * Steps 7 to 9 measure paragraphs by their shape.  A paragraph of prose
 * is a sentence of PROSE_WORDS words or more, or LONG_WORDS words however
 * it ends (reporting whose last sentence lost its stop to a link); a
 * heading may have at most HEAD_WORDS.  On boilerplate_dev (see
 * tests/eval) fewer words for prose cost reporting and more kept
 * furniture.
 */
#define PROSE_WORDS	10
#define LONG_WORDS	20
#define HEAD_WORDS	6

/* Words in s, counted as blanks plus one, but no more than cap. */
static size_t
words_upto(const char *s, size_t n, size_t cap)
{
	size_t i, w = 1;

	for (i = 0; i < n && w < cap; i++)
		w += s[i] == ' ' || s[i] == '\n';
	return w;
}

/* Does s hold a letter (ASCII, or any character beyond it)? */
static int
has_letter(const char *s, size_t n)
{
	size_t i;
	unsigned char ch;

	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i] | 0x20;
		if ((ch >= 'a' && ch <= 'z') || ch >= 0x80)
			return 1;
	}
	return 0;
}

static int
substantial(const char *s, size_t n)
{
	size_t w = words_upto(s, n, LONG_WORDS);

	return w >= LONG_WORDS || (w >= PROSE_WORDS && ends_closed(s, n));
}

/*
 * The end of the paragraph starting at p: its "\n\n", or end.  memchr
 * for the newline, which is rare in a paragraph, is several times faster
 * than memmem for the pair, and every byte of every item passes here.
 */
static const char *
para_end(const char *p, const char *end)
{
	const char *q;

	while ((q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (q + 1 < end && q[1] == '\n')
			return q;
		p = q + 1;
	}
	return end;
}

/* The start of the paragraph ending at q, searching back to s. */
static const char *
para_start(const char *s, const char *q)
{
	const char *p;

	for (p = q; p - s >= 2; p--)
		if (p[-1] == '\n' && p[-2] == '\n')
			return p;
	return s;
}

/*
 * Does s open with a dash and a blank, as the attribution under a
 * quotation or an embedded post does ("— Jane Doe (@jdoe) May 1, 2020")?
 */
static int
attribution(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '-' && s[1] == ' ')
		return 1;
	return n >= 4 && (unsigned char)s[0] == 0xE2 &&
	    (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x93 ||
	    (unsigned char)s[2] == 0x94) && s[3] == ' ';
}

/*
 * Add the paragraphs from p to end to c->para, except those the heuristic
 * called name drops: any that end no sentence, and (max > 0) have at
 * most max words.  A piece with no letter ("* * *") is not furniture,
 * nor is the attribution of a quotation, which ends none either.
 */
static void
keep_edge(struct cleaner *c, const char *name, size_t max, const char *p,
    const char *end)
{
	const char *q;
	size_t n;

	for (; p < end; p = q + 2) {
		q = para_end(p, end);
		n = (size_t)(q - p);
		if (name != NULL && !ends_closed(p, n) && has_letter(p, n) &&
		    !attribution(p, n) &&
		    (max == 0 || words_upto(p, n, max + 1) <= max))
			removed(c, name, "heuristic", p, n);
		else {
			if (c->para.len > 0)
				buf_add(&c->para, "\n\n", 2);
			buf_add(&c->para, p, n);
		}
		if (q == end)
			break;
	}
}

/*
 * Steps 8 and 9 on the paragraphs of out from start.  A page around an
 * article leaves furniture at its edges: headlines of other stories,
 * author names and menus after the last paragraph of the article, labels
 * and section names before the first.  They end no sentence; a closing
 * line that does ("The hearing resumes on Monday.") is kept unless a
 * rule says otherwise.  The search runs from each end, so an item whose
 * prose reaches its edges costs two paragraphs' look.
 */
static void
edges(struct cleaner *c, struct buf *out, size_t start)
{
	const char *s = out->s + start, *end = out->s + out->len;
	const char *first, *last, *p, *q;

	for (first = s; first < end; first = q + 2) {
		q = para_end(first, end);
		if (substantial(first, (size_t)(q - first)))
			break;
	}
	if (first >= end)
		return;		/* no prose: nothing to measure against */
	for (last = end; last > first; last = p - 2) {
		p = para_start(s, last);
		if (substantial(p, (size_t)(last - p)))
			break;
	}
	/*
	 * With the whitespace step off, "\n\n\n" splits differently read
	 * forwards and backwards, and the searches can cross: the last
	 * paragraph of prose is then the first one.
	 */
	if (last <= first)
		last = para_end(first, end);
	if ((first == s || !(c->opts.steps & CLEAN_HEAD)) &&
	    (last == end || !(c->opts.steps & CLEAN_TAIL)))
		return;
	buf_reset(&c->para);
	keep_edge(c, c->opts.steps & CLEAN_HEAD ? "head" : NULL, HEAD_WORDS,
	    s, first > s ? first - 2 : s);
	if (c->para.len > 0)
		buf_add(&c->para, "\n\n", 2);
	buf_add(&c->para, first, (size_t)(last - first));
	keep_edge(c, c->opts.steps & CLEAN_TAIL ? "tail" : NULL, 0,
	    last < end ? last + 2 : end, end);
	buf_truncate(out, start);
	buf_add(out, c->para.s, c->para.len);
}

/*
 * Step 8: a caption shown twice.  A scraped picture leaves its
 * alternative text beside its caption, or a gallery's title over it: two
 * lines next to each other (in one paragraph, or as paragraphs of one line
 * each) where one begins or ends with the whole of the other, give or
 * take a credit or a label ("Enlarge") of up to TWICE_EXTRA bytes; or one
 * line that is the same text twice over.  Reporting does not say the same
 * thing twice in a row, so both go; the lines of hard-wrapped copy are
 * parts of sentences and are not compared.  The shorter of two lines
 * must hold TWICE_MIN bytes, TWICE_WORDS words and a small letter, and
 * neither more than TWICE_MAXWORDS words, so that rules (____), names,
 * tables and paragraphs of prose are never compared.
 */
#define TWICE_EXTRA	40
#define TWICE_MIN	15
#define TWICE_WORDS	3
#define TWICE_MAXWORDS	60
#define TWICE_LABEL	2

/*
 * Does s hold a small letter (or any character beyond ASCII)?  A caption
 * does; a row of a table in capitals and figures ("NORTHERN SPRING 0 0
 * 0") does not.
 */
static int
has_small(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

/* Is one of a and b the other with up to TWICE_EXTRA bytes before or after? */
static int
twins(const char *a, size_t alen, const char *b, size_t blen)
{
	const char *t;
	size_t tlen;

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
	    alen) != 0 || words_upto(b, blen - alen, TWICE_LABEL + 2) >
	    TWICE_LABEL + 1)))
		return 0;
	return words_upto(a, alen, TWICE_WORDS) >= TWICE_WORDS &&
	    words_upto(b, blen, TWICE_MAXWORDS + 1) <= TWICE_MAXWORDS &&
	    has_small(a, alen);
}

/* Is the line s the same text twice over ("Red sky at nightRed sky ...")? */
static int
doubled(const char *s, size_t n)
{
	return n >= 2 * TWICE_MIN && n % 2 == 0 && memcmp(s, s + n / 2,
	    n / 2) == 0 && words_upto(s, n / 2, TWICE_WORDS) >= TWICE_WORDS &&
	    has_letter(s, n / 2);
}

/* Is the paragraph holding line i of lines hard-wrapped prose? */
static int
wrapped_at(const struct line *lines, size_t i, const char *s, size_t end)
{
	const char *p;

	while (i > 0 && !lines[i].para)
		i--;
	p = s + lines[i].off;
	return hard_wrapped(p, (size_t)(para_end(p, s + end) - p));
}

static void
twice(struct cleaner *c, struct buf *out, size_t start)
{
	const char *s = out->s, *nl;
	struct line *l, *m;
	size_t i, n = 0, pos = start, end = out->len;
	int any = 0, para = 1;

	while (pos < end) {
		nl = memchr(s + pos, '\n', end - pos);
		c->lines = xroom(c->lines, &c->caplines, n + 1,
		    sizeof(*c->lines));
		l = &c->lines[n++];
		l->off = pos;
		l->len = nl != NULL ? (size_t)(nl - (s + pos)) : end - pos;
		l->para = para;
		l->alone = 0;
		l->gone = doubled(s + pos, l->len);
		any |= l->gone;
		if (nl == NULL)
			break;
		pos = (size_t)(nl - s) + 1;
		para = pos < end && s[pos] == '\n';
		if (para) {
			pos++;
			l->alone = l->para;
		}
	}
	if (n > 0)
		c->lines[n - 1].alone = c->lines[n - 1].para;
	for (i = 0; i + 1 < n; i++) {
		l = &c->lines[i];
		m = &c->lines[i + 1];
		if ((!m->para || (l->alone && m->alone)) && twins(s + l->off,
		    l->len, s + m->off, m->len) && (m->para ||
		    !wrapped_at(c->lines, i, s, end)))
			any = l->gone = m->gone = 1;
	}
	if (!any)
		return;
	buf_reset(&c->para);
	for (i = 0; i < n; i++) {
		l = &c->lines[i];
		if (l->gone) {
			removed(c, "twice", "heuristic", s + l->off, l->len);
			continue;
		}
		if (c->para.len > 0)
			buf_add(&c->para, l->para ? "\n\n" : "\n",
			    l->para ? 2 : 1);
		buf_add(&c->para, s + l->off, l->len);
	}
	buf_truncate(out, start);
	buf_add(out, c->para.s, c->para.len);
}

/*
 * Does the line s (n bytes) begin one of the first nrm removed pieces
 * that is a caption or a credit?  A caption is often shown twice, under
 * the picture with its credit and in a gallery or as alternative text
 * without; the rules see the credit in one, and this finds the other.
 */
static int
echo_of(const struct cleaner *c, size_t nrm, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nrm; i++)
		if ((strcmp(c->rm[i].category, "caption") == 0 ||
		    strcmp(c->rm[i].category, "credit") == 0) &&
		    c->rm[i].len >= n && memcmp(c->rmtext.s + c->rmoff[i], s,
		    n) == 0)
			return 1;
	return 0;
}

/*
 * Step 7 on the paragraphs of out from start: lines of at least
 * ECHO_WORDS words that end no sentence and begin a removed caption or
 * credit go, with what is left of their paragraph when that holds no
 * letter (a gallery's picture number).  A sentence of reporting that a
 * caption repeats ends in a full stop and stays.
 */
#define ECHO_WORDS	5

static void
echoes(struct cleaner *c, struct buf *out, size_t start)
{
	const char *s = out->s + start, *end = out->s + out->len;
	const char *p, *q, *line, *nl, *lend;
	size_t i, nrm = c->nrm, n, mark, body;
	int echoed, any = 0;

	for (i = 0; i < nrm && !any; i++)
		any = strcmp(c->rm[i].category, "caption") == 0 ||
		    strcmp(c->rm[i].category, "credit") == 0;
	if (!any)
		return;
	buf_reset(&c->para);
	for (p = s; p < end; p = q + 2) {
		q = para_end(p, end);
		mark = c->para.len;
		if (mark > 0)
			buf_add(&c->para, "\n\n", 2);
		body = c->para.len;
		echoed = 0;
		for (line = p; line < q; line = lend + 1) {
			nl = memchr(line, '\n', (size_t)(q - line));
			lend = nl != NULL ? nl : q;
			n = (size_t)(lend - line);
			if (!ends_closed(line, n) && words_upto(line, n,
			    ECHO_WORDS) >= ECHO_WORDS && echo_of(c, nrm, line,
			    n)) {
				removed(c, "echo", "heuristic", line, n);
				echoed = 1;
				continue;
			}
			if (c->para.len > body)
				buf_addc(&c->para, '\n');
			buf_add(&c->para, line, n);
		}
		if (echoed && !has_letter(c->para.s + body, c->para.len -
		    body)) {
			if (c->para.len > body)
				removed(c, "echo", "heuristic", c->para.s + body,
				    c->para.len - body);
			buf_truncate(&c->para, mark);
		} else if (c->para.len == body)
			buf_truncate(&c->para, mark);
		if (q == end)
			break;
	}
	if (c->para.len != out->len - start) {
		buf_truncate(out, start);
		buf_add(out, c->para.s, c->para.len);
	}
}

/* Append a kept paragraph unless step 6 finds it a repeat; 1 if added. */
static int
emit(struct cleaner *c, struct buf *out, size_t start, const char *p,
    size_t n, size_t *kept)
{
	if (n == 0)
		return 0;
	if ((c->opts.steps & CLEAN_DEDUP) && seen_before(c, p, n, *kept)) {
		removed(c, "duplicate", "duplicate", p, n);
		return 0;
	}
	if (out->len > start)
		buf_add(out, "\n\n", 2);
	buf_add(out, p, n);
	(*kept)++;
	return 1;
}

/* A foot rule hit at offset pos of the output: note it for step 7. */
static void
foot_at(struct cleaner *c, size_t pos)
{
	c->foot = xroom(c->foot, &c->capfoot, c->nfoot + 1, sizeof(*c->foot));
	c->foot[c->nfoot++].pos = pos;
}

/*
 * Step 7.  Share buttons, tags, comments, a copyright line: some
 * furniture closes an article, and its rules say so (foot in the rules
 * file).  Where such a piece comes after FOOT_SHARE percent of the item's
 * prose, and what follows holds something that is no sentence (a
 * headline, a name), the article has ended and what follows is the rest
 * of the page: teasers of other stories, an author's profile, comments,
 * which read as prose and which no rule and no other heuristic would
 * take.  Earlier, the same furniture (a share bar under the headline)
 * says nothing of the kind, nor does a share button before the article's
 * last sentence.  On boilerplate_dev (tests/eval) the step takes 38
 * more of the 791 strings that must go, and 3 of the 907 that must stay;
 * at 50 or 60 percent it takes 2 more that must stay, at 80 the same as
 * at 70, at 90 it leaves 19 more that must go.
 */
#define FOOT_SHARE	70

/*
 * Does the text from p to end hold a line that ends no sentence (a
 * headline, a name, a link)?  The rest of a page does; the closing
 * sentence of an article after a share button does not.
 */
static int
page_shaped(const char *p, const char *end)
{
	const char *nl;
	size_t n;

	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && !ends_closed(p, n) && has_letter(p, n))
			return 1;
	}
	return 0;
}

/*
 * The prose is measured only when a foot rule hit, which most items do
 * not: in one pass, a paragraph counting before a hit when it ends there
 * or sooner.
 */
static void
foot(struct cleaner *c, struct buf *out, size_t start)
{
	const char *s = out->s, *p, *q, *end = out->s + out->len;
	size_t i = 0, pos, cut, prose = 0;

	if (c->nfoot == 0)
		return;
	for (p = s + start; p < end; p = q + 2) {
		q = para_end(p, end);
		for (; i < c->nfoot && c->foot[i].pos < (size_t)(q - s); i++)
			c->foot[i].prose = prose;
		if (substantial(p, (size_t)(q - p)))
			prose += (size_t)(q - p);
		if (q == end)
			break;
	}
	for (; i < c->nfoot; i++)
		c->foot[i].prose = prose;
	for (i = 0; prose > 0 && i < c->nfoot; i++)
		if (c->foot[i].prose * 100 >= prose * FOOT_SHARE)
			break;
	if (prose == 0 || i == c->nfoot)
		return;
	pos = c->foot[i].pos;
	if (pos >= out->len)
		return;
	for (cut = pos; cut < out->len && out->s[cut] == '\n'; cut++)
		continue;
	if (!page_shaped(out->s + cut, out->s + out->len))
		return;
	while (pos > start && out->s[pos - 1] == '\n')
		pos--;
	if (cut < out->len)
		removed(c, "foot", "heuristic", out->s + cut, out->len - cut);
	buf_truncate(out, pos);
}

size_t
clean_text(struct cleaner *c, const char *source, const char *in, size_t n,
    struct buf *out, const struct removal **rm)
{
	const struct boiler_hit *h;
	const char *text, *p, *q, *end, *kp, *cut;
	size_t len, klen, i, kept = 0, start = out->len;
	int added;

	c->nrm = 0;
	c->nfoot = 0;
	buf_reset(&c->rmtext);
	text = normalise(c, in, n, &len);
	if (!(c->opts.steps & (CLEAN_BOILER | CLEAN_DEDUP))) {
		buf_add(out, text, len);
		goto done;
	}
	if (c->capseen > 0)
		memset(c->seen, 0, c->capseen * sizeof(*c->seen));
	c->block = NULL;
	end = text + len;
	for (p = text; p < end; p = q + 2) {
		q = para_end(p, end);
		kp = p;
		klen = (size_t)(q - p);
		c->footline = SIZE_MAX;
		if (!(c->opts.steps & CLEAN_BOILER)) {
			emit(c, out, start, kp, klen, &kept);
			continue;
		}
		/*
		 * Lines first, so that a share button is named as one even
		 * in a list, then what is left as a paragraph.
		 */
		cut = NULL;
		if (memchr(p, '\n', klen) == NULL) {
			if (c->block != NULL && !prose(p, klen))
				h = c->block;
			else {
				c->block = NULL;
				h = boiler_match_single(c->boiler, source, p,
				    klen);
			}
			if (h != NULL && h->scope == BOILER_BLOCK)
				c->block = h;
		} else {
			h = clean_lines(c, p, klen, &cut);
			if (c->para.len != klen) {
				kp = buf_cstr(&c->para);
				klen = c->para.len;
			}
			if (h == NULL && klen > 0 && (h = boiler_match_para(
			    c->boiler, source, kp, klen)) != NULL &&
			    h->scope == BOILER_BLOCK)
				c->block = h;
		}
		if (h != NULL && cut == NULL && h->scope != BOILER_REST) {
			removed_hit(c, h, kp, klen);
			if (h->foot || c->footline != SIZE_MAX)
				foot_at(c, out->len);
			continue;
		}
		if (h != NULL && cut == NULL) {
			/* A rest rule matched the paragraph (or its remains). */
			if (kp != p)
				removed_hit(c, h, kp, klen);
			cut = kp == p ? p : q < end ? q + 2 : end;
			klen = 0;
		}
		if (cut != NULL) {
			emit(c, out, start, kp, klen, &kept);
			if (cut < end)
				removed_hit(c, h, cut, (size_t)(end - cut));
			break;
		}
		added = emit(c, out, start, kp, klen, &kept);
		if (c->footline != SIZE_MAX)
			foot_at(c, added ? out->len - klen + c->footline :
			    out->len);
	}
done:
	if (out->len == start)
		goto empty;	/* nothing kept: no heuristic has work */
	if (c->opts.steps & CLEAN_FOOT)
		foot(c, out, start);
	if (c->opts.steps & CLEAN_TWICE)
		twice(c, out, start);
	if (c->opts.steps & CLEAN_ECHO)
		echoes(c, out, start);
	if (c->opts.steps & (CLEAN_TAIL | CLEAN_HEAD))
		edges(c, out, start);
empty:
	for (i = 0; i < c->nrm; i++)
		c->rm[i].text = c->rmtext.s + c->rmoff[i];
	if (rm != NULL)
		*rm = c->rm;
	return c->nrm;
}

/* Word count of s, and whether every word looks like part of a name. */
static int
site_like(const char *s, size_t n, size_t *words)
{
	size_t i;
	int start = 1, ok = 1;
	unsigned char ch;

	*words = 0;
	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if (ch == ' ') {
			start = 1;
			continue;
		}
		if (ch == '?' || ch == '!' || ch == ':' || ch == '"')
			ok = 0;
		if (start) {
			(*words)++;
			/* Name words start with a capital, digit or non-ASCII. */
			if (!(ch >= 'A' && ch <= 'Z') && !(ch >= '0' &&
			    ch <= '9') && ch < 0x80 && ch != '&' &&
			    !(n - i >= 2 && strncmp(s + i, "of", 2) == 0) &&
			    !(n - i >= 3 && strncmp(s + i, "the", 3) == 0) &&
			    !(n - i >= 2 && strncmp(s + i, "de", 2) == 0))
				ok = 0;
		}
		start = 0;
	}
	return ok;
}

/*
 * Cut a trailing site name.  After " | " (and " :: ", " · ") a short tail
 * always is one; after a dash only when the tail reads like a name, since
 * headlines use dashes too ("Gas prices rise - and keep rising").
 */
static size_t
cut_site(const char *s, size_t n)
{
	static const struct {
		const char	*sep;
		int		 strong;
	} seps[] = {
		{" | ", 1}, {" :: ", 1}, {" \xc2\xb7 ", 1}, {" - ", 0},
		{" \xe2\x80\x93 ", 0}, {" \xe2\x80\x94 ", 0},
	};
	const char *best = NULL, *p, *tail;
	size_t i, k, sl = 0, words, headwords;
	int strong = 0;

	for (i = 0; i < NELEM(seps); i++) {
		k = strlen(seps[i].sep);
		for (p = s; (p = memmem(p, n - (size_t)(p - s), seps[i].sep,
		    k)) != NULL; p++)
			if (best == NULL || p > best) {
				best = p;
				sl = k;
				strong = seps[i].strong;
			}
	}
	if (best == NULL)
		return n;
	tail = best + sl;
	site_like(s, (size_t)(best - s), &headwords);
	if (headwords < 2)
		return n;
	if (strong) {
		site_like(tail, n - (size_t)(tail - s), &words);
		return words <= 6 ? (size_t)(best - s) : n;
	}
	if (site_like(tail, n - (size_t)(tail - s), &words) && words <= 4 &&
	    headwords >= 3)
		return (size_t)(best - s);
	return n;
}

void
clean_title(struct cleaner *c, const char *in, size_t n, struct buf *out)
{
	const char *t;
	size_t len, i, start = out->len;

	t = normalise(c, in, n, &len);
	for (i = 0; i < len; i++)
		buf_addc(out, t[i] == '\n' ? ' ' : t[i]);
	if (out->len == start)
		return;		/* out->s may still be NULL */
	/* Two breaks became two spaces: make them one. */
	if (c->opts.steps & CLEAN_SPACE) {
		len = out->len - start;
		buf_reset(&c->para);
		textnorm_space(out->s + start, len, &c->para);
		buf_truncate(out, start);
		for (i = 0; i < c->para.len; i++)
			buf_addc(out, c->para.s[i] == '\n' ? ' ' : c->para.s[i]);
	}
	len = cut_site(out->s + start, out->len - start);
	buf_truncate(out, start + len);
}

void
clean_learn(struct cleaner *c, struct boiler_learner *l, const char *source,
    const char *in, size_t n)
{
	const char *text, *p, *q, *end;
	size_t len;

	text = normalise(c, in, n, &len);
	end = text + len;
	boiler_learner_item(l, source);
	for (p = text; p < end; p = q + 2) {
		q = para_end(p, end);
		boiler_learner_para(l, p, (size_t)(q - p));
	}
}
