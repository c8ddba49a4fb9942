/*
 * split.c - see split.h: the dispatch and what every reader shares (ids,
 * -p, decoding to UTF-8).  The readers are one file a format (reader.h
 * says how they plug in).
 *
 * Items are emitted as soon as they end, so memory holds one item, not one
 * file; only the set of ids handed out grows with the number of items (to
 * keep ids unique within a run).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/docx.h"
#include "split/reader.h"
#include "split/split.h"
#include "base/json.h"
#include "base/strset.h"
#include "base/utf8.h"
#include "base/util.h"

/*
 * The readers, in the order their sniff() is tried; text, which takes
 * anything, comes last.
 */
static const struct split_reader *const readers[] = {
	&split_warc, &split_html, &split_nexis, &split_csv, &split_jsonl,
	&split_text
};

static const struct split_reader *
reader_by_name(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(readers); i++)
		if (strcmp(s, readers[i]->name) == 0)
			return readers[i];
	return NULL;
}

bool
split_format_known(const char *s)
{
	return reader_by_name(s) != NULL;
}

/*
 * The encodings -e names, each by its IANA charset name (what a page's
 * decoder is given) and the short name users type.
 */
static const struct {
	const char		*name, *alias;
	enum split_encoding	 enc;
} encodings[] = {
	{ "auto", NULL, ENC_AUTO },
	{ "utf-8", "utf8", ENC_UTF8 },
	{ "windows-1252", "cp1252", ENC_CP1252 },
	{ "iso-8859-1", "latin1", ENC_LATIN1 },
};

int
split_encoding_by_name(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(encodings); i++)
		if (strcasecmp(s, encodings[i].name) == 0 ||
		    (encodings[i].alias != NULL &&
		    strcasecmp(s, encodings[i].alias) == 0))
			return (int)encodings[i].enc;
	return -1;
}

const char *
split_encoding_name(int enc)
{
	size_t i;

	for (i = 0; i < NELEM(encodings); i++)
		if ((int)encodings[i].enc == enc && enc != ENC_AUTO)
			return encodings[i].name;
	return NULL;
}

struct splitter *
splitter_new(const struct split_opts *o)
{
	struct splitter *sp;
	size_t i;

	sp = xcalloc(1, sizeof(*sp));
	sp->o = o;
	sp->ids = strset_new();
	sp->state = xcalloc(NELEM(readers), sizeof(*sp->state));
	for (i = 0; i < NELEM(readers); i++)
		if (readers[i]->new != NULL)
			sp->state[i] = readers[i]->new(o);
	return sp;
}

void
splitter_free(struct splitter *sp)
{
	size_t i;

	if (sp == NULL)
		return;
	for (i = 0; i < NELEM(readers); i++)
		if (readers[i]->free != NULL)
			readers[i]->free(sp->state[i]);
	free(sp->state);
	strset_free(sp->ids);
	record_free(&sp->rec);
	record_free(&sp->par);
	buf_free(&sp->id);
	buf_free(&sp->line);
	buf_free(&sp->nul);
	buf_free(&sp->base);
	buf_free(&sp->held);
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

void
split_item_id(struct splitter *sp, struct run *run, const char *given,
    size_t glen)
{
	int added, k;
	size_t len;

	sp->n++;
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

void
split_item_start(struct splitter *sp, struct run *run)
{
	record_reset(&sp->rec);
	split_item_id(sp, run, NULL, 0);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
}

void
split_emit(struct splitter *sp, struct run *run)
{
	const char *t;
	size_t n;

	if (!sp->o->paragraphs) {
		run_emit(run, &sp->rec);
		return;
	}
	if (record_get(&sp->rec, "text", &t, &n) == 1)
		split_paragraphs(sp, run, t, n);
}

/* emit_text encodes a long text this many bytes at a time. */
#define SPLIT_PIECE	(64 * 1024)

/*
 * Write r with "text" (which it must not hold yet) set to t[0..n), last:
 * a long text as JSON a piece at a time, never copied into r.
 */
static void
emit_text(struct run *run, struct record *r, const char *t, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i, k;

	if (n <= RECORD_BIG) {
		record_set(r, "text", t, n);
		run_emit(run, r);
		return;
	}
	/*
	 * What record_write would write with "text" appended: the rest of
	 * the record without its "}\n", then the text's JSON string, whose
	 * escapes are of single bytes, so it may be encoded in pieces.
	 */
	record_write(r, &b);
	buf_truncate(&b, b.len - 2);
	if (r->n > 0)
		buf_addc(&b, ',');
	buf_add(&b, "\"text\":\"", 8);
	run_write(run, b.s, b.len);
	for (i = 0; i < n; i += k) {
		k = n - i < SPLIT_PIECE ? n - i : SPLIT_PIECE;
		buf_reset(&b);
		json_encode_string(&b, t + i, k);
		run_write(run, b.s + 1, b.len - 2);	/* not its quotes */
	}
	run_write(run, "\"}\n", 3);
	buf_free(&b);
}

void
split_emit_text(struct splitter *sp, struct run *run, const char *t,
    size_t n)
{
	if (sp->o->paragraphs)
		split_paragraphs(sp, run, t, n);
	else
		emit_text(run, &sp->rec, t, n);
}

void
split_paragraphs(struct splitter *sp, struct run *run, const char *t,
    size_t n)
{
	const char *p, *end, *brk;
	long long par = 0;

	for (p = t, end = t + n; p < end; p = brk + 2) {
		if ((brk = memmem(p, (size_t)(end - p), "\n\n", 2)) == NULL)
			brk = end;
		if (brk > p) {
			record_reset(&sp->par);
			record_set(&sp->par, "id", sp->id.s, sp->id.len);
			record_set_int(&sp->par, "par", ++par);
			emit_text(run, &sp->par, p, (size_t)(brk - p));
		}
		if (brk == end)
			break;
	}
}

bool
split_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

void
split_trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*n)--;
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
	    (*s)[*n - 1] == '\r'))
		(*n)--;
}

static size_t
max_record(const struct splitter *sp)
{
	return sp->o->max_record ? sp->o->max_record :
	    INPUT_MAX_RECORD_DEFAULT;
}

/* Copy p[0..n) of an item being rejected, up to --max-record in all. */
static void
spill(struct splitter *sp, struct run *run, const char *p, size_t n)
{
	size_t max = max_record(sp);

	if (n == 0 || sp->spilled >= max)
		return;
	if (n >= max - sp->spilled) {
		/* the cut: what was copied still ends in a newline */
		n = max - sp->spilled;
		run_rejected_more(run, p, n);
		if (n == 0 || p[n - 1] != '\n')
			run_rejected_more(run, "\n", 1);
		sp->spilled = max;
		return;
	}
	run_rejected_more(run, p, n);
	sp->spilled += n;
}

bool
split_hold(struct splitter *sp, struct run *run, const char *raw, size_t n)
{
	const char *eol = sp->eol != NULL ? sp->eol : "\n";
	size_t max = max_record(sp), k = strlen(eol);
	char msg[160];

	if (sp->spilling) {
		spill(sp, run, raw, n);
		spill(sp, run, eol, k);
		return false;
	}
	if (sp->heldn == 0)
		sp->held_line = sp->lineno;
	if (sp->heldn + n + k <= max) {
		/* without --rejects, no copy: memory for the item alone */
		if (run_rejects_name(run) != NULL) {
			buf_add(&sp->held, raw, n);
			buf_add(&sp->held, eol, k);
		}
		sp->heldn += n + k;
		return true;
	}
	if (run_rejects_name(run) != NULL)
		snprintf(msg, sizeof(msg), "item longer than --max-record (%zu "
		    "bytes): its first %zu bytes written to %s", max, max,
		    run_rejects_name(run));
	else
		snprintf(msg, sizeof(msg), "item longer than --max-record (%zu "
		    "bytes)", max);
	split_reject_held(sp, run, msg);
	sp->spilling = true;
	spill(sp, run, raw, n);
	spill(sp, run, eol, k);
	return false;
}

void
split_reject_held(struct splitter *sp, struct run *run, const char *msg)
{
	run_reject_at(run, sp->heldn > 0 ? sp->held_line : sp->lineno,
	    "%s", msg);
	sp->spilled = 0;
	if (run_rejected(run))
		spill(sp, run, sp->held.s, sp->held.len);
	buf_reset(&sp->held);
	sp->heldn = 0;
}

void
split_item_done(struct splitter *sp)
{
	buf_reset(&sp->held);
	sp->heldn = 0;
	sp->spilling = false;
	sp->spilled = 0;
}

/*
 * Make the line valid UTF-8 (in sp->line when it had to be decoded).
 * Returns false, after rejecting it, for invalid UTF-8 when UTF-8 was
 * forced.
 */
bool
split_decode(struct splitter *sp, struct run *run, const char **s, size_t *n)
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
			run_reject_at(run, sp->lineno, "invalid UTF-8 (byte "
			    "%zu)", bad + 1);
			if (run_rejected(run)) {
				run_rejected_more(run, *s, *n);
				run_rejected_more(run, sp->eol, strlen(sp->eol));
			}
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

/*
 * The reader for this input: the one named with -f, else the first whose
 * sniff() claims the input's first bytes, else text (the last).
 */
static size_t
pick_reader(struct splitter *sp, const char *head, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(readers); i++)
		if (sp->o->format != NULL && strcmp(sp->o->format,
		    readers[i]->name) == 0)
			return i;
	for (i = 0; i < NELEM(readers); i++)
		if (readers[i]->sniff != NULL && readers[i]->sniff(head, n))
			return i;
	return NELEM(readers) - 1;
}

/*
 * The decoded line s (*n bytes) with each NUL byte made U+FFFD, in
 * sp->nul, and a warning naming the line.  A NUL after the first block
 * of a text file is damage (a bad sector, a botched export), not a
 * binary file: the articles after it are still read.
 */
static const char *
replace_nul(struct splitter *sp, struct run *run, const char *s, size_t *n)
{
	size_t count;

	buf_reset(&sp->nul);
	count = utf8_add_nul_fffd(&sp->nul, s, *n);
	run_warn_at(run, sp->lineno, "%zu NUL byte%s made U+FFFD", count,
	    count == 1 ? "" : "s");
	*n = sp->nul.len;
	return sp->nul.s;
}

/* Hand the input's lines, decoded, to a line reader. */
static int
read_lines(struct splitter *sp, struct run *run, struct input *in,
    const struct split_reader *r, void *state)
{
	const char *line;
	size_t len;
	int st;
	bool nul;

	while ((st = input_getline(in, &line, &len)) == INPUT_LINE ||
	    st == INPUT_TOOLONG) {
		if (st == INPUT_TOOLONG) {
			if (!run_toolong(run, in, &st))
				break;
			continue;
		}
		run_count(run, 1);
		nul = memchr(line, '\0', len) != NULL;
		if (nul && (sp->utf16 || sp->binary)) {
			run_fail_at(run, run_line(run), "%s", sp->utf16 !=
			    NULL ? sp->utf16 : "NUL byte: binary file, rest "
			    "of it skipped");
			break;
		}
		sp->raw = line;
		sp->rawlen = len;
		sp->eol = input_line_end(in);
		sp->lineno = run_line(run);
		sp->linebuf = input_line_buf(in);
		if (!split_decode(sp, run, &line, &len)) {
			if (run_stopped(run))
				break;
			continue;
		}
		if (line == sp->line.s)
			sp->linebuf = &sp->line;	/* decoded */
		if (nul) {
			line = replace_nul(sp, run, line, &len);
			sp->linebuf = &sp->nul;
		}
		r->line(state, sp, run, line, len);
		sp->linebuf = NULL;
		if (run_stopped(run))
			break;
	}
	if (st == INPUT_EOF && r->end != NULL)
		r->end(state, sp, run);
	return st;
}

void
splitter_file(struct splitter *sp, struct run *run, const char *path)
{
	const struct split_reader *r;
	struct input *in;
	const char *head = "";
	size_t k, n;
	int st = INPUT_EOF;

	if ((in = run_open_input(run, path)) == NULL)
		return;
	if (input_peek(in, &head, &n) < 0)
		n = 0;
	/* Old Mac files end lines with CR alone. */
	if (memchr(head, '\r', n) != NULL && memchr(head, '\n', n) == NULL)
		input_set_eol(in, '\r');
	k = pick_reader(sp, head, n);
	r = readers[k];
	set_base(sp, path);
	sp->path = path;
	sp->n = 0;
	sp->stream = r->stream;
	sp->warned = false;
	/* a NUL in the first block: a binary file, not text with damage */
	sp->binary = memchr(head, '\0', n) != NULL;
	sp->utf16 = input_utf16(head, n);
	sp->linebuf = NULL;
	split_item_done(sp);
	if (docx_ole_sniff(head, n)) {
		run_fail(run, memmem(head, n, "E\0n\0c\0r\0y\0p\0t\0e\0d\0"
		    "P\0a\0c\0k\0a\0g\0e\0", 32) != NULL ? "an encrypted "
		    "(password-protected) DOCX: not supported; save it "
		    "without a password" : "an OLE2 compound file (a .doc?): "
		    "not supported; save it as DOCX");
		run_close_input(run, in, INPUT_EOF);
		return;
	}
	if (r->begin != NULL)
		r->begin(sp->state[k], sp, run);
	if (docx_sniff(head, n) && r->file == NULL)
		st = docx_read(sp, run, in, r, sp->state[k]);
	else if (r->file != NULL)
		st = r->file(sp->state[k], sp, run, in);
	else
		st = read_lines(sp, run, in, r, sp->state[k]);
	run_close_input(run, in, st);
}
