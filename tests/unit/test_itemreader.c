/*
 * test_itemreader.c - items read back from records: sentence records
 * joined into their item, at their offsets or not, bad offsets refused,
 * records without an id named by their number.
 */
#include <string.h>

#include "unit.h"
#include "sim/itemreader.h"

/* What the gatherer handed over, copied before it is reused. */
struct took {
	int		 any;
	struct buf	 id, text;
	size_t		 nsent, start1;
	int		 given;
};

static void
keep(struct took *t, const struct item *it)
{
	t->any = it != NULL;
	if (it == NULL)
		return;
	buf_reset(&t->id);
	buf_add(&t->id, it->id, it->idlen);
	buf_reset(&t->text);
	buf_add(&t->text, it->text, it->len);
	t->given = it->sent != NULL;
	t->nsent = it->nsent;
	t->start1 = it->nsent > 1 ? it->sent[1].start : 0;
}

/* Feed one JSON line to the gatherer; 1 when it is refused. */
static int
feed(struct itemreader *g, struct record *r, const char *json,
    struct took *t)
{
	const char *msg;
	size_t pos;

	CHECK(record_parse(r, json, strlen(json), &msg, &pos) == 0);
	keep(t, itemreader_continues(g, r) ? NULL : itemreader_take(g));
	return itemreader_add(g, r, &msg) < 0;
}

static void
test_gather(void)
{
	struct itemreader *g = itemreader_new();
	struct record r = RECORD_INIT;
	struct took t;

	memset(&t, 0, sizeof(t));
	/* With offsets: the text is rebuilt at the original places. */
	CHECK(!feed(g, &r, "{\"id\":\"x\",\"par\":1,\"sent\":1,\"text\":"
	    "\"Zoë ran.\",\"start\":0,\"end\":8}", &t) && !t.any);
	CHECK(!feed(g, &r, "{\"id\":\"x\",\"par\":2,\"sent\":2,\"text\":"
	    "\"Then home.\",\"start\":10,\"end\":20}", &t) && !t.any);
	/* Backwards: refused, the item unchanged. */
	CHECK(feed(g, &r, "{\"id\":\"x\",\"par\":2,\"sent\":3,\"text\":"
	    "\"No.\",\"start\":5,\"end\":8}", &t));
	/* An end that does not fit the text: refused. */
	CHECK(feed(g, &r, "{\"id\":\"x\",\"par\":2,\"sent\":3,\"text\":"
	    "\"No.\",\"start\":21,\"end\":30}", &t));
	CHECK(!feed(g, &r, "{\"id\":\"y\",\"par\":1,\"sent\":1,\"text\":"
	    "\"A.\"}", &t) && t.any);
	CHECK_MEM(t.id.s, t.id.len, "x");
	CHECK_MEM(t.text.s, t.text.len, "Zoë ran.\n\nThen home.");
	CHECK(t.given && t.nsent == 2 && t.start1 == 11);
	/* Without offsets: joined by a space or a blank line. */
	feed(g, &r, "{\"id\":\"y\",\"par\":1,\"sent\":2,\"text\":\"B.\"}",
	    &t);
	feed(g, &r, "{\"id\":\"y\",\"par\":2,\"sent\":3,\"text\":\"C.\"}",
	    &t);
	/* A whole item without an id is named by its number. */
	feed(g, &r, "{\"text\":\"Whole.\"}", &t);
	CHECK(t.any);
	CHECK_MEM(t.text.s, t.text.len, "A. B.\n\nC.");
	keep(&t, itemreader_take(g));
	CHECK(t.any && !t.given);
	CHECK_MEM(t.id.s, t.id.len, "#3");
	CHECK_MEM(t.text.s, t.text.len, "Whole.");
	CHECK(itemreader_take(g) == NULL);
	buf_free(&t.id);
	buf_free(&t.text);
	record_free(&r);
	itemreader_free(g);
}

int
main(void)
{
	test_gather();
	UNIT_END();
}
