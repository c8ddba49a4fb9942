/*
 * fuzz_simkv.c - artsim --reduce's reader and rounds (lib/sim/simkv.c) on
 * arbitrary lines, driven as mode_reduce (lib/sim/mode_kv.c) drives them.
 *
 * The first byte picks --max-group (none, 64, 1024 or 16384 bytes) and,
 * with bit 2, that the rest is items to map, one "id<TAB>text" a line; else
 * the rest is the sorted input of a round, one line per "\n".  The library
 * reports a bad line by returning -1 with a message, so errors are checked
 * here without leaving the process.  Properties: simkv_reduce returns 0 or
 * -1 with a message of one non-empty line, and after -1 the run stops, as
 * the tool's does; what a round writes is whole lines, each a pair record
 * or a key, one TAB and a value.  The lines written are then sorted and fed
 * to the next round, up to the last, as the pipeline would, so a fuzzed
 * round reaches the later rounds' readers with lines shaped by the first.
 * Items mapped, sorted and reduced round after round never make an error
 * unless two share an id or a group passes --max-group: each round reads
 * what the one before wrote.
 */
#include <stdint.h>

#include "fuzz.h"
#include "sim/simkv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXIN	(64 * 1024)	/* a few groups; larger inputs only slow it */
#define MAXMAP	2048		/* items to map: shingling and sketching
				   64 KB would take most of the time */
#define ROUNDS	4		/* map output goes through four reduces */

struct sink {
	struct buf	 out;
	unsigned long	 calls;
};

static void
sink_write(void *arg, const char *s, size_t n)
{
	struct sink *k = arg;
	const char *tab, *nl;
	size_t pos;

	/* Whole lines only: every write ends a line, none is empty. */
	FUZZ_ASSERT(n > 0 && s[n - 1] == '\n');
	for (pos = 0; pos < n; pos = (size_t)(nl - s) + 1) {
		nl = memchr(s + pos, '\n', n - pos);
		FUZZ_ASSERT(nl != NULL && nl > s + pos);
		if (s[pos] == '{')
			continue;
		tab = memchr(s + pos, '\t', (size_t)(nl - s) - pos);
		FUZZ_ASSERT(tab != NULL && tab > s + pos);
		FUZZ_ASSERT(memchr(tab + 1, '\t', (size_t)(nl - tab) - 1) ==
		    NULL);
	}
	buf_add(&k->out, s, n);
	k->calls++;
}

struct line {
	const char	*s;
	size_t		 n;
};

/* Byte order, as LC_ALL=C sort orders the lines between rounds. */
static int
cmp_line(const void *va, const void *vb)
{
	const struct line *a = va, *b = vb;
	size_t n = a->n < b->n ? a->n : b->n;
	int c;

	if ((c = memcmp(a->s, b->s, n)) != 0)
		return c;
	return a->n < b->n ? -1 : a->n > b->n;
}

/* One round over lines[0..n); 0, or -1 when a line was refused. */
static int
round_run(size_t maxgroup, const struct line *lines, size_t n,
    struct sink *k)
{
	struct simkv *kv;
	const char *msg;
	size_t i;
	int bad = 0;

	buf_reset(&k->out);
	k->calls = 0;
	kv = simkv_new(NULL, maxgroup, sink_write, k);
	for (i = 0; i < n; i++) {
		msg = NULL;
		if (simkv_reduce(kv, lines[i].s, lines[i].n, &msg) == 0)
			continue;
		FUZZ_ASSERT(msg != NULL && *msg != '\0');
		FUZZ_ASSERT(strchr(msg, '\n') == NULL);
		bad = 1;
		break;
	}
	if (!bad)
		simkv_reduce_end(kv);
	simkv_free(kv);
	return bad ? -1 : 0;
}

/* Map each "id<TAB>text" line into k; 1 when two items share an id. */
static int
map_items(const struct buf *in, struct sink *k)
{
	struct simkv *kv;
	struct line *idv = NULL;
	const char *line, *tab;
	size_t pos, len, n = 0, i;
	int dup = 0;

	buf_reset(&k->out);
	kv = simkv_new(NULL, 0, sink_write, k);
	/* A buffer of a few items: joined lines, and batches. */
	simkv_map_buffer(kv, 4096);
	for (pos = 0; model_next(buf_cstr(in), in->len, &pos, &line, &len);
	    n++) {
		if ((idv = reallocarray(idv, n + 1, sizeof(*idv))) == NULL)
			err(1, NULL);
		tab = memchr(line, '\t', len);
		idv[n].s = line;
		idv[n].n = tab ? (size_t)(tab - line) : len;
		/* As artsim --map, which refuses an empty id. */
		if (idv[n].n > 0)
			simkv_map(kv, line, idv[n].n, tab ? tab + 1 :
			    line + len, tab ? len - idv[n].n - 1 : 0);
	}
	simkv_map_end(kv);
	simkv_free(kv);
	if (n > 1)
		qsort(idv, n, sizeof(*idv), cmp_line);
	for (i = 1; i < n; i++)
		dup |= cmp_line(&idv[i - 1], &idv[i]) == 0;
	free(idv);
	return dup;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t maxgroup[4] = { 0, 64, 1024, 16384 };
	static struct sink k = { BUF_INIT, 0 };
	struct buf in = BUF_INIT;
	struct line *lines = NULL;
	size_t mg, n, cap, pos, len;
	const char *line;
	int r, mapped, dup = 0;

	if (size < 1 || size > MAXIN + 1)
		return 0;
	if ((data[0] & 4) && size > MAXMAP + 1)
		return 0;
	mg = maxgroup[data[0] & 3];
	buf_add(&in, (const char *)data + 1, size - 1);
	if ((mapped = data[0] & 4)) {
		dup = map_items(&in, &k);
		buf_reset(&in);
		buf_add(&in, k.out.s, k.out.len);
	}
	for (r = 0; r < ROUNDS; r++) {
		/* The round's lines, in order as given, then as sorted. */
		n = cap = 0;
		for (pos = 0; model_next(buf_cstr(&in), in.len, &pos, &line,
		    &len); n++) {
			if (n == cap && (lines = reallocarray(lines,
			    cap = cap * 2 + 64, sizeof(*lines))) == NULL)
				err(1, NULL);
			lines[n].s = line;
			lines[n].n = len;
		}
		if (n > 1 && (r > 0 || mapped))
			qsort(lines, n, sizeof(*lines), cmp_line);
		if (round_run(mg, lines, n, &k) < 0) {
			FUZZ_ASSERT(!mapped || dup || mg != 0);
			break;
		}
		if (k.out.len == 0)
			break;
		/* The last round writes pair records, which end the chain. */
		if (k.out.s[0] == '{')
			break;
		buf_reset(&in);
		buf_add(&in, k.out.s, k.out.len);
	}
	free(lines);
	buf_free(&in);
	return 0;
}
