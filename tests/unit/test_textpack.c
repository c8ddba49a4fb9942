/*
 * Unit tests for lib/sim/textpack.c: an item's text and sentences (with
 * and without code point starts, or none) come back as they went, in
 * either slot without disturbing the other, as characters a line may
 * carry; and a damaged or truncated code is refused, not misread.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "sim/kvcode.h"
#include "sim/textpack.h"

static const char text[] =
    "Rain fell on Tuesday.  The river rose.\n\nOfficials said 12 homes "
    "were flooded; no one was hurt.";

/* Does got hold it's text and sentences? */
static int
same(const struct item *got, const struct item *it)
{
	size_t k;

	if (got == NULL || got->len != it->len ||
	    memcmp(got->text, it->text, it->len) != 0 ||
	    got->text[got->len] != '\0' || got->nsent != it->nsent ||
	    (got->sent == NULL) != (it->sent == NULL) ||
	    (got->cstart == NULL) != (it->cstart == NULL))
		return 0;
	for (k = 0; k < it->nsent; k++) {
		if (got->sent[k].start != it->sent[k].start ||
		    got->sent[k].end != it->sent[k].end ||
		    got->sent[k].par != it->sent[k].par)
			return 0;
		if (it->cstart != NULL && got->cstart[k] != it->cstart[k])
			return 0;
	}
	return 1;
}

static int
line_chars(const struct buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (!kv_text_char((unsigned char)b->s[i]))
			return 0;
	return 1;
}

int
main(void)
{
	struct textpack *tp = textpack_new();
	struct sent s[3];
	size_t cs[3] = { 0, 23, 40 };
	struct item plain, sents, starts;
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, big = BUF_INIT;
	const struct item *got, *got0;
	size_t i, refused;

	memset(&plain, 0, sizeof(plain));
	plain.id = "x";
	plain.idlen = 1;
	plain.text = text;
	plain.len = strlen(text);
	s[0].start = 0, s[0].end = 21, s[0].par = 0;
	s[1].start = 23, s[1].end = 38, s[1].par = 0;
	s[2].start = 40, s[2].end = plain.len, s[2].par = 1;
	sents = plain;
	sents.sent = s;
	sents.nsent = 3;
	starts = sents;
	starts.cstart = cs;

	textpack_put(tp, &plain, &a);
	textpack_put(tp, &sents, &b);
	textpack_put(tp, &starts, &c);
	CHECK(line_chars(&a) && line_chars(&b) && line_chars(&c));
	CHECK(same(textpack_get(tp, a.s, a.len, 0), &plain));
	CHECK(same(textpack_get(tp, b.s, b.len, 1), &sents));
	CHECK(same(got0 = textpack_get(tp, c.s, c.len, 0), &starts));
	/* Slot 1 leaves slot 0's item as it was. */
	CHECK(same(textpack_get(tp, a.s, a.len, 1), &plain));
	CHECK(same(got0, &starts));

	/* An empty text, and one of many sentences (zstd shrinks it). */
	plain.len = 0;
	buf_reset(&a);
	textpack_put(tp, &plain, &a);
	got = textpack_get(tp, a.s, a.len, 0);
	CHECK(got != NULL && got->len == 0 && got->sent == NULL);
	for (i = 0; i < 2000; i++)
		buf_add(&big, text, sizeof(text) - 1);
	plain.text = big.s;
	plain.len = big.len;
	buf_reset(&a);
	textpack_put(tp, &plain, &a);
	CHECK(a.len < big.len / 20);
	CHECK(same(textpack_get(tp, a.s, a.len, 1), &plain));

	/* Damage: every prefix of a code, a changed character, junk. */
	for (i = 0; i < c.len; i++)
		CHECK(textpack_get(tp, c.s, i, 0) == NULL);
	/*
	 * zstd keeps no sum, so a changed character in the literals may
	 * still give an item; most changes break the frame or the varints.
	 */
	for (i = refused = 0; i < c.len; i++) {
		char keep = c.s[i];

		c.s[i] = keep == '!' ? '"' : '!';
		refused += textpack_get(tp, c.s, c.len, 0) == NULL;
		c.s[i] = keep;
	}
	CHECK(refused > c.len / 2);
	CHECK(textpack_get(tp, "zzzzz", 5, 0) == NULL);
	CHECK(textpack_get(tp, "hello\tworld", 11, 0) == NULL);
	CHECK(same(textpack_get(tp, c.s, c.len, 0), &starts));

	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&big);
	textpack_free(tp);
	UNIT_END();
}
