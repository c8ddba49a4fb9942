/*
 * fuzz_record.c - the record reader on arbitrary bytes.
 *
 * Properties: record_parse never reads outside the line and either fails
 * with a message and a position inside it, or gives a record that
 * record_write turns into one line that parses back to the same fields
 * (parse(write(parse(x))) == parse(x)); every decoded string is valid UTF-8
 * without NUL and survives json_encode_string / json_decode_string; the
 * JSON scanner on any value stays inside the bytes it was given.
 */
#include <stdint.h>

#include "fuzz.h"
#include "base/json.h"
#include "io/record.h"
#include "base/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static bool
same_records(const struct record *a, const struct record *b)
{
	const char *x, *y;
	size_t i, xn, yn;
	enum json_type xt, yt;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		x = record_key(a, i, &xn);
		y = record_key(b, i, &yn);
		if (xn != yn || memcmp(x, y, xn) != 0)
			return false;
		x = record_value(a, i, &xn, &xt);
		y = record_value(b, i, &yn, &yt);
		if (xt != yt || xn != yn || memcmp(x, y, xn) != 0)
			return false;
	}
	return true;
}

/* A decoded string is clean UTF-8 and encodes back to the same bytes. */
static void
check_string(const char *s, size_t n)
{
	struct buf enc = BUF_INIT, dec = BUF_INIT;
	enum json_type t;
	const char *msg;
	size_t pos = 0;

	FUZZ_ASSERT(utf8_valid(s, n));
	FUZZ_ASSERT(memchr(s, '\0', n) == NULL);
	json_encode_string(&enc, s, n);
	FUZZ_ASSERT(json_skip_value(enc.s, enc.len, &pos, &t, &msg) == 0);
	FUZZ_ASSERT(pos == enc.len && t == JSON_STRING);
	FUZZ_ASSERT(json_decode_string(enc.s, enc.len, &dec, &msg) == 0);
	FUZZ_ASSERT(dec.len == n && memcmp(buf_cstr(&dec), s, n) == 0);
	buf_free(&enc);
	buf_free(&dec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct record r = RECORD_INIT, r2 = RECORD_INIT;
	const char *s = (const char *)data, *msg = NULL, *v, *name;
	struct buf out = BUF_INIT, out2 = BUF_INIT;
	enum json_type t;
	size_t pos = 0, errpos = 0, i, vn;

	/* Any JSON value: the scanner stays inside the bytes. */
	if (json_skip_value(s, size, &pos, &t, &msg) == 0)
		FUZZ_ASSERT(pos <= size);
	else
		FUZZ_ASSERT(pos <= size && msg != NULL);

	/* Any bytes as a string value, encoded and scanned back. */
	if (utf8_valid(s, size) && memchr(s, '\0', size) == NULL)
		check_string(s, size);

	/* The tools hand record_parse one line, never a "\n". */
	if ((v = memchr(s, '\n', size)) != NULL)
		size = (size_t)(v - s);
	msg = NULL;
	if (record_parse(&r, s, size, &msg, &errpos) < 0) {
		FUZZ_ASSERT(msg != NULL && errpos <= size);
		return 0;
	}
	for (i = 0; i < r.n; i++) {
		name = record_key(&r, i, &vn);
		check_string(name, vn);
		(void)record_value(&r, i, &vn, &t);
		if (t == JSON_STRING) {
			FUZZ_ASSERT(record_get(&r, name, &v, &vn) == 1);
			check_string(v, vn);
		}
	}
	(void)record_check_types(&r, &name);
	if (record_get(&r, "text", &v, &vn) == 1)
		FUZZ_ASSERT(strlen(v) == vn);

	/* parse(write(parse(x))) == parse(x), and writing is stable. */
	record_write(&r, &out);
	FUZZ_ASSERT(out.len > 0 && out.s[out.len - 1] == '\n');
	FUZZ_ASSERT(memchr(out.s, '\n', out.len - 1) == NULL);
	FUZZ_ASSERT(record_parse(&r2, out.s, out.len - 1, &msg, &errpos) == 0);
	FUZZ_ASSERT(same_records(&r, &r2));
	record_write(&r2, &out2);
	FUZZ_ASSERT(out.len == out2.len && memcmp(out.s, out2.s, out.len) == 0);

	/* Setting a field from its own decoded value changes nothing. */
	record_copy(&r2, &r);
	if (record_get(&r2, "text", &v, &vn) == 1) {
		record_set(&r2, "text", v, vn);
		buf_reset(&out2);
		record_write(&r2, &out2);
		FUZZ_ASSERT(record_parse(&r2, out2.s, out2.len - 1, &msg,
		    &errpos) == 0);
		FUZZ_ASSERT(record_get(&r2, "text", &v, &vn) == 1);
		FUZZ_ASSERT(record_get(&r, "text", &name, &pos) == 1);
		FUZZ_ASSERT(vn == pos && memcmp(v, name, vn) == 0);
	}
	record_del(&r2, "id");
	record_set_int(&r2, "par", -1);
	FUZZ_ASSERT(record_raw(&r2, "id", NULL, NULL, NULL) == 0);

	buf_free(&out);
	buf_free(&out2);
	return 0;
}
