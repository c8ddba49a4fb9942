/*
 * strset.c - see strset.h.  The table holds numbers into an array of
 * (offset, length) pairs over one growing byte arena, so a million ids cost
 * two allocations, not a million.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "base/buf.h"
#include "base/strset.h"
#include "base/util.h"

struct strset {
	uint32_t	*slot;		/* number + 1, or 0 for empty */
	size_t		 nslot;		/* power of two */
	size_t		*off;		/* where string i starts in arena */
	uint32_t	 count;
	size_t		 cap;
	struct buf	 arena;
};

struct strset *
strset_new(void)
{
	struct strset *s;

	s = xcalloc(1, sizeof(*s));
	s->nslot = 64;
	s->slot = xcalloc(s->nslot, sizeof(*s->slot));
	return s;
}

void
strset_free(struct strset *s)
{
	if (s == NULL)
		return;
	free(s->slot);
	free(s->off);
	buf_free(&s->arena);
	free(s);
}

const char *
strset_get(const struct strset *s, uint32_t i, size_t *n)
{
	*n = s->off[i + 1] - s->off[i] - 1;
	return s->arena.s + s->off[i];
}

uint32_t
strset_count(const struct strset *s)
{
	return s->count;
}

static size_t
lookup(const struct strset *s, const char *str, size_t n)
{
	size_t mask = s->nslot - 1, h, len;
	const char *p;

	h = (size_t)XXH3_64bits(str, n) & mask;
	while (s->slot[h] != 0) {
		p = strset_get(s, s->slot[h] - 1, &len);
		if (len == n && memcmp(p, str, n) == 0)
			break;
		h = (h + 1) & mask;
	}
	return h;
}

uint32_t
strset_find(const struct strset *s, const char *str, size_t n)
{
	size_t h = lookup(s, str, n);

	return s->slot[h] ? s->slot[h] - 1 : UINT32_MAX;
}

static void
rehash(struct strset *s)
{
	uint32_t *old = s->slot, i;
	size_t oldn = s->nslot, j, h, len;
	const char *p;

	s->nslot *= 2;
	s->slot = xcalloc(s->nslot, sizeof(*s->slot));
	for (j = 0; j < oldn; j++) {
		if ((i = old[j]) == 0)
			continue;
		p = strset_get(s, i - 1, &len);
		h = lookup(s, p, len);
		s->slot[h] = i;
	}
	free(old);
}

uint32_t
strset_add(struct strset *s, const char *str, size_t n, int *added)
{
	size_t h;

	h = lookup(s, str, n);
	if (s->slot[h] != 0) {
		*added = 0;
		return s->slot[h] - 1;
	}
	if (s->count == UINT32_MAX - 1)
		errx(1, "too many distinct strings");
	s->off = xroom(s->off, &s->cap, (size_t)s->count + 2,
	    sizeof(*s->off));
	if (s->count == 0)
		s->off[0] = 0;
	buf_add(&s->arena, str, n);
	buf_addc(&s->arena, '\0');
	s->off[s->count + 1] = s->arena.len;
	s->slot[h] = ++s->count;
	*added = 1;
	if ((size_t)s->count * 2 > s->nslot)
		rehash(s);
	return s->count - 1;
}
