/*
 * Unit tests for lib/split/date.c: every form the header promises, the
 * ambiguous numeric case, and text that only looks like a date.
 */
#include <stdlib.h>

#include "unit.h"
#include "split/date.h"

/* Parse s; check the result, the ISO text and how much was used. */
static void
t(const char *s, enum date_result want, const char *iso, size_t used)
{
	struct buf b = BUF_INIT;
	size_t u = 0;
	enum date_result r;

	r = date_parse(s, strlen(s), &b, &u);
	if (r != want)
		fprintf(stderr, "date_parse(\"%s\") = %d\n", s, r);
	CHECK(r == want);
	if (want == DATE_OK)
		CHECK_STR(buf_cstr(&b), iso);
	if (want != DATE_NONE)
		CHECK(u == used);
	buf_free(&b);
}

int
main(void)
{
	t("2021-04-22", DATE_OK, "2021-04-22", 10);
	t("2021-04-22 Something went wrong", DATE_OK, "2021-04-22", 10);
	t("2021-04-22T10:00:00Z", DATE_OK, "2021-04-22T10:00:00Z", 20);
	t("2021-04-22T10:00:00+01:00 x", DATE_OK,
	    "2021-04-22T10:00:00+01:00", 25);
	t("2021/04/22", DATE_OK, "2021-04-22", 10);
	t("22 April 2021", DATE_OK, "2021-04-22", 13);
	t("22nd April, 2021", DATE_OK, "2021-04-22", 16);
	t("Thursday 22 April 2021 10:32 BST", DATE_OK,
	    "2021-04-22T10:32:00+01:00", 32);
	t("Thu, 22 Apr 2021 10:00:00 +0100", DATE_OK,
	    "2021-04-22T10:00:00+01:00", 31);
	t("April 22, 2021", DATE_OK, "2021-04-22", 14);
	t("Apr. 22, 2021 Thursday", DATE_OK, "2021-04-22", 22);
	/* Nexis date lines: the time after the weekday */
	t("July 1, 2019 Monday 9:20 AM GMT", DATE_OK,
	    "2019-07-01T09:20:00Z", 31);
	t("January 11, 2010 Monday", DATE_OK, "2010-01-11", 23);
	t("Sept 3, 2020, 4.15pm", DATE_OK, "2020-09-03T16:15:00", 20);
	t("22/04/2021", DATE_OK, "2021-04-22", 10);
	t("04/22/2021", DATE_OK, "2021-04-22", 10);
	t("22.04.2021", DATE_OK, "2021-04-22", 10);
	t("04/05/2021", DATE_AMBIGUOUS, NULL, 10);
	t("05/05/2021", DATE_OK, "2021-05-05", 10);
	/* not dates */
	t("2021-02-30", DATE_NONE, NULL, 0);
	t("March on Washington 2021", DATE_NONE, NULL, 0);
	t("May 2021 be better", DATE_NONE, NULL, 0);
	t("22 people died", DATE_NONE, NULL, 0);
	t("1234567", DATE_NONE, NULL, 0);
	t("2021-04-22abc", DATE_NONE, NULL, 0);
	t("", DATE_NONE, NULL, 0);
	t("29 February 2021", DATE_NONE, NULL, 0);
	t("29 February 2020", DATE_OK, "2020-02-29", 16);
	UNIT_END();
}
