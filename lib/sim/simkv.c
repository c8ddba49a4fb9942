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

#include "base/json.h"
#include "sim/minhash.h"
#include "sim/shingle.h"
#include "sim/simkv.h"
#include "base/util.h"

#define RLEN	24	/* rank key: %08x size, %016x set hash */
#define TLEN	9	/* the options tag and its space */
#define OUTBUF	65536	/* lines are written in pieces about this big */

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
	uint64_t	 holders, posters;	/* P: the group's counts */
	int		 common;	/* P: a common phrase, posters streamed */
	int		 waiting, sets, edges;	/* J: w, s and other values */
	long		 own;		/* L: own set's size, -1 before it */
};

/* A hash of the options that decide the pairs: the tag of every line. */
static uint32_t
opts_tag(const struct sim_opts *o)
{
	uint64_t v[9], h = 0x6a09e667f3bcc908ULL;
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
	free(kv->voff);
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

/*
 * Does the string s match pat?  In pat, R is a rank key, X eight hex
 * digits, H a set (a multiple of eight hex digits), I an escaped id, D a
 * decimal number; any other character stands for itself.
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
	if (n > kv->capfp) {
		kv->capfp = n + n / 2;
		free(kv->fp);
		kv->fp = xreallocarray(NULL, kv->capfp, sizeof(*kv->fp));
	}
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
	e = buf_cstr(&kv->a);
	for (f = 0; (kv->o.gen & SIM_GEN_PROBE) && f < m; f++) {
		buf_printf(&kv->out, "P%08x\t%s%c %08x%016llx %s\n",
		    kv->fp[f], kv->tag, sim_posts(&kv->o, kv->fp[f],
		    (uint32_t)m) ? 'p' : 'h', (unsigned)m,
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
	buf_printf(&kv->out, "J%s\t%sw ", e, kv->tag);
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

	if (n > *capp) {
		*capp = n + n / 2;
		free(*fpp);
		*fpp = xreallocarray(NULL, *capp, sizeof(**fpp));
	}
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

/* A holder in a P or B group: rank key and id. */
struct member {
	const char	*rank;		/* RLEN bytes */
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

/* Values "p|h R id" (P groups, flag set) or "R id" (B groups). */
static size_t
members(struct simkv *kv, int flag, struct member **mp)
{
	struct member *m;
	const char *v;
	size_t i, skip = flag ? 2 : 0;

	m = xreallocarray(NULL, kv->nval + 1, sizeof(*m));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		m[i].posts = flag && v[0] == 'p';
		m[i].rank = v + skip;
		m[i].id = v + skip + RLEN + 1;
	}
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

static void
emit_common(struct simkv *kv, const char *id)
{
	buf_printf(&kv->out, "J%s\t%sc\n", id, kv->tag);
	done(kv);
}

/* A P group that is no common phrase: each poster meets its holders. */
static void
reduce_p(struct simkv *kv)
{
	struct member *m;
	size_t n, i, j;

	n = members(kv, 1, &m);
	for (j = 0; j < n; j++)
		for (i = 0; m[j].posts && i < n; i++)
			if (member_cmp(&m[j], &m[i]) < 0)
				emit_j(kv, &m[j], &m[i], 'h');
	free(m);
}

static void
reduce_b(struct simkv *kv)
{
	struct member *m;
	size_t n, i, j;

	n = members(kv, 0, &m);
	qsort(m, n, sizeof(*m), member_cmp);
	for (j = 0; j < n; j++)
		for (i = j + 1; i < n; i++)
			if (member_cmp(&m[j], &m[i]) < 0)
				emit_j(kv, &m[j], &m[i], 'l');
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
 * simindex does, and send j's set to each of them.  j's size and sample
 * come from its set.
 */
static void
reduce_j(struct simkv *kv)
{
	struct cand *c;
	const char *v, *set = NULL, *j = kv->key.s + 1;
	uint32_t common = 0, size, posted = 0, hits;
	size_t i, n = 0, k;
	int lsh;

	c = xreallocarray(NULL, kv->nval + 1, sizeof(*c));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (v[0] == 's')
			set = v + 2;
		else if (v[0] == 'c')
			common++;
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
	size = (uint32_t)parse_hex(set, &kv->fp, &kv->capfp);
	for (i = 0; i < size; i++)
		posted += sim_posts(&kv->o, kv->fp[i], size);
	buf_printf(&kv->out, "L%s\t%s0 %s\n", j, kv->tag, set);
	done(kv);
	posted = posted > common ? posted - common : 0;
	qsort(c, n, sizeof(*c), cand_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i, hits = 0, lsh = 0; k < n &&
		    strcmp(c[k].id, c[i].id) == 0; k++) {
			hits += !c[k].lsh;
			lsh |= c[k].lsh;
		}
		if (lsh || hits >= sim_hits_needed(&kv->o, size, c[i].size,
		    posted)) {
			buf_printf(&kv->out, "L%s\t%s2 %s %s\n", c[i].id,
			    kv->tag, j, set);
			done(kv);
		}
	}
	free(c);
}

/* Round 3: verify the candidate "2 j HEX" against the own set in kv->fp. */
static void
verify(struct simkv *kv, const char *v)
{
	const char *i = kv->key.s + 1, *j = v + 2, *sp;
	size_t na = (size_t)kv->own, nb, jl, il = kv->key.len - 1;
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

/* Round 4: a's pairs, in order of b, as pair records. */
static void
reduce_z(struct simkv *kv)
{
	struct sim_pair p;
	const char **v;
	size_t i;

	v = xreallocarray(NULL, kv->nval + 1, sizeof(*v));
	for (i = 0; i < kv->nval; i++)
		v[i] = kv->vals.s + kv->voff[i];
	/* A space sorts below every byte of an escaped id: b's order. */
	qsort(v, kv->nval, sizeof(*v), value_cmp);
	unescape(kv->key.s + 1, kv->key.len - 1, &kv->a);
	for (i = 0; i < kv->nval; i++) {
		if (simkv_pair(v[i], &p) < 0)
			continue;
		unescape(v[i], strcspn(v[i], " "), &kv->b);
		simkv_pair_json(&kv->out, kv->a.s, kv->a.len, kv->b.s,
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
			reduce_p(kv);
		break;
	case 'B':
		reduce_b(kv);
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
	kv->holders = kv->posters = 0;
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

/* The id of the group's key, unescaped, for a message. */
static const char *
key_id(struct simkv *kv)
{
	unescape(kv->key.s + 1, kv->key.len - 1, &kv->a);
	return buf_cstr(&kv->a);
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

/* A P value: count it; once the key is a common phrase, stream posters. */
static void
add_p(struct simkv *kv, const char *v)
{
	const char *id = v + 2 + RLEN + 1;
	size_t i;

	kv->holders++;
	kv->posters += v[0] == 'p';
	if (kv->common) {
		if (v[0] == 'p')
			emit_common(kv, id);
		unkeep(kv);
	} else if (sim_common(&kv->o, kv->holders, kv->posters)) {
		/* Common for good: the counts only grow. */
		kv->common = 1;
		for (i = 0; i < kv->nval; i++) {
			v = kv->vals.s + kv->voff[i];
			if (v[0] == 'p')
				emit_common(kv, v + 2 + RLEN + 1);
		}
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
	kv->own = (long)parse_hex(v + 2, &kv->fp, &kv->capfp);
	unkeep(kv);
	for (i = 0; i < kv->nval; i++)
		verify(kv, kv->vals.s + kv->voff[i]);
	clear(kv);
	return 0;
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
	if (kv->waiting && (kv->edges || kv->sets))
		return fail(kv, msg, "lines of the map and of round 1 "
		    "together: each round reads the sorted lines of the one "
		    "before");
	if (kv->waiting + kv->sets > 1) {
		buf_reset(&kv->b);
		buf_printf(&kv->b, "id \"%s\" is the id of two items: ids "
		    "must be unique", key_id(kv));
		return fail(kv, msg, buf_cstr(&kv->b));
	}
	return 0;
}

/* Is the value v right for a line of key letter k? */
static int
valid(int k, const char *v)
{
	switch (k) {
	case 'P':
		return match(v, "p R I") || match(v, "h R I");
	case 'B':
		return match(v, "R I");
	case 'J':
		return match(v, "w H") || match(v, "s H") || match(v, "c") ||
		    match(v, "h X I") || match(v, "l X I");
	case 'L':
		return match(v, "0 H") || match(v, "2 I H");
	case 'Z':
		return match(v, "I D D D");
	}
	return 0;
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
	if (!(line[0] == 'P' || line[0] == 'B' ? match(kv->key.s + 1, "X") :
	    match(kv->key.s + 1, "I")))
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
	switch (line[0]) {
	case 'P':
		add_p(kv, v);
		break;
	case 'J':
		return add_j(kv, v, msg);
	case 'L':
		return add_l(kv, v, msg);
	}
	return 0;
}

void
simkv_reduce_end(struct simkv *kv)
{
	flush(kv);
	drain(kv);
}

int
simkv_pair(const char *value, struct sim_pair *p)
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
	p->shared = (uint32_t)shared;
	p->jaccard = (double)shared / ((double)na + nb - shared);
	p->in_a = (double)shared / na;
	p->in_b = (double)shared / nb;
	return 0;
}

void
simkv_pair_json(struct buf *out, const char *a, size_t alen, const char *b,
    size_t blen, const struct sim_pair *p)
{
	buf_adds(out, "{\"a\":");
	json_encode_string(out, a, alen);
	buf_adds(out, ",\"b\":");
	json_encode_string(out, b, blen);
	buf_adds(out, ",\"jaccard\":");
	json_add_real(out, p->jaccard, 4);
	buf_adds(out, ",\"in_a\":");
	json_add_real(out, p->in_a, 4);
	buf_adds(out, ",\"in_b\":");
	json_add_real(out, p->in_b, 4);
	buf_printf(out, ",\"shared\":%u}\n", p->shared);
}
