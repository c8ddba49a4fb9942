/*
 * litset.c - see litset.h.
 *
 * The literals are kept (bytes, lengths, ids) until the first scan, which
 * compiles them into one Hyperscan database in block mode, each literal
 * with HS_FLAG_SINGLEMATCH so that an id is reported once a scan; the
 * scratch space the scan needs is allocated with it.  Adding a literal
 * afterwards drops the database, and the next scan compiles it again
 * (boiler.c adds every literal while its rules load, then only scans).
 */
#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>

#include "text/litset.h"
#include "base/util.h"

#define CHUNK	((size_t)UINT32_MAX)	/* the most hs_scan takes */

struct litset {
	char		*bytes;		/* the literals, one after the other */
	size_t		 nbytes, capbytes;
	size_t		*off;		/* where each starts in bytes */
	size_t		*len;
	unsigned	*id;
	size_t		 n, capoff, caplen, capid;
	size_t		 maxlen;	/* the longest literal's length */
	hs_database_t	*db;		/* NULL: not compiled (or empty) */
	hs_scratch_t	*scratch;
};

struct litset *
litset_new(void)
{
	return xcalloc(1, sizeof(struct litset));
}

static void
drop_db(struct litset *ls)
{
	hs_free_scratch(ls->scratch);
	hs_free_database(ls->db);
	ls->scratch = NULL;
	ls->db = NULL;
}

void
litset_free(struct litset *ls)
{
	if (ls == NULL)
		return;
	drop_db(ls);
	free(ls->bytes);
	free(ls->off);
	free(ls->len);
	free(ls->id);
	free(ls);
}

void
litset_add(struct litset *ls, const char *lit, size_t len, unsigned id)
{
	if (len == 0 || len > LITSET_MAXLEN)
		errx(1, "litset: literal of %zu bytes", len);
	drop_db(ls);
	ls->bytes = xroom(ls->bytes, &ls->capbytes, ls->nbytes + len, 1);
	memcpy(ls->bytes + ls->nbytes, lit, len);
	ls->off = xroom(ls->off, &ls->capoff, ls->n + 1, sizeof(*ls->off));
	ls->len = xroom(ls->len, &ls->caplen, ls->n + 1, sizeof(*ls->len));
	ls->id = xroom(ls->id, &ls->capid, ls->n + 1, sizeof(*ls->id));
	ls->off[ls->n] = ls->nbytes;
	ls->len[ls->n] = len;
	ls->id[ls->n] = id;
	ls->nbytes += len;
	ls->n++;
	if (len > ls->maxlen)
		ls->maxlen = len;
}

size_t
litset_count(const struct litset *ls)
{
	return ls->n;
}

static void
compile(struct litset *ls)
{
	hs_compile_error_t *cerr = NULL;
	const char **lits;
	unsigned *flags;
	size_t i;

	if (ls->n > UINT32_MAX)
		errx(1, "litset: too many literals");
	lits = xreallocarray(NULL, ls->n, sizeof(*lits));
	flags = xreallocarray(NULL, ls->n, sizeof(*flags));
	for (i = 0; i < ls->n; i++) {
		lits[i] = ls->bytes + ls->off[i];
		flags[i] = HS_FLAG_SINGLEMATCH;
	}
	if (hs_compile_lit_multi(lits, flags, ls->id, ls->len,
	    (unsigned)ls->n, HS_MODE_BLOCK, NULL, &ls->db, &cerr) !=
	    HS_SUCCESS)
		errx(1, "litset: hyperscan: %s", cerr != NULL &&
		    cerr->message != NULL ? cerr->message : "compile failed");
	if (hs_alloc_scratch(ls->db, &ls->scratch) != HS_SUCCESS)
		errx(1, "litset: hyperscan: cannot allocate scratch");
	free(lits);
	free(flags);
}

struct found_ctx {
	void	(*found)(void *, unsigned);
	void	*arg;
};

static int
on_match(unsigned id, unsigned long long from, unsigned long long to,
    unsigned flags, void *ctx)
{
	struct found_ctx *fc = ctx;

	fc->found(fc->arg, id);
	return 0;	/* go on: every id is wanted */
}

static void
scan(struct litset *ls, const char *s, size_t n, struct found_ctx *fc)
{
	if (hs_scan(ls->db, s, (unsigned)n, 0, ls->scratch, on_match,
	    fc) != HS_SUCCESS)
		errx(1, "litset: hyperscan scan failed");
}

void
litset_scan(struct litset *ls, const char *s, size_t n,
    void (*found)(void *, unsigned), void *arg)
{
	struct found_ctx fc;

	if (ls->n == 0 || n == 0)
		return;
	if (ls->db == NULL)
		compile(ls);
	fc.found = found;
	fc.arg = arg;
	/*
	 * Hyperscan takes at most 4 GB at once: a longer text goes in
	 * pieces that overlap by the longest literal.
	 */
	while (n > CHUNK) {
		scan(ls, s, CHUNK, &fc);
		s += CHUNK - ls->maxlen;
		n -= CHUNK - ls->maxlen;
	}
	scan(ls, s, n, &fc);
}
