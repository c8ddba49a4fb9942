/*
 * Unit tests for lib/sim/textpack.c: an item's text and sentences (with
 * and without code point starts, or none) come back as they went, in
 * either slot without disturbing the other, as characters a line may
 * carry; and a damaged or truncated code is refused, not misread.  A
 * piece gives back its items' ids, sizes and texts in the order they
 * went in, each text coded as textpack_put codes it, smaller than the
 * items' codes together, and a damaged piece is refused.
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

/* Items in a piece, read back; damage refused. */
static void
test_piece(struct textpack *tp, const struct item *sents,
    const struct item *starts)
{
	static const char *const ids[] = { "a", "b!@c", "k12" };
	const struct item *its[3] = { sents, starts, sents };
	struct buf p = BUF_INIT, t = BUF_INIT, one = BUF_INIT;
	struct buf code[3] = { BUF_INIT, BUF_INIT, BUF_INIT };
	const char *eid;
	size_t elen, i, refused;
	uint32_t m;
	int r;

	CHECK(textpack_piece_len(tp) == 0);
	CHECK(textpack_piece_next(tp, &eid, &elen, &m, NULL) == -1);
	for (i = 0; i < 3; i++) {
		textpack_piece_add(tp, ids[i], strlen(ids[i]), (uint32_t)i + 5,
		    its[i]);
		textpack_put(tp, its[i], &one);	/* each alone, for the size */
	}
	CHECK(textpack_piece_len(tp) > 2 * sents->len);
	textpack_piece_put(tp, &p);
	CHECK(textpack_piece_len(tp) == 0 && line_chars(&p));
	/* Alike texts: the piece costs less than the items alone. */
	CHECK(p.len < one.len * 3 / 4);
	/* A bound under the piece's bytes refuses it. */
	textpack_limit(tp, 2 * sents->len);
	CHECK(textpack_piece_open(tp, p.s, p.len) < 0);
	textpack_limit(tp, SIZE_MAX);
	CHECK(textpack_piece_open(tp, p.s, p.len) == 0);
	for (i = 0; i < 3; i++) {
		CHECK(textpack_piece_next(tp, &eid, &elen, &m,
		    i == 1 ? NULL : &code[i]) == 1);
		CHECK(elen == strlen(ids[i]) && memcmp(eid, ids[i], elen) == 0);
		CHECK(m == i + 5);
		CHECK(i == 1 ? code[i].len == 0 : line_chars(&code[i]));
	}
	CHECK(textpack_piece_next(tp, &eid, &elen, &m, NULL) == 0);
	CHECK(textpack_piece_next(tp, &eid, &elen, &m, NULL) == 0);
	/* The texts coded alone, as the rounds after read them. */
	for (i = 0; i < 3; i += 2)
		CHECK(same(textpack_get(tp, code[i].s, code[i].len, 1), its[i]));
	/* which forgets the piece */
	CHECK(textpack_piece_next(tp, &eid, &elen, &m, NULL) == -1);
	/* Every prefix of the code is refused, at once or on the way. */
	for (i = refused = 0; i < p.len; i++) {
		if (textpack_piece_open(tp, p.s, i) < 0) {
			refused++;
			continue;
		}
		while ((r = textpack_piece_next(tp, &eid, &elen, &m, &t)) > 0)
			continue;
		refused += r < 0;
	}
	CHECK(refused == p.len);
	CHECK(textpack_piece_open(tp, "zzzzz", 5) < 0);
	/* A text coded alone is no piece (its varints do not fit). */
	buf_reset(&t);
	textpack_put(tp, sents, &t);
	r = textpack_piece_open(tp, t.s, t.len);
	if (r == 0)
		while ((r = textpack_piece_next(tp, &eid, &elen, &m, &one)) > 0)
			continue;
	CHECK(r < 0);
	buf_free(&p);
	buf_free(&t);
	buf_free(&one);
	for (i = 0; i < 3; i++)
		buf_free(&code[i]);
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
	/* A bound under what the code unpacks to refuses it; at it, not. */
	textpack_limit(tp, big.len);
	CHECK(textpack_get(tp, a.s, a.len, 1) == NULL);
	textpack_limit(tp, big.len + 16);
	CHECK(same(textpack_get(tp, a.s, a.len, 1), &plain));
	textpack_limit(tp, SIZE_MAX);

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

	test_piece(tp, &sents, &starts);

	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&big);
	textpack_free(tp);
	UNIT_END();
}
