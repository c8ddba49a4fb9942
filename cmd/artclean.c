/*
 * artclean - repair and clean the text and title of news records and
 * remove boilerplate.
 *
 * Options and the record function only; the cleaning is lib/text/clean.c, the
 * rules and the learned model lib/text/boiler.c.
 */
#include <err.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/clean.h"
#include "base/json.h"
#include "io/output.h"
#include "io/run.h"
#include "io/toolopt.h"
#include "base/util.h"

enum {
	OPT_ASCII = OPT_TOOL,
	OPT_EXPLAIN,
	OPT_LEARN,
	OPT_MIN_ITEMS,
	OPT_NFKC,
	OPT_NO_DEFAULT_RULES,
	OPT_SKIP
};

struct opts {
	struct toolopt		 common;
	struct clean_opts	 clean;
	const char		*rules[64];
	bool			 explain;
	const char		*learn;		/* --learn MODEL */
	unsigned		 min_items;
};

struct state {
	const struct opts	*o;
	struct cleaner		*cl;
	struct learner	*learner;
	struct buf		 out, json, source;
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
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artclean [-z] [-m model] [-o file] [-r rules] [--ascii] "
	"[--explain]\n"
	"                [--nfkc] [--no-default-rules] [--skip steps] "
	"[file ...]\n"
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
	{ "", "-m -r --explain -o -z " BOTH_TAKE }
};

static int
clean_record(void *arg, struct record *rec, struct run *run)
{
	struct state *st = arg;
	const struct removal *rm;
	const char *s, *source = NULL;
	size_t n, nrm;
	int explained = 0;

	/* a copy: setting the text may move what record_get points at */
	buf_reset(&st->source);
	if (record_get(rec, "source", &s, &n) == 1) {
		buf_add(&st->source, s, n);
		source = buf_cstr(&st->source);
	}
	buf_reset(&st->json);
	buf_addc(&st->json, '[');
	if (record_get(rec, "text", &s, &n) == 1) {
		if (st->learner != NULL) {
			clean_learn(st->cl, st->learner, source, s, n);
			return 0;
		}
		buf_reset(&st->out);
		nrm = clean_text(st->cl, source, s, n, &st->out, &rm);
		record_set(rec, "text", buf_cstr(&st->out), st->out.len);
		removal_json_add(rm, nrm, &st->json);
		explained = 1;
	}
	if (st->learner != NULL)
		return 0;
	if (record_get(rec, "title", &s, &n) == 1) {
		buf_reset(&st->out);
		nrm = clean_title(st->cl, source, s, n, &st->out, &rm);
		record_set(rec, "title", buf_cstr(&st->out), st->out.len);
		removal_json_add(rm, nrm, &st->json);
		explained = 1;
	}
	/* --explain: the "removed" field lists what went and why */
	if (st->o->explain && explained) {
		buf_addc(&st->json, ']');
		record_set_raw(rec, "removed", st->json.s, st->json.len,
		    JSON_ARRAY);
	}
	run_emit(run, rec);
	return 0;
}

static void
model_out(void *arg, const void *p, size_t n)
{
	output_write(arg, p, n);
}

/*
 * --learn: write the model atomically once all input has been read, as
 * -o would be: also when bad records went to --rejects.
 */
static void
write_model(void *arg, struct run *run)
{
	struct state *st = arg;
	struct output *out;
	long n;

	if (st->learner == NULL)
		return;
	if (!run_may_commit(run)) {
		warnx("no model written to %s: the run failed", st->o->learn);
		return;
	}
	out = output_open(st->o->learn, false);
	n = learner_write(st->learner, model_out, out);
	output_close(out, true);
	fprintf(stderr, "artclean: %ld paragraph%s learned into %s\n", n,
	    n == 1 ? "" : "s", st->o->learn);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct state st;
	struct buf errbuf = BUF_INIT, skiphelp = BUF_INIT;
	unsigned skip;
	size_t i;
	int ch, rval;

	memset(&o, 0, sizeof(o));
	toolopt_init(&o.common);
	buf_printf(&skiphelp, "switch steps off, comma-separated:\n%s",
	    clean_step_names());
	own[4].help = buf_cstr(&skiphelp);
	o.clean.steps = CLEAN_ALL;
	o.clean.rule_files = o.rules;
	o.min_items = 3;
	while ((ch = toolopt_getopt(&options, &o.common, argc, argv)) != -1) {
		switch (ch) {
		case 'm':
			o.clean.model_file = optarg;
			break;
		case 'r':
			if (o.clean.nrule_files == NELEM(o.rules))
				errx(2, "too many rule files");
			o.rules[o.clean.nrule_files++] = optarg;
			break;
		case OPT_ASCII:
			o.clean.ascii = 1;
			break;
		case OPT_EXPLAIN:
			o.explain = true;
			break;
		case OPT_LEARN:
			o.learn = optarg;
			break;
		case OPT_MIN_ITEMS:
			o.min_items = (unsigned)toolopt_num(optarg,
			    "min-items", 2, 1000000);
			break;
		case OPT_NFKC:
			o.clean.nfkc = 1;
			break;
		case OPT_NO_DEFAULT_RULES:
			o.clean.no_default_rules = 1;
			break;
		case OPT_SKIP:
			if (clean_steps(optarg, &skip) < 0)
				errx(2, "skip is %s: steps are %s", optarg,
				    clean_step_names());
			o.clean.steps &= ~skip;
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
	toolopt_file(&o.common, "--learn", o.learn, true);
	toolopt_file(&o.common, "-m", o.clean.model_file, false);
	for (i = 0; i < o.clean.nrule_files; i++)
		toolopt_file(&o.common, "-r", o.rules[i], false);

	memset(&st, 0, sizeof(st));
	st.o = &o;
	if ((st.cl = cleaner_new(&o.clean, &errbuf)) == NULL)
		errx(1, "%s", buf_cstr(&errbuf));
	if (o.learn != NULL)
		st.learner = learner_new(o.min_items);
	rval = run_records(&o.common, argc, argv, clean_record, write_model,
	    &st);
	learner_free(st.learner);
	cleaner_free(st.cl);
	buf_free(&st.out);
	buf_free(&st.json);
	buf_free(&st.source);
	buf_free(&errbuf);
	return rval;
}
