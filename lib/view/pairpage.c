/*
 * pairpage.c - see pairpage.h.  A record is told by its fields: a passage
 * has a_start, a summary verdict, a pair record a and b but no text; any
 * other record is an item.
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/spool.h"
#include "base/strset.h"
#include "base/util.h"
#include "io/run.h"
#include "view/pairpage.h"
#include "view/pairview.h"

struct state {
	char		*a, *b;		/* -a ID, -b ID: which pair, or NULL */
	char		*pa, *pb;	/* the pair shown, once known */
	struct pv_passage *p;
	size_t		 np, capp;
	struct pv_summary sum[2];	/* of pa (from pb), of pb */
	char		*verdict[2];
	struct pv_figure *fig;
	size_t		 nfig, capfig;
	bool		 have_fig;
	FILE		*spool;		/* item lines */
	long		 spooled;	/* bytes written to it */
	struct strset	*ids;
	long		*off;		/* item i's line in the spool */
	size_t		 capoff;
	unsigned long	 nitems;
	struct buf	 line, id;
};

/* A number field into *v; -1 when it is missing or not a number. */
static int
get_num(struct record *rec, const char *key, double *v)
{
	const char *json;
	enum json_type type;

	if (record_raw(rec, key, &json, NULL, &type) != 1 ||
	    type != JSON_NUMBER)
		return -1;
	*v = strtod(json, NULL);
	return 0;
}

/* A string field as a NUL-terminated copy in b; -1 when not a string. */
static int
get_str(struct record *rec, const char *key, struct buf *b)
{
	const char *s;
	size_t n;

	if (record_get(rec, key, &s, &n) != 1)
		return -1;
	buf_reset(b);
	buf_add(b, s, n);
	return 0;
}

/*
 * Does the pair x, y belong to the page?  Chooses it when none is chosen
 * yet and it fits -a and -b.  *swap says x is the right-hand item.
 */
static bool
our_pair(struct state *st, const char *x, const char *y, bool *swap)
{
	if (st->pa == NULL) {
		if ((st->a != NULL && strcmp(st->a, x) != 0 &&
		    strcmp(st->a, y) != 0) || (st->b != NULL &&
		    strcmp(st->b, x) != 0 && strcmp(st->b, y) != 0))
			return false;
		/* -a puts its item on the left, -b on the right. */
		*swap = (st->a != NULL && strcmp(st->a, y) == 0) ||
		    (st->b != NULL && strcmp(st->b, x) == 0);
		st->pa = xstrdup(*swap ? y : x);
		st->pb = xstrdup(*swap ? x : y);
		return true;
	}
	if (strcmp(st->pa, x) == 0 && strcmp(st->pb, y) == 0) {
		*swap = false;
		return true;
	}
	if (strcmp(st->pa, y) == 0 && strcmp(st->pb, x) == 0) {
		*swap = true;
		return true;
	}
	return false;
}

static int
add_passage(struct state *st, struct record *rec, struct run *run)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct pv_passage p;
	double v[6];
	enum json_type type;
	bool swap, ok;
	size_t t;

	ok = get_str(rec, "a", &a) == 0 && get_str(rec, "b", &b) == 0 &&
	    get_num(rec, "a_start", &v[0]) == 0 &&
	    get_num(rec, "a_end", &v[1]) == 0 &&
	    get_num(rec, "b_start", &v[2]) == 0 &&
	    get_num(rec, "b_end", &v[3]) == 0 &&
	    get_num(rec, "words", &v[4]) == 0 &&
	    get_num(rec, "similarity", &v[5]) == 0;
	for (t = 0; ok && t < 4; t++)
		if (!(v[t] >= 0 && v[t] < 1e15 && v[t] == (double)(size_t)v[t]))
			break;
	if (ok && (t < 4 || v[0] > v[1] || v[2] > v[3])) {
		buf_free(&a);
		buf_free(&b);
		return run_reject(run, "a passage's offsets are whole numbers "
		    "from 0, each start at most its end");
	}
	if (ok && our_pair(st, buf_cstr(&a), buf_cstr(&b), &swap)) {
		memset(&p, 0, sizeof(p));
		p.a_start = (size_t)v[0];
		p.a_end = (size_t)v[1];
		p.b_start = (size_t)v[2];
		p.b_end = (size_t)v[3];
		p.words = v[4] > 0 && v[4] < 1e9 ? (unsigned)v[4] : 0;
		p.similarity = v[5];
		p.exact = record_raw(rec, "exact", NULL, NULL, &type) == 1 &&
		    type == JSON_TRUE;
		if (swap) {
			t = p.a_start, p.a_start = p.b_start, p.b_start = t;
			t = p.a_end, p.a_end = p.b_end, p.b_end = t;
		}
		st->p = xroom(st->p, &st->capp, st->np + 1, sizeof(*st->p));
		st->p[st->np++] = p;
	}
	buf_free(&a);
	buf_free(&b);
	return ok ? 0 : run_reject(run, "a passage needs a, b, a_start, "
	    "a_end, b_start, b_end, words and similarity");
}

static int
add_summary(struct state *st, struct record *rec, struct run *run)
{
	struct buf id = BUF_INIT, from = BUF_INIT, verdict = BUF_INIT;
	double reused;
	bool swap, ok;
	int k;

	ok = get_str(rec, "id", &id) == 0 && get_str(rec, "from", &from) ==
	    0 && get_str(rec, "verdict", &verdict) == 0 &&
	    get_num(rec, "reused", &reused) == 0;
	if (ok && our_pair(st, buf_cstr(&id), buf_cstr(&from), &swap)) {
		k = swap ? 1 : 0;
		free(st->verdict[k]);
		st->verdict[k] = buf_detach(&verdict, NULL);
		st->sum[k].verdict = st->verdict[k];
		st->sum[k].reused = reused;
	}
	buf_free(&id);
	buf_free(&from);
	buf_free(&verdict);
	return ok ? 0 : run_reject(run, "a summary needs id, from, reused "
	    "and verdict");
}

/* The pair record: every field but a and b is a figure, shown as is. */
static void
add_figures(struct state *st, struct record *rec)
{
	const char *key, *val;
	enum json_type type;
	size_t i, klen, vlen;

	if (st->have_fig)
		return;		/* the first of a pair written twice */
	st->have_fig = true;
	for (i = 0; i < rec->n; i++) {
		key = record_key(rec, i, &klen);
		if (strcmp(key, "a") == 0 || strcmp(key, "b") == 0)
			continue;
		val = record_value(rec, i, &vlen, &type);
		/* A string is shown decoded, any other value as written. */
		if (type == JSON_STRING)
			(void)record_get(rec, key, &val, &vlen);
		st->fig = xroom(st->fig, &st->capfig, st->nfig + 1,
		    sizeof(*st->fig));
		st->fig[st->nfig].name = xstrndup(key, klen);
		st->fig[st->nfig].value = xstrndup(val, vlen);
		st->nfig++;
	}
}

/* An item: its line goes to the spool, its id to the index. */
static int
add_item(struct state *st, struct record *rec, struct run *run)
{
	const char *id;
	size_t idlen;
	uint32_t i;
	int added;

	st->nitems++;
	if (record_get(rec, "id", &id, &idlen) != 1) {
		/* Named as artsim names it. */
		buf_reset(&st->id);
		buf_printf(&st->id, "#%lu", st->nitems);
		id = st->id.s;
		idlen = st->id.len;
	}
	i = strset_add(st->ids, id, idlen, &added);
	if (!added)
		return run_reject(run, "id \"%.*s\" seen before: ids must be "
		    "unique", (int)idlen, id);
	st->off = xroom(st->off, &st->capoff, (size_t)i + 1,
	    sizeof(*st->off));
	/* Counted, not asked of the stream: ftell is a system call. */
	st->off[i] = st->spooled;
	buf_reset(&st->line);
	record_write(rec, &st->line);
	spool_write(st->spool, st->line.s, st->line.len);
	st->spooled += (long)st->line.len;
	return 0;
}

static int
view_record(void *arg, struct record *rec, struct run *run)
{
	struct state *st = arg;
	struct buf a = BUF_INIT, b = BUF_INIT;
	bool swap;
	int r = 0;

	if (record_raw(rec, "a_start", NULL, NULL, NULL) == 1)
		return add_passage(st, rec, run);
	if (record_raw(rec, "verdict", NULL, NULL, NULL) == 1)
		return add_summary(st, rec, run);
	if (record_raw(rec, "sent", NULL, NULL, NULL) == 1)
		return run_reject(run, "a sentence record: artview wants the "
		    "whole items");
	if (get_str(rec, "a", &a) == 0 && get_str(rec, "b", &b) == 0 &&
	    record_raw(rec, "text", NULL, NULL, NULL) == 0) {
		if (our_pair(st, buf_cstr(&a), buf_cstr(&b), &swap))
			add_figures(st, rec);
	} else
		r = add_item(st, rec, run);
	buf_free(&a);
	buf_free(&b);
	return r;
}

/* Item id read back from the spool into rec; -1 when it is not there. */
static int
get_item(struct state *st, const char *id, struct record *rec)
{
	uint32_t i = strset_find(st->ids, id, strlen(id));
	const char *msg;
	char *line = NULL;
	size_t cap = 0, pos;
	ssize_t len;

	if (i == UINT32_MAX)
		return -1;
	if (fseek(st->spool, st->off[i], SEEK_SET) < 0 ||
	    (len = getline(&line, &cap, st->spool)) <= 0)
		spool_fail();
	if (record_parse(rec, line, (size_t)len - 1, &msg, &pos) < 0)
		errx(1, "temporary file: %s", msg);
	free(line);
	return 0;
}

static void
side(struct record *rec, const char *id, const struct pv_summary *sum,
    struct pv_side *s)
{
	memset(s, 0, sizeof(*s));
	s->id = id;
	s->idlen = strlen(id);
	if (record_get(rec, "title", &s->title, &s->tlen) != 1)
		s->title = NULL;
	if (record_get(rec, "text", &s->text, &s->len) != 1) {
		s->text = "";
		s->len = 0;
	}
	s->sum = sum->verdict != NULL ? sum : NULL;
}

static void
finish(void *arg, struct run *run)
{
	struct state *st = arg;
	struct record ra = RECORD_INIT, rb = RECORD_INIT;
	struct pv_side a, b;
	struct buf out = BUF_INIT;
	char msg[256];

	if (st->pa == NULL) {
		/* After an input that failed, that is the cause: said. */
		if (!run_failed(run))
			run_fail(run, "no passage or pair record%s in the "
			    "input: give artsim --align's output",
			    st->a || st->b ? " of the items asked for" : "");
		return;
	}
	if (fflush(st->spool) == EOF)
		spool_fail();
	if (get_item(st, st->pa, &ra) < 0 || get_item(st, st->pb, &rb) < 0) {
		run_fail(run, "item \"%s\" is not in the input: give the items "
		    "as well as artsim's output", strset_find(st->ids, st->pa,
		    strlen(st->pa)) == UINT32_MAX ? st->pa : st->pb);
		record_free(&ra);
		return;
	}
	side(&ra, st->pa, &st->sum[0], &a);
	side(&rb, st->pb, &st->sum[1], &b);
	if (pairview_write(&out, &a, &b, st->p, st->np, st->fig, st->nfig,
	    msg, sizeof(msg)) < 0)
		run_fail(run, "%s and %s: %s", st->pa, st->pb, msg);
	else
		run_write(run, out.s, out.len);
	buf_free(&out);
	record_free(&ra);
	record_free(&rb);
}

static void
free_state(void *arg)
{
	struct state *st = arg;
	size_t i;

	fclose(st->spool);
	strset_free(st->ids);
	for (i = 0; i < st->nfig; i++) {
		free((char *)st->fig[i].name);
		free((char *)st->fig[i].value);
	}
	free(st->fig);
	free(st->p);
	free(st->off);
	free(st->a);
	free(st->b);
	free(st->pa);
	free(st->pb);
	free(st->verdict[0]);
	free(st->verdict[1]);
	buf_free(&st->line);
	buf_free(&st->id);
	free(st);
}

struct run_mapper
pairpage_mapper(const char *a, const char *b)
{
	struct run_mapper m = { view_record, NULL, finish, free_state, NULL };
	struct state *st;

	st = xcalloc(1, sizeof(*st));
	st->a = a != NULL ? xstrdup(a) : NULL;
	st->b = b != NULL ? xstrdup(b) : NULL;
	st->ids = strset_new();
	st->spool = spool_open();
	m.state = st;
	return m;
}
