/*
 * fuzz_warc.c - WARC records and the HTTP responses in them
 * (lib/split/warc.c, http.c), from a file in memory read through the
 * input layer as artsplit reads it.
 *
 * Properties: the reader ends (every call consumes input or ends);
 * record numbers count up from 1; a kept block is never longer than the
 * limit, nor longer than its Content-Length; a decoded body is never
 * longer than its limit.
 */
#include <stdint.h>

#include "io/input.h"
#include "split/http.h"
#include "split/warc.h"
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define LIMIT	4096

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct warc_record r;
	struct http_response h;
	struct input *in;
	struct warc *w;
	static struct memfile mf;
	unsigned long n = 0;
	int st, loops = 0;

	if (mf.path[0] == '\0')
		memfile_open(&mf, "warc");
	memfile_set(&mf, data, size);
	if ((in = input_open(mf.path, 1 << 16)) == NULL)
		return 0;
	w = warc_open(in, LIMIT);
	warc_record_init(&r);
	http_init(&h);
	while ((st = warc_next(w, &r)) != WARC_EOF && st != WARC_ERROR) {
		FUZZ_ASSERT(++loops <= (int)size + 1);
		FUZZ_ASSERT(r.n == ++n);
		if (st != WARC_OK)
			continue;
		FUZZ_ASSERT(r.block.len <= LIMIT && r.block.len <= r.length);
		if (http_parse(&h, r.block.s ? r.block.s : "", r.block.len,
		    1000) == 0)
			FUZZ_ASSERT(h.body.len <= 1000);
	}
	if (st == WARC_ERROR)
		FUZZ_ASSERT(warc_error(w)[0] != '\0');
	http_free(&h);
	warc_record_free(&r);
	warc_close(w);
	input_close(in);
	return 0;
}
