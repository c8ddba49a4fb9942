/*
 * simkv.c - see simkv.h.
 *
 * A reduce step keeps one group (the lines of one key) and acts on it when
 * the key changes; the first letter of the key says which step it is, so
 * one function serves every round.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minhash.h"
#include "shingle.h"
#include "simkv.h"
#include "util.h"

#define RLEN	24	/* rank key: %08x size, %016x set hash */

struct simkv {
	struct sim_opts	 o;
	struct shingler	*sh;
	struct minhash	*mh;
	unsigned	 bands, rows;
	uint32_t	*fp, *fp2, *sig;
	size_t		 capfp, capfp2;
	struct buf	 id;		/* the escaped id being mapped */
	struct buf	 key;		/* the group's key */
	struct buf	 vals;		/* its values, each ended by '\0' */
	size_t		*voff;
	size_t		 nval, capval;
	int		 ingroup;
};

struct simkv *
simkv_new(const struct sim_opts *opts)
{
	struct simkv *kv;

	kv = xcalloc(1, sizeof(*kv));
	if (opts != NULL)
		kv->o = *opts;
	else
		sim_opts_init(&kv->o);
	if (kv->o.maxdf == 0)
		kv->o.maxdf = UINT32_MAX;
	if (kv->o.sample == 0)
		kv->o.sample = 1;
	kv->sh = shingler_new(kv->o.n, kv->o.chars, kv->o.seed);
	if ((kv->o.gen & SIM_GEN_LSH) && kv->o.k > 0) {
		kv->mh = minhash_new(kv->o.k, kv->o.seed);
		minhash_bands(kv->o.jaccard, kv->o.k, SIM_LSH_RECALL,
		    &kv->bands, &kv->rows);
		kv->sig = xreallocarray(NULL, kv->o.k, sizeof(*kv->sig));
	}
	return kv;
}

void
simkv_free(struct simkv *kv)
{
	if (kv == NULL)
		return;
	shingler_free(kv->sh);
	minhash_free(kv->mh);
	free(kv->fp);
	free(kv->fp2);
	free(kv->sig);
	buf_free(&kv->id);
	buf_free(&kv->key);
	buf_free(&kv->vals);
	free(kv->voff);
	free(kv);
}

void
simkv_escape(const char *id, size_t len, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)id;
	size_t i;

	for (i = 0; i < len; i++)
		if (u[i] <= 0x20 || u[i] == '%' || u[i] == 0x7F)
			buf_printf(out, "%%%02X", u[i]);
		else
			buf_addc(out, u[i]);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
unescape(const char *s, size_t len, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < len; i++)
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			buf_addc(out, hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			buf_addc(out, s[i]);
}

/*
 * Shingle text into kv->fp (and sketch it into kv->sig when sketch is set);
 * returns the count, and the rank fields.
 */
static size_t
prepare(struct simkv *kv, const char *text, size_t len, int sketch,
    uint64_t *hash, uint32_t *posted)
{
	const uint64_t *set;
	size_t n, m, f;

	set = shingler_set(kv->sh, text, len, &n);
	if (n > kv->capfp) {
		kv->capfp = n + n / 2;
		free(kv->fp);
		kv->fp = xreallocarray(NULL, kv->capfp, sizeof(*kv->fp));
	}
	m = sim_fingerprints(set, n, kv->fp);
	*hash = sim_set_hash(kv->fp, m);
	for (f = 0, *posted = 0; f < m; f++)
		*posted += sim_posts(&kv->o, kv->fp[f], (uint32_t)m);
	if (sketch && kv->mh != NULL)
		minhash_sketch(kv->mh, set, n, kv->sig);
	return m;
}

void
simkv_map(struct simkv *kv, const char *id, size_t idlen, const char *text,
    size_t len, struct buf *out)
{
	uint64_t hash;
	uint32_t posted, key;
	size_t m, f;
	unsigned b;

	if ((m = prepare(kv, text, len, 1, &hash, &posted)) == 0)
		return;		/* an item without words has no pairs */
	buf_reset(&kv->id);
	simkv_escape(id, idlen, &kv->id);
	for (f = 0; (kv->o.gen & SIM_GEN_PROBE) && f < m; f++)
		buf_printf(out, "P%08x\t%c%08x%016llx %08x %s\n", kv->fp[f],
		    sim_posts(&kv->o, kv->fp[f], (uint32_t)m) ? 'p' : 'h',
		    (unsigned)m, (unsigned long long)hash, posted,
		    buf_cstr(&kv->id));
	for (b = 0; kv->mh != NULL && b < kv->bands; b++) {
		key = minhash_band_key(kv->sig + (size_t)b * kv->rows, b,
		    kv->rows);
		buf_printf(out, "B%08x\t%08x%016llx %08x %s\n", key,
		    (unsigned)m, (unsigned long long)hash, posted,
		    buf_cstr(&kv->id));
	}
}

static void
add_hex(struct buf *out, const uint32_t *fp, size_t n)
{
	size_t f;

	for (f = 0; f < n; f++)
		buf_printf(out, "%08x", fp[f]);
}

void
simkv_map_set(struct simkv *kv, const char *id, size_t idlen,
    const char *text, size_t len, struct buf *out)
{
	uint64_t hash;
	uint32_t posted;
	size_t m;

	if ((m = prepare(kv, text, len, 0, &hash, &posted)) == 0)
		return;
	buf_addc(out, 'K');
	simkv_escape(id, idlen, out);
	buf_adds(out, "\t0 ");
	add_hex(out, kv->fp, m);
	buf_addc(out, '\n');
}

/* Parse n*8 hex digits into *fpp (grown as needed); returns n or -1. */
static long
parse_hex(const char *s, uint32_t **fpp, size_t *capp)
{
	size_t len = strlen(s), n = len / 8, f, c;
	uint32_t v;
	int h;

	if (len % 8 != 0)
		return -1;
	if (n > *capp) {
		*capp = n + n / 2;
		free(*fpp);
		*fpp = xreallocarray(NULL, *capp, sizeof(**fpp));
	}
	for (f = 0; f < n; f++) {
		for (c = 0, v = 0; c < 8; c++) {
			if ((h = hexval(s[8 * f + c])) < 0)
				return -1;
			v = v << 4 | (uint32_t)h;
		}
		(*fpp)[f] = v;
	}
	return (long)n;
}

static uint32_t
hex8(const char *s)
{
	uint32_t v = 0;
	int i, h;

	for (i = 0; i < 8; i++)
		v = v << 4 | ((h = hexval(s[i])) < 0 ? 0 : (uint32_t)h);
	return v;
}

/* A holder in a P or B group: rank key, sample size and id. */
struct member {
	const char	*rank;		/* RLEN bytes */
	const char	*posted;	/* 8 bytes */
	const char	*id;
	int		 posts;
};

static int
member_cmp(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c;

	if ((c = memcmp(x->rank, y->rank, RLEN)) != 0)
		return c;
	return strcmp(x->id, y->id);
}

/* Values "[p|h]R P id" (P groups) or "R P id" (B groups). */
static size_t
members(struct simkv *kv, int flag, struct member **mp)
{
	struct member *m;
	const char *v;
	size_t i, n = 0;

	m = xreallocarray(NULL, kv->nval + 1, sizeof(*m));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (strlen(v) < (size_t)flag + RLEN + 10)
			continue;
		m[n].posts = flag && v[0] == 'p';
		m[n].rank = v + flag;
		m[n].posted = v + flag + RLEN + 1;
		m[n].id = v + flag + RLEN + 10;
		n++;
	}
	*mp = m;
	return n;
}

/* The J line telling j (first) that i ranks after it and shares a key. */
static void
emit_j(struct buf *out, const struct member *j, const struct member *i,
    int type)
{
	buf_printf(out, "J%s\t%c%.*s %.8s %.*s %s\n", j->id, type, RLEN,
	    j->rank, j->posted, RLEN, i->rank, i->id);
}

static void
reduce_p(struct simkv *kv, struct buf *out)
{
	struct member *m;
	size_t n, i, j, posters = 0;

	n = members(kv, 1, &m);
	for (i = 0; i < n; i++)
		posters += m[i].posts;
	if (sim_common(&kv->o, n, posters)) {
		for (i = 0; i < n; i++)
			if (m[i].posts)
				buf_printf(out, "J%s\tc\n", m[i].id);
	} else {
		for (j = 0; j < n; j++)
			for (i = 0; m[j].posts && i < n; i++)
				if (member_cmp(&m[j], &m[i]) < 0)
					emit_j(out, &m[j], &m[i], 'h');
	}
	free(m);
}

static void
reduce_b(struct simkv *kv, struct buf *out)
{
	struct member *m;
	size_t n, i, j;

	n = members(kv, 0, &m);
	qsort(m, n, sizeof(*m), member_cmp);
	for (j = 0; j < n; j++)
		for (i = j + 1; i < n; i++)
			if (member_cmp(&m[j], &m[i]) < 0)
				emit_j(out, &m[j], &m[i], 'l');
	free(m);
}

/* J values "c", or "tR_j P_j R_i i": sorted by id i to add up. */
struct cand {
	const char	*id;
	uint32_t	 size;		/* i's */
	int		 lsh;
};

static int
cand_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cand *)a)->id,
	    ((const struct cand *)b)->id);
}

static void
reduce_j(struct simkv *kv, struct buf *out)
{
	struct cand *c;
	const char *v, *j = kv->key.s + 1;
	uint32_t common = 0, size = 0, posted = 0, hits;
	size_t i, n = 0, k;
	int lsh;

	c = xreallocarray(NULL, kv->nval + 1, sizeof(*c));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (v[0] == 'c') {
			common++;
			continue;
		}
		if (strlen(v) < 1 + 2 * RLEN + 12)
			continue;
		size = hex8(v + 1);
		posted = hex8(v + 2 + RLEN);
		c[n].size = hex8(v + 11 + RLEN);
		c[n].id = v + 12 + 2 * RLEN;
		c[n].lsh = v[0] == 'l';
		n++;
	}
	posted = posted > common ? posted - common : 0;
	qsort(c, n, sizeof(*c), cand_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i, hits = 0, lsh = 0; k < n &&
		    strcmp(c[k].id, c[i].id) == 0; k++) {
			hits += !c[k].lsh;
			lsh |= c[k].lsh;
		}
		if (lsh || hits >= sim_hits_needed(&kv->o, size, c[i].size,
		    posted))
			buf_printf(out, "K%s\t1 %s\n", j, c[i].id);
	}
	free(c);
}

/* The item's own set (value "0 hex"), or NULL. */
static const char *
own_set(struct simkv *kv)
{
	const char *v;
	size_t i;

	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (v[0] == '0' && v[1] == ' ')
			return v + 2;
	}
	return NULL;
}

static void
reduce_k(struct simkv *kv, struct buf *out)
{
	const char *set, *v, *j = kv->key.s + 1;
	size_t i;

	if ((set = own_set(kv)) == NULL)
		return;
	buf_printf(out, "L%s\t0 %s\n", j, set);
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (v[0] == '1' && v[1] == ' ')
			buf_printf(out, "L%s\t2 %s %s\n", v + 2, j, set);
	}
}

static void
reduce_l(struct simkv *kv, struct buf *out)
{
	const char *set, *v, *sp, *i = kv->key.s + 1, *j;
	long na, nb;
	uint32_t shared;
	size_t x;

	if ((set = own_set(kv)) == NULL ||
	    (na = parse_hex(set, &kv->fp, &kv->capfp)) <= 0)
		return;
	for (x = 0; x < kv->nval; x++) {
		v = kv->vals.s + kv->voff[x];
		if (v[0] != '2' || v[1] != ' ' || (sp = strchr(v + 2, ' ')) ==
		    NULL || (nb = parse_hex(sp + 1, &kv->fp2, &kv->capfp2)) <= 0)
			continue;
		shared = sim_intersect(kv->fp, na, kv->fp2, nb);
		if (!sim_passes(&kv->o, shared, na, nb))
			continue;
		j = v + 2;
		if (strncmp(i, j, sp - j) < 0 || (strncmp(i, j, sp - j) == 0 &&
		    strlen(i) < (size_t)(sp - j)))
			buf_printf(out, "Z%s\t%.*s %u %ld %ld\n", i,
			    (int)(sp - j), j, shared, na, nb);
		else
			buf_printf(out, "Z%.*s\t%s %u %ld %ld\n",
			    (int)(sp - j), j, i, shared, nb, na);
	}
}

static void
flush(struct simkv *kv, struct buf *out)
{
	if (!kv->ingroup)
		return;
	switch (kv->key.s[0]) {
	case 'P':
		reduce_p(kv, out);
		break;
	case 'B':
		reduce_b(kv, out);
		break;
	case 'J':
		reduce_j(kv, out);
		break;
	case 'K':
		reduce_k(kv, out);
		break;
	case 'L':
		reduce_l(kv, out);
		break;
	}
	kv->ingroup = 0;
	kv->nval = 0;
	buf_reset(&kv->vals);
}

int
simkv_reduce(struct simkv *kv, const char *line, size_t len, struct buf *out)
{
	const char *tab;
	size_t klen;

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len == 0 || strchr("PBJKL", line[0]) == NULL ||
	    (tab = memchr(line, '\t', len)) == NULL ||
	    memchr(line, '\0', len) != NULL)
		return -1;
	klen = (size_t)(tab - line);
	if (!kv->ingroup || klen != kv->key.len ||
	    memcmp(line, kv->key.s, klen) != 0) {
		flush(kv, out);
		buf_reset(&kv->key);
		buf_add(&kv->key, line, klen);
		kv->ingroup = 1;
	}
	if (kv->nval == kv->capval) {
		kv->capval = kv->capval ? 2 * kv->capval : 64;
		kv->voff = xreallocarray(kv->voff, kv->capval,
		    sizeof(*kv->voff));
	}
	kv->voff[kv->nval++] = kv->vals.len;
	buf_add(&kv->vals, tab + 1, len - klen - 1);
	buf_addc(&kv->vals, '\0');
	return 0;
}

void
simkv_reduce_end(struct simkv *kv, struct buf *out)
{
	flush(kv, out);
}

int
simkv_pair(const char *line, size_t len, struct buf *a, struct buf *b,
    struct sim_pair *p)
{
	const char *tab, *sp, *end = line + len;
	unsigned long shared, na, nb;
	char tail[64];
	size_t tl;

	if (len > 0 && line[len - 1] == '\n')
		end--;
	if (len < 2 || line[0] != 'Z' ||
	    (tab = memchr(line, '\t', end - line)) == NULL ||
	    (sp = memchr(tab, ' ', end - tab)) == NULL)
		return -1;
	tl = (size_t)(end - sp);
	if (tl >= sizeof(tail))
		return -1;
	memcpy(tail, sp, tl);
	tail[tl] = '\0';
	if (sscanf(tail, "%lu %lu %lu", &shared, &na, &nb) != 3 || na == 0 ||
	    nb == 0)
		return -1;
	unescape(line + 1, (size_t)(tab - line - 1), a);
	unescape(tab + 1, (size_t)(sp - tab - 1), b);
	memset(p, 0, sizeof(*p));
	p->shared = (uint32_t)shared;
	p->jaccard = (double)shared / ((double)na + nb - shared);
	p->in_a = (double)shared / na;
	p->in_b = (double)shared / nb;
	return 0;
}
