/*
 * Unit tests for lib/text/normscan.c: whenever normscan says a step of
 * artclean's normalisation leaves a text as it is, running that step must
 * give the text back byte for byte, on random texts made of everything the
 * steps react to (ASCII, curly quotes, accented and CJK letters, mojibake,
 * entities, tags, CR, odd spaces, controls, bad UTF-8, blank runs).  Each
 * proof must also fire, and fail, often enough for the test to mean
 * something; a wrong skip condition shows as a difference.
 */
#include <stdlib.h>

#include "unit.h"
#include "base/buf.h"
#include "text/clean.h"
#include "text/html.h"
#include "text/mojibake.h"
#include "text/normscan.h"
#include "text/textnorm.h"

/* Pieces a text is made of: quiet ones first, drawn more often. */
static const char *const calm[] = {
	"the", "said", "Mr", "a", "10", "on", ",", ".", "?", "!", "(x)",
	"\xe2\x80\x99",			/* ’ */
	"\xe2\x80\x9c", "\xe2\x80\x9d",	/* “ ” */
	"\xe2\x80\x94", "\xe2\x80\x93",	/* — – */
	"\xe2\x80\xa6",			/* … (folded by --ascii) */
	"caf\xc3\xa9", "Z\xc3\xbcrich", "a\xc3\xb1o", "\xc3\xba",
	"\xe2\x82\xac" "5", "\xc2\xa3" "3",	/* €5 £3 */
	"\xe6\x9d\xb1\xe4\xba\xac",	/* 東京 */
	"\xd0\xb6\xd0\xb8",		/* жи (small Cyrillic: not quiet) */
	"\xc3\x9f", "\xc3\xb8", "\xce\xa9",	/* ß ø Ω */
	"\xf0\x9f\x98\x80",		/* an emoji, four bytes */
	"\xc2\xa9", "\xc2\xae", "\xe2\x84\xa2",	/* © ® ™ */
	"\xc2\xb5", "\xc2\xbd",		/* µ ½ */
};

static const char *const rough[] = {
	"&amp;", "&#8217;", "AT&T", "<b>", "</p>", "a<b", "<3",
	"\r\n", "\r", "\t", "\x01", "\x7f", "\x1b",
	"\xc2\xa0", "\xe2\x80\x89", "\xe3\x80\x80",	/* NBSP, thin, ideogr. */
	"\xe2\x80\x8b", "\xc2\xad", "\xef\xbb\xbf",	/* ZWSP, SHY, BOM */
	"\xe2\x80\xa8", "\xe2\x80\xa9",		/* line, paragraph sep. */
	"\xc2\x85", "\xc2\x92",			/* C1 controls */
	"e\xcc\x81", "\xe2\x84\xab",		/* combining acute, Å sign */
	"\xe1\x84\x92\xe1\x85\xa1",		/* Hangul jamo */
	"\xef\xac\x81",				/* ﬁ (NFKC folds it) */
	"it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s",	/* itâ€™s */
	"caf\xc3\x83\xc2\xa9",			/* cafÃ© */
	"voil\xc3\x83 le",			/* voilÃ le */
	"\xc3\x82\xc2\xa3",			/* Â£ */
	"\xc3\xa2\xe2\x82\xac\xc5\x93",		/* â€œ */
	"\xc3\x90\xc2\xbf\xc3\x91\xe2\x82\xac",	/* Ð¿Ñ€ */
	"\xc5\x92", "\xc5\x93", "\xc3\x83", "\xc3\x82",	/* Œ œ Ã Â */
	"\xff", "\x80", "\xe2\x80", "\xed\xa0\x80", "\xc0\xaf",	/* bad */
	"\xf4\x90\x80\x80",			/* beyond U+10FFFF */
};

static const char *const gaps[] = {
	" ", " ", " ", " ", " ", "", "", "\n", "\n\n", "  ", "\n\n\n", " \n",
	"\n ",
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A random text; rough pieces come in with odds 1 in rough_odds. */
static void
make_text(struct buf *b, unsigned rough_odds)
{
	unsigned k, words = 1 + unit_rnd(60);
	const char *p;

	buf_reset(b);
	if (unit_rnd(16) == 0)
		buf_adds(b, gaps[unit_rnd(NELEM(gaps))]);
	for (k = 0; k < words; k++) {
		if (rough_odds > 0 && unit_rnd(rough_odds) == 0)
			p = rough[unit_rnd(NELEM(rough))];
		else
			p = calm[unit_rnd(NELEM(calm))];
		buf_adds(b, p);
		/* mostly one blank, sometimes pieces run together */
		if (k + 1 < words)
			buf_adds(b, unit_rnd(4) == 0 ?
			    gaps[unit_rnd(NELEM(gaps))] : " ");
	}
	if (unit_rnd(16) == 0)
		buf_adds(b, gaps[unit_rnd(NELEM(gaps))]);
}

static int
same(const struct buf *o, const char *s, size_t n)
{
	return o->len == n && (n == 0 || memcmp(o->s, s, n) == 0);
}

static void
show(const char *what, const char *s, size_t n, unsigned flags)
{
	size_t i;

	fprintf(stderr, "%s wrongly skipped (flags %u): \"", what, flags);
	for (i = 0; i < n; i++)
		fprintf(stderr, (unsigned char)s[i] < 0x20 ||
		    (unsigned char)s[i] >= 0x7F ? "\\x%02x" : "%c",
		    (unsigned char)s[i]);
	fprintf(stderr, "\"\n");
}

/*
 * Every proof normscan gives, checked against the step itself, on random
 * texts; proved[] and unproved[] count how often each bit was and was
 * not given, so that a test that proves nothing (or everything) fails.
 */
static void
test_proofs(void)
{
	static const unsigned flagsets[] = { 0, TN_ASCII, TN_NFKC,
	    TN_NFKC | TN_ASCII };
	struct buf t = BUF_INIT, o = BUF_INIT;
	unsigned long proved[4] = { 0 }, unproved[4] = { 0 }, wrong[4] = { 0 };
	unsigned long fromwrong = 0, mojiseen = 0;
	unsigned r, f, bit, round;
	size_t from, n;
	int found;

	for (round = 0; round < 60000; round++) {
		make_text(&t, round % 3 == 0 ? 0 : round % 3 == 1 ? 40 : 6);
		n = t.len;
		found = mojibake_found(t.s, n);
		mojiseen += found;
		for (f = 0; f < NELEM(flagsets); f++) {
			r = normscan(t.s, n, flagsets[f], &from);
			for (bit = 0; bit < 4; bit++) {
				if (r & (1U << bit))
					proved[bit]++;
				else
					unproved[bit]++;
			}
			/* html: exactly html_maybe */
			if (((r & NS_HTML) != 0) == html_maybe(t.s, n)) {
				wrong[0]++;
				show("html", t.s, n, flagsets[f]);
			}
			if (r & NS_MOJIBAKE) {
				buf_reset(&o);
				mojibake_fix(t.s, n, &o);
				if (found || !same(&o, t.s, n)) {
					wrong[1]++;
					show("mojibake", t.s, n, flagsets[f]);
				}
			} else if (from > n || (from > 0 &&
			    t.s[from - 1] != '\n') ||
			    mojibake_found(t.s + from, n - from) != found) {
				fromwrong++;
				show("mojibake from", t.s, n, flagsets[f]);
			}
			if (r & NS_UNICODE) {
				buf_reset(&o);
				textnorm_unicode(t.s, n, &o, flagsets[f]);
				if (!same(&o, t.s, n)) {
					wrong[2]++;
					show("unicode", t.s, n, flagsets[f]);
				}
			}
			if (r & NS_SPACE) {
				buf_reset(&o);
				textnorm_space(t.s, n, &o);
				if (!same(&o, t.s, n)) {
					wrong[3]++;
					show("space", t.s, n, flagsets[f]);
				}
			}
		}
	}
	for (bit = 0; bit < 4; bit++) {
		CHECK(wrong[bit] == 0);
		/* each proof both given and refused thousands of times */
		CHECK(proved[bit] > 5000);
		CHECK(unproved[bit] > 5000);
	}
	CHECK(fromwrong == 0);
	CHECK(mojiseen > 1000);
	buf_free(&t);
	buf_free(&o);
}

/* Steps 1-4 one after the other, as they ran before normscan. */
static void
chain(const char *s, size_t n, unsigned steps, unsigned flags,
    struct buf *out)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	buf_reset(out);
	buf_add(out, s, n);
	if ((steps & CLEAN_HTML) && html_maybe(out->s, out->len)) {
		buf_reset(&a);
		html_clean(out->s, out->len, &a, HTML_ENTITIES | HTML_TAGS);
		buf_reset(out);
		buf_add(out, a.s, a.len);
	}
	if ((steps & CLEAN_MOJIBAKE) && mojibake_found(out->s, out->len)) {
		buf_reset(&a);
		mojibake_fix(out->s, out->len, &a);
		buf_reset(out);
		buf_add(out, a.s, a.len);
	}
	if ((steps & CLEAN_UNICODE) && textnorm_maybe(out->s, out->len)) {
		buf_reset(&b);
		textnorm_unicode(out->s, out->len, &b, flags);
		buf_reset(out);
		buf_add(out, b.s, b.len);
	}
	if (steps & CLEAN_SPACE) {
		buf_reset(&b);
		textnorm_space(out->s, out->len, &b);
		buf_reset(out);
		buf_add(out, b.s, b.len);
	}
	buf_free(&a);
	buf_free(&b);
}

/*
 * The cleaner with only steps 1-4 on gives its normalised text: with the
 * skips normscan allows, it must equal the four steps run in a row, for
 * every subset of them and every flag set (a step that changes nothing
 * and one that does, in every order, and the buffers in between).
 */
static void
test_normalise(void)
{
	struct cleaner *c[16][4];
	struct clean_opts o;
	struct buf t = BUF_INIT, got = BUF_INIT, want = BUF_INIT, err = BUF_INIT;
	unsigned steps, f, round;
	unsigned long wrong = 0;

	memset(&o, 0, sizeof(o));
	for (steps = 0; steps < 16; steps++)
		for (f = 0; f < 4; f++) {
			o.steps = steps;
			o.nfkc = (f & 1) != 0;
			o.ascii = (f & 2) != 0;
			c[steps][f] = cleaner_new(&o, &err);
			CHECK(c[steps][f] != NULL);
		}
	for (round = 0; round < 6000; round++) {
		make_text(&t, round % 2 == 0 ? 40 : 5);
		steps = round % 16;
		f = (round / 16) % 4;
		buf_reset(&got);
		clean_text(c[steps][f], NULL, t.s, t.len, &got, NULL);
		chain(t.s, t.len, steps, (f & 1 ? TN_NFKC : 0) |
		    (f & 2 ? TN_ASCII : 0), &want);
		if (!same(&got, want.s, want.len)) {
			wrong++;
			show("normalise", t.s, t.len, steps * 4 + f);
		}
	}
	CHECK(wrong == 0);
	for (steps = 0; steps < 16; steps++)
		for (f = 0; f < 4; f++)
			cleaner_free(c[steps][f]);
	buf_free(&t);
	buf_free(&got);
	buf_free(&want);
	buf_free(&err);
}

/* Cases at the edges of each proof, by hand. */
static void
test_cases(void)
{
	size_t from = 99;
	unsigned r;

#define SCAN(s, fl)	normscan((s), strlen(s), (fl), &from)
	CHECK(SCAN("", 0) == (NS_HTML | NS_MOJIBAKE | NS_UNICODE | NS_SPACE));
	/* a text laid out as step 4 writes it, with a curly quote */
	CHECK(SCAN("It\xe2\x80\x99s.\n\nNext line\nend", 0) ==
	    (NS_HTML | NS_MOJIBAKE | NS_UNICODE | NS_SPACE));
	/* the layout: each of these is something step 4 changes */
	CHECK(!(SCAN(" a", 0) & NS_SPACE));
	CHECK(!(SCAN("a ", 0) & NS_SPACE));
	CHECK(!(SCAN("\na", 0) & NS_SPACE));
	CHECK(!(SCAN("a\n", 0) & NS_SPACE));
	CHECK(!(SCAN("a\n\n\nb", 0) & NS_SPACE));
	CHECK(!(SCAN("a \nb", 0) & NS_SPACE));
	CHECK(!(SCAN("a\n b", 0) & NS_SPACE));
	CHECK(!(SCAN("a  b", 0) & NS_SPACE));
	CHECK(!(SCAN("a\tb", 0) & NS_SPACE));
	CHECK(SCAN("a\tb", 0) & NS_UNICODE);	/* step 3 keeps a tab */
	/* two blanks across the 32-byte blocks' boundary */
	CHECK(!(SCAN("0123456789012345678901234567890  x", 0) & NS_SPACE));
	CHECK(!(SCAN("012345678901234567890123456789\n\n\nx", 0) & NS_SPACE));
	CHECK(SCAN("0123456789012345678901234567890 x\n\nx", 0) & NS_SPACE);
	/* step 3 */
	CHECK(!(SCAN("a\xe2\x80\xa6", TN_ASCII) & NS_UNICODE));
	CHECK(SCAN("a\xe2\x80\xa6", 0) & NS_UNICODE);
	CHECK(!(SCAN("caf\xc3\xa9", TN_NFKC) & NS_UNICODE));
	CHECK(SCAN("cafe", TN_NFKC) & NS_UNICODE);
	CHECK(!(SCAN("cafe\xcc\x81", 0) & NS_UNICODE));
	CHECK(!(SCAN("a\xc2\xa0" "b", 0) & NS_UNICODE));
	CHECK(!(SCAN("a\r\nb", 0) & NS_UNICODE));
	CHECK(!(SCAN("a\xff" "b", 0) & NS_UNICODE));
	/* step 2: quiet alone is proof, close together is not */
	CHECK(SCAN("it\xe2\x80\x99s \xe2\x80\x94 fine", 0) & NS_MOJIBAKE);
	r = SCAN("fine.\nit\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s", 0);
	CHECK(!(r & NS_MOJIBAKE) && from == 6);
	CHECK(SCAN("\xe2\x80\x9d \xe2\x80\x9c", 0) & NS_MOJIBAKE);
	CHECK(!(SCAN("1&2", 0) & NS_HTML));
	CHECK(!(SCAN("<p>", 0) & NS_HTML));
#undef SCAN
}

int
main(void)
{
	test_cases();
	test_proofs();
	test_normalise();
	UNIT_END();
}
