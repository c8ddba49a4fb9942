/*
 * normscan.h - one read of a text that proves which of artclean's steps
 * 1-4 (html, mojibake, textnorm_unicode, textnorm_space) would give it back
 * byte for byte, so that the cleaner can skip them.
 *
 * Each step alone reads the whole text, and on most news text none of them
 * changes a byte: no '&' or '<', no mojibake, every character beyond ASCII
 * (curly quotes, dashes, accented letters) kept by step 3, the lines laid
 * out as step 4 writes them.  normscan finds all four answers in one pass,
 * 32 bytes at a time, with a table (built once, for every thread) of
 * what steps 2 and 3 say of each code point.  Each answer is a sufficient
 * condition, never a guess: a text it cannot prove unchanged goes through
 * the step as before.
 */
#ifndef ARTKIT_NORMSCAN_H
#define ARTKIT_NORMSCAN_H

#include <stddef.h>

#define NS_HTML		0x1	/* html_maybe is false: no '&' or '<' */
#define NS_MOJIBAKE	0x2	/* mojibake_found is false */
#define NS_UNICODE	0x4	/* textnorm_unicode copies the text as it is */
#define NS_SPACE	0x8	/* so does textnorm_space */

/*
 * The NS_* bits of the steps that leave s (n bytes, any bytes) as it is,
 * with flags the TN_* flags step 3 gets.  When NS_MOJIBAKE is not set,
 * *mojifrom is where a line starts before which no line is bad:
 * mojibake_found(s, n) equals mojibake_found(s + *mojifrom, n - *mojifrom).
 */
unsigned	normscan(const char *s, size_t n, unsigned flags,
		    size_t *mojifrom);

#endif
