/*
 * mojibake.h - repair of UTF-8 text that was decoded with a single-byte
 * code page (Windows-1252, Latin-1 and their relatives), once or more:
 * step 2 of artclean.  "itâ€™s" becomes "it’s", "cafÃƒÂ©" becomes "café".
 *
 * The method follows ftfy (Robyn Speer): text is only touched when it holds
 * a sequence of characters that is far likelier to be mojibake than
 * intended (a "badness" test over a few hundred characters that mojibake is
 * made of), and then only when encoding it back to the code page gives
 * valid UTF-8 (for the whole line, or for a run of mojibake inside a line
 * of otherwise good text).  Text that passes neither test is left exactly
 * as it was, so legitimate "Ã" or "Â£" in prose survive.
 */
#ifndef ARTKIT_MOJIBAKE_H
#define ARTKIT_MOJIBAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* True when s could hold mojibake at all (it has a non-ASCII byte). */
bool	mojibake_maybe(const char *s, size_t n);

/*
 * True when some line of s holds a sequence the badness test finds: only
 * then can mojibake_fix change anything, so a caller that gets false can
 * keep s as it is and spare the copy.
 */
bool	mojibake_found(const char *s, size_t n);

/*
 * Is cp (a valid code point beyond ASCII) quiet: does the badness test
 * find nothing where cp has an ASCII character (or a line's end) on
 * either side?  A line whose characters beyond ASCII are all quiet and
 * never side by side is never bad (normscan.c says why).
 */
bool	mojibake_quiet(int32_t cp);

/*
 * Append s (n bytes, any bytes) to out, line by line, with each line's
 * mojibake undone where the repair is clearly more plausible.  Returns true
 * when anything changed.  Never fails.
 */
bool	mojibake_fix(const char *s, size_t n, struct buf *out);

#endif
