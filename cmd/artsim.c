/*
 * artsim - find near-duplicate news items.
 *
 * The options, which go together, and one call: each mode is a
 * constructor in lib/sim (mode.h) that returns what the driver runs
 * (io/run.h), over the engine it drives: the in-memory engine for pairs,
 * --clusters, --dedup and --align, the reference index for --index and
 * --ref, the map / sort / reduce split for --map and --reduce.
 */
#include <err.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "io/run.h"
#include "io/toolopt.h"
#include "sim/mode.h"

enum mode { PAIRS, CLUSTERS, DEDUP, ALIGN };
enum step { WHOLE, MAP, REDUCE };	/* one run, or a map/reduce step */

enum {
	OPT_ALIGN = OPT_TOOL,
	OPT_CHARS,
	OPT_CLUSTERS,
	OPT_CONTAIN,
	OPT_DEDUP,
	OPT_DUPS,
	OPT_ESTIMATE,
	OPT_EXACT,
	OPT_INDEX,
	OPT_KEEP,
	OPT_MAP,
	OPT_MAX_GROUP,
	OPT_MIN_WORDS,
	OPT_PARTLY,
	OPT_REDUCE,
	OPT_REF,
	OPT_SEED,
	OPT_WHOLLY,
	OPT_WITH_TITLE
};

/* What the command line says, beside the modes' options. */
struct opts {
	struct mode_opts m;
	bool		 align_set;	/* --min-words, --wholly or --partly */
	bool		 shingle_set;	/* -n, --chars or --seed */
	bool		 index;		/* --index */
	enum mode	 mode;
	enum step	 step;		/* --map, --reduce */
};

static const struct toolopt_spec own[] = {
	{ "words", 'n', "N", "words per shingle (default 5)" },
	{ "chars", OPT_CHARS, "N", "shingles of N characters instead of words" },
	{ "hashes", 'k', "K", "MinHash values per item (default 128)" },
	{ "threads", 'j', "N",
	    "threads finding pairs and answering --ref (default:\nthe online CPUs)" },
	{ "jaccard", 't', "J", "report pairs with Jaccard >= J (default 0.5)" },
	{ "contain", OPT_CONTAIN, "C",
	    "or with either containment >= C (default 0.5; 0 off)" },
	{ "exact", OPT_EXACT, NULL, "compare every pair sharing a shingle" },
	{ "estimate", OPT_ESTIMATE, NULL, "report MinHash estimates, keep no sets" },
	{ "seed", OPT_SEED, "N", "seed of every hash (default 0)" },
	{ "with-title", OPT_WITH_TITLE, NULL, "compare title and text" },
	{ "clusters", OPT_CLUSTERS, NULL, "pass every record through with its cluster" },
	{ "dedup", OPT_DEDUP, NULL, "keep one record per cluster" },
	{ "keep", OPT_KEEP, "HOW", "with --dedup: first, longest or earliest" },
	{ "dups", OPT_DUPS, "FILE", "with --dedup: write the dropped records to FILE" },
	{ "align", OPT_ALIGN, NULL,
	    "the passages each pair shares, and the share reused" },
	{ "min-words", OPT_MIN_WORDS, "N",
	    "with --align: shortest passage in words (default 10)" },
	{ "wholly", OPT_WHOLLY, "R", "with --align: wholly derived from a share of R (0.6)" },
	{ "partly", OPT_PARTLY, "R", "with --align: partially derived from R (0.1)" },
	{ "index", OPT_INDEX, NULL, "write a reference index of the items" },
	{ "ref", OPT_REF, "INDEX", "compare every item with the references in INDEX" },
	{ "map", OPT_MAP, NULL, "write key<TAB>value lines for a sort (map step)" },
	{ "reduce", OPT_REDUCE, NULL,
	    "turn sorted lines into the next round's (reduce step)" },
	{ "max-group", OPT_MAX_GROUP, "N",
	    "with --reduce: most bytes of one key's lines (256M)" },
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artsim [-z] [-j threads] [-k hashes] [-n words] [-o file] "
	"[-t jaccard]\n"
	"              [--chars n] [--contain c] [--exact | --estimate] "
	"[--seed n]\n"
	"              [--with-title]\n"
	"              [--clusters | --dedup [--keep how] [--dups file] |\n"
	"               --align [--min-words n] [--wholly r] "
	"[--partly r]] [file ...]\n"
	"       artsim --index -o index [-n words] [--chars n] [--seed n] "
	"[file ...]\n"
	"       artsim --ref index [-j threads] [--align ...] [-t jaccard]\n"
	"              [--contain c] [file ...]\n"
	"       artsim --map [-k hashes] [-n words] [-t jaccard] "
	"[--chars n]\n"
	"              [--contain c] [--seed n] [--with-title] "
	"[file ...]\n"
	"       artsim --reduce [--max-group bytes] [-k hashes] "
	"[-n words] [-t jaccard]\n"
	"              [--chars n] [--contain c] [--seed n] [file ...]\n",
	own, TOOLOPT_RECORDS, NULL, NULL
};

int
main(int argc, char *argv[])
{
	struct opts o;
	struct run_mapper m;
	int ch;

	memset(&o, 0, sizeof(o));
	mode_opts_init(&o.m);
	while ((ch = toolopt_getopt(&options, &o.m.common, argc, argv)) !=
	    -1) {
		switch (ch) {
		case 'j':
			o.m.sim.threads = (unsigned)toolopt_num(optarg,
			    "threads", 1, 256);
			break;
		case 'k':
			o.m.sim.k = (unsigned)toolopt_num(optarg, "hashes", 1,
			    1024);
			break;
		case 'n':
			o.m.sim.n = (unsigned)toolopt_num(optarg, "words", 1,
			    64);
			o.shingle_set = true;
			break;
		case 't':
			o.m.sim.jaccard = toolopt_real(optarg, "jaccard", 0.01,
			    1);
			break;
		case OPT_ALIGN:
			o.mode = ALIGN;
			break;
		case OPT_CHARS:
			o.m.sim.chars = (unsigned)toolopt_num(optarg, "chars", 1,
			    64);
			o.shingle_set = true;
			break;
		case OPT_CLUSTERS:
			o.mode = CLUSTERS;
			break;
		case OPT_CONTAIN:
			o.m.sim.contain = toolopt_real(optarg, "contain", 0, 1);
			o.m.contain_set = true;
			break;
		case OPT_DEDUP:
			o.mode = DEDUP;
			break;
		case OPT_DUPS:
			o.m.dups = optarg;
			break;
		case OPT_ESTIMATE:
			o.m.sim.estimate = 1;
			break;
		case OPT_EXACT:
			o.m.sim.exact = 1;
			break;
		case OPT_INDEX:
			o.index = true;
			break;
		case OPT_KEEP:
			if (strcmp(optarg, "first") == 0)
				o.m.keep = MODE_KEEP_FIRST;
			else if (strcmp(optarg, "longest") == 0)
				o.m.keep = MODE_KEEP_LONGEST;
			else if (strcmp(optarg, "earliest") == 0)
				o.m.keep = MODE_KEEP_EARLIEST;
			else
				errx(2, "keep is %s: want first, longest or "
				    "earliest", optarg);
			break;
		case OPT_MAP:
			o.step = MAP;
			break;
		case OPT_MAX_GROUP:
			o.m.max_group = toolopt_size(optarg, "max-group", 1024,
			    SIZE_MAX);
			break;
		case OPT_MIN_WORDS:
			o.m.align.min_words = (unsigned)toolopt_num(optarg,
			    "min-words", ALIGN_SEED, 100000);
			o.align_set = true;
			break;
		case OPT_PARTLY:
			o.m.align.partly = toolopt_real(optarg, "partly", 0, 1);
			o.align_set = true;
			break;
		case OPT_WHOLLY:
			o.m.align.wholly = toolopt_real(optarg, "wholly", 0, 1);
			o.align_set = true;
			break;
		case OPT_REDUCE:
			o.step = REDUCE;
			break;
		case OPT_REF:
			o.m.ref = optarg;
			break;
		case OPT_SEED:
			o.m.sim.seed = (uint64_t)toolopt_num(optarg, "seed", 0,
			    LLONG_MAX);
			o.shingle_set = true;
			break;
		case OPT_WITH_TITLE:
			o.m.with_title = true;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (o.m.sim.exact && o.m.sim.estimate)
		errx(2, "--exact and --estimate do not go together");
	if ((o.m.dups != NULL || o.m.keep != MODE_KEEP_FIRST) &&
	    o.mode != DEDUP)
		errx(2, "--keep and --dups go with --dedup");
	if (o.align_set && o.mode != ALIGN)
		errx(2, "--min-words, --wholly and --partly go with --align");
	if (o.mode == ALIGN) {
		if (o.m.sim.estimate || o.m.with_title)
			errx(2, "--align does not go with --estimate or "
			    "--with-title");
		if (o.m.align.partly > o.m.align.wholly)
			errx(2, "--partly is above --wholly");
	}
	if ((o.index || o.m.ref != NULL) && (o.mode == CLUSTERS ||
	    o.mode == DEDUP || o.m.with_title || o.m.sim.estimate))
		errx(2, "--index and --ref do not go with --clusters, --dedup, "
		    "--with-title or --estimate");
	if (o.index && (o.m.ref != NULL || o.mode != PAIRS))
		errx(2, "--index goes alone: not with --ref or --align");
	if (o.index && o.m.common.gzip)
		errx(2, "--index writes a file to be mapped: no -z");
	if (o.index && o.m.common.output == NULL && isatty(STDOUT_FILENO))
		errx(2, "--index writes a binary file: give -o file");
	if (o.m.ref != NULL && o.shingle_set)
		errx(2, "with --ref, -n, --chars and --seed are the index's");
	if (o.step != WHOLE && (o.mode != PAIRS || o.index ||
	    o.m.ref != NULL || o.m.sim.exact || o.m.sim.estimate))
		errx(2, "--map and --reduce find pairs: not with --clusters, "
		    "--dedup, --align, --index, --ref, --exact or --estimate");
	if (o.step == REDUCE && o.m.common.rejects != NULL)
		errx(2, "--reduce stops at a bad line: no --rejects");

	if (o.step == REDUCE)
		m = mode_reduce(&o.m);
	else if (o.step == MAP)
		m = mode_map(&o.m);
	else if (o.m.ref != NULL)
		m = o.mode == ALIGN ? mode_ref_align(&o.m) : mode_ref(&o.m);
	else if (o.index)
		m = mode_index(&o.m);
	else if (o.mode == CLUSTERS)
		m = mode_clusters(&o.m);
	else if (o.mode == DEDUP)
		m = mode_dedup(&o.m);
	else if (o.mode == ALIGN)
		m = mode_align(&o.m);
	else
		m = mode_pairs(&o.m);
	return run_mapper(&o.m.common, argc, argv, &m);
}
