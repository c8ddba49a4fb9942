/*
 * itemreader.h - records in, items out: how every mode of artsim reads its
 * input, so that they name, check and join records alike.
 *
 * A record is an item by itself: its id and its text (with
 * ITEMREADER_TITLE, its title, a blank line and its text, so a headline
 * counts too).  With ITEMREADER_SENTENCES, a sentence record of artsent
 * (one with a number "sent") is not: the consecutive sentence records with
 * its id make one item.  Their texts are joined with a space, or a blank
 * line where "par" changes, or, when the records carry artsent's
 * --offsets, placed at their "start" so offsets into the item are those
 * of the original text; the item keeps its sentences.
 *
 * A record without an id is named "#N", N counting items from 1.  With
 * ITEMREADER_UNIQUE the reader keeps every id, and a record whose id (or
 * #N name) an earlier item has is bad; with ITEMREADER_NEED_ID a record
 * without an id, or with an empty one, is bad (--map, whose steps meet by
 * id).
 *
 * Each complete item is handed to fn, at once for a record that is an item
 * by itself, and when the next record or the end of the input shows it is
 * complete for sentence records:
 *
 *	static void use(void *arg, const struct item *it,
 *	    struct record *rec, void *ctx) { ... }
 *
 *	r = itemreader_new(ITEMREADER_UNIQUE, use, arg);
 *	for each record rec:
 *		if (itemreader_record(r, rec, ctx, &msg) < 0)
 *			bad record: msg says why;
 *	itemreader_end(r, ctx);
 *	itemreader_free(r);
 */
#ifndef ARTKIT_ITEMREADER_H
#define ARTKIT_ITEMREADER_H

#include <stdbool.h>
#include <stdint.h>

#include "io/record.h"
#include "sim/item.h"
#include "sim/shingle.h"

#define ITEMREADER_SENTENCES	0x1	/* sentence records make one item */
#define ITEMREADER_TITLE	0x2	/* title, blank line, text; not with
					   ITEMREADER_SENTENCES */
#define ITEMREADER_UNIQUE	0x4	/* keep the ids; an id seen is bad */
#define ITEMREADER_NEED_ID	0x8	/* no id, or an empty one, is bad */

/*
 * The longest item text, in bytes: what a shingler reads (its word
 * offsets are 32 bits).  A longer item is a bad record here, where the
 * driver knows its file and line and can send it to --rejects, rather than
 * a fatal error in the shingler, which knows neither.
 *
 * The tests lower it with the environment variable ARTKIT_TEST_MAX_ITEM
 * (bytes), read by itemreader_new, so that they check the whole path
 * (message, --rejects, exit status) without writing 4 GB; a build-time
 * define would need a second build of artsim for one test.  A value at or
 * over this one, or not a number, is ignored: the variable can only make
 * the reader stricter, never let a text through that the shingler cannot
 * read.
 */
#define ITEMREADER_MAX_TEXT	SHINGLE_MAX_TEXT

struct itemreader;

/*
 * Called with each complete item, numbered from 0 in the order handed
 * over; it and its bytes belong to the reader and last until the next
 * call.  rec is the record the item was made of, for a reader without
 * ITEMREADER_SENTENCES, and NULL with it.  ctx is itemreader_record's.
 * An item of a text alone (no title before it) is rec's own "text"
 * string, not a copy: fn must not set that field while it uses the item.
 */
typedef void itemreader_fn(void *arg, const struct item *it,
    struct record *rec, void *ctx);

/* A reader with flags ITEMREADER_*, handing items to fn(arg, ...). */
struct itemreader *itemreader_new(int flags, itemreader_fn *fn, void *arg);
/* Free r; NULL does nothing. */
void	itemreader_free(struct itemreader *r);

/*
 * Read rec, handing fn the items it completes (with ctx).  Returns 0, or
 * -1 with *msg set to why rec is bad (valid until the next call): a text
 * or title that is not a string, a name an earlier item has, no id where
 * one is needed, sentence offsets that go backwards or do not fit the
 * text, an item over ITEMREADER_MAX_TEXT bytes.  A bad record changes
 * nothing, but it may have handed over the item before it.  A sentence
 * record that would bring its item over the limit is bad, and so is every
 * later sentence record of that item: the item is handed over with the
 * sentences before it, and the rest go to --rejects in order.
 */
int	itemreader_record(struct itemreader *r, struct record *rec, void *ctx,
	    const char **msg);
/* End of input: hand fn the item still being gathered, if any. */
void	itemreader_end(struct itemreader *r, void *ctx);

/*
 * The text of the item rec makes by itself under flags, into text (reset
 * first): as itemreader_record makes it, for rec whose "text" and "title"
 * are strings or absent.
 */
void	itemreader_text(int flags, struct record *rec, struct buf *text);

/* Items handed over so far. */
uint64_t itemreader_count(const struct itemreader *r);
/*
 * Whether records were read and none had a "text" field (null is a text,
 * if an empty one), nor, with ITEMREADER_TITLE, a "title": an input whose
 * text is under another name, which gives no pairs.  One record without
 * text among others is an item without words, and nothing to say.
 */
bool	itemreader_textless(const struct itemreader *r);
/*
 * With ITEMREADER_UNIQUE: the id of item i (i < itemreader_count),
 * NUL-terminated, *len its length; valid until the next item is handed
 * over.
 */
const char *itemreader_id(const struct itemreader *r, uint32_t i,
	    size_t *len);

#endif
