/*
 * artsent - cut the text of news records into sentences.
 *
 * Options and their checks only: the sentence records are written by
 * lib/sentrec/sentrec.c over the splitter, lib/sent/sentsplit.c, which
 * artsim's alignment shares.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "io/run.h"
#include "io/toolopt.h"
#include "sent/sentsplit.h"
#include "sentrec/sentrec.h"

enum {
	OPT_KEEP = OPT_TOOL,
	OPT_OFFSETS,
	OPT_WITH_TITLE,
	OPT_UNWRAP,
	OPT_EXACT
};

struct opts {
	struct toolopt	 common;
	struct sentrec_opts rec;	/* what the records are to hold */
	const char	*abbrev[64];	/* -a FILE */
	char		**keep;		/* --keep FIELDS */
	size_t		 nkeep, capkeep;
};

static const struct toolopt_spec own[] = {
	{ "text", 't', NULL, "print plain sentences, one per line" },
	{ "lang", 'l', "LANG",
	    "abbreviations from abbrev/LANG.txt in the data directory "
	    "(default en; de, fr and es are shipped)" },
	{ "abbrev", 'a', "FILE", "more abbreviations (repeatable)" },
	{ "offsets", OPT_OFFSETS, NULL, "add start and end, in code points of text" },
	{ "keep", OPT_KEEP, "FIELDS",
	    "copy these fields of the item onto each sentence" },
	{ "with-title", OPT_WITH_TITLE, NULL, "emit the title as paragraph 0" },
	{ "unwrap", OPT_UNWRAP, NULL,
	    "make soft line breaks in text spaces, as -t does" },
	{ "exact", OPT_EXACT, NULL,
	    "keep line breaks inside a sentence as they are in the input" },
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artsent [-tz] [-a file] [-l lang] [-o file] [--keep fields] "
	"[--offsets]\n"
	"               [--exact | --unwrap] [--with-title] [file ...]\n",
	own, TOOLOPT_RECORDS, NULL, NULL
};

/*
 * A language is any with a list in the data directory, so that a user can
 * add one; what was looked for is named when there is none.
 */
static void
check_lang(const char *lang)
{
	char *path;

	if ((path = sentsplit_lang_path(lang)) == NULL)
		errx(2, "lang is %s: not a language name", lang);
	if (access(path, R_OK) != 0)
		err(2, "lang is %s: no list %s", lang, path);
	free(path);
}

/* Split "title,date,source" into o->keep. */
static void
parse_keep(struct opts *o, const char *list)
{
	char *copy, *tok, *next;
	size_t i;

	copy = xstrdup(list);
	for (tok = copy; tok != NULL; tok = next) {
		if ((next = strchr(tok, ',')) != NULL)
			*next++ = '\0';
		if (*tok == '\0')
			errx(2, "keep is %s: an empty field name", list);
		if (sentrec_own_field(tok))
			errx(2, "keep is %s: %s is a field of the sentence "
			    "itself (" SENTREC_OWN_FIELDS ")", list, tok);
		for (i = 0; i < o->nkeep; i++)
			if (strcmp(tok, o->keep[i]) == 0)
				break;
		if (i < o->nkeep)
			continue;	/* named twice, written once */
		o->keep = xroom(o->keep, &o->capkeep, o->nkeep + 1,
		    sizeof(*o->keep));
		o->keep[o->nkeep++] = xstrdup(tok);
	}
	free(copy);
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct run_mapper m;
	size_t i;
	int ch, rval;

	memset(&o, 0, sizeof(o));
	toolopt_init(&o.common);
	o.rec.lang = "en";
	while ((ch = toolopt_getopt(&options, &o.common, argc, argv)) != -1) {
		switch (ch) {
		case 'a':
			if (o.rec.nabbrev == NELEM(o.abbrev))
				errx(2, "too many abbreviation files");
			o.abbrev[o.rec.nabbrev++] = optarg;
			break;
		case 'l':
			check_lang(optarg);
			o.rec.lang = optarg;
			break;
		case 't':
			o.rec.plain = true;
			break;
		case OPT_KEEP:
			parse_keep(&o, optarg);
			break;
		case OPT_OFFSETS:
			o.rec.offsets = true;
			break;
		case OPT_WITH_TITLE:
			o.rec.with_title = true;
			break;
		case OPT_UNWRAP:
			o.rec.unwrap = true;
			break;
		case OPT_EXACT:
			o.rec.exact = true;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (o.rec.plain && (o.rec.offsets || o.nkeep > 0))
		errx(2, "-t prints text only: no --offsets or --keep");
	if (o.rec.unwrap && o.rec.exact)
		errx(2, "--exact keeps the text's line breaks, --unwrap "
		    "removes them: give one");
	if (o.rec.unwrap && o.rec.offsets)
		errx(2, "--unwrap changes text, so it is no slice for "
		    "--offsets");

	o.rec.abbrev = o.abbrev;
	o.rec.keep = (const char *const *)o.keep;
	o.rec.nkeep = o.nkeep;
	m = sentrec_mapper(&o.rec);
	rval = run_mapper(&o.common, argc, argv, &m);
	for (i = 0; i < o.nkeep; i++)
		free(o.keep[i]);
	free(o.keep);
	return rval;
}
