/*
 * cleanrec.h - artclean's records: each record's text and title cleaned
 * by text/clean.h's cleaner and set back, with --explain's "removed"
 * field; or, with --learn, each text fed to the learner and the model
 * written once all input has been read.  The cleaner works on bytes and
 * never sees a record; this layer is where the two meet, as sentrec/ is
 * for artsent.
 *
 * The work is one value for the driver (io/run.h's struct run_mapper),
 * as artsim's modes are:
 *
 *	struct cleanrec_opts o = { .clean = &copts, .explain = true };
 *	struct run_mapper m = cleanrec_mapper(&o);
 *	return run_mapper(&common, nfiles, files, &m);
 */
#ifndef ARTKIT_CLEANREC_H
#define ARTKIT_CLEANREC_H

#include <stdbool.h>

#include "io/run.h"
#include "text/clean.h"

/* What artclean's options ask for; cmd/artclean.c checks them. */
struct cleanrec_opts {
	struct clean_opts	 clean;		/* steps, rules, model */
	bool			 explain;	/* add the "removed" field */
	const char		*learn;		/* --learn MODEL, or NULL */
	unsigned		 min_items;	/* with learn: items to recur in */
};

/*
 * The mapper that cleans every record (or, when o->learn is set, learns
 * from every record's text and writes the model to o->learn at the end,
 * atomically, and only when the run may commit its outputs: see
 * run_may_commit).  The strings o points to are not copied: they must
 * live until the run is over.  The rules and the model are loaded here;
 * one that cannot be read ends the program with a message, status 1.
 */
struct run_mapper cleanrec_mapper(const struct cleanrec_opts *o);

#endif
