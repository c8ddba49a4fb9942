/*
 * utf8.c - see utf8.h.
 *
 * Validation is on the hot path of every tool (every input line is checked),
 * so utf8_valid_prefix skips ASCII eight bytes at a time before falling back
 * to the byte-wise decoder.
 */
#include <string.h>

#include "base/utf8.h"

/* Windows-1252 0x80-0x9F; undefined bytes map to the C1 control itself. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

int
utf8_decode(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t c;
	int len, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] < 0xC2 || u[0] > 0xF4)
		goto bad;		/* continuation, overlong lead, or > U+10FFFF */
	if (u[0] < 0xE0) {
		len = 2;
		c = u[0] & 0x1F;
	} else if (u[0] < 0xF0) {
		len = 3;
		c = u[0] & 0x0F;
	} else {
		len = 4;
		c = u[0] & 0x07;
	}
	if ((size_t)len > n)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = -1;
	return 1;
}

int
utf8_encode(int32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

void
utf8_add(struct buf *b, int32_t cp)
{
	char tmp[4];

	buf_add(b, tmp, (size_t)utf8_encode(cp, tmp));
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;
	int32_t cp;
	int k;

	while (i < n) {
		if (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp < 0)
			return i;
		i += (size_t)k;
	}
	return n;
}

bool
utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

/* Decode a single-byte code page whose bytes 0x80-0x9F map through high
 * (NULL: to the C1 controls of the same value, as Latin-1 does). */
static void
from_single_byte(struct buf *b, const char *s, size_t n,
    const uint16_t *high)
{
	size_t i;
	unsigned char c;

	buf_grow(b, n);
	b->s[b->len] = '\0';	/* ended even when n is 0, as buf_add ends it */
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c < 0x80)
			buf_addc(b, c);
		else if (c < 0xA0 && high != NULL)
			utf8_add(b, high[c - 0x80]);
		else
			utf8_add(b, c);
	}
}

void
utf8_from_cp1252(struct buf *b, const char *s, size_t n)
{
	from_single_byte(b, s, n, cp1252_high);
}

void
utf8_from_latin1(struct buf *b, const char *s, size_t n)
{
	from_single_byte(b, s, n, NULL);
}

size_t
utf8_add_nul_fffd(struct buf *b, const char *s, size_t n)
{
	const char *z;
	size_t count = 0;

	while ((z = memchr(s, '\0', n)) != NULL) {
		buf_add(b, s, (size_t)(z - s));
		buf_add(b, "\xef\xbf\xbd", 3);
		count++;
		n -= (size_t)(z - s) + 1;
		s = z + 1;
	}
	buf_add(b, s, n);
	return count;
}

int
cp1252_byte(int32_t cp)
{
	int i;

	if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
		return cp;
	for (i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i, count = 0;
	int32_t cp;

	for (i = 0; i < n; count++)
		i += (size_t)utf8_decode(s + i, n - i, &cp);
	return count;
}
