/*
 * item.h - the item: what every mode of artsim reads, compares and
 * writes about.  One news item is an id and a text, and, when it came as
 * artsent's sentence records, the sentences it was cut into, so the
 * aligner uses those instead of splitting again.
 *
 * An item never owns its bytes: it points into whatever made it (an item
 * reader, an item store, a batch, a mapped reference index), which says
 * how long the pointers live.  Items are numbered from 0 in the order
 * they were read; a number is what the engines (simindex, refindex) keep.
 */
#ifndef ARTKIT_ITEM_H
#define ARTKIT_ITEM_H

#include <stddef.h>

#include "sent/sentsplit.h"

/*
 * An item as the tools see it; sent NULL when it is to be split.  Offsets
 * reported about an item are code points of its original text: with
 * cstart, where each sentence starts in it (the text then holds the
 * sentences with one space or blank line between them, however far apart
 * they were: a record may say its sentence starts a thousand million code
 * points in), and without, counted in text itself.
 */
struct item {
	const char	*id;
	size_t		 idlen;
	const char	*text;
	size_t		 len;
	const struct sent *sent;	/* byte offsets into text, in order */
	size_t		 nsent;
	const size_t	*cstart;	/* with sent: or NULL, as above */
};

#endif
