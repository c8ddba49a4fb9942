/*
 * Unit tests for lib/split/lang.c: codes, names in several languages and
 * cases, lists, and what names no language.
 */
#include <stdlib.h>

#include "unit.h"
#include "split/lang.h"

/* lang_code(s) is want (NULL: no code). */
static void
t(const char *s, const char *want)
{
	const char *got = lang_code(s, strlen(s));

	if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0)
		fprintf(stderr, "lang_code(\"%s\") = %s, want %s\n", s,
		    got ? got : "NULL", want ? want : "NULL");
	CHECK(want == NULL ? got == NULL : got != NULL &&
	    strcmp(got, want) == 0);
}

int
main(void)
{
	t("ENGLISH", "en");
	t("English", "en");
	t("en", "en");
	t("EN", "en");
	t("eng", "en");
	t("GER", "de");
	t("deu", "de");
	t("Deutsch", "de");
	t("FRANÇAIS", "fr");		/* case folded beyond ASCII */
	t("français", "fr");
	t("Französisch", "fr");
	t("ΕΛΛΗΝΙΚΆ", "el");
	t("GERMAN; DEUTSCH", "de");	/* the first of a list */
	t("  Spanish , ESPAÑOL ", "es");
	t("Klingon; English", "en");	/* the first one known */
	t("Klingon", NULL);
	t("", NULL);
	t(";;, ;", NULL);
	t("e", NULL);
	t("engl", NULL);
	t("english language", NULL);
	CHECK(lang_code("ENGLISHX", 7) != NULL);	/* n bounds the name */
	UNIT_END();
}
