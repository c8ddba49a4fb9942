/*
 * record.c - see record.h.
 *
 * Memory: a field is an entry in the record's one data buffer, its name
 * and its raw value each followed by a NUL, and 32 bytes in the field
 * array; a decoded string value gets a buffer of its own only once
 * someone asks for it.  A buffer per name and per value (as before) cost
 * two allocations of at least 64 bytes each, which made a line of two
 * million short keys take 25-50 times its size; it now takes about 7
 * (the reader's copy of the line included).
 *
 * Duplicate keys are refused (RFC 8259 leaves their meaning open, and
 * silently keeping one of two "text" values would lose data).  Records have
 * a handful of fields, so the check is a linear scan; past 32 fields it
 * uses a hash table of field numbers, so a hostile line with a million
 * keys stays linear.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "io/record.h"
#include "base/utf8.h"
#include "base/util.h"

struct field {
	size_t		 off;		/* name, NUL, raw value, NUL: in data */
	size_t		 rawlen;	/* the value as JSON text */
	struct buf	*str;		/* decoded string value; NULL until
					   first needed, then kept for reuse */
	uint32_t	 keylen;
	uint8_t		 type;		/* enum json_type */
	bool		 decoded;	/* str holds the decoded value */
	uint8_t		 canon;		/* CANON_*: a string value's text is */
					/* what json_encode_string writes */
	bool		 ext;		/* the raw value lies in r->line, at
					   the offset stored after the name
					   (record.h, borrow) */
};

/*
 * Whether a string value's text is canonical (json_string_canonical):
 * the parser's validation and json_encode_string know it for free, so
 * record_set need not read the text again (artclean sets back every
 * text it left unchanged); a raw value someone set is looked at.
 */
#define CANON_UNKNOWN	0
#define CANON_YES	1
#define CANON_NO	2

void
record_reset(struct record *r)
{
	r->n = 0;
	buf_reset(&r->data);
}

void
record_free(struct record *r)
{
	size_t i;

	for (i = 0; i < r->cap; i++) {
		if (r->f[i].str != NULL)
			buf_free(r->f[i].str);
		free(r->f[i].str);
	}
	free(r->f);
	buf_free(&r->data);
	r->f = NULL;
	r->n = r->cap = 0;
}

static struct field *
field_new(struct record *r)
{
	struct field *f;
	size_t old = r->cap;

	r->f = xroom(r->f, &r->cap, r->n + 1, sizeof(*r->f));
	if (r->cap > old)
		memset(r->f + old, 0, (r->cap - old) * sizeof(*r->f));
	f = &r->f[r->n++];
	f->off = r->data.len;
	f->keylen = 0;
	f->rawlen = 0;
	f->decoded = false;
	f->canon = CANON_UNKNOWN;
	f->ext = false;
	return f;
}

static const char *
key_of(const struct record *r, const struct field *f)
{
	return r->data.s + f->off;
}

static const char *
raw_of(const struct record *r, const struct field *f)
{
	size_t off;

	if (f->ext) {
		memcpy(&off, r->data.s + f->off + f->keylen + 1, sizeof(off));
		return r->line + off;
	}
	return r->data.s + f->off + f->keylen + 1;
}

static bool
same_key(const struct record *r, size_t a, size_t b)
{
	const struct field *x = &r->f[a], *y = &r->f[b];

	return x->keylen == y->keylen &&
	    memcmp(key_of(r, x), key_of(r, y), x->keylen) == 0;
}

static bool
has_duplicate_keys(const struct record *r)
{
	uint32_t *slot;
	size_t i, j, size, mask;
	bool dup = false;

	if (r->n <= 32) {
		for (i = 1; i < r->n; i++)
			for (j = 0; j < i; j++)
				if (same_key(r, i, j))
					return true;
		return false;
	}
	/* Field numbers + 1 (0 is empty), at most half full. */
	for (size = 64; size < 2 * r->n; size *= 2)
		;
	mask = size - 1;
	slot = xcalloc(size, sizeof(*slot));
	for (i = 0; i < r->n && !dup; i++) {
		j = XXH3_64bits(key_of(r, &r->f[i]), r->f[i].keylen) & mask;
		for (; slot[j] != 0 && !dup; j = (j + 1) & mask)
			dup = same_key(r, slot[j] - 1, i);
		slot[j] = (uint32_t)(i + 1);
	}
	free(slot);
	return dup;
}

/* record_parse's state while json_scan_object reports the members. */
struct parse {
	struct record	*r;
	const char	*s;
	const char	*err;		/* the first error found */
	size_t		 errpos;
};

/*
 * A member of the object, validated: made a field.  An error is kept
 * for after the validation, whose errors come first.
 */
static void
add_member(void *arg, const struct json_member *m)
{
	struct parse *p = arg;
	struct record *r = p->r;
	struct field *f;
	const char *e;

	if (p->err != NULL)
		return;
	if (r->n == UINT32_MAX - 1) {
		p->errpos = m->key;
		p->err = "too many keys in JSON object";
		return;
	}
	f = field_new(r);
	if (!m->key_escaped)
		buf_add(&r->data, p->s + m->key + 1, m->keylen - 2);
	else if (json_decode_string(p->s + m->key, m->keylen, &r->data,
	    &e) < 0) {
		p->errpos = m->key;
		p->err = e;
		return;
	}
	if (r->data.len - f->off > UINT32_MAX) {
		p->errpos = m->key;
		p->err = "key longer than 4 GB in JSON object";
		return;
	}
	f->keylen = (uint32_t)(r->data.len - f->off);
	buf_addc(&r->data, '\0');
	f->type = (uint8_t)m->type;
	f->rawlen = m->vallen;
	if (m->type == JSON_STRING)
		f->canon = m->canonical ? CANON_YES : CANON_NO;
	if (r->borrow && m->type == JSON_STRING && f->rawlen > RECORD_BIG) {
		/* where it lies in the line, in place of a copy */
		f->ext = true;
		buf_add(&r->data, &m->val, sizeof(m->val));
		return;
	}
	buf_add(&r->data, p->s + m->val, f->rawlen);
	buf_addc(&r->data, '\0');
}

int
record_parse(struct record *r, const char *s, size_t n, const char **errmsg,
    size_t *errpos)
{
	struct parse p = { r, s, NULL, 0 };
	size_t pos = 0;

	record_reset(r);
	r->line = s;
	*errpos = 0;
	while (pos < n && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r'))
		pos++;
	if (pos >= n || s[pos] != '{') {
		*errmsg = "not a JSON object";
		return -1;
	}
	/*
	 * The whole line is validated (errors point at a byte) while its
	 * members become fields, the strings' escapes seen once.
	 */
	if (json_scan_object(s, n, &pos, add_member, &p, errmsg) < 0) {
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
	if (p.err != NULL) {
		*errpos = p.errpos;
		*errmsg = p.err;
		return -1;
	}
	if (has_duplicate_keys(r)) {
		*errmsg = "duplicate key in JSON object";
		return -1;
	}
	return 0;
}

static struct field *
field_find(const struct record *r, const char *key)
{
	size_t i, len = strlen(key);

	for (i = 0; i < r->n; i++)
		if (r->f[i].keylen == len && memcmp(key_of(r, &r->f[i]), key,
		    len) == 0)
			return &r->f[i];
	return NULL;
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
		f = field_find(r, known[i]);
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

int
record_read(struct record *r, const char *line, size_t n, bool plain,
    const char **errmsg, size_t *errpos)
{
	size_t pos;

	if (!plain) {
		for (pos = 0; pos < n && (line[pos] == ' ' ||
		    line[pos] == '\t'); pos++)
			;
		if (pos < n && line[pos] == '{')
			return record_parse(r, line, n, errmsg, errpos);
	}
	if ((pos = utf8_valid_prefix(line, n)) != n) {
		*errmsg = "invalid UTF-8";
		*errpos = pos;
		return -1;
	}
	if (memchr(line, '\0', n) != NULL) {
		*errmsg = "NUL byte in text";
		*errpos = SIZE_MAX;
		return -1;
	}
	record_from_text(r, line, n);
	return 0;
}

/* The decoded string value of f (decoding it now if needed). */
static const struct buf *
field_str(const struct record *r, struct field *f)
{
	const char *e;

	if (f->str == NULL)
		f->str = xcalloc(1, sizeof(*f->str));
	if (!f->decoded) {
		buf_reset(f->str);
		if (f->type == JSON_STRING)
			(void)json_decode_string(raw_of(r, f), f->rawlen,
			    f->str, &e);
		f->decoded = true;
	}
	return f->str;
}

int
record_get(struct record *r, const char *key, const char **s, size_t *n)
{
	struct field *f;
	const struct buf *b;

	if ((f = field_find(r, key)) == NULL || f->type == JSON_NULL)
		return 0;
	if (f->type != JSON_STRING)
		return -1;
	b = field_str(r, f);
	*s = buf_cstr(b);
	*n = b->len;
	return 1;
}

int
record_raw(const struct record *r, const char *key, const char **json,
    size_t *n, enum json_type *type)
{
	const struct field *f;

	if ((f = field_find(r, key)) == NULL)
		return 0;
	if (json != NULL)
		*json = raw_of(r, f);
	if (n != NULL)
		*n = f->rawlen;
	if (type != NULL)
		*type = f->type;
	return 1;
}

const char *
record_key(const struct record *r, size_t i, size_t *len)
{
	*len = r->f[i].keylen;
	return key_of(r, &r->f[i]);
}

const char *
record_value(const struct record *r, size_t i, size_t *len,
    enum json_type *type)
{
	*len = r->f[i].rawlen;
	*type = r->f[i].type;
	return raw_of(r, &r->f[i]);
}

/* Whether p points into b's memory (which an append may move). */
static bool
inside(const struct buf *b, const char *p)
{
	return b != NULL && b->s != NULL && p >= b->s && p < b->s + b->cap;
}

/*
 * Start a new entry for key in the data, the field's name followed by a
 * NUL, for the caller to append the raw value and its NUL: a value set
 * again takes a new entry (the old one's bytes wait for record_reset).
 * The field is appended when there is none.
 */
static struct field *
field_entry(struct record *r, const char *key)
{
	struct field *f;
	size_t len = strlen(key);

	if ((f = field_find(r, key)) == NULL)
		f = field_new(r);
	f->off = r->data.len;
	f->keylen = (uint32_t)len;
	f->canon = CANON_UNKNOWN;
	f->ext = false;
	buf_add(&r->data, key, len);
	buf_addc(&r->data, '\0');
	return f;
}

void
record_set(struct record *r, const char *key, const char *s, size_t n)
{
	struct field *f;
	struct buf tmp = BUF_INIT;

	f = field_find(r, key);
	/*
	 * The value it has, written as json_encode_string would write it:
	 * nothing to do (artclean sets back most texts unchanged).
	 */
	if (f != NULL && f->type == JSON_STRING && f->decoded &&
	    f->str->len == n && (n == 0 || memcmp(f->str->s, s, n) == 0) &&
	    (f->canon == CANON_UNKNOWN ? json_string_canonical(raw_of(r, f),
	    f->rawlen) : f->canon == CANON_YES))
		return;
	/* key or s may point into this record: copy before anything moves. */
	if (inside(&r->data, key) || inside(&r->data, s) ||
	    (f != NULL && inside(f->str, s))) {
		buf_add(&tmp, key, strlen(key) + 1);
		buf_add(&tmp, s, n);
		record_set(r, tmp.s, tmp.s + strlen(key) + 1, n);
		buf_free(&tmp);
		return;
	}
	f = field_entry(r, key);
	json_encode_string(&r->data, s, n);
	f->rawlen = r->data.len - f->off - f->keylen - 1;
	buf_addc(&r->data, '\0');
	if (f->str == NULL)
		f->str = xcalloc(1, sizeof(*f->str));
	f->type = JSON_STRING;
	f->canon = CANON_YES;
	/*
	 * A big value (a whole article on one line) is not kept twice: it
	 * is decoded again from its JSON if it is asked for.
	 */
	if (n > RECORD_BIG) {
		buf_free(f->str);
		f->decoded = false;
		return;
	}
	buf_reset(f->str);
	buf_add(f->str, s, n);
	f->decoded = true;
}

void
record_add(struct record *r, const char *key, const char *s, size_t n)
{
	struct field *f;
	size_t len = strlen(key);

	if (inside(&r->data, key) || inside(&r->data, s)) {
		record_set(r, key, s, n);
		return;
	}
	f = field_new(r);
	f->keylen = (uint32_t)len;
	buf_add(&r->data, key, len);
	buf_addc(&r->data, '\0');
	json_encode_string(&r->data, s, n);
	f->rawlen = r->data.len - f->off - f->keylen - 1;
	buf_addc(&r->data, '\0');
	f->type = JSON_STRING;
	f->decoded = false;	/* decoded again only if someone asks */
	f->canon = CANON_YES;
}

void
record_set_raw(struct record *r, const char *key, const char *json, size_t n,
    enum json_type type)
{
	struct field *f;
	struct buf tmp = BUF_INIT;

	if (inside(&r->data, key) || inside(&r->data, json)) {
		buf_add(&tmp, key, strlen(key) + 1);
		buf_add(&tmp, json, n);
		record_set_raw(r, tmp.s, tmp.s + strlen(key) + 1, n, type);
		buf_free(&tmp);
		return;
	}
	f = field_entry(r, key);
	buf_add(&r->data, json, n);
	buf_addc(&r->data, '\0');
	f->rawlen = n;
	f->type = (uint8_t)type;
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

	if ((f = field_find(r, key)) == NULL)
		return;
	/* Rotate the field to the end so its string buffer stays reusable. */
	tmp = *f;
	memmove(f, f + 1, (size_t)(r->f + r->n - f - 1) * sizeof(*f));
	r->f[--r->n] = tmp;
}

void
record_copy(struct record *dst, const struct record *src)
{
	struct field *f;
	const struct field *g;
	size_t i;

	record_reset(dst);
	if (src->data.len > 0)
		buf_add(&dst->data, src->data.s, src->data.len);
	for (i = 0; i < src->n; i++) {
		g = &src->f[i];
		f = field_new(dst);
		f->off = g->off;
		f->keylen = g->keylen;
		f->rawlen = g->rawlen;
		f->type = g->type;
		f->canon = g->canon;
		if (g->ext) {
			/* dst owns its values: the line may go first */
			f->off = dst->data.len;
			buf_add(&dst->data, key_of(src, g), g->keylen + 1);
			buf_add(&dst->data, raw_of(src, g), g->rawlen);
			buf_addc(&dst->data, '\0');
		}
		if (g->decoded && g->type == JSON_STRING) {
			if (f->str == NULL)
				f->str = xcalloc(1, sizeof(*f->str));
			buf_reset(f->str);
			buf_add(f->str, buf_cstr(g->str), g->str->len);
			f->decoded = true;
		}
	}
}

void
record_put(const struct record *r, struct buf *tmp,
    void (*put)(void *arg, const void *, size_t), void *arg)
{
	const struct field *f;
	size_t i;

	buf_addc(tmp, '{');
	for (i = 0; i < r->n; i++) {
		f = &r->f[i];
		if (i > 0)
			buf_addc(tmp, ',');
		json_encode_string(tmp, key_of(r, f), f->keylen);
		buf_addc(tmp, ':');
		if (put == NULL || f->rawlen <= RECORD_BIG) {
			buf_add(tmp, raw_of(r, f), f->rawlen);
			continue;
		}
		put(arg, tmp->s, tmp->len);
		put(arg, raw_of(r, f), f->rawlen);
		buf_reset(tmp);
	}
	buf_add(tmp, "}\n", 2);
	if (put != NULL) {
		put(arg, tmp->s, tmp->len);
		buf_reset(tmp);
	}
}

void
record_write(const struct record *r, struct buf *out)
{
	record_put(r, out, NULL, NULL);
}
