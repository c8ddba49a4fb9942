/*
 * strset.h - a set of byte strings (ids seen so far, and the like), with
 * each string numbered in the order it was first added.
 *
 * Open addressing on XXH3 hashes; strings are copied into the set.
 */
#ifndef ARTKIT_STRSET_H
#define ARTKIT_STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset;

/* An empty set; never NULL (allocation failures exit, util.h). */
struct strset *strset_new(void);
/* strset_free(NULL) does nothing. */
void	strset_free(struct strset *);

/*
 * Add s[0..n) if absent.  Returns its number (0, 1, 2, ... in order of first
 * addition) and sets *added to 1 when it was new, 0 when already there.
 */
uint32_t strset_add(struct strset *, const char *s, size_t n, int *added);

/* The number of s, or UINT32_MAX when absent. */
uint32_t strset_find(const struct strset *, const char *s, size_t n);

/*
 * The string with number i (i < strset_count), NUL-terminated; *n its
 * length.  The pointer lives until the next strset_add, which may move
 * every string (copy it to keep it longer), or strset_free.
 */
const char *strset_get(const struct strset *, uint32_t i, size_t *n);
uint32_t strset_count(const struct strset *);

#endif
