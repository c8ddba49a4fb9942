/*
 * output.c - see output.h.
 *
 * The list of temporary files still to remove must be reachable from a
 * signal handler, which gets no argument; it is the one file-scope variable
 * in libartkit, and it only ever holds paths of files this process made.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "io/output.h"
#include "base/util.h"

#define OBUF	(256 * 1024)
#define MAXTEMP	8

struct output {
	int		 fd;
	char		*path;		/* final name, NULL for stdout */
	char		*tmp;		/* temporary file, NULL for stdout */
	bool		 gzip;
	z_stream	 z;
	unsigned char	*buf;		/* bytes waiting for write(2) */
	size_t		 len;
};

static char *volatile pending[MAXTEMP];	/* temporary files to remove */

static void
remove_pending(void)
{
	int i;

	for (i = 0; i < MAXTEMP; i++)
		if (pending[i] != NULL)
			unlink(pending[i]);
}

static void
on_signal(int sig)
{
	remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Catch sig to remove the temporary files, unless it was ignored when the
 * tool started: under nohup(1), or as a background job of a script, the
 * tool must go on as the user asked.
 */
static void
catch(int sig)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
		return;
	signal(sig, on_signal);
}

static void
track(char *tmp, bool add)
{
	static bool installed;
	int i;

	if (!installed) {
		atexit(remove_pending);
		catch(SIGINT);
		catch(SIGTERM);
		catch(SIGHUP);
		installed = true;
	}
	for (i = 0; i < MAXTEMP; i++) {
		if (add && pending[i] == NULL) {
			pending[i] = tmp;
			return;
		}
		if (!add && pending[i] == tmp) {
			pending[i] = NULL;
			return;
		}
	}
	if (add)
		errx(1, "too many output files");
}

struct output *
output_open(const char *path, bool gzip)
{
	struct output *o;
	const char *slash;
	size_t dirlen;
	mode_t mask;
	struct stat st;

	o = xcalloc(1, sizeof(*o));
	o->buf = xmalloc(OBUF);
	o->gzip = gzip;
	if (path == NULL || strcmp(path, "-") == 0)
		o->fd = STDOUT_FILENO;
	else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/*
		 * A device or a pipe (/dev/null, /dev/stdout, a fifo) is
		 * written in place: renaming a file over it would replace
		 * the device itself.
		 */
		o->path = xstrdup(path);
		if ((o->fd = open(path, O_WRONLY | O_TRUNC)) < 0)
			err(1, "%s", path);
	} else {
		o->path = xstrdup(path);
		slash = strrchr(path, '/');
		dirlen = slash ? (size_t)(slash - path) + 1 : 0;
		if (asprintf(&o->tmp, "%.*s.%s.XXXXXX", (int)dirlen, path,
		    path + dirlen) < 0)
			err(1, "asprintf");
		if ((o->fd = mkstemp(o->tmp)) < 0)
			err(1, "%s", o->tmp);
		track(o->tmp, true);
		/* mkstemp makes 0600; give the file the usual mode. */
		mask = umask(0);
		umask(mask);
		(void)fchmod(o->fd, 0666 & ~mask);
	}
	if (gzip) {
		if (deflateInit2(&o->z, 6, Z_DEFLATED, 15 + 16, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			errx(1, "deflateInit2 failed");
	}
	return o;
}

const char *
output_name(const struct output *o)
{
	return o->path ? o->path : "stdout";
}

static void
write_all(struct output *o, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(o->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EPIPE) {
			/* SIGPIPE was ignored: end as quietly as it would. */
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		if (w < 0)
			err(1, "%s", output_name(o));
		p += w;
		n -= (size_t)w;
	}
}

static void
deflate_some(struct output *o, const void *p, size_t n, int flush)
{
	unsigned char tmp[OBUF];
	int zr;

	o->z.next_in = (unsigned char *)(uintptr_t)p;
	o->z.avail_in = (uInt)n;
	do {
		o->z.next_out = tmp;
		o->z.avail_out = sizeof(tmp);
		zr = deflate(&o->z, flush);
		if (zr == Z_STREAM_ERROR)
			errx(1, "%s: deflate failed", output_name(o));
		write_all(o, tmp, sizeof(tmp) - o->z.avail_out);
	} while (o->z.avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
}

static void
drain(struct output *o)
{
	if (o->len == 0)
		return;
	if (o->gzip)
		deflate_some(o, o->buf, o->len, Z_NO_FLUSH);
	else
		write_all(o, o->buf, o->len);
	o->len = 0;
}

void
output_write(struct output *o, const void *p, size_t n)
{
	if (o->len + n > OBUF) {
		drain(o);
		if (n > OBUF) {
			if (o->gzip)
				deflate_some(o, p, n, Z_NO_FLUSH);
			else
				write_all(o, p, n);
			return;
		}
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void
output_close(struct output *o, bool keep)
{
	if (o == NULL)
		return;
	/* What went to a stream is out already; finish it whatever happens. */
	if (o->tmp == NULL)
		keep = true;
	if (keep) {
		drain(o);
		if (o->gzip)
			deflate_some(o, "", 0, Z_FINISH);
	}
	if (o->gzip)
		deflateEnd(&o->z);
	if (o->tmp != NULL) {
		if (keep && fsync(o->fd) < 0 && errno != EINVAL)
			err(1, "%s", o->path);
		if (close(o->fd) < 0 && keep)
			err(1, "%s", o->path);
		if (keep && rename(o->tmp, o->path) < 0)
			err(1, "%s", o->path);
		if (!keep)
			unlink(o->tmp);
		track(o->tmp, false);
		free(o->tmp);
	} else if (o->path != NULL && close(o->fd) < 0)
		err(1, "%s", o->path);
	free(o->path);
	free(o->buf);
	free(o);
}
