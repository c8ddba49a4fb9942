/*
 * textnorm.c - see textnorm.h.
 *
 * The character fixes are one decode-and-map pass written by hand; only
 * when a paragraph holds a character that composition could change does the
 * text go through utf8proc, because utf8proc_map allocates and walks every
 * code point several times.  English news is ASCII plus curly quotes and
 * dashes (U+2010..U+20CF), which never need it, so the common case stays
 * one pass.
 */
#include <endian.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include "text/textnorm.h"
#include "base/utf8.h"

/* Bytes that send a text through step 3: controls, DEL and non-ASCII. */
static bool
byte_special(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || c >= 0x7F;
}

/*
 * The end of the run of bytes from i that step 3 leaves alone, eight at a
 * time while a word holds no byte below 0x20 other than tab and newline, no
 * DEL and nothing beyond ASCII: most of any text is such runs.  A word that
 * fails the test is looked at byte by byte, and the words after it eight at a
 * time again: going on byte by byte to the end of the run made every byte
 * after a text's first newline a byte-at-a-time test.
 */
static size_t
plain_run(const char *s, size_t i, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, hi = ones * 0x80;
	uint64_t w, c;
	size_t end;

	for (;;) {
#ifdef __SSE2__
		/* sixteen bytes at a time with SSE2 (every x86-64) */
		for (; i + 16 <= n; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(s + i));
			__m128i ctl = _mm_andnot_si128(_mm_or_si128(
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
			    _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
			    _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)),
			    x));
			__m128i high = _mm_cmpeq_epi8(_mm_max_epu8(x,
			    _mm_set1_epi8(0x7F)), x);
			int bits = _mm_movemask_epi8(_mm_or_si128(ctl, high));

			if (bits != 0)
				return i + (size_t)__builtin_ctz((unsigned)bits);
		}
#endif
		for (; i + 8 <= n; i += 8) {
			memcpy(&w, s + i, 8);
			if (w & hi)
				break;
			/*
			 * Each byte is below 0x80 now, so adding to it
			 * carries into no other byte, and bit 7 of each
			 * byte of c says exactly: below 0x20, not a
			 * newline, not a tab; or DEL.
			 */
			c = ~(w + ones * 0x60) & hi;
			c &= (w ^ ones * '\n') + ones * 0x7F;
			c &= (w ^ ones * '\t') + ones * 0x7F;
			c |= ~((w ^ ones * 0x7F) + ones * 0x7F) & hi;
			if (c != 0)
				break;
		}
		end = n - i > 8 ? i + 8 : n;
		for (; i < end; i++)
			if (byte_special((unsigned char)s[i]))
				return i;
		if (i == n)
			return n;
	}
}

bool
textnorm_maybe(const char *s, size_t n)
{
	return plain_run(s, 0, n) < n;
}

/*
 * Could NFC change a text holding cp?  Only if cp can combine with what
 * comes before it (a combining mark, a Hangul jamo, a few vowel signs),
 * or is itself not in NFC (a composition exclusion or a singleton such as
 * U+212B ANGSTROM SIGN).  Precomposed letters (é, ä, й) need nothing, so
 * most accented text stays on the fast path.
 */
static bool
compose_maybe(int32_t cp)
{
	const utf8proc_property_t *p;

	if (cp < 0x300 || (cp >= 0x2010 && cp <= 0x20CF))
		return false;
	if (cp >= 0x1100 && cp <= 0x11FF)
		return true;		/* Hangul jamo compose algorithmically */
	p = utf8proc_get_property(cp);
	if (p->combining_class != 0 || p->comp_exclusion ||
	    (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000)))
		return true;
	/* canonical singletons, which NFC replaces by another character */
	return p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0 &&
	    ((cp >= 0x340 && cp <= 0x344) || cp == 0x374 || cp == 0x37E ||
	    cp == 0x387 || (cp >= 0x1F71 && cp <= 0x1FFD) ||
	    (cp >= 0x2126 && cp <= 0x212B) || cp == 0x2329 || cp == 0x232A ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 &&
	    cp <= 0x2FA1F));
}

static bool
invisible(int32_t cp)
{
	switch (cp) {
	case 0x00AD: case 0x180E: case 0x200B: case 0x2060: case 0xFEFF:
		return true;
	}
	return (cp < 0x20 && cp != '\t' && cp != '\n') ||
	    (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x2061 && cp <= 0x2064) ||
	    (cp >= 0x206A && cp <= 0x206F) || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

static bool
odd_space(int32_t cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* The ASCII stand-in for typographic punctuation, or NULL. */
static const char *
ascii_fold(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	}
	return NULL;
}

/* Compose s[start..] (already in out) in place with utf8proc. */
static void
compose(struct buf *out, size_t start, unsigned flags)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t m;
	int opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE;

	if (flags & TN_NFKC)
		opt |= UTF8PROC_COMPAT;
	m = utf8proc_map((const utf8proc_uint8_t *)out->s + start,
	    (utf8proc_ssize_t)(out->len - start), &dst, opt);
	if (m < 0)
		return;		/* cannot happen on valid UTF-8; keep as is */
	buf_truncate(out, start);
	buf_add(out, dst, (size_t)m);
	free(dst);
}

/*
 * Does step 3 keep the character cp (valid, beyond ASCII) as it is, its
 * bytes copied: no line or paragraph separator, nothing invisible, no odd
 * space, nothing the fold to ASCII replaces?  Most characters of most
 * texts are kept, so they stay in the run of bytes copied at once.
 */
static bool
kept_as_is(int32_t cp, unsigned flags)
{
	return cp >= 0x80 && cp != 0x2028 && cp != 0x2029 && !invisible(cp) &&
	    !odd_space(cp) && !((flags & TN_ASCII) && ascii_fold(cp) != NULL);
}

bool
textnorm_keeps(int32_t cp, unsigned flags)
{
	return !(flags & TN_NFKC) && kept_as_is(cp, flags) &&
	    !compose_maybe(cp);
}

void
textnorm_unicode(const char *s, size_t n, struct buf *out, unsigned flags)
{
	const char *f;
	size_t i = 0, start = out->len, run = 0;
	int32_t cp;
	int k;
	bool comp = (flags & TN_NFKC) != 0;

	buf_grow(out, n);
	/* s[run..i] is copied as it is when a character must change */
	while (i < n) {
		if (!byte_special((unsigned char)s[i])) {
			i = plain_run(s, i, n);
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (cp >= 0 && kept_as_is(cp, flags)) {
			if (!comp && compose_maybe(cp))
				comp = true;	/* NFKC sets comp from the start */
			i += (size_t)k;
			continue;
		}
		buf_add(out, s + run, i - run);
		i += (size_t)k;
		run = i;
		if (cp < 0)
			cp = 0xFFFD;
		if (cp == '\r') {
			if (i < n && s[i] == '\n')
				run = ++i;
			buf_addc(out, '\n');
		} else if (cp == 0x2028)
			buf_addc(out, '\n');
		else if (cp == 0x2029)
			buf_adds(out, "\n\n");
		else if (invisible(cp))
			continue;
		else if (odd_space(cp))
			buf_addc(out, ' ');
		else if ((flags & TN_ASCII) && (f = ascii_fold(cp)) != NULL)
			buf_adds(out, f);
		else {
			if (!comp && compose_maybe(cp))
				comp = true;
			utf8_add(out, cp);	/* U+FFFD for a bad byte */
		}
	}
	buf_add(out, s + run, n - run);
	if (comp)
		compose(out, start, flags);
}

/*
 * A line that step 4 would leave as it is (most lines of most text): no
 * control byte, no blank at either end, no two spaces in a row.  One pass
 * eight bytes at a time, since every line of every item is tested: bit 7
 * of each byte of sp is set where the byte is a space, and a space
 * follows a space where sp and sp shifted by one byte (on a little-endian
 * machine) meet.
 */
static bool
line_tidy(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t w, x, sp, carry = 0;
	size_t i = 0;

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
		return false;
#ifdef __SSE2__
	/* the same sixteen bytes at a time, as bit masks, with SSE2 */
	{
		unsigned bits, prev = 0;

		for (; i + 16 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(s + i));

			if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v,
			    _mm_set1_epi8(0x1F)), v)) != 0)
				return false;	/* a byte below 0x20 */
			bits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
			    _mm_set1_epi8(' ')));
			if (bits & ((bits << 1) | prev))
				return false;
			prev = bits >> 15;
		}
		carry = prev != 0 ? 0x80 : 0;	/* as the loop below has it */
	}
#endif
#if BYTE_ORDER == LITTLE_ENDIAN
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w - ones * 0x20) & ~w & ones * 0x80)
			return false;	/* a byte below 0x20 */
		x = w ^ (ones * ' ');
		sp = ~(((x & lo7) + lo7) | x | lo7);
		if (sp & ((sp << 8) | carry))
			return false;
		carry = sp >> 56;
	}
	if (carry && i < n && s[i] == ' ')
		return false;
#endif
	/* the last few bytes (a call to memmem cost more than they do) */
	for (; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (s[i] == ' ' && i + 1 < n &&
		    s[i + 1] == ' '))
			return false;
	return true;
}

struct layout {
	char	*w;		/* where the next byte goes */
	size_t	 nl;		/* line breaks since the last word */
	bool	 space;		/* a blank since the last word */
	bool	 any;		/* anything written yet */
};

/* Write what separates the last word from the next one. */
static void
separate(struct layout *l)
{
	if (l->any && l->nl > 0) {
		*l->w++ = '\n';
		if (l->nl > 1)
			*l->w++ = '\n';
	} else if (l->any && l->space)
		*l->w++ = ' ';
	l->any = true;
	l->nl = 0;
	l->space = false;
}

/* Lay out one line (no '\n' in it) byte by byte. */
static void
untidy_line(struct layout *l, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == ' ' || c == '\t')
			l->space = true;
		else if (c == '\r') {
			if (i + 1 < n) {	/* a lone CR breaks the line */
				l->nl++;
				l->space = false;
			}
		} else {
			separate(l);
			*l->w++ = (char)c;
		}
	}
}

void
textnorm_space(const char *s, size_t n, struct buf *out)
{
	struct layout l;
	const char *nl;
	size_t i = 0, len;

	/* The result is never longer than s, so write in place. */
	buf_grow(out, n);
	l.w = out->s + out->len;
	l.nl = 0;
	l.space = l.any = false;
	while (i < n) {
		nl = memchr(s + i, '\n', n - i);
		len = nl != NULL ? (size_t)(nl - (s + i)) : n - i;
		if (line_tidy(s + i, len)) {
			separate(&l);
			memcpy(l.w, s + i, len);
			l.w += len;
		} else
			untidy_line(&l, s + i, len);
		if (nl == NULL)
			break;
		l.nl++;
		l.space = false;	/* trailing blanks of a line go */
		i += len + 1;
	}
	out->len = (size_t)(l.w - out->s);
	out->s[out->len] = '\0';
}
