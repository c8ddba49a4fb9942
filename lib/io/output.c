/*
 * output.c - see output.h.
 *
 * Two things must be reachable from handlers that get no argument: the
 * temporary files still to remove (from a signal handler, so only paths,
 * in a fixed array) and the open outputs whose buffered bytes an exit on
 * a fatal error must still write (from the atexit handler).  They are the
 * file-scope variables of this file, and they only ever hold what this
 * process made.
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

#include "io/fileid.h"
#include "io/msgname.h"
#include "io/output.h"
#include "base/util.h"

#define OBUF	(256 * 1024)
#define MAXTEMP	8

struct output {
	int		 fd;
	char		*path;		/* as given, for messages; NULL for stdout */
	char		*target;	/* what the rename replaces; NULL for a stream */
	char		*tmp;		/* temporary file, NULL for a stream */
	bool		 gzip;
	bool		 finished;	/* all written: no more writes */
	bool		 broken;	/* a write failed: write no more */
	z_stream	 z;
	unsigned char	*buf;		/* bytes waiting for write(2) */
	size_t		 len;
	struct output	*next;		/* in the list of open outputs */
};

static char *volatile pending[MAXTEMP];	/* temporary files to remove */
static struct output *open_outputs;	/* for the exit handler */
static bool exiting;			/* in the exit handler: no exit() */

static void finish(struct output *);

static void
remove_pending(void)
{
	int i;

	for (i = 0; i < MAXTEMP; i++)
		if (pending[i] != NULL)
			unlink(pending[i]);
}

/*
 * An exit that did not go through output_close (err() on a fatal error
 * anywhere): write out what the streams still hold, since a reader
 * already has everything before it, then remove the temporary files, as
 * the failed run's files are not to be put in place.
 */
static void
at_exit(void)
{
	struct output *o;

	exiting = true;
	for (o = open_outputs; o != NULL; o = o->next)
		if (o->tmp == NULL && !o->finished)
			finish(o);
	remove_pending();
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
		catch(SIGINT);
		catch(SIGTERM);
		catch(SIGHUP);
		/* Ctrl-\; timers; ulimit -t: they end the tool as well */
		catch(SIGQUIT);
		catch(SIGALRM);
		catch(SIGVTALRM);
		catch(SIGXCPU);
		/* stderr into a closed pipe; past ulimit -f */
		catch(SIGPIPE);
		catch(SIGXFSZ);
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

/* Make the temporary file beside o->target, with the mode it will need. */
static void
make_temp(struct output *o)
{
	const char *slash;
	size_t dirlen;
	struct stat st;
	mode_t mask, mode;
	bool exists;

	exists = stat(o->target, &st) == 0;
	slash = strrchr(o->target, '/');
	dirlen = slash ? (size_t)(slash - o->target) + 1 : 0;
	if (asprintf(&o->tmp, "%.*s.%s.XXXXXX", (int)dirlen, o->target,
	    o->target + dirlen) < 0)
		err(1, "asprintf");
	if ((o->fd = mkstemp(o->tmp)) < 0)
		err(1, "%s", o->path);
	track(o->tmp, true);
	/*
	 * mkstemp makes 0600 files of ours.  A file replaced keeps its
	 * owner (when we may give it) and mode: a private corpus stays
	 * private; a new one gets the usual mode.
	 */
	if (exists) {
		if (st.st_uid != geteuid() || st.st_gid != getegid())
			(void)fchown(o->fd, st.st_uid, st.st_gid);
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	(void)fchmod(o->fd, mode);
}

struct output *
output_open(const char *path, bool gzip)
{
	static bool installed;
	struct output *o;
	struct stat st;

	o = xcalloc(1, sizeof(*o));
	o->buf = xmalloc(OBUF);
	o->gzip = gzip;
	if (path == NULL || strcmp(path, "-") == 0)
		o->fd = STDOUT_FILENO;
	else {
		o->path = msgname_dup(path);
		o->target = fileid_target(path);
		if (o->target == NULL || (stat(o->target, &st) == 0 &&
		    !S_ISREG(st.st_mode))) {
			/*
			 * A device, a pipe or a file descriptor (/dev/null,
			 * /dev/stdout, a fifo) is written in place:
			 * renaming a file over it would replace the device
			 * itself.
			 */
			free(o->target);
			o->target = NULL;
			if ((o->fd = open(path, O_WRONLY | O_TRUNC)) < 0)
				err(1, "%s", msgname(path));
		} else
			make_temp(o);
	}
	if (gzip) {
		if (deflateInit2(&o->z, 6, Z_DEFLATED, 15 + 16, 8,
		    Z_DEFAULT_STRATEGY) != Z_OK)
			errx(1, "deflateInit2 failed");
	}
	if (!installed) {
		atexit(at_exit);
		installed = true;
	}
	o->next = open_outputs;
	open_outputs = o;
	return o;
}

bool
output_streams(const struct output *o)
{
	return o->tmp == NULL;
}

const char *
output_name(const struct output *o)
{
	return o->path ? o->path : "stdout";
}

/*
 * A write failed (what is NULL: errno says why): stop, or while exiting
 * already, say so and write no more to this output.
 */
static void
fail(struct output *o, const char *what)
{
	int e = errno;

	o->broken = true;
	errno = e;
	if (!exiting) {
		if (what == NULL)
			err(1, "%s", output_name(o));
		errx(1, "%s: %s", output_name(o), what);
	}
	if (what == NULL)
		warn("%s", output_name(o));
	else
		warnx("%s: %s", output_name(o), what);
}

static void
write_all(struct output *o, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0 && !o->broken) {
		w = write(o->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EPIPE) {
			/* SIGPIPE was ignored: end as quietly as it would. */
			remove_pending();
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		if (w < 0) {
			fail(o, NULL);
			return;
		}
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
		if (zr == Z_STREAM_ERROR) {
			fail(o, "deflate failed");
			return;
		}
		write_all(o, tmp, sizeof(tmp) - o->z.avail_out);
	} while (!o->broken && (o->z.avail_out == 0 ||
	    (flush == Z_FINISH && zr != Z_STREAM_END)));
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

static void
finish(struct output *o)
{
	o->finished = true;
	drain(o);
	if (o->gzip && !o->broken)
		deflate_some(o, "", 0, Z_FINISH);
	if (o->tmp != NULL && !o->broken && fsync(o->fd) < 0 &&
	    errno != EINVAL)
		fail(o, NULL);
}

void
output_finish(struct output *o)
{
	if (!o->finished)
		finish(o);
}

void
output_close(struct output *o, bool keep)
{
	struct output **pp;

	if (o == NULL)
		return;
	/* What went to a stream is out already; finish it whatever happens. */
	if (o->tmp == NULL)
		keep = true;
	if (keep)
		output_finish(o);
	if (o->gzip)
		deflateEnd(&o->z);
	if (o->tmp != NULL) {
		if (close(o->fd) < 0 && keep)
			err(1, "%s", o->path);
		if (keep && rename(o->tmp, o->target) < 0)
			err(1, "%s", o->path);
		if (!keep)
			unlink(o->tmp);
		track(o->tmp, false);
		free(o->tmp);
	} else if (o->path != NULL && close(o->fd) < 0)
		err(1, "%s", o->path);
	for (pp = &open_outputs; *pp != NULL; pp = &(*pp)->next)
		if (*pp == o) {
			*pp = o->next;
			break;
		}
	free(o->target);
	free(o->path);
	free(o->buf);
	free(o);
}
