/*
 * itemstore.h - a temporary store of items, for the modes that compare
 * all items in memory and then go back to some of them (artsim --align,
 * the pairs decided by their passages): the ids, texts and sentences go
 * to a temporary file, compressed (about half the text), so memory holds
 * only where each item starts, and any item can be read back by number.
 *
 *	struct itemstore *st = itemstore_new();
 *	i = itemstore_add(st, it);
 *	...
 *	a = itemstore_get(st, i, 0);
 *	b = itemstore_get(st, j, 1);
 *	itemstore_free(st);
 */
#ifndef ARTKIT_ITEMSTORE_H
#define ARTKIT_ITEMSTORE_H

#include <stdint.h>

#include "sim/item.h"

struct itemstore;
/* An empty store; exits with a message when no temporary file can be made. */
struct itemstore *itemstore_new(void);
/* Free st and remove its file; NULL does nothing. */
void	itemstore_free(struct itemstore *st);
/* Append it as the next item (numbered from 0); exits 1 on a write error. */
uint32_t itemstore_add(struct itemstore *st, const struct item *it);
/*
 * Item i, read back into slot (0 or 1, so two can be held at once); the
 * item belongs to st and lasts until slot is read again.
 */
const struct item *itemstore_get(struct itemstore *st, uint32_t i,
	    int slot);

#endif
