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
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "sim/align.h"
#include "sent/offsets.h"
#include "base/json.h"
#include "sim/shingle.h"
#include "base/utf8.h"
#include "base/util.h"

#define NONE		UINT32_MAX
#define FACT_NAME	1
#define FACT_NUMBER	2
#define NUMWORDS	21	/* numbers an editor may write in words */
#define ALIGN_SLICE	((size_t)256 << 10)	/* text for the words found at once */
#define MAXCHAIN	64	/* places of b looked at per run of a, and the
				   places from which a run is common */

struct aword {
	uint64_t	 hash;
	uint32_t	 sent;
	unsigned char	 fact;		/* FACT_NAME or FACT_NUMBER (is_fact) */
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

/* The words of a passage kept: a's [a0, a1), b's [b0, b1). */
struct span {
	uint32_t	 a0, a1, b0, b1;
	uint32_t	 words;		/* shared */
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
	struct span	*pw;		/* p's words, for the evidence */
	size_t		 cappw;
	uint64_t	*fa, *fb;	/* the evidence: facts of two spans */
	size_t		 capfa, capfb;
	uint64_t	 numword[NUMWORDS];	/* "zero" ... "twenty" */
	uint64_t	 numeral[NUMWORDS];	/* "0" ... "20" */
};

void
align_opts_init(struct align_opts *opts)
{
	opts->min_words = ALIGN_MIN_WORDS;
	opts->wholly = ALIGN_WHOLLY;
	opts->partly = ALIGN_PARTLY;
}

/*
 * The hashes of the numbers from zero to twenty written in words and in
 * figures, so that "seven" and "7", which house styles swap, are one word
 * and one fact.
 */
static void
number_words(struct aligner *al)
{
	static const char *const w[NUMWORDS] = { "zero", "one", "two",
	    "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	    "seventeen", "eighteen", "nineteen", "twenty" };
	const struct shingle_word *sw;
	char num[12];	/* room for any int: gcc -O1 checks it */
	size_t n;
	int i;

	for (i = 0; i < NUMWORDS; i++) {
		sw = shingler_words(al->sh, w[i], strlen(w[i]), &n);
		al->numword[i] = sw[0].hash;
		snprintf(num, sizeof(num), "%d", i);
		sw = shingler_words(al->sh, num, strlen(num), &n);
		al->numeral[i] = sw[0].hash;
	}
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
	number_words(al);
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
	free(al->pw);
	free(al->fa);
	free(al->fb);
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

/*
 * Does a word at text[at] open a clause: is it the first of its sentence,
 * or after an opening quote, a bracket or a colon?  Such a word may be
 * written with a capital letter without being a name.
 */
static bool
opens(const char *text, size_t at, bool first)
{
	const unsigned char *t = (const unsigned char *)text;

	if (first)
		return true;
	while (at > 0 && (t[at - 1] == ' ' || t[at - 1] == '\n' ||
	    t[at - 1] == '\t' || t[at - 1] == '\r'))
		at--;
	if (at == 0)
		return true;
	switch (t[at - 1]) {
	case '"': case '\'': case '(': case '[': case ':':
		return true;
	}
	/* “ and ‘ are E2 80 9C and E2 80 98 in UTF-8. */
	return at >= 3 && t[at - 3] == 0xE2 && t[at - 2] == 0x80 &&
	    (t[at - 1] == 0x9C || t[at - 1] == 0x98);
}

/*
 * Is the word s[0..n) a fact a rewrite keeps: a number (it holds a digit)
 * or a name (a word of two letters or more written with a capital, where
 * it does not open a clause)?  Templates (earnings reports, price tables,
 * the same notice for another company) keep the wording and change these.
 */
static int
is_fact(const char *s, size_t n, bool opener)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t l;
	utf8proc_category_t c;
	size_t i, ncp = 0;
	bool capital = false;

	for (i = 0; i < n; i += l > 0 ? (size_t)l : 1, ncp++) {
		if ((unsigned char)s[i] < 0x80) {
			l = 1;
			if (s[i] >= '0' && s[i] <= '9')
				return FACT_NUMBER;
			if (i == 0)
				capital = s[i] >= 'A' && s[i] <= 'Z';
			continue;
		}
		l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (l <= 0)
			continue;
		c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_ND)
			return FACT_NUMBER;
		if (i == 0)
			capital = c == UTF8PROC_CATEGORY_LU ||
			    c == UTF8PROC_CATEGORY_LT;
	}
	return capital && !opener && ncp > 1 ? FACT_NAME : 0;
}

void
align_text_set(struct aligner *al, struct align_text *t, const char *text,
    size_t len, const struct sent *sent, size_t nsent, const size_t *cstart)
{
	const struct shingle_word *w;
	size_t nw, k, k1, i, start, end, base, lim, ws;
	int j;
	struct offsets off;

	if (sent == NULL) {
		nsent = sentsplit_run(al->ss, text, len, &al->sv, &al->capsv);
		sent = al->sv;
		cstart = NULL;
	}
	t->s = xroom(t->s, &t->caps, nsent, sizeof(*t->s));
	t->ns = nsent;
	offsets_init(&off, text, len);
	for (k = 0; k < nsent; k++) {
		start = sent[k].start < len ? sent[k].start : len;
		end = sent[k].end < len ? sent[k].end : len;
		if (end < start)
			end = start;
		if (cstart != NULL) {
			/* Where the sentence is in the original text. */
			t->s[k].cstart = cstart[k];
			t->s[k].cend = cstart[k] + utf8_count(text + start,
			    end - start);
		} else {
			t->s[k].cstart = offsets_cp(&off, start);
			t->s[k].cend = offsets_cp(&off, end);
		}
	}
	/*
	 * Each word goes to the sentence it starts in; words outside any
	 * sentence cannot be aligned and are left out.  The words are found
	 * a slice of sentences at a time (ALIGN_SLICE bytes or so, which
	 * an article fits in whole), so that a long text's words are not
	 * held twice, the shingler's and these.
	 */
	t->nw = 0;
	for (k = 0; k < nsent; k = k1) {
		base = k == 0 ? 0 : sent[k].start < len ? sent[k].start : len;
		for (k1 = k + 1; k1 < nsent && sent[k1].start < len &&
		    sent[k1].start - base < ALIGN_SLICE; k1++)
			;
		lim = k1 == nsent ? len : sent[k1].start < len ?
		    sent[k1].start : len;
		if (lim < base)
			lim = base;
		w = shingler_words(al->sh, text + base, lim - base, &nw);
		t->w = xroom(t->w, &t->capw, t->nw + nw, sizeof(*t->w));
		for (i = 0; k < k1; k++) {
			t->s[k].w0 = (uint32_t)t->nw;
			for (; i < nw && base + w[i].start < sent[k].start;
			    i++)
				;
			for (; i < nw && base + w[i].start < sent[k].end;
			    i++) {
				ws = base + w[i].start;
				t->w[t->nw].hash = w[i].hash;
				for (j = 0; j < NUMWORDS; j++)
					if (w[i].hash == al->numword[j]) {
						t->w[t->nw].hash =
						    al->numeral[j];
						break;
					}
				t->w[t->nw].sent = (uint32_t)k;
				t->w[t->nw].fact = j < NUMWORDS ? FACT_NUMBER :
				    is_fact(text + ws, w[i].end - w[i].start,
				    opens(text, ws, t->nw == t->s[k].w0));
				t->nw++;
			}
			t->s[k].w1 = (uint32_t)t->nw;
		}
	}
	/* The words are copied: a long text's array is not kept for
	 * the matching that follows. */
	shingler_trim(al->sh);
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

/*
 * The matches pushed, by diagonal (j - i): where in a the last one on each
 * ends.  A seed that lies inside a match already pushed on its diagonal
 * would extend to the same end, a suffix of that match: tiling lays the
 * longer one first and the suffix adds nothing.  Without this, every seed
 * after a common run (which skips the maximality test) re-extends a match
 * already found, and on two long texts that share much (a live blog and
 * its copy, with a line repeated down the page) each of those runs as far
 * as the texts agree: time in the product of their lengths.
 */
struct diagset {
	uint64_t	*key;		/* diagonal + 1; 0 is an empty slot */
	uint32_t	*end;
	size_t		 n, cap;
};

static size_t
diag_slot(const struct diagset *d, uint64_t key)
{
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 17) & (d->cap - 1);

	while (d->key[h] != 0 && d->key[h] != key)
		h = (h + 1) & (d->cap - 1);
	return h;
}

/* Where the last match pushed on diagonal key ends in a; 0 if none. */
static uint32_t
diag_end(const struct diagset *d, uint64_t key)
{
	size_t h;

	if (d->cap == 0)
		return 0;
	h = diag_slot(d, key);
	return d->key[h] == key ? d->end[h] : 0;
}

/*
 * Note that the match pushed on diagonal key ends at end.  Seeds come in
 * order of i, so a match that ends at or before now (the seed's i) covers
 * no seed to come: the table is rebuilt without those when it fills, and
 * holds the matches still open, not all those found.
 */
static void
diag_set(struct diagset *d, uint64_t key, uint32_t end, size_t now)
{
	struct diagset old = *d;
	size_t h, k, live = 0;

	if (2 * (d->n + 1) > d->cap) {
		for (k = 0; k < old.cap; k++)
			live += old.key[k] != 0 && old.end[k] > now;
		for (d->cap = 64; d->cap < 4 * (live + 1); d->cap *= 2)
			;
		d->n = 0;
		d->key = xcalloc(d->cap, sizeof(*d->key));
		d->end = xcalloc(d->cap, sizeof(*d->end));
		for (k = 0; k < old.cap; k++)
			if (old.key[k] != 0 && old.end[k] > now) {
				d->n++;
				h = diag_slot(d, old.key[k]);
				d->key[h] = old.key[k];
				d->end[h] = old.end[k];
			}
		free(old.key);
		free(old.end);
	}
	h = diag_slot(d, key);
	if (d->key[h] == 0) {
		d->key[h] = key;
		d->n++;
	}
	d->end[h] = end;
}

/* Step 2: the maximal matches of a's runs in b, onto the heap. */
static void
find_matches(struct aligner *al, const struct align_text *a,
    const struct align_text *b, uint64_t mask)
{
	const struct aword *x = a->w, *y = b->w;
	struct diagset d = { NULL, NULL, 0, 0 };
	size_t i, k, len, tries;
	uint64_t key, diag;
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
			diag = (uint64_t)j - i + a->nw + 1;
			if (i > 0 && j > 0 && x[i - 1].hash == y[j - 1].hash &&
			    (!was_common || diag_end(&d, diag) > i))
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
			diag_set(&d, diag, (uint32_t)(i + len), i);
		}
	}
	free(d.key);
	free(d.end);
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
		al->pw = xroom(al->pw, &al->cappw, al->np, sizeof(*al->pw));
		al->pw[al->np - 1].a0 = a->s[g->a_lo].w0;
		al->pw[al->np - 1].a1 = a->s[g->a_hi].w1;
		al->pw[al->np - 1].b0 = b->s[g->b_lo].w0;
		al->pw[al->np - 1].b1 = b->s[g->b_hi].w1;
		al->pw[al->np - 1].words = g->words;
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

static int
cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Append the facts of t's words [w0, w1) of a kind in mask to *v. */
static void
span_facts(const struct align_text *t, uint32_t w0, uint32_t w1, int mask,
    uint64_t **v, size_t *n, size_t *cap)
{
	uint32_t k;

	for (k = w0; k < w1; k++)
		if (t->w[k].fact & mask) {
			*v = xroom(*v, cap, *n + 1, sizeof(**v));
			(*v)[(*n)++] = t->w[k].hash;
		}
}

/* How many of x[0..nx) are in y[0..ny), both sorted (each one counts). */
static size_t
found_in(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
	size_t i, j = 0, c = 0;

	for (i = 0; i < nx; i++) {
		while (j < ny && y[j] < x[i])
			j++;
		c += j < ny && y[j] == x[i];
	}
	return c;
}

/* The share of the facts of a kind in mask that the passages' spans in a
 * and in b have in common, each occurrence counted; 1 when none. */
static double
facts_found(struct aligner *al, const struct align_text *a,
    const struct align_text *b, size_t n, int mask)
{
	size_t i, nfa = 0, nfb = 0;

	/* The facts of all passages together: a rewrite may move a name
	 * from one paragraph to the next. */
	for (i = 0; i < n; i++) {
		span_facts(a, al->pw[i].a0, al->pw[i].a1, mask, &al->fa, &nfa,
		    &al->capfa);
		span_facts(b, al->pw[i].b0, al->pw[i].b1, mask, &al->fb, &nfb,
		    &al->capfb);
	}
	if (nfa + nfb == 0)
		return 1;
	if (nfa > 1)
		qsort(al->fa, nfa, sizeof(*al->fa), cmp_u64);
	if (nfb > 1)
		qsort(al->fb, nfb, sizeof(*al->fb), cmp_u64);
	return (double)(found_in(al->fa, nfa, al->fb, nfb) +
	    found_in(al->fb, nfb, al->fa, nfa)) / (nfa + nfb);
}

void
align_evidence(struct aligner *al, const struct align_text *a,
    const struct align_text *b, struct align_evidence *ev)
{
	const struct align_passage *p;
	size_t n, i;
	uint64_t span = 0;
	unsigned shared;

	memset(ev, 0, sizeof(*ev));
	n = align_pair(al, a, b, &p, &shared);
	ev->passages = n;
	ev->words = shared;
	ev->facts = ev->numbers = 1;
	if (n == 0)
		return;
	ev->covered_a = a->nw ? (double)shared / a->nw : 0;
	ev->covered_b = b->nw ? (double)shared / b->nw : 0;
	for (i = 0; i < n; i++)
		span += (al->pw[i].a1 - al->pw[i].a0) +
		    (al->pw[i].b1 - al->pw[i].b0);
	ev->similarity = span ? 2.0 * shared / span : 0;
	ev->facts = facts_found(al, a, b, n, FACT_NAME | FACT_NUMBER);
	ev->numbers = facts_found(al, a, b, n, FACT_NUMBER);
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
write_summary(struct aligner *al, struct buf *out, const struct item *x,
    const struct item *y, size_t np, unsigned shared, size_t total)
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
    const struct item *a, const struct align_text *ta,
    const struct item *b, const struct align_text *tb, bool both)
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
