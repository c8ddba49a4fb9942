/*
 * mode_kv.c - the steps of the map / sort / reduce split (simkv.h): --map
 * writes the lines of each item, --reduce turns sorted lines into the next
 * round's (see mode.h).  Each holds one item, or one group of lines.
 */
#include <stdlib.h>

#include "base/util.h"
#include "sim/itemreader.h"
#include "sim/mode.h"
#include "sim/simkv.h"

struct mkv {
	struct itemreader *reader;	/* first, for mode_read */
	struct simkv	*kv;
	struct run	*run;		/* where kv writes */
	struct mode_clock clock;
};

/* simkv's lines go out through the run. */
static void
kv_write(void *arg, const char *s, size_t n)
{
	struct mkv *st = arg;

	run_write(st->run, s, n);
}

static void
map_item(void *arg, const struct item *it, struct record *rec, void *ctx)
{
	struct mkv *st = arg;

	st->run = ctx;
	simkv_map_item(st->kv, it);
}

static void
map_flush(void *arg, struct run *run)
{
	struct mkv *st = arg;

	mode_end(st->reader, run);
	st->run = run;
	simkv_map_end(st->kv);
	mode_summary(&st->clock, itemreader_count(st->reader), 0);
}

/*
 * A bad line stops the run (--reduce takes no --rejects), since a round
 * that went on without it would give other pairs.
 */
static int
reduce_line(void *arg, const char *line, size_t len, struct run *run)
{
	struct mkv *st = arg;
	const char *msg;

	st->run = run;
	if (simkv_reduce(st->kv, line, len, &msg) < 0)
		return run_reject(run, "%s", msg);
	return 0;
}

static void
reduce_flush(void *arg, struct run *run)
{
	struct mkv *st = arg;

	st->run = run;
	if (!run_failed(run))
		simkv_reduce_end(st->kv);
}

static void
kv_free(void *arg)
{
	struct mkv *st = arg;

	itemreader_free(st->reader);
	simkv_free(st->kv);
	free(st);
}

struct run_mapper
mode_map(const struct mode_opts *o)
{
	struct run_mapper m = { mode_read, NULL, map_flush, kv_free, NULL };
	struct sim_opts so = o->sim;
	struct mkv *st;

	st = xcalloc(1, sizeof(*st));
	mode_clock_start(&st->clock, &o->common);
	st->kv = simkv_new(&so, 0, kv_write, st);
	simkv_map_buffer(st->kv, o->map_buffer);
	st->reader = itemreader_new(ITEMREADER_NEED_ID | (o->with_title ?
	    ITEMREADER_TITLE : 0), map_item, st);
	m.state = st;
	return m;
}

struct run_mapper
mode_reduce(const struct mode_opts *o)
{
	struct run_mapper m = { NULL, reduce_line, reduce_flush, kv_free,
	    NULL };
	struct sim_opts so = o->sim;
	struct mkv *st;

	st = xcalloc(1, sizeof(*st));
	st->kv = simkv_new(&so, o->max_group, kv_write, st);
	simkv_limit_text(st->kv, o->common.max_record);
	m.state = st;
	return m;
}
