/*
 * json.h - the JSON needed for JSON Lines records, and no more.
 *
 * Why not jansson: a record's unknown fields must pass through byte for byte
 * (jansson re-prints numbers, so 1.50 comes back as 1.5, and decodes every
 * value even when nobody looks at it), and JSON parsing is on the hot path of
 * every tool.  This scanner validates a whole value strictly (RFC 8259,
 * strict UTF-8, no lone surrogates, bounded nesting) but decodes only what a
 * caller asks for.  See INSTALL for the measurement.
 */
#ifndef ARTKIT_JSON_H
#define ARTKIT_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

enum json_type {
	JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
	JSON_ARRAY, JSON_OBJECT
};

/* Deepest nesting of arrays and objects accepted in a value. */
#define JSON_MAX_DEPTH	256

/*
 * Scan one JSON value starting at s[*pos] (leading white space skipped),
 * validating it; on success set *pos past it, *type to its type, and return
 * 0.  On failure return -1 with a static message in *errmsg and *pos at the
 * offending byte.
 */
int	json_skip_value(const char *s, size_t n, size_t *pos,
	    enum json_type *type, const char **errmsg);

/*
 * A member of an object, as json_scan_object found it: where its key's
 * literal and its value's text are, the value's type, and what the
 * validation saw of the two strings, so that no one reads them again
 * to learn it.
 */
struct json_member {
	size_t		 key, keylen;	/* the key's literal, quotes included */
	size_t		 val, vallen;	/* the value's JSON text */
	enum json_type	 type;
	bool		 key_escaped;	/* the key holds a backslash */
	bool		 canonical;	/* a string value for which
					   json_string_canonical is true */
};

/*
 * json_skip_value for a value that must be an object (else -1, "not a
 * JSON object"), with member(arg, m) called for each of its members in
 * order as soon as it is validated (a later error still makes the
 * whole fail).  Same results and errors as json_skip_value.
 */
int	json_scan_object(const char *s, size_t n, size_t *pos,
	    void (*member)(void *arg, const struct json_member *m),
	    void *arg, const char **errmsg);

/*
 * Decode the JSON string literal s[0..n) (quotes included, already validated
 * by json_skip_value) into out, appending.  Returns 0 (-1 and *errmsg only
 * for an escaped NUL, which json_skip_value already refuses: artkit rejects
 * \u0000 because no tool could pass it on safely to C string functions).
 */
int	json_decode_string(const char *s, size_t n, struct buf *out,
	    const char **errmsg);

/* Append s[0..n) to out as a JSON string literal, quotes included. */
void	json_encode_string(struct buf *out, const char *s, size_t n);

/*
 * Is the valid JSON string literal s[0..n) (quotes included) what
 * json_encode_string writes for its decoded value, byte for byte?  Only
 * its escapes are looked at: \" \\ \n \t \r \b \f, and \u00xx (lower
 * case) for the other bytes below 0x20, are; \/ and any other \u are not.
 */
bool	json_string_canonical(const char *s, size_t n);

/*
 * Append v as a JSON number with at most `decimals' digits after the point
 * and no trailing zeros (0.5, 0.5625, 1), independent of the locale.
 */
void	json_add_real(struct buf *out, double v, int decimals);

/* Name of a type for error messages: "a number", "an array", ... */
const char *json_type_name(enum json_type);

#endif
