/*
 * buf.c - see buf.h.  Growth is geometric so appending n bytes one at a time
 * costs O(n).
 */
#include <assert.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		errx(1, "buffer too large");
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->s = xreallocarray(b->s, cap, 1);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	/* The common case, room already there, skips buf_grow's checks. */
	if (b->cap == 0 || b->cap - b->len <= n)
		buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	if (b->cap == 0 || b->cap - b->len <= 1)
		buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		errx(1, "buf_printf: bad format");
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

void
buf_truncate(struct buf *b, size_t n)
{
	assert(n <= b->len);
	b->len = n;
	if (b->s != NULL)
		b->s[n] = '\0';
}

const char *
buf_cstr(const struct buf *b)
{
	return b->s != NULL ? b->s : "";
}

char *
buf_detach(struct buf *b, size_t *lenp)
{
	char *s;

	if (b->s == NULL)
		buf_grow(b, 0), b->s[0] = '\0';
	s = b->s;
	if (lenp != NULL)
		*lenp = b->len;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
