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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "io/msgname.h"
#include "io/run.h"
#include "io/toolopt.h"
#include "sim/mode.h"
#include "sim/refindex.h"

enum {
	OPT_ALIGN = OPT_TOOL,
	OPT_CHARS,
	OPT_CLUSTERS,
	OPT_CONTAIN,
	OPT_DEDUP,
	OPT_DUPS,
	OPT_ESTIMATE,
	OPT_EXACT,
	OPT_FLOOR,
	OPT_INDEX,
	OPT_KEEP,
	OPT_MAP,
	OPT_MAX_GROUP,
	OPT_MAP_BUFFER,
	OPT_MIN_WORDS,
	OPT_PARTLY,
	OPT_REDUCE,
	OPT_REF,
	OPT_SEED,
	OPT_WHOLLY,
	OPT_WITH_TITLE
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
	{ "floor", OPT_FLOOR, "C",
	    "or with containment >= C and passages that show reuse\n"
	    "(default 0.25; 0 off)" },
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
	{ "map-buffer", OPT_MAP_BUFFER, "N",
	    "with --map: bytes of lines held to join by key (16M; 0: none)" },
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artsim [-z] [-j threads] [-k hashes] [-n words] [-o file] "
	"[-t jaccard]\n"
	"              [--chars n] [--contain c] [--floor c] "
	"[--exact | --estimate]\n"
	"              [--seed n] [--with-title]\n"
	"              [--clusters | --dedup [--keep how] [--dups file]]\n"
	"              [file ...]\n"
	"       artsim --align [-z] [-j threads] [-k hashes] [-n words] "
	"[-o file]\n"
	"              [-t jaccard] [--chars n] [--contain c] [--exact] "
	"[--seed n]\n"
	"              [--min-words n] [--wholly r] [--partly r] "
	"[file ...]\n"
	"       artsim --index -o index [-n words] [--chars n] [--seed n] "
	"[file ...]\n"
	"       artsim --ref index [-z] [-j threads] [-o file] [-t jaccard]\n"
	"              [--contain c]\n"
	"              [--floor c | --align [--min-words n] [--wholly r] "
	"[--partly r]]\n"
	"              [file ...]\n"
	"       artsim --map [-z] [-k hashes] [-n words] [-o file] "
	"[-t jaccard]\n"
	"              [--chars n] [--contain c] [--floor c] [--seed n] "
	"[--with-title]\n"
	"              [--map-buffer bytes] [file ...]\n"
	"       artsim --reduce [-z] [-k hashes] [-n words] [-o file] "
	"[-t jaccard]\n"
	"              [--chars n] [--contain c] [--floor c] [--seed n]\n"
	"              [--max-group bytes]\n"
	"              [file ...]\n",
	own, TOOLOPT_RECORDS, NULL, NULL
};

/*
 * Which options go with which mode (toolopt_mode): a row per mode, named
 * by the options that choose it, the other options it takes, and its
 * constructor (mode.h).  The first row whose choosing options were all
 * given is the mode.
 */
#define PAIRS_TAKES	"-j -k -n -t --chars --contain --floor --exact " \
			"--estimate " \
			"--seed --with-title -o -z --rejects --plain"
#define ALIGN_TAKES	"--min-words --wholly --partly -o -z --rejects --plain"

static const struct mode_row {
	struct toolopt_mode opts;
	struct run_mapper (*make)(const struct mode_opts *);
} modes[] = {
	{ { "--ref --align", "-j -t --contain " ALIGN_TAKES }, mode_ref_align },
	{ { "--ref", "-j -t --contain --floor -o -z --rejects --plain" },
	    mode_ref },
	{ { "--index", "-n --chars --seed -o --rejects --plain" },
	    mode_index },
	{ { "--align", "-j -k -n -t --chars --contain --exact --seed "
	    ALIGN_TAKES }, mode_align },
	{ { "--clusters", PAIRS_TAKES }, mode_clusters },
	{ { "--dedup", PAIRS_TAKES " --keep --dups" }, mode_dedup },
	{ { "--map", "-k -n -t --chars --contain --floor --seed --with-title "
	    "--map-buffer -o -z --rejects --plain" }, mode_map },
	{ { "--reduce", "-k -n -t --chars --contain --floor --seed --max-group -o "
	    "-z" }, mode_reduce },
	{ { "", PAIRS_TAKES }, mode_pairs }
};

/* Options that no mode takes together. */
static const char *const apart[] = { "--exact --estimate", NULL };

int
main(int argc, char *argv[])
{
	struct mode_opts o;
	const struct mode_row *row;
	struct run_mapper m;
	int ch, i;

	mode_opts_init(&o);
	while ((ch = toolopt_getopt(&options, &o.common, argc, argv)) != -1) {
		switch (ch) {
		case 'j':
			o.sim.threads = (unsigned)toolopt_num(optarg,
			    "threads", 1, 256);
			break;
		case 'k':
			o.sim.k = (unsigned)toolopt_num(optarg, "hashes", 1,
			    1024);
			break;
		case 'n':
			o.sim.n = (unsigned)toolopt_num(optarg, "words", 1,
			    64);
			break;
		case 't':
			o.sim.jaccard = toolopt_real(optarg, "jaccard", 0.01,
			    1);
			break;
		case OPT_CHARS:
			o.sim.chars = (unsigned)toolopt_num(optarg, "chars", 1,
			    64);
			break;
		case OPT_CONTAIN:
			o.sim.contain = toolopt_real(optarg, "contain", 0, 1);
			o.contain_set = true;
			break;
		case OPT_FLOOR:
			o.sim.floor = toolopt_real(optarg, "floor", 0, 1);
			break;
		case OPT_DUPS:
			o.dups = optarg;
			break;
		case OPT_ESTIMATE:
			o.sim.estimate = 1;
			break;
		case OPT_EXACT:
			o.sim.exact = 1;
			break;
		case OPT_KEEP:
			if (strcmp(optarg, "first") == 0)
				o.keep = MODE_KEEP_FIRST;
			else if (strcmp(optarg, "longest") == 0)
				o.keep = MODE_KEEP_LONGEST;
			else if (strcmp(optarg, "earliest") == 0)
				o.keep = MODE_KEEP_EARLIEST;
			else
				errx(2, "keep is %s: want first, longest or "
				    "earliest", optarg);
			break;
		case OPT_MAX_GROUP:
			o.max_group = toolopt_size(optarg, "max-group", 1024,
			    SIZE_MAX);
			break;
		case OPT_MAP_BUFFER:
			o.map_buffer = strcmp(optarg, "0") == 0 ? 0 :
			    toolopt_size(optarg, "map-buffer", 1024,
			    SIZE_MAX);
			break;
		case OPT_MIN_WORDS:
			o.align.min_words = (unsigned)toolopt_num(optarg,
			    "min-words", ALIGN_SEED, 100000);
			break;
		case OPT_PARTLY:
			o.align.partly = toolopt_real(optarg, "partly", 0, 1);
			break;
		case OPT_WHOLLY:
			o.align.wholly = toolopt_real(optarg, "wholly", 0, 1);
			break;
		case OPT_REF:
			o.ref = optarg;
			break;
		case OPT_SEED:
			o.sim.seed = (uint64_t)toolopt_num(optarg, "seed", 0,
			    LLONG_MAX);
			break;
		case OPT_WITH_TITLE:
			o.with_title = true;
			break;
		case OPT_ALIGN:
		case OPT_CLUSTERS:
		case OPT_DEDUP:
		case OPT_INDEX:
		case OPT_MAP:
		case OPT_REDUCE:
			break;		/* a mode: the table's */
		default:
			toolopt_usage(&options, false);
		}
	}
	row = &modes[toolopt_mode(&options, &o.common, modes, NELEM(modes),
	    sizeof(modes[0]), apart)];
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (o.align.partly > o.align.wholly)
		errx(2, "--partly is above --wholly");
	if (row->make == mode_index && o.common.output == NULL &&
	    isatty(STDOUT_FILENO))
		errx(2, "--index writes a binary file: give -o file");
	/* The run refuses an output that names an input or another output. */
	toolopt_file(&o.common, "--dups", o.dups, true);
	toolopt_file(&o.common, "--ref", o.ref, false);
	/*
	 * An index where records are read was "invalid UTF-8 (byte 65)":
	 * true, but not what to do.
	 */
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "-") != 0 && refindex_file_is(argv[i]))
			errx(2, "%s is an artsim index, not records: give it "
			    "with --ref", msgname(argv[i]));
	m = row->make(&o);
	return run_mapper(&o.common, argc, argv, &m);
}
