/*
 * boiler.h - the boilerplate rules engine: step 5 of artclean (with the
 * learned model, model.h).
 *
 * A rules file is text, one rule a line, '#' starting a comment line:
 *
 *	NAME  CATEGORY  SCOPE  [max=WORDS] [lines=N] [foot] [next]  PATTERN
 *
 *	newsletter.signup  newsletter  para  max=30  /^sign up\b.*newsletter/i
 *	ad.marker          advert      para          "Advertisement"i
 *
 * SCOPE is what goes when PATTERN matches: "para" the paragraph, "line" the
 * line (inside a paragraph of several lines, e.g. a list of share buttons),
 * "rest" the paragraph or line and everything after it to the end of the item
 * (end-of-article appeals; when the story's prose goes on after it, only its
 * paragraph and buttons: clean.c, rest_story), "block" the paragraph or line
 * and what follows up to the next line of prose (a box of related
 * headlines).  PATTERN is /REGEX/
 * (POSIX extended, with glibc's \b \< \> \w, searched anywhere in the piece
 * unless anchored) or "LITERAL" (the whole piece, exactly); a trailing i
 * makes either ignore ASCII case.  max=WORDS limits the rule to pieces of at
 * most that many words, so a rule for short furniture never fires on a
 * paragraph of reporting that happens to use the same words.  lines=N makes a
 * para rule test each line instead: the paragraph must have at least N lines
 * and every line must match (max= then counts per line), which is how a list
 * of links or headlines reads.  foot marks furniture that closes an article
 * (share buttons, tags, comments): artclean's foot step (clean.h) removes
 * what follows such a piece when it comes late in an item.  next (line rules
 * only) marks an image's placeholder: the line after it in the same
 * paragraph, when short and no sentence, is the image's caption and goes with
 * it (clean.c, "caption.next" in --explain).
 *
 * Matching is the hot path of artclean, so each regex carries the literals
 * that any match must contain, found by reading the pattern, and one scan of
 * the piece for all of them (litset.h) tells which rules can possibly match
 * before regexec runs.
 */
#ifndef ARTKIT_BOILER_H
#define ARTKIT_BOILER_H

#include <stddef.h>

#include "base/buf.h"
#include "text/model.h"

enum boiler_scope {
	BOILER_PARA,
	BOILER_LINE,
	BOILER_REST,
	BOILER_BLOCK
};

/* What removed a piece, for --explain; strings belong to the engine. */
struct boiler_hit {
	const char		*name;
	const char		*category;
	enum boiler_scope	 scope;
	int			 foot;	/* closes an article: clean.h step 7 */
	int			 next;	/* the next line is its caption */
};

struct boiler;

/* A new engine with no rules; free with boiler_free (NULL is fine). */
struct boiler	*boiler_new(void);
void		 boiler_free(struct boiler *);

/*
 * Add the rules in text (n bytes) read from a file called name.  Returns 0,
 * or -1 with "name:line: what is wrong" in err (rules before the bad line
 * stay added).
 */
int	boiler_add_rules(struct boiler *, const char *name, const char *text,
	    size_t n, struct buf *err);

/* Read the rules file path; -1 with the reason in err when it cannot. */
int	boiler_load_rules(struct boiler *, const char *path, struct buf *err);

/* Number of rules loaded. */
size_t	boiler_nrules(const struct boiler *);

/*
 * The first rule of scope para or rest (in load order) matching the
 * paragraph s (n bytes), else NULL.
 */
const struct boiler_hit *boiler_match_para(struct boiler *, const char *s,
	    size_t n);

/*
 * The first rule of scope line or rest matching the line s, else NULL.
 * A line holds no '\n'.
 */
const struct boiler_hit *boiler_match_line(struct boiler *, const char *s,
	    size_t n);

/*
 * For a paragraph of one line (no '\n'), which is also a line: the first
 * rule of any scope, else NULL.  One pass instead of two.
 */
const struct boiler_hit *boiler_match_single(struct boiler *, const char *s,
	    size_t n);

/* True when some loaded rule has scope line (lines need a look). */
int	boiler_has_line_rules(const struct boiler *);

#endif
