/*
 * Unit tests for the lines artclean's steps 8 (lib/text/twice.c) and 12's
 * dated lines (lib/text/dated.c) walk: both take them from paras_find's
 * spans, so that a paragraph without a break (most are) is one line found
 * with no look for a newline.  On random texts of letters, blanks and
 * runs of newlines (the "\n\n\n" and the last "\n" the whitespace step
 * leaves when it is off), after a prefix that is not the item's:
 * - twice_cut's lines are those of the newline walk it made before, with
 *   the same first-of-paragraph and alone marks, also in texts of
 *   captions shown twice, where it cuts;
 * - dated_cut cuts exactly when a walk of every line with dated_line
 *   finds one, on items of prose and lines of which some are bulleted
 *   headlines with their date (each of which the step takes alone),
 *   wherever that line sits in its paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "text/dated.h"
#include "text/para.h"
#include "text/twice.h"
#include "base/util.h"

/* What each round works on: the text and the step's lists. */
struct round {
	struct paras	 ps;
	struct removal_list rm;
	struct buf	 out, tmp;
	size_t		 start;		/* where the item starts in out */
};

static void
round_init(struct round *r)
{
	memset(r, 0, sizeof(*r));
}

static void
round_free(struct round *r)
{
	paras_free(&r->ps);
	removal_free(&r->rm);
	buf_free(&r->out);
	buf_free(&r->tmp);
}

/*
 * A new item in r: 0-2 bytes of the text before it, then nlines lines
 * of pool (line i is prose instead where prose is not NULL and i is
 * nlines / 2) joined by one, two or three newlines, sometimes a last
 * newline; paras_find has found its paragraphs.
 */
static void
round_item(struct round *r, const char *const *pool, size_t npool,
    size_t nlines, const char *prose)
{
	static const char *const seps[] = { "\n", "\n\n", "\n\n\n" };
	size_t i;

	buf_reset(&r->out);
	r->start = unit_rnd(3);
	buf_add(&r->out, "x\n\n", r->start);
	for (i = 0; i < nlines; i++) {
		if (i > 0)
			buf_adds(&r->out, seps[unit_rnd(3)]);
		buf_adds(&r->out, prose != NULL && i == nlines / 2 ? prose :
		    pool[unit_rnd((unsigned)npool)]);
	}
	if (unit_rnd(4) == 0)
		buf_addc(&r->out, '\n');
	paras_find(&r->ps, r->out.s + r->start, r->out.len - r->start);
	removal_reset(&r->rm);
}

struct ref_line {
	size_t	off, len;
	int	para, alone;
};

/* The walk twice_cut made before: a newline at a time from start. */
static size_t
lines_ref(const char *s, size_t start, size_t end, struct ref_line *v)
{
	const char *nl;
	size_t n = 0, pos = start;
	int para = 1;

	while (pos < end) {
		nl = memchr(s + pos, '\n', end - pos);
		v[n].off = pos;
		v[n].len = nl != NULL ? (size_t)(nl - (s + pos)) : end - pos;
		v[n].para = para;
		v[n++].alone = 0;
		if (nl == NULL)
			break;
		pos = (size_t)(nl - s) + 1;
		para = pos < end && s[pos] == '\n';
		if (para) {
			pos++;
			v[n - 1].alone = v[n - 1].para;
		}
	}
	if (n > 0)
		v[n - 1].alone = v[n - 1].para;
	return n;
}

/* Do t's lines from the last cut match the n of v? */
static int
same_lines(const struct twice *t, const struct ref_line *v, size_t n)
{
	size_t i;

	if (t->n != n)
		return 0;
	for (i = 0; i < n; i++)
		if (t->lines[i].off != v[i].off ||
		    t->lines[i].len != v[i].len ||
		    t->lines[i].para != v[i].para ||
		    t->lines[i].alone != v[i].alone)
			return 0;
	return 1;
}

/*
 * twice_cut's lines against the reference's, on texts of letters and
 * newlines (pool of single bytes), then on lines that are captions shown
 * twice or are not (it reads its lines before it cuts).
 */
static void
test_twice_lines(void)
{
	static const char *const bytes[] = {
		"\n", "\n", "\n", "\n", "a", "b", " ", " "
	};
	static const char *const pool[] = {
		"Crowds on the harbour wall on Sunday morning",
		"Crowds on the harbour wall on Sunday morning Tom Reed",
		"The old mill by the riverThe old mill by the river",
		"Ferry Timetable Changes Ferry Timetable Changes",
		"The council met on Monday to approve the budget.",
		"Crews will inspect the ramp",
		"",
	};
	struct twice t = {NULL, 0, 0};
	struct ref_line ref[100];
	struct round r;
	size_t k;
	int round, bad = 0, cuts = 0;

	round_init(&r);
	for (round = 0; round < 35000; round++) {
		if (round < 30000)
			round_item(&r, bytes, NELEM(bytes), unit_rnd(60), NULL);
		else
			round_item(&r, pool, NELEM(pool), 1 + unit_rnd(8),
			    NULL);
		k = lines_ref(r.out.s, r.start, r.out.len, ref);
		twice_cut(&t, &r.out, r.start, &r.ps, &r.rm, &r.tmp);
		bad += !same_lines(&t, ref, k);
		cuts += round >= 30000 && r.rm.n > 0;
	}
	CHECK(bad == 0);
	CHECK(cuts > 1000);	/* the step did cut, in many of them */
	twice_free(&t);
	round_free(&r);
}

/* The reference: is any line of s (n bytes), a newline at a time, dated? */
static int
any_dated_ref(const char *s, size_t n)
{
	const char *line, *nl, *end = s + n;

	for (line = s; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		if (dated_line(line, (size_t)(nl - line)))
			return 1;
	}
	return 0;
}

static void
test_dated_lines(void)
{
	static const char *const pool[] = {
		/* dated and bulleted: goes alone */
		"\xE2\x80\xA2 Ferry Times, Winter Edition - November 5, 2012",
		"\xE2\x80\xA2 Essays, Letters and Notes - 2006",
		/* end in a figure, but no date after a dash */
		"\xE2\x80\xA2 Chapter Two, The Lamp Room - 45",
		"Ferry Times, Winter Edition 2012",
		"Harbour Town v Kirkby Rovers - Aug 9",
		/* no figure at the end */
		"Share this article",
		"",
	};
	static const char prose[] =
	    "The island ferry service will resume on Monday after three "
	    "weeks of repairs to the harbour ramp, the council said.";
	struct round r;
	int round, want, bad = 0, cuts = 0;

	round_init(&r);
	for (round = 0; round < 20000; round++) {
		round_item(&r, pool, NELEM(pool), 1 + unit_rnd(7), prose);
		want = any_dated_ref(r.out.s + r.start, r.out.len - r.start);
		dated_cut(&r.out, r.start, &r.ps, &r.rm, &r.tmp);
		bad += (r.rm.n > 0) != want;
		cuts += want;
	}
	CHECK(bad == 0);
	CHECK(cuts > 5000 && cuts < 15000);	/* both kinds were tried */
	round_free(&r);
}

int
main(void)
{
	test_twice_lines();
	test_dated_lines();
	UNIT_END();
}
