/*
 * textpack.h - how artsim's map / sort / reduce lines (simkv.h) carry an
 * item's text through the rounds: the text and its sentences (what the
 * aligner reads, so that a pair under the thresholds is decided as the
 * in-memory run decides it), packed into one zstd frame and written in
 * Ascii85's code (kvcode.h), a field of one line; and back.
 *
 * The code holds the text's length, its sentence count + 1 (0: none, the
 * aligner splits the text itself), whether they have code point starts,
 * the text, then each sentence's gap from the last end, length and
 * paragraph as varints, and the starts.  With its line it is about 0.72
 * of the text on generated and on BBC news (zstd level 3).
 *
 * Unpacking trusts nothing: a code that is no frame, a frame whose size
 * lies, sentences out of order, apart from the text or overlapping, or
 * bytes left over, are refused, so a damaged line is an error, never a
 * misread item.
 */
#ifndef ARTKIT_SIM_TEXTPACK_H
#define ARTKIT_SIM_TEXTPACK_H

#include <stddef.h>

#include "base/buf.h"
#include "sim/item.h"

#define TEXTPACK_SLOTS	2	/* items unpacked at once */

struct textpack;

/* A packer and unpacker with its zstd contexts and TEXTPACK_SLOTS slots. */
struct textpack *textpack_new(void);

/*
 * Append the code of it's text and sentences (not its id) to out: only
 * characters that kv_text_char() accepts, no newline.
 */
void	textpack_put(struct textpack *tp, const struct item *it,
	    struct buf *out);

/*
 * Unpack the code s[0..len) into slot (0 <= slot < TEXTPACK_SLOTS): the
 * item (its text NUL-terminated, its id empty), valid until the next
 * textpack_get into that slot or textpack_free; NULL when s is no code
 * textpack_put wrote.
 */
const struct item *textpack_get(struct textpack *tp, const char *s,
	    size_t len, int slot);

/* Free tp; NULL does nothing. */
void	textpack_free(struct textpack *tp);

#endif
