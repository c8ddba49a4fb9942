/*
 * align.h - which passages of one news item were reused in another: the
 * engine behind `artsim --align`.
 *
 * Two texts are cut into sentences (sentsplit.h) and words (shingle.h: runs
 * of letters and digits after NFKC and case folding).  Runs of at least
 * ALIGN_SEED words found in both are paired one to one by greedy string
 * tiling, longest first, so a sentence moved elsewhere still matches and a
 * phrase repeated in one text is not counted twice.  A sentence of a is
 * aligned with a sentence of b when the tiles linking them cover at least
 * half of the shorter one (a light rewrite: a changed word or two, a clause
 * added) or hold a run of min_words words (a long quote inside sentences
 * that differ around it).  Aligned sentences that follow each other in both
 * texts merge into one passage, and a passage is kept when it shares at
 * least min_words words, so a coincidental phrase ("the director general
 * said") never counts.
 *
 * Offsets are in code points of the item's text, the unit artsent
 * --offsets uses, so text[start:end] in Python or jq is the passage.
 *
 *	struct aligner *al = aligner_new(&opts);
 *	align_text_set(al, ta, a, alen, NULL, 0, NULL);
 *	align_text_set(al, tb, b, blen, NULL, 0, NULL);
 *	n = align_pair(al, ta, tb, &passages, &shared);
 */
#ifndef ARTKIT_ALIGN_H
#define ARTKIT_ALIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "sent/sentsplit.h"
#include "sim/item.h"

#define ALIGN_SEED	3	/* words in the shortest run that links texts */
#define ALIGN_MIN_WORDS	10	/* shortest passage, in shared words */
#define ALIGN_WHOLLY	0.6	/* reused share from which wholly derived */
#define ALIGN_PARTLY	0.1	/* reused share from which partially derived */
#define ALIGN_CONTAIN	0.1	/* pairs artsim --align looks at, by default */

struct align_opts {
	unsigned	 min_words;	/* shortest passage, shared words */
	double		 wholly;	/* reused >= this: wholly derived */
	double		 partly;	/* reused >= this: partially derived */
};

/* One passage of a reused in b; offsets in code points, [start, end). */
struct align_passage {
	size_t		 a_start, a_end;
	size_t		 b_start, b_end;
	unsigned	 words;		/* words shared by the two spans */
	double		 similarity;	/* 2 words / (words of a + of b) */
	bool		 exact;		/* the same words in the same order */
};

struct aligner;
struct align_text;

/* Fill in the defaults: ALIGN_MIN_WORDS, ALIGN_WHOLLY, ALIGN_PARTLY. */
void	align_opts_init(struct align_opts *opts);

/*
 * An aligner for opts (copied; NULL means the defaults), splitting whole
 * texts with the English sentence lists.  Never NULL; aligner_free.
 */
struct aligner *aligner_new(const struct align_opts *opts);
/* Free al; NULL does nothing. */
void	aligner_free(struct aligner *al);

/* An empty prepared text, to be filled by align_text_set; never NULL. */
struct align_text *align_text_new(void);
/* Free t; NULL does nothing. */
void	align_text_free(struct align_text *t);

/*
 * Prepare text (len bytes, any bytes) for alignment, replacing what t held:
 * its words, and its sentences, which are sent[0..nsent) (byte offsets, in
 * order, not overlapping) when sent is not NULL and are found by the
 * splitter otherwise.  Passages are reported in code points counted in
 * text, or, with sent and cstart (an item's, item.h), from cstart[k] for
 * sentence k.  t keeps no pointer into text.
 */
void	align_text_set(struct aligner *al, struct align_text *t,
	    const char *text, size_t len, const struct sent *sent,
	    size_t nsent, const size_t *cstart);

/* Number of words of a prepared text. */
size_t	align_text_words(const struct align_text *t);

/*
 * Align a with b: store the passages, ordered by a_start then b_start, in
 * *out (an array that belongs to al and lasts until its next call), the
 * words they share in *shared, and return how many there are.
 */
size_t	align_pair(struct aligner *al, const struct align_text *a,
	    const struct align_text *b, const struct align_passage **out,
	    unsigned *shared);

/*
 * The evidence that one text reuses another, from the passages align_pair
 * finds: how many, the words they share, the share of each text's words they
 * cover, the similarity of their spans taken together (twice the shared words
 * over the words of the spans in both texts: a swapped word costs little, a
 * sentence that only shares a run of words costs much), and the share of the
 * spans' facts (numbers, and names: words written with a capital letter
 * inside a sentence) found in the other span, 1 when the spans hold none, and
 * the same share of the numbers alone.  A rewrite keeps its facts and changes
 * its wording; a template keeps its wording and changes its facts.
 */
struct align_evidence {
	size_t		 passages;
	unsigned	 words;		/* shared in passages */
	double		 covered_a;	/* words / a's words */
	double		 covered_b;	/* words / b's words */
	double		 similarity;	/* 2 words / words of the spans */
	double		 facts;		/* facts found in the other span */
	double		 numbers;	/* and of the numbers alone */
};

/* Align a with b (align_pair) and fill *ev with the evidence. */
void	align_evidence(struct aligner *al, const struct align_text *a,
	    const struct align_text *b, struct align_evidence *ev);

/* "wholly derived", "partially derived" or "not derived" for a share. */
const char *align_verdict(const struct align_opts *opts, double reused);

/*
 * Align a with b and append the answer to out as JSON lines: each passage
 * {"a","b","a_start","a_end","b_start","b_end","words","similarity",
 * "exact"}, then, when passages were found, the summary of a,
 * {"id","from","passages","words","reused","verdict"}, and with both that
 * of b as well.  Returns the number of passages.
 */
size_t	align_write(struct aligner *al, struct buf *out,
	    const struct item *a, const struct align_text *ta,
	    const struct item *b, const struct align_text *tb,
	    bool both);

#endif
