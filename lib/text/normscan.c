/*
 * normscan.c - see normscan.h.
 *
 * Why each answer is exact:
 * - html: html_maybe is two memchr, for '&' and '<'.
 * - unicode: textnorm_unicode copies a text byte for byte when every byte
 *   is printable ASCII, tab or newline, or belongs to a valid character
 *   textnorm_keeps (the run it copies at once is then the whole text).
 * - space: textnorm_space writes each line that line_tidy passes as it is
 *   and joins lines with one "\n", or "\n\n" after an empty line; so a text
 *   that neither starts nor ends with a blank or '\n', has no "\n\n\n", no
 *   byte below 0x20 but '\n' and no blank next to a blank or a '\n' comes
 *   out as it went in.
 * - mojibake: is_bad tests bad_at only at a character beyond ASCII and the
 *   two before it, and bad_at finds nothing at x, y, z when x is quiet and
 *   y ASCII (or the line's end), when x is ASCII and y quiet, or when x
 *   and y are ASCII and z quiet (see mojibake_quiet); so a line whose
 *   characters beyond ASCII are valid, quiet and never side by side is
 *   not bad.  A line that this does not prove goes to mojibake_found
 *   alone, and the first bad one is where the caller's mojibake_found
 *   starts.
 * tests/unit/test_normscan.c runs the steps on random texts and fails when
 * a proof here is wrong.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/mojibake.h"
#include "text/normscan.h"
#include "text/textnorm.h"
#include "base/utf8.h"

/* What steps 2 and 3 say of a code point beyond ASCII. */
#define T_KEEP		0x1	/* textnorm_keeps(cp, 0) */
#define T_KEEPASCII	0x2	/* textnorm_keeps(cp, TN_ASCII) */
#define T_QUIET		0x4	/* mojibake_quiet(cp) */

/*
 * The traits of each code point below U+10000, a block of 256 filled when
 * a text first holds one of its characters (all 65,536 cost 20 million
 * instructions, a text uses a few blocks).  artsim's batch cleans on
 * threads: a block is filled under the lock and marked filled with a
 * release store, so a reader that sees the mark sees the block.
 * Characters beyond U+FFFF, rare in news, are looked up each time.
 */
static uint8_t		bmp[0x10000];
static atomic_uchar	filled[256];
static pthread_mutex_t	fill_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned
traits(int32_t cp)
{
	return (textnorm_keeps(cp, 0) ? T_KEEP : 0) |
	    (textnorm_keeps(cp, TN_ASCII) ? T_KEEPASCII : 0) |
	    (mojibake_quiet(cp) ? T_QUIET : 0);
}

static unsigned
cp_traits(int32_t cp)
{
	unsigned b = (unsigned)cp >> 8, c;

	if (cp >= 0x10000)
		return traits(cp);
	if (!atomic_load_explicit(&filled[b], memory_order_acquire)) {
		pthread_mutex_lock(&fill_lock);
		if (!atomic_load_explicit(&filled[b], memory_order_relaxed)) {
			for (c = b << 8; c < (b + 1) << 8; c++)
				bmp[c] = c >= 0x80 ? (uint8_t)traits(
				    (int32_t)c) : 0;
			atomic_store_explicit(&filled[b], 1,
			    memory_order_release);
		}
		pthread_mutex_unlock(&fill_lock);
	}
	return bmp[cp];
}

struct scan {
	const char	*s;
	size_t		 n;
	unsigned	 ok;		/* NS_* not disproved yet */
	unsigned	 keep;		/* the T_* bit step 3 needs, or 0 */
	size_t		 next;		/* bytes before it are read */
	size_t		 prevstart;	/* the last character beyond ASCII */
	size_t		 prevend;
	bool		 any;		/* ... if there was one */
	size_t		 mojiskip;	/* lines before it are not bad */
	size_t		 mojifrom;
};

/*
 * Bit i set where p[i] is c (eq32), below 0x20 (low32), beyond ASCII
 * (high32), of the 32 bytes at p.
 */
#ifdef __SSE2__
static unsigned
mask32(__m128i (*f)(__m128i, __m128i), const unsigned char *p, __m128i y)
{
	__m128i a = _mm_loadu_si128((const __m128i *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(p + 16));

	return (unsigned)_mm_movemask_epi8(f(a, y)) |
	    (unsigned)_mm_movemask_epi8(f(b, y)) << 16;
}

static __m128i
is_eq(__m128i x, __m128i y)
{
	return _mm_cmpeq_epi8(x, y);
}

static __m128i
is_low(__m128i x, __m128i y)
{
	return _mm_cmpeq_epi8(_mm_min_epu8(x, y), x);
}

static __m128i
is_high(__m128i x, __m128i y)
{
	return _mm_cmplt_epi8(x, y);
}

static unsigned
eq32(const unsigned char *p, unsigned char c)
{
	return mask32(is_eq, p, _mm_set1_epi8((char)c));
}

static unsigned
low32(const unsigned char *p)
{
	return mask32(is_low, p, _mm_set1_epi8(0x1F));
}

static unsigned
high32(const unsigned char *p)
{
	return mask32(is_high, p, _mm_setzero_si128());
}

/*
 * Blanks, and bytes worth a closer look: below 0x20 (newline too), '&',
 * '<', DEL, beyond ASCII (signed, a byte beyond ASCII is below 0x20).
 */
static __m128i
is_special(__m128i x)
{
	return _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(x,
	    _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F))),
	    _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('&')),
	    _mm_cmpeq_epi8(x, _mm_set1_epi8('<'))));
}

static void
masks(const unsigned char *p, unsigned *sp, unsigned *special)
{
	__m128i a = _mm_loadu_si128((const __m128i *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(p + 16));
	__m128i blank = _mm_set1_epi8(' ');

	*sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, blank)) |
	    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, blank)) << 16;
	*special = (unsigned)_mm_movemask_epi8(is_special(a)) |
	    (unsigned)_mm_movemask_epi8(is_special(b)) << 16;
}
#else
static unsigned
eq32(const unsigned char *p, unsigned char c)
{
	unsigned i, m = 0;

	for (i = 0; i < 32; i++)
		m |= (unsigned)(p[i] == c) << i;
	return m;
}

static unsigned
low32(const unsigned char *p)
{
	unsigned i, m = 0;

	for (i = 0; i < 32; i++)
		m |= (unsigned)(p[i] < 0x20) << i;
	return m;
}

static unsigned
high32(const unsigned char *p)
{
	unsigned i, m = 0;

	for (i = 0; i < 32; i++)
		m |= (unsigned)(p[i] >= 0x80) << i;
	return m;
}

static void
masks(const unsigned char *p, unsigned *sp, unsigned *special)
{
	*sp = eq32(p, ' ');
	*special = low32(p) | eq32(p, '&') | eq32(p, '<') | eq32(p, 0x7F) |
	    high32(p);
}
#endif

/*
 * A line (the one holding s[at]) that quiet characters do not prove good:
 * mojibake_found tests it alone.  A bad one ends the scan for step 2;
 * else the characters up to its end need no look.
 */
static void
moji_line(struct scan *sc, size_t at)
{
	const char *s = sc->s, *nl;
	size_t ls, le;

	nl = memrchr(s, '\n', at);
	ls = nl != NULL ? (size_t)(nl - s) + 1 : 0;
	nl = memchr(s + at, '\n', sc->n - at);
	le = nl != NULL ? (size_t)(nl - s) : sc->n;
	if (mojibake_found(s + ls, le - ls)) {
		sc->ok &= ~NS_MOJIBAKE;
		sc->mojifrom = ls;
	}
	sc->mojiskip = le;
	sc->any = false;
}

/*
 * The character beyond ASCII (or bad byte) at p.  Two- and three-byte
 * characters are decoded here, by utf8_decode's rules: most characters
 * beyond ASCII in news are, and a call costs as much as the rest.
 */
static inline void
high(struct scan *sc, size_t p)
{
	const unsigned char *u = (const unsigned char *)sc->s + p;
	size_t left = sc->n - p;
	int32_t cp;
	unsigned t;

	if (p < sc->next)
		return;		/* a continuation byte of the last one */
	if (u[0] >= 0xC2 && u[0] < 0xE0 && left >= 2 &&
	    (u[1] & 0xC0) == 0x80) {
		cp = (int32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
		sc->next = p + 2;
	} else if (u[0] >= 0xE0 && u[0] < 0xF0 && left >= 3 &&
	    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
	    (cp = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 |
	    (u[2] & 0x3F)) >= 0x800 && (cp < 0xD800 || cp > 0xDFFF))
		sc->next = p + 3;
	else
		sc->next = p + (size_t)utf8_decode(sc->s + p, left, &cp);
	if (cp < 0) {
		sc->ok &= ~NS_UNICODE;	/* U+FFFD replaces it */
		if ((sc->ok & NS_MOJIBAKE) && p >= sc->mojiskip)
			moji_line(sc, p);
		return;
	}
	t = cp_traits(cp);
	if (!(t & sc->keep))
		sc->ok &= ~NS_UNICODE;
	if (!(sc->ok & NS_MOJIBAKE) || p < sc->mojiskip)
		return;
	if (!(t & T_QUIET)) {
		moji_line(sc, p);
		return;
	}
	if (sc->any && p == sc->prevend) {
		moji_line(sc, sc->prevstart);	/* p is on that line too */
		return;
	}
	sc->any = true;
	sc->prevstart = p;
	sc->prevend = sc->next;
}

/*
 * A newline at q: step 4 keeps it only with no blank on either side and
 * not as the third of three (the text's ends are tested apart).
 */
static void
newline(struct scan *sc, size_t q)
{
	const char *s = sc->s;

	if ((q > 0 && s[q - 1] == ' ') || (q + 1 < sc->n && s[q + 1] == ' ') ||
	    (q >= 2 && s[q - 1] == '\n' && s[q - 2] == '\n'))
		sc->ok &= ~NS_SPACE;
}

/*
 * A block (32 bytes at p, s[i..]) with something to look at (special:
 * where).  Beyond ASCII and newlines are the common cases; the rest of
 * what special marks is looked at only when there is some.
 */
static void
closer(struct scan *sc, const unsigned char *p, size_t i, unsigned special)
{
	unsigned nl = eq32(p, '\n'), hi = high32(p), ctl;
	size_t at;

	if (special & ~(nl | hi)) {
		if ((ctl = low32(p) & ~nl) != 0) {
			sc->ok &= ~NS_SPACE;
			if (ctl & ~eq32(p, '\t'))
				sc->ok &= ~NS_UNICODE;
		}
		if ((eq32(p, '&') | eq32(p, '<')) != 0)
			sc->ok &= ~NS_HTML;
		if (eq32(p, 0x7F) != 0)
			sc->ok &= ~NS_UNICODE;
	}
	for (; nl != 0 && (sc->ok & NS_SPACE); nl &= nl - 1)
		newline(sc, i + (size_t)__builtin_ctz(nl));
	while (hi != 0) {
		at = i + (size_t)__builtin_ctz(hi);
		high(sc, at);
		/* no look at the rest of the character's bytes */
		hi = sc->next - i < 32 ? hi & ~((1U << (sc->next - i)) - 1) :
		    0;
	}
}

unsigned
normscan(const char *s, size_t n, unsigned flags, size_t *mojifrom)
{
	const unsigned char *u = (const unsigned char *)s, *p;
	unsigned char tail[32];
	struct scan sc;
	unsigned sp, special, psp = 0;
	size_t i;

	sc.s = s;
	sc.n = n;
	sc.ok = NS_HTML | NS_MOJIBAKE | NS_UNICODE | NS_SPACE;
	sc.keep = (flags & TN_NFKC) ? 0 : (flags & TN_ASCII) ? T_KEEPASCII :
	    T_KEEP;
	sc.next = sc.prevstart = sc.prevend = sc.mojiskip = 0;
	sc.any = false;
	sc.mojifrom = 0;
	if (n > 0 && (s[0] == ' ' || s[0] == '\n' || s[n - 1] == ' ' ||
	    s[n - 1] == '\n'))
		sc.ok &= ~NS_SPACE;
	for (i = 0; i < n && sc.ok != 0; i += 32) {
		if (n - i >= 32)
			p = u + i;
		else {
			/* the last few bytes, padded with a letter */
			memset(tail, 'a', sizeof(tail));
			memcpy(tail, u + i, n - i);
			p = tail;
		}
		masks(p, &sp, &special);
		/* two blanks in a row, across the block's start too */
		if (sp & ((sp << 1) | psp))
			sc.ok &= ~NS_SPACE;
		psp = sp >> 31;
		if (special != 0)
			closer(&sc, p, i, special);
	}
	*mojifrom = sc.mojifrom;
	return sc.ok;
}
