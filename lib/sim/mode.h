/*
 * mode.h - artsim's modes, each a constructor that returns what the
 * driver runs (io/run.h's struct run_mapper: a function for each record,
 * or line, a flush at the end of the input, a free), after Miller's
 * mappers, over the engine it drives:
 *
 *	mode_pairs, mode_clusters,	the in-memory engine, simindex.h
 *	mode_dedup			(mode_pairs.c)
 *	mode_align			simindex.h, itemstore.h and the
 *					aligner, align.h (mode_align.c)
 *	mode_index, mode_ref,		the reference index, refindex.h, on
 *	mode_ref_align			batch.h's threads (mode_ref.c)
 *	mode_map, mode_reduce		the map / sort / reduce split, simkv.h
 *					(mode_kv.c)
 *
 * Every mode but --reduce, which reads lines of its own format, reads its
 * records through one item reader (itemreader.h), which names, checks and
 * joins them alike.  A mode writes through the run (so -o is atomic and
 * --rejects works as in every tool), and, with --progress or a terminal
 * on standard error, ends with a line of items, pairs and seconds.
 *
 *	struct mode_opts o;
 *	struct run_mapper m;
 *	mode_opts_init(&o);
 *	... options into o ...
 *	m = mode_pairs(&o);
 *	return run_mapper(&o.common, nfiles, files, &m);
 *
 * A constructor trusts the options: which go with which mode is
 * cmd/artsim.c's table.  It copies what it needs of them, so o may go
 * after the call, and exits with a message (status 1) when what the mode
 * needs cannot be had: a temporary file, or, for mode_ref, the index.
 * The mapper's free releases everything the mode holds.
 */
#ifndef ARTKIT_MODE_H
#define ARTKIT_MODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "io/run.h"
#include "io/toolopt.h"
#include "sim/align.h"
#include "sim/sim.h"

/* Which record --dedup keeps of a cluster. */
enum mode_keep {
	MODE_KEEP_FIRST,		/* the first read */
	MODE_KEEP_LONGEST,		/* the longest text */
	MODE_KEEP_EARLIEST		/* the earliest "date" */
};

/* Every option of artsim; each mode reads those it takes. */
struct mode_opts {
	struct toolopt	 common;	/* -o, -z, --rejects, --progress ... */
	struct sim_opts	 sim;		/* -n, -k, -t, --contain, -j ... */
	struct align_opts align;	/* --min-words, --wholly, --partly */
	bool		 contain_set;	/* --contain given: --align keeps it */
	bool		 with_title;	/* --with-title */
	enum mode_keep	 keep;		/* --dedup --keep */
	const char	*dups;		/* --dedup --dups FILE, or NULL */
	const char	*ref;		/* --ref INDEX */
	size_t		 max_group;	/* --reduce --max-group BYTES */
	size_t		 map_buffer;	/* --map --map-buffer BYTES, 0: none */
};

/*
 * The defaults: the shared options', sim_opts_init's with a thread per online
 * CPU (at most 256: the pairs come out sorted, so threads never change the
 * bytes), align_opts_init's, --keep first, --max-group 256M,
 * --map-buffer 16M.
 */
void	mode_opts_init(struct mode_opts *o);

/* Pairs of similar items as pair records (pair.h), in memory. */
struct run_mapper mode_pairs(const struct mode_opts *o);
/* Every record passed through with "cluster": the id of its first item. */
struct run_mapper mode_clusters(const struct mode_opts *o);
/*
 * One record per cluster, chosen by o->keep; the others to o->dups when
 * set, and a count of both on standard error.
 */
struct run_mapper mode_dedup(const struct mode_opts *o);
/* The passages each pair shares, and the share reused (align.h). */
struct run_mapper mode_align(const struct mode_opts *o);
/* A reference index of the items (refindex.h), written through the run. */
struct run_mapper mode_index(const struct mode_opts *o);
/* Every item against the references in o->ref: pairs, or passages. */
struct run_mapper mode_ref(const struct mode_opts *o);
struct run_mapper mode_ref_align(const struct mode_opts *o);
/* The map step: key<TAB>value lines of each item (simkv.h). */
struct run_mapper mode_map(const struct mode_opts *o);
/* A reduce round: sorted lines in, the next round's (or the pairs) out. */
struct run_mapper mode_reduce(const struct mode_opts *o);

/*
 * What the modes share: the clock of the run, the progress line while the
 * in-memory engine compares, and the line that ends a run.
 */
struct mode_clock {
	bool		 progress;	/* --progress, or stderr a terminal */
	struct timespec	 t0, shown;	/* start, last progress line */
};

/* Start the clock; progress as the options and standard error say. */
void	mode_clock_start(struct mode_clock *c, const struct toolopt *o);
/*
 * For simindex_progress (arg: the clock): a line a second while items are
 * compared, and one when they are done.
 */
void	mode_show_progress(void *arg, uint32_t done, uint32_t total,
	    uint64_t pairs);
/* With progress: "artsim: N items, N pairs, T s". */
void	mode_summary(const struct mode_clock *c, uint64_t items,
	    uint64_t pairs);

/*
 * The record function of every mode that reads items, for a state whose
 * first member is its item reader (struct itemreader *): the record to
 * the reader, a bad one rejected with the reader's message.
 */
int	mode_read(void *state, struct record *rec, struct run *run);
struct itemreader;
/*
 * itemreader_end(r, run), and a warning when no record had a text
 * (itemreader_textless): what each mode's flush calls first.
 */
void	mode_end(struct itemreader *r, struct run *run);

#endif
