/*
 * record.c - see record.h.
 *
 * Duplicate keys are refused (RFC 8259 leaves their meaning open, and
 * silently keeping one of two "text" values would lose data).  Records have
 * a handful of fields, so the check is a linear scan; past 32 fields it
 * switches to sorting a copy of the key lengths and names so a hostile line
 * with a million keys stays O(n log n).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/record.h"
#include "base/util.h"

void
record_reset(struct record *r)
{
	r->n = 0;
}

void
record_free(struct record *r)
{
	size_t i;

	for (i = 0; i < r->cap; i++) {
		buf_free(&r->f[i].key);
		buf_free(&r->f[i].raw);
		buf_free(&r->f[i].str);
	}
	free(r->f);
	r->f = NULL;
	r->n = r->cap = 0;
}

static struct field *
field_new(struct record *r)
{
	struct field *f;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->f = xreallocarray(r->f, r->cap, sizeof(*r->f));
		memset(r->f + r->n, 0, (r->cap - r->n) * sizeof(*r->f));
	}
	f = &r->f[r->n++];
	buf_reset(&f->key);
	buf_reset(&f->raw);
	buf_reset(&f->str);
	f->decoded = false;
	return f;
}

static int
keycmp(const void *a, const void *b)
{
	const struct buf *x = *(struct buf *const *)a;
	const struct buf *y = *(struct buf *const *)b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

static bool
has_duplicate_keys(const struct record *r)
{
	const struct buf **v;
	size_t i, j;
	bool dup = false;

	if (r->n <= 32) {
		for (i = 1; i < r->n; i++)
			for (j = 0; j < i; j++)
				if (keycmp(&(const struct buf *){&r->f[i].key},
				    &(const struct buf *){&r->f[j].key}) == 0)
					return true;
		return false;
	}
	v = xreallocarray(NULL, r->n, sizeof(*v));
	for (i = 0; i < r->n; i++)
		v[i] = &r->f[i].key;
	qsort(v, r->n, sizeof(*v), keycmp);
	for (i = 1; i < r->n && !dup; i++)
		dup = keycmp(&v[i - 1], &v[i]) == 0;
	free(v);
	return dup;
}

int
record_parse(struct record *r, const char *s, size_t n, const char **errmsg,
    size_t *errpos)
{
	struct field *f;
	enum json_type t;
	size_t pos = 0, start;

	record_reset(r);
	*errpos = 0;
	while (pos < n && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r'))
		pos++;
	if (pos >= n || s[pos] != '{') {
		*errmsg = "not a JSON object";
		return -1;
	}
	/* Validate the whole line first: errors then point at a byte. */
	start = pos;
	if (json_skip_value(s, n, &pos, &t, errmsg) < 0) {
		*errpos = pos;
		return -1;
	}
	while (pos < n && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r'))
		pos++;
	if (pos != n) {
		*errpos = pos;
		*errmsg = "text after the JSON object";
		return -1;
	}
	/* Now walk the members of the valid object. */
	pos = start + 1;
	for (;;) {
		while (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' ||
		    s[pos] == '\n' || s[pos] == ',')
			pos++;
		if (s[pos] == '}')
			break;
		f = field_new(r);
		start = pos;
		json_skip_value(s, n, &pos, &t, errmsg);
		if (json_decode_string(s + start, pos - start, &f->key,
		    errmsg) < 0) {
			*errpos = start;
			return -1;
		}
		while (s[pos] != ':')
			pos++;
		pos++;
		while (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' ||
		    s[pos] == '\n')
			pos++;
		start = pos;
		json_skip_value(s, n, &pos, &f->type, errmsg);
		buf_add(&f->raw, s + start, pos - start);
	}
	if (has_duplicate_keys(r)) {
		*errmsg = "duplicate key in JSON object";
		return -1;
	}
	return 0;
}

int
record_check_types(struct record *r, const char **name)
{
	static const char *const known[] = {
		"id", "title", "date", "source", "text"
	};
	struct field *f;
	size_t i;

	for (i = 0; i < NELEM(known); i++) {
		f = record_field(r, known[i]);
		if (f != NULL && f->type != JSON_STRING &&
		    f->type != JSON_NULL) {
			*name = known[i];
			return -1;
		}
	}
	return 0;
}

void
record_from_text(struct record *r, const char *line, size_t n)
{
	record_reset(r);
	record_set(r, "text", line, n);
}

struct field *
record_field(struct record *r, const char *key)
{
	size_t i, len = strlen(key);

	for (i = 0; i < r->n; i++)
		if (r->f[i].key.len == len && memcmp(r->f[i].key.s, key,
		    len) == 0)
			return &r->f[i];
	return NULL;
}

const struct buf *
record_field_str(struct field *f)
{
	const char *e;

	if (!f->decoded) {
		buf_reset(&f->str);
		if (f->type == JSON_STRING)
			(void)json_decode_string(f->raw.s, f->raw.len,
			    &f->str, &e);
		f->decoded = true;
	}
	return &f->str;
}

int
record_get(struct record *r, const char *key, const char **s, size_t *n)
{
	struct field *f;
	const struct buf *b;

	if ((f = record_field(r, key)) == NULL || f->type == JSON_NULL)
		return 0;
	if (f->type != JSON_STRING)
		return -1;
	b = record_field_str(f);
	*s = buf_cstr(b);
	*n = b->len;
	return 1;
}

static struct field *
field_for(struct record *r, const char *key)
{
	struct field *f;

	if ((f = record_field(r, key)) == NULL) {
		f = field_new(r);
		buf_adds(&f->key, key);
	}
	return f;
}

void
record_set(struct record *r, const char *key, const char *s, size_t n)
{
	struct field *f = field_for(r, key);

	/* s may point into this field's own buffers; encode before reset. */
	if (f->str.s != NULL && s >= f->str.s && s < f->str.s + f->str.cap) {
		struct buf tmp = BUF_INIT;

		buf_add(&tmp, s, n);
		record_set(r, key, tmp.s, tmp.len);
		buf_free(&tmp);
		return;
	}
	buf_reset(&f->raw);
	json_encode_string(&f->raw, s, n);
	buf_reset(&f->str);
	buf_add(&f->str, s, n);
	f->type = JSON_STRING;
	f->decoded = true;
}

void
record_add(struct record *r, const char *key, const char *s, size_t n)
{
	struct field *f = field_new(r);

	buf_adds(&f->key, key);
	json_encode_string(&f->raw, s, n);
	buf_add(&f->str, s, n);
	f->type = JSON_STRING;
	f->decoded = true;
}

void
record_set_raw(struct record *r, const char *key, const char *json, size_t n,
    enum json_type type)
{
	struct field *f = field_for(r, key);

	buf_reset(&f->raw);
	buf_add(&f->raw, json, n);
	buf_reset(&f->str);
	f->type = type;
	f->decoded = false;
}

void
record_set_int(struct record *r, const char *key, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u;

	/* By hand: snprintf was a tenth of artsent's time (callgrind). */
	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	record_set_raw(r, key, p, (size_t)(tmp + sizeof(tmp) - p),
	    JSON_NUMBER);
}

void
record_del(struct record *r, const char *key)
{
	struct field *f, tmp;

	if ((f = record_field(r, key)) == NULL)
		return;
	/* Rotate the field to the end so its buffers stay reusable. */
	tmp = *f;
	memmove(f, f + 1, (size_t)(r->f + r->n - f - 1) * sizeof(*f));
	r->f[--r->n] = tmp;
}

void
record_copy(struct record *dst, const struct record *src)
{
	struct field *f;
	size_t i;

	record_reset(dst);
	for (i = 0; i < src->n; i++) {
		f = field_new(dst);
		buf_add(&f->key, src->f[i].key.s, src->f[i].key.len);
		buf_add(&f->raw, src->f[i].raw.s, src->f[i].raw.len);
		f->type = src->f[i].type;
		if (src->f[i].decoded && src->f[i].type == JSON_STRING) {
			buf_add(&f->str, buf_cstr(&src->f[i].str),
			    src->f[i].str.len);
			f->decoded = true;
		}
	}
}

void
record_write(const struct record *r, struct buf *out)
{
	size_t i;

	buf_addc(out, '{');
	for (i = 0; i < r->n; i++) {
		if (i > 0)
			buf_addc(out, ',');
		json_encode_string(out, buf_cstr(&r->f[i].key),
		    r->f[i].key.len);
		buf_addc(out, ':');
		buf_add(out, buf_cstr(&r->f[i].raw), r->f[i].raw.len);
	}
	buf_add(out, "}\n", 2);
}
