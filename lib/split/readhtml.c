/*
 * readhtml.c - the html reader: one web page a file (-f html, or found by
 * its first bytes), one record a page.
 *
 * The page goes through page.h like a page of a WARC; its id is the file's
 * base name.  It is read up to page_limit bytes (32 MB, or --max-record when
 * given), the rest skipped.  A file with no text to speak of (an image
 * gallery, a redirect stub) gives no record and a warning.
 */
#include <stdlib.h>
#include <string.h>

#include "split/page.h"
#include "split/reader.h"

static void *
html_new(const struct split_opts *o)
{
	return page_new(o->explain);
}

static void
html_free(void *state)
{
	page_free(state);
}

static int
html_file(void *state, struct splitter *sp, struct run *run,
    struct input *in)
{
	struct page_source src;
	struct page_report rep;
	struct buf html = BUF_INIT;
	size_t limit = page_limit(sp->o->max_record);
	bool cut = false;

	if (input_take(in, &html, limit) == limit &&
	    input_skip(in, (unsigned long long)-1) > 0)
		cut = true;
	if (input_error(in) != NULL) {
		buf_free(&html);
		return INPUT_ERROR;
	}
	memset(&src, 0, sizeof(src));
	src.encoding = split_encoding_name(sp->o->encoding);
	split_item_start(sp, run);
	page_fields(state, html.s != NULL ? html.s : "", html.len, &src,
	    &sp->rec, &rep);
	if (cut)
		page_warn_cut(run, 0, "", limit);
	page_warn(run, 0, &rep, "");
	if (rep.empty)
		run_warn_at(run, 0, "no text found in the page: no record");
	else
		split_emit(sp, run);
	buf_free(&html);
	return INPUT_EOF;
}

const struct split_reader split_html = {
	.name = "html",
	.sniff = page_sniff,
	.stream = false,
	.new = html_new,
	.free = html_free,
	.file = html_file,
};
