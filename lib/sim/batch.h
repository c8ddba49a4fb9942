/*
 * batch.h - one function over a stream of items on several threads, the
 * answers written in the order the items came in.
 *
 * Streaming items against a reference index (artsim --ref) reads nothing
 * but the item and a shared, read-only index, so items can be answered in
 * any order on any thread; the output must still be deterministic.  The
 * items are copied into a batch (at most BATCH_ITEMS of them, or
 * BATCH_BYTES of text, so memory does not grow with the stream); a full
 * batch is answered by the workers, each taking the next unanswered item,
 * and its answers are then written in input order.  With one worker each
 * item is answered at once, without copying or threads.
 *
 *	b = batch_new(workers, answer, arg);
 *	for each item:
 *		batch_add(b, it, write, warg);
 *	batch_flush(b, write, warg);
 *	batch_free(b);
 */
#ifndef ARTKIT_BATCH_H
#define ARTKIT_BATCH_H

#include <stddef.h>

#include "sim/item.h"
#include "base/buf.h"

#define BATCH_ITEMS	256
#define BATCH_BYTES	(2 << 20)

/*
 * Answer item it on worker w (0 <= w < workers) by appending to out;
 * called on the workers' threads, at the same time for different items,
 * never at the same time for the same w.  Returns a count that
 * batch_total adds up (artsim: pairs found), or BATCH_FAILED when the item
 * cannot be answered (a damaged index): the answers of the items before it
 * are written, none after, and the failure is the caller's to report, on
 * its own thread, once.
 */
#define BATCH_FAILED	((size_t)-1)
typedef size_t batch_fn(void *arg, unsigned w, const struct item *it,
    struct buf *out);

/* Where the answers go: write(warg, bytes, n), on the calling thread. */
typedef void batch_write(void *warg, const void *p, size_t n);

struct batch;

/* A batch for workers threads (0 is 1) answering with fn(arg, ...). */
struct batch *batch_new(unsigned workers, batch_fn *fn, void *arg);
/* Free b, which must have been flushed; NULL does nothing. */
void	batch_free(struct batch *b);

/*
 * Add a copy of it; when the batch is full, answer it and write the
 * answers.  Returns 0, or -1 when an item failed (see batch_fn); the batch
 * may then only be freed.
 */
int	batch_add(struct batch *b, const struct item *it,
	    batch_write *write, void *warg);
/*
 * Answer the items added and not yet answered, and write the answers.
 * Returns 0, or -1 when an item failed, as batch_add.
 */
int	batch_flush(struct batch *b, batch_write *write, void *warg);

/* The sum of what fn returned so far. */
size_t	batch_total(const struct batch *b);

#endif
