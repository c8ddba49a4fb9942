/*
 * warc.c - see warc.h.
 *
 * Header lines come from input_getline (a WARC header is lines of text),
 * the block from input_take: the input layer already reads through gzip
 * members and reports truncation after every good byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "split/warc.h"

struct warc {
	struct input	*in;
	size_t		 limit;
	unsigned long	 n;
	struct buf	 pending;	/* a version line already read */
	bool		 have_pending;
	bool		 resync;	/* skip to the next version line */
	bool		 inside;	/* a record's version line was read */
	char		 err[256];
};

struct warc *
warc_open(struct input *in, size_t limit)
{
	struct warc *w;

	w = xcalloc(1, sizeof(*w));
	w->in = in;
	w->limit = limit;
	return w;
}

void
warc_close(struct warc *w)
{
	if (w == NULL)
		return;
	buf_free(&w->pending);
	free(w);
}

const char *
warc_error(const struct warc *w)
{
	return w->err;
}

void
warc_record_init(struct warc_record *r)
{
	memset(r, 0, sizeof(*r));
}

void
warc_record_free(struct warc_record *r)
{
	buf_free(&r->type);
	buf_free(&r->id);
	buf_free(&r->uri);
	buf_free(&r->date);
	buf_free(&r->ctype);
	buf_free(&r->block);
	memset(r, 0, sizeof(*r));
}

static bool
version_line(const char *s, size_t n)
{
	return n >= 8 && strncmp(s, "WARC/", 5) == 0 && s[5] >= '0' &&
	    s[5] <= '9';
}

bool
warc_sniff(const char *head, size_t n)
{
	/* a UTF-8 byte order mark is not WARC, but the input skips it */
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		head += 3, n -= 3;
	return n >= 8 && version_line(head, n);
}

/* Set a field from a header value, without surrounding <> or blanks. */
static void
set_value(struct buf *b, const char *v, size_t n)
{
	while (n > 0 && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n >= 2 && v[0] == '<' && v[n - 1] == '>')
		v++, n -= 2;
	buf_reset(b);
	buf_add(b, v, n);
}

static enum warc_status
fail(struct warc *w, enum warc_status st, const char *fmt, const char *what)
{
	snprintf(w->err, sizeof(w->err), fmt, what);
	return st;
}

/* An input error, or "the file ends" when there was none. */
static const char *
why_short(const struct warc *w)
{
	const char *e = input_error(w->in);

	return e != NULL ? e : "the file ends";
}

/*
 * Read up to the next version line, past blank lines (or, after damage,
 * past anything).  WARC_OK when one was read.
 */
static enum warc_status
find_version(struct warc *w)
{
	const char *line;
	size_t len;
	int st;

	for (;;) {
		if (w->have_pending) {
			w->have_pending = false;
			line = w->pending.s;
			len = w->pending.len;
		} else {
			st = input_getline(w->in, &line, &len);
			if (st == INPUT_EOF)
				return WARC_EOF;
			if (st == INPUT_ERROR)
				return fail(w, WARC_ERROR, "%s", why_short(w));
			if (st == INPUT_TOOLONG) {
				if (input_spill(w->in, 0, NULL, NULL) < 0)
					return fail(w, WARC_ERROR, "%s",
					    why_short(w));
				if (w->n == 0)
					return fail(w, WARC_ERROR, "%s",
					    "not a WARC file (no WARC/1.0 "
					    "line at the start)");
				continue;
			}
		}
		if (version_line(line, len))
			return WARC_OK;
		if (len == 0 && !w->resync)
			continue;
		if (w->n == 0)
			return fail(w, WARC_ERROR, "%s", "not a WARC file (no "
			    "WARC/1.0 line at the start)");
		if (!w->resync)
			return fail(w, WARC_ERROR, "%s", "text between records "
			    "where a WARC/1.0 line should be");
	}
}

/*
 * A Content-Length of s[0..n) into *v: digits only, and a number of bytes
 * a file can hold.  "-5", "12abc" or twenty digits are no length: the
 * record is lost, but the reader finds the next one.
 */
static bool
length_value(const char *s, size_t n, unsigned long long *v)
{
	size_t i;

	*v = 0;
	if (n == 0 || n > 18)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*v = *v * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

/* The header fields up to the blank line, into r; WARC_OK when whole. */
static enum warc_status
read_header(struct warc *w, struct warc_record *r)
{
	const char *line, *colon, *v;
	size_t len, vn;
	int st;
	bool have_length = false, seen_length = false;

	for (;;) {
		st = input_getline(w->in, &line, &len);
		if (st == INPUT_EOF)
			return fail(w, WARC_ERROR, "%s", "the file ends inside "
			    "a record's header");
		if (st == INPUT_ERROR)
			return fail(w, WARC_ERROR, "%s", why_short(w));
		if (st == INPUT_TOOLONG) {
			if (input_spill(w->in, 0, NULL, NULL) < 0)
				return fail(w, WARC_ERROR, "%s", why_short(w));
			continue;
		}
		if (len == 0)
			break;
		if ((colon = memchr(line, ':', len)) == NULL)
			continue;
		v = colon + 1;
		vn = len - (size_t)(v - line);
		switch (colon - line) {
		case 9:
			if (strncasecmp(line, "WARC-Type", 9) == 0)
				set_value(&r->type, v, vn);
			else if (strncasecmp(line, "WARC-Date", 9) == 0)
				set_value(&r->date, v, vn);
			break;
		case 12:
			if (strncasecmp(line, "Content-Type", 12) == 0)
				set_value(&r->ctype, v, vn);
			break;
		case 14:
			if (strncasecmp(line, "WARC-Record-ID", 14) == 0)
				set_value(&r->id, v, vn);
			else if (strncasecmp(line, "Content-Length", 14) == 0) {
				while (vn > 0 && (*v == ' ' || *v == '\t'))
					v++, vn--;
				while (vn > 0 && (v[vn - 1] == ' ' ||
				    v[vn - 1] == '\t'))
					vn--;
				buf_reset(&w->pending);
				buf_add(&w->pending, v, vn);
				have_length = length_value(v, vn, &r->length);
				seen_length = true;
			}
			break;
		case 15:
			if (strncasecmp(line, "WARC-Target-URI", 15) == 0)
				set_value(&r->uri, v, vn);
			break;
		default:
			break;
		}
	}
	if (!have_length) {
		w->resync = true;
		if (!seen_length)
			return fail(w, WARC_DAMAGED, "%s", "no Content-Length");
		snprintf(w->err, sizeof(w->err), "Content-Length \"%.60s\" is "
		    "not a number of bytes", w->pending.s);
		return WARC_DAMAGED;
	}
	return WARC_OK;
}

/* The block: its first `limit' bytes kept in r, the rest skipped. */
static enum warc_status
read_block(struct warc *w, struct warc_record *r)
{
	unsigned long long got;

	got = input_take(w->in, &r->block, r->length < w->limit ?
	    (size_t)r->length : w->limit);
	if (got == r->length || got == w->limit)
		if (r->length > got) {
			r->cut = true;
			got += input_skip(w->in, r->length - got);
		}
	if (got < r->length) {
		snprintf(w->err, sizeof(w->err), "Content-Length is %llu but "
		    "%s after %llu bytes", r->length, why_short(w), got);
		return WARC_ERROR;
	}
	return WARC_OK;
}

/*
 * Two line ends close the record (the last may lack them).  Anything else
 * means the block did not end where Content-Length says: the record is
 * damaged, and the next is looked for from here.
 */
static enum warc_status
record_end(struct warc *w)
{
	const char *line;
	size_t len;
	int st;

	for (int k = 0; k < 2; k++) {
		st = input_getline(w->in, &line, &len);
		if (st == INPUT_EOF)
			return WARC_OK;
		if (st == INPUT_ERROR) {
			/* the record is whole: report the error next time */
			w->resync = true;
			return WARC_OK;
		}
		if (st == INPUT_TOOLONG) {
			if (input_spill(w->in, 0, NULL, NULL) < 0)
				return fail(w, WARC_ERROR, "%s", why_short(w));
			w->resync = true;
			return fail(w, WARC_DAMAGED, "%s", "its block does not "
			    "end where Content-Length says");
		}
		if (len != 0) {
			if (version_line(line, len)) {
				buf_reset(&w->pending);
				buf_add(&w->pending, line, len);
				w->have_pending = true;
			} else
				w->resync = true;
			return fail(w, WARC_DAMAGED, "%s", "its block does not "
			    "end where Content-Length says");
		}
	}
	return WARC_OK;
}

bool
warc_inside(const struct warc *w)
{
	return w->inside;
}

long long
warc_resync(struct warc *w, unsigned long long *at)
{
	long long off;

	if ((off = input_resync(w->in, "WARC/", at)) == -2)
		return -2;
	/* whatever was read of the damaged record is dropped */
	w->have_pending = false;
	w->resync = true;
	return off;
}

enum warc_status
warc_next(struct warc *w, struct warc_record *r)
{
	enum warc_status st;

	w->err[0] = '\0';
	w->inside = false;
	if ((st = find_version(w)) != WARC_OK)
		return st;
	w->inside = true;
	w->resync = false;
	r->n = ++w->n;
	buf_reset(&r->type);
	buf_reset(&r->id);
	buf_reset(&r->uri);
	buf_reset(&r->date);
	buf_reset(&r->ctype);
	buf_reset(&r->block);
	r->length = 0;
	r->cut = false;
	if ((st = read_header(w, r)) != WARC_OK ||
	    (st = read_block(w, r)) != WARC_OK)
		return st;
	return record_end(w);
}
