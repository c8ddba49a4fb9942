/*
 * setstore.c - see setstore.h.
 *
 * A record is the set's size, its fingerprints and its band keys, 32-bit
 * values in the machine's order (the file lives and dies with the
 * process), so a record is a multiple of 4 bytes and, read into an
 * aligned buffer, is its own array: reading a set copies nothing.  The
 * sets were varints of their differences, but a news item of about 500
 * fingerprints has them some 8.6 M apart, 4 bytes of varint all but a
 * fifth of the time: the file was 5% smaller (a gencorpus slice of 50 MB:
 * 34.4 MB of records) for 11% of artsim's instructions spent writing and
 * reading them, with a branch a value that the lengths made unpredictable.
 *
 * The first records stay in memory (setstore_new's memory, 32 MB for
 * artsim): on the 50 MB bench slice, whose records are 37 MB, writing
 * them to the file and reading them back was about 9% of the CPU time of
 * pairs (the kernel's copies, a write a 4 KB buffer).  A record is one
 * place or the other: those in memory are [0, memend), those after it
 * are in the file at their place less memend.
 */
#include <assert.h>
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>

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
	unsigned char	*mem;		/* the records [0, memend), or NULL */
	size_t		 memsize;	/* its bytes at most */
	uint64_t	 memend;	/* where the file's records start */
};

struct setstore *
setstore_new(unsigned bands, size_t memory)
{
	struct setstore *st;

	st = xcalloc(1, sizeof(*st));
	st->f = spool_open();
	st->bands = bands;
	st->memsize = memory;
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
	if (st->mem != NULL)
		munmap(st->mem, st->memsize);
	free(st->off);
	free(st);
}

/*
 * Address space for the first records, asked for in huge pages where the
 * kernel gives them: filled 4 KB at a time, its page faults cost about
 * what writing the file did.  Only the pages written take memory.
 */
static unsigned char *
arena(size_t size)
{
	void *p;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		err(1, "mmap");
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

void
setstore_add(struct setstore *st, const uint32_t *fp, uint32_t n,
    const uint32_t *bands)
{
	uint32_t head = n;
	uint64_t len;
	unsigned char *p;

	if (st->n == UINT32_MAX - 1)
		errx(1, "more than %u items", UINT32_MAX - 1);
	st->off = xroom(st->off, &st->cap, (size_t)st->n + 2,
	    sizeof(*st->off));
	st->n++;
	st->off[st->n] = st->end;
	if (fp == NULL)
		return;
	len = 4 * (1 + (uint64_t)n + st->bands);
	/* end counts the file's records too: after one, none fits. */
	if (st->end + len <= st->memsize) {
		if (st->mem == NULL)
			st->mem = arena(st->memsize);
		p = st->mem + st->end;
		memcpy(p, &head, sizeof(head));
		memcpy(p + 4, fp, (size_t)n * sizeof(*fp));
		if (st->bands > 0)	/* else bands may be NULL */
			memcpy(p + 4 + 4 * (size_t)n, bands,
			    (size_t)st->bands * sizeof(*bands));
		st->end += len;
		st->memend = st->end;
		st->off[st->n] = st->end;
		return;
	}
	spool_write(st->f, &head, sizeof(head));
	spool_write(st->f, fp, (size_t)n * sizeof(*fp));
	spool_write(st->f, bands, (size_t)st->bands * sizeof(*bands));
	st->end += len;
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
 * Point r at the record rec[0..len), 4-byte aligned.  A record this module
 * wrote cannot be bad: a file that changed under it is a fatal error.
 */
static uint32_t
decode(const struct setstore *st, const unsigned char *rec, size_t len,
    struct setread *r)
{
	const uint32_t *v = (const uint32_t *)(const void *)rec;

	if (len < 4 || len != 4 * (1 + (size_t)v[0] + st->bands))
		errx(1, "temporary file in %s: a set is damaged",
		    spool_dir());
	r->fp = v + 1;
	r->bands = v + 1 + v[0];
	return v[0];
}

void
setread_keep(struct setread *r, uint32_t nslots, size_t bytes)
{
	assert(r->nslots == 0 && nslots > 0 && (nslots & (nslots - 1)) == 0);
	r->slot = xcalloc(nslots, sizeof(*r->slot));
	r->nslots = nslots;
	r->kept = 0;
	r->keep = bytes;
}

/*
 * The place for item i's record of want bytes, or NULL when it is not to
 * be kept.  A place's buffer is made exactly as large as its records
 * need, so the bytes kept are counted, not a growth's spare room.
 */
static struct setslot *
keep_slot(struct setread *r, uint32_t i, size_t want)
{
	struct setslot *s;

	if (r->nslots == 0 || want > SETREAD_KEEP_MAX)
		return NULL;
	s = &r->slot[i & (r->nslots - 1)];
	if (s->item == i + 1 || s->cap >= want)
		return s;
	if (r->kept - s->cap + want > r->keep)
		return NULL;
	r->kept += want - s->cap;
	free(s->buf);
	s->item = 0;
	s->buf = xmalloc(want);
	s->cap = want;
	return s;
}

uint32_t
setstore_get(struct setstore *st, uint32_t i, struct setread *r)
{
	uint64_t a = st->off[i], z = st->off[i + 1], want = z - a;
	struct setslot *s;
	uint32_t j;

	if (a == z) {
		r->fp = r->bands = NULL;
		return 0;
	}
	if (z <= st->memend)
		return decode(st, st->mem + a, (size_t)want, r);
	a -= st->memend;
	z -= st->memend;
	if ((s = keep_slot(r, i, (size_t)want)) != NULL) {
		if (s->item != i + 1) {
			s->item = 0;
			read_at(st, s->buf, (size_t)want, a);
			s->item = i + 1;
		}
		return decode(st, s->buf, (size_t)want, r);
	}
	if (a < r->from || z > r->to) {
		/* From item i on, as many whole records as fit a chunk. */
		for (j = i + 1; r->ahead && j < st->n && st->off[j + 1] -
		    st->memend - a <= CHUNK; j++)
			want = st->off[j + 1] - st->memend - a;
		/* malloc's alignment, which records keep: 4-byte values. */
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
	return r->bands[b];
}

void
setread_free(struct setread *r)
{
	uint32_t k;

	for (k = 0; k < r->nslots; k++)
		free(r->slot[k].buf);
	free(r->slot);
	r->slot = NULL;
	r->nslots = 0;
	free(r->buf);
	r->fp = r->bands = NULL;
	r->buf = NULL;
	r->capbuf = 0;
	r->from = r->to = 0;
}

uint64_t
setstore_file_bytes(const struct setstore *st)
{
	return st->end - st->memend;
}

size_t
setstore_bytes(const struct setstore *st)
{
	return st->cap * sizeof(*st->off) + (size_t)st->memend;
}
