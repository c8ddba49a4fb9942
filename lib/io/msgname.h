/*
 * msgname.h - a file name as messages show it: on one line.
 *
 * Every message is one line, "tool: FILE:LINE: what" (doc/design.md), so
 * that a script can read it and a log keeps it whole.  A file name may
 * hold a newline, a carriage return or any other control character;
 * written as it is, it would break the message in two or hide part of it.
 */
#ifndef ARTKIT_MSGNAME_H
#define ARTKIT_MSGNAME_H

/*
 * path as a message shows it: path itself when it holds no control
 * character (spaces, colons and backslashes are left alone, as in the
 * messages of cc(1) and grep(1)); otherwise a copy with each control
 * character, and then each backslash, written as a C escape ("\n", "\t",
 * "\r", "\\", or "\ooo"), as ls -b shows it.  The copy lives as long as
 * the process.  NULL gives NULL.  For messages of the main thread.
 */
const char *msgname(const char *path);
/* The same as a copy of the caller's (free it), safe in any thread. */
char	*msgname_dup(const char *path);

#endif
