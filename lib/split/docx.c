/*
 * docx.c - Word documents (DOCX, WordprocessingML) as a source of lines:
 * the main part's paragraphs, in order, handed to a line reader (text,
 * one article per file; nexis, a Nexis Uni export) as if they were the
 * lines of a text file, a blank line after each paragraph.
 *
 * A DOCX is told by its content, never its name: a zip whose
 * [Content_Types].xml names a WordprocessingML main part.  The zip is read
 * with libzip (it needs the central directory, so the file is read into
 * memory: at most --max-record bytes of it), the XML with libxml2's SAX
 * parser, fed the main part as it inflates, so memory holds one
 * paragraph; a part that inflates past --max-record (a zip bomb) is
 * refused.
 *
 * Kept: the text of runs (w:t), tabs, line breaks (a line of their own,
 * within the paragraph), the text of hyperlinks, fields' results, inserted
 * revisions, text boxes (once).  Left out: deleted and moved-away
 * revisions, field instructions, properties, the fallback copy of
 * alternate content; headers, footers, comments and notes are other parts
 * and never read.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <zip.h>

#include "base/util.h"
#include "split/docx.h"
#include "split/reader.h"

#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS	"http://schemas.openxmlformats.org/markup-compatibility/2006"
#define CT_NS	"http://schemas.openxmlformats.org/package/2006/content-types"

#define CHUNK	(64 * 1024)

/* Content types of a main document part (document, template, macros). */
static const char *const main_types[] = {
	"application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document.main+xml",
	"application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "template.main+xml",
	"application/vnd.ms-word.document.macroEnabled.main+xml",
	"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
};

struct docx {
	struct splitter	*sp;
	struct run	*run;
	const struct split_reader *r;
	void		*state;

	/* [Content_Types].xml */
	struct buf	 part;		/* the main part's name */

	/* the main part */
	xmlParserCtxtPtr ctx;
	struct buf	 text;		/* paragraphs being read (nested) */
	size_t		*pstart;	/* where each open paragraph began */
	size_t		 np, cappar;
	unsigned	 skip;		/* inside elements left out */
	bool		 in_t;		/* inside w:t */
	bool		 doctype;	/* a DTD: refused */
	int		 tag;		/* in a tag: 1, or its open quote */
	unsigned long	 nattr;		/* attributes of that tag so far */
	unsigned long	 paras;		/* paragraphs handed on */
};

bool
docx_sniff(const char *head, size_t n)
{
	return n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}

bool
docx_ole_sniff(const char *head, size_t n)
{
	return n >= 8 && memcmp(head, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) ==
	    0;
}

static bool
is_w(const xmlChar *uri)
{
	return uri != NULL && (strcmp((const char *)uri, W_NS) == 0 ||
	    strcmp((const char *)uri, W_NS_STRICT) == 0);
}

static const char *
attr(const xmlChar **a, int na, const char *name)
{
	int i;

	for (i = 0; i < na; i++, a += 5)
		if (strcmp((const char *)a[0], name) == 0) {
			static char v[256];
			size_t n = (size_t)(a[4] - a[3]);

			if (n >= sizeof(v))
				n = sizeof(v) - 1;
			memcpy(v, a[3], n);
			v[n] = '\0';
			return v;
		}
	return NULL;
}

/* ---- [Content_Types].xml -------------------------------------------- */

static void
ct_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int na, int nd,
    const xmlChar **a)
{
	struct docx *d = ctx;
	const char *type, *part;
	size_t i;

	if (strcmp((const char *)name, "Override") != 0 || d->part.len > 0)
		return;
	if ((type = attr(a, na, "ContentType")) == NULL)
		return;
	for (i = 0; i < NELEM(main_types); i++)
		if (strcasecmp(type, main_types[i]) == 0 &&
		    (part = attr(a, na, "PartName")) != NULL) {
			buf_adds(&d->part, part[0] == '/' ? part + 1 : part);
			return;
		}
}

/* ---- the main part -------------------------------------------------- */

/* Hand one line of the paragraph on to the reader. */
static void
put_line(struct docx *d, const char *s, size_t n)
{
	struct splitter *sp = d->sp;

	if (run_stopped(d->run))
		return;
	sp->raw = s;
	sp->rawlen = n;
	sp->eol = "\n";
	sp->lineno = d->paras;
	run_count(d->run, 1);
	d->r->line(d->state, sp, d->run, s, n);
}

/* A paragraph ends: its lines (split at breaks), then a blank line. */
static void
end_para(struct docx *d)
{
	size_t from = d->pstart[--d->np];
	const char *p = d->text.s + from, *end = d->text.s + d->text.len, *nl;

	d->paras++;
	for (; p <= end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		put_line(d, p, (size_t)(nl - p));
	}
	put_line(d, "", 0);
	buf_truncate(&d->text, from);
}

static void
w_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int na, int nd,
    const xmlChar **a)
{
	struct docx *d = ctx;
	const char *n = (const char *)name;

	if (d->skip > 0 || (uri != NULL && strcmp((const char *)uri,
	    MC_NS) == 0 && strcmp(n, "Fallback") == 0)) {
		d->skip++;
		return;
	}
	if (!is_w(uri))
		return;
	if (strcmp(n, "del") == 0 || strcmp(n, "moveFrom") == 0 ||
	    strcmp(n, "instrText") == 0 || strcmp(n, "delText") == 0 ||
	    strcmp(n, "rPr") == 0 || strcmp(n, "sectPr") == 0 ||
	    strcmp(n, "delInstrText") == 0) {
		d->skip++;
		return;
	}
	if (strcmp(n, "p") == 0) {
		d->pstart = xroom(d->pstart, &d->cappar, d->np + 1,
		    sizeof(*d->pstart));
		d->pstart[d->np++] = d->text.len;
	} else if (strcmp(n, "pPr") == 0)
		d->skip++;	/* its w:tab are tab stops, not tabs */
	else if (d->np == 0)
		;
	else if (strcmp(n, "t") == 0)
		d->in_t = true;
	else if (strcmp(n, "tab") == 0 || strcmp(n, "ptab") == 0)
		buf_addc(&d->text, '\t');
	else if (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) {
		const char *type = attr(a, na, "type");

		if (type == NULL || strcmp(type, "textWrapping") == 0)
			buf_addc(&d->text, '\n');
	} else if (strcmp(n, "noBreakHyphen") == 0)
		buf_addc(&d->text, '-');
}

static void
w_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct docx *d = ctx;
	const char *n = (const char *)name;

	if (d->skip > 0) {
		d->skip--;
		return;
	}
	if (!is_w(uri))
		return;
	if (strcmp(n, "t") == 0)
		d->in_t = false;
	else if (strcmp(n, "p") == 0 && d->np > 0)
		end_para(d);
}

static void
w_chars(void *ctx, const xmlChar *s, int n)
{
	struct docx *d = ctx;

	if (d->in_t && d->skip == 0 && d->np > 0)
		buf_add(&d->text, s, (size_t)n);
}

/* A document type declaration: DOCX has none; refuse its entities. */
static void
w_dtd(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	struct docx *d = ctx;

	d->doctype = true;
	xmlStopParser(d->ctx);
}

/*
 * libxml2 (xmlParseStartTag2) checks each attribute of a tag against every
 * one before it: 300,000 took half a minute.  Word writes a few a tag.
 */
#define DOCX_MAX_ATTRS	10000

/*
 * Does s[0..n), the next bytes of the part, bring a tag past
 * DOCX_MAX_ATTRS attributes?  Every attribute has its '=', the one
 * outside quotes in a tag; d->tag and d->nattr carry the count over from
 * one piece to the next.
 */
static bool
too_many_attrs(struct docx *d, const char *s, size_t n)
{
	const char *p, *e = s + n;

	while (s < e) {
		if (d->tag == 0) {
			if ((p = memchr(s, '<', (size_t)(e - s))) == NULL)
				break;
			d->tag = 1;
			d->nattr = 0;
			s = p + 1;
		} else if (d->tag != 1) {
			if ((p = memchr(s, d->tag, (size_t)(e - s))) == NULL)
				break;
			d->tag = 1;
			s = p + 1;
		} else {
			while (s < e && *s != '>' && *s != '"' && *s != '=' &&
			    *s != '\'')
				s++;
			if (s == e)
				break;
			if (*s == '>')
				d->tag = 0;
			else if (*s != '=')
				d->tag = *s;
			else if (++d->nattr > DOCX_MAX_ATTRS)
				return true;
			s++;
		}
	}
	return false;
}

/*
 * Parse one part with the handlers given, inflating it chunk by chunk.
 * Returns 0, or -1 after reporting the error.
 */
static int
parse_part(struct docx *d, zip_t *za, const char *name, xmlSAXHandler *sax,
    size_t max)
{
	struct run *run = d->run;
	zip_stat_t st;
	zip_file_t *zf;
	zip_int64_t idx, k;
	unsigned long long total = 0;
	xmlErrorPtr e;
	char *chunk;
	int rc = 0;

	if ((idx = zip_name_locate(za, name, 0)) < 0) {
		run_fail(run, "DOCX without its part %s", name);
		return -1;
	}
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st.encryption_method != ZIP_EM_NONE) {
		run_fail(run, "encrypted DOCX (%s): not supported", name);
		return -1;
	}
	if ((zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL) {
		run_fail(run, "damaged zip: %s: %s", name,
		    zip_error_strerror(zip_get_error(za)));
		return -1;
	}
	chunk = xmalloc(CHUNK);
	d->ctx = xmlCreatePushParserCtxt(sax, d, NULL, 0, name);
	if (d->ctx == NULL)
		errx(1, "out of memory");
	xmlCtxtUseOptions(d->ctx, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	d->doctype = false;
	d->tag = 0;
	for (;;) {
		if ((k = zip_fread(zf, chunk, CHUNK)) < 0) {
			run_fail(run, "damaged zip: %s: %s", name,
			    zip_error_strerror(zip_file_get_error(zf)));
			rc = -1;
			break;
		}
		if ((total += (unsigned long long)k) > max) {
			run_fail(run, "%s inflates past --max-record (%zu "
			    "bytes): refused", name, max);
			rc = -1;
			break;
		}
		if (too_many_attrs(d, chunk, (size_t)k)) {
			run_fail(run, "%s: a tag of more than %d attributes, "
			    "which DOCX never has: refused", name,
			    DOCX_MAX_ATTRS);
			rc = -1;
			break;
		}
		if (xmlParseChunk(d->ctx, chunk, (int)k, k == 0) != 0 ||
		    d->doctype) {
			if (d->doctype)
				run_fail(run, "%s: a document type "
				    "declaration, which DOCX never has: "
				    "refused", name);
			else {
				e = xmlCtxtGetLastError(d->ctx);
				run_fail(run, "%s: bad XML at line %d: %.*s",
				    name, e ? e->line : 0, e && e->message ?
				    (int)strcspn(e->message, "\n") : 0,
				    e && e->message ? e->message : "");
			}
			rc = -1;
			break;
		}
		if (k == 0 || run_stopped(run))
			break;
	}
	xmlFreeParserCtxt(d->ctx);
	d->ctx = NULL;
	zip_fclose(zf);
	free(chunk);
	return rc;
}

int
docx_read(struct splitter *sp, struct run *run, struct input *in,
    const struct split_reader *r, void *state)
{
	struct docx d;
	struct buf zipped = BUF_INIT;
	xmlSAXHandler ct_sax, w_sax;
	zip_source_t *src;
	zip_error_t zerr;
	zip_t *za = NULL;
	size_t max;
	ssize_t k;

	max = sp->o->max_record ? sp->o->max_record : INPUT_MAX_RECORD_DEFAULT;
	memset(&d, 0, sizeof(d));
	d.sp = sp;
	d.run = run;
	d.r = r;
	d.state = state;

	/* The zip, whole: its directory is at the end. */
	for (;;) {
		buf_grow(&zipped, CHUNK);
		if ((k = input_read(in, zipped.s + zipped.len, CHUNK)) < 0) {
			buf_free(&zipped);
			return INPUT_ERROR;
		}
		if (k == 0)
			break;
		zipped.len += (size_t)k;
		if (zipped.len > max) {
			run_fail(run, "zip larger than --max-record (%zu "
			    "bytes): refused", max);
			goto out;
		}
	}
	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(zipped.s, zipped.len, 0,
	    &zerr)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY, &zerr)) == NULL) {
		run_fail(run, "damaged zip: %s", zip_error_strerror(&zerr));
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&zerr);
		goto out;
	}
	zip_error_fini(&zerr);

	memset(&ct_sax, 0, sizeof(ct_sax));
	ct_sax.initialized = XML_SAX2_MAGIC;
	ct_sax.startElementNs = ct_start;
	ct_sax.internalSubset = w_dtd;
	if (zip_name_locate(za, "[Content_Types].xml", 0) < 0) {
		run_fail(run, "a zip, not a DOCX: no [Content_Types].xml");
		goto out;
	}
	if (parse_part(&d, za, "[Content_Types].xml", &ct_sax, max) < 0)
		goto out;
	if (d.part.len == 0) {
		run_fail(run, "a zip, not a DOCX: [Content_Types].xml names "
		    "no WordprocessingML main part");
		goto out;
	}

	memset(&w_sax, 0, sizeof(w_sax));
	w_sax.initialized = XML_SAX2_MAGIC;
	w_sax.startElementNs = w_start;
	w_sax.endElementNs = w_end;
	w_sax.characters = w_chars;
	w_sax.internalSubset = w_dtd;
	if (parse_part(&d, za, buf_cstr(&d.part), &w_sax, max) == 0 &&
	    !run_stopped(run) && r->end != NULL)
		r->end(state, sp, run);
out:
	if (za != NULL)
		zip_discard(za);
	buf_free(&zipped);
	buf_free(&d.part);
	buf_free(&d.text);
	free(d.pstart);
	return INPUT_EOF;
}
