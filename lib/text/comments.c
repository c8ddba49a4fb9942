/*
 * comments.c - part of artclean's step 14, datelines (edges.h:
 * edges_comments), run before the datelines go: reader comments after an
 * article, found by their headers (a name and "says:", or a dated line
 * naming the writer: datelines.c, through shape.h), removed with all that
 * follows them.
 */
#include <string.h>
#include <strings.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/* A comment header names its writer in at most this many words. */
#define COMMENT_HEADER_WORDS	12

/*
 * Does the line p (n bytes) carry what a page puts on a comment and a
 * report does not put on "The minister said:": a number or a bullet
 * before it ("1.", "•", "□"), an avatar's bracketed label ("[7a57]"), or
 * a time of day ("at 10:12 am")?
 */
static int
comment_marked(const char *p, size_t n)
{
	size_t i;

	if ((p[0] >= '0' && p[0] <= '9') || p[0] == '[' ||
	    (unsigned char)p[0] >= 0x80)
		return 1;
	for (i = 1; i + 2 < n; i++)
		if (p[i] == ':' && p[i - 1] >= '0' && p[i - 1] <= '9' &&
		    p[i + 1] >= '0' && p[i + 1] <= '9' && p[i + 2] >= '0' &&
		    p[i + 2] <= '9')
			return 1;
	return 0;
}

/*
 * Is the stop at p[i] an initial's: one letter after a blank ("Jo K.
 * Lee"), or a capital after another capital's stop ("K.G. Lee")?
 */
static int
initial(const char *p, size_t i)
{
	return (i >= 2 && p[i - 2] == ' ') || (i >= 3 && p[i - 2] == '.' &&
	    p[i - 1] >= 'A' && p[i - 1] <= 'Z' && p[i - 3] >= 'A' &&
	    p[i - 3] <= 'Z');
}

/*
 * Is p (n bytes) the header of a reader's comment: one line that ends in
 * a verb of saying and a colon, once a list number, a bullet and an
 * avatar's bracketed label are set aside ("1. Max says:", "[7a57] Lauren
 * K says:", "On May 6, 2019 at 10:12 am Jo Lee said:", "Ally wrote:",
 * "Moin sagt:")?  The writer's name takes a few words and ends no
 * sentence: "The minister said:" in a report is one line, never a run.
 */
static int
comment_header(const char *p, size_t n)
{
	static const char *const verbs[] = {
		" said:", " says:", " wrote:", " writes:", " sagt:",
		" schrieb:"
	};
	size_t i, len;

	if (n == 0 || p[n - 1] != ':' || memchr(p, '\n', n) != NULL ||
	    para_words(p, n, COMMENT_HEADER_WORDS + 1) > COMMENT_HEADER_WORDS)
		return 0;
	for (i = 0; i + 1 < n; i++)
		if ((p[i] == '.' || p[i] == '!' || p[i] == '?') &&
		    p[i + 1] == ' ' && i > 0 && !(p[i - 1] >= '0' &&
		    p[i - 1] <= '9') && !initial(p, i))
			return 0;	/* a sentence ends before the verb */
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		len = strlen(verbs[i]);
		if (n > len && strncasecmp(p + n - len, verbs[i], len) == 0)
			return comment_marked(p, n);
	}
	return 0;
}

/*
 * A thread of comments whose headers carry a date rather than "says:"
 * has COMMENT_THREAD headers or more: two dated lines after an article
 * may be its own (an update's stamp, two quoted posts), three, each
 * over its own text, are readers writing.
 */
#define COMMENT_THREAD	3

/*
 * A comment runs to at most COMMENT_GAP lines; after a dated header
 * followed by more, the next one starts a new search for the thread.
 */
#define COMMENT_GAP	12

/*
 * Under a dated header, most comments run to at most COMMENT_WORDS words;
 * a digest of other papers' articles, each under its source and date,
 * runs to hundreds.
 */
#define COMMENT_WORDS	200

/*
 * Is the line p (n bytes) the dated header of a comment: a dateline
 * (para_dateline) of at most COMMENT_HEADER_WORDS words that holds a
 * day's date and more than a date alone, for it names the writer ("1.
 * Kim Lee - August 8, 2012", "written by lynn, October 25, 2012", "Tim
 * Roe 11.06.12 at 11:06 am"), and does not read as a sentence that lost
 * its stop?
 */
static int
dated_header(const char *p, size_t n)
{
	return para_dateline(p, n) && !shape_date_alone(p, n) &&
	    para_words(p, n, COMMENT_HEADER_WORDS + 1) <=
	    COMMENT_HEADER_WORDS && shape_holds_date(p, n) &&
	    !para_sentence_like(p, n);
}

/*
 * Is the line p (n bytes) what a reader wrote under a header: it ends a
 * sentence, a quotation or a smiley's bracket, or it is prose?  A row of
 * a list, a label, a name or a link ends none.
 */
static int
comment_body(const char *p, size_t n)
{
	return para_has_letter(p, n) && (para_ends_closed(p, n) ||
	    para_substantial(p, n));
}

/* A thread of comments of one kind of header, as edges_comments finds it. */
struct thread {
	int		(*header)(const char *, size_t);
	const char	*first;		/* its first header's line, or NULL */
	size_t		 para;		/* that line's paragraph (index) */
	size_t		 headers;
	size_t		 bare;		/* headers with no text under them */
	int		 open;		/* the last header has no text yet */
	size_t		 gap;		/* lines since the last header */
	size_t		 words;		/* words since the last header */
	size_t		 longs;		/* comments of over COMMENT_WORDS */
};

/*
 * Is t a thread: two headers ending in a verb of saying, which are enough
 * by themselves, or COMMENT_THREAD dated ones, each over the text of its
 * comment and most of those short?  A list of dated events has dates too
 * but no text under some; letters to an editor signed with a date have
 * the letter above the name, and the last name has none under it; a
 * digest of articles has sources and dates over long texts.
 */
static int
thread_done(const struct thread *t)
{
	if (t->header == comment_header)
		return t->headers >= COMMENT_HEADERS;
	return t->headers >= COMMENT_THREAD && t->bare == 0 && !t->open &&
	    t->longs * 2 < t->headers;
}

/*
 * Take in the line p (n bytes) of paragraph i, after the prose: a header
 * starts a comment (and the thread, if it is the first), any other line
 * that reads as a reader's text is the comment's.
 */
static void
thread_line(struct thread *t, size_t i, const char *p, size_t n)
{
	if (t->header(p, n)) {
		/*
		 * A dated header far from the last (an update's stamp and
		 * the rest of the article under it) starts anew.
		 */
		if (t->header != comment_header && t->first != NULL &&
		    t->gap > COMMENT_GAP && !thread_done(t)) {
			t->first = NULL;
			t->headers = t->bare = t->longs = 0;
			t->open = 0;
		}
		if (t->first == NULL) {
			t->first = p;
			t->para = i;
		}
		t->headers++;
		t->bare += t->open;
		t->longs += t->words > COMMENT_WORDS;
		t->open = 1;
		t->gap = t->words = 0;
	} else if (t->first != NULL) {
		t->gap++;
		t->words += para_words(p, n, COMMENT_WORDS + 1);
		if (t->open && comment_body(p, n))
			t->open = 0;
	}
}

/* The thread is done with at the end of the item. */
static void
thread_end(struct thread *t)
{
	t->bare += t->open;
	t->longs += t->open ? 0 : t->words > COMMENT_WORDS;
	t->open = 0;
}

/*
 * Is the thread t, of the text s with the paragraphs ps, announced as a
 * list: is the line just before its first header a lead-in of
 * LEAD_WORDS words or more ending in ':' ("What's on over the holiday
 * weekend:")?  Dated events each with its text would be a thread.  A
 * page's heading over its comments is a word or a count ("Comments",
 * "4 Responses"), and the rules take most of those.
 */
static int
announced(const char *s, const struct paras *ps, const struct thread *t)
{
	const char *lo, *end, *p;

	if (t->first > s + ps->v[t->para].off) {
		lo = s + ps->v[t->para].off;
		end = t->first - 1;	/* the line break before the header */
	} else if (t->para > 0) {
		lo = s + ps->v[t->para - 1].off;
		end = lo + ps->v[t->para - 1].len;
	} else
		return 0;
	for (p = end; p > lo && p[-1] != '\n'; p--)
		continue;
	return shape_lead_in(p, (size_t)(end - p));
}

void
edges_comments(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p, *nl, *end, *cut, *para;
	struct thread said, dated, *t;
	size_t i, n;
	int prose = 0;

	(void)tmp;
	memset(&said, 0, sizeof(said));
	memset(&dated, 0, sizeof(dated));
	said.header = comment_header;
	dated.header = dated_header;
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!prose) {
			/* a header before the prose heads no comment */
			prose = para_substantial(p, n) &&
			    !comment_header(p, n);
			continue;
		}
		/* a paragraph of one line (most) needs no look for a break */
		for (end = p + n; p < end; p = nl + 1) {
			if (!ps->v[i].lines || (nl = memchr(p, '\n',
			    (size_t)(end - p))) == NULL)
				nl = end;
			thread_line(&said, i, p, (size_t)(nl - p));
			thread_line(&dated, i, p, (size_t)(nl - p));
		}
	}
	thread_end(&said);
	thread_end(&dated);
	if (!thread_done(&said))
		t = &dated;
	else if (!thread_done(&dated) || said.first < dated.first)
		t = &said;
	else
		t = &dated;
	if (!thread_done(t) || announced(s, ps, t))
		return;
	/*
	 * The thread starts at its first header, or at its paragraph's
	 * start when what comes before the header there is none of the
	 * article's prose ("Comments (4)", a comment's title over it).
	 */
	para = s + ps->v[t->para].off;
	for (cut = p = para; p < t->first; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(t->first - p));
		if (para_prose(p, (size_t)(nl - p)) ||
		    para_sentence_like(p, (size_t)(nl - p))) {
			cut = t->first;
			break;
		}
	}
	i = t->para;
	if (cut > para) {
		removal_add(rm, "comments", "heuristic", cut,
		    (size_t)(para + ps->v[i].len - cut));
		i++;
	}
	for (; i < ps->n; i++)
		removal_add(rm, "comments", "heuristic", s + ps->v[i].off,
		    ps->v[i].len);
	/* prose comes before the thread: a line break or "\n\n" ends it */
	while (cut > s && cut[-1] == '\n')
		cut--;
	buf_truncate(out, (size_t)(cut - out->s));
}
