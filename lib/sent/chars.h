/*
 * chars.h - the character classes of the sentence splitter (internal to
 * lib/sent/): case and digits from Unicode categories, white space,
 * quotes and brackets that open or close, bullets, terminal punctuation,
 * each read at a byte offset of UTF-8 text.  Invalid bytes are ordinary
 * characters of no class, so any input can be scanned.
 *
 * The functions are static inline: the splitter's scan calls them at every
 * stop, and keeping them in one translation unit with it is what keeps it
 * near memory speed.
 */
#ifndef ARTKIT_CHARS_H
#define ARTKIT_CHARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

#include "base/utf8.h"

/* Character classes. */
#define C_UP	0x01	/* upper or title case, or a letter without case */
#define C_LOW	0x02
#define C_DIGIT	0x04
#define C_MARK	0x08	/* combining mark: part of the word it follows */
#define C_ALNUM	(C_UP | C_LOW | C_DIGIT)
#define C_WORD	(C_UP | C_LOW | C_MARK)

static inline int
cpclass(int32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return C_LOW;
		if (cp >= 'A' && cp <= 'Z')
			return C_UP;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		return 0;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO:
		return C_UP;
	case UTF8PROC_CATEGORY_LL:
		return C_LOW;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	default:
		return 0;
	}
}

/* The character at i < n, and its length in *len; -1 for a bad byte. */
static inline int32_t
cp_at(const unsigned char *t, size_t i, size_t n, size_t *len)
{
	int32_t cp;

	if (t[i] < 0x80) {
		*len = 1;
		return t[i];
	}
	*len = utf8_decode((const char *)t + i, n - i, &cp);
	return cp;
}

/* The character ending at i > lo, and its length in *len. */
static inline int32_t
cp_before(const unsigned char *t, size_t i, size_t lo, size_t *len)
{
	size_t j = i - 1;
	int32_t cp;

	*len = 1;
	if (t[j] < 0x80)
		return t[j];
	while (j > lo && i - j < 4 && (t[j] & 0xC0) == 0x80)
		j--;
	if ((size_t)utf8_decode((const char *)t + j, i - j, &cp) != i - j)
		return -1;
	*len = i - j;
	return cp;
}

static inline bool
is_space(int32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

/* Length of the white-space character at i, 0 when there is none. */
static inline size_t
space_at(const unsigned char *t, size_t i, size_t n)
{
	size_t len;
	unsigned char c = t[i];

	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3)
		return 0;
	return is_space(cp_at(t, i, n, &len)) ? len : 0;
}

/* Length of the white-space character ending at i, 0 when none. */
static inline size_t
space_before(const unsigned char *t, size_t i, size_t lo)
{
	size_t len;
	unsigned char c;

	if (i <= lo)
		return 0;
	c = t[i - 1];
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return is_space(cp_before(t, i, lo, &len)) ? len : 0;
}

static inline bool
is_closer(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x00BB: case 0x2018: case 0x2019: case 0x201C: case 0x201D:
	case 0x203A: case 0x300D: case 0x300F: case 0xFF09:
		return true;
	}
	return false;
}

/* Quotes that are also apostrophes or English opening quotes. */
static inline bool
is_ambiguous_quote(int32_t cp)
{
	return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201C;
}

static inline bool
is_opener(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0x00A1: case 0x00AB: case 0x00BF: case 0x2018: case 0x201A:
	case 0x201C: case 0x201E: case 0x2039: case 0x300C: case 0x300E:
	case 0xFF08:
		return true;
	}
	return false;
}

/* Bullets that mark list items anywhere; dashes only at a line start. */
static inline bool
is_bullet(int32_t cp, bool linestart)
{
	switch (cp) {
	case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25A0:
	case 0x25AA: case 0x25B8: case 0x25BA: case 0x25CF: case 0x25E6:
		return true;
	case '-': case '*': case '+': case 0x00B7: case 0x2013: case 0x2014:
		return linestart;
	}
	return false;
}

/* Whether the character at i is terminal punctuation (one unit of it). */
static inline int32_t
terminal_at(const unsigned char *t, size_t i, size_t n, size_t *len)
{
	int32_t cp;

	cp = cp_at(t, i, n, len);
	switch (cp) {
	case '.': case '?': case '!':
	case 0x2026: case 0x203C: case 0x203D: case 0x2047: case 0x2048:
	case 0x2049: case 0x3002: case 0xFF01: case 0xFF0E: case 0xFF1F: case 0xFF61:
		return cp;
	}
	return 0;
}

/* Whether c is an ASCII digit. */
static inline bool
digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

#endif
