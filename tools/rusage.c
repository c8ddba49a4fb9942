/*
 * rusage.c - run a command and report its wall time and peak memory, for
 * `make bench` (tools/bench.sh), so the benchmark does not depend on GNU
 * time being installed or on the shell's `time` format.
 *
 *	rusage [-o file] command [argument ...]
 *
 * The report is one line, on stderr or appended to file:
 *
 *	rusage: wall=1.234 user=1.100 sys=0.120 maxrss_kb=2804 status=0
 *
 * (signal=N instead of status=N when the command was killed).  Times are in
 * seconds, maxrss_kb is the peak resident set size of the command in KiB as
 * wait4(2) gives it.  rusage exits with the command's exit status, 128 + N
 * when it was killed by signal N, 127 when it could not be found and 126
 * when it could not be run, as a shell does.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

struct opts {
	const char	*outfile;	/* NULL: the report goes to stderr */
};

static void	usage(int) __attribute__((noreturn));

static double
seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static double
now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		err(1, "clock_gettime");
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Write the report line to f; a report that cannot be written is an error. */
static void
report(const struct opts *o, FILE *f, double wall, const struct rusage *ru,
    int st)
{
	fprintf(f, "rusage: wall=%.3f user=%.3f sys=%.3f maxrss_kb=%ld %s=%d\n",
	    wall, seconds(&ru->ru_utime), seconds(&ru->ru_stime),
	    ru->ru_maxrss, WIFSIGNALED(st) ? "signal" : "status",
	    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	if (fflush(f) == EOF || ferror(f))
		err(1, "%s", o->outfile != NULL ? o->outfile : "stderr");
	if (f != stderr && fclose(f) == EOF)
		err(1, "%s", o->outfile);
}

static void
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr,
	    "usage: %s [-hV] [-o file] command [argument ...]\n",
	    getprogname());
	exit(status);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct rusage ru;
	FILE *f;
	double start;
	pid_t pid;
	int ch, st;

	o.outfile = NULL;
	/* '+': options end at the command, whose own options are its own. */
	while ((ch = getopt(argc, argv, "+ho:V")) != -1) {
		switch (ch) {
		case 'h':
			usage(0);
		case 'o':
			o.outfile = optarg;
			break;
		case 'V':
			printf("rusage (artkit) %s\n", ARTKIT_VERSION);
			return 0;
		default:
			usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage(2);

	/* Opened first, so a bad file name fails before the command runs. */
	f = stderr;
	if (o.outfile != NULL && (f = fopen(o.outfile, "ae")) == NULL)
		err(1, "%s", o.outfile);
	start = now();
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		execvp(argv[0], argv);
		warn("%s", argv[0]);
		_exit(errno == ENOENT ? 127 : 126);
	}
	/* Like time(1): an interrupt is for the command, not for us. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	while (wait4(pid, &st, 0, &ru) == -1)
		if (errno != EINTR)
			err(1, "wait4");
	report(&o, f, now() - start, &ru, st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}
