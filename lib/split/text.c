/*
 * text.c - the text reader: one article per file, or several separated
 * by form feeds or by lines matching -d (split.h).  How an article's
 * lines become fields is article.c's business.
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

	if (article_empty(t->art))
		return;
	split_item_start(sp, run);
	article_fields(t->art, &sp->rec);
	split_emit(sp, run);
	article_reset(t->art);
}

static void
text_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	struct text *t = state;
	const char *ff;

	while ((ff = memchr(s, '\f', n)) != NULL) {
		if (ff > s)
			article_line(t->art, s, (size_t)(ff - s));
		sp->stream = true;
		text_end(t, sp, run);
		n -= (size_t)(ff - s) + 1;
		s = ff + 1;
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
	article_line(t->art, s, n);
}

const struct split_reader split_text = {
	.name = "text",
	.new = text_new,
	.free = text_free,
	.begin = text_begin,
	.line = text_line,
	.end = text_end,
};
