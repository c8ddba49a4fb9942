/*
 * Unit tests for lib/sim/kvcomb.c, round 1's counting: on random groups
 * of items, long lists among them (which it sorts and walks from the
 * item on), one batch writes exactly the pairs that a count of every
 * pair's shared groups makes candidates, by sim_need, and those an LSH
 * bucket holds; and the same pairs whatever the order the items came in.
 * An item twice in a bucket (two of its bands alike) is paired with the
 * others once, never with itself; fetching ahead changes nothing.  With
 * keys the batch does not see, the pairs that might still be candidates
 * are written with their exact hits, and the long lists are read only in
 * part.  Thousands of items, whose table grows and moves them: each pair
 * names its items with their references and sizes.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "sim/kvcode.h"
#include "sim/kvcomb.h"

#define NITEM	300
#define NGROUP	400
/* Item a's reference: BASE + a, as a map batch numbers its items. */
#define BASE	0x0123456789abcdefULL

struct got {
	unsigned char	 cand[NITEM][NITEM];
	int		 bad;
};

static void
edge(void *arg, uint64_t ra, uint32_t ma, uint64_t rb, uint32_t mb,
    uint32_t hits)
{
	struct got *g = arg;
	uint64_t a = ra - BASE, b = rb - BASE;

	if (hits != KVCOMB_CAND || a == b || a >= NITEM || b >= NITEM ||
	    g->cand[a][b])
		g->bad = 1;
	g->cand[a][b] = g->cand[b][a] = 1;
}

/* Item a in kc. */
static uint32_t
item_of(struct kvcomb *kc, uint32_t a, uint32_t m, uint32_t p)
{
	return kvcomb_item(kc, BASE + a, m, p);
}

/* Is item a one with no candidate, its reference coded as round 1 reads it? */
static int
lonely(struct kvcomb *kc, uint32_t a)
{
	char k[KV_HASHLEN];

	kv_hash_chars(BASE + a, k);
	return kvcomb_lonely(kc, k, sizeof(k));
}

/* An item twice in an LSH bucket, between two others. */
static void
twice(const struct sim_opts *o)
{
	static struct got got;
	struct kvcomb *kc;
	uint32_t item[4];

	memset(&got, 0, sizeof(got));
	kc = kvcomb_new(o, 0, 2, edge, &got);
	/* Fetching ahead, before any item and after, changes nothing. */
	kvcomb_prefetch(kc, BASE + 1);
	item[0] = item_of(kc, 1, 50, 0);
	kvcomb_prefetch(kc, BASE + 1);
	kvcomb_prefetch(kc, BASE + 2);
	item[1] = item_of(kc, 2, 60, 0);
	item[2] = item_of(kc, 2, 60, 0);
	item[3] = item_of(kc, 3, 70, 0);
	kvcomb_group(kc, item, 4, 1);
	kvcomb_end(kc);
	kvcomb_free(kc);
	CHECK(!got.bad);
	CHECK(got.cand[1][2] && got.cand[2][3] && got.cand[1][3]);
	CHECK(!got.cand[2][2]);
}

/* A pair as written: its hits, KVCOMB_CAND, or NONE (not written). */
#define NONE	(UINT32_MAX - 1)
static uint32_t	 hits_of[NITEM][NITEM];
static int	 hits_bad;

static void
edge_hits(void *arg, uint64_t ra, uint32_t ma, uint64_t rb, uint32_t mb,
    uint32_t hits)
{
	uint64_t a = ra - BASE, b = rb - BASE;

	(void)arg;
	if (a == b || a >= NITEM || b >= NITEM || hits_of[a][b] != NONE)
		hits_bad = 1;
	hits_of[a][b] = hits_of[b][a] = hits;
}

/*
 * Items some of whose probe keys the batch does not see (p more than the
 * groups they are in, as in a reduce process that a shuffle gave part of
 * the keys), in long lists: a pair is a candidate when its hits reach
 * sim_need, and written with its hits, exact, when they and the keys
 * unseen of the two (the fewer) might still; no other pair is written,
 * though the long lists are read only as far as such a pair can be.
 * Returns the entries read, and the entries a count of every pair reads
 * in *full.
 */
static uint64_t
unseen_keys(const struct sim_opts *o, const unsigned char in[][NITEM],
    const uint32_t *m, uint64_t *full)
{
	static uint32_t shared[NITEM][NITEM];
	struct kvcomb *kc;
	uint32_t p[NITEM], un[NITEM], item[NITEM], a, b, g, n, l, need, want;
	uint64_t scanned;
	int same = 1, nhash = 0, ncand = 0;

	memset(shared, 0, sizeof(shared));
	for (a = 0; a < NITEM; a++)
		for (b = 0; b < NITEM; b++)
			hits_of[a][b] = NONE;
	hits_bad = 0;
	*full = 0;
	for (a = 0; a < NITEM; a++) {
		un[a] = a % 3 == 0 ? 0 : (uint32_t)rand() % 12;
		p[a] = un[a];
	}
	for (g = 0; g < NGROUP; g++) {
		for (a = 0, n = 0; a < NITEM; a++)
			if (in[g][a]) {
				p[a]++;
				n++;
				for (b = 0; b < NITEM; b++)
					shared[a][b] += in[g][b];
			}
		*full += (uint64_t)n * (n - 1) / 2;
	}
	kc = kvcomb_new(o, 0, 0, edge_hits, NULL);
	for (g = 0; g < NGROUP; g++) {
		for (a = 0, n = 0; a < NITEM; a++) {
			if (!in[g][a])
				continue;
			item[n++] = item_of(kc, a, m[a], p[a]);
		}
		kvcomb_group(kc, item, n, 0);
	}
	kvcomb_end(kc);
	scanned = kvcomb_scanned(kc);
	kvcomb_free(kc);
	for (a = 0; a < NITEM; a++)
		for (b = a + 1; b < NITEM; b++) {
			l = un[a] < un[b] ? un[a] : un[b];
			need = sim_need(o, m[a], m[b]);
			if (shared[a][b] > 0 && shared[a][b] >= need)
				want = KVCOMB_CAND;
			else if (shared[a][b] > 0 && l > 0 &&
			    shared[a][b] + l >= need)
				want = shared[a][b];
			else
				want = NONE;
			same &= hits_of[a][b] == want;
			nhash += want != NONE && want != KVCOMB_CAND;
			ncand += want == KVCOMB_CAND;
		}
	CHECK(!hits_bad);
	CHECK(same);
	/* Both kinds of pairs, so that the test shows something. */
	CHECK(nhash > 10 && ncand > 10);
	return scanned;
}

/* Pairs of items 2g and 2g + 1, each of size 10 + its index. */
static int	 npair, pairs_bad;

static void
edge_sizes(void *arg, uint64_t ra, uint32_t ma, uint64_t rb, uint32_t mb,
    uint32_t hits)
{
	uint64_t a = ra - BASE, b = rb - BASE;

	(void)arg;
	npair++;
	if ((a ^ 1) != b || ma != 10 + a || mb != 10 + b ||
	    hits != KVCOMB_CAND)
		pairs_bad = 1;
}

/*
 * Thousands of items, so that the table of items grows (and moves them)
 * many times: each pair, from an LSH bucket, names its items with their
 * references and sizes, and after the last batch the item in no pair, whose
 * keys were all there, is known to have no candidate.
 */
static void
many_items(const struct sim_opts *o)
{
	struct kvcomb *kc;
	uint32_t item[2], g, n = 6000;
	char k[KV_HASHLEN + 1];

	npair = pairs_bad = 0;
	kc = kvcomb_new(o, 0, 1, edge_sizes, NULL);
	for (g = 0; g <= n / 2; g++) {
		item[0] = item_of(kc, 2 * g, 10 + 2 * g, 0);
		if (g == n / 2) {
			/* The last item alone, its probe key and its band. */
			item_of(kc, 2 * g, 10 + 2 * g, 1);
			break;
		}
		item[1] = item_of(kc, 2 * g + 1, 10 + 2 * g + 1, 0);
		kvcomb_group(kc, item, 2, 1);
	}
	kvcomb_settle(kc);
	CHECK(npair == (int)n / 2 && !pairs_bad);
	CHECK(lonely(kc, n));
	CHECK(!lonely(kc, 0));
	CHECK(!lonely(kc, 7));
	/* Only a reference's code names an item: its start is no item. */
	kv_hash_chars(BASE + n, k);
	CHECK(!kvcomb_lonely(kc, k, KV_HASHLEN - 1));
	kvcomb_free(kc);
}

int
main(void)
{
	static unsigned char in[NGROUP][NITEM], lsh[NGROUP];
	static uint32_t shared[NITEM][NITEM];
	static struct got got;
	struct sim_opts o;
	struct kvcomb *kc;
	uint32_t m[NITEM], p[NITEM], bands[NITEM], item[NITEM], g, a, b;
	uint32_t ngot, nwant, nshare, nlong = 0, n, order;
	uint64_t scanned, full;
	int same;

	sim_opts_init(&o);
	twice(&o);
	many_items(&o);
	srand(7);
	for (a = 0; a < NITEM; a++) {
		m[a] = 20 + (uint32_t)(rand() % 2000);
		p[a] = bands[a] = 0;
	}
	/* Groups of 2 to 8 items, and some of 60 to 250: long lists. */
	for (g = 0; g < NGROUP; g++) {
		lsh[g] = g % 50 == 5;
		n = g % 40 == 0 ? 60 + (uint32_t)(rand() % 190) :
		    2 + (uint32_t)(rand() % 7);
		nlong += n >= 64;
		while (n-- > 0) {
			a = (uint32_t)rand() % NITEM;
			if (in[g][a])
				continue;
			in[g][a] = 1;
			if (lsh[g])
				bands[a]++;
			else
				p[a]++;
		}
	}
	CHECK(nlong > 5);
	for (g = 0; g < NGROUP; g++)
		for (a = 0; a < NITEM; a++)
			for (b = 0; in[g][a] && !lsh[g] && b < NITEM; b++)
				shared[a][b] += in[g][b];
	/* Twice: items numbered in input order, then the other way. */
	for (order = 0; order < 2; order++) {
		memset(&got, 0, sizeof(got));
		kc = kvcomb_new(&o, 0, 0, edge, &got);
		for (g = 0; g < NGROUP; g++) {
			for (a = 0, n = 0; a < NITEM; a++) {
				b = order ? NITEM - 1 - a : a;
				if (!in[g][b])
					continue;
				item[n++] = item_of(kc, b, m[b],
				    lsh[g] ? 0 : p[b]);
			}
			kvcomb_group(kc, item, n, lsh[g]);
		}
		kvcomb_end(kc);
		kvcomb_free(kc);
		same = !got.bad;
		for (a = 0, ngot = nwant = nshare = 0; a < NITEM; a++)
			for (b = a + 1; b < NITEM; b++) {
				int lb = 0, want;

				for (g = 0; g < NGROUP && !lb; g++)
					lb = lsh[g] && in[g][a] && in[g][b];
				want = lb || (shared[a][b] > 0 &&
				    shared[a][b] >= sim_need(&o, m[a], m[b]));
				nwant += want;
				nshare += shared[a][b] > 0;
				ngot += got.cand[a][b];
				same &= want == got.cand[a][b];
			}
		CHECK(same);
		/* Some pairs are candidates, most sharing a key are not. */
		CHECK(nwant > 10 && nwant < nshare);
		CHECK(ngot == nwant);
	}
	/*
	 * The probe groups alone, again with keys unseen: the long lists are
	 * read in part, a third of what a count of every pair reads.
	 */
	for (g = 0; g < NGROUP; g++)
		if (lsh[g])
			memset(in[g], 0, sizeof(in[g]));
	scanned = unseen_keys(&o, (const unsigned char (*)[NITEM])in, m,
	    &full);
	CHECK(scanned > 0 && scanned < full / 2);
	UNIT_END();
}
