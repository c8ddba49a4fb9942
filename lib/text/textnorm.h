/*
 * textnorm.h - Unicode and whitespace normalisation: steps 3 and 4 of
 * artclean, plus the optional fold to ASCII punctuation.
 *
 * Step 3 (textnorm_unicode) leaves text that means the same but is spelt one
 * way: NFC (NFKC on request), no invisible characters (zero-width space,
 * word joiner, soft hyphen, BOM, C0/C1 controls other than tab and newline),
 * the odd spaces (no-break, thin, ideographic, ...) as a plain space, CR LF
 * and CR as LF, U+2028/U+2029 as line and paragraph breaks.  ZWJ and ZWNJ
 * stay: emoji sequences and Persian or Indic spelling need them.
 *
 * Step 4 (textnorm_space) fixes the layout to the artkit convention:
 * paragraphs separated by exactly "\n\n", a single "\n" inside a paragraph,
 * runs of spaces and tabs as one space, no space at either end of a line.
 */
#ifndef ARTKIT_TEXTNORM_H
#define ARTKIT_TEXTNORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define TN_NFKC		0x1	/* compatibility composition, not just NFC */
#define TN_ASCII	0x2	/* curly quotes, dashes, ellipsis to ASCII */

/*
 * True when textnorm_unicode() could change s: any byte outside printable
 * ASCII, tab and newline.  Pure ASCII text skips step 3 entirely.
 */
bool	textnorm_maybe(const char *s, size_t n);

/*
 * Append s (n bytes, any bytes; invalid UTF-8 becomes U+FFFD) to out in
 * the normal form described above, as flags ask.  Never fails.
 */
void	textnorm_unicode(const char *s, size_t n, struct buf *out,
	    unsigned flags);

/*
 * Does textnorm_unicode() copy the character cp (a valid code point beyond
 * ASCII) as it is, whatever surrounds it, under flags: no separator,
 * nothing invisible, no odd space, nothing --ascii folds, and nothing that
 * sends the text through composition (never under TN_NFKC)?  A text made
 * of such characters, printable ASCII, tab and newline comes out of step 3
 * byte for byte as it went in (normscan.h relies on it).
 */
bool	textnorm_keeps(int32_t cp, unsigned flags);

/* Append s to out with its whitespace laid out as described above. */
void	textnorm_space(const char *s, size_t n, struct buf *out);

#endif
