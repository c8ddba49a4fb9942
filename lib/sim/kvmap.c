/*
 * kvmap.c - see kvmap.h.
 *
 * Each probe or band key of an item is a 64-bit posting, the key above
 * the item's number, in one array for P and one for B; the items' sizes
 * and probe keys by number, their T lines in one buffer.  Postings come
 * in item order, so a stable radix sort on the key alone (the top 32
 * bits) leaves each key's items in the order they came, and a run of
 * equal keys is one line.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "sim/kvcode.h"
#include "sim/kvmap.h"

#define OUTBUF		65536	/* lines are written in pieces this big */
#define LINE_VALUE	4096	/* a line's values, about, at most */
#define POST_BYTES	16	/* a posting and its room in the sort */
#define ITEM_BYTES	(sizeof(struct kitem) + 2 * sizeof(struct tref))

/* An item: its size and probe keys, the values of its postings. */
struct kitem {
	uint32_t	 m, p;
};

/*
 * A T line or a line added, at in km->texts, and its key's length; s
 * points there while the lines are sorted (the buffer does not move).
 */
struct tref {
	const char	*s;
	size_t		 at, len, key;
};

struct postings {
	uint64_t	*v;
	size_t		 n, cap;
};

struct kvmap {
	size_t		 budget;
	kvmap_write_fn	 write;
	void		*arg;
	uint64_t	 base;		/* the batch's base (kvmap_count) */
	struct buf	 texts;		/* the items' T lines */
	struct kitem	*item;
	size_t		 nitem, capitem;
	struct postings	 p, b;
	uint64_t	*tmp;		/* the radix sort's other array */
	size_t		 captmp;
	struct tref	*tl;		/* the T lines and lines added */
	size_t		 ntl, captl;
	struct buf	 out;
};

struct kvmap *
kvmap_new(size_t budget, kvmap_write_fn write, void *arg)
{
	struct kvmap *km;

	km = xcalloc(1, sizeof(*km));
	km->budget = budget;
	km->write = write;
	km->arg = arg;
	return km;
}

void
kvmap_free(struct kvmap *km)
{
	if (km == NULL)
		return;
	buf_free(&km->texts);
	buf_free(&km->out);
	free(km->item);
	free(km->p.v);
	free(km->b.v);
	free(km->tmp);
	free(km->tl);
	free(km);
}

static void
post(struct postings *ps, const uint32_t *key, size_t n, uint32_t item)
{
	size_t i;

	ps->v = xroom(ps->v, &ps->cap, ps->n + n, sizeof(*ps->v));
	for (i = 0; i < n; i++)
		ps->v[ps->n + i] = (uint64_t)key[i] << 32 | item;
	ps->n += n;
}

/* The bytes held. */
static size_t
held(const struct kvmap *km)
{
	return POST_BYTES * (km->p.n + km->b.n) + ITEM_BYTES * km->nitem +
	    sizeof(struct tref) * km->ntl + km->texts.len;
}

void
kvmap_add_line(struct kvmap *km, const char *line, size_t len, size_t key)
{
	km->tl = xroom(km->tl, &km->captl, km->ntl + 1, sizeof(*km->tl));
	km->tl[km->ntl].at = km->texts.len;
	km->tl[km->ntl].len = len;
	km->tl[km->ntl++].key = key;
	buf_add(&km->texts, line, len);
}

size_t
kvmap_count(const struct kvmap *km)
{
	return km->nitem;
}

void
kvmap_add(struct kvmap *km, const struct kvmap_item *it)
{
	struct kitem *k;

	if (km->nitem == 0)
		km->base = it->base;

	km->item = xroom(km->item, &km->capitem, km->nitem + 1,
	    sizeof(*km->item));
	k = &km->item[km->nitem];
	k->m = it->m;
	k->p = it->p;
	kvmap_add_line(km, it->tline, it->tlen, it->tkey);
	post(&km->p, it->probe, it->nprobe, (uint32_t)km->nitem);
	post(&km->b, it->band, it->nband, (uint32_t)km->nitem);
	/* The item's number takes 32 bits of a posting. */
	if (++km->nitem == UINT32_MAX || held(km) > km->budget)
		kvmap_flush(km);
}

/*
 * Sort ps by the top 32 bits, stably: four passes of a byte, each from
 * one array to the other, so the postings end where they began.
 */
static void
sort_postings(struct kvmap *km, struct postings *ps)
{
	size_t cnt[256], i, sum, c;
	uint64_t *from = ps->v, *to, *t;
	unsigned shift;

	km->tmp = xroom(km->tmp, &km->captmp, ps->n, sizeof(*km->tmp));
	to = km->tmp;
	for (shift = 32; shift < 64; shift += 8) {
		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < ps->n; i++)
			cnt[(from[i] >> shift) & 0xff]++;
		for (i = 0, sum = 0; i < 256; i++) {
			c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (i = 0; i < ps->n; i++)
			to[cnt[(from[i] >> shift) & 0xff]++] = from[i];
		t = from;
		from = to;
		to = t;
	}
}

static void
drain(struct kvmap *km, size_t at_least)
{
	if (km->out.len >= at_least && km->out.len > 0) {
		km->write(km->arg, km->out.s, km->out.len);
		buf_reset(&km->out);
	}
}

/*
 * The lines of ps, letter c (P: the postings carry p): one a key prefix,
 * the batch's base, the widths of the items' numbers, sizes (and probe
 * keys) and a space, then its keys' postings one after the other, each
 * the rest of its key, the item's number, its size (and probe keys) in
 * those widths, the widest of the prefix's (simkv.h).
 */
static void
put_lines(struct kvmap *km, struct postings *ps, int c, int probe)
{
	const struct kitem *k;
	size_t i, j, e, start = 0, step;
	uint32_t key, prefix, mmax, pmax;
	char kc[KV_KEYLEN], head[KV_HASHLEN + 4], post[KV_KEYLEN + 18], *s;
	int w = kv_num_len((uint32_t)km->nitem - 1), wm, wp, nhead;

	kv_hash_chars(km->base, head);
	kv_numw_chars((uint32_t)w, 1, head + KV_HASHLEN);
	sort_postings(km, ps);
	for (i = 0; i < ps->n; i = j) {
		prefix = (uint32_t)(ps->v[i] >> 32) >> KV_PREFIXSHIFT;
		for (j = i, mmax = pmax = 0; j < ps->n && (uint32_t)(ps->v[j] >>
		    32) >> KV_PREFIXSHIFT == prefix; j++) {
			k = &km->item[(uint32_t)ps->v[j]];
			mmax = k->m > mmax ? k->m : mmax;
			pmax = k->p > pmax ? k->p : pmax;
		}
		wm = kv_num_len(mmax);
		wp = probe ? kv_num_len(pmax) : 0;
		nhead = KV_HASHLEN + 1;
		kv_numw_chars((uint32_t)wm, 1, head + nhead++);
		if (probe)
			kv_numw_chars((uint32_t)wp, 1, head + nhead++);
		head[nhead++] = ' ';
		step = KV_KEYLEN - KV_PREFIXLEN + (size_t)(w + wm + wp);
		for (e = i; e < j; e++) {
			key = (uint32_t)(ps->v[e] >> 32);
			k = &km->item[(uint32_t)ps->v[e]];
			kv_key_chars(key, kc);
			/*
			 * A new line for the prefix past LINE_VALUE: lines
			 * stay short for a sort and a shuffle.
			 */
			if (e == i || km->out.len - start > LINE_VALUE) {
				if (e > i)
					buf_addc(&km->out, '\n');
				start = km->out.len;
				buf_addc(&km->out, c);
				buf_add(&km->out, kc, KV_PREFIXLEN);
				buf_addc(&km->out, '\t');
				buf_add(&km->out, head, (size_t)nhead);
			}
			s = post;
			memcpy(s, kc + KV_PREFIXLEN, KV_KEYLEN - KV_PREFIXLEN);
			s += KV_KEYLEN - KV_PREFIXLEN;
			kv_numw_chars((uint32_t)ps->v[e], w, s);
			kv_numw_chars(k->m, wm, s + w);
			if (probe)
				kv_numw_chars(k->p, wp, s + w + wm);
			buf_add(&km->out, post, step);
		}
		buf_addc(&km->out, '\n');
		drain(km, OUTBUF);
	}
	ps->n = 0;
}

/* T lines and lines added, by key. */
static int
tref_cmp(const void *a, const void *b)
{
	const struct tref *x = a, *y = b;

	return kv_keycmp(x->s, x->key, y->s, y->key);
}

void
kvmap_flush(struct kvmap *km)
{
	size_t i;

	if (km == NULL || (km->nitem == 0 && km->ntl == 0))
		return;
	put_lines(km, &km->b, 'B', 0);
	put_lines(km, &km->p, 'P', 1);
	for (i = 0; i < km->ntl; i++)
		km->tl[i].s = km->texts.s + km->tl[i].at;
	qsort(km->tl, km->ntl, sizeof(*km->tl), tref_cmp);
	for (i = 0; i < km->ntl; i++) {
		buf_add(&km->out, km->texts.s + km->tl[i].at, km->tl[i].len);
		drain(km, OUTBUF);
	}
	drain(km, 1);
	km->nitem = km->ntl = 0;
	buf_reset(&km->texts);
}
