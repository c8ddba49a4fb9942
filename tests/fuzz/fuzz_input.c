/*
 * fuzz_input.c - the input reader (lib/io/input.c) on a file holding the fuzz
 * bytes: plain, gzip-compressed (one member or two), truncated, followed by
 * garbage, or arbitrary bytes behind a gzip magic number.
 *
 * The first byte picks the case, the rest is the content.  Properties: the
 * lines come back exactly as the line model in fuzz.h says (a "\r" before
 * the "\n" and a BOM in front dropped, an over-long line reported and
 * spilled byte for byte, or cut to the limit),
 * the line number counts them, and a damaged gzip stream returns only
 * complete lines before its error.
 */
#include <stdbool.h>
#include <stdint.h>
#include <zlib.h>

#include "fuzz.h"
#include "io/input.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

enum { PLAIN, GZIP, GZIP2, RAWGZ };

static struct memfile file;
static struct buf spilled;	/* an over-long line is spilled here */

static void
spill(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
}

/* Append data as one gzip member to out. */
static void
gzip_member(struct buf *out, const char *p, size_t n, int level)
{
	z_stream z;
	unsigned char tmp[65536];
	int zr;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		errx(1, "deflateInit2");
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		zr = deflate(&z, Z_FINISH);
		buf_add(out, tmp, sizeof(tmp) - z.avail_out);
	} while (zr == Z_OK);
	FUZZ_ASSERT(zr == Z_STREAM_END);
	deflateEnd(&z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t maxlens[4] = { 0, 1, 16, 100 };
	static struct buf content = BUF_INIT, file_bytes = BUF_INIT;
	const char *line, *want = NULL;
	size_t len, wantlen = 0, pos, maxlen, cut, i;
	unsigned long n = 0;
	int mode, st;
	bool gz, trunc, garbage, spilling, exact, cutting;
	struct input *in;

	if (size == 0)
		return 0;
	if (file.path[0] == '\0')
		memfile_open(&file, "fuzz_input");
	mode = data[0] & 3;
	gz = mode == GZIP || mode == GZIP2;
	trunc = gz && (data[0] & 4);
	/* Garbage after a cut member would be inflated as its data. */
	garbage = gz && !trunc && (data[0] & 8);
	maxlen = maxlens[(data[0] >> 4) & 3];
	spilling = data[0] & 64;
	/* Half of the spills are cut to the limit, as --rejects does. */
	cutting = spilling && (data[0] & 128);
	data++, size--;

	/*
	 * With the top two bits set, gzip content is repeated past the 256K
	 * chunk of the reader, so lines cross chunks.
	 */
	buf_reset(&content);
	buf_reset(&file_bytes);
	buf_add(&content, data, size);
	if ((data[-1] & 0xC0) == 0xC0 && gz && size > 0)
		while (content.len < 300 * 1024)
			buf_add(&content, data, size);

	switch (mode) {
	case PLAIN:
		buf_add(&file_bytes, content.s, content.len);
		break;
	case GZIP:
		gzip_member(&file_bytes, buf_cstr(&content), content.len,
		    content.len > 4096 ? 1 : 6);
		break;
	case GZIP2:
		cut = content.len / 2;
		gzip_member(&file_bytes, buf_cstr(&content), cut, 1);
		gzip_member(&file_bytes, buf_cstr(&content) + cut,
		    content.len - cut, 9);
		break;
	case RAWGZ:
		buf_add(&file_bytes, "\x1f\x8b", 2);
		buf_add(&file_bytes, content.s, content.len);
		break;
	}
	if (trunc)
		buf_truncate(&file_bytes, file_bytes.len -
		    1 - (size > 0 ? data[0] % 16 : 0));
	if (garbage)
		buf_adds(&file_bytes, "garbage\n");
	memfile_set(&file, file_bytes.s, file_bytes.len);

	/* Plain content that happens to start like gzip is read as gzip. */
	exact = gz || (mode == PLAIN &&
	    !(content.len >= 2 && memcmp(content.s, "\x1f\x8b", 2) == 0));
	FUZZ_ASSERT((in = input_open(file.path, maxlen)) != NULL);
	if (mode == PLAIN && model_refused(buf_cstr(&content), content.len)) {
		FUZZ_ASSERT(input_getline(in, &line, &len) == INPUT_ERROR);
		FUZZ_ASSERT(strstr(input_error(in), "not supported") != NULL);
		input_close(in);
		return 0;
	}
	pos = 0;
	while ((st = input_getline(in, &line, &len)) == INPUT_LINE ||
	    st == INPUT_TOOLONG) {
		n++;
		FUZZ_ASSERT(input_lineno(in) == n);
		if (exact) {
			FUZZ_ASSERT(model_next(buf_cstr(&content),
			    content.len, &pos, &want, &wantlen));
			if (st == INPUT_TOOLONG)
				FUZZ_ASSERT(wantlen > (maxlen ? maxlen :
				    INPUT_MAX_RECORD_DEFAULT));
		}
		if (st == INPUT_TOOLONG) {
			buf_reset(&spilled);
			if (input_spill(in, cutting ? (maxlen ? maxlen :
			    INPUT_MAX_RECORD_DEFAULT) : SIZE_MAX,
			    spilling ? spill : NULL, &spilled) < 0) {
				st = INPUT_ERROR;
				break;
			}
			if (spilling && exact) {
				if (cutting && wantlen > maxlen)
					wantlen = maxlen;
				FUZZ_ASSERT(spilled.len == wantlen + 1 &&
				    memcmp(spilled.s, want, wantlen) == 0 &&
				    spilled.s[wantlen] == '\n');
			}
			if (!spilling)
				FUZZ_ASSERT(spilled.len == 0);
			continue;
		}
		FUZZ_ASSERT(maxlen == 0 || len <= maxlen);
		if (exact) {
			if (wantlen > 0 && want[wantlen - 1] == '\r')
				wantlen--;
			model_bom(&want, &wantlen);
			FUZZ_ASSERT(len == wantlen &&
			    memcmp(line, want, len) == 0);
		}
	}
	if (exact && !trunc) {
		FUZZ_ASSERT(st == INPUT_EOF);
		FUZZ_ASSERT(!model_next(buf_cstr(&content), content.len, &pos,
		    &want, &wantlen));
		FUZZ_ASSERT(input_bytes(in) == content.len);
		if (garbage)
			FUZZ_ASSERT(input_error(in) != NULL);
		else
			FUZZ_ASSERT(input_error(in) == NULL);
	}
	if (trunc)
		FUZZ_ASSERT(st == INPUT_ERROR && input_error(in) != NULL);
	if (st == INPUT_ERROR)
		FUZZ_ASSERT(input_error(in) != NULL);
	/* After an error or the end, reading on changes nothing. */
	i = input_lineno(in);
	FUZZ_ASSERT(input_getline(in, &line, &len) == (st == INPUT_ERROR ?
	    INPUT_ERROR : INPUT_EOF));
	FUZZ_ASSERT(input_lineno(in) == i);
	input_close(in);
	return 0;
}
