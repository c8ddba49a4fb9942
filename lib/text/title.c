/*
 * title.c - see title.h.
 */
#include <string.h>

#include "text/title.h"
#include "base/util.h"

/* Word count of s, and whether every word looks like part of a name. */
static int
site_like(const char *s, size_t n, size_t *words)
{
	size_t i;
	int start = 1, ok = 1;
	unsigned char ch;

	*words = 0;
	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if (ch == ' ') {
			start = 1;
			continue;
		}
		if (ch == '?' || ch == '!' || ch == ':' || ch == '"')
			ok = 0;
		if (start) {
			(*words)++;
			/* Name words start with a capital, digit or non-ASCII. */
			if (!(ch >= 'A' && ch <= 'Z') && !(ch >= '0' &&
			    ch <= '9') && ch < 0x80 && ch != '&' &&
			    !(n - i >= 2 && strncmp(s + i, "of", 2) == 0) &&
			    !(n - i >= 3 && strncmp(s + i, "the", 3) == 0) &&
			    !(n - i >= 2 && strncmp(s + i, "de", 2) == 0))
				ok = 0;
		}
		start = 0;
	}
	return ok;
}

/*
 * Cut a trailing site name.  After " | " (and " :: ", " · ") a short tail
 * always is one; after a dash only when the tail reads like a name, since
 * headlines use dashes too ("Gas prices rise - and keep rising").
 */
size_t
title_site(const char *s, size_t n)
{
	static const struct {
		const char	*sep;
		int		 strong;
	} seps[] = {
		{" | ", 1}, {" :: ", 1}, {" \xc2\xb7 ", 1}, {" - ", 0},
		{" \xe2\x80\x93 ", 0}, {" \xe2\x80\x94 ", 0},
	};
	const char *best = NULL, *p, *tail;
	size_t i, k, sl = 0, words, headwords;
	int strong = 0;

	for (i = 0; i < NELEM(seps); i++) {
		k = strlen(seps[i].sep);
		for (p = s; (p = memmem(p, n - (size_t)(p - s), seps[i].sep,
		    k)) != NULL; p++)
			if (best == NULL || p > best) {
				best = p;
				sl = k;
				strong = seps[i].strong;
			}
	}
	if (best == NULL)
		return n;
	tail = best + sl;
	site_like(s, (size_t)(best - s), &headwords);
	if (headwords < 2)
		return n;
	if (strong) {
		site_like(tail, n - (size_t)(tail - s), &words);
		return words <= 6 ? (size_t)(best - s) : n;
	}
	if (site_like(tail, n - (size_t)(tail - s), &words) && words <= 4 &&
	    headwords >= 3)
		return (size_t)(best - s);
	return n;
}
