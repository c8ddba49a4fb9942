/*
 * mode.c - see mode.h: the options and what every mode shares.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "io/input.h"
#include "sim/itemreader.h"
#include "sim/mode.h"

void
mode_opts_init(struct mode_opts *o)
{
	long ncpu;

	memset(o, 0, sizeof(*o));
	toolopt_init(&o->common);
	sim_opts_init(&o->sim);
	align_opts_init(&o->align);
	/* The pairs come out sorted, so threads never change the bytes. */
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o->sim.threads = ncpu > 1 ? (unsigned)(ncpu < 256 ? ncpu : 256) : 1;
	o->keep = MODE_KEEP_FIRST;
	o->max_group = INPUT_MAX_RECORD_DEFAULT;
	o->map_buffer = (size_t)16 << 20;
}

void
mode_clock_start(struct mode_clock *c, const struct toolopt *o)
{
	c->progress = o->progress || isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	c->shown = c->t0;
}

/* Seconds from a to b (now when b is NULL). */
static double
since(const struct timespec *a, struct timespec *b)
{
	struct timespec now;

	if (b == NULL)
		b = &now;
	clock_gettime(CLOCK_MONOTONIC, b);
	return elapsed(a, b);
}

/*
 * Comparing every item comes after reading them all and can take minutes:
 * a line a second while it does, and one when it is done.
 */
void
mode_show_progress(void *arg, uint32_t done, uint32_t total, uint64_t pairs)
{
	struct mode_clock *c = arg;
	struct timespec now;
	double secs = since(&c->t0, &now);

	if (done < total && since(&c->shown, NULL) < 1.0)
		return;
	c->shown = now;
	fprintf(stderr, "\rartsim: compared %u of %u items, %llu pairs, "
	    "%.1f s%s", done, total, (unsigned long long)pairs, secs,
	    done == total ? "\n" : "");
}

void
mode_summary(const struct mode_clock *c, uint64_t items, uint64_t pairs)
{
	if (c->progress)
		fprintf(stderr, "artsim: %llu items, %llu pairs, %.1f s\n",
		    (unsigned long long)items, (unsigned long long)pairs,
		    since(&c->t0, NULL));
}

int
mode_read(void *state, struct record *rec, struct run *run)
{
	struct itemreader *r = *(struct itemreader **)state;
	const char *msg;

	if (itemreader_record(r, rec, run, &msg) < 0)
		return run_reject(run, "%s", msg);
	return 0;
}

void
mode_end(struct itemreader *r, struct run *run)
{
	itemreader_end(r, run);
	/* An input whose text is under another name gave no pairs, and
	 * not a word. */
	if (itemreader_textless(r))
		run_warn_at(run, 0, "no record had a \"text\" field: no "
		    "words, no pairs");
}
