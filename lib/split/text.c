/*
 * text.c - the text reader: one article per file, or several separated
 * by form feeds or by lines matching -d (split.h).  How an article's
 * lines become fields is article.c's business; an article longer than
 * --max-record is rejected whole (split_hold).  A long line goes into the
 * article in the memory it was read into (sp->linebuf), not copied.
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
	struct buf	 tmp;		/* a line, NUL-terminated for regexec
					   (without REG_STARTEND) */
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

/*
 * A line (or the part of one before or after a form feed) of the item;
 * home: the buffer it lies in, whose memory the article may take (the
 * last part of a line only, as the parts before it lie in it too).
 */
static void
add(struct text *t, struct splitter *sp, struct run *run, const char *s,
    size_t n, const char *raw, size_t rawn, struct buf *home)
{
	if (split_hold(sp, run, raw, rawn))
		article_line_in(t->art, s, n, home);
	else
		article_reset(t->art);	/* rejected: too long */
}

/*
 * A line of DELIM_COPY bytes or more is matched against -d where it lies;
 * a shorter one is copied to end it with a NUL, which costs little.
 */
#define DELIM_COPY	((size_t)1 << 20)

/*
 * Does the line s[0..n) (no NUL in it: split.c made them U+FFFD) match
 * -d?  Where regexec can be told where the line ends, a long line is
 * matched where it lies rather than copied: a line of 100 MB is not held
 * twice for it.  Only a long one: the sanitizers' regexec reads the
 * string up to its NUL whatever REG_STARTEND says, and a short line may
 * lie in a chunk of input with no NUL after it, while a line of a
 * megabyte or more was assembled in a buffer (the input's, the
 * decoder's, or the one NULs were replaced in) that ends in one.
 */
static bool
delim(struct text *t, const char *s, size_t n)
{
#ifdef REG_STARTEND
	regmatch_t m[1];

	if (n >= DELIM_COPY) {
		m[0].rm_so = 0;
		m[0].rm_eo = (regoff_t)n;
		return regexec(t->o->delim, s, 1, m, REG_STARTEND) == 0;
	}
#endif
	buf_reset(&t->tmp);
	buf_add(&t->tmp, s, n);
	return regexec(t->o->delim, t->tmp.s, 0, NULL, 0) == 0;
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
			    (size_t)(rff - raw), NULL);
		sp->stream = true;
		text_end(t, sp, run);
		n -= (size_t)(ff - s) + 1;
		s = ff + 1;
		rawn -= (size_t)(rff - raw) + 1;
		raw = rff + 1;
	}
	if (t->o->delim != NULL && delim(t, s, n)) {
		sp->stream = true;
		text_end(t, sp, run);
		return;
	}
	add(t, sp, run, s, n, raw, rawn, sp->linebuf);
}

const struct split_reader split_text = {
	.name = "text",
	.new = text_new,
	.free = text_free,
	.begin = text_begin,
	.line = text_line,
	.end = text_end,
};
