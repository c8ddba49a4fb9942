/*
 * fileid.h - which file a name stands for, so that a run never writes over
 * one of its inputs or writes two outputs to one file (issue 18: a
 * --rejects naming the input emptied it before it was read).
 *
 * Names are compared by what they lead to, not by their spelling: a file
 * that exists is its device and inode (so hard links, symbolic links and
 * "d/../f" are all the same file); a file still to be made is the
 * directory it will be made in (device and inode) and its name there.
 * Only regular files are compared: two outputs to /dev/null, or to one
 * terminal, lose nothing.
 *
 * fileid_target() is also where output.c learns which name its rename must
 * replace, so the two agree on what a symbolic link leads to.
 */
#ifndef ARTKIT_FILEID_H
#define ARTKIT_FILEID_H

#include <sys/types.h>

#include <stdbool.h>

struct fileid {
	dev_t	 dev;
	ino_t	 ino;
	char	*name;		/* file still to be made: its name in the
				   directory dev/ino; NULL when it exists */
};

/*
 * Follow the symbolic links of path one by one to the name a file written
 * there lands on (a link to a file still to be made leads to that file's
 * name).  Returns a new string (the caller frees it), or NULL when a link
 * on the way is a file descriptor's (the magic links of /proc, which
 * /dev/stdout and /dev/fd/N lead to): such a name is a stream, written in
 * place like a device.
 */
char	*fileid_target(const char *path);

/*
 * The identity of path ("-" is standard input, or standard output when
 * out is set) as a reader (out false: the file must exist) or a writer.
 * Returns 0 and fills *id (free it with fileid_free), or -1 when there is
 * nothing to compare: not a regular file, or not there to be read.
 */
int	fileid_get(const char *path, bool out, struct fileid *id);
/* Whether a and b are the same file. */
bool	fileid_same(const struct fileid *a, const struct fileid *b);
void	fileid_free(struct fileid *id);

#endif
