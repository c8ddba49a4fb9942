/*
 * itemstore.c - see itemstore.h.
 *
 * Each item is written as a header (id length, text length, sentence
 * count), its id, its text and its sentences, one after the other.  Items
 * are gathered into groups of about GROUP bytes, each compressed as one
 * zstd frame (level 1: news text to about half): a frame per item of a
 * few KB spent most of its time starting the frame, a fifth of artsim's
 * CPU on the bench corpus.  Memory keeps where each item starts in the
 * stream of groups before compression (8 bytes an item) and where each
 * group starts, in that stream and in the file.  Reading an item back
 * reads and expands its group, or takes it from the group still being
 * gathered.  The last CACHE groups expanded are kept, each in the place
 * its number picks: the pairs decided by their passages come in order of
 * their first item, with their second items anywhere, and on
 * Reuters-21578 expanding a group for nearly each of them was half of
 * artsim's CPU when each of the two slots kept only its last group.
 * Reading uses pread, so the writes need only be flushed.
 *
 * An item added by its line (itemstore_add_line) is only its header and
 * id in the stream: its text is made again from the line, read with
 * pread from a dup of the input's descriptor.  Compressing every text
 * was about 13% of the pairs run's CPU on the bench corpus, and nearly
 * all of them are never read back.
 */
#include <sys/stat.h>

#include <assert.h>
#include <err.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "sim/itemreader.h"
#include "sim/itemstore.h"
#include "base/buf.h"
#include "base/spool.h"
#include "base/util.h"
#include "io/record.h"

struct stored {
	uint64_t	 idlen, len, nsent;	/* nsent: NONE64 when none */
	uint64_t	 ncstart;		/* 0, or nsent */
	uint64_t	 at, linelen;		/* its line in file */
	uint32_t	 file;			/* NONE32: the text follows */
	uint32_t	 pad;
};

/* An input whose lines are read again, and what it was when first met. */
struct source {
	unsigned long long serial;	/* input_serial */
	int		 fd;		/* a dup of the input's */
	char		*name;
	off_t		 size;
	struct timespec	 mtime;
};

#define NONE64	UINT64_MAX
#define NONE32	UINT32_MAX
#define GROUP	(64 << 10)	/* bytes of items compressed as one frame */
#define KEEP	(16 * GROUP)	/* a buffer over this is freed after use */
#define CACHE	64		/* groups kept expanded: 4 MB at most */

/* A group read back and expanded. */
struct expanded {
	struct buf	 g;
	uint32_t	 group;		/* its number; UINT32_MAX: none */
};

struct itemstore {
	FILE		*f;
	uint64_t	*off;		/* item i: [off[i], off[i+1]) of the
					   stream before compression */
	uint32_t	 n;
	size_t		 cap;
	uint64_t	*graw;		/* group g: from graw[g] in the stream */
	uint64_t	*gfile;		/* and [gfile[g], gfile[g+1]) in f */
	uint32_t	 ngroups;
	size_t		 capg;
	uint64_t	 rawend;	/* the stream's length so far */
	bool		 dirty;		/* written since the last read */
	struct buf	 raw;		/* the group being gathered */
	struct buf	 z;		/* a group compressed */
	ZSTD_CCtx	*cctx;
	ZSTD_DCtx	*dctx;
	bool		 reread;	/* itemstore_reread was called */
	bool		 plain;		/* and its arguments */
	int		 flags;
	struct source	*src;		/* the inputs read again */
	uint32_t	 nsrc;
	size_t		 capsrc;
	struct buf	 line;		/* a line read again */
	struct record	 rec;		/* and its record */
	struct {
		struct item it;
		struct buf	 b;
		struct buf	 text;		/* a text made again */
		struct sent	*sent;
		size_t		*cstart;
		size_t		 cap, capcs;
	}		 slot[2];
	struct expanded	 cache[CACHE];
};

struct itemstore *
itemstore_new(void)
{
	struct itemstore *st;
	int i;

	st = xcalloc(1, sizeof(*st));
	st->f = spool_open();
	if ((st->cctx = ZSTD_createCCtx()) == NULL ||
	    (st->dctx = ZSTD_createDCtx()) == NULL)
		errx(1, "out of memory");
	st->off = xcalloc(1, sizeof(*st->off));
	st->cap = 1;
	st->graw = xcalloc(2, sizeof(*st->graw));
	st->gfile = xcalloc(2, sizeof(*st->gfile));
	st->capg = 2;
	for (i = 0; i < CACHE; i++)
		st->cache[i].group = UINT32_MAX;
	return st;
}

void
itemstore_free(struct itemstore *st)
{
	uint32_t k;
	int i;

	if (st == NULL)
		return;
	fclose(st->f);
	for (k = 0; k < st->nsrc; k++) {
		close(st->src[k].fd);
		free(st->src[k].name);
	}
	free(st->src);
	buf_free(&st->line);
	record_free(&st->rec);
	free(st->off);
	free(st->graw);
	free(st->gfile);
	buf_free(&st->raw);
	buf_free(&st->z);
	ZSTD_freeCCtx(st->cctx);
	ZSTD_freeDCtx(st->dctx);
	for (i = 0; i < 2; i++) {
		buf_free(&st->slot[i].b);
		buf_free(&st->slot[i].text);
		free(st->slot[i].sent);
		free(st->slot[i].cstart);
	}
	for (i = 0; i < CACHE; i++)
		buf_free(&st->cache[i].g);
	free(st);
}

static void
put(struct itemstore *st, const void *p, size_t n)
{
	buf_add(&st->raw, p, n);
}

/* Compress the group gathered in st->raw and write it as group ngroups. */
static void
end_group(struct itemstore *st)
{
	size_t zn, cap;
	uint32_t g = st->ngroups;

	if (st->raw.len == 0)
		return;
	buf_reset(&st->z);
	buf_grow(&st->z, ZSTD_compressBound(st->raw.len));
	zn = ZSTD_compressCCtx(st->cctx, st->z.s, st->z.cap, st->raw.s,
	    st->raw.len, 1);
	if (ZSTD_isError(zn))
		errx(1, "zstd: %s", ZSTD_getErrorName(zn));
	spool_write(st->f, st->z.s, zn);
	st->dirty = true;
	if ((size_t)g + 2 > st->capg) {
		/* Two arrays of one length: the second follows the first. */
		cap = st->capg;
		st->graw = xroom(st->graw, &cap, (size_t)g + 2,
		    sizeof(*st->graw));
		st->gfile = xreallocarray(st->gfile, cap, sizeof(*st->gfile));
		st->capg = cap;
	}
	st->gfile[g + 1] = st->gfile[g] + zn;
	st->graw[g + 1] = st->rawend;
	st->ngroups++;
	buf_reset(&st->raw);
	/* a long item's group is not held on to, in two buffers, after */
	if (st->raw.cap > KEEP) {
		buf_free(&st->raw);
		buf_free(&st->z);
	}
}

/* Start an item: its header h (all but the text's length filled in). */
static void
begin_item(struct itemstore *st, const struct item *it, struct stored *h)
{
	st->off = xroom(st->off, &st->cap, (size_t)st->n + 2,
	    sizeof(*st->off));
	h->idlen = it->idlen;
	h->len = it->len;
	h->pad = 0;
}

/* End the item whose bytes began at start of the group being gathered. */
static uint32_t
end_item(struct itemstore *st, size_t start)
{
	st->rawend += st->raw.len - start;
	st->off[st->n + 1] = st->rawend;
	if (st->raw.len >= GROUP)
		end_group(st);
	return st->n++;
}

uint32_t
itemstore_add(struct itemstore *st, const struct item *it)
{
	struct stored h;
	struct sent s;
	size_t k, start = st->raw.len;

	begin_item(st, it, &h);
	h.nsent = it->sent != NULL ? it->nsent : NONE64;
	h.ncstart = it->sent != NULL && it->cstart != NULL ? it->nsent : 0;
	h.at = h.linelen = 0;
	h.file = NONE32;
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
	return end_item(st, start);
}

void
itemstore_reread(struct itemstore *st, bool plain, int flags)
{
	st->reread = true;
	st->plain = plain;
	st->flags = flags;
}

/* Input in, on descriptor fd, as a source; exits 1 when it fails. */
static void
add_source(struct itemstore *st, struct input *in, int fd)
{
	struct source *src;
	struct stat sb;
	const char *name = input_name(in);

	st->src = xroom(st->src, &st->capsrc, (size_t)st->nsrc + 1,
	    sizeof(*st->src));
	src = &st->src[st->nsrc];
	if ((src->fd = dup(fd)) < 0 || fstat(src->fd, &sb) < 0)
		err(1, "%s", name);
	src->serial = input_serial(in);
	src->name = xstrdup(name);
	src->size = sb.st_size;
	src->mtime = sb.st_mtim;
	st->nsrc++;
}

uint32_t
itemstore_add_line(struct itemstore *st, const struct item *it,
    struct input *in)
{
	struct stored h;
	unsigned long long at;
	size_t linelen, start = st->raw.len;
	int fd;

	if (!st->reread || in == NULL || it->sent != NULL ||
	    (fd = input_line_at(in, &at, &linelen)) < 0)
		return itemstore_add(st, it);
	if (st->nsrc == 0 ||
	    st->src[st->nsrc - 1].serial != input_serial(in))
		add_source(st, in, fd);
	begin_item(st, it, &h);
	h.nsent = NONE64;
	h.ncstart = 0;
	h.at = at;
	h.linelen = linelen;
	h.file = st->nsrc - 1;
	put(st, &h, sizeof(h));
	put(st, it->id, it->idlen);
	return end_item(st, start);
}

/* Exit 1: source src is not what it was when its lines were read. */
static void __attribute__((noreturn))
changed(const struct source *src)
{
	errx(1, "%s: changed while it was being read: run again on a copy "
	    "that stays as it is", src->name);
}

void
itemstore_check(struct itemstore *st)
{
	struct stat sb;
	uint32_t k;

	for (k = 0; k < st->nsrc; k++)
		if (fstat(st->src[k].fd, &sb) < 0 ||
		    sb.st_size != st->src[k].size ||
		    sb.st_mtim.tv_sec != st->src[k].mtime.tv_sec ||
		    sb.st_mtim.tv_nsec != st->src[k].mtime.tv_nsec)
			changed(&st->src[k]);
}

/*
 * The text of item h (in a source) into text, made from its line again as
 * the item reader made it; exits 1 when the line no longer makes a text
 * of the length it had.
 */
static void
make_again(struct itemstore *st, const struct stored *h, struct buf *text)
{
	const struct source *src = &st->src[h->file];
	const char *msg;
	size_t pos;
	ssize_t r;

	buf_reset(&st->line);
	buf_grow(&st->line, (size_t)h->linelen);
	if ((r = pread(src->fd, st->line.s, (size_t)h->linelen,
	    (off_t)h->at)) < 0)
		err(1, "%s", src->name);
	if ((uint64_t)r != h->linelen || record_read(&st->rec, st->line.s,
	    (size_t)r, st->plain, &msg, &pos) < 0)
		changed(src);
	itemreader_text(st->flags, &st->rec, text);
	if (text->len != h->len)
		changed(src);
}

static void
get(struct itemstore *st, void *p, size_t n, uint64_t off)
{
	ssize_t r;

	if (n > 0 && ((r = pread(fileno(st->f), p, n, (off_t)off)) < 0 ||
	    (size_t)r != n))
		spool_fail();
}

/* Take n bytes of the item at src[0..len) (from *at on) into p. */
static void
take(const char *src, size_t len, void *p, size_t n, size_t *at)
{
	if (n > len - *at)
		errx(1, "temporary file in %s: an item is damaged",
		    spool_dir());
	if (n == 0)
		return;		/* p may be NULL: nothing to hold */
	memcpy(p, src + *at, n);
	*at += n;
}

/* Expand group g into b. */
static void
read_group(struct itemstore *st, uint32_t g, struct buf *b)
{
	unsigned long long rawlen;
	size_t zn, r;

	if (st->dirty && fflush(st->f) == EOF)
		spool_fail();
	st->dirty = false;
	zn = (size_t)(st->gfile[g + 1] - st->gfile[g]);
	buf_reset(&st->z);
	buf_grow(&st->z, zn);
	get(st, st->z.s, zn, st->gfile[g]);
	rawlen = ZSTD_getFrameContentSize(st->z.s, zn);
	if (rawlen == ZSTD_CONTENTSIZE_UNKNOWN ||
	    rawlen == ZSTD_CONTENTSIZE_ERROR ||
	    rawlen != st->graw[g + 1] - st->graw[g])
		errx(1, "temporary file in %s: an item is damaged",
		    spool_dir());
	buf_reset(b);
	buf_grow(b, (size_t)rawlen);
	r = ZSTD_decompressDCtx(st->dctx, b->s, b->cap, st->z.s, zn);
	if (ZSTD_isError(r) || r != rawlen)
		errx(1, "temporary file in %s: an item is damaged",
		    spool_dir());
	b->len = r;
	if (st->z.cap > KEEP)
		buf_free(&st->z);
}

const struct item *
itemstore_get(struct itemstore *st, uint32_t i, int slot)
{
	struct stored h;
	struct expanded *c;
	const char *src;
	size_t ns, len, at;
	uint32_t lo, hi, mid;

	assert(i < st->n && (slot == 0 || slot == 1));
	if (st->off[i] >= st->rawend - st->raw.len) {
		/* In the group still being gathered. */
		src = st->raw.s;
		len = st->raw.len;
		at = (size_t)(st->off[i] - (st->rawend - st->raw.len));
	} else {
		/* The last group starting at or before the item. */
		for (lo = 0, hi = st->ngroups; hi - lo > 1;) {
			mid = lo + (hi - lo) / 2;
			if (st->graw[mid] <= st->off[i])
				lo = mid;
			else
				hi = mid;
		}
		c = &st->cache[lo % CACHE];
		if (c->group != lo) {
			c->group = UINT32_MAX;
			read_group(st, lo, &c->g);
			c->group = lo;
		}
		src = c->g.s;
		len = c->g.len;
		at = (size_t)(st->off[i] - st->graw[lo]);
	}
	len = at + (size_t)(st->off[i + 1] - st->off[i]);
	take(src, len, &h, sizeof(h), &at);
	if (h.file != NONE32) {
		if (h.file >= st->nsrc || h.nsent != NONE64)
			errx(1, "temporary file in %s: an item is damaged",
			    spool_dir());
		buf_reset(&st->slot[slot].b);
		buf_grow(&st->slot[slot].b, h.idlen + 1);
		take(src, len, st->slot[slot].b.s, h.idlen, &at);
		st->slot[slot].b.s[h.idlen] = '\0';
		make_again(st, &h, &st->slot[slot].text);
		st->slot[slot].it.id = st->slot[slot].b.s;
		st->slot[slot].it.idlen = h.idlen;
		st->slot[slot].it.text = buf_cstr(&st->slot[slot].text);
		st->slot[slot].it.len = h.len;
		st->slot[slot].it.sent = NULL;
		st->slot[slot].it.nsent = 0;
		st->slot[slot].it.cstart = NULL;
		return &st->slot[slot].it;
	}
	buf_reset(&st->slot[slot].b);
	buf_grow(&st->slot[slot].b, h.idlen + 1 + h.len);
	take(src, len, st->slot[slot].b.s, h.idlen + h.len, &at);
	st->slot[slot].b.len = h.idlen + h.len;
	st->slot[slot].b.s[h.idlen + h.len] = '\0';
	ns = h.nsent == NONE64 ? 0 : h.nsent;
	st->slot[slot].sent = xroom(st->slot[slot].sent, &st->slot[slot].cap,
	    ns, sizeof(struct sent));
	take(src, len, st->slot[slot].sent, ns * sizeof(struct sent), &at);
	st->slot[slot].cstart = xroom(st->slot[slot].cstart,
	    &st->slot[slot].capcs, h.ncstart, sizeof(size_t));
	take(src, len, st->slot[slot].cstart, h.ncstart * sizeof(size_t),
	    &at);
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
