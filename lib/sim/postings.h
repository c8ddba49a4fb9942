/*
 * postings.h - a compact inverted index from 32-bit keys to the items
 * holding them, for the in-memory engine's candidates (simindex.h): each
 * item's probe keys, and each item's LSH band keys.
 *
 * It is built in two passes over the (key, item) entries, in any order:
 * a first that counts them by bucket (the key's top bits), a second that
 * places them, then a sort of each bucket by key and item.  An entry
 * keeps the key's low bits (16 at most) and the item: 6 bytes, where a
 * hash table of key and item took 16 to 24; the directory of buckets adds
 * a few bits an entry.  A look-up reads the directory and then a short run
 * of low bits, next to each other in memory.
 *
 *	postings_init(&p, n);
 *	for each entry: postings_count(&p, key);	(or postings_counts)
 *	postings_start(&p);
 *	for each entry: postings_put(&p, key, item);
 *	postings_sort(&p);
 *	postings_find(&p, key, &lo, &hi);	items p.item[lo .. hi)
 *	(or postings_places(&p, nitems), each item's entries)
 *	(or the steps of postings_find one at a time, for many keys at once:
 *	postings_bucket, p.dir, postings_search)
 *	postings_free(&p);
 */
#ifndef ARTKIT_POSTINGS_H
#define ARTKIT_POSTINGS_H

#include <stddef.h>
#include <stdint.h>

#define POSTINGS_FILL	64	/* entries per bucket, at most on average */
#define POSTINGS_BITS	16	/* the fewest bucket bits */

struct postings {
	unsigned	 dbits;		/* bucket bits */
	uint32_t	*dir;		/* bucket b: entries dir[b] .. dir[b+1] */
	uint16_t	*low;		/* each entry's key, less its top bits */
	uint32_t	*item;		/* each entry's item, ascending by key */
	uint64_t	 n;
	uint32_t	*first;		/* postings_places: of each item, */
	uint32_t	*start, *at;	/* where it is and its key starts */
	uint32_t	 nitems;
};

/*
 * Make p ready for n entries (counts at 0).  Exits with a message when n
 * is past 2^32 - 1, which one machine's engine does not take.
 */
void	postings_init(struct postings *p, uint64_t n);
/* Count an entry of key (the first pass). */
void	postings_count(struct postings *p, uint32_t key);
/*
 * Or take the counts of every entry by the top bits of its key, made as
 * the entries came: possible when bits >= p->dbits; returns 0 when not.
 */
int	postings_counts(struct postings *p, const uint32_t *count,
	    unsigned bits);
/* After the counts: where each bucket starts. */
void	postings_start(struct postings *p);
/* Place an entry (the second pass). */
void	postings_put(struct postings *p, uint32_t key, uint32_t item);
/* Sort each bucket by key, items ascending within a key. */
void	postings_sort(struct postings *p);
/*
 * Drop the keys for which drop(arg, items, n) is true, items[0..n) being
 * theirs.
 */
void	postings_drop(struct postings *p,
	    int (*drop)(void *arg, const uint32_t *items, uint32_t n),
	    void *arg);
/*
 * Find where each item's entries are, its places, for the keys that two
 * items or more hold (postings_drop leaves no other when told to): item
 * e's k-th is at p->at[p->first[e] + k], and the entries of its key start
 * at p->start[p->first[e] + k], so those of the items below e are
 * p->item[start .. at).  Items are below nitems.  An item finds the
 * others that share its keys from there, with no look-up.
 */
void	postings_places(struct postings *p, uint32_t nitems);
/* Free p's arrays; p may be set up again. */
void	postings_free(struct postings *p);
/* The bytes p holds, its places with them. */
size_t	postings_bytes(const struct postings *p);

static inline uint32_t
postings_bucket(const struct postings *p, uint32_t key)
{
	return key >> (32 - p->dbits);
}

static inline uint16_t
postings_low(const struct postings *p, uint32_t key)
{
	return (uint16_t)(key & (((uint32_t)1 << (32 - p->dbits)) - 1));
}

/*
 * The first of the entries [x, y) of a bucket whose low bits are not below
 * lw: where the entries of a key with those low bits start, if it has
 * any.  A binary search without branches, whose outcome a loop's exit
 * would leave to chance.
 */
static inline uint32_t
postings_search(const struct postings *p, uint16_t lw, uint32_t x,
    uint32_t y)
{
	const uint16_t *low = p->low + x;
	uint32_t n = y - x, half;

	if (n == 0)
		return x;
	while (n > 1) {
		half = n / 2;
		low = low[half] < lw ? low + half : low;
		n -= half;
	}
	return (uint32_t)(low - p->low) + (*low < lw);
}

/* The entries of key: [*lo, *hi) of p->item, empty when there are none. */
static inline void
postings_find(const struct postings *p, uint32_t key, uint32_t *lo,
    uint32_t *hi)
{
	uint32_t b = postings_bucket(p, key), x, y;
	uint16_t lw = postings_low(p, key);

	y = p->dir[b + 1];
	x = *lo = postings_search(p, lw, p->dir[b], y);
	while (x < y && p->low[x] == lw)
		x++;
	*hi = x;
}

#endif
