/*
 * litset.h - a set of literals looked for all at once: which of them
 * occur in a text.  The boilerplate rules' prefilter (boiler.c): every
 * regex rule carries literals that any of its matches holds, and one scan
 * of a piece says which rules can match at all, before any regexec.
 *
 * The scan is Intel's Hyperscan (libhyperscan-dev): its literal matchers
 * (FDR, Teddy) read 16 to 64 bytes at a time, where a table of byte pairs
 * read one position at a time was a third of artclean's time.  Not its
 * fork Vectorscan 5.4.9 (libvectorscan-dev), which misses literals near
 * the end of a text of more than 64 bytes and some with a NUL byte:
 * test_litset fails with it (INSTALL).
 *
 * The compiled database of a set of LITSET_CACHE_MIN literals or more
 * (compiling the rules' three sets took 50 ms of every artclean run) is
 * kept between runs in a cache directory: $ARTKIT_CACHE when set (set
 * and empty, or not an absolute path: no cache), else
 * $XDG_CACHE_HOME/artkit, else $HOME/.cache/artkit.  Files unused for 30
 * days are removed as new ones are written.  A set is compiled as before
 * when there is no such directory, no file of it or one that is not
 * sound; the answers are the same either way.
 *
 * Matching is exact and byte for byte: a literal is found wherever its
 * bytes occur in the text, overlapping or not, NUL and bytes beyond
 * ASCII included; nothing is case-folded (callers lower-case both sides
 * themselves).
 */
#ifndef ARTKIT_LITSET_H
#define ARTKIT_LITSET_H

#include <stddef.h>

struct litset;

/* An empty set.  Never NULL (allocation failure is fatal). */
struct litset	*litset_new(void);
void		 litset_free(struct litset *);

#define LITSET_MAXLEN	4096	/* the longest literal */
#define LITSET_CACHE_MIN 64	/* smaller sets are compiled every run */

/*
 * Add the literal lit (len bytes, 1 to LITSET_MAXLEN, else a fatal error)
 * under id.  Several literals
 * may share an id; a scan reports an id once however many of its literals
 * occur.  The set is compiled at the next scan; adding after a scan
 * compiles it again.
 */
void	litset_add(struct litset *, const char *lit, size_t len, unsigned id);

/* The number of literals added. */
size_t	litset_count(const struct litset *);

/* Was the set's database read from the cache at its last compile? */
int	litset_cached(const struct litset *);

/*
 * Call found(arg, id) once for each id with a literal that occurs in
 * s (n bytes), in no particular order (in a text over 4 GB, once for
 * each 4 GB piece it occurs in).  An empty set or text finds
 * nothing.  A failure of the library (out of memory) is fatal.
 */
void	litset_scan(struct litset *, const char *s, size_t n,
	    void (*found)(void *arg, unsigned id), void *arg);

#endif
