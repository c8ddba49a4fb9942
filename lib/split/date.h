/*
 * date.h - recognise the date forms news files carry and write them as
 * ISO 8601.
 *
 * Accepted: 2021-04-22 (with an optional time "T10:00:00Z" or " 10:00"),
 * 2021/04/22, 22 April 2021, 22nd Apr. 2021, April 22, 2021, with or
 * without a weekday before or after ("Thu, 22 Apr 2021 10:00:00 +0100",
 * "April 22, 2021 Thursday", and a time after it as in Nexis's "July 1,
 * 2019 Monday 9:20 AM GMT"), day-first numeric forms 22/04/2021 and
 * 22.04.2021 (also "2. 4. 2021"), day-first dates with a month named in
 * German, French, Spanish, Italian, Dutch, Portuguese or Polish ("1. Juli
 * 2019", "22 avril 2021", "4 de noviembre de 2021", "3 marca 2021") and
 * their weekdays ("Montag, 1. Juli 2019"), and an optional time
 * ("10:32", "10.32am", "10:32 BST").  A numeric date whose day and month
 * could be swapped (04/05/2021) is reported as ambiguous and never
 * guessed.  Between the parts, a no-break or thin space (U+00A0, U+2009,
 * U+202F and their like, as typesetters write "4.\u20092.\u20092022") is
 * a space.
 */
#ifndef ARTKIT_DATE_H
#define ARTKIT_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

enum date_result {
	DATE_NONE,		/* no date at the start of the text */
	DATE_OK,		/* ISO form appended to the buffer */
	DATE_AMBIGUOUS		/* a numeric date that could be D/M or M/D */
};

/*
 * Look for a date at the start of s[0..n).  On DATE_OK append the ISO 8601
 * form ("2021-04-22", or "2021-04-22T10:00:00+01:00" when a time was
 * given) to iso; on DATE_OK and DATE_AMBIGUOUS set *used to the number of
 * bytes the date (with its time and zone) took, not counting white space
 * after it.
 */
enum date_result date_parse(const char *s, size_t n, struct buf *iso,
	    size_t *used);

/* Which reading an ambiguous numeric date (04/05/2021) is given. */
enum date_order {
	DATE_EITHER,		/* none: DATE_AMBIGUOUS */
	DATE_DAY_FIRST,		/* 4 May */
	DATE_MONTH_FIRST	/* April 5 */
};

/*
 * date_parse, but an ambiguous numeric date is read in the given order
 * (for a caller that can check the reading against another date).
 */
enum date_result date_parse_order(const char *s, size_t n, struct buf *iso,
	    size_t *used, enum date_order order);

/*
 * The length in bytes of the white space character at the start of
 * s[0..n): 1 for a space or tab, 2 or 3 for the UTF-8 of U+00A0, U+2000
 * to U+200A, U+202F, U+205F and U+3000; 0 for anything else.
 */
size_t	date_space(const char *s, size_t n);

/* Is y-m-d a day of the calendar (years 1000 to 2999)? */
bool	date_valid(int y, int m, int d);

#endif
