/*
 * run.h - the driver every tool runs on: inputs in, records out, errors
 * counted, nothing lost.
 *
 * A tool's work is a function "record in -> 0..N records out" plus a flush
 * at the end of input (doc/design.md, after Miller's mappers), so a filter
 * (artclean), a splitter (artsent) and an aggregator (artsim) share this one
 * loop.  The run carries the context every message needs (file, line), the
 * output, the rejects file and the progress line.
 *
 * Error policy (doc/design.md, "Conventions"): a bad record is reported as
 * "tool: file:line: what" and stops the run with status 1, unless
 * --rejects FILE was given: then the line goes to FILE verbatim (with its
 * own line end; a line over --max-record only up to that limit, and the
 * message says so), the run goes on, the count is reported at the end and
 * the status is 1.  The rejects file is written like -o (output.h) and
 * put in place with it.  A file
 * that cannot be read is reported and skipped (status 1).  With -o, the
 * output file is put in place only if the run did not fail for any reason
 * other than records diverted to --rejects.
 */
#ifndef ARTKIT_RUN_H
#define ARTKIT_RUN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "io/input.h"
#include "io/record.h"
#include "io/toolopt.h"

struct run;

/*
 * Called for every input record.  Return 0 when done with it, or the value
 * of run_reject() when the record is bad (nothing may have been emitted for
 * it then).  The record belongs to the driver and changes after the call.
 */
typedef int	(*run_record_fn)(void *state, struct record *, struct run *);
/*
 * Called for every input line, for a tool that reads lines of its own
 * format rather than records (artsim --reduce).  Return 0, or the value of
 * run_reject() when the line is bad.  The line (len bytes, no newline)
 * belongs to the driver and changes after the call.
 */
typedef int	(*run_line_fn)(void *state, const char *line, size_t len,
		    struct run *);
/* Called once at the end of the input (may be NULL). */
typedef void	(*run_flush_fn)(void *state, struct run *);

/*
 * Read every file (none, or "-", is standard input) as records and hand
 * them to fn, then call flush (unless a bad record stopped the run).
 * Begins and ends the run itself (run_begin, run_end): usage errors in the
 * files end the tool with status 2.  Returns the exit status: 0, or 1
 * when any input was bad or unreadable.
 */
int	run_records(const struct toolopt *, int nfiles, char **files,
	    run_record_fn fn, run_flush_fn flush, void *state);

/*
 * A tool's work as one value, after Miller's mappers: a function for each
 * record (or, with record NULL, for each line), a flush at the end of the
 * input, and a free for the state they share once the run is over.  A
 * tool with several modes (artsim) has a constructor per mode returning
 * one of these, and main hands it to run_mapper.
 */
struct run_mapper {
	run_record_fn	 record;	/* each record, or NULL and: */
	run_line_fn	 line;		/* each line */
	run_flush_fn	 flush;		/* at the end (may be NULL) */
	void		(*free)(void *state);	/* after the run (may be NULL) */
	void		*state;
};

/*
 * Run m over the files as run_records does (or, when m->record is NULL,
 * every line of every file to m->line, then the flush), then free its
 * state.  Returns the exit status, as run_records.
 */
int	run_mapper(const struct toolopt *, int nfiles, char **files,
	    const struct run_mapper *m);

/* Lower-level pieces, for tools (artsplit) that read raw text themselves. */

/*
 * Check the run's files and open the output and the rejects file; the run
 * is ready to emit.  files[0..nfiles) are the inputs (none is standard
 * input), checked with the tool's files (toolopt_file) against -o and
 * --rejects: an output that names an input or another output ends the
 * tool with a message, status 2, before anything is written (compared by
 * device and inode, so links and other spellings count).  --rejects -
 * is standard output, refused when the records go there too.  Exits 1
 * when an output cannot be made.
 */
struct run *run_begin(const struct toolopt *, int nfiles, char **files);
/*
 * Open the next input file for reading lines; NULL (after a warning, status
 * 1) when it cannot be opened.  The input is closed by run_close_input.
 */
struct input *run_open_input(struct run *, const char *path);
/*
 * Close the input; if it ended with an error, report it naming the file
 * and line, and set status 1.
 */
void	run_close_input(struct run *, struct input *, int last_status);
/* Finish: close output (committing it when appropriate); the exit status. */
int	run_end(struct run *);

/* Write a record / raw bytes to the output. */
void	run_emit(struct run *, const struct record *);
void	run_write(struct run *, const void *, size_t);

/*
 * Report the current record as bad: "tool: file:line: message".  Returns
 * -1 so a record function can `return run_reject(run, "...")`.
 */
int	run_reject(struct run *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* run_reject naming the given line rather than the current one. */
int	run_reject_at(struct run *, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* A warning about the current input position; the status is unchanged. */
void	run_warn(struct run *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A failure that is not about one record (status 1, the run goes on). */
void	run_fail(struct run *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* run_warn naming the given line, or none when line is 0. */
void	run_warn_at(struct run *, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* run_fail naming a line: "tool: file:line: message". */
void	run_fail_at(struct run *, unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Whether the run has already failed (some error set status 1). */
bool	run_failed(const struct run *);
/*
 * Whether what the run made may be committed at its end, as -o is: true
 * unless it failed for a reason other than records set aside by --rejects.
 * A tool that writes a second file (artclean --learn's model, artsim
 * --dups) commits it on this.
 */
bool	run_may_commit(const struct run *);

/*
 * For tools that read lines themselves: handle the line just rejected by
 * run_reject (copy it to --rejects, or stop).  The copy ends with the
 * current input line's own line end (input_line_end).  Returns true when
 * the run may go on.
 */
bool	run_rejected_line(struct run *, const char *line, size_t len);

/*
 * For a bad record that is not one line (artsplit's items of several
 * lines): count and report the record just rejected with run_reject, like
 * run_rejected_line, and let the caller copy its bytes with
 * run_rejected_more, which writes them as given (line ends included).
 * Both return false when there is no rejects file (the run has stopped).
 */
bool	run_rejected(struct run *);
/* The rejects file's name for messages, or NULL without --rejects. */
const char *run_rejects_name(const struct run *);
bool	run_rejected_more(struct run *, const char *p, size_t len);

/* Reject rec (see run_reject) when a known field has the wrong type. */
int	run_check_record(struct run *, struct record *);

/*
 * After INPUT_TOOLONG from input_getline: reject the line (copying it to
 * --rejects without holding it in memory).  Returns true when the run may
 * go on; false when it must stop (*st is set to INPUT_ERROR on a read
 * error).
 */
bool	run_toolong(struct run *, struct input *, int *st);
/* True once a bad record has stopped the run (no --rejects). */
bool	run_stopped(const struct run *);

/*
 * Tell the progress line about n more items of another kind, shown after
 * the records as "N what" ("records, pages" for a web archive).
 */
void	run_count_items(struct run *, unsigned long n, const char *what);

/* Tell the progress line about n more input records. */
void	run_count(struct run *, unsigned long n);

/*
 * The input being read (its lines can be asked where they lie:
 * input_line_at), or NULL between inputs and in the flush.
 */
struct input *run_input(const struct run *);

/* The current input's name and line number (for messages). */
const char *run_file(const struct run *);
unsigned long run_line(const struct run *);

#endif
