/*
 * itemreader.c - see itemreader.h.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/utf8.h"
#include "base/util.h"
#include "sim/itemreader.h"

struct itemreader {
	struct item it;
	struct buf	 id, text;
	struct sent	*sent;
	size_t		 nsent, capsent;
	size_t		 cpos;		/* code points of text so far */
	unsigned long	 nitems;	/* items opened */
	bool		 open;
	bool		 sentences;	/* the open item is of sentence records */
};

struct itemreader *
itemreader_new(void)
{
	return xcalloc(1, sizeof(struct itemreader));
}

void
itemreader_free(struct itemreader *g)
{
	if (g == NULL)
		return;
	buf_free(&g->id);
	buf_free(&g->text);
	free(g->sent);
	free(g);
}

static bool
is_sentence(struct record *rec)
{
	struct field *f = record_field(rec, "sent");

	return f != NULL && f->type == JSON_NUMBER;
}

bool
itemreader_continues(const struct itemreader *g, struct record *rec)
{
	const char *id;
	size_t n;

	return g->open && g->sentences && is_sentence(rec) &&
	    record_get(rec, "id", &id, &n) == 1 && n == g->id.len &&
	    memcmp(id, g->id.s, n) == 0;
}

void
itemreader_id(const struct itemreader *g, struct record *rec,
    struct buf *id)
{
	const char *s;
	size_t n;

	buf_reset(id);
	if (record_get(rec, "id", &s, &n) == 1)
		buf_add(id, s, n);
	else
		buf_printf(id, "#%lu", g->nitems + 1);
}

/*
 * The whole number in field key of rec: 1 and *v when there is one, 0 when
 * the field is absent, -1 when it is not a whole number >= 0.
 */
static int
get_count(struct record *rec, const char *key, size_t *v)
{
	struct field *f = record_field(rec, key);
	char *end;
	double d;

	if (f == NULL)
		return 0;
	if (f->type != JSON_NUMBER)
		return -1;
	d = strtod(buf_cstr(&f->raw), &end);
	if (d < 0 || d > 9e15 || d != (double)(size_t)d)
		return -1;
	*v = (size_t)d;
	return 1;
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
	g->cpos += gap + cps;
	if (newpar && gap >= 2) {
		buf_adds(&g->text, "\n\n");
		gap -= 2;
	}
	for (; gap > 0; gap--)
		buf_addc(&g->text, ' ');
	g->sent = xroom(g->sent, &g->capsent, g->nsent + 1, sizeof(*g->sent));
	g->sent[g->nsent].start = g->text.len;
	buf_add(&g->text, s, n);
	g->sent[g->nsent].end = g->text.len;
	g->sent[g->nsent++].par = (unsigned)par;
	return 0;
}

int
itemreader_add(struct itemreader *g, struct record *rec,
    const char **errmsg)
{
	const char *s = "";
	size_t n = 0;
	int r;

	if ((r = record_get(rec, "text", &s, &n)) < 0) {
		*errmsg = "\"text\" is not a string";
		return -1;
	}
	if (r == 0)
		s = "", n = 0;
	if (!itemreader_continues(g, rec)) {
		assert(!g->open);
		itemreader_id(g, rec, &g->id);
		buf_reset(&g->text);
		g->nsent = 0;
		g->cpos = 0;
		g->sentences = is_sentence(rec);
		if (!g->sentences)
			buf_add(&g->text, s, n);
		else if (n > 0 && add_sentence(g, rec, s, n, errmsg) < 0)
			return -1;
		g->open = true;
		g->nitems++;
		return 0;
	}
	if (n == 0)
		return 0;
	return add_sentence(g, rec, s, n, errmsg);
}

const struct item *
itemreader_take(struct itemreader *g)
{
	if (!g->open)
		return NULL;
	g->open = false;
	g->it.id = buf_cstr(&g->id);
	g->it.idlen = g->id.len;
	g->it.text = buf_cstr(&g->text);
	g->it.len = g->text.len;
	g->it.sent = g->sentences ? g->sent : NULL;
	g->it.nsent = g->sentences ? g->nsent : 0;
	return &g->it;
}
