/*
 * artsplit - turn raw news documents and archive exports into records.
 *
 * Options and the file loop only; the readers are lib/split/.
 */
#include <err.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/run.h"
#include "split/split.h"
#include "text/ere.h"
#include "io/toolopt.h"

enum {
	OPT_ID_PREFIX = OPT_TOOL,
	OPT_COLUMNS,
	OPT_NO_TITLE,
	OPT_EXPLAIN
};

static const struct toolopt_spec own[] = {
	{ "delimiter", 'd', "REGEX", "a line matching REGEX separates items" },
	{ "encoding", 'e', "ENC", "auto, utf-8, cp1252 or latin1 (default auto)" },
	{ "format", 'f', "FORMAT",
	    "text, nexis, csv, jsonl, html, warc or auto: by content "
	    "(default)" },
	{ "paragraphs", 'p', NULL, "one record per paragraph" },
	{ "columns", OPT_COLUMNS, "MAP", "CSV columns to fields: COL=FIELD,..." },
	{ "id-prefix", OPT_ID_PREFIX, "P", "put P in front of every generated id" },
	{ "no-title", OPT_NO_TITLE, NULL,
	    "the first line is text, not a headline" },
	{ "explain", OPT_EXPLAIN, NULL,
	    "html, warc: say what was left out of the article, and why" },
	{ NULL, 0, NULL, NULL }
};

/* artsplit reads raw text, not records: no --plain. */
static struct toolopt_table options = {
	"usage: artsplit [-pz] [-d regex] [-e encoding] [-f format] [-o file]\n"
	"                [--columns map] [--explain] [--id-prefix prefix]\n"
	"                [--no-title] [file ...]\n",
	own, 0, NULL, NULL
};

int
main(int argc, char *argv[])
{
	static char *stdin_only[] = { "-" };
	struct split_opts so;
	struct toolopt to;
	struct splitter *sp;
	struct run *run;
	regex_t delim;
	struct buf msg = BUF_INIT;
	int ch, i, e;

	memset(&so, 0, sizeof(so));
	toolopt_init(&to);
	while ((ch = toolopt_getopt(&options, &to, argc, argv)) != -1) {
		switch (ch) {
		case 'd':
			if (ere_compile(&delim, optarg, REG_NOSUB, &msg) != 0)
				errx(2, "delimiter is %s: %s", optarg,
				    buf_cstr(&msg));
			so.delim = &delim;
			break;
		case 'e':
			if ((e = split_encoding_by_name(optarg)) < 0)
				errx(2, "encoding is %s: want auto, utf-8, "
				    "cp1252 or latin1", optarg);
			so.encoding = e;
			break;
		case 'f':
			/* auto, as -e has it: by content, as without -f */
			if (strcmp(optarg, "auto") == 0) {
				so.format = NULL;
				break;
			}
			if (!split_format_known(optarg))
				errx(2, "format is %s: want auto, text, nexis, "
				    "csv, jsonl, html or warc", optarg);
			so.format = optarg;
			break;
		case 'p':
			so.paragraphs = true;
			break;
		case OPT_COLUMNS:
			so.columns = optarg;
			break;
		case OPT_ID_PREFIX:
			so.id_prefix = optarg;
			break;
		case OPT_NO_TITLE:
			so.no_title = true;
			break;
		case OPT_EXPLAIN:
			so.explain = true;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (so.delim != NULL && so.format != NULL &&
	    strcmp(so.format, "text") != 0)
		errx(2, "-d goes with the text format only");
	if (so.columns != NULL && (so.format == NULL ||
	    strcmp(so.format, "csv") != 0))
		errx(2, "--columns goes with -f csv only");
	if (argc == 0) {
		argc = 1;
		argv = stdin_only;
	}

	/* 0 when not given: a page's cap is then its own (page_limit) */
	so.max_record = to.max_record_given ? to.max_record : 0;
	sp = splitter_new(&so);
	run = run_begin(&to, argc, argv);
	for (i = 0; i < argc && !run_stopped(run); i++)
		splitter_file(sp, run, argv[i]);
	splitter_free(sp);
	if (so.delim != NULL)
		regfree(&delim);
	return run_end(run);
}
