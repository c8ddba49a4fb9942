/*
 * nexis.c - the Nexis reader: the exports of Nexis Uni (DOCX, and text)
 * and of LexisNexis Academic (text), as they come (split.h, artsplit(1)).
 *
 * A document's lines are gathered until its end ("End of Document", or
 * the next "Document N of M" / "N of M DOCUMENTS"), then parsed as a
 * whole:
 *
 *   Nexis Uni:  headline / publication / date line / [copyright] /
 *               Section:, Length:, Byline:, ... / Body / paragraphs /
 *               [Classification] / Load-Date:, Language:, ... / End of
 *               Document
 *   Academic:   N of M DOCUMENTS / publication / date line / edition
 *               lines / headline / BYLINE:, SECTION:, LENGTH:, ... /
 *               paragraphs / LOAD-DATE:, LANGUAGE:, ... / Copyright ...
 *
 * The export's cover (before the first document: Academic's "Download
 * Request", Nexis Uni's "Documents (N)" and table of contents) is never
 * an item; its document count is checked against what was read.  Field
 * names may be localised (German and French): the same fields come out.
 * A document longer than --max-record is rejected (split_hold); one cut
 * off before its "End of Document" is rejected at the end of the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/article.h"
#include "split/date.h"
#include "split/lang.h"
#include "split/reader.h"
#include "base/util.h"

/* The keys of "KEY: value" lines, as artsplit(1) names their fields. */
enum key {
	K_LENGTH, K_BYLINE, K_SECTION, K_LOAD_DATE, K_LANGUAGE,
	K_PUBLICATION_TYPE, K_DATELINE, K_HIGHLIGHT, K_GRAPHIC, K_TYPE,
	K_JOURNAL_CODE, K_DOCUMENT_TYPE, K_EDITION, K_SUBJECT, K_ORGANIZATION,
	K_GEOGRAPHIC, K_INDUSTRY, K_PERSON, K_COMPANY, K_TICKER, K_SERIES,
	K_CORRECTION_DATE, K_CORRECTION, K_CLASSIFICATION, K_URL, K_NOTES,
	K_AUTHOR, K_DATE, K_PUBLICATION, NKEY
};

static const char *const key_names[NKEY] = {
	"LENGTH", "BYLINE", "SECTION", "LOAD-DATE", "LANGUAGE",
	"PUBLICATION-TYPE", "DATELINE", "HIGHLIGHT", "GRAPHIC", "TYPE",
	"JOURNAL-CODE", "DOCUMENT-TYPE", "EDITION", "SUBJECT", "ORGANIZATION",
	"GEOGRAPHIC", "INDUSTRY", "PERSON", "COMPANY", "TICKER", "SERIES",
	"CORRECTION-DATE", "CORRECTION", "CLASSIFICATION", "URL", "NOTES",
	"AUTHOR", "DATE", "PUBLICATION"
};

/* Localised names (Nexis Uni in German and French). */
static const struct { const char *name; enum key key; } key_aliases[] = {
	{ "Länge", K_LENGTH }, { "LÄNGE", K_LENGTH },
	{ "Rubrik", K_SECTION }, { "Autor", K_BYLINE },
	{ "Sprache", K_LANGUAGE }, { "Ladedatum", K_LOAD_DATE },
	{ "Publikationstyp", K_PUBLICATION_TYPE }, { "Grafik", K_GRAPHIC },
	{ "Ausgabe", K_EDITION }, { "Datum", K_DATE },
	{ "Longueur", K_LENGTH }, { "Rubrique", K_SECTION },
	{ "Auteur", K_BYLINE }, { "Signature", K_BYLINE },
	{ "Langue", K_LANGUAGE }, { "Date de chargement", K_LOAD_DATE },
	{ "Type de publication", K_PUBLICATION_TYPE },
	{ "Graphique", K_GRAPHIC }, { "Édition", K_EDITION },
};

/* Whole-line markers, in English, German and French. */
static const char *const body_marks[] = { "Body", "Text", "Corps", NULL };
static const char *const end_marks[] = { "End of Document",
	"Ende des Dokuments", "Fin du document", NULL };
static const char *const class_marks[] = { "Classification",
	"Klassifikation", NULL };

struct nexis {
	struct article	*body;		/* paragraphs of the body */
	struct buf	 item;		/* the document's lines, '\n'-ended */
	unsigned long	 item_line;	/* the line its first came from */

	/* per document, while it is parsed */
	struct run	*run;
	unsigned long	 line;		/* the line being parsed */
	struct buf	 val[NKEY];	/* a field's values, joined */
	bool		 again[NKEY];	/* given more than once */

	/* per file */
	bool		 started;	/* a document start or end was seen */
	bool		 ends;		/* documents end with "End of Document" */
	unsigned long	 docs;		/* documents seen */
	unsigned long	 expect;	/* the count the export gives, or 0 */
	unsigned long	 of;		/* M of "N of M", 0: none, -1: varies */
	unsigned long	 first, last;	/* N of the first and last "N of M" */
	bool		 gap;		/* an N was skipped */
};

static void *
nexis_new(const struct split_opts *o)
{
	struct nexis *x;

	x = xcalloc(1, sizeof(*x));
	x->body = article_new(false);
	return x;
}

static void
nexis_free(void *state)
{
	struct nexis *x = state;
	size_t i;

	if (x == NULL)
		return;
	article_free(x->body);
	buf_free(&x->item);
	for (i = 0; i < NKEY; i++)
		buf_free(&x->val[i]);
	free(x);
}

static void
nexis_begin(void *state, struct splitter *sp, struct run *run)
{
	struct nexis *x = state;

	buf_reset(&x->item);
	x->started = x->ends = false;
	x->docs = x->expect = x->of = x->first = x->last = 0;
	x->gap = false;
}

/* s[0..n) is one of the words (case-insensitive for ASCII letters). */
static bool
one_of(const char *const *words, const char *s, size_t n)
{
	for (; *words != NULL; words++)
		if (strlen(*words) == n && strncasecmp(s, *words, n) == 0)
			return true;
	return false;
}

/* Does s start with "name:" (or "name :", French style)?  Value in *v. */
static bool
key_match(const char *s, size_t n, const char *name, const char **v,
    size_t *vn)
{
	size_t k = strlen(name), i;

	if (n <= k || strncasecmp(s, name, k) != 0)
		return false;
	i = k;
	while (i < n && s[i] == ' ')
		i++;
	if (i + 2 <= n && memcmp(s + i, "\xc2\xa0", 2) == 0)	/* NBSP */
		i += 2;
	if (i >= n || s[i] != ':')
		return false;
	for (i++; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	*v = s + i;
	*vn = n - i;
	return true;
}

/* "KEY: value" with a known key: the key, value in *v; -1 otherwise. */
static int
nexis_key(const char *s, size_t n, const char **v, size_t *vn)
{
	size_t i;

	for (i = 0; i < NKEY; i++)
		if (key_match(s, n, key_names[i], v, vn))
			return (int)i;
	for (i = 0; i < NELEM(key_aliases); i++)
		if (key_match(s, n, key_aliases[i].name, v, vn))
			return key_aliases[i].key;
	return -1;
}

/* Keys that follow the body: one of them ends it. */
static bool
trailer_key(int key)
{
	return key == K_LOAD_DATE || key == K_LANGUAGE ||
	    key == K_PUBLICATION_TYPE || key == K_JOURNAL_CODE;
}

/*
 * A document's first line: "Document 3 of 40" (Nexis Uni), "3 of 40
 * DOCUMENTS" (Academic), or their German and French forms.  *of is M.
 */
static bool
nexis_start(const char *s, size_t n, unsigned *a, unsigned *of)
{
	char line[65], word[16];

	if (n > 64)
		return false;
	/*
	 * s is not NUL-terminated: sscanf's white space would run on into
	 * the next lines (and past the buffer), so scan a copy.
	 */
	memcpy(line, s, n);
	line[n] = '\0';
	if (sscanf(line, " Document %u of %u", a, of) == 2 ||
	    sscanf(line, " Dokument %u von %u", a, of) == 2 ||
	    sscanf(line, " Document %u sur %u", a, of) == 2)
		return true;
	return (sscanf(line, " %u of %u %15s", a, of, word) == 3 ||
	    sscanf(line, " %u von %u %15s", a, of, word) == 3) &&
	    (strncasecmp(word, "DOCUMENT", 8) == 0 ||
	    strncasecmp(word, "DOKUMENT", 8) == 0);
}

/* "Documents (12)" on a Nexis Uni cover: 12. */
static unsigned long
cover_count(const char *s, size_t n)
{
	char line[65], close;
	unsigned long k;

	if (n > 64)
		return 0;
	memcpy(line, s, n);
	line[n] = '\0';
	if ((sscanf(line, "Documents (%lu%c", &k, &close) == 2 ||
	    sscanf(line, "Dokumente (%lu%c", &k, &close) == 2) && close == ')')
		return k;
	return 0;
}

/* A line only a cover page has. */
static bool
cover_line(const char *s, size_t n)
{
	static const char *const sig[] = { "Download Request:",
	    "Time of Request:", "Job Number:", "Date and Time:",
	    "Client/Matter:", "Search Terms:", "Send To:", NULL };
	const char *const *p;

	if (cover_count(s, n) > 0)
		return true;
	for (p = sig; *p != NULL; p++)
		if (n >= strlen(*p) && strncasecmp(s, *p, strlen(*p)) == 0)
			return true;
	return false;
}

static bool
copyright_line(const char *s, size_t n)
{
	return (n >= 9 && strncasecmp(s, "Copyright", 9) == 0) ||
	    (n > 1 && strncmp(s, "\xc2\xa9", 2) == 0);
}

/* A line that is a date and nothing else: its ISO form in iso. */
static bool
date_line(const char *s, size_t n, struct buf *iso)
{
	size_t used;

	buf_reset(iso);
	return date_parse(s, n, iso, &used) == DATE_OK && used == n;
}

static bool
isdigit_(int c)
{
	return c >= '0' && c <= '9';
}

static bool
isalnum_(int c)
{
	return isdigit_(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A date line that does not parse: short, with a year in it. */
static bool
datelike_line(const char *s, size_t n)
{
	size_t i;

	if (n > 60)
		return false;
	for (i = 0; i + 4 <= n; i++)
		if ((i == 0 || !isalnum_((unsigned char)s[i - 1])) &&
		    (strncmp(s + i, "19", 2) == 0 ||
		    strncmp(s + i, "20", 2) == 0) &&
		    isdigit_((unsigned char)s[i + 2]) &&
		    isdigit_((unsigned char)s[i + 3]) &&
		    (i + 4 == n || !isalnum_((unsigned char)s[i + 4])))
			return true;
	return false;
}

/* The field a key gives: lower case, '-' -> '_'; Author: is a byline. */
static void
field_name(int key, struct buf *name)
{
	const char *k = key_names[key];

	buf_reset(name);
	if (key == K_BYLINE || key == K_AUTHOR)
		buf_adds(name, "byline");
	else
		for (; *k != '\0'; k++)
			buf_addc(name, *k == '-' ? '_' : *k | 0x20);
}

/*
 * Add a value to the field of key (Author: to Byline:'s): a value the
 * field has not got yet is joined to it with "; ", as edition lines are,
 * since a document that gives two bylines or sections means both.  The
 * joined values are set in the record by flush_fields(), once, so that a
 * document of many repeated lines costs its size, not its square.  True
 * when the field already had another value.
 */
static bool
add_value(struct nexis *x, struct splitter *sp, int key, const char *name,
    const char *v, size_t vn)
{
	struct buf *b;
	const char *s, *p, *end;
	size_t n;

	if (key == K_AUTHOR)
		key = K_BYLINE;
	b = &x->val[key];
	if (b->len == 0) {
		/* the header may have set it (edition) */
		if (record_get(&sp->rec, name, &s, &n) != 1) {
			record_set(&sp->rec, name, v, vn);
			buf_add(b, v, vn);
			return false;
		}
		buf_add(b, s, n);
	}
	for (p = b->s, end = b->s + b->len; p < end; p = s + 2) {
		if ((s = memmem(p, (size_t)(end - p), "; ", 2)) == NULL)
			s = end;
		if ((size_t)(s - p) == vn && memcmp(p, v, vn) == 0)
			return false;	/* the same value again */
	}
	buf_adds(b, "; ");
	buf_add(b, v, vn);
	x->again[key] = true;
	return true;
}

/* Set the fields add_value() joined. */
static void
flush_fields(struct nexis *x, struct splitter *sp)
{
	struct buf name = BUF_INIT;
	int key;

	for (key = 0; key < NKEY; key++) {
		if (x->again[key]) {
			field_name(key, &name);
			record_set(&sp->rec, name.s, x->val[key].s,
			    x->val[key].len);
		}
		x->again[key] = false;
		buf_reset(&x->val[key]);
	}
	buf_free(&name);
}

/*
 * Set the field for a key: lower case, '-' -> '_'; dates as ISO 8601; the
 * language also as `lang`, its ISO 639-1 code.  A field given twice with
 * different values is warned about, naming the document: its values are
 * joined (add_value), but for a date, which holds one: the first stays.
 */
static void
nexis_field(struct nexis *x, struct splitter *sp, int key, const char *v,
    size_t vn)
{
	struct buf name = BUF_INIT, iso = BUF_INIT;
	const char *code, *s;
	size_t used, n;

	if (vn == 0)
		return;
	field_name(key, &name);
	if ((key == K_LOAD_DATE || key == K_DATE) &&
	    date_parse(v, vn, &iso, &used) == DATE_OK) {
		if (record_get(&sp->rec, name.s, &s, &n) != 1)
			record_set(&sp->rec, name.s, iso.s, iso.len);
		else if (n != iso.len || memcmp(s, iso.s, n) != 0)
			run_warn_at(x->run, x->line, "document %lu: a second "
			    "%s, %.*s: the first, %.*s, is kept", x->docs,
			    key_names[key], (int)vn, v, (int)n, s);
	} else if (add_value(x, sp, key, name.s, v, vn))
		run_warn_at(x->run, x->line, "document %lu: a second %s: its "
		    "value is joined to the first with \"; \"", x->docs,
		    key_names[key == K_AUTHOR ? K_BYLINE : key]);
	/* The code as web pages give it, so one field selects by language. */
	if (key == K_LANGUAGE && (code = lang_code(v, vn)) != NULL &&
	    !record_raw(&sp->rec, "lang", NULL, NULL, NULL))
		record_set(&sp->rec, "lang", code, strlen(code));
	buf_free(&name);
	buf_free(&iso);
}

/* Append "; "-separated (edition lines) or " " (a copyright's lines). */
static void
join(struct buf *b, const char *sep, const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ';' || s[n - 1] == ' '))
		n--;
	if (n == 0)
		return;
	if (b->len > 0)
		buf_adds(b, sep);
	buf_add(b, s, n);
}

struct line {
	const char	*s;		/* trimmed */
	size_t		 n;
	const char	*raw;		/* as gathered, for the body */
	size_t		 rawn;
};

/* Centred, as the text export centres publication, date and editions. */
static bool
indented(const struct line *l)
{
	return l->s - l->raw >= 4;
}

#define MAXHEAD	32	/* header lines looked at; more are body */

/*
 * The header: the lines before the first field or "Body".  Nexis Uni has
 * headline, publication, date; Academic publication, date, editions,
 * headline.  A cover before the first document (Nexis Uni DOCX) ends
 * where the document's own header begins.
 */
static void
nexis_header(struct nexis *x, struct splitter *sp, struct line *h, size_t nh,
    bool uni, bool first, struct buf *edition, struct buf *copyright)
{
	struct buf iso = BUF_INIT, title = BUF_INIT;
	size_t d, i, from = 0, last;
	bool dated = false;
	unsigned long k;

	/* The date line: the last that is one, else the first date-like. */
	for (d = nh; d-- > 0; )
		if (date_line(h[d].s, h[d].n, &iso)) {
			dated = true;
			break;
		}
	if (!dated)
		for (d = 0; d < nh && d < 3 && !datelike_line(h[d].s,
		    h[d].n); d++)
			;
	if (first)
		for (i = 0; i < nh && i < 3; i++)
			if (cover_line(h[i].s, h[i].n)) {
				/* a cover: the document's header is last */
				for (i = 0; i < nh; i++)
					if ((k = cover_count(h[i].s,
					    h[i].n)) > 0)
						x->expect = k;
				from = uni ? (d >= 2 && d < nh ? d - 2 : nh) :
				    (d >= 1 && d < nh ? d - 1 : nh);
				if (from > d)
					from = d;
				break;
			}
	if (d >= nh) {
		/* no date line at all */
		if (from < nh)
			record_set(&sp->rec, uni ? "title" : "source",
			    h[from].s, h[from].n);
		if (from + 1 < nh)
			record_set(&sp->rec, uni ? "source" : "title",
			    h[nh - 1].s, h[nh - 1].n);
		for (i = from + 1; i + 1 < nh; i++)
			join(edition, "; ", h[i].s, h[i].n);
		goto out;
	}
	if (dated)
		record_set(&sp->rec, "date", iso.s, iso.len);
	else
		record_set(&sp->rec, "date_text", h[d].s, h[d].n);
	if (uni) {
		/*
		 * headline (wrapped over lines?), publication, date; a
		 * single line before the date is the headline.
		 */
		for (i = from; i + 1 < d || (i < d && d - from == 1); i++)
			join(&title, " ", h[i].s, h[i].n);
		if (title.len > 0)
			record_set(&sp->rec, "title", title.s, title.len);
		if (d - from >= 2)
			record_set(&sp->rec, "source", h[d - 1].s,
			    h[d - 1].n);
		last = nh;
	} else {
		/* publication, date, editions, headline */
		for (i = from; i < d; i++)
			join(&title, " ", h[i].s, h[i].n);
		if (title.len > 0)
			record_set(&sp->rec, "source", title.s, title.len);
		/*
		 * The headline is the last line, unless the text export
		 * centres it with the publication and date: then it is an
		 * edition line and the headline is missing.
		 */
		last = nh > d + 1 ? nh - 1 : nh;
		if (last < nh && indented(&h[d]) && indented(&h[last]))
			last = nh;
		if (last < nh && !copyright_line(h[last].s, h[last].n))
			record_set(&sp->rec, "title", h[last].s, h[last].n);
		else
			last = nh;
	}
	for (i = d + 1; i < last; i++)
		if (copyright_line(h[i].s, h[i].n))
			join(copyright, " ", h[i].s, h[i].n);
		else
			join(edition, "; ", h[i].s, h[i].n);
out:
	if (edition->len > 0)
		record_set(&sp->rec, "edition", edition->s, edition->len);
	buf_free(&iso);
	buf_free(&title);
}

/*
 * An Academic document with no field lines: nothing says where the header
 * ends, so it is publication, date line, headline, and the rest is body.
 */
static void
head_then_body(struct nexis *x, struct splitter *sp, struct line *h,
    size_t nh, bool first, struct buf *edition, struct buf *copyright)
{
	struct buf iso = BUF_INIT;
	size_t d, hlen, i;

	for (d = 0; d < nh && !date_line(h[d].s, h[d].n, &iso); d++)
		;
	hlen = d < nh ? d + 2 : 3;
	if (hlen > nh)
		hlen = nh;
	nexis_header(x, sp, h, hlen, false, first, edition, copyright);
	for (i = hlen; i < nh; i++) {
		if (i > hlen)
			article_line(x->body, "", 0);
		article_line(x->body, h[i].raw, h[i].rawn);
	}
	buf_free(&iso);
}

/*
 * Parse the document held in x->item ('\n'-separated lines) into sp->rec
 * and write it.
 */
static void
nexis_parse(struct nexis *x, struct splitter *sp, struct run *run, bool first)
{
	const char *p = buf_cstr(&x->item), *end = p + x->item.len, *nl, *v;
	struct line h[MAXHEAD];
	struct buf edition = BUF_INIT, copyright = BUF_INIT, notes = BUF_INIT;
	size_t nh = 0, vn;
	enum { HEAD, FIELDS, BODY, TAIL } state = HEAD;
	bool uni = false, incopy = false;
	struct line l;
	int key;

	x->run = run;
	x->line = x->item_line;
	/* Nexis Uni marks the body; Academic does not. */
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l.s = p;
		l.n = (size_t)(nl - p);
		split_trim(&l.s, &l.n);
		if (one_of(body_marks, l.s, l.n)) {
			uni = true;
			break;
		}
	}
	split_item_start(sp, run);
	article_reset(x->body);
	for (p = buf_cstr(&x->item); p < end; p = nl + 1, x->line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l.raw = l.s = p;
		l.rawn = l.n = (size_t)(nl - p);
		split_trim(&l.s, &l.n);
		key = nexis_key(l.s, l.n, &v, &vn);
		if (state == HEAD) {
			if (key >= 0 || (uni && one_of(body_marks, l.s, l.n))) {
				nexis_header(x, sp, h, nh, uni, first,
				    &edition, &copyright);
				state = FIELDS;
			} else if (l.n == 0)
				continue;
			else if (nh < MAXHEAD || uni) {
				if (nh < MAXHEAD)
					h[nh++] = l;
				continue;
			} else {
				head_then_body(x, sp, h, nh, first, &edition,
				    &copyright);
				state = BODY;
			}
		}
		if (state == FIELDS) {
			if (key >= 0) {
				nexis_field(x, sp, key, v, vn);
				continue;
			}
			if (l.n == 0 || one_of(body_marks, l.s, l.n))
				continue;
			state = BODY;
		}
		if (state == BODY) {
			if ((key >= 0 && trailer_key(key)) ||
			    one_of(class_marks, l.s, l.n))
				state = TAIL;
			else if (key >= 0)
				nexis_field(x, sp, key, v, vn);
			else
				article_line(x->body, l.raw, l.rawn);
		}
		if (state == TAIL) {
			if (key >= 0) {
				nexis_field(x, sp, key, v, vn);
				incopy = false;
			} else if (copyright_line(l.s, l.n)) {
				join(&copyright, " ", l.s, l.n);
				incopy = true;
			} else if (l.n == 0 || one_of(class_marks, l.s, l.n))
				;
			else if (incopy)
				join(&copyright, " ", l.s, l.n);
			else
				join(&notes, "\n", l.s, l.n);
		}
	}
	if (state == HEAD && uni)
		nexis_header(x, sp, h, nh, uni, first, &edition, &copyright);
	else if (state == HEAD)
		head_then_body(x, sp, h, nh, first, &edition, &copyright);
	if (copyright.len > 0)
		record_set(&sp->rec, "copyright", copyright.s, copyright.len);
	/* the lines of the tail that are no field, after a Notes: field */
	if (notes.len > 0)
		add_value(x, sp, K_NOTES, "notes", notes.s, notes.len);
	flush_fields(x, sp);
	article_fields(x->body, &sp->rec);
	split_emit(sp, run);
	buf_free(&edition);
	buf_free(&copyright);
	buf_free(&notes);
}

static bool
blank_item(const struct nexis *x)
{
	return strspn(buf_cstr(&x->item), " \t\r\n") == x->item.len;
}

/* The lines before the first document start with a cover's lines. */
static bool
is_cover(const struct nexis *x)
{
	const char *p = buf_cstr(&x->item), *end = p + x->item.len, *nl, *s;
	size_t n;
	int k = 0;

	for (; p < end && k < 3; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		s = p;
		n = (size_t)(nl - p);
		split_trim(&s, &n);
		if (n == 0)
			continue;
		if (cover_line(s, n))
			return true;
		k++;
	}
	return false;
}

/* The document being gathered is over: write it, unless it is empty. */
static void
end_doc(struct nexis *x, struct splitter *sp, struct run *run)
{
	bool first = !x->started;

	if (!sp->spilling && !blank_item(x)) {
		x->docs++;
		nexis_parse(x, sp, run, first);
	} else if (sp->spilling)
		x->docs++;	/* read, and rejected as too long */
	split_item_done(sp);
	buf_reset(&x->item);
}

static void
nexis_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	struct nexis *x = state;
	const char *t = s;
	size_t tn = n;
	unsigned a, of;

	split_trim(&t, &tn);
	if (nexis_start(t, tn, &a, &of)) {
		if (x->started || !is_cover(x))
			end_doc(x, sp, run);
		else {
			/* what came before the first document: a cover */
			split_item_done(sp);
			buf_reset(&x->item);
		}
		x->started = true;
		x->of = x->of == 0 || x->of == of ? of : (unsigned long)-1;
		/*
		 * The numbers run on from one document to the next; a part
		 * download may start past 1 (Academic numbers the search's
		 * results), but a number skipped is a document lost.
		 */
		if (x->first == 0)
			x->first = a;
		else if (a > x->last + 1 && x->of != (unsigned long)-1) {
			run_fail_at(run, sp->lineno, "document %u of %u "
			    "follows document %lu: %lu missing", a, of,
			    x->last, a - x->last - 1);
			x->gap = true;
		}
		x->last = a;
		split_hold(sp, run, sp->raw, sp->rawlen);
		return;
	}
	if (!split_hold(sp, run, sp->raw, sp->rawlen)) {
		buf_reset(&x->item);
		if (one_of(end_marks, t, tn)) {
			x->started = x->ends = true;
			end_doc(x, sp, run);
		}
		return;
	}
	if (one_of(end_marks, t, tn)) {
		end_doc(x, sp, run);
		x->started = x->ends = true;
		return;
	}
	if (x->item.len == 0)
		x->item_line = sp->lineno;
	buf_add(&x->item, s, n);
	buf_addc(&x->item, '\n');
}

static void
nexis_end(void *state, struct splitter *sp, struct run *run)
{
	struct nexis *x = state;
	unsigned long want;

	char msg[80];

	if (!x->started && !sp->spilling && !blank_item(x)) {
		/*
		 * No document began or ended in the whole file: it is no
		 * export (the wrong -f), or an export's cover alone.  Every
		 * export has one of these marks, so nothing is lost by
		 * refusing it; written, it would be one item of no text.
		 */
		split_reject_held(sp, run, is_cover(x) ?
		    "an export's cover and no document in it" :
		    "not a Nexis export: it has no document start (\"1 of 3 "
		    "DOCUMENTS\", \"Document 1 of 3\") or end (\"End of "
		    "Document\")");
		buf_reset(&x->item);
	} else if (x->ends && !sp->spilling && !blank_item(x)) {
		/* The export ends documents; this one did not end. */
		x->docs++;
		snprintf(msg, sizeof(msg), "document %lu cut off: no End of "
		    "Document", x->docs);
		split_reject_held(sp, run, msg);
		buf_reset(&x->item);
	}
	end_doc(x, sp, run);
	/*
	 * The cover's count is the file's: fewer read is documents lost.
	 * M of "N of M" is the search's count, which a part download (the
	 * first 100 of 350) does not reach: fewer read is lost only when
	 * the numbers started at 1 and no part was asked for ... which the
	 * file does not say, so it is a warning, as more read than said is.
	 */
	want = x->expect ? x->expect : x->of != (unsigned long)-1 ? x->of : 0;
	if (want > 0 && x->docs < want && x->expect > 0)
		run_fail_at(run, 0, "%lu documents read, the export says %lu: "
		    "%lu lost", x->docs, want, want - x->docs);
	else if (want > 0 && x->docs != want && !x->gap)
		run_warn_at(run, 0, "%lu documents read, the export says %lu",
		    x->docs, want);
}

const struct split_reader split_nexis = {
	.name = "nexis",
	.stream = true,
	.new = nexis_new,
	.free = nexis_free,
	.begin = nexis_begin,
	.line = nexis_line,
	.end = nexis_end,
};
