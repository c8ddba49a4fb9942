/*
 * title.h - a title's trailing site name ("Mayor resigns | The Daily
 * Planet"), which a scraped <title> carries and a headline does not.
 */
#ifndef ARTKIT_TITLE_H
#define ARTKIT_TITLE_H

#include <stddef.h>

/*
 * The length of the title s (n bytes, one line) without its trailing site
 * name, or n when it has none.
 */
size_t	title_site(const char *s, size_t n);

#endif
