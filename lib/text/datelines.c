/*
 * datelines.c - artclean's step 14, datelines (edges.h: edges_datelines):
 * lines that date something (a byline with its date, a post's stamp),
 * unless they are rows of a list or a table, and before the first prose
 * the dated boxes around a byline.  The tests of a date that the step
 * comments (comments.c) shares are declared in shape.h.
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/*
 * Is p (n bytes; NULL: none) a neighbour that makes a dateline part of
 * a list or a table: a short paragraph holding a number ("Kick-off: 3pm"
 * under "Saturday 6 May 2017", a row of figures under a dated one)?
 */
static int
data_neighbour(const char *p, size_t n)
{
	return p != NULL && !para_substantial(p, n) &&
	    (para_data_mark(p, n) & PARA_NUMBER) != 0;
}

/*
 * Is the dateline at ps->v[i] of s a row of a list or a table, by what
 * is around it?  With any, a neighbour holding a number makes it one
 * ("Saturday 6 May 2017" over "Kick-off: 3pm", a venue with its date,
 * a dated row of figures); else it takes DATA_ROWS such paragraphs in a
 * row next to it, on either side or both (a timetable).  Before the
 * first prose a byline sits beside one such line ("2 min read", "845
 * shares", a headline that holds a year) and is no row of a table; a
 * link holding a number past the prose is no row of its list either.
 */
#define DATA_ROWS	2

static int
data_row(const char *s, const struct paras *ps, size_t i, int any)
{
	size_t j, rows = 0;

	for (j = i; j > 0 && i - j < DATA_ROWS && data_neighbour(s +
	    ps->v[j - 1].off, ps->v[j - 1].len); j--)
		rows++;
	for (j = i + 1; j < ps->n && j - i <= DATA_ROWS && data_neighbour(s +
	    ps->v[j].off, ps->v[j].len); j++)
		rows++;
	return rows > 0 && (any || rows >= DATA_ROWS);
}

int
shape_date_alone(const char *p, size_t n)
{
	size_t i, words = 0;
	int digit = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == ' ') {
			words += !digit && i > 0 && p[i - 1] != ' ';
			digit = 0;
		} else if (p[i] >= '0' && p[i] <= '9')
			digit = 1;
	}
	return words <= 2;
}

/* How many paragraphs ps of s are dates alone (shape_date_alone)? */
static size_t
dates_alone(const char *s, const struct paras *ps)
{
	const char *p;
	size_t i, n, found = 0;

	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		found += para_dateline(p, n) && shape_date_alone(p, n);
	}
	return found;
}

/*
 * Is the line p (n bytes) set in SEGMENTS segments or more, each after a
 * separator with a blank either side (" • ", " · ", " | "): "Jo Lee •
 * May 6, 2024 • 4 min read"?  A byline's box sets its name, date and
 * reading time so; a sentence that lost its stop has no such marks, so
 * a dateline set so is no sentence however many small words it holds.
 */
#define SEGMENTS	3

static int
segmented(const char *p, size_t n)
{
	size_t i, seps = 0;

	for (i = 1; i + 3 < n && seps + 1 < SEGMENTS; i++) {
		if (p[i - 1] != ' ')
			continue;
		if (p[i] == '|' && p[i + 1] == ' ')
			seps++;
		else if ((unsigned char)p[i] == 0xC2 &&
		    (unsigned char)p[i + 1] == 0xB7 && p[i + 2] == ' ')
			seps++;
		else if ((unsigned char)p[i] == 0xE2 &&
		    (unsigned char)p[i + 1] == 0x80 &&
		    (unsigned char)p[i + 2] == 0xA2 && p[i + 3] == ' ')
			seps++;
	}
	return seps + 1 >= SEGMENTS;
}

static int clock_stamp(const char *, size_t);

/* A dated box has at most DATED_BOX_LINES lines. */
#define DATED_BOX_LINES	3

/*
 * Is the line p (n bytes) an event in a timetable: a time of day first,
 * then words and no other date or time ("10:00 Parade on the green")?
 * A byline's box opens with a time over its date ("18:34 06.05.2019").
 */
static int
event_line(const char *p, size_t n)
{
	const char *sp;

	if (n == 0 || p[0] < '0' || p[0] > '9' ||
	    (sp = memchr(p, ' ', n)) == NULL || memchr(p, ':', (size_t)(sp -
	    p)) == NULL || !para_stamp(p, (size_t)(sp - p)))
		return 0;
	return !para_stamp(sp, (size_t)(p + n - sp));
}

/*
 * Is p (n bytes) a dated box: a paragraph of two to DATED_BOX_LINES
 * lines, one of them a dateline, the others labels (at most HEAD_WORDS
 * words, ending no sentence) or datelines too, none a sentence that
 * lost its stop but for a post's stamp (clock_stamp) or a line of
 * segments (segmented), as in edges_datelines ("• May 6, 2019 at 9:24
 * pm ET • 2 min read\n•", "18:34 06.05.2019\nFree until 19:34", "Jo
 * Lee — 6 May 2019\n168 0 0")?  A
 * page sets its byline, time stamps and counts in one box over the
 * story; a timetable set in lines has events (event_line).
 */
static int
dated_box(const char *p, size_t n)
{
	const char *nl, *end = p + n;
	size_t len, lines = 0, dated = 0;

	if (memchr(p, '\n', n) == NULL)
		return 0;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (++lines > DATED_BOX_LINES || (para_sentence_like(p, len) &&
		    !clock_stamp(p, len) && !segmented(p, len)) ||
		    event_line(p, len))
			return 0;
		if (para_dateline(p, len))
			dated++;
		else if (para_ends_sentence(p, len) ||
		    para_words(p, len, HEAD_WORDS + 1) > HEAD_WORDS)
			return 0;
	}
	return dated > 0;
}

int
shape_holds_date(const char *p, size_t n)
{
	size_t i, j, parts;
	char sep;

	for (i = 0; i < n; i = j) {
		if (!isdigit((unsigned char)p[i]) ||
		    (i > 0 && isalnum((unsigned char)p[i - 1]))) {
			j = i + 1;
			continue;
		}
		for (j = i; j < n && isdigit((unsigned char)p[j]); j++)
			continue;
		if (j - i == 4 && (memcmp(p + i, "19", 2) == 0 ||
		    memcmp(p + i, "20", 2) == 0) &&
		    (j == n || !isalnum((unsigned char)p[j])))
			return 1;
		if (j >= n || strchr("./-", p[j]) == NULL)
			continue;
		sep = p[j];
		for (parts = 1; j + 1 < n && p[j] == sep &&
		    isdigit((unsigned char)p[j + 1]); parts++)
			for (j++; j < n && isdigit((unsigned char)p[j]); j++)
				continue;
		if (parts == 3)
			return 1;
	}
	return 0;
}

/*
 * Does the line p (n bytes) hold a time of day in figures ("2:00",
 * "11:20"): one or two digits opening a word, a colon and two digits
 * ending it (or a word's figures: "11:20am")?
 */
static int
clock_time(const char *p, size_t n)
{
	size_t i, h;

	for (i = 1; i + 2 < n; i++) {
		if (p[i] != ':' || !isdigit((unsigned char)p[i - 1]) ||
		    !isdigit((unsigned char)p[i + 1]) ||
		    !isdigit((unsigned char)p[i + 2]) ||
		    (i + 3 < n && isdigit((unsigned char)p[i + 3])))
			continue;
		h = i >= 2 && isdigit((unsigned char)p[i - 2]) ? i - 2 : i - 1;
		if (h == 0 || !isalnum((unsigned char)p[h - 1]))
			return 1;
	}
	return 0;
}

/* A post's stamp takes at most STAMP_WORDS words with its byline. */
#define STAMP_WORDS	12

/*
 * Does the line p (n bytes) of at most STAMP_WORDS words open or close
 * with its figures: is the first word holding a figure one of the first
 * two, or the last one of the last three ("May 6, 2019 @ 2:00 pm -
 * Written by Jo", "Posted by Jo on May 1, 2019 at 4:12 pm")?  A
 * sentence names its day and hour in its middle ("The meeting was moved
 * to May 6, 2019 at 2:00 pm in the town hall").
 */
static int
figures_at_edge(const char *p, size_t n)
{
	size_t i, words = 0, first = SIZE_MAX, last = 0;
	int digit = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || p[i] == ' ') {
			if (i > 0 && p[i - 1] != ' ') {
				if (digit && first == SIZE_MAX)
					first = words;
				if (digit)
					last = words;
				words++;
			}
			digit = 0;
		} else if (p[i] >= '0' && p[i] <= '9')
			digit = 1;
	}
	return words <= STAMP_WORDS && first != SIZE_MAX &&
	    (first < 2 || words - 1 - last < 3);
}

/*
 * Is the dateline p (n bytes) a post's stamp: a day's date and a time
 * of day at an end of a short line ("May 6, 2019 @ 2:00 pm - Written by
 * Jo", "2. Jo Lee on May 1, 2019 4:12 pm", "by Jo Lee. Posted on 3:30
 * pm Tuesday May 7, 2019")?  Its small words are the stamp's ("at",
 * "pm", "by", "on"), not a sentence's; and it is a byline wherever it
 * stands, not a row of a table beside one short paragraph holding a
 * number (a headline "Harbour Tales (3/10)" past a site's welcome).
 */
static int
clock_stamp(const char *p, size_t n)
{
	return clock_time(p, n) && shape_holds_date(p, n) &&
	    figures_at_edge(p, n);
}

/*
 * Is p (n bytes) a dateline or a dated box?  A dateline is one line, a
 * dated box several (lines: p holds a line break).
 */
static int
dated(const char *p, size_t n, int lines)
{
	return lines ? dated_box(p, n) : para_dateline(p, n);
}

void
edges_datelines(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;
	const char *p, *prev = NULL, *next;
	size_t i, n, prevlen = 0, nextlen;
	int list, head = 1;

	if (!shape_prose_and(s, ps, dated))
		return;		/* nothing to measure against, or to cut */
	list = dates_alone(s, ps) >= 2;
	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		/*
		 * A text ending in "\n\n" would give an empty next; no step
		 * leaves one, and an empty neighbour counts as none.
		 */
		next = i + 1 < ps->n ? s + ps->v[i + 1].off : NULL;
		nextlen = next != NULL ? ps->v[i + 1].len : 0;
		if (para_dateline(p, n) && (!para_sentence_like(p, n) ||
		    clock_stamp(p, n) || segmented(p, n)) &&
		    !(list && shape_date_alone(p, n)) &&
		    !shape_wrapped(prev, prevlen, p, n, next, nextlen) &&
		    !shape_lead_in(prev, prevlen) &&
		    !data_row(s, ps, i, (!head || shape_date_alone(p, n)) &&
		    !clock_stamp(p, n)))
			removal_add(rm, "datelines", "heuristic", p, n);
		else if (head && dated_box(p, n))
			removal_add(rm, "datelines", "heuristic", p, n);
		else
			shape_keep(tmp, p, n);
		/*
		 * (a dateline is never prose: asked only of what stays; a
		 * menu or a box of labels is no prose either)
		 */
		if (head && shape_head_prose(p, n))
			head = 0;
		prev = p;
		prevlen = n;
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
