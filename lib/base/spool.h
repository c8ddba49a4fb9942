/*
 * spool.h - the one way libartkit makes a temporary file: an anonymous
 * file for data too big to keep in memory (artsim's records between its
 * two passes, the index builder's strings, the aligner's texts).
 *
 * The file is made in $TMPDIR, or /tmp when it is unset or empty, as the
 * man pages say (glibc's tmpfile(3) always uses /tmp, so a small /tmp
 * failed big jobs), and unlinked at once: nothing is left behind however
 * the tool ends.  A spool is a stdio stream, read and written with the
 * usual calls; spool_write, spool_rewind and spool_check make every
 * failure fatal with a message that says where: "temporary file in
 * /big/tmp: No space left on device" (exit 1).
 */
#ifndef ARTKIT_SPOOL_H
#define ARTKIT_SPOOL_H

#include <stddef.h>
#include <stdio.h>

/* A new empty spool, open for writing and reading; exits 1 on failure. */
FILE	*spool_open(void);
/* Write n bytes; exits 1 on failure. */
void	 spool_write(FILE *, const void *, size_t n);
/* Flush what was written and go back to the start to read it. */
void	 spool_rewind(FILE *);
/* After reading to the end: exit 1 if the stream had an error. */
void	 spool_check(FILE *);
/* Exit 1 with "temporary file in DIR: strerror(errno)". */
void	 spool_fail(void) __attribute__((noreturn));
/* The directory spools are made in ($TMPDIR or /tmp). */
const char *spool_dir(void);

#endif
