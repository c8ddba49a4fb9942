/*
 * ere.h - reading a POSIX extended regular expression (ERE) as glibc's
 * regcomp takes it, for what can be known of its matches before running
 * it: the literals every match must contain, the bytes it must hold, the
 * strings it must start with, and the bytes a match of an anchored pattern
 * can start (or, anchored with $, end) with.  The boilerplate rules engine
 * (boiler.h) skips a rule with these.  Both the rules and artsplit's -d
 * compile their patterns through ere_compile, which refuses what is not an
 * ERE.
 *
 * One tokeniser reads the grammar: atoms (a byte, a bracket expression,
 * '.', glibc's \w \W \s \S, a back-reference), each with the repetition
 * that follows it ("*", "+", "?", "{n}", "{n,}", "{n,m}", glibc's "{,m}"),
 * zero-width assertions (^ $ \b \B \< \> \` \'), parentheses and '|'.
 * Intervals go up to glibc's RE_DUP_MAX (32767).
 * The bytes of a bracket are bytes (artkit never calls setlocale, so
 * regcomp works in the C locale).  The answers must never claim more than
 * every match has, so whatever is not understood reads as "anything".
 */
#ifndef ARTKIT_ERE_H
#define ARTKIT_ERE_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

enum ere_kind {
	ERE_END,		/* end of the pattern */
	ERE_BYTE,		/* one byte: c */
	ERE_SET,		/* a bracket expression, '.', \w ...: set */
	ERE_BACKREF,		/* \1 to \9 */
	ERE_BOL,		/* ^ */
	ERE_EOL,		/* $ */
	ERE_EMPTY,		/* \b \B \< \> \` \': zero width */
	ERE_OPEN,		/* ( */
	ERE_CLOSE,		/* ), with the group's repetition */
	ERE_OR			/* | */
};

/* A set of bytes, bit c of w[c / 64]. */
struct ere_bytes {
	uint64_t	 w[4];
};

struct ere_tok {
	enum ere_kind	 kind;
	unsigned char	 c;	/* ERE_BYTE */
	struct ere_bytes set;	/* bytes the atom can start with */
	unsigned	 lo;	/* repeated at least lo times ... */
	int		 hi;	/* ... and at most hi (-1: no limit) */
	size_t		 copies;	/* copies regcomp makes of the atom */
	unsigned	 nrep;		/* repetition operators after it */
};

struct ere_lexer {
	const char	*p;	/* the pattern, NUL-terminated */
	size_t		 i;	/* next byte to read */
	int		 bad;	/* something was not understood */
};

/* Read the next token of x into t (ERE_END at the end, again and again). */
void	ere_next(struct ere_lexer *x, struct ere_tok *t);

/*
 * Literals: a set of at most ERE_MAXLIT strings, lower-cased and cut to
 * ERE_LITLEN bytes, of which every match contains one (ok), or nothing
 * known (!ok, or no strings).
 */
#define ERE_MAXLIT	64
#define ERE_LITLEN	32

struct ere_lits {
	int	 ok;
	int	 n;
	char	 lit[ERE_MAXLIT][ERE_LITLEN + 1];
};

/*
 * The most selective set of literals that every match of pattern must
 * contain one of; *lits is !ok when none is known.  Optional bytes and
 * groups of plain strings join the bytes around them ("tags? ?:" gives
 * "tag:", "tag :", "tags:", "tags :"), and a bracket of one letter in
 * its two cases is that letter, when that gives a more selective set.
 */
void	ere_literals(const char *pattern, struct ere_lits *lits);

/*
 * How selective a set is: the length of its shortest literal, not
 * counting spaces (" the " says less than "full"); 0 when nothing is known.
 */
size_t	ere_lits_weight(const struct ere_lits *);

/*
 * When every branch of pattern is anchored with ^ and cannot match the
 * empty string, set *first to the bytes a match can start with and return
 * 1; else return 0.
 */
int	ere_first(const char *pattern, struct ere_bytes *first);

/*
 * When every branch of pattern ends with $ and cannot match the empty
 * string, set *last to the bytes a match can end with (the byte before
 * the end of the subject) and return 1; else return 0.
 */
int	ere_last(const char *pattern, struct ere_bytes *last);

/*
 * When every branch of pattern is anchored with ^ and begins with bytes
 * (or groups of alternatives made only of bytes), set *pre to the strings
 * every match starts with one of (as written: not lower-cased; at most
 * ERE_MAXLIT, each cut to at most ERE_LITLEN bytes, none empty, none
 * beginning with another) and return 1; else return 0.
 * "^(read|see) (more|also)" gives "read more", "read also", "see more",
 * "see also"; "^(read|read more|see)" gives "read", "see".
 */
int	ere_prefixes(const char *pattern, struct ere_lits *pre);

/*
 * Set *need to the bytes every match of pattern holds (each of them):
 * those of the bytes and groups that every branch has at least once.
 * Empty when nothing is known.
 */
void	ere_needs(const char *pattern, struct ere_bytes *need);

/*
 * regcomp(re, pattern, REG_EXTENDED | cflags), refusing back-references
 * first: \1 to \9 are not POSIX ERE, and glibc matches them by trying every
 * way, which takes exponential time on a line a user does not control.  Also
 * refused: repetitions that make more than ERE_MAXCOPIES copies of an atom
 * (regcomp copies what "{n,m}" repeats, so nested intervals multiply:
 * "((a?){30}){100}" takes 18 seconds and 800 MB on a 2 KB line); a group and
 * a "|" count one each, as regcomp makes nodes of them (65,025 empty groups
 * overflow its recursive closure); and loops regcomp can take minutes to
 * compile: repetitions stacked on one atom ("a?+"), a repeated assertion, a
 * group repeated past once ("?" is no loop) that can match the empty string
 * or holds an assertion.  Returns 0, or -1 with the reason appended to err
 * (re is then not compiled).
 */
#define ERE_MAXCOPIES	1000

int	ere_compile(regex_t *re, const char *pattern, int cflags,
	    struct buf *err);

#endif
