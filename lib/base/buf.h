/*
 * buf.h - a growable byte buffer, the one string type of libartkit.
 *
 * Text in artkit is UTF-8 with an explicit length (a JSON string may hold any
 * byte), so a buffer is (s, len) and not a C string; still, s[len] is always
 * '\0' once anything has been added, so s can be handed to functions that want
 * a C string when the caller knows it holds no NUL.
 *
 *	struct buf b = BUF_INIT;
 *	buf_adds(&b, "hello");
 *	...
 *	buf_free(&b);
 */
#ifndef ARTKIT_BUF_H
#define ARTKIT_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*s;	/* the bytes; NULL until something is added */
	size_t	 len;	/* bytes used, not counting the trailing '\0' */
	size_t	 cap;	/* bytes allocated */
};

#define BUF_INIT { NULL, 0, 0 }

/* Make room for at least extra more bytes (plus the '\0'). */
void	buf_grow(struct buf *, size_t extra);
/* Append bytes, a byte, a C string, or formatted text (C locale). */
void	buf_add(struct buf *, const void *, size_t);
void	buf_addc(struct buf *, int);
void	buf_adds(struct buf *, const char *);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Forget the contents but keep the memory. */
void	buf_reset(struct buf *);
/* Cut to n bytes; n must not exceed len. */
void	buf_truncate(struct buf *, size_t n);
/* The contents as a C string; "" for an empty buffer, never NULL. */
const char *buf_cstr(const struct buf *);
/* Hand the memory to the caller (who frees it); the buffer becomes empty. */
char	*buf_detach(struct buf *, size_t *lenp);
/* Free the memory; buf_free on an empty buffer does nothing. */
void	buf_free(struct buf *);

#endif
