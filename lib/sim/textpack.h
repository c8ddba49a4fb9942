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
#include <stdint.h>

#include "base/buf.h"
#include "sim/item.h"

#define TEXTPACK_SLOTS	2	/* items unpacked at once */

struct textpack;

/* A packer and unpacker with its zstd contexts and TEXTPACK_SLOTS slots. */
struct textpack *textpack_new(void);

/*
 * Refuse a code or piece that unpacks to more than max bytes (from
 * textpack_new, what zstd's frame itself allows).  A damaged frame's
 * blocks can claim some 30,000 times their size (zstd's RLE blocks), so
 * a reduce bounds what one line may make it allocate by what the map can
 * have written: simkv_limit_text.
 */
void	textpack_limit(struct textpack *tp, size_t max);
/* Was the last code or piece refused for passing that bound? */
int	textpack_over(const struct textpack *tp);

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

/*
 * Pieces: the texts of consecutive items of the map in one frame, with
 * each item's escaped id and size, since zstd packs a piece of about
 * TEXTPACK_PIECE bytes of text to 0.30 of it and one news item of 3.4 KB
 * alone to 0.53 (generated news, level 1; a piece of 64 KB to 0.35, one
 * of 1 MB, which the map and round 1 would hold, to 0.27).  The map adds
 * its items to the piece and writes it when it is past TEXTPACK_PIECE;
 * round 1 opens it and codes the texts it passes on one by one, as
 * textpack_put does.
 */
#define TEXTPACK_PIECE	262144

/* Add the item it, its escaped id eid (elen > 0 bytes) and size m. */
void	textpack_piece_add(struct textpack *tp, const char *eid, size_t elen,
	    uint32_t m, const struct item *it);
/* The bytes of the piece being made: 0 when it is empty. */
size_t	textpack_piece_len(const struct textpack *tp);
/* Append the code of the piece to out (kv_text_char's), and empty it. */
void	textpack_piece_put(struct textpack *tp, struct buf *out);
/*
 * Open the piece of code s[0..len): 0, or -1 when it is no piece
 * (textpack_piece_put's code), then read its items with
 * textpack_piece_next.  A piece opened is forgotten by the next
 * textpack_get, textpack_piece_open or textpack_free.
 */
int	textpack_piece_open(struct textpack *tp, const char *s, size_t len);
/*
 * The next item of the piece opened: 1 with its escaped id (*eid, *elen,
 * not NUL-terminated), its size and, when out is not NULL, the code of
 * its text appended to out as textpack_put would write it; 0 at the end
 * of the piece; -1 when the piece or that text is damaged.
 */
int	textpack_piece_next(struct textpack *tp, const char **eid,
	    size_t *elen, uint32_t *m, struct buf *out);

/* Free tp; NULL does nothing. */
void	textpack_free(struct textpack *tp);

#endif
