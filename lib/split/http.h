/*
 * http.h - an HTTP/1.x response as a WARC response record holds it: the
 * status, the headers artsplit needs, and the body as the server meant it
 * (chunked transfer coding undone, gzip or deflate content decoded).
 *
 * A WARC keeps the bytes that crossed the wire, so a body may still be
 * chunked (Transfer-Encoding: chunked) and compressed (Content-Encoding:
 * gzip); both are undone here, with the decoded body bounded by a limit.
 * Decoding never fails outright: what could be decoded is kept and the
 * trouble is named in http_response.error for the caller to report.
 */
#ifndef ARTKIT_HTTP_H
#define ARTKIT_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

struct http_response {
	int		 status;	/* 200, 404, ...; 0 before parsing */
	struct buf	 type;		/* media type, lower case: "text/html" */
	struct buf	 charset;	/* the charset parameter, or empty */
	struct buf	 body;		/* decoded, at most limit bytes */
	bool		 truncated;	/* the body was cut at the limit */
	const char	*error;		/* what went wrong decoding, or NULL */
	const char	*unsupported;	/* a Content-Encoding not decoded, or
					   NULL (then body is empty) */

	struct buf	 tmp;		/* private */
};

/* Start r empty; http_free releases what r holds and leaves it empty. */
void	http_init(struct http_response *);
void	http_free(struct http_response *);

/*
 * Parse the response s[0..n) into r (replacing what it held), keeping at
 * most limit bytes of decoded body.  Returns 0, or -1 when s does not
 * start with an HTTP status line.
 */
int	http_parse(struct http_response *r, const char *s, size_t n,
	    size_t limit);

/*
 * Split a Content-Type value into its media type (lower case, appended to
 * type) and charset parameter (appended to charset).
 */
void	http_content_type(const char *v, size_t n, struct buf *type,
	    struct buf *charset);

#endif
