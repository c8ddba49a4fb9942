/*
 * docx.h - the one container artsplit opens before a reader sees lines:
 * a Word document (DOCX), told by its content, whose paragraphs become the
 * lines of the reader chosen for the file (-f, else text), so that
 * `artsplit *.docx` reads articles and `artsplit -f nexis export.docx` a
 * Nexis Uni export.  split.c asks docx_sniff and docx_ole_sniff of every
 * file's first bytes (decompressed, a byte-order mark skipped).
 */
#ifndef ARTKIT_DOCX_H
#define ARTKIT_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include "io/input.h"
#include "io/run.h"
#include "split/reader.h"

/* Whether the first bytes are a zip's, which docx_read opens as a DOCX. */
bool	docx_sniff(const char *head, size_t n);

/*
 * Whether the first bytes are an OLE2 compound file's: an encrypted
 * (password-protected) DOCX, or a .doc, which split.c refuses by name.
 */
bool	docx_ole_sniff(const char *head, size_t n);

/*
 * Read the DOCX in `in` (at most --max-record bytes of it; a part that
 * inflates past that is refused) and hand its main part's paragraphs to
 * reader r, with its state, as the file's lines, a blank line after each;
 * sp->lineno is the paragraph's number.  A zip that is not a DOCX, a
 * damaged or encrypted part, or a DTD is one message through the run
 * (status 1).  Returns INPUT_EOF, or INPUT_ERROR after a read error
 * (split.c reports it).
 */
int	docx_read(struct splitter *sp, struct run *run, struct input *in,
	    const struct split_reader *r, void *state);

#endif
