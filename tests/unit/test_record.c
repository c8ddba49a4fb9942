/*
 * Unit tests for lib/base/json.c and lib/io/record.c: strict parsing, byte-exact
 * pass-through of unknown fields, and the errors bad lines get.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "base/json.h"
#include "base/utf8.h"
#include "base/util.h"
#include "io/record.h"

static struct record r = RECORD_INIT;

static int
parse(const char *line, const char **msg)
{
	size_t pos;

	*msg = NULL;
	return record_parse(&r, line, strlen(line), msg, &pos);
}

/* Parse line and write it back; compare with want. */
static void
roundtrip(const char *line, const char *want)
{
	struct buf out = BUF_INIT;
	const char *msg;

	CHECK(parse(line, &msg) == 0);
	record_write(&r, &out);
	CHECK_STR(out.s, want);
	buf_free(&out);
}

static void
test_passthrough(void)
{
	/* Numbers, nesting, escapes and key order survive byte for byte. */
	roundtrip("{\"id\":\"a\",\"n\":1.50,\"x\":[1, {\"y\": null}],\"u\":\"\\u00e9\"}",
	    "{\"id\":\"a\",\"n\":1.50,\"x\":[1, {\"y\": null}],\"u\":\"\\u00e9\"}\n");
	roundtrip("  { \"text\" : \"a\\nb\" , \"z\":true }  ",
	    "{\"text\":\"a\\nb\",\"z\":true}\n");
	roundtrip("{}", "{}\n");
}

static void
test_get_set(void)
{
	struct buf out = BUF_INIT;
	const char *s, *msg;
	size_t n;

	CHECK(parse("{\"id\":\"x1\",\"text\":\"caf\\u00e9 \\\"q\\\" \\ud83d\\ude00\",\"n\":5,\"t\":null}", &msg) == 0);
	CHECK(record_get(&r, "text", &s, &n) == 1);
	CHECK_MEM(s, n, "caf\xc3\xa9 \"q\" \xf0\x9f\x98\x80");
	CHECK(record_get(&r, "n", &s, &n) == -1);
	CHECK(record_get(&r, "t", &s, &n) == 0);
	CHECK(record_get(&r, "missing", &s, &n) == 0);
	record_set(&r, "text", "new\ttext", 8);
	record_set(&r, "added", "\x01", 1);
	record_set_int(&r, "par", 3);
	record_set_int(&r, "neg", -1234567890123LL);
	CHECK(record_raw(&r, "neg", &s, &n, NULL) == 1);
	CHECK_STR(s, "-1234567890123");
	record_set_int(&r, "neg", 0);
	CHECK(record_raw(&r, "neg", &s, &n, NULL) == 1);
	CHECK_STR(s, "0");
	record_del(&r, "neg");
	record_del(&r, "n");
	record_write(&r, &out);
	CHECK_STR(out.s, "{\"id\":\"x1\",\"text\":\"new\\ttext\",\"t\":null,"
	    "\"added\":\"\\u0001\",\"par\":3}\n");
	/* Setting a field from its own value must not read freed memory. */
	CHECK(record_get(&r, "text", &s, &n) == 1);
	record_set(&r, "text", s + 4, n - 4);
	CHECK(record_get(&r, "text", &s, &n) == 1);
	CHECK_MEM(s, n, "text");
	buf_free(&out);
}

static void
test_errors(void)
{
	const char *msg;

	CHECK(parse("[1,2]", &msg) < 0 && strcmp(msg, "not a JSON object") == 0);
	CHECK(parse("{\"a\":1,}", &msg) < 0 && strcmp(msg, "trailing comma") == 0);
	CHECK(parse("{\"a\":1} x", &msg) < 0);
	CHECK(parse("{\"a\":01}", &msg) < 0);
	CHECK(parse("{\"a\":\"\\ud800\"}", &msg) < 0 &&
	    strcmp(msg, "lone surrogate escape in string") == 0);
	CHECK(parse("{\"a\":\"\\u0000\"}", &msg) < 0);
	CHECK(parse("{\"a\":\"\xc0\xaf\"}", &msg) < 0 &&
	    strcmp(msg, "invalid UTF-8 in string") == 0);
	CHECK(parse("{\"a\":\"x\ty\"}", &msg) < 0);
	CHECK(parse("{\"a\":1,\"a\":2}", &msg) < 0 &&
	    strcmp(msg, "duplicate key in JSON object") == 0);
	CHECK(parse("{\"a\":\"unterminated}", &msg) < 0);
	CHECK(parse("{\"a\" 1}", &msg) < 0);
	CHECK(parse("{\"a\":tru}", &msg) < 0);
}

static void
test_depth_and_many_keys(void)
{
	struct buf b = BUF_INIT;
	const char *msg;
	int i;

	buf_adds(&b, "{\"a\":");
	for (i = 0; i < 300; i++)
		buf_addc(&b, '[');
	for (i = 0; i < 300; i++)
		buf_addc(&b, ']');
	buf_addc(&b, '}');
	CHECK(parse(b.s, &msg) < 0 && strcmp(msg, "JSON nested too deeply") == 0);
	/* 1000 distinct keys parse; one repeated key among them is caught. */
	buf_reset(&b);
	buf_addc(&b, '{');
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i, i);
	buf_addc(&b, '}');
	CHECK(parse(b.s, &msg) == 0 && r.n == 1000);
	buf_truncate(&b, b.len - 1);
	buf_adds(&b, ",\"k500\":1}");
	CHECK(parse(b.s, &msg) < 0);
	buf_free(&b);
}

/*
 * A field whose string holds escaped quotes and runs of backslashes comes
 * out whole: its end is the first quote after an even number of them.
 */
static void
test_escaped_fields(void)
{
	const char *msg, *s;
	size_t n;

	CHECK(parse("{\"t\": \"say \\\"hi\\\\\", \"u\": \"\\\\\"}", &msg) == 0);
	CHECK(record_get(&r, "t", &s, &n) == 1 && strcmp(s, "say \"hi\\") == 0);
	CHECK(record_get(&r, "u", &s, &n) == 1 && strcmp(s, "\\") == 0);
}

/* Are the four bytes at s hex digits?  (s need not end with a NUL.) */
static int
hex4_at(const char *s)
{
	int k;

	for (k = 0; k < 4; k++)
		if (!isxdigit((unsigned char)s[k]))
			return 0;
	return 1;
}

/*
 * A plain reading of a JSON string literal at s[0] (a quote), a byte at
 * a time, as RFC 8259 and artkit's refusals (NUL, lone surrogates) say:
 * 0 with *at past its closing quote, or -1 with *at where it goes wrong
 * (n when it never ends).
 */
static int
plain_string(const char *s, size_t n, size_t *at)
{
	size_t i = 1;
	unsigned long u, lo;
	char hex[5] = "";
	int32_t cp;
	unsigned char c;

	while (i < n) {
		c = (unsigned char)s[i];
		if (c == '"') {
			*at = i + 1;
			return 0;
		}
		*at = i;
		if (c < 0x20)
			return -1;
		if (c >= 0x80) {
			i += (size_t)utf8_decode(s + i, n - i, &cp);
			if (cp < 0)
				return -1;
			continue;
		}
		if (c != '\\') {
			i++;
			continue;
		}
		if (i + 1 >= n)
			return -1;
		if (s[i + 1] != '\0' &&
		    strchr("\"\\/bfnrt", s[i + 1]) != NULL) {
			i += 2;
			continue;
		}
		if (s[i + 1] != 'u' || i + 6 > n || !hex4_at(s + i + 2))
			return -1;
		memcpy(hex, s + i + 2, 4);
		u = strtoul(hex, NULL, 16);
		if (u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
			return -1;
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 12 > n || s[i + 6] != '\\' || s[i + 7] != 'u' ||
			    !hex4_at(s + i + 8))
				return -1;
			memcpy(hex, s + i + 8, 4);
			lo = strtoul(hex, NULL, 16);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return -1;
			i += 6;
		}
		i += 6;
	}
	*at = n;
	return -1;
}

/*
 * json_skip_value on random string literals against plain_string: the
 * same verdict at the same byte.  The literals hold every kind of byte
 * and sequence (controls, DEL, good and bad escapes, UTF-8 good, cut
 * short, overlong, surrogate or beyond U+10FFFF, lone continuation
 * bytes) after 0 to 15 letters, so that each falls at every place of a
 * block of 16, and are read from a copy of exactly their bytes.
 */
static void
test_strings(void)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\x7f", "\x1f", "\x01", "\t", "\"", "\\n",
		"\\\"", "\\\\", "\\/", "\\x", "\\", "\\u00e9", "\\u0000",
		"\\ud800", "\\ud800\\udc00", "\\udc00", "\\u12G4", "\\uD83D",
		"\xc3\xa9", "\xc3", "\xe2\x80\x9c", "\xe2\x80", "\xed\xa0\x80",
		"\xe0\x80\xaf", "\xe0\xa4\x85", "\xf0\x9f\x98\x80",
		"\xf4\x90\x80\x80", "\x80", "\xc0\xaf", "\xff", "\xdf\xbf"
	};
	struct buf b = BUF_INIT;
	enum json_type t;
	const char *msg;
	char *exact;
	size_t i, k, p1, p2;
	int r1, r2, wrong = 0, ok = 0;

	for (i = 0; i < 100000; i++) {
		buf_reset(&b);
		buf_addc(&b, '"');
		for (k = unit_rnd(16); k > 0; k--)
			buf_addc(&b, 'a');
		for (k = unit_rnd(6); k > 0; k--)
			buf_adds(&b, pieces[unit_rnd(NELEM(pieces))]);
		for (k = unit_rnd(20); k > 0; k--)
			buf_addc(&b, 'b');
		if (unit_rnd(8) != 0)
			buf_addc(&b, '"');
		exact = xmalloc(b.len);
		memcpy(exact, b.s, b.len);
		p1 = 0;
		r1 = json_skip_value(exact, b.len, &p1, &t, &msg);
		r2 = plain_string(exact, b.len, &p2);
		ok += r2 == 0;
		if ((r1 != r2 || p1 != p2) && wrong++ < 5)
			fprintf(stderr, "strings: %d at %zu, want %d at %zu\n",
			    r1, p1, r2, p2);
		free(exact);
	}
	CHECK(wrong == 0);
	CHECK(ok > 10000 && ok < 90000);
	buf_free(&b);
}

/* A string literal of up to max - 1 pieces drawn from piece[n]. */
static void random_literal(struct buf *, const char *const *, size_t,
    unsigned);

struct seen {
	struct json_member	 m[8];
	size_t			 n;
};

static void
note_member(void *arg, const struct json_member *m)
{
	struct seen *w = arg;

	if (w->n < NELEM(w->m))
		w->m[w->n] = *m;
	w->n++;
}

/*
 * json_scan_object reports each member of a random object (keys and
 * values of every escape, nested values, white space) where a walk with
 * json_skip_value finds it, with the facts
 * json_string_canonical and a look for a backslash give; and on the
 * same objects cut short or with a byte changed, it fails and succeeds
 * as json_skip_value does, at the same byte with the same message.
 */
static void
test_scan_object(void)
{
	static const char *const pieces[] = {
		"a", " ", "\xc3\xa9", "/", "\\\"", "\\\\", "\\n", "\\/",
		"\\u0001", "\\u001F", "\\u000a", "\\u00e9", "\\ud83d\\ude00"
	};
	static const char *const other[] = {
		"1", "-0.5e3", "true", "null", "[]", "[\"}\", {\"a\": [1]}]",
		"{\"x\": \"\\u0041\"}"
	};
	static const char *const ws[] = { "", " ", "\n\t" };
	static const char junk[] = "{}[]\":,\\ a0\x01\xc3";
	struct buf b = BUF_INIT, lit = BUF_INIT;
	struct seen w;
	const char *m1, *m2;
	enum json_type t;
	size_t i, k, nm, p1, p2, at, kend;
	int r1, r2, wrong = 0, fails = 0;

	for (i = 0; i < 20000; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s{", ws[unit_rnd(3)]);
		nm = unit_rnd(5);
		for (k = 0; k < nm; k++) {
			random_literal(&lit, pieces, NELEM(pieces), 4);
			buf_printf(&b, "%s%s%s%s:%s", k ? "," : "",
			    ws[unit_rnd(3)], lit.s, ws[unit_rnd(3)],
			    ws[unit_rnd(3)]);
			if (unit_rnd(2))
				random_literal(&lit, pieces, NELEM(pieces), 8);
			else {
				buf_reset(&lit);
				buf_adds(&lit, other[unit_rnd(NELEM(other))]);
			}
			buf_printf(&b, "%s%s", lit.s, ws[unit_rnd(3)]);
		}
		buf_printf(&b, "}%s", ws[unit_rnd(3)]);
		/* the walk json_scan_object replaces */
		w.n = 0;
		p1 = 0;
		if (json_scan_object(b.s, b.len, &p1, note_member, &w,
		    &m1) != 0 || w.n != nm) {
			wrong++;
			continue;
		}
		for (p2 = 0; b.s[p2] != '{'; p2++)
			;
		for (p2++, k = 0; k < nm; k++) {
			while (strchr(" \t\n,", b.s[p2]) != NULL)
				p2++;
			at = p2;
			json_skip_value(b.s, b.len, &p2, &t, &m2);
			kend = p2;
			while (b.s[p2] != ':')
				p2++;
			for (p2++; strchr(" \t\n", b.s[p2]) != NULL; p2++)
				;
			if (w.m[k].key != at || w.m[k].keylen != kend - at ||
			    w.m[k].key_escaped != (memchr(b.s + at, '\\',
			    kend - at) != NULL) || w.m[k].val != p2)
				wrong++;
			at = p2;
			json_skip_value(b.s, b.len, &p2, &t, &m2);
			if (w.m[k].vallen != p2 - at || w.m[k].type != t ||
			    w.m[k].canonical != (t == JSON_STRING &&
			    json_string_canonical(b.s + at, p2 - at)))
				wrong++;
		}
		/* broken: the same answer as json_skip_value's */
		if (unit_rnd(2))
			buf_truncate(&b, unit_rnd((unsigned)b.len));
		else
			b.s[unit_rnd((unsigned)b.len)] =
			    junk[unit_rnd(sizeof(junk) - 1)];
		for (p1 = 0; p1 < b.len && strchr(" \t\n", b.s[p1]); p1++)
			;
		if (p1 >= b.len || b.s[p1] != '{')
			continue;
		p1 = p2 = 0;
		m1 = m2 = NULL;
		r1 = json_scan_object(b.s, b.len, &p1, note_member, &w, &m1);
		r2 = json_skip_value(b.s, b.len, &p2, &t, &m2);
		fails += r2 != 0;
		if (r1 != r2 || p1 != p2 || (r1 != 0 && strcmp(m1, m2) != 0))
			if (wrong++ < 5)
				fprintf(stderr, "scan_object: %s\n", b.s);
	}
	CHECK(wrong == 0);
	CHECK(fails > 2000);
	/* not an object */
	p1 = 0;
	CHECK(json_scan_object(" [1]", 4, &p1, note_member, &w, &m1) == -1 &&
	    strcmp(m1, "not a JSON object") == 0);
	buf_free(&b);
	buf_free(&lit);
}

/* A string literal of up to max - 1 pieces drawn from piece[n]. */
static void
random_literal(struct buf *b, const char *const *piece, size_t n,
    unsigned max)
{
	unsigned k;

	buf_reset(b);
	buf_addc(b, '"');
	for (k = unit_rnd(max); k > 0; k--)
		buf_adds(b, piece[unit_rnd((unsigned)n)]);
	buf_addc(b, '"');
}

/*
 * json_string_canonical says whether encoding the decoded string gives
 * the literal back: checked against that on random literals of every
 * escape, and record_set of an unchanged value keeps a canonical literal
 * but writes a non-canonical one as json_encode_string does.
 */
static void
test_canonical(void)
{
	static const char *const pieces[] = {
		"a", " ", "\xc3\xa9", "/", "\\\"", "\\\\", "\\n", "\\t",
		"\\r", "\\b", "\\f", "\\/", "\\u0001", "\\u001f", "\\u001F",
		"\\u000a", "\\u0009", "\\u0008", "\\u000c", "\\u000d",
		"\\u0020", "\\u00e9", "\\u0041", "\\u2028", "\\ud83d\\ude00",
		"\\u007f", "u00", "\x7f"
	};
	struct buf raw = BUF_INIT, dec = BUF_INIT, enc = BUF_INIT;
	struct buf out = BUF_INIT;
	const char *msg, *s;
	size_t i, n;
	int yes = 0, wrong = 0, same;

	for (i = 0; i < 50000; i++) {
		random_literal(&raw, pieces, NELEM(pieces), 6);
		buf_reset(&dec);
		if (json_decode_string(raw.s, raw.len, &dec, &msg) != 0)
			wrong++;
		buf_reset(&enc);
		json_encode_string(&enc, dec.s, dec.len);
		same = enc.len == raw.len && memcmp(enc.s, raw.s, raw.len) == 0;
		yes += same;
		if (json_string_canonical(raw.s, raw.len) != same &&
		    wrong++ < 5)
			fprintf(stderr, "canonical: %s: want %d\n", raw.s,
			    same);
		/*
		 * What the parser saw of the literal says the same:
		 * setting the value it has leaves the text as
		 * json_encode_string writes it.
		 */
		buf_reset(&out);
		buf_printf(&out, "{\"k\":1,\"a\":%s}", raw.s);
		if (parse(out.s, &msg) != 0 ||
		    record_get(&r, "a", &s, &n) != 1) {
			wrong++;
			continue;
		}
		record_set(&r, "a", dec.s, dec.len);
		if ((record_raw(&r, "a", &s, &n, NULL) != 1 ||
		    n != enc.len || memcmp(s, enc.s, n) != 0) && wrong++ < 5)
			fprintf(stderr, "record_set: %s\n", raw.s);
	}
	CHECK(wrong == 0);
	CHECK(yes > 5000 && yes < 45000);
	/* a raw value set over a canonical one is looked at afresh */
	CHECK(parse("{\"a\":\"x/y\"}", &msg) == 0);
	record_set_raw(&r, "a", "\"x\\/y\"", 6, JSON_STRING);
	CHECK(record_get(&r, "a", &s, &n) == 1 && strcmp(s, "x/y") == 0);
	record_set(&r, "a", "x/y", 3);
	CHECK(record_raw(&r, "a", &s, &n, NULL) == 1 && n == 5 &&
	    memcmp(s, "\"x/y\"", 5) == 0);
	buf_reset(&out);
	CHECK(parse("{\"a\":\"x\\/y\\u00e9\",\"b\":\"p\\u0001\\nq\"}",
	    &msg) == 0);
	CHECK(record_get(&r, "a", &s, &n) == 1);
	record_set(&r, "a", "x/y\xc3\xa9", 5);
	CHECK(record_get(&r, "b", &s, &n) == 1);
	record_set(&r, "b", "p\x01\nq", 4);
	record_write(&r, &out);
	CHECK_STR(out.s, "{\"a\":\"x/y\xc3\xa9\",\"b\":\"p\\u0001\\nq\"}\n");
	buf_free(&raw);
	buf_free(&dec);
	buf_free(&enc);
	buf_free(&out);
}

/*
 * json_encode_string and json_decode_string write into their buffer's
 * room directly: each is checked against a plain reading of RFC 8259
 * written here a byte at a time, on random strings of every kind of
 * byte (controls, quote, backslash, slash, DEL, UTF-8 of 2 to 4 bytes)
 * from 0 to 200 bytes long (escapes of 6 bytes outgrow the room
 * encoding reserves at its start), appended after what a buffer holds
 * already (a fresh one or one with room), and on random literals of every
 * escape.
 */
static void
plain_encode(struct buf *out, const unsigned char *s, size_t n)
{
	/* each byte written with a short escape, then the escape's letter */
	static const char named[] = "\"\"\\\\\nn\tt\rr\bb\ff";
	const char *e;
	size_t i;

	buf_addc(out, '"');
	for (i = 0; i < n; i++) {
		e = s[i] != '\0' ? strchr(named, s[i]) : NULL;
		if (e != NULL && (e - named) % 2 == 0)
			buf_printf(out, "\\%c", e[1]);
		else if (s[i] < 0x20)
			buf_printf(out, "\\u%04x", s[i]);
		else
			buf_addc(out, (char)s[i]);
	}
	buf_addc(out, '"');
}

static void
plain_decode(struct buf *out, const char *s, size_t n)
{
	static const char esc[] = "b\bf\fn\nr\rt\t\"\"\\\\//";
	const char *e;
	unsigned long cp, lo;
	char hex[5] = "";
	size_t i;

	for (i = 1; i + 1 < n; i++) {
		if (s[i] != '\\') {
			buf_addc(out, s[i]);
			continue;
		}
		if (s[i + 1] != 'u') {
			e = strchr(esc, s[i + 1]);
			buf_addc(out, e[1]);
			i++;
			continue;
		}
		memcpy(hex, s + i + 2, 4);
		cp = strtoul(hex, NULL, 16);
		i += 5;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			memcpy(hex, s + i + 3, 4);
			lo = strtoul(hex, NULL, 16);
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			i += 6;
		}
		utf8_add(out, (int32_t)cp);
	}
}

static void
test_codec(void)
{
	static const char *const bytes[] = {
		"a", "b", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
		"\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x80\x9c",
		"\xf0\x9f\x98\x80", "u", "0"
	};
	static const char *const escapes[] = {
		"a", "\xc3\xa9", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r",
		"\\b", "\\f", "\\u0001", "\\u001F", "\\u00e9", "\\u20AC",
		"\\u2028", "\\ud83d\\ude00", "\\uDBFF\\uDFFF", "\\u007f"
	};
	struct buf in = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
	struct buf back = BUF_INIT, fresh;
	const char *msg;
	char *exact;
	size_t i, len;
	int wrong = 0;

	for (i = 0; i < 30000; i++) {
		buf_reset(&in);
		len = unit_rnd(201);
		while (in.len < len)
			buf_adds(&in, bytes[unit_rnd(NELEM(bytes))]);
		buf_reset(&want);
		buf_adds(&want, "x:");
		plain_encode(&want, (const unsigned char *)in.s, in.len);
		/*
		 * after a prefix, in a fresh buffer and in one with room;
		 * read from a copy of exactly in.len bytes, so that ASan
		 * sees a read past the last byte (json.c reads blocks)
		 */
		exact = xmalloc(in.len > 0 ? in.len : 1);
		memcpy(exact, in.s, in.len);
		fresh = (struct buf)BUF_INIT;
		buf_adds(&fresh, "x:");
		json_encode_string(&fresh, exact, in.len);
		buf_reset(&got);
		buf_adds(&got, "x:");
		json_encode_string(&got, exact, in.len);
		free(exact);
		if ((got.len != want.len || memcmp(got.s, want.s, want.len) ||
		    got.s[got.len] != '\0' || fresh.len != want.len ||
		    memcmp(fresh.s, want.s, want.len)) && wrong++ < 5)
			fprintf(stderr, "encode: %s: want %s\n", got.s, want.s);
		buf_free(&fresh);
		buf_reset(&back);
		buf_adds(&back, "y");
		if (json_decode_string(got.s + 2, got.len - 2, &back,
		    &msg) != 0 || back.len != in.len + 1 ||
		    memcmp(back.s + 1, in.s, in.len) || back.s[back.len])
			wrong++;
	}
	for (i = 0; i < 30000; i++) {
		random_literal(&in, escapes, NELEM(escapes), 40);
		buf_reset(&want);
		buf_adds(&want, "z");
		plain_decode(&want, in.s, in.len);
		fresh = (struct buf)BUF_INIT;
		if (json_decode_string(in.s, in.len, &fresh, &msg) != 0 ||
		    fresh.len + 1 != want.len || (fresh.len > 0 &&
		    memcmp(fresh.s, want.s + 1, fresh.len)) ||
		    (fresh.s != NULL && fresh.s[fresh.len] != '\0'))
			if (wrong++ < 5)
				fprintf(stderr, "decode: %s\n", in.s);
		buf_free(&fresh);
	}
	CHECK(wrong == 0);
	/* NUL refused, what came before it kept and terminated */
	buf_reset(&back);
	CHECK(json_decode_string("\"ab\\u0000c\"", 11, &back, &msg) == -1);
	CHECK_STR(msg, "\\u0000 (NUL) in string");
	CHECK(back.len == 2 && strcmp(back.s, "ab") == 0);
	buf_free(&in);
	buf_free(&got);
	buf_free(&want);
	buf_free(&back);
}

static void
put_buf(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
}

/*
 * A value over RECORD_BIG: record_set keeps no decoded copy, record_get
 * decodes it again, and record_put writes what record_write writes.
 */
static void
test_big_value(void)
{
	struct buf big = BUF_INIT, a = BUF_INIT, b = BUF_INIT, tmp = BUF_INIT;
	const char *s;
	size_t n, i;

	for (i = 0; i < RECORD_BIG / 4 + 10; i++)
		buf_adds(&big, "a\"\xc3\xa9\n");
	record_reset(&r);
	record_set(&r, "id", "x", 1);
	record_set(&r, "text", big.s, big.len);
	record_set(&r, "n", "1", 1);
	CHECK(record_get(&r, "text", &s, &n) == 1);
	CHECK(n == big.len && memcmp(s, big.s, n) == 0);
	record_write(&r, &a);
	buf_adds(&tmp, "left over");
	buf_reset(&tmp);
	record_put(&r, &tmp, put_buf, &b);
	CHECK(tmp.len == 0);
	CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	CHECK(a.len > big.len && memcmp(a.s, "{\"id\":\"x\",\"text\":\"a\\\"", 17) == 0);
	/* set again to the same big value: still one copy, still right */
	record_set(&r, "text", big.s, big.len);
	CHECK(record_get(&r, "text", &s, &n) == 1);
	CHECK(n == big.len && memcmp(s, big.s, n) == 0);
	buf_free(&big);
	buf_free(&a);
	buf_free(&b);
	buf_free(&tmp);
}

/*
 * A record that borrows (the driver's): a string value over RECORD_BIG
 * is read from the line, not copied; what the record gives back is the
 * same, a copy owns its values, and a value set again is the record's.
 */
static void
test_borrow(void)
{
	struct record b = RECORD_INIT, c = RECORD_INIT;
	struct buf line = BUF_INIT, out = BUF_INIT, want = BUF_INIT;
	const char *s, *msg, *json;
	size_t n, pos, big = RECORD_BIG + 10, i;

	buf_adds(&line, "{\"id\":\"a\",\"text\":\"");
	for (i = 0; i < big; i++)
		buf_addc(&line, i % 7 == 6 ? ' ' : 'x');
	buf_adds(&line, "\\n.\",\"n\":12}");
	b.borrow = true;
	CHECK(record_parse(&b, line.s, line.len, &msg, &pos) == 0);
	/* the record's own memory holds the small fields only */
	CHECK(b.data.len < 64);
	CHECK(record_raw(&b, "text", &json, &n, NULL) == 1);
	CHECK(json > line.s && json < line.s + line.len && n == big + 5);
	CHECK(record_get(&b, "text", &s, &n) == 1);
	CHECK(n == big + 2 && s[0] == 'x' && memcmp(s + big, "\n.", 2) == 0);
	CHECK(record_raw(&b, "n", &json, NULL, NULL) == 1);
	CHECK_STR(json, "12");
	record_write(&b, &out);
	CHECK(out.len == line.len + 1 && memcmp(out.s, line.s, line.len) == 0);
	/* a copy outlives the line */
	record_copy(&c, &b);
	buf_reset(&out);
	buf_add(&want, line.s, line.len);
	buf_addc(&want, '\n');
	memset(line.s, '?', line.len);
	record_write(&c, &out);
	CHECK(out.len == want.len && memcmp(out.s, want.s, want.len) == 0);
	/* set again: the value is the record's */
	buf_reset(&line);
	buf_add(&line, want.s, want.len - 1);
	CHECK(record_parse(&b, line.s, line.len, &msg, &pos) == 0);
	record_set(&b, "text", "short", 5);
	memset(line.s, '?', line.len);
	CHECK(record_get(&b, "text", &s, &n) == 1);
	CHECK_MEM(s, n, "short");
	buf_reset(&out);
	record_write(&b, &out);
	CHECK_STR(out.s, "{\"id\":\"a\",\"text\":\"short\",\"n\":12}\n");
	record_free(&b);
	record_free(&c);
	buf_free(&line);
	buf_free(&out);
	buf_free(&want);
}

int
main(void)
{
	test_passthrough();
	test_escaped_fields();
	test_get_set();
	test_canonical();
	test_scan_object();
	test_strings();
	test_codec();
	test_errors();
	test_depth_and_many_keys();
	test_big_value();
	test_borrow();
	record_free(&r);
	UNIT_END();
}
