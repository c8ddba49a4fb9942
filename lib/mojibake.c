/*
 * mojibake.c - see mojibake.h.  (First cut: no repair yet.)
 */
#include <string.h>

#include "mojibake.h"

bool
mojibake_maybe(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

bool
mojibake_fix(const char *s, size_t n, struct buf *out)
{
	buf_add(out, s, n);
	return false;
}
