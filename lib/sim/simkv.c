/*
 * simkv.c - see simkv.h.
 *
 * A reduce round keeps one group (the lines of one key) and acts on it when
 * the key changes; the key's first letter says which round it is, so one
 * function serves every round.  Each line is checked as it comes, against
 * a pattern of its round, so the functions that act on a group trust its
 * values and a bad line is reported where it is.  Round 1 also feeds the
 * combiner (kvcomb.h), which outlives the groups.
 */
#include <assert.h>
#include <err.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/json.h"
#include "base/util.h"
#include "sim/kvcode.h"
#include "sim/kvcomb.h"
#include "sim/kvmap.h"
#include "sim/minhash.h"
#include "sim/pair.h"
#include "sim/shingle.h"
#include "sim/simkv.h"
#include "sim/textpack.h"

#define TLEN	9	/* the options tag and its space */
#define OUTBUF	65536	/* lines are written in pieces about this big */
#define PREFETCH 8	/* round 1 looks up items this many ahead */
#define KEYMAX	(KV_HASHLEN - 1) /* an item's key: its escaped id up to
			   this long, else a hash of it, one longer */

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
	int		 headed;	/* the A line written */
	uint32_t	 prefix;	/* P, B: the group's key prefix */
	struct pbent	*ent, *ent2;	/* P, B: the group's postings, and
					   room to merge them */
	size_t		 nent, capent, capent2;
	uint32_t	*common;	/* P: keys found common phrases */
	size_t		 ncommon, capcommon;
	int		 waiting, sets;	/* T, J: w and s values */
	long		 own;		/* L: own set's size, -1 before it */
	struct buf	 ownid;		/* L: own escaped id */
	int		 round;		/* of the lines read, -1 before one */
	struct kvcomb	*comb;		/* round 1's pairs */
	struct kvmap	*km;		/* the map's buffer, or NULL */
	uint64_t	 base;		/* the map's batch base (simkv.h) */
	uint32_t	 nref;		/* without a buffer: items so far */
	uint64_t	 pref0;		/* the piece's first reference */
	uint32_t	 pn;		/* and its items (textpack.h) */
	struct buf	 uline;		/* its U line */
	uint32_t	*mkey;		/* the map's P, then B keys of an item */
	size_t		 capmkey;
	uint32_t	*vitem;		/* P, B: each item's number */
	size_t		 nvitem, capvitem;
	struct zslot	*zs;		/* Z: the group's values by b */
	size_t		 capz;
	uint32_t	 zgen;		/* the group's stamp in zs */
	struct textpack	*tp;		/* the texts in the lines */
	const struct item *oitem, *citem; /* L's own item, a candidate */
	struct aligner	*al;		/* made at the first pair to align */
	struct align_text *town, *tcand;
	int		 townset;	/* town holds the own item */
};

/*
 * A P or B group's posting: a probe key or LSH band key, the item's
 * reference, its size and its probe keys (0 for B).
 */
struct pbent {
	uint64_t	 ref;
	uint32_t	 key, m, p;
};

/* A slot of the Z group's hash set: value idx - 1 of group gen. */
struct zslot {
	uint32_t	 gen, idx;
};

/* A hash of the options that decide the pairs: the tag of the lines. */
static uint32_t
opts_tag(const struct sim_opts *o)
{
	uint64_t v[11], h = 0x6a09e667f3bcc908ULL;
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
	memcpy(&v[10], &o->floor, sizeof(v[10]));
	for (i = 0; i < NELEM(v); i++) {
		h = (h ^ v[i]) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 31;
	}
	/* Another format of the lines is other options too. */
	return (uint32_t)(h >> 32) ^ 0xb;
}

static void	edge(void *, uint64_t, uint32_t, uint64_t, uint32_t,
		    uint32_t);
static int	fail(struct simkv *, const char **, const char *);
static const char *damaged(const struct simkv *);

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
	kv->comb = kvcomb_new(&kv->o, maxgroup, kv->mh != NULL ? kv->bands : 0,
	    edge, kv);
	kv->tp = textpack_new();
	kv->own = -1;
	kv->round = -1;
	kv->zgen = 1;
	return kv;
}

void
simkv_limit_text(struct simkv *kv, size_t maxrecord)
{
	size_t max = SIZE_MAX;

	/* An item's id, text and sentences (a varint of at most five bytes
	   for each three of a record's bytes): five records bound it. */
	if (maxrecord > 0 && maxrecord < (SIZE_MAX - TEXTPACK_PIECE) / 5)
		max = 5 * maxrecord + TEXTPACK_PIECE;
	textpack_limit(kv->tp, max);
}

void
simkv_free(struct simkv *kv)
{
	if (kv == NULL)
		return;
	shingler_free(kv->sh);
	minhash_free(kv->mh);
	kvcomb_free(kv->comb);
	kvmap_free(kv->km);
	free(kv->mkey);
	buf_free(&kv->uline);
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
	free(kv->vitem);
	free(kv->ent);
	free(kv->ent2);
	free(kv->common);
	free(kv->zs);
	textpack_free(kv->tp);
	aligner_free(kv->al);
	align_text_free(kv->town);
	align_text_free(kv->tcand);
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
 * Start a line of round r (0 for the map): the first one is the A line,
 * which names the options and the round.
 */
static void
line(struct simkv *kv, int r)
{
	if (kv->headed)
		return;
	kv->headed = 1;
	buf_printf(&kv->out, "A\t%s%d\n", kv->tag, r);
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

/*
 * The prefix of a key at s, KV_PREFIXLEN code characters, into *v: its
 * length, 0 if bad.
 */
static size_t
key_prefix(const char *s, uint32_t *v)
{
	size_t i;
	int d;

	for (i = 0, *v = 0; i < KV_PREFIXLEN; i++) {
		if ((d = kv_digit((unsigned char)s[i])) < 0)
			return 0;
		*v = *v << 6 | (uint32_t)d;
	}
	return *v >> KV_PREFIXBITS == 0 ? KV_PREFIXLEN : 0;
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

	if ((n = id_len(s)) > KEYMAX && (n != KV_HASHLEN || !kv_is_hash(s)))
		n = 0;
	return (unsigned char)s[n] > ' ' ? 0 : n;
}

/*
 * Append the key of the item with id (idlen bytes), escaped as e (elen
 * bytes): e itself when it is up to KEYMAX bytes, else XXH64 of the id in
 * KV_HASHLEN characters, a length no id kept is.  Keys name items in the
 * lines that cost one per shingle, so a long id (a URL, or an id like
 * "bbc-business-001") costs its length once per item.
 */
static void
item_key(struct buf *out, const char *id, size_t idlen, const char *e,
    size_t elen)
{
	if (elen <= KEYMAX)
		buf_add(out, e, elen);
	else
		kv_put_hash(out, XXH64(id, idlen, 0));
}

/*
 * Does the string s match pat?  In pat, Y is a key's prefix (KV_PREFIXLEN
 * code characters), N a code number, T a text (code characters), H eight hex
 * digits, I an escaped id, K an item key, G an item reference (KV_HASHLEN
 * code characters), D a decimal number, R a real; any other character stands
 * for itself.
 */
static const char *
match_at(const char *s, const char *pat)
{
	uint32_t v;
	size_t n;

	for (; *pat != '\0'; pat++, s += n) {
		switch (*pat) {
		case 'N':
			if ((n = kv_get_num(s, &v)) == 0)
				return NULL;
			break;
		case 'Y':
			if ((n = key_prefix(s, &v)) == 0)
				return NULL;
			break;
		case 'T':
			if ((n = kv_text_span(s)) == 0)
				return NULL;
			break;
		case 'R':
			n = strspn(s, "0123456789.e+-");
			if (n == 0 || n > 26)
				return NULL;
			break;
		case 'H':
			if (hex_len(s) < 8)
				return NULL;
			n = 8;
			break;
		case 'I':
			if ((n = id_len(s)) == 0)
				return NULL;
			break;
		case 'K':
			if ((n = key_len(s)) == 0)
				return NULL;
			break;
		case 'G':
			if (!kv_is_hash(s))
				return NULL;
			n = KV_HASHLEN;
			break;
		case 'D':
			n = strspn(s, "0123456789");
			if (n == 0 || n > 10)
				return NULL;
			break;
		default:
			if (*s != *pat)
				return NULL;
			n = 1;
		}
	}
	return s;
}

static int
match(const char *s, const char *pat)
{
	return (s = match_at(s, pat)) != NULL && *s == '\0';
}

/*
 * Shingle text into *fpp (capacity *capp) and, with sketch, sketch it into
 * kv->sig; the count.
 */
static size_t
prepare(struct simkv *kv, const char *text, size_t len, uint32_t **fpp,
    size_t *capp, int sketch)
{
	const uint64_t *set;
	size_t n, m;

	set = shingler_set(kv->sh, text, len, &n);
	*fpp = xroom(*fpp, capp, n, sizeof(**fpp));
	m = sim_fingerprints(set, n, *fpp);
	if (sketch && kv->mh != NULL && m > 0)
		minhash_sketch(kv->mh, set, n, kv->sig);
	shingler_trim(kv->sh);	/* a long item's arrays go with it */
	return m;
}

void
simkv_map_buffer(struct simkv *kv, size_t bytes)
{
	assert(kv->km == NULL && !kv->headed);
	if (bytes > 0)
		kv->km = kvmap_new(bytes, kv->write, kv->arg);
}

void
simkv_map(struct simkv *kv, const char *id, size_t idlen, const char *text,
    size_t len)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.id = id;
	it.idlen = idlen;
	it.text = text;
	it.len = len;
	simkv_map_item(kv, &it);
}

/*
 * Without a buffer: a line for each of the n keys, letter c, under the
 * key's prefix: the base, the widths of the item's number num, its size
 * m and, for P, its probe keys p, each its own, and the posting: the rest
 * of the key, num, m (and p).
 */
static void
plain_lines(struct simkv *kv, int c, const uint32_t *key, size_t n,
    uint32_t num, uint32_t m, uint32_t p)
{
	char kc[KV_KEYLEN], base[KV_HASHLEN];
	size_t i;
	int w = kv_num_len(num), wm = kv_num_len(m), wp = kv_num_len(p);

	kv_hash_chars(kv->base, base);
	for (i = 0; i < n; i++) {
		kv_key_chars(key[i], kc);
		buf_addc(&kv->out, c);
		buf_add(&kv->out, kc, KV_PREFIXLEN);
		buf_addc(&kv->out, '\t');
		buf_add(&kv->out, base, KV_HASHLEN);
		kv_put_num(&kv->out, (uint32_t)w);
		kv_put_num(&kv->out, (uint32_t)wm);
		if (c == 'P')
			kv_put_num(&kv->out, (uint32_t)wp);
		buf_addc(&kv->out, ' ');
		buf_add(&kv->out, kc + KV_PREFIXLEN, KV_KEYLEN -
		    KV_PREFIXLEN);
		kv_put_numw(&kv->out, num, w);
		kv_put_numw(&kv->out, m, wm);
		if (c == 'P')
			kv_put_numw(&kv->out, p, wp);
		buf_addc(&kv->out, '\n');
		done(kv);
	}
}

/*
 * Write the piece of texts: a U line under its first item's reference,
 * through the buffer or at once.
 */
static void
put_piece(struct simkv *kv)
{
	char r[KV_HASHLEN];

	if (kv->pn == 0)
		return;
	kv_hash_chars(kv->pref0, r);
	buf_reset(&kv->uline);
	buf_addc(&kv->uline, 'U');
	buf_add(&kv->uline, r, KV_HASHLEN);
	buf_addc(&kv->uline, '\t');
	buf_adds(&kv->uline, kv->tag);
	textpack_piece_put(kv->tp, &kv->uline);
	buf_addc(&kv->uline, '\n');
	kv->pn = 0;
	if (kv->km != NULL)
		kvmap_add_line(kv->km, kv->uline.s, kv->uline.len,
		    1 + KV_HASHLEN);
	else {
		drain(kv);
		kv->write(kv->arg, kv->uline.s, kv->uline.len);
	}
}

void
simkv_map_item(struct simkv *kv, const struct item *it)
{
	struct kvmap_item mi;
	const char *id = it->id;
	size_t idlen = it->idlen;
	uint64_t below;
	uint32_t p = 0, num;
	size_t m, f, klen, nb = kv->mh != NULL ? kv->bands : 0;
	unsigned b;

	assert(idlen > 0);
	if ((m = prepare(kv, it->text, it->len, &kv->fp, &kv->capfp, 1)) == 0)
		return;		/* an item without words has no pairs */
	line(kv, 0);
	buf_reset(&kv->a);
	escape(id, idlen, &kv->a);
	buf_reset(&kv->b);
	item_key(&kv->b, id, idlen, kv->a.s, kv->a.len);
	klen = kv->b.len;
	/*
	 * The item's reference: the batch's base (a hash of its first
	 * item's id) + its number in the batch; a map without a buffer is
	 * one batch, begun again every 2^32 - 1 items.
	 */
	num = kv->km != NULL ? (uint32_t)kvmap_count(kv->km) : kv->nref;
	if (num == 0)
		kv->base = XXH64(id, idlen, 0);
	if (kv->km == NULL && ++kv->nref == UINT32_MAX)
		kv->nref = 0;
	/* The text goes in the piece, whose references follow on. */
	if (kv->pn > 0 && kv->base + num != kv->pref0 + kv->pn)
		put_piece(kv);
	if (kv->pn++ == 0)
		kv->pref0 = kv->base + num;
	textpack_piece_add(kv->tp, kv->a.s, kv->a.len, (uint32_t)m, it);
	/* Only the probe keys (sim.h): a sample of a long item. */
	kv->mkey = xroom(kv->mkey, &kv->capmkey, m + nb, sizeof(*kv->mkey));
	below = sim_post_below(&kv->o, (uint32_t)m);
	for (f = 0; (kv->o.gen & SIM_GEN_PROBE) && f < m; f++)
		if (sim_post_hash(kv->fp[f]) < below)
			kv->mkey[p++] = kv->fp[f];
	for (b = 0; b < nb; b++)
		kv->mkey[p + b] = minhash_band_key(kv->sig +
		    (size_t)b * kv->rows, b, kv->rows);
	if (kv->km == NULL) {
		plain_lines(kv, 'P', kv->mkey, p, num, (uint32_t)m, p);
		plain_lines(kv, 'B', kv->mkey + p, nb, num, (uint32_t)m, 0);
	} else
		drain(kv);	/* the A line */
	memset(&mi, 0, sizeof(mi));
	/* The T line, under the key of the id, meets an id given twice. */
	buf_printf(&kv->out, "T%s\t%sw %s\n", buf_cstr(&kv->b), kv->tag,
	    buf_cstr(&kv->a));
	if (kv->km == NULL) {
		drain(kv);
		if (textpack_piece_len(kv->tp) >= TEXTPACK_PIECE)
			put_piece(kv);
		return;
	}
	mi.base = kv->base;
	mi.m = (uint32_t)m;
	mi.p = p;
	mi.probe = kv->mkey;
	mi.nprobe = p;
	mi.band = kv->mkey + p;
	mi.nband = nb;
	mi.tline = kv->out.s;
	mi.tlen = kv->out.len;
	mi.tkey = 1 + klen;
	kvmap_add(kv->km, &mi);
	buf_reset(&kv->out);
	if (textpack_piece_len(kv->tp) >= TEXTPACK_PIECE)
		put_piece(kv);
}

void
simkv_map_end(struct simkv *kv)
{
	put_piece(kv);
	kvmap_flush(kv->km);
	drain(kv);
}

/*
 * One end of a pair from the combiner: "+ kb mb" or "# kb mb hits".  The
 * size tells round 2 which of the two sends its text.
 */
static void
edge_line(struct simkv *kv, const char *ka, size_t la, const char *kb,
    size_t lb, uint32_t mb, uint32_t hits)
{
	buf_addc(&kv->out, 'J');
	buf_add(&kv->out, ka, la);
	buf_adds(&kv->out, hits == KVCOMB_CAND ? "\t+ " : "\t# ");
	buf_add(&kv->out, kb, lb);
	buf_addc(&kv->out, ' ');
	kv_put_num(&kv->out, mb);
	if (hits != KVCOMB_CAND) {
		buf_addc(&kv->out, ' ');
		kv_put_num(&kv->out, hits);
	}
	buf_addc(&kv->out, '\n');
	done(kv);
}

/* The combiner's pair goes to both its items' groups of round 2. */
static void
edge(void *arg, uint64_t ra, uint32_t ma, uint64_t rb, uint32_t mb,
    uint32_t hits)
{
	struct simkv *kv = arg;
	char ka[KV_HASHLEN], kb[KV_HASHLEN];

	kv_hash_chars(ra, ka);
	kv_hash_chars(rb, kb);
	line(kv, 1);
	edge_line(kv, ka, KV_HASHLEN, kb, KV_HASHLEN, mb, hits);
	edge_line(kv, kb, KV_HASHLEN, ka, KV_HASHLEN, ma, hits);
}

/*
 * Postings by key alone: the combiner takes a key's items in any order
 * (kvcomb_group), so the items of a key need not be in order.
 */
static int
pbent_cmp(const void *a, const void *b)
{
	const struct pbent *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/* The end of the run in order of e[lo..n). */
static size_t
run_end(const struct pbent *e, size_t lo, size_t n)
{
	for (lo++; lo < n && pbent_cmp(&e[lo - 1], &e[lo]) <= 0; lo++)
		continue;
	return lo;
}

/*
 * Sort the group's postings by key.  Each line of the map's buffer holds
 * them in order, and a prefix has a line or a few, so runs in order are
 * merged; a group of many runs (a map without a buffer, lines cut) is
 * sorted anew.
 */
static void
sort_postings(struct simkv *kv)
{
	struct pbent *a, *b, *t;
	size_t n = kv->nent, nrun = 1, lo, mid, hi, i, j, k, c;

	for (i = 1; i < n; i++)
		nrun += pbent_cmp(&kv->ent[i - 1], &kv->ent[i]) > 0;
	if (nrun == 1)
		return;
	if (nrun > 16) {
		qsort(kv->ent, n, sizeof(*kv->ent), pbent_cmp);
		return;
	}
	kv->ent2 = xroom(kv->ent2, &kv->capent2, n, sizeof(*kv->ent2));
	for (a = kv->ent, b = kv->ent2; nrun > 1; t = a, a = b, b = t) {
		for (lo = 0, nrun = 0; lo < n; lo = hi, nrun++) {
			mid = run_end(a, lo, n);
			hi = mid < n ? run_end(a, mid, n) : n;
			for (i = lo, j = mid, k = lo; k < hi; k++)
				b[k] = j == hi || (i < mid &&
				    pbent_cmp(&a[i], &a[j]) <= 0) ? a[i++] :
				    a[j++];
		}
	}
	if (a != kv->ent) {
		t = kv->ent;
		kv->ent = kv->ent2;
		kv->ent2 = t;
		c = kv->capent;
		kv->capent = kv->capent2;
		kv->capent2 = c;
	}
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Is key one that an earlier look at the group found a common phrase? */
static int
known_common(const struct simkv *kv, uint32_t key)
{
	return kv->ncommon > 0 && bsearch(&key, kv->common, kv->ncommon,
	    sizeof(*kv->common), u32_cmp) != NULL;
}

/*
 * The combiner's number of the item of posting n of the group.  The slot
 * of the item PREFETCH postings on is asked for, since a look-up is a
 * cache miss on a large batch.
 */
static uint32_t
item_at(struct simkv *kv, size_t n)
{
	const struct pbent *e = kv->ent;

	if (n + PREFETCH < kv->nent)
		kvcomb_prefetch(kv->comb, e[n + PREFETCH].ref);
	return kvcomb_item(kv->comb, e[n].ref, e[n].m, e[n].p);
}

/*
 * Walk the postings of the P or B group (lsh) by key: each key's items go
 * to the combiner, a probe key's only when it is no common phrase (a key
 * posted by more items than maxdf, sim.h); every P posting counts one more
 * of its item's keys seen, common phrase or not.  With drop_only, a look
 * before the group ends, only the common phrases are taken out (the keys
 * remembered, since their postings may still come), and the others kept.
 */
static void
walk_pb(struct simkv *kv, int lsh, int drop_only)
{
	struct pbent *e;
	size_t i, j, n, kept = 0, c0 = kv->ncommon;
	uint32_t item;
	int drop;

	sort_postings(kv);
	e = kv->ent;
	for (i = 0; i < kv->nent; i = j) {
		for (j = i + 1; j < kv->nent && e[j].key == e[i].key; j++)
			continue;
		drop = !lsh && (sim_common(&kv->o, j - i) ||
		    known_common(kv, e[i].key));
		if (drop_only && !drop) {
			memmove(e + kept, e + i, (j - i) * sizeof(*e));
			kept += j - i;
			continue;
		}
		if (drop_only && !known_common(kv, e[i].key)) {
			kv->common = xroom(kv->common, &kv->capcommon,
			    kv->ncommon + 1, sizeof(*kv->common));
			kv->common[kv->ncommon++] = e[i].key;
		}
		kv->nvitem = 0;
		kv->vitem = xroom(kv->vitem, &kv->capvitem, j - i,
		    sizeof(*kv->vitem));
		for (n = i; n < j; n++) {
			item = item_at(kv, n);
			if (!drop)
				kv->vitem[kv->nvitem++] = item;
		}
		if (!drop)
			kvcomb_group(kv->comb, kv->vitem, kv->nvitem, lsh);
	}
	if (drop_only) {
		kv->nent = kept;
		if (kv->ncommon > c0)
			qsort(kv->common, kv->ncommon, sizeof(*kv->common),
			    u32_cmp);
	}
}

/*
 * Round 1's U line, value v[0..vlen): a piece of the map's texts, the
 * first of its items that of the key's reference, the others the
 * references that follow.  Each item's id, size and text, "s id m X", are
 * passed on to round 2 under J<R>, R its reference, unless the item has no
 * candidate for sure.  U sorts after B and P, so the groups of keys are
 * all in.  Returns 0, or -1 with *msg set when the piece is damaged.
 */
static int
pass_piece(struct simkv *kv, const char *v, size_t vlen, const char **msg)
{
	const char *eid;
	char ref[KV_HASHLEN];
	uint64_t r;
	uint32_t m;
	size_t elen, at = 0;
	int c, pass;

	kvcomb_settle(kv->comb);
	if (kv_get_hash(kv->key.s + 1, &r) < 0 ||
	    textpack_piece_open(kv->tp, v, vlen) < 0) {
		/* A value that is no code at all is no line of ours. */
		for (at = 0; at < vlen && kv_text_char((unsigned char)v[at]);
		    at++)
			continue;
		return fail(kv, msg, vlen == 0 || at < vlen ? "not a line "
		    "of artsim --map or --reduce" : damaged(kv));
	}
	for (;; r++) {
		kv_hash_chars(r, ref);
		if ((pass = !kvcomb_lonely(kv->comb, ref, KV_HASHLEN))) {
			line(kv, 1);
			at = kv->out.len;
			buf_addc(&kv->out, 'J');
			buf_add(&kv->out, ref, KV_HASHLEN);
			buf_printf(&kv->out, "\t%ss ", kv->tag);
		}
		buf_reset(&kv->b);
		c = textpack_piece_next(kv->tp, &eid, &elen, &m,
		    pass ? &kv->b : NULL);
		/* An id the rounds read: escaped, all of it. */
		if (c > 0) {
			buf_reset(&kv->a);
			buf_add(&kv->a, eid, elen);
			if (id_len(buf_cstr(&kv->a)) != elen)
				c = -1;
		}
		if (c <= 0) {
			if (pass)
				buf_truncate(&kv->out, at);
			break;
		}
		if (!pass)
			continue;
		buf_add(&kv->out, eid, elen);
		buf_addc(&kv->out, ' ');
		kv_put_num(&kv->out, m);
		buf_addc(&kv->out, ' ');
		buf_add(&kv->out, kv->b.s, kv->b.len);
		buf_addc(&kv->out, '\n');
		done(kv);
	}
	return c < 0 ? fail(kv, msg, damaged(kv)) : 0;
}

/* J edge values "+ K m" and "# K m hits": sorted by K to add up. */
struct cand {
	const char	*k;
	size_t		 klen;
	uint32_t	 size, hits;	/* hits KVCOMB_CAND: a candidate */
};

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return kv_keycmp(x->k, x->klen, y->k, y->klen);
}

/*
 * Does x send its text to y?  The smaller item (fewer fingerprints; the
 * lesser key between equals) does: a pair costs the shorter of its two
 * texts, which on a collection of templates is half the bytes of a
 * random choice.  Both items of a pair decide alike.
 */
static int
sends(const struct cand *x, const struct cand *y)
{
	if (x->size != y->size)
		return x->size < y->size;
	return cand_cmp(x, y) < 0;
}

/*
 * Round 2's J group of item j: add up its pairs' hits into candidates, as
 * simindex does (sim_candidate), and send j's set to each candidate it
 * sends to (sends()); j's own set goes to its L group when a candidate
 * will send its set there.
 */
static void
reduce_j(struct simkv *kv)
{
	struct cand *c, own;
	const char *v, *set = NULL;
	uint32_t size = 0, hits;
	size_t i, n = 0, k, sl;
	int cand, receives = 0;

	c = xreallocarray(NULL, kv->nval + 1, sizeof(*c));
	for (i = 0; i < kv->nval; i++) {
		v = kv->vals.s + kv->voff[i];
		if (v[0] != '+' && v[0] != '#') {
			set = v + 2;	/* "s id set" */
			continue;
		}
		c[n].k = v + 2;
		c[n].klen = strcspn(v + 2, " ");
		c[n].hits = KVCOMB_CAND;
		sl = kv_get_num(v + 3 + c[n].klen, &c[n].size);
		if (v[0] == '#')
			kv_get_num(v + 4 + c[n].klen + sl, &c[n].hits);
		n++;
	}
	if (set == NULL || n == 0) {
		free(c);
		return;
	}
	kv_get_num(set + strcspn(set, " ") + 1, &size);
	own.k = kv->key.s + 1;
	own.klen = kv->key.len - 1;
	own.size = size;
	qsort(c, n, sizeof(*c), cand_cmp);
	for (i = 0; i < n; i = k) {
		for (k = i, hits = 0, cand = 0; k < n && cand_cmp(&c[k],
		    &c[i]) == 0; k++) {
			if (c[k].hits == KVCOMB_CAND)
				cand = 1;
			else
				hits += c[k].hits;
		}
		if (!cand && !sim_candidate(&kv->o, size, c[i].size, hits, 0))
			continue;
		if (!sends(&own, &c[i])) {
			receives = 1;
			continue;
		}
		line(kv, 2);
		buf_addc(&kv->out, 'L');
		buf_add(&kv->out, c[i].k, c[i].klen);
		buf_printf(&kv->out, "\t%s2 %s\n", kv->tag, set);
		done(kv);
	}
	if (receives) {
		line(kv, 2);
		buf_printf(&kv->out, "L%s\t%s0 %s\n", own.k, kv->tag, set);
		done(kv);
	}
	free(c);
}

/*
 * The evidence of the passages of the own item (slot 0) and the candidate
 * (slot 1), a being the own item when own_a: as the in-memory run aligns
 * a pair, with a the lesser id.
 */
static void
align_pair_ev(struct simkv *kv, int own_a, struct align_evidence *ev)
{
	const struct item *o = kv->oitem, *c = kv->citem;

	if (kv->al == NULL) {
		kv->al = aligner_new(NULL);
		kv->town = align_text_new();
		kv->tcand = align_text_new();
	}
	if (!kv->townset) {
		align_text_set(kv->al, kv->town, o->text, o->len, o->sent,
		    o->nsent, o->cstart);
		kv->townset = 1;
	}
	align_text_set(kv->al, kv->tcand, c->text, c->len, c->sent, c->nsent,
	    c->cstart);
	if (own_a)
		align_evidence(kv->al, kv->town, kv->tcand, ev);
	else
		align_evidence(kv->al, kv->tcand, kv->town, ev);
}

/*
 * Round 3: verify the candidate "2 j m text" against the own set in
 * kv->fp, the own id in kv->ownid, the own item in slot 0: a pair past
 * the thresholds, or under them from the floor with passages that show
 * reuse (sim_verdict, sim_evidence), is a Z line.  -1 when the text is
 * damaged.
 */
static int
verify(struct simkv *kv, const char *v)
{
	struct align_evidence ev;
	const char *i = kv->ownid.s, *j = v + 2, *sp, *tx;
	size_t na = (size_t)kv->own, nb, jl, il = kv->ownid.len, sl;
	uint32_t shared, m;
	int c, own_a, by;

	sp = strchr(j, ' ');
	jl = (size_t)(sp - j);
	sl = kv_get_num(sp + 1, &m);
	tx = sp + 2 + sl;
	if ((kv->citem = textpack_get(kv->tp, tx, strlen(tx), 1)) == NULL)
		return -1;
	nb = prepare(kv, kv->citem->text, kv->citem->len, &kv->fp2,
	    &kv->capfp2, 0);
	if (nb == 0)
		return -1;	/* the map writes no item without words */
	shared = sim_intersect(kv->fp, na, kv->fp2, nb);
	/* Escaped ids keep their byte order: a is the smaller id. */
	c = memcmp(i, j, il < jl ? il : jl);
	own_a = c < 0 || (c == 0 && il < jl);
	by = own_a ? sim_verdict(&kv->o, shared, (uint32_t)na, (uint32_t)nb) :
	    sim_verdict(&kv->o, shared, (uint32_t)nb, (uint32_t)na);
	if (by == SIM_NO)
		return 0;
	if (by == SIM_CHECK) {
		align_pair_ev(kv, own_a, &ev);
		if (!sim_evidence(&ev))
			return 0;
	}
	line(kv, 3);
	if (own_a)
		buf_printf(&kv->out, "Z%s\t%s%.*s %u %zu %zu", i, kv->tag,
		    (int)jl, j, shared, na, nb);
	else
		buf_printf(&kv->out, "Z%.*s\t%s%s %u %zu %zu", (int)jl, j,
		    kv->tag, i, shared, nb, na);
	/* The passages' figures, exact, for round 4's record. */
	if (by == SIM_CHECK)
		buf_printf(&kv->out, " %zu %u %.17g %.17g %.17g %.17g",
		    ev.passages, ev.words, ev.covered_a, ev.covered_b,
		    ev.similarity, ev.facts);
	buf_addc(&kv->out, '\n');
	done(kv);
	return 0;
}

static int
value_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Read the value of a Z line (after T and the space: "b shared |A| |B|",
 * and for a pair its passages decide "passages words covered_a covered_b
 * similarity facts") into p (a and b left 0).  Returns 0, or -1 when it
 * is not one.
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
	if (na == 0 || nb == 0 || shared > na || shared > nb)
		return -1;
	memset(p, 0, sizeof(*p));
	pair_figures(p, (uint32_t)shared, (uint32_t)na, (uint32_t)nb);
	p->by = SIM_JACCARD;
	if (*end == '\0')
		return 0;
	p->by = SIM_PASSAGES;
	p->ev.passages = strtoul(end, &end, 10);
	p->ev.words = (unsigned)strtoul(end, &end, 10);
	p->ev.covered_a = strtod(end, &end);
	p->ev.covered_b = strtod(end, &end);
	p->ev.similarity = strtod(end, &end);
	p->ev.facts = strtod(end, &end);
	return *end == '\0' ? 0 : -1;
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
	kv->nval = kv->nvitem = 0;
	buf_reset(&kv->vals);
}

static void
flush(struct simkv *kv)
{
	if (!kv->ingroup)
		return;
	switch (kv->key.s[0]) {
	case 'P':
	case 'B':
		walk_pb(kv, kv->key.s[0] == 'B', 0);
		break;
	case 'J':
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
	kv->nent = kv->ncommon = 0;
	kv->waiting = kv->sets = 0;
	kv->own = -1;
	clear(kv);
}

/* Why the text just read was refused. */
static const char *
damaged(const struct simkv *kv)
{
	return textpack_over(kv->tp) ? "a text past five times --max-record "
	    "(give every step the same --max-record)" : "a damaged text";
}

static int
fail(struct simkv *kv, const char **msg, const char *what)
{
	buf_reset(&kv->err);
	buf_adds(&kv->err, what);
	*msg = buf_cstr(&kv->err);
	return -1;
}

/* The group passes --max-group. */
static int
too_big(struct simkv *kv, const char **msg)
{
	buf_reset(&kv->b);
	buf_printf(&kv->b, "the lines of key %.40s pass --max-group (%zu "
	    "bytes)", kv->key.s, kv->maxgroup);
	return fail(kv, msg, buf_cstr(&kv->b));
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

static int
not_ours(struct simkv *kv, const char **msg)
{
	return fail(kv, msg, "not a line of artsim --map or --reduce");
}

/*
 * The postings of a P or B line, letter k, value v[0..vlen): the base H,
 * the widths w, a and (P) b, a space, then one or more of "RLmp" (B:
 * "RLm") one after the other, R the rest of the probe or band key after
 * the group's prefix, L the item's number in w characters (H + L its
 * reference), m its size in a and p its probe keys in b, into the group.
 * Past --max-group the common phrases found so far are dropped, and if
 * that is not enough the line is refused.
 */
static int
add_pb(struct simkv *kv, int k, const char *v, size_t vlen,
    const char **msg)
{
	struct pbent *e;
	uint64_t base;
	uint32_t f[4];
	size_t n, i, head = KV_HASHLEN + (k == 'P' ? 4 : 3), step;
	int w[4], nw = k == 'P' ? 4 : 3;

	w[0] = KV_KEYLEN - KV_PREFIXLEN;
	if (vlen <= head || kv_get_hash(v, &base) < 0 || v[head - 1] != ' ')
		return not_ours(kv, msg);
	for (i = 1, step = (size_t)w[0]; i < (size_t)nw; i++) {
		w[i] = kv_digit((unsigned char)v[KV_HASHLEN + i - 1]);
		if (w[i] < 1 || w[i] > 6)
			return not_ours(kv, msg);
		step += (size_t)w[i];
	}
	if ((vlen - head) % step != 0)
		return not_ours(kv, msg);
	n = (vlen - head) / step;
	kv->ent = xroom(kv->ent, &kv->capent, kv->nent + n, sizeof(*kv->ent));
	for (v += head, e = kv->ent + kv->nent; n > 0; n--, v += step, e++) {
		if (kv_get_fields(v, w, nw, f) < 0)
			return not_ours(kv, msg);
		e->key = kv->prefix << KV_PREFIXSHIFT | f[0];
		e->ref = base + f[1];
		e->m = f[2];
		e->p = k == 'P' ? f[3] : 0;
	}
	kv->nent = (size_t)(e - kv->ent);
	if (kv->maxgroup == 0 || kv->nent * sizeof(*e) <= kv->maxgroup)
		return 0;
	if (k == 'P')
		walk_pb(kv, 0, 1);
	/* Room for a quarter more, so that a look is not made each line. */
	if (kv->nent * sizeof(*e) <= kv->maxgroup / 4 * 3)
		return 0;
	return too_big(kv, msg);
}

/* An L value: verify at once when the own set is here. */
static int
add_l(struct simkv *kv, const char *v, const char **msg)
{
	size_t i, sl;

	const char *tx;
	uint32_t m;

	if (v[0] == '2') {
		if (kv->own >= 0) {
			if (verify(kv, v) < 0)
				return fail(kv, msg, damaged(kv));
			unkeep(kv);
		}
		return 0;
	}
	if (kv->own >= 0)
		return fail(kv, msg, "two items have this id");
	/* v is "0 id m text": the own id, then the own item. */
	buf_reset(&kv->ownid);
	buf_add(&kv->ownid, v + 2, strcspn(v + 2, " "));
	sl = kv_get_num(v + 3 + kv->ownid.len, &m);
	tx = v + 4 + kv->ownid.len + sl;
	kv->townset = 0;
	if ((kv->oitem = textpack_get(kv->tp, tx, strlen(tx), 0)) == NULL ||
	    (kv->own = (long)prepare(kv, kv->oitem->text, kv->oitem->len,
	    &kv->fp, &kv->capfp, 0)) == 0)
		return fail(kv, msg, damaged(kv));
	unkeep(kv);
	for (i = 0; i < kv->nval; i++)
		if (verify(kv, kv->vals.s + kv->voff[i]) < 0)
			return fail(kv, msg, damaged(kv));
	clear(kv);
	return 0;
}

/*
 * A second item under one key: the value v ("w id" or "s id m X") and
 * the one before it.  The same id twice, or two ids whose keys (a 64-bit
 * hash, for long ids; the references, in round 2) are alike.
 */
static int
two_items(struct simkv *kv, const char *v, const char **msg)
{
	const char *u = v, *ui, *vi = v + 2;
	struct buf m = BUF_INIT;
	size_t i, ul, vl = strcspn(vi, " ");

	for (i = 0; i + 1 < kv->nval; i++) {
		u = kv->vals.s + kv->voff[i];
		if (u[0] == 'w' || u[0] == 's')
			break;
	}
	ui = u + 2;
	ul = strcspn(ui, " ");
	unescape(ui, ul, &kv->a);
	if (ul == vl && memcmp(ui, vi, ul) == 0)
		buf_printf(&m, "id \"%s\" is the id of two items: ids must be "
		    "unique", buf_cstr(&kv->a));
	else {
		unescape(vi, vl, &kv->b);
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
	if (kv->waiting + kv->sets > 1)
		return two_items(kv, v, msg);
	return 0;
}

/*
 * Is the value v right for a line of key letter k?  tagged: it came after
 * the options tag.
 */
static int
valid(int k, const char *v, int tagged)
{
	switch (k) {
	case 'A':
		return tagged && (match(v, "0") || match(v, "1") ||
		    match(v, "2") || match(v, "3"));
	case 'T':
		return tagged && match(v, "w I");
	case 'J':
		if (tagged)
			return match(v, "s I N T");
		return match(v, "+ K N") || match(v, "# K N N");
	case 'L':
		return tagged && (match(v, "0 I N T") || match(v, "2 I N T"));
	case 'Z':
		return tagged && (match(v, "I D D D") ||
		    match(v, "I D D D D D R R R R"));
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
	case 'A':
		return v[0] - '0';
	case 'J':
		return 1;
	case 'L':
		return 2;
	case 'Z':
		return 3;
	default:
		return 0;	/* P, B */
	}
}

/* Is round r that of the lines before? */
static int
same_round(struct simkv *kv, int r, const char **msg)
{
	if (kv->round < 0)
		kv->round = r;
	else if (r != kv->round)
		return fail(kv, msg, "lines of two rounds together: each "
		    "round reads the sorted lines of the one before, once");
	return 0;
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
	const char *pat;
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
	switch (line[0]) {
	case 'A':
		pat = "";
		break;
	case 'P':
	case 'B':
		pat = "Y";
		break;
	case 'Z':
		pat = "I";
		break;
	case 'U':
		pat = "G";
		break;
	default:
		pat = "K";
	}
	if (!match(kv->key.s + 1, pat))
		return fail(kv, msg, "not a line of artsim --map or --reduce");
	if (line[0] == 'P' || line[0] == 'B')
		key_prefix(kv->key.s + 1, &kv->prefix);
	kv->ingroup = 1;
	return 0;
}

int
simkv_reduce(struct simkv *kv, const char *line, size_t len, const char **msg)
{
	const char *tab, *v, *val;
	size_t klen, vlen;
	int tagged;

	if (len > 0 && line[len - 1] == '\n')
		len--;
	if (len == 0 || strchr("ABJLPTUZ", line[0]) == NULL ||
	    memchr(line, '\0', len) != NULL ||
	    (tab = memchr(line, '\t', len)) == NULL)
		return fail(kv, msg, "not a line of artsim --map or --reduce");
	klen = (size_t)(tab - line);
	val = tab + 1;
	vlen = len - klen - 1;
	/*
	 * A, L, T, U, Z and J's texts carry the tag; B, P and J's pairs do
	 * not.
	 */
	tagged = strchr("ALTUZ", line[0]) != NULL || (line[0] == 'J' &&
	    vlen > 0 && val[0] != '+' && val[0] != '#');
	if (tagged) {
		if (vlen < TLEN || val[TLEN - 1] != ' ' || hex_len(val) < 8)
			return fail(kv, msg, "not a line of artsim --map or "
			    "--reduce");
		if (memcmp(val, kv->tag, TLEN) != 0)
			return fail(kv, msg, "made with other options than "
			    "this step: give every step the same -k, -n, -t, "
			    "--chars, --contain and --seed");
		val += TLEN;
		vlen -= TLEN;
	}
	if (new_key(kv, line, klen, msg) < 0)
		return -1;
	if (line[0] == 'P' || line[0] == 'B') {
		if (same_round(kv, 0, msg) < 0)
			return -1;
		return add_pb(kv, line[0], val, vlen, msg);
	}
	/*
	 * A piece of texts is read where it is, not kept: it is a line of
	 * its own, whose size the map bounds (textpack.h), and the most
	 * bytes of round 1's input.
	 */
	if (line[0] == 'U') {
		if (same_round(kv, 0, msg) < 0)
			return -1;
		return pass_piece(kv, val, vlen, msg);
	}
	v = keep(kv, val, vlen);
	if (!valid(line[0], v, tagged))
		return fail(kv, msg, "not a line of artsim --map or --reduce");
	if (kv->maxgroup > 0 && kv->vals.len > kv->maxgroup)
		return too_big(kv, msg);
	if (same_round(kv, line_round(line[0], v), msg) < 0)
		return -1;
	switch (line[0]) {
	case 'A':
		unkeep(kv);
		break;
	case 'J':
	case 'T':
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
	if (kv->round == 0)
		kvcomb_end(kv->comb);
	drain(kv);
}
