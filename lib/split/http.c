/*
 * http.c - see http.h.
 */
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "base/util.h"
#include "split/http.h"

void
http_init(struct http_response *r)
{
	memset(r, 0, sizeof(*r));
}

void
http_free(struct http_response *r)
{
	buf_free(&r->type);
	buf_free(&r->charset);
	buf_free(&r->body);
	buf_free(&r->tmp);
	memset(r, 0, sizeof(*r));
}

static bool
space(int c)
{
	return c == ' ' || c == '\t';
}

void
http_content_type(const char *v, size_t n, struct buf *type,
    struct buf *charset)
{
	size_t i = 0, k;

	while (i < n && space(v[i]))
		i++;
	for (; i < n && v[i] != ';' && !space(v[i]); i++)
		buf_addc(type, v[i] >= 'A' && v[i] <= 'Z' ? v[i] | 0x20 : v[i]);
	for (; i + 8 <= n; i++) {
		if (strncasecmp(v + i, "charset", 7) != 0)
			continue;
		k = i + 7;
		while (k < n && space(v[k]))
			k++;
		if (k >= n || v[k] != '=')
			continue;
		k++;
		while (k < n && (space(v[k]) || v[k] == '"' || v[k] == '\''))
			k++;
		for (; k < n && v[k] != ';' && v[k] != '"' && v[k] != '\'' &&
		    !space(v[k]); k++)
			buf_addc(charset, v[k]);
		break;
	}
}

/* Undo the chunked transfer coding of s[0..n) into out. */
static const char *
dechunk(const char *s, size_t n, struct buf *out, size_t limit)
{
	size_t i = 0, size;
	int h;

	for (;;) {
		size = 0;
		if (i >= n)
			return "chunked body cut short";
		if ((h = hexdigit((unsigned char)s[i])) < 0)
			return "bad chunk size in a chunked body";
		for (; i < n && (h = hexdigit((unsigned char)s[i])) >= 0; i++) {
			if (size > ((size_t)-1 >> 5))
				return "bad chunk size in a chunked body";
			size = size * 16 + (size_t)h;
		}
		/* chunk extensions, then the line end */
		while (i < n && s[i] != '\n')
			i++;
		if (i >= n)
			return "chunked body cut short";
		i++;
		if (size == 0)
			return NULL;
		if (size > n - i) {
			buf_add(out, s + i, n - i);
			return "chunked body cut short";
		}
		if (out->len < limit)
			buf_add(out, s + i, size < limit - out->len ? size :
			    limit - out->len);
		i += size;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
	}
}

/* Inflate gzip, zlib or raw deflate data into out, at most limit bytes. */
static const char *
inflate_body(const char *s, size_t n, struct buf *out, size_t limit,
    bool *truncated)
{
	z_stream z;
	int zr, wbits;
	size_t room;

	/* gzip or zlib by their headers; raw deflate otherwise */
	if (n >= 2 && (unsigned char)s[0] == 0x1f && (unsigned char)s[1] == 0x8b)
		wbits = 15 + 16;
	else if (n >= 2 && (s[0] & 0x0f) == 8 && (((unsigned char)s[0] << 8) |
	    (unsigned char)s[1]) % 31 == 0)
		wbits = 15;
	else
		wbits = -15;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, wbits) != Z_OK)
		return "out of memory in inflate";
	z.next_in = (unsigned char *)s;
	z.avail_in = (uInt)(n > (uInt)-1 ? (uInt)-1 : n);
	for (;;) {
		if (out->len >= limit) {
			*truncated = true;
			break;
		}
		room = limit - out->len < 65536 ? limit - out->len : 65536;
		buf_grow(out, room);
		z.next_out = (unsigned char *)out->s + out->len;
		z.avail_out = (uInt)room;
		zr = inflate(&z, Z_NO_FLUSH);
		out->len += room - z.avail_out;
		out->s[out->len] = '\0';
		if (zr == Z_STREAM_END)
			break;
		if (zr != Z_OK && !(zr == Z_BUF_ERROR && z.avail_out == 0)) {
			inflateEnd(&z);
			return zr == Z_BUF_ERROR ? "compressed body cut short" :
			    "corrupt compressed body";
		}
	}
	inflateEnd(&z);
	return NULL;
}

int
http_parse(struct http_response *r, const char *s, size_t n, size_t limit)
{
	const char *p, *e, *nl, *colon, *v, *end = s + n;
	size_t vn, hn;
	bool chunked = false;
	int enc = 0;		/* 1 gzip/deflate, 2 other */
	const char *encname = NULL;

	r->status = 0;
	buf_reset(&r->type);
	buf_reset(&r->charset);
	buf_reset(&r->body);
	r->truncated = false;
	r->error = r->unsupported = NULL;

	/* "HTTP/1.1 200 OK" */
	if (n < 12 || strncmp(s, "HTTP/", 5) != 0)
		return -1;
	for (p = s + 5; p < end && *p != ' '; p++)
		;
	if (end - p < 4 || p[1] < '1' || p[1] > '9' || p[2] < '0' ||
	    p[2] > '9' || p[3] < '0' || p[3] > '9')
		return -1;
	r->status = (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
		r->error = "HTTP headers cut short";
		return 0;
	}
	for (p = nl + 1; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			r->error = "HTTP headers cut short";
			return 0;
		}
		e = nl;
		if (e > p && e[-1] == '\r')
			e--;
		if (e == p) {		/* the blank line: the body follows */
			p = nl + 1;
			break;
		}
		if ((colon = memchr(p, ':', (size_t)(e - p))) == NULL)
			continue;
		hn = (size_t)(colon - p);
		for (v = colon + 1; v < e && space(*v); v++)
			;
		vn = (size_t)(e - v);
		while (vn > 0 && space(v[vn - 1]))
			vn--;
		if (hn == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
			buf_reset(&r->type);
			buf_reset(&r->charset);
			http_content_type(v, vn, &r->type, &r->charset);
		} else if (hn == 17 && strncasecmp(p, "Transfer-Encoding",
		    17) == 0 && vn >= 7 && strncasecmp(v + vn - 7, "chunked",
		    7) == 0)
			chunked = true;
		else if (hn == 16 && strncasecmp(p, "Content-Encoding",
		    16) == 0 && vn > 0) {
			if ((vn == 4 && strncasecmp(v, "gzip", 4) == 0) ||
			    (vn == 6 && strncasecmp(v, "x-gzip", 6) == 0) ||
			    (vn == 7 && strncasecmp(v, "deflate", 7) == 0))
				enc = 1;
			else if (!(vn == 8 && strncasecmp(v, "identity",
			    8) == 0)) {
				enc = 2;
				encname = "a Content-Encoding other than gzip "
				    "or deflate";
			}
		}
	}
	if (p > end)
		p = end;
	if (enc == 2) {
		r->unsupported = encname;
		return 0;
	}
	if (chunked) {
		buf_reset(&r->tmp);
		r->error = dechunk(p, (size_t)(end - p), &r->tmp, enc ?
		    (size_t)-1 >> 1 : limit);
		p = r->tmp.s != NULL ? r->tmp.s : "";
		end = p + r->tmp.len;
	}
	if (enc == 1) {
		const char *ze = inflate_body(p, (size_t)(end - p), &r->body,
		    limit, &r->truncated);

		if (r->error == NULL)
			r->error = ze;
	} else if ((size_t)(end - p) > limit) {
		buf_add(&r->body, p, limit);
		r->truncated = true;
	} else
		buf_add(&r->body, p, (size_t)(end - p));
	return 0;
}
