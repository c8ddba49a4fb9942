/*
 * Unit tests for lib/text/mojibake.c: UTF-8 read through a single-byte code
 * page once or twice is put back, and text that only looks odd (accents,
 * symbols, other scripts) is left byte for byte as it was.  All sentences
 * are invented; the broken forms were made by encoding them wrongly.
 */
#include "unit.h"
#include "base/buf.h"
#include "text/mojibake.h"

static struct buf out = BUF_INIT;

static const char *
fix(const char *s, bool *changed)
{
	bool c;

	buf_reset(&out);
	c = mojibake_fix(s, strlen(s), &out);
	/* nothing changes where mojibake_found finds nothing */
	CHECK(!c || mojibake_found(s, strlen(s)));
	if (changed != NULL)
		*changed = c;
	return buf_cstr(&out);
}

static void
test_repairs(void)
{
	/* Windows-1252, once: itâ€™s */
	CHECK_STR(fix("it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s was fine", NULL),
	    "it\xe2\x80\x99s was fine");
	/*
	 * Only the characters near those beyond ASCII are looked at, in
	 * windows: a good é well before the mojibake, and mojibake far
	 * from the start of the line, still come out right.
	 */
	CHECK_STR(fix("The caf\xc3\xa9 on the corner of the square said "
	    "it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s closing.", NULL),
	    "The caf\xc3\xa9 on the corner of the square said "
	    "it\xe2\x80\x99s closing.");
	CHECK_STR(fix("Fine so far, and for a good many words after that: "
	    "caf\xc3\x83\xc2\xa9", NULL), "Fine so far, and for a good many "
	    "words after that: caf\xc3\xa9");
	/* Windows-1252, twice: cafÃƒÂ© */
	CHECK_STR(fix("caf\xc3\x83\xc6\x92\xc3\x82\xc2\xa9 au lait", NULL),
	    "caf\xc3\xa9 au lait");
	/* Latin-1, leaving C1 controls: itâ\x80\x99s */
	CHECK_STR(fix("it\xc3\xa2\xc2\x80\xc2\x99s", NULL), "it\xe2\x80\x99s");
	/* Windows-1251: Russian */
	CHECK_STR(fix("\xd0\xa0\xd1\x9f\xd0\xa1\xd0\x82\xd0\xa0\xd1\x91\xd0\xa0"
	    "\xd0\x86\xd0\xa0\xc2\xb5\xd0\xa1\xe2\x80\x9a, \xd0\xa0\xd1\x98\xd0"
	    "\xa0\xd1\x91\xd0\xa1\xd0\x82", NULL), "\xd0\x9f\xd1\x80\xd0\xb8"
	    "\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80");
	/* MacRoman: Zürich Straße */
	CHECK_STR(fix("Z\xe2\x88\x9a\xc2\xbarich Stra\xe2\x88\x9a\xc3\xbc" "e",
	    NULL), "Z\xc3\xbcrich Stra\xc3\x9f" "e");
	/* Windows-1250: Polish */
	CHECK_STR(fix("\xc4\xb9\xc2\xbb\xc4\x82\xc5\x82\xc4\xb9\xe2\x80\x9aw "
	    "p\xc4\xb9\xe2\x80\x9aywa", NULL),
	    "\xc5\xbb\xc3\xb3\xc5\x82w p\xc5\x82ywa");
	/* good and broken text on one line: only the broken run changes */
	CHECK_STR(fix("Un caf\xc3\xa9, puis \xc3\xa2\xe2\x82\xac\xc5\x93la "
	    "suite\xc3\xa2\xe2\x82\xac\xc2\x9d", NULL),
	    "Un caf\xc3\xa9, puis \xe2\x80\x9cla suite\xe2\x80\x9d");
	/* a no-break space that became a space: "Ã " is "à" */
	CHECK_STR(fix("Rendez-vous \xc3\x83 Paris, d\xc3\x83\xc2\xa9j\xc3\x83 "
	    "vu", NULL), "Rendez-vous \xc3\xa0 Paris, d\xc3\xa9j\xc3\xa0 vu");
	/* a stray C1 control is the Windows-1252 character it stood for */
	CHECK_STR(fix("Wait\xc2\x85 what? \xc2\x93Yes\xc2\x94", NULL),
	    "Wait\xe2\x80\xa6 what? \xe2\x80\x9cYes\xe2\x80\x9d");
	/* a character lost to U+FFFD still ends the sequence as U+FFFD */
	CHECK_STR(fix("\xc3\xa2\xe2\x82\xac\xc5\x93quoted\xc3\xa2\xe2\x82\xac"
	    "\xef\xbf\xbd", NULL), "\xe2\x80\x9cquoted\xef\xbf\xbd");
}

static void
test_left_alone(void)
{
	static const char *good[] = {
		"Caf\xc3\xa9 M\xc3\xbcller, na\xc3\xafve r\xc3\xa9sum\xc3\xa9",
		"S\xc3\xa3o Paulo \xe2\x80\x94 20 \xc2\xb0" "C, \xc2\xa3" "5 or "
		    "\xe2\x82\xac" "6 for 10\xc3\x97" "2",
		"\xc3\x85land \xc3\x98resund \xc3\x86r\xc3\xb8",
		"\xe2\x80\x9cQuoted\xe2\x80\x9d \xe2\x80\x98text\xe2\x80\x99 "
		    "\xe2\x80\xa6 \xc2\xabguillemets\xc2\xbb",
		"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xce\x9a\xce"
		    "\xb1\xce\xbb\xce\xb7\xce\xbc\xce\xad\xcf\x81\xce\xb1",
		"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x98\x80 emoji",
		"THE \xc3\x89TAT, C'EST MOI \xc2\xa9 2024 \xc2\xae\xe2\x84\xa2",
		"x\xc2\xb2 + y\xc2\xb2 \xe2\x89\xa4 r\xc2\xb2, \xc2\xbd \xc2\xb1 "
		    "0.1",
	};
	size_t i;
	bool changed;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK_STR(fix(good[i], &changed), good[i]);
		CHECK(!changed);
	}
}

static void
test_lines(void)
{
	bool changed;
	const char *in = "Good \xc3\xa9 line\n\xff kept as bytes\n"
	    "it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s\n";

	/* each line alone: an invalid byte elsewhere does not block repair */
	CHECK_STR(fix(in, &changed), "Good \xc3\xa9 line\n\xff kept as bytes\n"
	    "it\xe2\x80\x99s\n");
	CHECK(changed);
	CHECK(!mojibake_maybe("plain ASCII", 11));
	CHECK(mojibake_maybe("caf\xc3\xa9", 5));
	/* found only on the line that holds it, wherever that line is */
	CHECK(!mojibake_found("\xe2\x80\x9cGood\xe2\x80\x9d caf\xc3\xa9\n"
	    "ASCII\n", 23));
	CHECK(mojibake_found("\xe2\x80\x9cGood\xe2\x80\x9d caf\xc3\xa9\n"
	    "ASCII\nit\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s", 34));
	CHECK(mojibake_found("it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s\nok", 14));
	CHECK(!mojibake_found("", 0));
	/*
	 * A character alone among ASCII is mostly let through unread; not
	 * those that are a garble on their own: a C1 control, "Ã" then a
	 * blank opening a line, "œ" before no letter.
	 */
	CHECK(!mojibake_found("He said \xe2\x80\x9cno\xe2\x80\x9d for "
	    "\xc2\xa3" "5 \xe2\x80\x93 caf\xc3\xa9 \xe2\x80\xa6", 38));
	CHECK(mojibake_found("It cost 5\xc2\x80 in all", 18));
	CHECK(mojibake_found("\xc3\x83 la carte", 11));
	CHECK(mojibake_found("The \xc5\x93, it said", 15));
	CHECK_STR(fix("", &changed), "");
	CHECK(!changed);
}

int
main(void)
{
	test_repairs();
	test_left_alone();
	test_lines();
	buf_free(&out);
	UNIT_END();
}
