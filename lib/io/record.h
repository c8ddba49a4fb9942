/*
 * record.h - one artkit record: an ordered list of JSON fields.
 *
 * A record is what every tool reads and writes (doc/design.md, "The record").
 * Fields keep their input order; a field nobody touches keeps its raw JSON
 * text and is written back byte for byte, so a user's metadata survives any
 * chain of tools.  String values are decoded on demand and cached.
 *
 * A record reuses its memory from line to line (record_reset), so reading a
 * stream allocates nothing in the steady state.
 */
#ifndef ARTKIT_RECORD_H
#define ARTKIT_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/json.h"

struct field {
	struct buf	 key;		/* decoded name */
	struct buf	 raw;		/* the value as JSON text */
	struct buf	 str;		/* decoded string value, when decoded */
	enum json_type	 type;
	bool		 decoded;	/* str holds the decoded value */
};

struct record {
	struct field	*f;
	size_t		 n;		/* fields in use */
	size_t		 cap;		/* fields allocated (reused) */
};

#define RECORD_INIT { NULL, 0, 0 }

/* Empty the record, keeping its memory for the next line. */
void	record_reset(struct record *);
/* Free everything; the record is then empty and may be reused. */
void	record_free(struct record *);

/*
 * Parse a JSON object occupying all of line[0..n) (surrounding white space
 * allowed) into r, replacing its contents.  Returns 0, or -1 with a static
 * message in *errmsg: not an object, invalid JSON (with the byte offset in
 * *errpos), duplicate key, or \u0000 in a key or string.
 */
int	record_parse(struct record *r, const char *line, size_t n,
	    const char **errmsg, size_t *errpos);

/*
 * Check that the fields doc/design.md defines as strings (id, title, date,
 * source, text) are strings or null.  Returns 0, or -1 with the offending
 * field's name in *name.
 */
int	record_check_types(struct record *r, const char **name);

/* Make r the plain-text record {"text": line}. */
void	record_from_text(struct record *r, const char *line, size_t n);

/* The field named key, or NULL. */
struct field *record_field(struct record *r, const char *key);

/*
 * The string value of field key.  Returns 1 and sets *s, *n (the bytes
 * belong to the record and live until it changes) when it is a string;
 * 0 when the field is absent or null; -1 when it has another type.
 */
int	record_get(struct record *r, const char *key, const char **s,
	    size_t *n);

/* Set key to a string / a raw JSON value (number, ...); a new key is
 * appended at the end, an existing one keeps its place. */
void	record_set(struct record *r, const char *key, const char *s, size_t n);
void	record_set_raw(struct record *r, const char *key, const char *json,
	    size_t n, enum json_type type);
void	record_set_int(struct record *r, const char *key, long long v);
/* Remove key if present. */
void	record_del(struct record *r, const char *key);
/* Copy all fields of src into dst (dst emptied first). */
void	record_copy(struct record *dst, const struct record *src);

/* Append r as one line of compact JSON, with the trailing newline, to out. */
void	record_write(const struct record *r, struct buf *out);

/* Decoded string value of field f (decoding it now if needed). */
const struct buf *record_field_str(struct field *f);

#endif
