/*
 * dom.c - see dom.h.
 *
 * libxml2's HTML parser is driven through its push interface with SAX
 * callbacks: the page is already UTF-8 (charset.c saw to that), so the
 * parser is told so and told to ignore any <meta charset>
 * (HTML_PARSE_IGNORE_ENC); XML_PARSE_HUGE lifts its limit of 256 open
 * elements, past which it would stop reading the page (the parse stays
 * linear in the depth: measured on 100,000 nested elements).  The
 * parser closes every element it opens, so the open-element stack here
 * follows its own.
 *
 * The parser reads the text of <script> and <style> a character at a
 * time, and that text is a third or more of a news page's bytes; most of
 * it the tree drops.  So the page is pushed in pieces, and such text is
 * left out of them where the parser is seen (through its context's
 * public state) to stand at its start: parse_pieces says how that keeps
 * the tree the one the whole page makes, and tests/unit/test_web.c holds
 * it to that on pages made at random.
 */
#include <err.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "base/utf8.h"
#include "base/util.h"
#include "split/dom.h"

static const struct tagname {
	const char	*name;
	enum dom_tag	 tag;
} tags[] = {
	{ "a", DOM_A }, { "address", DOM_ADDRESS },
	{ "article", DOM_ARTICLE }, { "aside", DOM_ASIDE },
	{ "audio", DOM_AUDIO }, { "b", DOM_B }, { "base", DOM_BASE },
	{ "blockquote", DOM_BLOCKQUOTE }, { "body", DOM_BODY },
	{ "br", DOM_BR }, { "button", DOM_BUTTON }, { "canvas", DOM_CANVAS },
	{ "caption", DOM_CAPTION }, { "center", DOM_CENTER },
	{ "cite", DOM_CITE }, { "code", DOM_CODE }, { "dd", DOM_DD },
	{ "del", DOM_DEL }, { "details", DOM_DETAILS },
	{ "dialog", DOM_DIALOG }, { "div", DOM_DIV }, { "dl", DOM_DL },
	{ "dt", DOM_DT }, { "em", DOM_EM }, { "embed", DOM_EMBED },
	{ "fieldset", DOM_FIELDSET }, { "figcaption", DOM_FIGCAPTION },
	{ "figure", DOM_FIGURE }, { "font", DOM_FONT },
	{ "footer", DOM_FOOTER }, { "form", DOM_FORM },
	{ "frame", DOM_FRAME }, { "frameset", DOM_FRAMESET },
	{ "h1", DOM_H1 }, { "h2", DOM_H2 }, { "h3", DOM_H3 },
	{ "h4", DOM_H4 }, { "h5", DOM_H5 }, { "h6", DOM_H6 },
	{ "head", DOM_HEAD }, { "header", DOM_HEADER },
	{ "hgroup", DOM_HGROUP }, { "hr", DOM_HR }, { "html", DOM_HTML },
	{ "i", DOM_I }, { "iframe", DOM_IFRAME }, { "img", DOM_IMG },
	{ "input", DOM_INPUT }, { "ins", DOM_INS }, { "label", DOM_LABEL },
	{ "legend", DOM_LEGEND }, { "li", DOM_LI }, { "link", DOM_LINK },
	{ "main", DOM_MAIN }, { "map", DOM_MAP }, { "mark", DOM_MARK },
	{ "math", DOM_MATH }, { "menu", DOM_MENU }, { "meta", DOM_META },
	{ "nav", DOM_NAV }, { "noframes", DOM_NOFRAMES },
	{ "noscript", DOM_NOSCRIPT }, { "object", DOM_OBJECT },
	{ "ol", DOM_OL }, { "option", DOM_OPTION }, { "p", DOM_P },
	{ "picture", DOM_PICTURE }, { "pre", DOM_PRE }, { "q", DOM_Q },
	{ "s", DOM_S }, { "script", DOM_SCRIPT }, { "section", DOM_SECTION },
	{ "select", DOM_SELECT }, { "small", DOM_SMALL },
	{ "span", DOM_SPAN }, { "strong", DOM_STRONG },
	{ "style", DOM_STYLE }, { "sub", DOM_SUB },
	{ "summary", DOM_SUMMARY }, { "sup", DOM_SUP }, { "svg", DOM_SVG },
	{ "table", DOM_TABLE }, { "tbody", DOM_TBODY }, { "td", DOM_TD },
	{ "template", DOM_TEMPLATE }, { "textarea", DOM_TEXTAREA },
	{ "tfoot", DOM_TFOOT }, { "th", DOM_TH }, { "thead", DOM_THEAD },
	{ "time", DOM_TIME }, { "title", DOM_TITLE }, { "tr", DOM_TR },
	{ "u", DOM_U }, { "ul", DOM_UL }, { "video", DOM_VIDEO },
	/*
	 * elements of a sentence's words that the readers need not tell
	 * apart; as any other name (DOM_OTHER) they would be blocks, and
	 * "(<abbr>vgl.</abbr> FAQ Nr. 1)" three paragraphs
	 */
	{ "abbr", DOM_PHRASE }, { "acronym", DOM_PHRASE },
	{ "bdi", DOM_PHRASE }, { "bdo", DOM_PHRASE }, { "big", DOM_PHRASE },
	{ "blink", DOM_PHRASE }, { "data", DOM_PHRASE },
	{ "dfn", DOM_PHRASE }, { "kbd", DOM_PHRASE }, { "nobr", DOM_PHRASE },
	{ "rb", DOM_PHRASE }, { "rp", DOM_PHRASE }, { "rt", DOM_PHRASE },
	{ "rtc", DOM_PHRASE }, { "ruby", DOM_PHRASE },
	{ "samp", DOM_PHRASE }, { "strike", DOM_PHRASE },
	{ "tt", DOM_PHRASE }, { "var", DOM_PHRASE }, { "wbr", DOM_PHRASE },
};

/* Indexed by enum dom_attr_name. */
static const char *const attrnames[DOM_NATTRS] = {
	"class", "id", "role", "itemprop", "itemtype", "href", "rel", "name",
	"property", "content", "datetime", "lang", "type", "charset",
	"http-equiv", "hidden", "aria-hidden", "style", "pubdate", "itemscope"
};

/*
 * The names above by hash, made once: a page has an element every few
 * dozen bytes, and a binary search of the tags cost more than libxml2's
 * own work on the tag.  Slots hold an index + 1 (0: empty), linear
 * probing.
 */
#define NSLOT		256
#define LONGEST_ATTR	11	/* "aria-hidden" */
static uint8_t tag_slot[NSLOT], attr_slot[NSLOT];

/* The hash of a name, and its length; stops after max bytes. */
static unsigned
name_hash(const char *s, size_t max, size_t *len)
{
	unsigned h = 0;
	size_t n;

	for (n = 0; s[n] != '\0' && n <= max; n++)
		h = h * 31 + (unsigned char)s[n];
	*len = n;
	return h;
}

static void
slot_put(uint8_t *slot, const char *name, size_t i)
{
	size_t len;
	unsigned h = name_hash(name, (size_t)-1, &len);

	while (slot[h % NSLOT] != 0)
		h++;
	slot[h % NSLOT] = (uint8_t)(i + 1);
}

static void
make_slots(void)
{
	size_t i;

	for (i = 0; i < NELEM(tags); i++)
		slot_put(tag_slot, tags[i].name, i);
	for (i = 0; i < DOM_NATTRS; i++)
		slot_put(attr_slot, attrnames[i], i);
}

static enum dom_tag
lookup_tag(const char *name)
{
	size_t len;
	unsigned h = name_hash(name, (size_t)-1, &len);

	for (; tag_slot[h % NSLOT] != 0; h++)
		if (strcmp(tags[tag_slot[h % NSLOT] - 1].name, name) == 0)
			return tags[tag_slot[h % NSLOT] - 1].tag;
	return DOM_OTHER;
}

/* Which attribute name this is, or -1 for one not kept. */
static int
lookup_attr(const char *name)
{
	size_t len;
	unsigned h = name_hash(name, LONGEST_ATTR, &len);

	if (len > LONGEST_ATTR)
		return -1;
	for (; attr_slot[h % NSLOT] != 0; h++)
		if (strcmp(attrnames[attr_slot[h % NSLOT] - 1], name) == 0)
			return attr_slot[h % NSLOT] - 1;
	return -1;
}

void
dom_init(struct dom *d)
{
	memset(d, 0, sizeof(*d));
}

void
dom_free(struct dom *d)
{
	free(d->node);
	free(d->attr);
	free(d->open);
	buf_free(&d->text);
	buf_free(&d->str);
	memset(d, 0, sizeof(*d));
}

static uint32_t
new_node(struct dom *d, enum dom_tag tag)
{
	struct dom_node *n;
	uint32_t parent;

	d->node = xroom(d->node, &d->capnode, d->nnode + 1, sizeof(*d->node));
	n = &d->node[d->nnode];
	parent = d->nopen > 0 ? d->open[d->nopen - 1] : 0;
	n->parent = parent;
	n->end = (uint32_t)d->nnode + 1;
	n->off = n->len = 0;
	n->tag = (uint16_t)tag;
	n->depth = d->nopen < 65535 ? (uint16_t)d->nopen : 65535;
	return (uint32_t)d->nnode++;
}

static void
sax_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct dom *d = ctx;
	struct dom_attr *a;
	enum dom_tag tag;
	uint32_t i;
	int an;
	size_t vl;

	tag = lookup_tag((const char *)name);
	i = new_node(d, tag);
	d->node[i].off = (uint32_t)d->nattr;
	for (; atts != NULL && atts[0] != NULL; atts += 2) {
		if ((an = lookup_attr((const char *)atts[0])) < 0)
			continue;
		d->attr = xroom(d->attr, &d->capattr, d->nattr + 1,
		    sizeof(*d->attr));
		a = &d->attr[d->nattr++];
		a->name = (uint32_t)an;
		a->off = (uint32_t)d->str.len;
		vl = atts[1] != NULL ? strlen((const char *)atts[1]) : 0;
		a->len = (uint32_t)vl;
		buf_add(&d->str, atts[1] != NULL ? (const char *)atts[1] : "",
		    vl);
	}
	d->node[i].len = (uint32_t)d->nattr - d->node[i].off;
	d->open = xroom(d->open, &d->capopen, d->nopen + 1, sizeof(*d->open));
	d->open[d->nopen++] = i;
	d->last_text = 0;
	if (tag == DOM_STYLE || tag == DOM_SCRIPT) {
		d->raw = i;
		d->raw_keep = tag == DOM_SCRIPT ? (dom_attr_is(d, i, DA_TYPE,
		    "application/ld+json") ? RAW_KEEP : RAW_SNIFF) : RAW_DROP;
	}
}

static void
sax_end(void *ctx, const xmlChar *name)
{
	struct dom *d = ctx;
	uint32_t i;

	if (d->nopen == 0)
		return;
	i = d->open[--d->nopen];
	d->node[i].end = (uint32_t)d->nnode;
	d->last_text = 0;
	if (i == d->raw)
		d->raw = 0;
}

/*
 * Is this the start of JSON-LD?  Some pages leave out the type of the
 * <script> that holds it.
 */
static bool
looks_jsonld(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	if (n == 0 || (*s != '{' && *s != '['))
		return false;
	return memmem(s, n < 200 ? n : 200, "\"@context\"", 10) != NULL;
}

/*
 * Append text s[0..n) to b, each C1 control (U+0080..U+009F) as the
 * windows-1252 character of its number; return the bytes appended.  The
 * HTML standard reads "&#146;" as U+2019, as browsers show it (pages
 * written in windows-1252 wrote their quotes and dashes so); libxml2 gives
 * U+0092, a control that no reader sees, and "don&#146;t" would not read
 * as "don't".  A C1 control written as itself is the same mistake.
 */
static size_t
add_c1(struct buf *b, const char *s, size_t n)
{
	const char *c;
	size_t start = b->len;

	while ((c = memchr(s, 0xC2, n)) != NULL && (size_t)(c - s) + 1 < n) {
		buf_add(b, s, (size_t)(c - s) + 1);
		n -= (size_t)(c - s) + 1;
		s = c + 1;
		if ((unsigned char)s[0] >= 0x80 && (unsigned char)s[0] < 0xA0) {
			b->len--;
			utf8_from_cp1252(b, s, 1);
			s++;
			n--;
		}
	}
	buf_add(b, s, n);
	return b->len - start;
}

static void
sax_text(void *ctx, const xmlChar *s, int len)
{
	struct dom *d = ctx;
	uint32_t i;

	if (len <= 0)
		return;
	if (d->raw != 0) {
		if (d->raw_keep == RAW_SNIFF)
			d->raw_keep = looks_jsonld((const char *)s,
			    (size_t)len) ? RAW_KEEP : RAW_DROP;
		if (d->raw_keep == RAW_DROP)
			return;
	}
	if (d->last_text == 0) {
		i = new_node(d, DOM_TEXT);
		d->node[i].off = (uint32_t)d->text.len;
		d->node[i].len = 0;
		d->last_text = i;
	}
	d->node[d->last_text].len += (uint32_t)add_c1(&d->text,
	    (const char *)s, (size_t)len);
}

static void
sax_quiet(void *ctx, const char *msg, ...)
{
}

static void
quiet_structured(void *ctx, xmlErrorPtr e)
{
}

/*
 * Push html[0..n) to the parser; with last, it is the end of the page.
 * Given with the last piece, the end spares the parser its look-ahead
 * (htmlParseLookupSequence, a scan of every text and tag for its end
 * before it is parsed), which only decides whether to wait for more.
 */
static void
push(htmlParserCtxtPtr ctxt, const char *html, size_t n, bool last)
{
	size_t i = 0;
	int chunk;

	/* htmlParseChunk takes an int: feed big pages in pieces. */
	do {
		chunk = n - i > (1 << 30) ? 1 << 30 : (int)(n - i);
		htmlParseChunk(ctxt, html + i, chunk, last &&
		    i + (size_t)chunk == n);
		i += (size_t)chunk;
	} while (i < n);
}

static bool
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A character of a tag or attribute name to libxml2 (htmlParseHTMLName). */
static bool
name_char(int c)
{
	return letter(c) || (c >= '0' && c <= '9') || c == ':' || c == '-' ||
	    c == '_' || c == '.';
}

/*
 * The next "<script" or "<style" (any case, a whole name) in s[i..n): its
 * offset, or n; *name is the element's name.
 */
static size_t
next_raw(const char *s, size_t i, size_t n, const char **name)
{
	const char *p;
	size_t k;

	for (; (p = memchr(s + i, '<', n - i)) != NULL; i = k + 1) {
		k = (size_t)(p - s);
		if (n - k >= 7 && strncasecmp(p + 1, "script", 6) == 0 &&
		    (n - k == 7 || !name_char(p[7]))) {
			*name = "script";
			return k;
		}
		if (n - k >= 6 && strncasecmp(p + 1, "style", 5) == 0 &&
		    (n - k == 6 || !name_char(p[6]))) {
			*name = "style";
			return k;
		}
	}
	return n;
}

/*
 * Does the start tag s[0..n), from its '<' to just before a '>', end at
 * that '>' for libxml2's parser and for its look-ahead alike?  The
 * look-ahead (htmlParseLookupSequence) skips any quoted run, the parser
 * only a value quoted after '='; they agree on a tag made of the name and
 * attributes, each a name of up to 99 characters with an optional value
 * quoted whole or unquoted without quotes, and a '/' at its end.
 */
static bool
plain_tag(const char *s, size_t n)
{
	const char *e;
	size_t i = 1, k;

	while (i < n && name_char(s[i]))
		i++;
	for (;;) {
		while (i < n && blank(s[i]))
			i++;
		if (i == n || (s[i] == '/' && i + 1 == n))
			return true;
		if (!letter(s[i]) && s[i] != '_' && s[i] != ':' && s[i] != '.')
			return false;
		for (k = i; i < n && name_char(s[i]); i++)
			;
		if (i - k >= 100)
			return false;
		while (i < n && blank(s[i]))
			i++;
		if (i == n || s[i] != '=')
			continue;
		for (i++; i < n && blank(s[i]); i++)
			;
		if (i < n && (s[i] == '"' || s[i] == '\'')) {
			if ((e = memchr(s + i + 1, s[i], n - i - 1)) == NULL)
				return false;
			i = (size_t)(e - s) + 1;
			continue;
		}
		for (k = i; i < n && !blank(s[i]) && s[i] != '"' &&
		    s[i] != '\''; i++)
			;
		if (i == k || (i < n && !blank(s[i])))
			return false;
	}
}

/*
 * The end of the content of a <script> or <style> that begins at s[i]:
 * where the parser ends it (htmlParseScript, recovering), at the first
 * "</" followed by the element's name in any case; n when none.
 */
static size_t
raw_end(const char *s, size_t i, size_t n, const char *name)
{
	const char *p;
	size_t k, len = strlen(name);

	for (; (p = memchr(s + i, '<', n - i)) != NULL; i = k + 1) {
		k = (size_t)(p - s);
		if (n - k >= len + 2 && p[1] == '/' &&
		    strncasecmp(p + 2, name, len) == 0)
			return k;
	}
	return n;
}

/*
 * Would sax_text drop the content s[0..n) of the raw element just opened?
 * A <script> without a type is sniffed on the parser's first piece of its
 * text (up to 1000 bytes): white space then a printable character other
 * than '{' or '[' is not JSON-LD whatever follows, nor is white space
 * alone.
 */
static bool
raw_dropped(const struct dom *d, const char *s, size_t n)
{
	size_t i = 0;

	if (d->raw_keep != RAW_SNIFF)
		return d->raw_keep == RAW_DROP;
	while (i < n && blank(s[i]))
		i++;
	return i == n || (s[i] > ' ' && s[i] < 0x7f && s[i] != '{' &&
	    s[i] != '[');
}

/* Is the parser waiting for the end of a comment, outside any raw text? */
static bool
in_comment(const struct dom *d, htmlParserCtxtPtr ctxt)
{
	const xmlChar *c = ctxt->input->cur;

	switch (ctxt->instate) {
	case XML_PARSER_CONTENT: case XML_PARSER_MISC: case XML_PARSER_PROLOG:
	case XML_PARSER_EPILOG:
		return d->raw == 0 && ctxt->input->end - c >= 4 &&
		    memcmp(c, "<!--", 4) == 0;
	default:
		return false;
	}
}

static htmlParserCtxtPtr
parser(struct dom *d, htmlSAXHandler *sax)
{
	static bool init;
	htmlParserCtxtPtr ctxt;

	if (!init) {
		make_slots();
		xmlInitParser();
		xmlSetGenericErrorFunc(NULL, sax_quiet);
		xmlSetStructuredErrorFunc(NULL, quiet_structured);
		init = true;
	}
	d->nnode = d->nattr = d->nopen = 0;
	d->skipped = 0;
	d->raw = 0;
	d->last_text = 0;
	buf_reset(&d->text);
	buf_reset(&d->str);
	new_node(d, DOM_ROOT);
	d->open = xroom(d->open, &d->capopen, 1, sizeof(*d->open));
	d->open[d->nopen++] = 0;

	memset(sax, 0, sizeof(*sax));
	sax->startElement = sax_start;
	sax->endElement = sax_end;
	sax->characters = sax_text;
	sax->cdataBlock = sax_text;
	sax->ignorableWhitespace = sax_text;
	sax->warning = sax_quiet;
	sax->error = sax_quiet;
	sax->fatalError = sax_quiet;
	ctxt = htmlCreatePushParserCtxt(sax, d, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		errx(1, "libxml2: cannot make an HTML parser");
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC |
	    XML_PARSE_HUGE);
	return ctxt;
}

/*
 * Push the page to the parser without the content of the <script> and
 * <style> elements whose text sax_text would drop: the parser reads that
 * content a character at a time (htmlParseScript), and on news pages it is
 * a third of the bytes or more.  The page goes in pieces: up to the '>'
 * of each "<script" or "<style", then that '>', then, when the parser is
 * seen to be in such an element's content, on from where it would end it.
 * The parser's tree does not depend on where its input is cut as long as
 * no construct is read before its end has come: so a piece ends before a
 * '>' only where the parser is seen waiting for it at that tag's '<' or
 * in a comment ("<!--[if lt IE 9]><script ..."), and the '>' is given
 * only to a tag whose end the parser and its look-ahead agree on
 * (plain_tag).  Returns false when the parser was found anywhere else (a
 * "<script" in an attribute value, a tag of odd syntax): the tree may
 * then differ, and the caller parses the page whole.
 */
static bool
parse_pieces(struct dom *d, htmlParserCtxtPtr ctxt, const char *html,
    size_t n)
{
	const char *name, *q;
	size_t pos = 0, from = 0, p, e, gt;

	while ((p = next_raw(html, from, n, &name)) < n) {
		if ((q = memchr(html + p, '>', n - p)) == NULL)
			break;
		gt = (size_t)(q - html);
		push(ctxt, html + pos, gt - pos, false);
		pos = from = gt;
		if (in_comment(d, ctxt)) {
			/*
			 * "<!-- <script ...": the parser waits for the
			 * comment's end, which it would miss were the piece
			 * to end in the "--" of a "-->" (its look-ahead
			 * does not look at that "--" again).
			 */
			if (html[gt - 1] == '-' || html[gt - 1] == '!')
				return false;
			continue;
		}
		if (ctxt->instate != XML_PARSER_START_TAG ||
		    (size_t)(ctxt->input->end - ctxt->input->cur) != gt - p ||
		    !plain_tag(html + p, gt - p))
			return false;
		push(ctxt, html + gt, 1, false);
		pos = from = gt + 1;
		if (ctxt->instate != XML_PARSER_CONTENT ||
		    ctxt->input->cur != ctxt->input->end)
			return false;
		if (d->raw == 0)
			continue;		/* <script/> */
		if (d->raw != d->open[d->nopen - 1] || ctxt->name == NULL ||
		    strcmp((const char *)ctxt->name, name) != 0)
			return false;
		e = raw_end(html, from, n, name);
		if (e > from && raw_dropped(d, html + from, e - from)) {
			/* as the first piece of text would have decided */
			d->raw_keep = RAW_DROP;
			d->skipped += e - from;
			pos = e;
		}
		from = e;
	}
	push(ctxt, html + pos, n - pos, true);
	return true;
}

/*
 * libxml2 (htmlParseStartTag) checks each attribute of a tag against every
 * one before it: a tag of 300,000 attributes took minutes.  No page needs
 * this many on one tag; those past it are left out.
 */
#define DOM_MAX_ATTRS	1000

/*
 * If a start tag of s[0..n) has more than DOM_MAX_ATTRS attributes, put
 * into out the page without the ones past that number, and return true.
 * The tags are read as the parser reads them (a name, blanks, attributes,
 * each a name with an optional value, quoted or unquoted, up to a '>'),
 * skipping comments and the text of <script> and <style>.
 */
static bool
thin_attrs(const char *s, size_t n, struct buf *out)
{
	const char *p, *raw;
	size_t i = 0, j, k, kept = 0, cut, nattr;

	while ((p = memchr(s + i, '<', n - i)) != NULL) {
		i = (size_t)(p - s) + 1;
		if (n - i >= 3 && memcmp(s + i, "!--", 3) == 0) {
			if ((p = memmem(s + i + 3, n - i - 3, "-->", 3)) == NULL)
				break;
			i = (size_t)(p - s) + 3;
			continue;
		}
		if (i == n || !letter(s[i]))
			continue;
		for (k = i; i < n && name_char(s[i]); i++)
			;
		raw = i - k == 6 && strncasecmp(s + k, "script", 6) == 0 ?
		    "script" : i - k == 5 && strncasecmp(s + k, "style", 5) == 0 ?
		    "style" : NULL;
		for (nattr = cut = 0;;) {
			while (i < n && (blank(s[i]) || s[i] == '/'))
				i++;
			if (i == n || s[i] == '>')
				break;
			if (++nattr == DOM_MAX_ATTRS + 1)
				cut = i;
			while (i < n && !blank(s[i]) && s[i] != '>' &&
			    s[i] != '=')
				i++;
			for (j = i; j < n && blank(s[j]); j++)
				;
			if (j == n || s[j] != '=')
				continue;
			for (i = j + 1; i < n && blank(s[i]); i++)
				;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				p = memchr(s + i + 1, s[i], n - i - 1);
				i = p != NULL ? (size_t)(p - s) + 1 : n;
			} else
				while (i < n && !blank(s[i]) && s[i] != '>')
					i++;
		}
		if (cut > 0) {
			buf_add(out, s + kept, cut - kept);
			kept = i;
		}
		if (raw != NULL && i < n)
			i = raw_end(s, i, n, raw);
		if (i == n)
			break;
	}
	if (kept == 0)
		return false;
	buf_add(out, s + kept, n - kept);
	return true;
}

void
dom_parse(struct dom *d, const char *html, size_t n)
{
	htmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	struct buf thin = BUF_INIT;
	size_t i;

	if (thin_attrs(html, n, &thin)) {
		html = thin.s;
		n = thin.len;
	}
	ctxt = parser(d, &sax);
	if (d->one_piece || !parse_pieces(d, ctxt, html, n)) {
		htmlFreeParserCtxt(ctxt);
		ctxt = parser(d, &sax);
		push(ctxt, html, n, true);
	}
	htmlFreeParserCtxt(ctxt);
	/* Close whatever the parser left open (it should leave nothing). */
	while (d->nopen > 0) {
		i = d->open[--d->nopen];
		d->node[i].end = (uint32_t)d->nnode;
	}
	buf_free(&thin);
}

const char *
dom_attr(const struct dom *d, size_t i, enum dom_attr_name a, size_t *len)
{
	const struct dom_node *n = &d->node[i];
	uint32_t k;

	*len = 0;
	if (n->tag == DOM_TEXT || n->tag == DOM_ROOT)
		return NULL;
	for (k = n->off; k < n->off + n->len; k++)
		if (d->attr[k].name == (uint32_t)a) {
			*len = d->attr[k].len;
			return d->str.s + d->attr[k].off;
		}
	return NULL;
}

bool
dom_has_attr(const struct dom *d, size_t i, enum dom_attr_name a)
{
	size_t len;

	return dom_attr(d, i, a, &len) != NULL;
}

bool
dom_attr_is(const struct dom *d, size_t i, enum dom_attr_name a,
    const char *s)
{
	const char *v;
	size_t len;

	return (v = dom_attr(d, i, a, &len)) != NULL && dom_value_is(v, len, s);
}

bool
dom_value_is(const char *v, size_t len, const char *s)
{
	/* Values are compared as written, but for surrounding spaces. */
	while (len > 0 && (*v == ' ' || *v == '\t' || *v == '\n'))
		v++, len--;
	while (len > 0 && (v[len - 1] == ' ' || v[len - 1] == '\t' ||
	    v[len - 1] == '\n'))
		len--;
	return len == strlen(s) && strncasecmp(v, s, len) == 0;
}

/* Elements whose text is never page text. */
static bool
hidden_tag(enum dom_tag t)
{
	switch (t) {
	case DOM_SCRIPT: case DOM_STYLE: case DOM_NOSCRIPT:
	case DOM_TEMPLATE: case DOM_SVG: case DOM_MATH: case DOM_SELECT:
	case DOM_TEXTAREA: case DOM_BUTTON: case DOM_IFRAME:
	case DOM_OBJECT:
		return true;
	default:
		return false;
	}
}

/* dom_text, and with all dom_text_all: only <script> and <style> skipped. */
static void
subtree_text(const struct dom *d, size_t i, bool all, struct buf *out)
{
	const struct dom_node *n;
	size_t j, end;

	end = d->node[i].end;
	for (j = i; j < end; j++) {
		n = &d->node[j];
		if (n->tag == DOM_TEXT)
			buf_add(out, d->text.s + n->off, n->len);
		else if (j > i && (all ? n->tag == DOM_SCRIPT || n->tag ==
		    DOM_STYLE : hidden_tag(n->tag)))
			j = n->end - 1;
		else if ((n->tag == DOM_BR || (j > i && (n->tag == DOM_P ||
		    n->tag == DOM_DIV || n->tag == DOM_LI))) && out->len > 0 &&
		    out->s[out->len - 1] != ' ')
			buf_addc(out, ' ');
	}
}

void
dom_text(const struct dom *d, size_t i, struct buf *out)
{
	subtree_text(d, i, false, out);
}

void
dom_text_all(const struct dom *d, size_t i, struct buf *out)
{
	subtree_text(d, i, true, out);
}

static bool
space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

bool
dom_same_text(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < an && space(a[i]))
			i++;
		while (j < bn && space(b[j]))
			j++;
		if (i == an || j == bn)
			return i == an && j == bn;
		if (lower(a[i]) != lower(b[j]))
			return false;
		i++, j++;
	}
}

void
dom_describe(const struct dom *d, size_t i, struct buf *out)
{
	const char *v;
	size_t k, n, len;
	int a;

	if (i == 0 || d->node[i].tag == DOM_ROOT) {
		buf_adds(out, "body");
		return;
	}
	for (k = 0; k < NELEM(tags) && (tags[k].tag != d->node[i].tag ||
	    tags[k].tag == DOM_PHRASE); k++)
		;
	buf_adds(out, k < NELEM(tags) ? tags[k].name : "*");
	/* "#" the id (its first word), "." each class */
	for (a = 0; a < 2; a++) {
		if ((v = dom_attr(d, i, a == 0 ? DA_ID : DA_CLASS, &len)) ==
		    NULL)
			continue;
		for (k = 0; k < len; k = n) {
			for (; k < len && space((unsigned char)v[k]); k++)
				;
			for (n = k; n < len && !space((unsigned char)v[n]); n++)
				;
			if (n > k) {
				buf_addc(out, a == 0 ? '#' : '.');
				buf_add(out, v + k, n - k);
				if (a == 0)
					break;
			}
		}
	}
}
