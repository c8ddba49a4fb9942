/*
 * sentrec.c - see sentrec.h.
 *
 * One state for the run: the splitter, its array of sentences and two
 * buffers, all reused from item to item, so that memory stays what the
 * longest item needs.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/utf8.h"
#include "base/util.h"
#include "io/record.h"
#include "io/run.h"
#include "sent/offsets.h"
#include "sent/sentsplit.h"
#include "sentrec/sentrec.h"

struct state {
	struct sentrec_opts o;
	struct sentsplit *ss;
	struct sent	*v;
	size_t		 cap;
	struct buf	 out;		/* the sentence record */
	struct buf	 line;		/* unwrapped text */
	uint64_t	 records;	/* records read */
	uint64_t	 notext;	/* of them, without "text" (or title) */
};

static const char *const own_fields[] = {
	"id", "par", "sent", "text", "start", "end"
};

bool
sentrec_own_field(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(own_fields); i++)
		if (strcmp(name, own_fields[i]) == 0)
			return true;
	return false;
}

void
sentrec_unwrap(struct buf *b, const char *s, size_t n)
{
	size_t i, j;
	bool nl;

	buf_reset(b);
	for (i = 0; i < n; i = j) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
			buf_addc(b, s[i]);
			j = i + 1;
			continue;
		}
		nl = false;
		for (j = i; j < n && (s[j] == ' ' || s[j] == '\t' ||
		    s[j] == '\n' || s[j] == '\r'); j++)
			nl |= s[j] == '\n' || s[j] == '\r';
		if (nl)
			buf_addc(b, ' ');
		else
			buf_add(b, s + i, j - i);
	}
}

void
sentrec_flatten(struct buf *b, const char *s, size_t n)
{
	size_t i, start;

	buf_reset(b);
	for (i = start = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r') {
			buf_add(b, s + start, i - start);
			buf_addc(b, ' ');
			start = i + 1;
		}
	buf_add(b, s + start, n - start);
}

/* Whether s[0..n) holds a line break character. */
static bool
has_break(const char *s, size_t n)
{
	return memchr(s, '\n', n) != NULL || memchr(s, '\r', n) != NULL;
}

/* Append the decimal digits of v to b. */
static void
add_count(struct buf *b, size_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_add(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

/*
 * Write one sentence of the item in, s[0..n), whose code points are
 * [cstart, cend), as its record (or, with -t, as a line of text).
 */
static void
emit(struct state *st, struct run *run, struct record *in, unsigned par,
    unsigned sent, const char *s, size_t n, size_t cstart, size_t cend)
{
	const struct sentrec_opts *o = &st->o;
	struct buf *b = &st->out;
	const char *id, *json;
	size_t i, idlen, jn;

	if (o->plain) {
		sentrec_unwrap(&st->line, s, n);
		buf_addc(&st->line, '\n');
		run_write(run, st->line.s, st->line.len);
		return;
	}
	if (o->unwrap) {
		sentrec_unwrap(&st->line, s, n);
		s = st->line.s;
		n = st->line.len;
	} else if (!o->exact && has_break(s, n)) {
		/*
		 * One sentence, one line of text for whoever reads the
		 * field (jq -r .text); one for one, so --offsets hold.
		 */
		sentrec_flatten(&st->line, s, n);
		s = st->line.s;
		n = st->line.len;
	}
	buf_reset(b);
	buf_addc(b, '{');
	if (record_get(in, "id", &id, &idlen) == 1) {
		buf_adds(b, "\"id\":");
		json_encode_string(b, id, idlen);
		buf_addc(b, ',');
	}
	buf_adds(b, "\"par\":");
	add_count(b, par);
	buf_adds(b, ",\"sent\":");
	add_count(b, sent);
	buf_adds(b, ",\"text\":");
	json_encode_string(b, s, n);
	if (o->offsets) {
		buf_adds(b, ",\"start\":");
		add_count(b, cstart);
		buf_adds(b, ",\"end\":");
		add_count(b, cend);
	}
	for (i = 0; i < o->nkeep; i++)
		if (record_raw(in, o->keep[i], &json, &jn, NULL) == 1) {
			buf_addc(b, ',');
			json_encode_string(b, o->keep[i], strlen(o->keep[i]));
			buf_addc(b, ':');
			buf_add(b, json, jn);
		}
	buf_add(b, "}\n", 2);
	run_write(run, b->s, b->len);
}

static int
split_record(void *arg, struct record *rec, struct run *run)
{
	struct state *st = arg;
	const char *t, *title;
	size_t n, tn = 0, k, count, cstart = 0, cend = 0;
	unsigned sent = 0;
	struct offsets off;

	st->records++;
	if (st->o.with_title && record_get(rec, "title", &title, &tn) == 1 &&
	    tn > 0)
		emit(st, run, rec, 0, 0, title, tn, 0, utf8_count(title, tn));
	if (record_get(rec, "text", &t, &n) != 1) {
		/* null is an empty text; absent, it may be under another
		 * name (see flush) */
		if (record_raw(rec, "text", NULL, NULL, NULL) == 0 &&
		    !(st->o.with_title && tn > 0))
			st->notext++;
		return 0;
	}
	count = sentsplit_run(st->ss, t, n, &st->v, &st->cap);
	offsets_init(&off, t, n);
	for (k = 0; k < count; k++) {
		if (st->o.offsets) {
			cstart = offsets_cp(&off, st->v[k].start);
			cend = offsets_cp(&off, st->v[k].end);
		}
		emit(st, run, rec, st->v[k].par, ++sent, t + st->v[k].start,
		    st->v[k].end - st->v[k].start, cstart, cend);
	}
	return 0;
}

/*
 * An input none of whose records has a "text" field has its text under
 * another name ("body"): no sentences, and a warning rather than not a
 * word.  One such record among others is only a record without text.
 */
static void
flush(void *arg, struct run *run)
{
	struct state *st = arg;

	if (st->records > 0 && st->notext == st->records)
		run_warn_at(run, 0, "no record had a \"text\" field: no "
		    "sentences");
}

static void
state_free(void *arg)
{
	struct state *st = arg;

	sentsplit_free(st->ss);
	free(st->v);
	buf_free(&st->out);
	buf_free(&st->line);
	free(st);
}

struct run_mapper
sentrec_mapper(const struct sentrec_opts *o)
{
	struct run_mapper m;
	struct state *st;

	st = xcalloc(1, sizeof(*st));
	st->o = *o;
	st->ss = sentsplit_new(o->lang, o->abbrev, o->nabbrev);
	memset(&m, 0, sizeof(m));
	m.record = split_record;
	m.flush = flush;
	m.free = state_free;
	m.state = st;
	return m;
}
