/*
 * replay.c - run a harness over files instead of under libFuzzer: every
 * file named, and every file in every directory named, is handed to
 * LLVMFuzzerTestOneInput once.  This is how the seed corpora and the kept
 * crash inputs (tests/fuzz/regress/) run as a plain test, in any build
 * (sanitizers, valgrind) and with any compiler.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned long count;

static void
one(const char *path)
{
	FILE *fp;
	char *p = NULL;
	size_t cap = 0, len = 0, r;

	if ((fp = fopen(path, "rb")) == NULL)
		err(1, "%s", path);
	do {
		if (len == cap && (p = realloc(p, cap = cap * 2 + 4096)) ==
		    NULL)
			err(1, NULL);
		r = fread(p + len, 1, cap - len, fp);
		len += r;
	} while (r > 0);
	if (ferror(fp))
		err(1, "%s", path);
	fclose(fp);
	/* A copy of exactly len bytes, so reading past the end is caught. */
	p = realloc(p, len ? len : 1);
	LLVMFuzzerTestOneInput((const uint8_t *)p, len);
	free(p);
	count++;
}

static int
byname(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
main(int argc, char *argv[])
{
	struct dirent **ents;
	struct stat st;
	char *path;
	int i, k, n;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) < 0)
			err(1, "%s", argv[i]);
		if (!S_ISDIR(st.st_mode)) {
			one(argv[i]);
			continue;
		}
		if ((n = scandir(argv[i], &ents, NULL, byname)) < 0)
			err(1, "%s", argv[i]);
		for (k = 0; k < n; k++) {
			if (ents[k]->d_name[0] != '.') {
				if (asprintf(&path, "%s/%s", argv[i],
				    ents[k]->d_name) < 0)
					err(1, NULL);
				one(path);
				free(path);
			}
			free(ents[k]);
		}
		free(ents);
	}
	printf("%lu inputs\n", count);
	return 0;
}
