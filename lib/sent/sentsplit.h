/*
 * sentsplit.h - the sentence splitter of libartkit: where sentences begin
 * and end in a news text.  artsent prints what it finds; artsim's alignment
 * uses it to cut items into comparable passages.
 *
 * The splitter only reports byte offsets and never touches the text, so the
 * sentences plus the white space between them give back the input exactly.
 * Boundaries come from one pass over the bytes: terminal punctuation decided
 * from the word before it and the token after it (with per-language
 * abbreviation lists from share/abbrev/), blank lines, and the line
 * structure of lists and headings.
 *
 *	struct sentsplit *ss = sentsplit_new("en", NULL, 0);
 *	struct sent *v = NULL;
 *	size_t cap = 0, n = sentsplit_run(ss, text, len, &v, &cap);
 *	... v[0 .. n-1] ...
 *	free(v);
 *	sentsplit_free(ss);
 */
#ifndef ARTKIT_SENTSPLIT_H
#define ARTKIT_SENTSPLIT_H

#include <stddef.h>

/* Compiled abbreviation lists and options; read-only once made. */
struct sentsplit;

/*
 * One sentence: bytes [start, end) of the input, which neither begin nor
 * end with white space; par counts paragraphs (blank-line separated) from 1.
 */
struct sent {
	size_t		start, end;
	unsigned	par;
};

/*
 * The list file of lang, <artkit_datadir()>/abbrev/<lang>.txt, in a new
 * string the caller frees; NULL when lang is not a language name (empty, or
 * with '/' or '.').  Whether the file exists is not checked: any language
 * with a list there is one the splitter knows (en, de, fr, es are shipped).
 */
char	*sentsplit_lang_path(const char *lang);

/*
 * Load the list of lang (the file sentsplit_lang_path names, which must be
 * readable) and then the nextra files in extra
 * (which may be NULL when nextra is 0), later entries adding to earlier ones.
 * A file that cannot be read or a bad line ends the program with errx(1)
 * naming the file and line; the result is never NULL and belongs to the
 * caller (sentsplit_free).
 */
struct sentsplit *sentsplit_new(const char *lang,
	    const char *const *extra, size_t nextra);

/* Free ss and everything it holds; sentsplit_free(NULL) does nothing. */
void	sentsplit_free(struct sentsplit *ss);

/*
 * Split text (len bytes of UTF-8, any byte allowed: invalid bytes are
 * ordinary characters) into sentences, stored in order in (*v)[0..count-1];
 * *v and *cap describe a caller-owned array grown with xreallocarray as
 * needed (start with NULL and 0; free(*v) when done).  Returns the count, 0
 * for text that is empty or all white space.  Deterministic, independent of
 * the locale, and safe to call from several threads on one ss.
 */
size_t	sentsplit_run(const struct sentsplit *ss, const char *text, size_t len,
	    struct sent **v, size_t *cap);

#endif
