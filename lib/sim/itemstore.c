/*
 * itemstore.c - see itemstore.h.
 *
 * Each item is written as a header (id length, text length, sentence
 * count), its id, its text and its sentences, one after the other; memory
 * keeps where each item starts.  Reading back uses pread, so the writes
 * need only be flushed, and two slots let a pair be held at once.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	spool_write(st->f, p, n);
	st->end += n;
}

uint32_t
itemstore_add(struct itemstore *st, const struct item *it)
{
	struct stored h;
	struct sent s;
	size_t k;

	st->off = xroom(st->off, &st->cap, (size_t)st->n + 1, sizeof(*st->off));
	st->off[st->n] = st->end;
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

const struct item *
itemstore_get(struct itemstore *st, uint32_t i, int slot)
{
	struct stored h;
	uint64_t off;
	size_t ns;

	assert(i < st->n && (slot == 0 || slot == 1));
	if (st->dirty && fflush(st->f) == EOF)
		spool_fail();
	st->dirty = false;
	off = st->off[i];
	get(st, &h, sizeof(h), off);
	off += sizeof(h);
	buf_reset(&st->slot[slot].b);
	buf_grow(&st->slot[slot].b, h.idlen + 1 + h.len);
	get(st, st->slot[slot].b.s, h.idlen + h.len, off);
	st->slot[slot].b.len = h.idlen + h.len;
	st->slot[slot].b.s[h.idlen + h.len] = '\0';
	off += h.idlen + h.len;
	ns = h.nsent == NONE64 ? 0 : h.nsent;
	st->slot[slot].sent = xroom(st->slot[slot].sent, &st->slot[slot].cap,
	    ns, sizeof(struct sent));
	get(st, st->slot[slot].sent, ns * sizeof(struct sent), off);
	off += ns * sizeof(struct sent);
	st->slot[slot].cstart = xroom(st->slot[slot].cstart,
	    &st->slot[slot].capcs, h.ncstart, sizeof(size_t));
	get(st, st->slot[slot].cstart, h.ncstart * sizeof(size_t), off);
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
