/*
 * linefile.c - see linefile.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/linefile.h"
#include "base/util.h"

int
linefile_each(const char *name, const char *text, size_t n, struct buf *err,
    linefile_fn fn, void *arg)
{
	const char *p = text, *nl, *why;
	char *line, *s, msg[512];
	size_t lineno = 0, len;

	/* A byte-order mark, as Windows editors write it, is no entry. */
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < text + n) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(text + n - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(text + n - p);
		line = xstrndup(p, len);
		p += len + 1;
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		why = NULL;
		if (memchr(line, '\0', len) != NULL)
			why = "NUL byte in line";
		else if (*s != '\0' && *s != '#' && *s != '\r')
			why = fn(arg, line, msg, sizeof(msg));
		free(line);
		if (why != NULL) {
			if (err != NULL)
				buf_printf(err, "%s:%zu: %s", name, lineno,
				    why);
			return -1;
		}
	}
	return 0;
}

int
linefile_read(const char *path, struct buf *text, struct buf *err)
{
	FILE *fp;
	char chunk[8192];
	size_t k;
	int bad;

	if ((fp = fopen(path, "r")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(text, chunk, k);
	bad = ferror(fp);
	fclose(fp);
	if (bad) {
		buf_printf(err, "%s: read error", path);
		return -1;
	}
	return 0;
}

int
linefile_load(const char *path, struct buf *err, linefile_fn fn, void *arg)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = linefile_read(path, &text, err);
	if (rc == 0)
		rc = linefile_each(path, buf_cstr(&text), text.len, err, fn,
		    arg);
	buf_free(&text);
	return rc;
}
