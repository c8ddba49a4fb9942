/*
 * setstore.c - see setstore.h.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/spool.h"
#include "base/util.h"
#include "sim/setstore.h"

#define CHUNK	(1 << 20)	/* bytes a reader in order reads at once */

struct setstore {
	FILE		*f;
	unsigned	 bands;
	uint64_t	*off;		/* item i's record: off[i] .. off[i+1] */
	uint32_t	 n;
	size_t		 cap;
	uint64_t	 end;
	int		 dirty;		/* written since the last flush */
	unsigned char	*rec;		/* the record being written */
	size_t		 caprec;
};

struct setstore *
setstore_new(unsigned bands)
{
	struct setstore *st;

	st = xcalloc(1, sizeof(*st));
	st->f = spool_open();
	st->bands = bands;
	st->off = xcalloc(1, sizeof(*st->off));
	st->cap = 1;
	return st;
}

void
setstore_free(struct setstore *st)
{
	if (st == NULL)
		return;
	fclose(st->f);
	free(st->off);
	free(st->rec);
	free(st);
}

/*
 * Varints: 7 bits a byte, low bits first, the top bit set on all but the
 * last; written at p (room for 5 bytes), returning the end.
 */
static unsigned char *
put_varint(unsigned char *p, uint32_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

/* Read a varint at p (before end); NULL when it runs past end. */
static const unsigned char *
get_varint(const unsigned char *p, const unsigned char *end, uint32_t *v)
{
	uint32_t x = 0;
	unsigned shift = 0;

	while (p < end && shift < 35) {
		x |= (uint32_t)(*p & 0x7F) << shift;
		if (!(*p++ & 0x80)) {
			*v = x;
			return p;
		}
		shift += 7;
	}
	return NULL;
}

/* get_varint where 5 bytes are known to be there: no bounds to check. */
static inline const unsigned char *
get_varint5(const unsigned char *p, uint32_t *v)
{
	uint32_t x = p[0] & 0x7F;

	if (!(p[0] & 0x80)) {
		*v = x;
		return p + 1;
	}
	x |= (uint32_t)(p[1] & 0x7F) << 7;
	if (!(p[1] & 0x80)) {
		*v = x;
		return p + 2;
	}
	x |= (uint32_t)(p[2] & 0x7F) << 14;
	if (!(p[2] & 0x80)) {
		*v = x;
		return p + 3;
	}
	x |= (uint32_t)(p[3] & 0x7F) << 21;
	if (!(p[3] & 0x80)) {
		*v = x;
		return p + 4;
	}
	*v = x | (uint32_t)p[4] << 28;
	return p[4] & 0x80 ? NULL : p + 5;
}

void
setstore_add(struct setstore *st, const uint32_t *fp, uint32_t n,
    const uint32_t *bands)
{
	unsigned char *r;
	uint32_t f, b;

	if (st->n == UINT32_MAX - 1)
		errx(1, "more than %u items", UINT32_MAX - 1);
	st->off = xroom(st->off, &st->cap, (size_t)st->n + 2,
	    sizeof(*st->off));
	st->n++;
	st->off[st->n] = st->end;
	if (fp == NULL)
		return;
	st->rec = xroom(st->rec, &st->caprec, 5 * ((size_t)n + 1) + 4 *
	    (size_t)st->bands, 1);
	r = put_varint(st->rec, n);
	for (f = 0; f < n; f++)
		r = put_varint(r, f ? fp[f] - fp[f - 1] : fp[0]);
	for (b = 0; b < st->bands; b++) {
		*r++ = (unsigned char)bands[b];
		*r++ = (unsigned char)(bands[b] >> 8);
		*r++ = (unsigned char)(bands[b] >> 16);
		*r++ = (unsigned char)(bands[b] >> 24);
	}
	spool_write(st->f, st->rec, (size_t)(r - st->rec));
	st->end += (uint64_t)(r - st->rec);
	st->off[st->n] = st->end;
	st->dirty = 1;
}

void
setstore_flush(struct setstore *st)
{
	if (st->dirty && fflush(st->f) == EOF)
		spool_fail();
	st->dirty = 0;
}

/* Read the bytes [off, off + n) of the file into p. */
static void
read_at(struct setstore *st, void *p, size_t n, uint64_t off)
{
	ssize_t r;
	size_t got = 0;

	while (got < n) {
		r = pread(fileno(st->f), (char *)p + got, n - got,
		    (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			spool_fail();
		got += (size_t)r;
	}
}

/*
 * Decode the record rec[0..len) into r.  A record this module wrote cannot
 * be bad: a file that changed under it is a fatal error.
 */
static uint32_t
decode(const struct setstore *st, const unsigned char *rec, size_t len,
    struct setread *r)
{
	const unsigned char *p = rec, *end = rec + len;
	uint32_t n, i, v, x = 0;

	if ((p = get_varint(p, end, &n)) == NULL)
		goto bad;
	r->fp = xroom(r->fp, &r->capfp, (size_t)n + 1, sizeof(*r->fp));
	for (i = 0; i < n; i++) {
		if (end - p >= 5)
			p = get_varint5(p, &v);
		else
			p = get_varint(p, end, &v);
		if (p == NULL)
			goto bad;
		x += v;
		r->fp[i] = x;
	}
	if ((size_t)(end - p) != 4 * (size_t)st->bands)
		goto bad;
	r->bands = p;
	return n;
bad:
	errx(1, "temporary file in %s: a set is damaged", spool_dir());
}

uint32_t
setstore_get(struct setstore *st, uint32_t i, struct setread *r)
{
	uint64_t a = st->off[i], z = st->off[i + 1], want = z - a;
	uint32_t j;

	if (a == z) {
		r->bands = NULL;
		return 0;
	}
	if (a < r->from || z > r->to) {
		/* From item i on, as many whole records as fit a chunk. */
		for (j = i + 1; r->ahead && j < st->n && st->off[j + 1] - a <=
		    CHUNK; j++)
			want = st->off[j + 1] - a;
		r->buf = xroom(r->buf, &r->capbuf, (size_t)want + 1, 1);
		read_at(st, r->buf, (size_t)want, a);
		r->from = a;
		r->to = a + want;
	}
	return decode(st, r->buf + (a - r->from), (size_t)(z - a), r);
}

uint32_t
setread_band(const struct setread *r, unsigned b)
{
	const unsigned char *p = r->bands + 4 * (size_t)b;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

void
setread_free(struct setread *r)
{
	free(r->fp);
	free(r->buf);
	r->fp = NULL;
	r->buf = NULL;
	r->capfp = r->capbuf = 0;
	r->from = r->to = 0;
}

uint64_t
setstore_file_bytes(const struct setstore *st)
{
	return st->end;
}

size_t
setstore_bytes(const struct setstore *st)
{
	return st->cap * sizeof(*st->off) + st->caprec;
}
