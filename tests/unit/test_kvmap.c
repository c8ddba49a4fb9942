/*
 * Unit tests for lib/sim/kvmap.c, the map step's buffer: the lines of a
 * batch come out sorted by key, one line a key prefix with the batch's
 * base (its first item's) and the widths of its values, the widest of the
 * line's, and its keys' items' numbers and values after the rest of each
 * key, by key and for a key in the order the items came, then the T lines
 * and the lines added (pieces of texts) by key, a line added to an empty
 * batch too; nothing is written before the budget is passed or the batch
 * flushed, and past the budget the batch is written on its own; a key of
 * many items takes several lines of a bounded length, every value kept.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "base/buf.h"
#include "sim/kvcode.h"
#include "sim/kvmap.h"

static void
to_buf(void *arg, const char *s, size_t n)
{
	buf_add(arg, s, n);
}

static uint64_t base = 1000;	/* each item offers the next */

/* An item of size m with p probe keys. */
static void
add(struct kvmap *km, uint32_t m, uint32_t p, const uint32_t *probe,
    size_t np, const uint32_t *band, size_t nb, const char *tline,
    size_t tkey)
{
	struct kvmap_item it;

	memset(&it, 0, sizeof(it));
	it.base = base++;
	it.m = m;
	it.p = p;
	it.probe = probe;
	it.nprobe = np;
	it.band = band;
	it.nband = nb;
	it.tline = tline;
	it.tlen = strlen(tline);
	it.tkey = tkey;
	kvmap_add(km, &it);
}

/*
 * Append the line "<c><prefix of k><TAB><H><wd><a>[<b>] <rest of
 * k><num><m>[<p>][<rest of k2><num2><m2>[<p2>]]\n" of the batch base h,
 * the width wd and the n keys k, items' numbers num, sizes m and probe
 * keys p (NULL for B), a and b the widths of the widest m and p.
 */
static void
want_line(struct buf *w, int c, uint64_t h, int wd, const uint32_t *k,
    const uint32_t *num, const uint32_t *m, const uint32_t *p, size_t n)
{
	struct buf kc = BUF_INIT;
	size_t i;
	int a = 1, b = 1;

	for (i = 0; i < n; i++) {
		a = kv_num_len(m[i]) > a ? kv_num_len(m[i]) : a;
		b = p != NULL && kv_num_len(p[i]) > b ? kv_num_len(p[i]) : b;
	}
	for (i = 0; i < n; i++) {
		buf_reset(&kc);
		kv_put_key(&kc, k[i]);
		if (i == 0) {
			buf_addc(w, c);
			buf_add(w, kc.s, KV_PREFIXLEN);
			buf_addc(w, '\t');
			kv_put_hash(w, h);
			kv_put_num(w, (uint32_t)wd);
			kv_put_num(w, (uint32_t)a);
			if (p != NULL)
				kv_put_num(w, (uint32_t)b);
			buf_addc(w, ' ');
		}
		buf_adds(w, kc.s + KV_PREFIXLEN);
		kv_put_numw(w, num[i], wd);
		kv_put_numw(w, m[i], a);
		if (p != NULL)
			kv_put_numw(w, p[i], b);
	}
	buf_addc(w, '\n');
	buf_free(&kc);
}

/*
 * The postings of the P line at s (up to a newline): its length after
 * the widths and the space over a posting's, by the widths; 0 if they do
 * not divide it.
 */
static size_t
postings(const char *s)
{
	const char *v = strchr(s, '\t') + 1, *nl = strchr(s, '\n');
	size_t head = KV_HASHLEN + 4, step = KV_KEYLEN - KV_PREFIXLEN;
	int i;

	for (i = 0; i < 3; i++)
		step += (size_t)kv_digit((unsigned char)v[KV_HASHLEN + i]);
	if (v[head - 1] != ' ' || ((size_t)(nl - v) - head) % step != 0)
		return 0;
	return ((size_t)(nl - v) - head) / step;
}

/* Lines of s (n bytes) in byte order? */
static int
sorted(const char *s, size_t n)
{
	const char *p = s, *q, *e = s + n;
	size_t lp, lq;

	if ((q = memchr(p, '\n', (size_t)(e - p))) == NULL)
		return 1;
	for (q++; q < e; p = q, q += lq + 1) {
		lp = (size_t)((const char *)memchr(p, '\n', (size_t)(e - p)) - p);
		lq = (size_t)((const char *)memchr(q, '\n', (size_t)(e - q)) - q);
		if (memcmp(p, q, lp < lq ? lp : lq) > 0 ||
		    (memcmp(p, q, lp < lq ? lp : lq) == 0 && lp > lq))
			return 0;
	}
	return 1;
}

int
main(void)
{
#define K9	(2u << KV_PREFIXSHIFT | 9)	/* a key of another prefix */
	static const uint32_t pa[] = { 5, 1 }, pb[] = { 1, K9 }, pc[] = { K9 },
	    ba[] = { 7 }, bc[] = { 3 }, wb[] = { 3, 7, 7 },
	    wp1[] = { 1, 1, 5 }, wp2[] = { K9, K9 };
	/*
	 * Items c, a, b, bb, numbers 0 to 3; a's size and b's probe keys take
	 * two characters, the others' one, so the lines with them are wider
	 * from their first posting on.
	 */
	static const uint32_t nb[] = { 0, 1, 2 }, np1[] = { 1, 2, 1 },
	    np2[] = { 0, 2 }, nd[] = { 0 };
	static const uint32_t mb[] = { 1, 4000, 3 }, mp1[] = { 4000, 3, 4000 },
	    pp1[] = { 2, 70, 2 }, mp2[] = { 1, 3 }, pp2[] = { 1, 70 },
	    md[] = { 1 }, pd[] = { 1 };
	struct buf out = BUF_INIT, want = BUF_INIT;
	struct kvmap *km;
	uint32_t keys[20], one = 0x01020304;
	size_t i, k, lines, vals, longest;
	uint64_t h;
	uint32_t num;
	int ok;
	const char *p, *nl;

	/*
	 * Keys of a prefix in a line, by key, a key's values in the order the
	 * items came, T lines by key.
	 */
	km = kvmap_new(1 << 20, to_buf, &out);
	h = base;
	CHECK(kvmap_count(km) == 0);
	add(km, 1, 1, pc, 1, bc, 1, "Tc\tZ\n", 2);
	CHECK(kvmap_count(km) == 1);
	add(km, 4000, 2, pa, 2, ba, 1, "Ta\tX\n", 2);
	add(km, 3, 70, pb, 2, ba, 1, "Tb\tY\n", 2);
	kvmap_add_line(km, "Ub\tpiece\n", 9, 2);
	add(km, 1, 1, pc, 0, bc, 0, "Tbb\tW\n", 3);
	kvmap_add_line(km, "Ua\tpiece\n", 9, 2);
	CHECK(kvmap_count(km) == 4);
	CHECK(out.len == 0);
	kvmap_flush(km);
	CHECK(kvmap_count(km) == 0);
	want_line(&want, 'B', h, 1, wb, nb, mb, NULL, 3);
	want_line(&want, 'P', h, 1, wp1, np1, mp1, pp1, 3);
	want_line(&want, 'P', h, 1, wp2, np2, mp2, pp2, 2);
	buf_adds(&want, "Ta\tX\nTb\tY\nTbb\tW\nTc\tZ\nUa\tpiece\nUb\tpiece\n");
	CHECK_MEM(out.s, out.len, buf_cstr(&want));
	/* A flush of nothing writes nothing; the next batch starts empty. */
	buf_reset(&out);
	kvmap_flush(km);
	CHECK(out.len == 0);
	/* A line added alone is written alone. */
	kvmap_add_line(km, "Uc\tpiece\n", 9, 2);
	kvmap_flush(km);
	CHECK_MEM(out.s, out.len, "Uc\tpiece\n");
	buf_reset(&out);
	h = base;
	add(km, 1, 1, pc, 1, bc, 0, "Td\tV\n", 2);
	kvmap_flush(km);
	buf_reset(&want);
	want_line(&want, 'P', h, 1, pc, nd, md, pd, 1);
	buf_adds(&want, "Td\tV\n");
	CHECK_MEM(out.s, out.len, buf_cstr(&want));
	kvmap_free(km);

	/*
	 * A small budget: batches written as it is passed (16 bytes a key,
	 * 20 keys an item: every few items), each sorted, a line for each of
	 * the 20 prefixes; every value there.
	 */
	buf_reset(&out);
	km = kvmap_new(2048, to_buf, &out);
	for (i = 0; i < 100; i++) {
		for (k = 0; k < 20; k++)
			keys[k] = (uint32_t)(k << KV_PREFIXSHIFT | i % 3);
		add(km, (uint32_t)i, 20, keys, 20, keys, 0, "T\tt\n", 1);
		CHECK(i < 10 || out.len > 0);
	}
	kvmap_flush(km);
	kvmap_free(km);
	for (p = out.s, lines = vals = 0; p < out.s + out.len; p = nl + 1) {
		nl = memchr(p, '\n', out.len - (size_t)(p - out.s));
		if (*p != 'P')
			continue;
		lines++;
		vals += postings(p);
	}
	CHECK(lines > 20 * 5 && lines < 100 * 20);
	CHECK(vals == 100 * 20);
	/* Each batch sorted: the P lines restart below the T line. */
	CHECK(!sorted(out.s, out.len));
	p = strstr(out.s, "T\tt\n");
	CHECK(p != NULL && sorted(out.s, (size_t)(p - out.s) + 4));

	/* A key of many items: lines of about 4 KB, every value kept. */
	buf_reset(&out);
	km = kvmap_new(1 << 20, to_buf, &out);
	h = base;
	for (i = 0; i < 3000; i++)
		add(km, 9, 1, &one, 1, &one, 0, "T\tt\n", 1);
	kvmap_flush(km);
	kvmap_free(km);
	/*
	 * Each line: its prefix, the base, the widths 2, 1, 1, then
	 * "<rest><number><9><1>" a posting.
	 */
	buf_reset(&want);
	buf_addc(&want, 'P');
	kv_put_key(&want, one);
	buf_truncate(&want, 1 + KV_PREFIXLEN);
	buf_addc(&want, '\t');
	kv_put_hash(&want, h);
	kv_put_num(&want, 2);		/* numbers to 2999: 2 characters */
	kv_put_num(&want, 1);
	kv_put_num(&want, 1);
	buf_addc(&want, ' ');
	k = want.len;
	kv_put_key(&want, one);		/* its last characters: the rest */
	kv_put_num(&want, 9);
	kv_put_num(&want, 1);
	/* Every value, in the order the items came, on lines of the key. */
	for (p = out.s, lines = vals = longest = 0; *p == 'P'; p = nl + 1) {
		nl = strchr(p, '\n');
		CHECK(strncmp(p, want.s, k) == 0);
		if (strncmp(p, want.s, k) != 0)
			break;
		if ((size_t)(nl - p) > longest)
			longest = (size_t)(nl - p);
		lines++;
		for (p += k; p < nl; p += KV_PREFIXLEN + 2 + 2) {
			ok = strncmp(p, want.s + k + KV_PREFIXLEN,
			    KV_PREFIXLEN) == 0 &&
			    kv_get_numw(p + KV_PREFIXLEN, 2, &num) == 0 &&
			    num == vals++ && strncmp(p + KV_PREFIXLEN + 2,
			    want.s + k + KV_KEYLEN, 2) == 0;
			CHECK(ok);
			if (!ok)
				break;
		}
	}
	CHECK(vals == 3000);
	/* 7 bytes a posting, lines of a little over 4 KB. */
	CHECK(lines >= 3000 * 7 / 4200 && lines <= 3000 * 7 / 4096 + 1);
	CHECK(longest < 4096 + 100);
	buf_free(&out);
	buf_free(&want);
	UNIT_END();
}
