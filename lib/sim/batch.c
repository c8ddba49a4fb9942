/*
 * batch.c - see batch.h.
 *
 * Items are copied into one byte arena (id, then text) and one array of
 * sentences, by offset, since both move as they grow; the pointers are
 * made when the batch is answered.  Workers take items through one atomic
 * counter, so a worker that drew long items takes fewer, and append each
 * answer to their own buffer, noting where it lies; the answers are then
 * written in item order.  The calling thread is worker 0 and the others
 * are started for each batch: a batch holds tens of milliseconds of work,
 * against tens of microseconds to start a thread.
 */
#include <err.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/batch.h"
#include "base/util.h"

struct slot {
	size_t		 str, idlen, len;	/* id at str, text after it */
	size_t		 sent, nsent;		/* in sents, or NONE */
	bool		 cstart;		/* in cstarts, at sent */
	unsigned	 w;			/* answered by */
	bool		 failed;		/* fn returned BATCH_FAILED */
	size_t		 off, n;		/* answer in out[w] */
};

#define NONE	((size_t)-1)

struct batch {
	unsigned	 workers;
	batch_fn	*fn;
	void		*arg;
	struct slot	*slot;
	size_t		 nslot;
	struct buf	 bytes;
	struct sent	*sents;
	size_t		*cstarts;	/* beside sents */
	size_t		 nsents, capsents, capcstarts;
	struct buf	*out;		/* per worker */
	size_t		*total;		/* per worker */
	atomic_size_t	 next;
};

struct worker {
	struct batch	*b;
	unsigned	 w;
};

struct batch *
batch_new(unsigned workers, batch_fn *fn, void *arg)
{
	struct batch *b;

	b = xcalloc(1, sizeof(*b));
	b->workers = workers > 0 ? workers : 1;
	b->fn = fn;
	b->arg = arg;
	b->slot = xreallocarray(NULL, BATCH_ITEMS, sizeof(*b->slot));
	b->capsents = 256;	/* never NULL: sent set means "not to split" */
	b->sents = xreallocarray(NULL, b->capsents, sizeof(*b->sents));
	b->out = xcalloc(b->workers, sizeof(*b->out));
	b->total = xcalloc(b->workers, sizeof(*b->total));
	return b;
}

void
batch_free(struct batch *b)
{
	unsigned w;

	if (b == NULL)
		return;
	for (w = 0; w < b->workers; w++)
		buf_free(&b->out[w]);
	free(b->out);
	free(b->total);
	free(b->slot);
	free(b->sents);
	free(b->cstarts);
	buf_free(&b->bytes);
	free(b);
}

/* The item in slot i, its pointers made from the offsets. */
static void
item_of(const struct batch *b, size_t i, struct item *it)
{
	const struct slot *s = &b->slot[i];

	it->id = b->bytes.s + s->str;
	it->idlen = s->idlen;
	it->text = it->id + s->idlen;
	it->len = s->len;
	it->sent = s->sent == NONE ? NULL : b->sents + s->sent;
	it->nsent = s->nsent;
	it->cstart = s->sent != NONE && s->cstart ? b->cstarts + s->sent :
	    NULL;
}

static void *
work(void *arg)
{
	struct worker *wk = arg;
	struct batch *b = wk->b;
	struct item it;
	struct slot *s;
	size_t i, n;

	while ((i = atomic_fetch_add(&b->next, 1)) < b->nslot) {
		s = &b->slot[i];
		item_of(b, i, &it);
		s->w = wk->w;
		s->off = b->out[wk->w].len;
		n = b->fn(b->arg, wk->w, &it, &b->out[wk->w]);
		s->failed = n == BATCH_FAILED;
		if (!s->failed)
			b->total[wk->w] += n;
		s->n = b->out[wk->w].len - s->off;
	}
	return NULL;
}

int
batch_flush(struct batch *b, batch_write *write, void *warg)
{
	struct worker *wk;
	pthread_t *tid;
	unsigned w, nw;
	size_t i;
	int e;

	if (b->nslot == 0)
		return 0;
	nw = b->workers;
	if (nw > b->nslot)
		nw = (unsigned)b->nslot;
	wk = xreallocarray(NULL, nw, sizeof(*wk));
	tid = xreallocarray(NULL, nw, sizeof(*tid));
	for (w = 0; w < nw; w++) {
		buf_reset(&b->out[w]);
		wk[w].b = b;
		wk[w].w = w;
	}
	atomic_store(&b->next, 0);
	for (w = 1; w < nw; w++)
		if ((e = pthread_create(&tid[w], NULL, work, &wk[w])) != 0)
			errc(1, e, "pthread_create");
	work(&wk[0]);
	for (w = 1; w < nw; w++)
		pthread_join(tid[w], NULL);
	for (i = 0; i < b->nslot && !b->slot[i].failed; i++)
		if (b->slot[i].n > 0)
			write(warg, b->out[b->slot[i].w].s + b->slot[i].off,
			    b->slot[i].n);
	free(wk);
	free(tid);
	if (i < b->nslot)
		return -1;
	b->nslot = 0;
	b->nsents = 0;
	buf_reset(&b->bytes);
	return 0;
}

int
batch_add(struct batch *b, const struct item *it, batch_write *write,
    void *warg)
{
	struct slot *s;
	size_t n;

	if (b->workers == 1) {
		buf_reset(&b->out[0]);
		if ((n = b->fn(b->arg, 0, it, &b->out[0])) == BATCH_FAILED)
			return -1;
		b->total[0] += n;
		if (b->out[0].len > 0)
			write(warg, b->out[0].s, b->out[0].len);
		return 0;
	}
	s = &b->slot[b->nslot++];
	s->str = b->bytes.len;
	s->idlen = it->idlen;
	s->len = it->len;
	buf_add(&b->bytes, it->id, it->idlen);
	buf_add(&b->bytes, it->text, it->len);
	s->sent = NONE;
	s->nsent = it->nsent;
	if (it->sent != NULL) {
		b->sents = xroom(b->sents, &b->capsents,
		    b->nsents + it->nsent, sizeof(*b->sents));
		if (it->nsent > 0)
			memcpy(b->sents + b->nsents, it->sent,
			    it->nsent * sizeof(*it->sent));
		s->cstart = it->cstart != NULL && it->nsent > 0;
		if (s->cstart) {
			b->cstarts = xroom(b->cstarts, &b->capcstarts,
			    b->nsents + it->nsent, sizeof(*b->cstarts));
			memcpy(b->cstarts + b->nsents, it->cstart,
			    it->nsent * sizeof(*it->cstart));
		}
		s->sent = b->nsents;
		b->nsents += it->nsent;
	}
	if (b->nslot == BATCH_ITEMS || b->bytes.len >= BATCH_BYTES)
		return batch_flush(b, write, warg);
	return 0;
}

size_t
batch_total(const struct batch *b)
{
	size_t t = 0;
	unsigned w;

	for (w = 0; w < b->workers; w++)
		t += b->total[w];
	return t;
}
