/*
 * offsets.c - see offsets.h.
 */
#include "sent/offsets.h"
#include "base/utf8.h"

void
offsets_init(struct offsets *o, const char *text, size_t len)
{
	o->text = text;
	o->len = len;
	o->byte = 0;
	o->cp = 0;
}

size_t
offsets_cp(struct offsets *o, size_t byte)
{
	if (byte > o->len)
		byte = o->len;
	if (byte < o->byte)
		o->byte = o->cp = 0;
	o->cp += utf8_count(o->text + o->byte, byte - o->byte);
	o->byte = byte;
	return o->cp;
}
