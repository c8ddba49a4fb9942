/*
 * itemstore.c - see itemstore.h.
 *
 * Each item is written as a header (id length, text length, sentence
 * count), its id, its text and its sentences, one after the other, the
 * whole compressed as one zstd frame (level 1: news text to about half,
 * at some 250 MB/s); memory keeps where each item starts.  Reading back
 * uses pread, so the writes need only be flushed, and two slots let a
 * pair be held at once.
 */
#include <assert.h>
#include <err.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "sim/itemstore.h"
#include "base/buf.h"
#include "base/spool.h"
#include "base/util.h"

struct stored {
	uint64_t	 idlen, len, nsent;	/* nsent: NONE64 when none */
	uint64_t	 ncstart;		/* 0, or nsent */
};

#define NONE64	UINT64_MAX

struct itemstore {
	FILE		*f;
	uint64_t	*off;		/* where item i starts in f */
	uint32_t	 n;
	size_t		 cap;
	uint64_t	 end;
	bool		 dirty;		/* written since the last read */
	struct buf	 raw;		/* an item before compression */
	struct buf	 z;		/* and after */
	ZSTD_CCtx	*cctx;
	ZSTD_DCtx	*dctx;
	struct {
		struct item it;
		struct buf	 b;
		struct sent	*sent;
		size_t		*cstart;
		size_t		 cap, capcs;
	}		 slot[2];
};

struct itemstore *
itemstore_new(void)
{
	struct itemstore *st;

	st = xcalloc(1, sizeof(*st));
	st->f = spool_open();
	if ((st->cctx = ZSTD_createCCtx()) == NULL ||
	    (st->dctx = ZSTD_createDCtx()) == NULL)
		errx(1, "out of memory");
	return st;
}

void
itemstore_free(struct itemstore *st)
{
	int i;

	if (st == NULL)
		return;
	fclose(st->f);
	free(st->off);
	buf_free(&st->raw);
	buf_free(&st->z);
	ZSTD_freeCCtx(st->cctx);
	ZSTD_freeDCtx(st->dctx);
	for (i = 0; i < 2; i++) {
		buf_free(&st->slot[i].b);
		free(st->slot[i].sent);
		free(st->slot[i].cstart);
	}
	free(st);
}

static void
put(struct itemstore *st, const void *p, size_t n)
{
	buf_add(&st->raw, p, n);
}

uint32_t
itemstore_add(struct itemstore *st, const struct item *it)
{
	struct stored h;
	struct sent s;
	size_t k, zn;

	st->off = xroom(st->off, &st->cap, (size_t)st->n + 2,
	    sizeof(*st->off));
	st->off[st->n] = st->end;
	buf_reset(&st->raw);
	h.idlen = it->idlen;
	h.len = it->len;
	h.nsent = it->sent != NULL ? it->nsent : NONE64;
	h.ncstart = it->sent != NULL && it->cstart != NULL ? it->nsent : 0;
	put(st, &h, sizeof(h));
	put(st, it->id, it->idlen);
	put(st, it->text, it->len);
	for (k = 0; it->sent != NULL && k < it->nsent; k++) {
		/* Field by field: the struct's padding is never set. */
		memset(&s, 0, sizeof(s));
		s.start = it->sent[k].start;
		s.end = it->sent[k].end;
		s.par = it->sent[k].par;
		put(st, &s, sizeof(s));
	}
	put(st, it->cstart, h.ncstart * sizeof(*it->cstart));
	buf_reset(&st->z);
	buf_grow(&st->z, ZSTD_compressBound(st->raw.len));
	zn = ZSTD_compressCCtx(st->cctx, st->z.s, st->z.cap, st->raw.s,
	    st->raw.len, 1);
	if (ZSTD_isError(zn))
		errx(1, "zstd: %s", ZSTD_getErrorName(zn));
	spool_write(st->f, st->z.s, zn);
	st->end += zn;
	st->off[st->n + 1] = st->end;
	st->dirty = true;
	return st->n++;
}

static void
get(struct itemstore *st, void *p, size_t n, uint64_t off)
{
	ssize_t r;

	if (n > 0 && ((r = pread(fileno(st->f), p, n, (off_t)off)) < 0 ||
	    (size_t)r != n))
		spool_fail();
}

/* Take n bytes of the item read back (from *at on) into p. */
static void
take(struct itemstore *st, void *p, size_t n, size_t *at)
{
	if (n > st->raw.len - *at)
		errx(1, "temporary file in %s: an item is damaged",
		    spool_dir());
	if (n == 0)
		return;		/* p may be NULL: nothing to hold */
	memcpy(p, st->raw.s + *at, n);
	*at += n;
}

const struct item *
itemstore_get(struct itemstore *st, uint32_t i, int slot)
{
	struct stored h;
	unsigned long long rawlen;
	size_t ns, zn, at = 0, r;

	assert(i < st->n && (slot == 0 || slot == 1));
	if (st->dirty && fflush(st->f) == EOF)
		spool_fail();
	st->dirty = false;
	zn = (size_t)(st->off[i + 1] - st->off[i]);
	buf_reset(&st->z);
	buf_grow(&st->z, zn);
	get(st, st->z.s, zn, st->off[i]);
	rawlen = ZSTD_getFrameContentSize(st->z.s, zn);
	if (rawlen == ZSTD_CONTENTSIZE_UNKNOWN ||
	    rawlen == ZSTD_CONTENTSIZE_ERROR)
		errx(1, "temporary file in %s: an item is damaged",
		    spool_dir());
	buf_reset(&st->raw);
	buf_grow(&st->raw, (size_t)rawlen);
	r = ZSTD_decompressDCtx(st->dctx, st->raw.s, st->raw.cap, st->z.s,
	    zn);
	if (ZSTD_isError(r) || r != rawlen)
		errx(1, "temporary file in %s: an item is damaged",
		    spool_dir());
	st->raw.len = r;
	take(st, &h, sizeof(h), &at);
	buf_reset(&st->slot[slot].b);
	buf_grow(&st->slot[slot].b, h.idlen + 1 + h.len);
	take(st, st->slot[slot].b.s, h.idlen + h.len, &at);
	st->slot[slot].b.len = h.idlen + h.len;
	st->slot[slot].b.s[h.idlen + h.len] = '\0';
	ns = h.nsent == NONE64 ? 0 : h.nsent;
	st->slot[slot].sent = xroom(st->slot[slot].sent, &st->slot[slot].cap,
	    ns, sizeof(struct sent));
	take(st, st->slot[slot].sent, ns * sizeof(struct sent), &at);
	st->slot[slot].cstart = xroom(st->slot[slot].cstart,
	    &st->slot[slot].capcs, h.ncstart, sizeof(size_t));
	take(st, st->slot[slot].cstart, h.ncstart * sizeof(size_t), &at);
	st->slot[slot].it.id = st->slot[slot].b.s;
	st->slot[slot].it.idlen = h.idlen;
	st->slot[slot].it.text = st->slot[slot].b.s + h.idlen;
	st->slot[slot].it.len = h.len;
	st->slot[slot].it.sent = h.nsent == NONE64 ? NULL :
	    st->slot[slot].sent;
	st->slot[slot].it.nsent = ns;
	st->slot[slot].it.cstart = h.ncstart > 0 ? st->slot[slot].cstart :
	    NULL;
	return &st->slot[slot].it;
}
