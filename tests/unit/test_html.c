/*
 * Unit tests for lib/text/html.c: entity decoding and tag stripping, and above
 * all that text which merely contains '<' or '&' comes through untouched.
 */
#include "unit.h"
#include "base/buf.h"
#include "text/html.h"

static struct buf out = BUF_INIT;

static const char *
clean(const char *s, unsigned flags)
{
	buf_reset(&out);
	html_clean(s, strlen(s), &out, flags);
	return buf_cstr(&out);
}

#define BOTH	(HTML_ENTITIES | HTML_TAGS)

static void
test_entities(void)
{
	CHECK_STR(clean("Fish &amp; chips &eacute;t&eacute;", BOTH),
	    "Fish & chips \xc3\xa9t\xc3\xa9");
	CHECK_STR(clean("it&#8217;s &#x201C;so&#X201d;", BOTH),
	    "it\xe2\x80\x99s \xe2\x80\x9cso\xe2\x80\x9d");
	/* &#146; names the Windows-1252 apostrophe, as browsers read it */
	CHECK_STR(clean("don&#146;t", BOTH), "don\xe2\x80\x99t");
	CHECK_STR(clean("bad &#0; &#xD800; &#1114112;", BOTH),
	    "bad \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd");
	/* eight digits once overflowed an int; 0x100000041 is not 'A' */
	CHECK_STR(clean("&#xFFFFFFFF; &#x10000004; &#99999999;", BOTH),
	    "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd");
	/* unknown names, missing ';' and bare '&' are prose */
	CHECK_STR(clean("AT&T and M&S; Q&A &nosuch; &amp", BOTH),
	    "AT&T and M&S; Q&A &nosuch; &amp");
	CHECK_STR(clean("&#; &#x; &#12a;", BOTH), "&#; &#x; &#12a;");
	/* decoded markup is text, never a tag */
	CHECK_STR(clean("&lt;p&gt;hi&lt;/p&gt;", BOTH), "<p>hi</p>");
	CHECK_STR(clean("&amp;amp;", BOTH), "&amp;");
	CHECK_STR(clean("a&amp;b", HTML_TAGS), "a&amp;b");
}

static void
test_tags(void)
{
	CHECK_STR(clean("<p>One</p><p>Two <b>bold</b></p>", BOTH),
	    "\n\nOne\n\n\n\nTwo bold\n\n");
	CHECK_STR(clean("a<br>b<br/>c<BR />d", BOTH), "a\nb\nc\nd");
	CHECK_STR(clean("<ul><li>x</li><li>y</li></ul>", BOTH),
	    "\n\n\nx\ny\n\n");
	CHECK_STR(clean("<li>x</li>\n<li>y</li>", BOTH), "\nx\n\ny");
	CHECK_STR(clean("<a href=\"/x?a=1&b=2\" title='a>b'>link</a>", BOTH),
	    "link");
	CHECK_STR(clean("x<script type=\"text/javascript\">if (a < b) "
	    "{ y(); }</script>z", BOTH), "xz");
	CHECK_STR(clean("x<STYLE>p { color: red }</Style>z", BOTH), "xz");
	CHECK_STR(clean("x<!-- hidden <p> -->z<!DOCTYPE html>", BOTH), "xz");
	CHECK_STR(clean("<td>a</td><td>b</td>", BOTH), " a  b ");
}

static void
test_not_markup(void)
{
	CHECK_STR(clean("if a < b and b > c", BOTH), "if a < b and b > c");
	CHECK_STR(clean("x<y, <3, <<quote>>, <sigh>", BOTH),
	    "x<y, <3, <<quote>>, <sigh>");
	CHECK_STR(clean("<b unclosed and a < b", BOTH),
	    "<b unclosed and a < b");
	CHECK_STR(clean("<p>text", HTML_ENTITIES), "<p>text");
	CHECK_STR(clean("<!-- never closed", BOTH), "<!-- never closed");
	CHECK_STR(clean("<script>no end", BOTH), "no end");
	/*
	 * Names and tickers in angle brackets, as newswire writes them, in
	 * text that is not markup: "video", "dd", "u", "s" are element names,
	 * and still no tag.
	 */
	CHECK_STR(clean("<Video Shopping Mall Inc> said it signed", BOTH),
	    "<Video Shopping Mall Inc> said it signed");
	CHECK_STR(clean("DU PONT CO <DD> LAUNCHES &amp; <U> RISES", BOTH),
	    "DU PONT CO <DD> LAUNCHES & <U> RISES");
	/* the same in text that is markup: a closing tag, an attribute */
	CHECK_STR(clean("<U> rose, <b>he said</b>", BOTH), " rose, he said");
	CHECK_STR(clean("<video src=x.mp4> <U>", BOTH), " ");
	CHECK_STR(clean("one<p>two<p>three<p>four", BOTH),
	    "one\n\ntwo\n\nthree\n\nfour");
	CHECK(html_markup("a<br/>b", 7));
	CHECK(html_markup("<!-- x -->", 10));
	CHECK(!html_markup("<!-- x", 6));
	CHECK(!html_markup("<I P Sharp Associates Ltd>", 26));
	CHECK(!html_maybe("plain text only", 15));
	CHECK(html_maybe("a & b", 5));
	CHECK(html_maybe("a < b", 5));
	/* embedded NUL and non-UTF-8 bytes pass through */
	buf_reset(&out);
	html_clean("a\0b\xff<i>c</i>", 12, &out, BOTH);
	CHECK(out.len == 5 && memcmp(out.s, "a\0b\xff" "c", 5) == 0);
}

int
main(void)
{
	test_entities();
	test_tags();
	test_not_markup();
	buf_free(&out);
	UNIT_END();
}
