/*
 * mode_pairs.c - the modes of the in-memory engine (simindex.h): pairs,
 * clusters and dedup (see mode.h).
 *
 * Every item goes into the engine as its shingle set; the pairs are found
 * once all are read.  --clusters and --dedup write records, not pairs, so
 * the records are spooled to a temporary file as they come and read back
 * at the end: memory holds the sets, not the texts.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/spool.h"
#include "base/strset.h"
#include "base/util.h"
#include "io/output.h"
#include "sim/itemreader.h"
#include "sim/itemstore.h"
#include "sim/mode.h"
#include "sim/simindex.h"

#define NONE	UINT32_MAX

enum what { PAIRS, CLUSTERS, DEDUP };

struct mem {
	struct itemreader *reader;	/* first, for mode_read */
	enum what	 what;
	enum mode_keep	 keep;
	const char	*dups;		/* --dups FILE */
	struct simindex	*si;
	uint64_t	*len;		/* text bytes, for --keep longest */
	struct strset	*dates;		/* --keep earliest: date strings */
	uint32_t	*date;		/* item -> number in dates, or NONE */
	size_t		 cap;
	FILE		*spool;		/* records, for clusters and dedup */
	struct output	*dupout;	/* --dups, committed after -o */
	bool		 commit;	/* -o will be put in place */
	uint64_t	 ndropped;
	struct itemstore *store;	/* texts, for the pairs under the
					   thresholds: NULL with --floor 0 */
	struct aligner	*al;
	struct align_text *ta, *tb;
	uint32_t	 last;		/* the item prepared in ta */
	struct buf	 line, out;
	uint64_t	 npairs;
	struct run	*run;		/* where pairs go */
	struct mode_clock clock;
};

static void
grow(struct mem *st, uint32_t i)
{
	if (i < st->cap)
		return;
	/* Two arrays of one length: the second follows the first. */
	st->len = xroom(st->len, &st->cap, (size_t)i + 1, sizeof(*st->len));
	st->date = xreallocarray(st->date, st->cap, sizeof(*st->date));
}

/* An item: its set, and what --keep and the replay need. */
static void
mem_item(void *arg, const struct item *it, struct record *rec, void *ctx)
{
	struct mem *st = arg;
	const char *s;
	size_t n;
	uint32_t item;
	int added;

	item = simindex_add(st->si, it->text, it->len);
	if (st->store != NULL)
		itemstore_add_line(st->store, it, run_input(ctx));
	grow(st, item);
	st->len[item] = it->len;
	st->date[item] = NONE;
	if (st->keep == MODE_KEEP_EARLIEST && record_get(rec, "date", &s,
	    &n) == 1 && n > 0)
		st->date[item] = strset_add(st->dates, s, n, &added);
	if (st->spool != NULL) {
		buf_reset(&st->line);
		record_write(rec, &st->line);
		spool_write(st->spool, st->line.s, st->line.len);
	}
}

static void
emit_pair(void *arg, const struct pair *p)
{
	struct mem *st = arg;
	const char *a, *b;
	size_t alen, blen;

	a = itemreader_id(st->reader, p->a, &alen);
	b = itemreader_id(st->reader, p->b, &blen);
	buf_reset(&st->out);
	pair_json(&st->out, a, alen, b, blen, p);
	run_write(st->run, st->out.s, st->out.len);
	st->npairs++;
}

/* Is item i a better representative than j under --keep?  Ties: neither. */
static bool
better(const struct mem *st, uint32_t i, uint32_t j)
{
	const char *a, *b;
	size_t an, bn;
	int c;

	switch (st->keep) {
	case MODE_KEEP_LONGEST:
		return st->len[i] > st->len[j];
	case MODE_KEEP_EARLIEST:
		if (st->date[i] == NONE || st->date[j] == NONE)
			return st->date[j] == NONE && st->date[i] != NONE;
		a = strset_get(st->dates, st->date[i], &an);
		b = strset_get(st->dates, st->date[j], &bn);
		/* ISO 8601 dates order as strings. */
		c = memcmp(a, b, an < bn ? an : bn);
		return c < 0 || (c == 0 && an < bn);
	default:
		return false;
	}
}

/* --keep's order, ties by input order: the best item first. */
static int
cmp_keep(const void *x, const void *y, void *arg)
{
	const struct mem *st = arg;
	uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;

	if (better(st, i, j))
		return -1;
	if (better(st, j, i))
		return 1;
	return i < j ? -1 : i > j;
}

/* A pair under the thresholds: its passages decide (sim.h). */
static int
check_pair(void *arg, struct pair *p)
{
	struct mem *st = arg;
	const struct item *a, *b;

	/* Pairs come in order of a: prepare each a once. */
	if (st->last != p->a) {
		a = itemstore_get(st->store, p->a, 0);
		align_text_set(st->al, st->ta, a->text, a->len, a->sent,
		    a->nsent, a->cstart);
		st->last = p->a;
	}
	b = itemstore_get(st->store, p->b, 1);
	align_text_set(st->al, st->tb, b->text, b->len, b->sent, b->nsent,
	    b->cstart);
	align_evidence(st->al, st->ta, st->tb, &p->ev);
	return sim_evidence(&p->ev);
}

/*
 * Re-read the spooled records: with --clusters write each with its
 * cluster, with --dedup write the kept ones, and the dropped ones to
 * --dups with the item each stands for ("dup_of") and their pair's
 * figures ("dup", a as the dropped item).  Every item of a cluster has a
 * pair with its representative, the best of them by --keep.
 */
static void
replay(struct mem *st, struct run *run)
{
	const uint32_t *cl;
	struct record rec = RECORD_INIT;
	struct pair p;
	uint32_t *pref, i, n = (uint32_t)itemreader_count(st->reader);
	const char *id, *msg;
	char *line = NULL;
	size_t cap = 0, idlen, pos;
	ssize_t len;

	pref = xreallocarray(NULL, n ? n : 1, sizeof(*pref));
	for (i = 0; i < n; i++)
		pref[i] = i;
	qsort_r(pref, n, sizeof(*pref), cmp_keep, st);
	/* The walk holds no pairs: 10,000 copies of one story make 50 M. */
	cl = simindex_walk(st->si, pref, st->store != NULL ? check_pair :
	    NULL, st);
	free(pref);
	if (st->what == DEDUP && st->dups != NULL)
		st->dupout = output_open(st->dups, false);
	spool_rewind(st->spool);
	for (i = 0; (len = getline(&line, &cap, st->spool)) > 0; i++) {
		if (st->what == DEDUP && cl[i] == i) {
			run_write(run, line, (size_t)len);
			continue;
		}
		if (st->what == DEDUP)
			st->ndropped++;
		if (st->what == DEDUP && st->dupout == NULL)
			continue;
		if (record_parse(&rec, line, (size_t)len - 1, &msg, &pos) < 0)
			errx(1, "temporary file: %s", msg);
		id = itemreader_id(st->reader, cl[i], &idlen);
		if (st->what == CLUSTERS) {
			record_set(&rec, "cluster", id, idlen);
			run_emit(run, &rec);
			continue;
		}
		record_set(&rec, "dup_of", id, idlen);
		if (simindex_pair_with(st->si, i, cl[i], &p) != 1)
			errx(1, "no pair of a dropped item and its cluster's");
		buf_reset(&st->out);
		pair_figures_json(&st->out, &p);
		record_set_raw(&rec, "dup", st->out.s, st->out.len,
		    JSON_OBJECT);
		buf_reset(&st->line);
		record_write(&rec, &st->line);
		output_write(st->dupout, st->line.s, st->line.len);
	}
	spool_check(st->spool);
	/* --dups is put in place after -o, by mem_free: a run whose -o
	 * fails leaves both as they were. */
	st->commit = run_may_commit(run);
	free(line);
	record_free(&rec);
}

static void
mem_flush(void *arg, struct run *run)
{
	struct mem *st = arg;
	struct sim_stats stats;

	mode_end(st->reader, run);
	st->run = run;
	if (st->what == PAIRS) {
		simindex_pairs_checked(st->si, st->store != NULL ? check_pair :
		    NULL, emit_pair, st);
	} else {
		replay(st, run);
		/* The items paired with their representatives. */
		simindex_stats(st->si, &stats);
		st->npairs = stats.pairs;
	}
	if (st->store != NULL)
		itemstore_check(st->store);
	mode_summary(&st->clock, itemreader_count(st->reader), st->npairs);
}

static void
mem_free(void *arg)
{
	struct mem *st = arg;

	if (st->what == DEDUP) {
		/* After run_end: -o is in place when st->commit says so. */
		output_close(st->dupout, st->commit);
		if (st->commit)
			fprintf(stderr, "artsim: %llu duplicate%s dropped, "
			    "%llu kept%s%s\n",
			    (unsigned long long)st->ndropped,
			    st->ndropped == 1 ? "" : "s",
			    (unsigned long long)(itemreader_count(st->reader) -
			    st->ndropped), st->dupout ? ", dropped ones in " :
			    "", st->dupout ? st->dups : "");
	}
	if (st->spool != NULL)
		fclose(st->spool);
	itemstore_free(st->store);
	aligner_free(st->al);
	align_text_free(st->ta);
	align_text_free(st->tb);
	itemreader_free(st->reader);
	simindex_free(st->si);
	strset_free(st->dates);
	free(st->len);
	free(st->date);
	buf_free(&st->line);
	buf_free(&st->out);
	free(st);
}

static struct run_mapper
mem_new(const struct mode_opts *o, enum what what)
{
	struct run_mapper m = { mode_read, NULL, mem_flush, mem_free, NULL };
	struct mem *st;
	int flags;

	st = xcalloc(1, sizeof(*st));
	st->what = what;
	st->keep = o->keep;
	st->dups = o->dups;
	mode_clock_start(&st->clock, &o->common);
	st->si = simindex_new(&o->sim);
	if (st->clock.progress)
		simindex_progress(st->si, mode_show_progress, &st->clock);
	flags = o->with_title ? ITEMREADER_TITLE : 0;
	st->reader = itemreader_new(ITEMREADER_UNIQUE | flags, mem_item, st);
	st->dates = strset_new();
	if (o->sim.floor > 0 && !o->sim.estimate) {
		/* The texts are read again from the input files. */
		st->store = itemstore_new();
		itemstore_reread(st->store, o->common.plain, flags);
		st->al = aligner_new(&o->align);
		st->ta = align_text_new();
		st->tb = align_text_new();
		st->last = UINT32_MAX;
	}
	if (what != PAIRS)
		st->spool = spool_open();
	m.state = st;
	return m;
}

struct run_mapper
mode_pairs(const struct mode_opts *o)
{
	return mem_new(o, PAIRS);
}

struct run_mapper
mode_clusters(const struct mode_opts *o)
{
	return mem_new(o, CLUSTERS);
}

struct run_mapper
mode_dedup(const struct mode_opts *o)
{
	return mem_new(o, DEDUP);
}
