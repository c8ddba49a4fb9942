/*
 * page.c - see page.h.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/json.h"
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
	struct buf	 dom_text;	/* the DOM's text, when webmeta_body
					   may replace it (--explain) */
	struct buf	 tmp, flat, why2;	/* explain_body's */
	struct buf	 box;		/* --explain: the box's text runs */
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
	buf_free(&p->dom_text);
	buf_free(&p->tmp);
	buf_free(&p->flat);
	buf_free(&p->why2);
	buf_free(&p->box);
	charset_cleanup();
	free(p);
}

static void
set(struct record *rec, const char *key, const struct buf *b)
{
	if (b->len > 0)
		record_set(rec, key, b->s, b->len);
}

/* s[0..n) with its white space runs one space, none at its ends, to out. */
static void
flatten(const char *s, size_t n, struct buf *out)
{
	size_t i;
	bool sp = false;

	buf_reset(out);
	for (i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\f')
			sp = out->len > 0;
		else {
			if (sp)
				buf_addc(out, ' ');
			sp = false;
			buf_addc(out, s[i]);
		}
}

/* The "text" member of a note of extract's (explain_body). */
struct note {
	const char	*s;
	size_t		 text, textlen;	/* its value's literal, or 0 and 0 */
};

static void
note_member(void *arg, const struct json_member *jm)
{
	struct note *nt = arg;

	if (jm->keylen == 6 && memcmp(nt->s + jm->key, "\"text\"", 6) == 0 &&
	    jm->type == JSON_STRING) {
		nt->text = jm->val;
		nt->textlen = jm->vallen;
	}
}

/*
 * --explain when the text is the JSON-LD articleBody (webmeta_body): the
 * first note says so ("webmeta.body"), with what was weighed (the letters
 * of the DOM's text and of the articleBody) and the DOM's box, box, with
 * the text it gave (the one replaced); then come the DOM's own notes but
 * those whose text the articleBody holds: they are no longer left out.
 */
static void
explain_body(struct page *p, size_t box)
{
	struct note nt;
	const char *err;
	size_t pos, start;

	buf_reset(&p->why2);
	buf_adds(&p->why2, "[{\"text\":");
	flatten(p->dom_text.s, p->dom_text.len, &p->tmp);
	json_encode_string(&p->why2, p->tmp.s, p->tmp.len);
	buf_adds(&p->why2, ",\"rule\":\"webmeta.body\",\"box\":");
	buf_reset(&p->tmp);
	dom_describe(&p->dom, box, &p->tmp);
	json_encode_string(&p->why2, p->tmp.s, p->tmp.len);
	buf_printf(&p->why2, ",\"letters\":%zu,\"body_letters\":%zu}",
	    p->meta.text_letters, p->meta.body_letters);
	flatten(p->text.s, p->text.len, &p->flat);
	/* p->why is "[" and the notes, each an object, commas between */
	pos = 1;
	while (pos < p->why.len) {
		if (p->why.s[pos] != '{') {
			pos++;
			continue;
		}
		start = pos;
		nt.s = p->why.s;
		nt.text = nt.textlen = 0;
		if (json_scan_object(p->why.s, p->why.len, &pos, note_member,
		    &nt, &err) != 0)
			break;
		buf_reset(&p->tmp);
		if (nt.textlen > 0)
			json_decode_string(p->why.s + nt.text, nt.textlen,
			    &p->tmp, &err);
		if (p->tmp.len == 0 || memmem(p->flat.s, p->flat.len,
		    p->tmp.s, p->tmp.len) == NULL) {
			buf_addc(&p->why2, ',');
			buf_add(&p->why2, p->why.s + start, pos - start);
		}
	}
	buf_reset(&p->why);
	buf_add(&p->why, p->why2.s, p->why2.len);
}

/*
 * --explain: the text of the article's box, box (0: the page fell back to
 * its <main> or body, and there is none), as a JSON array of its text
 * runs, one for each text node with words but those of <script> and
 * <style> (JSON-LD, a style sheet), white space collapsed; in
 * p->box.  A check (tests/eval/check_explain.py) holds each run to the
 * text, the captions, the title or a note of left_out: the box's text
 * must go somewhere a reader of --explain sees.
 */
static void
explain_box(struct page *p, size_t box)
{
	const struct dom *d = &p->dom;
	size_t j;

	buf_reset(&p->box);
	buf_addc(&p->box, '[');
	for (j = box + 1; box != 0 && j < d->node[box].end; j++) {
		if (d->node[j].tag == DOM_SCRIPT || d->node[j].tag ==
		    DOM_STYLE) {
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag != DOM_TEXT)
			continue;
		flatten(d->text.s + d->node[j].off, d->node[j].len, &p->tmp);
		if (p->tmp.len == 0)
			continue;
		if (p->box.len > 1)
			buf_addc(&p->box, ',');
		json_encode_string(&p->box, p->tmp.s, p->tmp.len);
	}
	buf_addc(&p->box, ']');
}

void
page_fields(struct page *p, const char *html, size_t n,
    const struct page_source *src, struct record *rec,
    struct page_report *rep)
{
	struct webmeta *m = &p->meta;
	size_t c;

	memset(rep, 0, sizeof(*rep));
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
	if (p->explain) {
		explain_box(p, c);
		buf_reset(&p->dom_text);
		buf_add(&p->dom_text, p->text.s, p->text.len);
	}
	if (webmeta_body(m, &p->text) && p->explain)
		explain_body(p, c);
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
		if (c != 0) {
			buf_reset(&p->tmp);
			dom_describe(&p->dom, c, &p->tmp);
			record_set(rec, "box", p->tmp.s, p->tmp.len);
		}
		record_set_raw(rec, "box_text", p->box.s, p->box.len,
		    JSON_ARRAY);
	}
}

size_t
page_limit(size_t max_record)
{
	return max_record != 0 ? max_record : PAGE_MAX;
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
}

void
page_warn_cut(struct run *run, unsigned long line, const char *what,
    size_t limit)
{
	if (limit % ((size_t)1 << 20) == 0)
		run_warn_at(run, line, "%spage longer than %zu MB: read up to "
		    "there (--max-record reads more)", what, limit >> 20);
	else
		run_warn_at(run, line, "%spage longer than %zu bytes: read up "
		    "to there (--max-record reads more)", what, limit);
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
