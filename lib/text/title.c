/*
 * title.c - see title.h.
 *
 * Why not cut on the shape of the tail alone: "Man United 2 - 1 Chelsea"
 * and "Bill Clinton | Hillary Clinton" end in what reads like a name after
 * a separator, and only knowing the source tells them from "Mayor resigns
 * | The Daily Planet".
 */
#include <string.h>

#include "text/title.h"
#include "base/util.h"

/*
 * s as a key for comparing names: ASCII letters and digits lower-cased,
 * bytes beyond ASCII as they are, everything else dropped, and a leading
 * "the" too ("The Daily Planet" is "Daily Planet"); at most cap bytes
 * (a longer name is no name).  Returns the key's length, 0 when too long.
 */
static size_t
name_key(const char *s, size_t n, char *key, size_t cap)
{
	size_t i, k = 0;
	unsigned char c;

	if (n >= 4 && strncasecmp(s, "the ", 4) == 0) {
		s += 4;
		n -= 4;
	}
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') &&
		    c < 0x80)
			continue;
		if (k == cap)
			return 0;
		key[k++] = (char)c;
	}
	return k;
}

/* Is s one token of letters, digits, '-' and '.' ending in ".word"? */
static int
domain(const char *s, size_t n)
{
	size_t i, dot = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '.')
			dot = i;
		else if (!(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= 'A' && s[i] <= 'Z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '-')
			return 0;
	}
	return dot > 0 && n - dot >= 3;
}

/*
 * Does the tail name the source?  The source is a name ("The Daily
 * Planet") or a host or address ("https://www.dailyplanet.com/news/"),
 * whose first label past "www." is then its name.
 */
static int
names_source(const char *t, size_t tn, const char *src)
{
	char a[128], b[128];
	const char *p, *e;
	size_t ka, kb, n = strlen(src);

	if ((ka = name_key(t, tn, a, sizeof(a))) == 0)
		return 0;
	if ((kb = name_key(src, n, b, sizeof(b))) == ka &&
	    memcmp(a, b, ka) == 0)
		return 1;
	if ((p = strstr(src, "://")) != NULL)
		p += 3;
	else
		p = src;
	if (strncmp(p, "www.", 4) == 0)
		p += 4;
	for (e = p; *e != '\0' && *e != '.' && *e != '/'; e++)
		;
	if (*e != '.')
		return 0;	/* not a host */
	kb = name_key(p, (size_t)(e - p), b, sizeof(b));
	return kb == ka && memcmp(a, b, ka) == 0;
}

size_t
title_site(const char *s, size_t n, const char *source)
{
	static const char *const seps[] = {
		" | ", " :: ", " \xc2\xb7 ", " - ", " \xe2\x80\x93 ",
		" \xe2\x80\x94 "
	};
	const char *best = NULL, *p, *tail;
	size_t i, k, sl = 0, tn;

	/*
	 * The last separator: every one begins with a blank, so only the
	 * blanks are tried, from the end (no two begin at the same byte),
	 * and memcmp only where the byte after the blank agrees: a title's
	 * blanks are mostly between words, and six calls at each were most
	 * of this function's time.
	 */
	for (p = s + n; best == NULL && (p = memrchr(s, ' ',
	    (size_t)(p - s))) != NULL; )
		for (i = 0; i < NELEM(seps); i++) {
			k = strlen(seps[i]);
			if (k <= n - (size_t)(p - s) && p[1] == seps[i][1] &&
			    memcmp(p, seps[i], k) == 0) {
				best = p;
				sl = k;
				break;
			}
		}
	if (best == NULL || best == s)
		return n;
	tail = best + sl;
	tn = n - (size_t)(tail - s);
	if (domain(tail, tn) || (source != NULL && *source != '\0' &&
	    names_source(tail, tn, source)))
		return (size_t)(best - s);
	return n;
}
