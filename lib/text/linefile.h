/*
 * linefile.h - the files people write for artclean, read line by line:
 * the boilerplate rules (boiler.h) and the learned model (model.h).
 *
 * Both are text, one entry a line; blank lines and lines whose first
 * non-blank character is '#' are comments.  An error names the file and
 * the line ("name:line: what is wrong"), as a compiler's does.  A UTF-8
 * byte-order mark at the start of the file is skipped.
 */
#ifndef ARTKIT_LINEFILE_H
#define ARTKIT_LINEFILE_H

#include <stddef.h>

#include "base/buf.h"

/*
 * Read one entry: line is a writable NUL-terminated copy (without its
 * newline) that fn may change.  Returns NULL when the line is good, else
 * the bare reason it is not, either a static string or msg (msglen bytes)
 * written by fn.
 */
typedef const char *(*linefile_fn)(void *arg, char *line, char *msg,
	    size_t msglen);

/*
 * Call fn(arg, ...) on each line of text (n bytes, read from a file called
 * name) that is not blank or a comment, stopping at the first bad line.
 * Returns 0, or -1 with "name:line: reason" appended to err (when err is
 * not NULL); entries before the bad line stay read.  A NUL byte in a line
 * is an error.
 */
int	linefile_each(const char *name, const char *text, size_t n,
	    struct buf *err, linefile_fn fn, void *arg);

/* Append the bytes of the file path to text; -1 with the reason in err. */
int	linefile_read(const char *path, struct buf *text, struct buf *err);

/* linefile_read, then linefile_each over what it read. */
int	linefile_load(const char *path, struct buf *err, linefile_fn fn,
	    void *arg);

#endif
