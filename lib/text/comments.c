/*
 * comments.c - part of artclean's step 14, datelines (edges.h:
 * edges_comments), run before the datelines go: reader comments after an
 * article, found by their headers (a name and "says:", a dated line
 * naming the writer: datelines.c, through shape.h; or a stamp with a date
 * and a time of day whose writer changes from comment to comment),
 * removed with all that follows them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
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
 * "Moin sagt:", "1. Léa dit :", "2. Ana dice:")?  The writer's name takes a few words and ends no
 * sentence: "The minister said:" in a report is one line, never a run.
 */
static int
comment_header(const char *p, size_t n)
{
	/*
	 * As blog engines' translations write it: French sets a blank
	 * before the colon ("Léa dit :").
	 */
	static const char *const verbs[] = {
		" said:", " says:", " wrote:", " writes:", " sagt:",
		" schrieb:", " dit :", " dit:", " a écrit :", " dice:",
		" dijo:", " escribió:", " disse:", " ha detto:", " ha scritto:",
		" zegt:", " schreef:", " pisze:", " napisał:"
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
 * The name over a stamped comment is at most STAMP_NAME_WORDS words with
 * no figure: a line of an event's title, its place and its time
 * ("Opening of the new pier on the north quay, 12 March 2021 at 14:00")
 * has more.
 */
#define STAMP_NAME_WORDS	6

/*
 * The minute of the first time of day in figures in p (n bytes): one or
 * two digits, a colon and two digits ("14:05", "9:12"), as 1 + its
 * minutes (1 to 60), or 0 when p holds none.
 */
static int
clock_minute(const char *p, size_t n)
{
	const char *c, *end = p + n;

	for (c = p; c + 2 < end && (c = memchr(c, ':', (size_t)(end - c -
	    2))) != NULL; c++)
		if (c > p && c[-1] >= '0' && c[-1] <= '9' && c[1] >= '0' &&
		    c[1] <= '5' && c[2] >= '0' && c[2] <= '9' &&
		    (c + 3 == end || c[3] < '0' || c[3] > '9'))
			return 1 + (c[1] - '0') * 10 + (c[2] - '0');
	return 0;
}

/*
 * A stamp, name and all, runs to at most STAMP_BYTES bytes: the lines of
 * prose, longer, need no closer look.
 */
#define STAMP_BYTES	200

/*
 * Is the line p (n bytes) a comment's stamp: at most
 * COMMENT_HEADER_WORDS words that hold a day's date and a time of day
 * and end no sentence ("Paul Roe | 2021-03-12 14:05",
 * "12. März 2021 um 14:05", "Léa, 12/03/2021 - 16:21")?  Whose it is
 * (stamp_name) tells a thread from a timeline.
 */
static int
stamp_header(const char *p, size_t n)
{
	return n > 0 && n <= STAMP_BYTES && clock_minute(p, n) &&
	    shape_holds_date(p, n) &&
	    para_words(p, n, COMMENT_HEADER_WORDS + 1) <=
	    COMMENT_HEADER_WORDS && !para_ends_sentence(p, n);
}

/*
 * The words of a stamp that name_words reads: at most NAME_TOKENS
 * (COMMENT_HEADER_WORDS and some separators).
 */
#define NAME_TOKENS	32

/*
 * Add to the hash *h the words of p (n bytes) that hold a letter and no
 * figure, folded to lower case, and count them in *words; but not a
 * month: a word just before a day's figures ("October 25,", "Sept.
 * 27th") or between them and other figures ("4 March 2021"), nor a word
 * of three letters or fewer between figures ("2021 at 14:05", "um").
 */
static void
name_words(uint32_t *h, size_t *words, const char *p, size_t n)
{
	size_t off[NAME_TOKENS], len[NAME_TOKENS], digits[NAME_TOKENS];
	int day[NAME_TOKENS];	/* a day's figures: "25,", "4.", "27th" */
	size_t i, j, k, nt = 0;
	unsigned char ch;
	int letter;

	for (i = 0; i < n && nt < NAME_TOKENS; i = j) {
		if (p[i] == ' ') {
			j = i + 1;
			continue;
		}
		for (j = i, digits[nt] = 0; j < n && p[j] != ' '; j++)
			digits[nt] += p[j] >= '0' && p[j] <= '9';
		off[nt] = i;
		len[nt] = j - i;
		day[nt] = digits[nt] > 0 && digits[nt] <= 2 &&
		    p[i] >= '0' && p[i] <= '9';
		nt++;
	}
	for (i = 0; i < nt; i++) {
		if (digits[i] > 0 || (i + 1 < nt && day[i + 1]) ||
		    (i > 0 && i + 1 < nt && digits[i + 1] > 0 &&
		    (day[i - 1] || (digits[i - 1] > 0 && len[i] <= 3))))
			continue;	/* the stamp's, or a month's */
		if (i > 0 && digits[i - 1] > 0 && len[i] <= 4 &&
		    clock_minute(p + off[i - 1], len[i - 1]))
			continue;	/* the time's: "9:12 am", "14:05 Uhr" */
		for (letter = 0, k = off[i]; k < off[i] + len[i]; k++) {
			ch = (unsigned char)p[k];
			if (ch >= 'A' && ch <= 'Z')
				ch = (unsigned char)(ch - 'A' + 'a');
			else if (!(ch >= 'a' && ch <= 'z') && ch < 0x80)
				continue;	/* separators, bullets */
			*h = (*h ^ ch) * 16777619u;
			letter = 1;
		}
		*words += letter;
		*h = (*h ^ ' ') * 16777619u;
	}
}

/*
 * The name a stamp p (n bytes) gives its writer, as a hash (0: none):
 * its words with no figure outside its date and time ("Paul Roe |
 * 2021-03-12 14:05", "+4 #1 munya 2011-06-02 13:28", "Jo Lee October 25,
 * 2012 at 9:41 pm": "jo lee"; a time's "am" or "Uhr" is none), and when
 * it opens with a figure or has no such word, the line just above it,
 * prev (plen bytes; NULL: none), when that is a line with no date or
 * time that ends no sentence ("Anna Berg" or "1. Anna Berg" over "12.
 * März 2021 um 14:05" or "March 12, 2021 at 2:05 pm").  A month's name
 * is no part of it: a thread needs its names to change (thread_done),
 * and a timeline's entries name no one.  Over STAMP_NAME_WORDS words, it
 * is none.
 */
static uint32_t
stamp_name(const char *p, size_t n, const char *prev, size_t plen)
{
	uint32_t h = 2166136261u;
	size_t words = 0;

	name_words(&h, &words, p, n);
	if (n > 0 && (words == 0 || (p[0] >= '0' && p[0] <= '9')) &&
	    prev != NULL && plen > 0 && !para_ends_sentence(prev, plen) &&
	    !clock_minute(prev, plen) && !shape_holds_date(prev, plen))
		name_words(&h, &words, prev, plen);
	if (words == 0 || words > STAMP_NAME_WORDS)
		return 0;
	return h ? h : 1;
}

/*
 * A line over a stamp that names its writer: at most BARE_NAME_WORDS
 * words with no figure ("Anna Berg", "1. Anna Berg", "Jo Lee says:"),
 * no date, no time, no sentence's end.  A timeline's lead-in ("Here is
 * how the day unfolded:") is longer.
 */
#define BARE_NAME_WORDS	4

int
edges_stamp_bare(const char *p, size_t n, const char *prev, size_t plen)
{
	uint32_t h = 2166136261u;
	size_t words = 0;

	if (n == 0 || n > STAMP_BYTES || !clock_minute(p, n) ||
	    !shape_holds_date(p, n) || stamp_name(p, n, NULL, 0) != 0)
		return 0;
	if (prev == NULL || plen == 0 || plen > STAMP_BYTES ||
	    para_ends_sentence(prev, plen) || clock_minute(prev, plen) ||
	    shape_holds_date(prev, plen))
		return 1;
	name_words(&h, &words, prev, plen);
	return words == 0 || words > BARE_NAME_WORDS;
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
	uint32_t	 name;		/* stamps: the last header's writer */
	size_t		 changes;	/* ... headers whose writer changed */
	size_t		 timed;		/* headers with a time of day */
	size_t		 odd;		/* ... whose minutes are no round 5 */
};

/*
 * Is t a thread: two headers ending in a verb of saying, which are enough
 * by themselves, or COMMENT_THREAD dated or stamped ones, each over the
 * text of its comment and most of those short?  A list of dated events
 * has dates too but no text under some; letters to an editor signed with
 * a date have the letter above the name, and the last name has none
 * under it; a digest of articles has sources and dates over long texts.
 * Stamped ones may leave a few without text that ends a sentence (a
 * reader's "Good day," or a line with no stop; the last, with the form
 * under it), for their stamps tell more: they must name their writers,
 * and the writer must change from one header to the next in half of
 * them: a timeline's entries carry a date and a time but no name, or the
 * same month's; and one stamp at least must tell a minute that is no
 * multiple of five, for a reader posts at any minute, while a list of
 * kick-offs, concerts or sittings, each with its place and its text,
 * sets its times on the hour, the half and the quarter: dated headers
 * with times of day, all of them round, are no thread either.
 */
static int
thread_done(const struct thread *t)
{
	if (t->header == comment_header)
		return t->headers >= COMMENT_HEADERS;
	if (t->header == stamp_header)
		return t->headers >= COMMENT_THREAD + t->bare + t->open &&
		    (t->bare + t->open) * 3 <= t->headers &&
		    t->longs * 2 < t->headers && t->changes * 2 >= t->headers &&
		    t->odd > 0;
	return t->headers >= COMMENT_THREAD && t->bare == 0 && !t->open &&
	    t->longs * 2 < t->headers && (t->timed == 0 || t->odd > 0);
}

/*
 * Take in the line p (n bytes) of paragraph i, after the prose, under
 * the line prev (plen bytes; the last of the paragraph before, for its
 * first line; NULL: none): a
 * header starts a comment (and the thread, if it is the first), any
 * other line that reads as a reader's text is the comment's.
 */
static void
thread_line(struct thread *t, size_t i, const char *p, size_t n,
    const char *prev, size_t plen)
{
	uint32_t name = 0;
	int minute;

	if (t->header(p, n) && !(t->header == dated_header &&
	    edges_stamp_bare(p, n, prev, plen))) {
		if (t->header == stamp_header)
			name = stamp_name(p, n, prev, plen);
		/*
		 * A dated header far from the last (an update's stamp and
		 * the rest of the article under it) starts anew; so does
		 * a second stamp that names the first one's writer, or no
		 * one: a story's embedded posts of one account, a
		 * timeline's entries.  Both go out of it.
		 */
		if (t->header != comment_header && t->first != NULL &&
		    ((t->gap > COMMENT_GAP && !thread_done(t)) ||
		    (t->header == stamp_header && t->headers == 1 &&
		    name == t->name))) {
			memset(&t->first, 0, sizeof(*t) -
			    offsetof(struct thread, first));
			if (t->header == stamp_header)
				return;
		}
		if (t->header == stamp_header) {
			t->changes += name != 0 && name != t->name;
			t->name = name;
		}
		if ((minute = clock_minute(p, n)) > 0) {
			t->timed++;
			t->odd += (minute - 1) % 5 != 0;
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
	struct thread v[3], *t;
	const char *prev = NULL;
	size_t i, j, n, plen = 0;
	int prose = 0;

	(void)tmp;
	memset(v, 0, sizeof(v));
	v[0].header = comment_header;
	v[1].header = dated_header;
	v[2].header = stamp_header;
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!prose) {
			/* a header before the prose heads no comment */
			prose = para_substantial(p, n) &&
			    !comment_header(p, n);
			continue;
		}
		/*
		 * A paragraph of one line (most) needs no look for a
		 * break.  The line over its first is the last of the
		 * paragraph before: a name set apart from its stamp.
		 */
		for (end = p + n; p < end; prev = p, plen = (size_t)(nl - p),
		    p = nl + 1) {
			if (!ps->v[i].lines || (nl = memchr(p, '\n',
			    (size_t)(end - p))) == NULL)
				nl = end;
			for (j = 0; j < NELEM(v); j++)
				thread_line(&v[j], i, p, (size_t)(nl - p), prev,
				    plen);
		}
	}
	/* the thread that starts first, of those that are threads */
	for (t = NULL, j = 0; j < NELEM(v); j++) {
		thread_end(&v[j]);
		if (thread_done(&v[j]) && (t == NULL || v[j].first < t->first))
			t = &v[j];
	}
	if (t == NULL || announced(s, ps, t))
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
