/*
 * lang.h - a language as the records' `lang` field writes it: the ISO 639-1
 * code in lower case ("en", "de").
 *
 * Web pages give the code already (`<html lang="de-AT">`, webmeta keeps its
 * primary subtag).  Archive exports name the language instead: Nexis writes
 * "Language: ENGLISH", its German and French editions "Sprache: DEUTSCH"
 * or "Langue: FRANÇAIS", and some exports a code of ISO 639-2 ("GER",
 * "FRE").  lang_code() maps these to the one form, so a corpus built from
 * pages and exports can be selected by one field.
 */
#ifndef ARTKIT_LANG_H
#define ARTKIT_LANG_H

#include <stddef.h>

/*
 * The ISO 639-1 code of the language s[0..n) names, or NULL.  s may be an
 * ISO 639-1 code, an ISO 639-2 code (bibliographic or terminological), or
 * the language's name in English, in itself, or in German or French, in any
 * case; several names separated by ';' or ',' ("GERMAN; DEUTSCH") give the
 * first one known.  The result is a static string.
 */
const char *lang_code(const char *s, size_t n);

#endif
