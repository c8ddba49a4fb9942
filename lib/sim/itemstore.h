/*
 * itemstore.h - a temporary store of items, for the modes that compare
 * all items in memory and then go back to some of them (artsim --align,
 * the pairs decided by their passages): the ids, texts and sentences go
 * to a temporary file, compressed (about half the text), so memory holds
 * only where each item starts, and any item can be read back by number.
 *
 * An item that is one line of a plain file named on the command line
 * need not be copied: with itemstore_reread, itemstore_add_line keeps
 * only where its line lies and makes its text again from the file when
 * it is read back.  Such a file must not change until the run is over:
 * itemstore_check, at the end, and every read back make sure it did not.
 *
 *	struct itemstore *st = itemstore_new();
 *	itemstore_reread(st, plain, flags);
 *	i = itemstore_add_line(st, it, run_input(run));
 *	...
 *	a = itemstore_get(st, i, 0);
 *	b = itemstore_get(st, j, 1);
 *	itemstore_check(st);
 *	itemstore_free(st);
 */
#ifndef ARTKIT_ITEMSTORE_H
#define ARTKIT_ITEMSTORE_H

#include <stdbool.h>
#include <stdint.h>

#include "io/input.h"
#include "sim/item.h"

struct itemstore;
/* An empty store; exits with a message when no temporary file can be made. */
struct itemstore *itemstore_new(void);
/* Free st and remove its file; NULL does nothing. */
void	itemstore_free(struct itemstore *st);
/* Append it as the next item (numbered from 0); exits 1 on a write error. */
uint32_t itemstore_add(struct itemstore *st, const struct item *it);
/*
 * Items added by itemstore_add_line are made again from their lines, as
 * the driver reads a line (plain: --plain) and an item reader with flags
 * (ITEMREADER_*, without ITEMREADER_SENTENCES) makes an item of it.
 */
void	itemstore_reread(struct itemstore *st, bool plain, int flags);
/*
 * Append it, made of the line in just read (an item of one record), as
 * the next item: only where the line lies is kept when in is a file
 * whose lines can be read again (input_line_at) and itemstore_reread was
 * called; else as itemstore_add.  in may be NULL.  Exits 1 when the
 * file's descriptor cannot be kept.
 */
uint32_t itemstore_add_line(struct itemstore *st, const struct item *it,
	    struct input *in);
/*
 * Exit 1 with a message when a file that items are read again from has
 * changed (its size or time of change) since its first item was added:
 * the items read from it may not have been what they were.
 */
void	itemstore_check(struct itemstore *st);
/*
 * Item i, read back into slot (0 or 1, so two can be held at once); the
 * item belongs to st and lasts until slot is read again.  Exits 1 when
 * the item's file no longer holds its line (itemstore_add_line).
 */
const struct item *itemstore_get(struct itemstore *st, uint32_t i,
	    int slot);

#endif
