/*
 * fuzz_web.c - one web page through everything artsplit does to it
 * (lib/split: charset, dom, jsonld, webmeta, extract, page), with
 * --explain's notes of what the extraction left out.
 *
 * The first byte picks a charset for the "HTTP header" (none, UTF-8,
 * windows-1252, Shift_JIS, an unknown one); the rest is the page.
 * Properties: nothing crashes, leaks or reads out of bounds (the
 * sanitizers); every field written is valid UTF-8 without NUL bytes;
 * the text never begins or ends with white space and its blocks are
 * separated by exactly one blank line.
 */
#include <stdint.h>

#include "base/json.h"
#include "base/utf8.h"
#include "io/record.h"
#include "split/page.h"
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct page *pg;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const charsets[] = {
		NULL, "utf-8", "windows-1252", "Shift_JIS", "x-unknown"
	};
	static const char *const fields[] = {
		"url", "date", "title", "byline", "source", "lang", "text"
	};
	struct page_source src;
	struct page_report rep;
	struct record rec = { 0 };
	const char *s, *err;
	enum json_type type;
	size_t n, i;

	if (size == 0)
		return 0;
	if (pg == NULL)
		pg = page_new(true);
	memset(&src, 0, sizeof(src));
	src.charset = charsets[data[0] % 5];
	page_fields(pg, (const char *)data + 1, size - 1, &src, &rec, &rep);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (record_get(&rec, fields[i], &s, &n) != 1)
			continue;
		FUZZ_ASSERT(utf8_valid(s, n));
		FUZZ_ASSERT(memchr(s, '\0', n) == NULL);
	}
	/* --explain's notes, spliced when the articleBody is the text */
	FUZZ_ASSERT(record_raw(&rec, "left_out", &s, &n, NULL) == 1);
	i = 0;
	FUZZ_ASSERT(json_skip_value(s, n, &i, &type, &err) == 0 &&
	    type == JSON_ARRAY && i == n);
	FUZZ_ASSERT(record_get(&rec, "text", &s, &n) == 1);
	if (n > 0) {
		FUZZ_ASSERT(s[0] != ' ' && s[0] != '\n' && s[n - 1] != ' ' &&
		    s[n - 1] != '\n');
		FUZZ_ASSERT(memmem(s, n, "\n\n\n", 3) == NULL);
	}
	record_free(&rec);
	return 0;
}
