/*
 * itemreader.c - see itemreader.h.
 *
 * A record is named first (its id, or #N), then either becomes an item at
 * once or opens or continues the item being gathered; an item is handed
 * over, and its id kept, only when it is complete.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/strset.h"
#include "base/utf8.h"
#include "base/util.h"
#include "sim/itemreader.h"

struct itemreader {
	int		 flags;		/* ITEMREADER_* */
	itemreader_fn	*fn;
	void		*arg;
	struct strset	*ids;		/* ITEMREADER_UNIQUE: ids handed over */
	uint64_t	 count;		/* items handed over */
	uint64_t	 records;	/* records read that were not bad */
	uint64_t	 notext;	/* of them, without a "text" field */
	struct item	 it;
	struct buf	 id, text;
	char		 err[512];	/* the last message */
	struct sent	*sent;
	size_t		*cstart;	/* each sentence's code point */
	size_t		 nsent, capsent, capcstart;
	size_t		 cpos;		/* code points of text so far */
	size_t		 max;		/* the longest item text, in bytes */
	bool		 open;
	bool		 full;		/* a sentence of the open item was
					   refused as too long */
	bool		 sentences;	/* the open item is of sentence records */
};

struct itemreader *
itemreader_new(int flags, itemreader_fn *fn, void *arg)
{
	struct itemreader *r;
	const char *e;
	char *end;
	unsigned long long v;

	/* A title goes before a whole text, not before sentences. */
	assert(!(flags & ITEMREADER_TITLE) || !(flags & ITEMREADER_SENTENCES));
	r = xcalloc(1, sizeof(*r));
	r->flags = flags;
	r->max = ITEMREADER_MAX_TEXT;
	/* The tests' lower limit (see itemreader.h); never a higher one. */
	if ((e = getenv("ARTKIT_TEST_MAX_ITEM")) != NULL && *e != '\0') {
		v = strtoull(e, &end, 10);
		if (*end == '\0' && v < r->max)
			r->max = (size_t)v;
	}
	r->fn = fn;
	r->arg = arg;
	if (flags & ITEMREADER_UNIQUE)
		r->ids = strset_new();
	return r;
}

void
itemreader_free(struct itemreader *r)
{
	if (r == NULL)
		return;
	strset_free(r->ids);
	buf_free(&r->id);
	buf_free(&r->text);
	free(r->sent);
	free(r->cstart);
	free(r);
}

uint64_t
itemreader_count(const struct itemreader *r)
{
	return r->count;
}

bool
itemreader_textless(const struct itemreader *r)
{
	return r->records > 0 && r->notext == r->records;
}

const char *
itemreader_id(const struct itemreader *r, uint32_t i, size_t *len)
{
	assert(r->ids != NULL && i < r->count);
	return strset_get(r->ids, i, len);
}

static bool
is_sentence(struct record *rec)
{
	enum json_type t;

	return record_raw(rec, "sent", NULL, NULL, &t) == 1 &&
	    t == JSON_NUMBER;
}

/* Whether rec is a sentence record of the item being gathered. */
static bool
continues(const struct itemreader *g, struct record *rec)
{
	const char *id;
	size_t n;

	return g->open && g->sentences && is_sentence(rec) &&
	    record_get(rec, "id", &id, &n) == 1 && n == g->id.len &&
	    memcmp(id, g->id.s, n) == 0;
}

/* Set *msg to the message, formatted into r's buffer; returns -1. */
static int __attribute__((format(printf, 3, 4)))
fail(struct itemreader *r, const char **msg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof(r->err), fmt, ap);
	va_end(ap);
	*msg = r->err;
	return -1;
}

/*
 * Name the item rec opens in r->id: its id, or "#N", N counting items from
 * 1; and check the name.  0, or -1 with *msg.
 */
static int
name(struct itemreader *r, struct record *rec, const char **msg)
{
	const char *s;
	size_t n;
	int has = record_get(rec, "id", &s, &n) == 1;

	if (r->flags & ITEMREADER_NEED_ID) {
		if (!has)
			return fail(r, msg, "no id: with --map every record "
			    "needs one, since the steps meet by id");
		if (n == 0)
			return fail(r, msg, "an empty id: with --map every "
			    "record needs one, since the steps meet by id");
	}
	buf_reset(&r->id);
	if (has)
		buf_add(&r->id, s, n);
	else
		buf_printf(&r->id, "#%llu", (unsigned long long)r->count + 1);
	if (r->ids == NULL || strset_find(r->ids, r->id.s, r->id.len) ==
	    UINT32_MAX)
		return 0;
	if (!has)
		return fail(r, msg, "no id, and \"%s\", the name it would "
		    "take, is an earlier record's id", buf_cstr(&r->id));
	return fail(r, msg, "id \"%s\" seen before: ids must be unique",
	    buf_cstr(&r->id));
}

/*
 * The whole number in field key of rec: 1 and *v when there is one, 0 when
 * the field is absent, -1 when it is not a whole number >= 0.
 */
static int
get_count(struct record *rec, const char *key, size_t *v)
{
	const char *json;
	enum json_type t;
	char *end;
	double d;

	if (record_raw(rec, key, &json, NULL, &t) == 0)
		return 0;
	if (t != JSON_NUMBER)
		return -1;
	d = strtod(json, &end);
	if (d < 0 || d > 9e15 || d != (double)(size_t)d)
		return -1;
	*v = (size_t)d;
	return 1;
}

/*
 * Refuse a text of len bytes, over r->max; -1 with *msg.  The item is
 * named by r->id.
 */
static int
too_long(struct itemreader *r, size_t len, const char **msg)
{
	if (r->open && r->sentences)
		return fail(r, msg, "item \"%s\" would be %zu bytes with this "
		    "sentence, over the %zu an item may have (word offsets "
		    "are 32 bits): this sentence and the rest of the item "
		    "are left out", buf_cstr(&r->id), len, r->max);
	return fail(r, msg, "item \"%s\" is %zu bytes, over the %zu an "
	    "item may have (word offsets are 32 bits)", buf_cstr(&r->id),
	    len, r->max);
}

/*
 * Append the sentence s[0..n) of rec to the open item: at its "start" when
 * it has one, else after a space, or a blank line when "par" changes.
 */
static int
add_sentence(struct itemreader *g, struct record *rec, const char *s,
    size_t n, const char **errmsg)
{
	size_t start, end, par = 0, cps = utf8_count(s, n), gap = 0;
	int hs, he;
	bool newpar;
	const char *sep;

	hs = get_count(rec, "start", &start);
	he = get_count(rec, "end", &end);
	if (hs < 0 || he < 0 || get_count(rec, "par", &par) < 0) {
		*errmsg = "\"start\", \"end\" and \"par\" must be whole "
		    "numbers";
		return -1;
	}
	newpar = g->nsent > 0 && g->sent[g->nsent - 1].par != par;
	if (hs == 1) {
		if (start < g->cpos) {
			*errmsg = "sentence \"start\" is before the end of "
			    "the sentence before it";
			return -1;
		}
		gap = start - g->cpos;
	} else if (g->nsent > 0)
		gap = newpar ? 2 : 1;
	if (he == 1 && end != g->cpos + gap + cps) {
		*errmsg = "sentence \"end\" does not fit its text";
		return -1;
	}
	/* The gap is white space: one space or blank line stands for it
	 * (words and shingles are the same), and cstart keeps the place. */
	sep = newpar && gap >= 2 ? "\n\n" : gap > 0 && g->nsent > 0 ? " " :
	    "";
	if (n > g->max || g->text.len + strlen(sep) > g->max - n) {
		g->full = g->open;
		return too_long(g, g->text.len + strlen(sep) + n, errmsg);
	}
	buf_adds(&g->text, sep);
	g->cstart = xroom(g->cstart, &g->capcstart, g->nsent + 1,
	    sizeof(*g->cstart));
	g->cstart[g->nsent] = g->cpos + gap;
	g->cpos += gap + cps;
	g->sent = xroom(g->sent, &g->capsent, g->nsent + 1, sizeof(*g->sent));
	g->sent[g->nsent].start = g->text.len;
	buf_add(&g->text, s, n);
	g->sent[g->nsent].end = g->text.len;
	g->sent[g->nsent++].par = (unsigned)par;
	return 0;
}

/*
 * Add rec to the open item (when it continues it) or open a new item with
 * it, named in r->id (the open one must have been handed over).  Returns
 * 0, or -1 with a static message in *errmsg when rec is bad (offsets that
 * go backwards or do not fit the text); the item is then unchanged.
 */
static int
gather(struct itemreader *g, struct record *rec, const char **errmsg)
{
	const char *s = "";
	size_t n = 0;

	if (record_get(rec, "text", &s, &n) != 1)
		s = "", n = 0;	/* absent or null */
	if (!continues(g, rec)) {
		assert(!g->open);
		if (n > g->max)
			return too_long(g, n, errmsg);
		buf_reset(&g->text);
		g->nsent = 0;
		g->cpos = 0;
		g->full = false;
		g->sentences = is_sentence(rec);
		if (!g->sentences)
			buf_add(&g->text, s, n);
		else if (n > 0 && add_sentence(g, rec, s, n, errmsg) < 0)
			return -1;
		g->open = true;
		return 0;
	}
	/* Once a sentence is left out, the ones after it are too, so the
	 * item is its first part and --rejects holds the rest in order. */
	if (g->full)
		return fail(g, errmsg, "item \"%s\" is over the %zu bytes an "
		    "item may have: a sentence before this one was left out, "
		    "and so is this one", buf_cstr(&g->id), g->max);
	if (n == 0)
		return 0;
	return add_sentence(g, rec, s, n, errmsg);
}

/* Hand the item over (with its record rec, or NULL) and keep its id. */
static void
hand_over(struct itemreader *r, const struct item *it, struct record *rec,
    void *ctx)
{
	int added;

	r->fn(r->arg, it, rec, ctx);
	if (r->ids != NULL)
		strset_add(r->ids, it->id, it->idlen, &added);
	r->count++;
}

/* Hand the item being gathered over, if one is open. */
static void
take(struct itemreader *g, void *ctx)
{
	if (!g->open)
		return;
	g->open = false;
	g->it.id = buf_cstr(&g->id);
	g->it.idlen = g->id.len;
	g->it.text = buf_cstr(&g->text);
	g->it.len = g->text.len;
	g->it.sent = g->sentences ? g->sent : NULL;
	g->it.nsent = g->sentences ? g->nsent : 0;
	g->it.cstart = g->sentences ? g->cstart : NULL;
	hand_over(g, &g->it, NULL, ctx);
}

void
itemreader_text(int flags, struct record *rec, struct buf *text)
{
	const char *s;
	size_t n;

	buf_reset(text);
	if ((flags & ITEMREADER_TITLE) && record_get(rec, "title", &s,
	    &n) == 1) {
		buf_add(text, s, n);
		buf_adds(text, "\n\n");
	}
	if (record_get(rec, "text", &s, &n) == 1)
		buf_add(text, s, n);
}

/* A record that is an item by itself: the title first with --with-title. */
static int
whole(struct itemreader *r, struct record *rec, void *ctx, const char **msg)
{
	const char *s;
	size_t n, len = 0;
	bool titled = false;

	if (name(r, rec, msg) < 0)
		return -1;
	/* Measured before it is copied: the record may be huge. */
	if ((r->flags & ITEMREADER_TITLE) && record_get(rec, "title", &s,
	    &n) == 1) {
		len = n + 2;
		titled = true;
	}
	if (record_get(rec, "text", &s, &n) == 1)
		len += n;
	if (len > r->max)
		return too_long(r, len, msg);
	r->it.id = buf_cstr(&r->id);
	r->it.idlen = r->id.len;
	if (!titled && record_get(rec, "text", &s, &n) == 1) {
		/* The text alone: the record's own decoded string, not a
		 * copy of it (a 100 MB item was held twice in memory as
		 * text, besides the line and its JSON). */
		r->it.text = s;
		r->it.len = n;
	} else {
		itemreader_text(r->flags, rec, &r->text);
		r->it.text = buf_cstr(&r->text);
		r->it.len = r->text.len;
	}
	r->it.sent = NULL;
	r->it.nsent = 0;
	r->it.cstart = NULL;
	hand_over(r, &r->it, rec, ctx);
	return 0;
}

int
itemreader_record(struct itemreader *r, struct record *rec, void *ctx,
    const char **msg)
{
	const char *s;
	size_t n;
	int rv;

	if (record_get(rec, "text", &s, &n) < 0 || record_get(rec, "title",
	    &s, &n) < 0)
		return fail(r, msg, "\"text\" and \"title\" must be strings");
	if (!(r->flags & ITEMREADER_SENTENCES))
		rv = whole(r, rec, ctx, msg);
	else {
		rv = 0;
		if (!continues(r, rec)) {
			take(r, ctx);
			rv = name(r, rec, msg);
		}
		if (rv == 0)
			rv = gather(r, rec, msg);
	}
	if (rv == 0) {
		r->records++;
		if (record_raw(rec, "text", NULL, NULL, NULL) == 0 &&
		    (!(r->flags & ITEMREADER_TITLE) || record_raw(rec, "title",
		    NULL, NULL, NULL) == 0))
			r->notext++;
	}
	return rv;
}

void
itemreader_end(struct itemreader *r, void *ctx)
{
	take(r, ctx);
	/*
	 * The longest item's text and sentences are not held through the
	 * work that follows the reading (artsim's pairs and alignments).
	 */
	buf_free(&r->text);
	free(r->sent);
	free(r->cstart);
	r->sent = NULL;
	r->cstart = NULL;
	r->nsent = r->capsent = r->capcstart = 0;
}
