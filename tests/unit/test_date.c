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
	/* day first, the month in another language */
	t("1. Juli 2019", DATE_OK, "2019-07-01", 12);
	t("Montag, 1. Juli 2019", DATE_OK, "2019-07-01", 20);
	t("1. Juli 2019 Montag", DATE_OK, "2019-07-01", 19);
	t("22 avril 2021", DATE_OK, "2021-04-22", 13);
	t("vendredi 3 décembre 2021", DATE_OK, "2021-12-03", 25);
	t("4 de noviembre de 2021", DATE_OK, "2021-11-04", 22);
	t("22. Okt. 2021, 10:32", DATE_OK, "2021-10-22T10:32:00", 20);
	t("3. März 2024", DATE_OK, "2024-03-03", 13);
	t("3 marca 2021", DATE_OK, "2021-03-03", 12);
	t("12 giugno 2020", DATE_OK, "2020-06-12", 14);
	t("5 de maio de 2022", DATE_OK, "2022-05-05", 17);
	t("2. 4. 2021", DATE_OK, "2021-04-02", 10);
	/* no-break and thin spaces between the parts */
	t("4.\u20092.\u20092022", DATE_OK, "2022-02-04", 14);
	t("4.\u202f2.\u202f2022", DATE_OK, "2022-02-04", 14);
	t("4.\u00a0Februar\u00a02022", DATE_OK, "2022-02-04", 17);
	t("4\u00a0f\u00e9vrier\u00a02022", DATE_OK, "2022-02-04", 17);
	t("February\u00a04,\u00a02022", DATE_OK, "2022-02-04", 18);
	t("4\u00a0de\u00a0febrero de 2022", DATE_OK, "2022-02-04", 22);
	t("Montag,\u00a04.\u00a0Februar 2022\u00a010:32", DATE_OK,
	    "2022-02-04T10:32:00", 32);
	t("4\u00a0\u00a0people", DATE_NONE, NULL, 0);
	t("22 mais 2021", DATE_NONE, NULL, 0);
	t("3 Juniors 2021", DATE_NONE, NULL, 0);
	t("Juli 1, 2019", DATE_NONE, NULL, 0);	/* month first: English only */
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
	/* an ambiguous date read in the order asked for */
	{
		struct buf b = BUF_INIT;
		size_t u;

		CHECK(date_parse_order("03/05/2022 21:44", 16, &b, &u,
		    DATE_DAY_FIRST) == DATE_OK);
		CHECK_STR(buf_cstr(&b), "2022-05-03T21:44:00");
		buf_reset(&b);
		CHECK(date_parse_order("03/05/2022", 10, &b, &u,
		    DATE_MONTH_FIRST) == DATE_OK);
		CHECK_STR(buf_cstr(&b), "2022-03-05");
		buf_reset(&b);
		/* an unambiguous one keeps its own order */
		CHECK(date_parse_order("13/05/2022", 10, &b, &u,
		    DATE_MONTH_FIRST) == DATE_OK);
		CHECK_STR(buf_cstr(&b), "2022-05-13");
		buf_free(&b);
	}
	CHECK(date_valid(2024, 2, 29));
	CHECK(!date_valid(2023, 2, 29));
	UNIT_END();
}
