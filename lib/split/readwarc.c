/*
 * readwarc.c - the warc reader: web archives (-f warc, or found by their
 * first bytes), one record a page of HTML.
 *
 * Records that hold no page are skipped and counted, and the counts are
 * reported on standard error at the end of each file: request,
 * metadata, warcinfo, revisit (a revisit holds no payload: the page is in
 * an earlier record), conversion and continuation records; responses
 * with a status other than 200; payloads that are not HTML; pages in
 * which no text was found.  A record whose framing is broken, or whose
 * body cannot be decoded, is lost: that is reported naming the record
 * and makes the exit status 1; reading goes on with the next record.
 *
 * A record's id is its WARC-Record-ID (without "<urn:uuid:" ... ">"
 * shortened: the whole URN, angle brackets off), its url the
 * WARC-Target-URI, crawl_date the WARC-Date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "split/http.h"
#include "split/page.h"
#include "split/reader.h"
#include "split/warc.h"

/* Reasons to skip a record, counted per file in the order first seen. */
#define NREASON	24

struct warcstate {
	struct page		*page;
	struct http_response	 http;
	struct warc_record	 rec;
	struct buf		 ctype, charset, url, date;
	unsigned long		 records, pages, lost;
	unsigned long		 damaged;	/* gzip members skipped */
	char			 reason[NREASON][40];
	unsigned long		 count[NREASON];
	size_t			 nreason;
};

static void *
warc_new(const struct split_opts *o)
{
	struct warcstate *w;

	w = xcalloc(1, sizeof(*w));
	w->page = page_new(o->explain);
	http_init(&w->http);
	warc_record_init(&w->rec);
	return w;
}

static void
warc_free(void *state)
{
	struct warcstate *w = state;

	if (w == NULL)
		return;
	page_free(w->page);
	http_free(&w->http);
	warc_record_free(&w->rec);
	buf_free(&w->ctype);
	buf_free(&w->charset);
	buf_free(&w->url);
	buf_free(&w->date);
	free(w);
}

static void
skip(struct warcstate *w, const char *fmt, const char *arg)
{
	char why[40];
	size_t i;

	snprintf(why, sizeof(why), fmt, arg);
	for (i = 0; i < w->nreason; i++)
		if (strcmp(w->reason[i], why) == 0)
			break;
	if (i == w->nreason) {
		if (w->nreason == NREASON)
			i = NREASON - 1;	/* "other" */
		else
			snprintf(w->reason[w->nreason++], sizeof(why), "%s",
			    why);
	}
	w->count[i]++;
}

static bool
html_type(const struct buf *t)
{
	return t->len == 0 || strcmp(t->s, "text/html") == 0 ||
	    strcmp(t->s, "application/xhtml+xml") == 0;
}

/* "record 12 (urn:uuid:...)", for messages. */
static const char *
name(const struct warc_record *r, char *out, size_t cap)
{
	snprintf(out, cap, "record %lu (%.*s)%s%.*s: ", r->n,
	    r->id.len > 0 ? (int)(r->id.len > 80 ? 80 : r->id.len) : 7,
	    r->id.len > 0 ? r->id.s : "no id", r->uri.len > 0 ? " " : "",
	    (int)(r->uri.len > 120 ? 120 : r->uri.len),
	    r->uri.len > 0 ? r->uri.s : "");
	return out;
}

/* One page of the archive to a record. */
static void
page(struct warcstate *w, struct splitter *sp, struct run *run,
    unsigned long line, const char *html, size_t n)
{
	struct page_source src;
	struct page_report rep;
	char what[256];

	memset(&src, 0, sizeof(src));
	src.url = buf_cstr(&w->rec.uri);
	src.crawl_date = buf_cstr(&w->rec.date);
	src.charset = buf_cstr(&w->charset);
	src.encoding = split_encoding_name(sp->o->encoding);
	record_reset(&sp->rec);
	split_item_id(sp, run, w->rec.id.len > 0 ? w->rec.id.s : NULL,
	    w->rec.id.len);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	page_fields(w->page, html, n, &src, &sp->rec, &rep);
	page_warn(run, line, &rep, name(&w->rec, what,
	    sizeof(what)));
	if (rep.empty) {
		skip(w, "%s", "without text");
		return;
	}
	w->pages++;
	run_count_items(run, 1, "pages");
	split_emit(sp, run);
}

/* A record: a page to write, or a reason to skip it. */
static void
record(struct warcstate *w, struct splitter *sp, struct run *run,
    unsigned long line)
{
	struct warc_record *r = &w->rec;
	const char *t = buf_cstr(&r->type);
	char what[256], status[8];
	size_t limit = page_limit(sp->o->max_record);

	buf_reset(&w->ctype);
	buf_reset(&w->charset);
	if (strcmp(t, "resource") == 0) {
		http_content_type(r->ctype.s, r->ctype.len, &w->ctype,
		    &w->charset);
		if (!html_type(&w->ctype) || (w->ctype.len == 0 &&
		    !page_sniff(r->block.s, r->block.len))) {
			skip(w, "%s", "not HTML");
			return;
		}
		if (r->cut)
			page_warn_cut(run, line, name(r, what, sizeof(what)),
			    limit);
		page(w, sp, run, line, buf_cstr(&r->block), r->block.len);
		return;
	}
	if (strcmp(t, "response") != 0) {
		skip(w, "%s", r->type.len > 0 ? t : "without a WARC-Type");
		return;
	}
	if (http_parse(&w->http, buf_cstr(&r->block), r->block.len,
	    limit) < 0) {
		/* a response that is not HTTP (dns:, ftp:, ...) */
		skip(w, "%s", "not HTTP");
		return;
	}
	if (w->http.status != 200) {
		snprintf(status, sizeof(status), "%d", w->http.status);
		skip(w, "status %s", w->http.status >= 300 &&
		    w->http.status < 400 ? "3xx" : status);
		return;
	}
	if (!html_type(&w->http.type) || (w->http.type.len == 0 &&
	    !page_sniff(w->http.body.s, w->http.body.len))) {
		skip(w, "%s", "not HTML");
		return;
	}
	if (w->http.unsupported != NULL) {
		run_warn_at(run, line, "%s%s: skipped", name(r, what,
		    sizeof(what)), w->http.unsupported);
		skip(w, "%s", "not decoded");
		return;
	}
	if (w->http.error != NULL) {
		if (w->http.body.len == 0) {
			run_fail_at(run, line, "%s%s: record lost", name(r, what,
			    sizeof(what)), w->http.error);
			return;
		}
		run_warn_at(run, line, "%s%s: read as far as it goes",
		    name(r, what, sizeof(what)), w->http.error);
	}
	buf_add(&w->charset, w->http.charset.s, w->http.charset.len);
	if (w->http.truncated || r->cut)
		page_warn_cut(run, line, name(r, what, sizeof(what)), limit);
	page(w, sp, run, line, buf_cstr(&w->http.body), w->http.body.len);
}

static void
report(struct warcstate *w, struct run *run)
{
	struct buf b = BUF_INIT;
	size_t i;

	buf_printf(&b, "%lu record%s, %lu page%s written", w->records,
	    w->records == 1 ? "" : "s", w->pages, w->pages == 1 ? "" : "s");
	for (i = 0; i < w->nreason; i++)
		buf_printf(&b, "%s %lu %s", i == 0 ? "; skipped:" : ",",
		    w->count[i], w->reason[i]);
	if (w->damaged > 0)
		buf_printf(&b, "; %lu damaged gzip member%s skipped",
		    w->damaged, w->damaged == 1 ? "" : "s");
	if (w->lost > 0)
		buf_printf(&b, "; record %lu lost", w->lost);
	run_warn_at(run, 0, "%s", b.s);
	buf_free(&b);
}

/*
 * Damaged gzip data (or garbage where a member should start): the record
 * there is lost, but an archive written one gzip member a record, as
 * crawlers write it, goes on at the next member that starts a record.
 * Reported here, with the offsets in the compressed file, and not by the
 * input layer.  False when the input is not gzip: nothing was done.
 */
static bool
resync(struct warcstate *w, struct warc *wr, struct run *run,
    struct input *in, unsigned long line)
{
	char err[160], where[64];
	unsigned long long at;
	long long off;
	bool inside = warc_inside(wr);

	snprintf(err, sizeof(err), "%s", input_error(in));
	if ((off = warc_resync(wr, &at)) == -2)
		return false;
	/*
	 * Inside a record, that record is lost.  Between records, the
	 * damage is a member's check (the record before it was read from
	 * data that fails it) or the start of the next member (what it
	 * held is lost): which, the file does not say.
	 */
	if (inside) {
		w->records++;	/* lost, but it was there */
		snprintf(where, sizeof(where), "record %lu: ", w->records);
	} else
		snprintf(where, sizeof(where), "after record %lu: ",
		    w->records);
	if (off >= 0) {
		/*
		 * No line: line numbers now count from the member at off
		 * (input_line_base), and the place is the byte offset.
		 */
		w->damaged++;
		run_fail_at(run, 0, "%s%s, at byte %llu of the file: %s; "
		    "read on from byte %lld, the next gzip member that starts "
		    "a record", where, err, at, inside ? "record lost" :
		    "the record before may hold damaged data, and any after it "
		    "in that member is lost", off);
	} else {
		/* the last: the summary names it */
		if (inside)
			w->lost = w->records;
		run_fail_at(run, line, "%s%s, at byte %llu of the file, and no "
		    "gzip member after it starts a record%s%s", where, err, at,
		    input_error(in) ? ": " : "",
		    input_error(in) ? input_error(in) : "");
	}
	return true;
}

static int
warc_file(void *state, struct splitter *sp, struct run *run,
    struct input *in)
{
	struct warcstate *w = state;
	struct warc *wr;
	char what[256];
	unsigned long line;
	int st;

	w->records = w->pages = w->lost = w->damaged = 0;
	w->nreason = 0;
	memset(w->count, 0, sizeof(w->count));
	wr = warc_open(in, page_limit(sp->o->max_record) + (1 << 20));
	for (;;) {
		line = input_lineno(in) + 1;
		st = warc_next(wr, &w->rec);
		if (st == WARC_EOF && input_error(in) != NULL &&
		    resync(w, wr, run, in, line))
			continue;	/* garbage where a member should be */
		if (st == WARC_EOF)
			break;
		if (st == WARC_ERROR) {
			/*
			 * Damaged gzip data: on from the next member.  The
			 * input layer reports its other errors (a member
			 * cut short) when the file is closed; the summary
			 * says which record they took.
			 */
			if (input_error(in) != NULL &&
			    resync(w, wr, run, in, line))
				continue;
			if (input_error(in) != NULL)
				w->lost = w->records + 1;
			else if (w->records == 0)
				run_fail_at(run, 0, "%s", warc_error(wr));
			else
				run_fail_at(run, line, "record %lu: %s: "
				    "record lost", w->records + 1,
				    warc_error(wr));
			break;
		}
		w->records++;
		run_count(run, 1);
		if (st == WARC_DAMAGED) {
			run_fail_at(run, line, "%s%s: record lost",
			    name(&w->rec, what, sizeof(what)), warc_error(wr));
			continue;
		}
		record(w, sp, run, line);
		if (run_stopped(run))
			break;
	}
	warc_close(wr);
	report(w, run);
	/* errors were reported here, not by the input layer */
	return INPUT_EOF;
}

const struct split_reader split_warc = {
	.name = "warc",
	.sniff = warc_sniff,
	.stream = true,
	.new = warc_new,
	.free = warc_free,
	.file = warc_file,
};
