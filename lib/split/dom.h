/*
 * dom.h - an HTML page as a compact tree, for finding its article and its
 * metadata (extract.h, webmeta.h).
 *
 * libxml2's HTML parser reads the page (see INSTALL for why that parser:
 * it is three times gumbo's speed, linear on pathological nesting, and
 * its SAX interface lets us keep only what we use).  Its events build a
 * flat array of nodes in document order, so a subtree is a range of
 * indices: node i's descendants are i+1 .. end-1, its children are found
 * by jumping from one child's end to the next, and a pass from the last
 * node to the first visits every child before its parent.  Nothing here
 * or in its users recurses, so a page nested 100,000 deep costs what a
 * flat one of the same size costs.
 *
 * Only what the readers use is kept: element names as an enum, a short
 * list of attributes (class, id, role, itemprop, href, content, ...),
 * and text (where a C1 control, U+0080..U+009F, is read as the HTML
 * standard reads "&#146;": the windows-1252 character of its number,
 * U+2019).  The content of <style> and of <script> (but for JSON-LD,
 * with its type or, as some pages have it, without) is dropped while
 * parsing; most of it is never given to the parser at all, which would
 * read it a character at a time (dom.c says how the tree stays the same).
 */
#ifndef ARTKIT_DOM_H
#define ARTKIT_DOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

/* Element names the readers tell apart; anything else is DOM_OTHER. */
enum dom_tag {
	DOM_ROOT, DOM_TEXT, DOM_OTHER,
	DOM_A, DOM_ADDRESS, DOM_ARTICLE, DOM_ASIDE, DOM_AUDIO, DOM_B,
	DOM_BASE, DOM_BLOCKQUOTE, DOM_BODY, DOM_BR, DOM_BUTTON, DOM_CANVAS,
	DOM_CAPTION, DOM_CENTER, DOM_CITE, DOM_CODE, DOM_DD, DOM_DEL,
	DOM_DETAILS, DOM_DIALOG, DOM_DIV, DOM_DL, DOM_DT, DOM_EM,
	DOM_EMBED, DOM_FIELDSET, DOM_FIGCAPTION, DOM_FIGURE, DOM_FONT,
	DOM_FOOTER, DOM_FORM, DOM_FRAME, DOM_FRAMESET, DOM_H1, DOM_H2,
	DOM_H3, DOM_H4, DOM_H5, DOM_H6, DOM_HEAD, DOM_HEADER, DOM_HGROUP,
	DOM_HR, DOM_HTML, DOM_I, DOM_IFRAME, DOM_IMG, DOM_INPUT, DOM_INS,
	DOM_LABEL, DOM_LEGEND, DOM_LI, DOM_LINK, DOM_MAIN, DOM_MAP,
	DOM_MARK, DOM_MATH, DOM_MENU, DOM_META, DOM_NAV, DOM_NOFRAMES,
	DOM_NOSCRIPT, DOM_OBJECT, DOM_OL, DOM_OPTION, DOM_P, DOM_PICTURE,
	DOM_PRE, DOM_Q, DOM_S, DOM_SCRIPT, DOM_SECTION, DOM_SELECT,
	DOM_SMALL, DOM_SPAN, DOM_STRONG, DOM_STYLE, DOM_SUB, DOM_SUMMARY,
	DOM_SUP, DOM_SVG, DOM_TABLE, DOM_TBODY, DOM_TD, DOM_TEMPLATE,
	DOM_TEXTAREA, DOM_TFOOT, DOM_TH, DOM_THEAD, DOM_TIME, DOM_TITLE,
	DOM_TR, DOM_U, DOM_UL, DOM_VIDEO,
	DOM_PHRASE,	/* any other element of a sentence's words (abbr,
			   kbd, tt, var, wbr, ...): inline, as b and span */
	DOM_NTAGS
};

/* Attributes kept (any other is dropped while parsing). */
enum dom_attr_name {
	DA_CLASS, DA_ID, DA_ROLE, DA_ITEMPROP, DA_ITEMTYPE, DA_HREF, DA_REL,
	DA_NAME, DA_PROPERTY, DA_CONTENT, DA_DATETIME, DA_LANG, DA_TYPE,
	DA_CHARSET, DA_HTTP_EQUIV, DA_HIDDEN, DA_ARIA_HIDDEN, DA_STYLE,
	DA_PUBDATE, DA_ITEMSCOPE,
	DOM_NATTRS
};

struct dom_node {
	uint32_t	 parent;	/* index of the parent; 0 for the root */
	uint32_t	 end;		/* one past the last descendant */
	uint32_t	 off, len;	/* text: bytes in dom.text; element:
					   its attributes in dom.attr */
	uint16_t	 tag;		/* enum dom_tag */
	uint16_t	 depth;		/* capped at 65535 */
};

struct dom_attr {
	uint32_t	 name;		/* enum dom_attr_name */
	uint32_t	 off, len;	/* the value, in dom.str */
};

struct dom {
	struct dom_node	*node;		/* node[0] is the root (DOM_ROOT) */
	size_t		 nnode;
	struct dom_attr	*attr;
	size_t		 nattr;
	struct buf	 text;		/* text nodes' bytes (valid UTF-8) */
	struct buf	 str;		/* attribute values */
	size_t		 skipped;	/* bytes of <script> and <style> text
					   never given to the parser (dom.c) */
	bool		 one_piece;	/* the page to the parser whole: the
					   reference the tests hold the
					   pieces to */

	/* private: the parse */
	size_t		 capnode, capattr;
	uint32_t	*open;		/* open elements, root first */
	size_t		 nopen, capopen;
	uint32_t	 raw;		/* the <script> or <style> open, or 0 */
	enum { RAW_DROP, RAW_KEEP, RAW_SNIFF } raw_keep; /* its text */
	uint32_t	 last_text;	/* the text node text may extend, or 0 */
};

/* A new empty tree; dom_parse() fills it, dom_free() frees it. */
void	dom_init(struct dom *);
void	dom_free(struct dom *);

/*
 * Parse a page (valid UTF-8 without NUL bytes: see charset.h) into d,
 * replacing what it held.  Never fails: any bytes make some tree.
 */
void	dom_parse(struct dom *d, const char *html, size_t n);

/* The value of attribute a of element i, or NULL (then *len is 0). */
const char *dom_attr(const struct dom *, size_t i, enum dom_attr_name a,
	    size_t *len);
/* Whether element i has attribute a. */
bool	dom_has_attr(const struct dom *, size_t i, enum dom_attr_name a);
/*
 * Whether attribute a of element i equals s, ignoring ASCII case (and
 * spaces around the value); dom_value_is, of a value v of len bytes.
 */
bool	dom_attr_is(const struct dom *, size_t i, enum dom_attr_name a,
	    const char *s);
bool	dom_value_is(const char *v, size_t len, const char *s);

/*
 * Append the text of the subtree at i (text nodes, in order, nothing
 * between them) to out, skipping <script>, <style> and their like.
 */
void	dom_text(const struct dom *, size_t i, struct buf *out);
/*
 * The same with the text of every element but <script> and <style>: of
 * buttons, form controls, <noscript>, <template>, <svg> too (what
 * artsplit --explain says was left out).
 */
void	dom_text_all(const struct dom *, size_t i, struct buf *out);

/*
 * Whether a and b say the same, ignoring white space and the case of
 * ASCII letters (a heading against a title from a <meta>).
 */
bool	dom_same_text(const char *a, size_t an, const char *b, size_t bn);

/*
 * Append a name of node i for a reader (artsplit --explain), as a CSS
 * selector writes it: its tag, "#" and its id, "." and each of its
 * classes ("div#lead.teaser.top"); "*" for a tag not told apart, "body"
 * for the root (the page as a whole).
 */
void	dom_describe(const struct dom *, size_t i, struct buf *out);

#endif
