/*
 * jsonld.h - the JSON-LD blocks of a web page (<script
 * type="application/ld+json">) read leniently into a small tree, to find
 * an article's headline, dates, author and publisher (webmeta.h).
 *
 * Pages' JSON-LD is often not JSON: raw newlines and tabs inside strings,
 * trailing commas, several values one after another, HTML entities in
 * strings.  base/json.h is strict on purpose (records must be exact), so
 * this reader is separate: it takes what it can and never fails; a value
 * it cannot read ends the block.  Nesting is bounded (JSONLD_MAX_DEPTH),
 * and so is the size read (JSONLD_MAX_BYTES a block).
 *
 * The tree is flat and in document order like dom.h's: node i's subtree
 * is i .. end-1.
 */
#ifndef ARTKIT_JSONLD_H
#define ARTKIT_JSONLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define JSONLD_MAX_DEPTH	64
#define JSONLD_MAX_BYTES	(1 << 20)

enum jsonld_type { JL_OBJECT, JL_ARRAY, JL_STRING, JL_OTHER };

struct jsonld_node {
	uint32_t	 parent, end;
	uint32_t	 key, keylen;	/* in str; keylen 0 in an array */
	uint32_t	 val, vallen;	/* string: decoded, in str */
	uint8_t		 type;		/* enum jsonld_type */
};

struct jsonld {
	struct jsonld_node *node;	/* node[0]: an array of every value read */
	size_t		 nnode, cap;
	struct buf	 str;
};

/* Start j empty; jsonld_free releases what j holds and leaves it empty. */
void	jsonld_init(struct jsonld *);
void	jsonld_free(struct jsonld *);
/* Forget the values read, keeping the memory. */
void	jsonld_reset(struct jsonld *);

/* Read the values of one block (s, n bytes) into the tree. */
void	jsonld_add(struct jsonld *, const char *s, size_t n);

/* The child of object i with this key, or 0. */
size_t	jsonld_get(const struct jsonld *, size_t i, const char *key);
/* Whether object i's "@type" (a string or an array of them) ends with
 * suffix, ignoring case ("NewsArticle" ends with "Article"). */
bool	jsonld_type_is(const struct jsonld *, size_t i, const char *suffix);
/* The string value of node i, or NULL (then *n is 0). */
const char *jsonld_str(const struct jsonld *, size_t i, size_t *n);

#endif
