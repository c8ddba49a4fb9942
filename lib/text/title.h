/*
 * title.h - a title's trailing site name ("Mayor resigns | The Daily
 * Planet"), which a scraped <title> carries and a headline does not:
 * artclean's title step (clean.h).
 *
 * After the last separator (" | ", " :: ", " · ", or a dash between
 * blanks), the tail is the site's name only when it says so: it is a
 * domain name ("dailyplanet.com"), or it names the record's source (the
 * same letters and digits as the source's name, or as the first label of
 * the source's host, a leading "The" aside).  Any other tail stays: a
 * score ("Man United 2 - 1 Chelsea"), a second name ("Bill Clinton |
 * Hillary Clinton"), a clause.
 */
#ifndef ARTKIT_TITLE_H
#define ARTKIT_TITLE_H

#include <stddef.h>

/*
 * The length of the title s (n bytes, one line) without its trailing site
 * name, or n when it has none.  source (NULL: none) is the record's.
 */
size_t	title_site(const char *s, size_t n, const char *source);

#endif
