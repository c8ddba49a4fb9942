/*
 * csv.c - the CSV reader: RFC 4180 with a header row naming the fields
 * (split.h); --columns and a few common names map columns to fields.
 *
 * Nothing is lost: every column keeps its value under a field of its own
 * (two columns for one field stop the file with a message), a row that
 * is not one goes to --rejects as read, and a quote that never closes
 * costs its row only (resync).  Memory holds one row, at most
 * --max-record bytes of it.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/date.h"
#include "split/reader.h"
#include "base/strset.h"
#include "base/util.h"

struct colmap {
	char	*from, *to;
};

struct csv {
	struct colmap	*cols;		/* --columns */
	size_t		 ncols, capcols;
	size_t		 max;		/* --max-record */

	/* per file */
	struct buf	 row;		/* the row's raw lines, for --rejects */
	unsigned long	 row_line;	/* where the row started */
	struct buf	*cells;
	size_t		 ncells, capcells;
	bool		 inquote, header_done, dead;
	char		**header;	/* field names, unique (but "id") */
	size_t		 nheader;
};

static void
parse_columns(struct csv *c, const char *spec)
{
	char *copy, *tok, *next, *eq;

	copy = xstrdup(spec);
	for (tok = copy; tok != NULL; tok = next) {
		if ((next = strchr(tok, ',')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(tok, '=')) == NULL || eq == tok ||
		    eq[1] == '\0')
			errx(2, "columns is %s: want COLUMN=FIELD,...", spec);
		*eq = '\0';
		c->cols = xroom(c->cols, &c->capcols, c->ncols + 1,
		    sizeof(*c->cols));
		c->cols[c->ncols].from = xstrdup(tok);
		c->cols[c->ncols].to = xstrdup(eq + 1);
		c->ncols++;
	}
	free(copy);
}

static void *
csv_new(const struct split_opts *o)
{
	struct csv *c;

	c = xcalloc(1, sizeof(*c));
	c->max = o->max_record ? o->max_record : INPUT_MAX_RECORD_DEFAULT;
	if (o->columns != NULL)
		parse_columns(c, o->columns);
	return c;
}

static void
free_header(struct csv *c)
{
	size_t i;

	for (i = 0; i < c->nheader; i++)
		free(c->header[i]);
	free(c->header);
	c->header = NULL;
	c->nheader = 0;
}

static void
csv_free(void *state)
{
	struct csv *c = state;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->ncols; i++) {
		free(c->cols[i].from);
		free(c->cols[i].to);
	}
	free(c->cols);
	for (i = 0; i < c->capcells; i++)
		buf_free(&c->cells[i]);
	free(c->cells);
	free_header(c);
	buf_free(&c->row);
	free(c);
}

static void
csv_begin(void *state, struct splitter *sp, struct run *run)
{
	struct csv *c = state;

	c->inquote = c->header_done = c->dead = false;
	free_header(c);
	buf_reset(&c->row);
}

static struct buf *
cell(struct csv *c, size_t i)
{
	if (i >= c->capcells) {
		size_t old = c->capcells;

		c->cells = xroom(c->cells, &c->capcells, i + 1,
		    sizeof(*c->cells));
		memset(c->cells + old, 0,
		    (c->capcells - old) * sizeof(*c->cells));
	}
	return &c->cells[i];
}

/*
 * The field a column gives: the one --columns names, else the column's own
 * name.  *alias is set for the common names that stand for a field
 * (headline for title; body, content, article for text): they give it only
 * when no other column does, and keep their own name otherwise.
 */
static const char *
column_field(const struct csv *c, const char *col, const char **alias)
{
	static const struct { const char *from, *to; } builtin[] = {
		{ "headline", "title" }, { "body", "text" },
		{ "content", "text" }, { "article", "text" },
	};
	size_t i;

	*alias = NULL;
	for (i = 0; i < c->ncols; i++)
		if (strcmp(c->cols[i].from, col) == 0)
			return c->cols[i].to;
	for (i = 0; i < NELEM(builtin); i++)
		if (strcasecmp(builtin[i].from, col) == 0)
			*alias = builtin[i].to;
	return col;
}

/*
 * Give column i the field name; false (after the message) when another
 * column already gives it: which value to keep cannot be guessed.
 */
static bool
claim(struct csv *c, struct run *run, struct strset *names, size_t **owner,
    size_t *capowner, size_t i, const char *name)
{
	uint32_t k;
	int added;

	k = strset_add(names, name, strlen(name), &added);
	if (!added) {
		run_fail_at(run, c->row_line, "columns %zu and %zu both give "
		    "the field \"%s\"", (*owner)[k] + 1, i + 1, name);
		return false;
	}
	*owner = xroom(*owner, capowner, (size_t)k + 1, sizeof(**owner));
	(*owner)[k] = i;
	return true;
}

/*
 * The header row: a unique field name for every column, so that no value
 * is lost under another's name.  Names given outright (a field's own name,
 * --columns) come first, then the aliases that are still free.  A "date"
 * column's unparsed values go to date_text, so that name is its too.
 */
static void
csv_header(struct csv *c, struct run *run)
{
	struct strset *names = strset_new();
	size_t *owner = NULL, capowner = 0, i;
	const char *name, *alias;
	int pass;
	bool ok = true;

	c->header = xcalloc(c->ncells, sizeof(*c->header));
	c->nheader = c->ncells;
	c->header_done = true;
	for (pass = 0; pass < 2 && ok; pass++)
		for (i = 0; i < c->ncells && ok; i++) {
			name = column_field(c, buf_cstr(&c->cells[i]), &alias);
			if ((alias != NULL) != (pass == 1))
				continue;
			if (alias != NULL && (strset_find(names, alias,
			    strlen(alias)) == UINT32_MAX))
				name = alias;
			ok = claim(c, run, names, &owner, &capowner, i, name);
			if (ok)
				c->header[i] = xstrdup(name);
			if (ok && strcmp(name, "date") == 0)
				ok = claim(c, run, names, &owner, &capowner,
				    i, "date_text");
		}
	if (ok && strset_find(names, "text", 4) == UINT32_MAX)
		run_fail(run, "no column gives the text field "
		    "(name one with --columns COLUMN=text)");
	if (!ok)
		c->dead = true;
	strset_free(names);
	free(owner);
}

static void
csv_row(struct csv *c, struct splitter *sp, struct run *run)
{
	const char *id = NULL, *name;
	struct buf iso = BUF_INIT;
	size_t i, idlen = 0, used;

	/*
	 * A header that failed (read again after an unclosed quote, in the
	 * middle of a line resync fed) ends the file: the rest of that line
	 * makes no row, as no later line does (csv_line).
	 */
	if (c->dead)
		return;
	if (!c->header_done) {
		csv_header(c, run);
		return;
	}
	if (c->ncells == 1 && c->cells[0].len == 0)
		return;			/* blank line */
	if (c->ncells != c->nheader) {
		run_reject_at(run, c->row_line, "row has %zu fields, the "
		    "header %zu", c->ncells, c->nheader);
		if (run_rejected(run))
			run_rejected_more(run, c->row.s, c->row.len);
		return;
	}
	for (i = 0; i < c->ncells; i++)
		if (strcmp(c->header[i], "id") == 0 && c->cells[i].len > 0) {
			id = c->cells[i].s;
			idlen = c->cells[i].len;
		}
	record_reset(&sp->rec);
	split_item_id(sp, run, id, idlen);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	for (i = 0; i < c->ncells; i++) {
		name = c->header[i];
		if (strcmp(name, "id") == 0)
			continue;
		if (strcmp(name, "date") == 0 && c->cells[i].len > 0) {
			buf_reset(&iso);
			if (date_parse(c->cells[i].s, c->cells[i].len, &iso,
			    &used) == DATE_OK && used == c->cells[i].len)
				record_add(&sp->rec, "date", iso.s, iso.len);
			else
				record_add(&sp->rec, "date_text",
				    c->cells[i].s, c->cells[i].len);
			continue;
		}
		record_add(&sp->rec, name, buf_cstr(&c->cells[i]),
		    c->cells[i].len);
	}
	buf_free(&iso);
	split_emit(sp, run);
}

static void	feed(struct csv *, struct splitter *, struct run *,
		    const char *, size_t, const char *, size_t, unsigned long);

/*
 * A row whose quote does not close (by the end of the file, or within
 * --max-record) cannot be a row: its first line goes to --rejects, and the
 * lines after it are read again as rows, so one stray quote costs one row.
 * One of them may be the header, and a header that fails ends the file
 * there as it does anywhere (its names are unset: no row can be read).
 */
static void
resync(struct csv *c, struct splitter *sp, struct run *run, const char *why)
{
	struct buf held = c->row;
	const char *p, *end, *nl, *s, *eol;
	unsigned long line = c->row_line;
	size_t n, rawn;

	memset(&c->row, 0, sizeof(c->row));
	c->inquote = false;
	p = held.s;
	end = p + held.len;
	nl = memchr(p, '\n', held.len);
	run_reject_at(run, line, "%s", why);
	if (run_rejected(run)) {
		run_rejected_more(run, p, (size_t)(nl + 1 - p));
		/* held has each line with its end: "\r\n" or "\n" */
		for (p = nl + 1; p < end && !c->dead && !run_stopped(run);
		    p = nl + 1) {
			nl = memchr(p, '\n', (size_t)(end - p));
			rawn = (size_t)(nl - p);
			eol = "\n";
			if (rawn > 0 && p[rawn - 1] == '\r') {
				rawn--;
				eol = "\r\n";
			}
			s = p;
			n = rawn;
			sp->eol = eol;
			line++;
			if (split_decode(sp, run, &s, &n))
				feed(c, sp, run, s, n, p, rawn, line);
		}
	}
	buf_free(&held);
}

/* RFC 4180: quoted cells may hold commas, "" and newlines. */
static void
feed(struct csv *c, struct splitter *sp, struct run *run, const char *s,
    size_t n, const char *raw, size_t rawn, unsigned long line)
{
	struct buf keep = BUF_INIT;
	const char *eol;
	char why[80];
	size_t i;

	if (c->inquote && c->row.len + rawn + 1 > c->max) {
		/* s may be split.c's decoding buffer, which resync reuses */
		buf_add(&keep, s, n);
		snprintf(why, sizeof(why), "quoted field longer than "
		    "--max-record (%zu bytes)", c->max);
		eol = sp->eol;
		while (c->inquote && c->row.len + rawn + 1 > c->max &&
		    !run_stopped(run))
			resync(c, sp, run, why);
		sp->eol = eol;
		if (!run_stopped(run))
			feed(c, sp, run, buf_cstr(&keep), keep.len, raw, rawn,
			    line);
		buf_free(&keep);
		return;
	}
	if (!c->inquote) {
		c->ncells = 0;
		buf_reset(cell(c, 0));
		c->ncells = 1;
		buf_reset(&c->row);
		c->row_line = line;
	} else
		buf_addc(&c->cells[c->ncells - 1], '\n');
	buf_add(&c->row, raw, rawn);
	buf_adds(&c->row, sp->eol != NULL ? sp->eol : "\n");
	for (i = 0; i < n; i++) {
		if (c->inquote) {
			if (s[i] != '"')
				buf_addc(&c->cells[c->ncells - 1], s[i]);
			else if (i + 1 < n && s[i + 1] == '"')
				buf_addc(&c->cells[c->ncells - 1], s[i++]);
			else
				c->inquote = false;
		} else if (s[i] == '"')
			c->inquote = true;
		else if (s[i] == ',') {
			buf_reset(cell(c, c->ncells));
			c->ncells++;
		} else
			buf_addc(&c->cells[c->ncells - 1], s[i]);
	}
	if (!c->inquote)
		csv_row(c, sp, run);
}

static void
csv_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	struct csv *c = state;

	if (!c->dead)
		feed(c, sp, run, s, n, sp->raw, sp->rawlen, sp->lineno);
}

static void
csv_end(void *state, struct splitter *sp, struct run *run)
{
	struct csv *c = state;

	while (c->inquote && !c->dead && !run_stopped(run))
		resync(c, sp, run, "quoted field never closed");
}
const struct split_reader split_csv = {
	.name = "csv",
	.stream = true,
	.new = csv_new,
	.free = csv_free,
	.begin = csv_begin,
	.line = csv_line,
	.end = csv_end,
};
