/*
 * pairpage.h - the work behind artview(1): the records artsim --align
 * writes (passages, summaries, pair records) and the items themselves,
 * read in any order, gathered into the page of one pair, which pairview.h
 * writes.  It is the driver's struct run_mapper (io/run.h), so artview's
 * main is its options and one call:
 *
 *	struct run_mapper m = pairpage_mapper(a, b);
 *	return run_mapper(&common, nfiles, files, &m);
 *
 * Items go to a temporary file (base/spool.h) as they come, so memory
 * holds the passages and figures of the pair shown and an index of ids,
 * not the texts.  The pair shown is the first pair a passage or a pair
 * record names that fits a and b; records about other pairs are read and
 * left aside.  A record that is none of the kinds, or lacks what its
 * kind needs, is rejected through the run (--rejects); an item whose id
 * was seen before is rejected too, and an item without an id is named
 * "#N" as artsim names it.
 *
 * At the end of the input the page is written to the run's output, or,
 * when there is no pair, or an item of the pair is missing, or a passage
 * does not fit its text, the run fails with a message and nothing is
 * written.
 */
#ifndef ARTKIT_PAIRPAGE_H
#define ARTKIT_PAIRPAGE_H

#include "io/run.h"

/*
 * The mapper for the page of a pair with item a on the left and item b
 * on the right; a or b (or both) may be NULL: any item there.  a and b
 * are copied, and must differ (artview refuses -a x -b x as a usage
 * error).  Exits 1 when the temporary file cannot be made.  The mapper's
 * free releases everything.
 */
struct run_mapper pairpage_mapper(const char *a, const char *b);

#endif
