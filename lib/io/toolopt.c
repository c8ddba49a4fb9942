/*
 * toolopt.c - see toolopt.h.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/input.h"
#include "io/toolopt.h"
#include "base/util.h"

void
toolopt_init(struct toolopt *o)
{
	memset(o, 0, sizeof(*o));
	o->max_record = INPUT_MAX_RECORD_DEFAULT;
}

void
toolopt_usage_exit(bool help)
{
	if (help) {
		if (fflush(stdout) != 0 || ferror(stdout))
			err(1, "stdout");
		exit(0);
	}
	exit(2);
}

size_t
toolopt_size(const char *arg, const char *what, size_t min, size_t max)
{
	char num[32], *end;
	const char *errstr;
	long long v, mult = 1;
	size_t len = strlen(arg), limit;

	if (len == 0 || len >= sizeof(num))
		errx(2, "%s is %s: invalid", what, arg);
	memcpy(num, arg, len + 1);
	end = num + len - 1;
	switch (*end) {
	case 'k': case 'K': mult = 1LL << 10; *end = '\0'; break;
	case 'm': case 'M': mult = 1LL << 20; *end = '\0'; break;
	case 'g': case 'G': mult = 1LL << 30; *end = '\0'; break;
	}
	/* SIZE_MAX itself would turn negative as a long long. */
	limit = max / (size_t)mult;
	if (limit > LLONG_MAX)
		limit = LLONG_MAX;
	v = strtonum(num, 0, (long long)limit, &errstr);
	if (errstr != NULL)
		errx(2, "%s is %s: %s", what, arg, errstr);
	v *= mult;
	if ((size_t)v < min)
		errx(2, "%s is %s: too small", what, arg);
	return (size_t)v;
}

long long
toolopt_num(const char *arg, const char *what, long long min, long long max)
{
	const char *errstr;
	long long v;

	v = strtonum(arg, min, max, &errstr);
	if (errstr != NULL)
		errx(2, "%s is %s: %s", what, arg, errstr);
	return v;
}

double
toolopt_real(const char *arg, const char *what, double min, double max)
{
	char *end;
	double v;

	/* strtod reads '.' as the decimal point: no setlocale() in artkit. */
	v = strtod(arg, &end);
	if (end == arg || *end != '\0')
		errx(2, "%s is %s: invalid", what, arg);
	if (!(v >= min && v <= max))
		errx(2, "%s is %s: must be between %g and %g", what, arg,
		    min, max);
	return v;
}

bool
toolopt_parse(struct toolopt *o, int ch, const char *arg,
    void (*usage)(bool))
{
	switch (ch) {
	case 'h':
		usage(true);
		break;
	case 'V':
		printf("%s %s\n", getprogname(), ARTKIT_VERSION);
		if (fflush(stdout) != 0 || ferror(stdout))
			err(1, "stdout");
		exit(0);
	case 'o':
		o->output = arg;
		break;
	case 'z':
		o->gzip = true;
		break;
	case OPT_REJECTS:
		o->rejects = arg;
		break;
	case OPT_PROGRESS:
		o->progress = true;
		break;
	case OPT_MAX_RECORD:
		o->max_record = toolopt_size(arg, "max-record", 1,
		    (size_t)1 << 40);
		break;
	case OPT_PLAIN:
		o->plain = true;
		break;
	default:
		return false;
	}
	return true;
}
