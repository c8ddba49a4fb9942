/*
 * test_itemreader.c - items read from records: sentence records joined
 * into their item, at their offsets or not, bad offsets refused; records
 * without an id named by their number; the title before the text; ids
 * checked for uniqueness or required, with the message that says which.
 */
#include <string.h>

#include "unit.h"
#include "sim/itemreader.h"

/* What the reader handed over, copied before it is reused. */
struct took {
	int		 any;
	struct buf	 id, text;
	size_t		 nsent, start1, cs1;
	int		 given, rec;
	const char	*msg;
};

static void
keep(void *arg, const struct item *it, struct record *rec, void *ctx)
{
	struct took *t = arg;

	CHECK(ctx == t);
	t->any = 1;
	t->rec = rec != NULL;
	buf_reset(&t->id);
	buf_add(&t->id, it->id, it->idlen);
	buf_reset(&t->text);
	buf_add(&t->text, it->text, it->len);
	t->given = it->sent != NULL;
	t->nsent = it->nsent;
	t->start1 = it->nsent > 1 ? it->sent[1].start : 0;
	t->cs1 = it->nsent > 1 && it->cstart != NULL ? it->cstart[1] : 0;
}

/* Feed one JSON line to the reader; 1 when it is refused. */
static int
feed(struct itemreader *g, struct record *r, const char *json,
    struct took *t)
{
	const char *msg;
	size_t pos;

	CHECK(record_parse(r, json, strlen(json), &msg, &pos) == 0);
	t->any = 0;
	t->msg = NULL;
	if (itemreader_record(g, r, t, &msg) == 0)
		return 0;
	t->msg = msg;
	return 1;
}

static void
test_gather(void)
{
	struct took t;
	struct itemreader *g = itemreader_new(ITEMREADER_SENTENCES |
	    ITEMREADER_UNIQUE, keep, &t);
	struct record r = RECORD_INIT;

	memset(&t, 0, sizeof(t));
	/* With offsets: the text is rebuilt at the original places. */
	CHECK(!feed(g, &r, "{\"id\":\"x\",\"par\":1,\"sent\":1,\"text\":"
	    "\"Zoë ran.\",\"start\":0,\"end\":8}", &t) && !t.any);
	CHECK(!feed(g, &r, "{\"id\":\"x\",\"par\":2,\"sent\":2,\"text\":"
	    "\"Then home.\",\"start\":10,\"end\":20}", &t) && !t.any);
	/* Backwards: refused, the item unchanged. */
	CHECK(feed(g, &r, "{\"id\":\"x\",\"par\":2,\"sent\":3,\"text\":"
	    "\"No.\",\"start\":5,\"end\":8}", &t));
	CHECK_STR(t.msg, "sentence \"start\" is before the end of the "
	    "sentence before it");
	/* An end that does not fit the text: refused. */
	CHECK(feed(g, &r, "{\"id\":\"x\",\"par\":2,\"sent\":3,\"text\":"
	    "\"No.\",\"start\":21,\"end\":30}", &t));
	CHECK(!feed(g, &r, "{\"id\":\"y\",\"par\":1,\"sent\":1,\"text\":"
	    "\"A.\"}", &t) && t.any && !t.rec);
	CHECK_MEM(t.id.s, t.id.len, "x");
	CHECK_MEM(t.text.s, t.text.len, "Zoë ran.\n\nThen home.");
	CHECK(t.given && t.nsent == 2 && t.start1 == 11 && t.cs1 == 10);
	/* Without offsets: joined by a space or a blank line. */
	feed(g, &r, "{\"id\":\"y\",\"par\":1,\"sent\":2,\"text\":\"B.\"}",
	    &t);
	feed(g, &r, "{\"id\":\"y\",\"par\":2,\"sent\":3,\"text\":\"C.\"}",
	    &t);
	/* A whole item without an id is named by its number. */
	feed(g, &r, "{\"text\":\"Whole.\"}", &t);
	CHECK(t.any);
	CHECK_MEM(t.text.s, t.text.len, "A. B.\n\nC.");
	/* An id seen before: refused, after the item before it is done. */
	CHECK(feed(g, &r, "{\"id\":\"x\",\"text\":\"Again.\"}", &t));
	CHECK_STR(t.msg, "id \"x\" seen before: ids must be unique");
	CHECK(t.any && !t.given);
	CHECK_MEM(t.id.s, t.id.len, "#3");
	CHECK_MEM(t.text.s, t.text.len, "Whole.");
	CHECK(!feed(g, &r, "{\"id\":\"z\",\"text\":\"Last.\"}", &t) &&
	    !t.any);
	itemreader_end(g, &t);
	CHECK(t.any);
	CHECK_MEM(t.id.s, t.id.len, "z");
	t.any = 0;
	itemreader_end(g, &t);
	CHECK(!t.any);
	CHECK(itemreader_count(g) == 4);
	CHECK_STR(itemreader_id(g, 0, &t.nsent), "x");
	CHECK_STR(itemreader_id(g, 2, &t.nsent), "#3");
	buf_free(&t.id);
	buf_free(&t.text);
	record_free(&r);
	itemreader_free(g);
}

/* Whole records: handed over at once, with the record; names checked. */
static void
test_whole(void)
{
	struct took t;
	struct itemreader *g = itemreader_new(ITEMREADER_UNIQUE |
	    ITEMREADER_TITLE, keep, &t);
	struct itemreader *m = itemreader_new(ITEMREADER_NEED_ID, keep, &t);
	struct record r = RECORD_INIT;

	memset(&t, 0, sizeof(t));
	CHECK(!feed(g, &r, "{\"id\":\"#3\",\"title\":\"Head\",\"text\":\"Body "
	    "text.\"}", &t) && t.any && t.rec);
	CHECK_MEM(t.text.s, t.text.len, "Head\n\nBody text.");
	/* Sentence records are items by themselves without SENTENCES. */
	CHECK(!feed(g, &r, "{\"id\":\"s\",\"sent\":1,\"text\":\"One.\"}", &t) &&
	    t.any && !t.given);
	CHECK(feed(g, &r, "{\"id\":\"s\",\"sent\":2,\"text\":\"Two.\"}", &t) &&
	    !t.any);
	CHECK_STR(t.msg, "id \"s\" seen before: ids must be unique");
	/* The number a record without id would take is taken. */
	CHECK(feed(g, &r, "{\"text\":\"No id.\"}", &t));
	CHECK_STR(t.msg, "no id, and \"#3\", the name it would take, is an "
	    "earlier record's id");
	CHECK(feed(g, &r, "{\"id\":\"t\",\"text\":[1]}", &t));
	CHECK(itemreader_count(g) == 2);
	/* No uniqueness without UNIQUE; an id needed with NEED_ID. */
	CHECK(!feed(m, &r, "{\"id\":\"a\",\"title\":\"H\",\"text\":\"x\"}",
	    &t) && t.any);
	CHECK_MEM(t.text.s, t.text.len, "x");
	CHECK(!feed(m, &r, "{\"id\":\"a\",\"text\":\"y\"}", &t) && t.any);
	CHECK(feed(m, &r, "{\"text\":\"z\"}", &t) && !t.any);
	CHECK_STR(t.msg, "no id: with --map every record needs one, since "
	    "the steps meet by id");
	CHECK(feed(m, &r, "{\"id\":\"\",\"text\":\"z\"}", &t) && !t.any);
	CHECK_STR(t.msg, "an empty id: with --map every record needs one, "
	    "since the steps meet by id");
	CHECK(itemreader_count(m) == 2);
	buf_free(&t.id);
	buf_free(&t.text);
	record_free(&r);
	itemreader_free(g);
	itemreader_free(m);
}

/* Sentences far apart: one space in the text, their places kept. */
static void
test_far(void)
{
	struct took t;
	struct itemreader *g = itemreader_new(ITEMREADER_SENTENCES, keep, &t);
	struct record r = RECORD_INIT;

	memset(&t, 0, sizeof(t));
	CHECK(!feed(g, &r, "{\"id\":\"f\",\"sent\":1,\"text\":\"One.\","
	    "\"start\":7}", &t) && !t.any);
	CHECK(!feed(g, &r, "{\"id\":\"f\",\"sent\":2,\"text\":\"Two.\","
	    "\"start\":1000000000000,\"end\":1000000000004}", &t) && !t.any);
	CHECK(feed(g, &r, "{\"id\":\"f\",\"sent\":3,\"text\":\"No.\","
	    "\"start\":5}", &t));
	itemreader_end(g, &t);
	CHECK(t.any);
	CHECK_MEM(t.text.s, t.text.len, "One. Two.");
	CHECK(t.start1 == 5 && t.cs1 == 1000000000000);
	buf_free(&t.id);
	buf_free(&t.text);
	record_free(&r);
	itemreader_free(g);
}

int
main(void)
{
	test_gather();
	test_whole();
	test_far();
	UNIT_END();
}
