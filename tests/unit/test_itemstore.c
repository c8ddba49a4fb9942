/*
 * test_itemstore.c - items written to the store come back as they went in,
 * two at once, from the groups compressed and from the one still being
 * gathered, in any order.
 */
#include <stdio.h>
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

/*
 * Items of a few KB, enough for several compressed groups, each with a
 * text of its own: read back out of order, from both slots, while more
 * are added, then all again once the last is in.
 */
static void
test_groups(void)
{
	struct itemstore *st = itemstore_new();
	struct item in = { NULL, 0, NULL, 0, NULL, 0, NULL };
	const struct item *x, *y;
	char id[32], text[5000];
	uint32_t i, j, k, n = 300;
	size_t len;

	for (i = 0; i < n; i++) {
		in.idlen = (size_t)snprintf(id, sizeof(id), "id%u", i);
		len = 1000 + (i * 7919) % 3900;
		for (k = 0; k < len; k++)
			text[k] = (char)('a' + (i + k * k) % 26);
		in.id = id;
		in.text = text;
		in.len = len;
		CHECK(itemstore_add(st, &in) == i);
		j = (i * 37) % (i + 1);
		x = itemstore_get(st, j, i % 2);
		in.idlen = (size_t)snprintf(id, sizeof(id), "id%u", j);
		CHECK_MEM(x->id, x->idlen, id);
		CHECK(x->len == 1000 + (j * 7919) % 3900);
		CHECK(x->text[x->len - 1] == (char)('a' + (j + (x->len - 1) *
		    (x->len - 1)) % 26));
	}
	for (i = 0; i < n; i++) {
		j = n - 1 - i;
		x = itemstore_get(st, i, 0);
		y = itemstore_get(st, j, 1);
		snprintf(id, sizeof(id), "id%u", i);
		CHECK_MEM(x->id, x->idlen, id);
		snprintf(id, sizeof(id), "id%u", j);
		CHECK_MEM(y->id, y->idlen, id);
		for (k = 0; k < x->len && x->text[k] == (char)('a' + (i + k * k) % 26);
		    k++)
			;
		CHECK(k == x->len && x->len == 1000 + (i * 7919) % 3900);
		CHECK(y->len == 1000 + (j * 7919) % 3900);
	}
	itemstore_free(st);
}

int
main(void)
{
	test_store();
	test_groups();
	UNIT_END();
}
