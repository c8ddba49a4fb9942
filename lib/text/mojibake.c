/*
 * mojibake.c - see mojibake.h.
 *
 * The design is ftfy's (python-ftfy by Robyn Speer, Apache-2.0), rebuilt
 * in C from its description: (1) a "badness" test that looks for pairs and
 * triples of characters that hardly occur outside mojibake, over classes
 * of the few hundred characters that single-byte code pages produce; (2)
 * for a bad line, the first code page (in a fixed order) in which the
 * whole line can be encoded and whose bytes then decode as UTF-8 wins,
 * repeated while the line stays bad, which undoes double encoding; (3)
 * failing that, runs of characters that look like UTF-8 bytes are fixed on
 * their own, for lines where good and broken text meet; (4) C1 controls
 * left over are read as the Windows-1252 characters they stood for.
 * Lossy cases follow ftfy too: a no-break space that became a space, and
 * bytes lost to U+FFFD or '?', are repaired where the UTF-8 around them
 * leaves no doubt.
 *
 * Text without a byte >= 0x80 never gets here (mojibake_maybe), and a line
 * without a character from the tables below is never bad, so correct
 * text costs one decode and one table lookup per non-ASCII character.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include "text/mojibake.h"
#include "base/utf8.h"
#include "base/util.h"

/* Code pages, in the order they are tried. */
enum {
	E_LATIN1, E_CP1252, E_CP1251, E_CP1250, E_CP1253, E_CP1254, E_CP1257,
	E_ISO8859_2, E_MACROMAN, E_CP437, NENC
};

/*
 * The "sloppy" Windows code pages: undefined bytes decode to the C1
 * control of the same value, and byte 0x1A stands for U+FFFD, so a lossy
 * decoding can be encoded back.
 */
#define SLOPPY	(1U << E_CP1252 | 1U << E_CP1251 | 1U << E_CP1250 | \
		 1U << E_CP1253 | 1U << E_CP1254 | 1U << E_CP1257)

/* Character classes of the badness test. */
#define K_C1	0x0001	/* C1 controls: only ever a decoding accident */
#define K_BAD	0x0002	/* ¦ ¤ ¨ ¬ ¯ ¸ ƒ ˆ ˇ † ‰ ...: nearly always mojibake */
#define K_LAW	0x0004	/* ¶ § */
#define K_CUR	0x0008	/* ¢ £ ¥ € */
#define K_SP	0x0010	/* punctuation that opens: ¡ « ¿ © ‘ “ „ • */
#define K_EP	0x0020	/* punctuation that closes: ® » ” › ™ */
#define K_NUM	0x0040	/* ² ³ ± ½ × µ ÷ √ ∞ ≤ ... */
#define K_KAO	0x0080	/* letters faces are drawn with: Ò-Ö ò-ö ° ... */
#define K_UA	0x0100	/* accented capitals */
#define K_LA	0x0200	/* accented small letters */
#define K_UC	0x0400	/* Greek and Cyrillic capitals, Þ */
#define K_LC	0x0800	/* Greek and Cyrillic small letters */
#define K_BOX	0x1000	/* box drawing */
#define K_COM	0x2000	/* common in any text: no-break space, – — … ’ */

/* Roles a character plays when read back as a byte of UTF-8. */
#define R_LEAD2	0x1
#define R_LEAD3	0x2
#define R_LEAD4	0x4
#define R_CONT	0x8
#define R_STRICT 0x10	/* a continuation that is no common punctuation */

struct mchar {
	uint16_t	 cp;
	uint16_t	 enc;	/* bit per code page that has it */
	uint8_t		 role;
	uint16_t	 cls;
};

/*
 * The tables: pages[][] (bytes 0x80-0xFF of each code page) and mchars[]
 * (every character of them or of a class above, with the code pages that
 * have it, its roles and its classes), written by tools/genmojibake.py.
 */
#include "text/mojibake_tab.h"

/* A line as code points, the form every test below works on. */
struct cps {
	int32_t		*v;
	size_t		 n, cap;
};

static void
cps_add(struct cps *c, int32_t cp)
{
	c->v = xroom(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = cp;
}

/*
 * A line has at most as many characters as bytes, so room is made once
 * and ASCII, most of any line, is copied without a call.
 */
static void
cps_decode(struct cps *c, const char *s, size_t n)
{
	size_t i = 0, k = 0;
	int32_t cp;

	c->v = xroom(c->v, &c->cap, n, sizeof(*c->v));
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			c->v[k++] = (unsigned char)s[i++];
			continue;
		}
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		c->v[k++] = cp < 0 ? 0xFFFD : cp;
	}
	c->n = k;
}

/* The table's row for cp, or NULL: two steps through mblock and mindex. */
static const struct mchar *
lookup(int32_t cp)
{
	unsigned blk, k;

	if (cp < 0x80 || cp > 0xFFFF)
		return NULL;
	if ((blk = mblock[cp >> 8]) == 0 ||
	    (k = mindex[blk - 1][cp & 0xFF]) == 0)
		return NULL;
	return &mchars[k - 1];
}

static unsigned
cls(const int32_t *v, size_t n, size_t i)
{
	const struct mchar *m;

	if (i >= n || (m = lookup(v[i])) == NULL)
		return 0;
	return m->cls;
}

static int
at(const int32_t *v, size_t n, size_t i)
{
	return i < n ? v[i] : -1;
}

static int
oneof(int32_t cp, const int32_t *set)
{
	for (; *set != 0; set++)
		if (*set == cp)
			return 1;
	return 0;
}

static int
is_space(int32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
	    (cp > 0x7F && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS);
}

static int
is_word(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || cp == '_';
	if (cp < 0)
		return 0;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int
is_alpha(int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/*
 * Is there, at v[i], a sequence that is far likelier mojibake than text?
 * The classes and sequences are ftfy's (badness.py), each one a way that
 * UTF-8 read as a single-byte code page comes out.
 */
static int
bad_at(const int32_t *v, size_t n, size_t i)
{
	static const int32_t a2[] = { 0xC2, 0xC3, 0xCE, 0xD0, 0 };
	static const int32_t a2next[] = { 0x20AC, 0x153, 0x160, 0x161, 0xA2,
	    0xA3, 0x178, 0x17E, 0xA0, 0xAD, 0xAE, 0xA9, 0xB0, 0xB7, 0xBB,
	    0x2013, 0x2014, 0xB4, 0 };
	static const int32_t arabic[] = { 0x178, 0x160, 0xAE, 0xB0, 0xB5,
	    0xBB, 0 };
	static const int32_t sqrtnext[] = { 0xB1, 0x2202, 0x2020, 0x2260,
	    0xAE, 0x2122, 0xB4, 0x2264, 0x2265, 0xA5, 0xB5, 0xF8, 0 };
	static const int32_t agrnext[] = { 0xB2, 0xB5, 0xB9, 0xBC, 0xBD, 0xBE,
	    0 };
	static const int32_t mac1[] = { 0xEC, 0xEE, 0xEF, 0xF2, 0xF4, 0xFA,
	    0xF9, 0xFB, 0x2020, 0xB0, 0xA2, 0x3C0, 0 };
	static const int32_t vgrs[] = { 0x412, 0x413, 0x420, 0x421, 0 };
	static const int32_t greek4[] = { 0x392, 0x393, 0x39E, 0x39F, 0 };
	static const int32_t beta3[] = { 0x2122, 0xA0, 0x386, 0xAD, 0xAE,
	    0xB0, 0 };
	static const int32_t cyr5[] = { 0x413, 0x45E, 0x412, 0x402, 0x412, 0 };
	const unsigned G = K_BAD | K_LA | K_UA | K_BOX | K_SP | K_EP | K_CUR |
	    K_NUM | K_LAW;
	unsigned c, c1, c2;
	int32_t x = v[i], y = at(v, n, i + 1), z = at(v, n, i + 2);
	size_t k;

	/*
	 * Most calls, in text without mojibake, are at a character with
	 * ASCII after it: of all the sequences below, only these can start
	 * there (every other one needs a character beyond ASCII as y or z,
	 * or, after an ASCII x, a blank then Â or Ã).  When written, these
	 * exits were checked against the full test on 90 million random
	 * sequences of the table's characters and ASCII: no difference.
	 */
	if (x < 0x80 && y < 0x80 && z != 0xC2 && z != 0xC3)
		return 0;
	/* ... and after an ASCII x, only these y */
	if (x < 0x80 && !(cls(v, n, i + 1) & (K_LC | K_UC | K_UA)) &&
	    y != 0xC2 && y != 0xC3 && !is_space(y))
		return 0;
	if (x >= 0x80 && y < 0x80 && z < 0x80)
		return (cls(v, n, i) & K_C1) || ((x == 0x152 || x == 0x153) &&
		    y >= 0 && !is_alpha(y)) || (i == 0 && (x == 0xC3 ||
		    x == 0xC2) && y == ' ');
	c = cls(v, n, i);
	c1 = cls(v, n, i + 1);
	c2 = cls(v, n, i + 2);
	if ((c & K_C1) || ((c & G) && (c1 & K_BAD)) ||
	    ((c & K_BAD) && (c1 & G & ~K_BAD)) ||
	    ((c & (K_LA | K_LC | K_BOX | K_EP | K_CUR | K_NUM)) &&
	    (c1 & K_UA)) ||
	    ((c & (K_BOX | K_EP | K_CUR | K_NUM)) && (c1 & K_LA)) ||
	    ((c & (K_LA | K_BOX | K_EP)) && (c1 & K_CUR)) ||
	    ((c & (K_UA | K_BOX)) && (c1 & (K_NUM | K_LAW))) ||
	    ((c & (K_CUR | K_NUM | K_BOX)) && (c1 & K_SP)) ||
	    ((c & K_BOX) && (c1 & (K_KAO | K_EP))) ||
	    ((c & (K_LA | K_UA | K_CUR | K_NUM | K_SP | K_EP | K_LAW)) &&
	    (c1 & K_BOX)))
		return 1;
	if ((is_alpha(x) && (c1 & (K_LC | K_UC)) && (c2 & K_BAD)) ||
	    (is_space(x) && (c1 & K_UA) && (c2 & K_CUR)) ||
	    ((c & (K_LA | K_UA | K_BOX | K_CUR | K_EP)) && (c1 & K_SP) &&
	    (c2 & K_NUM)) ||
	    ((c & (K_LA | K_UA | K_CUR | K_NUM | K_BOX | K_LAW)) &&
	    (c1 & K_EP) && (c2 & K_SP)) ||
	    (x >= 'a' && x <= 'z' && (c1 & K_UA) && (c2 & (K_SP | K_CUR))) ||
	    ((c & (K_LA | K_UA)) && (c1 & (K_SP | K_EP)) && is_word(z)))
		return 1;
	if (((x == 0x152 || x == 0x153) && y >= 0 && !is_alpha(y)) ||
	    ((c & K_UA) && y == 0xB0) ||
	    (oneof(x, a2) && (oneof(y, a2next) || (c1 & (K_SP | K_EP)))) ||
	    (x == 0xD7 && (y == 0xB2 || y == 0xB3)) ||
	    (x == 0xE0 && oneof(y, agrnext)) ||
	    (x == 0x221A && oneof(y, sqrtnext)) ||
	    (x == 0x2248 && (y == 0xB0 || y == 0xA2)) ||
	    (x == 0x201A && y == 0xC4 && oneof(z, mac1)) ||
	    (x == 0x201A && (y == 0xE2 || y == 0xF3) && (z == 0xE0 ||
	    z == 0xE4 || z == 0xB0 || z == 0xEA)) ||
	    (x == 0x432 && y == 0x402) ||
	    (x == 0x3B2 && y == 0x20AC && oneof(z, beta3)) ||
	    (x == 0x101 && y == 0x20AC) ||
	    (x == 0xC3 && (y == 0xA0 || y == 0xA1)))
		return 1;
	/* Windows-1252 mojibake of Arabic: two letters of a pair. */
	if ((x == 0xD8 || x == 0xD9) && ((c1 & (K_COM | K_CUR | K_BAD |
	    K_NUM | K_SP)) || oneof(y, arabic)) && (z == 0xD8 || z == 0xD9) &&
	    ((cls(v, n, i + 3) & (K_COM | K_CUR | K_BAD | K_NUM | K_SP)) ||
	    oneof(at(v, n, i + 3), arabic)))
		return 1;
	/* Windows-1251 or -1253 mojibake of Latin-1 or the U+2000 block. */
	if (oneof(x, vgrs) && ((c1 & (K_C1 | K_BAD | K_SP | K_EP | K_CUR)) ||
	    y == 0xB0 || y == 0xB5) && oneof(z, vgrs))
		return 1;
	if (oneof(x, greek4) && ((c1 & (K_C1 | K_BAD | K_SP | K_EP |
	    K_CUR)) || y == 0xB0) && oneof(z, greek4))
		return 1;
	for (k = 0; k < 5 && cyr5[k] == at(v, n, i + k); k++)
		;
	if (k == 5 && i + 6 < n && (is_alpha(v[i + 6]) || v[i + 6] == ' '))
		return 1;
	/* "à" (UTF-8 C3 A0) whose no-break space became a space */
	if (x >= 'a' && x <= 'z') {
		k = i + 1;
		if (k < n && is_space(v[k]))
			k++;
		if (k + 1 < n && (v[k] == 0xC3 || v[k] == 0xC2) &&
		    v[k + 1] == ' ')
			return 1;
	}
	if (i == 0 && (x == 0xC3 || x == 0xC2) && y == ' ')
		return 1;
	if (((x >= 'a' && x <= 'z') || x == '.' || x == ',' || x == '?' ||
	    x == '!' || (c & K_EP)) && y == 0xC2 && (z == ' ' ||
	    (c2 & (K_SP | K_EP))))
		return 1;
	return 0;
}

/*
 * Does a bad sequence start anywhere in v?  Only at a character beyond
 * ASCII, or at one of the two before it (a-z then Ã or Â), so the loop
 * runs from one such character to the next and looks only there.
 */
static int
is_bad(const int32_t *v, size_t n)
{
	size_t i = 0, j, k;

	for (;;) {
		for (j = i; j < n && v[j] < 0x80; j++)
			;
		if (j == n)
			return 0;
		for (k = j >= i + 2 ? j - 2 : i; k <= j; k++)
			if (bad_at(v, n, k))
				return 1;
		i = j + 1;
	}
}

/* Can every character of v be encoded in code page e? */
static int
possible(const int32_t *v, size_t n, int e)
{
	const struct mchar *m;
	size_t i;
	int sloppy = (SLOPPY >> e) & 1;

	for (i = 0; i < n; i++) {
		if (v[i] < 0x80) {
			if (v[i] == 0x1A && sloppy)
				return 0;	/* 0x1A is taken by U+FFFD */
			continue;
		}
		if (v[i] == 0xFFFD && sloppy)
			continue;
		if ((m = lookup(v[i])) == NULL || !(m->enc & (1U << e)))
			return 0;
	}
	return 1;
}

static void
encode(const int32_t *v, size_t n, int e, struct buf *b)
{
	size_t i;
	int k;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		if (v[i] < 0x80)
			buf_addc(b, v[i]);
		else if (v[i] == 0xFFFD)
			buf_addc(b, 0x1A);
		else {
			for (k = 0; k < 128 && pages[e][k] != v[i]; k++)
				;
			buf_addc(b, 0x80 + k);
		}
	}
}

/* Byte classes used by the two byte-level repairs below. */
static int
cont(unsigned char c)
{
	return c >= 0x80 && c <= 0xBF;
}

/* A continuation byte that is likely followed or led by a lost A0. */
static int
cont_a0(unsigned char c)
{
	return (c >= 0x80 && c <= 0x84) || (c >= 0x86 && c <= 0x9F) ||
	    (c >= 0xA1 && c <= 0xBF);
}

/*
 * Put back the byte 0xA0 that some program turned into a space, where the
 * bytes around it are UTF-8 only with it: "voilÃ le" is "voilà le".
 */
static void
restore_a0(struct buf *b)
{
	unsigned char *u;
	size_t i, n;
	int any = 0;

	u = (unsigned char *)b->s;
	n = b->len;
	for (i = 0; i + 1 < n && !any; i++) {
		if (u[i + 1] == ' ' && (u[i] == 0xC2 || u[i] == 0xC3 ||
		    u[i] == 0xC5 || u[i] == 0xCE || u[i] == 0xD0 ||
		    u[i] == 0xD9))
			any = 1;
		else if (i + 2 < n && (((u[i] == 0xE2 || u[i] == 0xE3) &&
		    u[i + 1] == ' ' && cont_a0(u[i + 2])) || (u[i] >= 0xE0 &&
		    u[i] <= 0xE3 && cont_a0(u[i + 1]) && u[i + 2] == ' ')))
			any = 1;
		else if (i + 3 < n && u[i] == 0xF0 && (u[i + 1] == ' ' ||
		    u[i + 2] == ' ' || u[i + 3] == ' '))
			any = 1;
	}
	if (!any)
		return;
	/* Portuguese "à quele/às" keep their space: "Ã s" is "às". */
	for (i = 0; i + 1 < b->len; i++) {
		u = (unsigned char *)b->s;
		n = b->len;
		if (u[i] != 0xC3 || u[i + 1] != ' ')
			continue;
		if (i + 2 < n && u[i + 2] == ' ')
			continue;
		if (n - i - 2 >= 5 && (memcmp(u + i + 2, "quele", 5) == 0 ||
		    memcmp(u + i + 2, "quela", 5) == 0 ||
		    memcmp(u + i + 2, "quilo", 5) == 0))
			continue;
		if (n - i - 2 >= 2 && memcmp(u + i + 2, "s ", 2) == 0)
			continue;
		buf_addc(b, 0);		/* make room for one more byte */
		memmove(b->s + i + 2, b->s + i + 1, b->len - i - 2);
		b->s[i + 1] = (char)0xA0;
		b->s[b->len] = '\0';
		i++;
	}
	u = (unsigned char *)b->s;
	n = b->len;
	for (i = 0; i + 1 < n; i++) {
		if (u[i + 1] == ' ' && (u[i] == 0xC2 || u[i] == 0xC3 ||
		    u[i] == 0xC5 || u[i] == 0xCE || u[i] == 0xD0 ||
		    u[i] == 0xD9))
			u[++i] = 0xA0;
		else if (i + 2 < n && (u[i] == 0xE2 || u[i] == 0xE3) &&
		    u[i + 1] == ' ' && cont_a0(u[i + 2])) {
			u[i + 1] = 0xA0;
			i += 2;
		} else if (i + 2 < n && u[i] >= 0xE0 && u[i] <= 0xE3 &&
		    cont_a0(u[i + 1]) && u[i + 2] == ' ') {
			u[i + 2] = 0xA0;
			i += 2;
		} else if (i + 3 < n && u[i] == 0xF0 && (u[i + 1] == ' ' ||
		    cont(u[i + 1])) && (u[i + 2] == ' ' || cont(u[i + 2])) &&
		    (u[i + 3] == ' ' || cont(u[i + 3])) && (u[i + 1] == ' ') +
		    (u[i + 2] == ' ') + (u[i + 3] == ' ') == 1) {
			u[i + 1] = u[i + 1] == ' ' ? 0xA0 : u[i + 1];
			u[i + 2] = u[i + 2] == ' ' ? 0xA0 : u[i + 2];
			u[i + 3] = u[i + 3] == ' ' ? 0xA0 : u[i + 3];
			i += 3;
		}
	}
}

/* A byte lost to U+FFFD (0x1A here) or, once, to '?'. */
static int
lost(unsigned char c)
{
	return c == 0x1A || c == '?';
}

static int
lost_or_cont(unsigned char c)
{
	return c == 0x1A || cont(c);
}

/*
 * The length of a UTF-8 (or CESU-8) sequence at u whose bytes were partly
 * lost, which then decodes as U+FFFD; 0 when there is none.
 */
static size_t
lossy_at(const unsigned char *u, size_t n)
{
	unsigned char a = u[0];

	if (n >= 2 && a >= 0xC2 && a <= 0xDF && u[1] == 0x1A)
		return 2;
	if (n >= 2 && (a == 0xC2 || a == 0xC3) && u[1] == '?')
		return 2;
	if (n >= 6 && a == 0xED && u[1] >= 0xA0 && u[1] <= 0xAF &&
	    u[3] == 0xED && u[4] >= 0xB0 && u[4] <= 0xBF &&
	    ((lost(u[2]) && (lost(u[5]) || cont(u[5]))) ||
	    ((lost(u[2]) || cont(u[2])) && lost(u[5]))))
		return 6;
	if (n >= 3 && a >= 0xE0 && a <= 0xEF && ((lost(u[1]) &&
	    lost_or_cont(u[2])) || (lost_or_cont(u[1]) && lost(u[2]))))
		return 3;
	if (n >= 4 && a >= 0xF0 && a <= 0xF4 && lost_or_cont(u[1]) &&
	    lost_or_cont(u[2]) && lost_or_cont(u[3]) && (lost(u[1]) ||
	    lost(u[2]) || lost(u[3])) && (u[1] != '?') + (u[2] != '?') +
	    (u[3] != '?') >= 2)
		return 4;
	if (a == 0x1A)
		return 1;
	return 0;
}

static void
replace_lossy(struct buf *b, struct buf *tmp)
{
	const unsigned char *u = (const unsigned char *)b->s;
	size_t i = 0, k;

	buf_reset(tmp);
	while (i < b->len) {
		if ((k = lossy_at(u + i, b->len - i)) > 0) {
			buf_add(tmp, "\xef\xbf\xbd", 3);
			i += k;
		} else
			buf_addc(tmp, u[i++]);
	}
	buf_reset(b);
	buf_add(b, tmp->s, tmp->len);
}

/*
 * Decode b as UTF-8 into out; CESU-8 surrogate pairs and Java's C0 80 for
 * U+0000 are accepted too, as ftfy's "utf-8-variants" does.  0 when b is
 * not UTF-8.
 */
static int
decode_utf8(const struct buf *b, struct cps *out)
{
	const unsigned char *u = (const unsigned char *)b->s;
	size_t i = 0, n = b->len;
	int32_t cp, hi, lo;
	int k;

	out->n = 0;
	while (i < n) {
		if (n - i >= 6 && u[i] == 0xED && u[i + 1] >= 0xA0 &&
		    u[i + 1] <= 0xAF && cont(u[i + 2]) && u[i + 3] == 0xED &&
		    u[i + 4] >= 0xB0 && u[i + 4] <= 0xBF && cont(u[i + 5])) {
			hi = ((u[i + 1] & 0x0F) << 6) | (u[i + 2] & 0x3F);
			lo = ((u[i + 4] & 0x0F) << 6) | (u[i + 5] & 0x3F);
			cps_add(out, 0x10000 + (hi << 10) + lo);
			i += 6;
			continue;
		}
		if (n - i >= 2 && u[i] == 0xC0 && u[i + 1] == 0x80) {
			cps_add(out, 0);
			i += 2;
			continue;
		}
		k = utf8_decode((const char *)u + i, n - i, &cp);
		if (cp < 0)
			return 0;
		cps_add(out, cp);
		i += (size_t)k;
	}
	return 1;
}

static int	fix_encoding(const int32_t *, size_t, struct cps *);

/* One step of repair of v into out; 0 when there is nothing to do. */
static int
fix_step(const int32_t *v, size_t n, struct cps *out)
{
	const struct mchar *m;
	struct buf b = BUF_INIT, tmp = BUF_INIT;
	struct cps run = { NULL, 0, 0 };
	size_t i, j, k, need;
	int e, ok = 0, changed;

	if (!is_bad(v, n))
		return 0;
	for (e = 0; e < NENC && !ok; e++) {
		if (!possible(v, n, e))
			continue;
		encode(v, n, e, &b);
		if (e != E_MACROMAN)
			restore_a0(&b);
		if ((SLOPPY >> e) & 1)
			replace_lossy(&b, &tmp);
		ok = decode_utf8(&b, out);
	}
	buf_free(&b);
	buf_free(&tmp);
	if (ok)
		return 1;

	/*
	 * Runs that look like UTF-8 bytes inside good text: fix each alone
	 * (a run must not follow a character that could continue one, or we
	 * would cut a longer garble in the middle).
	 */
	out->n = 0;
	changed = 0;
	for (i = 0; i < n; ) {
		j = i;
		if (i == 0 || (m = lookup(v[i - 1])) == NULL ||
		    !(m->role & R_STRICT)) {
			while (j < n && (m = lookup(v[j])) != NULL) {
				need = (m->role & R_LEAD2) ? 1 :
				    (m->role & R_LEAD3) ? 2 :
				    (m->role & R_LEAD4) ? 3 : 0;
				if (need == 0 || j + need >= n)
					break;
				for (k = 1; k <= need && j + k < n; k++)
					if (v[j + k] != ' ' &&
					    ((m = lookup(v[j + k])) == NULL ||
					    !(m->role & R_CONT)))
						break;
				if (k <= need)
					break;
				j += need + 1;
			}
		}
		if (j > i && j - i < n && is_bad(v + i, j - i) &&
		    fix_encoding(v + i, j - i, &run)) {
			for (k = 0; k < run.n; k++)
				cps_add(out, run.v[k]);
			changed = 1;
			i = j;
		} else if (j > i) {
			for (; i < j; i++)
				cps_add(out, v[i]);
		} else
			cps_add(out, v[i++]);
	}
	free(run.v);
	if (changed)
		return 1;

	/* C1 controls are Windows-1252 that was read as Latin-1. */
	out->n = 0;
	for (i = 0; i < n; i++) {
		if (v[i] >= 0x80 && v[i] <= 0x9F) {
			cps_add(out, pages[E_CP1252][v[i] - 0x80]);
			changed = 1;
		} else
			cps_add(out, v[i]);
	}
	return changed;
}

/* Repair v into out as long as a step helps; 0 when nothing changed. */
static int
fix_encoding(const int32_t *v, size_t n, struct cps *out)
{
	struct cps a = { NULL, 0, 0 }, b = { NULL, 0, 0 }, t;
	int changed = 0, round;

	for (round = 0; round < 8; round++) {
		if (!fix_step(changed ? a.v : v, changed ? a.n : n, &b))
			break;
		if (b.n == (changed ? a.n : n) && memcmp(b.v, changed ? a.v :
		    v, b.n * sizeof(*b.v)) == 0)
			break;
		t = a;
		a = b;
		b = t;
		changed = 1;
	}
	if (changed) {
		out->n = 0;
		for (size_t i = 0; i < a.n; i++)
			cps_add(out, a.v[i]);
	}
	free(a.v);
	free(b.v);
	return changed;
}

bool
mojibake_maybe(const char *s, size_t n)
{
	uint64_t w;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			return true;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

/*
 * Would is_bad find the characters of the line s (n bytes) bad?  It looks
 * only at characters beyond ASCII and the two before each, and bad_at
 * reads at most six characters on, so each cluster of such characters is
 * decoded with WIN_BEFORE characters before it and WIN_AFTER after (or to
 * the ends of the line), not the whole line: most of a line is ASCII.  A
 * cluster ends where WIN_GAP bytes of ASCII follow, so windows never
 * overlap, and a window's first character is never taken for the line's
 * first (bad_at treats that one apart).
 */
#define WIN_BEFORE	3
#define WIN_AFTER	8
#define WIN_GAP		(WIN_BEFORE + WIN_AFTER)

/*
 * The first byte from i on that is beyond ASCII, else n; 16 at a time
 * with SSE2 (every x86-64), else 8.
 */
static size_t
next_high(const unsigned char *u, size_t i, size_t n)
{
	uint64_t w;

#ifdef __SSE2__
	int bits;

	for (; i + 16 <= n; i += 16)
		if ((bits = _mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(u + i)))) != 0)
			return i + (size_t)__builtin_ctz((unsigned)bits);
#endif
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, u + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
	}
	while (i < n && u[i] < 0x80)
		i++;
	return i;
}

/*
 * Can bad_at find nothing at a character cp beyond ASCII that has ASCII
 * (or the line's ends) for the two characters on either side?  bad_at at
 * the two before it leaves by its first two exits, and at cp by its third,
 * unless cp is one of the few characters those exits let through: a
 * letter of the classes that begin a garble's second character, a
 * blank, a C1 control, Â or Ã, Œ or œ.  Curly quotes, dashes, currency
 * signs and accented small letters, nearly every character beyond ASCII
 * of news text, are such quiet characters: a line_bad's cluster of one of
 * them needs no decoding of its window.  More holds, and normscan relies
 * on it: at a quiet x followed by an ASCII y (or the end), whatever comes
 * next, bad_at finds nothing, since every test after its third exit needs
 * y beyond ASCII or x a character quiet() refuses.  Keep both true when
 * bad_at changes (test_normscan fails otherwise).
 */
static int
quiet(int32_t cp)
{
	const struct mchar *m = lookup(cp);

	if (m != NULL && (m->cls & (K_LC | K_UC | K_UA | K_C1)))
		return 0;
	return cp != 0xC2 && cp != 0xC3 && cp != 0x152 && cp != 0x153 &&
	    !is_space(cp);
}

bool
mojibake_quiet(int32_t cp)
{
	return cp >= 0x80 && quiet(cp);
}

static int
line_bad(const char *s, size_t n, struct cps *w)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, p, last, run, lim, ws, we, idx, k, from;
	int32_t cp;

	for (;;) {
		p = next_high(u, i, n);
		if (p == n)
			return 0;
		/* the cluster: up to WIN_GAP ASCII bytes between its members */
		for (last = p, run = 0; ; ) {
			while (last < n && u[last] >= 0x80)
				last++;
			if (run == 0)
				run = last - p;
			lim = n - last > WIN_GAP ? last + WIN_GAP + 1 : n;
			if ((k = next_high(u, last, lim)) == lim)
				break;
			last = k;
		}
		ws = p >= WIN_BEFORE ? p - WIN_BEFORE : 0;
		we = n - last > WIN_AFTER ? last + WIN_AFTER : n;
		/* one quiet character alone (see quiet()) */
		if (last - p == run && (size_t)utf8_decode(s + p, run, &cp) ==
		    run && cp >= 0 && quiet(cp)) {
			i = we;
			continue;
		}
		cps_decode(w, s + ws, we - ws);
		from = 0;
		for (idx = p - ws; idx < w->n; idx++) {
			if (w->v[idx] < 0x80)
				continue;
			for (k = idx >= from + 2 ? idx - 2 : from; k <= idx; k++)
				if (bad_at(w->v, w->n, k))
					return 1;
			from = idx + 1;
		}
		i = we;
	}
}

/*
 * The lines mojibake_fix would test, found from their bytes beyond ASCII
 * rather than line by line: most lines of most text are pure ASCII.
 */
bool
mojibake_found(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	struct cps win = { NULL, 0, 0 };
	const char *nl;
	size_t p = 0, q, ls, le;
	bool found = false;

	while (!found && (q = next_high(u, p, n)) < n) {
		/* p starts a line; the line of q starts after its last '\n' */
		nl = memrchr(s + p, '\n', q - p);
		ls = nl != NULL ? (size_t)(nl - s) + 1 : p;
		nl = memchr(s + q, '\n', n - q);
		le = nl != NULL ? (size_t)(nl - s) : n;
		found = line_bad(s + ls, le - ls, &win);
		p = le + 1;
		if (le == n)
			break;
	}
	free(win.v);
	return found;
}

bool
mojibake_fix(const char *s, size_t n, struct buf *out)
{
	struct cps line = { NULL, 0, 0 }, fixed = { NULL, 0, 0 };
	struct cps win = { NULL, 0, 0 };
	const char *p = s, *nl, *end = s + n;
	size_t len, i;
	bool changed = false;

	buf_grow(out, n);
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (mojibake_maybe(p, len) && line_bad(p, len, &win)) {
			cps_decode(&line, p, len);
			if (fix_encoding(line.v, line.n, &fixed)) {
				for (i = 0; i < fixed.n; i++)
					utf8_add(out, fixed.v[i]);
				changed = true;
			} else
				buf_add(out, p, len);
		} else
			buf_add(out, p, len);
		if (nl != NULL)
			buf_addc(out, '\n');
		p += len + 1;
	}
	free(line.v);
	free(fixed.v);
	free(win.v);
	return changed;
}
