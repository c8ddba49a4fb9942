/*
 * Unit tests for lib/sim/align.c: a source text and rewrites of it with known
 * reused sentences (verbatim, lightly edited, reordered, deleted), checking
 * each passage's offsets as slices of the texts in code points; the
 * minimum length; and the verdicts.
 */
#include <stdlib.h>

#include "unit.h"
#include "sim/align.h"
#include "base/utf8.h"

/* Five sentences of the source, and one unrelated one. */
static const char *S[] = {
	"The harbour board met on Tuesday to agree the budget for the coming "
	    "year and the new pier.",
	"Members spoke for an hour about the cost of dredging the channel "
	    "before the vote.",
	"The chair, Ms Zoë Hartley, said the vote had been close but fair to "
	    "everyone who took part.",
	"Fishermen who attended the meeting welcomed the decision and "
	    "thanked the board for listening.",
	"Work on the new pier is due to start in the spring and should take "
	    "about eighteen months.",
};
static const char *OTHER = "A new bakery on the high street sold out of "
    "bread on its first morning, the owner said with a smile.";

struct fix {
	struct aligner		*al;
	struct align_text	*ta, *tb;
	struct buf		 a, b, want;
	const struct align_passage *p;
	size_t			 n;
	unsigned		 shared;
};

/* The code point offset of byte offset off in s. */
static size_t
cp(const char *s, size_t off)
{
	return utf8_count(s, off);
}

/* Is passage field [start, end) of text exactly the words of want? */
static int
slice_is(const struct buf *text, size_t start, size_t end, const char *want)
{
	const char *p = strstr(text->s, want);

	return p != NULL && cp(text->s, (size_t)(p - text->s)) == start &&
	    cp(text->s, (size_t)(p - text->s) + strlen(want)) == end;
}

static void
run(struct fix *f)
{
	align_text_set(f->al, f->ta, f->a.s, f->a.len, NULL, 0, NULL);
	align_text_set(f->al, f->tb, f->b.s, f->b.len, NULL, 0, NULL);
	f->n = align_pair(f->al, f->ta, f->tb, &f->p, &f->shared);
}

static void
set(struct buf *b, const char *const *v, size_t n)
{
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, " ");
		buf_adds(b, v[i]);
	}
}

/*
 * A line repeated down both pages (64 times or more in b) seeds no match:
 * it is no sign of reuse, and seeding from it would cost the product of
 * the texts' lengths.  A real shared passage among the repeats is still
 * found, whole; a line repeated fewer times still aligns.
 */
static void
repeat(struct fix *f, const char *line, int times)
{
	int k;

	buf_reset(&f->a);
	buf_reset(&f->b);
	for (k = 0; k < times; k++) {
		buf_printf(&f->a, "%s ", line);
		buf_printf(&f->b, "%s ", line);
	}
}

static void
test_repeated(struct fix *f)
{
	const char *line = "Share this article on social media now.";

	repeat(f, line, 200);
	run(f);
	CHECK(f->n == 0);
	buf_adds(&f->a, S[3]);
	buf_adds(&f->b, S[3]);
	run(f);
	CHECK(f->n == 1);
	CHECK(f->n == 1 && slice_is(&f->a, f->p[0].a_start, f->p[0].a_end,
	    S[3]) && slice_is(&f->b, f->p[0].b_start, f->p[0].b_end, S[3]));
	/* 20 times is not common: the repeats align */
	repeat(f, line, 20);
	run(f);
	CHECK(f->n > 0);
}

static void
test_verbatim(struct fix *f)
{
	set(&f->a, S, 5);
	set(&f->b, S, 5);
	run(f);
	CHECK(f->n == 1);
	CHECK(f->p[0].exact);
	CHECK(f->p[0].similarity == 1);
	CHECK(f->p[0].a_start == 0 && f->p[0].a_end == cp(f->a.s, f->a.len));
	CHECK(f->p[0].b_start == 0 && f->p[0].b_end == cp(f->b.s, f->b.len));
	CHECK(f->shared == align_text_words(f->ta));
}

/* A changed word and an added clause still align, as one passage. */
static void
test_light_edit(struct fix *f)
{
	const char *b[] = { S[0], "Members spoke for two hours about the "
	    "cost of dredging the channel before the vote.", S[2] };

	set(&f->a, S, 3);
	set(&f->b, b, 3);
	run(f);
	CHECK(f->n == 1);
	CHECK(!f->p[0].exact);
	CHECK(f->p[0].similarity > 0.9 && f->p[0].similarity < 1);
	CHECK(f->p[0].a_end == cp(f->a.s, f->a.len));
	CHECK(f->p[0].b_end == cp(f->b.s, f->b.len));
}

/* Reordered and deleted sentences: each run that stays together is one
 * passage, found at its place in both texts. */
static void
test_reorder_delete(struct fix *f)
{
	const char *b[] = { S[3], S[4], OTHER, S[0] };

	set(&f->a, S, 5);
	set(&f->b, b, 4);
	run(f);
	CHECK(f->n == 2);
	if (f->n != 2)
		return;
	CHECK(slice_is(&f->a, f->p[0].a_start, f->p[0].a_end, S[0]));
	CHECK(slice_is(&f->b, f->p[0].b_start, f->p[0].b_end, S[0]));
	CHECK(f->p[0].exact);
	/* S[3] and S[4] follow each other in both: one passage. */
	buf_reset(&f->want);
	buf_printf(&f->want, "%s %s", S[3], S[4]);
	CHECK(slice_is(&f->a, f->p[1].a_start, f->p[1].a_end, f->want.s));
	CHECK(slice_is(&f->b, f->p[1].b_start, f->p[1].b_end, f->want.s));
	/* Zoë's sentence, before them in a, is counted in code points. */
	CHECK(f->p[1].a_start < (size_t)(strstr(f->a.s, S[3]) - f->a.s));
}

/* A shared phrase, or a short sentence alone, is not a passage. */
static void
test_minimum(struct fix *f)
{
	struct align_opts o;
	const char *a[] = { "Rain fell all day in the valley and the river "
	    "rose.", "the director general said on Friday that it was over.",
	    "Here is all you need to know." };
	const char *b[] = { "Nobody expected it, the director general said "
	    "to reporters later.", "Here is all you need to know." };

	set(&f->a, a, 3);
	set(&f->b, b, 2);
	run(f);
	CHECK(f->n == 0 && f->shared == 0);
	align_opts_init(&o);
	o.min_words = 7;
	aligner_free(f->al);
	f->al = aligner_new(&o);
	run(f);
	CHECK(f->n == 1);
	if (f->n == 1)
		CHECK(slice_is(&f->a, f->p[0].a_start, f->p[0].a_end,
		    "Here is all you need to know."));
	aligner_free(f->al);
	f->al = aligner_new(NULL);
}

/* A quote reused inside sentences that differ around it. */
static void
test_quote(struct fix *f)
{
	const char *a[] = { "Speaking at the launch, she said the other half "
	    "of the dilemma is that our ability to keep the country safe "
	    "depends on others." };
	const char *b[] = { "\"The other half of the dilemma is that our "
	    "ability to keep the country safe depends on others,\" she wrote "
	    "in a newspaper column on Thursday morning before the launch." };

	set(&f->a, a, 1);
	set(&f->b, b, 1);
	run(f);
	CHECK(f->n == 1);
	CHECK(f->shared >= 17);
}

static void
test_given_sentences(struct fix *f)
{
	struct sent s[2] = { { 0, 0, 1 }, { 0, 0, 1 } };

	set(&f->a, S, 2);
	s[0].end = strlen(S[0]);
	s[1].start = s[0].end + 1;
	s[1].end = f->a.len;
	set(&f->b, S + 1, 1);
	align_text_set(f->al, f->ta, f->a.s, f->a.len, s, 2, NULL);
	align_text_set(f->al, f->tb, f->b.s, f->b.len, NULL, 0, NULL);
	f->n = align_pair(f->al, f->ta, f->tb, &f->p, &f->shared);
	CHECK(f->n == 1);
	if (f->n == 1)
		CHECK(slice_is(&f->a, f->p[0].a_start, f->p[0].a_end, S[1]));
}

static void
test_verdict(void)
{
	struct align_opts o;

	align_opts_init(&o);
	CHECK_STR(align_verdict(&o, 0.6), "wholly derived");
	CHECK_STR(align_verdict(&o, 0.59), "partially derived");
	CHECK_STR(align_verdict(&o, 0.1), "partially derived");
	CHECK_STR(align_verdict(&o, 0.09), "not derived");
	CHECK_STR(align_verdict(&o, 0), "not derived");
}

int
main(void)
{
	struct fix f;

	memset(&f, 0, sizeof(f));
	f.al = aligner_new(NULL);
	f.ta = align_text_new();
	f.tb = align_text_new();
	test_verbatim(&f);
	test_light_edit(&f);
	test_reorder_delete(&f);
	test_minimum(&f);
	test_quote(&f);
	test_repeated(&f);
	test_given_sentences(&f);
	test_verdict();
	aligner_free(f.al);
	align_text_free(f.ta);
	align_text_free(f.tb);
	buf_free(&f.a);
	buf_free(&f.b);
	buf_free(&f.want);
	UNIT_END();
}
