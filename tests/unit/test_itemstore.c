/*
 * test_itemstore.c - items written to the store come back as they went in,
 * two at once.
 */
#include <string.h>

#include "unit.h"
#include "sim/itemstore.h"

static void
test_store(void)
{
	struct itemstore *st = itemstore_new();
	struct sent s = { 0, 2, 1 };
	size_t cs = 1000000000;
	struct item in = { "a", 1, "Hi.", 3, NULL, 0, NULL };
	const struct item *x, *y;

	CHECK(itemstore_add(st, &in) == 0);
	in.id = "bb";
	in.idlen = 2;
	in.sent = &s;
	in.nsent = 1;
	in.cstart = &cs;
	CHECK(itemstore_add(st, &in) == 1);
	x = itemstore_get(st, 0, 0);
	y = itemstore_get(st, 1, 1);
	CHECK_MEM(x->id, x->idlen, "a");
	CHECK_MEM(x->text, x->len, "Hi.");
	CHECK(x->sent == NULL);
	CHECK_MEM(y->id, y->idlen, "bb");
	CHECK(y->nsent == 1 && y->sent[0].end == 2);
	CHECK(x->cstart == NULL);
	CHECK(y->cstart != NULL && y->cstart[0] == 1000000000);
	itemstore_free(st);
}

int
main(void)
{
	test_store();
	UNIT_END();
}
