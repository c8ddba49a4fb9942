/*
 * clean.c - see clean.h.
 *
 * Steps 1-4 rewrite the whole text, ping-ponging between two buffers the
 * cleaner keeps, and each is skipped when normscan, one read of the text,
 * proves it would change nothing (no '&' or '<'; no line holding mojibake;
 * every character kept by step 3; the lines laid out as step 4 writes
 * them), which is what lets news text go through at memory speed.  Steps 5 and
 * 6 walk the paragraphs once; steps 7 to 16 are handed the paragraphs of
 * what they kept, found once and again only after a step removed some.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "text/clean.h"
#include "text/bio.h"
#include "text/dated.h"
#include "text/echo.h"
#include "text/edges.h"
#include "text/foot.h"
#include "text/html.h"
#include "text/model.h"
#include "text/mojibake.h"
#include "text/normscan.h"
#include "text/para.h"
#include "text/textnorm.h"
#include "text/title.h"
#include "text/twice.h"
#include "text/weigh.h"
#include "base/util.h"

/*
 * A caption or a headline shown twice in a row has at most this many
 * words; a deck or a paragraph of prose repeated by a page's layout
 * (a standfirst over the story and in it) is longer, and step 6 keeps
 * its first copy.
 */
#define TWICE_CAPTION_WORDS	12

/* An image's caption under its placeholder: at most this many words. */
#define CAPTION_NEXT_WORDS	12

/*
 * A rest rule's cut stops before story prose (rest_story): at least
 * REST_STORY_LINES lines of prose in a row and REST_STORY_WORDS words in
 * them (or one line of twice as many words), with at most REST_SHORT
 * short lines (a button, a subhead) of at most REST_SHORT_WORDS words
 * before or among them.  Of those short lines the appeal's buttons go
 * with it (block_takes): lines of at most REST_BUTTON_WORDS words ending
 * in '!', or of two.
 */
#define REST_STORY_LINES	2
#define REST_STORY_WORDS	40
#define REST_SHORT		2
#define REST_SHORT_WORDS	9
#define REST_BUTTON_WORDS	6

/* Step 6: paragraphs of one quick key in a look-up before rekeying. */
#define SEEN_CLASH		8

struct cleaner {
	struct clean_opts opts;
	struct boiler	*boiler;
	struct model	*model;		/* -m, else empty */
	struct buf	 tmp[2];
	struct buf	 para;		/* a paragraph with lines removed */
	struct removal_list rm;		/* removals of the last text */
	struct removal_list titlerm;	/* ... and of the last title */
	/* a block rule's hit while its block lasts, inside one item */
	const struct boiler_hit *block;
	struct boiler_hit restblock;	/* a rest rule's hit held to a block */
	/* step 6: the kept paragraphs of the current item (seen_before) */
	struct seen	*seen;
	size_t		 capseen;
	unsigned	 seengen;	/* the item's mark in seen */
	int		 seenfull;	/* keyed on whole paragraphs */
	struct foot	 foot;		/* step 7: where foot rules hit */
	size_t		 footline;	/* offset in para of a foot line */
	int		 footcomment;	/* that line's is a comment's rule */
	struct twice	 twice;		/* step 8 */
	struct weights	*weights;	/* step 16, when on */
	struct weigh_snap snap;		/* ... and what went before it */
	/* step 15: for each kept paragraph, AMID_* bits */
	unsigned char	*amid;
	size_t		 capamid;
	int		 lastrm;	/* the last paragraph went to a rule */
	int		 linerm;	/* clean_lines: a line went to a rule */
	struct buf	 amidmarks;	/* the lines step 15 takes */
	/* steps 7-16: the paragraphs of the output, and its length then */
	struct paras	 paras;
	size_t		 paraslen;
	struct paras	 tailparas;	/* scratch for step 10 */
	int		 inplace;	/* clean(): out is the text read */
	int		 changed;	/* ... and steps 1-4 changed it */
};

static const struct {
	const char	*name;
	unsigned	 bit;
} stepnames[] = {
	{"html", CLEAN_HTML}, {"mojibake", CLEAN_MOJIBAKE},
	{"unicode", CLEAN_UNICODE}, {"space", CLEAN_SPACE},
	{"boiler", CLEAN_BOILER}, {"dedup", CLEAN_DEDUP},
	{"foot", CLEAN_FOOT}, {"twice", CLEAN_TWICE}, {"echo", CLEAN_ECHO},
	{"tail", CLEAN_TAIL}, {"head", CLEAN_HEAD}, {"title", CLEAN_TITLE},
	{"headlines", CLEAN_HEADLINES}, {"filenames", CLEAN_FILENAMES},
	{"datelines", CLEAN_DATELINES}, {"amid", CLEAN_AMID},
	{"weigh", CLEAN_WEIGH},
	{"all", CLEAN_ALL},
};

const char *
clean_step_names(void)
{
	static char list[256];
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
	struct buf path = BUF_INIT, ignored = BUF_INIT;
	size_t i;
	int rc = 0;

	c = xcalloc(1, sizeof(*c));
	c->opts = *opts;
	c->boiler = boiler_new();
	c->model = model_new();
	if ((opts->steps & CLEAN_BOILER) && !opts->no_default_rules) {
		buf_printf(&path, "%s/artclean/boilerplate.rules",
		    artkit_datadir());
		rc = boiler_load_rules(c->boiler, path.s, err);
		buf_free(&path);
	}
	for (i = 0; rc == 0 && i < opts->nrule_files; i++)
		rc = boiler_load_rules(c->boiler, opts->rule_files[i], err);
	if (rc == 0 && opts->model_file != NULL)
		rc = model_load(c->model, opts->model_file, err);
	/*
	 * The training's dump (weigh_dump) needs no weights, and its z is
	 * 0 without them: new signals are dumped before they are weighed.
	 */
	if (rc == 0 && (opts->steps & CLEAN_WEIGH)) {
		if (opts->weights_file == NULL)
			buf_printf(&path, "%s/artclean/weigh.weights",
			    artkit_datadir());
		c->weights = weights_load(opts->weights_file != NULL ?
		    opts->weights_file : path.s, opts->weigh_dump == NULL ?
		    err : &ignored);
		buf_free(&path);
		buf_free(&ignored);
		if (c->weights == NULL && opts->weigh_dump == NULL)
			rc = -1;
	}
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
	model_free(c->model);
	buf_free(&c->tmp[0]);
	buf_free(&c->tmp[1]);
	buf_free(&c->para);
	removal_free(&c->rm);
	removal_free(&c->titlerm);
	free(c->seen);
	free(c->amid);
	buf_free(&c->amidmarks);
	foot_free(&c->foot);
	twice_free(&c->twice);
	weights_free(c->weights);
	weigh_snap_free(&c->snap);
	paras_free(&c->paras);
	paras_free(&c->tailparas);
	free(c);
}

/*
 * Steps 1-4 on in; returns the result, which is in or one of the
 * cleaner's buffers, and its length in *lenp.  normscan proves first, in
 * one read, which steps would give in back as it is; a step still runs
 * when it was not proved or an earlier step changed the text.
 */
static const char *
normalise(struct cleaner *c, const char *in, size_t n, size_t *lenp)
{
	const char *cur = in;
	struct buf *next;
	unsigned steps = c->opts.steps, tn = 0, same = 0;
	size_t from = 0;
	int k = 0;

	if (c->opts.nfkc)
		tn |= TN_NFKC;
	if (c->opts.ascii)
		tn |= TN_ASCII;
	if (steps & (CLEAN_HTML | CLEAN_MOJIBAKE | CLEAN_UNICODE | CLEAN_SPACE))
		same = normscan(in, n, tn, &from);
	/*
	 * A step writes to the buffer cur is not in; TAKE() makes what it
	 * wrote the text, and only then is the other buffer free.
	 */
#define NEXT() (next = &c->tmp[k], buf_reset(next), next)
#define TAKE() (cur = next->s, n = next->len, k ^= 1)
	/* what normscan proved holds while cur is in */
#define SAME(bit) (cur == in && (same & (bit)))
	if ((steps & CLEAN_HTML) && !SAME(NS_HTML) && html_maybe(cur, n)) {
		html_clean(cur, n, NEXT(), HTML_ENTITIES | HTML_TAGS);
		/*
		 * Newswire's "<DD>" and "AT&T" come out as they went in:
		 * then cur stays in, and what normscan proved holds.
		 */
		if (next->len != n || memcmp(next->s, cur, n) != 0)
			TAKE();
	}
	if (cur != in)
		from = 0;	/* ... and lines before from are not bad */
	if ((steps & CLEAN_MOJIBAKE) && !SAME(NS_MOJIBAKE) &&
	    mojibake_found(from > 0 ? cur + from : cur, n - from) &&
	    mojibake_fix(cur, n, NEXT()))	/* false: nothing changed */
		TAKE();
	if ((steps & CLEAN_UNICODE) && !SAME(NS_UNICODE) &&
	    textnorm_maybe(cur, n)) {
		textnorm_unicode(cur, n, NEXT(), tn);
		TAKE();
	}
	if ((steps & CLEAN_SPACE) && !SAME(NS_SPACE)) {
		textnorm_space(cur, n, NEXT());
		TAKE();
	}
#undef SAME
#undef TAKE
#undef NEXT
	*lenp = n;
	return cur != NULL ? cur : "";
}

static void
removed(struct cleaner *c, const char *rule, const char *category,
    const char *s, size_t n)
{
	removal_add(&c->rm, rule, category, s, n);
}

/*
 * Is h a rule of a comment's furniture (a stamp, a count, "Reply"), whose
 * marks foot reads as a thread when they repeat with prose under each?
 */
static int
comment_hit(const struct boiler_hit *h)
{
	return strcmp(h->category, "comments") == 0;
}

/*
 * Does the foot rule h, matching the piece p (n bytes) under prev (plen
 * bytes; NULL: none), mark no foot?  prev is the line above p in its
 * paragraph, or the paragraph before, of which its last line counts.  A
 * comment's stamp that is a date and a time with no name on it or above
 * it (edges_stamp_bare) heads an entry of a timeline as often as a
 * comment: the rule still removes the line, but the story under it
 * stays.
 */
static int
foot_spared(const struct boiler_hit *h, const char *p, size_t n,
    const char *prev, size_t plen)
{
	const char *nl;

	if (!comment_hit(h))
		return 0;
	if (prev != NULL && (nl = memrchr(prev, '\n', plen)) != NULL) {
		plen -= (size_t)(nl + 1 - prev);
		prev = nl + 1;
	}
	return edges_stamp_bare(p, n, prev, plen);
}

static void
removed_hit(struct cleaner *c, const struct boiler_hit *h, const char *s,
    size_t n)
{
	removed(c, h->name, h->category, s, n);
}

/*
 * Step 6's table of the paragraphs kept so far in the item, open
 * addressing on a key made of a paragraph's length and its first and
 * last bytes: two paragraphs that differ nearly always differ there, so
 * most paragraphs are looked up without reading them whole, and one that
 * matches a key is compared byte for byte with the kept paragraph
 * (c->paras), so that no two texts are ever taken for one.  A slot is
 * in use only when it holds the item's mark: a new item changes the
 * mark instead of clearing a table that one long item may have grown.
 */
struct seen {
	uint64_t	 key;
	uint32_t	 para;		/* index in c->paras */
	unsigned	 gen;
};

static uint64_t
seen_key(const struct cleaner *c, const char *s, size_t n)
{
	uint64_t a = 0, b = 0, k;

	if (c->seenfull)
		return XXH3_64bits(s, n);

	memcpy(&a, s, n < 8 ? n : 8);
	memcpy(&b, s + (n < 8 ? 0 : n - 8), n < 8 ? n : 8);
	k = (uint64_t)n * 0x9E3779B97F4A7C15ULL ^ a ^ (b * 0xC2B2AE3D27D4EB4FULL);
	k ^= k >> 29;
	k *= 0xBF58476D1CE4E5B9ULL;
	return k ^ (k >> 32);
}

/* Put kept paragraph para with key in the table, known not to be there. */
static void
seen_put(struct seen *tab, size_t cap, unsigned gen, uint64_t key,
    size_t para)
{
	size_t i, mask = cap - 1;

	for (i = key & mask; tab[i].gen == gen; i = (i + 1) & mask)
		;
	tab[i].key = key;
	tab[i].para = (uint32_t)para;	/* seen_before checks */
	tab[i].gen = gen;
}

/*
 * Paragraphs that differ only inside (rows of a table or a dump: "In
 * ward 12 the council ...") share the quick key, and each look-up
 * compared them all: a text of a million such took hours.  Past a few
 * such clashes in one look-up, the item's table is keyed on a hash of
 * each paragraph whole instead.  Either key gives the same answers.
 */
static void
seen_rekey(struct cleaner *c, const struct buf *out, size_t start)
{
	struct seen *old = c->seen;
	const struct para_span *v;
	size_t i;

	c->seenfull = 1;
	c->seen = xcalloc(c->capseen, sizeof(*c->seen));
	for (i = 0; i < c->capseen; i++)
		if (old[i].gen == c->seengen) {
			v = &c->paras.v[old[i].para];
			seen_put(c->seen, c->capseen, c->seengen,
			    seen_key(c, out->s + start + v->off, v->len),
			    old[i].para);
		}
	free(old);
}

/*
 * Has this item kept paragraph s (n bytes) before, in out from start?
 * If not, it is entered as the next kept paragraph, which emit() adds.
 */
static int
seen_before(struct cleaner *c, const struct buf *out, size_t start,
    const char *s, size_t n)
{
	const struct para_span *v;
	struct seen *old;
	uint64_t key;
	size_t i, mask, oldcap, npara = c->paras.n;
	unsigned clash;

	if (npara >= UINT32_MAX)	/* a text of over 8 GB: no room */
		return 0;
	if ((npara + 1) * 2 > c->capseen) {
		old = c->seen;
		oldcap = c->capseen;
		c->capseen = c->capseen ? c->capseen * 2 : 64;
		c->seen = xcalloc(c->capseen, sizeof(*c->seen));
		for (i = 0; i < oldcap; i++)
			if (old[i].gen == c->seengen)
				seen_put(c->seen, c->capseen, c->seengen,
				    old[i].key, old[i].para);
		free(old);
	}
again:
	key = seen_key(c, s, n);
	mask = c->capseen - 1;
	clash = 0;
	for (i = key & mask; c->seen[i].gen == c->seengen;
	    i = (i + 1) & mask) {
		v = &c->paras.v[c->seen[i].para];
		if (c->seen[i].key != key || v->len != n)
			continue;
		if (memcmp(out->s + start + v->off, s, n) == 0)
			return 1;
		if (++clash > SEEN_CLASH && !c->seenfull) {
			seen_rekey(c, out, start);
			goto again;
		}
	}
	seen_put(c->seen, c->capseen, c->seengen, key, npara);
	return 0;
}

/*
 * The line after an image's placeholder (a rule marked next) in the same
 * paragraph is its caption when it is short and no sentence: a photo's
 * title or credit ("Jane Doe Submitted photo"), not reporting.  A line
 * that starts with a digit or a bullet is an item of a list the images
 * illustrate (a ranking, products) and stays.
 */
static const struct boiler_hit caption_next_hit = {
	"caption.next", "caption", BOILER_LINE, 0, 0
};

static int
caption_next(const char *s, size_t n)
{
	if (n == 0 || (*s >= '0' && *s <= '9') || para_bullet(s, n))
		return 0;
	return !para_ends_sentence(s, n) &&
	    para_words(s, n, CAPTION_NEXT_WORDS + 1) <= CAPTION_NEXT_WORDS;
}

/*
 * Does the block a block rule opened take the line or paragraph s: one
 * that is no prose (a long line that ends no sentence is a headline over
 * its teaser as often as not)?  A rest rule held to a block (rest_story)
 * takes only its appeal's buttons, lines of at most two words or ending
 * in '!' ("Donate now", "Jetzt spenden!"): a story's subhead after the
 * appeal stays.
 */
static int
block_takes(const struct cleaner *c, const char *s, size_t n)
{
	if (c->block == NULL)
		return 0;
	if (c->block != &c->restblock)
		return !para_prose(s, n);
	return n > 0 && para_has_letter(s, n) && (s[n - 1] == '!' ||
	    para_words(s, n, 3) <= 2) && para_words(s, n,
	    REST_BUTTON_WORDS + 1) <= REST_BUTTON_WORDS;
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
	int wrapped, captioned = 0;

	buf_reset(&c->para);
	c->linerm = 0;
	wrapped = para_hard_wrapped(p, n);
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
		if (captioned && caption_next(line, len))
			h = &caption_next_hit;
		else if (block_takes(c, line, len))
			h = c->block;
		else if (!wrapped && !(prev != NULL && para_continues(prev, prevlen,
		    line, len)) && !(next < end && para_continues(line, len, next,
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
		captioned = h != NULL && h->next;
		/*
		 * What a picture's placeholder (a rule with next) leaves
		 * beside it is caption_next's to judge: no rest (step 15).
		 */
		if (h != NULL && !h->next && h != &caption_next_hit)
			c->linerm = 1;
		if (h != NULL) {
			removed_hit(c, h, line, len);
			if (h->foot && c->footline == SIZE_MAX &&
			    !foot_spared(h, line, len, prev, prevlen)) {
				c->footline = c->para.len;
				c->footcomment = comment_hit(h);
			}
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
 * Step 5: does the story go on in s (to end), after the paragraph where a
 * rest rule matched (an appeal, "Support our journalism")?  An appeal at
 * an article's end has the rest of the page after it; one a page sets
 * inside its story ("Jede kleine Spende hilft!" "Jetzt spenden!") has the
 * story's next paragraphs: lines of prose (para_substantial, no bulleted
 * item: twenty words, or ten that end a sentence), perhaps after the
 * appeal's button or with a subhead of the story among them.  When the rest
 * rule's line opened its paragraph's last lines (closed: the appeal's
 * text and button went with it) or a short line came between, the prose
 * that follows is the story's; a heading alone may have the appeal's own
 * text under it, so its first line of prose does not count.  Anything
 * else among the story's prose (a menu, a list of headlines, a long
 * line that is no prose, more short lines) says the page goes on, not
 * the story: the cut takes the rest as before.
 */
static int
rest_story(const char *s, const char *end, int closed)
{
	const char *nl;
	size_t len, lines = 0, words = 0, shorts = 0;

	for (; s < end; s = nl + 1) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		len = (size_t)(nl - s);
		if (len == 0)
			continue;
		if (!para_substantial(s, len) || para_bullet(s, len)) {
			if (++shorts > REST_SHORT ||
			    para_words(s, len, REST_SHORT_WORDS + 1) >
			    REST_SHORT_WORDS)
				return 0;
			closed = 1;
			continue;
		}
		if (!closed) {		/* the appeal's own text, perhaps */
			closed = 1;
			continue;
		}
		words += para_words(s, len, SIZE_MAX);
		if ((++lines >= REST_STORY_LINES || words >= 2 *
		    REST_STORY_WORDS) && words >= REST_STORY_WORDS)
			return 1;
	}
	return 0;
}

/*
 * Does the rest rule's piece from s to q end in a colon, a heading that
 * announces what follows ("A message from the editor:")?  Then the prose
 * under it is the appeal's own, however long, and the rest goes.
 */
static int
rest_announces(const char *s, const char *q)
{
	while (q > s && (q[-1] == ' ' || q[-1] == '\n'))
		q--;
	return q > s && q[-1] == ':' && memchr(s, '\n', (size_t)(q - s)) ==
	    NULL;
}

static const struct boiler_hit learned_hit = {
	"learned", "learned", BOILER_PARA, 0, 0
};

/*
 * Step 5 on a paragraph (single: of one line, which line rules see too):
 * the first rule that matches it, else the learned model's verdict for
 * source, else NULL.
 */
static const struct boiler_hit *
match_para(struct cleaner *c, const char *source, const char *s, size_t n,
    int single)
{
	const struct boiler_hit *h;

	h = single ? boiler_match_single(c->boiler, s, n) :
	    boiler_match_para(c->boiler, s, n);
	if (h == NULL && model_has(c->model, source, s, n))
		h = &learned_hit;
	return h;
}

/*
 * A whole paragraph went to a rule or the model, after kept paragraphs
 * were kept: the last of them, if it came just before, has furniture
 * after it (step 15).  A repeat that step 6 removes is no furniture.
 */
static void
note_removed(struct cleaner *c, size_t kept)
{
	if (kept > 0 && !c->lastrm)
		c->amid[kept - 1] |= AMID_AFTER;
	c->lastrm = 1;
}

/*
 * Step 15: is p (n bytes), a paragraph of one line, the paragraph r (rn
 * bytes) that went to a rule beside it less a credit after it (its full
 * stop aside), a caption shown twice whose other copy the rules saw?
 * Step 8 takes such twins when both are kept; this leaves it the one the
 * rules left.  A label before the copy is not enough: a breadcrumb ends
 * in the item's own headline ("Home / Harbour Board Names New Chair").
 */
static int
amid_twin(const struct cleaner *c, const char *p, size_t n, const char *r,
    size_t rn)
{
	size_t m = n > 0 && p[n - 1] == '.' ? n - 1 : n;

	return (c->opts.steps & CLEAN_TWICE) && n < rn &&
	    memcmp(r, p, m) == 0 && memchr(p, '\n', n) == NULL &&
	    memchr(r, '\n', rn) == NULL && twice_twins(p, n, r, rn);
}

/*
 * Is p (n bytes), a paragraph of one line, the paragraph just added to
 * out (from start) again, a caption or headline shown twice that step 8
 * will take with its first copy?  Step 6 would take only the second and
 * leave the first.  A sentence a page repeats ends in its stop: step 6
 * keeps one copy.
 */
static int
caption_twice(struct cleaner *c, const struct buf *out, size_t start,
    const char *p, size_t n)
{
	const char *last = out->s + out->len - n;

	if (!(c->opts.steps & CLEAN_TWICE) || c->lastrm ||
	    out->len < start + n || memchr(p, '\n', n) != NULL)
		return 0;
	/* the whole last paragraph, not the last line of one */
	if (out->len > start + n && (out->len < start + n + 2 ||
	    last[-1] != '\n' || last[-2] != '\n'))
		return 0;
	return memcmp(last, p, n) == 0 && !para_ends_sentence(p, n) &&
	    para_words(p, n,
	    TWICE_CAPTION_WORDS + 1) <= TWICE_CAPTION_WORDS &&
	    twice_twins(p, n, p, n);
}

/*
 * Append a kept paragraph unless step 6 finds it a repeat; 1 if added.
 * lines says whether p holds a line break (-1: not known, look).  The
 * paragraph is added to c->paras as well: the kept paragraphs, joined
 * by "\n\n", are what paras_find would find in out (none holds a
 * "\n\n", and only the item's last can end in a '\n'), so steps 7-16
 * start from them without a pass over out.
 */
static int
emit(struct cleaner *c, struct buf *out, size_t start, const char *p,
    size_t n, int lines, size_t *kept)
{
	size_t sep;

	if (n == 0)
		return 0;
	if ((c->opts.steps & CLEAN_DEDUP) && seen_before(c, out, start, p, n) &&
	    !caption_twice(c, out, start, p, n)) {
		removed(c, "duplicate", "duplicate", p, n);
		return 0;
	}
	if (lines < 0)
		lines = memchr(p, '\n', n) != NULL;
	sep = out->len > start ? 2 : 0;
	paras_add(&c->paras, out->len - start + sep, n, lines);
	if (c->inplace) {
		/*
		 * out is the text being read (clean_text_inplace): what is
		 * kept never lies after where it was read, and nothing
		 * before p is read again, so the paragraph moves down first
		 * and its separator and NUL go where it was read.
		 */
		if (out->s + out->len + sep != p)
			memmove(out->s + out->len + sep, p, n);
		if (sep > 0)
			memcpy(out->s + out->len, "\n\n", 2);
		out->len += sep + n;
		out->s[out->len] = '\0';
	} else {
		if (sep > 0)
			buf_add(out, "\n\n", 2);
		buf_add(out, p, n);
	}
	c->amid = xroom(c->amid, &c->capamid, *kept + 1, 1);
	c->amid[*kept] = c->lastrm ? AMID_BEFORE : 0;
	if (c->lastrm && c->rm.n > 0 && amid_twin(c, p, n,
	    removal_text(&c->rm, c->rm.n - 1), c->rm.v[c->rm.n - 1].len))
		c->amid[*kept] |= AMID_TWIN;
	c->lastrm = 0;
	(*kept)++;
	return 1;
}

/*
 * The paragraphs of out from start, for the next of steps 7 to 16: those
 * emit() added, and found again only after a step that changed out.  A
 * step only ever removes, so out is then shorter (a step that rewrote it
 * to the same length would have to set c->paraslen to SIZE_MAX).
 */
static const struct paras *
paras_now(struct cleaner *c, const struct buf *out, size_t start)
{
	if (out->len != c->paraslen) {
		paras_find(&c->paras, out->s + start, out->len - start);
		c->paraslen = out->len;
	}
	return &c->paras;
}

/*
 * clean_text, or clean_text_inplace when c->inplace: then in is out's
 * text (start 0) until normalise gives another, and the kept paragraphs
 * are moved down in it (emit).
 */
static size_t
clean(struct cleaner *c, const char *source, const char *in, size_t n,
    struct buf *out, const struct removal **rm)
{
	const struct boiler_hit *h;
	const char *text, *p, *q, *end, *kp, *cut, *lastp = NULL;
	size_t len, klen, kept = 0, start = out->len, lastn = 0;
	int added, amid = 0, oneline, rest;

	removal_reset(&c->rm);
	foot_reset(&c->foot);
	c->paraslen = SIZE_MAX;
	c->paras.n = 0;
	text = normalise(c, in, n, &len);
	if (c->inplace) {
		start = 0;
		if (text != in) {	/* steps 1-4 wrote a new text */
			c->inplace = 0;
			buf_reset(out);	/* and in is read no more */
		} else {
			c->changed = 0;
			out->len = 0;	/* no NUL: the text is still there */
		}
	}
	if (!(c->opts.steps & (CLEAN_BOILER | CLEAN_DEDUP))) {
		if (c->inplace)
			out->len = len;
		else
			buf_add(out, text, len);
		goto done;
	}
	c->seenfull = 0;
	if (++c->seengen == 0) {	/* the mark wrapped: clear once */
		if (c->capseen > 0)
			memset(c->seen, 0, c->capseen * sizeof(*c->seen));
		c->seengen = 1;
	}
	c->block = NULL;
	c->lastrm = 0;
	end = text + len;
	for (p = text; p < end; lastp = p, lastn = (size_t)(q - p),
	    p = q + 2) {
		/*
		 * The paragraph's end, and whether it is one line, from the
		 * same first look for a break (most paragraphs are one line).
		 */
		q = para_end_line(p, end, &oneline);
		kp = p;
		klen = (size_t)(q - p);
		c->footline = SIZE_MAX;
		if (!(c->opts.steps & CLEAN_BOILER)) {
			emit(c, out, start, kp, klen, !oneline, &kept);
			continue;
		}
		/*
		 * Lines first, so that a share button is named as one even
		 * in a list, then what is left as a paragraph.
		 */
		cut = NULL;
		rest = 0;
		if (oneline) {
			if (block_takes(c, p, klen))
				h = c->block;
			else {
				c->block = NULL;
				h = match_para(c, source, p, klen, 1);
			}
			if (h != NULL && h->scope == BOILER_BLOCK)
				c->block = h;
		} else {
			h = clean_lines(c, p, klen, &cut);
			if (c->para.len != klen) {
				kp = buf_cstr(&c->para);
				klen = c->para.len;
				rest = c->linerm;	/* a rule took lines */
			}
			if (h == NULL && klen > 0 && (h = match_para(c,
			    source, kp, klen, 0)) != NULL &&
			    h->scope == BOILER_BLOCK)
				c->block = h;
		}
		if (h != NULL && cut == NULL && h->scope != BOILER_REST) {
			removed_hit(c, h, kp, klen);
			if (kept > 0 && !c->lastrm && amid_twin(c, out->s +
			    start + c->paras.v[c->paras.n - 1].off,
			    c->paras.v[c->paras.n - 1].len, kp, klen))
				c->amid[kept - 1] |= AMID_TWIN;
			note_removed(c, kept);
			if (h->foot && !foot_spared(h, kp, klen, lastp, lastn))
				foot_mark(&c->foot, out->len, comment_hit(h));
			else if (c->footline != SIZE_MAX)
				foot_mark(&c->foot, out->len, c->footcomment);
			continue;
		}
		if (h != NULL && cut == NULL) {
			/* A rest rule matched the paragraph (or its remains). */
			if (kp != p)
				removed_hit(c, h, kp, klen);
			cut = kp == p ? p : q < end ? q + 2 : end;
			klen = 0;
		}
		if (cut != NULL && h->scope == BOILER_REST && !rest_announces(
		    cut, q) && rest_story(q, end, cut < q && memchr(cut, '\n',
		    (size_t)(q - cut)) != NULL)) {
			/*
			 * The story goes on: the appeal's paragraph goes
			 * from the rule's line, and the buttons after it
			 * (block_takes), not the rest.
			 */
			emit(c, out, start, kp, klen, kp == p ? !oneline : -1,
			    &kept);
			if (cut < q) {
				removed_hit(c, h, cut, (size_t)(q - cut));
				note_removed(c, kept);
			}
			c->restblock = *h;
			c->restblock.scope = BOILER_BLOCK;
			c->block = &c->restblock;
			continue;
		}
		if (cut != NULL) {
			emit(c, out, start, kp, klen, kp == p ? !oneline : -1,
			    &kept);
			if (cut < end) {
				removed_hit(c, h, cut, (size_t)(end - cut));
				note_removed(c, kept);
			}
			break;
		}
		added = emit(c, out, start, kp, klen, kp == p ? !oneline :
		    -1, &kept);
		if (added && rest)
			c->amid[kept - 1] |= AMID_REST;
		if (!added && klen == 0)
			note_removed(c, kept);	/* every line went */
		if (c->footline != SIZE_MAX)
			foot_mark(&c->foot, added ? out->len - klen + c->footline :
			    out->len, c->footcomment);
	}
	c->paraslen = out->len;		/* emit() found the paragraphs */
done:
	if (out->len == start)
		goto empty;	/* nothing kept: no heuristic has work */
	amid = (c->opts.steps & (CLEAN_AMID | CLEAN_BOILER | CLEAN_DEDUP)) ==
	    (CLEAN_AMID | CLEAN_BOILER | CLEAN_DEDUP);
#define PARAS paras_now(c, out, start)
	c->snap.n = 0;
	if ((c->opts.steps & CLEAN_WEIGH) && kept > 0)
		weigh_snap(&c->snap, out->s + start, PARAS, c->amid, kept);
	if (amid)
		edges_amid_mark(out->s + start, PARAS, c->amid, kept,
		    &c->amidmarks);
	if (c->opts.steps & CLEAN_FOOT)
		foot_cut(&c->foot, out, start, PARAS, &c->rm);
	if (c->opts.steps & CLEAN_TWICE)
		twice_cut(&c->twice, out, start, PARAS, &c->rm, &c->para);
	if (c->opts.steps & CLEAN_ECHO)
		echo_cut(out, start, PARAS, &c->rm, &c->para);
	if (c->opts.steps & CLEAN_FILENAMES)
		edges_filenames(out, start, PARAS, &c->rm, &c->para);
	/* step 14's author box before step 12 takes the name over it */
	if (c->opts.steps & CLEAN_DATELINES)
		bio_cut(out, start, PARAS, &c->rm, &c->para);
	if (c->opts.steps & CLEAN_HEADLINES) {
		dated_cut(out, start, PARAS, &c->rm, &c->para);
		edges_teasers(out, start, PARAS, &c->rm, &c->para);
		edges_headlines(out, start, PARAS, &c->rm, &c->para);
		edges_titlecase(out, start, PARAS, &c->rm, &c->para);
	}
	if (c->opts.steps & CLEAN_DATELINES) {
		/* comments first: datelines would take their headers */
		edges_comments(out, start, PARAS, &c->rm, &c->para);
		edges_datelines(out, start, PARAS, &c->rm, &c->para);
	}
	if (c->opts.steps & CLEAN_HEAD)
		edges_retitle(out, start, PARAS, &c->rm, &c->para);
	if (c->opts.steps & (CLEAN_TAIL | CLEAN_HEAD))
		edges_cut(out, start, PARAS, &c->tailparas,
		    c->opts.steps & CLEAN_HEAD, c->opts.steps & CLEAN_TAIL,
		    &c->rm, &c->para);
	if (amid)
		edges_amid(out, start, PARAS, &c->amidmarks, &c->rm, &c->para);
	if (c->opts.steps & CLEAN_WEIGH)
		weigh_cut(c->weights, &c->snap, out, start, PARAS, &c->rm,
		    &c->para, c->opts.weigh_dump, source);
#undef PARAS
empty:
	if (rm != NULL)
		*rm = removal_done(&c->rm);
	return c->rm.n;
}

size_t
clean_text(struct cleaner *c, const char *source, const char *in, size_t n,
    struct buf *out, const struct removal **rm)
{
	c->inplace = 0;
	return clean(c, source, in, n, out, rm);
}

size_t
clean_text_inplace(struct cleaner *c, const char *source, struct buf *text,
    const struct removal **rm, int *changed)
{
	size_t n = text->len, nrm;

	c->inplace = 1;
	c->changed = 1;
	nrm = clean(c, source, buf_cstr(text), n, text, rm);
	/*
	 * Every step after 4 only removes: the same length is the same
	 * text, when steps 1-4 gave the text back as it was.
	 */
	*changed = c->changed || text->len != n;
	c->inplace = 0;
	if (text->s != NULL)
		text->s[text->len] = '\0';	/* nothing kept: not written */
	return nrm;
}

const struct paras *
clean_paras(const struct cleaner *c)
{
	return &c->paras;
}

/* Append s to out with its line breaks made spaces (a title is one line). */
static void
add_unbroken(struct buf *out, const char *s, size_t n)
{
	size_t start = out->len;
	char *p, *end;

	buf_add(out, s, n);
	end = out->s + out->len;
	for (p = out->s + start; (p = memchr(p, '\n', (size_t)(end - p))) !=
	    NULL; p++)
		*p = ' ';
}

size_t
clean_title(struct cleaner *c, const char *source, const char *in, size_t n,
    struct buf *out, const struct removal **rm)
{
	const char *t;
	size_t len, start = out->len;

	removal_reset(&c->titlerm);
	t = normalise(c, in, n, &len);
	add_unbroken(out, t, len);
	if (out->len == start)
		goto done;	/* out->s may still be NULL */
	/* Two breaks became two spaces: make them one. */
	if (c->opts.steps & CLEAN_SPACE) {
		len = out->len - start;
		buf_reset(&c->para);
		textnorm_space(out->s + start, len, &c->para);
		buf_truncate(out, start);
		add_unbroken(out, c->para.s, c->para.len);
	}
	if (c->opts.steps & CLEAN_TITLE) {
		len = title_site(out->s + start, out->len - start, source);
		if (start + len < out->len)
			removal_add(&c->titlerm, "title.site", "title",
			    out->s + start + len, out->len - start - len);
		buf_truncate(out, start + len);
	}
done:
	if (rm != NULL)
		*rm = removal_done(&c->titlerm);
	return c->titlerm.n;
}

void
clean_learn(struct cleaner *c, struct learner *l, const char *source,
    const char *in, size_t n)
{
	const char *text, *p, *q, *end;
	size_t len;

	text = normalise(c, in, n, &len);
	end = text + len;
	learner_item(l, source);
	for (p = text; p < end; p = q + 2) {
		q = para_end(p, end);
		learner_para(l, p, (size_t)(q - p));
	}
}
