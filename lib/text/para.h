/*
 * para.h - what a paragraph or a line of cleaned text is and how it
 * reads: where it ends, how many words it has, whether it ends a sentence,
 * whether it is prose.  The shape signals artclean's steps share (clean.h);
 * they look at bytes, never at words of a language.
 *
 * Text here is laid out as the whitespace step leaves it: paragraphs
 * separated by "\n\n", lines by "\n".  No function keeps a pointer.
 */
#ifndef ARTKIT_PARA_H
#define ARTKIT_PARA_H

#include <stddef.h>

/*
 * A paragraph of prose is a sentence of PARA_PROSE_WORDS words or more,
 * or PARA_LONG_WORDS words however it ends (reporting whose last sentence
 * lost its stop to a link).  On boilerplate_dev (see tests/eval) fewer
 * words for prose cost reporting and more kept furniture.
 */
#define PARA_PROSE_WORDS	10
#define PARA_LONG_WORDS		20

/* The end of the paragraph starting at p: its "\n\n", or end. */
const char *para_end(const char *p, const char *end);

/*
 * para_end, and in *oneline whether the paragraph has no line break:
 * the first look for a break tells both for most paragraphs.
 */
const char *para_end_line(const char *p, const char *end, int *oneline);

/* The start of the paragraph ending at q, searching back to s. */
const char *para_start(const char *s, const char *q);

/*
 * The paragraphs of a text, found once and handed to each step that
 * walks them: each one's offset from the text's start and its length,
 * in order, exactly as a walk of para_end() from the start gives them
 * (it stops at the end, or where a "\n\n" ends the text), and whether
 * it holds a line break.  Most paragraphs are one line: a step that
 * walks lines reads that flag instead of looking for a break again
 * (twice.c, dated.c).  The array is kept from text to text; start with
 * all zeros.
 */
struct para_span {
	size_t	off, len;
	int	lines;		/* holds a '\n' */
};
struct paras {
	struct para_span *v;
	size_t		 n, cap;
};

/* Find the paragraphs of s (n bytes) into ps, replacing what it held. */
void	paras_find(struct paras *ps, const char *s, size_t n);

/*
 * Add a paragraph at off, len bytes, holding a line break or not, after
 * those of ps: for a text built a paragraph at a time (clean.c), whose
 * paragraphs are then known without paras_find.
 */
void	paras_add(struct paras *ps, size_t off, size_t len, int lines);

/* Release what ps holds (not ps itself, which the caller embeds). */
void	paras_free(struct paras *ps);

/* Words in s (n bytes), counted as blanks plus one, but no more than cap. */
size_t	para_words(const char *s, size_t n, size_t cap);

/* Does s hold a letter (ASCII, or any character beyond it)? */
int	para_has_letter(const char *s, size_t n);

/* Is the word w (n bytes) one of the nlist strings of list, exactly? */
int	para_word_in(const char *const *list, size_t nlist, const char *w,
	    size_t n);

/* Does s hold a small letter (or any character beyond ASCII)? */
int	para_has_small(const char *s, size_t n);

/*
 * Does the line s end a sentence, a heading, a quote or a list item
 * (. ! ? : ; " ' ) ] ” ’ …)?  An empty line does.
 */
int	para_ends_closed(const char *s, size_t n);

/*
 * Does the line s end a sentence: . ! ? or an ellipsis, perhaps inside a
 * closing quote or bracket?
 */
int	para_ends_sentence(const char *s, size_t n);

/*
 * Does s open with a list bullet and a blank ("-", "*", U+00B7, U+2022,
 * U+2023, U+2043, U+2219, or a geometric shape, U+25A0-U+25FF)?  Returns
 * the length of the bullet with its blank, else 0.
 */
size_t	para_bullet(const char *s, size_t n);

/*
 * Is s a sentence of reporting: ten words or more, ending a sentence, not
 * a bulleted item?  It ends the block a "block" rule opened.
 */
int	para_prose(const char *s, size_t n);

/* Is the paragraph s prose by the PARA_*_WORDS measure above? */
int	para_substantial(const char *s, size_t n);

/* Is line b (blen bytes) the continuation of line a, hard-wrapped? */
int	para_continues(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Does one line of s (n bytes: a paragraph of lines) satisfy is_line:
 * a line of file names in a gallery's box, a line of prose in a box?
 */
int	para_some_line(const char *s, size_t n,
	    int (*is_line)(const char *, size_t));

/*
 * Is the paragraph s prose hard-wrapped at a fixed width: three lines or
 * more, most of them long and running on into the next?
 */
int	para_hard_wrapped(const char *s, size_t n);

/*
 * Does s open with a dash and a blank, as the attribution under a
 * quotation or an embedded post does ("— Jane Doe (@jdoe) May 1, 2020")?
 */
int	para_attribution(const char *s, size_t n);

/*
 * The marks of data s holds, PARA_* bits: a number (a digit that starts a
 * word), a comma, an opening bracket, " v " or " vs " between words (a
 * fixture).  The items of a list or table that is content share one;
 * menus and related headlines mostly hold none, or none in common.
 */
#define PARA_NUMBER	0x1
#define PARA_COMMA	0x2
#define PARA_BRACKET	0x4
#define PARA_VERSUS	0x8

unsigned para_data_mark(const char *s, size_t n);

/*
 * Does the line s read as a sentence that lost its stop (a link's text, a
 * caption of prose): one line of eight words or more, most of those that
 * start with a letter starting small, as a headline in title case does not?
 */
int	para_sentence_like(const char *s, size_t n);

/*
 * Does the line s read as a title (of a story, a post, a section): one
 * line of 2 to 20 words, most of those that start with an ASCII letter
 * (60% or more) starting with a capital, the first and the last word
 * not starting with a small letter?  Related headlines, menus and
 * lists of other posts are lines like this; sentences are not.
 */
int	para_title_like(const char *s, size_t n);

/*
 * Is the line s a sentence set in title case: one line of 4 to 20 words
 * ending a sentence with a stop or an ellipsis (not a question or an
 * exclamation, as titles and subheadings may), every word that starts with an
 * ASCII letter starting with a capital, the small words of English too
 * ("For", "To", "Your" after the first word; "A" may be an initial), half of
 * them or more holding a small letter (not a line in capitals), and one comma
 * at most (not a list of names: "A Lee, S Byrne, O Smith.")?  Captions ("A
 * Corkboard For Your Thoughts.") and other stories' headlines cut short
 * ("Halloween Resources For The Classroom...") are set so; reporting leaves
 * its small words small.
 */
int	para_title_sentence(const char *s, size_t n);

/*
 * Is the line s the name of a file or two, as an image's alternative text
 * or a download link leaves it ("IMG_6516", "pasta-soup-10", "Download:
 * show_ep_1.mp3"): eight words at most, ending no sentence, half of them
 * or more joined by '_', with an image or media extension, or slugs of
 * small letters and digits?  Words of prose are none of these;
 * "On-Off-Mechanismus" and "2012-10-30" are not slugs.
 */
int	para_file_name(const char *s, size_t n);

/*
 * Is the line s, one of a paragraph of several lines, a line of image
 * file names ("IMG_5730 IMG_5727", "Pious Augustus.jpg"): as
 * para_file_name(), with every other word capitalised, and no bracket,
 * quote, colon, semicolon or '=' (code joins its names by '_' too:
 * "import foo_bar", "def add_one(x):")?
 */
int	para_file_line(const char *s, size_t n);

/*
 * Does s hold a date or a time, told by its figures in any language: a
 * time of day ("10:12 am"), a date in figures ("11.05.12", "2012-11-06"),
 * or a year with a day of the month one or two words before it
 * ("November 6, 2012", "6 November 2012")?
 */
int	para_stamp(const char *s, size_t n);

/*
 * Is the paragraph s a dateline: one line of at most 20 words that holds
 * a date or a time (para_stamp) and ends no sentence, not the
 * attribution of a quotation?  Bylines with their date, a post's time
 * stamp, a comment's header are such lines ("by Jane Doe on November 6,
 * 2012", "3. Kim on May 1, 2012 at 10:31 pm", "11.05.12 Written by ...").
 */
int	para_dateline(const char *s, size_t n);

#endif
