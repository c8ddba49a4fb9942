/*
 * itemreader.h - records in, items out: how artsim reads its input.
 *
 * A record is an item by itself, unless it is a sentence record of artsent (it has a number "sent"), in which case
 * the consecutive records with its id make one item.  Their texts are
 * joined with a space, or a blank line where "par" changes, or, when the
 * records carry artsent's --offsets, placed at their "start" so offsets
 * into the item are those of the original text.  A record without an id
 * is named "#N", N counting items from 1.
 *
 *	if (!itemreader_continues(g, rec) &&
 *	    (it = itemreader_take(g)) != NULL)
 *		use(it);
 *	if (itemreader_add(g, rec, &msg) < 0)
 *		bad record;
 *	...
 *	if ((it = itemreader_take(g)) != NULL)
 *		use(it);
 */
#ifndef ARTKIT_ITEMREADER_H
#define ARTKIT_ITEMREADER_H

#include <stdbool.h>

#include "base/buf.h"
#include "io/record.h"
#include "sim/item.h"

struct itemreader;

struct itemreader *itemreader_new(void);
/* Free g; NULL does nothing. */
void	itemreader_free(struct itemreader *g);
/* Whether rec is a sentence record of the item being gathered. */
bool	itemreader_continues(const struct itemreader *g,
	    struct record *rec);
/*
 * Add rec to the open item (when it continues it) or open a new item with
 * it (the open one must have been taken).  Returns 0, or -1 with a static
 * message in *errmsg when rec is bad (a text that is not a string, offsets
 * that go backwards or do not fit the text); the item is then unchanged.
 */
int	itemreader_add(struct itemreader *g, struct record *rec,
	    const char **errmsg);
/*
 * Close the open item and return it, or NULL when none is open; the item
 * belongs to g and lasts until the next itemreader_add.
 */
const struct item *itemreader_take(struct itemreader *g);
/* The id the next item opened by rec would have ("#N" when it has none). */
void	itemreader_id(const struct itemreader *g, struct record *rec,
	    struct buf *id);

#endif
