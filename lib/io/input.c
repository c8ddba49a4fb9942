/*
 * input.c - see input.h.
 *
 * The reader owns two chunk buffers: raw bytes from read(2) and, for gzip,
 * the inflated bytes.  A line that lies wholly inside the current chunk is
 * returned as a pointer into it (no copy: that keeps artsplit near cat's
 * speed); a line that crosses chunks is assembled in a struct buf.
 *
 * zlib's gzread() would do the decompression, but it silently ignores
 * garbage after the last member and reports truncation only at close, so
 * inflate() is driven directly: every member boundary is checked.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/buf.h"
#include "io/input.h"
#include "io/msgname.h"
#include "base/util.h"

#define CHUNK	(256 * 1024)

struct input {
	int		 fd;
	char		*name;
	size_t		 maxlen;
	unsigned long	 lineno;
	unsigned long long linebase;	/* input_line_base */
	unsigned long long nbytes;
	const char	*err;		/* set once an error happened */
	char		 errbuf[128];
	bool		 eof;		/* no more decompressed data */
	bool		 again;		/* a plain regular file opened by name:
					   its lines can be read again */
	unsigned long long linestart;	/* where the line being read begins */
	unsigned long long lineat;	/* and the last line handed out, */
	size_t		 linelen;	/* of this length */
	unsigned long long serial;	/* input_serial */
	bool		 cr;		/* the last line ended in "\r\n" */
	char		 eol;		/* '\n', or '\r' for old Mac files */

	/* raw input */
	unsigned char	*raw;
	size_t		 rawlen, rawpos;
	unsigned long long rawbase;	/* where raw[0] lies in the file */
	bool		 raweof;

	/* gzip */
	bool		 gzip;
	z_stream	 z;
	bool		 zinit;
	bool		 member_end;	/* between members */
	bool		 garbage;	/* bytes after the last member */
	bool		 zerr;		/* errbuf holds an error still to come */

	/* decompressed (or plain) data being split into lines */
	char		*data;
	size_t		 datalen, datapos;

	struct buf	 line;		/* a line that crossed chunks */
};

static int
fill_raw(struct input *in)
{
	ssize_t r;

	if (in->rawpos < in->rawlen)
		return 0;
	if (in->raweof)
		return 0;
	in->rawbase += in->rawlen;
	in->rawpos = in->rawlen = 0;
	do
		r = read(in->fd, in->raw, CHUNK);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		in->err = strerror(errno);
		return -1;
	}
	if (r == 0)
		in->raweof = true;
	in->rawlen = (size_t)r;
	return 0;
}

/*
 * A decompression error.  The bytes inflated before it in this fill are
 * returned first (they hold complete lines: the contract is that those
 * come out before the error), and the error on the next fill.
 */
static int
gzfail(struct input *in, const char *what)
{
	snprintf(in->errbuf, sizeof(in->errbuf), "%s", what);
	if (in->z.avail_out < CHUNK) {
		in->zerr = true;
		in->datalen = CHUNK - in->z.avail_out;
		in->datapos = 0;
		return 0;
	}
	in->err = in->errbuf;
	return -1;
}

/* Decompress the next chunk into in->data.  0 ok (maybe eof), -1 error. */
static int
fill_gzip(struct input *in)
{
	char msg[sizeof(in->errbuf)];
	int zr;

	if (in->zerr) {
		in->err = in->errbuf;
		return -1;
	}
	in->z.next_out = (unsigned char *)in->data;
	in->z.avail_out = CHUNK;
	while (CHUNK - in->z.avail_out == 0) {
		if (fill_raw(in) < 0) {
			snprintf(msg, sizeof(msg), "%s", in->err);
			in->err = NULL;
			return gzfail(in, msg);
		}
		if (in->rawpos == in->rawlen) {
			if (in->member_end) {
				in->eof = true;
				break;
			}
			return gzfail(in, "unexpected end of gzip data "
			    "(truncated file?)");
		}
		if (in->member_end) {
			/* Another member must start with the gzip magic. */
			if (in->raw[in->rawpos] != 0x1f ||
			    (in->rawpos + 1 < in->rawlen &&
			    in->raw[in->rawpos + 1] != 0x8b)) {
				/*
				 * The data so far is complete and good: end
				 * the input normally, but remember the
				 * garbage for input_error().
				 */
				in->garbage = true;
				in->eof = true;
				break;
			}
			if (inflateReset(&in->z) != Z_OK)
				return gzfail(in, "inflateReset failed");
			in->member_end = false;
		}
		in->z.next_in = in->raw + in->rawpos;
		in->z.avail_in = (uInt)(in->rawlen - in->rawpos);
		zr = inflate(&in->z, Z_NO_FLUSH);
		in->rawpos = in->rawlen - in->z.avail_in;
		if (zr == Z_STREAM_END)
			in->member_end = true;
		else if (zr == Z_DATA_ERROR) {
			snprintf(msg, sizeof(msg), "corrupt gzip data: %s",
			    in->z.msg ? in->z.msg : "data error");
			return gzfail(in, msg);
		} else if (zr == Z_MEM_ERROR)
			return gzfail(in, "out of memory in inflate");
		else if (zr != Z_OK && zr != Z_BUF_ERROR)
			return gzfail(in, "gzip decompression failed");
	}
	in->datalen = CHUNK - in->z.avail_out;
	in->datapos = 0;
	return 0;
}

/* Make more data available in in->data; 0 ok (eof sets in->eof), -1 error. */
static int
fill(struct input *in)
{
	if (in->err != NULL)
		return -1;
	if (in->gzip)
		return fill_gzip(in);
	if (fill_raw(in) < 0)
		return -1;
	if (in->rawpos == in->rawlen) {
		in->eof = true;
		in->datalen = in->datapos = 0;
		return 0;
	}
	/* Plain input: the raw chunk is the data. */
	in->data = (char *)in->raw + in->rawpos;
	in->datalen = in->rawlen - in->rawpos;
	in->datapos = 0;
	in->rawpos = in->rawlen;
	return 0;
}

/*
 * The compressed formats not read (by their magic bytes), NULL for the
 * others.  bzip2's "BZh" and a level could start a text: the block's own
 * magic (pi, or the square root of pi for an empty stream) follows.
 */
static const char *
unsupported(const unsigned char *p, size_t n)
{
	if (n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' &&
	    p[3] <= '9' && (memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
	    memcmp(p + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0))
		return "bzip2 input is not supported: decompress it first "
		    "(bzip2 -dc)";
	if (n >= 6 && memcmp(p, "\xFD" "7zXZ\0", 6) == 0)
		return "xz input is not supported: decompress it first (xz -dc)";
	if (n >= 4 && memcmp(p, "\x28\xB5\x2F\xFD", 4) == 0)
		return "zstd input is not supported: decompress it first "
		    "(zstd -dc)";
	return NULL;
}

/* Inputs opened so far, for input_serial. */
static _Atomic unsigned long long serials;

struct input *
input_open(const char *path, size_t maxlen)
{
	struct input *in;
	struct stat st;
	int fd, e;

	if (path == NULL || strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		path = "stdin";
	} else if ((fd = open(path, O_RDONLY)) < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (fd != STDIN_FILENO)
			close(fd);
		errno = EISDIR;
		return NULL;
	}
	in = xcalloc(1, sizeof(*in));
	in->serial = ++serials;
	in->fd = fd;
	in->name = msgname_dup(path);
	in->maxlen = maxlen ? maxlen : INPUT_MAX_RECORD_DEFAULT;
	in->eol = '\n';
	in->raw = xmalloc(CHUNK);

	/* Sniff the magic bytes: read at least ten. */
	while (in->rawlen < 10 && !in->raweof) {
		ssize_t r = read(fd, in->raw + in->rawlen, CHUNK - in->rawlen);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			input_close(in);
			errno = e;
			return NULL;
		}
		if (r == 0)
			in->raweof = true;
		in->rawlen += (size_t)r;
	}
	if ((in->err = unsupported(in->raw, in->rawlen)) != NULL)
		return in;
	if (in->rawlen >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		in->gzip = true;
		in->data = xmalloc(CHUNK);
		if (inflateInit2(&in->z, 15 + 16) != Z_OK) {
			input_close(in);
			errno = ENOMEM;
			return NULL;
		}
		in->zinit = true;
	} else {
		/* Its bytes are the data, read from the start. */
		in->again = fd != STDIN_FILENO && fstat(fd, &st) == 0 &&
		    S_ISREG(st.st_mode);
	}
	if (!in->gzip && in->rawlen > 0) {
		in->data = (char *)in->raw;
		in->datalen = in->rawlen;
		in->rawpos = in->rawlen;
	}
	return in;
}

/* Hand out line[0..len) without its "\r" and a BOM in front. */
static int
give(struct input *in, const char *p, size_t len, const char **line,
    size_t *lenp)
{
	in->cr = in->eol == '\n' && len > 0 && p[len - 1] == '\r';
	len -= in->cr;
	in->lineat = in->linestart;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		p += 3;
		len -= 3;
		in->lineat += 3;
	}
	*line = p;
	*lenp = in->linelen = len;
	return INPUT_LINE;
}

int
input_getline(struct input *in, const char **line, size_t *len)
{
	char *p, *nl;
	size_t avail, take;

	if (in->err != NULL)
		return INPUT_ERROR;
	/* a line of many chunks is not held on to while the next is read */
	if (in->line.cap > 4 * CHUNK)
		buf_free(&in->line);
	buf_reset(&in->line);
	in->linestart = in->nbytes;
	for (;;) {
		if (in->datapos == in->datalen) {
			if (!in->eof && fill(in) < 0)
				return INPUT_ERROR;
			if (in->datapos == in->datalen && in->eof) {
				if (in->line.len == 0)
					return INPUT_EOF;
				/* last line without a newline */
				in->lineno++;
				return give(in, in->line.s, in->line.len,
				    line, len);
			}
		}
		p = in->data + in->datapos;
		avail = in->datalen - in->datapos;
		nl = memchr(p, in->eol, avail);
		take = nl ? (size_t)(nl - p) : avail;
		if (in->line.len + take > in->maxlen) {
			in->lineno++;
			return INPUT_TOOLONG;
		}
		if (nl != NULL && in->line.len == 0) {
			/* The common case: the whole line is in the chunk. */
			in->datapos += take + 1;
			in->nbytes += take + 1;
			in->lineno++;
			return give(in, p, take, line, len);
		}
		buf_add(&in->line, p, take);
		in->datapos += take + (nl != NULL);
		in->nbytes += take + (nl != NULL);
		if (nl != NULL) {
			in->lineno++;
			return give(in, in->line.s, in->line.len, line, len);
		}
	}
}

struct buf *
input_line_buf(struct input *in)
{
	return in->line.len > 0 ? &in->line : NULL;
}

/* Hand put the bytes of p[0..n) that fit in *left; the rest is cut. */
static void
spill_some(void (*put)(void *, const void *, size_t), void *arg,
    size_t *left, const char *p, size_t n)
{
	if (n > *left)
		n = *left;
	if (put != NULL && n > 0)
		put(arg, p, n);
	*left -= n;
}

int
input_spill(struct input *in, size_t max,
    void (*put)(void *, const void *, size_t), void *arg)
{
	char *p, *nl;
	size_t avail, take;

	spill_some(put, arg, &max, in->line.s, in->line.len);
	buf_reset(&in->line);
	in->cr = false;
	for (;;) {
		if (in->datapos == in->datalen) {
			if (in->eof)
				break;
			if (fill(in) < 0)
				return -1;
			continue;
		}
		p = in->data + in->datapos;
		avail = in->datalen - in->datapos;
		nl = memchr(p, in->eol, avail);
		take = nl ? (size_t)(nl - p) : avail;
		spill_some(put, arg, &max, p, take);
		in->datapos += take + (nl != NULL);
		in->nbytes += take + (nl != NULL);
		if (nl != NULL)
			break;
	}
	/* A line handed out whole has its "\r" already. */
	if (put != NULL)
		put(arg, "\n", 1);
	return 0;
}

const char *
input_line_end(const struct input *in)
{
	return in->cr ? "\r\n" : "\n";
}

const char *
input_name(const struct input *in)
{
	return in->name;
}

unsigned long
input_lineno(const struct input *in)
{
	return in->lineno;
}

unsigned long long
input_line_base(const struct input *in)
{
	return in->linebase;
}

int
input_line_at(const struct input *in, unsigned long long *off, size_t *len)
{
	if (!in->again)
		return -1;
	*off = in->lineat;
	*len = in->linelen;
	return in->fd;
}

unsigned long long
input_serial(const struct input *in)
{
	return in->serial;
}

unsigned long long
input_bytes(const struct input *in)
{
	return in->nbytes;
}

const char *
input_error(const struct input *in)
{
	if (in->err != NULL)
		return in->err;
	return in->garbage ? "trailing garbage after gzip data" : NULL;
}

void
input_close(struct input *in)
{
	if (in == NULL)
		return;
	if (in->zinit)
		inflateEnd(&in->z);
	if (in->fd != STDIN_FILENO)
		close(in->fd);
	if (in->gzip)
		free(in->data);
	free(in->raw);
	free(in->name);
	buf_free(&in->line);
	free(in);
}

int
input_peek(struct input *in, const char **p, size_t *n)
{
	if (in->err != NULL)
		return -1;
	if (in->datapos == in->datalen && !in->eof && fill(in) < 0)
		return -1;
	if (in->data == NULL) {		/* an empty file */
		*p = "";
		*n = 0;
		return 0;
	}
	*p = in->data + in->datapos;
	*n = in->datalen - in->datapos;
	if (*n >= 3 && memcmp(*p, "\xEF\xBB\xBF", 3) == 0) {
		*p += 3;
		*n -= 3;
	}
	return 0;
}

void
input_set_eol(struct input *in, char eol)
{
	in->eol = eol;
}

ssize_t
input_read(struct input *in, void *buf, size_t n)
{
	size_t take;

	if (in->err != NULL)
		return -1;
	if (in->datapos == in->datalen) {
		if (in->eof)
			return 0;
		if (fill(in) < 0)
			return -1;
		if (in->datapos == in->datalen)
			return 0;
	}
	take = in->datalen - in->datapos;
	if (take > n)
		take = n;
	memcpy(buf, in->data + in->datapos, take);
	in->datapos += take;
	in->nbytes += take;
	return (ssize_t)take;
}

/*
 * Bytes rather than lines (WARC blocks, whose length the header gives),
 * as they are: a byte order mark is the reader's business here.  Line
 * numbers still count the newlines read, so that messages about a later
 * line name it right.
 */
static size_t
take(struct input *in, struct buf *out, size_t n)
{
	size_t avail, k, done = 0;
	const char *p, *q, *e;

	if (in->err != NULL)
		return 0;
	while (done < n) {
		if (in->datapos == in->datalen) {
			if (in->eof || fill(in) < 0)
				break;
			if (in->datapos == in->datalen && in->eof)
				break;
			continue;
		}
		avail = in->datalen - in->datapos;
		k = n - done < avail ? n - done : avail;
		p = in->data + in->datapos;
		for (q = p, e = p + k; (q = memchr(q, '\n', (size_t)(e - q))) !=
		    NULL; q++)
			in->lineno++;
		if (out != NULL)
			buf_add(out, p, k);
		in->datapos += k;
		in->nbytes += k;
		done += k;
	}
	return done;
}

size_t
input_take(struct input *in, struct buf *out, size_t n)
{
	return take(in, out, n);
}

unsigned long long
input_skip(struct input *in, unsigned long long n)
{
	unsigned long long done = 0;
	size_t k, step;

	while (done < n) {
		step = n - done > CHUNK ? CHUNK : (size_t)(n - done);
		k = take(in, NULL, step);
		done += k;
		if (k < step)
			break;
	}
	return done;
}

/*
 * Keep the raw bytes not used yet, moved to the front of the buffer, and
 * read more after them until at least want bytes are there or the input
 * ends.  -1 on a read error.
 */
static int
raw_keep(struct input *in, size_t want)
{
	ssize_t r;

	memmove(in->raw, in->raw + in->rawpos, in->rawlen - in->rawpos);
	in->rawbase += in->rawpos;
	in->rawlen -= in->rawpos;
	in->rawpos = 0;
	while (in->rawlen < want && !in->raweof) {
		do
			r = read(in->fd, in->raw + in->rawlen,
			    CHUNK - in->rawlen);
		while (r < 0 && errno == EINTR);
		if (r < 0)
			return -1;
		if (r == 0)
			in->raweof = true;
		in->rawlen += (size_t)r;
	}
	return 0;
}

/*
 * Does raw[p..rawlen) start a gzip member whose data starts with magic?
 * Inflated on the side, so that nothing is consumed.
 */
static bool
member_at(struct input *in, size_t p, const char *magic)
{
	unsigned char out[16];
	size_t want = strlen(magic);
	z_stream t;
	int zr;

	/* the magic, deflate, and no reserved flag */
	if (in->rawlen - p < 10 || in->raw[p] != 0x1f ||
	    in->raw[p + 1] != 0x8b || in->raw[p + 2] != 8 ||
	    (in->raw[p + 3] & 0xe0) != 0)
		return false;
	memset(&t, 0, sizeof(t));
	if (inflateInit2(&t, 15 + 16) != Z_OK)
		return false;
	t.next_in = in->raw + p;
	t.avail_in = (uInt)(in->rawlen - p);
	t.next_out = out;
	t.avail_out = (uInt)(want < sizeof(out) ? want : sizeof(out));
	do
		zr = inflate(&t, Z_NO_FLUSH);
	while (zr == Z_OK && t.avail_out > 0 && t.avail_in > 0);
	inflateEnd(&t);
	return (zr == Z_OK || zr == Z_STREAM_END || zr == Z_BUF_ERROR) &&
	    t.avail_out == 0 && memcmp(out, magic, want) == 0;
}

/* A member's header and what a record's start needs of its deflate data. */
#define RESYNC_LOOK	(64 * 1024)

long long
input_resync(struct input *in, const char *magic, unsigned long long *at)
{
	const unsigned char *q;
	size_t p;

	if (!in->gzip || strlen(magic) > 16)
		return -2;
	*at = in->rawbase + in->rawpos;
	in->err = NULL;
	in->zerr = in->garbage = in->eof = false;
	in->datapos = in->datalen = 0;
	buf_reset(&in->line);
	for (;;) {
		if (in->rawlen - in->rawpos < RESYNC_LOOK &&
		    raw_keep(in, RESYNC_LOOK) < 0) {
			in->err = strerror(errno);
			return -1;
		}
		if (in->rawpos == in->rawlen)
			break;
		p = in->rawpos;
		q = memchr(in->raw + p, 0x1f, in->rawlen - p);
		if (q == NULL) {
			in->rawpos = in->rawlen;
			continue;
		}
		p = (size_t)(q - in->raw);
		if (in->rawlen - p < RESYNC_LOOK && !in->raweof) {
			in->rawpos = p;		/* read on, and look again */
			if (raw_keep(in, RESYNC_LOOK) < 0) {
				in->err = strerror(errno);
				return -1;
			}
			p = 0;
		}
		if (member_at(in, p, magic)) {
			in->rawpos = p;
			if (inflateReset(&in->z) != Z_OK) {
				in->err = "inflateReset failed";
				return -1;
			}
			in->member_end = false;
			/* Lines count from here: the only place a user can
			 * find again (see input.h). */
			in->linebase = in->rawbase + p;
			in->lineno = 0;
			return (long long)(in->rawbase + p);
		}
		in->rawpos = p + 1;
	}
	/* no member follows: the input ends here */
	in->eof = true;
	return -1;
}

const char *
input_utf16(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	bool be, le;

	if (n >= 2 && (memcmp(p, "\xff\xfe", 2) == 0 ||
	    memcmp(p, "\xfe\xff", 2) == 0))
		return "UTF-16 text: not read; convert it to UTF-8 first "
		    "(iconv -f UTF-16 -t UTF-8)";
	if (n < 4)
		return NULL;
	be = u[0] == 0 && u[2] == 0 && u[1] != 0 && u[3] != 0 &&
	    u[1] < 0x80 && u[3] < 0x80;
	le = u[1] == 0 && u[3] == 0 && u[0] != 0 && u[2] != 0 &&
	    u[0] < 0x80 && u[2] < 0x80;
	if (be)
		return "UTF-16 text (no byte order mark): not read; convert "
		    "it to UTF-8 first (iconv -f UTF-16BE -t UTF-8)";
	if (le)
		return "UTF-16 text (no byte order mark): not read; convert "
		    "it to UTF-8 first (iconv -f UTF-16LE -t UTF-8)";
	return NULL;
}
