/*
 * Unit tests for lib/sim/batch.c: answers come out in input order whatever the
 * number of workers and however long each item takes, across batches cut
 * by count and by bytes; items reach the function whole (id, text, and
 * sentences, or none); every worker number is in range; the totals add up;
 * an item that cannot be answered stops the output just before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "unit.h"
#include "sim/batch.h"

#define NWORKERS	4

struct seen {
	unsigned	 bad_worker;
	unsigned	 used[NWORKERS];
};

/*
 * The answer to an item: its id, text length, sentences and a checksum of
 * its text, so a mixed-up item shows.  Every seventh item is slow, so the
 * workers finish out of order.
 */
static size_t
answer(void *arg, unsigned w, const struct item *it, struct buf *out)
{
	struct seen *seen = arg;
	unsigned long sum = 0;
	size_t i;

	if (w >= NWORKERS)
		seen->bad_worker++;
	else
		seen->used[w]++;	/* one writer per w at a time */
	for (i = 0; i < it->len; i++)
		sum = sum * 31 + (unsigned char)it->text[i];
	if (it->len % 7 == 0) {
		struct timespec ts = { 0, 200000 };

		nanosleep(&ts, NULL);
	}
	buf_printf(out, "%.*s %zu %lu", (int)it->idlen, it->id, it->len, sum);
	if (it->sent == NULL)
		buf_adds(out, " split");
	for (i = 0; it->sent != NULL && i < it->nsent; i++)
		buf_printf(out, " %zu-%zu/%u", it->sent[i].start,
		    it->sent[i].end, it->sent[i].par);
	buf_addc(out, '\n');
	return it->len % 3 == 0;	/* a count to add up */
}

static void
collect(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
}

/* The length of item i's text: it varies, and some fill a third of a batch. */
static size_t
item_len(size_t i)
{
	return i % 500 == 17 ? BATCH_BYTES / 3 : 1 + (i * 7919) % 3000;
}

/* Item i, some with sentences. */
static void
make_item(size_t i, struct buf *id, struct buf *text, struct sent *sv,
    struct item *it)
{
	size_t len = item_len(i), k;

	buf_reset(id);
	buf_printf(id, "item-%zu", i);
	buf_reset(text);
	for (k = 0; k < len; k++)
		buf_addc(text, 'a' + (int)((i + k * k) % 26));
	it->id = id->s;
	it->idlen = id->len;
	it->text = text->s;
	it->len = text->len;
	it->sent = NULL;
	it->cstart = NULL;
	it->nsent = 0;
	if (i % 3 == 1) {
		/* sentences, or an empty list (not to be split) */
		it->nsent = i % 2 ? 2 : 0;
		sv[0] = (struct sent){ 0, len / 2, 0 };
		sv[1] = (struct sent){ len / 2, len, 1 };
		it->sent = sv;
	}
}

/* Run n items through workers threads; the output, and the total. */
static size_t
run(unsigned workers, size_t n, struct buf *out, struct seen *seen)
{
	struct batch *b;
	struct buf id = BUF_INIT, text = BUF_INIT;
	struct sent sv[2];
	struct item it;
	size_t i, total;

	memset(seen, 0, sizeof(*seen));
	b = batch_new(workers, answer, seen);
	for (i = 0; i < n; i++) {
		make_item(i, &id, &text, sv, &it);
		batch_add(b, &it, collect, out);
	}
	batch_flush(b, collect, out);
	batch_flush(b, collect, out);	/* nothing left: writes nothing */
	total = batch_total(b);
	batch_free(b);
	buf_free(&id);
	buf_free(&text);
	return total;
}

/* Item 300 cannot be answered: what is written stops before it. */
static size_t
fail_300(void *arg, unsigned w, const struct item *it, struct buf *out)
{
	if (it->idlen == 8 && memcmp(it->id, "item-300", 8) == 0) {
		buf_adds(out, "half an answer\n");
		return BATCH_FAILED;
	}
	return answer(arg, w, it, out);
}

static void
test_failed(unsigned workers, const struct buf *all)
{
	struct batch *b;
	struct buf id = BUF_INIT, text = BUF_INIT, out = BUF_INIT;
	struct seen seen;
	struct sent sv[2];
	struct item it;
	const char *at300;
	size_t i;
	int r = 0;

	memset(&seen, 0, sizeof(seen));
	b = batch_new(workers, fail_300, &seen);
	for (i = 0; i < 3 * BATCH_ITEMS && r == 0; i++) {
		make_item(i, &id, &text, sv, &it);
		r = batch_add(b, &it, collect, &out);
	}
	if (r == 0)
		r = batch_flush(b, collect, &out);
	CHECK(r == -1);
	/* Every answer before item 300, and nothing of it or after it. */
	at300 = strstr(all->s, "\nitem-300 ");
	CHECK(at300 != NULL && out.len == (size_t)(at300 + 1 - all->s) &&
	    memcmp(out.s, all->s, out.len) == 0);
	batch_free(b);
	buf_free(&id);
	buf_free(&text);
	buf_free(&out);
}

int
main(void)
{
	struct buf one = BUF_INIT, many = BUF_INIT, two = BUF_INIT;
	struct seen seen;
	size_t n = 3 * BATCH_ITEMS + 123, t1, t4, t2, lines = 0, i;
	size_t want = 0, want2 = 0;
	unsigned w, busy = 0;

	for (i = 0; i < n; i++)
		want += item_len(i) % 3 == 0;
	for (i = 0; i < 5; i++)
		want2 += item_len(i) % 3 == 0;

	t1 = run(1, n, &one, &seen);
	CHECK(seen.used[0] == n);
	t4 = run(NWORKERS, n, &many, &seen);
	CHECK(seen.bad_worker == 0);
	for (w = 0; w < NWORKERS; w++)
		busy += seen.used[w] > 0;
	CHECK(busy > 1);	/* the work was shared */
	t2 = run(2, 5, &two, &seen);	/* fewer items than a batch */

	CHECK(one.len > 0);
	CHECK(one.len == many.len);
	CHECK(one.len == many.len && memcmp(one.s, many.s, one.len) == 0);
	for (i = 0; i < one.len; i++)
		lines += one.s[i] == '\n';
	CHECK(lines == n);
	CHECK(t1 == want);
	CHECK(t4 == want);
	CHECK(want > 0 && t2 == want2);
	/* the first items, as written */
	CHECK(strncmp(one.s, "item-0 1 ", 9) == 0);
	CHECK(strstr(one.s, "\nitem-1 1920 ") != NULL);
	CHECK(strstr(one.s, "\nitem-2 ") != NULL &&
	    strstr(one.s, "\nitem-1 ") < strstr(one.s, "\nitem-2 "));
	/* item 1 has two sentences, item 4 an empty list, item 2 none */
	CHECK(strstr(one.s, " 0-960/0 960-1920/1\n") != NULL);
	CHECK(strstr(strstr(one.s, "\nitem-2 "), " split\n") != NULL);
	CHECK(strncmp(two.s, one.s, two.len) == 0);
	test_failed(1, &one);
	test_failed(NWORKERS, &one);

	buf_free(&one);
	buf_free(&many);
	buf_free(&two);
	UNIT_END();
}
