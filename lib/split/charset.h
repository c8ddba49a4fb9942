/*
 * charset.h - a web page's bytes to valid UTF-8: which encoding it is in,
 * and the decoding.
 *
 * The encoding, first found wins (as a browser does, WHATWG "encoding
 * sniffing", less the guessing): one forced by the user; a byte order
 * mark; the charset of the HTTP Content-Type; a <meta charset> or <meta
 * http-equiv="Content-Type" content="...; charset=..."> in the head;
 * else UTF-8 when the bytes are valid UTF-8, else windows-1252.  Labels
 * mean what WHATWG says they mean (iso-8859-1 and us-ascii are
 * windows-1252, gb2312 is GBK, shift_jis is Microsoft's, a <meta> saying
 * UTF-16 means UTF-8); any other label is handed to iconv(3), so every
 * encoding glibc knows can be read.
 *
 * One correction browsers do not make: a page declared in a legacy
 * encoding whose bytes are valid UTF-8 holding at least one multi-byte
 * sequence is read as UTF-8.  Servers and templates that say iso-8859-1
 * by default are common, and legacy text that happens to be valid UTF-8
 * beyond ASCII is not (it takes byte pairs such as "Ã©").
 *
 * Decoding never fails: bytes that are not valid in the encoding, and NUL
 * bytes, become U+FFFD and are counted, for the caller to warn about.
 */
#ifndef ARTKIT_CHARSET_H
#define ARTKIT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

enum charset_from {
	CHARSET_FORCED,		/* named by the user */
	CHARSET_BOM,		/* a byte order mark */
	CHARSET_HTTP,		/* the HTTP Content-Type header */
	CHARSET_META,		/* a <meta> in the page */
	CHARSET_SNIFFED,	/* nothing said (or a legacy label said, but
				   the bytes are UTF-8) */
};

struct charset_info {
	char		 name[48];	/* encoding used: "UTF-8", "windows-1252",
					   or iconv's name */
	char		 declared[48];	/* the label found, "" when none */
	enum charset_from from;
	bool		 unknown;	/* declared is a label iconv does not
					   know (then name is a fallback) */
	size_t		 bad;		/* bytes (or sequences) replaced by
					   U+FFFD */
};

/*
 * Decode the page s[0..n) into out (appending valid UTF-8 without NUL
 * bytes).  http_charset is the charset parameter of the HTTP
 * Content-Type (NULL or "" when none); forced, an encoding the user chose
 * (NULL when none).  What was used is written to *info.
 */
void	charset_decode(const char *s, size_t n, const char *http_charset,
	    const char *forced, struct buf *out, struct charset_info *info);

/*
 * The charset a <meta> in the first bytes of the page declares, copied
 * into label (size cap, NUL-terminated); false when none.  Exposed for
 * the tests.
 */
bool	charset_meta(const char *s, size_t n, char *label, size_t cap);

/*
 * Free the iconv descriptors kept between pages (at the end of a run; a
 * later call opens them again).
 */
void	charset_cleanup(void);

#endif
