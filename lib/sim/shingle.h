/*
 * shingle.h - turn a text into the set of shingles that artsim compares.
 *
 * A word is a run of Unicode letters and digits (combining marks and default
 * ignorable characters such as the soft hyphen continue a word but never start
 * one), normalised by NFKC and full case folding, so "Ｃafé", "CAFE\u0301" and
 * "café" are one word.  A word shingle is n consecutive words; a character
 * shingle is N consecutive code points of the normalised words joined by one
 * space, for OCR text and scripts written without spaces.  Every shingle is
 * hashed to 64 bits with XXH3, so an item becomes a sorted array of distinct
 * uint64_t that simindex and minhash work on.  A text with fewer than n words
 * (N code points) but at least one gives one shingle of all of them, so a
 * short item still has a set; a text without words has the empty set.
 *
 * Hashes do not depend on the machine's byte order, so sketches and keys made
 * on different machines (artsim --map on a cluster) agree.
 *
 *	struct shingler *sh = shingler_new(5, 0, seed);
 *	size_t n;
 *	const uint64_t *set = shingler_set(sh, text, len, &n);
 *	...
 *	shingler_free(sh);
 */
#ifndef ARTKIT_SHINGLE_H
#define ARTKIT_SHINGLE_H

#include <stddef.h>
#include <stdint.h>

#define SHINGLE_N	5	/* words per shingle when not told otherwise */
/* The longest text a shingler reads: word offsets are 32 bits. */
#define SHINGLE_MAX_TEXT	((size_t)UINT32_MAX)
/*
 * shingler_trim frees an array over this many bytes: about what a text of
 * 400 KB needs, several times the longest news article, so that the usual
 * items reuse the arrays and only a long one allocates its own.
 */
#define SHINGLE_KEEP		((size_t)1 << 20)

/*
 * One word of a text: its bytes [start, end) in the text, and its hash.
 * 16 bytes, not 24 with size_t offsets: a long item holds its words twice
 * (the index's and the aligner's shinglers) in memory at once.  And the
 * room of two hashes: shingler_set makes a word set and sorts it in the
 * words' array.
 */
struct shingle_word {
	uint32_t	 start;
	uint32_t	 end;
	uint64_t	 hash;
};

struct shingler;

/*
 * A shingler for word n-grams (n >= 1) or, when chars > 0, character
 * N-grams of chars code points; seed varies every hash.  Never NULL.
 */
struct shingler *shingler_new(unsigned n, unsigned chars, uint64_t seed);

/*
 * The words of text (len bytes, any bytes; invalid UTF-8 separates words)
 * in order; the array belongs to sh and lasts until its next call or
 * shingler_trim.  A text must be at most SHINGLE_MAX_TEXT bytes: the
 * caller refuses a longer one as bad input, where it knows the file and
 * line (artsim's item reader does, see itemreader.h).  A longer text here
 * is a caller's bug, stopped with a fatal error (errx) rather than word
 * offsets that wrap.
 */
const struct shingle_word *shingler_words(struct shingler *sh,
	    const char *text, size_t len, size_t *countp);

/*
 * The sorted set of distinct shingle hashes of text; the array belongs to sh
 * and lasts until its next call or shingler_trim.  *countp is 0 for a text
 * without words.  Texts as for shingler_words.  Word sets are made in the
 * words' array: the words of the text are not left for the caller.
 */
const uint64_t *shingler_set(struct shingler *sh, const char *text,
	    size_t len, size_t *countp);

/*
 * Make sh read texts a byte at a time only, never a block of ASCII at
 * once: the words and sets are the same (the tests compare the two).
 */
void	shingler_bytewise(struct shingler *sh);

/*
 * Free the arrays of sh over SHINGLE_KEEP bytes, which only a text far
 * longer than usual needs: they were kept at the size of the longest text
 * read, while the caller went on to other work (the aligner's texts and
 * matches).  Call it when done with the last call's words or set.
 */
void	shingler_trim(struct shingler *sh);

/* Free sh; NULL does nothing. */
void	shingler_free(struct shingler *sh);

/* Sort n uint64_t ascending and drop repeats; returns the new count. */
size_t	shingle_sort_unique(uint64_t *v, size_t n);

#endif
