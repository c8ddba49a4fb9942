/*
 * refindex.c - see refindex.h.
 *
 * The builder keeps the postings in memory as (fingerprint << 32 |
 * reference) and the strings in a temporary file; writing scatters the
 * postings into directory buckets (references stay ascending, being added
 * in order) and sorts each bucket.  A query looks all its fingerprints up
 * at once, reads the rarer lists, counting hits per reference with a
 * stamp array, and intersects its set with the stored set of each
 * reference whose hits could still reach a threshold.  It allocates
 * nothing in the steady state, and its memory is fixed by the number of
 * references, not by the stream.
 *
 * Measured on 100,000 generated references (gencorpus, 337 MB; an index of
 * 1 GB) and 50 MB of items: reading every list of up to 500 references and
 * counting the longer ones by binary search for every reference met ran at
 * 11 MB/s; reading the rarest lists the thresholds need and intersecting
 * the few references left with their stored sets, at 19-20 MB/s, of which
 * reading and shingling the items take a quarter.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "sent/sentsplit.h"
#include "sim/refindex.h"
#include "sim/shingle.h"
#include "base/utf8.h"
#include "base/util.h"
#include "base/spool.h"

#define MAGIC		"artsimIX"
#define BYTEORDER	0x01020304u
#define HEADER		192
#define MAXDIRBITS	30

/* The sections after the header, in the order of the file. */
enum { S_ITEM, S_DIR, S_FP, S_REF, S_SET, S_SENT, S_STR, NSECT };
static const char *const sect_name[NSECT] = {
	"items", "directory", "fingerprints", "references", "sets",
	"sentences", "strings"
};

struct rhead {
	char		 magic[8];
	uint32_t	 version;	/* at offset 8 in every version */
	uint32_t	 byteorder;	/* at offset 12 in every version */
	uint32_t	 n, chars;	/* the shingler's settings */
	uint64_t	 seed;
	uint32_t	 nitems, dirbits;
	uint64_t	 npost, nsent, strbytes, size;
	uint64_t	 off_item, off_dir, off_fp, off_ref, off_set, off_sent;
	uint64_t	 off_str;
	uint64_t	 sum[NSECT];	/* XXH3 of each section, in order */
	uint64_t	 check;		/* XXH64 of the bytes before it */
};

struct ritem {
	uint64_t	 str;		/* id at str, text right after it */
	uint64_t	 len;		/* text bytes */
	uint64_t	 sent;		/* first sentence */
	uint32_t	 idlen;
	uint32_t	 size;		/* shingle fingerprints */
	uint32_t	 nsent;
	uint32_t	 set;		/* first fingerprint in the sets */
};

struct rsent {
	uint32_t	 start, end;	/* bytes of the text */
	uint64_t	 cstart;	/* code point in the original text, or
					   NOCSTART: the text is the original */
};

#define NOCSTART	UINT64_MAX

_Static_assert(sizeof(struct rhead) == HEADER, "header size");
_Static_assert(sizeof(struct ritem) == 40, "item size");
_Static_assert(sizeof(struct rsent) == 16, "sentence size");

struct refindex_builder {
	struct sim_opts	 opts;
	struct shingler	*sh;
	struct sentsplit *ss;
	struct sent	*sv;
	size_t		 capsv;
	struct ritem	*items;
	size_t		 nitems, capitems;
	struct rsent	*sents;
	size_t		 nsents, capsents;
	uint64_t	*post;
	size_t		 npost, cappost;
	uint32_t	*fp;		/* one item's fingerprints */
	size_t		 capfp;
	FILE		*str;
	uint64_t	 strbytes;
	XXH3_state_t	*strsum;	/* of the strings, as they are spooled */
};

struct span {
	uint64_t	 lo, hi;
};

/*
 * Hits of the query in one reference, valid when stamp is the query's,
 * next to the reference's size, so a hit touches one cache line.
 */
struct count {
	uint32_t	 stamp, hits, size;
};

struct refindex {
	char		*path;
	const unsigned char *map;
	size_t		 mapsize;
	struct rhead	 h;
	const struct ritem *items;
	const uint32_t	*dir;
	const uint32_t	*fp, *ref, *set;
	const struct rsent *sents;
	const char	*str;
	struct sim_opts	 opts;
	_Atomic int	*state;		/* per section: 0 unchecked, 1 sound,
					   2 damaged; set by any thread */
	_Atomic(const char *) *damage;	/* what was found damaged first */
};

/* One thread's scratch for querying ix; ix itself is only read. */
struct refquery {
	const struct refindex *ix;
	bool		 damaged;	/* this query met damage */
	struct shingler	*sh;
	uint32_t	*q;		/* the query's fingerprints, ascending */
	size_t		 capq;
	struct span	*span;		/* their postings */
	uint32_t	*df, *tmp;	/* and how many */
	size_t		 capspan;
	struct count	*count;		/* per reference, for the query */
	uint32_t	*touched, epoch;
	uint64_t	*kept;		/* a bit per reference, see scan_kept */
	struct pair	*pairs;
	size_t		 cappairs;
	struct sent	*sv;
	size_t		*cs;
	size_t		 capsv, capcs;
};

static uint64_t
align8(uint64_t x)
{
	return (x + 7) & ~(uint64_t)7;
}

/*
 * Where every section goes, from the counts in h: h's offsets and size are
 * set.  The counts are below 2^32 (and strbytes below the file's size), so
 * nothing overflows.
 */
static void
layout(struct rhead *h)
{
	uint64_t nb = (uint64_t)1 << h->dirbits;

	h->off_item = HEADER;
	h->off_dir = align8(h->off_item + h->nitems * sizeof(struct ritem));
	h->off_fp = align8(h->off_dir + (nb + 1) * sizeof(uint32_t));
	h->off_ref = align8(h->off_fp + h->npost * sizeof(uint32_t));
	h->off_set = align8(h->off_ref + h->npost * sizeof(uint32_t));
	h->off_sent = align8(h->off_set + h->npost * sizeof(uint32_t));
	h->off_str = h->off_sent + h->nsent * sizeof(struct rsent);
	h->size = h->off_str + h->strbytes;
}

struct refindex_builder *
refindex_builder_new(const struct sim_opts *opts)
{
	struct refindex_builder *b;

	b = xcalloc(1, sizeof(*b));
	if (opts != NULL)
		b->opts = *opts;
	else
		sim_opts_init(&b->opts);
	b->sh = shingler_new(b->opts.n, b->opts.chars, b->opts.seed);
	b->ss = sentsplit_new("en", NULL, 0);
	b->str = spool_open();
	if ((b->strsum = XXH3_createState()) == NULL)
		err(1, NULL);
	XXH3_64bits_reset(b->strsum);
	return b;
}

void
refindex_builder_free(struct refindex_builder *b)
{
	if (b == NULL)
		return;
	shingler_free(b->sh);
	sentsplit_free(b->ss);
	free(b->sv);
	free(b->items);
	free(b->sents);
	free(b->post);
	free(b->fp);
	fclose(b->str);
	XXH3_freeState(b->strsum);
	free(b);
}

static void
spool(struct refindex_builder *b, const void *p, size_t n)
{
	spool_write(b->str, p, n);
	XXH3_64bits_update(b->strsum, p, n);
	b->strbytes += n;
}

uint32_t
refindex_builder_add(struct refindex_builder *b, const struct item *it)
{
	const struct sent *sv = it->sent;
	const size_t *cs = it->cstart;
	const uint64_t *set;
	struct ritem *ri;
	uint32_t r;
	size_t n, m, i, ns = it->nsent;

	if (b->nitems >= UINT32_MAX - 1 || it->len > UINT32_MAX ||
	    it->idlen > UINT32_MAX)
		errx(1, "too many or too large reference items for an index");
	r = (uint32_t)b->nitems;
	if (sv == NULL) {
		ns = sentsplit_run(b->ss, it->text, it->len, &b->sv,
		    &b->capsv);
		sv = b->sv;
		cs = NULL;
	}
	set = shingler_set(b->sh, it->text, it->len, &n);
	if (b->npost + n >= UINT32_MAX)
		errx(1, "too many shingles for an index");
	b->post = xroom(b->post, &b->cappost, b->npost + n, sizeof(*b->post));
	b->fp = xroom(b->fp, &b->capfp, n, sizeof(*b->fp));
	m = sim_fingerprints(set, n, b->fp);
	shingler_trim(b->sh);	/* a long item's arrays go with it */
	b->items = xroom(b->items, &b->capitems, b->nitems + 1,
	    sizeof(*b->items));
	ri = &b->items[b->nitems++];
	memset(ri, 0, sizeof(*ri));
	ri->str = b->strbytes;
	ri->idlen = (uint32_t)it->idlen;
	ri->len = it->len;
	ri->size = (uint32_t)m;
	ri->set = (uint32_t)b->npost;
	ri->sent = b->nsents;
	ri->nsent = (uint32_t)ns;
	for (i = 0; i < m; i++)
		b->post[b->npost++] = (uint64_t)b->fp[i] << 32 | r;
	b->sents = xroom(b->sents, &b->capsents, b->nsents + ns,
	    sizeof(*b->sents));
	/* Without cstart the text's own offsets hold: counted when read. */
	for (i = 0; i < ns; i++) {
		b->sents[b->nsents].start = (uint32_t)sv[i].start;
		b->sents[b->nsents].end = (uint32_t)sv[i].end;
		b->sents[b->nsents++].cstart = cs != NULL ? cs[i] : NOCSTART;
	}
	spool(b, it->id, it->idlen);
	spool(b, it->text, it->len);
	return r;
}

/*
 * Enough directory bits for about 16 postings a bucket: 64 bytes of
 * fingerprints, one cache line, and a directory small enough to stay in
 * the processor's caches (16 MB for 50 million postings; 8 a bucket, with
 * 64-bit offsets, was a fifth slower).
 */
static uint32_t
dir_bits(uint64_t npost)
{
	uint32_t bits = 8;

	while (bits < MAXDIRBITS && ((uint64_t)16 << bits) < npost)
		bits++;
	return bits;
}

/* Write zeros up to the next multiple of 8 from offset at. */
static void
pad(void (*write)(void *, const void *, size_t), void *arg, uint64_t at)
{
	static const char zero[8];

	if (align8(at) != at)
		write(arg, zero, align8(at) - at);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Sort postings [lo, hi) of fp and ref by fingerprint, then reference:
 * insertion sort for a bucket of the usual few, qsort for one that holds
 * a common phrase.
 */
static void
sort_bucket(uint32_t *fp, uint32_t *ref, uint64_t lo, uint64_t hi,
    uint64_t **tmp, size_t *cap)
{
	uint64_t i, at;
	uint32_t f, r;

	if (hi - lo <= 64) {
		for (i = lo + 1; i < hi; i++) {
			f = fp[i];
			r = ref[i];
			for (at = i; at > lo && (fp[at - 1] > f ||
			    (fp[at - 1] == f && ref[at - 1] > r)); at--) {
				fp[at] = fp[at - 1];
				ref[at] = ref[at - 1];
			}
			fp[at] = f;
			ref[at] = r;
		}
		return;
	}
	*tmp = xroom(*tmp, cap, hi - lo, sizeof(**tmp));
	for (i = lo; i < hi; i++)
		(*tmp)[i - lo] = (uint64_t)fp[i] << 32 | ref[i];
	qsort(*tmp, hi - lo, sizeof(**tmp), cmp_u64);
	for (i = lo; i < hi; i++) {
		fp[i] = (uint32_t)((*tmp)[i - lo] >> 32);
		ref[i] = (uint32_t)(*tmp)[i - lo];
	}
}

/*
 * Sort the postings into dir buckets, writing fingerprints to fp and
 * references to ref; dir[] gets each bucket's start.
 */
static void
sort_postings(const struct refindex_builder *b, uint32_t bits, uint32_t *dir,
    uint32_t *fp, uint32_t *ref)
{
	uint64_t nb = (uint64_t)1 << bits, i, at, *tmp = NULL;
	size_t cap = 0;
	uint32_t f;
	int shift = 32 - (int)bits;

	memset(dir, 0, (nb + 1) * sizeof(*dir));
	for (i = 0; i < b->npost; i++)
		dir[(b->post[i] >> 32 >> shift) + 1]++;
	for (i = 0; i < nb; i++)
		dir[i + 1] += dir[i];
	for (i = 0; i < b->npost; i++) {
		f = (uint32_t)(b->post[i] >> 32);
		at = dir[f >> shift]++;
		fp[at] = f;
		ref[at] = (uint32_t)b->post[i];
	}
	for (i = nb; i > 0; i--)
		dir[i] = dir[i - 1];
	dir[0] = 0;
	for (i = 0; i < nb; i++)
		sort_bucket(fp, ref, dir[i], dir[i + 1], &tmp, &cap);
	free(tmp);
}

/* The checksum of the sets section: each posting's fingerprint, in order. */
static uint64_t
set_sum(const struct refindex_builder *b)
{
	XXH3_state_t *st;
	uint32_t chunk[4096];
	uint64_t i, sum;
	size_t n;

	if ((st = XXH3_createState()) == NULL)
		err(1, NULL);
	XXH3_64bits_reset(st);
	for (i = 0; i < b->npost; i += n) {
		for (n = 0; n < NELEM(chunk) && i + n < b->npost; n++)
			chunk[n] = (uint32_t)(b->post[i + n] >> 32);
		XXH3_64bits_update(st, chunk, n * sizeof(*chunk));
	}
	sum = XXH3_64bits_digest(st);
	XXH3_freeState(st);
	return sum;
}

void
refindex_builder_write(struct refindex_builder *b,
    void (*write)(void *arg, const void *p, size_t n), void *arg)
{
	struct rhead h;
	uint64_t nb, i;
	uint32_t *dir, *fp, *ref;
	char chunk[65536];
	size_t n;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, sizeof(h.magic));
	h.version = REFINDEX_VERSION;
	h.byteorder = BYTEORDER;
	h.n = b->opts.n;
	h.chars = b->opts.chars;
	h.seed = b->opts.seed;
	h.nitems = (uint32_t)b->nitems;
	h.dirbits = dir_bits(b->npost);
	h.npost = b->npost;
	h.nsent = b->nsents;
	h.strbytes = b->strbytes;
	layout(&h);

	nb = (uint64_t)1 << h.dirbits;
	dir = xreallocarray(NULL, nb + 1, sizeof(*dir));
	fp = xreallocarray(NULL, b->npost + 1, sizeof(*fp));
	ref = xreallocarray(NULL, b->npost + 1, sizeof(*ref));
	sort_postings(b, h.dirbits, dir, fp, ref);
	/* Every section's checksum goes in the header, before them all. */
	h.sum[S_ITEM] = XXH3_64bits(b->items, h.nitems *
	    sizeof(struct ritem));
	h.sum[S_DIR] = XXH3_64bits(dir, (nb + 1) * sizeof(*dir));
	h.sum[S_FP] = XXH3_64bits(fp, h.npost * sizeof(*fp));
	h.sum[S_REF] = XXH3_64bits(ref, h.npost * sizeof(*ref));
	h.sum[S_SET] = set_sum(b);
	h.sum[S_SENT] = XXH3_64bits(b->sents, h.nsent * sizeof(struct rsent));
	h.sum[S_STR] = XXH3_64bits_digest(b->strsum);
	h.check = XXH64(&h, offsetof(struct rhead, check), 0);
	write(arg, &h, sizeof(h));
	write(arg, b->items, h.nitems * sizeof(struct ritem));
	pad(write, arg, h.off_item + h.nitems * sizeof(struct ritem));
	write(arg, dir, (nb + 1) * sizeof(*dir));
	pad(write, arg, h.off_dir + (nb + 1) * sizeof(*dir));
	write(arg, fp, h.npost * sizeof(*fp));
	pad(write, arg, h.off_fp + h.npost * sizeof(*fp));
	write(arg, ref, h.npost * sizeof(*ref));
	pad(write, arg, h.off_ref + h.npost * sizeof(*ref));
	/* Each reference's set: its postings, still in the order added. */
	for (i = 0; i < h.npost; i++)
		fp[i] = (uint32_t)(b->post[i] >> 32);
	write(arg, fp, h.npost * sizeof(*fp));
	pad(write, arg, h.off_set + h.npost * sizeof(*fp));
	write(arg, b->sents, h.nsent * sizeof(struct rsent));
	free(dir);
	free(fp);
	free(ref);
	spool_rewind(b->str);
	while ((n = fread(chunk, 1, sizeof(chunk), b->str)) > 0)
		write(arg, chunk, n);
	spool_check(b->str);
}

/* Reading an index. */

/* Where section sn lies in the file, from the header's counts. */
static void
section(const struct rhead *h, int sn, uint64_t *off, uint64_t *len)
{
	switch (sn) {
	case S_ITEM:
		*off = h->off_item;
		*len = (uint64_t)h->nitems * sizeof(struct ritem);
		break;
	case S_DIR:
		*off = h->off_dir;
		*len = (((uint64_t)1 << h->dirbits) + 1) * sizeof(uint32_t);
		break;
	case S_FP:
	case S_REF:
	case S_SET:
		*off = sn == S_FP ? h->off_fp : sn == S_REF ? h->off_ref :
		    h->off_set;
		*len = h->npost * sizeof(uint32_t);
		break;
	case S_SENT:
		*off = h->off_sent;
		*len = h->nsent * sizeof(struct rsent);
		break;
	default:
		*off = h->off_str;
		*len = h->strbytes;
	}
}

/* Does section sn match its checksum? */
static bool
section_sum_ok(const struct refindex *ix, int sn)
{
	uint64_t off, len;

	section(&ix->h, sn, &off, &len);
	return XXH3_64bits(ix->map + off, (size_t)len) == ix->h.sum[sn];
}

/*
 * The query met damage in what: it will answer REFQUERY_DAMAGED, and the
 * index keeps the first damage any query met, for the one message.
 */
static void
damaged(struct refquery *rq, const char *what)
{
	const char *none = NULL;

	rq->damaged = true;
	atomic_compare_exchange_strong(rq->ix->damage, &none, what);
}

/*
 * Is section sn sound?  Checked against its checksum the first time a
 * query needs it, by whichever thread comes first (two may both check:
 * they agree), so opening stays instant and a query reads no section it
 * does not use.
 */
static bool
sound(struct refquery *rq, int sn)
{
	const struct refindex *ix = rq->ix;
	int st = atomic_load(&ix->state[sn]);

	if (st == 0) {
		st = section_sum_ok(ix, sn) ? 1 : 2;
		atomic_store(&ix->state[sn], st);
	}
	if (st != 1)
		damaged(rq, sect_name[sn]);
	return st == 1;
}

/* Check the header against the file's size; NULL or what is wrong. */
static const char *
check_header(const struct rhead *h, uint64_t size, char *err, size_t errlen)
{
	struct rhead want;

	if (h->check != XXH64(h, offsetof(struct rhead, check), 0))
		return "damaged header";
	if (size < h->size) {
		snprintf(err, errlen, "truncated: %llu of %llu bytes",
		    (unsigned long long)size, (unsigned long long)h->size);
		return err;
	}
	if (size > h->size)
		return "longer than its header says: damaged";
	if (h->dirbits > MAXDIRBITS || h->n == 0 || h->n > 64 ||
	    h->chars > 64 || h->npost >= UINT32_MAX ||
	    h->nsent >= UINT32_MAX || h->strbytes > size)
		return "damaged header";
	/* Every section where the counts put it. */
	want = *h;
	layout(&want);
	if (memcmp(&want.size, &h->size, offsetof(struct rhead, sum) -
	    offsetof(struct rhead, size)) != 0)
		return "damaged header";
	return NULL;
}

/*
 * Check every item's strings, sentences and set lie inside their sections.
 */
static bool
items_ok(const struct refindex *ix)
{
	const struct ritem *it;
	uint32_t r;

	for (r = 0; r < ix->h.nitems; r++) {
		it = &ix->items[r];
		if (it->idlen > ix->h.strbytes || it->len > ix->h.strbytes -
		    it->idlen || it->str > ix->h.strbytes - it->idlen -
		    it->len || it->sent > ix->h.nsent || it->nsent >
		    ix->h.nsent - it->sent || it->set > ix->h.npost ||
		    it->size > ix->h.npost - it->set)
			return false;
	}
	return true;
}

/* Open and check path's header; the descriptor, or -1 and *why. */
static int
open_checked(const char *path, struct rhead *h, char *err, size_t errlen)
{
	struct stat sb;
	const char *why = NULL;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || fstat(fd, &sb) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	memset(h, 0, sizeof(*h));
	if (!S_ISREG(sb.st_mode))
		why = "not a regular file";
	else if (pread(fd, h, sizeof(*h), 0) < 8 || memcmp(h->magic, MAGIC,
	    sizeof(h->magic)) != 0)
		why = "not an artsim reference index";
	else if ((uint64_t)sb.st_size < 16) {
		snprintf(err, errlen, "truncated: %llu bytes",
		    (unsigned long long)sb.st_size);
		why = err;
	} else if (h->byteorder != BYTEORDER)
		why = "made on a machine of the other byte order: build it "
		    "again here with artsim --index";
	else if (h->version != REFINDEX_VERSION) {
		snprintf(err, errlen, "index format version %u, but this "
		    "artsim reads version %u: build it again with artsim "
		    "--index", h->version, REFINDEX_VERSION);
		why = err;
	} else if ((uint64_t)sb.st_size < HEADER) {
		snprintf(err, errlen, "truncated: %llu bytes, less than a "
		    "header", (unsigned long long)sb.st_size);
		why = err;
	} else
		why = check_header(h, (uint64_t)sb.st_size, err, errlen);
	if (why == NULL)
		return fd;
	if (why != err)
		snprintf(err, errlen, "%s", why);
	close(fd);
	return -1;
}

struct refindex *
refindex_open(const char *path, const struct sim_opts *opts, char *err,
    size_t errlen)
{
	struct refindex *ix;
	struct rhead h;
	void *map;
	int fd;

	if ((fd = open_checked(path, &h, err, errlen)) < 0)
		return NULL;
	map = mmap(NULL, (size_t)h.size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		snprintf(err, errlen, "mmap: %s", strerror(errno));
		return NULL;
	}
	/* Postings are looked up at random: read no more than asked. */
	madvise(map, (size_t)h.size, MADV_RANDOM);
	ix = xcalloc(1, sizeof(*ix));
	ix->path = xstrdup(path);
	ix->map = map;
	ix->mapsize = (size_t)h.size;
	ix->h = h;
	ix->items = (const struct ritem *)(ix->map + h.off_item);
	ix->dir = (const uint32_t *)(ix->map + h.off_dir);
	ix->fp = (const uint32_t *)(ix->map + h.off_fp);
	ix->ref = (const uint32_t *)(ix->map + h.off_ref);
	ix->set = (const uint32_t *)(ix->map + h.off_set);
	ix->sents = (const struct rsent *)(ix->map + h.off_sent);
	ix->str = (const char *)(ix->map + h.off_str);
	ix->state = xcalloc(NSECT, sizeof(*ix->state));
	ix->damage = xcalloc(1, sizeof(*ix->damage));
	/* The items are all read by every query: checked now. */
	if (!section_sum_ok(ix, S_ITEM) || !items_ok(ix)) {
		snprintf(err, errlen, "damaged item table");
		refindex_close(ix);
		return NULL;
	}
	atomic_store(&ix->state[S_ITEM], 1);
	if (opts != NULL)
		ix->opts = *opts;
	else
		sim_opts_init(&ix->opts);
	refindex_settings(ix, &ix->opts);
	return ix;
}

void
refindex_close(struct refindex *ix)
{
	if (ix == NULL)
		return;
	munmap((void *)ix->map, ix->mapsize);
	free(ix->path);
	free(ix->state);
	free((void *)ix->damage);
	free(ix);
}

struct refquery *
refquery_new(const struct refindex *ix)
{
	struct refquery *rq;
	uint32_t r;

	rq = xcalloc(1, sizeof(*rq));
	rq->ix = ix;
	rq->sh = shingler_new(ix->h.n, ix->h.chars, ix->h.seed);
	rq->touched = xcalloc((size_t)ix->h.nitems + 1, sizeof(*rq->touched));
	/* The sizes, which every query reads, next to the hit counts. */
	rq->count = xcalloc((size_t)ix->h.nitems + 1, sizeof(*rq->count));
	for (r = 0; r < ix->h.nitems; r++)
		rq->count[r].size = ix->items[r].size;
	rq->kept = xcalloc(((size_t)ix->h.nitems + 63) / 64,
	    sizeof(*rq->kept));
	return rq;
}

void
refquery_free(struct refquery *rq)
{
	if (rq == NULL)
		return;
	shingler_free(rq->sh);
	free(rq->q);
	free(rq->span);
	free(rq->df);
	free(rq->tmp);
	free(rq->count);
	free(rq->kept);
	free(rq->touched);
	free(rq->pairs);
	free(rq->sv);
	free(rq->cs);
	free(rq);
}

const char *
refindex_damage(const struct refindex *ix)
{
	return atomic_load(ix->damage);
}

uint32_t
refindex_count(const struct refindex *ix)
{
	return ix->h.nitems;
}

void
refindex_settings(const struct refindex *ix, struct sim_opts *opts)
{
	opts->n = ix->h.n;
	opts->chars = ix->h.chars;
	opts->seed = ix->h.seed;
}

/*
 * A fingerprint's directory bucket, its top 32 - shift bits.  In 64 bits,
 * since a header may say dirbits 0 (one bucket, shift 32), which the
 * builder never writes but the format allows: a 32-bit shift by 32 is
 * undefined, and on x86 read the directory at q, far past its end.
 */
static inline uint32_t
bucket(uint32_t fp, int shift)
{
	return (uint32_t)((uint64_t)fp >> shift);
}

/*
 * The postings of the m fingerprints q[]: span[i] is [lo, hi) of fp[] and
 * ref[] for q[i].  In three passes, each asking the memory for the lines
 * the next will read, so the misses of many lookups overlap (a quarter
 * faster than looking each up in turn, on 100,000 references).
 */
static void
lookup(struct refquery *rq, const uint32_t *q, size_t m, struct span *span)
{
	const struct refindex *ix = rq->ix;
	uint64_t lo, hi, mid, end, k, below, upto;
	size_t i;
	int shift = 32 - (int)ix->h.dirbits;
	bool bad = false;

	for (i = 0; i < m; i++)
		__builtin_prefetch(&ix->dir[bucket(q[i], shift)]);
	for (i = 0; i < m; i++) {
		lo = ix->dir[bucket(q[i], shift)];
		hi = ix->dir[bucket(q[i], shift) + 1];
		if (lo > hi || hi > ix->h.npost) {
			bad = true;
			lo = hi = 0;
		}
		span[i].lo = lo;
		span[i].hi = hi;
		if (lo < hi) {
			__builtin_prefetch(&ix->fp[lo]);
			__builtin_prefetch(&ix->fp[hi - 1]);
		}
	}
	for (i = 0; i < m; i++) {
		lo = span[i].lo;
		end = hi = span[i].hi;
		if (hi - lo <= 64) {
			/* The usual bucket: count, without branches. */
			for (below = upto = 0, k = lo; k < hi; k++) {
				below += ix->fp[k] < q[i];
				upto += ix->fp[k] <= q[i];
			}
			span[i].lo = lo + below;
			span[i].hi = lo + upto;
			if (below < upto)
				__builtin_prefetch(&ix->ref[lo + below]);
			continue;
		}
		while (lo < hi) {		/* the first >= q[i] */
			mid = lo + (hi - lo) / 2;
			if (ix->fp[mid] < q[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		span[i].lo = lo;
		for (hi = end; lo < hi;) {	/* the first > q[i] */
			mid = lo + (hi - lo) / 2;
			if (ix->fp[mid] <= q[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		span[i].hi = hi;
		if (span[i].lo < hi)
			__builtin_prefetch(&ix->ref[span[i].lo]);
	}
	if (bad)
		damaged(rq, "directory");
}

/*
 * A little under the fewest shingles that make a pair: |A n B| / |A u B|
 * >= jaccard means |A n B| >= jaccard (m + s) / (1 + jaccard); containment
 * either way, contain m or contain s.  jq is jaccard / (1 + jaccard).
 */
static double
needed(const struct sim_opts *o, double jq, size_t m, uint32_t s)
{
	double need = jq * ((double)m + s);

	if (o->contain > 0) {
		if (o->contain * m < need)
			need = o->contain * m;
		if (o->contain * s < need)
			need = o->contain * s;
	}
	if (o->floor > 0) {
		if (o->floor * m < need)
			need = o->floor * m;
		if (o->floor * s < need)
			need = o->floor * s;
	}
	return need - 1e-6;
}

/*
 * The fewest shingles the item must share with a reference that is a pair
 * by Jaccard (at least jaccard m, reached when s = jaccard m) or by
 * containment in the reference (contain m), or with any reference that
 * shares REFINDEX_SURE of it, whichever is more.
 */
static uint32_t
needed_item(const struct sim_opts *o, size_t m)
{
	double share = o->jaccard, need;

	if (o->contain > 0 && o->contain < share)
		share = o->contain;
	if (o->floor > 0 && o->floor < share)
		share = o->floor;
	if (share < REFINDEX_SURE)
		share = REFINDEX_SURE;
	need = ceil(share * m - 1e-9);
	return need < 1 ? 1 : (uint32_t)need;
}

/* Count one hit for every reference holding the fingerprint at s. */
static size_t
scan(struct refquery *rq, const struct span *s, size_t nt)
{
	const uint32_t *ref = rq->ix->ref, nitems = rq->ix->h.nitems;
	const uint32_t epoch = rq->epoch;
	struct count *c = rq->count;
	uint32_t *touched = rq->touched;
	uint64_t k;
	uint32_t r;
	bool bad = false;

	/* Damage noted after the loop, so it keeps its values in registers. */
	for (k = s->lo; k < s->hi; k++) {
		if ((r = ref[k]) >= nitems) {
			bad = true;
			continue;
		}
		if (k + 8 < s->hi)
			__builtin_prefetch(&c[ref[k + 8]]);
		if (c[r].stamp != epoch) {
			c[r].stamp = epoch;
			c[r].hits = 0;
			touched[nt++] = r;
		}
		c[r].hits++;
	}
	if (bad)
		damaged(rq, "postings");
	return nt;
}

/*
 * Add the hits of s to the references kept (their bits set in rq->kept),
 * and to no other.  The common lists are long and most of their postings
 * name references not kept: a bitmap (a bit a reference: 12.5 KB for
 * 100,000, which stays in the first-level cache) answers them where the
 * counts (12 bytes each, 1.2 MB) would miss it; on make bench's 100,000
 * references the query took about a quarter less CPU than with a test
 * of each posting's count (5 MB of items, the median of six runs).
 */
static void
scan_kept(struct refquery *rq, const struct span *s)
{
	const uint32_t *ref = rq->ix->ref, nitems = rq->ix->h.nitems;
	const uint64_t *kept = rq->kept;
	struct count *c = rq->count;
	uint64_t k;
	uint32_t r;
	bool bad = false;

	for (k = s->lo; k < s->hi; k++) {
		if ((r = ref[k]) >= nitems) {
			bad = true;
			continue;
		}
		if (kept[r / 64] >> (r % 64) & 1)
			c[r].hits++;
	}
	if (bad)
		damaged(rq, "postings");
}

/* Set (on) or clear the bits of the n references in v. */
static void
mark_kept(struct refquery *rq, const uint32_t *v, size_t n, bool on)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (on)
			rq->kept[v[i] / 64] |= (uint64_t)1 << (v[i] % 64);
		else
			rq->kept[v[i] / 64] = 0;
	}
}

/* The k-th smallest (from 0) of v[0..n), k < n; v is reordered. */
static uint32_t
select_kth(uint32_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n, lt, gt, i;
	uint32_t pivot, t;

	for (;;) {
		/* Three ways: [lo, lt) < pivot, [lt, gt) = pivot, [gt, hi) >. */
		pivot = v[lo + (hi - lo) / 2];
		for (lt = i = lo, gt = hi; i < gt;) {
			if (v[i] < pivot) {
				t = v[i];
				v[i++] = v[lt];
				v[lt++] = t;
			} else if (v[i] > pivot) {
				t = v[i];
				v[i] = v[--gt];
				v[gt] = t;
			} else
				i++;
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return pivot;
	}
}

/*
 * Read the lists that find the references: every one of at most
 * REFINDEX_COMMON postings, and the probe shortest whatever their length.
 * Returns how many lists were left, the common phrases, whose spans are
 * moved to the front of ix->span; *ntp is the number of references found.
 */
static size_t
find(struct refquery *rq, size_t m, size_t probe, size_t *ntp)
{
	size_t i, nc = 0, nt = 0, below = 0, ties = 0;
	uint64_t df;
	uint32_t cut = REFINDEX_COMMON;

	for (i = 0; i < m; i++) {
		df = rq->span[i].hi - rq->span[i].lo;
		rq->df[i] = df < UINT32_MAX ? (uint32_t)df : UINT32_MAX;
		below += rq->df[i] <= cut;
	}
	if (below < probe) {
		/* Too few short lists: read up to the probe-th shortest,
		 * some of those as long as it (ties) included. */
		memcpy(rq->tmp, rq->df, m * sizeof(*rq->df));
		cut = select_kth(rq->tmp, m, probe - 1);
		for (below = 0, i = 0; i < m; i++)
			below += rq->df[i] < cut;
		ties = probe - below;
	}
	for (i = 0; i < m; i++) {
		if (rq->df[i] < cut || (rq->df[i] == cut &&
		    (cut <= REFINDEX_COMMON || ties-- > 0)))
			nt = scan(rq, &rq->span[i], nt);
		else
			rq->span[nc++] = rq->span[i];	/* nc <= i */
	}
	*ntp = nt;
	return nc;
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	return x->b < y->b ? -1 : x->b > y->b;
}

size_t
refquery_run(struct refquery *rq, const char *text, size_t len,
    const struct pair **out)
{
	const struct refindex *ix = rq->ix;
	const struct sim_opts *o = &ix->opts;
	const uint64_t *set;
	struct pair *p;
	size_t n, m, i, nt, nc, ns = 0, np = 0;
	uint64_t walk = 0, verify = 0;
	uint32_t r, shared, size;
	double jq = o->jaccard / (1 + o->jaccard);
	int by;

	*out = rq->pairs;
	rq->damaged = false;
	set = shingler_set(rq->sh, text, len, &n);
	rq->q = xroom(rq->q, &rq->capq, n, sizeof(*rq->q));
	m = sim_fingerprints(set, n, rq->q);
	shingler_trim(rq->sh);	/* a long item's arrays go with it */
	if (m == 0)
		return 0;
	if (!sound(rq, S_DIR) || !sound(rq, S_FP) || !sound(rq, S_REF))
		return REFQUERY_DAMAGED;
	if (++rq->epoch == 0) {
		for (r = 0; r < ix->h.nitems; r++)
			rq->count[r].stamp = 0;
		rq->epoch = 1;
	}
	if (m > rq->capspan) {
		rq->span = xroom(rq->span, &rq->capspan, m, sizeof(*rq->span));
		rq->df = xreallocarray(rq->df, rq->capspan, sizeof(*rq->df));
		rq->tmp = xreallocarray(rq->tmp, rq->capspan,
		    sizeof(*rq->tmp));
	}
	lookup(rq, rq->q, m, rq->span);
	/*
	 * A pair by Jaccard or by containment in the reference at or above
	 * REFINDEX_SURE shares at least needed_item of the item's m
	 * fingerprints, so it holds one of the m - needed_item + 1 rarest,
	 * which find() reads.
	 */
	nc = find(rq, m, m - needed_item(o, m) + 1, &nt);
	/* Most references found share a phrase or two, which the lists not
	 * read could not lift to a threshold: keep the others. */
	for (i = 0; i < nt; i++) {
		r = rq->touched[i];
		size = rq->count[r].size;
		if (rq->count[r].hits + nc >= needed(o, jq, m, size)) {
			rq->touched[ns++] = r;
			verify += m + size;
		}
	}
	/* Their exact counts: intersect each with the item, or, when that
	 * is more work (low thresholds), add the common lists' hits. */
	for (i = 0; i < nc; i++)
		walk += rq->span[i].hi - rq->span[i].lo;
	if (nc > 0 && walk < verify) {
		mark_kept(rq, rq->touched, ns, true);
		for (i = 0; i < nc; i++)
			scan_kept(rq, &rq->span[i]);
		mark_kept(rq, rq->touched, ns, false);
		nc = 0;
	}
	if (nc > 0 && ns > 0 && !sound(rq, S_SET))
		return REFQUERY_DAMAGED;
	for (i = 0; i < ns; i++) {
		r = rq->touched[i];
		size = rq->count[r].size;
		shared = rq->count[r].hits;
		if (nc > 0)
			shared = sim_intersect(rq->q, m, ix->set +
			    ix->items[r].set, size);
		/* No figure past what it can be, whatever the file says. */
		if (shared > size || shared > m || shared <
		    rq->count[r].hits) {
			damaged(rq, nc > 0 ? "sets" : "postings");
			continue;
		}
		if ((by = sim_verdict(o, shared, (uint32_t)m, size)) == SIM_NO)
			continue;
		rq->pairs = xroom(rq->pairs, &rq->cappairs, np + 1,
		    sizeof(*rq->pairs));
		p = &rq->pairs[np++];
		memset(p, 0, sizeof(*p));
		p->b = r;
		p->by = by;
		pair_figures(p, shared, (uint32_t)m, size);
	}
	if (rq->damaged)
		return REFQUERY_DAMAGED;
	if (np > 1)
		qsort(rq->pairs, np, sizeof(*rq->pairs), cmp_ref);
	*out = rq->pairs;
	return np;
}

int
refquery_item(struct refquery *rq, uint32_t r, struct item *it)
{
	const struct refindex *ix = rq->ix;
	const struct ritem *ri;
	const struct rsent *rs;
	uint32_t k;
	size_t prev = 0;

	memset(it, 0, sizeof(*it));
	if (r >= ix->h.nitems) {
		damaged(rq, "reference number");
		return -1;
	}
	if (!sound(rq, S_SENT) || !sound(rq, S_STR))
		return -1;
	ri = &ix->items[r];
	rs = ix->sents + ri->sent;
	it->id = ix->str + ri->str;
	it->idlen = ri->idlen;
	it->text = it->id + ri->idlen;
	it->len = ri->len;
	rq->sv = xroom(rq->sv, &rq->capsv, ri->nsent, sizeof(*rq->sv));
	rq->cs = xroom(rq->cs, &rq->capcs, ri->nsent, sizeof(*rq->cs));
	for (k = 0; k < ri->nsent; k++) {
		/* cstart: every one NOCSTART, or ascending. */
		if (rs[k].start < prev || rs[k].end < rs[k].start ||
		    rs[k].end > ri->len || (k > 0 && rs[k].cstart <
		    rs[k - 1].cstart) || (rs[k].cstart == NOCSTART) !=
		    (rs[0].cstart == NOCSTART) || (rs[k].cstart !=
		    NOCSTART && rs[k].cstart > SIZE_MAX / 2)) {
			damaged(rq, "sentences");
			memset(it, 0, sizeof(*it));
			return -1;
		}
		rq->sv[k].start = rs[k].start;
		rq->sv[k].end = prev = rs[k].end;
		rq->sv[k].par = 0;
		rq->cs[k] = (size_t)rs[k].cstart;
	}
	it->sent = rq->sv;
	it->nsent = ri->nsent;
	it->cstart = ri->nsent > 0 && rs[0].cstart != NOCSTART ? rq->cs :
	    NULL;
	/* The id goes into the output: UTF-8, whatever made the file. */
	if (utf8_valid_prefix(it->id, it->idlen) != it->idlen) {
		damaged(rq, "strings");
		memset(it, 0, sizeof(*it));
		return -1;
	}
	return 0;
}

bool
refindex_file_is(const char *path)
{
	char magic[sizeof(MAGIC) - 1];
	struct stat st;
	ssize_t n;
	int fd;

	/* Only a regular file: a fifo's data would be taken from the run. */
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (fd = open(path, O_RDONLY)) < 0)
		return false;
	n = pread(fd, magic, sizeof(magic), 0);
	close(fd);
	return n == (ssize_t)sizeof(magic) &&
	    memcmp(magic, MAGIC, sizeof(magic)) == 0;
}
