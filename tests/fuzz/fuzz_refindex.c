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
 * as an error; damage in another section is found by the first query that
 * uses it (its checksum, then every offset read), which answers
 * REFQUERY_DAMAGED, or -1 for refquery_item, with refindex_damage saying
 * what.  Each run is written down as a transcript, one unit per query
 * (its pairs, with their figures and their references' bytes) and per
 * reference read, a unit being "D" when the call met damage.
 *
 * Properties: pairs come in order of reference number, each a reference
 * that exists, with figures in [0, 1]; every reference's sentences are in
 * order and inside its text; a call that met damage has
 * refindex_damage say what; and, the point of the checksums, damage is
 * never silent: when the header is the valid index's (so the file claims
 * to be that index), every unit is either "D" or the very unit the valid
 * index gives, and the valid index itself answers with no "D" and finds
 * its own first item with a Jaccard of 1.
 */
#include <stdint.h>

#include <xxhash.h>

#include "fuzz.h"
#include "sim/refindex.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXIN	(64 * 1024)
#define HEADER	192		/* sizeof(struct rhead) in refindex.c */
#define CHECK	(HEADER - 8)	/* its last field, XXH64 of the bytes before */
#define MAXREFS	16		/* references read back by number */

static const char *texts[] = {
	"The council voted on Tuesday to approve the new budget for the "
	    "city library. The parks department gets more money too.",
	"Heavy rain flooded the main road near the river early this "
	    "morning, police said. Drivers were told to stay away.",
	"The council voted on Tuesday to approve the new budget for the "
	    "city library and the parks department, officials said.",
	"Nothing in this sentence is in the index at all, not one phrase "
	    "of five words.",
};
static const char *ids[] = { "a1", "b\001x", "a2" };
#define NTEXTS	3			/* indexed; the last is a query only */
#define NQUERY	(sizeof(texts) / sizeof(texts[0]))
#define NUNITS	(NQUERY + MAXREFS)

/* A run written down: a unit per query, then per reference read. */
struct transcript {
	struct buf	 unit[NUNITS];
	size_t		 n;
};

static struct memfile file;
static struct buf pristine[4] = { BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT };
static const size_t nbuilt[4] = { NTEXTS, 0, 1, 2 };
static struct transcript want[4][4];	/* the valid index's, by k, opts */
static int have[4][4];

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

/*
 * Check the reference it and write it down: every byte is read, so a
 * pointer outside the mapping faults.
 */
static void
add_item(struct buf *u, const struct item *it)
{
	size_t i, prev = 0;

	buf_printf(u, "[%zu:", it->idlen);
	buf_add(u, it->id, it->idlen);
	buf_printf(u, "|%zu:", it->len);
	buf_add(u, it->text, it->len);
	for (i = 0; i < it->nsent; i++) {
		FUZZ_ASSERT(it->sent[i].start >= prev);
		FUZZ_ASSERT(it->sent[i].end >= it->sent[i].start);
		FUZZ_ASSERT(it->sent[i].end <= it->len);
		FUZZ_ASSERT(it->cstart == NULL || i == 0 ||
		    it->cstart[i] >= it->cstart[i - 1]);
		prev = it->sent[i].end;
		buf_printf(u, " %zu-%zu@%zu", it->sent[i].start,
		    it->sent[i].end, it->cstart ? it->cstart[i] : (size_t)-1);
	}
	buf_adds(u, "]");
}

/* Damage met: the index says what. */
static void
met_damage(struct refindex *ix, struct buf *u)
{
	const char *what = refindex_damage(ix);

	FUZZ_ASSERT(what != NULL && *what != '\0');
	buf_reset(u);
	buf_adds(u, "D");
}

static void
query(struct refindex *ix, struct refquery *rq, const char *text,
    struct buf *u)
{
	const struct pair *p;
	struct item it;
	size_t n, i;

	buf_reset(u);
	if ((n = refquery_run(rq, text, strlen(text), &p)) ==
	    REFQUERY_DAMAGED) {
		met_damage(ix, u);
		return;
	}
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(p[i].b < refindex_count(ix));
		FUZZ_ASSERT(i == 0 || p[i].b > p[i - 1].b);
		FUZZ_ASSERT(p[i].jaccard >= 0 && p[i].jaccard <= 1);
		FUZZ_ASSERT(p[i].in_a >= 0 && p[i].in_a <= 1);
		FUZZ_ASSERT(p[i].in_b >= 0 && p[i].in_b <= 1);
		FUZZ_ASSERT(p[i].shared > 0);
		buf_printf(u, "%u %u %.17g %.17g %.17g ", p[i].b, p[i].shared,
		    p[i].jaccard, p[i].in_a, p[i].in_b);
		if (refquery_item(rq, p[i].b, &it) < 0) {
			met_damage(ix, u);
			return;
		}
		add_item(u, &it);
	}
}

/* Open the file as it is now and write the run down; -1 when refused. */
static int
run(const struct sim_opts *opts, struct transcript *t, int intact)
{
	struct refindex *ix;
	struct refquery *rq;
	struct sim_opts o = *opts;
	struct item it;
	char errbuf[256];
	uint32_t r;
	size_t i;

	errbuf[0] = '\0';
	if ((ix = refindex_open(file.path, &o, errbuf, sizeof(errbuf))) ==
	    NULL) {
		/* Refused, with a message of one line. */
		FUZZ_ASSERT(!intact);
		FUZZ_ASSERT(errbuf[0] != '\0');
		FUZZ_ASSERT(strchr(errbuf, '\n') == NULL);
		return -1;
	}
	refindex_settings(ix, &o);
	rq = refquery_new(ix);
	t->n = 0;
	for (i = 0; i < NQUERY; i++)
		query(ix, rq, texts[i], &t->unit[t->n++]);
	for (r = 0; r < refindex_count(ix) && r < MAXREFS; r++) {
		buf_reset(&t->unit[t->n]);
		if (refquery_item(rq, r, &it) < 0)
			met_damage(ix, &t->unit[t->n]);
		else
			add_item(&t->unit[t->n], &it);
		t->n++;
	}
	refquery_free(rq);
	refindex_close(ix);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf f = BUF_INIT;
	static struct transcript got;
	struct transcript *w;
	struct sim_opts o;
	uint64_t check;
	size_t i, off, k, t;
	int intact, same_head;

	if (size < 1 || size > MAXIN + 1)
		return 0;
	k = (data[0] >> 4) & 3;
	t = (data[0] >> 2) & 3;
	if (file.path[0] == '\0')
		setup();
	sim_opts_init(&o);
	if (t & 1)
		o.jaccard = 0.1;
	if (t & 2)
		o.contain = 0.3;
	w = &want[k][t];
	if (!have[k][t]) {
		/* The valid index: no damage, and its first item found. */
		memfile_set(&file, pristine[k].s, pristine[k].len);
		FUZZ_ASSERT(run(&o, w, 1) == 0);
		for (i = 0; i < w->n; i++)
			FUZZ_ASSERT(strcmp(buf_cstr(&w->unit[i]), "D") != 0);
		if (nbuilt[k] > 0)
			FUZZ_ASSERT(strstr(buf_cstr(&w->unit[0]), "0 ") ==
			    buf_cstr(&w->unit[0]) && strstr(buf_cstr(
			    &w->unit[0]), " 1 1 ") != NULL);
		have[k][t] = 1;
	}
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
	same_head = f.len == pristine[k].len && memcmp(f.s, pristine[k].s,
	    HEADER) == 0;
	memfile_set(&file, f.s, f.len);
	if (run(&o, &got, intact) < 0)
		return 0;
	/* Damage is never silent: each unit is found damaged or right. */
	if (same_head) {
		FUZZ_ASSERT(got.n == w->n);
		for (i = 0; i < got.n; i++)
			FUZZ_ASSERT(strcmp(buf_cstr(&got.unit[i]), "D") == 0 ||
			    (got.unit[i].len == w->unit[i].len &&
			    memcmp(buf_cstr(&got.unit[i]), buf_cstr(&w->unit[i]),
			    got.unit[i].len) == 0));
	}
	return 0;
}
