/*
 * lang.c - language names and codes to ISO 639-1 (see lang.h).
 *
 * One table: each language news archives commonly hold, with the names an
 * export may use for it, written in lower case.  The name looked up is case
 * folded by utf8proc first, so "FRANÇAIS" finds "français".
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "split/lang.h"

static const struct {
	const char	*code;		/* ISO 639-1 */
	const char	*names;		/* '|'-separated: 639-2 codes, names */
} langs[] = {
	{ "en", "eng|english|englisch|anglais" },
	{ "de", "ger|deu|german|deutsch|allemand" },
	{ "fr", "fre|fra|french|français|francais|französisch|franzoesisch" },
	{ "es", "spa|spanish|español|espanol|spanisch|espagnol|"
	    "castellano" },
	{ "it", "ita|italian|italiano|italienisch|italien" },
	{ "nl", "dut|nld|dutch|nederlands|niederländisch|"
	    "néerlandais|flemish" },
	{ "pt", "por|portuguese|português|portugues|portugiesisch|"
	    "portugais" },
	{ "pl", "pol|polish|polski|polnisch|polonais" },
	{ "ru", "rus|russian|русский|russisch|russe" },
	{ "sv", "swe|swedish|svenska|schwedisch|suédois" },
	{ "da", "dan|danish|dansk|dänisch|danois" },
	{ "no", "nor|nob|nno|norwegian|norsk|norwegisch|norvégien" },
	{ "fi", "fin|finnish|suomi|finnisch|finnois" },
	{ "cs", "cze|ces|czech|čeština|tschechisch|tchèque" },
	{ "hu", "hun|hungarian|magyar|ungarisch|hongrois" },
	{ "ro", "rum|ron|romanian|română|rumänisch|roumain" },
	{ "el", "gre|ell|greek|ελληνικά|griechisch|grec" },
	{ "tr", "tur|turkish|türkçe|türkisch|turc" },
	{ "ar", "ara|arabic|العربية|arabisch|arabe" },
	{ "zh", "chi|zho|chinese|中文|chinesisch|chinois" },
	{ "ja", "jpn|japanese|日本語|japanisch|japonais" },
	{ "ko", "kor|korean|한국어|koreanisch|coréen" },
	{ "uk", "ukr|ukrainian|українська|ukrainisch|ukrainien" },
	{ "ca", "cat|catalan|català|katalanisch" },
};

/* The code of one name or code, or NULL. */
static const char *
lookup(const char *s, size_t n)
{
	utf8proc_uint8_t *f = NULL;
	const char *code = NULL, *p, *bar;
	size_t k, fn;

	if (n == 0 || utf8proc_map((const utf8proc_uint8_t *)s, n, &f,
	    UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE) < 0)
		return NULL;
	fn = strlen((char *)f);
	for (k = 0; code == NULL && k < sizeof(langs) / sizeof(langs[0]);
	    k++) {
		if (fn == 2 && memcmp(f, langs[k].code, 2) == 0)
			code = langs[k].code;
		for (p = langs[k].names; code == NULL; p = bar + 1) {
			bar = strchr(p, '|');
			if ((bar ? (size_t)(bar - p) : strlen(p)) == fn &&
			    memcmp(p, f, fn) == 0)
				code = langs[k].code;
			if (bar == NULL)
				break;
		}
	}
	free(f);
	return code;
}

const char *
lang_code(const char *s, size_t n)
{
	const char *end = s + n, *code;

	while (s < end) {
		const char *e = s, *t;

		while (e < end && *e != ';' && *e != ',')
			e++;
		for (t = e; s < t && (*s == ' ' || *s == '\t'); s++)
			;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t'))
			t--;
		if ((code = lookup(s, t - s)) != NULL)
			return code;
		s = e < end ? e + 1 : e;
	}
	return NULL;
}
