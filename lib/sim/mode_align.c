/*
 * mode_align.c - the in-memory --align mode (see mode.h): the engine
 * (simindex.h) finds the pairs, and the aligner (align.h) the passages
 * each shares.
 *
 * Items are read with their sentences (artsent's records joined back),
 * and their texts kept in a temporary store (itemstore.h), so memory holds
 * the shingle sets; each pair's two items are read back to be aligned.
 */
#include <stdlib.h>

#include "base/util.h"
#include "sim/itemreader.h"
#include "sim/itemstore.h"
#include "sim/mode.h"
#include "sim/simindex.h"

struct malign {
	struct itemreader *reader;	/* first, for mode_read */
	struct simindex	*si;
	struct itemstore *store;	/* the items' texts */
	struct aligner	*al;
	struct align_text *ta, *tb;
	uint32_t	 last;		/* the item prepared in ta */
	struct buf	 out;
	uint64_t	 npairs;
	struct run	*run;
	struct mode_clock clock;
};

static void
malign_item(void *arg, const struct item *it, struct record *rec,
    void *ctx)
{
	struct malign *st = arg;

	simindex_add(st->si, it->text, it->len);
	itemstore_add(st->store, it);
}

/* The passages of one pair, its two items read back. */
static void
align_one(void *arg, const struct pair *p)
{
	struct malign *st = arg;
	const struct item *a, *b;

	/* Pairs come in order of a: prepare each a once. */
	a = itemstore_get(st->store, p->a, 0);
	if (st->last != p->a)
		align_text_set(st->al, st->ta, a->text, a->len, a->sent,
		    a->nsent, a->cstart);
	st->last = p->a;
	b = itemstore_get(st->store, p->b, 1);
	align_text_set(st->al, st->tb, b->text, b->len, b->sent, b->nsent,
	    b->cstart);
	buf_reset(&st->out);
	if (align_write(st->al, &st->out, a, st->ta, b, st->tb, true) > 0)
		run_write(st->run, st->out.s, st->out.len);
	st->npairs++;
}

static void
malign_flush(void *arg, struct run *run)
{
	struct malign *st = arg;

	mode_end(st->reader, run);
	st->run = run;
	simindex_pairs(st->si, align_one, st);
	mode_summary(&st->clock, itemreader_count(st->reader), st->npairs);
}

static void
malign_free(void *arg)
{
	struct malign *st = arg;

	itemreader_free(st->reader);
	simindex_free(st->si);
	itemstore_free(st->store);
	aligner_free(st->al);
	align_text_free(st->ta);
	align_text_free(st->tb);
	buf_free(&st->out);
	free(st);
}

struct run_mapper
mode_align(const struct mode_opts *o)
{
	struct run_mapper m = { mode_read, NULL, malign_flush, malign_free,
	    NULL };
	struct malign *st;
	struct sim_opts so = o->sim;

	/* Reuse of a few paragraphs is what --align is for. */
	if (!o->contain_set)
		so.contain = ALIGN_CONTAIN;
	st = xcalloc(1, sizeof(*st));
	mode_clock_start(&st->clock, &o->common);
	st->si = simindex_new(&so);
	if (st->clock.progress)
		simindex_progress(st->si, mode_show_progress, &st->clock);
	st->reader = itemreader_new(ITEMREADER_SENTENCES | ITEMREADER_UNIQUE,
	    malign_item, st);
	st->store = itemstore_new();
	st->al = aligner_new(&o->align);
	st->ta = align_text_new();
	st->tb = align_text_new();
	st->last = UINT32_MAX;
	m.state = st;
	return m;
}
