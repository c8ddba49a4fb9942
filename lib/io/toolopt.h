/*
 * toolopt.h - the options every artkit tool shares, parsed the same way
 * everywhere (DESIGN.md, "Conventions every tool shares").
 *
 * A tool puts TOOLOPT_LONGOPTS in its getopt_long table and
 * TOOLOPT_SHORTOPTS in its option string, and hands every option character
 * to toolopt_parse() before its own switch:
 *
 *	while ((ch = getopt_long(argc, argv, TOOLOPT_SHORTOPTS "t",
 *	    longopts, NULL)) != -1) {
 *		if (toolopt_parse(&o.common, ch, optarg, usage))
 *			continue;
 *		switch (ch) { ... }
 *	}
 */
#ifndef ARTKIT_TOOLOPT_H
#define ARTKIT_TOOLOPT_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

struct toolopt {
	const char	*output;	/* -o FILE, NULL for stdout */
	bool		 gzip;		/* -z */
	const char	*rejects;	/* --rejects FILE */
	bool		 progress;	/* --progress */
	bool		 plain;		/* --plain: every line is text */
	size_t		 max_record;	/* --max-record BYTES */
};

/* Long-only options get values above any character. */
enum {
	OPT_REJECTS = 0x100,
	OPT_PROGRESS,
	OPT_MAX_RECORD,
	OPT_PLAIN,
	OPT_TOOL		/* first value free for a tool's own options */
};

#define TOOLOPT_SHORTOPTS	"hVo:z"
#define TOOLOPT_LONGOPTS						\
	{ "help",	no_argument,		NULL, 'h' },		\
	{ "version",	no_argument,		NULL, 'V' },		\
	{ "output",	required_argument,	NULL, 'o' },		\
	{ "gzip",	no_argument,		NULL, 'z' },		\
	{ "rejects",	required_argument,	NULL, OPT_REJECTS },	\
	{ "progress",	no_argument,		NULL, OPT_PROGRESS },	\
	{ "max-record",	required_argument,	NULL, OPT_MAX_RECORD },	\
	{ "plain",	no_argument,		NULL, OPT_PLAIN }

/* The lines every usage() prints for the shared options. */
#define TOOLOPT_USAGE							\
	"  -o, --output FILE     write to FILE atomically (default stdout)\n" \
	"  -z, --gzip            compress the output with gzip\n"	\
	"      --rejects FILE    copy bad input lines to FILE and go on\n" \
	"      --progress        report progress on stderr\n"		\
	"      --max-record N    refuse lines longer than N bytes (K, M, G)\n" \
	"      --plain           read every line as text, not JSON\n"	\
	"  -h, --help            print this help and exit\n"		\
	"  -V, --version         print the version and exit\n"

/*
 * End a tool's usage(): after --help (help true, text on stdout) exit 0,
 * checking stdout was written; otherwise (text on stderr) exit 2.
 */
void	toolopt_usage_exit(bool help) __attribute__((noreturn));

/* Fill in the defaults. */
void	toolopt_init(struct toolopt *);

/*
 * Handle ch if it is a shared option and return true; otherwise return
 * false.  -h calls usage(true), -V prints the version and exits 0, a bad
 * value exits 2 with a message.  usage(help) must not return.
 */
bool	toolopt_parse(struct toolopt *, int ch, const char *arg,
	    void (*usage)(bool help));

/*
 * Parse a size with an optional K, M or G suffix (powers of 1024) between
 * min and max; on a bad value exit 2 with "what is BAD: reason".
 */
size_t	toolopt_size(const char *arg, const char *what, size_t min, size_t max);

/* Parse a whole number, exiting 2 with a message when it is out of range. */
long long toolopt_num(const char *arg, const char *what, long long min,
	    long long max);

/* Parse a number like 0.5 between min and max, exiting 2 when it is not. */
double	toolopt_real(const char *arg, const char *what, double min, double max);

#endif
