/*
 * artsent - cut the text of news records into sentences.
 *
 * Options and the record function only; the splitter is lib/sent/sentsplit.c,
 * shared with artsim's alignment.
 */
#include <err.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/run.h"
#include "sent/offsets.h"
#include "sent/sentsplit.h"
#include "io/toolopt.h"
#include "base/utf8.h"
#include "base/util.h"

enum {
	OPT_KEEP = OPT_TOOL,
	OPT_OFFSETS,
	OPT_WITH_TITLE
};

struct opts {
	struct toolopt	 common;
	const char	*lang;
	const char	*abbrev[64];	/* -a FILE */
	size_t		 nabbrev;
	char		**keep;		/* --keep FIELDS */
	size_t		 nkeep, capkeep;
	bool		 offsets;
	bool		 plain;		/* -t */
	bool		 with_title;
};

struct state {
	const struct opts *o;
	struct sentsplit *ss;
	struct sent	*v;
	size_t		 cap;
	struct record	 out;
	struct buf	 line;
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
	{ NULL, 0, NULL, NULL }
};

static struct toolopt_table options = {
	"usage: artsent [-tz] [-a file] [-l lang] [-o file] [--keep fields] "
	"[--offsets]\n"
	"               [--with-title] [file ...]\n",
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

/* The fields artsent writes itself, which --keep must not overwrite. */
static const char *const own_fields[] = {
	"id", "par", "sent", "text", "start", "end"
};

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
		for (i = 0; i < NELEM(own_fields); i++)
			if (strcmp(tok, own_fields[i]) == 0)
				errx(2, "keep is %s: %s is a field of the "
				    "sentence itself (id, par, sent, text, "
				    "start, end)", list, tok);
		o->keep = xroom(o->keep, &o->capkeep, o->nkeep + 1,
		    sizeof(*o->keep));
		o->keep[o->nkeep++] = xstrdup(tok);
	}
	free(copy);
}

/* Write one sentence, s[0..n), whose code points are [cstart, cend). */
static void
emit(struct state *st, struct run *run, struct record *in, unsigned par,
    unsigned sent, const char *s, size_t n, size_t cstart, size_t cend)
{
	enum json_type t;
	const char *id, *json;
	size_t i, idlen, jn;

	if (st->o->plain) {
		buf_reset(&st->line);
		buf_add(&st->line, s, n);
		/* One sentence a line: soft line breaks become spaces. */
		for (i = 0; i < st->line.len; i++)
			if (st->line.s[i] == '\n' || st->line.s[i] == '\r')
				st->line.s[i] = ' ';
		buf_addc(&st->line, '\n');
		run_write(run, st->line.s, st->line.len);
		return;
	}
	record_reset(&st->out);
	if (record_get(in, "id", &id, &idlen) == 1)
		record_set(&st->out, "id", id, idlen);
	record_set_int(&st->out, "par", par);
	record_set_int(&st->out, "sent", sent);
	record_set(&st->out, "text", s, n);
	if (st->o->offsets) {
		record_set_int(&st->out, "start", (long long)cstart);
		record_set_int(&st->out, "end", (long long)cend);
	}
	for (i = 0; i < st->o->nkeep; i++)
		if (record_raw(in, st->o->keep[i], &json, &jn, &t) == 1)
			record_set_raw(&st->out, st->o->keep[i], json, jn, t);
	run_emit(run, &st->out);
}

static int
split_record(void *arg, struct record *rec, struct run *run)
{
	struct state *st = arg;
	const char *t, *title;
	size_t n, tn, k, count, cstart = 0, cend = 0;
	unsigned sent = 0;
	struct offsets off;

	if (st->o->with_title && record_get(rec, "title", &title, &tn) == 1 &&
	    tn > 0)
		emit(st, run, rec, 0, 0, title, tn, 0, utf8_count(title, tn));
	if (record_get(rec, "text", &t, &n) != 1)
		return 0;
	count = sentsplit_run(st->ss, t, n, &st->v, &st->cap);
	offsets_init(&off, t, n);
	for (k = 0; k < count; k++) {
		if (st->o->offsets) {
			cstart = offsets_cp(&off, st->v[k].start);
			cend = offsets_cp(&off, st->v[k].end);
		}
		emit(st, run, rec, st->v[k].par, ++sent, t + st->v[k].start,
		    st->v[k].end - st->v[k].start, cstart, cend);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	struct state st;
	size_t i;
	int ch, rval;

	memset(&o, 0, sizeof(o));
	toolopt_init(&o.common);
	o.lang = "en";
	while ((ch = toolopt_getopt(&options, &o.common, argc, argv)) != -1) {
		switch (ch) {
		case 'a':
			if (o.nabbrev == NELEM(o.abbrev))
				errx(2, "too many abbreviation files");
			o.abbrev[o.nabbrev++] = optarg;
			break;
		case 'l':
			check_lang(optarg);
			o.lang = optarg;
			break;
		case 't':
			o.plain = true;
			break;
		case OPT_KEEP:
			parse_keep(&o, optarg);
			break;
		case OPT_OFFSETS:
			o.offsets = true;
			break;
		case OPT_WITH_TITLE:
			o.with_title = true;
			break;
		default:
			toolopt_usage(&options, false);
		}
	}
	toolopt_table_free(&options);
	argc -= optind;
	argv += optind;
	if (o.plain && (o.offsets || o.nkeep > 0))
		errx(2, "-t prints text only: no --offsets or --keep");

	memset(&st, 0, sizeof(st));
	st.o = &o;
	st.ss = sentsplit_new(o.lang, o.abbrev, o.nabbrev);
	rval = run_records(&o.common, argc, argv, split_record, NULL, &st);
	sentsplit_free(st.ss);
	free(st.v);
	record_free(&st.out);
	buf_free(&st.line);
	for (i = 0; i < o.nkeep; i++)
		free(o.keep[i]);
	free(o.keep);
	return rval;
}
