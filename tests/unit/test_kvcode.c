/*
 * Unit tests for lib/sim/kvcode.c: keys and numbers sort as their values,
 * sets come back as they went (small, large, sparse and dense, the
 * extremes of 32 bits), and what is no set is refused, not misread.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "sim/kvcode.h"

static uint32_t
next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint32_t)(*x >> 16);
}

static int
u32cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

static void
test_keys(void)
{
	static const uint32_t v[] = { 0, 1, 63, 64, 4095, 65536, 0x7fffffff,
	    0xfffffffe, 0xffffffff };
	struct buf a = BUF_INIT, b = BUF_INIT;
	uint32_t got;
	size_t i;

	for (i = 0; i + 1 < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&a);
		buf_reset(&b);
		kv_put_key(&a, v[i]);
		kv_put_key(&b, v[i + 1]);
		CHECK(a.len == KV_KEYLEN && b.len == KV_KEYLEN);
		/* Byte order is the values' order, as sort needs. */
		CHECK(memcmp(a.s, b.s, KV_KEYLEN) < 0);
		CHECK(kv_get_key(buf_cstr(&a), &got) == 0 && got == v[i]);
		buf_reset(&a);
		kv_put_num(&a, v[i]);
		buf_addc(&a, ' ');
		CHECK(kv_get_num(buf_cstr(&a), &got) == a.len - 1 &&
		    got == v[i]);
	}
	CHECK(kv_get_key("zzzzzz", &got) < 0);	/* past 32 bits */
	CHECK(kv_get_key("--- --", &got) < 0);
	CHECK(kv_get_num("zzzzzzz", &got) == 0);
	CHECK(kv_get_num(" 1", &got) == 0);
	buf_free(&a);
	buf_free(&b);
}

/* 64-bit hashes, the keys of items with long ids. */
static void
test_hashes(void)
{
	static const uint64_t v[] = { 0, 1, 0xffffffff, 0x123456789abcdefULL,
	    UINT64_MAX - 1, UINT64_MAX };
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t i, n = sizeof(v) / sizeof(v[0]);
	uint64_t x;
	char s[KV_HASHLEN];

	/* All of them in one buffer: each as long, in the values' order. */
	for (i = 0; i < n; i++)
		kv_put_hash(&a, v[i]);
	CHECK(a.len == n * KV_HASHLEN);
	for (i = 0; i < n; i++) {
		CHECK(kv_is_hash(a.s + i * KV_HASHLEN));
		CHECK(i == 0 || memcmp(a.s + (i - 1) * KV_HASHLEN,
		    a.s + i * KV_HASHLEN, KV_HASHLEN) < 0);
		/* read back; the same characters without a buffer */
		x = ~v[i];
		CHECK(kv_get_hash(a.s + i * KV_HASHLEN, &x) == 0 &&
		    x == v[i]);
		kv_hash_chars(v[i], s);
		CHECK(memcmp(s, a.s + i * KV_HASHLEN, KV_HASHLEN) == 0);
	}
	kv_put_hash(&b, UINT64_MAX);
	CHECK(strcmp(buf_cstr(&b), "Ezzzzzzzzzz") == 0);	/* all bits */
	CHECK(!kv_is_hash("Fzzzzzzzzzz"));	/* past 64 bits */
	CHECK(!kv_is_hash("-----!-----"));
	CHECK(!kv_is_hash("----------"));	/* one short */
	x = 7;
	CHECK(kv_get_hash("Fzzzzzzzzzz", &x) < 0 && x == 7);
	CHECK(kv_get_hash("-----!-----", &x) < 0 && x == 7);
	buf_free(&a);
	buf_free(&b);
}

/* Encode fp[0..n) and read it back. */
static int
round_trip(const uint32_t *fp, size_t n)
{
	struct buf s = BUF_INIT;
	uint32_t *got = NULL;
	size_t cap = 0, len = 0, m;
	int ok;

	kv_put_set(&s, fp, n);
	buf_addc(&s, ' ');
	m = kv_get_set(buf_cstr(&s), &got, &cap, &len);
	ok = m == n && len == s.len - 1 && memcmp(got, fp, n *
	    sizeof(*fp)) == 0 && kv_get_set(s.s, NULL, NULL, &len) == n;
	free(got);
	buf_free(&s);
	return ok;
}

/* Numbers in a fixed width: as long as asked, in order, read back. */
static void
test_widths(void)
{
	static const uint32_t v[] = { 0, 1, 63, 64, 4095, 4096, 262143,
	    262144, UINT32_MAX };
	static const int len[] = { 1, 1, 1, 2, 2, 3, 3, 4, 6 };
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t i, n = sizeof(v) / sizeof(v[0]);
	uint32_t x;

	for (i = 0; i < n; i++) {
		CHECK(kv_num_len(v[i]) == len[i]);
		buf_reset(&b);
		kv_put_num(&b, v[i]);
		CHECK(b.len == (size_t)len[i]);
		/* Six characters each: the values' order, read back. */
		kv_put_numw(&a, v[i], 6);
		CHECK(kv_get_numw(a.s + i * 6, 6, &x) == 0 && x == v[i]);
		CHECK(i == 0 || memcmp(a.s + (i - 1) * 6, a.s + i * 6, 6) < 0);
		/* Its own width, then a field with no space between. */
		buf_reset(&b);
		kv_put_numw(&b, v[i], len[i]);
		buf_adds(&b, "7U");
		CHECK(kv_get_numw(b.s, len[i], &x) == 0 && x == v[i]);
		CHECK(kv_get_num(b.s + len[i], &x) == 2 && x == 8 * 64 + 31);
	}
	CHECK(kv_get_numw("zzzzzz", 6, &x) < 0);	/* past 32 bits */
	CHECK(kv_get_numw("0 1", 3, &x) < 0);
	CHECK(kv_get_numw("01", 0, &x) < 0 && kv_get_numw("0000000", 7, &x) < 0);
	buf_free(&a);
	buf_free(&b);
}

/*
 * Fields of fixed widths one after the other (a line's postings): written
 * with kv_numw_chars, read back in one call; a bad character or a value
 * past 32 bits in any of them refuses them all.
 */
static void
test_fields(void)
{
	static const uint32_t v[] = { 262143, 4095, UINT32_MAX, 7 };
	static const int w[] = { 3, 2, 6, 1 };
	char s[12], t[12];
	uint32_t got[4];
	size_t i, at;

	for (i = 0, at = 0; i < 4; at += (size_t)w[i++])
		kv_numw_chars(v[i], w[i], s + at);
	CHECK(at == sizeof(s));
	CHECK(kv_get_fields(s, w, 4, got) == 0 &&
	    memcmp(got, v, sizeof(v)) == 0);
	for (i = 0; i < sizeof(s); i++) {
		memcpy(t, s, sizeof(s));
		t[i] = ' ';
		CHECK(kv_get_fields(t, w, 4, got) < 0);
	}
	/* Six characters of the largest code: 36 bits. */
	memcpy(t, s, sizeof(s));
	memset(t + 5, 'z', 6);
	CHECK(kv_get_fields(t, w, 4, got) < 0);
	CHECK(kv_get_fields(t, w, 2, got) == 0 && got[1] == 4095);
}

static void
test_sets(void)
{
	static const uint32_t edge[] = { 0, 1, 2, 0xfffffffe, 0xffffffff };
	static const uint32_t one[] = { 0xffffffff };
	uint32_t *fp, *got = NULL;
	uint64_t x = 88172645463325252ULL;
	size_t n, m, cap = 0, len, sizes[] = { 1, 2, 5, 100, 543, 5000,
	    100000 }, i, w;
	struct buf s = BUF_INIT;

	CHECK(round_trip(edge, 5));
	CHECK(round_trip(one, 1));
	CHECK(round_trip(edge, 1));
	fp = malloc(100000 * sizeof(*fp));
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		n = sizes[i];
		for (m = 0; m < n; m++)
			fp[m] = next(&x);
		qsort(fp, n, sizeof(*fp), u32cmp);
		for (w = 1, m = 1; m < n; m++)
			if (fp[m] != fp[w - 1])
				fp[w++] = fp[m];
		CHECK(round_trip(fp, w));
		/* Dense: consecutive values. */
		for (m = 0; m < n; m++)
			fp[m] = (uint32_t)m + 7;
		CHECK(round_trip(fp, n));
	}
	/* About 4 characters a fingerprint for 543 of them. */
	for (m = 0; m < 543; m++)
		fp[m] = next(&x);
	qsort(fp, 543, sizeof(*fp), u32cmp);
	kv_put_set(&s, fp, 543);
	CHECK(s.len < 543 * 9 / 2);
	/* Not sets: a count past the code, a bad k, a cut or padded code. */
	buf_truncate(&s, s.len - 2);
	CHECK(kv_get_set(buf_cstr(&s), &got, &cap, &len) == 0);
	CHECK(kv_get_set("5:", &got, &cap, &len) == 0);
	CHECK(kv_get_set("1:z-", &got, &cap, &len) == 0);	/* k 63 */
	CHECK(kv_get_set("-:A", &got, &cap, &len) == 0);	/* n 0 */
	/* n 1 ("0"), k 0 ("-"): one character of six bits holds 0. */
	CHECK(kv_get_set("0:-", &got, &cap, &len) == 0);
	CHECK(kv_get_set("0:--", &got, &cap, &len) == 1 && got[0] == 0 &&
	    len == 4);
	CHECK(kv_get_set("0:---", &got, &cap, &len) == 0);
	CHECK(kv_get_set("0:-0", &got, &cap, &len) == 0);	/* padding */
	CHECK(kv_get_set("0:-z", &got, &cap, &len) == 0);
	/* A value past 32 bits (k 31, "U"). */
	CHECK(kv_get_set("1:Uzzzzzzzzz", &got, &cap, &len) == 0);
	free(got);
	free(fp);
	buf_free(&s);
}

/* Bytes (the texts of the lines): every length and byte, and bad codes. */
static void
test_bytes(void)
{
	struct buf s = BUF_INIT, back = BUF_INIT;
	unsigned char b[300];
	size_t n, i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (unsigned char)(i * 151 + 7);
	b[0] = 0xff, b[1] = 0xff, b[2] = 0xff, b[3] = 0xff;
	for (n = 0; n <= sizeof(b); n += n < 12 ? 1 : 37) {
		buf_reset(&s);
		buf_reset(&back);
		kv_put_bytes(&s, b, n);
		CHECK(s.len == n / 4 * 5 + (n % 4 ? n % 4 + 1 : 0));
		for (i = 0; i < s.len; i++)
			CHECK(kv_text_char((unsigned char)s.s[i]));
		CHECK(kv_get_bytes(s.s, s.len, &back) == 0);
		CHECK(back.len == n && (n == 0 || memcmp(back.s, b, n) == 0));
	}
	CHECK(kv_get_bytes("s8W-!", 5, &back) == 0);	/* 2^32 - 1 */
	CHECK(kv_get_bytes("s8W-\"", 5, &back) < 0);	/* 2^32 */
	CHECK(kv_get_bytes("!!!!!!", 6, &back) < 0);	/* a lone digit */
	CHECK(kv_get_bytes("!! !!", 5, &back) < 0);
	CHECK(kv_get_bytes("!!!!v", 5, &back) < 0);
	CHECK(!kv_text_char(' ') && !kv_text_char('v') && kv_text_char('!'));
	/*
	 * Both append to what the buffer holds (a line being made), and a
	 * code refused leaves the buffer as it was, NUL-terminated.
	 */
	buf_reset(&s);
	buf_adds(&s, "J\t");
	kv_put_bytes(&s, b, 7);
	CHECK(s.len == 2 + 9 && memcmp(s.s, "J\t", 2) == 0 && s.s[11] == '\0');
	buf_reset(&back);
	buf_adds(&back, "xy");
	CHECK(kv_get_bytes(s.s + 2, 9, &back) == 0);
	CHECK(back.len == 9 && memcmp(back.s, "xy", 2) == 0 &&
	    memcmp(back.s + 2, b, 7) == 0 && back.s[9] == '\0');
	CHECK(kv_get_bytes("s8W-!!!!!v", 10, &back) < 0);
	CHECK(back.len == 9 && memcmp(back.s + 2, b, 7) == 0 &&
	    back.s[9] == '\0');
	buf_free(&s);
	buf_free(&back);
}

int
main(void)
{
	test_keys();
	test_hashes();
	test_widths();
	test_fields();
	test_sets();
	test_bytes();
	/* Keys in a line's byte order: a key that starts another first. */
	CHECK(kv_keycmp("ab", 2, "abc", 3) < 0);
	CHECK(kv_keycmp("abc", 3, "ab", 2) > 0);
	CHECK(kv_keycmp("abc", 3, "abd", 3) < 0);
	CHECK(kv_keycmp("b", 1, "abc", 3) > 0);
	CHECK(kv_keycmp("ab", 2, "abX", 2) == 0);
	CHECK(kv_keycmp("\xe9", 1, "z", 1) > 0);
	UNIT_END();
}
