/*
 * fuzz.h - helpers shared by the libFuzzer harnesses in tests/fuzz/: files
 * that live in memory (a memfd, named through /proc/self/fd so the library
 * can open it by path, as a tool would), and the reference model of how a
 * byte stream splits into lines, which the harnesses compare the library
 * against.
 *
 * Each harness is one fuzz_*.c file defining LLVMFuzzerTestOneInput; run.sh
 * links it with libFuzzer, or with replay.c to run a directory of inputs as
 * a plain test.  A harness checks a property with FUZZ_ASSERT, which
 * aborts, so libFuzzer keeps the input that broke it.
 */
#ifndef ARTKIT_FUZZ_H
#define ARTKIT_FUZZ_H

#include <sys/mman.h>

#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"

#define FUZZ_ASSERT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: property failed: %s\n",	\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

struct memfile {
	int	fd;
	char	path[64];	/* /proc/self/fd/N */
};

static inline void
memfile_open(struct memfile *m, const char *name)
{
	if ((m->fd = memfd_create(name, 0)) < 0)
		err(1, "memfd_create");
	snprintf(m->path, sizeof(m->path), "/proc/self/fd/%d", m->fd);
}

/* Make the file hold exactly p[0..n). */
static inline void
memfile_set(struct memfile *m, const void *p, size_t n)
{
	if (ftruncate(m->fd, 0) < 0 ||
	    (n > 0 && pwrite(m->fd, p, n, 0) != (ssize_t)n))
		err(1, "memfile");
}

/* Read the whole file into b (emptied first). */
static inline void
memfile_get(struct memfile *m, struct buf *b)
{
	char tmp[65536];
	off_t off = 0;
	ssize_t r;

	buf_reset(b);
	while ((r = pread(m->fd, tmp, sizeof(tmp), off)) > 0) {
		buf_add(b, tmp, (size_t)r);
		off += r;
	}
	if (r < 0)
		err(1, "memfile");
}

/*
 * The line model of input.h: lines end at "\n", a last line without one
 * still counts, a UTF-8 BOM at the start of a line is dropped (model_bom,
 * after the "\r" is), and data that starts like bzip2, xz or zstd is
 * refused (model_refused).  model_next returns the next raw line (with any
 * "\r" it ends with) and advances *pos; 0 at the end.
 */
static inline void
model_bom(const char **line, size_t *len)
{
	if (*len >= 3 && memcmp(*line, "\xEF\xBB\xBF", 3) == 0) {
		*line += 3;
		*len -= 3;
	}
}

static inline int
model_refused(const char *s, size_t n)
{
	return (n >= 10 && memcmp(s, "BZh", 3) == 0 && s[3] >= '1' &&
	    s[3] <= '9' && (memcmp(s + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
	    memcmp(s + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0)) ||
	    (n >= 6 && memcmp(s, "\xFD" "7zXZ\0", 6) == 0) ||
	    (n >= 4 && memcmp(s, "\x28\xB5\x2F\xFD", 4) == 0);
}

static inline int
model_next(const char *s, size_t n, size_t *pos, const char **line,
    size_t *len)
{
	const char *nl;

	if (*pos >= n)
		return 0;
	*line = s + *pos;
	nl = memchr(*line, '\n', n - *pos);
	*len = nl ? (size_t)(nl - *line) : n - *pos;
	*pos += *len + (nl != NULL);
	return 1;
}

#endif
