/*
 * artclean - repair and clean the text and title of news records and
 * remove boilerplate.
 *
 * Options and their checks only; the records are lib/cleanrec (the text
 * and title cleaned, --explain, --learn's model), the cleaning is
 * lib/text/clean.c, the rules lib/text/boiler.c.
 */
#include <sys/stat.h>

#include <err.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "cleanrec/cleanrec.h"
#include "io/run.h"
#include "io/toolopt.h"
#include "text/clean.h"

enum {
	OPT_ASCII = OPT_TOOL,
	OPT_EXPLAIN,
	OPT_LEARN,
	OPT_MIN_ITEMS,
	OPT_NFKC,
	OPT_NO_DEFAULT_RULES,
	OPT_SKIP,
	OPT_WEIGH_FEATURES,
	OPT_WEIGHTS
};

struct opts {
	struct toolopt		 common;
	struct cleanrec_opts	 rec;
	const char		*rules[64];
};

static struct toolopt_spec own[] = {
	{ "model", 'm', "FILE", "also remove the paragraphs of a learned model" },
	{ "rules", 'r', "FILE", "add the boilerplate rules in FILE (repeatable)" },
	{ "no-default-rules", OPT_NO_DEFAULT_RULES, NULL,
	    "do not load the shipped rules" },
	{ "explain", OPT_EXPLAIN, NULL,
	    "keep a \"removed\" field listing what went and why" },
	{ "skip", OPT_SKIP, "STEPS", NULL },	/* help from the step table */
	{ "nfkc", OPT_NFKC, NULL, "normalise to NFKC instead of NFC" },
	{ "ascii", OPT_ASCII, NULL,
	    "fold quotes, dashes and the ellipsis to ASCII" },
	{ "learn", OPT_LEARN, "MODEL",
	    "learn recurring paragraphs per source into MODEL" },
	{ "min-items", OPT_MIN_ITEMS, "N",
	    "with --learn: items a paragraph must recur in (3)" },
	{ "weights", OPT_WEIGHTS, "FILE",
	    "step weigh's weights instead of the shipped ones" },
	{ "weigh-features", OPT_WEIGH_FEATURES, "FILE",
	    "write the signals step weigh reads of each paragraph to FILE\n"
	    "and let it remove nothing (for its training)" },
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artclean [-z] [-m model] [-o file] [-r rules] [--ascii] "
	"[--explain]\n"
	"                [--nfkc] [--no-default-rules] [--skip steps] "
	"[--weights file]\n"
	"                [--weigh-features file] [file ...]\n"
	"       artclean --learn model [--min-items n] [--ascii] [--nfkc]\n"
	"                [--no-default-rules] [--skip steps] [file ...]\n",
	own, TOOLOPT_RECORDS, NULL, NULL
};

/*
 * Which options go with --learn, which without (toolopt_mode): a model is
 * learned from the text before the rules, so --learn reads no rules or
 * model and writes nothing but the model.
 */
#define BOTH_TAKE	"--no-default-rules --skip --nfkc --ascii --rejects " \
			"--plain"
static const struct toolopt_mode modes[] = {
	{ "--learn", "--min-items " BOTH_TAKE },
	{ "", "-m -r --explain -o -z --weights --weigh-features " BOTH_TAKE }
};

/* Do paths a and b name one existing file? */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return strcmp(b, "-") != 0 && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct run_mapper m;
	struct buf skiphelp = BUF_INIT;
	const char *dump = NULL;
	unsigned skip;
	size_t i;
	int ch;

	memset(&o, 0, sizeof(o));
	toolopt_init(&o.common);
	buf_printf(&skiphelp, "switch steps off, comma-separated:\n%s",
	    clean_step_names());
	own[4].help = buf_cstr(&skiphelp);
	o.rec.clean.steps = CLEAN_ALL;
	o.rec.clean.rule_files = o.rules;
	o.rec.min_items = 3;
	while ((ch = toolopt_getopt(&options, &o.common, argc, argv)) != -1) {
		switch (ch) {
		case 'm':
			o.rec.clean.model_file = optarg;
			break;
		case 'r':
			if (o.rec.clean.nrule_files == NELEM(o.rules))
				errx(2, "too many rule files");
			o.rules[o.rec.clean.nrule_files++] = optarg;
			break;
		case OPT_ASCII:
			o.rec.clean.ascii = 1;
			break;
		case OPT_EXPLAIN:
			o.rec.explain = true;
			break;
		case OPT_LEARN:
			o.rec.learn = optarg;
			break;
		case OPT_MIN_ITEMS:
			o.rec.min_items = (unsigned)toolopt_num(optarg,
			    "min-items", 2, 1000000);
			break;
		case OPT_NFKC:
			o.rec.clean.nfkc = 1;
			break;
		case OPT_NO_DEFAULT_RULES:
			o.rec.clean.no_default_rules = 1;
			break;
		case OPT_WEIGHTS:
			o.rec.clean.weights_file = optarg;
			break;
		case OPT_WEIGH_FEATURES:
			dump = optarg;
			break;
		case OPT_SKIP:
			if (clean_steps(optarg, &skip) < 0)
				errx(2, "skip is %s: steps are %s", optarg,
				    clean_step_names());
			o.rec.clean.steps &= ~skip;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	(void)toolopt_mode(&options, &o.common, modes, NELEM(modes),
	    sizeof(modes[0]), NULL);
	toolopt_table_free(&options);
	buf_free(&skiphelp);
	argc -= optind;
	argv += optind;
	toolopt_file(&o.common, "--learn", o.rec.learn, true);
	toolopt_file(&o.common, "-m", o.rec.clean.model_file, false);
	for (i = 0; i < o.rec.clean.nrule_files; i++)
		toolopt_file(&o.common, "-r", o.rules[i], false);
	toolopt_file(&o.common, "--weights", o.rec.clean.weights_file, false);
	toolopt_file(&o.common, "--weigh-features", dump, true);
	if (dump != NULL) {
		/*
		 * The dump is opened before the run checks its files (the
		 * cleaner is made first): it must not truncate an input.
		 */
		for (i = 0; i < (size_t)argc; i++)
			if (same_file(dump, argv[i]))
				errx(2, "--weigh-features %s is an input", dump);
		if (o.common.output != NULL && same_file(dump, o.common.output))
			errx(2, "--weigh-features %s is the output", dump);
		if ((o.rec.clean.weigh_dump = fopen(dump, "w")) == NULL)
			err(1, "%s", dump);
	}

	m = cleanrec_mapper(&o.rec);
	ch = run_mapper(&o.common, argc, argv, &m);
	if (o.rec.clean.weigh_dump != NULL &&
	    fclose(o.rec.clean.weigh_dump) != 0)
		err(1, "%s", dump);
	return ch;
}
