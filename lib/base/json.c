/*
 * json.c - see json.h.
 *
 * The scanner is a recursive descent over one line with a depth limit; the
 * string scanner, where almost all the bytes of a news record are, runs over
 * plain ASCII in a tight loop and checks UTF-8 only where a byte is >= 0x80.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "base/json.h"
#include "base/utf8.h"
#include "base/util.h"

/*
 * Eight bytes at a time: does w hold a byte that a string scanner must
 * stop at?  For the scanner: a control character, '"', '\\' or a byte
 * >= 0x80 (checked as UTF-8 one sequence at a time).  News text is mostly
 * plain ASCII letters, so this halves the time of reading a record.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

static inline uint64_t
has_zero(uint64_t w)
{
	return (w - ONES) & ~w & HIGHS;
}

static inline bool
stop_byte(uint64_t w, bool high_stops)
{
	uint64_t ctl = (w - ONES * 0x20) & ~w & HIGHS;	/* a byte < 0x20 */

	return ctl != 0 || has_zero(w ^ (ONES * '"')) ||
	    has_zero(w ^ (ONES * '\\')) || (high_stops && (w & HIGHS));
}

/*
 * The first byte from i on (else n) that a string scanner stops at: see
 * stop_byte; a byte >= 0x80 only when high_stops.  Sixteen bytes at a
 * time with SSE2 (every x86-64), then eight, then one.
 */
static inline size_t
stop_index(const char *s, size_t i, size_t n, bool high_stops)
{
	unsigned char c;

#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1F);
	__m128i x, m;
	int bits;

	for (; i + 16 <= n; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(s + i));
		m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote),
		    _mm_cmpeq_epi8(x, bslash)), _mm_cmpeq_epi8(_mm_min_epu8(x,
		    ctl), x));
		bits = _mm_movemask_epi8(m);
		if (high_stops)
			bits |= _mm_movemask_epi8(x);
		if (bits != 0)
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (stop_byte(w, high_stops))
			break;
	}
	while (i < n && (c = (unsigned char)s[i]) >= 0x20 && (c < 0x80 ||
	    !high_stops) && c != '"' && c != '\\')
		i++;
	return i;
}

struct scan {
	const char	*s;
	size_t		 n;
	size_t		 pos;
	const char	*err;
	/* json_scan_object's: NULL for json_skip_value */
	void		(*member)(void *, const struct json_member *);
	void		*arg;
	/* of the last string scanned: an escape in it, all canonical */
	bool		 escaped;
	bool		 canonical;
};

static int scan_value(struct scan *, enum json_type *, int);

static void
skip_ws(struct scan *sc)
{
	while (sc->pos < sc->n && (sc->s[sc->pos] == ' ' ||
	    sc->s[sc->pos] == '\t' || sc->s[sc->pos] == '\r' ||
	    sc->s[sc->pos] == '\n'))
		sc->pos++;
}

static int
fail(struct scan *sc, const char *msg)
{
	sc->err = msg;
	return -1;
}

/* Read 4 hex digits at s; -1 if they are not. */
static int
hex4(const char *s)
{
	int i, v = 0, h;

	for (i = 0; i < 4; i++) {
		if ((h = hexdigit((unsigned char)s[i])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static int
scan_string(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->pos + 1, n = sc->n;
	unsigned char c;
	int32_t cp;
	int k, u, lo;
	bool escaped = false, canonical = true;

	for (;;) {
		i = stop_index(s, i, n, true);
		if (i >= n) {
			sc->pos = i;
			return fail(sc, "unterminated string");
		}
		c = (unsigned char)s[i];
		if (c == '"')
			break;
		if (c < 0x20) {
			sc->pos = i;
			return fail(sc, c == 0 ? "NUL byte in string" :
			    "unescaped control character in string");
		}
		if (c >= 0x80) {
			/*
			 * The common cases (accents, curly quotes, dashes) by
			 * hand: a lead of C2-DF, E1-EC or EE-EF with its
			 * continuation bytes is valid UTF-8 whatever they
			 * are; the rest (E0, ED, four bytes) as utf8_decode
			 * says.
			 */
			if (c >= 0xC2 && c <= 0xDF && i + 1 < n &&
			    ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
				i += 2;
				continue;
			}
			if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n &&
			    ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
			    ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
				i += 3;
				continue;
			}
			k = utf8_decode(s + i, n - i, &cp);
			if (cp < 0) {
				sc->pos = i;
				return fail(sc, "invalid UTF-8 in string");
			}
			i += (size_t)k;
			continue;
		}
		/* backslash */
		if (i + 1 >= n) {
			sc->pos = i;
			return fail(sc, "unterminated string");
		}
		escaped = true;
		switch (s[i + 1]) {
		case '/':
			canonical = false;	/* json_string_canonical */
			/* FALLTHROUGH */
		case '"': case '\\': case 'b': case 'f':
		case 'n': case 'r': case 't':
			i += 2;
			break;
		case 'u':
			if (i + 6 > n || (u = hex4(s + i + 2)) < 0) {
				sc->pos = i;
				return fail(sc, "bad \\u escape in string");
			}
			if (u == 0) {
				sc->pos = i;
				return fail(sc, "\\u0000 (NUL) in string");
			}
			if (u >= 0xDC00 && u <= 0xDFFF) {
				sc->pos = i;
				return fail(sc, "lone surrogate escape in string");
			}
			/*
			 * As json_string_canonical: only a control character
			 * without a short escape, in lower case (below 0x20,
			 * only the last digit can be a letter).
			 */
			if (u >= 0x20 || u == '\b' || u == '\t' || u == '\n' ||
			    u == '\f' || u == '\r' || (s[i + 5] >= 'A' &&
			    s[i + 5] <= 'F'))
				canonical = false;
			if (u >= 0xD800 && u <= 0xDBFF) {
				if (i + 12 > n || s[i + 6] != '\\' ||
				    s[i + 7] != 'u' ||
				    (lo = hex4(s + i + 8)) < 0xDC00 ||
				    lo > 0xDFFF) {
					sc->pos = i;
					return fail(sc,
					    "lone surrogate escape in string");
				}
				i += 12;
			} else
				i += 6;
			break;
		default:
			sc->pos = i;
			return fail(sc, "bad escape in string");
		}
	}
	sc->pos = i + 1;
	sc->escaped = escaped;
	sc->canonical = canonical;
	return 0;
}

static bool
isdigit_(int c)
{
	return c >= '0' && c <= '9';
}

static int
scan_number(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->pos, n = sc->n;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && isdigit_(s[i]))
		while (i < n && isdigit_(s[i]))
			i++;
	else
		goto bad;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !isdigit_(s[i]))
			goto bad;
		while (i < n && isdigit_(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !isdigit_(s[i]))
			goto bad;
		while (i < n && isdigit_(s[i]))
			i++;
	}
	sc->pos = i;
	return 0;
bad:
	sc->pos = i;
	return fail(sc, "bad number");
}

static int
scan_word(struct scan *sc, const char *w, size_t len)
{
	if (sc->n - sc->pos < len || memcmp(sc->s + sc->pos, w, len) != 0)
		return fail(sc, "invalid JSON value");
	sc->pos += len;
	return 0;
}

static int
scan_container(struct scan *sc, int close, int depth)
{
	struct json_member m;
	enum json_type t;
	int first = 1;

	if (depth >= JSON_MAX_DEPTH)
		return fail(sc, "JSON nested too deeply");
	sc->pos++;
	for (;;) {
		skip_ws(sc);
		if (sc->pos < sc->n && sc->s[sc->pos] == close) {
			if (!first)
				return fail(sc, "trailing comma");
			sc->pos++;
			return 0;
		}
		if (close == '}') {
			if (sc->pos >= sc->n || sc->s[sc->pos] != '"')
				return fail(sc, "expected a string key");
			m.key = sc->pos;
			if (scan_string(sc) < 0)
				return -1;
			m.keylen = sc->pos - m.key;
			m.key_escaped = sc->escaped;
			skip_ws(sc);
			if (sc->pos >= sc->n || sc->s[sc->pos] != ':')
				return fail(sc, "expected ':' after key");
			sc->pos++;
		}
		if (sc->member != NULL && depth == 0) {
			skip_ws(sc);
			m.val = sc->pos;
		}
		if (scan_value(sc, &t, depth + 1) < 0)
			return -1;
		if (sc->member != NULL && depth == 0) {
			m.vallen = sc->pos - m.val;
			m.type = t;
			m.canonical = t == JSON_STRING && sc->canonical;
			sc->member(sc->arg, &m);
		}
		skip_ws(sc);
		if (sc->pos < sc->n && sc->s[sc->pos] == ',') {
			sc->pos++;
			first = 0;
			continue;
		}
		if (sc->pos < sc->n && sc->s[sc->pos] == close) {
			sc->pos++;
			return 0;
		}
		return fail(sc, close == '}' ? "expected ',' or '}'" :
		    "expected ',' or ']'");
	}
}

static int
scan_value(struct scan *sc, enum json_type *type, int depth)
{
	skip_ws(sc);
	if (sc->pos >= sc->n)
		return fail(sc, "unexpected end of JSON");
	switch (sc->s[sc->pos]) {
	case '"':
		*type = JSON_STRING;
		return scan_string(sc);
	case '{':
		*type = JSON_OBJECT;
		return scan_container(sc, '}', depth);
	case '[':
		*type = JSON_ARRAY;
		return scan_container(sc, ']', depth);
	case 't':
		*type = JSON_TRUE;
		return scan_word(sc, "true", 4);
	case 'f':
		*type = JSON_FALSE;
		return scan_word(sc, "false", 5);
	case 'n':
		*type = JSON_NULL;
		return scan_word(sc, "null", 4);
	default:
		*type = JSON_NUMBER;
		return scan_number(sc);
	}
}

int
json_skip_value(const char *s, size_t n, size_t *pos, enum json_type *type,
    const char **errmsg)
{
	struct scan sc = { s, n, *pos, NULL, NULL, NULL, false, false };
	int r;

	r = scan_value(&sc, type, 0);
	*pos = sc.pos;
	if (r < 0)
		*errmsg = sc.err;
	return r;
}

int
json_scan_object(const char *s, size_t n, size_t *pos,
    void (*member)(void *, const struct json_member *), void *arg,
    const char **errmsg)
{
	struct scan sc = { s, n, *pos, NULL, member, arg, false, false };
	int r;

	skip_ws(&sc);
	if (sc.pos >= n || s[sc.pos] != '{')
		r = fail(&sc, "not a JSON object");
	else
		r = scan_container(&sc, '}', 0);
	*pos = sc.pos;
	if (r < 0)
		*errmsg = sc.err;
	return r;
}

/*
 * The decoded string is never longer than its literal (an escape of 2,
 * 6 or 12 bytes gives 1 to 4), so it is written straight into out's
 * room, grown once: a call to buf_add or buf_addc for every run and
 * escape cost more than the bytes.
 */
int
json_decode_string(const char *s, size_t n, struct buf *out,
    const char **errmsg)
{
	size_t i = 1, start;
	int32_t cp, lo;
	char *o;

	buf_grow(out, n);
	o = out->s + out->len;
	/* Memory new from buf_grow is unset: "" must still read as "". */
	*o = '\0';
	n--;			/* closing quote */
	while (i < n) {
		/* escapes come in runs ("\\n\\n" between paragraphs) */
		const char *bs = s[i] == '\\' ? s + i : memchr(s + i, '\\',
		    n - i);

		start = i;
		i = bs != NULL ? (size_t)(bs - s) : n;
		if (i > start) {
			memcpy(o, s + start, i - start);
			o += i - start;
		}
		if (i >= n)
			break;
		switch (s[i + 1]) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			cp = hex4(s + i + 2);
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				lo = hex4(s + i + 8);
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 6;
			}
			if (cp == 0) {
				out->len = (size_t)(o - out->s);
				*o = '\0';
				*errmsg = "\\u0000 (NUL) in string";
				return -1;
			}
			o += utf8_encode(cp, o);
			i += 6;
			continue;
		default:	/* " \ / */
			*o++ = s[i + 1];
			break;
		}
		i += 2;
	}
	out->len = (size_t)(o - out->s);
	*o = '\0';
	return 0;
}

/*
 * Copy the bytes of s from i on to *op up to the first that
 * json_encode_string escapes ('"', '\\', a control character), or n;
 * return where it stopped and advance *op as far.  Each block of 16
 * (SSE2) or 8 bytes is stored whole before its stop byte is known: a
 * block is never more than the bytes of s left, so room for those is
 * room enough.  One store a block, where a buf_grow and a memcpy for
 * each run between escapes cost more than the bytes (news has "\n\n"
 * every paragraph, and artclean writes every text it changed).
 * Nothing is read at or past s[n].
 */
static inline size_t
copy_plain(const char *s, size_t i, size_t n, char **op)
{
	char *o = *op;
	uint64_t w;
	unsigned char c;

#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i ctl = _mm_set1_epi8(0x1F);
	__m128i x;
	int bits;

	for (; i + 16 <= n; i += 16, o += 16) {
		x = _mm_loadu_si128((const __m128i *)(s + i));
		_mm_storeu_si128((__m128i *)o, x);
		bits = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
		    _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x)));
		if (bits != 0) {
			*op = o + __builtin_ctz((unsigned)bits);
			return i + (size_t)__builtin_ctz((unsigned)bits);
		}
	}
#endif
	for (; i + 8 <= n; i += 8, o += 8) {
		memcpy(&w, s + i, 8);
		memcpy(o, &w, 8);
		if (stop_byte(w, false))
			break;		/* the bytes below find it */
	}
	while (i < n && (c = (unsigned char)s[i]) >= 0x20 && c != '"' &&
	    c != '\\')
		*o++ = s[i++];
	*op = o;
	return i;
}

/*
 * Written straight into out's room, which always holds the rest of s
 * as it is, the closing quote and the NUL (so copy_plain's blocks fit):
 * grown at the start for s without escapes, and again only when an
 * escape (up to 6 bytes for 1) would leave less.
 */
void
json_encode_string(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, at;
	unsigned char c;
	char *o;

	buf_grow(out, n + 2);
	o = out->s + out->len;
	*o++ = '"';
	for (;;) {
		i = copy_plain(s, i, n, &o);
		if (i >= n)
			break;
		/* this escape's 6 bytes, the rest, '"' and NUL */
		at = (size_t)(o - out->s);
		if (out->cap - at < n - i + 7) {
			out->len = at;
			buf_grow(out, n - i + 6);
			o = out->s + at;
		}
		c = (unsigned char)s[i++];
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\t': *o++ = 't'; break;
		case '\r': *o++ = 'r'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
			break;
		}
	}
	*o++ = '"';
	*o = '\0';
	out->len = (size_t)(o - out->s);
}

bool
json_string_canonical(const char *s, size_t n)
{
	const char *bs, *end = s + n - 1;	/* the closing quote */
	unsigned v;
	int k;

	for (s++; (bs = memchr(s, '\\', (size_t)(end - s))) != NULL;
	    s = bs + 2) {
		switch (bs[1]) {
		case '"': case '\\': case 'n': case 't': case 'r': case 'b':
		case 'f':
			continue;
		case 'u':
			break;
		default:
			return false;		/* \/ */
		}
		if (bs[2] != '0' || bs[3] != '0')
			return false;
		for (v = 0, k = 4; k < 6; k++) {
			if (bs[k] >= '0' && bs[k] <= '9')
				v = v * 16 + (unsigned)(bs[k] - '0');
			else if (bs[k] >= 'a' && bs[k] <= 'f')
				v = v * 16 + (unsigned)(bs[k] - 'a' + 10);
			else
				return false;	/* upper case */
		}
		if (v >= 0x20 || v == '\b' || v == '\t' || v == '\n' ||
		    v == '\f' || v == '\r')
			return false;
		bs += 4;
	}
	return true;
}

const char *
json_type_name(enum json_type t)
{
	static const char *names[] = {
		"null", "false", "true", "a number", "a string", "an array",
		"an object"
	};

	return names[t];
}

void
json_add_real(struct buf *out, double v, int decimals)
{
	size_t start = out->len;

	/* artkit never calls setlocale(), so %f writes '.' as the point. */
	buf_printf(out, "%.*f", decimals, v);
	if (memchr(out->s + start, '.', out->len - start) == NULL)
		return;
	while (out->s[out->len - 1] == '0')
		out->len--;
	if (out->s[out->len - 1] == '.')
		out->len--;
	out->s[out->len] = '\0';
	if (out->len - start == 2 && out->s[start] == '-' &&
	    out->s[start + 1] == '0')
		buf_truncate(out, start), buf_addc(out, '0');
}
