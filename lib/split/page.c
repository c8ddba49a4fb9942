/*
 * page.c - see page.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "split/dom.h"
#include "split/extract.h"
#include "split/page.h"
#include "split/split.h"
#include "split/webmeta.h"

struct page {
	struct dom	 dom;
	struct extract	*x;
	struct webmeta	 meta;
	struct buf	 utf8, text, caps;
	struct buf	 why;		/* --explain: what was left out */
	bool		 explain;
};

struct page *
page_new(bool explain)
{
	struct page *p;

	p = xcalloc(1, sizeof(*p));
	dom_init(&p->dom);
	p->x = extract_new();
	p->explain = explain;
	if (explain)
		extract_explain(p->x, &p->why);
	webmeta_init(&p->meta);
	return p;
}

void
page_free(struct page *p)
{
	if (p == NULL)
		return;
	dom_free(&p->dom);
	extract_free(p->x);
	webmeta_free(&p->meta);
	buf_free(&p->utf8);
	buf_free(&p->text);
	buf_free(&p->caps);
	buf_free(&p->why);
	charset_cleanup();
	free(p);
}

static void
set(struct record *rec, const char *key, const struct buf *b)
{
	if (b->len > 0)
		record_set(rec, key, b->s, b->len);
}

void
page_fields(struct page *p, const char *html, size_t n,
    const struct page_source *src, struct record *rec,
    struct page_report *rep)
{
	struct webmeta *m = &p->meta;
	size_t c;

	memset(rep, 0, sizeof(*rep));
	if (n > PAGE_MAX) {
		n = PAGE_MAX;
		rep->cut = true;
	}
	buf_reset(&p->utf8);
	charset_decode(html, n, src->charset, src->encoding, &p->utf8,
	    &rep->cs);
	dom_parse(&p->dom, p->utf8.s != NULL ? p->utf8.s : "", p->utf8.len);
	webmeta_read(m, &p->dom, src->url);
	buf_reset(&p->text);
	buf_reset(&p->caps);
	buf_reset(&p->why);
	if (p->explain)
		buf_addc(&p->why, '[');
	c = extract_text(p->x, &p->dom, m->title.s, m->title.len, &p->text,
	    &p->caps);
	webmeta_date_near(m, &p->dom, c);
	webmeta_body(m, &p->text);
	rep->empty = p->text.len == 0;

	set(rec, "url", &m->url);
	if (src->crawl_date != NULL && src->crawl_date[0] != '\0')
		record_set(rec, "crawl_date", src->crawl_date,
		    strlen(src->crawl_date));
	set(rec, "date", &m->date);
	set(rec, "title", &m->title);
	set(rec, "byline", &m->byline);
	set(rec, "source", &m->source);
	set(rec, "lang", &m->lang);
	record_set(rec, "text", p->text.s != NULL ? p->text.s : "",
	    p->text.len);
	set(rec, "captions", &p->caps);
	if (p->explain) {
		buf_addc(&p->why, ']');
		record_set_raw(rec, "left_out", p->why.s, p->why.len,
		    JSON_ARRAY);
	}
}

size_t
page_limit(size_t max_record)
{
	return max_record != 0 && max_record < PAGE_MAX ? max_record :
	    PAGE_MAX;
}

void
page_warn(struct run *run, unsigned long line, const struct page_report *rep,
    const char *what)
{
	if (rep->cs.unknown)
		run_warn_at(run, line, "%scharset \"%s\" is unknown: read as "
		    "%s", what, rep->cs.declared, rep->cs.name);
	if (rep->cs.bad > 0)
		run_warn_at(run, line, "%s%zu byte%s not valid %s or NUL "
		    "replaced by U+FFFD", what, rep->cs.bad, rep->cs.bad == 1 ? "" : "s",
		    rep->cs.name);
	if (rep->cut)
		run_warn_at(run, line, "%spage longer than %zu MB: read up to "
		    "there", what, PAGE_MAX >> 20);
}

bool
page_sniff(const char *s, size_t n)
{
	static const char *const starts[] = {
		"<!doctype html", "<html", "<head", "<!--", "<meta", "<title",
		"<body", "<?xml",
	};
	char ascii[512];
	unsigned u;
	size_t i, k;
	bool le;

	/*
	 * UTF-16 with its byte order mark (charset.c decodes it): sniffed
	 * on its first characters, as long as they are ASCII.
	 */
	if (n >= 2 && ((le = memcmp(s, "\xff\xfe", 2) == 0) ||
	    memcmp(s, "\xfe\xff", 2) == 0)) {
		for (i = 2, k = 0; i + 1 < n && k < sizeof(ascii); i += 2) {
			u = le ? (unsigned char)s[i] |
			    (unsigned)(unsigned char)s[i + 1] << 8 :
			    (unsigned)(unsigned char)s[i] << 8 |
			    (unsigned char)s[i + 1];
			if (u == 0 || u > 0x7f)
				break;
			ascii[k++] = (char)u;
		}
		return page_sniff(ascii, k);
	}
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3, n -= 3;
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	for (i = 0; i < NELEM(starts); i++) {
		k = strlen(starts[i]);
		if (n >= k && strncasecmp(s, starts[i], k) == 0) {
			/* <?xml and <!-- only when HTML follows soon */
			if (i >= 3 && i != 4 && i != 5 && i != 6)
				return memmem(s, n < 1024 ? n : 1024, "<html",
				    5) != NULL || memmem(s, n < 1024 ? n : 1024,
				    "<HTML", 5) != NULL;
			return true;
		}
	}
	return false;
}
