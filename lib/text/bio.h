/*
 * bio.h - part of artclean's step 14, datelines (clean.h): the box about
 * a post's author.
 *
 * A blog or a magazine sets a few lines about its writer above or below
 * the post, under the writer's name or a byline: "About Ruth Amis" or
 * "By Ruth Amis", then "Ruth Amis is a harbour pilot who lives in
 * Whitby. She has ...".  The paragraph is prose, so no step that weighs
 * shape takes it, and its words are the writer's own, so no rule can.
 * What gives it away is that it opens with the name a heading just
 * above it gives (one of the two paragraphs before it, of one line and
 * at most 100 bytes: two to four capitalised words after any image
 * placeholders and a byline's word, and at most one word more), and
 * goes on in the third person (a word in small letters after the name:
 * "is", "currently works", "beschäftigt sich").  A first name alone
 * counts only under a byline's word or a picture's placeholder.
 * Reporting sets a person's name over a paragraph about them in a list
 * of profiles (two such pairs or more: all stay) or as a subheading amid
 * the story, so a pair under a bare name goes only before the item's
 * first paragraph of prose or after its last; under a byline ("By NAME",
 * "About NAME", kept or taken by a byline rule) it goes anywhere.
 */
#ifndef ARTKIT_BIO_H
#define ARTKIT_BIO_H

#include <stddef.h>

#include "base/buf.h"
#include "text/para.h"
#include "text/removal.h"

/*
 * The signal on the paragraphs ps of out from start (paras_find): the
 * one paragraph that is such a box, if the item holds exactly one, is
 * removed and recorded in rm as "bio".  tmp is scratch space.
 */
void	bio_cut(struct buf *out, size_t start, const struct paras *ps,
	    struct removal_list *rm, struct buf *tmp);

#endif
