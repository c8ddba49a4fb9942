/*
 * genwarc.c - web pages and a WARC archive of them, from gencorpus's
 * articles, for `make bench` (tools/bench.sh) and the tests that need a
 * big archive.
 *
 *	gencorpus -f jsonl -s 100M | genwarc [-z] [-d DIR] [-s SIZE] > crawl.warc
 *
 * Each JSON Lines record on standard input (id, title, text) becomes a
 * page the way a news site serves one: a head with scripts, styles, a
 * JSON-LD block and Open Graph tags; a menu, a share bar, the article
 * with its headline, byline and paragraphs, related links, comments and a
 * footer, about a third of the bytes script and style as on real pages.
 * The page is written as a WARC/1.0 response record (HTTP headers
 * included), after its request record; every tenth page is followed by a
 * 404 and an image response, which a reader must skip.  -z compresses
 * each record as a gzip member of its own, as crawlers do; -d DIR also
 * writes each page to DIR/ID.html (for the html rows of the bench); -s
 * stops after SIZE bytes of HTML (K, M and G suffixes), even when more
 * input follows.  The output depends only on the input: no clock, no
 * random numbers.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/util.h"
#include "io/input.h"
#include "io/record.h"

/* A string literal and its length. */
#define LIT(s)	(s), (sizeof(s) - 1)

static bool	 zflag;
static const char *dir;

/* A script of the size pages carry, so the parser skips real bytes. */
static const char script[] =
	"<script>(function(w,d){var q=w.gq=w.gq||[];function t(e){q.push(e);"
	"if(q.length>20){q.splice(0,10)}}d.addEventListener('click',function(e)"
	"{var a=e.target.closest&&e.target.closest('a');if(a&&a.href.indexOf("
	"'/news/')>0){t({k:'nav',h:a.href,ts:Date.now()})}});w.setTimeout(func"
	"tion(){for(var i=0;i<q.length;i++){if(q[i].k==='nav'){q[i].s=1}}},"
	"2000);var s=d.createElement('script');s.async=true;s.src='/static/app"
	".js?v=20240314';d.head.appendChild(s);})(window,document);</script>\n";
static const char style[] =
	"<style>body{margin:0;font:16px/1.5 Georgia,serif;color:#222}"
	".site-header{display:flex;justify-content:space-between;padding:8px "
	"16px;border-bottom:1px solid #ddd}.main-menu a{margin:0 8px;color:#"
	"036}.story{max-width:680px;margin:24px auto}.story h1{font-size:2.2em"
	";line-height:1.15}.share-bar a{display:inline-block;padding:4px 8px;"
	"background:#eee}.related li{margin:4px 0}.comments{background:#fafa"
	"fa;padding:12px}.site-footer{font-size:.8em;color:#666}</style>\n";

static void
esc(struct buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '&': buf_adds(b, "&amp;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, s[i]); break;
		}
}

/* The page of one article. */
static void
page(struct buf *b, const char *id, size_t idn, const char *title,
    size_t tn, const char *text, size_t xn, unsigned long k)
{
	const char *p, *e, *end = text + xn;
	int i;

	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	esc(b, title, tn);
	buf_adds(b, " | The Generated Gazette</title>\n<meta property=\""
	    "og:title\" content=\"");
	esc(b, title, tn);
	buf_adds(b, "\">\n<meta property=\"og:site_name\" content=\"The "
	    "Generated Gazette\">\n<script type=\"application/ld+json\">"
	    "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
	    "\"headline\":");
	json_encode_string(b, title, tn);
	buf_printf(b, ",\"datePublished\":\"2024-%02lu-%02luT%02lu:00:00Z\","
	    "\"author\":{\"@type\":\"Person\",\"name\":\"Reporter %lu\"}}"
	    "</script>\n", k % 12 + 1, k % 28 + 1, k % 24, k % 97);
	for (i = 0; i < 6; i++)
		buf_adds(b, script);
	buf_adds(b, style);
	buf_adds(b, "</head>\n<body>\n<div class=\"cookie-banner\">We use "
	    "cookies. <button>Accept</button></div>\n<header class=\"site-"
	    "header\"><a href=\"/\">The Generated Gazette</a><nav class=\""
	    "main-menu\">");
	for (i = 0; i < 12; i++)
		buf_printf(b, "<a href=\"/section/%d/\">Section %d</a>", i, i);
	buf_adds(b, "</nav></header>\n<div class=\"page\"><article class=\""
	    "story\"><header><h1>");
	esc(b, title, tn);
	buf_printf(b, "</h1><p class=\"byline\">By <a rel=\"author\" href=\""
	    "/staff/%lu\">Reporter %lu</a></p><time datetime=\"2024-01-01\">"
	    "1 January 2024</time></header>\n<div class=\"share-bar\"><a href"
	    "=\"#\">Share</a><a href=\"#\">Tweet</a><a href=\"#\">Email</a>"
	    "</div>\n<div class=\"story-body\">\n", k % 97, k % 97);
	for (p = text; p < end; p = e + 2) {
		if ((e = memmem(p, (size_t)(end - p), "\n\n", 2)) == NULL)
			e = end;
		buf_adds(b, "<p>");
		esc(b, p, (size_t)(e - p));
		buf_adds(b, "</p>\n");
		if (e == end)
			break;
	}
	buf_adds(b, "</div></article>\n<aside class=\"related\"><h3>Related"
	    "</h3><ul>");
	for (i = 0; i < 8; i++)
		buf_printf(b, "<li><a href=\"/news/%lu.html\">Another story "
		    "about the town, number %lu</a></li>", k + (unsigned)i + 1,
		    k + (unsigned)i + 1);
	buf_adds(b, "</ul></aside>\n<section class=\"comments\"><h3>Comments"
	    "</h3><div class=\"comment\"><p>I read this with interest and "
	    "would like to know more about it.</p></div></section>\n</div>\n"
	    "<footer class=\"site-footer\">&copy; The Generated Gazette. <a "
	    "href=\"/privacy\">Privacy</a></footer>\n</body>\n</html>\n");
	(void)id;
	(void)idn;
}

/* Write one WARC record (as a gzip member with -z). */
static void
record(const char *type, const char *uri, unsigned long n, const char *ctype,
    const char *block, size_t blen)
{
	struct buf r = BUF_INIT;
	static unsigned char *z;
	static size_t zcap;
	z_stream zs;

	buf_printf(&r, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: <%s>\r\n"
	    "WARC-Date: 2024-03-14T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:"
	    "00000000-0000-4000-8000-%012lu>\r\nContent-Type: %s\r\n"
	    "Content-Length: %zu\r\n\r\n", type, uri, n, ctype, blen);
	buf_add(&r, block, blen);
	buf_adds(&r, "\r\n\r\n");
	if (!zflag) {
		if (fwrite(r.s, 1, r.len, stdout) != r.len)
			err(1, "stdout");
		buf_free(&r);
		return;
	}
	if (zcap < r.len + r.len / 100 + 1024) {
		zcap = r.len + r.len / 100 + 1024;
		z = realloc(z, zcap);
		if (z == NULL)
			err(1, NULL);
	}
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		errx(1, "deflateInit2 failed");
	zs.next_in = (unsigned char *)r.s;
	zs.avail_in = (uInt)r.len;
	zs.next_out = z;
	zs.avail_out = (uInt)zcap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		errx(1, "deflate failed");
	if (fwrite(z, 1, zcap - zs.avail_out, stdout) != zcap - zs.avail_out)
		err(1, "stdout");
	deflateEnd(&zs);
	buf_free(&r);
}

static unsigned long long
size_arg(const char *s)
{
	char *e;
	unsigned long long v = strtoull(s, &e, 10);

	switch (*e) {
	case 'K': case 'k': v <<= 10; e++; break;
	case 'M': case 'm': v <<= 20; e++; break;
	case 'G': case 'g': v <<= 30; e++; break;
	default: break;
	}
	if (*e != '\0' || v == 0)
		errx(2, "size is %s: want a number, K, M or G", s);
	return v;
}

int
main(int argc, char *argv[])
{
	struct input *in;
	struct record rec = { 0 };
	struct buf html = BUF_INIT, http = BUF_INIT, uri = BUF_INIT,
	    path = BUF_INIT;
	const char *line, *id, *title, *text, *msg;
	size_t len, idn, tn, xn, pos;
	unsigned long k = 0, n = 0;
	unsigned long long max = 0, done = 0;
	int ch, st;
	FILE *f;

	while ((ch = getopt(argc, argv, "d:s:z")) != -1)
		switch (ch) {
		case 'd':
			dir = optarg;
			break;
		case 's':
			max = size_arg(optarg);
			break;
		case 'z':
			zflag = true;
			break;
		default:
			fprintf(stderr, "usage: genwarc [-z] [-d dir] [-s size] "
			    "< items.jsonl > crawl.warc\n");
			return 2;
		}
	if (optind != argc)
		errx(2, "reads standard input only");
	if ((in = input_open("-", 0)) == NULL)
		err(1, "stdin");
	record("warcinfo", "", ++n, "application/warc-fields",
	    LIT("software: genwarc\r\nformat: WARC File Format 1.0\r\n"));
	while ((st = input_getline(in, &line, &len)) == INPUT_LINE) {
		if (record_parse(&rec, line, len, &msg, &pos) < 0)
			errx(1, "stdin:%lu: %s", input_lineno(in), msg);
		if (record_get(&rec, "id", &id, &idn) != 1 ||
		    record_get(&rec, "title", &title, &tn) != 1 ||
		    record_get(&rec, "text", &text, &xn) != 1)
			continue;
		k++;
		buf_reset(&html);
		page(&html, id, idn, title, tn, text, xn, k);
		buf_reset(&uri);
		buf_printf(&uri, "http://gazette.example/news/%lu.html", k);
		record("request", uri.s, ++n, "application/http; "
		    "msgtype=request", LIT("GET / HTTP/1.1\r\n\r\n"));
		buf_reset(&http);
		buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
		    "charset=utf-8\r\nContent-Length: %zu\r\n\r\n", html.len);
		buf_add(&http, html.s, html.len);
		record("response", uri.s, ++n, "application/http; "
		    "msgtype=response", http.s, http.len);
		if (k % 10 == 0) {
			record("response", "http://gazette.example/gone.html",
			    ++n, "application/http; msgtype=response",
			    LIT("HTTP/1.1 404 Not Found\r\nContent-Length: 0"
			    "\r\n\r\n"));
			record("response", "http://gazette.example/logo.png",
			    ++n, "application/http; msgtype=response",
			    LIT("HTTP/1.1 200 OK\r\nContent-Type: image/png"
			    "\r\n\r\n\x89PNG\r\n\x1a\n"));
		}
		if (dir != NULL) {
			buf_reset(&path);
			buf_printf(&path, "%s/%lu.html", dir, k);
			if ((f = fopen(path.s, "w")) == NULL ||
			    fwrite(html.s, 1, html.len, f) != html.len ||
			    fclose(f) == EOF)
				err(1, "%s", path.s);
		}
		done += html.len;
		if (max != 0 && done >= max)
			break;
	}
	if (st == INPUT_ERROR)
		errx(1, "stdin: %s", input_error(in));
	if (fflush(stdout) == EOF)
		err(1, "stdout");
	input_close(in);
	record_free(&rec);
	buf_free(&html);
	buf_free(&http);
	buf_free(&uri);
	buf_free(&path);
	return 0;
}
