/*
 * toolopt.c - the shared options and the option tables of the tools; see
 * toolopt.h.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/input.h"
#include "io/toolopt.h"
#include "base/util.h"

/*
 * A standard descriptor closed when the tool starts (`tool <&-`, `2>&-`)
 * would be the number the next open() returns: the temporary output of
 * -o or a spool would then be read as stdin, or take the messages meant
 * for stderr.  Each closed one is filled with /dev/null opened the wrong
 * way round, so that reading stdin or writing stdout still fails with
 * EBADF, as it would have, and stderr's messages are lost, not written
 * into a file.
 */
static void
fill_closed_std(void)
{
	static const int how[] = { O_WRONLY, O_RDONLY, O_WRONLY };
	int fd;

	/* Going up, fd is the lowest closed one: open() returns it. */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    open("/dev/null", how[fd]) != fd)
			_exit(1);
}

void
toolopt_init(struct toolopt *o)
{
	fill_closed_std();
	memset(o, 0, sizeof(*o));
	o->max_record = INPUT_MAX_RECORD_DEFAULT;
}

void
toolopt_file(struct toolopt *o, const char *opt, const char *path, bool out)
{
	if (path == NULL)
		return;
	if (o->nfiles == TOOLOPT_MAXFILES)
		errx(1, "toolopt_file: more than %d files", TOOLOPT_MAXFILES);
	o->files[o->nfiles].opt = opt;
	o->files[o->nfiles].path = path;
	o->files[o->nfiles].out = out;
	o->nfiles++;
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

#define SHARED_BIT	48	/* the first bit of t->given for shared[] */

/* The options every tool takes, after its own in --help. */
static const struct toolopt_spec shared[] = {
	{ "output",	'o', "FILE", "write to FILE atomically (default stdout)" },
	{ "gzip",	'z', NULL, "compress the output with gzip" },
	{ "rejects",	OPT_REJECTS, "FILE",
	    "copy bad input lines to FILE and go on" },
	{ "progress",	OPT_PROGRESS, NULL, "report progress on stderr" },
	{ "max-record",	OPT_MAX_RECORD, "N",
	    "refuse lines longer than N bytes (K, M, G)" },
	{ "plain",	OPT_PLAIN, NULL, "read every line as text, not JSON" },
	{ "help",	'h', NULL, "print this help and exit" },
	{ "version",	'V', NULL, "print the version and exit" },
	{ NULL, 0, NULL, NULL }
};

/* Does the table's tool take shared option s? */
static bool
takes(const struct toolopt_table *t, const struct toolopt_spec *s)
{
	return s->val != OPT_PLAIN || (t->flags & TOOLOPT_RECORDS);
}

static size_t
count(const struct toolopt_spec *s)
{
	size_t n = 0;

	while (s != NULL && s[n].name != NULL)
		n++;
	return n;
}

/* Add the getopt entries of specs to the table being built. */
static void
add_specs(struct toolopt_table *t, const struct toolopt_spec *s,
    size_t *nl, size_t *ns)
{
	for (; s != NULL && s->name != NULL; s++) {
		if (!takes(t, s))
			continue;
		t->longopts[*nl].name = s->name;
		t->longopts[*nl].has_arg = s->arg ? required_argument :
		    no_argument;
		t->longopts[*nl].flag = NULL;
		t->longopts[*nl].val = s->val;
		(*nl)++;
		if (s->val > 0 && s->val < 0x80) {
			t->shortopts[(*ns)++] = (char)s->val;
			if (s->arg != NULL)
				t->shortopts[(*ns)++] = ':';
		}
	}
}

static void
build(struct toolopt_table *t)
{
	size_t n = count(t->own) + count(shared), nl = 0, ns = 0;

	t->longopts = xcalloc(n + 1, sizeof(*t->longopts));
	t->shortopts = xcalloc(2 * n + 2, 1);
	/* A leading ':' makes getopt tell a missing value from an unknown
	 * option, so each gets its own message. */
	t->shortopts[ns++] = ':';
	add_specs(t, t->own, &nl, &ns);
	add_specs(t, shared, &nl, &ns);
}

void
toolopt_table_free(struct toolopt_table *t)
{
	free(t->longopts);
	free(t->shortopts);
	t->longopts = NULL;
	t->shortopts = NULL;
}

/* The "  -o, --output FILE" part of an option's help line. */
static void
spec_name(const struct toolopt_spec *s, char *out, size_t size)
{
	char shrt[8] = "    ";

	if (s->val > 0 && s->val < 0x80)
		snprintf(shrt, sizeof(shrt), "-%c, ", s->val);
	snprintf(out, size, "  %s--%s%s%s", shrt, s->name, s->arg ? " " : "",
	    s->arg ? s->arg : "");
}

/*
 * Print text from column col, wrapped at spaces to end by column 79;
 * *w is the column the cursor is at.
 */
static void
print_wrapped(FILE *fp, const char *text, size_t len, int col, int *w)
{
	size_t room = col < 60 ? (size_t)(79 - col) : 20, n;

	while (len > 0) {
		n = len;
		if (n > room) {
			for (n = room; n > 0 && text[n] != ' '; n--)
				;
			if (n == 0)
				n = room;
		}
		if (*w >= col) {
			fputc('\n', fp);
			*w = 0;
		}
		fprintf(fp, "%*s%.*s\n", col - *w, "", (int)n, text);
		*w = 0;
		text += n;
		len -= n;
		while (len > 0 && *text == ' ') {
			text++;
			len--;
		}
	}
}

/* Print the help lines of specs, the text starting at column col. */
static void
print_specs(FILE *fp, const struct toolopt_table *t,
    const struct toolopt_spec *s, int col)
{
	const char *h, *nl;
	char name[96];
	int w;

	for (; s != NULL && s->name != NULL; s++) {
		if (!takes(t, s))
			continue;
		spec_name(s, name, sizeof(name));
		w = fprintf(fp, "%s", name);
		for (h = s->help; ; h = nl + 1) {
			nl = strchr(h, '\n');
			print_wrapped(fp, h, nl ? (size_t)(nl - h) : strlen(h),
			    col, &w);
			if (nl == NULL)
				break;
		}
	}
}

/* The column the help texts start at: past the longest name, at most 28. */
static int
help_column(const struct toolopt_table *t)
{
	const struct toolopt_spec *lists[2] = { t->own, shared }, *s;
	char name[96];
	int col = 0, w, i;

	for (i = 0; i < 2; i++)
		for (s = lists[i]; s != NULL && s->name != NULL; s++) {
			if (!takes(t, s))
				continue;
			spec_name(s, name, sizeof(name));
			w = (int)strlen(name) + 2;
			if (w > col && w <= 28)
				col = w;
		}
	return col;
}

void
toolopt_usage(const struct toolopt_table *t, bool help)
{
	FILE *fp = help ? stdout : stderr;
	int col = help_column(t);

	fputs(t->synopsis, fp);
	if (help) {
		print_specs(fp, t, t->own, col);
		print_specs(fp, t, shared, col);
		if (fflush(stdout) != 0 || ferror(stdout))
			err(1, "stdout");
		exit(0);
	}
	exit(2);
}

/* Note option ch of t as given, in o->given: own[i] bit i, shared[i] bit
 * SHARED_BIT + i. */
static void
note(const struct toolopt_table *t, struct toolopt *o, int ch)
{
	const struct toolopt_spec *lists[2] = { t->own, shared }, *s;
	int i;

	for (i = 0; i < 2; i++)
		for (s = lists[i]; s != NULL && s->name != NULL; s++)
			if (s->val == ch && s - lists[i] < SHARED_BIT) {
				o->given |= (uint64_t)1 << ((i ? SHARED_BIT :
				    0) + (s - lists[i]));
				return;
			}
}

/* Handle a shared option; false when ch is not one. */
static bool
parse_shared(const struct toolopt_table *t, struct toolopt *o, int ch,
    const char *arg)
{
	switch (ch) {
	case 'h':
		toolopt_usage(t, true);
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
		o->max_record_given = true;
		break;
	case OPT_PLAIN:
		o->plain = true;
		break;
	default:
		return false;
	}
	return true;
}

int
toolopt_getopt(struct toolopt_table *t, struct toolopt *common, int argc,
    char *argv[])
{
	int ch;

	if (t->longopts == NULL)
		build(t);
	for (;;) {
		/* Our own messages below: getopt's would say the same. */
		opterr = 0;
		ch = getopt_long(argc, argv, t->shortopts, t->longopts, NULL);
		if (ch == -1)
			return -1;
		if (ch == '?' || ch == ':') {
			if (ch == ':' && optopt != 0 && optopt < 0x80)
				warnx("option requires an argument -- '%c'",
				    optopt);
			else if (ch == ':')
				warnx("option '%s' requires an argument",
				    argv[optind - 1]);
			else if (optopt != 0)
				warnx("invalid option -- '%c'", optopt);
			else
				warnx("unrecognized option '%s'",
				    argv[optind - 1]);
			toolopt_usage(t, false);
		}
		note(t, common, ch);
		if (!parse_shared(t, common, ch, optarg))
			return ch;
	}
}

/* The name of an option as a user writes it: "-k", or "--chars". */
static void
opt_name(const struct toolopt_spec *s, char *out, size_t size)
{
	if (s->val > 0 && s->val < 0x80)
		snprintf(out, size, "-%c", s->val);
	else
		snprintf(out, size, "--%s", s->name);
}

/* Is name a word of the list of options? */
static bool
has(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' ||
		    p[n] == '\0'))
			return true;
	return false;
}

/* The spec named name in the table, and its bit in t->given; NULL. */
static const struct toolopt_spec *
find(const struct toolopt_table *t, const char *name, uint64_t *bit)
{
	const struct toolopt_spec *lists[2] = { t->own, shared }, *s;
	char w[64];
	int i;

	for (i = 0; i < 2; i++)
		for (s = lists[i]; s != NULL && s->name != NULL; s++) {
			opt_name(s, w, sizeof(w));
			if (strcmp(w, name) == 0) {
				*bit = (uint64_t)1 << ((i ? SHARED_BIT : 0) +
				    (s - lists[i]));
				return s;
			}
		}
	return NULL;
}

/* Is the option name, a word of a row, given? */
static bool
given(const struct toolopt_table *t, const struct toolopt *o,
    const char *name)
{
	uint64_t bit = 0;

	return find(t, name, &bit) != NULL && (o->given & bit);
}

/* Are all the options of the list given? */
static bool
all_given(const struct toolopt_table *t, const struct toolopt *o,
    const char *list)
{
	char w[64];
	size_t n;

	for (; *list != '\0'; list += n) {
		list += strspn(list, " ");
		n = strcspn(list, " ");
		if (n == 0)
			break;
		snprintf(w, sizeof(w), "%.*s", (int)n, list);
		if (!given(t, o, w))
			return false;
	}
	return true;
}

#define ROW(i)	((const struct toolopt_mode *)((const char *)rows + \
		    (i) * size))

/* Exit 2: the option name, given, does not go with the mode of row r. */
static void __attribute__((noreturn))
refuse(const char *name, const void *rows, size_t n, size_t size, size_t r)
{
	char list[512] = "";
	size_t i, len;

	if (*ROW(r)->name != '\0')
		errx(2, "%s does not go with %s", name, ROW(r)->name);
	for (i = 0; i < n; i++)
		if (has(ROW(i)->takes, name) || has(ROW(i)->name, name)) {
			len = strlen(list);
			snprintf(list + len, sizeof(list) - len, "%s%s",
			    len > 0 ? " or " : "", ROW(i)->name);
		}
	errx(2, "%s goes with %s", name, list);
}

size_t
toolopt_mode(const struct toolopt_table *t, const struct toolopt *o,
    const void *rows, size_t n, size_t size, const char *const *apart)
{
	const struct toolopt_spec *lists[2] = { t->own, shared }, *s;
	char name[64], a[64];
	size_t r, k;
	int i;

	for (r = 0; r + 1 < n && !all_given(t, o, ROW(r)->name); r++)
		continue;
	for (i = 0; i < 2; i++)
		for (s = lists[i]; s != NULL && s->name != NULL; s++) {
			if (!(o->given & (uint64_t)1 << ((i ? SHARED_BIT : 0) +
			    (s - lists[i]))))
				continue;
			if (i == 1 && s->val != 'o' && s->val != 'z' &&
			    s->val != OPT_REJECTS && s->val != OPT_PLAIN)
				continue;	/* every mode takes it */
			opt_name(s, name, sizeof(name));
			for (k = 0; apart != NULL && apart[k] != NULL; k++) {
				snprintf(a, sizeof(a), "%.*s",
				    (int)strcspn(apart[k], " "), apart[k]);
				if (strcmp(a, name) != 0 && has(apart[k], name)
				    && all_given(t, o, apart[k]))
					errx(2, "%s does not go with %s", name,
					    a);
			}
			if (!has(ROW(r)->takes, name) &&
			    !has(ROW(r)->name, name))
				refuse(name, rows, n, size, r);
		}
	return r;
}
