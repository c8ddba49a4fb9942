/*
 * fuzz_date.c - the date parser (lib/split/date.c) on arbitrary text.
 *
 * Properties: it reads only the bytes it is given; what it claims to have
 * used lies inside them; a failure leaves the buffer as it was; and the
 * ISO 8601 text it writes is a date it parses back to itself, whole.
 */
#include <stdint.h>

#include "split/date.h"
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static bool
digits(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* YYYY-MM-DD, then nothing or THH:MM:SS, then nothing, Z or +HH:MM. */
static bool
iso_form(const char *s, size_t n)
{
	if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return false;
	if (n == 10)
		return true;
	if (n < 19 || s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
		return false;
	if (n == 19)
		return true;
	if (n == 20)
		return s[19] == 'Z';
	return n == 25 && (s[19] == '+' || s[19] == '-') &&
	    digits(s + 20, 2) && s[22] == ':' && digits(s + 23, 2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf iso = BUF_INIT, again = BUF_INIT;
	const char *s = (const char *)data;
	enum date_result r;
	size_t used = (size_t)-1, used2;

	buf_adds(&iso, "<");
	r = date_parse(s, size, &iso, &used);
	switch (r) {
	case DATE_NONE:
		FUZZ_ASSERT(iso.len == 1);
		break;
	case DATE_AMBIGUOUS:
		FUZZ_ASSERT(iso.len == 1 && used > 0 && used <= size);
		break;
	case DATE_OK:
		FUZZ_ASSERT(used > 0 && used <= size);
		FUZZ_ASSERT(iso_form(iso.s + 1, iso.len - 1));
		FUZZ_ASSERT(date_parse(iso.s + 1, iso.len - 1, &again,
		    &used2) == DATE_OK);
		FUZZ_ASSERT(used2 == iso.len - 1);
		FUZZ_ASSERT(again.len == iso.len - 1 &&
		    memcmp(again.s, iso.s + 1, again.len) == 0);
		break;
	default:
		FUZZ_ASSERT(!"unknown result");
	}
	buf_free(&iso);
	buf_free(&again);
	return 0;
}
