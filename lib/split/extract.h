/*
 * extract.h - the main content of a web page: which part of its tree is
 * the article, and that part as text.
 *
 * Furniture goes first: elements that are never content (script, style,
 * noscript, template, iframe, form controls, svg, nav, aside but a pull
 * quote or a fact box inside an <article> (a list, a table or terms, two
 * items or more, no link, no form), the page's own header and footer),
 * hidden ones (hidden, aria-hidden, display: none), and those whose
 * class, id or role name furniture (navigation,
 * menu, share, social, related, recommended, comments, newsletter,
 * subscribe, cookie, consent, promo, advert, byline, ...: see extract.c
 * for the list and how a word is matched; "subscriber-only" is a story's
 * paid part when it holds prose, and a blog's jump break, id "more" or
 * "more-123", is the story).  Then every paragraph-like
 * element scores for its ancestors (its length, commas, sentence ends),
 * weighed by the candidate's tag, its class (article, content, story, ...
 * for; the furniture words against) and its link density; <article>,
 * <main> and itemprop=articleBody are hints that add to a score, not
 * answers (a table cell of <br><br> paragraphs, a layout's, is their box;
 * text that <br><br> sets apart into three paragraphs or more, a story
 * without <p>, scores as those paragraphs, not as one, those of short
 * lines alone (an address) or mostly links nothing).
 * The best candidate wins (where it lies away from the headline, looked
 * for before furniture by class goes, the best under the headline if it
 * scores half as much).  With it go those of its siblings that are
 * article text too (a fifth of its score, its class, a class name of it,
 * or after it one carried on ("article-body-end"), a paragraph, and
 * after it a box of nothing but paragraphs, two, or one under a
 * sub-heading or in unnamed boxes, a list's points that are sentences
 * with no link counting as paragraphs: a story cut into boxes by an advert
 * or a sub-heading; never another <article> beside the <article> that
 * holds the headline), after the standfirst found between the headline
 * and the winner (at most three boxes, all of each).  Up to two levels
 * above the winner's parent, the boxes after it (and before it, when no
 * standfirst was found) that hold two paragraphs of prose, or one in the
 * slot of the winner's own tag and class (a grid's rows), are the story
 * going on (trafilatura's recall); not one with an <h1>, an <article> or
 * a box named as furniture, and none after comments, share or
 * newsletter boxes, or 50 characters of anything else.  A paragraph alone
 * in a box with a linked heading (a card: another story's headline over
 * its summary; not an <h1>, not a link to "#...") does not score: a
 * sidebar of cards outscores a story told in one-line sentences (unless
 * no article of 150 characters is left without the cards).  Where
 * the box found is a stub and a <noscript> or a <template> holds two
 * paragraphs or more, 500 characters and over twice the stub's text,
 * those boxes are read too and the article found again (a lazy
 * loader's fallback).  Boxes hidden by attribute or style are not read
 * so: that cost article text on real pages (a hidden box of paragraphs
 * is as often a menu's or a modal's).  (The JSON-LD articleBody of a
 * script-set page is webmeta.h's: webmeta_body.)  A framework's own
 * state is not read (Next.js's <script id=__NEXT_DATA__
 * type=application/json>, Nuxt's window.__NUXT__): it is not general
 * enough.  Its shape is each site's, with no field that says "the
 * article" (the one web dev page with it keeps its story, as HTML, under
 * "paginatedHtmlPage"; a CMS's rich text is often an array of blocks,
 * not one string), so only a guess such as "the longest string of prose"
 * could find the story, and nothing tells that from a related story or a
 * page's other tab; the frameworks render the page on the server from
 * that same state, so its story is in the tree already (on the four dev
 * pages with either, the tree's text is the whole story); Nuxt 2 writes
 * its state as a script (a function of minified arguments), not JSON.
 * A stub whose story is left in the state is a paywall that leaks it:
 * where that page has JSON-LD, webmeta_body takes its articleBody.  A
 * page with no candidate (no paragraph of 25 characters) falls back to
 * the text of its <main> or <body> less the furniture.
 *
 * The text: paragraphs, headings, list items, table rows (cells separated
 * by a tab), block quotes and preformatted text (its line breaks kept, a
 * blank line ending a block), each a block of its own,
 * in reading order, "\n\n" between blocks; a <br> is "\n" inside a
 * block, two in a row end it (Readability's rule: pages without <p>; a
 * line of no-break spaces between them is none);
 * other white space is collapsed.  Blocks mostly made of links
 * (menus, lists of related stories) and the headline itself (the title
 * the caller found) are left out, but not a block of links with a
 * sentence of its own (a digest: "<li><a>Headline</a>. What happened.")
 * nor a paragraph that is a sentence with links in it ("<a>Ann</a> has
 * left <a>the band</a>.", "It was welcomed by the <a>Traders'
 * Association.</a>"), nor a sub-heading that links to itself
 * (<h2 id=x><a href=#x>), nor a list whose points have words besides
 * their links, announced by a paragraph of 25 characters or more ending
 * in a colon ("three firms sent in plans:" over "<a>Stahlbau Nord</a>,
 * of Kiel"; not after "Read more:").
 * Pictures' captions (<figcaption>, a class that says caption; those of
 * the lead picture between headline and article, with the title or
 * credit in its box) are not the article's prose: they go to a text of
 * their own, in the same form; credits that are not marked as captions
 * stay blocks of the text, never merged into prose, for artclean to
 * judge.
 */
#ifndef ARTKIT_EXTRACT_H
#define ARTKIT_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "split/dom.h"

struct extract;

/*
 * An extractor, reused page after page (its arrays keep their memory);
 * never NULL (the x allocators exit).  extract_free takes NULL.
 */
struct extract *extract_new(void);
void	extract_free(struct extract *);

/*
 * Append the article text of d to out, and the captions of its pictures
 * to caps (NULL: captions are left out).  title (tlen bytes; NULL when
 * none) is the headline found for the page: a heading inside the article
 * that says the same is left out of the text.  Returns the index of the
 * node chosen as the article's container (0, the root, when the page fell
 * back to its whole body).
 */
size_t	extract_text(struct extract *, const struct dom *d, const char *title,
	    size_t tlen, struct buf *out, struct buf *caps);

/*
 * From now on (why not NULL; NULL stops it), extract_text appends to why
 * what it left out in and beside the article, for artsplit --explain:
 * JSON objects {"text": ..., "rule": ...}, each after a comma unless why
 * is empty or ends in '[' (the caller opens and closes the array).  The
 * rules: "extract.class" (furniture by class, id, role or
 * itemprop), "extract.tag" (nav, aside, menu, the page's header and
 * footer), "extract.hidden", "extract.links" (a block mostly links) and
 * "extract.sibling" (a box beside the article's container that did not
 * read as its text), and for elements that are never content by their
 * tag "extract.control" (a form's buttons, fields, labels),
 * "extract.noscript" (<noscript>, <template>) and "extract.embed" (the
 * fallback text of a video, an object, a frame, an <svg>); a note's text
 * is all of its words (dom_text_all).  Every word of the container is in
 * the text, the captions, the title's heading or a note: what is not
 * there was never in the container (script and style are not named).
 */
void	extract_explain(struct extract *, struct buf *why);

#endif
