/*
 * align.c - see align.h.
 *
 * align_pair works in five steps, each linear or nearly so in the words of
 * the two texts, so aligning an article with a wire story costs about as
 * much as reading them:
 *
 * 1. every ALIGN_SEED-word run of b goes into a chained hash table;
 * 2. every run of a looks itself up there and, where it starts a maximal
 *    match, the match is extended as far as the words agree;
 * 3. greedy string tiling (Wise 1993): the longest match whose words are
 *    all unused on both sides becomes a tile, a match that overlaps a tile
 *    goes back cut to its unused parts, so each word is in one tile at most;
 * 4. tiles are cut at sentence ends into (sentence of a, sentence of b,
 *    words) pieces, summed per pair of sentences, and a pair is aligned by
 *    the rule in align.h;
 * 5. aligned pairs that are neighbours in both texts merge into passages.
 */
#include <assert.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/align.h"
#include "sent/offsets.h"
#include "base/json.h"
#include "sim/shingle.h"
#include "base/utf8.h"
#include "base/util.h"
#include "base/spool.h"

#define NONE		UINT32_MAX
#define MAXCHAIN	64	/* places of b looked at per run of a, and the
				   places from which a run is common */

struct aword {
	uint64_t	 hash;
	uint32_t	 sent;
};

struct asent {
	size_t		 cstart, cend;	/* code points */
	uint32_t	 w0, w1;	/* its words: [w0, w1) */
};

struct align_text {
	struct aword	*w;
	size_t		 nw, capw;
	struct asent	*s;
	size_t		 ns, caps;
};

/* A run of words equal in a and b: a[i..i+len) = b[j..j+len). */
struct match {
	uint32_t	 i, j, len;
};

/* The words one pair of sentences shares. */
struct spair {
	uint32_t	 sa, sb;
	uint32_t	 words;		/* summed over pieces */
	uint32_t	 run;		/* longest piece */
};

/* A passage being grown: sentences [a_lo, a_hi] of a, [b_lo, b_hi] of b. */
struct grow {
	uint32_t	 a_lo, a_hi, b_lo, b_hi;
	uint32_t	 words;
};

struct aligner {
	struct align_opts opts;
	struct sentsplit *ss;
	struct shingler	*sh;
	struct sent	*sv;		/* the splitter's sentences */
	size_t		 capsv;
	uint32_t	*head, *next;	/* step 1: the table of b's runs */
	uint64_t	*key;
	size_t		 caphead, capnext;
	struct match	*m;		/* steps 2-3: the heap of matches */
	size_t		 nm, capm;
	unsigned char	*used;		/* step 3: words in tiles, a then b */
	size_t		 capused;
	struct spair	*sp;		/* step 4 */
	size_t		 nsp, capsp;
	struct grow	*g;		/* step 5 */
	size_t		 ng, capg;
	struct align_passage *p;
	size_t		 np, capp;
};

void
align_opts_init(struct align_opts *opts)
{
	opts->min_words = ALIGN_MIN_WORDS;
	opts->wholly = ALIGN_WHOLLY;
	opts->partly = ALIGN_PARTLY;
}

struct aligner *
aligner_new(const struct align_opts *opts)
{
	struct aligner *al;

	al = xcalloc(1, sizeof(*al));
	if (opts != NULL)
		al->opts = *opts;
	else
		align_opts_init(&al->opts);
	al->ss = sentsplit_new("en", NULL, 0);
	al->sh = shingler_new(1, 0, 0);
	return al;
}

void
aligner_free(struct aligner *al)
{
	if (al == NULL)
		return;
	sentsplit_free(al->ss);
	shingler_free(al->sh);
	free(al->sv);
	free(al->head);
	free(al->next);
	free(al->key);
	free(al->m);
	free(al->used);
	free(al->sp);
	free(al->g);
	free(al->p);
	free(al);
}

struct align_text *
align_text_new(void)
{
	return xcalloc(1, sizeof(struct align_text));
}

void
align_text_free(struct align_text *t)
{
	if (t == NULL)
		return;
	free(t->w);
	free(t->s);
	free(t);
}

size_t
align_text_words(const struct align_text *t)
{
	return t->nw;
}

void
align_text_set(struct aligner *al, struct align_text *t, const char *text,
    size_t len, const struct sent *sent, size_t nsent)
{
	const struct shingle_word *w;
	size_t nw, k, i, start, end;
	struct offsets off;

	if (sent == NULL) {
		nsent = sentsplit_run(al->ss, text, len, &al->sv, &al->capsv);
		sent = al->sv;
	}
	t->s = xroom(t->s, &t->caps, nsent, sizeof(*t->s));
	t->ns = nsent;
	offsets_init(&off, text, len);
	for (k = 0; k < nsent; k++) {
		start = sent[k].start < len ? sent[k].start : len;
		end = sent[k].end < len ? sent[k].end : len;
		if (end < start)
			end = start;
		t->s[k].cstart = offsets_cp(&off, start);
		t->s[k].cend = offsets_cp(&off, end);
	}
	/* Each word goes to the sentence it starts in; words outside any
	 * sentence cannot be aligned and are left out. */
	w = shingler_words(al->sh, text, len, &nw);
	t->w = xroom(t->w, &t->capw, nw, sizeof(*t->w));
	t->nw = 0;
	for (i = 0, k = 0; k < nsent; k++) {
		t->s[k].w0 = (uint32_t)t->nw;
		for (; i < nw && w[i].start < sent[k].start; i++)
			;
		for (; i < nw && w[i].start < sent[k].end; i++) {
			t->w[t->nw].hash = w[i].hash;
			t->w[t->nw++].sent = (uint32_t)k;
		}
		t->s[k].w1 = (uint32_t)t->nw;
	}
}

/* The key of the ALIGN_SEED words from w. */
static uint64_t
run_key(const struct aword *w)
{
	uint64_t x = w[0].hash;
	int k;

	for (k = 1; k < ALIGN_SEED; k++)
		x = (x ^ (x >> 31)) * 0x9E3779B97F4A7C15ULL + w[k].hash;
	return x ^ (x >> 29);
}

/* Step 1: chain every run of b under its key. */
static uint64_t
index_runs(struct aligner *al, const struct align_text *b)
{
	uint64_t mask, k;
	size_t nr = b->nw - ALIGN_SEED + 1, slots = 16, j;

	while (slots < 2 * nr)
		slots *= 2;
	mask = slots - 1;
	al->head = xroom(al->head, &al->caphead, slots, sizeof(*al->head));
	memset(al->head, 0xFF, slots * sizeof(*al->head));
	al->next = xroom(al->next, &al->capnext, nr, sizeof(*al->next));
	al->key = xreallocarray(al->key, al->capnext, sizeof(*al->key));
	/* From the end, so that each chain lists places in order. */
	for (j = nr; j-- > 0;) {
		k = run_key(b->w + j);
		al->key[j] = k;
		al->next[j] = al->head[k & mask];
		al->head[k & mask] = (uint32_t)j;
	}
	return mask;
}

/* Is match x to be tiled before match y? */
static bool
before(const struct match *x, const struct match *y)
{
	if (x->len != y->len)
		return x->len > y->len;
	if (x->i != y->i)
		return x->i < y->i;
	return x->j < y->j;
}

static void
heap_push(struct aligner *al, uint32_t i, uint32_t j, uint32_t len)
{
	struct match t;
	size_t c, p;

	al->m = xroom(al->m, &al->capm, al->nm + 1, sizeof(*al->m));
	c = al->nm++;
	al->m[c].i = i;
	al->m[c].j = j;
	al->m[c].len = len;
	for (; c > 0 && before(&al->m[c], &al->m[p = (c - 1) / 2]); c = p) {
		t = al->m[c];
		al->m[c] = al->m[p];
		al->m[p] = t;
	}
}

static struct match
heap_pop(struct aligner *al)
{
	struct match top = al->m[0], t;
	size_t c = 0, l, best;

	al->m[0] = al->m[--al->nm];
	for (;;) {
		best = c;
		l = 2 * c + 1;
		if (l < al->nm && before(&al->m[l], &al->m[best]))
			best = l;
		if (l + 1 < al->nm && before(&al->m[l + 1], &al->m[best]))
			best = l + 1;
		if (best == c)
			break;
		t = al->m[c];
		al->m[c] = al->m[best];
		al->m[best] = t;
		c = best;
	}
	return top;
}

/*
 * Is the run with this key in b MAXCHAIN times or more?  Such a run is no
 * sign of reuse (a line repeated down a page, or text that repeats itself),
 * and seeding matches from it costs the product of the two texts' lengths:
 * every place of it in a starts a match with b's first place, and each
 * runs on as far as the repetition does.
 */
static bool
common_run(const struct aligner *al, uint64_t key, uint64_t mask)
{
	uint32_t j, n = 0;

	for (j = al->head[key & mask]; j != NONE; j = al->next[j])
		if (al->key[j] == key && ++n == MAXCHAIN)
			return true;
	return false;
}

/* Step 2: the maximal matches of a's runs in b, onto the heap. */
static void
find_matches(struct aligner *al, const struct align_text *a,
    const struct align_text *b, uint64_t mask)
{
	const struct aword *x = a->w, *y = b->w;
	size_t i, k, len, tries;
	uint64_t key;
	uint32_t j;
	bool common = false, was_common;

	al->nm = 0;
	for (i = 0; i + ALIGN_SEED <= a->nw; i++) {
		key = run_key(x + i);
		was_common = common;
		if ((common = common_run(al, key, mask)))
			continue;
		tries = 0;
		for (j = al->head[key & mask]; j != NONE && tries < MAXCHAIN;
		    j = al->next[j], tries++) {
			if (al->key[j] != key)
				continue;
			/* Not maximal: the match starting a word earlier
			 * covers it (unless that run is common, and seeds
			 * nothing). */
			if (i > 0 && j > 0 && x[i - 1].hash == y[j - 1].hash &&
			    !was_common)
				continue;
			for (k = 0; k < ALIGN_SEED && x[i + k].hash ==
			    y[j + k].hash; k++)
				;
			if (k < ALIGN_SEED)
				continue;
			for (len = ALIGN_SEED; i + len < a->nw && j + len <
			    b->nw && x[i + len].hash == y[j + len].hash; len++)
				;
			heap_push(al, (uint32_t)i, j, (uint32_t)len);
		}
	}
}

/* Add one piece of a tile: len words of sentence sa of a and sb of b. */
static void
add_piece(struct aligner *al, uint32_t sa, uint32_t sb, uint32_t len)
{
	struct spair *p;

	al->sp = xroom(al->sp, &al->capsp, al->nsp + 1, sizeof(*al->sp));
	p = &al->sp[al->nsp++];
	p->sa = sa;
	p->sb = sb;
	p->words = len;
	p->run = len;
}

/* Step 3: tile greedily, cutting each tile into pieces as it is laid. */
static void
tile(struct aligner *al, const struct align_text *a,
    const struct align_text *b)
{
	unsigned char *ua, *ub;
	struct match m;
	uint32_t t, s, sa, sb;

	al->used = xroom(al->used, &al->capused, a->nw + b->nw, 1);
	memset(al->used, 0, a->nw + b->nw);
	ua = al->used;
	ub = al->used + a->nw;
	al->nsp = 0;
	while (al->nm > 0) {
		m = heap_pop(al);
		for (t = 0; t < m.len && !ua[m.i + t] && !ub[m.j + t]; t++)
			;
		if (t < m.len) {
			/* Overlaps a tile: try again with its unused parts. */
			for (t = 0; t < m.len;) {
				for (; t < m.len && (ua[m.i + t] ||
				    ub[m.j + t]); t++)
					;
				for (s = t; t < m.len && !ua[m.i + t] &&
				    !ub[m.j + t]; t++)
					;
				if (t - s >= ALIGN_SEED)
					heap_push(al, m.i + s, m.j + s, t - s);
			}
			continue;
		}
		memset(ua + m.i, 1, m.len);
		memset(ub + m.j, 1, m.len);
		for (t = 0; t < m.len; t = s) {
			sa = a->w[m.i + t].sent;
			sb = b->w[m.j + t].sent;
			for (s = t + 1; s < m.len && a->w[m.i + s].sent ==
			    sa && b->w[m.j + s].sent == sb; s++)
				;
			add_piece(al, sa, sb, s - t);
		}
	}
}

/* Order by x1 then x2 against y1 then y2. */
static int
cmp2(size_t x1, size_t x2, size_t y1, size_t y2)
{
	if (x1 != y1)
		return x1 < y1 ? -1 : 1;
	return x2 < y2 ? -1 : x2 > y2;
}

static int
cmp_spair(const void *x, const void *y)
{
	const struct spair *p = x, *q = y;

	return cmp2(p->sa, p->sb, q->sa, q->sb);
}

/* Step 4: sum the pieces per pair of sentences; keep the aligned pairs. */
static void
pair_sentences(struct aligner *al, const struct align_text *a,
    const struct align_text *b)
{
	struct spair *p;
	size_t i, n = 0;
	uint32_t wa, wb, shorter;

	if (al->nsp > 1)
		qsort(al->sp, al->nsp, sizeof(*al->sp), cmp_spair);
	for (i = 0; i < al->nsp; i++) {
		p = &al->sp[i];
		if (n > 0 && al->sp[n - 1].sa == p->sa &&
		    al->sp[n - 1].sb == p->sb) {
			al->sp[n - 1].words += p->words;
			if (p->run > al->sp[n - 1].run)
				al->sp[n - 1].run = p->run;
		} else
			al->sp[n++] = *p;
	}
	al->nsp = 0;
	for (i = 0; i < n; i++) {
		p = &al->sp[i];
		wa = a->s[p->sa].w1 - a->s[p->sa].w0;
		wb = b->s[p->sb].w1 - b->s[p->sb].w0;
		shorter = wa < wb ? wa : wb;
		if (p->words >= ALIGN_SEED && (2 * p->words >= shorter ||
		    p->run >= al->opts.min_words))
			al->sp[al->nsp++] = *p;
	}
}

/* Do a[wa..) and b[wb..) hold the same n words? */
static bool
same_words(const struct align_text *a, uint32_t wa,
    const struct align_text *b, uint32_t wb, uint32_t n)
{
	uint32_t k;

	for (k = 0; k < n; k++)
		if (a->w[wa + k].hash != b->w[wb + k].hash)
			return false;
	return true;
}

static int
cmp_passage(const void *x, const void *y)
{
	const struct align_passage *p = x, *q = y;

	return cmp2(p->a_start, p->b_start, q->a_start, q->b_start);
}

/* Step 5: merge neighbours into passages and keep the long ones. */
static unsigned
merge(struct aligner *al, const struct align_text *a,
    const struct align_text *b)
{
	struct spair *p;
	struct grow *g;
	struct align_passage *out;
	size_t i, k;
	uint32_t na, nb;
	unsigned shared = 0;

	al->ng = 0;
	for (i = 0; i < al->nsp; i++) {
		p = &al->sp[i];
		/* Pairs come in order of sa, so a passage can only grow at
		 * its end in a; in b it may take the next sentence too. */
		for (k = 0; k < al->ng; k++) {
			g = &al->g[k];
			if (p->sa <= g->a_hi + 1 && p->sb >= g->b_lo &&
			    p->sb <= g->b_hi + 1)
				break;
		}
		if (k == al->ng) {
			al->g = xroom(al->g, &al->capg, al->ng + 1,
			    sizeof(*al->g));
			g = &al->g[al->ng++];
			g->a_lo = g->a_hi = p->sa;
			g->b_lo = g->b_hi = p->sb;
			g->words = 0;
		} else
			g = &al->g[k];
		if (p->sa > g->a_hi)
			g->a_hi = p->sa;
		if (p->sb > g->b_hi)
			g->b_hi = p->sb;
		g->words += p->words;
	}
	al->np = 0;
	for (k = 0; k < al->ng; k++) {
		g = &al->g[k];
		if (g->words < al->opts.min_words)
			continue;
		al->p = xroom(al->p, &al->capp, al->np + 1, sizeof(*al->p));
		out = &al->p[al->np++];
		out->a_start = a->s[g->a_lo].cstart;
		out->a_end = a->s[g->a_hi].cend;
		out->b_start = b->s[g->b_lo].cstart;
		out->b_end = b->s[g->b_hi].cend;
		out->words = g->words;
		na = a->s[g->a_hi].w1 - a->s[g->a_lo].w0;
		nb = b->s[g->b_hi].w1 - b->s[g->b_lo].w0;
		out->similarity = 2.0 * g->words / (na + nb);
		out->exact = na == nb && g->words == na && same_words(a,
		    a->s[g->a_lo].w0, b, b->s[g->b_lo].w0, na);
		shared += g->words;
	}
	if (al->np > 1)
		qsort(al->p, al->np, sizeof(*al->p), cmp_passage);
	return shared;
}

size_t
align_pair(struct aligner *al, const struct align_text *a,
    const struct align_text *b, const struct align_passage **out,
    unsigned *shared)
{
	uint64_t mask;

	al->np = 0;
	*shared = 0;
	*out = al->p;
	if (a->nw < ALIGN_SEED || b->nw < ALIGN_SEED)
		return 0;
	mask = index_runs(al, b);
	find_matches(al, a, b, mask);
	tile(al, a, b);
	pair_sentences(al, a, b);
	*shared = merge(al, a, b);
	*out = al->p;
	return al->np;
}

const char *
align_verdict(const struct align_opts *opts, double reused)
{
	if (reused >= opts->wholly)
		return "wholly derived";
	if (reused >= opts->partly)
		return "partially derived";
	return "not derived";
}

static void
add_key(struct buf *out, const char *key, const char *s, size_t n)
{
	buf_printf(out, ",\"%s\":", key);
	json_encode_string(out, s, n);
}

static void
write_summary(struct aligner *al, struct buf *out, const struct align_item *x,
    const struct align_item *y, size_t np, unsigned shared, size_t total)
{
	double reused = total ? (double)shared / total : 0;

	buf_adds(out, "{\"id\":");
	json_encode_string(out, x->id, x->idlen);
	add_key(out, "from", y->id, y->idlen);
	buf_printf(out, ",\"passages\":%zu,\"words\":%u,\"reused\":", np,
	    shared);
	json_add_real(out, reused, 4);
	buf_printf(out, ",\"verdict\":\"%s\"}\n",
	    align_verdict(&al->opts, reused));
}

size_t
align_write(struct aligner *al, struct buf *out,
    const struct align_item *a, const struct align_text *ta,
    const struct align_item *b, const struct align_text *tb, bool both)
{
	const struct align_passage *p;
	size_t n, i;
	unsigned shared;

	n = align_pair(al, ta, tb, &p, &shared);
	for (i = 0; i < n; i++) {
		buf_adds(out, "{\"a\":");
		json_encode_string(out, a->id, a->idlen);
		add_key(out, "b", b->id, b->idlen);
		buf_printf(out, ",\"a_start\":%zu,\"a_end\":%zu,\"b_start\":%zu,"
		    "\"b_end\":%zu,\"words\":%u,\"similarity\":", p[i].a_start,
		    p[i].a_end, p[i].b_start, p[i].b_end, p[i].words);
		json_add_real(out, p[i].similarity, 4);
		buf_printf(out, ",\"exact\":%s}\n",
		    p[i].exact ? "true" : "false");
	}
	if (n == 0)
		return 0;
	write_summary(al, out, a, b, n, shared, ta->nw);
	if (both)
		write_summary(al, out, b, a, n, shared, tb->nw);
	return n;
}

/* Gathering items from records. */

struct align_gather {
	struct align_item it;
	struct buf	 id, text;
	struct sent	*sent;
	size_t		 nsent, capsent;
	size_t		 cpos;		/* code points of text so far */
	unsigned long	 nitems;	/* items opened */
	bool		 open;
	bool		 sentences;	/* the open item is of sentence records */
};

struct align_gather *
align_gather_new(void)
{
	return xcalloc(1, sizeof(struct align_gather));
}

void
align_gather_free(struct align_gather *g)
{
	if (g == NULL)
		return;
	buf_free(&g->id);
	buf_free(&g->text);
	free(g->sent);
	free(g);
}

static bool
is_sentence(struct record *rec)
{
	enum json_type t;

	return record_raw(rec, "sent", NULL, NULL, &t) == 1 &&
	    t == JSON_NUMBER;
}

bool
align_gather_continues(const struct align_gather *g, struct record *rec)
{
	const char *id;
	size_t n;

	return g->open && g->sentences && is_sentence(rec) &&
	    record_get(rec, "id", &id, &n) == 1 && n == g->id.len &&
	    memcmp(id, g->id.s, n) == 0;
}

void
align_gather_id(const struct align_gather *g, struct record *rec,
    struct buf *id)
{
	const char *s;
	size_t n;

	buf_reset(id);
	if (record_get(rec, "id", &s, &n) == 1)
		buf_add(id, s, n);
	else
		buf_printf(id, "#%lu", g->nitems + 1);
}

/*
 * The whole number in field key of rec: 1 and *v when there is one, 0 when
 * the field is absent, -1 when it is not a whole number >= 0.
 */
static int
get_count(struct record *rec, const char *key, size_t *v)
{
	const char *json;
	enum json_type t;
	char *end;
	double d;

	if (record_raw(rec, key, &json, NULL, &t) == 0)
		return 0;
	if (t != JSON_NUMBER)
		return -1;
	d = strtod(json, &end);
	if (d < 0 || d > 9e15 || d != (double)(size_t)d)
		return -1;
	*v = (size_t)d;
	return 1;
}

/*
 * Append the sentence s[0..n) of rec to the open item: at its "start" when
 * it has one, else after a space, or a blank line when "par" changes.
 */
static int
add_sentence(struct align_gather *g, struct record *rec, const char *s,
    size_t n, const char **errmsg)
{
	size_t start, end, par = 0, cps = utf8_count(s, n), gap = 0;
	int hs, he;
	bool newpar;

	hs = get_count(rec, "start", &start);
	he = get_count(rec, "end", &end);
	if (hs < 0 || he < 0 || get_count(rec, "par", &par) < 0) {
		*errmsg = "\"start\", \"end\" and \"par\" must be whole "
		    "numbers";
		return -1;
	}
	newpar = g->nsent > 0 && g->sent[g->nsent - 1].par != par;
	if (hs == 1) {
		if (start < g->cpos) {
			*errmsg = "sentence \"start\" is before the end of "
			    "the sentence before it";
			return -1;
		}
		gap = start - g->cpos;
	} else if (g->nsent > 0)
		gap = newpar ? 2 : 1;
	if (he == 1 && end != g->cpos + gap + cps) {
		*errmsg = "sentence \"end\" does not fit its text";
		return -1;
	}
	g->cpos += gap + cps;
	if (newpar && gap >= 2) {
		buf_adds(&g->text, "\n\n");
		gap -= 2;
	}
	for (; gap > 0; gap--)
		buf_addc(&g->text, ' ');
	g->sent = xroom(g->sent, &g->capsent, g->nsent + 1, sizeof(*g->sent));
	g->sent[g->nsent].start = g->text.len;
	buf_add(&g->text, s, n);
	g->sent[g->nsent].end = g->text.len;
	g->sent[g->nsent++].par = (unsigned)par;
	return 0;
}

int
align_gather_add(struct align_gather *g, struct record *rec,
    const char **errmsg)
{
	const char *s = "";
	size_t n = 0;
	int r;

	if ((r = record_get(rec, "text", &s, &n)) < 0) {
		*errmsg = "\"text\" is not a string";
		return -1;
	}
	if (r == 0)
		s = "", n = 0;
	if (!align_gather_continues(g, rec)) {
		assert(!g->open);
		align_gather_id(g, rec, &g->id);
		buf_reset(&g->text);
		g->nsent = 0;
		g->cpos = 0;
		g->sentences = is_sentence(rec);
		if (!g->sentences)
			buf_add(&g->text, s, n);
		else if (n > 0 && add_sentence(g, rec, s, n, errmsg) < 0)
			return -1;
		g->open = true;
		g->nitems++;
		return 0;
	}
	if (n == 0)
		return 0;
	return add_sentence(g, rec, s, n, errmsg);
}

const struct align_item *
align_gather_take(struct align_gather *g)
{
	if (!g->open)
		return NULL;
	g->open = false;
	g->it.id = buf_cstr(&g->id);
	g->it.idlen = g->id.len;
	g->it.text = buf_cstr(&g->text);
	g->it.len = g->text.len;
	g->it.sent = g->sentences ? g->sent : NULL;
	g->it.nsent = g->sentences ? g->nsent : 0;
	return &g->it;
}

/* The store of items, for the in-memory mode. */

struct stored {
	uint64_t	 idlen, len, nsent;	/* nsent: NONE64 when none */
};

#define NONE64	UINT64_MAX

struct align_store {
	FILE		*f;
	uint64_t	*off;		/* where item i starts in f */
	uint32_t	 n;
	size_t		 cap;
	uint64_t	 end;
	bool		 dirty;		/* written since the last read */
	struct {
		struct align_item it;
		struct buf	 b;
		struct sent	*sent;
		size_t		 cap;
	}		 slot[2];
};

struct align_store *
align_store_new(void)
{
	struct align_store *st;

	st = xcalloc(1, sizeof(*st));
	st->f = spool_open();
	return st;
}

void
align_store_free(struct align_store *st)
{
	int i;

	if (st == NULL)
		return;
	fclose(st->f);
	free(st->off);
	for (i = 0; i < 2; i++) {
		buf_free(&st->slot[i].b);
		free(st->slot[i].sent);
	}
	free(st);
}

static void
put(struct align_store *st, const void *p, size_t n)
{
	spool_write(st->f, p, n);
	st->end += n;
}

uint32_t
align_store_add(struct align_store *st, const struct align_item *it)
{
	struct stored h;
	struct sent s;
	size_t k;

	st->off = xroom(st->off, &st->cap, (size_t)st->n + 1, sizeof(*st->off));
	st->off[st->n] = st->end;
	h.idlen = it->idlen;
	h.len = it->len;
	h.nsent = it->sent != NULL ? it->nsent : NONE64;
	put(st, &h, sizeof(h));
	put(st, it->id, it->idlen);
	put(st, it->text, it->len);
	for (k = 0; it->sent != NULL && k < it->nsent; k++) {
		/* Field by field: the struct's padding is never set. */
		memset(&s, 0, sizeof(s));
		s.start = it->sent[k].start;
		s.end = it->sent[k].end;
		s.par = it->sent[k].par;
		put(st, &s, sizeof(s));
	}
	st->dirty = true;
	return st->n++;
}

static void
get(struct align_store *st, void *p, size_t n, uint64_t off)
{
	ssize_t r;

	if (n > 0 && ((r = pread(fileno(st->f), p, n, (off_t)off)) < 0 ||
	    (size_t)r != n))
		spool_fail();
}

const struct align_item *
align_store_get(struct align_store *st, uint32_t i, int slot)
{
	struct stored h;
	uint64_t off;
	size_t ns;

	assert(i < st->n && (slot == 0 || slot == 1));
	if (st->dirty && fflush(st->f) == EOF)
		spool_fail();
	st->dirty = false;
	off = st->off[i];
	get(st, &h, sizeof(h), off);
	off += sizeof(h);
	buf_reset(&st->slot[slot].b);
	buf_grow(&st->slot[slot].b, h.idlen + 1 + h.len);
	get(st, st->slot[slot].b.s, h.idlen + h.len, off);
	st->slot[slot].b.len = h.idlen + h.len;
	st->slot[slot].b.s[h.idlen + h.len] = '\0';
	off += h.idlen + h.len;
	ns = h.nsent == NONE64 ? 0 : h.nsent;
	st->slot[slot].sent = xroom(st->slot[slot].sent, &st->slot[slot].cap,
	    ns, sizeof(struct sent));
	get(st, st->slot[slot].sent, ns * sizeof(struct sent), off);
	st->slot[slot].it.id = st->slot[slot].b.s;
	st->slot[slot].it.idlen = h.idlen;
	st->slot[slot].it.text = st->slot[slot].b.s + h.idlen;
	st->slot[slot].it.len = h.len;
	st->slot[slot].it.sent = h.nsent == NONE64 ? NULL :
	    st->slot[slot].sent;
	st->slot[slot].it.nsent = ns;
	return &st->slot[slot].it;
}
