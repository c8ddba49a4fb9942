/*
 * toolopt.h - the options every artkit tool shares, parsed the same way
 * everywhere (doc/design.md, "Conventions"), and the option table each
 * tool's getopt_long loop and --help are made from.
 *
 * A tool describes its own options once, in a table of struct
 * toolopt_spec; toolopt_getopt() parses the command line from that table
 * and the shared options, and toolopt_usage() prints the help from the
 * same entries, so an option cannot be accepted and left out of --help:
 *
 *	static const struct toolopt_spec own[] = {
 *		{ "text", 't', NULL, "print plain sentences, one per line" },
 *		{ NULL, 0, NULL, NULL }
 *	};
 *	static struct toolopt_table tab = { "usage: artsent [-t] ...\n",
 *	    own, TOOLOPT_RECORDS };
 *
 *	while ((ch = toolopt_getopt(&tab, &o.common, argc, argv)) != -1)
 *		switch (ch) { case 't': ...; }
 */
#ifndef ARTKIT_TOOLOPT_H
#define ARTKIT_TOOLOPT_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A file a tool reads or writes besides its inputs, -o and --rejects
 * (artsim's --dups, artclean's --learn and -m), told to the run so that
 * run_begin can refuse an output that names an input or another output.
 */
struct toolopt_file {
	const char	*opt;		/* "--dups": for the message */
	const char	*path;
	bool		 out;		/* written, not read */
};

#define TOOLOPT_MAXFILES 72	/* artclean: 64 rule files and three more */

struct toolopt {
	const char	*output;	/* -o FILE, NULL for stdout */
	bool		 gzip;		/* -z */
	const char	*rejects;	/* --rejects FILE ("-": stdout) */
	bool		 progress;	/* --progress */
	bool		 plain;		/* --plain: every line is text */
	size_t		 max_record;	/* --max-record BYTES */
	bool		 max_record_given;	/* not the default */
	struct toolopt_file files[TOOLOPT_MAXFILES];	/* see toolopt_file */
	size_t		 nfiles;
	uint64_t	 given;		/* the options given, for toolopt_mode */
};

/* Long-only options get values above any character. */
enum {
	OPT_REJECTS = 0x100,
	OPT_PROGRESS,
	OPT_MAX_RECORD,
	OPT_PLAIN,
	OPT_TOOL		/* first value free for a tool's own options */
};

/*
 * One option: what getopt_long needs and the line --help prints.  val is
 * the short letter, or a value from OPT_TOOL up for a long-only option;
 * arg names the value in the help ("FILE"), NULL when it takes none; help
 * says what it does ("\n" starts a further help line).  A table ends
 * with an entry whose name is NULL.
 */
struct toolopt_spec {
	const char	*name;
	int		 val;
	const char	*arg;
	const char	*help;
};

/* Flags of a table: which shared options the tool takes. */
#define TOOLOPT_RECORDS	0x01	/* reads records: --plain */

/*
 * A tool's options: the synopsis --help starts with (lines ending in
 * "\n"), its own options, and flags.  The rest is built by the first
 * toolopt_getopt() and freed by toolopt_table_free().
 */
struct toolopt_table {
	const char			*synopsis;
	const struct toolopt_spec	*own;
	unsigned			 flags;
	struct option			*longopts;
	char				*shortopts;
};

/*
 * getopt_long over the table: handles the shared options itself (into
 * *common; -h prints the help and exits 0, -V the version) and returns the
 * val of the tool's own options one at a time, optarg set, then -1.  An
 * unknown option or a missing value prints the usage on stderr, exit 2.
 */
int	toolopt_getopt(struct toolopt_table *, struct toolopt *common,
	    int argc, char *argv[]);

/*
 * With help true, print the synopsis and every option, the tool's own and
 * then the shared ones, to stdout and exit 0 (checking stdout was
 * written); otherwise print the synopsis alone to stderr and exit 2.
 */
void	toolopt_usage(const struct toolopt_table *, bool help)
	    __attribute__((noreturn));

/*
 * For a tool with modes: which options go with which.  A row per mode,
 * named by the options that choose it ("--ref --align"; "" for the mode
 * chosen by none, which comes last), lists the other options it takes
 * ("-j -t --contain"), short ones by their letter; every mode takes the
 * shared options but -o, -z, --rejects and --plain, which a row names.  A
 * tool keeps what it needs of a mode beside it: rows are size bytes
 * apart, each starting with a struct toolopt_mode.
 */
struct toolopt_mode {
	const char	*name;
	const char	*takes;
};

/*
 * After toolopt_getopt() returned -1: the number of the first of the n
 * rows whose choosing options were all given.  Exits 2 with a message
 * naming an option given that the mode does not take ("--dedup does not
 * go with --clusters"; with no mode chosen, where it goes: "--keep goes
 * with --dedup"), or the second of a pair of apart ("--exact --estimate",
 * a NULL-terminated list of pairs that no mode takes together).
 */
size_t	toolopt_mode(const struct toolopt_table *, const struct toolopt *,
	    const void *rows, size_t n, size_t size, const char *const *apart);

/* Free what toolopt_getopt() built; the table can be parsed again. */
void	toolopt_table_free(struct toolopt_table *);

/* Fill in the defaults. */
void	toolopt_init(struct toolopt *);

/*
 * Tell the run about a file the tool reads (out false) or writes besides
 * its inputs, -o and --rejects; opt names the option in messages.  A NULL
 * path is ignored.  At most TOOLOPT_MAXFILES.
 */
void	toolopt_file(struct toolopt *, const char *opt, const char *path,
	    bool out);

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
