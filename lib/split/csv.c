/*
 * csv.c - the CSV reader: RFC 4180 with a header row naming the fields
 * (split.h); --columns and a few common names map columns to fields.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/date.h"
#include "split/reader.h"
#include "base/util.h"

struct colmap {
	char	*from, *to;
};

struct csv {
	struct colmap	*cols;		/* --columns */
	size_t		 ncols;

	/* per file */
	struct buf	 item;		/* the row's raw lines, for --rejects */
	unsigned long	 item_line;	/* where the row started */
	struct buf	*cells;
	size_t		 ncells, capcells;
	bool		 inquote, header_done;
	char		**header;
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
		c->cols = xreallocarray(c->cols, c->ncols + 1,
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
	buf_free(&c->item);
	free(c);
}

static void
csv_begin(void *state, struct splitter *sp, struct run *run)
{
	struct csv *c = state;

	c->inquote = c->header_done = false;
	free_header(c);
	buf_reset(&c->item);
}

static struct buf *
cell(struct csv *c, size_t i)
{
	if (i >= c->capcells) {
		c->cells = xreallocarray(c->cells, i + 8, sizeof(*c->cells));
		memset(c->cells + c->capcells, 0,
		    (i + 8 - c->capcells) * sizeof(*c->cells));
		c->capcells = i + 8;
	}
	return &c->cells[i];
}

static const char *
column_field(const struct csv *c, const char *col)
{
	static const struct { const char *from, *to; } builtin[] = {
		{ "headline", "title" }, { "body", "text" },
		{ "content", "text" }, { "article", "text" },
	};
	size_t i;

	for (i = 0; i < c->ncols; i++)
		if (strcmp(c->cols[i].from, col) == 0)
			return c->cols[i].to;
	for (i = 0; i < NELEM(builtin); i++)
		if (strcasecmp(builtin[i].from, col) == 0)
			return builtin[i].to;
	return col;
}

static void
csv_row(struct csv *c, struct splitter *sp, struct run *run)
{
	const char *id = NULL, *name;
	struct buf iso = BUF_INIT;
	size_t i, idlen = 0, used;
	bool has_text = false;

	if (!c->header_done) {
		for (i = 0; i < c->ncells; i++) {
			c->header = xreallocarray(c->header, i + 1,
			    sizeof(*c->header));
			c->header[i] = xstrdup(column_field(c,
			    buf_cstr(&c->cells[i])));
			has_text |= strcmp(c->header[i], "text") == 0;
		}
		c->nheader = c->ncells;
		c->header_done = true;
		if (!has_text)
			run_fail(run, "no column gives the text field "
			    "(name one with --columns COLUMN=text)");
		return;
	}
	if (c->ncells == 1 && c->cells[0].len == 0)
		return;			/* blank line */
	if (c->ncells != c->nheader) {
		run_reject(run, "row has %zu fields, the header %zu",
		    c->ncells, c->nheader);
		run_rejected_line(run, c->item.s, c->item.len);
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
				record_set(&sp->rec, "date", iso.s, iso.len);
			else
				record_set(&sp->rec, "date_text",
				    c->cells[i].s, c->cells[i].len);
			continue;
		}
		record_set(&sp->rec, name, buf_cstr(&c->cells[i]),
		    c->cells[i].len);
	}
	buf_free(&iso);
	split_emit(sp, run);
}

/* RFC 4180: quoted cells may hold commas, "" and newlines. */
static void
csv_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	struct csv *c = state;
	size_t i;

	if (!c->inquote) {
		c->ncells = 0;
		buf_reset(cell(c, 0));
		c->ncells = 1;
		buf_reset(&c->item);
		c->item_line = run_line(run);
	} else {
		buf_addc(&c->cells[c->ncells - 1], '\n');
		buf_addc(&c->item, '\n');
	}
	buf_add(&c->item, s, n);
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
csv_end(void *state, struct splitter *sp, struct run *run)
{
	struct csv *c = state;

	if (c->inquote)
		run_fail(run, "line %lu: quoted field never closed",
		    c->item_line);
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
