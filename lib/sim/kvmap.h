/*
 * kvmap.h - the map step's buffer (simkv.h): the lines of a batch of items,
 * held within a bound and written sorted by key, the values of one key in
 * one line.  An item writes a P line for each of its probe keys and a B
 * line for each LSH band, under the key's first characters (simkv.h); the
 * postings of one such prefix become one line, "P<F1><TAB>Hwab
 * F2LmpF2'L'm'p'...", by key, which saves the key, the TAB and the newline
 * of every posting but the first (a sort of 50 MB of generated news reads
 * 180 thousand lines in four batches, not 1.96 million), and the batch is
 * written in the byte order a sort wants (a sort of sorted runs costs about
 * half the CPU).  A posting names its item by its number L in the batch, in
 * w characters (the batch's widest), the line the batch's base H and w once
 * (the item's reference is H + L, simkv.h), so an item costs two or three
 * characters a posting however long its id; its size m and probe keys p
 * take a and b characters, the widest of the prefix's in the batch, so that
 * the postings need no space between them.  Round 1 (simkv_reduce) reads a
 * prefix's postings whether they come in one line or in many: lines from
 * other batches, other map processes, or a map without a buffer.
 *
 * Memory: 16 bytes a probe or band key, the item's size, probe keys and T
 * line (its text, compressed), within the budget; past it the batch is
 * written and the next begun (one item is always taken whole, so the most
 * held is the budget and one item).
 */
#ifndef ARTKIT_SIM_KVMAP_H
#define ARTKIT_SIM_KVMAP_H

#include <stddef.h>
#include <stdint.h>

/* Where the lines go: called with whole lines, n > 0. */
typedef void	(*kvmap_write_fn)(void *arg, const char *s, size_t n);

/* One item's lines. */
struct kvmap_item {
	uint64_t	 base;		/* the batch's base, if it is the first */
	uint32_t	 m, p;		/* its size, its probe keys */
	const uint32_t	*probe, *band;	/* the keys of its P, its B lines */
	size_t		 nprobe, nband;
	const char	*tline;		/* its T line, the newline included */
	size_t		 tlen, tkey;	/* its length, its key's */
};

struct kvmap;

/* A buffer of about budget bytes (more than 0) writing through write. */
struct kvmap *kvmap_new(size_t budget, kvmap_write_fn write, void *arg);
/*
 * The number the next item added gets in its batch: its reference is the
 * batch's base + that number, the base being that of the batch's first
 * item (number 0).
 */
size_t	kvmap_count(const struct kvmap *km);
/* Add an item's lines (copied); past the budget, write the batch. */
void	kvmap_add(struct kvmap *km, const struct kvmap_item *it);
/*
 * Add a line whose key sorts after every P line (key the length of its
 * key; the line, its newline included, copied), written with the T
 * lines, by key: the texts of a piece of items (textpack.h).  It does
 * not write the batch.
 */
void	kvmap_add_line(struct kvmap *km, const char *line, size_t len,
	    size_t key);
/*
 * Write the batch: the B lines, the P lines (each key prefix once, the
 * batch's base and the widths, its keys in order, a key's items' numbers
 * and values in the order they came), then the T lines and the lines added,
 * each part sorted by key in byte order.  NULL does nothing.
 */
void	kvmap_flush(struct kvmap *km);
/* Free km (its lines not written: flush first); NULL does nothing. */
void	kvmap_free(struct kvmap *km);

#endif
