/*
 * util.c - see util.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"

#ifndef ARTKIT_DATADIR
#define ARTKIT_DATADIR "/usr/local/share/artkit"
#endif

void *
xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n ? n : 1)) == NULL)
		err(1, "malloc %zu bytes", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if ((p = calloc(nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		err(1, "calloc");
	return p;
}

void *
xreallocarray(void *p, size_t nmemb, size_t size)
{
	if ((p = reallocarray(p, nmemb ? nmemb : 1, size ? size : 1)) == NULL)
		err(1, "realloc %zu x %zu bytes", nmemb, size);
	return p;
}

void *
xroom_grow(void *v, size_t *cap, size_t n, size_t sz)
{
	if (n <= *cap)
		return v;
	*cap = n + n / 2 + 16;
	return xreallocarray(v, *cap, sz);
}

char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		err(1, "strdup");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

const char *
artkit_datadir(void)
{
	const char *d;

	if ((d = getenv("ARTKIT_SHARE")) != NULL && *d != '\0')
		return d;
	return ARTKIT_DATADIR;
}

int
hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}
