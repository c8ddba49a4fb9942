/*
 * artsim - find near-duplicate news items.
 *
 * Options, the record function that feeds the similarity engine
 * (lib/sim/simindex.c), and the ways of writing its answer: pairs, every
 * record with its cluster, one record per cluster, or the passages each
 * pair shares (lib/sim/align.c).  Records are spooled to a temporary file for
 * --clusters and --dedup, and texts for --align, so memory holds the
 * shingle sets, not the texts.  --index writes a reference index and
 * --ref streams items against one (lib/sim/refindex.c), holding nothing per
 * item.  --map and --reduce are the steps of the map / sort / reduce
 * split (lib/sim/simkv.c), which holds one group of lines at a time.
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>

#include "sim/align.h"
#include "sim/batch.h"
#include "io/output.h"
#include "sim/refindex.h"
#include "io/run.h"
#include "sim/simindex.h"
#include "sim/simkv.h"
#include "base/strset.h"
#include "io/toolopt.h"
#include "base/util.h"
#include "base/spool.h"

enum mode { PAIRS, CLUSTERS, DEDUP, ALIGN };
enum step { WHOLE, MAP, REDUCE };	/* one run, or a map/reduce step */
enum keep { KEEP_FIRST, KEEP_LONGEST, KEEP_EARLIEST };

enum {
	OPT_ALIGN = OPT_TOOL,
	OPT_CHARS,
	OPT_CLUSTERS,
	OPT_CONTAIN,
	OPT_DEDUP,
	OPT_DUPS,
	OPT_ESTIMATE,
	OPT_EXACT,
	OPT_INDEX,
	OPT_KEEP,
	OPT_MAP,
	OPT_MAX_GROUP,
	OPT_MIN_WORDS,
	OPT_PARTLY,
	OPT_REDUCE,
	OPT_REF,
	OPT_SEED,
	OPT_WHOLLY,
	OPT_WITH_TITLE
};

struct opts {
	struct toolopt	 common;
	struct sim_opts	 sim;
	struct align_opts align;
	bool		 contain_set;	/* --contain given */
	bool		 align_set;	/* --min-words, --wholly or --partly */
	bool		 shingle_set;	/* -n, --chars or --seed */
	bool		 index;		/* --index */
	const char	*ref;		/* --ref FILE */
	enum mode	 mode;
	enum step	 step;		/* --map, --reduce */
	size_t		 max_group;	/* --max-group BYTES */
	enum keep	 keep;
	const char	*dups;		/* --dups FILE */
	bool		 with_title;
};

struct state {
	const struct opts *o;
	struct simindex	*si;
	struct strset	*ids;		/* item number -> id */
	uint64_t	*len;		/* text bytes, for --keep longest */
	struct strset	*dates;		/* --keep earliest: date strings */
	uint32_t	*date;		/* item -> number in dates, or NONE */
	size_t		 cap;
	FILE		*spool;		/* records, for clusters and dedup */
	struct buf	 text, line;
	uint64_t	 npairs;
	uint64_t	 nitems;	/* items gathered */
	/* --align: items gathered from records, their texts stored. */
	struct align_gather *gather;
	struct align_store *store;
	struct aligner	*al;
	struct align_text *ta, *tb;
	struct buf	 id, out;
	struct refindex_builder *builder;	/* --index */
	struct refindex	*ix;			/* --ref */
	struct batch	*batch;			/* --ref: items to answer */
	struct refwork	*work;			/* and a worker's scratch */
	struct simkv	*kv;			/* --map, --reduce */
	struct run	*run;			/* where kv writes */
	bool		 progress;		/* lines on stderr */
	struct timespec	 t0, shown;		/* start, last line */
};

/* What one --ref worker thread needs of its own. */
struct refwork {
	struct refquery	*q;
	struct aligner	*al;
	struct align_text *ta, *tb;
};

#define NONE	UINT32_MAX

static const struct toolopt_spec own[] = {
	{ "words", 'n', "N", "words per shingle (default 5)" },
	{ "chars", OPT_CHARS, "N", "shingles of N characters instead of words" },
	{ "hashes", 'k', "K", "MinHash values per item (default 128)" },
	{ "threads", 'j', "N",
	    "threads finding pairs and answering --ref (default:\nthe online CPUs)" },
	{ "jaccard", 't', "J", "report pairs with Jaccard >= J (default 0.5)" },
	{ "contain", OPT_CONTAIN, "C",
	    "or with either containment >= C (default 0.5; 0 off)" },
	{ "exact", OPT_EXACT, NULL, "compare every pair sharing a shingle" },
	{ "estimate", OPT_ESTIMATE, NULL, "report MinHash estimates, keep no sets" },
	{ "seed", OPT_SEED, "N", "seed of every hash (default 0)" },
	{ "with-title", OPT_WITH_TITLE, NULL, "compare title and text" },
	{ "clusters", OPT_CLUSTERS, NULL, "pass every record through with its cluster" },
	{ "dedup", OPT_DEDUP, NULL, "keep one record per cluster" },
	{ "keep", OPT_KEEP, "HOW", "with --dedup: first, longest or earliest" },
	{ "dups", OPT_DUPS, "FILE", "with --dedup: write the dropped records to FILE" },
	{ "align", OPT_ALIGN, NULL,
	    "the passages each pair shares, and the share reused" },
	{ "min-words", OPT_MIN_WORDS, "N",
	    "with --align: shortest passage in words (default 10)" },
	{ "wholly", OPT_WHOLLY, "R", "with --align: wholly derived from a share of R (0.6)" },
	{ "partly", OPT_PARTLY, "R", "with --align: partially derived from R (0.1)" },
	{ "index", OPT_INDEX, NULL, "write a reference index of the items" },
	{ "ref", OPT_REF, "INDEX", "compare every item with the references in INDEX" },
	{ "map", OPT_MAP, NULL, "write key<TAB>value lines for a sort (map step)" },
	{ "reduce", OPT_REDUCE, NULL,
	    "turn sorted lines into the next round's (reduce step)" },
	{ "max-group", OPT_MAX_GROUP, "N",
	    "with --reduce: most bytes of one key's lines (256M)" },
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artsim [-z] [-j threads] [-k hashes] [-n words] [-o file] "
	"[-t jaccard]\n"
	"              [--chars n] [--contain c] [--exact | --estimate] "
	"[--seed n]\n"
	"              [--with-title]\n"
	"              [--clusters | --dedup [--keep how] [--dups file] |\n"
	"               --align [--min-words n] [--wholly r] "
	"[--partly r]] [file ...]\n"
	"       artsim --index -o index [-n words] [--chars n] [--seed n] "
	"[file ...]\n"
	"       artsim --ref index [-j threads] [--align ...] [-t jaccard]\n"
	"              [--contain c] [file ...]\n"
	"       artsim --map [-k hashes] [-n words] [-t jaccard] "
	"[--chars n]\n"
	"              [--contain c] [--seed n] [--with-title] "
	"[file ...]\n"
	"       artsim --reduce [--max-group bytes] [-k hashes] "
	"[-n words] [-t jaccard]\n"
	"              [--chars n] [--contain c] [--seed n] [file ...]\n",
	own, TOOLOPT_RECORDS, NULL, NULL
};

static void
grow(struct state *st, uint32_t i)
{
	if (i < st->cap)
		return;
	/* Two arrays of one length: the second follows the first. */
	st->len = xroom(st->len, &st->cap, (size_t)i + 1, sizeof(*st->len));
	st->date = xreallocarray(st->date, st->cap, sizeof(*st->date));
}

/*
 * --ref: the pairs, or the passages, of one item and the references, on
 * worker w's thread (lib/sim/batch.c).
 */
static size_t
ref_item(void *arg, unsigned w, const struct align_item *it,
    struct buf *out)
{
	struct state *st = arg;
	struct refwork *wk = &st->work[w];
	const struct ref_pair *p;
	struct align_item ref;
	struct sim_pair sp;
	size_t n, i;

	n = refquery_run(wk->q, it->text, it->len, &p);
	if (n > 0 && st->o->mode == ALIGN)
		align_text_set(wk->al, wk->ta, it->text, it->len, it->sent,
		    it->nsent);
	for (i = 0; i < n; i++) {
		refquery_item(wk->q, p[i].ref, &ref);
		if (st->o->mode == ALIGN) {
			align_text_set(wk->al, wk->tb, ref.text, ref.len,
			    ref.sent, ref.nsent);
			align_write(wk->al, out, it, wk->ta, &ref, wk->tb,
			    false);
		} else {
			memset(&sp, 0, sizeof(sp));
			sp.jaccard = p[i].jaccard;
			sp.in_a = p[i].in_a;
			sp.in_b = p[i].in_b;
			sp.shared = p[i].shared;
			simkv_pair_json(out, it->id, it->idlen, ref.id,
			    ref.idlen, &sp);
		}
	}
	return n;
}

static void
write_run(void *arg, const void *p, size_t n)
{
	run_write(arg, p, n);
}

/* --ref: a query, and for --align an aligner, per thread. */
static void
ref_start(struct state *st, const struct opts *o)
{
	unsigned w, nw = o->sim.threads;	/* 1 to 256, by parsing */

	st->work = xcalloc(nw, sizeof(*st->work));
	for (w = 0; w < nw; w++) {
		st->work[w].q = refquery_new(st->ix);
		if (o->mode == ALIGN) {
			st->work[w].al = aligner_new(&o->align);
			st->work[w].ta = align_text_new();
			st->work[w].tb = align_text_new();
		}
	}
	st->batch = batch_new(nw, ref_item, st);
}

static void
ref_end(struct state *st, const struct opts *o)
{
	unsigned w, nw = o->sim.threads;	/* 1 to 256, by parsing */

	batch_free(st->batch);
	for (w = 0; w < nw; w++) {
		refquery_free(st->work[w].q);
		aligner_free(st->work[w].al);
		align_text_free(st->work[w].ta);
		align_text_free(st->work[w].tb);
	}
	free(st->work);
}

/*
 * An item gathered from records: compared with the references (--ref),
 * added to the index (--index), or to the engine and the store (--align).
 */
static void
add_item(struct state *st, const struct align_item *it, struct run *run)
{
	int added;

	st->nitems++;
	if (st->ix != NULL) {
		batch_add(st->batch, it, write_run, run);
		return;
	}
	strset_add(st->ids, it->id, it->idlen, &added);
	if (st->builder != NULL)
		refindex_builder_add(st->builder, it);
	else {
		simindex_add(st->si, it->text, it->len);
		align_store_add(st->store, it);
	}
}

/* Records become items, sentence records grouped back by id. */
static int
gather_record(struct state *st, struct record *rec, struct run *run)
{
	const struct align_item *it;
	const char *msg;

	if (!align_gather_continues(st->gather, rec)) {
		if ((it = align_gather_take(st->gather)) != NULL)
			add_item(st, it, run);
		/* A stream against references keeps no ids. */
		align_gather_id(st->gather, rec, &st->id);
		if (st->ix == NULL && strset_find(st->ids, buf_cstr(&st->id),
		    st->id.len) != UINT32_MAX)
			return run_reject(run, "id \"%s\" seen before: ids "
			    "must be unique", buf_cstr(&st->id));
	}
	if (align_gather_add(st->gather, rec, &msg) < 0)
		return run_reject(run, "%s", msg);
	return 0;
}

/* The text compared: the text, after the title with --with-title. */
static void
get_text(struct state *st, struct record *rec)
{
	const char *s;
	size_t n;

	buf_reset(&st->text);
	if (st->o->with_title && record_get(rec, "title", &s, &n) == 1) {
		buf_add(&st->text, s, n);
		buf_adds(&st->text, "\n\n");
	}
	if (record_get(rec, "text", &s, &n) == 1)
		buf_add(&st->text, s, n);
}

/* simkv's lines go out through the run. */
static void
kv_write(void *arg, const char *s, size_t n)
{
	struct state *st = arg;

	run_write(st->run, s, n);
}

/* --map: the lines of one record, which must have an id. */
static int
map_record(struct state *st, struct record *rec, struct run *run)
{
	const char *id;
	size_t idlen;

	if (record_get(rec, "id", &id, &idlen) != 1)
		return run_reject(run, "no id: with --map every record needs "
		    "one, since the steps meet by id");
	/* The rounds read no empty id: refused here, not in round 1. */
	if (idlen == 0)
		return run_reject(run, "an empty id: with --map every record "
		    "needs one, since the steps meet by id");
	get_text(st, rec);
	st->run = run;
	simkv_map(st->kv, id, idlen, buf_cstr(&st->text), st->text.len);
	st->nitems++;
	return 0;
}

static int
add_record(void *arg, struct record *rec, struct run *run)
{
	struct state *st = arg;
	const char *id, *s;
	char tmp[32];
	size_t idlen, n;
	uint32_t i, item;
	int added;

	if (st->gather != NULL)
		return gather_record(st, rec, run);
	if (st->kv != NULL)
		return map_record(st, rec, run);
	i = strset_count(st->ids);
	if (record_get(rec, "id", &id, &idlen) != 1) {
		/* No id (plain text lines): the record's number names it. */
		idlen = (size_t)snprintf(tmp, sizeof(tmp), "#%u", i + 1);
		id = tmp;
	}
	if (strset_find(st->ids, id, idlen) != UINT32_MAX) {
		if (id == tmp)
			return run_reject(run, "no id, and \"%s\", the name "
			    "it would take, is an earlier record's id", tmp);
		return run_reject(run, "id \"%.*s\" seen before: ids must be "
		    "unique", (int)idlen, id);
	}
	get_text(st, rec);
	item = simindex_add(st->si, buf_cstr(&st->text), st->text.len);
	strset_add(st->ids, id, idlen, &added);
	grow(st, item);
	st->len[item] = st->text.len;
	st->date[item] = NONE;
	if (st->o->keep == KEEP_EARLIEST && record_get(rec, "date", &s,
	    &n) == 1 && n > 0)
		st->date[item] = strset_add(st->dates, s, n, &added);
	if (st->spool != NULL) {
		buf_reset(&st->line);
		record_write(rec, &st->line);
		spool_write(st->spool, st->line.s, st->line.len);
	}
	return 0;
}

/* simindex_pairs calls back with one pointer: the state and the run. */
struct pairctx {
	struct state	*st;
	struct run	*run;
	struct buf	 out;
	uint32_t	 last;		/* --align: the a prepared */
};

static void
emit_pair(void *arg, const struct sim_pair *p)
{
	struct pairctx *c = arg;
	const char *a, *b;
	size_t alen, blen;

	a = strset_get(c->st->ids, p->a, &alen);
	b = strset_get(c->st->ids, p->b, &blen);
	buf_reset(&c->out);
	simkv_pair_json(&c->out, a, alen, b, blen, p);
	run_write(c->run, c->out.s, c->out.len);
	c->st->npairs++;
}

/* --align: the passages of one pair, its two items read back. */
static void
align_one(void *arg, const struct sim_pair *p)
{
	struct pairctx *c = arg;
	struct state *st = c->st;
	const struct align_item *a, *b;

	/* Pairs come in order of a: prepare each a once. */
	a = align_store_get(st->store, p->a, 0);
	if (c->last != p->a)
		align_text_set(st->al, st->ta, a->text, a->len, a->sent,
		    a->nsent);
	c->last = p->a;
	b = align_store_get(st->store, p->b, 1);
	align_text_set(st->al, st->tb, b->text, b->len, b->sent, b->nsent);
	buf_reset(&c->out);
	if (align_write(st->al, &c->out, a, st->ta, b, st->tb, true) > 0)
		run_write(c->run, c->out.s, c->out.len);
	st->npairs++;
}

/* Is item i a better representative than j under --keep? */
static bool
better(const struct state *st, uint32_t i, uint32_t j)
{
	const char *a, *b;
	size_t an, bn;
	int c;

	switch (st->o->keep) {
	case KEEP_LONGEST:
		return st->len[i] > st->len[j];
	case KEEP_EARLIEST:
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

/*
 * Re-read the spooled records: with --clusters write each with its
 * cluster, with --dedup write the kept ones (the dropped to --dups).
 */
static void
replay(struct state *st, struct run *run)
{
	const uint32_t *cl = simindex_clusters(st->si);
	struct record rec = RECORD_INIT;
	struct output *dups = NULL;
	uint32_t *keep = NULL, i, n = strset_count(st->ids);
	uint64_t ndropped = 0;
	const char *id, *msg;
	char *line = NULL;
	size_t cap = 0, idlen, pos;
	ssize_t len;

	if (st->o->mode == DEDUP) {
		keep = xreallocarray(NULL, n ? n : 1, sizeof(*keep));
		for (i = 0; i < n; i++)
			keep[i] = i;
		for (i = 0; i < n; i++)
			if (better(st, i, keep[cl[i]]))
				keep[cl[i]] = i;
		if (st->o->dups != NULL)
			dups = output_open(st->o->dups, false);
	}
	spool_rewind(st->spool);
	for (i = 0; (len = getline(&line, &cap, st->spool)) > 0; i++) {
		if (st->o->mode == CLUSTERS) {
			if (record_parse(&rec, line, (size_t)len - 1, &msg,
			    &pos) < 0)
				errx(1, "temporary file: %s", msg);
			id = strset_get(st->ids, cl[i], &idlen);
			record_set(&rec, "cluster", id, idlen);
			run_emit(run, &rec);
		} else if (keep[cl[i]] == i)
			run_write(run, line, (size_t)len);
		else {
			ndropped++;
			if (dups != NULL)
				output_write(dups, line, (size_t)len);
		}
	}
	spool_check(st->spool);
	/* Closed first: a --dups that fails (a full disk) exits there, and
	 * the summary must not claim the dropped records are in it. */
	output_close(dups, true);
	if (st->o->mode == DEDUP)
		fprintf(stderr, "artsim: %llu duplicate%s dropped, %llu "
		    "kept%s%s\n", (unsigned long long)ndropped,
		    ndropped == 1 ? "" : "s",
		    (unsigned long long)(n - ndropped),
		    dups ? ", dropped ones in " : "", dups ? st->o->dups : "");
	free(keep);
	free(line);
	record_free(&rec);
}

/* --index: the index goes out through the run, so -o is atomic. */
static void
write_index(void *arg, const void *p, size_t n)
{
	if (n > 0)
		run_write(arg, p, n);
}

/* Seconds from a to b (now when b is NULL). */
static double
since(const struct timespec *a, struct timespec *b)
{
	struct timespec now;

	if (b == NULL)
		b = &now;
	clock_gettime(CLOCK_MONOTONIC, b);
	return elapsed(a, b);
}

/*
 * Comparing every item comes after reading them all and can take minutes:
 * a line a second while it does, and one when it is done.
 */
static void
show_progress(void *arg, uint32_t done, uint32_t total, uint64_t pairs)
{
	struct state *st = arg;
	struct timespec now;
	double secs = since(&st->t0, &now);

	if (done < total && since(&st->shown, NULL) < 1.0)
		return;
	st->shown = now;
	fprintf(stderr, "\rartsim: compared %u of %u items, %llu pairs, "
	    "%.1f s%s", done, total, (unsigned long long)pairs, secs,
	    done == total ? "\n" : "");
}

static void
finish(void *arg, struct run *run)
{
	struct state *st = arg;
	struct pairctx c = { st, run, BUF_INIT, UINT32_MAX };
	const struct align_item *it;

	if (st->gather != NULL && (it = align_gather_take(st->gather)) !=
	    NULL)
		add_item(st, it, run);
	if (st->ix != NULL) {
		batch_flush(st->batch, write_run, run);
		st->npairs = batch_total(st->batch);
	} else if (st->kv != NULL)
		;	/* each item was mapped as it came */
	else if (st->builder != NULL)
		refindex_builder_write(st->builder, write_index, run);
	else if (st->o->mode == PAIRS)
		simindex_pairs(st->si, emit_pair, &c);
	else if (st->o->mode == ALIGN)
		simindex_pairs(st->si, align_one, &c);
	else
		replay(st, run);
	buf_free(&c.out);
	if (st->progress)
		fprintf(stderr, "artsim: %llu items, %llu pairs, %.1f s\n",
		    (unsigned long long)(st->ix != NULL || st->kv != NULL ?
		    st->nitems : strset_count(st->ids)),
		    (unsigned long long)st->npairs, since(&st->t0, NULL));
}

/*
 * --reduce: sorted key<TAB>value lines in, the next round's lines out.  A
 * bad line stops the run, since a round that went on without it would give
 * other pairs.
 */
static int
reduce_files(struct state *st, int nfiles, char **files)
{
	static char *stdin_only[] = { "-" };
	struct input *in;
	const char *line, *msg;
	size_t len;
	int i, ret = 0;

	if (nfiles == 0) {
		nfiles = 1;
		files = stdin_only;
	}
	st->run = run_begin(&st->o->common, nfiles, files);
	st->kv = simkv_new(&st->o->sim, st->o->max_group, kv_write, st);
	for (i = 0; i < nfiles && !run_stopped(st->run); i++) {
		if ((in = run_open_input(st->run, files[i])) == NULL)
			continue;
		while ((ret = input_getline(in, &line, &len)) == INPUT_LINE) {
			run_count(st->run, 1);
			if (simkv_reduce(st->kv, line, len, &msg) < 0) {
				run_reject(st->run, "%s", msg);
				run_rejected_line(st->run, line, len);
				break;
			}
		}
		if (ret == INPUT_TOOLONG)
			run_toolong(st->run, in, &ret);
		run_close_input(st->run, in, ret);
	}
	if (!run_failed(st->run))
		simkv_reduce_end(st->kv);
	return run_end(st->run);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct state st;
	char errbuf[256];
	long ncpu;
	int ch, rval;

	memset(&o, 0, sizeof(o));
	toolopt_init(&o.common);
	sim_opts_init(&o.sim);
	align_opts_init(&o.align);
	/* The pairs come out sorted, so threads never change the bytes. */
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.sim.threads = ncpu > 1 ? (unsigned)(ncpu < 256 ? ncpu : 256) : 1;
	o.max_group = INPUT_MAX_RECORD_DEFAULT;
	while ((ch = toolopt_getopt(&options, &o.common, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			o.sim.threads = (unsigned)toolopt_num(optarg,
			    "threads", 1, 256);
			break;
		case 'k':
			o.sim.k = (unsigned)toolopt_num(optarg, "hashes", 1,
			    1024);
			break;
		case 'n':
			o.sim.n = (unsigned)toolopt_num(optarg, "words", 1,
			    64);
			o.shingle_set = true;
			break;
		case 't':
			o.sim.jaccard = toolopt_real(optarg, "jaccard", 0.01,
			    1);
			break;
		case OPT_ALIGN:
			o.mode = ALIGN;
			break;
		case OPT_CHARS:
			o.sim.chars = (unsigned)toolopt_num(optarg, "chars", 1,
			    64);
			o.shingle_set = true;
			break;
		case OPT_CLUSTERS:
			o.mode = CLUSTERS;
			break;
		case OPT_CONTAIN:
			o.sim.contain = toolopt_real(optarg, "contain", 0, 1);
			o.contain_set = true;
			break;
		case OPT_DEDUP:
			o.mode = DEDUP;
			break;
		case OPT_DUPS:
			o.dups = optarg;
			break;
		case OPT_ESTIMATE:
			o.sim.estimate = 1;
			break;
		case OPT_EXACT:
			o.sim.exact = 1;
			break;
		case OPT_INDEX:
			o.index = true;
			break;
		case OPT_KEEP:
			if (strcmp(optarg, "first") == 0)
				o.keep = KEEP_FIRST;
			else if (strcmp(optarg, "longest") == 0)
				o.keep = KEEP_LONGEST;
			else if (strcmp(optarg, "earliest") == 0)
				o.keep = KEEP_EARLIEST;
			else
				errx(2, "keep is %s: want first, longest or "
				    "earliest", optarg);
			break;
		case OPT_MAP:
			o.step = MAP;
			break;
		case OPT_MAX_GROUP:
			o.max_group = toolopt_size(optarg, "max-group", 1024,
			    SIZE_MAX);
			break;
		case OPT_MIN_WORDS:
			o.align.min_words = (unsigned)toolopt_num(optarg,
			    "min-words", ALIGN_SEED, 100000);
			o.align_set = true;
			break;
		case OPT_PARTLY:
			o.align.partly = toolopt_real(optarg, "partly", 0, 1);
			o.align_set = true;
			break;
		case OPT_WHOLLY:
			o.align.wholly = toolopt_real(optarg, "wholly", 0, 1);
			o.align_set = true;
			break;
		case OPT_REDUCE:
			o.step = REDUCE;
			break;
		case OPT_REF:
			o.ref = optarg;
			break;
		case OPT_SEED:
			o.sim.seed = (uint64_t)toolopt_num(optarg, "seed", 0,
			    LLONG_MAX);
			o.shingle_set = true;
			break;
		case OPT_WITH_TITLE:
			o.with_title = true;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (o.sim.exact && o.sim.estimate)
		errx(2, "--exact and --estimate do not go together");
	if ((o.dups != NULL || o.keep != KEEP_FIRST) && o.mode != DEDUP)
		errx(2, "--keep and --dups go with --dedup");
	if (o.align_set && o.mode != ALIGN)
		errx(2, "--min-words, --wholly and --partly go with --align");
	if (o.mode == ALIGN) {
		if (o.sim.estimate || o.with_title)
			errx(2, "--align does not go with --estimate or "
			    "--with-title");
		/* Reuse of a few paragraphs is what --align is for. */
		if (!o.contain_set)
			o.sim.contain = ALIGN_CONTAIN;
		if (o.align.partly > o.align.wholly)
			errx(2, "--partly is above --wholly");
	}
	if ((o.index || o.ref != NULL) && (o.mode == CLUSTERS ||
	    o.mode == DEDUP || o.with_title || o.sim.estimate))
		errx(2, "--index and --ref do not go with --clusters, --dedup, "
		    "--with-title or --estimate");
	if (o.index && (o.ref != NULL || o.mode != PAIRS))
		errx(2, "--index goes alone: not with --ref or --align");
	if (o.index && o.common.gzip)
		errx(2, "--index writes a file to be mapped: no -z");
	if (o.index && o.common.output == NULL && isatty(STDOUT_FILENO))
		errx(2, "--index writes a binary file: give -o file");
	if (o.ref != NULL && o.shingle_set)
		errx(2, "with --ref, -n, --chars and --seed are the index's");
	if (o.step != WHOLE && (o.mode != PAIRS || o.index || o.ref != NULL ||
	    o.sim.exact || o.sim.estimate))
		errx(2, "--map and --reduce find pairs: not with --clusters, "
		    "--dedup, --align, --index, --ref, --exact or --estimate");
	if (o.step == REDUCE && o.common.rejects != NULL)
		errx(2, "--reduce stops at a bad line: no --rejects");
	toolopt_file(&o.common, "--dups", o.dups, true);
	toolopt_file(&o.common, "--ref", o.ref, false);

	memset(&st, 0, sizeof(st));
	st.o = &o;
	st.progress = o.common.progress || isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &st.t0);
	st.shown = st.t0;
	if (o.step == REDUCE) {
		rval = reduce_files(&st, argc, argv);
		simkv_free(st.kv);
		return rval;
	}
	if (o.step == MAP)
		st.kv = simkv_new(&o.sim, 0, kv_write, &st);
	if (o.ref != NULL && (st.ix = refindex_open(o.ref, &o.sim, errbuf,
	    sizeof(errbuf))) == NULL)
		errx(1, "%s: %s", o.ref, errbuf);
	if (st.ix != NULL)
		ref_start(&st, &o);
	if (o.index)
		st.builder = refindex_builder_new(&o.sim);
	if (o.ref == NULL && !o.index && o.step == WHOLE) {
		st.si = simindex_new(&o.sim);
		if (st.progress)
			simindex_progress(st.si, show_progress, &st);
	}
	st.ids = strset_new();
	st.dates = strset_new();
	if (o.mode == CLUSTERS || o.mode == DEDUP)
		st.spool = spool_open();
	if (o.mode == ALIGN || o.index || o.ref != NULL)
		st.gather = align_gather_new();
	if (o.mode == ALIGN) {
		if (o.ref == NULL)
			st.store = align_store_new();
		st.al = aligner_new(&o.align);
		st.ta = align_text_new();
		st.tb = align_text_new();
	}
	rval = run_records(&o.common, argc, argv, add_record, finish, &st);
	if (st.spool != NULL)
		fclose(st.spool);
	simindex_free(st.si);
	strset_free(st.ids);
	strset_free(st.dates);
	free(st.len);
	free(st.date);
	buf_free(&st.text);
	buf_free(&st.line);
	buf_free(&st.id);
	align_gather_free(st.gather);
	align_store_free(st.store);
	aligner_free(st.al);
	align_text_free(st.ta);
	align_text_free(st.tb);
	buf_free(&st.out);
	refindex_builder_free(st.builder);
	if (st.ix != NULL)
		ref_end(&st, &o);
	refindex_close(st.ix);
	simkv_free(st.kv);
	return rval;
}
