/*
 * fileid.c - see fileid.h.
 */
#include <sys/stat.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/fileid.h"
#include "base/util.h"

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

/* The directory part of path, as a new string ("." when it has none). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * Whether the link path lives in /proc, where links name open files
 * rather than paths (Linux; elsewhere /dev/fd/N are devices and stat says
 * so).
 */
static bool
on_procfs(const char *path)
{
#ifdef __linux__
	struct statfs sf;
	char *dir = dir_of(path);
	bool proc;

	proc = statfs(dir, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
	free(dir);
	return proc;
#else
	(void)path;
	return false;
#endif
}

char *
fileid_target(const char *path)
{
	char link[PATH_MAX], *p, *q;
	const char *slash;
	struct stat st;
	ssize_t n;
	int hops;

	p = xstrdup(path);
	/* As many links as the kernel follows; past that, open says ELOOP. */
	for (hops = 0; hops < 40; hops++) {
		if (lstat(p, &st) < 0 || !S_ISLNK(st.st_mode))
			break;
		if (on_procfs(p)) {
			free(p);
			return NULL;
		}
		if ((n = readlink(p, link, sizeof(link) - 1)) < 0)
			break;
		link[n] = '\0';
		if (link[0] == '/' || (slash = strrchr(p, '/')) == NULL)
			q = xstrdup(link);
		else if (asprintf(&q, "%.*s/%s", (int)(slash - p), p,
		    link) < 0)
			q = NULL;
		if (q == NULL)
			break;
		free(p);
		p = q;
	}
	return p;
}

int
fileid_get(const char *path, bool out, struct fileid *id)
{
	struct stat st;
	char *target, *dir;
	const char *base;
	int r;

	memset(id, 0, sizeof(*id));
	if (strcmp(path, "-") == 0)
		r = fstat(out ? STDOUT_FILENO : STDIN_FILENO, &st);
	else
		r = stat(path, &st);
	if (r == 0) {
		if (!S_ISREG(st.st_mode))
			return -1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		return 0;
	}
	if (!out || errno != ENOENT || (target = fileid_target(path)) == NULL)
		return -1;
	/* A file still to be made: the directory it will be made in. */
	dir = dir_of(target);
	base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
	r = stat(dir, &st);
	free(dir);
	if (r == 0) {
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		id->name = xstrdup(base);
	}
	free(target);
	return r == 0 ? 0 : -1;
}

bool
fileid_same(const struct fileid *a, const struct fileid *b)
{
	if (a->dev != b->dev || a->ino != b->ino)
		return false;
	if (a->name == NULL || b->name == NULL)
		return a->name == b->name;
	return strcmp(a->name, b->name) == 0;
}

void
fileid_free(struct fileid *id)
{
	free(id->name);
	id->name = NULL;
}
