/*
 * Unit tests for lib/text/learner.c and lib/text/model.c: what the learner
 * counts, the model it writes, and that model read back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "text/learner.h"
#include "text/model.h"
#include "base/buf.h"

static void
to_buf(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
}

static void
test_learn(void)
{
	struct learner *l = learner_new(2);
	struct model *m = model_new();
	struct buf err = BUF_INIT;
	struct buf model = BUF_INIT;
	const char *text;
	size_t len;
	const char *promo = "Tap here for the Gazette app";

	/* the promo is in two Gazette items (twice in one: counts once) */
	learner_item(l, "gazette");
	learner_para(l, promo, strlen(promo));
	learner_para(l, promo, strlen(promo));
	learner_para(l, "Story one.", 10);
	learner_item(l, "herald");
	learner_para(l, promo, strlen(promo));
	learner_para(l, "Tab\there\\n", 10);
	learner_item(l, "gazette");
	learner_para(l, promo, strlen(promo));
	learner_para(l, "Story two.", 10);
	learner_item(l, "herald");
	learner_para(l, "Tab\there\\n", 10);
	CHECK(learner_write(l, to_buf, &model) == 2);
	text = buf_cstr(&model);
	len = model.len;
	CHECK(strstr(text, "\ngazette\t2\tTap here for the Gazette app\n")
	    != NULL);
	CHECK(strstr(text, "\nherald\t2\tTab\\there\\\\n\n") != NULL);
	CHECK(strstr(text, "Story") == NULL);
	/* the written model reads back and matches by source */
	CHECK(model_add(m, "m", text, len, &err) == 0);
	CHECK(model_size(m) == 2);
	CHECK(model_has(m, "gazette", promo, strlen(promo)));
	CHECK(!model_has(m, "herald", promo, strlen(promo)));
	CHECK(model_has(m, "herald", "Tab\there\\n", 10));
	/* a hand-written line with source * applies to every source */
	CHECK(model_add(m, "m", "*\t9\tFollow us\n", 13, &err) == 0);
	CHECK(model_has(m, "anyone", "Follow us", 9));
	CHECK(model_has(m, NULL, "Follow us", 9));
	CHECK(model_add(m, "m.model", "# c\nno tabs here\n", 17,
	    &err) == -1);
	CHECK_STR(buf_cstr(&err), "m.model:2: want SOURCE<TAB>ITEMS<TAB>"
	    "PARAGRAPH");
	buf_free(&model);
	buf_free(&err);
	model_free(m);
	learner_free(l);
	learner_free(NULL);
}

/*
 * An invented archive: the Courier's 400 items each end in its footer,
 * and one wire story is in three of them (republished).  The footer is
 * furniture; the story, in 3 of 400 items (under one in a hundred),
 * is not, though 3 items are min_items.  Ten items of the Post repeat a
 * prompt in three: there min_items alone decides.
 */
static void
test_learn_share(void)
{
	struct learner *l = learner_new(3);
	struct buf model = BUF_INIT;
	const char *footer = "The Courier is printed in Dunmere";
	const char *story = "The ferry to Harrowby will run again from "
	    "Monday, the harbour master said.";
	const char *prompt = "Send the Post your pictures";
	const char *text;
	char para[32];
	int i;

	for (i = 0; i < 400; i++) {
		learner_item(l, "courier");
		snprintf(para, sizeof(para), "Story %d.", i);
		learner_para(l, para, strlen(para));
		if (i % 150 == 7)
			learner_para(l, story, strlen(story));
		learner_para(l, footer, strlen(footer));
	}
	for (i = 0; i < 10; i++) {
		learner_item(l, "post");
		if (i < 3)
			learner_para(l, prompt, strlen(prompt));
	}
	CHECK(learner_write(l, to_buf, &model) == 2);
	text = buf_cstr(&model);
	CHECK(strstr(text, "\ncourier\t400\tThe Courier is printed in "
	    "Dunmere\n") != NULL);
	CHECK(strstr(text, "ferry") == NULL);
	CHECK(strstr(text, "\npost\t3\tSend the Post your pictures\n") !=
	    NULL);
	buf_free(&model);
	learner_free(l);
}

/*
 * A model written by hand: a paragraph longer than the learner keeps is
 * applied all the same, and a byte-order mark before the first line is
 * no part of its source.
 */
static void
test_hand_written(void)
{
	struct model *m = model_new();
	struct buf text = BUF_INIT, para = BUF_INIT, err = BUF_INIT;
	int i;

	for (i = 0; i < 50; i++)
		buf_adds(&para, "Furniture ");
	CHECK(para.len > MODEL_MAX_BYTES);
	buf_printf(&text, "\xEF\xBB\xBFherald\t3\tSee our offers\n"
	    "herald\t3\t%s\n", para.s);
	CHECK(model_add(m, "h.model", text.s, text.len, &err) == 0);
	CHECK(model_has(m, "herald", "See our offers", 14));
	CHECK(model_has(m, "herald", para.s, para.len));
	CHECK(!model_has(m, "herald", para.s, para.len - 1));
	/* what the learner escapes, the model reads back: \r too */
	buf_reset(&text);
	buf_adds(&text, "herald\t3\tCR\\rLF\\n\n");
	CHECK(model_add(m, "h.model", text.s, text.len, &err) == 0);
	CHECK(model_has(m, "herald", "CR\rLF\n", 6));
	buf_free(&text);
	buf_free(&para);
	buf_free(&err);
	model_free(m);
}

int
main(void)
{
	test_learn();
	test_learn_share();
	test_hand_written();
	UNIT_END();
}
