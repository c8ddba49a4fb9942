/*
 * spool.c - see spool.h.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/spool.h"

const char *
spool_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d != NULL && *d != '\0' ? d : "/tmp";
}

void
spool_fail(void)
{
	err(1, "temporary file in %s", spool_dir());
}

FILE *
spool_open(void)
{
	char *path;
	FILE *fp;
	int fd;

	if (asprintf(&path, "%s/artkit.XXXXXX", spool_dir()) < 0)
		err(1, "asprintf");
	if ((fd = mkstemp(path)) < 0)
		spool_fail();
	/* Nameless from now on: gone when closed, however the tool ends. */
	(void)unlink(path);
	free(path);
	if ((fp = fdopen(fd, "w+")) == NULL)
		spool_fail();
	return fp;
}

void
spool_write(FILE *fp, const void *p, size_t n)
{
	if (n > 0 && fwrite(p, 1, n, fp) != n)
		spool_fail();
}

void
spool_rewind(FILE *fp)
{
	if (fflush(fp) == EOF || fseek(fp, 0, SEEK_SET) < 0)
		spool_fail();
}

void
spool_check(FILE *fp)
{
	if (ferror(fp))
		spool_fail();
}
