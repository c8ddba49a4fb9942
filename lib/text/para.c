/*
 * para.c - see para.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/para.h"
#include "base/util.h"

/*
 * A sentence that lost its stop has SENTENCE_WORDS words or more, and at
 * least SENTENCE_LOWER percent of the words that start with an ASCII
 * letter start with a small one: a headline in title case has few, a
 * sentence of English or German many.
 */
#define SENTENCE_WORDS	8
#define SENTENCE_LOWER	40

/*
 * A title-like line has TITLE_MIN_WORDS to TITLE_MAX_WORDS words, and at
 * least TITLE_CAPS percent of the words that start with an ASCII letter
 * start with a capital (title case leaves "of", "and", "to" small).
 */
#define TITLE_MIN_WORDS	2
#define TITLE_MAX_WORDS	20
#define TITLE_CAPS	60

/* A line of file names has at most FILE_MAX_WORDS words. */
#define FILE_MAX_WORDS	8

/* Does a line end a sentence (or a heading, a quote, a list item)? */
int
para_ends_closed(const char *s, size_t n)
{
	unsigned char c;

	if (n == 0)
		return 1;
	c = (unsigned char)s[n - 1];
	if (strchr(".!?:;\"')]", c) != NULL)
		return 1;
	/* ” ’ … end a sentence too */
	return n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
	    (unsigned char)s[n - 2] == 0x80 && (c == 0x9D || c == 0x99 ||
	    c == 0xA6);
}

/*
 * Does a line end a sentence: . ! ? or an ellipsis, perhaps inside a
 * closing quote or bracket?  Stricter than para_ends_closed: a headline may end
 * in a quotation ("... 'can't sweat'") but rarely in a full stop.
 */
int
para_ends_sentence(const char *s, size_t n)
{
	unsigned char c;

	while (n > 0) {
		c = (unsigned char)s[n - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']')
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
		    (unsigned char)s[n - 2] == 0x80 && (c == 0x9D ||
		    c == 0x99))
			n -= 3;		/* ” ’ */
		else
			break;
	}
	if (n == 0)
		return 0;
	c = (unsigned char)s[n - 1];
	return c == '.' || c == '!' || c == '?' || (n >= 3 &&
	    (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] ==
	    0x80 && c == 0xA6);
}

/*
 * Does s open with a list bullet and a blank?  A bullet is "-", "*",
 * U+00B7, U+2022, U+2023, U+2043, U+2219 or any of the Geometric Shapes
 * (U+25A0 to U+25FF: squares, triangles, circles), which page-to-text
 * converters use for list items.  Returns the bullet's length with its
 * blank, else 0.  A dash before a blank also opens an attribution
 * (para_attribution); callers that care test that first.
 */
size_t
para_bullet(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0;

	if (n >= 1 && (u[0] == '-' || u[0] == '*'))
		k = 1;
	else if (n >= 2 && u[0] == 0xC2 && u[1] == 0xB7)
		k = 2;
	else if (n >= 3 && u[0] == 0xE2 && ((u[1] == 0x80 && (u[2] == 0xA2 ||
	    u[2] == 0xA3)) || (u[1] == 0x81 && u[2] == 0x83) ||
	    (u[1] == 0x88 && u[2] == 0x99) ||
	    ((u[1] == 0x96 || u[1] == 0x97) && u[2] >= 0x80 &&
	    (u[1] == 0x97 || u[2] >= 0xA0))))
		k = 3;
	return k > 0 && n > k && s[k] == ' ' ? k + 1 : 0;
}

/*
 * Does a piece read as reporting: a sentence of some length?  It ends the
 * block a "block" rule opened (a box of headlines ends where prose
 * resumes).
 */
int
para_prose(const char *s, size_t n)
{
	size_t i, words = 1;

	if (n == 0 || !para_ends_sentence(s, n) || para_bullet(s, n))
		return 0;
	for (i = 0; i < n && words < 10; i++)
		words += s[i] == ' ';
	return words >= 10;
}

/*
 * Is line b the continuation of line a, as in text hard-wrapped at a
 * fixed width (newswire, e-mail)?  Then neither is a line of its own, and
 * line rules must not cut a sentence in two: a wrapped line reading
 * "Analysts said comments by the company" is not a comments prompt.
 */
int
para_continues(const char *a, size_t alen, const char *b, size_t blen)
{
	unsigned char last, first;

	if (alen == 0 || blen == 0 || para_ends_closed(a, alen))
		return 0;
	last = (unsigned char)a[alen - 1];
	first = (unsigned char)b[0];
	return (first >= 'a' && first <= 'z') || last == ',' ||
	    last == '-' || last == '(';
}

/*
 * Is the paragraph s prose hard-wrapped at a fixed width: three lines or
 * more, most of them long and running on into the next?  (List items,
 * which start with a bullet, and lines without a blank, such as a rule
 * drawn with box characters, do not count.)
 */
int
para_some_line(const char *s, size_t n, int (*is_line)(const char *, size_t))
{
	const char *nl, *end = s + n;

	for (; s < end; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		if (is_line(s, (size_t)(nl - s)))
			return 1;
	}
	return 0;
}

int
para_hard_wrapped(const char *s, size_t n)
{
	const char *line = s, *nl, *end = s + n;
	size_t len, lines = 0, open = 0;

	while (line < end) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			break;		/* the last line may be short */
		len = (size_t)(nl - line);
		lines++;
		if (len >= 50 && !para_ends_closed(line, len) &&
		    !para_bullet(line, len) && memchr(line, ' ', len) != NULL)
			open++;
		line = nl + 1;
	}
	return lines >= 2 && open * 2 > lines;
}

/*
 * Words in s, counted as blanks plus one, but no more than cap.  Eight
 * bytes at a time (bit 7 of each byte that is a space or a newline, then
 * summed): every paragraph of every item is counted here.
 */
size_t
para_words(const char *s, size_t n, size_t cap)
{
	const uint64_t ones = 0x0101010101010101ULL, lo7 = ones * 0x7F;
	uint64_t x, y;
	size_t i = 0, w = 1;

#ifdef __SSE2__
	/*
	 * Thirty-two at a time with SSE2 (every x86-64): each blank's 0xFF
	 * from the compares taken from a lane (0 to 2 a lane), one psadbw
	 * for both halves; the result is min(count, cap) at any step.
	 */
	for (; i + 32 <= n && w < cap; i += 32) {
		const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n');
		__m128i a = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(s + i + 16));
		__m128i m = _mm_sub_epi8(_mm_sub_epi8(_mm_setzero_si128(),
		    _mm_or_si128(_mm_cmpeq_epi8(a, sp), _mm_cmpeq_epi8(a, nl))),
		    _mm_or_si128(_mm_cmpeq_epi8(b, sp), _mm_cmpeq_epi8(b, nl)));

		m = _mm_sad_epu8(m, _mm_setzero_si128());
		w += (size_t)_mm_cvtsi128_si32(m) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(m, 8));
	}
	/* sixteen at a time, summed by psadbw */
	for (; i + 16 <= n && w < cap; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i m = _mm_and_si128(_mm_or_si128(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
		    _mm_set1_epi8(1));

		m = _mm_sad_epu8(m, _mm_setzero_si128());
		w += (size_t)_mm_cvtsi128_si32(m) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(m, 8));
	}
#endif
	for (; i + 8 <= n && w < cap; i += 8) {
		memcpy(&x, s + i, 8);
#define ZERO(v)	(~((((v) & lo7) + lo7) | (v) | lo7))
		y = ZERO(x ^ (ones * ' ')) | ZERO(x ^ (ones * '\n'));
#undef ZERO
		w += (size_t)((((y >> 7) & ones) * ones) >> 56);
	}
	for (; i < n && w < cap; i++)
		w += s[i] == ' ' || s[i] == '\n';
	return w > cap && cap > 0 ? cap : w;
}

/* Does s hold a letter (ASCII, or any character beyond it)? */
int
para_has_letter(const char *s, size_t n)
{
	size_t i;
	unsigned char ch;

	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i] | 0x20;
		if ((ch >= 'a' && ch <= 'z') || ch >= 0x80)
			return 1;
	}
	return 0;
}

int
para_substantial(const char *s, size_t n)
{
	size_t w = para_words(s, n, PARA_LONG_WORDS);

	return w >= PARA_LONG_WORDS || (w >= PARA_PROSE_WORDS &&
	    para_ends_closed(s, n));
}

/*
 * The end of the paragraph starting at p: its "\n\n", or end.  memchr
 * for the newline, which is rare in a paragraph, is several times faster
 * than memmem for the pair, and every byte of every item passes here.
 */
const char *
para_end(const char *p, const char *end)
{
	const char *q;

	while ((q = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (q + 1 < end && q[1] == '\n')
			return q;
		p = q + 1;
	}
	return end;
}

const char *
para_end_line(const char *p, const char *end, int *oneline)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	*oneline = nl == NULL || (nl + 1 < end && nl[1] == '\n');
	if (nl == NULL)
		return end;
	return *oneline ? nl : para_end(nl + 1, end);
}

void
paras_find(struct paras *ps, const char *s, size_t n)
{
	const char *p = s, *q, *end = s + n;
	int oneline;

	ps->n = 0;
	while (p < end) {
		q = para_end_line(p, end, &oneline);
		paras_add(ps, (size_t)(p - s), (size_t)(q - p), !oneline);
		if (q == end)
			break;
		p = q + 2;
	}
}

void
paras_add(struct paras *ps, size_t off, size_t len, int lines)
{
	ps->v = xroom(ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
	ps->v[ps->n].off = off;
	ps->v[ps->n].len = len;
	ps->v[ps->n++].lines = lines;
}

void
paras_free(struct paras *ps)
{
	free(ps->v);
}

/*
 * The start of the paragraph ending at q, searching back to s: just after
 * the last "\n\n" before q.  A newline at a time from the end (memrchr),
 * as para_end goes forwards: step 10 reads every item's last paragraph
 * back to its start.
 */
const char *
para_start(const char *s, const char *q)
{
	const char *nl;

	while (q - s >= 2) {
		if ((nl = memrchr(s + 1, '\n', (size_t)(q - s - 1))) == NULL)
			break;
		if (nl[-1] == '\n')
			return nl + 1;
		q = nl - 1;	/* nl - 1 is no newline: search before it */
	}
	return s;
}

/*
 * Does s open with a dash and a blank, as the attribution under a
 * quotation or an embedded post does ("— Jane Doe (@jdoe) May 1, 2020")?
 */
int
para_attribution(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '-' && s[1] == ' ')
		return 1;
	return n >= 4 && (unsigned char)s[0] == 0xE2 &&
	    (unsigned char)s[1] == 0x80 && ((unsigned char)s[2] == 0x93 ||
	    (unsigned char)s[2] == 0x94) && s[3] == ' ';
}

/*
 * Does s hold a small letter (or any character beyond ASCII)?  A caption
 * does; a row of a table in capitals and figures ("NORTHERN SPRING 0 0
 * 0") does not.
 */
int
para_has_small(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

unsigned
para_data_mark(const char *s, size_t n)
{
	unsigned m = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		/* a number: a digit that starts a word ("16th", "2000") */
		if (s[i] >= '0' && s[i] <= '9' && (i == 0 || !((s[i - 1] >=
		    'a' && s[i - 1] <= 'z') || (s[i - 1] >= 'A' &&
		    s[i - 1] <= 'Z') || s[i - 1] == '-' || s[i - 1] == '_')))
			m |= PARA_NUMBER;
		else if (s[i] == ',')
			m |= PARA_COMMA;
		else if (s[i] == '(')
			m |= PARA_BRACKET;
		else if (s[i] == ' ' && i + 2 < n && s[i + 1] == 'v' &&
		    (s[i + 2] == ' ' || (s[i + 2] == 's' && (i + 3 == n ||
		    s[i + 3] == ' ' || s[i + 3] == '.'))))
			m |= PARA_VERSUS;
	}
	return m;
}

/*
 * How the words of the line s start: words counted, those starting with
 * an ASCII capital and small letter, and whether the first and the last
 * start small.  0 when s is more than one line.
 */
struct starts {
	size_t	words, caps, smalls;
	int	first_small, last_small;
};

static int
word_starts(const char *s, size_t n, struct starts *st)
{
	size_t i;
	int start = 1, small;
	unsigned char c;

	memset(st, 0, sizeof(*st));
	if (memchr(s, '\n', n) != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == ' ') {
			start = 1;
			continue;
		}
		if (start) {
			small = c >= 'a' && c <= 'z';
			if (st->words++ == 0)
				st->first_small = small;
			st->last_small = small;
			st->smalls += small;
			st->caps += c >= 'A' && c <= 'Z';
		}
		start = 0;
	}
	return 1;
}

int
para_sentence_like(const char *s, size_t n)
{
	struct starts st;
	size_t counted;

	if (!word_starts(s, n, &st))
		return 0;	/* a sentence is one line */
	counted = st.caps + st.smalls;
	return st.words >= SENTENCE_WORDS && counted > 0 &&
	    st.smalls * 100 >= counted * SENTENCE_LOWER;
}

int
para_title_like(const char *s, size_t n)
{
	struct starts st;
	size_t counted;

	if (!word_starts(s, n, &st))
		return 0;	/* a title is one line */
	counted = st.caps + st.smalls;
	/*
	 * Title case capitalises the first and the last word; a line of
	 * prose broken mid-sentence ("Analyst Jane Roe of Smith and Co
	 * said") mostly starts or ends with a small one.
	 */
	return !st.first_small && !st.last_small &&
	    st.words <= TITLE_MAX_WORDS && counted >= TITLE_MIN_WORDS &&
	    st.caps * 100 >= counted * TITLE_CAPS;
}

/*
 * Title case sets a sentence of TITLE_SENTENCE_MIN words or more; a word
 * of a title has TITLE_WORD_BYTES bytes on average at most.
 */
#define TITLE_SENTENCE_MIN	4
#define TITLE_WORD_BYTES	24

int
para_title_sentence(const char *s, size_t n)
{
	static const char *const small[] = {
		"An", "And", "As", "At", "But", "By", "For", "From", "In",
		"Into", "Is", "It", "Of", "On", "Or", "Our", "The", "To",
		"With", "Your", "You", "Are", "Its"
	};
	const unsigned char *u = (const unsigned char *)s;
	size_t i, j, words = 0, lowered = 0, commas = 0, w;
	const char *sp;
	int low, start = 1;

	/*
	 * Most paragraphs are longer than a line of 20 words can be, and
	 * most short ones leave their second word small: both are told
	 * before any other look.
	 */
	if (n == 0 || n > TITLE_MAX_WORDS * TITLE_WORD_BYTES ||
	    (u[0] >= 'a' && u[0] <= 'z') ||
	    ((sp = memchr(s, ' ', n)) != NULL && sp + 1 < s + n &&
	    sp[1] >= 'a' && sp[1] <= 'z') || !para_ends_sentence(s, n))
		return 0;
	/*
	 * A question or an exclamation is a subheading's or a title's
	 * ("What Can You Do With It?"); a caption and a cut headline stop.
	 */
	for (i = n; i > 0 && strchr("\"')]", s[i - 1]) != NULL; i--)
		continue;
	if (i > 0 && (s[i - 1] == '?' || s[i - 1] == '!'))
		return 0;
	/* the words' starts first: a small one ends most looks early */
	for (sp = s; sp != NULL; sp = memchr(sp + 1, ' ', (size_t)(s + n -
	    sp - 1))) {
		i = sp == s ? 0 : (size_t)(sp - s) + 1;
		if (i < n && u[i] >= 'a' && u[i] <= 'z')
			return 0;	/* a small word left small */
		if (sp + 1 >= s + n)
			break;
	}
	for (i = 0, low = 0; i < n; i++) {
		if (u[i] == '\n')
			return 0;	/* two lines */
		if (u[i] == ' ') {
			lowered += low;
			low = 0;
			start = 1;
			continue;
		}
		if (start && ++words > TITLE_MAX_WORDS)
			return 0;
		start = 0;
		low |= u[i] >= 'a' && u[i] <= 'z';
		if (u[i] == ',' && ++commas > 1)
			return 0;	/* a list: of names, of places */
	}
	lowered += low;
	if (words < TITLE_SENTENCE_MIN || lowered * 2 < words)
		return 0;
	/* a small word of English capitalised, after the first word */
	for (i = 0; i < n && u[i] != ' '; i++)
		continue;
	for (; i < n; i = j) {
		while (i < n && u[i] == ' ')
			i++;
		for (j = i; j < n && u[j] != ' '; j++)
			continue;
		/* the word without the marks that may close it */
		for (w = j - i; w > 0 && strchr(".,:;!?\"')", s[i + w - 1]) !=
		    NULL; w--)
			continue;
		if (para_word_in(small, NELEM(small), s + i, w))
			return 1;
	}
	return 0;
}

int
para_word_in(const char *const *list, size_t nlist, const char *w, size_t n)
{
	size_t k;

	for (k = 0; k < nlist; k++)
		if (strlen(list[k]) == n && memcmp(w, list[k], n) == 0)
			return 1;
	return 0;
}

/*
 * Is the word w (n bytes) the name of a file: an identifier joined by '_'
 * ("IMG_6516", "kickstand_tout"), a name with an image or media extension
 * ("lion.jpg"), or a slug of small letters and digits joined by '-' that
 * holds a letter and a digit ("pasta-soup-10")?
 */
static int
file_word(const char *w, size_t n)
{
	static const char *const ext[] = {
		".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif",
		".tiff", ".mp3", ".mp4", ".pdf", ".zip"
	};
	size_t i, e, hyphens = 0, digits = 0, letters = 0;
	unsigned char c, l, r;

	for (i = 1; i + 1 < n; i++) {
		l = (unsigned char)w[i - 1];
		r = (unsigned char)w[i + 1];
		if (w[i] == '_' && (isalnum(l) && isalnum(r)))
			return 1;
	}
	for (e = 0; e < sizeof(ext) / sizeof(ext[0]); e++) {
		size_t el = strlen(ext[e]);

		if (n > el && strncasecmp(w + n - el, ext[e], el) == 0)
			return 1;
	}
	for (i = 0; i < n; i++) {
		c = (unsigned char)w[i];
		if (c == '-' && i > 0 && i + 1 < n && w[i - 1] != '-')
			hyphens++;
		else if (c >= '0' && c <= '9')
			digits++;
		else if (c >= 'a' && c <= 'z')
			letters++;
		else
			return 0;
	}
	return hyphens > 0 && digits > 0 && letters > 0;
}

/*
 * Are half or more of the at most FILE_MAX_WORDS words of the line s
 * (n bytes, ending no sentence) names of files?  With caps, every other
 * word must start with a capital.
 */
static int
file_words(const char *s, size_t n, int caps)
{
	size_t i, j, words = 0, files = 0;
	unsigned char c;

	if (n == 0 || para_ends_sentence(s, n))
		return 0;
	for (i = 0; i < n; i = j) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (++words > FILE_MAX_WORDS)
			return 0;
		if (file_word(s + i, j - i))
			files++;
		else if (caps && ((c = (unsigned char)s[i]) < 'A' || c > 'Z'))
			return 0;	/* a word of code or of prose */
	}
	return files > 0 && files * 2 >= words;
}

int
para_file_name(const char *s, size_t n)
{
	/* the cheap test first: most paragraphs end a sentence */
	return n > 0 && !para_ends_sentence(s, n) &&
	    memchr(s, '\n', n) == NULL && file_words(s, n, 0);
}

int
para_file_line(const char *s, size_t n)
{
	size_t i;

	/* word by word first: a line of prose fails at its first small word */
	if (!file_words(s, n, 1))
		return 0;
	for (i = 0; i < n; i++)
		if (strchr("()[]{}<>=\"';:", s[i]) != NULL)
			return 0;	/* code, a placeholder, a label */
	return 1;
}

/* A dateline has at most DATELINE_WORDS words. */
#define DATELINE_WORDS	20

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* The digits from s[i] to n, and their value in *v (capped). */
static size_t
digits(const char *s, size_t i, size_t n, unsigned *v)
{
	size_t k;

	*v = 0;
	for (k = i; k < n && is_digit(s[k]); k++)
		if (*v < 10000)
			*v = *v * 10 + (unsigned)(s[k] - '0');
	return k - i;
}

/*
 * At s[i], the start of a run of digits: a time of day ("10:12", "4:19
 * pm"), or a date in figures whose three parts share a separator
 * ("11.05.12", "10/29/2012", "2012-11-06"; a day or month at most 31, a
 * year of two or four digits)?  A version ("1.1.243") or a score ("3-1")
 * is not.
 */
static int
figures_stamp(const char *s, size_t i, size_t n)
{
	unsigned a, b, c;
	size_t la, lb, lc, j;
	char sep;

	la = digits(s, i, n, &a);
	j = i + la;
	if (j + 2 < n && s[j] == ':' && la <= 2 && a < 24 &&
	    digits(s, j + 1, n, &b) == 2 && b < 60)
		return 1;
	if (j >= n || (s[j] != '.' && s[j] != '/' && s[j] != '-'))
		return 0;
	sep = s[j];
	if (!(la <= 2 && a >= 1 && a <= 31) && la != 4)
		return 0;
	lb = digits(s, j + 1, n, &b);
	if (lb == 0 || lb > 2 || b < 1 || b > 31)
		return 0;
	j += 1 + lb;
	if (j >= n || s[j] != sep)
		return 0;
	lc = digits(s, j + 1, n, &c);
	j += 1 + lc;
	if ((lc != 2 && lc != 4) || (la == 4 && lc != 2))
		return 0;
	/* not part of a longer run of figures ("1.2.30.4") */
	return j >= n || !(s[j] == sep && j + 1 < n && is_digit(s[j + 1]));
}

/*
 * Is the word w (n bytes) a day of a month: 1 to 31, perhaps with an
 * ordinal ending, a full stop or a comma ("6", "6th,", "29.")?
 */
static int
day_word(const char *w, size_t n)
{
	unsigned v;
	size_t k = digits(w, 0, n, &v);

	if (k == 0 || k > 2 || v < 1 || v > 31)
		return 0;
	if (k + 2 <= n && w[k] >= 'a' && w[k] <= 'z' && w[k + 1] >= 'a' &&
	    w[k + 1] <= 'z')
		k += 2;		/* st, nd, rd, th */
	if (k < n && (w[k] == '.' || w[k] == ','))
		k++;
	return k == n;
}

/* Is the word w (n bytes) a year from 1900 to 2099, perhaps with a comma? */
static int
year_word(const char *w, size_t n)
{
	unsigned v;
	size_t k = digits(w, 0, n, &v);

	if (k != 4 || v < 1900 || v > 2099)
		return 0;
	return k == n || (k + 1 == n && strchr(",.;:)", w[k]) != NULL);
}

/*
 * Dates are told by their figures, not by the names of months, so that
 * every language's are: a time of day, a date in figures, or a year
 * with a day of the month one or two words before it ("November 6,
 * 2012", "6 November 2012", "29. Mai 2017").
 */
int
para_stamp(const char *s, size_t n)
{
	const char *w[3] = {NULL, NULL, NULL};	/* the last three words */
	size_t wl[3] = {0, 0, 0};
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (is_digit(s[i]) && (i == 0 || !(is_digit(s[i - 1]) ||
		    s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-' ||
		    s[i - 1] == ':')) && figures_stamp(s, i, n))
			return 1;
		if (s[i] == ' ' || s[i] == '\n' || (i > 0 && s[i - 1] != ' ' &&
		    s[i - 1] != '\n'))
			continue;
		/* a word starts at i */
		for (k = i; k < n && s[k] != ' ' && s[k] != '\n'; k++)
			;
		w[0] = w[1];
		wl[0] = wl[1];
		w[1] = w[2];
		wl[1] = wl[2];
		w[2] = s + i;
		wl[2] = k - i;
		if (year_word(w[2], wl[2]) && ((w[1] != NULL &&
		    day_word(w[1], wl[1])) || (w[0] != NULL &&
		    day_word(w[0], wl[0]))))
			return 1;
	}
	return 0;
}

int
para_dateline(const char *s, size_t n)
{
	/*
	 * The tests that look at the ends first: every paragraph of every
	 * item with prose is asked (step 14), and most end a sentence.
	 */
	return n > 0 && !para_ends_sentence(s, n) &&
	    !para_attribution(s, n) && memchr(s, '\n', n) == NULL &&
	    para_words(s, n, DATELINE_WORDS + 1) <= DATELINE_WORDS &&
	    para_stamp(s, n);
}
