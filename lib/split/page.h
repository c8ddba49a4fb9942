/*
 * page.h - one web page to the fields of its record: the part that the
 * html and warc readers share.
 *
 * The bytes of a page are decoded (charset.h), parsed (dom.h), read for
 * metadata (webmeta.h) and for the article (extract.h).  The record gets,
 * in this order and each only when found: url, crawl_date, date, title,
 * byline, source, lang, text, captions; and left_out with explain.
 *
 * A page is read up to PAGE_MAX bytes unless --max-record says otherwise
 * (page_limit); a longer one is cut there, by the caller, with a warning
 * (page_warn_cut).  The cap is for memory: the article of a news page
 * comes in its first megabytes, a 200 MB "page" is a data dump, and the
 * decoded text, tree and extraction of a page cost about seven times its
 * size (artsplit(1)).  A user who wants whole a page over 32 MB says so
 * with --max-record, and knows what it costs.
 */
#ifndef ARTKIT_PAGE_H
#define ARTKIT_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "io/record.h"
#include "io/run.h"
#include "split/charset.h"

#define PAGE_MAX	((size_t)32 << 20)

/* Where a page came from: each may be NULL. */
struct page_source {
	const char	*url;		/* the address it was fetched from */
	const char	*crawl_date;	/* when (WARC-Date) */
	const char	*charset;	/* the HTTP Content-Type's charset */
	const char	*encoding;	/* forced by the user (-e) */
};

/* What the caller may want to warn about. */
struct page_report {
	struct charset_info cs;		/* the encoding used, bytes replaced */
	bool		 empty;		/* no text found */
};

struct page;

/*
 * A page reader, reused page after page; never NULL (the x allocators
 * exit).  page_free takes NULL.  With explain (artsplit --explain), a
 * record also gets "left_out": what the extraction left out in and
 * beside the article, and why (extract_explain in extract.h).
 */
struct page *page_new(bool explain);
void	page_free(struct page *);

/*
 * Set the fields of the page html[0..n) in rec (after any it has: the
 * caller puts the id first).  The caller has cut the page (page_limit).
 */
void	page_fields(struct page *, const char *html, size_t n,
	    const struct page_source *src, struct record *rec,
	    struct page_report *rep);

/*
 * The bytes of a page read: --max-record when given (max_record, 0 when
 * not: split_opts), more or less than PAGE_MAX, else PAGE_MAX.
 */
size_t	page_limit(size_t max_record);

/*
 * Warn about what the report says (an unknown charset, bytes replaced by
 * U+FFFD), each message starting with what (the page's name in an
 * archive, or "") after the file name and line (0: no line).
 */
void	page_warn(struct run *, unsigned long line,
	    const struct page_report *, const char *what);
/* Warn, as page_warn, that a page was cut at limit bytes (page_limit). */
void	page_warn_cut(struct run *, unsigned long line, const char *what,
	    size_t limit);

/* Whether the first bytes of a file look like an HTML page. */
bool	page_sniff(const char *head, size_t n);

#endif
