/*
 * lex.h - the word lists behind the sentence splitter (internal to
 * sentsplit.c): abbreviations and the small classes of words that decide
 * an ambiguous full stop, read from share/abbrev/<lang>.txt and -a files.
 *
 * A lexicon maps a key to a set of LEX_* bits.  The key of an abbreviation
 * is its spelling without the final stop ("Mr", "U.S", "a.m"), so the
 * splitter can look up the word before a full stop as it stands in the
 * text; plain words ("The", "At") are keys as written.  The file format
 * is described at the top of share/abbrev/en.txt.
 */
#ifndef ARTKIT_LEX_H
#define ARTKIT_LEX_H

#include <stddef.h>
#include <stdint.h>

#define LEX_ABBR	0x01u	/* listed as an abbreviation */
#define LEX_TITLE	0x02u	/* comes before a name, never ends a sentence */
#define LEX_END		0x04u	/* may end a sentence */
#define LEX_NUM		0x08u	/* comes before a number */
#define LEX_START	0x10u	/* a word that starts sentences */
#define LEX_LEAD	0x20u	/* opens a fronted phrase ("At 5 a.m.") */
#define LEX_LABEL	0x40u	/* caption or credit label before ':' */
#define LEX_ORD		0x80u	/* follows an ordinal number ("3. Oktober") */
#define LEX_JOIN	0x100u	/* in lower case, goes on a sentence ("and") */
#define LEX_GREET	0x200u	/* a greeting or sign-off before ',' ("Dear") */
#define LEX_SUBJ	0x400u	/* a pronoun that is only a subject ("We") */
#define LEX_LAST	0x800u	/* closes a list, never before a name ("etc.") */
#define LEX_PRON	0x1000u	/* a pronoun that opens a clause ("it") */
#define LEX_CLAUSE	0x2000u	/* capitalised, opens a clause, seldom a name's */

/* Longest key, in bytes; longer words are never in a lexicon. */
#define LEX_MAXKEY	48

struct lex;

/* An empty lexicon; never NULL, owned by the caller (lex_free). */
struct lex *lex_new(void);

/*
 * Add the entries of the list file at path.  A file that cannot be opened
 * or read, or a line that is not an entry, ends the program with errx(1)
 * naming the file (and line).
 */
void	lex_load(struct lex *lx, const char *path);

/* The LEX_* bits of the n bytes at s (exact match), 0 when not listed. */
unsigned lex_get(const struct lex *lx, const char *s, size_t n);

/*
 * Mark in set[] the first byte of every key that has one of bits, so that
 * a scan can stop only where such a word may begin; other bytes are left
 * as they are.
 */
void	lex_initials(const struct lex *lx, unsigned bits, unsigned char *set);

/*
 * Set in lens[c] bit n - 1 for every key of n bytes that has one of bits
 * and begins with byte c, so that a scan can rule a word out by its first
 * byte and length alone; other bits are left as they are.
 */
void	lex_lengths(const struct lex *lx, unsigned bits, uint64_t *lens);

/* Free lx; lex_free(NULL) does nothing. */
void	lex_free(struct lex *lx);

#endif
