/*
 * nexis.c - the Nexis reader: the plain-text exports of Nexis Uni and
 * LexisNexis Academic (split.h).  A document's lines are gathered until
 * its end ("End of Document", or the next "Document N of M" / "N of M
 * DOCUMENTS"), then parsed as a whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "split/article.h"
#include "split/date.h"
#include "split/reader.h"
#include "base/util.h"

struct nexis {
	struct article	*body;		/* paragraphs of the body */
	struct buf	 item;		/* the document's lines, '\n'-ended */
};

static const char *const nexis_keys[] = {
	"LENGTH", "BYLINE", "SECTION", "LOAD-DATE", "LANGUAGE",
	"PUBLICATION-TYPE", "DATELINE", "HIGHLIGHT", "GRAPHIC", "TYPE",
	"JOURNAL-CODE", "DOCUMENT-TYPE", "EDITION", "SUBJECT", "ORGANIZATION",
	"GEOGRAPHIC", "INDUSTRY", "PERSON", "COMPANY", "TICKER", "SERIES",
	"CORRECTION-DATE", "CORRECTION", "CLASSIFICATION", "URL", "NOTES",
	"AUTHOR", "DATE", "PUBLICATION", NULL
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

	if (x == NULL)
		return;
	article_free(x->body);
	buf_free(&x->item);
	free(x);
}

static void
nexis_begin(void *state, struct splitter *sp, struct run *run)
{
	struct nexis *x = state;

	buf_reset(&x->item);
}

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
	else if (record_field(&sp->rec, name.s) == NULL)
		record_set(&sp->rec, name.s, v, vn);
	buf_free(&name);
	buf_free(&iso);
}

/*
 * Parse the lines of one Nexis document held in x->item ('\n'-separated).
 * Header lines before the body: Nexis Uni puts headline, publication,
 * date; Academic puts publication, date, headline.  The body runs from a
 * "Body" line (Uni) or the first paragraph after the header fields
 * (Academic) to LOAD-DATE: or the end.
 */
static void
nexis_end(void *state, struct splitter *sp, struct run *run)
{
	struct nexis *x = state;
	const char *p = buf_cstr(&x->item), *end = p + x->item.len;
	const char *nl, *s, *v;
	const char *pre[2] = { NULL, NULL }, *post = NULL;
	size_t pren[2] = { 0, 0 }, postn = 0, n, vn, used, npre = 0;
	struct buf iso = BUF_INIT;
	bool body = false, dated = false, fields = false, done = false;
	int key;

	if (x->item.len == 0 || split_blank(x->item.s, x->item.len))
		goto out;
	split_item_start(sp, run);
	article_reset(x->body);
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		s = p;
		n = (size_t)(nl - p);
		split_trim(&s, &n);
		if ((key = nexis_key(s, n, &v, &vn)) >= 0) {
			nexis_field(sp, key, v, vn);
			if (strcmp(nexis_keys[key], "LOAD-DATE") == 0 && body)
				done = true;
			fields = true;
		} else if (done)
			;
		else if (body)
			article_line(x->body, p, (size_t)(nl - p));
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
			article_line(x->body, p, (size_t)(nl - p));
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
	article_fields(x->body, &sp->rec);
	split_emit(sp, run);
out:
	buf_free(&iso);
	buf_reset(&x->item);
}

static void
nexis_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	struct nexis *x = state;
	const char *t = s;
	size_t tn = n;

	split_trim(&t, &tn);
	if (tn == 15 && strncasecmp(t, "End of Document", 15) == 0) {
		nexis_end(x, sp, run);
		return;
	}
	if (nexis_start(t, tn)) {
		nexis_end(x, sp, run);
		return;
	}
	buf_add(&x->item, s, n);
	buf_addc(&x->item, '\n');
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
