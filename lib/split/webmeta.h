/*
 * webmeta.h - a web page's metadata, from its tree (dom.h): url, date,
 * title, byline, source and language.
 *
 * Where each comes from, first found wins:
 *   url     the address the page was fetched from (a WARC's target), else
 *           its <link rel=canonical>, else og:url (absolute http(s) only);
 *   date    the publication date, ISO 8601: JSON-LD datePublished (of an
 *           Article-like object first), then <meta> article:published_time
 *           and its like (og:, itemprop=datePublished, DC and Dublin Core
 *           terms, parsely-pub-date, sailthru.date, pubdate, date ...),
 *           then a <time> marked as the publication (itemprop, pubdate, a
 *           "published" class) or else the first <time datetime>, then a
 *           date in the URL's path (/2021/04/22/, 2021-04-22, 20210422),
 *           then a date written near the headline, then in an element
 *           whose class says "date" (in English, German, French,
 *           Spanish, Italian, Dutch, Portuguese, or as 22.04.2021); a UTC
 *           time within six hours of midnight gives way to the day the
 *           page shows near its headline when that is one day off;
 *   title   the headline as the page shows it: the <h1> that og:title,
 *           the JSON-LD headline or <title> say (whole, less the site's
 *           name, less a kicker and the colon after it, less a date or
 *           section line set in it under the headline, or as a part
 *           between separators), else
 *           the <h1> sharing most of their words, else the page's only
 *           <h1> or two (not a logo's), else og:title, JSON-LD headline,
 *           <title> (each less a site name after " | ", " - ", ...,
 *           or before it: an og:site_name that is a host, "www.bote.de",
 *           is "BOTE" there); soft hyphens dropped;
 *   byline  JSON-LD author names, <meta name=author> and its like, an
 *           element with itemprop=author, rel=author or a byline class
 *           ("By " and its like taken off);
 *   source  og:site_name, JSON-LD publisher, application-name, else the
 *           URL's host without "www.";
 *   lang    <html lang>, Content-Language, og:locale: the primary
 *           language subtag in lower case ("de" for "de-DE").
 * Every value is valid UTF-8 with its white space collapsed; a field not
 * found is left empty.
 */
#ifndef ARTKIT_WEBMETA_H
#define ARTKIT_WEBMETA_H

#include "base/buf.h"
#include "split/dom.h"
#include "split/jsonld.h"

struct webmeta {
	struct buf	 url, date, title, byline, source, lang;
	/*
	 * What webmeta_body measured (for --explain): the letters of the
	 * DOM's text and of the articleBody (bytes other than white space,
	 * its tags dropped); 0 and 0 when it had no articleBody to weigh.
	 */
	size_t		 text_letters, body_letters;

	/* private: candidates while reading a page */
	struct buf	 og_title, ld_title, doc_title, site, tmp, tmp2;
	struct buf	 body;		/* the JSON-LD articleBody, as written */
	size_t		 nbody;		/* articles in the JSON-LD with one */
	struct jsonld	 ld;
	size_t		*h1;
	size_t		 nh1, caph1;
	size_t		 title_node;	/* the <h1> the title is from, or 0 */
};

/* Start m empty; webmeta_free releases what m holds and leaves it empty. */
void	webmeta_init(struct webmeta *);
void	webmeta_free(struct webmeta *);

/*
 * Read the metadata of page d into m (replacing what it held).  url is
 * where the page came from (NULL when not known: then only the page's own
 * links give one).
 */
void	webmeta_read(struct webmeta *m, const struct dom *d, const char *url);

/*
 * When no date was found: a date written near node (the article's
 * container, found after the metadata: see extract.h), in the text just
 * before it or at its start.
 */
void	webmeta_date_near(struct webmeta *m, const struct dom *d, size_t node);

/*
 * A page set by a script (the DOM holds a teaser, a stub or a "read more"
 * link; the story is in the JSON-LD) gives its text in the articleBody of
 * its Article: when text (the article found in the DOM) has under half
 * as many letters as that articleBody, and the articleBody has 500 or
 * more (and no other Article of the page has one: a list of stories),
 * text is replaced by the articleBody, a block for each of its lines
 * (its tags dropped, a block's ending a line, and its entities decoded, as
 * artclean's html step does: html_clean), and true is
 * returned.  Never when the DOM's box holds the story: then the DOM's
 * text, with its headings, lists and captions apart, stands.  Either way
 * m->text_letters and m->body_letters say what was weighed.
 */
bool	webmeta_body(struct webmeta *m, struct buf *text);

/*
 * The date in the path of url (/2021/04/22/, /2021-04-22, 20210422), as
 * "YYYY-MM-DD" appended to iso; false when there is none.  Exposed for
 * the tests.
 */
bool	webmeta_url_date(const char *url, size_t n, struct buf *iso);

/*
 * Take a site name off a title: "Headline | Site" -> "Headline" (site is
 * the site's name when known, NULL otherwise).  Writes the result to out.
 */
void	webmeta_strip_site(const char *title, size_t n, const char *site,
	    size_t sn, struct buf *out);

#endif
