/*
 * shape.h - the shapes of paragraphs and lines that more than one of
 * artclean's edges steps (edges.h) reads: a paragraph of open prose, a
 * block of data, a box of links or of short lines, a box before the
 * first prose, a line wrapped from the one before it; the runs of such
 * paragraphs (lists, tables) that the head, the tail and the headlines
 * keep; and the dates that the datelines and the comments both look for.
 *
 * Internal to lib/text: the files of the steps include it (edgecut.c,
 * retitle.c, headlines.c, titlecase.c, teasers.c, filenames.c,
 * datelines.c, comments.c, amid.c); clean.c calls the steps through
 * edges.h only.  A shape that one step alone reads stays static in that
 * step's file.  Each answer is pure: it reads the bytes it is given and
 * nothing else, so a step may ask in any order.
 */
#ifndef ARTKIT_SHAPE_H
#define ARTKIT_SHAPE_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/* A heading has at most HEAD_WORDS words. */
#define HEAD_WORDS	6

/*
 * A run of MIN_RUN paragraphs or more may be a list or a table; a lead-in
 * has LEAD_WORDS words or more (a label such as "Share:" is none).
 */
#define MIN_RUN		3
#define LEAD_WORDS	3

/* A box of links or labels has BOX_LINES lines or more. */
#define BOX_LINES	3

/*
 * What a run's member function (shape_scan_runs) says of a paragraph: 0 not a
 * member, 1 a member, MEMBER_BOX a member whose marks of data do not
 * count: a box of links holds a date or a count in one of its lines, and
 * that makes no table of the run.
 */
#define MEMBER_BOX	2

/*
 * A line of HEADLINE_MIN words or more may be a headline, however short
 * ("Big Tasks for the New Government" under "Tunisia").
 */
#define HEADLINE_MIN	3

/*
 * The item's own headline, which the head spares in a box (edgecut.c:
 * spare_line) and the step retitle compares with the title (retitle.c),
 * has at most RETITLE_WORDS words.
 */
#define RETITLE_WORDS	20

/* A run of paragraphs, as shape_scan_runs gathers it. */
struct runstat {
	size_t		 first;		/* its first paragraph (index) */
	int		 on;		/* a run is open */
	const char	*prev;		/* the paragraph before it, or NULL */
	size_t		 prevlen;
	size_t		 items;		/* its paragraphs */
	size_t		 marked;	/* those holding a mark of data */
	size_t		 marks[4];	/* those holding each mark */
	int		 opens;		/* it is where the scan began */
};

/* shape.c: one paragraph or line, and the prose around it */

/*
 * Is the paragraph p (n bytes, or NULL) a lead-in: LEAD_WORDS words or
 * more ending in a colon, which announce what follows as content ("The
 * draw for the fifth round:", "The opening fixture:")?
 */
int	shape_lead_in(const char *p, size_t n);

void	shape_keep(struct buf *tmp, const char *p, size_t n);

/* Is the paragraph p (n bytes) open: no sentence, no closing mark? */
int	shape_open_para(const char *p, size_t n);

/*
 * Is p (n bytes) a block of lines holding data: several lines, more than
 * half of them with a number ("VIP : 60,000\nR : 50,000", an address
 * with its postcode, a timetable)?  A page sets such a block with line
 * breaks in one box; furniture at an edge (headlines, names, a menu)
 * comes a line a box, or as lines without figures (a list of share
 * links).
 */
int	shape_data_block(const char *p, size_t n);

/*
 * The most words on one line of p (n bytes), counted up to cap (the
 * count stops there).
 */
size_t	shape_line_words(const char *p, size_t n, size_t cap);

/*
 * Is p (n bytes) a box of links or labels set as one paragraph of short
 * lines (a menu, a list of other stories, the labels around a headline):
 * BOX_LINES lines or more, most of them open, under half of them holding
 * a figure (a table set in lines holds more) and under half running on
 * into the next (prose wrapped at a narrow width does), none a sentence
 * of prose, one that lost its stop, or a line of code?  Before the first
 * prose such a box is furniture, however many words it holds, and no
 * prose itself.
 */
int	shape_link_box(const char *p, size_t n);

/*
 * Is p (n bytes) a box of links or labels (shape_link_box) after an item's last
 * prose: the names, dates, labels and links a page sets under an article
 * (a comment's header with "Reply | Like", the titles of a gallery),
 * which may hold more words than prose needs and so would pass for the
 * last prose themselves?  Not when half its lines with a letter or more
 * hold data (a figure, " v ", or two commas: a name with its places): a
 * poll's results ("•" over "65 votes"), a timetable, fixtures or a list
 * of firms are content.  Lines with no letter (a bullet alone, a rule)
 * do not count.
 */
int	shape_tail_lines(const char *p, size_t n);

/*
 * Is p (n bytes) a paragraph of two lines, one a count alone (count_line)
 * and the other a caption's or a headline's length (more than HEAD_WORDS
 * words): a comment or share count set over a caption ("0" over "The
 * ferry at Kelham on its last crossing before the winter")?  shape_data_block
 * reads it as data when the caption holds a figure too, but a table's
 * rows, an address or a label with its count ("Attendance" over "8,661")
 * are shorter, or hold letters on both lines.
 */
int	shape_counted(const char *p, size_t n);

/*
 * Head side (clean29).  Is p (n bytes) a box of lines at the head of an
 * item (a menu with a zip-code line, a list of other stories with their
 * comment counts, the labels, tags and time stamp around a headline):
 * two lines or more, none of them a sentence of prose (para_prose,
 * after any bullet: a "Key points" box of sentences stays) or a line of
 * code, under half of them running on into the next (as in shape_link_box),
 * nor hard-wrapped prose or a block of data (shape_data_block: an address, a
 * timetable)?  Such a box is not the article's first prose, however many
 * words it holds, and
 * before that prose it goes.  shape_link_box, stricter (three lines, most of
 * them open), is what the tail and the headlines step read.
 */
int	shape_head_box(const char *p, size_t n);

/*
 * Is p (n bytes) the first paragraph of prose, read from the head: of
 * prose's length (para_substantial) and no box of links or lines
 * (shape_link_box, shape_head_box), which a menu or the labels around a
 * headline may be?  The head step and the datelines step look for it
 * alike.
 */
int	shape_head_prose(const char *p, size_t n);

/*
 * Is p (n bytes) a line of prose hard-wrapped at a fixed width, between
 * prev and next (NULL: none): does it run on into next, or does prev
 * run on into it (a comma, a hyphen, an open bracket)?  "On March 5,
 * 1985, Ohio Governor Richard Celeste closed all" is no dateline.  A
 * byline's small "by" does not make it prev's continuation.
 */
int	shape_wrapped(const char *prev, size_t prevlen, const char *p, size_t n,
    const char *next, size_t nextlen);

/* A headline: an open paragraph of one title-like line. */
int	shape_headline(const char *p, size_t n);

/*
 * Does the item s with the paragraphs ps hold a paragraph of prose, and
 * one that is not prose and that is(p, n, lines) says yes to (lines:
 * the paragraph holds a line break, as ps says, which spares is() a look
 * for one in every paragraph)?  Once prose is found, is() goes first: it
 * rejects most paragraphs for less than para_substantial() costs, and
 * both are pure, so the order changes no answer.
 */
int	shape_prose_and(const char *s, const struct paras *ps,
    int (*is)(const char *, size_t, int));

/* runs.c: runs of paragraphs, lists and tables at the edges */

/*
 * The run of open paragraphs v[0 .. nv-1] of the text s is done: keep it
 * if it is content, else drop those of its paragraphs that have at most
 * max words (max 0: all) or are boxes of links (shape_link_box) as the
 * heuristic called name, but for a sentence that lost its stop
 * (para_sentence_like), a block of data (shape_data_block) and a line of
 * wrapped prose (shape_wrapped: text whose every line became a paragraph, as
 * newswire converted line by line gives it, where the first line of a
 * story, "BankAmerica Corp is not under", is short and ends no
 * sentence).  A line of wrapped prose has WRAPPED_WORDS words or more:
 * an address over a link ("jo.roe@example.com" over "twitter.com/joroe")
 * is no sentence.  prev and next (NULL: none) are the paragraphs around
 * the run.
 */
void	shape_end_run(const char *name, size_t max, const char *s,
    const struct para_span *v, size_t nv, int content,
    const char *prev, size_t prevlen, const char *next, size_t nextlen,
    struct removal_list *rm, struct buf *tmp);

/*
 * Add the paragraphs v[0 .. nv-1] of the text s to tmp, but for the runs
 * of paragraphs member says yes to (non-zero; MEMBER_BOX: a member whose
 * marks of data are not counted): each run is passed, with the
 * paragraph after it (NULL at the end), to content, and if that says no,
 * its paragraphs go as shape_end_run drops them (the heuristic called name, at
 * most max words).  prev is the paragraph before v[0], next the one after
 * v[nv-1], if any: shape_end_run reads them to tell a line of wrapped prose.
 */
void	shape_scan_runs(const char *name, size_t max, const char *s,
    const struct para_span *v, size_t nv, const char *prev, size_t prevlen,
    const char *next, size_t nextlen,
    int (*member)(const char *, size_t),
    int (*content)(const struct runstat *, const char *, size_t),
    struct removal_list *rm, struct buf *tmp);

/* Is a run of open paragraphs at an edge content (content_run)? */
int	shape_edge_content(const struct runstat *r, const char *next,
    size_t nextlen);

/* datelines.c: dates, which the step comments reads too */

/*
 * Is the dateline p (n bytes) a date alone: at most two words without a
 * figure ("Thursday, August 9, 2012", "2012-10-30")?  One heads a post;
 * two or more in an item head the entries of a list of dated events.
 */
int	shape_date_alone(const char *p, size_t n);

/*
 * Does the line p (n bytes) hold a day's date, not only a time: a year
 * (1900 to 2099) standing as a word's figures, or figures split twice by
 * one of "./-" ("11.06.12", "2012-11-06")?  A comment keeps its date for
 * good; a live report's entries carry the time of day alone.
 */
int	shape_holds_date(const char *p, size_t n);

#endif
