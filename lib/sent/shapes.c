/*
 * shapes.c - see shapes.h.
 */
#include <string.h>
#include <strings.h>

#include "sent/chars.h"
#include "sent/shapes.h"

/*
 * The end of a citation marker at p: "[12]", "[1, 4]", "[2 - 5]", "[2–5]";
 * 0 when there is none.  A marker after a stop belongs to the sentence
 * before it, as a closing quote does.
 */
size_t
shape_citation(const unsigned char *t, size_t p, size_t n)
{
	size_t i;
	bool digit = false;

	if (p >= n || t[p] != '[')
		return 0;
	for (i = p + 1; i < n && i - p < 24; i++) {
		if (t[i] >= '0' && t[i] <= '9')
			digit = true;
		else if (t[i] == ']')
			return digit ? i + 1 : 0;
		else if (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
		    t[i + 2] == 0x93)
			i += 2;		/* an en dash */
		else if (t[i] != ',' && t[i] != '-' && t[i] != ' ')
			return 0;
	}
	return 0;
}

/*
 * The end of an emoticon at p: ":)" ":-(" ";)" ":P" ":D" ":))", standing
 * apart (white space or the end after it); 0 when there is none.  The
 * caller checks what comes before.
 */
size_t
shape_emoticon(const unsigned char *t, size_t p, size_t n)
{
	size_t i = p + 1;

	if (p >= n || (t[p] != ':' && t[p] != ';'))
		return 0;
	if (i < n && (t[i] == '-' || t[i] == '\''))
		i++;
	if (i >= n)
		return 0;
	/* compared one by one: strchr would find a NUL as the set's end */
	switch (t[i]) {
	case ')': case '(': case 'D': case 'P': case 'p': case '/': case '|':
		break;
	default:
		return 0;
	}
	while (i + 1 < n && t[i + 1] == t[i] && (t[i] == ')' || t[i] == '('))
		i++;
	i++;
	return i >= n || space_at(t, i, n) > 0 ? i : 0;
}

/* Whether [b, e) looks like a URL, an e-mail address or a path. */
bool
shape_urlish(const unsigned char *t, size_t b, size_t e)
{
	size_t i;

	if (e - b >= 4 && strncasecmp((const char *)t + b, "www.", 4) == 0)
		return true;
	for (i = b; i < e; i++)
		if (t[i] == '@' || t[i] == '/' || t[i] == '\\')
			return true;
	return false;
}

/*
 * Whether [b, e) is a file name: letters, digits, '_', '-' and stops, the
 * last stop followed by an extension of two to four letters or digits, the
 * first a letter ("minutes.doc", "Q3_prices.xls", "TEXT.htm").  A URL or
 * an address is none; a domain ("example.com") has the same shape, so the
 * caller needs other evidence.
 */
bool
shape_filename(const unsigned char *t, size_t b, size_t e)
{
	size_t i, dot = 0;

	for (i = b; i < e; i++) {
		if (t[i] == '.')
			dot = i;
		else if (!((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z') &&
		    !digit(t[i]) && t[i] != '_' && t[i] != '-')
			return false;
	}
	if (dot <= b || e - dot - 1 < 2 || e - dot - 1 > 4 ||
	    !((t[dot + 1] | 0x20) >= 'a' && (t[dot + 1] | 0x20) <= 'z'))
		return false;
	return !shape_urlish(t, b, e);
}

/* Whether [b, e) is a URL: "http://...", "www...." (not "and/or"). */
bool
shape_url(const unsigned char *t, size_t b, size_t e)
{
	return (e - b >= 4 && strncasecmp((const char *)t + b, "www.", 4) == 0) ||
	    (e - b > 3 && shape_scheme(t, b, e));
}

/*
 * Asked of nearly every word before a stop, which is a few bytes long:
 * a loop, where memmem's set-up cost as much as the word's bytes.
 */
bool
shape_scheme(const unsigned char *t, size_t b, size_t e)
{
	for (; b + 2 < e; b++)
		if (t[b] == ':' && t[b + 1] == '/' && t[b + 2] == '/')
			return true;
	return false;
}

/* "U.S" "a.m" "Ph.D": parts of one or two letters joined by stops. */
bool
shape_acronym(const unsigned char *t, size_t b, size_t e)
{
	size_t run = 0, parts = 1;

	for (; b < e; b++) {
		if (t[b] == '.') {
			if (run == 0)
				return false;
			run = 0;
			parts++;
		} else if (((t[b] | 0x20) >= 'a' && (t[b] | 0x20) <= 'z') &&
		    run < 2)
			run++;
		else
			return false;
	}
	return parts >= 2 && run > 0;
}

/* The end of n1 to n2 digits at i, or 0. */
size_t
shape_digits(const unsigned char *t, size_t i, size_t n, int n1, int n2)
{
	int k;

	for (k = 0; i < n && k < n2 && digit(t[i]); k++)
		i++;
	return k >= n1 ? i : 0;
}

/*
 * The end of a separator at p: "-----", "*****NOTICE*****", "--"; 0 when
 * there is none.  Mail, forums and blogs set one between a message and its
 * signature, a notice or a footer; a single hyphen or two of another
 * character are left to the bullets and the emphasis they more likely are.
 */
size_t
shape_rule(const unsigned char *t, size_t p, size_t n)
{
	size_t i = p, k, j;
	unsigned char c;

	if (p >= n)
		return 0;
	/* compared one by one: strchr would find a NUL as the set's end */
	switch (t[p]) {
	case '-': case '_': case '*': case '=': case '~': case '#':
		break;
	default:
		return 0;
	}
	for (c = t[p]; i < n && t[i] == c; i++)
		;
	if (i - p < 2 || (i - p == 2 && c != '-'))
		return 0;
	/* a word set in the run: "*****NOTICE*****" */
	for (k = i; i - p >= 3 && k < n && ((t[k] | 0x20) >= 'a' &&
	    (t[k] | 0x20) <= 'z'); k++)
		;
	for (j = k; k > i && j < n && t[j] == c; j++)
		;
	if (j - k >= 3)
		i = j;
	return i >= n || space_at(t, i, n) > 0 ? i : 0;
}

/* Whether [b, e) is a dash standing alone: " - ", " – ", " — ". */
static bool
lone_dash(const unsigned char *t, size_t b, size_t e)
{
	size_t len;
	int32_t cp;

	cp = cp_at(t, b, e, &len);
	return b + len == e && (cp == '-' || cp == 0x2013 || cp == 0x2014);
}

/*
 * A dateline opening the paragraph at b, on the same line as the text
 * after it: a place ending in a dash ("Evansville, Indiana, United States -",
 * "LONDON (Reuters) -") or a date ending in a year ("Thursday, May 7,
 * 2015").  Only capitalised words, numbers and bracketed sources, with a
 * comma, brackets or a word in capitals to tell it from a plain heading;
 * a capitalised word must follow.  Returns the end of the dateline, or 0.
 */
size_t
shape_dateline(const unsigned char *t, size_t b, size_t n)
{
	size_t lim = b + 120 < n ? b + 120 : n, i = b, e, k, len;
	int ntok = 0;
	bool comma = false, firstcomma = false, prevcomma = false;
	bool paren = false, caps = false, year;

	while (i < lim && ntok < 10) {
		for (e = i; e < lim && space_at(t, e, n) == 0; e++)
			;
		if (e >= lim || t[e] == '\n')
			return 0;
		for (k = e; k < n && t[k] != '\n' && (len = space_at(t, k, n)) > 0;
		    k += len)
			;
		if (k >= n || t[k] == '\n')
			return 0;
		if (lone_dash(t, i, e))
			return ntok > 0 && (comma || paren || caps) &&
			    (cpclass(cp_at(t, k, n, &len)) & C_UP) ? e : 0;
		year = e - i == 4 && t[i] >= '1' && t[i] <= '2';
		for (len = i; len < e && year; len++)
			year = t[len] >= '0' && t[len] <= '9';
		if (year && ntok >= 2 && (prevcomma || firstcomma))
			return cpclass(cp_at(t, k, n, &len)) & C_UP ? e : 0;
		if (t[i] == '(' && e - i > 2 && t[i + 1] >= 'A' &&
		    t[i + 1] <= 'Z' && (t[e - 1] == ')' ||
		    (t[e - 1] == ',' && t[e - 2] == ')')))
			paren = true;
		else if (!(cpclass(cp_at(t, i, e, &len)) & (C_UP | C_DIGIT)))
			return 0;
		if (ntok == 0) {
			caps = e - i >= 2;
			for (len = i; len < e && caps; len++)
				caps = t[len] >= 'A' && t[len] <= 'Z';
		}
		prevcomma = t[e - 1] == ',';
		comma |= prevcomma;
		if (ntok == 0)
			firstcomma = prevcomma;
		ntok++;
		i = k;
	}
	return 0;
}
