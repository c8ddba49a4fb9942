/*
 * util.h - allocation that cannot fail silently, and small helpers shared by
 * every module of libartkit.
 *
 * The tools are filters: when memory runs out there is nothing sensible to do
 * but say so and stop, so every allocation goes through these wrappers, which
 * call err(1) on failure.  Callers never check for NULL.
 */
#ifndef ARTKIT_UTIL_H
#define ARTKIT_UTIL_H

#include <stddef.h>

#define ARTKIT_VERSION "0.1.0"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* malloc/calloc/realloc/strdup that exit with a message instead of failing. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * v, an array of *cap elements of size sz, grown (by half again) to hold
 * at least n; *cap updated.  The one way arrays that grow as they are
 * filled are grown in libartkit.  Arrays of one length that share a
 * capacity grow the first with xroom and the others with xreallocarray
 * to the new *cap.  Inline, as it is called per element in hot loops; the
 * growing is xroom_grow.
 */
void *xroom_grow(void *v, size_t *cap, size_t n, size_t sz);

static inline void *
xroom(void *v, size_t *cap, size_t n, size_t sz)
{
	return n <= *cap ? v : xroom_grow(v, cap, n, sz);
}

struct timespec;
/* Seconds from a to b, two readings of the same clock. */
double elapsed(const struct timespec *a, const struct timespec *b);

/*
 * Directory of the run-time data (abbreviation lists, boilerplate rules):
 * $ARTKIT_SHARE when set, else the directory compiled in at build time.
 * The returned string is static.
 */
const char *artkit_datadir(void);

/* The value of the hex digit c (either case), or -1 when c is not one. */
int	hexdigit(int c);

#endif
