/*
 * removal.c - see removal.h.
 */
#include <string.h>

#include "text/removal.h"
#include "base/json.h"

void
removal_json(const struct removal *rm, size_t n, struct buf *out)
{
	size_t i;

	buf_addc(out, '[');
	for (i = 0; i < n; i++) {
		buf_adds(out, i ? ",{\"rule\":" : "{\"rule\":");
		json_encode_string(out, rm[i].rule, strlen(rm[i].rule));
		buf_adds(out, ",\"category\":");
		json_encode_string(out, rm[i].category,
		    strlen(rm[i].category));
		buf_adds(out, ",\"text\":");
		json_encode_string(out, rm[i].text, rm[i].len);
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
}
