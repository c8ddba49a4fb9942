/*
 * textpack.c - see textpack.h.
 *
 * One buffer (raw) holds the varints and the text before compression and
 * after decompression; another (z) the frame.  Each slot keeps its own
 * copy of the text and its sentences, since the reduce round compares the
 * item of slot 0 with each candidate unpacked into slot 1.  A piece is,
 * for each item, its escaped id's length and bytes, its size, and the
 * length and bytes of what textpack_put compresses for it, all in one
 * frame; read, it is in raw, and pat is where its next item starts.
 */
#include <err.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_decompressBound */
#include <zstd.h>

#include "base/util.h"
#include "sim/kvcode.h"
#include "sim/textpack.h"

#define ZLEVEL	1	/* zstd level of the texts in the lines: 3 is
			   1% smaller but costs 0.1 CPU s more on 50 MB, 6
			   2% smaller and 0.4 of the in-memory CPU
			   (gencorpus -S 1 -s 50M); the fast levels cost
			   the sorts more than they save (-3: 0.03 s less
			   and 38% more bytes) */
#define ZHASHLOG 16	/* level 1's table for a piece: 13 bits at 256
			   KB, where 16 (256 KB of table) finds 3% more
			   of the matches in the same time; zstd holds a
			   small text's table to its size */

struct textpack {
	ZSTD_CCtx	*cctx;
	ZSTD_DCtx	*dctx;
	struct buf	 raw, z;
	struct buf	 piece;		/* the piece being made */
	size_t		 pat;		/* the next item of the piece read */
	size_t		 max;		/* the most a code unpacks to */
	int		 over;		/* the last code claimed more */
	struct {
		struct item	 it;
		struct buf	 b;	/* the text */
		struct sent	*sent;
		size_t		*cstart;
		size_t		 cap, capcs;
	}		 slot[TEXTPACK_SLOTS];
};

struct textpack *
textpack_new(void)
{
	struct textpack *tp;

	tp = xcalloc(1, sizeof(*tp));
	if ((tp->cctx = ZSTD_createCCtx()) == NULL ||
	    (tp->dctx = ZSTD_createDCtx()) == NULL ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(tp->cctx,
	    ZSTD_c_compressionLevel, ZLEVEL)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(tp->cctx, ZSTD_c_hashLog,
	    ZHASHLOG)))
		errx(1, "out of memory");
	tp->pat = SIZE_MAX;
	tp->max = SIZE_MAX;
	return tp;
}

void
textpack_free(struct textpack *tp)
{
	int i;

	if (tp == NULL)
		return;
	ZSTD_freeCCtx(tp->cctx);
	ZSTD_freeDCtx(tp->dctx);
	buf_free(&tp->raw);
	buf_free(&tp->z);
	buf_free(&tp->piece);
	for (i = 0; i < TEXTPACK_SLOTS; i++) {
		buf_free(&tp->slot[i].b);
		free(tp->slot[i].sent);
		free(tp->slot[i].cstart);
	}
	free(tp);
}

static void
put_varint(struct buf *b, uint64_t v)
{
	for (; v >= 0x80; v >>= 7)
		buf_addc(b, (char)(v | 0x80));
	buf_addc(b, (char)v);
}

/* A number at *at of tp->raw: 0, or -1 past end or 64 bits. */
static int
get_varint(const struct textpack *tp, size_t *at, size_t end, uint64_t *v)
{
	const unsigned char *u = (const unsigned char *)tp->raw.s;
	unsigned shift = 0;

	for (*v = 0; *at < end && shift < 64; shift += 7) {
		*v |= (uint64_t)(u[*at] & 0x7f) << shift;
		if (u[(*at)++] < 0x80)
			return 0;
	}
	return -1;
}

/* Append to b what textpack_put compresses for it. */
static void
put_raw(struct buf *b, const struct item *it)
{
	size_t k, end = 0;

	put_varint(b, it->len);
	put_varint(b, it->sent != NULL ? (uint64_t)it->nsent + 1 : 0);
	put_varint(b, it->sent != NULL && it->cstart != NULL);
	buf_add(b, it->text, it->len);
	for (k = 0; it->sent != NULL && k < it->nsent; k++) {
		put_varint(b, it->sent[k].start - end);
		put_varint(b, it->sent[k].end - it->sent[k].start);
		put_varint(b, it->sent[k].par);
		end = it->sent[k].end;
	}
	for (k = 0; it->sent != NULL && it->cstart != NULL && k < it->nsent;
	    k++)
		put_varint(b, it->cstart[k]);
}

/* Compress s[0..n) into one frame, appended to out in the code. */
static void
deflate(struct textpack *tp, const char *s, size_t n, struct buf *out)
{
	size_t zn;

	buf_reset(&tp->z);
	buf_grow(&tp->z, ZSTD_compressBound(n));
	zn = ZSTD_compress2(tp->cctx, tp->z.s, tp->z.cap, s, n);
	if (ZSTD_isError(zn))
		errx(1, "zstd: %s", ZSTD_getErrorName(zn));
	kv_put_bytes(out, tp->z.s, zn);
}

void
textpack_put(struct textpack *tp, const struct item *it, struct buf *out)
{
	buf_reset(&tp->raw);
	put_raw(&tp->raw, it);
	deflate(tp, tp->raw.s, tp->raw.len, out);
}

void
textpack_limit(struct textpack *tp, size_t max)
{
	tp->max = max;
}

int
textpack_over(const struct textpack *tp)
{
	return tp->over;
}

/* Decompress the code s[0..len) into tp->raw: 0, or -1. */
static int
inflate(struct textpack *tp, const char *s, size_t len)
{
	unsigned long long rawlen;
	size_t r;

	tp->over = 0;
	buf_reset(&tp->z);
	if (kv_get_bytes(s, len, &tp->z) < 0)
		return -1;
	rawlen = ZSTD_getFrameContentSize(tp->z.s, tp->z.len);
	/* A frame that claims more than its blocks can hold lies. */
	if (rawlen == ZSTD_CONTENTSIZE_UNKNOWN ||
	    rawlen == ZSTD_CONTENTSIZE_ERROR ||
	    rawlen > ZSTD_decompressBound(tp->z.s, tp->z.len) ||
	    rawlen > SIZE_MAX / 2)
		return -1;
	if (rawlen > tp->max) {
		tp->over = 1;
		return -1;
	}
	buf_reset(&tp->raw);
	buf_grow(&tp->raw, (size_t)rawlen + 1);
	r = ZSTD_decompressDCtx(tp->dctx, tp->raw.s, tp->raw.cap, tp->z.s,
	    tp->z.len);
	if (ZSTD_isError(r) || r != rawlen)
		return -1;
	tp->raw.len = r;
	return 0;
}

/* The item in tp->raw from at to stop, unpacked into slot, or NULL. */
static const struct item *
parse(struct textpack *tp, size_t at, size_t stop, int slot)
{
	uint64_t tlen, ns, hascs, gap, sl, par, v;
	size_t k, end = 0;
	struct item *it = &tp->slot[slot].it;

	if (get_varint(tp, &at, stop, &tlen) < 0 ||
	    get_varint(tp, &at, stop, &ns) < 0 ||
	    get_varint(tp, &at, stop, &hascs) < 0 || hascs > 1 ||
	    tlen > stop - at || ns > stop)
		return NULL;
	memset(it, 0, sizeof(*it));
	it->id = "";
	buf_reset(&tp->slot[slot].b);
	buf_add(&tp->slot[slot].b, tp->raw.s + at, (size_t)tlen);
	at += (size_t)tlen;
	it->text = buf_cstr(&tp->slot[slot].b);
	it->len = (size_t)tlen;
	if (ns == 0)
		return at == stop ? it : NULL;
	it->nsent = (size_t)ns - 1;
	tp->slot[slot].sent = xroom(tp->slot[slot].sent, &tp->slot[slot].cap,
	    it->nsent + 1, sizeof(struct sent));
	for (k = 0; k < it->nsent; k++) {
		/* In order, apart, inside the text: what the aligner trusts. */
		if (get_varint(tp, &at, stop, &gap) < 0 ||
		    get_varint(tp, &at, stop, &sl) < 0 ||
		    get_varint(tp, &at, stop, &par) < 0 ||
		    gap > tlen - end || sl > tlen - end - gap || par > UINT_MAX)
			return NULL;
		tp->slot[slot].sent[k].start = end + (size_t)gap;
		tp->slot[slot].sent[k].end = end = end + (size_t)(gap + sl);
		tp->slot[slot].sent[k].par = (unsigned)par;
	}
	it->sent = tp->slot[slot].sent;
	if (hascs) {
		tp->slot[slot].cstart = xroom(tp->slot[slot].cstart,
		    &tp->slot[slot].capcs, it->nsent + 1, sizeof(size_t));
		for (k = 0; k < it->nsent; k++) {
			if (get_varint(tp, &at, stop, &v) < 0 ||
			    v > SIZE_MAX / 2)
				return NULL;
			tp->slot[slot].cstart[k] = (size_t)v;
		}
		it->cstart = tp->slot[slot].cstart;
	}
	return at == stop ? it : NULL;
}

const struct item *
textpack_get(struct textpack *tp, const char *s, size_t len, int slot)
{
	tp->pat = SIZE_MAX;	/* no piece open */
	if (inflate(tp, s, len) < 0)
		return NULL;
	return parse(tp, 0, tp->raw.len, slot);
}

void
textpack_piece_add(struct textpack *tp, const char *eid, size_t elen,
    uint32_t m, const struct item *it)
{
	put_varint(&tp->piece, elen);
	buf_add(&tp->piece, eid, elen);
	put_varint(&tp->piece, m);
	buf_reset(&tp->raw);
	put_raw(&tp->raw, it);
	put_varint(&tp->piece, tp->raw.len);
	buf_add(&tp->piece, tp->raw.s, tp->raw.len);
}

size_t
textpack_piece_len(const struct textpack *tp)
{
	return tp->piece.len;
}

void
textpack_piece_put(struct textpack *tp, struct buf *out)
{
	deflate(tp, tp->piece.s, tp->piece.len, out);
	buf_reset(&tp->piece);
}

int
textpack_piece_open(struct textpack *tp, const char *s, size_t len)
{
	tp->pat = SIZE_MAX;
	if (inflate(tp, s, len) < 0 || tp->raw.len == 0)
		return -1;
	tp->pat = 0;
	return 0;
}

int
textpack_piece_next(struct textpack *tp, const char **eid, size_t *elen,
    uint32_t *m, struct buf *out)
{
	uint64_t il, size, rl;
	size_t at = tp->pat, end = tp->raw.len;

	if (at == SIZE_MAX)
		return -1;
	if (at == end)
		return 0;
	tp->pat = SIZE_MAX;	/* damaged, until it is read whole */
	if (get_varint(tp, &at, end, &il) < 0 || il == 0 || il > end - at)
		return -1;
	*eid = tp->raw.s + at;
	*elen = (size_t)il;
	at += (size_t)il;
	if (get_varint(tp, &at, end, &size) < 0 || size == 0 ||
	    size > UINT32_MAX || get_varint(tp, &at, end, &rl) < 0 ||
	    rl > end - at)
		return -1;
	*m = (uint32_t)size;
	/* A text passed on is one round 3 can read: checked here. */
	if (out != NULL) {
		if (parse(tp, at, at + (size_t)rl, 0) == NULL)
			return -1;
		deflate(tp, tp->raw.s + at, (size_t)rl, out);
	}
	tp->pat = at + (size_t)rl;
	return 1;
}
