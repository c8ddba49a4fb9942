/*
 * removal.c - see removal.h.
 */
#include <stdlib.h>
#include <string.h>

#include "text/removal.h"
#include "base/json.h"
#include "base/util.h"

void
removal_reset(struct removal_list *l)
{
	l->n = 0;
	buf_reset(&l->text);
}

void
removal_add(struct removal_list *l, const char *rule, const char *category,
    const char *s, size_t n)
{
	if (l->n == l->cap) {
		/* Two arrays of one length: the second follows the first. */
		l->v = xroom(l->v, &l->cap, l->n + 1, sizeof(*l->v));
		l->off = xreallocarray(l->off, l->cap, sizeof(*l->off));
	}
	l->v[l->n].rule = rule;
	l->v[l->n].category = category;
	l->v[l->n].len = n;
	l->off[l->n++] = l->text.len;
	buf_add(&l->text, s, n);
}

const char *
removal_text(const struct removal_list *l, size_t i)
{
	return l->text.s + l->off[i];
}

const struct removal *
removal_done(struct removal_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		l->v[i].text = removal_text(l, i);
	return l->v;
}

void
removal_free(struct removal_list *l)
{
	free(l->v);
	free(l->off);
	buf_free(&l->text);
}

void
removal_json(const struct removal *rm, size_t n, struct buf *out)
{
	buf_addc(out, '[');
	removal_json_add(rm, n, out);
	buf_addc(out, ']');
}

void
removal_json_add(const struct removal *rm, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (out->len > 0 && out->s[out->len - 1] != '[')
			buf_addc(out, ',');
		buf_adds(out, "{\"rule\":");
		json_encode_string(out, rm[i].rule, strlen(rm[i].rule));
		buf_adds(out, ",\"category\":");
		json_encode_string(out, rm[i].category,
		    strlen(rm[i].category));
		buf_adds(out, ",\"text\":");
		json_encode_string(out, rm[i].text, rm[i].len);
		buf_addc(out, '}');
	}
}
