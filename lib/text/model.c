/*
 * model.c - see model.h.
 *
 * The model is a set of 64-bit keys (a hash of source and paragraph):
 * open addressing, 0 marking an empty slot.  Collisions between
 * paragraphs are possible in principle and harmless in practice at 2^-64.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "text/linefile.h"
#include "text/model.h"
#include "base/util.h"

struct model {
	uint64_t	*keys;
	size_t		 n, cap;
	size_t		 longest;	/* bytes of the longest paragraph */
};

struct model *
model_new(void)
{
	return xcalloc(1, sizeof(struct model));
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	free(m->keys);
	free(m);
}

size_t
model_size(const struct model *m)
{
	return m->n;
}

/* The key of paragraph s of source (NULL or "" is "*") in the model. */
uint64_t
model_key(const char *source, const char *s, size_t n)
{
	uint64_t seed, k;

	if (source == NULL || *source == '\0')
		source = "*";
	seed = XXH3_64bits(source, strlen(source));
	k = XXH3_64bits_withSeed(s, n, seed);
	return k != 0 ? k : 1;
}

static int
has_key(const struct model *m, uint64_t key)
{
	size_t i, mask;

	if (m->cap == 0)
		return 0;
	mask = m->cap - 1;
	for (i = key & mask; m->keys[i] != 0; i = (i + 1) & mask)
		if (m->keys[i] == key)
			return 1;
	return 0;
}

static void
put_key(struct model *m, uint64_t key)
{
	uint64_t *old = m->keys;
	size_t oldcap = m->cap, i;

	if (has_key(m, key))
		return;
	if ((m->n + 1) * 2 > m->cap) {
		m->cap = oldcap ? oldcap * 2 : 64;
		m->keys = xcalloc(m->cap, sizeof(uint64_t));
		m->n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				put_key(m, old[i]);
		free(old);
	}
	for (i = key & (m->cap - 1); m->keys[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		;
	m->keys[i] = key;
	m->n++;
}

/* Undo the model file's escapes in place; returns the new length. */
static size_t
unescape(char *s)
{
	char *r, *w = s;

	for (r = s; *r != '\0'; r++) {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' :
			    *r == 'r' ? '\r' : *r;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return (size_t)(w - s);
}

static const char *
parse_line(void *arg, char *line, char *msg, size_t msglen)
{
	struct model *m = arg;
	char *src, *items, *text;
	const char *errstr;
	size_t n;

	src = line;
	if ((items = strchr(src, '\t')) == NULL ||
	    (text = strchr(items + 1, '\t')) == NULL)
		return "want SOURCE<TAB>ITEMS<TAB>PARAGRAPH";
	*items++ = '\0';
	*text++ = '\0';
	(void)strtonum(items, 0, LLONG_MAX, &errstr);
	if (errstr != NULL) {
		snprintf(msg, msglen, "ITEMS is %s: %s", errstr, items);
		return msg;
	}
	n = strlen(text);
	if (n > 0 && text[n - 1] == '\r')
		text[--n] = '\0';
	unescape(src);
	n = unescape(text);
	if (n == 0)
		return "empty PARAGRAPH";
	put_key(m, model_key(src, text, n));
	if (n > m->longest)
		m->longest = n;
	return NULL;
}

int
model_add(struct model *m, const char *name, const char *text, size_t n,
    struct buf *err)
{
	return linefile_each(name, text, n, err, parse_line, m);
}

int
model_load(struct model *m, const char *path, struct buf *err)
{
	return linefile_load(path, err, parse_line, m);
}

int
model_has(const struct model *m, const char *source, const char *s, size_t n)
{
	return m->n > 0 && n <= m->longest &&
	    (has_key(m, model_key(source, s, n)) ||
	    (source != NULL && *source != '\0' &&
	    has_key(m, model_key("*", s, n))));
}

void
model_escape(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			buf_adds(out, "\\n");
		else if (s[i] == '\t')
			buf_adds(out, "\\t");
		else if (s[i] == '\\')
			buf_adds(out, "\\\\");
		else if (s[i] == '\r')
			buf_adds(out, "\\r");
		else
			buf_addc(out, s[i]);
	}
}

