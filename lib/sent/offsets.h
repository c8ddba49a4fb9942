/*
 * offsets.h - a sentence's place in code points.  The splitter reports byte
 * offsets (sentsplit.h); records give "start" and "end" in code points of
 * the item's text (doc/design.md), so that any JSON reader can slice the
 * text with them.  artsent writes them and artsim's alignment reports
 * passages in them; both count through this one counter.
 *
 * Offsets usually come in order, so the counter goes on from the last one
 * and a whole text costs one pass:
 *
 *	struct offsets o;
 *	offsets_init(&o, text, len);
 *	for (k = 0; k < n; k++) {
 *		cstart = offsets_cp(&o, v[k].start);
 *		cend = offsets_cp(&o, v[k].end);
 *	}
 */
#ifndef ARTKIT_OFFSETS_H
#define ARTKIT_OFFSETS_H

#include <stddef.h>

/* A counter over one text; the text must outlive it (nothing is owned). */
struct offsets {
	const char	*text;
	size_t		 len;
	size_t		 byte;		/* counted up to here */
	size_t		 cp;		/* code points in [0, byte) */
};

/* Start counting over the len bytes of UTF-8 at text. */
void	offsets_init(struct offsets *o, const char *text, size_t len);

/*
 * The number of code points in text[0, byte) (an invalid byte counts one,
 * as in utf8_count); a byte past the end counts as len.  An offset before
 * the one asked last is counted again from the start of the text.
 */
size_t	offsets_cp(struct offsets *o, size_t byte);

#endif
