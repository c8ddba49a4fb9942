/*
 * pairview.h - two items side by side as one static HTML page: the view
 * behind artview(1).
 *
 * The page shows the figures that decided the pair and each item's verdict
 * on top, then the two texts in two columns that scroll on their own.  Each
 * passage the items share (artsim --align) is highlighted in both texts and
 * is a link to its counterpart: following it scrolls the other column to
 * the passage, which CSS's :target outlines.  Everything is in the page:
 * no script, no font, image or style sheet from elsewhere, so it opens the
 * same from a disk, an archive or a mail.
 *
 * Offsets are in code points of the texts, as artsim writes them.  The
 * texts are never changed: a passage that overlaps one shown before it on
 * one side (which --align never writes) is listed but not highlighted there.
 *
 *	struct pv_side a = { "outlet-b", 8, title, tlen, text, len, &sum_a };
 *	if (pairview_write(&out, &a, &b, passages, n, figs, nfig, err,
 *	    sizeof(err)) < 0)
 *		errx(1, "%s", err);
 */
#ifndef ARTKIT_PAIRVIEW_H
#define ARTKIT_PAIRVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

/* One shared passage; offsets in code points, [start, end). */
struct pv_passage {
	size_t		 a_start, a_end;
	size_t		 b_start, b_end;
	unsigned	 words;
	double		 similarity;
	bool		 exact;
};

/* One item's summary from --align: "passages", "words", "reused", ... */
struct pv_summary {
	double		 reused;
	const char	*verdict;	/* NUL-terminated; NULL: no summary */
};

/* One item: id, title (may be NULL) and text, UTF-8, not NUL-terminated. */
struct pv_side {
	const char	*id;
	size_t		 idlen;
	const char	*title;
	size_t		 tlen;
	const char	*text;
	size_t		 len;
	const struct pv_summary *sum;	/* NULL: none */
};

/* A figure of the pair record, shown as it came: "in_a" and "0.8571". */
struct pv_figure {
	const char	*name;
	const char	*value;
};

/*
 * Append the page for a and b, their passages p[0..n) (any order) and the
 * pair's figures f[0..nf) to out.  Returns 0, or -1 with a message in
 * err[0..errlen) when a passage does not fit its text (nothing appended).
 */
int	pairview_write(struct buf *out, const struct pv_side *a,
	    const struct pv_side *b, const struct pv_passage *p, size_t n,
	    const struct pv_figure *f, size_t nf, char *err, size_t errlen);

#endif
