/*
 * clean.h - the artclean pipeline: everything that transforms the text of a
 * record, in a fixed, documented order, each step switchable off.
 *
 *	1. html       entities decoded, tags stripped          (html.h)
 *	2. mojibake   UTF-8 read as a single-byte code page    (mojibake.h)
 *	3. unicode    NFC/NFKC, invisible characters, spaces   (textnorm.h)
 *	4. space      blanks collapsed, lines trimmed,
 *	              paragraphs separated by one blank line   (textnorm.h)
 *	5. boiler     furniture removed by rules and model     (boiler.h)
 *	                                                       (model.h)
 *	6. dedup      exact repeats of a paragraph removed (a
 *	              caption repeated at once left to step 8)
 *	7. foot       after furniture that closes an article,
 *	              the rest of the page removed             (foot.h)
 *	8. twice      a caption shown twice, a line that is
 *	              one text twice over, removed             (twice.h)
 *	9. echo       a caption or credit the rules removed,
 *	              shown again without it, removed          (echo.h)
 *	10. tail      after the last paragraph of prose, the
 *	              paragraphs that end no sentence removed  (edges.h)
 *	11. head      before the first paragraph of prose,
 *	              short ones that end no sentence removed,
 *	              and what sits between the page's title
 *	              and the headline repeating it            (edges.h)
 *	12. headlines runs of title-like lines with no data,
 *	              anywhere, and lists of teasers (a
 *	              headline over an excerpt cut short),
 *	              removed                                  (edges.h)
 *	              and lists of other posts whose lines
 *	              end in their date                        (dated.h)
 *	              and one-line sentences in title case
 *	              (captions, cut headlines)                (edges.h)
 *	13. filenames lines of file names (alternative text of
 *	              images, download links) removed          (edges.h)
 *	14. datelines the box about the author (a paragraph
 *	              opening with the name of the byline or
 *	              heading above it) removed                (bio.h)
 *	              then a run of readers' comments after the
 *	              prose removed, then lines that date
 *	              something (bylines, time stamps,
 *	              comment headers)                         (edges.h)
 *	15. amid      a short line between two paragraphs that
 *	              went to rules, the one open line rules
 *	              left of a paragraph of lines, and a
 *	              caption beside its credited copy that
 *	              went, removed                            (edges.h)
 *	16. weigh     outside the story's core, each paragraph
 *	              whose general signals, weighed by learned
 *	              weights (share/artclean/weigh.weights),
 *	              say furniture, removed                   (weigh.h)
 *
 * Steps 12 to 14 run after step 9 and before steps 10 and 11; step 15
 * chooses its lines right after step 6 (it needs steps 5 and 6 on: a
 * line is known by its text) and removes them after step 11; step 16
 * runs last, on what every other step kept (their
 * numbers are their --skip bits, in the order they were added).
 * Steps 7 to 13 are heuristics, not rules: they look at the shape and the
 * place of a paragraph, not its words, and run on what steps 5 and 6
 * kept.  An item without a paragraph of prose (a one-line record, one
 * paragraph from artsplit -p) is left as it is.
 * A title gets steps 1-4 and then its own step, title: a trailing site
 * name removed when it names the source or is a domain (title.h).
 * The record layer (cmd/artclean.c) owns I/O; this module only sees text.
 */
#ifndef ARTKIT_CLEAN_H
#define ARTKIT_CLEAN_H

#include <stddef.h>
#include <stdio.h>

#include "text/boiler.h"
#include "text/learner.h"
#include "text/removal.h"
#include "base/buf.h"

#define CLEAN_HTML	0x01
#define CLEAN_MOJIBAKE	0x02
#define CLEAN_UNICODE	0x04
#define CLEAN_SPACE	0x08
#define CLEAN_BOILER	0x10
#define CLEAN_DEDUP	0x20
#define CLEAN_TAIL	0x40
#define CLEAN_HEAD	0x80
#define CLEAN_ECHO	0x100
#define CLEAN_FOOT	0x200
#define CLEAN_TWICE	0x400
#define CLEAN_TITLE	0x800
#define CLEAN_HEADLINES	0x1000
#define CLEAN_FILENAMES	0x2000
#define CLEAN_DATELINES	0x4000
#define CLEAN_AMID	0x8000
#define CLEAN_WEIGH	0x10000
#define CLEAN_ALL	0x1ffff

struct clean_opts {
	unsigned		 steps;		/* CLEAN_* bits */
	int			 nfkc;		/* NFKC instead of NFC */
	int			 ascii;		/* fold quotes, dashes, ... */
	const char *const	*rule_files;	/* -r FILE, in order */
	size_t			 nrule_files;
	int			 no_default_rules;
	const char		*model_file;	/* -m MODEL, or NULL */
	/*
	 * Step 16's weights, NULL for share/artclean/weigh.weights under
	 * artkit_datadir(); and, when weigh_dump is not NULL, step 16
	 * removes nothing and writes the signals of each paragraph it
	 * weighs there instead (weigh.h), for the training.
	 */
	const char		*weights_file;
	FILE			*weigh_dump;
};

struct cleaner;

/*
 * Parse a step list such as "html,space" (names as in the table above, or
 * "all") into CLEAN_* bits; -1 when a name is unknown.
 */
int	clean_steps(const char *list, unsigned *steps);

/*
 * The step names clean_steps() takes, in the order the steps run, as one
 * string ("html, mojibake, ..."): for help texts and messages.  The string
 * is static.
 */
const char *clean_step_names(void);

/*
 * A cleaner for opts: loads the default rules (share/artclean/
 * boilerplate.rules under artkit_datadir()) unless told not to, then each
 * rule file, then the model, then step 16's weights when it is on.  Returns NULL with "file:line: reason" in err
 * when a file is missing or bad.  Free with cleaner_free (NULL is fine).
 */
struct cleaner *cleaner_new(const struct clean_opts *, struct buf *err);
void	cleaner_free(struct cleaner *);

/*
 * Append the cleaned text of in (n bytes) to out; source (may be NULL)
 * selects the learned paragraphs.  Returns how many pieces were removed
 * and, when rm is not NULL, points *rm at them; that array and its text
 * belong to the cleaner and stay valid until its next call.
 */
size_t	clean_text(struct cleaner *, const char *source, const char *in,
	    size_t n, struct buf *out, const struct removal **rm);

/*
 * clean_text on text itself: text is made its cleaned text, and
 * *changed says whether that differs from what text held.  Unless steps
 * 1-4 change the text (then they write a new one, as for clean_text),
 * the kept paragraphs are moved down in text, so a long item is not held
 * twice.
 */
size_t	clean_text_inplace(struct cleaner *, const char *source,
	    struct buf *text, const struct removal **rm, int *changed);

/*
 * The paragraphs of the last clean_text's out (from where it started) as
 * steps 7 to 16 last had them: with those steps off, the ones step 6
 * kept, which clean_text records as it adds them instead of finding them
 * again.  Valid until the cleaner's next call; for tests, which check
 * them against paras_find.
 */
struct paras;
const struct paras *clean_paras(const struct cleaner *);

/*
 * Append the cleaned title (steps 1-4 on one line, then the title step)
 * to out; source (may be NULL) is the record's.  Returns how many pieces
 * were removed (0 or 1) and, when rm is not NULL, points *rm at them, as
 * clean_text does; a call to one does not disturb the other's.
 */
size_t	clean_title(struct cleaner *, const char *source, const char *in,
	    size_t n, struct buf *out, const struct removal **rm);

/*
 * Feed an item to a learner: steps 1-4 as configured, then each paragraph
 * counted for source.
 */
void	clean_learn(struct cleaner *, struct learner *,
	    const char *source, const char *in, size_t n);

#endif
