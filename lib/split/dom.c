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
 */
#include <err.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "base/util.h"
#include "split/dom.h"

/* Sorted by name, for bsearch. */
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
};

/* Indexed by enum dom_attr_name. */
static const char *const attrnames[DOM_NATTRS] = {
	"class", "id", "role", "itemprop", "itemtype", "href", "rel", "name",
	"property", "content", "datetime", "lang", "type", "charset",
	"http-equiv", "hidden", "aria-hidden", "style", "pubdate", "itemscope"
};

static int
tagcmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct tagname *)e)->name);
}

static enum dom_tag
lookup_tag(const char *name)
{
	const struct tagname *t;

	t = bsearch(name, tags, NELEM(tags), sizeof(tags[0]), tagcmp);
	return t != NULL ? t->tag : DOM_OTHER;
}

/* Which attribute name this is, or -1 for one not kept. */
static int
lookup_attr(const char *name)
{
	size_t i;

	/* Most attributes on a page are none of these: test the first byte. */
	switch (name[0]) {
	case 'a': case 'c': case 'd': case 'h': case 'i': case 'l': case 'n':
	case 'p': case 'r': case 's': case 't':
		break;
	default:
		return -1;
	}
	for (i = 0; i < DOM_NATTRS; i++)
		if (strcmp(name, attrnames[i]) == 0)
			return (int)i;
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
	if (d->last_text != 0) {
		d->node[d->last_text].len += (uint32_t)len;
	} else {
		i = new_node(d, DOM_TEXT);
		d->node[i].off = (uint32_t)d->text.len;
		d->node[i].len = (uint32_t)len;
		d->last_text = i;
	}
	buf_add(&d->text, s, (size_t)len);
}

static void
sax_quiet(void *ctx, const char *msg, ...)
{
}

static void
quiet_structured(void *ctx, xmlErrorPtr e)
{
}

void
dom_parse(struct dom *d, const char *html, size_t n)
{
	static bool init;
	htmlSAXHandler sax;
	htmlParserCtxtPtr ctxt;
	size_t i;
	int chunk;

	if (!init) {
		xmlInitParser();
		xmlSetGenericErrorFunc(NULL, sax_quiet);
		xmlSetStructuredErrorFunc(NULL, quiet_structured);
		init = true;
	}
	d->nnode = d->nattr = d->nopen = 0;
	d->raw = 0;
	d->last_text = 0;
	buf_reset(&d->text);
	buf_reset(&d->str);
	new_node(d, DOM_ROOT);
	d->open = xroom(d->open, &d->capopen, 1, sizeof(*d->open));
	d->open[d->nopen++] = 0;

	memset(&sax, 0, sizeof(sax));
	sax.startElement = sax_start;
	sax.endElement = sax_end;
	sax.characters = sax_text;
	sax.cdataBlock = sax_text;
	sax.ignorableWhitespace = sax_text;
	sax.warning = sax_quiet;
	sax.error = sax_quiet;
	sax.fatalError = sax_quiet;
	ctxt = htmlCreatePushParserCtxt(&sax, d, NULL, 0, NULL,
	    XML_CHAR_ENCODING_UTF8);
	if (ctxt == NULL)
		errx(1, "libxml2: cannot make an HTML parser");
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC |
	    XML_PARSE_HUGE);
	/* htmlParseChunk takes an int: feed big pages in pieces. */
	for (i = 0; i < n; i += (size_t)chunk) {
		chunk = n - i > (1 << 30) ? 1 << 30 : (int)(n - i);
		htmlParseChunk(ctxt, html + i, chunk, 0);
	}
	htmlParseChunk(ctxt, NULL, 0, 1);
	htmlFreeParserCtxt(ctxt);
	/* Close whatever the parser left open (it should leave nothing). */
	while (d->nopen > 0) {
		i = d->open[--d->nopen];
		d->node[i].end = (uint32_t)d->nnode;
	}
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

	if ((v = dom_attr(d, i, a, &len)) == NULL)
		return false;
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

void
dom_text(const struct dom *d, size_t i, struct buf *out)
{
	const struct dom_node *n;
	size_t j, end;

	end = d->node[i].end;
	for (j = i; j < end; j++) {
		n = &d->node[j];
		if (n->tag == DOM_TEXT)
			buf_add(out, d->text.s + n->off, n->len);
		else if (hidden_tag(n->tag) && j > i)
			j = n->end - 1;
		else if ((n->tag == DOM_BR || (j > i && (n->tag == DOM_P ||
		    n->tag == DOM_DIV || n->tag == DOM_LI))) && out->len > 0 &&
		    out->s[out->len - 1] != ' ')
			buf_addc(out, ' ');
	}
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
