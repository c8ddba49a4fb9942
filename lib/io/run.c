/*
 * run.c - see run.h.
 */
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/fileid.h"
#include "io/msgname.h"
#include "io/output.h"
#include "io/run.h"
#include "base/util.h"

struct run {
	const struct toolopt *opt;
	struct output	*out;
	struct buf	 obuf;		/* one record being written */
	struct output	*rejects;	/* --rejects, or NULL */
	unsigned long	 nrejects;
	unsigned long	 ncut;		/* rejected lines cut to --max-record */
	int		 status;
	bool		 stop;		/* a bad record without --rejects */
	bool		 hard_fail;	/* a failure other than rejects */
	struct input	*in;		/* current input, for messages */
	char		 errmsg[512];	/* message of the last run_reject */
	unsigned long	 errline;	/* its line, when not the current one */

	/* progress */
	bool		 progress;
	unsigned long	 nrec;
	unsigned long	 nitems;	/* run_count_items */
	const char	*items;		/* their name, or NULL */
	unsigned long long bytes_done;	/* of inputs already closed */
	struct timespec	 t0, last;
};

static void
progress(struct run *r, bool final)
{
	struct timespec now;
	unsigned long long bytes;
	double secs, mb;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!final && elapsed(&r->last, &now) < 1.0)
		return;
	r->last = now;
	bytes = r->bytes_done + (r->in ? input_bytes(r->in) : 0);
	secs = elapsed(&r->t0, &now);
	mb = (double)bytes / 1e6;
	fprintf(stderr, "\r%s: %lu records", getprogname(), r->nrec);
	if (r->items != NULL)
		fprintf(stderr, ", %lu %s", r->nitems, r->items);
	fprintf(stderr, ", %.1f MB, %.1f MB/s%s", mb, secs > 0 ? mb / secs :
	    0.0, final ? "\n" : "");
}

void
run_count_items(struct run *r, unsigned long n, const char *what)
{
	r->nitems += n;
	r->items = what;
}

void
run_count(struct run *r, unsigned long n)
{
	r->nrec += n;
	if (r->progress && (r->nrec & 255) == 0)
		progress(r, false);
}

/* A file of the run, for check_files. */
struct file {
	const char	*opt;		/* "-o", or NULL for an input */
	const char	*path;
	bool		 out;
};

/* How messages show a name: standard input and output by name. */
static const char *
shown(const struct file *f)
{
	if (strcmp(f->path, "-") != 0)
		return msgname(f->path);
	return f->out ? "stdout" : "stdin";
}

/*
 * Refuse (exit 2) a run that would write over one of its inputs or write
 * two of its outputs to one file, before anything is opened: a rejects
 * file opened for writing is emptied at once, and the rename of -o would
 * replace a rejects file of the same name.  The records on standard
 * output (-o not given) count too, as in cat(1).
 */
static void
check_files(const struct toolopt *opt, int nfiles, char **files)
{
	struct file *f;
	struct fileid *id;
	bool *have;
	size_t n = 0, i, j;
	int k;

	if (opt->rejects != NULL && strcmp(opt->rejects, "-") == 0 &&
	    (opt->output == NULL || strcmp(opt->output, "-") == 0))
		errx(2, "the records and --rejects both go to standard "
		    "output: give -o or another --rejects");
	f = xcalloc((size_t)nfiles + 3 + opt->nfiles, sizeof(*f));
	f[n++] = (struct file){ opt->output ? "-o" : "standard output",
	    opt->output ? opt->output : "-", true };
	if (opt->rejects != NULL)
		f[n++] = (struct file){ "--rejects", opt->rejects, true };
	for (i = 0; i < opt->nfiles; i++)
		f[n++] = (struct file){ opt->files[i].opt, opt->files[i].path,
		    opt->files[i].out };
	for (k = 0; k < nfiles; k++)
		f[n++] = (struct file){ NULL, files[k], false };
	if (nfiles == 0)
		f[n++] = (struct file){ NULL, "-", false };
	id = xcalloc(n, sizeof(*id));
	have = xcalloc(n, sizeof(*have));
	for (i = 0; i < n; i++)
		have[i] = fileid_get(f[i].path, f[i].out, &id[i]) == 0;
	for (i = 0; i < n; i++) {
		if (!f[i].out || !have[i])
			continue;
		for (j = 0; j < n; j++) {
			if (j == i || !have[j] || !fileid_same(&id[i], &id[j]))
				continue;
			if (!f[j].out && strcmp(f[i].path, "-") == 0)
				errx(2, "standard output is the input %s",
				    shown(&f[j]));
			if (!f[j].out)
				errx(2, "%s %s names the input %s", f[i].opt,
				    msgname(f[i].path), shown(&f[j]));
			if (j < i)
				errx(2, "%s and %s name the same file (%s)",
				    f[j].opt, f[i].opt, shown(&f[i]));
		}
	}
	for (i = 0; i < n; i++)
		fileid_free(&id[i]);
	free(id);
	free(have);
	free(f);
}

struct run *
run_begin(const struct toolopt *opt, int nfiles, char **files)
{
	struct run *r;

	check_files(opt, nfiles, files);
	r = xcalloc(1, sizeof(*r));
	r->opt = opt;
	r->out = output_open(opt->output, opt->gzip);
	if (opt->rejects != NULL)
		r->rejects = output_open(opt->rejects, false);
	r->progress = opt->progress || isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	r->last = r->t0;
	return r;
}

struct input *
run_input(const struct run *r)
{
	return r->in;
}

const char *
run_file(const struct run *r)
{
	return r->in ? input_name(r->in) : "-";
}

unsigned long
run_line(const struct run *r)
{
	return r->in ? input_lineno(r->in) : 0;
}

/*
 * "tool: file:line: " for line of in (no line when 0).  After a gzip resync
 * the line counts from a member, and only its offset can be found in the
 * file again: "file: line N of the gzip data from byte B: ".
 */
static void
where(const struct input *in, unsigned long line)
{
	unsigned long long base = input_line_base(in);

	fprintf(stderr, "%s: %s", getprogname(), input_name(in));
	if (line > 0 && base > 0)
		fprintf(stderr, ": line %lu of the gzip data from byte %llu",
		    line, base);
	else if (line > 0)
		fprintf(stderr, ":%lu", line);
	fputs(": ", stderr);
}

/*
 * The message after "tool: file:line: ", and its newline.  An id or a
 * field quoted in it may hold a newline (JSON's "\n"): it is written
 * escaped, so that the message stays one line.
 */
static void
put_text(const char *msg)
{
	char *shown = msgname_dup(msg);

	fprintf(stderr, "%s\n", shown);
	free(shown);
}

static void
put_message(const char *fmt, va_list ap)
{
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	put_text(buf);
}

static void
vmessage_at(struct run *r, unsigned long line, const char *fmt, va_list ap)
{
	if (r->progress)
		fputc('\n', stderr);
	/* A message about the whole input, given after it, names no file. */
	if (r->in != NULL)
		where(r->in, line);
	else
		fprintf(stderr, "%s: ", getprogname());
	put_message(fmt, ap);
}

static void
vmessage(struct run *r, bool with_line, const char *fmt, va_list ap)
{
	vmessage_at(r, with_line ? run_line(r) : 0, fmt, ap);
}

int
run_reject(struct run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
	r->errline = 0;
	return -1;
}

int
run_reject_at(struct run *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
	va_end(ap);
	r->errline = line;
	return -1;
}

void
run_warn(struct run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(r, r->in != NULL && input_lineno(r->in) > 0, fmt, ap);
	va_end(ap);
}

void
run_warn_at(struct run *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage_at(r, line, fmt, ap);
	va_end(ap);
}

static void
vfail(struct run *r, unsigned long line, const char *fmt, va_list ap)
{
	vmessage_at(r, line, fmt, ap);
	r->status = 1;
	r->hard_fail = true;
}

void
run_fail(struct run *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(r, 0, fmt, ap);
	va_end(ap);
}

void
run_fail_at(struct run *r, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail(r, line, fmt, ap);
	va_end(ap);
}

bool
run_failed(const struct run *r)
{
	return r->status != 0;
}

bool
run_may_commit(const struct run *r)
{
	return !r->hard_fail;
}

static void
say_rejected(struct run *r)
{
	if (r->in == NULL) {
		fprintf(stderr, "%s: -:%lu: ", getprogname(), r->errline);
		put_text(r->errmsg);
		return;
	}
	where(r->in, r->errline ? r->errline : run_line(r));
	put_text(r->errmsg);
}

bool
run_rejected(struct run *r)
{
	r->status = 1;
	if (r->rejects == NULL) {
		say_rejected(r);
		r->stop = true;
		r->hard_fail = true;
		return false;
	}
	if (r->nrejects < 10)
		say_rejected(r);
	r->nrejects++;
	return true;
}

bool
run_rejected_line(struct run *r, const char *line, size_t len)
{
	const char *eol;

	if (!run_rejected(r))
		return false;
	eol = r->in != NULL ? input_line_end(r->in) : "\n";
	output_write(r->rejects, line, len);
	output_write(r->rejects, eol, strlen(eol));
	return true;
}

const char *
run_rejects_name(const struct run *r)
{
	return r->rejects != NULL ? output_name(r->rejects) : NULL;
}

bool
run_rejected_more(struct run *r, const char *p, size_t len)
{
	if (r->rejects == NULL)
		return false;
	if (len > 0)
		output_write(r->rejects, p, len);
	return true;
}

/* output_write as a callback: for records in pieces, and rejects. */
static void
put_output(void *arg, const void *p, size_t n)
{
	output_write(arg, p, n);
}

void
run_emit(struct run *r, const struct record *rec)
{
	/*
	 * A record of a big value is written without a copy of it (that
	 * value may lie in the line, not in rec->data: record.h, borrow);
	 * a small record is gathered and written at once all the same.
	 */
	buf_reset(&r->obuf);
	record_put(rec, &r->obuf, put_output, r->out);
}

void
run_write(struct run *r, const void *p, size_t n)
{
	output_write(r->out, p, n);
}

bool
run_toolong(struct run *r, struct input *in, int *st)
{
	size_t max = r->opt->max_record;

	r->status = 1;
	if (r->rejects == NULL) {
		run_reject(r, "line longer than --max-record (%zu bytes)", max);
		say_rejected(r);
		r->stop = r->hard_fail = true;
		return false;
	}
	/*
	 * The rejects take what a record may hold, no more: a gzip bomb of
	 * one line would otherwise fill the disk with it.
	 */
	run_reject(r, "line longer than --max-record (%zu bytes): its first "
	    "%zu bytes written to %s", max, max, output_name(r->rejects));
	if (r->nrejects++ < 10)
		say_rejected(r);
	r->ncut++;
	if (input_spill(in, max, put_output, r->rejects) < 0) {
		*st = INPUT_ERROR;
		return false;
	}
	return true;
}

bool
run_stopped(const struct run *r)
{
	return r->stop;
}

struct input *
run_open_input(struct run *r, const char *path)
{
	struct input *in;

	if ((in = input_open(path, r->opt->max_record)) == NULL) {
		/* "-" is standard input, as input_name calls it. */
		warn("%s", path == NULL || strcmp(path, "-") == 0 ? "stdin" :
		    msgname(path));
		r->status = 1;
		r->hard_fail = true;
		return NULL;
	}
	r->in = in;
	return in;
}

void
run_close_input(struct run *r, struct input *in, int last)
{
	if (last == INPUT_ERROR || input_error(in) != NULL) {
		where(in, input_lineno(in) + 1);
		fprintf(stderr, "%s\n", input_error(in));
		r->status = 1;
		r->hard_fail = true;
	}
	r->bytes_done += input_bytes(in);
	if (r->in == in)
		r->in = NULL;
	input_close(in);
}

int
run_end(struct run *r)
{
	bool keep, rkeep;
	int status;

	if (r->progress)
		progress(r, true);
	/*
	 * The rejects file goes with the output: put in place when -o is,
	 * and always when the records stream (they are out).  Both are
	 * written out before either is renamed, so that a rejects file
	 * that cannot be written never leaves an -o without it.  (Not
	 * kept means -o names a file: r->opt->output.)
	 */
	keep = run_may_commit(r);
	rkeep = keep || output_streams(r->out);
	if (r->rejects != NULL && rkeep)
		output_finish(r->rejects);
	output_close(r->out, keep);
	if (r->rejects != NULL && r->nrejects > 0) {
		fprintf(stderr, "%s: %lu bad record%s ", getprogname(),
		    r->nrejects, r->nrejects == 1 ? "" : "s");
		if (rkeep)
			fprintf(stderr, "written to %s", output_name(r->rejects));
		else
			fprintf(stderr, "not written to %s: the run failed, "
			    "and %s was not written either",
			    output_name(r->rejects), r->opt->output);
		if (r->ncut > 0 && rkeep)
			fprintf(stderr, " (%lu cut to --max-record)", r->ncut);
		fputc('\n', stderr);
	}
	output_close(r->rejects, rkeep);
	status = r->status;
	buf_free(&r->obuf);
	free(r);
	return status;
}

int
run_check_record(struct run *r, struct record *rec)
{
	const char *name;
	enum json_type t;

	if (record_check_types(rec, &name) < 0) {
		(void)record_raw(rec, name, NULL, NULL, &t);
		return run_reject(r, "field \"%s\" is %s, not a string",
		    name, json_type_name(t));
	}
	return 0;
}

/*
 * For a line record_read refused with msg at byte pos: the words for a
 * whole file in a form the tools do not read, which the message about one
 * byte would hide (the file's lines all fail the same way); NULL for the
 * rest.  *whole is set when the first line shows the whole file is not
 * read.  A UTF-16 file (input_utf16; artsplit says the same) is invalid
 * UTF-8 or holds NUL bytes, so its first line is refused.  A file whose
 * lines end in a carriage return alone (old Mac programs) is one line,
 * and a "\r" (white space to JSON) comes before the text after its first
 * record.
 */
static const char *
known_cause(const struct run *r, const char *line, size_t len,
    const char *msg, size_t pos, bool *whole)
{
	const char *utf16;

	*whole = false;
	if (run_line(r) == 1 && (utf16 = input_utf16(line, len)) != NULL) {
		*whole = true;
		return utf16;
	}
	if (pos <= len && memchr(line, '\r', pos) != NULL &&
	    strcmp(msg, "text after the JSON object") == 0)
		return "a carriage return alone ends the JSON object: the "
		    "lines end in CR, not LF; convert them first "
		    "(tr '\\r' '\\n')";
	return NULL;
}

/*
 * Turn one input line into rec; -1 (after run_reject) when it is bad,
 * with *whole set when the whole file is (known_cause).
 */
static int
parse_line(struct run *r, struct record *rec, const char *line, size_t len,
    bool *whole)
{
	const char *msg, *cause;
	size_t pos;

	*whole = false;
	if (record_read(rec, line, len, r->opt->plain, &msg, &pos) < 0) {
		if ((cause = known_cause(r, line, len, msg, pos, whole)) !=
		    NULL)
			return run_reject(r, "%s", cause);
		return pos == SIZE_MAX ? run_reject(r, "%s", msg) :
		    run_reject(r, "%s (byte %zu)", msg, pos + 1);
	}
	return run_check_record(r, rec);
}

/*
 * The first line of a file that is not read at all was refused (*whole
 * from parse_line): with --rejects, it and the rest of the file go there
 * as they are, the line end of the first line only if it had one, with
 * no message a line (one was given for the file).  Returns the input's
 * last status.
 */
static int
reject_file(struct run *r, struct input *in, const char *line, size_t len)
{
	struct buf b = BUF_INIT;
	const char *eol;
	size_t n, chunk = (size_t)1 << 16;

	if (!run_rejected(r))
		return INPUT_EOF;
	output_write(r->rejects, line, len);
	eol = input_line_end(in);
	if (input_bytes(in) >= len + strlen(eol))
		output_write(r->rejects, eol, strlen(eol));
	do {
		buf_reset(&b);
		if ((n = input_take(in, &b, chunk)) > 0)
			output_write(r->rejects, b.s, b.len);
	} while (n == chunk);
	buf_free(&b);
	return input_error(in) != NULL ? INPUT_ERROR : INPUT_EOF;
}

/*
 * The file loop every driver shares: each line of each file to m, as a
 * record or as a line, a line too long rejected (or spilled to --rejects),
 * a bad one reported; then the flush, unless a bad line stopped the run.
 */
static int
run_files(const struct toolopt *opt, int nfiles, char **files,
    const struct run_mapper *m)
{
	static char *stdin_only[] = { "-" };
	struct record rec = RECORD_INIT;
	struct input *in;
	struct run *r;
	const char *line;
	size_t len;
	int i, st, bad;
	bool whole;

	if (nfiles == 0) {
		nfiles = 1;
		files = stdin_only;
	}
	r = run_begin(opt, nfiles, files);
	/* the line stays until the next is read, after the record's use */
	rec.borrow = true;
	for (i = 0; i < nfiles && !r->stop; i++) {
		if ((in = run_open_input(r, files[i])) == NULL)
			continue;
		while ((st = input_getline(in, &line, &len)) != INPUT_EOF) {
			if (st == INPUT_ERROR)
				break;
			if (st == INPUT_TOOLONG) {
				if (!run_toolong(r, in, &st))
					break;
				continue;
			}
			run_count(r, 1);
			whole = false;
			if (m->record != NULL)
				bad = parse_line(r, &rec, line, len, &whole) <
				    0 || m->record(m->state, &rec, r) < 0;
			else
				bad = m->line(m->state, line, len, r) < 0;
			if (bad && whole) {
				st = reject_file(r, in, line, len);
				break;
			}
			if (bad && !run_rejected_line(r, line, len))
				break;
		}
		run_close_input(r, in, st);
	}
	/*
	 * The record's memory, as big as the longest line's text, is not
	 * held through the flush, where an aggregator (artsim) does its
	 * work on what it kept.
	 */
	record_free(&rec);
	if (m->flush != NULL && !r->stop)
		m->flush(m->state, r);
	return run_end(r);
}

int
run_records(const struct toolopt *opt, int nfiles, char **files,
    run_record_fn fn, run_flush_fn flush, void *state)
{
	struct run_mapper m = { fn, NULL, flush, NULL, state };

	return run_files(opt, nfiles, files, &m);
}

int
run_mapper(const struct toolopt *opt, int nfiles, char **files,
    const struct run_mapper *m)
{
	int status;

	status = run_files(opt, nfiles, files, m);
	if (m->free != NULL)
		m->free(m->state);
	return status;
}
