/*
 * split.c - see split.h.
 *
 * Items are emitted as soon as they end, so memory holds one item, not one
 * file; only the set of ids handed out grows with the number of items (to
 * keep ids unique within a run).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/article.h"
#include "split/date.h"
#include "split/split.h"
#include "base/strset.h"
#include "base/utf8.h"
#include "base/util.h"

struct colmap {
	char	*from, *to;
};

struct splitter {
	const struct split_opts *o;
	struct article	*art;		/* text format: the item being read */
	struct article	*body;		/* nexis: paragraphs of the body */
	struct strset	*ids;
	struct record	 rec, par;
	struct buf	 id, line, tmp, item;
	struct colmap	*cols;
	size_t		 ncols, capcols;

	/* per file */
	const char	*path;
	struct buf	 base;		/* id stem from the file name */
	unsigned long	 n;		/* items emitted from this file */
	bool		 stream;	/* the file holds several items */
	bool		 warned;	/* encoding warning given */
	unsigned long	 item_line;	/* where the current item started */

	/* csv */
	struct buf	*cells;
	size_t		 ncells, capcells;
	bool		 inquote, header_done;
	char		**header;
	size_t		 nheader;
};

int
split_format_by_name(const char *s)
{
	static const char *const names[] = { "text", "nexis", "csv", "jsonl" };
	size_t i;

	for (i = 0; i < NELEM(names); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

int
split_encoding_by_name(const char *s)
{
	if (strcasecmp(s, "auto") == 0)
		return ENC_AUTO;
	if (strcasecmp(s, "utf-8") == 0 || strcasecmp(s, "utf8") == 0)
		return ENC_UTF8;
	if (strcasecmp(s, "cp1252") == 0 || strcasecmp(s,
	    "windows-1252") == 0)
		return ENC_CP1252;
	if (strcasecmp(s, "latin1") == 0 || strcasecmp(s,
	    "iso-8859-1") == 0)
		return ENC_LATIN1;
	return -1;
}

static void
parse_columns(struct splitter *sp, const char *spec)
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
		sp->cols = xroom(sp->cols, &sp->capcols, sp->ncols + 1,
		    sizeof(*sp->cols));
		sp->cols[sp->ncols].from = xstrdup(tok);
		sp->cols[sp->ncols].to = xstrdup(eq + 1);
		sp->ncols++;
	}
	free(copy);
}

struct splitter *
splitter_new(const struct split_opts *o)
{
	struct splitter *sp;

	sp = xcalloc(1, sizeof(*sp));
	sp->o = o;
	sp->art = article_new(!o->no_title);
	sp->body = article_new(false);
	sp->ids = strset_new();
	if (o->columns != NULL)
		parse_columns(sp, o->columns);
	return sp;
}

static void
free_header(struct splitter *sp)
{
	size_t i;

	for (i = 0; i < sp->nheader; i++)
		free(sp->header[i]);
	free(sp->header);
	sp->header = NULL;
	sp->nheader = 0;
}

void
splitter_free(struct splitter *sp)
{
	size_t i;

	if (sp == NULL)
		return;
	article_free(sp->art);
	article_free(sp->body);
	strset_free(sp->ids);
	record_free(&sp->rec);
	record_free(&sp->par);
	buf_free(&sp->id);
	buf_free(&sp->line);
	buf_free(&sp->tmp);
	buf_free(&sp->item);
	buf_free(&sp->base);
	for (i = 0; i < sp->ncols; i++) {
		free(sp->cols[i].from);
		free(sp->cols[i].to);
	}
	free(sp->cols);
	for (i = 0; i < sp->capcells; i++)
		buf_free(&sp->cells[i]);
	free(sp->cells);
	free_header(sp);
	free(sp);
}

/*
 * The id stem of a file: its base name without the extensions that name a
 * format (a.txt.gz -> a); "stdin" for standard input.
 */
static void
set_base(struct splitter *sp, const char *path)
{
	const char *b, *dot;
	size_t n, k, i;
	bool letter;

	buf_reset(&sp->base);
	if (sp->o->id_prefix != NULL)
		buf_adds(&sp->base, sp->o->id_prefix);
	if (strcmp(path, "-") == 0) {
		buf_adds(&sp->base, "stdin");
		return;
	}
	b = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	n = strlen(b);
	/* strip extensions: up to 5 characters, at least one a letter */
	while ((dot = memrchr(b, '.', n)) != NULL && dot > b) {
		k = n - (size_t)(dot - b) - 1;
		for (i = 0, letter = false; i < k; i++)
			letter |= (dot[1 + i] | 0x20) >= 'a' &&
			    (dot[1 + i] | 0x20) <= 'z';
		if (k == 0 || k > 5 || !letter)
			break;
		n = (size_t)(dot - b);
	}
	buf_add(&sp->base, b, n);
}

/* Put a unique id for item number n of the file in sp->id. */
static void
make_id(struct splitter *sp, struct run *run, const char *given, size_t glen)
{
	int added, k;
	size_t len;

	buf_reset(&sp->id);
	if (given != NULL)
		buf_add(&sp->id, given, glen);
	else {
		buf_add(&sp->id, sp->base.s, sp->base.len);
		if (sp->stream)
			buf_printf(&sp->id, "#%lu", sp->n);
	}
	strset_add(sp->ids, sp->id.s, sp->id.len, &added);
	len = sp->id.len;
	for (k = 2; !added; k++) {
		buf_truncate(&sp->id, len);
		buf_printf(&sp->id, "~%d", k);
		strset_add(sp->ids, sp->id.s, sp->id.len, &added);
	}
	if (k > 2)
		run_warn(run, "id \"%.*s\" used before; this item is \"%s\"",
		    (int)len, sp->id.s, sp->id.s);
}

/* Write the finished item in sp->rec: whole, or a record per paragraph. */
static void
emit_item(struct splitter *sp, struct run *run)
{
	const char *t, *p, *end, *brk;
	size_t n;
	long long par = 0;

	if (!sp->o->paragraphs) {
		run_emit(run, &sp->rec);
		return;
	}
	if (record_get(&sp->rec, "text", &t, &n) != 1)
		return;
	for (p = t, end = t + n; p < end; p = brk + 2) {
		if ((brk = memmem(p, (size_t)(end - p), "\n\n", 2)) == NULL)
			brk = end;
		if (brk > p) {
			record_reset(&sp->par);
			record_set(&sp->par, "id", sp->id.s, sp->id.len);
			record_set_int(&sp->par, "par", ++par);
			record_set(&sp->par, "text", p, (size_t)(brk - p));
			run_emit(run, &sp->par);
		}
		if (brk == end)
			break;
	}
}

/* End the text-format item being read, if it has anything in it. */
static void
end_article(struct splitter *sp, struct run *run)
{
	if (article_empty(sp->art))
		return;
	sp->n++;
	record_reset(&sp->rec);
	make_id(sp, run, NULL, 0);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	article_fields(sp->art, &sp->rec);
	emit_item(sp, run);
	article_reset(sp->art);
}

static void
text_line(struct splitter *sp, struct run *run, const char *s, size_t n)
{
	const char *ff;

	while ((ff = memchr(s, '\f', n)) != NULL) {
		if (ff > s)
			article_line(sp->art, s, (size_t)(ff - s));
		sp->stream = true;
		end_article(sp, run);
		n -= (size_t)(ff - s) + 1;
		s = ff + 1;
	}
	if (sp->o->delim != NULL) {
		buf_reset(&sp->tmp);
		buf_add(&sp->tmp, s, n);
		if (regexec(sp->o->delim, sp->tmp.s, 0, NULL, 0) == 0) {
			sp->stream = true;
			end_article(sp, run);
			return;
		}
	}
	article_line(sp->art, s, n);
}

/* ---- Nexis ---------------------------------------------------------- */

static const char *const nexis_keys[] = {
	"LENGTH", "BYLINE", "SECTION", "LOAD-DATE", "LANGUAGE",
	"PUBLICATION-TYPE", "DATELINE", "HIGHLIGHT", "GRAPHIC", "TYPE",
	"JOURNAL-CODE", "DOCUMENT-TYPE", "EDITION", "SUBJECT", "ORGANIZATION",
	"GEOGRAPHIC", "INDUSTRY", "PERSON", "COMPANY", "TICKER", "SERIES",
	"CORRECTION-DATE", "CORRECTION", "CLASSIFICATION", "URL", "NOTES",
	"AUTHOR", "DATE", "PUBLICATION", NULL
};

/* "KEY: value" with a known key: the key's index, value in *v. */
static int
nexis_key(const char *s, size_t n, const char **v, size_t *vn)
{
	size_t k;
	int i;

	for (i = 0; nexis_keys[i] != NULL; i++) {
		k = strlen(nexis_keys[i]);
		if (n > k && strncasecmp(s, nexis_keys[i], k) == 0 &&
		    s[k] == ':') {
			*v = s + k + 1;
			*vn = n - k - 1;
			while (*vn > 0 && (**v == ' ' || **v == '\t'))
				(*v)++, (*vn)--;
			return i;
		}
	}
	return -1;
}

static bool
nexis_start(const char *s, size_t n)
{
	unsigned a, b;
	char line[65], word[16];

	/* "Document 3 of 40" (Nexis Uni), "3 of 40 DOCUMENTS" (Academic) */
	if (n > 64)
		return false;
	/*
	 * s is not NUL-terminated: sscanf's white space would run on into
	 * the next lines (and past the buffer), so scan a copy.
	 */
	memcpy(line, s, n);
	line[n] = '\0';
	if (sscanf(line, " Document %u of %u", &a, &b) == 2)
		return true;
	return sscanf(line, " %u of %u %15s", &a, &b, word) == 3 &&
	    strncasecmp(word, "DOCUMENT", 8) == 0;
}

static bool
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
	    (*s)[*n - 1] == '\r'))
		(*n)--;
}

/* Field name for a Nexis key: lower case, '-' -> '_'. */
static void
nexis_field(struct splitter *sp, int key, const char *v, size_t vn)
{
	struct buf name = BUF_INIT, iso = BUF_INIT;
	const char *k = nexis_keys[key];
	size_t used;

	if (vn == 0)
		return;
	if (strcmp(k, "BYLINE") == 0 || strcmp(k, "AUTHOR") == 0)
		buf_adds(&name, "byline");
	else
		for (; *k != '\0'; k++)
			buf_addc(&name, *k == '-' ? '_' : *k | 0x20);
	if ((strcmp(name.s, "load_date") == 0 || strcmp(name.s, "date") ==
	    0) && date_parse(v, vn, &iso, &used) == DATE_OK)
		record_set(&sp->rec, name.s, iso.s, iso.len);
	else if (!record_raw(&sp->rec, name.s, NULL, NULL, NULL))
		record_set(&sp->rec, name.s, v, vn);
	buf_free(&name);
	buf_free(&iso);
}

/*
 * Parse the lines of one Nexis document held in sp->item ('\n'-separated).
 * Header lines before the body: Nexis Uni puts headline, publication,
 * date; Academic puts publication, date, headline.  The body runs from a
 * "Body" line (Uni) or the first paragraph after the header fields
 * (Academic) to LOAD-DATE: or the end.
 */
static void
end_nexis(struct splitter *sp, struct run *run)
{
	const char *p = buf_cstr(&sp->item), *end = p + sp->item.len;
	const char *nl, *s, *v;
	const char *pre[2] = { NULL, NULL }, *post = NULL;
	size_t pren[2] = { 0, 0 }, postn = 0, n, vn, used, npre = 0;
	struct buf iso = BUF_INIT;
	bool body = false, dated = false, fields = false, done = false;
	int key;

	if (sp->item.len == 0 || blank(sp->item.s, sp->item.len))
		goto out;
	sp->n++;
	record_reset(&sp->rec);
	make_id(sp, run, NULL, 0);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	article_reset(sp->body);
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		s = p;
		n = (size_t)(nl - p);
		trim(&s, &n);
		if ((key = nexis_key(s, n, &v, &vn)) >= 0) {
			nexis_field(sp, key, v, vn);
			if (strcmp(nexis_keys[key], "LOAD-DATE") == 0 && body)
				done = true;
			fields = true;
		} else if (done)
			;
		else if (body)
			article_line(sp->body, p, (size_t)(nl - p));
		else if (n == 4 && strncmp(s, "Body", 4) == 0)
			body = true;
		else if (n == 0) {
			if (fields && dated)
				body = true;	/* Academic: body follows */
		} else if (!dated && (buf_reset(&iso), date_parse(s, n, &iso,
		    &used) == DATE_OK) && used == n) {
			record_set(&sp->rec, "date", iso.s, iso.len);
			dated = true;
		} else if (strncasecmp(s, "Copyright", 9) == 0 ||
		    (n > 1 && strncmp(s, "\xc2\xa9", 2) == 0))
			record_set(&sp->rec, "copyright", s, n);
		else if (!dated && npre < 2) {
			pre[npre] = s;
			pren[npre++] = n;
		} else if (dated && post == NULL) {
			post = s;
			postn = n;
		} else if (fields && dated)
			article_line(sp->body, p, (size_t)(nl - p));
		if (nl == end)
			break;
	}
	if (post != NULL && npre == 1) {
		record_set(&sp->rec, "title", post, postn);
		record_set(&sp->rec, "source", pre[0], pren[0]);
	} else {
		if (npre > 0)
			record_set(&sp->rec, "title", pre[0], pren[0]);
		if (npre > 1)
			record_set(&sp->rec, "source", pre[1], pren[1]);
	}
	article_fields(sp->body, &sp->rec);
	emit_item(sp, run);
out:
	buf_free(&iso);
	buf_reset(&sp->item);
}

static void
nexis_line(struct splitter *sp, struct run *run, const char *s, size_t n)
{
	const char *t = s;
	size_t tn = n;

	trim(&t, &tn);
	if (tn == 15 && strncasecmp(t, "End of Document", 15) == 0) {
		end_nexis(sp, run);
		return;
	}
	if (nexis_start(t, tn)) {
		end_nexis(sp, run);
		return;
	}
	buf_add(&sp->item, s, n);
	buf_addc(&sp->item, '\n');
}

/* ---- CSV ------------------------------------------------------------ */

static struct buf *
cell(struct splitter *sp, size_t i)
{
	size_t old = sp->capcells;

	if (i >= sp->capcells) {
		sp->cells = xroom(sp->cells, &sp->capcells, i + 1,
		    sizeof(*sp->cells));
		memset(sp->cells + old, 0,
		    (sp->capcells - old) * sizeof(*sp->cells));
	}
	return &sp->cells[i];
}

static const char *
column_field(const struct splitter *sp, const char *col)
{
	static const struct { const char *from, *to; } builtin[] = {
		{ "headline", "title" }, { "body", "text" },
		{ "content", "text" }, { "article", "text" },
	};
	size_t i;

	for (i = 0; i < sp->ncols; i++)
		if (strcmp(sp->cols[i].from, col) == 0)
			return sp->cols[i].to;
	for (i = 0; i < NELEM(builtin); i++)
		if (strcasecmp(builtin[i].from, col) == 0)
			return builtin[i].to;
	return col;
}

static void
csv_row(struct splitter *sp, struct run *run)
{
	const char *id = NULL, *name;
	struct buf iso = BUF_INIT;
	size_t i, idlen = 0, used;
	bool has_text = false;

	if (!sp->header_done) {
		sp->header = xreallocarray(NULL, sp->ncells,
		    sizeof(*sp->header));
		for (i = 0; i < sp->ncells; i++) {
			sp->header[i] = xstrdup(column_field(sp,
			    buf_cstr(&sp->cells[i])));
			has_text |= strcmp(sp->header[i], "text") == 0;
		}
		sp->nheader = sp->ncells;
		sp->header_done = true;
		if (!has_text)
			run_fail(run, "no column gives the text field "
			    "(name one with --columns COLUMN=text)");
		return;
	}
	if (sp->ncells == 1 && sp->cells[0].len == 0)
		return;			/* blank line */
	if (sp->ncells != sp->nheader) {
		run_reject(run, "row has %zu fields, the header %zu",
		    sp->ncells, sp->nheader);
		run_rejected_line(run, sp->item.s, sp->item.len);
		return;
	}
	sp->n++;
	record_reset(&sp->rec);
	for (i = 0; i < sp->ncells; i++)
		if (strcmp(sp->header[i], "id") == 0 && sp->cells[i].len > 0) {
			id = sp->cells[i].s;
			idlen = sp->cells[i].len;
		}
	make_id(sp, run, id, idlen);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	for (i = 0; i < sp->ncells; i++) {
		name = sp->header[i];
		if (strcmp(name, "id") == 0)
			continue;
		if (strcmp(name, "date") == 0 && sp->cells[i].len > 0) {
			buf_reset(&iso);
			if (date_parse(sp->cells[i].s, sp->cells[i].len, &iso,
			    &used) == DATE_OK && used == sp->cells[i].len)
				record_set(&sp->rec, "date", iso.s, iso.len);
			else
				record_set(&sp->rec, "date_text",
				    sp->cells[i].s, sp->cells[i].len);
			continue;
		}
		record_set(&sp->rec, name, buf_cstr(&sp->cells[i]),
		    sp->cells[i].len);
	}
	buf_free(&iso);
	emit_item(sp, run);
}

/* RFC 4180: quoted cells may hold commas, "" and newlines. */
static void
csv_line(struct splitter *sp, struct run *run, const char *s, size_t n)
{
	size_t i;

	if (!sp->inquote) {
		sp->ncells = 0;
		buf_reset(cell(sp, 0));
		sp->ncells = 1;
		buf_reset(&sp->item);
		sp->item_line = run_line(run);
	} else {
		buf_addc(&sp->cells[sp->ncells - 1], '\n');
		buf_addc(&sp->item, '\n');
	}
	buf_add(&sp->item, s, n);
	for (i = 0; i < n; i++) {
		if (sp->inquote) {
			if (s[i] != '"')
				buf_addc(&sp->cells[sp->ncells - 1], s[i]);
			else if (i + 1 < n && s[i + 1] == '"')
				buf_addc(&sp->cells[sp->ncells - 1], s[i++]);
			else
				sp->inquote = false;
		} else if (s[i] == '"')
			sp->inquote = true;
		else if (s[i] == ',') {
			buf_reset(cell(sp, sp->ncells));
			sp->ncells++;
		} else
			buf_addc(&sp->cells[sp->ncells - 1], s[i]);
	}
	if (!sp->inquote)
		csv_row(sp, run);
}

/* ---- JSON Lines ----------------------------------------------------- */

static void
jsonl_line(struct splitter *sp, struct run *run, const char *s, size_t n)
{
	const char *msg, *id = NULL;
	size_t pos, idlen = 0;
	int r;

	if (blank(s, n))
		return;
	if (record_parse(&sp->rec, s, n, &msg, &pos) < 0) {
		run_reject(run, "%s (byte %zu)", msg, pos + 1);
		run_rejected_line(run, s, n);
		return;
	}
	if (run_check_record(run, &sp->rec) < 0) {
		run_rejected_line(run, s, n);
		return;
	}
	sp->n++;
	r = record_get(&sp->rec, "id", &id, &idlen);
	make_id(sp, run, r == 1 ? id : NULL, idlen);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	emit_item(sp, run);
}

/* ---- files ---------------------------------------------------------- */

/*
 * Make the line valid UTF-8 (in sp->line when it had to be decoded).
 * Returns false, after rejecting it, for invalid UTF-8 when UTF-8 was
 * forced.
 */
static bool
decode(struct splitter *sp, struct run *run, const char **s, size_t *n)
{
	size_t bad;

	switch (sp->o->encoding) {
	case ENC_CP1252:
	case ENC_LATIN1:
		break;
	default:
		if ((bad = utf8_valid_prefix(*s, *n)) == *n)
			return true;
		if (sp->o->encoding == ENC_UTF8) {
			run_reject(run, "invalid UTF-8 (byte %zu)", bad + 1);
			run_rejected_line(run, *s, *n);
			return false;
		}
		if (!sp->warned)
			run_warn(run, "not valid UTF-8: decoding as "
			    "Windows-1252 (use -e to choose)");
		sp->warned = true;
		break;
	}
	buf_reset(&sp->line);
	if (sp->o->encoding == ENC_LATIN1)
		utf8_from_latin1(&sp->line, *s, *n);
	else
		utf8_from_cp1252(&sp->line, *s, *n);
	*s = sp->line.s;
	*n = sp->line.len;
	return true;
}

void
splitter_file(struct splitter *sp, struct run *run, const char *path)
{
	struct input *in;
	const char *line;
	size_t len;
	int st;

	if ((in = run_open_input(run, path)) == NULL)
		return;
	set_base(sp, path);
	sp->path = path;
	sp->n = 0;
	sp->stream = sp->o->format != SPLIT_TEXT;
	sp->warned = false;
	sp->inquote = sp->header_done = false;
	free_header(sp);
	article_reset(sp->art);
	buf_reset(&sp->item);
	while ((st = input_getline(in, &line, &len)) == INPUT_LINE ||
	    st == INPUT_TOOLONG) {
		if (st == INPUT_TOOLONG) {
			if (!run_toolong(run, in, &st))
				break;
			continue;
		}
		run_count(run, 1);
		if (memchr(line, '\0', len) != NULL) {
			run_fail(run, "line %lu: NUL byte: binary file, rest "
			    "of it skipped", run_line(run));
			break;
		}
		if (!decode(sp, run, &line, &len)) {
			if (run_stopped(run))
				break;
			continue;
		}
		switch (sp->o->format) {
		case SPLIT_TEXT:
			text_line(sp, run, line, len);
			break;
		case SPLIT_NEXIS:
			nexis_line(sp, run, line, len);
			break;
		case SPLIT_CSV:
			csv_line(sp, run, line, len);
			break;
		case SPLIT_JSONL:
			jsonl_line(sp, run, line, len);
			break;
		}
		if (run_stopped(run))
			break;
	}
	if (st == INPUT_EOF) {
		if (sp->o->format == SPLIT_TEXT)
			end_article(sp, run);
		else if (sp->o->format == SPLIT_NEXIS)
			end_nexis(sp, run);
		else if (sp->o->format == SPLIT_CSV && sp->inquote)
			run_fail(run, "line %lu: quoted field never closed",
			    sp->item_line);
	}
	run_close_input(run, in, st);
}
