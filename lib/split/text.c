/*
 * text.c - the text reader: one article per file, or several separated
 * by form feeds or by lines matching -d (split.h).  How an article's
 * lines become fields is article.c's business; an article longer than
 * --max-record is rejected whole (split_hold).
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "split/article.h"
#include "split/reader.h"
#include "base/util.h"

struct text {
	const struct split_opts *o;
	struct article	*art;		/* the item being read */
	struct buf	 tmp;		/* a line, NUL-terminated for regexec */
};

static void *
text_new(const struct split_opts *o)
{
	struct text *t;

	t = xcalloc(1, sizeof(*t));
	t->o = o;
	t->art = article_new(!o->no_title);
	return t;
}

static void
text_free(void *state)
{
	struct text *t = state;

	if (t == NULL)
		return;
	article_free(t->art);
	buf_free(&t->tmp);
	free(t);
}

static void
text_begin(void *state, struct splitter *sp, struct run *run)
{
	struct text *t = state;

	article_reset(t->art);
}

/* End the item being read, if it has anything in it. */
static void
text_end(void *state, struct splitter *sp, struct run *run)
{
	struct text *t = state;
	const char *s;
	size_t n;

	split_item_done(sp);
	if (article_empty(t->art))
		return;
	split_item_start(sp, run);
	/* no copy of the text in sp->rec: -p does not write it */
	if (!t->o->paragraphs)
		article_meta(t->art, &sp->rec);
	article_text(t->art, &s, &n);
	split_emit_text(sp, run, s, n);
	article_reset(t->art);
}

/* A line (or the part of one before or after a form feed) of the item. */
static void
add(struct text *t, struct splitter *sp, struct run *run, const char *s,
    size_t n, const char *raw, size_t rawn)
{
	if (split_hold(sp, run, raw, rawn))
		article_line(t->art, s, n);
	else
		article_reset(t->art);	/* rejected: too long */
}

static void
text_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	struct text *t = state;
	const char *ff, *raw = sp->raw, *rff;
	size_t rawn = sp->rawlen;

	/* Decoding keeps form feeds: the raw line has as many. */
	while ((ff = memchr(s, '\f', n)) != NULL) {
		rff = memchr(raw, '\f', rawn);
		if (ff > s)
			add(t, sp, run, s, (size_t)(ff - s), raw,
			    (size_t)(rff - raw));
		sp->stream = true;
		text_end(t, sp, run);
		n -= (size_t)(ff - s) + 1;
		s = ff + 1;
		rawn -= (size_t)(rff - raw) + 1;
		raw = rff + 1;
	}
	if (t->o->delim != NULL) {
		buf_reset(&t->tmp);
		buf_add(&t->tmp, s, n);
		if (regexec(t->o->delim, t->tmp.s, 0, NULL, 0) == 0) {
			sp->stream = true;
			text_end(t, sp, run);
			return;
		}
	}
	add(t, sp, run, s, n, raw, rawn);
}

const struct split_reader split_text = {
	.name = "text",
	.new = text_new,
	.free = text_free,
	.begin = text_begin,
	.line = text_line,
	.end = text_end,
};
