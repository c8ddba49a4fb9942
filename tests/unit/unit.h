/*
 * unit.h - the smallest test harness that does the job: CHECK macros that
 * count and report, and UNIT_END() printing "N passed, N failed" for
 * tests/run to add up.  A failed check names file, line and the expression.
 */
#ifndef ARTKIT_UNIT_H
#define ARTKIT_UNIT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

/*
 * A number below n from a fixed xorshift sequence, for random tests
 * that fail the same way on every run and every machine.
 */
static uint64_t unit_rng = 0x9E3779B97F4A7C15ULL;

static inline unsigned
unit_rnd(unsigned n)
{
	unit_rng ^= unit_rng << 13;
	unit_rng ^= unit_rng >> 7;
	unit_rng ^= unit_rng << 17;
	return (unsigned)(unit_rng % n);
}

#define CHECK(cond) do {						\
	if (cond)							\
		unit_passed++;						\
	else {								\
		unit_failed++;						\
		fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

/* Compare a (pointer, length) string with an expected C string. */
#define CHECK_MEM(p, n, want) do {					\
	const char *unit_w = (want);					\
	size_t unit_n = (n);						\
	if (unit_n == strlen(unit_w) && memcmp((p), unit_w, unit_n) == 0) \
		unit_passed++;						\
	else {								\
		unit_failed++;						\
		fprintf(stderr, "%s:%d: FAIL: got \"%.*s\", want \"%s\"\n", \
		    __FILE__, __LINE__, (int)unit_n, (const char *)(p), unit_w); \
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *unit_g = (got);					\
	CHECK_MEM(unit_g ? unit_g : "(null)", strlen(unit_g ? unit_g : "(null)"), want); \
} while (0)

#define UNIT_END() do {							\
	printf("%d passed, %d failed\n", unit_passed, unit_failed);	\
	return unit_failed != 0;					\
} while (0)

#endif
