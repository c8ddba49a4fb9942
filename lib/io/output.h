/*
 * output.h - where a tool's records go: standard output or a file written
 * atomically, plain or gzip-compressed.
 *
 * With a path, the data goes to a hidden temporary file beside the target,
 * which replaces the target only when output_close is told to keep it: a
 * run that fails, is killed by SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM,
 * SIGVTALRM, SIGXCPU, SIGPIPE or SIGXFSZ, or exits early never leaves a
 * half-written file (an atexit handler and
 * signal handlers remove the temporary file).  The new file gets the mode
 * of the file it replaces (a new one 0666 less the umask), and a symbolic
 * link is written through: the file it leads to is replaced, the link
 * stays.  (Other hard links to the old file keep the old contents, as
 * with any atomic replacement.)  A path that leads to something other
 * than a regular file (a device, a fifo, /dev/stdout) is written in place.
 *
 * Every write is checked; a full disk is a fatal error (exit 1), never a
 * silent success.  What a stream (standard output, a device) received is
 * never held back: when the tool exits on a fatal error elsewhere, the
 * buffered bytes of every open stream are written first (a gzip stream is
 * finished), so the records made before the error are all there.  A
 * closed pipe downstream ends the tool through SIGPIPE, quietly, as for
 * any Unix filter.  Messages name the target, never the temporary file.
 */
#ifndef ARTKIT_OUTPUT_H
#define ARTKIT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

struct output;

/*
 * Open path (NULL or "-" for standard output), gzip-compressed when gzip is
 * set.  Exits with a message naming path (status 1) when the temporary
 * file cannot be made.
 */
struct output *output_open(const char *path, bool gzip);

/* Append bytes; on a write error print "prog: name: error" and exit 1. */
void	output_write(struct output *, const void *, size_t);

/*
 * Write out everything (and end the gzip stream), and for a file make it
 * durable (fsync), without putting it in place yet: a run with two files
 * to commit finishes both before it renames either.  Exits 1 with a
 * message on a write error.  Nothing may be written after it.
 */
void	output_finish(struct output *);

/*
 * Finish (unless done) and, with keep, move the file into place; without
 * keep, remove the temporary file.  Standard output and devices are
 * always finished: what a stream received is never held back.  Frees the
 * output.  Exits 1 with a message when a write, close or rename fails.
 * output_close(NULL, ...) does nothing.
 */
void	output_close(struct output *, bool keep);

/*
 * Whether the output is written as it goes (standard output, a device, a
 * pipe): then what it received is out, whatever happens to the run.
 */
bool	output_streams(const struct output *);

/* Name for messages: the path as given, or "stdout". */
const char *output_name(const struct output *);

#endif
