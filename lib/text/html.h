/*
 * html.h - turn scraped HTML remnants into plain text: step 1 of artclean.
 *
 * News text exported from CMSs and scrapers carries entities ("&rsquo;",
 * "&#8217;", "&#x2019;") and stray markup ("<p>", "<br/>", "<script>...").
 * html_clean() decodes the one and strips the other in a single pass, so an
 * entity never turns into a tag ("&lt;p&gt;" stays the text "<p>").  It is
 * deliberately conservative: only known HTML element names are tags and only
 * known entity names (or well-formed numeric references, ';' required) are
 * entities, so "a < b", "x<y", "<3" and "AT&T" come through untouched.
 * And tags are stripped only from text that is markup (html_markup):
 * newswire writes company names and tickers in angle brackets ("<Video
 * Shopping Mall Inc>", "DU PONT CO <DD> LAUNCHES"), and "video" and "dd"
 * are element names.
 */
#ifndef ARTKIT_HTML_H
#define ARTKIT_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

#define HTML_ENTITIES	0x1	/* decode named, decimal and hex references */
#define HTML_TAGS	0x2	/* strip tags, block tags becoming breaks */

/*
 * True when s (n bytes) holds a byte html_clean() could act on ('&' or
 * '<'); a caller may skip the step otherwise.
 */
bool	html_maybe(const char *s, size_t n);

/*
 * Is s (n bytes) markup: does it hold a closing tag of a known element, a
 * tag with an attribute (name=...) or that closes itself ("/>"), a
 * <script>, <style>, <noscript> or <template>, a whole comment, a
 * doctype, or three tags of known elements of any kind?  One tag alone
 * with words in it is a name in angle brackets.
 */
bool	html_markup(const char *s, size_t n);

/*
 * Append s (n bytes, any bytes) to out with entities decoded and/or tags
 * stripped as flags say, tags only when s is markup (html_markup).
 * Block-level tags (<p>, <div>, <h1>, ...) become a paragraph break "\n\n",
 * <br> and <li> a line break, the content of <script>, <style> and comments
 * is dropped.  Breaks may pile up; the whitespace step tidies them.  Never
 * fails.
 */
void	html_clean(const char *s, size_t n, struct buf *out, unsigned flags);

#endif
