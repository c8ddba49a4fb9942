/*
 * kvcode.h - the dense text codes of artsim's map / sort / reduce lines
 * (simkv.h): numbers and 32-bit keys in a base-64 alphabet whose byte
 * order is the order of the values, and fingerprint sets as Rice-coded
 * gaps in the same alphabet; and any bytes (an item's compressed text) in
 * Ascii85's code.  A set of n fingerprints of 32 bits costs
 * about (34 - log2 n) bits a fingerprint, 4.1 characters for an item of
 * 500, where hex cost 8.  No code holds a byte up to ' ', a TAB or ':',
 * so codes are fields of one line.
 */
#ifndef ARTKIT_SIM_KVCODE_H
#define ARTKIT_SIM_KVCODE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define KV_KEYLEN	6	/* characters of a 32-bit key */

/* The value of code character c (0..63), or -1. */
int	kv_digit(int c);
/*
 * A key's first KV_PREFIXLEN characters, its top KV_PREFIXBITS bits, name
 * the line that carries it among the others of that prefix (simkv.h); the
 * rest, its low KV_PREFIXSHIFT bits, start its value there.
 */
#define KV_PREFIXLEN	3
#define KV_PREFIXSHIFT	18
#define KV_PREFIXBITS	(32 - KV_PREFIXSHIFT)

/* Append v as KV_KEYLEN characters, in the values' order. */
void	kv_put_key(struct buf *out, uint32_t v);
/* The KV_KEYLEN characters of v into s (no NUL). */
void	kv_key_chars(uint32_t v, char *s);
/* The key of KV_KEYLEN characters at s, or -1 if bad (into *v). */
int	kv_get_key(const char *s, uint32_t *v);
#define KV_HASHLEN	11	/* characters of a 64-bit value */

/* Append v as KV_HASHLEN characters. */
void	kv_put_hash(struct buf *out, uint64_t v);
/* The KV_HASHLEN characters of v into s (no NUL), in the values' order. */
void	kv_hash_chars(uint64_t v, char *s);
/* Is s[0..KV_HASHLEN) the code of a 64-bit value? */
int	kv_is_hash(const char *s);
/* The 64-bit value coded at s[0..KV_HASHLEN) into *v: 0, or -1 if none. */
int	kv_get_hash(const char *s, uint64_t *v);
/* Append v in as few characters as it takes (at least one). */
void	kv_put_num(struct buf *out, uint32_t v);
/*
 * Read a number at s, ended by a byte that is no code character: its
 * length, 0 when there is none or it passes 32 bits.
 */
size_t	kv_get_num(const char *s, uint32_t *v);
/* The characters kv_put_num takes for v (1 to 6). */
int	kv_num_len(uint32_t v);
/*
 * Append v in exactly n characters (kv_num_len(v) <= n <= 6), so that a
 * field after it needs no space between.
 */
void	kv_put_numw(struct buf *out, uint32_t v, int n);
/* The same into s[0..n) (no NUL). */
void	kv_numw_chars(uint32_t v, int n, char *s);
/* The number of the n characters at s into *v: 0, or -1 if bad. */
int	kv_get_numw(const char *s, int n, uint32_t *v);
/*
 * The n numbers at s, one after the other in the widths w[0..n) (each 1
 * to 6), into v[0..n): 0, or -1 if one is bad or passes 32 bits.  A
 * line's postings are such fields (simkv.h), read in one call each.
 */
int	kv_get_fields(const char *s, const int *w, int n, uint32_t *v);
/* Append the sorted distinct fingerprints fp[0..n), n > 0. */
void	kv_put_set(struct buf *out, const uint32_t *fp, size_t n);
/*
 * Read a set at s (up to a byte that is no code character) into *fpp
 * (grown with xroom, *capp its capacity): its size, 0 when it is no set
 * (bad, not increasing, or not ended there); *lenp is its length.
 * fpp may be NULL to check the set and learn its size only.
 */
size_t	kv_get_set(const char *s, uint32_t **fpp, size_t *capp,
	    size_t *lenp);
/*
 * Append the bytes p[0..n) in Ascii85's code ('!' to 'u', 5 characters
 * for 4 bytes; a last group of k bytes in k + 1), for texts.
 */
void	kv_put_bytes(struct buf *out, const void *p, size_t n);
/*
 * Append to out the bytes coded in s[0..len): 0, or -1 when s holds a
 * byte that is no such code character or is no such code.
 */
int	kv_get_bytes(const char *s, size_t len, struct buf *out);
/* Is c a character of that code? */
int	kv_text_char(int c);
/* The number of characters of that code at s, up to the first other. */
size_t	kv_text_span(const char *s);
/*
 * The byte order of a[0..la) and b[0..lb) as the keys of two lines (a
 * shorter one first when it is the other's start, since a TAB ends it):
 * <0, 0 or >0.
 */
int	kv_keycmp(const char *a, size_t la, const char *b, size_t lb);

#endif
