/*
 * shingle.c - see shingle.h.
 *
 * News text is nearly all ASCII, so the scanner folds ASCII letters and
 * digits itself and only hands a word to utf8proc when the word holds a
 * byte >= 0x80; curly quotes and dashes are separators and never cost a call.
 * A word is found on the original code points (so its offsets are exact)
 * and then normalised as a whole, which orders combining marks and composes
 * them as NFKC does.
 */
#include <err.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <utf8proc.h>
/* XXH3 inline: most calls hash a word or a 40-byte window, where the
 * library call's dispatch costs as much as the hash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/buf.h"
#include "sim/shingle.h"
#include "base/utf8.h"
#include "base/util.h"

enum { SEP, WORD, JOIN };

struct shingler {
	unsigned		 n;	/* words per shingle, or */
	unsigned		 chars;	/* code points per shingle */
	uint64_t		 seed;
	struct shingle_word	*words;
	size_t			 nwords, capwords;
	uint64_t		*set;	/* chars mode: the set */
	uint64_t		*tmp;	/* and its bucket sort's scatter */
	size_t			 capset;
	uint64_t		*out;	/* the set being made: set, or in */
	uint64_t		*scatter; /* word mode the words' array */
	uint32_t		*count;	/* bucket sort: bucket starts */
	size_t			 capcount;
	unsigned		 counted; /* count holds the set's buckets
					     of these bits (0: not) */
	struct buf		 word;	/* the current word, normalised */
	struct buf		 norm;	/* chars mode: the words joined by ' ' */
	struct buf		 le;	/* word hashes, little-endian bytes */
	utf8proc_int32_t	*cps;	/* utf8proc's work space */
	size_t			 capcps;
	size_t			*off;	/* chars mode: code point offsets in norm */
	size_t			 capoff;
	int			 bytewise; /* no blocks (shingler_bytewise) */
	uint64_t		 key[8]; /* window_hash: XXH3's secret, seeded */
};

struct shingler *
shingler_new(unsigned n, unsigned chars, uint64_t seed)
{
	struct shingler *sh;
	unsigned i;

	sh = xcalloc(1, sizeof(*sh));
	sh->n = n ? n : 1;
	sh->chars = chars;
	sh->seed = seed;
	for (i = 0; i < 4; i++) {
		sh->key[2 * i] = XXH_readLE64(XXH3_kSecret + 16 * i) + seed;
		sh->key[2 * i + 1] = XXH_readLE64(XXH3_kSecret + 16 * i + 8) -
		    seed;
	}
	return sh;
}

void
shingler_bytewise(struct shingler *sh)
{
	sh->bytewise = 1;
}

/* Free the buffer b when it holds over SHINGLE_KEEP bytes. */
static void
trim_buf(struct buf *b)
{
	if (b->cap > SHINGLE_KEEP)
		buf_free(b);
}

void
shingler_trim(struct shingler *sh)
{
	if (sh->capwords * sizeof(*sh->words) > SHINGLE_KEEP) {
		free(sh->words);
		sh->words = NULL;
		sh->nwords = sh->capwords = 0;
	}
	if (sh->capset * sizeof(*sh->set) > SHINGLE_KEEP) {
		free(sh->set);
		free(sh->tmp);
		sh->set = sh->tmp = NULL;
		sh->capset = 0;
	}
	if (sh->capoff * sizeof(*sh->off) > SHINGLE_KEEP) {
		free(sh->off);
		sh->off = NULL;
		sh->capoff = 0;
	}
	if (sh->capcps * sizeof(*sh->cps) > SHINGLE_KEEP) {
		free(sh->cps);
		sh->cps = NULL;
		sh->capcps = 0;
	}
	trim_buf(&sh->word);
	trim_buf(&sh->norm);
	trim_buf(&sh->le);
}

void
shingler_free(struct shingler *sh)
{
	if (sh == NULL)
		return;
	free(sh->words);
	free(sh->set);
	free(sh->tmp);
	free(sh->count);
	buf_free(&sh->word);
	buf_free(&sh->norm);
	buf_free(&sh->le);
	free(sh->cps);
	free(sh->off);
	free(sh);
}

static int
cp_class(int32_t cp)
{
	utf8proc_category_t cat;

	if (cp < 0)
		return SEP;
	cat = utf8proc_category(cp);
	if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
		return WORD;
	if ((cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
	    utf8proc_get_property(cp)->ignorable)
		return JOIN;
	return SEP;
}

/*
 * fold[c] for a byte c: the folded ASCII letter or digit, 0 for any other
 * ASCII byte (a separator), 1 for a byte of a multibyte sequence, which is
 * decoded apart.  One load a byte in the scanner's inner loop.
 */
static const unsigned char fold[256] = {
#define F16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
	F16(0), F16(0),
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
	0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
	0, 0, 0, 0, 0,
	0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
	0, 0, 0, 0, 0,
	F16(1), F16(1), F16(1), F16(1), F16(1), F16(1), F16(1), F16(1)
#undef F16
};

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES		0x0101010101010101ULL
#define HIGHS		0x8080808080808080ULL
/* The bytes of 7-bit x in [lo, hi], as their high bits (no carries). */
#define IN_RANGE(x, lo, hi) \
	(((x) + ONES * (0x80 - (lo))) & ~((x) + ONES * (0x7F - (hi))) & HIGHS)
#endif

/*
 * The run of ASCII letters and digits at u[i..len), folded into w as fold[]
 * does; returns its length.  Eight bytes at a time where eight are left:
 * a news word is shorter than that, so the run's end is one look at a
 * mask, where a byte at a time the loop's exit, at a different count each
 * word, cost a mispredicted branch a word.  w has room for len - i bytes
 * and the run ends at a byte fold[] makes 0 or 1 (or at len).
 */
static inline size_t
fold_run(const unsigned char *u, size_t i, size_t len, char *w)
{
	size_t j = 0;
	unsigned char c;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, t, letter, alnum, stop;

	while (len - i - j >= 8) {
		memcpy(&x, u + i + j, 8);
		t = x & ~HIGHS;
		letter = IN_RANGE(t | ONES * 0x20, 'a', 'z');
		alnum = (letter | IN_RANGE(t, '0', '9')) & ~x;
		/* Letters get 0x20 (lower case); bytes past the run are
		 * written but not counted. */
		x |= letter >> 2;
		memcpy(w + j, &x, 8);
		if ((stop = ~alnum & HIGHS) != 0)
			return j + ((size_t)__builtin_ctzll(stop) >> 3);
		j += 8;
	}
#endif
	for (; i + j < len && (c = fold[u[i + j]]) > 1; j++)
		w[j] = (char)c;
	return j;
}

/* Replace sh->word by the NFKC case fold of the valid UTF-8 s[0..len). */
static void
normalise(struct shingler *sh, const char *s, size_t len)
{
	utf8proc_ssize_t r;
	const utf8proc_option_t opt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
	    UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STABLE;
	size_t i;

	for (;;) {
		r = utf8proc_decompose((const utf8proc_uint8_t *)s,
		    (utf8proc_ssize_t)len, sh->cps, (utf8proc_ssize_t)sh->capcps,
		    opt);
		if (r < 0) {		/* cannot happen: s is valid */
			buf_reset(&sh->word);
			buf_add(&sh->word, s, len);
			return;
		}
		if ((size_t)r <= sh->capcps)
			break;
		sh->cps = xroom(sh->cps, &sh->capcps, (size_t)r,
		    sizeof(*sh->cps));
	}
	r = utf8proc_normalize_utf32(sh->cps, r, UTF8PROC_COMPOSE |
	    UTF8PROC_STABLE);
	buf_reset(&sh->word);
	for (i = 0; r > 0 && i < (size_t)r; i++)
		utf8_add(&sh->word, sh->cps[i]);
}

/*
 * Append the word text[start, end), whose normalised bytes are s[0..n),
 * to the words; the caller made room for it.
 */
static inline void
add_word(struct shingler *sh, size_t start, size_t end, const char *s,
    size_t n)
{
	struct shingle_word *w;

	w = &sh->words[sh->nwords++];
	w->start = (uint32_t)start;	/* len <= SHINGLE_MAX_TEXT */
	w->end = (uint32_t)end;
	w->hash = XXH3_64bits_withSeed(s, n, sh->seed);
	if (sh->chars) {
		if (sh->norm.len > 0)
			buf_addc(&sh->norm, ' ');
		buf_add(&sh->norm, s, n);
	}
}

static inline void
end_word(struct shingler *sh, const char *text, size_t start, size_t end,
    int ascii)
{
	if (!ascii)
		normalise(sh, text + start, end - start);
	sh->words = xroom(sh->words, &sh->capwords, sh->nwords + 1,
	    sizeof(*sh->words));
	add_word(sh, start, end, sh->word.s, sh->word.len);
	/* buf_reset, without the call: the scanner made room already. */
	sh->word.len = 0;
	sh->word.s[0] = '\0';
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BLOCK	64	/* bytes scan_block reads: one bit each in a mask */

/*
 * The 64 bytes at u: *alnum and *high have bit k set when u[k] is an ASCII
 * letter or digit, or a byte >= 0x80; f[k] is u[k] with letters lower-cased
 * (fold[] for letters and digits, anything for the other bytes).
 */
static inline void
block_masks(const unsigned char *u, unsigned char *f, uint64_t *alnum,
    uint64_t *high)
{
	uint64_t a = 0, h = 0;
	unsigned k;
#ifdef __SSE2__
	const __m128i c20 = _mm_set1_epi8(0x20);
	const __m128i a0 = _mm_set1_epi8('a' - 1), z1 = _mm_set1_epi8('z' + 1);
	const __m128i d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
	__m128i v, lower, letter, digit;

	/* Signed compares: a byte >= 0x80 is below every bound. */
	for (k = 0; k < BLOCK; k += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(u + k));
		lower = _mm_or_si128(v, c20);
		letter = _mm_and_si128(_mm_cmpgt_epi8(lower, a0),
		    _mm_cmplt_epi8(lower, z1));
		digit = _mm_and_si128(_mm_cmpgt_epi8(v, d0),
		    _mm_cmplt_epi8(v, d9));
		a |= (uint64_t)(unsigned)_mm_movemask_epi8(
		    _mm_or_si128(letter, digit)) << k;
		h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << k;
		_mm_storeu_si128((__m128i *)(void *)(f + k),
		    _mm_or_si128(v, _mm_and_si128(letter, c20)));
	}
#else
	/* The high bit of each byte, gathered into eight bits. */
#define GATHER(m)	((((m) >> 7) * 0x0102040810204080ULL) >> 56)
	uint64_t x, t, letter, an;

	for (k = 0; k < BLOCK; k += 8) {
		memcpy(&x, u + k, 8);
		t = x & ~HIGHS;
		letter = IN_RANGE(t | ONES * 0x20, 'a', 'z');
		an = (letter | IN_RANGE(t, '0', '9')) & ~x;
		a |= GATHER(an) << k;
		h |= GATHER(x & HIGHS) << k;
		x |= letter >> 2;
		memcpy(f + k, &x, 8);
	}
#undef GATHER
#endif
	*alnum = a;
	*high = h;
}

/*
 * Read the words of text[i, i + BLOCK) that lie wholly before its first
 * byte >= 0x80 and end at an ASCII separator, for a scanner between
 * words.  Returns how many bytes it read: the start of the first word it
 * left (one that may go on past the block or into a multibyte
 * character), else where that byte is, else BLOCK.  0 means the
 * byte-at-a-time scanner must go on from i.  Where the scanner pays a
 * branch for every separator and the end of every word, a block finds
 * them in its masks, and a word is hashed where it was folded, in f.
 */
static inline size_t
scan_block(struct shingler *sh, const char *text, size_t i)
{
	unsigned char f[BLOCK];
	uint64_t alnum, high, rest, stop;
	unsigned s, e, limit;

	block_masks((const unsigned char *)text + i, f, &alnum, &high);
	limit = high != 0 ? (unsigned)__builtin_ctzll(high) : BLOCK;
	/* At most one word in two bytes. */
	sh->words = xroom(sh->words, &sh->capwords, sh->nwords + BLOCK / 2,
	    sizeof(*sh->words));
	for (rest = alnum; rest != 0; rest = alnum & (~0ULL << e)) {
		s = (unsigned)__builtin_ctzll(rest);
		if (s >= limit)
			break;
		if ((stop = ~alnum & (~0ULL << s)) == 0)
			return s;
		e = (unsigned)__builtin_ctzll(stop);
		if (e >= limit)
			return s;
		add_word(sh, i + s, i + e, (const char *)f + s, e - s);
	}
	return limit;
}
#endif

/*
 * flatten: XXH3 is inlined whole into the scanner, as are the word's end
 * and the rare normalisation; a word is a few bytes, where the call and
 * its dispatch on the length cost as much as the hash.
 */
__attribute__((flatten)) const struct shingle_word *
shingler_words(struct shingler *sh, const char *text, size_t len,
    size_t *countp)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t i = 0, j, start = 0, end = 0, retry = 0;
	int32_t cp;
	int inword = 0, ascii = 1, k, cls;
	unsigned char c;
	char *w;

	if (len > SHINGLE_MAX_TEXT)
		errx(1, "bug: a text of %zu bytes reached the shingler, "
		    "over the %zu its caller should have refused", len,
		    SHINGLE_MAX_TEXT);
	sh->nwords = 0;
	buf_reset(&sh->word);
	buf_reset(&sh->norm);
	/* Room for any ASCII word of the text, asked for once. */
	buf_grow(&sh->word, len);
	if (sh->bytewise)
		retry = len;
	while (i < len) {
#ifdef BLOCK
		/* Between words, a block at a time; where a block gives
		 * up, the bytes one at a time until past its place. */
		if (!inword && i >= retry && len - i >= BLOCK) {
			if ((j = scan_block(sh, text, i)) > 0) {
				i += j;
				continue;
			}
			retry = i + 1;
		}
#endif
		if ((c = fold[u[i]]) == 0) {
			if (inword)
				end_word(sh, text, start, end, ascii);
			inword = 0;
			i++;
			continue;
		}
		if (c > 1) {
			/* A run of ASCII letters and digits, folded as read. */
			if (!inword) {
				inword = 1;
				ascii = 1;
				start = i;
			}
			if (ascii) {
				w = sh->word.s + sh->word.len;
				j = fold_run(u, i, len, w);
				i += j;
				sh->word.len += j;
				sh->word.s[sh->word.len] = '\0';
			} else {
				while (i < len && fold[u[i]] > 1)
					i++;
			}
			end = i;
			continue;
		}
		k = utf8_decode(text + i, len - i, &cp);
		cls = cp_class(cp);
		if (cls == SEP || (cls == JOIN && !inword)) {
			if (inword)
				end_word(sh, text, start, end, ascii);
			inword = 0;
		} else {
			if (!inword) {
				inword = 1;
				start = i;
			}
			ascii = 0;
			end = i + k;
		}
		i += k;
	}
	if (inword)
		end_word(sh, text, start, end, ascii);
	*countp = sh->nwords;
	return sh->words;
}

/* Room for a set of n hashes and its sort's scatter, in set and tmp. */
static uint64_t *
set_room(struct shingler *sh, size_t n)
{
	if (n > sh->capset) {
		/* Two arrays of one length: the second follows the first. */
		sh->set = xroom(sh->set, &sh->capset, n, sizeof(*sh->set));
		sh->tmp = xreallocarray(sh->tmp, sh->capset, sizeof(*sh->tmp));
	}
	sh->out = sh->set;
	sh->scatter = sh->tmp;
	return sh->out;
}

/*
 * A word is two hashes' room, and word n-grams are at most one a word:
 * the set of n (<= nwords) hashes is made in the words' own array, and
 * its sort's scatter after it.  Set and scatter were 16 bytes a word more
 * (a text of 100 MB: 280 MB) besides the words' 16, at once.  Writing
 * set[i] (bytes 8i to 8i + 8) only overwrites words before word i, which
 * were read already (word_shingles reads words in order, up to i + n - 1
 * for set[i]).
 */
_Static_assert(sizeof(struct shingle_word) == 2 * sizeof(uint64_t),
    "a word is the room of two hashes");

static uint64_t *
word_set_room(struct shingler *sh, size_t n)
{
	sh->out = (uint64_t *)(void *)sh->words;
	sh->scatter = sh->out + n;
	return sh->out;
}

/* The bits of the buckets that sort n values, 0 for none (too few). */
static unsigned
bucket_bits(size_t n)
{
	unsigned bits;

	if (n < 32)
		return 0;
	for (bits = 4; bits < 16 && ((size_t)1 << bits) < n; bits++)
		;
	return bits;
}

/* sh->count made ready to count the values of buckets of bits bits. */
static uint32_t *
bucket_counts(struct shingler *sh, unsigned bits)
{
	size_t nb = (size_t)1 << bits;

	sh->count = xroom(sh->count, &sh->capcount, nb + 1,
	    sizeof(*sh->count));
	memset(sh->count, 0, (nb + 1) * sizeof(*sh->count));
	return sh->count;
}

/*
 * XXH3_64bits_withSeed of the 40 bytes that the SHINGLE_N word hashes
 * w[0..4] are as little-endian bytes: XXH3's path for 17 to 128 bytes,
 * which mixes the 16-byte pieces at 0, 8, 16 and 24 (words 0-1, 1-2, 2-3,
 * 3-4) with the secret's words 0-7 plus or minus the seed (sh->key).
 * The call copied the words out as bytes and combined secret and seed
 * again for every window.  test_shingle checks it against XXH3.
 */
static inline uint64_t
mul_fold(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
	/* What XXH3_mul128_fold64 does, without its struct in between,
	 * which gcc kept on the stack. */
	unsigned __int128 p = (unsigned __int128)a * b;

	return (uint64_t)p ^ (uint64_t)(p >> 64);
#else
	return XXH3_mul128_fold64(a, b);
#endif
}

static inline uint64_t
window_hash(const uint64_t *key, uint64_t w0, uint64_t w1, uint64_t w2,
    uint64_t w3, uint64_t w4)
{
	uint64_t acc = 8 * SHINGLE_N * XXH_PRIME64_1;

	acc += mul_fold(w0 ^ key[0], w1 ^ key[1]);
	acc += mul_fold(w3 ^ key[2], w4 ^ key[3]);
	acc += mul_fold(w2 ^ key[4], w3 ^ key[5]);
	acc += mul_fold(w1 ^ key[6], w2 ^ key[7]);
	return XXH3_avalanche(acc);
}

/*
 * Word n-grams: hash each window of the words' hashes as bytes.  XXH3 is
 * inlined (flatten); the default n hashes the words where they are
 * (window_hash), each loaded once as the window slides, and counts the
 * values of each bucket of the sort as it goes, saving it a pass.
 */
__attribute__((flatten)) static size_t
word_shingles(struct shingler *sh)
{
	uint64_t *set, h;
	size_t i, count, width;
	unsigned char *le;

	if (sh->nwords == 0)
		return 0;
	width = sh->nwords < sh->n ? sh->nwords : sh->n;
	count = sh->nwords - width + 1;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (width == SHINGLE_N) {
		const struct shingle_word *w = sh->words;
		uint64_t w0 = w[0].hash, w1 = w[1].hash, w2 = w[2].hash,
		    w3 = w[3].hash, w4, key[8];
		unsigned bits = bucket_bits(count);
		/* Too few for buckets: all in bucket 0 of one bit. */
		uint32_t *start = bucket_counts(sh, bits ? bits : 1);
		const unsigned shift = 64 - (bits ? bits : 1);

		/* A copy: the stores to set[] could change sh->key. */
		memcpy(key, sh->key, sizeof(key));
		set = word_set_room(sh, count);
		for (i = 0; i < count; i++) {
			w4 = w[i + 4].hash;
			set[i] = h = window_hash(key, w0, w1, w2, w3, w4);
			start[(h >> shift) + 1]++;
			w0 = w1;
			w1 = w2;
			w2 = w3;
			w3 = w4;
		}
		sh->counted = bits;
		return count;
	}
#endif
	buf_reset(&sh->le);
	buf_grow(&sh->le, 8 * sh->nwords);
	le = (unsigned char *)sh->le.s;
	for (i = 0; i < sh->nwords; i++) {
		h = sh->words[i].hash;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		memcpy(le + 8 * i, &h, 8);
#else
		for (size_t j = 0; j < 8; j++)
			le[8 * i + j] = (unsigned char)(h >> (8 * j));
#endif
	}
	sh->le.len = 8 * sh->nwords;
	set = word_set_room(sh, count);
	for (i = 0; i < count; i++)
		set[i] = XXH3_64bits_withSeed(le + 8 * i, 8 * width, sh->seed);
	return count;
}

/* Character N-grams of the normalised words joined by single spaces. */
static size_t
char_shingles(struct shingler *sh)
{
	const char *s = sh->norm.s;
	uint64_t *set;
	size_t i, ncp, width, count;

	sh->off = xroom(sh->off, &sh->capoff, sh->norm.len + 1,
	    sizeof(*sh->off));
	for (i = 0, ncp = 0; i < sh->norm.len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			sh->off[ncp++] = i;
	sh->off[ncp] = sh->norm.len;
	if (sh->nwords == 0)
		return 0;
	/*
	 * Words whose normal forms are empty (U+FFA0, a Hangul filler, is a
	 * letter that NFKC makes a default ignorable): one shingle of no
	 * code points, as word mode hashes such a word, so that a text has
	 * shingles exactly when it has words.
	 */
	width = ncp < sh->chars ? ncp : sh->chars;
	count = ncp - width + 1;
	set = set_room(sh, count);
	for (i = 0; i < count; i++)
		set[i] = XXH3_64bits_withSeed(s + sh->off[i],
		    sh->off[i + width] - sh->off[i], sh->seed);
	return count;
}

/*
 * Sort the n hashes in sh->out and drop repeats.  Hashes are uniform, so
 * one pass that scatters them by their top bits into about n buckets leaves
 * about one value per bucket, and sorting the buckets costs little more: on
 * Reuters-21578 shingling went from 84 to 107 MB/s against the quicksort
 * alone.  The scattered values are in order but for the few that share a
 * bucket, so an insertion sort over all of them moves a value about one
 * time in eight, and then repeats go without a branch.  (The buckets were
 * gathered one by one, each of two or more sorted apart: a loop over
 * twice as many buckets as values, and a mispredicted branch at each
 * bucket of two.)  Values crafted into one bucket would make the
 * insertion sort quadratic: past 2n moves it stops, and the quicksort
 * sorts all in n log n.
 */
static size_t
bucket_sort_unique(struct shingler *sh, size_t n)
{
	uint64_t *v = sh->out, *t = sh->scatter, x;
	uint32_t *start;
	size_t nb, b, i, j, k, m, moves;
	unsigned bits;

	if ((bits = bucket_bits(n)) == 0)
		return shingle_sort_unique(v, n);
	nb = (size_t)1 << bits;
	if (sh->counted != bits) {
		start = bucket_counts(sh, bits);
		for (i = 0; i < n; i++)
			start[(v[i] >> (64 - bits)) + 1]++;
	}
	start = sh->count;
	for (b = 0; b < nb; b++)
		start[b + 1] += start[b];
	for (i = 0; i < n; i++)
		t[start[v[i] >> (64 - bits)]++] = v[i];
	v[0] = t[0];
	for (i = 1, m = 1, moves = 0; i < n; i++) {
		x = t[i];
		if (x > v[m - 1]) {
			v[m++] = x;
			continue;
		}
		/* Behind the last value kept: its place among them. */
		for (j = m; j > 0 && v[j - 1] > x; j--)
			;
		if (j > 0 && v[j - 1] == x)
			continue;
		for (k = m++; k > j; k--)
			v[k] = v[k - 1];
		v[j] = x;
		if ((moves += m - j) > 2 * n) {
			/* v[0..m) is what t[0..i] hold, less repeats. */
			memcpy(v + m, t + i + 1, (n - i - 1) * sizeof(*v));
			return shingle_sort_unique(v, m + n - i - 1);
		}
	}
	return m;
}

const uint64_t *
shingler_set(struct shingler *sh, const char *text, size_t len,
    size_t *countp)
{
	/* The empty set, never NULL: callers copy 0 hashes from it. */
	static const uint64_t none[1];
	size_t n;

	shingler_words(sh, text, len, &n);
	sh->counted = 0;
	n = sh->chars ? char_shingles(sh) : word_shingles(sh);
	if (n == 0) {
		*countp = 0;
		return none;
	}
	*countp = bucket_sort_unique(sh, n);
	return sh->out;
}

static void
u64_swap(uint64_t *a, uint64_t *b)
{
	uint64_t t = *a;

	*a = *b;
	*b = t;
}

/*
 * Quicksort with median-of-three and insertion sort for short runs; qsort(3)
 * with a comparison callback took 3 times as long on 500-shingle items.
 */
static void
u64_sort(uint64_t *v, size_t n)
{
	uint64_t pivot, t;
	size_t i, j, mid;

	while (n > 16) {
		mid = n / 2;
		if (v[mid] < v[0])
			u64_swap(&v[mid], &v[0]);
		if (v[n - 1] < v[0])
			u64_swap(&v[n - 1], &v[0]);
		if (v[n - 1] < v[mid])
			u64_swap(&v[n - 1], &v[mid]);
		pivot = v[mid];
		i = 0;
		j = n - 1;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i >= j)
				break;
			u64_swap(&v[i], &v[j]);
			i++;
			j--;
		}
		/* Recurse into the smaller side so the stack stays shallow. */
		if (j + 1 < n - j - 1) {
			u64_sort(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			u64_sort(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

size_t
shingle_sort_unique(uint64_t *v, size_t n)
{
	size_t i, m;

	if (n == 0)
		return 0;
	u64_sort(v, n);
	for (i = 1, m = 1; i < n; i++)
		if (v[i] != v[m - 1])
			v[m++] = v[i];
	return m;
}
