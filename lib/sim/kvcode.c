/*
 * kvcode.c - see kvcode.h.
 *
 * A set is "n:" (n a number), one character k (0..31), then the gaps
 * between fingerprints (the first from 0, the others less one) in Rice's
 * code of parameter k: the gap's high bits in unary (ones ended by a
 * zero), its k low bits as they are, six bits a character, the last
 * character padded with zeros.  k is the one that fits the mean gap, so
 * the unary part averages one or two bits.
 */
#include <string.h>

#include "base/util.h"
#include "sim/kvcode.h"

static const char digits[] =
    "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/* Each byte's value in digits[], -1 for no code character. */
static const signed char value[256] = {
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1,
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1, -1, -1, -1, -1, -1,
	-1, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
	26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, -1, -1, -1, -1, 37,
	-1, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52,
	53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

int
kv_digit(int c)
{
	return c >= 0 && c < 256 ? value[c] : -1;
}

/* v as n characters into s, the most significant first. */
static void
fixed_chars(uint64_t v, char *s, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--, v >>= 6)
		s[i] = digits[v & 63];
}

/* Append v as n characters (n <= 11). */
static void
put_fixed(struct buf *out, uint64_t v, int n)
{
	char s[KV_HASHLEN];

	fixed_chars(v, s, n);
	buf_add(out, s, (size_t)n);
}

void
kv_put_key(struct buf *out, uint32_t v)
{
	put_fixed(out, v, KV_KEYLEN);
}

void
kv_key_chars(uint32_t v, char *s)
{
	fixed_chars(v, s, KV_KEYLEN);
}

/* The n characters at s (n <= 10, or 11 with a first under 16) into *v. */
static int
get_fixed(const char *s, int n, uint64_t *v)
{
	int i, d;

	for (i = 0, *v = 0; i < n; i++) {
		if ((d = kv_digit((unsigned char)s[i])) < 0)
			return -1;
		*v = *v << 6 | (uint64_t)d;
	}
	return 0;
}

int
kv_get_key(const char *s, uint32_t *v)
{
	uint64_t x;

	if (get_fixed(s, KV_KEYLEN, &x) < 0 || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

void
kv_put_hash(struct buf *out, uint64_t v)
{
	put_fixed(out, v, KV_HASHLEN);
}

void
kv_hash_chars(uint64_t v, char *s)
{
	fixed_chars(v, s, KV_HASHLEN);
}

int
kv_get_hash(const char *s, uint64_t *v)
{
	uint64_t x;

	/* 11 characters hold 66 bits: the first holds the top 4. */
	if (kv_digit((unsigned char)s[0]) >= 16 ||
	    get_fixed(s, KV_HASHLEN, &x) < 0)
		return -1;
	*v = x;
	return 0;
}

int
kv_is_hash(const char *s)
{
	int i;

	/* 11 characters hold 66 bits: the first holds the top 4. */
	for (i = 0; i < KV_HASHLEN; i++)
		if (kv_digit((unsigned char)s[i]) < 0)
			return 0;
	return kv_digit((unsigned char)s[0]) < 16;
}

void
kv_put_num(struct buf *out, uint32_t v)
{
	char s[8];
	int i = 8;

	do {
		s[--i] = digits[v & 63];
		v >>= 6;
	} while (v != 0);
	buf_add(out, s + i, (size_t)(8 - i));
}

int
kv_num_len(uint32_t v)
{
	int n = 1;

	while (v >>= 6)
		n++;
	return n;
}

void
kv_put_numw(struct buf *out, uint32_t v, int n)
{
	put_fixed(out, v, n);
}

void
kv_numw_chars(uint32_t v, int n, char *s)
{
	fixed_chars(v, s, n);
}

int
kv_get_fields(const char *s, const int *w, int n, uint32_t *v)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t x;
	int f, i, d;

	for (f = 0; f < n; f++) {
		for (i = 0, x = 0; i < w[f]; i++) {
			if ((d = value[*u++]) < 0)
				return -1;
			x = x << 6 | (uint64_t)d;
		}
		if (x > UINT32_MAX)
			return -1;
		v[f] = (uint32_t)x;
	}
	return 0;
}

int
kv_get_numw(const char *s, int n, uint32_t *v)
{
	uint64_t x;

	if (n < 1 || n > 6 || get_fixed(s, n, &x) < 0 || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

size_t
kv_get_num(const char *s, uint32_t *v)
{
	uint64_t x = 0;
	size_t i;
	int d;

	for (i = 0; (d = kv_digit((unsigned char)s[i])) >= 0; i++) {
		x = x << 6 | (uint64_t)d;
		if (x > UINT32_MAX || i >= 6)
			return 0;
	}
	*v = (uint32_t)x;
	return i;
}

/* Bits to characters, six at a time. */
struct bitw {
	struct buf	*out;
	uint64_t	 acc;
	unsigned	 n;		/* bits in acc */
};

static void
put_bits(struct bitw *w, uint64_t v, unsigned bits)
{
	while (bits > 0) {
		unsigned take = bits > 32 ? 32 : bits;

		bits -= take;
		w->acc = w->acc << take | ((v >> bits) &
		    (((uint64_t)1 << take) - 1));
		w->n += take;
		while (w->n >= 6) {
			w->n -= 6;
			buf_addc(w->out, digits[(w->acc >> w->n) & 63]);
		}
	}
}

void
kv_put_set(struct buf *out, const uint32_t *fp, size_t n)
{
	struct bitw w = { out, 0, 0 };
	uint64_t mean, g, q;
	unsigned k = 0;
	size_t i;

	mean = ((uint64_t)fp[n - 1] + 1) / n;
	while (k < 31 && ((uint64_t)2 << k) <= mean)
		k++;
	kv_put_num(out, (uint32_t)n);
	buf_addc(out, ':');
	buf_addc(out, digits[k]);
	for (i = 0; i < n; i++) {
		g = i == 0 ? fp[0] : (uint64_t)fp[i] - fp[i - 1] - 1;
		for (q = g >> k; q >= 32; q -= 32)
			put_bits(&w, UINT32_MAX, 32);
		put_bits(&w, (((uint64_t)1 << q) - 1) << 1, (unsigned)q + 1);
		put_bits(&w, g & (((uint64_t)1 << k) - 1), k);
	}
	if (w.n > 0)
		put_bits(&w, 0, 6 - w.n);
}

/* Characters to bits. */
struct bitr {
	const char	*s;
	uint64_t	 acc;
	unsigned	 n;
	int		 bad;		/* read past the code */
};

static unsigned
get_bit(struct bitr *r)
{
	int d;

	if (r->n == 0) {
		if ((d = kv_digit((unsigned char)*r->s)) < 0) {
			r->bad = 1;
			return 0;
		}
		r->s++;
		r->acc = (uint64_t)d;
		r->n = 6;
	}
	return (unsigned)(r->acc >> --r->n) & 1;
}

size_t
kv_get_set(const char *s, uint32_t **fpp, size_t *capp, size_t *lenp)
{
	struct bitr r;
	uint32_t n;
	uint64_t q, low, v, prev = 0;
	size_t len, i;
	unsigned b;
	int k;

	if ((len = kv_get_num(s, &n)) == 0 || n == 0 || s[len] != ':' ||
	    (k = kv_digit((unsigned char)s[len + 1])) < 0 || k > 31)
		return 0;
	if (fpp != NULL)
		*fpp = xroom(*fpp, capp, n, sizeof(**fpp));
	r.s = s + len + 2;
	r.acc = 0;
	r.n = 0;
	r.bad = 0;
	for (i = 0; i < n; i++) {
		for (q = 0; get_bit(&r) && !r.bad; q++)
			if (q > ((uint64_t)1 << 32) >> k)
				return 0;
		for (b = 0, low = 0; b < (unsigned)k; b++)
			low = low << 1 | get_bit(&r);
		if (r.bad)
			return 0;
		v = (q << k | low) + (i == 0 ? 0 : prev + 1);
		if (v > UINT32_MAX)
			return 0;
		if (fpp != NULL)
			(*fpp)[i] = (uint32_t)v;
		prev = v;
	}
	/* Padding: zeros, and no more characters of the code. */
	if ((r.acc & (((uint64_t)1 << r.n) - 1)) != 0 ||
	    kv_digit((unsigned char)*r.s) >= 0)
		return 0;
	*lenp = (size_t)(r.s - s);
	return n;
}

/*
 * Bytes: Ascii85's code, 4 bytes a number below 2^32 written as 5 base-85
 * digits '!' (0) to 'u' (84), most significant first; a last group of n
 * bytes is padded with zeros and written as its first n + 1 digits, and
 * read back padded with 'u'.  It costs 5/4 of the bytes, where six bits a
 * character cost 4/3.
 */
#define B85(c)	((c) >= '!' && (c) <= 'u' ? (c) - '!' : -1)

int
kv_text_char(int c)
{
	return B85(c) >= 0;
}

size_t
kv_text_span(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	while (u[n] >= '!' && u[n] <= 'u')
		n++;
	return n;
}

/*
 * The texts are most of the bytes of the lines (the map codes 22 MB of
 * them on 50 MB of generated news, round 1 reads them back), so the two
 * below write into the buffer grown once and read whole groups without a
 * call a byte: a buf_add a group cost 5% of the map's CPU.
 */
void
kv_put_bytes(struct buf *out, const void *p, size_t n)
{
	const unsigned char *u = p;
	char *d;
	uint32_t v;
	size_t i, k, take;
	int j;

	buf_grow(out, n / 4 * 5 + 5);
	d = out->s + out->len;
	for (i = 0; i < n; i += take, d += take + 1) {
		take = n - i < 4 ? n - i : 4;
		if (take == 4)
			v = (uint32_t)u[i] << 24 | (uint32_t)u[i + 1] << 16 |
			    (uint32_t)u[i + 2] << 8 | u[i + 3];
		else
			for (k = 0, v = 0; k < 4; k++)
				v = v << 8 | (k < take ? u[i + k] : 0);
		for (j = 4; j >= 0; j--, v /= 85)
			if ((size_t)j <= take)
				d[j] = (char)('!' + v % 85);
	}
	out->len = (size_t)(d - out->s);
	out->s[out->len] = '\0';
}

int
kv_get_bytes(const char *s, size_t len, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *d;
	uint64_t v;
	size_t i, k, take;
	int c;

	if (len % 5 == 1)
		return -1;
	buf_grow(out, len / 5 * 4 + 4);
	d = (unsigned char *)out->s + out->len;
	for (i = 0; i < len; i += take, d += take - 1) {
		take = len - i < 5 ? len - i : 5;
		for (k = 0, v = 0; k < 5; k++) {
			c = k < take ? u[i + k] : 'u';
			if (c < '!' || c > 'u')
				goto bad;
			v = v * 85 + (uint64_t)(c - '!');
		}
		if (v > UINT32_MAX)
			goto bad;
		d[0] = (unsigned char)(v >> 24);
		d[1] = (unsigned char)(v >> 16);
		d[2] = (unsigned char)(v >> 8);
		d[3] = (unsigned char)v;
	}
	out->len = (size_t)((char *)d - out->s);
	out->s[out->len] = '\0';
	return 0;
bad:
	out->s[out->len] = '\0';	/* the groups read are not kept */
	return -1;
}

int
kv_keycmp(const char *a, size_t la, const char *b, size_t lb)
{
	int c;

	c = memcmp(a, b, la < lb ? la : lb);
	return c != 0 ? c : (la > lb) - (la < lb);
}
