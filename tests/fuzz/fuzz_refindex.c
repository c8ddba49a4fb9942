/*
 * fuzz_refindex.c - the reader of artsim's reference index (lib/sim/refindex.c)
 * on damaged files: refindex_open, then refquery_run and refquery_item on
 * fixed texts, as artsim --ref would run them.
 *
 * The first byte picks how the file is made and the thresholds:
 *	bit 0	0: the rest of the input is the file; 1: the rest is
 *		(offset low, offset high, value) triples, each setting one
 *		byte of a valid index that setup() builds with
 *		refindex_builder, offsets taken modulo its size
 *	bit 1	write a correct checksum into the header afterwards, so the
 *		damage gets past the header's XXH64 to the checks behind it
 *	bits 2-3 the thresholds: the defaults, jaccard 0.1, contain 0.3,
 *		or both
 *	bits 4-5 with bit 0, the index's items: all three texts, none (an
 *		empty index), the first, or the first two
 * The file goes to a memfd, which refindex_open opens by path.
 *
 * Opening checks the header and the item table and reports damage there
 * as an error; damage in the postings, sets or sentences is found only by
 * the query that reads them, which stops the program (damaged(): errx),
 * since a query has no error to return and checking every posting when
 * opening would undo the mapping's instant open.  Rather than fork per
 * input (slow, and libFuzzer would not see the child), the library takes a
 * hook, refindex_on_damage, that it calls before errx: here it longjmps
 * back, and the index and query are closed.  Every allocation of a query
 * lives in its struct refquery, so the jump leaks nothing, which LeakSanitizer
 * checks.  Reaching the hook is a correct outcome; a crash, an
 * out-of-bounds read, undefined behaviour or a leak is not.
 *
 * Properties: pairs come in order of reference number, each a reference
 * that exists, with figures in [0, 1] and shared at most the reference's
 * size; every reference's sentences are in order and inside its text; and
 * the intact index finds its own first item again with a Jaccard of 1.
 */
#include <setjmp.h>
#include <stdint.h>

#include <xxhash.h>

#include "fuzz.h"
#include "sim/refindex.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXIN	(64 * 1024)
#define HEADER	192		/* sizeof(struct rhead) in refindex.c */
#define CHECK	(HEADER - 8)	/* its last field, XXH64 of the bytes before */

static const char *texts[] = {
	"The council voted on Tuesday to approve the new budget for the "
	    "city library. The parks department gets more money too.",
	"Heavy rain flooded the main road near the river early this "
	    "morning, police said. Drivers were told to stay away.",
	"The council voted on Tuesday to approve the new budget for the "
	    "city library and the parks department, officials said.",
};
static const char *ids[] = { "a1", "b\001x", "a2" };
#define NTEXTS	(sizeof(texts) / sizeof(texts[0]))

static struct memfile file;
static struct buf pristine[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
static const size_t nbuilt[4] = { NTEXTS, 0, 1, 2 };
static jmp_buf damage_jmp;

static void
add_bytes(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
}

/* The valid indexes of the first nbuilt[k] texts, built once. */
static void
setup(void)
{
	struct refindex_builder *b;
	struct item it;
	size_t i, k;

	memfile_open(&file, "fuzz_refindex");
	for (k = 0; k < 4; k++) {
		b = refindex_builder_new(NULL);
		for (i = 0; i < nbuilt[k]; i++) {
			memset(&it, 0, sizeof(it));
			it.id = ids[i];
			it.idlen = strlen(ids[i]);
			it.text = texts[i];
			it.len = strlen(texts[i]);
			refindex_builder_add(b, &it);
		}
		refindex_builder_write(b, add_bytes, &pristine[k]);
		refindex_builder_free(b);
	}
}

static void
on_damage(void *arg, const char *what)
{
	FUZZ_ASSERT(what != NULL && *what != '\0');
	longjmp(damage_jmp, 1);
}

/* Read every byte of it, so a pointer outside the mapping faults. */
static void
check_item(const struct item *it)
{
	volatile unsigned char sum = 0;
	size_t i, prev = 0;

	for (i = 0; i < it->idlen; i++)
		sum += (unsigned char)it->id[i];
	for (i = 0; i < it->len; i++)
		sum += (unsigned char)it->text[i];
	for (i = 0; i < it->nsent; i++) {
		FUZZ_ASSERT(it->sent[i].start >= prev);
		FUZZ_ASSERT(it->sent[i].end >= it->sent[i].start);
		FUZZ_ASSERT(it->sent[i].end <= it->len);
		prev = it->sent[i].end;
	}
	(void)sum;
}

static void
query(struct refquery *rq, uint32_t count, const char *text, int self)
{
	const struct pair *p;
	struct item it;
	size_t n, i;
	int found = 0;

	n = refquery_run(rq, text, strlen(text), &p);
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(p[i].b < count);
		FUZZ_ASSERT(i == 0 || p[i].b > p[i - 1].b);
		FUZZ_ASSERT(p[i].jaccard >= 0 && p[i].jaccard <= 1);
		FUZZ_ASSERT(p[i].in_a >= 0 && p[i].in_a <= 1);
		FUZZ_ASSERT(p[i].in_b >= 0 && p[i].in_b <= 1);
		FUZZ_ASSERT(p[i].shared > 0);
		if (p[i].b == 0 && p[i].jaccard == 1)
			found = 1;
		memset(&it, 0, sizeof(it));
		refquery_item(rq, p[i].b, &it);
		check_item(&it);
	}
	if (self)
		FUZZ_ASSERT(found);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf f = BUF_INIT;
	static struct refindex *volatile ix;
	static struct refquery *volatile rq;
	struct sim_opts o;
	struct item it;
	char errbuf[256];
	uint64_t check;
	uint32_t count, r;
	size_t i, off, k;
	int intact;

	if (size < 1 || size > MAXIN + 1)
		return 0;
	k = (data[0] >> 4) & 3;
	if (file.path[0] == '\0')
		setup();
	buf_reset(&f);
	if (data[0] & 1) {
		buf_add(&f, pristine[k].s, pristine[k].len);
		for (i = 1; i + 3 <= size; i += 3) {
			off = (data[i] | (size_t)data[i + 1] << 8) % f.len;
			f.s[off] = (char)data[i + 2];
		}
	} else
		buf_add(&f, (const char *)data + 1, size - 1);
	if ((data[0] & 2) && f.len >= HEADER) {
		check = XXH64(f.s, CHECK, 0);
		memcpy(f.s + CHECK, &check, sizeof(check));
	}
	intact = (data[0] & 1) && f.len == pristine[k].len &&
	    memcmp(f.s, pristine[k].s, f.len) == 0;
	memfile_set(&file, f.s, f.len);

	sim_opts_init(&o);
	if (data[0] & 4)
		o.jaccard = 0.1;
	if (data[0] & 8)
		o.contain = 0.3;
	errbuf[0] = '\0';
	if ((ix = refindex_open(file.path, &o, errbuf, sizeof(errbuf))) ==
	    NULL) {
		/* Refused, with a message of one line. */
		FUZZ_ASSERT(!intact);
		FUZZ_ASSERT(errbuf[0] != '\0');
		FUZZ_ASSERT(strchr(errbuf, '\n') == NULL);
		return 0;
	}
	rq = NULL;
	if (setjmp(damage_jmp) == 0) {
		refindex_on_damage(ix, on_damage, NULL);
		count = refindex_count(ix);
		refindex_settings(ix, &o);
		rq = refquery_new(ix);
		for (i = 0; i < NTEXTS; i++)
			query(rq, count, texts[i], intact && i == 0 &&
			    nbuilt[k] > 0);
		query(rq, count, "Nothing in this sentence is in the index "
		    "at all, not one phrase of five words.", 0);
		for (r = 0; r < count && r < 16; r++) {
			memset(&it, 0, sizeof(it));
			refquery_item(rq, r, &it);
			check_item(&it);
		}
	} else
		FUZZ_ASSERT(!intact);
	refquery_free(rq);
	refindex_close(ix);
	ix = NULL;
	rq = NULL;
	return 0;
}
