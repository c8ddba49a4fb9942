/*
 * output.h - where a tool's records go: standard output or a file written
 * atomically, plain or gzip-compressed.
 *
 * With a path, the data goes to a temporary file beside it, which replaces
 * the path only when output_close is told to keep it: a run that fails, is killed by
 * SIGINT/SIGTERM/SIGHUP, or exits early never leaves a half-written file
 * (an atexit handler and signal handlers remove the temporary file).  Every
 * write is checked; a full disk is a fatal error (exit 1), never a silent
 * success.  A path that exists and is not a regular file (a device, a
 * fifo) is written in place.  A closed pipe downstream ends the tool through SIGPIPE, quietly,
 * as for any Unix filter.
 */
#ifndef ARTKIT_OUTPUT_H
#define ARTKIT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

struct output;

/*
 * Open path (NULL or "-" for standard output), gzip-compressed when gzip is
 * set.  Exits with a message (status 1) when the temporary file cannot be
 * made.
 */
struct output *output_open(const char *path, bool gzip);

/* Append bytes; on a write error print "prog: name: error" and exit 1. */
void	output_write(struct output *, const void *, size_t);

/*
 * Flush everything; with keep, move the file into place, otherwise remove
 * the temporary file.  Standard output and devices are always flushed:
 * what a stream received before an error is never held back.
 * Frees the output.  Exits 1 with a message when a write, close or rename
 * fails.  output_close(NULL, ...) does nothing.
 */
void	output_close(struct output *, bool keep);

/* Name for messages: the path, or "stdout". */
const char *output_name(const struct output *);

#endif
