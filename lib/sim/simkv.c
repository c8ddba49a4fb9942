/*
 * simkv.c - see simkv.h.
 *
 * A reduce round keeps one group (the lines of one key) and acts on it when
 * the key changes; the key's first letter says which round it is, so one
 * function serves every round.  Each line is checked as it comes, against
 * a pattern of its round, so the functions that act on a group trust its
 * values and a bad line is reported where it is.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/json.h"
#include "sim/minhash.h"
#include "sim/shingle.h"
#include "sim/pair.h"
#include "sim/simkv.h"
#include "base/util.h"

#define RLEN	24	/* rank key: %08x size, %016x set hash */
#define TLEN	9	/* the options tag and its space */
#define OUTBUF	65536	/* lines are written in pieces about this big */
#define KEYMAX	18	/* an item's key: its escaped id up to this long,
			   else "!~" and 16 hex digits of a hash of it */

struct simkv {
	struct sim_opts	 o;
	size_t		 maxgroup;
	simkv_write_fn	 write;
	void		*arg;
	char		 tag[TLEN + 1];	/* "%08x " */
	struct shingler	*sh;
	struct minhash	*mh;
	unsigned	 bands, rows;
	uint32_t	*fp, *fp2, *sig;
	size_t		 capfp, capfp2;
	struct buf	 out;		/* lines not yet written */
	struct buf	 a, b;		/* ids, escaped or not */
	struct buf	 err;		/* the last message */
	struct buf	 key;		/* the group's key */
	struct buf	 vals;		/* its values kept, each ended by '\0' */
	size_t		*voff;
	size_t		 nval, capval;
	int		 ingroup;
	uint64_t	 posters;	/* P: the group's items */
	int		 common;	/* P: a common phrase, posters streamed */
	int		 waiting, sets, edges;	/* J: w, s and other values */
	long		 own;		/* L: own set's size, -1 before it */
	struct buf	 ownid;		/* L: own escaped id */
	int		 round;		/* of the lines read, -1 before one */
	struct zslot	*zs;		/* Z: the group's values by b */
	size_t		 capz;
	uint32_t	 zgen;		/* the group's stamp in zs */
};

/* A slot of the Z group's hash set: value idx - 1 of group gen. */
struct zslot {
	uint32_t	 gen, idx;
};

/* A hash of the options that decide the pairs: the tag of every line. */
static uint32_t
opts_tag(const struct sim_opts *o)
{
	uint64_t v[10], h = 0x6a09e667f3bcc908ULL;
	size_t i;

	v[0] = o->n;
	v[1] = o->chars;
	v[2] = o->k;
	v[3] = o->sample;
	v[4] = o->maxdf;
	v[5] = (uint64_t)o->gen;
	v[6] = o->seed;
	memcpy(&v[7], &o->jaccard, sizeof(v[7]));
	memcpy(&v[8], &o->contain, sizeof(v[8]));
	v[9] = o->rate;
	for (i = 0; i < NELEM(v); i++) {
		h = (h ^ v[i]) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 31;
	}
	return (uint32_t)(h >> 32);
}

struct simkv *
simkv_new(const struct sim_opts *opts, size_t maxgroup, simkv_write_fn write,
    void *arg)
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
	kv->maxgroup = maxgroup;
	kv->write = write;
	kv->arg = arg;
	snprintf(kv->tag, sizeof(kv->tag), "%08x ", opts_tag(&kv->o));
	kv->sh = shingler_new(kv->o.n, kv->o.chars, kv->o.seed);
	if ((kv->o.gen & SIM_GEN_LSH) && kv->o.k > 0) {
		kv->mh = minhash_new(kv->o.k, kv->o.seed);
		minhash_bands(kv->o.jaccard, kv->o.k, SIM_LSH_RECALL,
		    &kv->bands, &kv->rows);
		kv->sig = xreallocarray(NULL, kv->o.k, sizeof(*kv->sig));
	}
	kv->own = -1;
	kv->round = -1;
	kv->zgen = 1;
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
	buf_free(&kv->out);
	buf_free(&kv->a);
	buf_free(&kv->b);
	buf_free(&kv->err);
	buf_free(&kv->key);
	buf_free(&kv->vals);
	buf_free(&kv->ownid);
	free(kv->voff);
	free(kv->zs);
	free(kv);
}

/* Write the lines gathered so far. */
static void
drain(struct simkv *kv)
{
	if (kv->out.len > 0)
		kv->write(kv->arg, kv->out.s, kv->out.len);
	buf_reset(&kv->out);
}

/* A line is complete in kv->out: write out a full piece. */
static void
done(struct simkv *kv)
{
	if (kv->out.len >= OUTBUF)
		drain(kv);
}

/*
 * Bytes up to '!' become '!' and the byte + 0x40 ('@' to 'a'), which keeps
 * the byte order of ids: an escaped byte sorts below every byte kept, and
 * the escaped ones among themselves as before.
 */
static void
escape(const char *id, size_t len, struct buf *out)
{
	const unsigned char *u = (const unsigned char *)id;
	size_t i;

	for (i = 0; i < len; i++)
		if (u[i] <= '!') {
			buf_addc(out, '!');
			buf_addc(out, u[i] + 0x40);
		} else
			buf_addc(out, u[i]);
}

static void
unescape(const char *s, size_t len, struct buf *out)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < len; i++)
		if (s[i] == '!' && i + 1 < len) {
			buf_addc(out, s[i + 1] - 0x40);
			i++;
		} else
			buf_addc(out, s[i]);
}

/* Length of the escaped id at s (up to a space or the end), 0 if bad. */
static size_t
id_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (u[i] > ' ')
		if (u[i] != '!')
			i++;
		else if (u[i + 1] >= '@' && u[i + 1] <= 'a')
			i += 2;
		else
			return 0;
	return i;
}

/* Number of hex digits at s. */
static size_t
hex_len(const char *s)
{
	size_t i;

	for (i = 0; hexdigit((unsigned char)s[i]) >= 0; i++)
		continue;
	return i;
}

/* Length of the item key at s (up to a space or the end), 0 if bad. */
static size_t
key_len(const char *s)
{
	size_t n;

	if (s[0] == '!' && s[1] == '~')
		n = 2 + hex_len(s + 2) == KEYMAX ? KEYMAX : 0;
	else if ((n = id_len(s)) > KEYMAX)
		n = 0;
	return (unsigned char)s[n] > ' ' ? 0 : n;
}

/*
 * Append the key of the item with id (idlen bytes), escaped as e (elen
 * bytes): e itself when it is short, else "!~" and a hash of the id, which
 * no escaped id starts with.  Keys name items in the lines that cost one
 * per shingle, so a long id (a URL) costs its length once per item.
 */
static void
item_key(struct buf *out, const char *id, size_t idlen, const char *e,
    size_t elen)
{
	if (elen <= KEYMAX)
		buf_add(out, e, elen);
	else
		buf_printf(out, "!~%016llx",
		    (unsigned long long)XXH64(id, idlen, 0));
}

/*
 * Does the string s match pat?  In pat, R is a rank key, X eight hex
 * digits, H a set (a multiple of eight hex digits), I an escaped id, K an
 * item key, D a decimal number; any other character stands for itself.
 */
static int
match(const char *s, const char *pat)
{
	size_t n;

	for (; *pat != '\0'; pat++, s += n) {
		switch (*pat) {
		case 'R':
			if ((n = hex_len(s)) < RLEN)
				return 0;
			n = RLEN;
			break;
		case 'X':
			if ((n = hex_len(s)) < 8)
				return 0;
			n = 8;
			break;
		case 'H':
			if ((n = hex_len(s)) == 0 || n % 8 != 0)
				return 0;
			break;
		case 'I':
			if ((n = id_len(s)) == 0)
				return 0;
			break;
		case 'K':
			if ((n = key_len(s)) == 0)
				return 0;
			break;
		case 'D':
			n = strspn(s, "0123456789");
			if (n == 0 || n > 10)
				return 0;
			break;
		default:
			if (*s != *pat)
				return 0;
			n = 1;
		}
	}
	return *s == '\0';
}

/*
 * Shingle text into kv->fp and sketch it into kv->sig; returns the count,
 * and the set hash of the rank key.
 */
static size_t
prepare(struct simkv *kv, const char *text, size_t len, uint64_t *hash)
{
	const uint64_t *set;
	size_t n, m;

	set = shingler_set(kv->sh, text, len, &n);
	kv->fp = xroom(kv->fp, &kv->capfp, n, sizeof(*kv->fp));
	m = sim_fingerprints(set, n, kv->fp);
	*hash = sim_set_hash(kv->fp, m);
	if (kv->mh != NULL)
		minhash_sketch(kv->mh, set, n, kv->sig);
	return m;
}

static void
add_hex(struct buf *out, const uint32_t *fp, size_t n)
{
	size_t f;

	for (f = 0; f < n; f++)
		buf_printf(out, "%08x", fp[f]);
}

void
simkv_map(struct simkv *kv, const char *id, size_t idlen, const char *text,
    size_t len)
{
	const char *e;
	uint64_t hash;
	uint32_t key;
	size_t m, f;
	unsigned b;

	assert(idlen > 0);
	if ((m = prepare(kv, text, len, &hash)) == 0)
		return;		/* an item without words has no pairs */
	buf_reset(&kv->a);
	escape(id, idlen, &kv->a);
	buf_reset(&kv->b);
	item_key(&kv->b, id, idlen, kv->a.s, kv->a.len);
	e = buf_cstr(&kv->b);
	for (f = 0; (kv->o.gen & SIM_GEN_PROBE) && f < m; f++) {
		/* Only the probe keys (sim.h): a sample of a long item. */
		if (!sim_posts(&kv->o, kv->fp[f], (uint32_t)m))
			continue;
		buf_printf(&kv->out, "P%08x\t%s%08x%016llx %s\n",
		    kv->fp[f], kv->tag, (unsigned)m,
		    (unsigned long long)hash, e);
		done(kv);
	}
	for (b = 0; kv->mh != NULL && b < kv->bands; b++) {
		key = minhash_band_key(kv->sig + (size_t)b * kv->rows, b,
		    kv->rows);
		buf_printf(&kv->out, "B%08x\t%s%08x%016llx %s\n", key,
		    kv->tag, (unsigned)m, (unsigned long long)hash, e);
		done(kv);
	}
	buf_printf(&kv->out, "J%s\t%sw %s ", e, kv->tag, buf_cstr(&kv->a));
	add_hex(&kv->out, kv->fp, m);
	buf_addc(&kv->out, '\n');
	drain(kv);
}

/* Parse the set at s (up to a space or the end) into *fpp; its size. */
static size_t
parse_hex(const char *s, uint32_t **fpp, size_t *capp)
{
	size_t n = hex_len(s) / 8, f, c;
	uint32_t v;

	*fpp = xroom(*fpp, capp, n, sizeof(**fpp));
	for (f = 0; f < n; f++) {
		for (c = 0, v = 0; c < 8; c++)
			v = v << 4 | (uint32_t)hexdigit((unsigned char)s[8 *
			    f + c]);
		(*fpp)[f] = v;
	}
	return n;
}

static uint32_t
hex8(const char *s)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 4 | (uint32_t)hexdigit((unsigned char)s[i]);
	return v;
}

/* An item in a P or B group: rank key and id. */
struct member {
	const char	*rank;		/* RLEN bytes */
	const char	*id;
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

/* The group's values "R id", in rank order. */
static size_t
members(struct simkv *kv, struct member **mp)
{
	struct member *m;
	const char *v;
	size_t i;

	m = xreallocarray(NULL, kv->nval + 1, sizeof(*m));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		m[i].rank = v;
		m[i].id = v + RLEN + 1;
	}
	qsort(m, kv->nval, sizeof(*m), member_cmp);
	*mp = m;
	return kv->nval;
}

/*
 * The J line telling j (first) that i ranks after it and shares a key,
 * with i's size (the first field of its rank key).
 */
static void
emit_j(struct simkv *kv, const struct member *j, const struct member *i,
    int type)
{
	buf_printf(&kv->out, "J%s\t%s%c %.8s %s\n", j->id, kv->tag, type,
	    i->rank, i->id);
	done(kv);
}

/*
 * A P group (a probe key that is no common phrase) or a B group (a band
 * key): each item meets those ranked after it, type 'h' or 'l'.
 */
static void
reduce_pb(struct simkv *kv, int type)
{
	struct member *m;
	size_t n, i, j;

	n = members(kv, &m);
	for (j = 0; j < n; j++)
		for (i = j + 1; i < n; i++)
			if (member_cmp(&m[j], &m[i]) < 0)
				emit_j(kv, &m[j], &m[i], type);
	free(m);
}

/* J edge values "h|l size_i i": sorted by id i to add up. */
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

/* Round 1's J group: the item's set, passed on to round 2. */
static void
pass_set(struct simkv *kv)
{
	buf_printf(&kv->out, "%s\t%ss %s\n", kv->key.s, kv->tag,
	    kv->vals.s + 2);
	done(kv);
}

/*
 * Round 2's J group: count j's edges to each i into candidates, as
 * simindex does (sim_candidate), and send j's set to each of them.
 */
static void
reduce_j(struct simkv *kv)
{
	struct cand *c;
	const char *v, *set = NULL, *j = kv->key.s + 1;
	uint32_t size, hits;
	size_t i, n = 0, k;
	int lsh;

	c = xreallocarray(NULL, kv->nval + 1, sizeof(*c));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (v[0] == 's')
			set = v + 2;
		else {
			c[n].size = hex8(v + 2);
			c[n].id = v + 11;
			c[n].lsh = v[0] == 'l';
			n++;
		}
	}
	if (set == NULL) {
		free(c);
		return;
	}
	/* set is "id HEX": the item's own id, then its fingerprints. */
	size = (uint32_t)parse_hex(strchr(set, ' ') + 1, &kv->fp,
	    &kv->capfp);
	buf_printf(&kv->out, "L%s\t%s0 %s\n", j, kv->tag, set);
	done(kv);
	qsort(c, n, sizeof(*c), cand_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i, hits = 0, lsh = 0; k < n &&
		    strcmp(c[k].id, c[i].id) == 0; k++) {
			hits += !c[k].lsh;
			lsh |= c[k].lsh;
		}
		if (sim_candidate(&kv->o, size, c[i].size, hits, lsh)) {
			buf_printf(&kv->out, "L%s\t%s2 %s\n", c[i].id,
			    kv->tag, set);
			done(kv);
		}
	}
	free(c);
}

/*
 * Round 3: verify the candidate "2 j HEX" against the own set in kv->fp,
 * the own id in kv->ownid.
 */
static void
verify(struct simkv *kv, const char *v)
{
	const char *i = kv->ownid.s, *j = v + 2, *sp;
	size_t na = (size_t)kv->own, nb, jl, il = kv->ownid.len;
	uint32_t shared;
	int c;

	sp = strchr(j, ' ');
	jl = (size_t)(sp - j);
	nb = parse_hex(sp + 1, &kv->fp2, &kv->capfp2);
	shared = sim_intersect(kv->fp, na, kv->fp2, nb);
	if (!sim_passes(&kv->o, shared, (uint32_t)na, (uint32_t)nb))
		return;
	/* Escaped ids keep their byte order: a is the smaller id. */
	if ((c = memcmp(i, j, il < jl ? il : jl)) < 0 || (c == 0 && il < jl))
		buf_printf(&kv->out, "Z%s\t%s%.*s %u %zu %zu\n", i, kv->tag,
		    (int)jl, j, shared, na, nb);
	else
		buf_printf(&kv->out, "Z%.*s\t%s%s %u %zu %zu\n", (int)jl, j,
		    kv->tag, i, shared, nb, na);
	done(kv);
}

static int
value_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Read the value of a Z line (after T and the space: "b shared |A| |B|")
 * into p (a and b left 0).  Returns 0, or -1 when it is not one.
 */
static int
z_pair(const char *value, struct pair *p)
{
	const char *s;
	unsigned long shared, na, nb;
	char *end;

	if ((s = strchr(value, ' ')) == NULL)
		return -1;
	shared = strtoul(s + 1, &end, 10);
	na = strtoul(end, &end, 10);
	nb = strtoul(end, &end, 10);
	if (*end != '\0' || na == 0 || nb == 0 || shared > na ||
	    shared > nb)
		return -1;
	memset(p, 0, sizeof(*p));
	pair_figures(p, (uint32_t)shared, (uint32_t)na, (uint32_t)nb);
	return 0;
}


/* Round 4: a's pairs, in order of b, as pair records. */
static void
reduce_z(struct simkv *kv)
{
	struct pair p;
	const char **v;
	size_t i;

	v = xreallocarray(NULL, kv->nval + 1, sizeof(*v));
	for (i = 0; i < kv->nval; i++)
		v[i] = kv->vals.s + kv->voff[i];
	/* A space sorts below every byte of an escaped id: b's order. */
	qsort(v, kv->nval, sizeof(*v), value_cmp);
	unescape(kv->key.s + 1, kv->key.len - 1, &kv->a);
	for (i = 0; i < kv->nval; i++) {
		if (z_pair(v[i], &p) < 0)
			continue;
		unescape(v[i], strcspn(v[i], " "), &kv->b);
		pair_json(&kv->out, kv->a.s, kv->a.len, kv->b.s,
		    kv->b.len, &p);
		done(kv);
	}
	free(v);
}

/* Forget the group's values. */
static void
clear(struct simkv *kv)
{
	kv->nval = 0;
	buf_reset(&kv->vals);
}

static void
flush(struct simkv *kv)
{
	if (!kv->ingroup)
		return;
	switch (kv->key.s[0]) {
	case 'P':
		if (!kv->common)
			reduce_pb(kv, 'h');
		break;
	case 'B':
		reduce_pb(kv, 'l');
		break;
	case 'J':
		if (kv->waiting)
			pass_set(kv);
		else
			reduce_j(kv);
		break;
	case 'Z':
		reduce_z(kv);
		break;
	}
	kv->ingroup = 0;
	if (++kv->zgen == 0) {		/* wrapped: no stamp may match */
		if (kv->zs != NULL)
			memset(kv->zs, 0, kv->capz * sizeof(*kv->zs));
		kv->zgen = 1;
	}
	kv->posters = 0;
	kv->common = kv->waiting = kv->sets = kv->edges = 0;
	kv->own = -1;
	clear(kv);
}

static int
fail(struct simkv *kv, const char **msg, const char *what)
{
	buf_reset(&kv->err);
	buf_adds(&kv->err, what);
	*msg = buf_cstr(&kv->err);
	return -1;
}

/* Keep the value v (vlen bytes) in the group; a pointer to the copy. */
static const char *
keep(struct simkv *kv, const char *v, size_t vlen)
{
	kv->voff = xroom(kv->voff, &kv->capval, kv->nval + 1,
	    sizeof(*kv->voff));
	kv->voff[kv->nval++] = kv->vals.len;
	buf_add(&kv->vals, v, vlen);
	buf_addc(&kv->vals, '\0');
	return kv->vals.s + kv->voff[kv->nval - 1];
}

/* Drop the value kept last. */
static void
unkeep(struct simkv *kv)
{
	buf_truncate(&kv->vals, kv->voff[--kv->nval]);
}

/*
 * A P value: count it; a key posted by more items than maxdf is a common
 * phrase, dropped (sim.h), and its values are kept no more.
 */
static void
add_p(struct simkv *kv)
{
	kv->posters++;
	if (kv->common)
		unkeep(kv);
	else if (sim_common(&kv->o, kv->posters)) {
		kv->common = 1;		/* for good: the count only grows */
		clear(kv);
	}
}

/* An L value: verify at once when the own set is here. */
static int
add_l(struct simkv *kv, const char *v, const char **msg)
{
	size_t i;

	if (v[0] == '2') {
		if (kv->own >= 0) {
			verify(kv, v);
			unkeep(kv);
		}
		return 0;
	}
	if (kv->own >= 0)
		return fail(kv, msg, "two items have this id");
	/* v is "0 id HEX": the own id, then the own set. */
	buf_reset(&kv->ownid);
	buf_add(&kv->ownid, v + 2, strcspn(v + 2, " "));
	kv->own = (long)parse_hex(v + 3 + kv->ownid.len, &kv->fp, &kv->capfp);
	unkeep(kv);
	for (i = 0; i < kv->nval; i++)
		verify(kv, kv->vals.s + kv->voff[i]);
	clear(kv);
	return 0;
}

/*
 * A second item under one key: the value v ("w id HEX" or "s id HEX") and
 * the one before it.  The same id twice, or two ids whose keys (a 64-bit
 * hash, for long ids) are alike.
 */
static int
two_items(struct simkv *kv, const char *v, const char **msg)
{
	const char *u = v;
	struct buf m = BUF_INIT;
	size_t i, ul, vl = strcspn(v + 2, " ");

	for (i = 0; i + 1 < kv->nval; i++) {
		u = kv->vals.s + kv->voff[i];
		if (u[0] == 'w' || u[0] == 's')
			break;
	}
	ul = strcspn(u + 2, " ");
	unescape(u + 2, ul, &kv->a);
	if (ul == vl && memcmp(u + 2, v + 2, ul) == 0)
		buf_printf(&m, "id \"%s\" is the id of two items: ids must be "
		    "unique", buf_cstr(&kv->a));
	else {
		unescape(v + 2, vl, &kv->b);
		buf_printf(&m, "ids \"%s\" and \"%s\" have the same hash: "
		    "change one of them", buf_cstr(&kv->a), buf_cstr(&kv->b));
	}
	fail(kv, msg, buf_cstr(&m));
	buf_free(&m);
	return -1;
}

static int
add_j(struct simkv *kv, const char *v, const char **msg)
{
	if (v[0] == 'w')
		kv->waiting++;
	else if (v[0] == 's')
		kv->sets++;
	else
		kv->edges++;
	if (kv->waiting + kv->sets > 1)
		return two_items(kv, v, msg);
	return 0;
}

/* Is the value v right for a line of key letter k? */
static int
valid(int k, const char *v)
{
	switch (k) {
	case 'P':
		return match(v, "R K");
	case 'B':
		return match(v, "R K");
	case 'J':
		return match(v, "w I H") || match(v, "s I H") ||
		    match(v, "h X K") || match(v, "l X K");
	case 'L':
		return match(v, "0 I H") || match(v, "2 I H");
	case 'Z':
		return match(v, "I D D D");
	}
	return 0;
}

/*
 * The round a line with key letter k and value v belongs to: 0 for the
 * map's, n for the lines round n writes.
 */
static int
line_round(int k, const char *v)
{
	switch (k) {
	case 'J':
		return v[0] == 'w' ? 0 : 1;
	case 'L':
		return 2;
	case 'Z':
		return 3;
	default:
		return 0;	/* P, B */
	}
}

/* FNV-1a of b, an escaped id, for the Z group's hash set. */
static uint64_t
z_hash(const char *b, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)b[i]) * 0x100000001b3ULL;
	return h;
}

/*
 * Put value i of the Z group (its b, up to the space) in the hash set;
 * true when a value of the group with that b is there already.
 */
static int
z_put(struct simkv *kv, size_t i)
{
	const char *v = kv->vals.s + kv->voff[i], *w;
	size_t len = strcspn(v, " "), at, mask = kv->capz - 1;

	for (at = z_hash(v, len) & mask; kv->zs[at].gen == kv->zgen;
	    at = (at + 1) & mask) {
		w = kv->vals.s + kv->voff[kv->zs[at].idx - 1];
		if (strncmp(w, v, len) == 0 && w[len] == ' ')
			return 1;
	}
	kv->zs[at].gen = kv->zgen;
	kv->zs[at].idx = (uint32_t)i + 1;
	return 0;
}

/*
 * A Z line: is its b, the value kept last, one the group had already?  A
 * round writes each pair once, so a pair twice means a round's lines were
 * given twice.  The values of a key may come in any order (a shuffle that
 * sorts only the keys), so the group's b are kept in a hash set, stamped
 * with the group so that it needs no clearing.
 */
static int
z_seen(struct simkv *kv)
{
	size_t i;

	if (2 * kv->nval > kv->capz) {
		free(kv->zs);
		kv->capz = kv->capz ? 2 * kv->capz : 64;
		while (kv->capz < 2 * kv->nval)
			kv->capz *= 2;
		kv->zs = xcalloc(kv->capz, sizeof(*kv->zs));
		for (i = 0; i + 1 < kv->nval; i++)
			z_put(kv, i);
	}
	return z_put(kv, kv->nval - 1);
}

/* Start a new group with the key line[0..klen), or refuse the key. */
static int
new_key(struct simkv *kv, const char *line, size_t klen, const char **msg)
{
	size_t n = klen < kv->key.len ? klen : kv->key.len;
	int c;

	if (kv->ingroup) {
		c = memcmp(line, kv->key.s, n);
		if (c == 0 && klen == kv->key.len)
			return 0;
		if (c < 0 || (c == 0 && klen < kv->key.len))
			return fail(kv, msg, "not sorted by key: sort the "
			    "lines between steps with LC_ALL=C sort");
	}
	flush(kv);
	buf_reset(&kv->key);
	buf_add(&kv->key, line, klen);
	if (!match(kv->key.s + 1, line[0] == 'P' || line[0] == 'B' ? "X" :
	    line[0] == 'Z' ? "I" : "K"))
		return fail(kv, msg, "not a line of artsim --map or --reduce");
	kv->ingroup = 1;
	return 0;
}

int
simkv_reduce(struct simkv *kv, const char *line, size_t len, const char **msg)
{
	const char *tab, *v;
	size_t klen;

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len == 0 || strchr("PBJLZ", line[0]) == NULL ||
	    memchr(line, '\0', len) != NULL ||
	    (tab = memchr(line, '\t', len)) == NULL ||
	    len - (size_t)(tab - line) - 1 < TLEN || tab[TLEN] != ' ' ||
	    hex_len(tab + 1) < 8)
		return fail(kv, msg, "not a line of artsim --map or --reduce");
	if (memcmp(tab + 1, kv->tag, TLEN) != 0)
		return fail(kv, msg, "made with other options than this step: "
		    "give every step the same -k, -n, -t, --chars, --contain "
		    "and --seed");
	klen = (size_t)(tab - line);
	if (new_key(kv, line, klen, msg) < 0)
		return -1;
	v = keep(kv, tab + 1 + TLEN, len - klen - 1 - TLEN);
	if (!valid(line[0], v))
		return fail(kv, msg, "not a line of artsim --map or --reduce");
	if (kv->maxgroup > 0 && kv->vals.len > kv->maxgroup) {
		buf_reset(&kv->b);
		buf_printf(&kv->b, "the lines of key %.40s pass --max-group "
		    "(%zu bytes)", kv->key.s, kv->maxgroup);
		return fail(kv, msg, buf_cstr(&kv->b));
	}
	if (kv->round < 0)
		kv->round = line_round(line[0], v);
	else if (line_round(line[0], v) != kv->round)
		return fail(kv, msg, "lines of two rounds together: each "
		    "round reads the sorted lines of the one before, once");
	switch (line[0]) {
	case 'P':
		add_p(kv);
		break;
	case 'J':
		return add_j(kv, v, msg);
	case 'L':
		return add_l(kv, v, msg);
	case 'Z':
		if (z_seen(kv))
			return fail(kv, msg, "a pair twice: each round reads "
			    "the sorted lines of the one before, once");
		break;
	}
	return 0;
}

void
simkv_reduce_end(struct simkv *kv)
{
	flush(kv);
	drain(kv);
}
