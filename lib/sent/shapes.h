/*
 * shapes.h - the shapes of tokens the sentence splitter recognises whole
 * (internal to lib/sent/): citation markers, emoticons, URLs and paths,
 * file names, multi-stop abbreviations, runs of digits, datelines,
 * separators.  Each looks at the
 * bytes of UTF-8 text t[0..n) and nothing else, so each can be tested on
 * its own; the splitter decides what a shape means for a boundary.
 */
#ifndef ARTKIT_SHAPES_H
#define ARTKIT_SHAPES_H

#include <stdbool.h>
#include <stddef.h>

/* The end of a citation marker at p ("[12]", "[1, 4]", "[2 - 5]"), or 0. */
size_t	shape_citation(const unsigned char *t, size_t p, size_t n);

/*
 * The end of an emoticon at p (":)" ":-(" ";)" ":P" ":))") when white
 * space or the end follows it, or 0.  What comes before is the caller's.
 */
size_t	shape_emoticon(const unsigned char *t, size_t p, size_t n);

/* Whether [b, e) looks like a URL, an e-mail address or a path. */
bool	shape_urlish(const unsigned char *t, size_t b, size_t e);

/*
 * Whether [b, e) is a file name: "minutes.doc", "Q3_prices.xls" (a domain
 * such as "example.com" has the same shape).
 */
bool	shape_filename(const unsigned char *t, size_t b, size_t e);

/* Whether [b, e) is a URL proper: "http://...", "www...." (not "and/or"). */
bool	shape_url(const unsigned char *t, size_t b, size_t e);

/* Whether [b, e) holds a scheme's "://" ("http://", "ftp://"). */
bool	shape_scheme(const unsigned char *t, size_t b, size_t e);

/* Whether [b, e) is parts of one or two letters joined by stops: "U.S". */
bool	shape_acronym(const unsigned char *t, size_t b, size_t e);

/* The end of n1 to n2 ASCII digits at i, or 0 when there are fewer. */
size_t	shape_digits(const unsigned char *t, size_t i, size_t n, int n1,
	    int n2);

/*
 * The end of a separator at p, standing apart (white space or the end after
 * it): a run of three or more of one of "-_*=~#" ("-----", "*****", also
 * around a word: "***NOTICE***"), or two hyphens ("--", a signature's);
 * 0 when there is none.
 */
size_t	shape_rule(const unsigned char *t, size_t p, size_t n);

/*
 * The end of a dateline at b, on the same line as a capitalised word after
 * it ("LONDON (Reuters) -", "Thursday, May 7, 2015"), or 0.
 */
size_t	shape_dateline(const unsigned char *t, size_t b, size_t n);

#endif
