/*
 * edges.h - artclean's steps 10 and 11 (clean.h), tail and head: the
 * furniture at the edges of an article; and steps 12 and 13, headlines
 * and filenames: furniture by its shape wherever it is.
 *
 * A page around an article leaves furniture at its edges: headlines of
 * other stories, author names and menus after the last paragraph of the
 * article (tail), labels and section names before the first (head).
 * They end no sentence; a closing line that does ("The hearing resumes on
 * Monday.") is kept unless a rule says otherwise, and so is a block of
 * lines most of which hold a number (prices, an address: what a web
 * page sets with line breaks in one box).  After the last prose, a box
 * of short lines (a comment's name, date and "Reply | Like", a gallery's
 * titles; shape.c: shape_tail_lines) is furniture however many words it holds,
 * and no prose itself, unless half its lines hold data (a figure, " v ",
 * two commas: a poll, a timetable, a list of firms); so is a box with one
 * sentence among its short lines, and two short lines ending closed.  A
 * short sentence alone among that furniture (three pieces before it, one
 * after: a footer's line, a teaser; edgecut.c: tail_island) is no last
 * prose either, and goes with it.  An item without a paragraph of prose
 * has no edges and is left alone.
 *
 * Each step has its file: edgecut.c (head and tail, edges_cut),
 * retitle.c, headlines.c, teasers.c, titlecase.c, filenames.c,
 * datelines.c, comments.c and amid.c; the shapes of paragraphs and lines
 * that more than one of them reads, and the runs of paragraphs the head,
 * the tail and the headlines scan, are in shape.c and runs.c, declared in
 * the internal header shape.h.
 */
#ifndef ARTKIT_EDGES_H
#define ARTKIT_EDGES_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/*
 * Each step takes the paragraphs of out from start as ps (paras_find on
 * that text as it is when the step runs): they are found once and handed
 * on, not walked again by every step.
 */

/*
 * The steps on the paragraphs of out from start: head removes what comes
 * before the first paragraph of prose, tail what comes after the last,
 * recording it in rm; tmp is scratch space, and so is tailps (the
 * paragraphs after the last of prose).  A box of lines (shape.c:
 * shape_head_box: two lines or more, none a sentence of prose or code, not
 * wrapped prose or data) is no first prose, and before it the head
 * removes it, but for the one nearest the prose holding a line of three
 * words or more (the item's own headline may sit in it, under a label).
 */
void	edges_cut(struct buf *out, size_t start, const struct paras *ps,
	    struct paras *tailps, int head, int tail,
	    struct removal_list *rm, struct buf *tmp);

/*
 * Part of the step head, before edges_cut: when the item's first
 * paragraph is a title (one line) that a headline among its first
 * paragraphs repeats (the same words, folding case and quotes, perhaps
 * with the site's name after the title or a breadcrumb before it), the
 * paragraphs between the two go as "head" (a menu, other stories, a
 * promotion), unless prose is most of them or more than two (then the
 * repeat is a sub-heading of a story already begun).
 */
void	edges_retitle(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * The step headlines on the paragraphs of out from start: runs of
 * title-like lines that end no sentence (para_title_like), anywhere in an
 * item that holds prose, removed unless they hold data (headlines.c), and
 * recorded in rm as "headlines"; tmp is scratch space.
 */
void	edges_headlines(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * Part of the step headlines: a list of teasers of other stories.  When
 * two or more paragraphs are excerpts cut short mid-sentence by an
 * ellipsis (teasers.c: 15 to 80 words, the ellipsis after a word: "...
 * the friendly vampire, the frie [...]"), in an item that holds prose,
 * each goes with the headline just over it (title case or not: a short
 * open line), recorded in rm as "teasers"; tmp is scratch space.
 */
void	edges_teasers(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * Part of the step headlines on the paragraphs of out from start:
 * paragraphs of one line set as a sentence in title case
 * (para_title_sentence: captions, other stories' headlines cut short),
 * in an item that holds prose, removed and recorded in rm as
 * "titlecase"; tmp is scratch space.
 */
void	edges_titlecase(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * The step filenames on the paragraphs of out from start: lines that are
 * names of files (para_file_name: an image's alternative text, a download
 * link), in an item that holds prose, removed and recorded in rm as
 * "filenames"; tmp is scratch space.
 */
void	edges_filenames(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * The step datelines on the paragraphs of out from start: lines that
 * date something (para_dateline: a byline with its date, a post's or a
 * comment's time stamp), in an item that holds prose, removed and
 * recorded in rm as "datelines" unless a neighbour is a short paragraph
 * holding a number (the line is then a row of a list or a table: dated
 * events, fixtures with their kick-off); before the first prose, where a
 * byline sits beside a reading time or a headline with a number, that
 * keeps only a date alone, or a line beside two such paragraphs in a
 * row (datelines.c: data_row).  Before the first prose a box of two or
 * three lines, a dateline with labels or other datelines and no event of
 * a timetable, goes too (datelines.c: dated_box); tmp is scratch space.
 * A dateline that reads as a sentence that lost its stop stays, unless
 * it is a post's stamp or set in segments ("Jo Lee • May 6, 2024 • 4
 * min read": datelines.c: segmented).  The first prose is read as the head
 * step reads it: a menu or a box of lines is none.
 */
void	edges_datelines(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * Part of the step datelines, run before the datelines themselves go
 * (they are the headers it looks for): reader comments after an
 * article.  When, after a paragraph of prose, COMMENT_HEADERS or more
 * lines are the headers of comments (a writer's name, perhaps a date,
 * and "says:", "said:", "wrote:", "sagt:", "dit :"), or three or more
 * are datelines naming a writer and a date ("1. Kim Lee - May 6, 2019")
 * or stamps with a date and a time of day whose writer changes and whose
 * minutes are not all round ("Paul Roe | 2021-03-12 14:05"), each over
 * its comment's text and most of those short (comments.c), the
 * first header and everything after it (the comments, their replies,
 * the furniture below them; from the start of the header's paragraph
 * when no prose comes before it there) are removed and recorded in rm
 * as "comments"; tmp is unused.
 */
#define COMMENT_HEADERS	2
void	edges_comments(struct buf *out, size_t start,
	    const struct paras *ps, struct removal_list *rm, struct buf *tmp);

/*
 * Is p (n bytes) a day's date and a time of day and nothing that names
 * a writer ("January 4, 2021 at 9:12 am"), under no line prev (plen
 * bytes; NULL: none) of its paragraph that would be the name ("Anna
 * Berg", "Jo Lee says:")?  Such a line opens an entry of a story's
 * timeline as often as a comment: a foot rule that matches it marks no
 * foot (clean.c, step 7), and it starts no dated thread here.
 */
int	edges_stamp_bare(const char *p, size_t n, const char *prev,
	    size_t plen);

/*
 * What step 15, amid, knows of each paragraph a rule left: whether the
 * paragraph just before it, and just after it, went to a rule or the
 * model (steps 5; a repeat step 6 removed does not count), and whether
 * rules took some of its own lines.
 */
#define AMID_BEFORE	0x1
#define AMID_AFTER	0x2
#define AMID_REST	0x4	/* what rules left of a paragraph of lines
				   (not beside a rule with next) */
#define AMID_TWIN	0x8	/* one line, and the paragraph beside it that
				   went to a rule is it with a credit or a
				   label (twice_twins) */

/*
 * Step 15, amid, in two halves.  edges_amid_mark, on the paragraphs ps of s
 * as step 6 leaves them, where amid[i] (n of them) holds AMID_* bits for the
 * i-th: each short open line (at most six words, ending no sentence, no
 * figure) with furniture on both sides is furniture too (jusText's
 * neighbours), as is, after the first prose, a box's headline there (one line
 * of at most fifteen words, open and no figure, or asking or exclaiming in
 * under ten: another story's headline, an appeal), as is, after the first
 * prose, each AMID_TWIN paragraph (a caption whose copy with its credit
 * went), and so is each AMID_REST paragraph after the first prose that is one
 * open line of at most fifteen words and no bullet (the rest of a box whose
 * other lines rules took: a teaser's headline over its "Read more"); their
 * texts are added to marks, each ended by a NUL (marks is reset first).
 * edges_amid, after the other heuristics (which may want such a line: foot
 * looks for a name after a share bar), removes from the paragraphs of out
 * from start those marked, in an item that holds prose, recorded in rm as
 * "amid"; tmp is scratch space.  Step 6 left no two paragraphs alike, so a
 * paragraph's text names it.
 */
void	edges_amid_mark(const char *s, const struct paras *ps,
	    const unsigned char *amid, size_t n, struct buf *marks);
void	edges_amid(struct buf *out, size_t start, const struct paras *ps,
	    const struct buf *marks, struct removal_list *rm, struct buf *tmp);

#endif
