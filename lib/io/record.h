/*
 * record.h - one artkit record: an ordered list of JSON fields.
 *
 * A record is what every tool reads and writes (doc/design.md, "The
 * record").  Fields keep their input order; a field nobody touches keeps
 * its raw JSON text and is written back byte for byte, so a user's
 * metadata survives any chain of tools.  String values are decoded on
 * demand and cached.
 *
 * A record reuses its memory from line to line (record_reset), so reading a
 * stream allocates nothing in the steady state.  Its size is bounded by the
 * line's: the names and raw values of all fields share one buffer, and a
 * field costs 32 bytes more (a line of a million short keys takes about
 * seven times its size, the reader's copy of the line included, not 25).
 */
#ifndef ARTKIT_RECORD_H
#define ARTKIT_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/json.h"

struct field;				/* private to record.c */

struct record {
	struct field	*f;
	size_t		 n;		/* fields in use */
	size_t		 cap;		/* fields allocated (reused) */
	struct buf	 data;		/* the fields' names and raw values */
	/*
	 * Set by a caller whose line outlives its use of the record (the
	 * driver, run.c): a string value over RECORD_BIG is then left in
	 * the line given to record_parse rather than copied, so a record of
	 * one long article costs no second copy of it.  The line must stay
	 * as it is while the record is used, and such a value's raw text
	 * (record_raw, record_value) is not NUL-terminated.
	 */
	bool		 borrow;
	const char	*line;		/* the line values are left in */
};

#define RECORD_INIT { NULL, 0, 0, BUF_INIT, false, NULL }

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

/*
 * Make r of one input line as every tool reads it: a JSON object when its
 * first byte after blanks is '{' (record_parse), else, or always with
 * plain (--plain), the plain-text record of the line, which must be
 * valid UTF-8 without NUL bytes.  Returns 0, or -1 with a static message
 * in *errmsg and the byte it is about in *errpos (SIZE_MAX for none).
 */
int	record_read(struct record *r, const char *line, size_t n, bool plain,
	    const char **errmsg, size_t *errpos);

/*
 * The string value of field key.  Returns 1 and sets *s, *n (the bytes
 * belong to the record and live until it changes) when it is a string;
 * 0 when the field is absent or null; -1 when it has another type.
 */
int	record_get(struct record *r, const char *key, const char **s,
	    size_t *n);

/*
 * The raw JSON text of field key: returns 1 and sets those of *json (NUL-
 * terminated), *n and *type that are not NULL when the field is there, 0
 * when it is not.  The text belongs to the record and lives until it
 * changes.
 */
int	record_raw(const struct record *r, const char *key, const char **json,
	    size_t *n, enum json_type *type);

/*
 * Field i (0 <= i < r->n) by position: its name (NUL-terminated, with its
 * length in *len; a name may hold any character but NUL), and its raw
 * JSON text and type.  The bytes live until the record changes.
 */
const char *record_key(const struct record *r, size_t i, size_t *len);
const char *record_value(const struct record *r, size_t i, size_t *len,
	    enum json_type *type);

/*
 * Set key to a string / a raw JSON value (number, ...); a new key is
 * appended at the end, an existing one keeps its place.  s and json may
 * point into r itself.  A value replaced keeps its bytes until
 * record_reset (set a field once per line, not in a loop).
 */
void	record_set(struct record *r, const char *key, const char *s, size_t n);
void	record_set_raw(struct record *r, const char *key, const char *json,
	    size_t n, enum json_type type);
void	record_set_int(struct record *r, const char *key, long long v);
/*
 * Append the string field key without looking for it first: for a caller
 * that knows r has no field key yet (a CSV row under a checked header),
 * so that a wide row costs linear time.
 */
void	record_add(struct record *r, const char *key, const char *s, size_t n);
/* Remove key if present. */
void	record_del(struct record *r, const char *key);
/* Copy all fields of src into dst (dst emptied first). */
void	record_copy(struct record *dst, const struct record *src);

/*
 * A value longer than this (bytes) is big: record_set keeps only its JSON
 * (not a decoded copy too: record_get decodes it again when asked), and
 * record_put hands it over as it is rather than copying it.
 */
#define RECORD_BIG	(1 << 20)

/*
 * Write r as record_write does, in pieces handed to put(arg, bytes, n):
 * big values as they lie in the record, the rest gathered in tmp (after
 * what it holds, and left empty).  So a record of a big value is written
 * without a copy of it.  With put NULL, it is all appended to tmp.
 */
void	record_put(const struct record *r, struct buf *tmp,
	    void (*put)(void *arg, const void *, size_t), void *arg);
/* Append r as one line of compact JSON, with the trailing newline, to out. */
void	record_write(const struct record *r, struct buf *out);

#endif
