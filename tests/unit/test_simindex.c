/*
 * Unit tests for lib/sim/simindex.c.  The main one generates a corpus of
 * stories and their rewrites, cut-downs, extensions and copies embedded in
 * longer items, computes the exact Jaccard and containment of every pair by
 * brute force, and checks that each engine setting reports every pair at or
 * above the thresholds, with the right figures, and nothing below them.
 */
#include <stdlib.h>

#include "unit.h"
#include "base/buf.h"
#include "sim/setstore.h"
#include "sim/shingle.h"
#include "sim/simindex.h"
#include "sim/simkv.h"

#define NTEXT	400

struct corpus {
	char		*text[NTEXT];
	size_t		 len[NTEXT];
	int		 n;
};

static uint64_t
next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void
add_words(struct buf *b, uint64_t *x, unsigned n)
{
	while (n-- > 0)
		buf_printf(b, "w%u%s", (unsigned)(next(x) % 3000),
		    next(x) % 9 == 0 ? ". " : " ");
}

/* Append base's words to b, each replaced by a new one at rate %. */
static void
rewrite(struct buf *b, const char *base, unsigned rate, uint64_t *x)
{
	const char *s, *e;

	for (s = base; *s; s = e + 1) {
		e = strchr(s, ' ');
		if (next(x) % 100 < rate)
			add_words(b, x, 1);
		else
			buf_add(b, s, e - s + 1);
	}
}

static void
push(struct corpus *c, struct buf *b)
{
	c->text[c->n] = buf_detach(b, &c->len[c->n]);
	if (c->text[c->n] == NULL)
		c->text[c->n] = calloc(1, 1);
	c->n++;
}

/*
 * Stories of 4 to 600 words, each followed by a few variants: words
 * replaced at rates from 2% to 30% (rewrites on both sides of J = 0.5), a
 * contiguous cut of 20-95%, the story with new text added, and the story
 * (or part of it) inside an unrelated long item.
 */
static void
make_corpus(struct corpus *c)
{
	struct buf base = BUF_INIT, b = BUF_INIT;
	uint64_t x = 0x9E3779B97F4A7C15ULL;
	const char *s, *e;
	size_t nw, from, to, i;
	unsigned v, kind;

	c->n = 0;
	while (c->n < NTEXT - 8) {
		buf_reset(&base);
		add_words(&base, &x, next(&x) % 3 == 0 ? 4 + next(&x) % 20 :
		    20 + next(&x) % 580);
		for (nw = 0, s = base.s; *s; s++)
			nw += *s == ' ';
		buf_add(&b, base.s, base.len);
		push(c, &b);
		for (v = next(&x) % 4; v > 0; v--) {
			kind = next(&x) % 4;
			if (kind == 0)			/* rewrite */
				rewrite(&b, base.s, 2 + next(&x) % 29, &x);
			else if (kind == 1) {		/* cut-down */
				from = next(&x) % (nw / 2 + 1);
				to = from + (nw - from) * (20 +
				    next(&x) % 76) / 100;
				for (i = 0, s = base.s; *s; s = e + 1, i++) {
					e = strchr(s, ' ');
					if (i >= from && i <= to)
						buf_add(&b, s, e - s + 1);
				}
			} else if (kind == 2) {		/* extended */
				buf_add(&b, base.s, base.len);
				add_words(&b, &x, next(&x) % (2 * nw + 1));
			} else {			/* embedded */
				add_words(&b, &x, next(&x) % 2000);
				buf_add(&b, base.s, base.len);
				add_words(&b, &x, next(&x) % 500);
			}
			push(c, &b);
		}
	}
	/* Empty items, and one without words, are never paired. */
	push(c, &b);
	push(c, &b);
	buf_adds(&b, "-- !! --");
	push(c, &b);
	buf_free(&base);
}

struct truth {
	int		 n;
	uint64_t	*set[NTEXT];
	size_t		 size[NTEXT];
	uint32_t	*shared;	/* NTEXT x NTEXT, by brute force */
};

static uint32_t
brute_shared(const struct truth *t, int a, int b)
{
	size_t i = 0, j = 0;
	uint32_t c = 0;

	while (i < t->size[a] && j < t->size[b]) {
		if (t->set[a][i] == t->set[b][j])
			c++, i++, j++;
		else if (t->set[a][i] < t->set[b][j])
			i++;
		else
			j++;
	}
	return c;
}

static void
make_truth(struct truth *t, const struct corpus *c)
{
	struct shingler *sh = shingler_new(SHINGLE_N, 0, 0);
	const uint64_t *set;
	int i, j;

	t->n = c->n;
	for (i = 0; i < c->n; i++) {
		set = shingler_set(sh, c->text[i], c->len[i], &t->size[i]);
		t->set[i] = malloc((t->size[i] + 1) * sizeof(uint64_t));
		memcpy(t->set[i], set, t->size[i] * sizeof(uint64_t));
	}
	t->shared = calloc(NTEXT * NTEXT, sizeof(*t->shared));
	for (i = 0; i < c->n; i++)
		for (j = i + 1; j < c->n; j++)
			t->shared[i * NTEXT + j] = brute_shared(t, i, j);
	shingler_free(sh);
}

static int
passes(const struct truth *t, const struct sim_opts *o, int a, int b)
{
	double s = t->shared[a * NTEXT + b], na = t->size[a], nb = t->size[b];

	if (s == 0)
		return 0;
	return s / (na + nb - s) >= o->jaccard || (o->contain > 0 &&
	    (s / na >= o->contain || s / nb >= o->contain));
}

struct got {
	const struct truth	*t;
	const struct sim_opts	*o;
	unsigned char		*seen;	/* NTEXT x NTEXT */
	int			 ordered, figures, below;
	uint32_t		 last_a, last_b;
	size_t			 count;
};

static void
collect(void *arg, const struct pair *p)
{
	struct got *g = arg;
	size_t s;

	if (g->count > 0 && (p->a < g->last_a || (p->a == g->last_a &&
	    p->b <= g->last_b)))
		g->ordered = 0;
	if (p->a >= p->b)
		g->ordered = 0;
	g->last_a = p->a;
	g->last_b = p->b;
	g->count++;
	g->seen[p->a * NTEXT + p->b] = 1;
	if (!passes(g->t, g->o, p->a, p->b))
		g->below++;
	s = g->t->shared[p->a * NTEXT + p->b];
	if (p->shared != s || p->in_a != (double)s / g->t->size[p->a] ||
	    p->in_b != (double)s / g->t->size[p->b] || p->jaccard !=
	    s / ((double)g->t->size[p->a] + g->t->size[p->b] - s))
		g->figures = 0;
}

/*
 * The probe keys pair a and b share: fingerprints of both below the
 * larger one's rate (sim.h).
 */
static uint32_t
shared_keys(const struct truth *t, const struct sim_opts *o, int a, int b)
{
	size_t i = 0, j = 0;
	uint32_t c = 0, fp;
	uint64_t below = sim_post_below(o, (uint32_t)(t->size[a] > t->size[b] ?
	    t->size[a] : t->size[b]));

	while (i < t->size[a] && j < t->size[b]) {
		if (t->set[a][i] == t->set[b][j]) {
			fp = (uint32_t)(t->set[a][i] >> 32);
			c += sim_post_hash(fp) < below;
			i++, j++;
		} else if (t->set[a][i] < t->set[b][j])
			i++;
		else
			j++;
	}
	return c;
}

/*
 * Run one engine setting over the corpus and compare with brute force:
 * every pair at or above the thresholds is found whose shared probe keys
 * make it a candidate (sim_need; LSH may find more), and the others are
 * few, short items inside long ones (returned in *short_missed).
 */
static size_t
check_engine(const struct corpus *c, const struct truth *t,
    const struct sim_opts *o, const char *what, size_t *short_missed)
{
	struct simindex *si = simindex_new(o);
	struct got g = { t, o, NULL, 1, 1, 0, 0, 0, 0 };
	size_t missed = 0, want = 0, missed_short = 0;
	int i, j, numbered = 1;

	for (i = 0; i < c->n; i++)
		numbered &= simindex_add(si, c->text[i], c->len[i]) ==
		    (uint32_t)i;
	CHECK(numbered);
	g.seen = calloc(NTEXT * NTEXT, 1);
	simindex_pairs(si, collect, &g);
	for (i = 0; i < c->n; i++)
		for (j = i + 1; j < c->n; j++)
			if (passes(t, o, i, j)) {
				want++;
				if (g.seen[i * NTEXT + j])
					continue;
				if ((o->gen & SIM_GEN_PROBE) && shared_keys(t,
				    o, i, j) < sim_need(o, (uint32_t)t->size[i],
				    (uint32_t)t->size[j]))
					missed_short++;
				else
					missed++;
			}
	if (getenv("UNIT_VERBOSE") || missed || g.below || !g.figures ||
	    !g.ordered)
		fprintf(stderr, "%s: want %zu, got %zu, missed %zu (and %zu "
		    "without the keys), below %d\n", what, want, g.count,
		    missed, missed_short, g.below);
	CHECK(missed == 0);
	CHECK(g.below == 0);
	CHECK(g.figures);
	CHECK(g.ordered);
	/* A second call gives the same pairs without redoing the work. */
	g.count = 0;
	simindex_pairs(si, collect, &g);
	CHECK(g.count == want - missed_short);
	free(g.seen);
	simindex_free(si);
	if (short_missed != NULL)
		*short_missed = missed_short;
	return want;
}

static void
free_corpus(struct corpus *c, struct truth *t)
{
	int i;

	for (i = 0; i < c->n; i++) {
		free(c->text[i]);
		free(t->set[i]);
	}
	free(t->shared);
}

static void
test_engines(void)
{
	struct corpus c;
	struct truth t;
	struct sim_opts o;
	size_t want, missed;

	make_corpus(&c);
	make_truth(&t, &c);

	sim_opts_init(&o);
	want = check_engine(&c, &t, &o, "default", &missed);
	CHECK(want > 100);		/* the corpus has work in it */
	/* Only items of a few words inside long ones lack the keys. */
	CHECK(missed <= 2);
	o.threads = 3;		/* more threads, same pairs, same order */
	check_engine(&c, &t, &o, "3 threads", NULL);
	o.exact = 1;
	check_engine(&c, &t, &o, "exact, 3 threads", &missed);
	CHECK(missed == 0);
	sim_opts_init(&o);
	o.gen = SIM_GEN_PROBE;
	check_engine(&c, &t, &o, "probe", NULL);
	/* A small sample and a low rate force sampling on most items. */
	o.sample = 12;
	o.rate = 16;
	check_engine(&c, &t, &o, "probe, sample 12, rate 16", &missed);
	CHECK(missed > 2);
	/* Jaccard only: LSH alone suffices at a high threshold. */
	sim_opts_init(&o);
	o.contain = 0;
	o.jaccard = 0.8;
	o.gen = SIM_GEN_LSH;
	check_engine(&c, &t, &o, "lsh at 0.8", NULL);
	sim_opts_init(&o);
	o.jaccard = 0.3;
	o.contain = 0.9;
	check_engine(&c, &t, &o, "0.3 / 0.9", NULL);
	free_corpus(&c, &t);
}

static void
test_clusters(void)
{
	struct simindex *si = simindex_new(NULL);
	const uint32_t *cl;
	const char *story = "the minister said on tuesday that the new rules "
	    "would come into force next spring after a long consultation";
	const char *other = "shares in the company fell sharply in early "
	    "trading after it warned that profits would be lower this year";
	struct buf b = BUF_INIT;

	simindex_add(si, other, strlen(other));			/* 0 */
	buf_printf(&b, "Breaking: %s, officials confirmed.", story);
	simindex_add(si, b.s, b.len);				/* 1 */
	simindex_add(si, "", 0);				/* 2 */
	simindex_add(si, story, strlen(story));			/* 3 */
	buf_reset(&b);
	buf_printf(&b, "%s. %s", other, other);
	simindex_add(si, b.s, b.len);				/* 4 */
	simindex_add(si, "", 0);				/* 5 */
	cl = simindex_clusters(si, NULL);
	CHECK(cl[0] == 0 && cl[4] == 0);
	CHECK(cl[1] == 1 && cl[3] == 1);
	CHECK(cl[2] == 2 && cl[5] == 5);
	CHECK(simindex_size(si, 2) == 0);
	buf_free(&b);
	simindex_free(si);
	simindex_free(NULL);
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* simkv writes its lines into a buffer. */
static void
to_buf(void *arg, const char *s, size_t n)
{
	buf_add(arg, s, n);
}

/* LC_ALL=C sort of the lines in in, then a reduce round into out. */
static int
sort_reduce(struct simkv *kv, struct buf *in, struct buf *out)
{
	char **line, *s, *nl;
	const char *msg;
	size_t n = 0, i;
	int bad = 0;

	line = malloc((in->len + 1) * sizeof(*line));
	for (s = in->s; s != NULL && *s; s = nl + 1) {
		nl = strchr(s, '\n');
		*nl = '\0';
		line[n++] = s;
	}
	qsort(line, n, sizeof(*line), cmp_line);
	buf_reset(out);
	for (i = 0; i < n && !bad; i++)
		bad |= simkv_reduce(kv, line[i], strlen(line[i]), &msg);
	simkv_reduce_end(kv);
	free(line);
	return bad;
}

/* Does out hold the line of pair p, with a and b in byte order? */
static int
has_pair(const struct buf *out, const char *ida, const char *idb,
    const struct pair *p)
{
	struct pair q = *p;
	struct buf line = BUF_INIT;
	int found;

	if (strcmp(ida, idb) > 0) {
		q.in_a = p->in_b;
		q.in_b = p->in_a;
		pair_json(&line, idb, strlen(idb), ida, strlen(ida), &q);
	} else
		pair_json(&line, ida, strlen(ida), idb, strlen(idb), &q);
	found = out->s != NULL && strstr(out->s, line.s) != NULL;
	buf_free(&line);
	return found;
}

struct expect {
	const struct buf *out;
	int		 same;
};

static void
check_pair(void *arg, const struct pair *p)
{
	struct expect *e = arg;
	char a[32], b[32];

	snprintf(a, sizeof(a), "n %u\t!", p->a);
	snprintf(b, sizeof(b), "n %u\t!", p->b);
	e->same &= has_pair(e->out, a, b, p);
}

/*
 * map | sort | reduce, four rounds, gives the pairs simindex gives, with
 * ids that need escaping; bad lines are refused with a reason.
 */
static void
test_mapreduce(void)
{
	struct corpus c;
	struct simindex *si;
	struct simkv *kv, *other;
	struct sim_opts o;
	struct sim_stats st;
	struct expect e;
	struct buf x = BUF_INIT, y = BUF_INIT;
	const char *msg, *s;
	char id[32];
	int i, bad = 0, nlines = 0;

	make_corpus(&c);
	si = simindex_new(NULL);
	/* The pairs by the thresholds: simindex_pairs leaves out those the
	 * passages decide, which the bats tests compare. */
	sim_opts_init(&o);
	o.floor = 0;
	kv = simkv_new(&o, 0, to_buf, &x);
	for (i = 0; i < c.n; i++) {
		simindex_add(si, c.text[i], c.len[i]);
		snprintf(id, sizeof(id), "n %d\t!", i);
		simkv_map(kv, id, strlen(id), c.text[i], c.len[i]);
	}
	simkv_map_end(kv);	/* the last piece of texts */
	simkv_free(kv);
	for (i = 0; i < 4; i++) {
		buf_reset(&y);
		kv = simkv_new(&o, 0, to_buf, &y);
		bad |= sort_reduce(kv, &x, &y);
		simkv_free(kv);
		buf_reset(&x);
		buf_add(&x, y.s, y.len);
	}
	CHECK(bad == 0);
	simindex_pairs(si, NULL, NULL);
	simindex_stats(si, &st);
	for (s = x.s; s != NULL && *s; s++)
		nlines += *s == '\n';
	CHECK((uint64_t)nlines == st.pairs && nlines > 100);
	e.out = &x;
	e.same = 1;
	simindex_pairs(si, check_pair, &e);
	CHECK(e.same);

	kv = simkv_new(NULL, 0, to_buf, &y);
	CHECK(simkv_reduce(kv, "no tab", 6, &msg) == -1);
	CHECK(strstr(msg, "not a line") != NULL);
	CHECK(simkv_reduce(kv, "Xkey\tvalue", 10, &msg) == -1);
	simkv_free(kv);
	/* A line of a map run with another -n is refused. */
	sim_opts_init(&o);
	o.n = 4;
	buf_reset(&x);
	other = simkv_new(&o, 0, to_buf, &x);
	simkv_map(other, "a", 1, c.text[0], c.len[0]);
	simkv_free(other);
	kv = simkv_new(NULL, 0, to_buf, &y);
	CHECK(simkv_reduce(kv, x.s, strcspn(x.s, "\n"), &msg) == -1);
	CHECK(strstr(msg, "other options") != NULL);
	simkv_free(kv);
	for (i = 0; i < c.n; i++)
		free(c.text[i]);
	buf_free(&x);
	buf_free(&y);
	simkv_free(NULL);
	simindex_free(si);
}

/*
 * A short item copied into a very long one is found by containment: a
 * brief of 40 words in one of 40,000, whose rate (1 in 4) leaves none of
 * the brief's 36 fingerprints a key about once in 30,000.
 */
static void
test_containment(void)
{
	struct simindex *si = simindex_new(NULL);
	struct sim_stats st;
	struct buf b = BUF_INIT;
	const char *brief = "Storms closed the port of Dover on Friday and "
	    "ferries to Calais were held in the harbour until the evening, "
	    "the port authority said, as gusts of up to 80 miles an hour "
	    "swept the Channel coast and thousands of drivers waited.";
	uint64_t x = 5;

	add_words(&b, &x, 20000);
	buf_adds(&b, brief);
	add_words(&b, &x, 20000);
	simindex_add(si, b.s, b.len);
	simindex_add(si, brief, strlen(brief));
	simindex_stats(si, &st);
	CHECK(st.items == 2);
	simindex_pairs(si, NULL, NULL);
	simindex_stats(si, &st);
	CHECK(st.pairs == 1);
	CHECK(st.bytes > 0);
	buf_free(&b);
	simindex_free(si);
}

/*
 * Items that share only a common phrase cost no scanning once the phrase
 * is past maxdf, and a real pair among them is still found.
 */
static void
test_common(void)
{
	struct sim_opts o;
	struct simindex *si;
	struct sim_stats st[2];
	struct buf b = BUF_INIT;
	uint64_t x;
	int run, i;

	sim_opts_init(&o);
	for (run = 0; run < 2; run++) {
		o.maxdf = run == 0 ? 0 : 5;
		si = simindex_new(&o);
		x = 77;
		for (i = 0; i < 30; i++) {
			buf_reset(&b);
			add_words(&b, &x, 40);
			buf_adds(&b, "Sign up to our newsletter for the latest "
			    "news from the region.");
			simindex_add(si, b.s, b.len);
		}
		simindex_add(si, b.s, b.len);	/* a copy of the last */
		simindex_pairs(si, NULL, NULL);
		simindex_stats(si, &st[run]);
		simindex_free(si);
	}
	CHECK(st[0].pairs == 1 && st[1].pairs == 1);
	CHECK(st[1].scanned < st[0].scanned);
	buf_free(&b);
}

/* The estimate mode keeps sketches only and still finds copies. */
static void
test_estimate(void)
{
	struct sim_opts o;
	struct simindex *si;
	struct sim_stats st;
	struct buf b = BUF_INIT;
	uint64_t x = 9;

	sim_opts_init(&o);
	o.estimate = 1;
	si = simindex_new(&o);
	add_words(&b, &x, 300);
	simindex_add(si, b.s, b.len);
	buf_reset(&b);
	add_words(&b, &x, 300);
	simindex_add(si, b.s, b.len);
	simindex_add(si, b.s, b.len);
	simindex_pairs(si, NULL, NULL);
	simindex_stats(si, &st);
	CHECK(st.pairs == 1);
	buf_free(&b);
	simindex_free(si);
}

/*
 * Stories of 150 to 450 words, each with two of three stock paragraphs
 * that most items hold (lists of the probe keys far longer than
 * SPARE_LONG), and rewrites of some: the items' common keys are looked
 * at last, for the partners the others found (simindex.c, look_up_rare).
 * With short, a few items first that are a stock paragraph and a few
 * words, contained in most of the rest and sharing nothing else: then no
 * key may wait.
 */
static void
make_stock_corpus(struct corpus *c, int short_items)
{
	struct buf stock[3] = { BUF_INIT, BUF_INIT, BUF_INIT }, base = BUF_INIT;
	struct buf b = BUF_INIT;
	uint64_t x = 0x2545F4914F6CDD1DULL;
	unsigned k, v, skip;

	for (k = 0; k < 3; k++)
		add_words(&stock[k], &x, 25);
	c->n = 0;
	for (k = 0; short_items && k < 3; k++) {
		buf_add(&b, stock[k].s, stock[k].len);
		add_words(&b, &x, 4);
		push(c, &b);
	}
	while (c->n < NTEXT - 4) {
		buf_reset(&base);
		skip = (unsigned)(next(&x) % 3);
		for (k = 0; k < 3; k++) {
			add_words(&base, &x, 50 + next(&x) % 100);
			if (k != skip)
				buf_add(&base, stock[k].s, stock[k].len);
		}
		buf_add(&b, base.s, base.len);
		push(c, &b);
		for (v = next(&x) % 3; v > 0; v--) {
			rewrite(&b, base.s, 2 + next(&x) % 40, &x);
			push(c, &b);
		}
	}
	for (k = 0; k < 3; k++)
		buf_free(&stock[k]);
	buf_free(&base);
}

/* Every pair over the thresholds, when most items share stock phrases. */
static void
test_stock(void)
{
	struct corpus c;
	struct truth t;
	struct sim_opts o;
	size_t want;
	int short_items, r;

	for (short_items = 0; short_items < 2; short_items++) {
		make_stock_corpus(&c, short_items);
		make_truth(&t, &c);
		for (r = 0; r < 3; r++) {
			sim_opts_init(&o);
			o.gen = r == 0 ? o.gen : SIM_GEN_PROBE;
			o.floor = r == 2 ? 0 : o.floor;
			o.threads = r + 1;
			want = check_engine(&c, &t, &o, "stock", NULL);
			CHECK(r > 0 || want > (short_items ? 300u : 50u));
		}
		free_corpus(&c, &t);
	}
}

/*
 * Items sharing many stock passages (every key of which 200 or more items
 * hold), and rewrites of them from 10% to 70% of words replaced, so that
 * pairs fall on both sides of the hits they need: the long lists that
 * the engine reads only in part for larger partners (read_places) and
 * the search of them (long_hits) must leave each candidate its hits.
 */
static void
make_passages_corpus(struct corpus *c, unsigned nstock)
{
	struct buf stock[8], base = BUF_INIT, b = BUF_INIT;
	uint64_t x = 0x853C49E6748FEA9BULL;
	unsigned k, v;

	for (k = 0; k < nstock; k++) {
		stock[k] = (struct buf)BUF_INIT;
		add_words(&stock[k], &x, 12 + next(&x) % 30);
	}
	c->n = 0;
	while (c->n < NTEXT - 4) {
		buf_reset(&base);
		add_words(&base, &x, 5 + next(&x) % 40);
		for (k = 0; k < nstock; k++)
			if (next(&x) % 3 != 0) {
				buf_add(&base, stock[k].s, stock[k].len);
				add_words(&base, &x, next(&x) % 25);
			}
		buf_add(&b, base.s, base.len);
		push(c, &b);
		for (v = next(&x) % 4; v > 0; v--) {
			rewrite(&b, base.s, 10 + next(&x) % 61, &x);
			push(c, &b);
		}
	}
	for (k = 0; k < nstock; k++)
		buf_free(&stock[k]);
	buf_free(&base);
}

static int
keep_all(void *arg, struct pair *p)
{
	(void)arg;
	(void)p;
	return 1;
}

/*
 * Every candidate by the rule (sim_candidate: the probe keys a pair
 * shares against sim_need) that has a verdict comes out, passages or
 * not; with the probe alone, nothing else does.
 */
static void
test_candidates(void)
{
	struct corpus c;
	struct truth t;
	struct sim_opts o;
	struct simindex *si;
	struct got g;
	size_t want, missed, extra, seen;
	unsigned run;
	uint32_t s, na, nb;
	int i, j, cand;

	make_passages_corpus(&c, 8);
	make_truth(&t, &c);
	for (run = 0; run < 4; run++) {
		sim_opts_init(&o);
		o.gen = run & 1 ? SIM_GEN_PROBE : o.gen;
		o.threads = run < 2 ? 1 : 3;
		si = simindex_new(&o);
		for (i = 0; i < c.n; i++)
			simindex_add(si, c.text[i], c.len[i]);
		memset(&g, 0, sizeof(g));
		g.t = &t;
		g.o = &o;
		g.seen = calloc(NTEXT * NTEXT, 1);
		simindex_pairs_checked(si, keep_all, collect, &g);
		want = missed = extra = seen = 0;
		for (i = 0; i < c.n; i++)
			for (j = i + 1; j < c.n; j++) {
				s = t.shared[i * NTEXT + j];
				na = (uint32_t)t.size[i];
				nb = (uint32_t)t.size[j];
				if (sim_verdict(&o, s, na, nb) == SIM_NO)
					continue;
				cand = shared_keys(&t, &o, i, j) >=
				    sim_need(&o, na, nb);
				want += cand;
				seen += g.seen[i * NTEXT + j];
				missed += cand && !g.seen[i * NTEXT + j];
				extra += !cand && g.seen[i * NTEXT + j];
			}
		if (getenv("UNIT_VERBOSE") || missed || (run & 1 && extra))
			fprintf(stderr, "candidates run %u: want %zu, seen "
			    "%zu, missed %zu, extra %zu\n", run, want, seen,
			    missed, extra);
		CHECK(missed == 0);
		CHECK(!(run & 1) || extra == 0);
		CHECK(want > 200 && seen >= want);
		free(g.seen);
		simindex_free(si);
	}
	free_corpus(&c, &t);
}

/* sim_need_least is no more than sim_need at any size in its range. */
static void
test_need_least(void)
{
	static const uint32_t n[] = { 1, 5, 40, 100, 101, 150, 400, 800,
	    3000 };
	struct sim_opts o;
	uint32_t s, lo, hi, least, min;
	unsigned set, k, bad = 0;

	for (set = 0; set < 4; set++) {
		sim_opts_init(&o);
		if (set == 1)
			o.jaccard = 0.3, o.contain = 0.9;
		else if (set == 2)
			o.contain = 0, o.floor = 0;
		else if (set == 3)
			o.sample = 12, o.rate = 16;
		for (k = 0; k < sizeof(n) / sizeof(n[0]); k++)
			for (lo = 1; lo < 4000; lo += lo / 3 + 7)
				for (hi = lo; hi < 6000; hi += hi / 2 + 11) {
					least = sim_need_least(&o, n[k], lo,
					    hi);
					for (min = UINT32_MAX, s = lo; s <= hi;
					    s++)
						if (sim_need(&o, s, n[k]) < min)
							min = sim_need(&o, s,
							    n[k]);
					bad += least > min;
				}
	}
	CHECK(bad == 0);
	/* Items of a like size need hits enough to keep some keys back. */
	sim_opts_init(&o);
	CHECK(sim_need_least(&o, 500, 200, 900) >= 5);
}

/*
 * A reader that keeps records (setread_keep) gets every set right, in
 * any order, through slots shared by several items, past records too
 * long to keep and items without one; an item read again while its slot
 * still holds it comes from memory (the same buffer), one whose slot was
 * taken is read again.
 */
static void
test_setread_keep(void)
{
	struct setstore *st = setstore_new(2, 0);
	struct setread r = SETREAD_INIT(0);
	uint32_t fp[2000], bands[2], i, k, n, want;
	const uint32_t *kept;

	for (i = 0; i < 40; i++) {
		n = i % 10 == 9 ? 1500 : 1 + i * 3;	/* 1500: 6 KB */
		for (k = 0; k < n; k++)
			fp[k] = i * 100000 + k * 7;
		bands[0] = i;
		bands[1] = ~i;
		setstore_add(st, i % 10 == 5 ? NULL : fp, n, bands);
	}
	setstore_flush(st);
	setread_keep(&r, 4, 1 << 20);
	for (k = 0; k < 200; k++) {
		i = (k * 17 + k / 7) % 40;
		n = setstore_get(st, i, &r);
		want = i % 10 == 5 ? 0 : i % 10 == 9 ? 1500 : 1 + i * 3;
		CHECK(n == want);
		if (n == 0)
			continue;
		CHECK(r.fp[0] == i * 100000 && r.fp[n - 1] == i * 100000 +
		    (n - 1) * 7);
		CHECK(setread_band(&r, 0) == i && setread_band(&r, 1) == ~i);
	}
	kept = (setstore_get(st, 6, &r), r.fp);
	setstore_get(st, 7, &r);
	setstore_get(st, 9, &r);		/* too long: not kept */
	CHECK((setstore_get(st, 6, &r), r.fp) == kept);
	setstore_get(st, 10, &r);		/* takes 6's slot */
	CHECK(setstore_get(st, 6, &r) == 19 && r.fp[18] == 600000 + 18 * 7);
	CHECK(r.kept > 0 && r.kept <= 4 * SETREAD_KEEP_MAX);
	setread_free(&r);
	/* 100 bytes: 6's record (88) is kept, 7's (100) is not. */
	setread_keep(&r, 4, 100);
	kept = (setstore_get(st, 6, &r), r.fp);
	CHECK(setstore_get(st, 7, &r) == 22 && r.fp[21] == 700000 + 21 * 7);
	CHECK(r.kept == 88);
	CHECK((setstore_get(st, 6, &r), r.fp) == kept && r.fp[0] == 600000);
	setread_free(&r);
	setstore_free(st);
}

/*
 * A store whose memory holds its first records and whose file holds the
 * rest: every set and band key right, read in order a chunk at a time,
 * in any order, and through a reader that keeps records; once a record
 * went to the file, a short one after it goes there too.
 */
static void
test_setstore_memory(void)
{
	struct setstore *st = setstore_new(3, 4020);
	struct setread r;
	uint32_t fp[600], bands[3], i, k, n, want, pass;

	for (i = 0; i < 60; i++) {
		n = i == 15 ? 1 : 1 + (i * 37) % 150;
		for (k = 0; k < n; k++)
			fp[k] = i * 100000 + k * 3;
		bands[0] = i, bands[1] = ~i, bands[2] = i * 7;
		setstore_add(st, i % 9 == 4 ? NULL : fp, n, bands);
	}
	setstore_flush(st);
	CHECK(setstore_file_bytes(st) > 0);
	CHECK(setstore_bytes(st) > 60 * 8 && setstore_bytes(st) <= 60 * 8 +
	    4020 + 8 * 64);
	for (pass = 0; pass < 3; pass++) {
		memset(&r, 0, sizeof(r));
		r.ahead = pass == 0;
		if (pass == 2)
			setread_keep(&r, 8, 1 << 20);
		for (k = 0; k < 120; k++) {
			i = pass == 0 ? k % 60 : (k * 23 + k / 5) % 60;
			n = setstore_get(st, i, &r);
			want = i % 9 == 4 ? 0 : i == 15 ? 1 :
			    1 + (i * 37) % 150;
			CHECK(n == want);
			if (n == 0)
				continue;
			CHECK(r.fp[0] == i * 100000 && r.fp[n - 1] == i *
			    100000 + (n - 1) * 3);
			CHECK(setread_band(&r, 0) == i &&
			    setread_band(&r, 1) == ~i &&
			    setread_band(&r, 2) == i * 7);
		}
		setread_free(&r);
	}
	setstore_free(st);
}

/* A stand-in for the passages: keeps some pairs, with evidence by a, b. */
static int
check_some(void *arg, struct pair *p)
{
	size_t *calls = arg;

	(*calls)++;
	p->ev.passages = 1 + (p->a + p->b) % 3;
	p->ev.covered_a = (double)p->a / (p->a + p->b);
	p->ev.covered_b = (double)p->b / (p->a + p->b);
	return (p->a * 7 + p->b) % 3 != 0;
}

/* The same figures, the evidence's too, for the same items. */
static int
same_pair(const struct pair *x, const struct pair *y)
{
	return x->a == y->a && x->b == y->b && x->shared == y->shared &&
	    x->jaccard == y->jaccard && x->in_a == y->in_a &&
	    x->in_b == y->in_b && x->by == y->by &&
	    x->ev.passages == y->ev.passages &&
	    x->ev.covered_a == y->ev.covered_a &&
	    x->ev.covered_b == y->ev.covered_b;
}

/*
 * Put the corpus's first 150 items back as near-copies of one story of
 * 5 to 80 words: each has 1% to 15% of its words replaced.
 */
static void
near_copies(struct corpus *c)
{
	struct buf base = BUF_INIT, b = BUF_INIT;
	uint64_t x = 0x2545F4914F6CDD1DULL;
	int i;

	add_words(&base, &x, 80);
	for (i = 0; i < 150; i++) {
		free(c->text[i]);
		rewrite(&b, base.s, 1 + (unsigned)(next(&x) % 15), &x);
		c->text[i] = buf_detach(&b, &c->len[i]);
		/* Cut to 5 words or more, at a word's end. */
		c->len[i] = c->len[i] * (5 + next(&x) % 76) / 80;
		while (c->len[i] > 0 && c->text[i][c->len[i] - 1] != ' ')
			c->len[i]--;
		c->text[i][c->len[i]] = '\0';
	}
	buf_free(&base);
}

/*
 * simindex_walk finds the clusters of simindex_check and
 * simindex_clusters, holding no pairs: on the corpus of stories and
 * variants with copies (items of one set), under every engine setting,
 * with passages checked or not, for three orders of preference; each
 * item's pair with its representative the same.
 */
static void
test_walk(void)
{
	struct corpus c;
	struct sim_opts o[8];
	struct simindex *a, *b;
	const uint32_t *ca, *cb;
	struct pair pa, pb;
	uint32_t pref[NTEXT + 40], n, i, r, x;
	size_t calls, nclusters, njoined;
	int k, order, same, pairs, checked, more;

	make_corpus(&c);
	/*
	 * And near-copies of one story: its keys' lists are long, so the
	 * pair finder reads them only in part (read_places), from the
	 * larger item of each pair.
	 */
	near_copies(&c);
	for (k = 0; k < 8; k++)
		sim_opts_init(&o[k]);
	o[1].exact = 1;
	o[2].estimate = 1;
	o[3].gen = SIM_GEN_LSH;
	o[3].contain = 0;
	o[3].jaccard = 0.8;
	o[4].threads = 3;
	o[5].jaccard = 0.3;
	o[5].contain = 0.9;
	o[6].floor = 0;
	o[7].maxdf = 4;		/* many keys common: the cuts matter */
	for (k = 0; k < 8; k++) {
		for (order = 0; order < 3; order++) {
			for (checked = 0; checked < 2; checked++) {
				a = simindex_new(&o[k]);
				b = simindex_new(&o[k]);
				n = 0;
				/* Copies of some items, before and after them. */
				for (i = 0; i < (uint32_t)c.n + 40; i++) {
					x = i < (uint32_t)c.n ? i : (i * 37) %
					    (uint32_t)c.n;
					simindex_add(a, c.text[x], c.len[x]);
					simindex_add(b, c.text[x], c.len[x]);
					n++;
				}
				for (i = 0; i < n; i++)
					pref[i] = order == 0 ? i : order == 1 ?
					    n - 1 - i : (i * 211 + 17) % n;
				CHECK(order != 2 || n % 211 != 0);
				calls = 0;
				if (checked)
					simindex_check(a, check_some, &calls);
				ca = simindex_clusters(a, pref);
				cb = simindex_walk(b, pref, checked ?
				    check_some : NULL, &calls);
				same = pairs = 1;
				nclusters = njoined = 0;
				for (r = 0; r < n; r++) {
					same &= ca[r] == cb[r];
					nclusters += cb[r] == r;
					if (ca[r] == r || ca[r] != cb[r])
						continue;
					njoined++;
					more = simindex_pair_with(a, r, ca[r],
					    &pa) == 1;
					more &= simindex_pair_with(b, r, cb[r],
					    &pb) == 1;
					pairs &= more && same_pair(&pa, &pb);
				}
				if (!same || !pairs)
					fprintf(stderr, "walk: setting %d, "
					    "order %d, checked %d: clusters "
					    "%s, pairs %s\n", k, order,
					    checked, same ? "same" : "differ",
					    pairs ? "same" : "differ");
				CHECK(same);
				CHECK(pairs);
				/* Not all one cluster, nor all alone. */
				CHECK(nclusters > 40 && njoined > 40);
				simindex_free(a);
				simindex_free(b);
			}
		}
	}
	for (k = 0; k < c.n; k++)
		free(c.text[k]);
}

int
main(void)
{
	test_setstore_memory();
	test_setread_keep();
	test_engines();
	test_clusters();
	test_walk();
	test_containment();
	test_common();
	test_estimate();
	test_stock();
	test_candidates();
	test_need_least();
	test_mapreduce();
	UNIT_END();
}
