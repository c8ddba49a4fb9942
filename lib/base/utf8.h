/*
 * utf8.h - strict UTF-8 decoding, encoding and validation, and the single-byte
 * code pages that raw news files arrive in (Windows-1252, Latin-1).
 *
 * "Valid" means RFC 3629: shortest form only, no surrogates (U+D800-DFFF),
 * nothing above U+10FFFF.  These functions never depend on the locale.
 */
#ifndef ARTKIT_UTF8_H
#define ARTKIT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/*
 * Decode one code point from s (n > 0 bytes available).  Returns the number
 * of bytes it takes (1-4) and stores the code point in *cp; on an invalid or
 * truncated sequence returns 1 and stores -1, so a caller can skip the bad
 * byte and go on.
 */
int	utf8_decode(const char *s, size_t n, int32_t *cp);

/* Encode cp (0..0x10FFFF, not a surrogate) into out; returns 1-4. */
int	utf8_encode(int32_t cp, char out[4]);

/* Append the encoding of cp to b. */
void	utf8_add(struct buf *b, int32_t cp);

/* Length of the longest valid UTF-8 prefix of s; n when all of s is valid. */
size_t	utf8_valid_prefix(const char *s, size_t n);
bool	utf8_valid(const char *s, size_t n);

/*
 * Append s decoded from Windows-1252 (or ISO 8859-1) as UTF-8 to b.  The five
 * bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1
 * controls of the same value, as WHATWG's decoder does, so no byte is lost.
 */
void	utf8_from_cp1252(struct buf *b, const char *s, size_t n);
void	utf8_from_latin1(struct buf *b, const char *s, size_t n);

/*
 * Append s (n bytes) to b with each NUL byte made U+FFFD: NUL is valid
 * UTF-8 but no character of text.  Returns the number of NUL bytes.
 */
size_t	utf8_add_nul_fffd(struct buf *b, const char *s, size_t n);

/*
 * The Windows-1252 byte for code point cp, or -1 when cp has none.  Used to
 * undo mojibake (UTF-8 bytes that were decoded as Windows-1252).
 */
int	cp1252_byte(int32_t cp);

/* Number of code points in s (invalid bytes count one each). */
size_t	utf8_count(const char *s, size_t n);

#endif
