/*
 * mode_ref.c - the modes of the reference index (refindex.h): --index
 * writes one, --ref streams items against one (see mode.h).
 *
 * --ref holds nothing per item: each is answered by one of the threads
 * of a batch (batch.h), each with its own query and aligner over the one
 * mapped index, and the answers are written in input order, so the
 * output does not depend on the threads.
 */
#include <err.h>
#include <stdlib.h>

#include "base/util.h"
#include "sim/batch.h"
#include "sim/itemreader.h"
#include "sim/mode.h"
#include "sim/refindex.h"

/* --index */
struct mindex {
	struct itemreader *reader;	/* first, for mode_read */
	struct refindex_builder *builder;
	struct mode_clock clock;
};

static void
index_item(void *arg, const struct item *it, struct record *rec, void *ctx)
{
	struct mindex *st = arg;

	refindex_builder_add(st->builder, it);
}

/* The index goes out through the run, so -o is atomic. */
static void
write_index(void *arg, const void *p, size_t n)
{
	if (n > 0)
		run_write(arg, p, n);
}

static void
index_flush(void *arg, struct run *run)
{
	struct mindex *st = arg;

	mode_end(st->reader, run);
	refindex_builder_write(st->builder, write_index, run);
	mode_summary(&st->clock, itemreader_count(st->reader), 0);
}

static void
index_free(void *arg)
{
	struct mindex *st = arg;

	itemreader_free(st->reader);
	refindex_builder_free(st->builder);
	free(st);
}

struct run_mapper
mode_index(const struct mode_opts *o)
{
	struct run_mapper m = { mode_read, NULL, index_flush, index_free,
	    NULL };
	struct mindex *st;

	st = xcalloc(1, sizeof(*st));
	mode_clock_start(&st->clock, &o->common);
	st->builder = refindex_builder_new(&o->sim);
	st->reader = itemreader_new(ITEMREADER_SENTENCES | ITEMREADER_UNIQUE,
	    index_item, st);
	m.state = st;
	return m;
}

/* --ref: what one worker thread needs of its own. */
struct refwork {
	struct refquery	*q;
	struct aligner	*al;		/* --align */
	struct align_text *ta, *tb;
};

struct mref {
	struct itemreader *reader;	/* first, for mode_read */
	const char	*path;		/* of the index, for the message */
	struct refindex	*ix;
	struct batch	*batch;		/* items to answer */
	struct refwork	*work;		/* a worker's scratch */
	unsigned	 nwork;
	bool		 align;
	struct mode_clock clock;
};

/*
 * The pairs, or the passages, of one item and the references, on worker
 * w's thread.
 */
static size_t
ref_answer(void *arg, unsigned w, const struct item *it, struct buf *out)
{
	struct mref *st = arg;
	struct refwork *wk = &st->work[w];
	const struct pair *p;
	struct pair pr;
	struct item ref;
	size_t n, i, done = 0;
	bool prepared = false;

	if ((n = refquery_run(wk->q, it->text, it->len, &p)) ==
	    REFQUERY_DAMAGED)
		return BATCH_FAILED;
	for (i = 0; i < n; i++) {
		pr = p[i];
		if (refquery_item(wk->q, pr.b, &ref) < 0)
			return BATCH_FAILED;
		if (st->align || pr.by == SIM_CHECK) {
			if (!prepared)
				align_text_set(wk->al, wk->ta, it->text,
				    it->len, it->sent, it->nsent, it->cstart);
			prepared = true;
			align_text_set(wk->al, wk->tb, ref.text, ref.len,
			    ref.sent, ref.nsent, ref.cstart);
		}
		if (pr.by == SIM_CHECK) {
			/* Under the thresholds: the passages decide. */
			align_evidence(wk->al, wk->ta, wk->tb, &pr.ev);
			if (!sim_evidence(&pr.ev))
				continue;
			pr.by = SIM_PASSAGES;
		}
		if (st->align)
			align_write(wk->al, out, it, wk->ta, &ref, wk->tb,
			    false);
		else
			pair_json(out, it->id, it->idlen, ref.id, ref.idlen,
			    &pr);
		done++;
	}
	return done;
}

static void
write_run(void *arg, const void *p, size_t n)
{
	run_write(arg, p, n);
}

/*
 * A damaged index, found by a worker: reported here, on the main thread,
 * once, after the answers of the items before the damage.
 */
static void __attribute__((noreturn))
ref_damaged(const struct mref *st)
{
	errx(1, "%s: damaged index (%s): build it again with artsim --index",
	    st->path, refindex_damage(st->ix));
}

static void
ref_item(void *arg, const struct item *it, struct record *rec, void *ctx)
{
	struct mref *st = arg;

	if (batch_add(st->batch, it, write_run, ctx) < 0)
		ref_damaged(st);
}

static void
ref_flush(void *arg, struct run *run)
{
	struct mref *st = arg;

	mode_end(st->reader, run);
	if (batch_flush(st->batch, write_run, run) < 0)
		ref_damaged(st);
	mode_summary(&st->clock, itemreader_count(st->reader),
	    batch_total(st->batch));
}

static void
ref_free(void *arg)
{
	struct mref *st = arg;
	unsigned w;

	itemreader_free(st->reader);
	batch_free(st->batch);
	for (w = 0; w < st->nwork; w++) {
		refquery_free(st->work[w].q);
		aligner_free(st->work[w].al);
		align_text_free(st->work[w].ta);
		align_text_free(st->work[w].tb);
	}
	free(st->work);
	refindex_close(st->ix);
	free(st);
}

static struct run_mapper
ref_new(const struct mode_opts *o, bool align)
{
	struct run_mapper m = { mode_read, NULL, ref_flush, ref_free, NULL };
	struct sim_opts so = o->sim;
	struct mref *st;
	char errbuf[256];
	unsigned w;

	/* Reuse of a few paragraphs is what --align is for. */
	if (align && !o->contain_set)
		so.contain = ALIGN_CONTAIN;
	st = xcalloc(1, sizeof(*st));
	mode_clock_start(&st->clock, &o->common);
	st->align = align;
	st->path = o->ref;
	if ((st->ix = refindex_open(o->ref, &so, errbuf, sizeof(errbuf))) ==
	    NULL)
		errx(1, "%s: %s", o->ref, errbuf);
	/* A query, and for --align an aligner, per thread: 1 to 256. */
	st->nwork = so.threads > 0 ? so.threads : 1;
	st->work = xcalloc(st->nwork, sizeof(*st->work));
	for (w = 0; w < st->nwork; w++) {
		st->work[w].q = refquery_new(st->ix);
		if (align || so.floor > 0) {
			st->work[w].al = aligner_new(&o->align);
			st->work[w].ta = align_text_new();
			st->work[w].tb = align_text_new();
		}
	}
	st->batch = batch_new(st->nwork, ref_answer, st);
	/* A stream against references keeps no ids. */
	st->reader = itemreader_new(ITEMREADER_SENTENCES, ref_item, st);
	m.state = st;
	return m;
}

struct run_mapper
mode_ref(const struct mode_opts *o)
{
	return ref_new(o, false);
}

struct run_mapper
mode_ref_align(const struct mode_opts *o)
{
	return ref_new(o, true);
}
