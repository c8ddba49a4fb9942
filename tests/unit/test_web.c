/*
 * Unit tests for the web page modules of lib/split: charset (encodings
 * found and decoded), dom (the tree, nesting without limit), jsonld (the
 * lenient reader), webmeta (dates, titles, bylines), extract (article
 * against furniture) and http (chunked and compressed bodies).
 * Every page here is invented.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <zlib.h>

#include "unit.h"
#include "base/util.h"
#include "split/charset.h"
#include "split/dom.h"
#include "split/extract.h"
#include "split/http.h"
#include "split/jsonld.h"
#include "split/page.h"
#include "split/webmeta.h"

/* Decode s; check the encoding used, the text and the bad-byte count. */
static void
cs(const char *s, size_t n, const char *http, const char *name,
    const char *want, size_t bad)
{
	struct buf out = BUF_INIT;
	struct charset_info ci;

	charset_decode(s, n, http, NULL, &out, &ci);
	CHECK_STR(ci.name, name);
	CHECK_MEM(out.s ? out.s : "", out.len, want);
	CHECK(ci.bad == bad);
	buf_free(&out);
}

static void
test_charset(void)
{
	char label[48];
	const char *s;

	/* nothing said: UTF-8 when valid, else windows-1252 */
	cs("<p>caf\xc3\xa9</p>", 12, NULL, "UTF-8", "<p>caf\xc3\xa9</p>", 0);
	cs("<p>caf\xe9 \x93q\x94</p>", 15, NULL, "windows-1252",
	    "<p>caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d</p>", 0);
	/* a <meta> charset, and the HTTP header before it */
	s = "<meta charset=\"iso-8859-2\"><p>\xb1</p>";
	cs(s, strlen(s), NULL, "iso-8859-2",
	    "<meta charset=\"iso-8859-2\"><p>\xc4\x85</p>", 0);
	cs(s, strlen(s), "windows-1252", "windows-1252",
	    "<meta charset=\"iso-8859-2\"><p>\xc2\xb1</p>", 0);
	s = "<meta http-equiv=Content-Type content='text/html; charset=KOI8-R'>"
	    "\xf0";
	cs(s, strlen(s), NULL, "KOI8-R", "<meta http-equiv=Content-Type "
	    "content='text/html; charset=KOI8-R'>\xd0\x9f", 0);
	/* iso-8859-1 means windows-1252, as browsers read it */
	s = "<meta charset=latin1>\x80";
	cs(s, strlen(s), NULL, "windows-1252",
	    "<meta charset=latin1>\xe2\x82\xac", 0);
	/* a legacy label on bytes that are UTF-8: UTF-8 */
	s = "<meta charset=iso-8859-1>caf\xc3\xa9";
	cs(s, strlen(s), NULL, "UTF-8", s, 0);
	/* a byte order mark wins over everything */
	cs("\xef\xbb\xbf<p>\xc3\xa9", 8, "iso-8859-1", "UTF-8",
	    "<p>\xc3\xa9", 0);
	cs("\xff\xfe<\0p\0>\0", 8, NULL, "UTF-16LE", "<p>", 0);
	/* bad bytes in UTF-8 and NUL bytes become U+FFFD, counted */
	s = "<meta charset=utf-8>a\xff" "b";
	cs(s, strlen(s), NULL, "UTF-8",
	    "<meta charset=utf-8>a\xef\xbf\xbd" "b", 1);
	cs("a\0b", 3, NULL, "UTF-8", "a\xef\xbf\xbd" "b", 1);
	/* an unknown label: said so, and the bytes sniffed */
	{
		struct buf out = BUF_INIT;
		struct charset_info ci;

		s = "<meta charset=x-no-such-thing>caf\xe9";
		charset_decode(s, strlen(s), NULL, NULL, &out, &ci);
		CHECK(ci.unknown);
		CHECK_STR(ci.declared, "x-no-such-thing");
		CHECK_STR(ci.name, "windows-1252");
		buf_free(&out);
	}
	/* the prescan skips comments and stops at <body> */
	s = "<!-- <meta charset=koi8-r> --><body><meta charset=koi8-r>";
	CHECK(!charset_meta(s, strlen(s), label, sizeof(label)));
	s = "<head><META CHARSET='Shift_JIS'>";
	CHECK(charset_meta(s, strlen(s), label, sizeof(label)));
	CHECK_STR(label, "Shift_JIS");
	charset_cleanup();
}

static void
test_dom(void)
{
	struct dom d;
	struct buf b = BUF_INIT, html = BUF_INIT;
	size_t i, n, depth = 0;
	const char *v;

	dom_init(&d);
	dom_parse(&d, "<p class=lead id=x>One <b>two</b><br>three"
	    "<script>var x = '<p>no</p>';</script><style>p{}</style>", 96);
	for (i = 0; i < d.nnode && d.node[i].tag != DOM_P; i++)
		;
	CHECK(i < d.nnode);
	v = dom_attr(&d, i, DA_CLASS, &n);
	CHECK_MEM(v, n, "lead");
	CHECK(dom_attr_is(&d, i, DA_ID, "X"));
	dom_text(&d, i, &b);
	CHECK_STR(buf_cstr(&b), "One two three");
	/* script and style text is dropped, but not JSON-LD's */
	buf_reset(&b);
	dom_text(&d, 0, &b);
	CHECK(strstr(buf_cstr(&b), "no") == NULL);
	dom_parse(&d, "<script>{\"@context\": \"https://schema.org\"}</script>",
	    50);
	for (i = 0, n = 0; i < d.nnode; i++)
		n += d.node[i].tag == DOM_TEXT;
	CHECK(n == 1);
	/*
	 * "&#146;" is U+2019 (the HTML standard's windows-1252 reading of
	 * U+0080..U+009F), and so is a C1 control written as itself; "&#129;"
	 * (no such character) stays; other characters are not touched
	 */
	dom_parse(&d, "<p>don&#146;t &#147;stop&#148; &#150; \xc2\x92 &#129; "
	    "\xc2\xa0\xc3\xa9</p>", 56);
	buf_reset(&b);
	dom_text(&d, 0, &b);
	CHECK_STR(buf_cstr(&b), "don\xe2\x80\x99t \xe2\x80\x9cstop"
	    "\xe2\x80\x9d \xe2\x80\x93 \xe2\x80\x99 \xc2\x81 \xc2\xa0"
	    "\xc3\xa9");
	/* 100,000 nested elements: a tree as deep, no recursion anywhere */
	for (i = 0; i < 100000; i++)
		buf_adds(&html, "<div>");
	buf_adds(&html, "deep");
	dom_parse(&d, html.s, html.len);
	for (i = 0; i < d.nnode; i++)
		if (d.node[i].tag == DOM_DIV && d.node[i].depth > depth)
			depth = d.node[i].depth;
	CHECK(depth >= 65535);
	buf_reset(&b);
	dom_text(&d, 0, &b);
	CHECK_STR(buf_cstr(&b), "deep");
	CHECK(dom_same_text(" A  b\n", 6, "a B", 3));
	CHECK(!dom_same_text("a b", 3, "a bc", 4));
	dom_free(&d);
	buf_free(&b);
	buf_free(&html);
}

/* Are two trees the same, node for node, attribute for attribute? */
static bool
same_tree(const struct dom *a, const struct dom *b)
{
	size_t i;

	if (a->nnode != b->nnode || a->nattr != b->nattr ||
	    a->text.len != b->text.len || a->str.len != b->str.len)
		return false;
	for (i = 0; i < a->nnode; i++)
		if (a->node[i].parent != b->node[i].parent ||
		    a->node[i].end != b->node[i].end ||
		    a->node[i].off != b->node[i].off ||
		    a->node[i].len != b->node[i].len ||
		    a->node[i].tag != b->node[i].tag ||
		    a->node[i].depth != b->node[i].depth)
			return false;
	for (i = 0; i < a->nattr; i++)
		if (a->attr[i].name != b->attr[i].name ||
		    a->attr[i].off != b->attr[i].off ||
		    a->attr[i].len != b->attr[i].len)
			return false;
	return (a->text.len == 0 || memcmp(a->text.s, b->text.s,
	    a->text.len) == 0) && (a->str.len == 0 || memcmp(a->str.s,
	    b->str.s, a->str.len) == 0);
}

/*
 * Parse html in pieces (script and style text kept from the parser) and
 * whole; the trees must be the same.  Returns the bytes skipped.
 */
static size_t
pieces(const char *html, size_t n)
{
	struct dom a, b;
	size_t skipped;
	bool same;

	dom_init(&a);
	dom_init(&b);
	b.one_piece = true;
	dom_parse(&a, html, n);
	dom_parse(&b, html, n);
	CHECK(b.skipped == 0);
	same = same_tree(&a, &b);
	CHECK(same);
	if (!same)
		fprintf(stderr, "  trees differ on: %.*s\n", (int)n, html);
	skipped = a.skipped;
	dom_free(&a);
	dom_free(&b);
	return skipped;
}

/*
 * The text of <script> and <style> that the tree drops is not given to
 * the parser, and the tree is the one the whole page makes, whatever
 * surrounds the raw elements.
 */
static void
test_dom_pieces(void)
{
	static const char *const frag[] = {
		"<script>", "</script>", "<SCRIPT type=\"text/javascript\">",
		"<script type=\"application/ld+json\">", "</SCRIPT >",
		"<style>", "</style>", "<style media='x>y'>", "<script/>",
		"<!--", "-->", "--", "-", "!", "<!--[if lt IE 9]>",
		"<![endif]-->", "<p>", "</p>", "<div class=\"a>b\">", "</div>",
		"'", "\"", "=", ">", "<", "/", " ", "\n", "x", "var a=1;",
		"{\"@context\":\"https://schema.org\"}", " {", "</scriptx>",
		"<scripts>", "<b>", "&amp;", "</", "<i a=b'c d=\"e>f\">",
		"<!DOCTYPE html>", "<html>", "<body>", "<?php x ?>",
		"<script src=a.js async>", "<br/>", "document.write('<script>')",
		"<td>", "<table>", "<head>", "<title>", "</title>",
		"--!>", "<!---->", "<Script\n>", "<script a=\"b\"c=d>",
		"<style/>", "\t", "</style", "<scriptx>", "<noscript>",
		"</noscript>", "<textarea>", "</textarea>", "<svg>", "</svg>",
	};
	struct buf html = BUF_INIT;
	size_t i, k, skipped = 0;

	/* pages, and the bytes of script and style text not parsed */
	static const struct {
		const char	*html;
		size_t		 skipped;
	} cases[] = {
		/* skipped, the tree the same */
		{ "<html><head><script>var x = '<p>no</p>'; if (a</b) {}"
		  "</script><style>p { color: red }</style></head><body>"
		  "<p>Text</p><script>\n  window.x = 1;</SCRIPT ></body>",
		  33 + 16 + 16 },
		/* JSON-LD, typed or not, goes to the parser */
		{ "<script type=\"application/ld+json\">{\"@context\":1}"
		  "</script><script>\n {\"@context\": \"https://schema.org\"}"
		  "</script><script>[1]</script><p>x</p>", 0 },
		/* a script in a conditional comment; then a real one */
		{ "<!--[if lt IE 9]><script src=\"h.js\"></script><![endif]-->"
		  "<script>var y;</script><p>z</p>", 6 },
		/* a piece may not end in a comment's "--": parsed whole */
		{ "<!-- <script --><script>var y;</script><p>z</p>", 0 },
		/* self-closed, unterminated, a name that is not script */
		{ "<script src=a.js /><p>one</p><scripts>two</scripts>"
		  "<script>var z = 1;", 10 },
		/* a tag whose quotes the parser and its look-ahead read apart */
		{ "<script a=b'c x=\"d>e\">var y;</script><p>z</p>", 0 },
		/* "<script" in JSON-LD; in an attribute value: parsed whole */
		{ "<script type=\"application/ld+json\">{\"x\": \"<script>var\"}"
		  "</script><style>a{}</style>", 3 },
		{ "<div title=\"<script>\">t</div><style>a{}</style>", 0 },
		/* an end tag that only begins with the name ends the text,
		   not the element: what follows is the script's still */
		{ "<script>var a;</scriptx>{\"@context\": 1}</script><p>b</p>",
		  6 },
	};

	for (i = 0; i < NELEM(cases); i++)
		CHECK(pieces(cases[i].html, strlen(cases[i].html)) ==
		    cases[i].skipped);
	/* pages made of pieces at random, parsed both ways */
	for (i = 0; i < 20000; i++) {
		buf_reset(&html);
		for (k = 1 + unit_rnd(40); k > 0; k--)
			buf_adds(&html, frag[unit_rnd(NELEM(frag))]);
		skipped += pieces(html.s, html.len);
	}
	CHECK(skipped > 0);
	buf_free(&html);
}

static void
test_jsonld(void)
{
	struct jsonld j;
	const char *s;
	size_t i, a, n;

	jsonld_init(&j);
	/* raw newlines in strings, a trailing comma, entities */
	s = "{\"@graph\": [{\"@type\": [\"WebPage\"]}, {\"@type\": "
	    "\"NewsArticle\", \"headline\": \"Rain\n &amp; wind\", "
	    "\"author\": {\"name\": \"Ana \\u00c9vora\"},}]}";
	jsonld_add(&j, s, strlen(s));
	for (i = 1, a = 0; i < j.nnode; i++)
		if (j.node[i].type == JL_OBJECT && jsonld_type_is(&j, i,
		    "Article"))
			a = i;
	CHECK(a != 0);
	s = jsonld_str(&j, jsonld_get(&j, a, "headline"), &n);
	CHECK_MEM(s, n, "Rain\n & wind");
	s = jsonld_str(&j, jsonld_get(&j, jsonld_get(&j, a, "author"), "name"),
	    &n);
	CHECK_MEM(s, n, "Ana \xc3\x89vora");
	/* nesting past the bound stops the block, nothing worse */
	jsonld_reset(&j);
	{
		struct buf deep = BUF_INIT;

		for (i = 0; i < 10000; i++)
			buf_addc(&deep, '[');
		jsonld_add(&j, deep.s, deep.len);
		CHECK(j.nnode <= JSONLD_MAX_DEPTH + 1);
		buf_free(&deep);
	}
	jsonld_free(&j);
}

/* Read the metadata of a page; its fields in *m. */
static void
meta(struct webmeta *m, struct dom *d, const char *html, const char *url)
{
	dom_parse(d, html, strlen(html));
	webmeta_read(m, d, url);
}

/*
 * A page set by a script: a teaser in the DOM, the story in the JSON-LD's
 * articleBody (webmeta_body).  %s is the articleBody.
 */
static const char ld_page[] =
	"<html><head><script type=application/ld+json>{\"@type\":"
	"\"NewsArticle\",\"headline\":\"Bridge to be rebuilt\","
	"\"articleBody\":\"%s\"}</script></head><body>%s</body></html>";

static void
test_webmeta_body(void)
{
	struct webmeta m;
	struct dom d;
	struct buf html = BUF_INIT, body = BUF_INIT, text = BUF_INIT;
	int k;

	webmeta_init(&m);
	dom_init(&d);
	for (k = 0; k < 6; k++)
		buf_printf(&body, "The council of Kleinstadt voted on day %d, "
		    "after a long debate, to rebuild the old bridge over the "
		    "river, the mayor said.\\n\\n", k);
	/* a teaser in the DOM: the articleBody, a block a line */
	buf_printf(&html, ld_page, body.s, "<p>The council voted.</p>");
	meta(&m, &d, html.s, NULL);
	buf_adds(&text, "The council voted.");
	CHECK(webmeta_body(&m, &text));
	CHECK(strncmp(buf_cstr(&text), "The council of Kleinstadt voted on "
	    "day 0,", 40) == 0);
	CHECK(strstr(buf_cstr(&text), "said.\n\nThe council of Kleinstadt "
	    "voted on day 1,") != NULL);
	CHECK(text.len > 0 && text.s[text.len - 1] == '.');
	/* the DOM holds the story (over half the articleBody): it stands */
	buf_reset(&text);
	buf_add(&text, body.s, body.len / 2 + 20);
	CHECK(!webmeta_body(&m, &text));
	/* tags in the articleBody: those of blocks end a line */
	buf_reset(&html);
	buf_reset(&body);
	for (k = 0; k < 6; k++)
		buf_printf(&body, "<p>The <b>council</b> of Kleinstadt voted on "
		    "day %d, after a long debate, to rebuild the old bridge "
		    "over the river &amp; its quay.</p>", k);
	buf_printf(&html, ld_page, body.s, "<p>The council voted.</p>");
	meta(&m, &d, html.s, NULL);
	buf_reset(&text);
	CHECK(webmeta_body(&m, &text));
	CHECK(strstr(buf_cstr(&text), "The council of Kleinstadt voted on "
	    "day 0, after") == buf_cstr(&text));
	CHECK(strstr(buf_cstr(&text), "river & its quay.\n\nThe council") !=
	    NULL);	/* and its entities are decoded */
	/* an articleBody tags alone make long is no longer than its text */
	buf_reset(&html);
	buf_printf(&html, ld_page, "<p class=\\\"x\\\"></p><p>A short note."
	    "</p><div class=\\\"a-very-long-class-name another-long-class-"
	    "name yet-another-long-class-name\\\"><span class=\\\"a-very-long-"
	    "class-name another-long-class-name yet-another-long-class-"
	    "name\\\"></span><span class=\\\"a-very-long-class-name another-"
	    "long-class-name yet-another-long-class-name\\\"></span><span "
	    "class=\\\"a-very-long-class-name another-long-class-name yet-"
	    "another-long-class-name\\\"></span></div>", "");
	meta(&m, &d, html.s, NULL);
	buf_reset(&text);
	CHECK(!webmeta_body(&m, &text));
	/* two Articles with one each: a list of stories, none is the page's */
	buf_reset(&html);
	buf_reset(&body);
	for (k = 0; k < 6; k++)
		buf_printf(&body, "The council of Kleinstadt voted on day %d, "
		    "after a long debate, to rebuild the old bridge.\\n", k);
	buf_printf(&html, "<script type=application/ld+json>[{\"@type\":"
	    "\"NewsArticle\",\"articleBody\":\"%s\"},{\"@type\":\"NewsArticle\""
	    ",\"articleBody\":\"%s\"}]</script><p>Teaser.</p>", body.s, body.s);
	meta(&m, &d, html.s, NULL);
	buf_reset(&text);
	CHECK(!webmeta_body(&m, &text));
	dom_free(&d);
	webmeta_free(&m);
	buf_free(&html);
	buf_free(&body);
	buf_free(&text);
}

static void
test_webmeta(void)
{
	struct webmeta m;
	struct dom d;
	struct buf b = BUF_INIT;

	webmeta_init(&m);
	dom_init(&d);
	/* JSON-LD before <meta>, the <h1> over og:title's wording */
	meta(&m, &d, "<html lang=de-AT><head><title>Rain falls on the town "
	    "| The Daily Invented</title><meta property=og:site_name "
	    "content='The Daily Invented'><meta property="
	    "article:published_time content='2021-04-20T08:00:00Z'>"
	    "<script type=application/ld+json>{\"@type\":\"NewsArticle\","
	    "\"datePublished\":\"2021-04-22T10:00:00+02:00\",\"author\":"
	    "[{\"name\":\"Jo Bloggs\"},{\"name\":\"Ann Other\"}]}</script>"
	    "</head><body><h1>The Daily Invented</h1><h1>Rain falls on the "
	    "town</h1></body></html>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2021-04-22T10:00:00+02:00");
	CHECK_STR(buf_cstr(&m.title), "Rain falls on the town");
	CHECK_STR(buf_cstr(&m.byline), "Jo Bloggs, Ann Other");
	CHECK_STR(buf_cstr(&m.source), "The Daily Invented");
	CHECK_STR(buf_cstr(&m.lang), "de");
	/* <title> less the site's name; a dotted date near the headline */
	meta(&m, &d, "<title>Council votes on the bridge - Kleinstadt "
	    "Bote</title><body><h2>Council votes on the bridge</h2><p>Von "
	    "Karl Muster | 03.02.2022</p>", "https://www.bote.example/a/1");
	CHECK_STR(buf_cstr(&m.title), "Council votes on the bridge");
	CHECK_STR(buf_cstr(&m.source), "bote.example");
	CHECK_STR(buf_cstr(&m.url), "https://www.bote.example/a/1");
	webmeta_date_near(&m, &d, 1);
	CHECK_STR(buf_cstr(&m.date), "2022-02-03");
	/* a UTC time near midnight: the day the page shows */
	meta(&m, &d, "<script type=application/ld+json>{\"@type\":\"Article\","
	    "\"datePublished\":\"2019-10-18T22:04:00Z\"}</script><body><h1>"
	    "Late news</h1><p>19.10.2019</p>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2019-10-19");
	meta(&m, &d, "<script type=application/ld+json>{\"@type\":\"Article\","
	    "\"datePublished\":\"2019-10-18T12:04:00Z\"}</script><body><h1>"
	    "Noon news</h1><p>19.10.2019</p>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2019-10-18T12:04:00Z");
	/* the shown date has a time and a zone of its own */
	meta(&m, &d, "<script type=application/ld+json>{\"@type\":\"Article\","
	    "\"datePublished\":\"2019-11-19T02:46:42.471Z\"}</script><body>"
	    "<h1>Island news</h1><span>November 18, 2019 at 4:46 PM HST"
	    "</span>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2019-11-18");
	/* 03/05/2022 could be either: only 3 May is a day off the UTC time */
	meta(&m, &d, "<script type=application/ld+json>{\"@type\":\"Article\","
	    "\"datePublished\":\"2022-05-04T00:44:52Z\"}</script><body><h1>"
	    "A vote</h1><ul><li>Capital</li><li>03/05/2022 21:44</li></ul>",
	    NULL);
	CHECK_STR(buf_cstr(&m.date), "2022-05-03");
	meta(&m, &d, "<script type=application/ld+json>{\"@type\":\"Article\","
	    "\"datePublished\":\"2022-03-06T01:30:00Z\"}</script><body><h1>"
	    "A vote</h1><p>03/05/2022 8:30 PM</p>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2022-03-05");
	/* a bare <meta name=date> comes after the <time> the page shows */
	meta(&m, &d, "<meta name=date content=2020-04-30><body><h1>Rent"
	    "</h1><time>29.04.2020, 12:01 Uhr</time>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2020-04-29T12:01:00");
	/* and after the date shown by the headline */
	meta(&m, &d, "<meta name=date content=2020-02-12><body><h1>Fair "
	    "chains</h1><div class=news-time>05.02.2020 <span>- Editor: A. "
	    "Person</span></div>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2020-02-05");
	/* rarer names of the publication date */
	meta(&m, &d, "<meta name=prism.publicationDate content=2021-03-01>"
	    "<body><h1>X</h1><p>2 March 2021</p>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2021-03-01");
	meta(&m, &d, "<meta name=DCSext.articleFirstPublished content="
	    "'2012-04-17 14:54'><body><h1>X</h1>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2012-04-17T14:54:00");
	/* a Polish date by the headline */
	meta(&m, &d, "<body><h1>Most</h1><p class=meta>Środa, 3 marca 2021"
	    "</p>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2021-03-03");
	/* a date in another language, by an element's class */
	meta(&m, &d, "<body><h1>Le pont</h1><span class=datePublished>publié "
	    "le 4 février 2022</span>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2022-02-04");
	/* typeset dates: thin and no-break spaces between the parts */
	meta(&m, &d, "<body><h1>Neuer Trainer</h1><div class=post-info>Von "
	    "<span>Sportverband Nord</span> 4.&thinsp;2.&thinsp;2022.</div>",
	    NULL);
	CHECK_STR(buf_cstr(&m.date), "2022-02-04");
	meta(&m, &d, "<body><h1>Le pont</h1><p>Publi\xc3\xa9 le&nbsp;"
	    "7&nbsp;d\xc3\xa9" "cembre&nbsp;2026</p>", NULL);
	CHECK_STR(buf_cstr(&m.date), "2026-12-07");
	/* a logo's <h1> is not the headline, though the title names it */
	meta(&m, &d, "<title>Faster loops - Strange Blog</title><body><nav>"
	    "<h1>Strange Blog</h1></nav><main><h1>Faster loops</h1></main>",
	    NULL);
	CHECK_STR(buf_cstr(&m.title), "Faster loops");
	/* a kicker in the <h1>; the first og:title of two */
	meta(&m, &d, "<meta property=og:title content='Ferries: Timetable "
	    "changes on Monday'><meta property=og:title content=News><body>"
	    "<h1><span class=kicker>Ferries</span> Timetable changes on "
	    "Monday</h1>", NULL);
	CHECK_STR(buf_cstr(&m.title), "Timetable changes on Monday");
	/* the colon between kicker and headline set in an element of its own */
	meta(&m, &d, "<meta property=og:title content='Ferries: Timetable "
	    "changes on Monday'><meta name=twitter:title content='Timetable "
	    "changes on Monday'><body><h1><span>New season</span> <span>: "
	    "</span> <span>Timetable changes on Monday </span></h1>", NULL);
	CHECK_STR(buf_cstr(&m.title), "Timetable changes on Monday");
	/* a date and the sections set in the <h1> under the headline */
	meta(&m, &d, "<meta property=og:title content='Fans return to the "
	    "stands'><body><h1> Fans return to the stands<br><small><span "
	    "class=icon></span>&nbsp;02.02.2022 &bull; <span>Club</span>, "
	    "<span>Press</span></small></h1>", NULL);
	CHECK_STR(buf_cstr(&m.title), "Fans return to the stands");
	/* a site named by its host: "BOTE - " before the headline */
	meta(&m, &d, "<meta property=og:site_name content=www.bote.example>"
	    "<title>BOTE - Rules for the market change</title><body><h2>Rules"
	    " for the market change</h2>", NULL);
	CHECK_STR(buf_cstr(&m.title), "Rules for the market change");
	/* soft hyphens are no part of a title */
	meta(&m, &d, "<title>Neue Regeln f\xc3\xbcr Impf&shy;nachweise</title>",
	    NULL);
	CHECK_STR(buf_cstr(&m.title), "Neue Regeln f\xc3\xbcr Impfnachweise");
	/* " | " takes a site's name of a few words off */
	meta(&m, &d, "<title>Bridge reopens after repairs | The Kleinstadt "
	    "Evening Post</title>", NULL);
	CHECK_STR(buf_cstr(&m.title), "Bridge reopens after repairs");
	/* a byline's "By" goes */
	meta(&m, &d, "<body><h1>X</h1><div class=byline>By Jane Roe</div>",
	    NULL);
	CHECK_STR(buf_cstr(&m.byline), "Jane Roe");
	/* the date in the path of the URL */
	buf_reset(&b);
	CHECK(webmeta_url_date("https://x.example/2019/11/18/story", 35, &b));
	CHECK_STR(buf_cstr(&b), "2019-11-18");
	buf_reset(&b);
	CHECK(webmeta_url_date("http://x.example/news/20210422-rain.html", 40,
	    &b));
	CHECK_STR(buf_cstr(&b), "2021-04-22");
	buf_reset(&b);
	CHECK(!webmeta_url_date("http://2019.x.example/id/12345678901", 36,
	    &b));
	CHECK(!webmeta_url_date("http://x.example/2019/13/45/", 28, &b));
	/* site names off titles, and only site names */
	buf_reset(&b);
	webmeta_strip_site("Headline here | Site", 20, NULL, 0, &b);
	CHECK_STR(buf_cstr(&b), "Headline here");
	buf_reset(&b);
	webmeta_strip_site("Rangers 2 - 1 Celtic", 20, NULL, 0, &b);
	CHECK_STR(buf_cstr(&b), "Rangers 2 - 1 Celtic");
	buf_reset(&b);
	webmeta_strip_site("BBC News - Storm hits coast", 27, "BBC", 3, &b);
	CHECK_STR(buf_cstr(&b), "Storm hits coast");
	webmeta_free(&m);
	dom_free(&d);
	buf_free(&b);
}

/*
 * The extraction tests' one set-up: a page, the headline found for it,
 * and what the test wants of its text.  One extractor and one tree serve
 * every page, as in artsplit.
 */
static struct extract *ex;
static struct dom exdom;
static struct buf got = BUF_INIT, caps = BUF_INIT, pagebuf = BUF_INIT;

/* The page printf makes of fmt and its arguments (until the next call). */
static const char *
page(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf_reset(&pagebuf);
	buf_grow(&pagebuf, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(pagebuf.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	pagebuf.len = (size_t)n;
	return pagebuf.s;
}

/*
 * The article text of html under the headline title (NULL: none found);
 * its captions in caps.
 */
static const char *
extracted(const char *html, const char *title)
{
	if (ex == NULL) {
		ex = extract_new();
		dom_init(&exdom);
	}
	buf_reset(&got);
	buf_reset(&caps);
	dom_parse(&exdom, html, strlen(html));
	extract_text(ex, &exdom, title, title ? strlen(title) : 0, &got,
	    &caps);
	return buf_cstr(&got);
}

/*
 * Extract html under title and check each of the wants (NULL-ended), one
 * check each, by its first byte: "^s" the text starts with s, "=s" is s,
 * "+s" holds s, "-s" does not, "1s" holds s once; "cs" the captions are
 * s ("c": none).  A failure names the WANT's line, the want and the text.
 */
#define WANT(html, title, ...)	want(__LINE__, (html), (title),	\
	(const char *const []){ __VA_ARGS__, NULL })

static void
want(int line, const char *html, const char *title, const char *const *w)
{
	const char *t = extracted(html, title), *s, *at;
	bool ok;

	for (; *w != NULL; w++) {
		s = *w + 1;
		at = strstr(t, s);
		switch (**w) {
		case '^':
			ok = at == t;
			break;
		case '=':
			ok = strcmp(t, s) == 0;
			break;
		case '+':
			ok = at != NULL;
			break;
		case '-':
			ok = at == NULL;
			break;
		case '1':
			ok = at != NULL && strstr(at + 1, s) == NULL;
			break;
		case 'c':
			ok = strcmp(buf_cstr(&caps), s) == 0;
			break;
		default:
			ok = false;
		}
		if (ok)
			unit_passed++;
		else {
			unit_failed++;
			fprintf(stderr, "%s:%d: FAIL: want \"%s\" of:\n%s\n"
			    "captions:\n%s\n", __FILE__, line, *w, t,
			    buf_cstr(&caps));
		}
	}
}

static const char story[] =
	"<p>The council of Kleinstadt voted on Tuesday, after a long debate, "
	"to rebuild the old bridge over the river.</p>"
	"<p>Work will begin in spring, the mayor said, and should take two "
	"years, at a cost of four million euros.</p>"
	"<p>Residents, who had campaigned for a decade, welcomed the "
	"decision; shopkeepers worry about the detour.</p>";

/* An article's head and body side by side (test_extract); %s the body. */
static const char *const side_by_side[] = {
	"<body><article><h1>Bridge to be rebuilt</h1><p>The town will have "
	"its bridge back, after a decade of waiting for it.</p><figure><img "
	"src=a.jpg><figcaption>The old bridge, seen from the river."
	"</figcaption></figure><div class=body>%s</div></article></body>",
	"<body><article><div class=row><h1>Bridge to be rebuilt</h1><p>The "
	"town will have its bridge back, after a decade of waiting for it."
	"</p><figure><img src=a.jpg><figcaption>The old bridge, seen from the "
	"river.</figcaption></figure></div><div class=row>%s</div></article>"
	"</body>",
};

static void
test_extract(void)
{
	size_t i;

	WANT(page("<body><nav><a href=/>Home</a> <a href=/n>News</a>"
	    "</nav><div class=share-bar>Share this on Facebook</div>"
	    "<article><h1>Bridge to be rebuilt</h1><div class=byline>By "
	    "Jo Bloggs</div>%s<ul><li>Cost: four million</li><li>Time: two "
	    "years</li></ul><aside>Read more: <a href=/x>Other story</a>"
	    "</aside></article><div class=comments><p>Great news, I have "
	    "waited for this bridge for years and years!</p></div>"
	    "<footer>Copyright Kleinstadt Bote</footer></body>", story),
	    "Bridge to be rebuilt",
	    "^The council of Kleinstadt voted",
	    "+welcomed the decision;",
	    "+\n\nCost: four million\n\nTime: two years",
	    "-Home",
	    "-Share",
	    "-Jo Bloggs",
	    "-Bridge to be rebuilt",
	    "-Other story",
	    "-waited",
	    "-Copyright");
	/*
	 * a table: rows are blocks, cells tab-separated (the white space at
	 * a cell's ends is no part of it); <br> a line break
	 */
	WANT(page("<div class=story>%s<table><tr><th>Year</th><th>"
	    "Cost </th></tr><tr><td>2022\n</td><td> 1 m</td></tr></table><p>"
	    "Line one<br>line two, as the poem says it.</p></div>", story),
	    NULL,
	    "+\n\nYear\tCost\n\n2022\t1 m\n\n",
	    "+Line one\nline two");
	/*
	 * a footer written before the rows, as HTML 4 had it, is shown
	 * and written after them; one after them stays there, once
	 */
	WANT(page("<div class=story>%s<table><thead><tr><th>Year"
	    "</th><th>Cost</th></tr></thead><tfoot><tr><td>Total</td><td>3 m"
	    "</td></tr></tfoot><tbody><tr><td>2022</td><td>1 m</td></tr><tr>"
	    "<td>2023</td><td>2 m</td></tr></tbody></table><p>The council "
	    "will meet again in the spring.</p></div>", story), NULL,
	    "+\n\nYear\tCost\n\n2022\t1 m\n\n2023\t"
	    "2 m\n\nTotal\t3 m\n\nThe council will meet again");
	WANT(page("<div class=story>%s<table><tbody><tr><td>2022"
	    "</td><td>1 m</td></tr></tbody><tfoot><tr><td>Total</td><td>1 m"
	    "</td></tr></tfoot></table></div>", story), NULL,
	    "+\n\n2022\t1 m\n\nTotal\t1 m",
	    "1Total");
	/* a class with a furniture word in a wrapper of the article */
	WANT(page("<div class='page has-sidebar-menu'><div "
	    "class='col related-column'>%s%s</div><div class=related><a "
	    "href=/1>One</a> <a href=/2>Two</a></div></div>", story, story),
	    NULL,
	    "+The council of Kleinstadt");
	/* a standfirst between headline and body; a caption is none */
	WANT(page("<article><header><h1>Bridge</h1><figure><img "
	    "src=a.jpg><figcaption>The old bridge, seen from the river. "
	    "Photo: Jo Bloggs</figcaption></figure><p class=lede>The town "
	    "will have its bridge back, after a decade of waiting for it."
	    "</p></header><div class=body>%s</div></article>", story), "Bridge",
	    "^The town will have its bridge back",
	    "-seen from the river");
	/*
	 * the article's head in a <header> of the page's, or in a box whose
	 * class says furniture ("has-ads"): the headline is still found, and
	 * its standfirst, a subtitle set as a heading without a full stop
	 */
	WANT(page("<body><header class=site><a href=/>Kleinstadt "
	    "Bote</a><nav><a href=/n>News</a></nav></header><header "
	    "class=article-head><h1>Bridge to be rebuilt</h1><p>The town "
	    "will have its bridge back, after a decade of waiting for it.</p>"
	    "</header><div class=body>%s</div></body>", story),
	    "Bridge to be rebuilt",
	    "^The town will have its bridge back",
	    "-Kleinstadt Bote",
	    "-News");
	WANT(page("<body><section class='intro has-ads'><h4><a "
	    "href=/n>News</a></h4><h1>Bridge to be rebuilt</h1><h2>The "
	    "council keeps the old pillars and the ferry keeps running until "
	    "the spring of next year</h2></section><section class=text><div "
	    "class=copy>%s</div></section></body>", story),
	    "Bridge to be rebuilt",
	    "^The council keeps the old pillars");
	/*
	 * headline, standfirst, picture and body side by side in one box, or
	 * the head in a box of the body's class (written beside the body): the
	 * standfirst, a sibling of the body's box too, is written once, and so
	 * is the caption
	 */
	for (i = 0; i < NELEM(side_by_side); i++) {
		WANT(page(side_by_side[i], story), "Bridge to be rebuilt",
		    "^The town will have its bridge back",
		    "1The town will have",
		    "+The council of Kleinstadt voted",
		    "cThe old bridge, seen from the river.");
	}
	/* a picture's title under the headline is no standfirst */
	WANT(page("<body><div class=head><h1>Bridge</h1></div><div "
	    "class='head main-photo-title'><b>The old bridge, seen from the "
	    "river in 1920</b> /archive</div><div class=box><img src=a.jpg>"
	    "<div class=caption-text>The new bridge, as the architects of "
	    "the council see it in their plans.</div></div><div "
	    "class=article-container><div class=info>History</div><div "
	    "class=body>%s</div></div></body>", story), "Bridge",
	    "^The council of Kleinstadt voted",
	    "-seen from the river",
	    "-architects",
	    "cThe old bridge, seen from the river in "
	    "1920 /archive\n\nThe new bridge, as the architects of the "
	    "council see it in their plans.");
	/* a standfirst of short sentences, each ending at its element's end */
	WANT(page("<body><h1>Care homes</h1><div class=teaser><ul>"
	    "<li>Vaccination rules for care staff are the wrong answer.</li>"
	    "<li>So says the head of the charity that runs the homes in the "
	    "town.</li></ul></div>"
	    "<div class=body>%s</div></body>", story), "Care homes",
	    "^Vaccination rules for care staff are "
	    "the wrong answer.\n\nSo says the head");
	/*
	 * a title written for search engines, which no heading says: the
	 * standfirst under the headline the page shows, its first <h1>, is
	 * found all the same; a logo's <h1>, all link, is no headline, and
	 * the site's motto under it no standfirst
	 */
	WANT(page("<body><div class=top><h1><a href=/>Kleinstadt "
	    "Bote</a></h1><p>The paper of the town, made new each day, for "
	    "you, since 1890.</p></div><div class=head><h1>Bridge to be "
	    "rebuilt</h1><p>The town will have its bridge back, after a "
	    "decade of waiting for it.</p></div><div class=body>%s</div>"
	    "</body>", story), "Council votes for a new bridge over the river",
	    "^The town will have its bridge back",
	    "-since 1890");
	/* a sentence ends before closing quotes too */
	WANT(page("<body><h1>Bridge</h1><div class=dek><p>The mayor "
	    "calls the plan \"the bridge of the century.\"</p></div><div "
	    "class=body>%s</div></body>", story), "Bridge",
	    "^The mayor calls the plan");
	/* a digest: items mostly links but each with its own sentence */
	WANT(page("<article><h1>Ten things</h1><div class=body>%s"
	    "<ol><li><strong><a href=/1>The ferry will run every twenty "
	    "minutes from Monday, the council has decided</a>.</strong> The "
	    "council pays for it until the bridge opens.</li><li><strong><a "
	    "href=/2>Shops on the quay ask the town for a lower rent during "
	    "the works</a>.</strong> The mayor said \"we will see what we "
	    "can do.\"</li>"
	    "</ol><ul><li><a href=/3>Other story</a> 12.03.</li><li><a "
	    "href=/4>More news from the town council this week</a></li></ul>"
	    "</div></article>", story), "Ten things",
	    "+\n\nThe ferry will run every twenty minutes",
	    "+\n\nShops on the quay",
	    "-Other story",
	    "-More news");
	/* prose in a box whose class names authors; a byline still goes */
	WANT(page("<body><div class=page><h1>Submissions</h1><div "
	    "class=checklist>%s</div><div class=author-guidelines><h2>"
	    "Guidelines for authors</h2><p>Manuscripts are sent as text "
	    "files, with single line spacing and in a twelve point font, "
	    "italics for emphasis and never underlined; long quotations are "
	    "indented, and footnotes are kept to a minimum.</p><p>Every "
	    "picture, sound or film is cleared by the authors themselves, "
	    "who ask the holders of the rights; only in exceptional cases "
	    "can the journal pay a licence fee for them.</p><p>References "
	    "give the author's name, the year and the page, in brackets, "
	    "and the list at the end resolves every one of them.</p></div>"
	    "<div class=author-name>By Jo Bloggs</div></div></body>", story),
	    "Submissions",
	    "+The council of Kleinstadt",
	    "+Manuscripts are sent",
	    "+only in exceptional cases",
	    "-Jo Bloggs");
	/* a placeholder for an embed, an advert or a gallery is furniture */
	WANT(page("<article><h1>Bridge</h1><div class=body>%s<div "
	    "class='third-party--placeholder'><h2>Unlock Twitter</h2><div "
	    "class=message>We respect your privacy, and so we do not connect "
	    "to Twitter without your consent.</div><a href=/s>Manage "
	    "settings</a></div><p>The ferry, the mayor added, will run every "
	    "twenty minutes until the bridge is open again.</p></div>"
	    "</article>", story), "Bridge",
	    "-privacy",
	    "-Unlock",
	    "+The ferry, the mayor added");
	/* the headline an <h3 itemprop=headline>: its standfirst is found */
	WANT(page("<body><h1>Kleinstadt</h1><div class=news><div "
	    "class=row><h3 itemprop=headline>Repair day on Friday</h3>"
	    "<p>27.01.2020</p></div><div class=row><div class=teaser><p>"
	    "Volunteers mend kettles and radios again, and the visitors "
	    "know it well.</p></div></div><div class=row><div "
	    "itemprop=articleBody>%s</div></div></div></body>", story),
	    "Repair day on Friday",
	    "^Volunteers mend kettles");
	/* the article in boxes of one class, one of them a list */
	WANT(page("<body><div class=node><h1>Bridge</h1><div "
	    "class='para para--text'>%s</div><div class='para para--image'>"
	    "<img src=a.jpg></div><div class='para para--text'><p>What to "
	    "know:</p><ul><li>Detour via the ferry.</li><li>Shops open."
	    "</li></ul></div><div class=more><a href=/>Back</a></div></div>"
	    "</body>", story), "Bridge",
	    "+detour.\n\nWhat to know:\n\nDetour via the ferry.\n\nShops open.",
	    "-Back");
	/* captions inside the body: out of the prose, in reading order */
	WANT(page("<article><h1>Bridge</h1><div class=body>%s<figure>"
	    "<img src=b.jpg><figcaption>Pillars of the old bridge in 1920."
	    "</figcaption></figure><p>The mayor said the new bridge would "
	    "keep the old pillars, which the town loves.</p><div "
	    "class='wp-caption alignleft'><img src=c.jpg><p "
	    "class=wp-caption-text>The mayor, Ann Other, on Tuesday.</p>"
	    "</div><p class=image-caption>A protest on the bridge.</p>"
	    "</div></article>", story), "Bridge",
	    "-Pillars",
	    "-Ann Other",
	    "-protest",
	    "+detour.\n\nThe mayor said",
	    "cPillars of the old bridge in 1920.\n\n"
	    "The mayor, Ann Other, on Tuesday.\n\nA protest on the bridge.");
	/*
	 * a caption beside the article's box (a sibling the article takes
	 * in): to the captions too, not the text
	 */
	WANT(page("<body><div class=main><div class=story>%s</div>"
	    "<p class=wp-caption-text>Pillars of the old bridge, 1920. "
	    "Photo: Jo Bloggs</p><div class=story><p>Letters about the "
	    "bridge, which readers sent after the vote, are printed on page "
	    "four, the editor said.</p></div></div><div class=side>Other "
	    "news</div></body>", story), NULL,
	    "-Pillars",
	    "+detour.\n\nLetters about",
	    "cPillars of the old bridge, 1920. Photo: Jo Bloggs");
	/*
	 * two line breaks in a row (blanks between) end a paragraph, as
	 * pages without <p> set them; one breaks a line
	 */
	WANT("<body><article><p>The council voted on Tuesday to "
	    "rebuild the old bridge over the river.<br> <br>\nWork will "
	    "begin in spring, the mayor said.<br>It will take two years."
	    "<br><br></p></article></body>", NULL,
	    "=The council voted on Tuesday to rebuild "
	    "the old bridge over the river.\n\nWork will begin in spring, "
	    "the mayor said.\nIt will take two years.");
	/* a box of prose whose class says caption is no caption */
	WANT(page("<div class=caption-story>%s%s</div>", story,
	    story), NULL,
	    "+The council of Kleinstadt",
	    "c");
	/* no article: the body's text, less its furniture */
	WANT("<body><nav>Menu</nav><p>Closed today.</p></body>", NULL,
	    "=Closed today.");
	buf_free(&caps);
}

/*
 * A story cut into boxes (an advert, a "read on" marker, a sub-heading
 * between them): the rest goes with the first part, however short.
 */
static void
test_extract_split(void)
{

	/*
	 * the rest in wrappers after an advert: two paragraphs, or one in
	 * boxes that no class names; not one in a named box (an appeal)
	 */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s%s</div><div class=ad-slot>Advertisement</div><div "
	    "class=wrap><div class=inner><p>The bridge will be named after "
	    "the ferryman, who carried people over the river for forty "
	    "years.</p><p>His grandson, who still lives in the town, will cut "
	    "the ribbon.</p></div></div><div><div><p>The first cars should "
	    "cross the new bridge in the summer of 2025.</p></div></div><div "
	    "class=cta><p>Good local news costs money. Become a member of the "
	    "Bote today for a euro a week.</p></div></article></body>", story,
	    story), "Bridge to be rebuilt",
	    "+detour.\n\nThe bridge will be named",
	    "+ribbon.\n\nThe first cars should",
	    "-Advertisement",
	    "-Become a member");
	/* a box of its own under a sub-heading; a teaser is not one */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s%s</div><div class=box><h2>Background</h2><p>The "
	    "old bridge, built in 1890, was closed in 2012 when a pillar "
	    "cracked, and it has stood empty since.</p></div><div "
	    "class=teaser><h3><a href=/x>Ferry fares to rise</a></h3><p>The "
	    "ferry company says its costs have grown, and fares will rise by "
	    "two euros in April.</p></div></article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.\n\nBackground\n\nThe old bridge, built in 1890",
	    "-fares");
	/* nor a box with a line of a name or a date: an author's, comments */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s%s</div><div class=about><div>Jo Bloggs</div><p>Jo "
	    "Bloggs has written about the town and its council for the Bote "
	    "since 1998, and lives by the river.</p></div></article></body>",
	    story, story), "Bridge to be rebuilt",
	    "-Jo Bloggs");
	/*
	 * the rest named after the first part's class: whatever it holds (a
	 * list, short lines); a name that says nothing of the article, or
	 * says furniture too, is no such sign
	 */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=\"c-article__body\">%s%s</div><div class=ad-slot>Ad</div>"
	    "<div class=\"c-article__body--end\"><p>What changes:</p><ul><li>"
	    "a detour</li><li>a new bus line</li></ul></div><div class=\""
	    "c-article__body-related\"><p>What changes on the other bridges of "
	    "the county.</p></div><div class=\"article-text last\"><p>Work "
	    "begins soon.</p></div></article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.\n\nWhat changes:\n\na detour\n\na new bus line",
	    "-other bridges",
	    "-Work begins soon.");
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=\"article-text first\">%s%s</div><div class=ad-slot>Ad"
	    "</div><div class=\"article-text last\"><p>Work begins soon.</p>"
	    "<p>It will be loud.</p></div><div class=\"row first\"><p>Our "
	    "town in pictures.</p></div></article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.\n\nWork begins soon.\n\nIt will be loud.",
	    "-pictures");
	/* a name of one word is carried on by the head's and foot's boxes */
	WANT(page("<body><div class=content-header><h1>Bridge to be "
	    "rebuilt</h1><div>Town news from the Bote desk</div></div><div "
	    "class=content>%s%s</div><div class=content-bottom><div>Filed "
	    "under: Bridges</div></div></body>", story, story),
	    "Bridge to be rebuilt",
	    "^The council of Kleinstadt",
	    "-Bote desk",
	    "-Filed under");
	/*
	 * before the winner, under the headline: a summary of four points,
	 * the first part of a body in wrappers; all of each box
	 */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=points><ul><li>The bridge is to be rebuilt by 2025.</li>"
	    "<li>It will cost four million euros.</li><li>Work starts in the "
	    "spring.</li><li>Cars take a detour.</li></ul></div><div "
	    "class=row><div class=col><div class=intro><p>The old bridge "
	    "stood for a hundred years, and was closed ten years ago.</p><p>"
	    "Its pillars cracked in the flood of 2012, and it was shut.</p><p>"
	    "A ferry has carried people over the river since then.</p><p>Now "
	    "the council has found the money, with help from the state.</p>"
	    "</div></div></div><div class=ad-slot>Ad</div><div class=row2>"
	    "<div class=col><div class=rest>%s%s</div></div></div></article>"
	    "</body>", story, story), "Bridge to be rebuilt",
	    "^The bridge is to be rebuilt by 2025."
	    "\n\nIt will cost four million euros.\n\nWork starts in the spring."
	    "\n\nCars take a detour.\n\nThe old bridge stood",
	    "+help from the state.\n\nThe council of Kleinstadt");
	/* but not a list of a date's lines, with a comma in them */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><ul "
	    "class=post-meta><li>Published 3 March 2025, 08:15</li><li>Updated "
	    "4 March 2025, 10:02</li></ul><div class=body>%s%s</div></article>"
	    "</body>", story, story), "Bridge to be rebuilt",
	    "^The council of Kleinstadt");
	/* a teaser in an <article> of its own beside the story's */
	WANT(page("<body><main><article><h1>Bridge to be rebuilt"
	    "</h1>%s%s</article><article><h2><a href=/s>School hall opens"
	    "</a></h2><p>The new hall of the school, paid for by a bequest, "
	    "opened on Friday with a play by the pupils and a speech.</p><p>"
	    "The mayor, who went to the school herself, said the town had "
	    "waited a long time, too long, for a hall of its own.</p>"
	    "</article></main></body>", story, story), "Bridge to be rebuilt",
	    "+detour.",
	    "-new hall");
	/* but a live blog's entries under the page's headline are one story */
	WANT(page("<body><main><h1>Bridge to be rebuilt</h1><div "
	    "class=feed><article class=entry><time>09:00</time>%s%s</article>"
	    "<article class=entry><time>10:00</time><p>The mayor has arrived "
	    "at the town hall, where the vote will be held, and waves.</p>"
	    "</article></div></main></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.\n\n10:00\n\nThe mayor has arrived");
	/*
	 * an <article> that holds only the story's head, a long standfirst,
	 * over the body in a box of its own: the body is the story
	 */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><p "
	    "class=lede>After ten years of waiting, two votes and a long "
	    "quarrel about the money, the town of Kleinstadt is to have its "
	    "bridge back: the council voted for it on Tuesday, and the state "
	    "will pay a third of the cost, which the mayor called the best "
	    "news the town has had in years, though the shopkeepers by the "
	    "river fear for their trade.</p></article><div class=main>"
	    "%s%s</div></body>", story, story), "Bridge to be rebuilt",
	    "^After ten years of waiting",
	    "+shopkeepers worry about the detour.");
	/*
	 * an old site's layout table: the article is the cell of <br><br>
	 * paragraphs, not its row with the menu and the advert
	 */
	WANT("<body><table><tr><td><a href=/>Home</a><br><a "
	    "href=/n>News</a></td><td>The council of Kleinstadt voted on "
	    "Tuesday, after a long debate, to rebuild the old bridge.<br><br>"
	    "Work will begin in spring, the mayor said, and should take two "
	    "years, at a cost of four million euros.<br><br>Residents, who had "
	    "campaigned for a decade, welcomed the decision.</td><td>Advertise "
	    "with us: call 555 0100</td></tr></table></body>", NULL,
	    "=The council of Kleinstadt voted on "
	    "Tuesday, after a long debate, to rebuild the old bridge.\n\nWork "
	    "will begin in spring, the mayor said, and should take two years, "
	    "at a cost of four million euros.\n\nResidents, who had "
	    "campaigned for a decade, welcomed the decision.");
}

/*
 * Text that hides: the story in a <noscript> or <template> under a stub
 * (read only then), a <pre> whose line breaks are the page's.
 */
static void
test_extract_hidden(void)
{
	const char *const box[] = { "noscript", "template" };
	size_t k;

	for (k = 0; k < NELEM(box); k++) {
		/* a lazy loader's stub: the story is in the box */
		WANT(page("<body><article><h1>Bridge to be rebuilt</h1>"
		    "<p>The town will have its bridge back, after a decade.</p>"
		    "<div class=lazy></div><%s>%s%s</%s></article></body>",
		    box[k], story, story, box[k]), "Bridge to be rebuilt",
		    "^The town will have its bridge "
		    "back, after a decade.\n\nThe council of Kleinstadt voted",
		    "+shopkeepers worry about the detour.");
		/* the story shown: a box of paragraphs beside it stays out */
		WANT(page("<body><article><h1>Bridge to be rebuilt</h1>"
		    "%s<%s><p>Enjoyed this story? Then you will like our "
		    "morning letter, with the news of the town.</p><p>It is "
		    "free, and you can stop it at any time with one click at the "
		    "foot of each letter.</p></%s></article></body>", story,
		    box[k], box[k]), "Bridge to be rebuilt",
		    "^The council of Kleinstadt voted",
		    "-Enjoyed");
		/* a stub, and a box of a short note: the note stays out */
		WANT(page("<body><article><h1>Bridge to be rebuilt</h1>"
		    "<p>The town will have its bridge back, after a decade.</p>"
		    "<%s><p>Turn scripts on to see the comments.</p><p>They "
		    "load from our partner.</p></%s></article></body>", box[k],
		    box[k]), "Bridge to be rebuilt",
		    "=The town will have its bridge back, after a decade.");
	}
	/* a story set as plain text: lines and paragraphs kept */
	WANT("<body><h1>Bridge to be rebuilt</h1><pre>\nThe council "
	    "of Kleinstadt voted on Tuesday\nto rebuild the old bridge.\n"
	    "  \nWork will begin in spring, the mayor said.\n</pre></body>",
	    "Bridge to be rebuilt",
	    "=The council of Kleinstadt voted on Tuesday\n"
	    "to rebuild the old bridge.\n\nWork will begin in spring, the "
	    "mayor said.");
}

/*
 * A story in one-sentence paragraphs beside cards of other stories, each
 * a linked heading over a summary: the cards do not score (teaser), a
 * sub-heading that links to its own anchor is no card.
 */
static void
test_extract_teasers(void)
{
	struct buf html = BUF_INIT, cards = BUF_INIT;
	int k;

	for (k = 0; k < 5; k++)
		buf_printf(&cards, "<div class=card><h3><a href=/s%d>Other "
		    "story %d</a></h3><p>The ferry to the island, which was "
		    "late again on day %d, will run, the company said, on a new "
		    "timetable from May, with two more boats.</p></div>", k, k,
		    k);
	WANT(page("<body><div><div><h1>Bridge to be rebuilt</h1><p>The "
	    "bridge is coming back at last.</p><p>It took ten years.</p><p>"
	    "The vote on Tuesday was close.</p><p>Shopkeepers are worried "
	    "about trade.</p><p>The detour will be long.</p><p>Buses will "
	    "run every ten minutes.</p><p>The mayor is pleased.</p><p>Her "
	    "rivals are not.</p><p>Work begins in the spring.</p></div><div>"
	    "%s</div></div></body>", cards.s), "Bridge to be rebuilt",
	    "^The bridge is coming back at last.",
	    "+Work begins in the spring.",
	    "-The ferry");
	/* sections under anchored sub-headings: the story */
	buf_reset(&html);
	buf_adds(&html, "<body><div><h1>Bridge to be rebuilt</h1>");
	for (k = 0; k < 4; k++)
		buf_printf(&html, "<section><h2><a href=#p%d>Part %d</a></h2><p>"
		    "The council of Kleinstadt voted, in part %d, to rebuild the "
		    "old bridge, the mayor said.</p></section>", k, k, k);
	buf_printf(&html, "</div><div>%s</div></body>", cards.s);
	WANT(html.s, "Bridge to be rebuilt",
	    "^The council of Kleinstadt voted, in part 0,",
	    "+in part 3,",
	    "-The ferry");
	/* a listicle in cards alone: with nothing else, the cards score */
	WANT(page("<body><article><h1>Five ferries</h1>%s</article>"
	    "<footer><p>The Kleinstadt Bote, 4 Market Street, since 1901."
	    "</p></footer></body>", cards.s), "Five ferries",
	    "^The ferry to the island, which was late again on day 0,",
	    "+late again on day 4,",
	    "-Market Street");
	buf_free(&html);
	buf_free(&cards);
}

/*
 * --explain: what the extraction leaves out near the article, each piece
 * with its reason; nothing changes in the text.
 */
static void
test_explain(void)
{
	struct buf plain = BUF_INIT, why = BUF_INIT;
	const char *html;

	html = page("<body><nav><a href=/>Home</a></nav><div "
	    "class=wrap><article><h1>Bridge to be rebuilt</h1>%s<p><a "
	    "href=/a>Other bridges of the county</a></p><div "
	    "class=share-box>Share this story by mail</div><p "
	    "style=\"display:none\">Hidden note on the bridge</p>"
	    "<script>var bridge = 1;</script></article><div "
	    "class=tips>Tips: <a href=/t1>Send us yours</a>, <a "
	    "href=/t2>follow the council</a>, <a href=/t3>see the map</a>"
	    "</div></div><footer>Copyright Kleinstadt Bote</footer></body>",
	    story);
	buf_adds(&plain, extracted(html, "Bridge to be rebuilt"));
	buf_addc(&why, '[');
	extract_explain(ex, &why);
	CHECK_STR(extracted(html, "Bridge to be rebuilt"), buf_cstr(&plain));
	buf_addc(&why, ']');
	CHECK(strstr(buf_cstr(&got), "Share this") == NULL);
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Other bridges of the "
	    "county\",\"rule\":\"extract.links\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Share this story by "
	    "mail\",\"rule\":\"extract.class\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Hidden note on the "
	    "bridge\",\"rule\":\"extract.hidden\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "\"rule\":\"extract.sibling\"}") !=
	    NULL);
	/* what is never text is not named; what is far away neither */
	CHECK(strstr(buf_cstr(&why), "var bridge") == NULL);
	CHECK(strstr(buf_cstr(&why), "Home") == NULL);
	CHECK(why.s[1] == '{' && why.s[why.len - 2] == '}');
	/* elements that are never content say which kind they are */
	buf_reset(&why);
	buf_addc(&why, '[');
	extracted(page("<body><article><h1>Bridge to be rebuilt</h1>%s"
	    "<form><label>Your name for the petition</label><button>Sign "
	    "the petition now</button></form><noscript>Turn on scripts to "
	    "see the map</noscript><video src=v.mp4>Your browser shows no "
	    "video of the bridge</video><style>p { color: red }</style>"
	    "</article></body>", story), "Bridge to be rebuilt");
	buf_addc(&why, ']');
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Your name for the "
	    "petition\",\"rule\":\"extract.control\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Sign the petition "
	    "now\",\"rule\":\"extract.control\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Turn on scripts to see "
	    "the map\",\"rule\":\"extract.noscript\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Your browser shows no "
	    "video of the bridge\",\"rule\":\"extract.embed\"}") != NULL);
	CHECK(strstr(buf_cstr(&why), "color") == NULL);
	/* a box left out names all its words, a button's too */
	buf_reset(&why);
	buf_addc(&why, '[');
	html = page("<body><article><h1>Bridge to be rebuilt</h1>%s<div "
	    "class=newsletter-box>Our letter on the bridge <button>Get it"
	    "</button></div></article></body>", story);
	extracted(html, "Bridge to be rebuilt");
	buf_addc(&why, ']');
	CHECK(strstr(buf_cstr(&why), "{\"text\":\"Our letter on the bridge "
	    "Get it\",\"rule\":\"extract.class\"}") != NULL);
	/* NULL: no more notes */
	extract_explain(ex, NULL);
	buf_reset(&why);
	extracted(html, "Bridge to be rebuilt");
	CHECK(why.len == 0);
	buf_free(&plain);
	buf_free(&why);
}

static void
test_http(void)
{
	struct http_response r;
	struct buf b = BUF_INIT, z = BUF_INIT;
	const char *s;
	z_stream zs;
	unsigned char zout[256];

	http_init(&r);
	s = "HTTP/1.1 200 OK\r\nContent-Type: text/HTML; charset=\"ISO-8859-1\""
	    "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n7;x=y\r\n, "
	    "world\r\n0\r\n\r\n";
	CHECK(http_parse(&r, s, strlen(s), 1000) == 0);
	CHECK(r.status == 200);
	CHECK_STR(buf_cstr(&r.type), "text/html");
	CHECK_STR(buf_cstr(&r.charset), "ISO-8859-1");
	CHECK_STR(buf_cstr(&r.body), "Hello, world");
	CHECK(r.error == NULL);
	/* a chunk cut short: what came is kept, and the trouble named */
	s = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n10\nabc";
	CHECK(http_parse(&r, s, strlen(s), 1000) == 0);
	CHECK_STR(buf_cstr(&r.body), "abc");
	CHECK(r.error != NULL);
	/* gzip content, bounded by the limit */
	memset(&zs, 0, sizeof(zs));
	deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	zs.next_in = (unsigned char *)"<p>compressed page</p>";
	zs.avail_in = 22;
	zs.next_out = zout;
	zs.avail_out = sizeof(zout);
	deflate(&zs, Z_FINISH);
	buf_adds(&z, "HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
	buf_add(&z, zout, sizeof(zout) - zs.avail_out);
	deflateEnd(&zs);
	CHECK(http_parse(&r, z.s, z.len, 1000) == 0);
	CHECK_STR(buf_cstr(&r.body), "<p>compressed page</p>");
	CHECK(http_parse(&r, z.s, z.len, 5) == 0);
	CHECK(r.truncated && r.body.len == 5);
	/* a status other than 200, and no status line at all */
	s = "HTTP/1.1 404 Not Found\r\n\r\n";
	CHECK(http_parse(&r, s, strlen(s), 1000) == 0 && r.status == 404);
	CHECK(http_parse(&r, "GET / HTTP/1.1\r\n\r\n", 18, 1000) == -1);
	s = "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx";
	CHECK(http_parse(&r, s, strlen(s), 1000) == 0 && r.unsupported);
	http_free(&r);
	buf_free(&b);
	buf_free(&z);
}

/*
 * Recall: the article going on beyond its container's parent, in the
 * rows of a page's grid (the slot of the first part's class in a row of
 * its own) or in unnamed wrappers, after it or (no headline to start the
 * standfirst from) before it; not an author's box, another story, one
 * paragraph alone, nor anything past comments.
 */
static void
test_extract_recall(void)
{
	static const char rest[] = "<p>The bridge will be named after the "
	    "ferryman, who carried people over the river for forty "
	    "years.</p><p>His grandson, who still lives in the town, will "
	    "cut the ribbon at the opening.</p>";

	/* rows of a grid: the rest in the first part's slot */
	WANT(page("<body><main><h1>Bridge to be rebuilt</h1><div "
	    "class=row><div class=col-main>%s%s</div><div class=col-x><a "
	    "href=/m>Map</a></div></div><div class=row><div class=col-main>"
	    "<div class=ad-unit>Advertisement</div></div></div><div class="
	    "row><div class=col-main>%s</div><div class=col-x><a href=/t>"
	    "Tickets</a></div></div></main></body>", story, story, rest),
	    "Bridge to be rebuilt",
	    "+detour.\n\nThe bridge will be named",
	    "-Tickets",
	    "-Advertisement");
	/* no headline: the first part, in a row before the winner's */
	WANT(page("<body><main><div class=row><div class=col-main>"
	    "%s</div><div class=col-x><a href=/m>Map</a></div></div><div "
	    "class=row><div class=col-main>%s%s</div><div class=col-x><a "
	    "href=/t>Tickets</a></div></div></main></body>", rest, story,
	    story), NULL,
	    "^The bridge will be named",
	    "+opening.\n\nThe council of");
	/*
	 * unnamed wrappers a level up: two paragraphs; not one alone, not an
	 * author's box, not the next story, nothing after comments
	 */
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=main><figure><img src=a.jpg></figure><div class=text>%s%s"
	    "</div><p class=upd>Updated Monday</p></div><div class=ad>Ad</div>"
	    "<div><div>%s</div></div><div><p>Do you have a story for us? "
	    "Write to the newsroom, or call us on any weekday.</p></div><div "
	    "class=author-box><h4>Jo Bloggs</h4>%s</div></article></body>",
	    story, story, rest, rest), "Bridge to be rebuilt",
	    "+detour.\n\nThe bridge will be named",
	    "-a story for us",
	    "-Jo Bloggs");
	WANT(page("<body><main><div class=row><div class=col-main><h1>"
	    "Bridge to be rebuilt</h1>%s%s</div><div class=col-x>x</div></div>"
	    "<div class=row><div class=col-main><div class=comments>%s</div>"
	    "</div></div><div class=row><div class=col-main>%s</div></div>"
	    "<div class=row><article><h1>Ferry fares to rise</h1>%s</article>"
	    "</div></main></body>", story, story, rest, rest, rest),
	    "Bridge to be rebuilt",
	    "-ferryman",
	    "+detour.");
}

/*
 * Boxes of the story's own that look like furniture (web17): a fact box
 * set in an <aside> inside the article (not one of links, a form, or a
 * sidebar outside the article), the paid part of a story in a box named
 * "subscriber" (not a call to subscribe), a box after the story of a
 * heading and a list of sentences (not a list of selling points, of
 * links, or of comments).
 */
static void
test_extract_boxes(void)
{
	static const char facts[] = "<aside class=factbox><h3>The bridge "
	    "in figures</h3><ul><li>Length: 120 metres</li><li>Cost: four "
	    "million euros</li></ul></aside>";

	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s%s%s</div></article><aside><h3>Opening hours</h3>"
	    "<ul><li>Monday to Friday, 8 to 18</li><li>Saturday, 9 to 13</li>"
	    "</ul></aside></body>", story, facts, story),
	    "Bridge to be rebuilt",
	    "+figures\n\nLength: 120 metres\n\nCost: four",
	    "-Opening hours",
	    "-Saturday");
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s<aside><h3>More</h3><ul><li><a href=/a>Ferry fares "
	    "to rise</a></li><li><a href=/b>Mayor to stand again</a></li></ul>"
	    "</aside><aside><h3>Our newsletter</h3><ul><li>Every morning</li>"
	    "<li>Free of charge</li></ul><form><input name=m></form></aside>"
	    "%s</div></article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.",
	    "-Ferry fares",
	    "-Every morning");
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=article-body>%s</div><div class='article-body "
	    "subscriber-only'><p>The bridge will be named after the ferryman, "
	    "who carried people over the river for forty years.</p><p>His "
	    "grandson, who still lives in the town, will cut the ribbon at "
	    "the opening.</p>%s</div><div class=subscriber-cta><p>Already a "
	    "subscriber? Log in to read on.</p></div><div class=subscribe-box>"
	    "<p>Good journalism costs money, and yours keeps this newspaper "
	    "going: subscribe today, for less than a coffee a week, and read "
	    "every story of the Kleinstadt Courier, wherever you are, on "
	    "every device you own, and with no adverts at all. Cancel when "
	    "you like, with one click, and keep the stories you saved.</p>"
	    "</div></article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.\n\nThe bridge will be named",
	    "+the opening.",
	    "-Already a subscriber",
	    "-Good journalism");
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s</div><div class=infobox><h3>What changes for "
	    "drivers</h3><ul><li>The old bridge closes on 1 March.</li><li>"
	    "Buses take the ring road until the new one opens.</li></ul>"
	    "</div></article></body>", story),
	    "Bridge to be rebuilt",
	    "+detour.\n\nWhat changes for drivers\n\nThe old bridge closes",
	    "+Buses take the ring road");
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s</div><div class=perks><h3>Why subscribe</h3><ul>"
	    "<li>Every story of the town</li><li>No adverts, ever</li></ul>"
	    "</div><div class=more><ul><li><a href=/a>Ferry fares to rise."
	    "</a></li><li><a href=/b>Mayor to stand again.</a></li></ul></div>"
	    "<ul class=thread><li><div>Anna K.</div><p>About time too, the "
	    "old one shook whenever a lorry went over it.</p></li><li><div>"
	    "Jo B.</div><p>The detour will be a nightmare for the shops.</p>"
	    "</li></ul></article></body>", story),
	    "Bridge to be rebuilt",
	    "+detour.",
	    "-Every story of the town",
	    "-Ferry fares",
	    "-About time too");
}

/*
 * A list of the story's own, announced by its sentence and mostly links
 * (web17): each point has words besides its link.  Not after a label
 * ("Read more:"), nor a list of links alone, however it is announced.
 */
static void
test_extract_announced(void)
{
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s<p>The council asked three firms to send in their "
	    "plans:</p><ul><li><a href=/f/1>Stahlbau Nord</a>, of Kiel</li>"
	    "<li><a href=/f/2>Brückenwerk</a>, of Minden</li></ul>%s</div>"
	    "</article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+plans:\n\nStahlbau Nord, of Kiel\n\nBrückenwerk, of Minden",
	    "+detour.");
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=body>%s<p>Read more:</p><ul><li><a href=/a>Ferry fares to "
	    "rise</a> (video)</li><li><a href=/b>Mayor to stand again</a> "
	    "(video)</li></ul><p>More stories from the river this week:</p>"
	    "<ul><li><a href=/c>Flood wall finished at last</a></li><li><a "
	    "href=/d>Boat club elects a new chair</a></li></ul></div>"
	    "</article></body>", story),
	    "Bridge to be rebuilt",
	    "+detour.",
	    "-Ferry fares",
	    "-Flood wall");
}

/*
 * A blog's jump break (web17): the paragraph with id "more" or
 * "more-123", where a front page's "read more" jumps to, is the story;
 * "more-stories" and a box of class "more" are not.
 */
static void
test_extract_jump(void)
{
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1><div "
	    "class=post-body><p>The council of Kleinstadt voted on Tuesday to "
	    "rebuild the old bridge.</p><p id=more>Work will begin in spring, "
	    "the mayor said, and should take two years.</p><p>Residents "
	    "welcomed the decision; shopkeepers worry about the detour.</p>"
	    "<div id=more-stories><p>Ferry fares to rise in the spring, the "
	    "ferry company says.</p></div><div class=more><p>See all our "
	    "stories on the bridge.</p></div></div></article></body>"),
	    "Bridge to be rebuilt",
	    "+bridge.\n\nWork will begin in spring",
	    "+detour.",
	    "-Ferry fares",
	    "-See all our stories");
}

/*
 * Elements of a sentence's words that have no tag of their own in dom.h
 * (abbr, kbd, wbr, ...) do not break the sentence into blocks.
 */
static void
test_extract_phrase(void)
{
	WANT(page("<body><article><h1>Bridge to be rebuilt</h1>%s<p>The "
	    "detour is signed (<abbr title=compare>cf.</abbr> the map, "
	    "<abbr>Nr.</abbr> 4), and the <dfn>ferry</dfn> runs every "
	    "twenty minutes from co<wbr>operative Quay <var>A</var>.</p>"
	    "</article></body>", story), "Bridge to be rebuilt",
	    "+The detour is signed (cf. the map, Nr. 4), and the ferry runs "
	    "every twenty minutes from cooperative Quay A.");
}

/*
 * A story set as runs of text between <br><br>, with no <p> (an old
 * blog's, a small paper's): each run scores as a paragraph, so the story
 * wins over a box of a few <p>s under its headline, and is written as
 * paragraphs ("<br>&nbsp;<br>" too); a column of links or of address
 * lines set with <br>s scores no more than before.
 */
static void
test_extract_br(void)
{
	static const char run[] = "The choir of Lindholm, thirty singers "
	    "strong, won the county prize on Saturday, beating eleven choirs "
	    "from larger towns.";
	static const char letter[] = "<p>I was sorry to read that the "
	    "ferry timetable will change again, since many of us depend on "
	    "the early boat, and the new one leaves later, which is too "
	    "late for the morning shift.</p>";
	struct buf runs = BUF_INIT, letters = BUF_INIT;
	int k;

	for (k = 0; k < 9; k++) {
		buf_adds(&runs, run);
		buf_adds(&runs, k % 2 ? "<br><br>\n" : "<br>&nbsp;<br>");
	}
	for (k = 0; k < 11; k++)
		buf_adds(&letters, letter);
	WANT(page("<body><div id=w><div id=c><div id=m><div class=in><div "
	    "class=post><h1>Choir wins the prize</h1><div class=posttext>"
	    "<em>Lindholm</em> sang.<br><br>%s<center><img src=c.jpg>"
	    "</center>%s</div></div></div></div></div><div id=r><div class="
	    "box><div class=boxbody><h3>Letters</h3>%s</div></div></div>"
	    "</div></body>", buf_cstr(&runs), run, buf_cstr(&letters)),
	    "Choir wins the prize",
	    "+larger towns.\n\nThe choir of Lindholm",
	    "-\n\xc2\xa0\n",
	    "-sorry to read");
	/* the same beside a column of links and a box of addresses */
	WANT(page("<body><div id=w><div class=links><a href=/a>Storm closes "
	    "the coast road again this winter</a><br><br><a href=/b>New "
	    "school opens in Vik with room for all</a><br><br><a href=/c>"
	    "Bakery on Mill Street to open again soon</a><br><br><a href=/d>"
	    "Council to look again at the library hours</a></div><div "
	    "class=main><h1>Bridge to be rebuilt</h1>%s</div></div><div "
	    "id=bottom>"
	    "<b>Kleinstadt Bote</b><br>2 Church Lane<br>Kleinstadt 4410, "
	    "Norway<br><br><b>News desk</b><br>Ann Berg, editor, and Jon Dahl"
	    "<br>Weekdays from eight to four<br><br><b>Adverts</b><br>Lise "
	    "Holm, 2 Church Lane, Kleinstadt<br>Phone 555 0102, weekdays"
	    "</div></body>", story), "Bridge to be rebuilt",
	    "+to rebuild the old bridge",
	    "-Storm closes",
	    "-Church Lane");
	buf_free(&runs);
	buf_free(&letters);
}

/*
 * Blocks mostly links that are the story's all the same: a sub-heading
 * that links to itself (its permalink), a sentence that runs on into a
 * link and ends there; not a toggle's heading, a call to action, a
 * labelled source, a teaser's headline.
 */
static void
test_extract_links(void)
{

	WANT(page("<body><article><h1>Bridge to be rebuilt</h1>%s"
	    "<h2 id=cost><a href=#cost>What it costs</a></h2><h2><a name=when "
	    "href=#when>When</a></h2><h2><a href=#p1 data-toggle=collapse>"
	    "Open all</a></h2><p>The plan was welcomed at once by the <a "
	    "href=/t>Association of Traders and Craftsmen.</a></p><p>Never "
	    "miss a story! <a href=/app>Get our app for your phone today."
	    "</a></p><p>Source: <a href=/m>Minutes of the town council, "
	    "9 May.</a></p><p><a href=/f>Ferry fares to rise in spring."
	    "</a></p>%s</article></body>", story, story),
	    "Bridge to be rebuilt",
	    "+detour.\n\nWhat it costs\n\nWhen\n\n"
	    "The plan was welcomed at once by the Association of Traders and "
	    "Craftsmen.\n\nThe council",
	    "-Open all",
	    "-Never miss",
	    "-Minutes",
	    "-Ferry fares");
}

/* A node named for --explain as a CSS selector names it. */
static void
test_dom_describe(void)
{
	struct dom d;
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	dom_init(&d);
	s = "<div id=' lead x' class=' teaser\tstory-top '><p>x</p></div>"
	    "<marquee class=a>y</marquee><kbd class=b>z</kbd>";
	dom_parse(&d, s, strlen(s));
	for (i = 0; i < d.nnode && d.node[i].tag != DOM_DIV; i++)
		;
	dom_describe(&d, i, &b);
	CHECK_STR(buf_cstr(&b), "div#lead.teaser.story-top");
	buf_reset(&b);
	dom_describe(&d, i + 1, &b);
	CHECK_STR(buf_cstr(&b), "p");
	buf_reset(&b);
	dom_describe(&d, 0, &b);
	CHECK_STR(buf_cstr(&b), "body");
	for (i = 0; i < d.nnode && d.node[i].tag != DOM_OTHER; i++)
		;
	buf_reset(&b);
	dom_describe(&d, i, &b);
	CHECK_STR(buf_cstr(&b), "*.a");
	/* an element of a sentence's words not told apart: no tag either */
	for (i = 0; i < d.nnode && d.node[i].tag != DOM_PHRASE; i++)
		;
	buf_reset(&b);
	dom_describe(&d, i, &b);
	CHECK_STR(buf_cstr(&b), "*.b");
	dom_free(&d);
	buf_free(&b);
}

static void
test_page(void)
{
	CHECK(page_sniff("<!DOCTYPE html><p>", 18));
	CHECK(page_sniff("\xef\xbb\xbf\n <html>", 11));
	CHECK(page_sniff("<!-- x --><html>", 16));
	CHECK(!page_sniff("<!-- x --><record>", 18));
	CHECK(!page_sniff("Headline\n\nText", 14));
}

int
main(void)
{
	test_charset();
	test_dom();
	test_dom_pieces();
	test_jsonld();
	test_webmeta();
	test_webmeta_body();
	test_extract();
	test_extract_split();
	test_extract_hidden();
	test_extract_teasers();
	test_extract_recall();
	test_extract_links();
	test_extract_boxes();
	test_extract_announced();
	test_extract_jump();
	test_extract_br();
	test_extract_phrase();
	test_explain();
	test_http();
	test_dom_describe();
	test_page();
	extract_free(ex);
	dom_free(&exdom);
	buf_free(&got);
	buf_free(&caps);
	buf_free(&pagebuf);
	UNIT_END();
}
