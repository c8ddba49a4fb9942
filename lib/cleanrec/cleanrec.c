/*
 * cleanrec.c - see cleanrec.h.
 *
 * One state for the run: the cleaner (or the learner) and three buffers
 * reused from record to record.
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/util.h"
#include "cleanrec/cleanrec.h"
#include "io/output.h"
#include "io/record.h"
#include "io/run.h"
#include "text/clean.h"

struct state {
	struct cleanrec_opts	 o;
	struct cleaner		*cl;
	struct learner		*learner;
	struct buf		 out, json, source;
};

static int
clean_record(void *arg, struct record *rec, struct run *run)
{
	struct state *st = arg;
	const struct removal *rm;
	const char *s, *source = NULL, *raw, *err;
	size_t n, nrm, rawlen;
	enum json_type type;
	int changed, explained = 0;

	/* a copy: setting the text may move what record_get points at */
	buf_reset(&st->source);
	if (record_get(rec, "source", &s, &n) == 1) {
		buf_add(&st->source, s, n);
		source = buf_cstr(&st->source);
	}
	buf_reset(&st->json);
	buf_addc(&st->json, '[');
	if (st->learner != NULL) {
		if (record_get(rec, "text", &s, &n) == 1)
			clean_learn(st->cl, st->learner, source, s, n);
		return 0;
	}
	if (record_raw(rec, "text", &raw, &rawlen, &type) == 1 &&
	    type == JSON_STRING) {
		/*
		 * Decoded here, not by record_get, and cleaned where it lies:
		 * the record would keep a decoded copy beside the cleaned
		 * one, three times a long text with the input line.
		 */
		buf_reset(&st->out);
		(void)json_decode_string(raw, rawlen, &st->out, &err);
		nrm = clean_text_inplace(st->cl, source, &st->out, &rm,
		    &changed);
		/* record_set would keep a canonical value as it is */
		if (changed || !json_string_canonical(raw, rawlen))
			record_set(rec, "text", buf_cstr(&st->out),
			    st->out.len);
		if (st->o.explain)
			removal_json_add(rm, nrm, &st->json);
		explained = 1;
	}
	if (record_get(rec, "title", &s, &n) == 1) {
		buf_reset(&st->out);
		nrm = clean_title(st->cl, source, s, n, &st->out, &rm);
		record_set(rec, "title", buf_cstr(&st->out), st->out.len);
		if (st->o.explain)
			removal_json_add(rm, nrm, &st->json);
		explained = 1;
	}
	/* --explain: the "removed" field lists what went and why */
	if (st->o.explain && explained) {
		buf_addc(&st->json, ']');
		record_set_raw(rec, "removed", st->json.s, st->json.len,
		    JSON_ARRAY);
	}
	run_emit(run, rec);
	/* not held until a longer text comes, if one ever does */
	if (st->out.cap > RECORD_BIG)
		buf_free(&st->out);
	return 0;
}

static void
model_out(void *arg, const void *p, size_t n)
{
	output_write(arg, p, n);
}

/*
 * --learn: write the model atomically once all input has been read, as
 * -o would be: also when bad records went to --rejects.
 */
static void
write_model(void *arg, struct run *run)
{
	struct state *st = arg;
	struct output *out;
	long n;

	if (st->learner == NULL)
		return;
	if (!run_may_commit(run)) {
		warnx("no model written to %s: the run failed", st->o.learn);
		return;
	}
	out = output_open(st->o.learn, false);
	n = learner_write(st->learner, model_out, out);
	output_close(out, true);
	fprintf(stderr, "artclean: %ld paragraph%s learned into %s\n", n,
	    n == 1 ? "" : "s", st->o.learn);
}

static void
state_free(void *arg)
{
	struct state *st = arg;

	learner_free(st->learner);
	cleaner_free(st->cl);
	buf_free(&st->out);
	buf_free(&st->json);
	buf_free(&st->source);
	free(st);
}

struct run_mapper
cleanrec_mapper(const struct cleanrec_opts *o)
{
	struct run_mapper m;
	struct state *st;
	struct buf err = BUF_INIT;

	st = xcalloc(1, sizeof(*st));
	st->o = *o;
	if ((st->cl = cleaner_new(&st->o.clean, &err)) == NULL)
		errx(1, "%s", buf_cstr(&err));
	buf_free(&err);
	if (o->learn != NULL)
		st->learner = learner_new(o->min_items);
	memset(&m, 0, sizeof(m));
	m.record = clean_record;
	m.flush = write_model;
	m.free = state_free;
	m.state = st;
	return m;
}
