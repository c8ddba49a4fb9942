/*
 * learner.c - see learner.h.
 */
#include <stdlib.h>
#include <string.h>

#include "text/learner.h"
#include "text/model.h"
#include "base/util.h"

/*
 * The learner.  Entries live in one array; an open-addressing index over
 * it finds a paragraph by its key.  Each entry remembers the last item it
 * was counted for, so a paragraph repeated inside one item counts once.
 */
struct lentry {
	uint64_t	 key;
	uint64_t	 last;		/* item number last counted in */
	unsigned long	 items;
	size_t		 source;	/* index into sources */
	char		*text;
	size_t		 len;
};

struct learner {
	unsigned	 min_items;
	struct lentry	*e;
	size_t		 ne, cape;
	size_t		*index;		/* entry + 1; 0 empty */
	size_t		 capindex;
	char		**sources;
	unsigned long	*nitems;	/* items of each source, as sources */
	size_t		 nsources, capsources, capnitems;
	size_t		 cur;		/* source of the current item */
	uint64_t	 item;
};

struct learner *
learner_new(unsigned min_items)
{
	struct learner *l;

	l = xcalloc(1, sizeof(*l));
	l->min_items = min_items > 0 ? min_items : 1;
	return l;
}

void
learner_free(struct learner *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->ne; i++)
		free(l->e[i].text);
	for (i = 0; i < l->nsources; i++)
		free(l->sources[i]);
	free(l->e);
	free(l->index);
	free(l->sources);
	free(l->nitems);
	free(l);
}

void
learner_item(struct learner *l, const char *source)
{
	size_t i;

	if (source == NULL || *source == '\0')
		source = "*";
	l->item++;
	/* Corpora come grouped by source, so the last one is the usual hit. */
	if (l->nsources > 0 && strcmp(l->sources[l->cur], source) == 0) {
		l->nitems[l->cur]++;
		return;
	}
	for (i = 0; i < l->nsources; i++)
		if (strcmp(l->sources[i], source) == 0)
			break;
	if (i == l->nsources) {
		l->sources = xroom(l->sources, &l->capsources,
		    l->nsources + 1, sizeof(*l->sources));
		l->nitems = xroom(l->nitems, &l->capnitems,
		    l->nsources + 1, sizeof(*l->nitems));
		l->nitems[l->nsources] = 0;
		l->sources[l->nsources++] = xstrdup(source);
	}
	l->cur = i;
	l->nitems[i]++;
}

static void
index_entry(struct learner *l, size_t entry)
{
	size_t i, mask = l->capindex - 1;

	for (i = l->e[entry].key & mask; l->index[i] != 0; i = (i + 1) & mask)
		;
	l->index[i] = entry + 1;
}

void
learner_para(struct learner *l, const char *s, size_t n)
{
	struct lentry *e;
	uint64_t key;
	size_t i, mask;

	if (n == 0 || n > MODEL_MAX_BYTES)
		return;
	if (l->nsources == 0)
		learner_item(l, NULL);
	key = model_key(l->sources[l->cur], s, n);
	if (l->capindex > 0) {
		mask = l->capindex - 1;
		for (i = key & mask; l->index[i] != 0; i = (i + 1) & mask) {
			e = &l->e[l->index[i] - 1];
			if (e->key == key && e->source == l->cur &&
			    e->len == n && memcmp(e->text, s, n) == 0) {
				if (e->last != l->item) {
					e->last = l->item;
					e->items++;
				}
				return;
			}
		}
	}
	l->e = xroom(l->e, &l->cape, l->ne + 1, sizeof(*l->e));
	e = &l->e[l->ne++];
	e->key = key;
	e->last = l->item;
	e->items = 1;
	e->source = l->cur;
	e->text = xstrndup(s, n);
	e->len = n;
	if (l->ne * 2 > l->capindex) {
		free(l->index);
		l->capindex = l->capindex ? l->capindex * 2 : 1024;
		l->index = xcalloc(l->capindex, sizeof(*l->index));
		for (i = 0; i < l->ne; i++)
			index_entry(l, i);
	} else
		index_entry(l, l->ne - 1);
}

/*
 * Is entry e furniture: in at least min_items items of its source, and
 * in at least one in LEARN_SHARE of them?  A site's furniture is on a
 * share of its pages however many there are; a story's paragraphs recur
 * on the few copies of it an archive holds, and a larger archive holds
 * no more copies of one story (BBC's 2,225 items repeat paragraphs of
 * one story, lists of venues, dates and referees, and a columnist's bio
 * in 2 to 7 items).  A source of fewer than LEARN_SHARE * min_items
 * items is decided by min_items alone.
 */
#define LEARN_SHARE	100

static int
learned(const struct learner *l, const struct lentry *e)
{
	return e->items >= l->min_items &&
	    e->items * LEARN_SHARE >= l->nitems[e->source];
}

/* qsort has no context argument, so the comparison sees sources this way. */
struct lsort {
	const struct lentry	*e;
	const char		*source;
};

static int
lsort_cmp(const void *a, const void *b)
{
	const struct lsort *x = a, *y = b;
	size_t m;
	int c;

	if ((c = strcmp(x->source, y->source)) != 0)
		return c;
	if (x->e->items != y->e->items)
		return x->e->items > y->e->items ? -1 : 1;
	m = x->e->len < y->e->len ? x->e->len : y->e->len;
	if ((c = memcmp(x->e->text, y->e->text, m)) != 0)
		return c;
	return x->e->len < y->e->len ? -1 : x->e->len > y->e->len;
}

long
learner_write(struct learner *l,
    void (*write)(void *arg, const void *p, size_t n), void *arg)
{
	struct lsort *v;
	struct buf line = BUF_INIT;
	size_t i, n = 0;

	v = xreallocarray(NULL, l->ne, sizeof(*v));
	for (i = 0; i < l->ne; i++)
		if (learned(l, &l->e[i])) {
			v[n].e = &l->e[i];
			v[n++].source = l->sources[l->e[i].source];
		}
	qsort(v, n, sizeof(*v), lsort_cmp);
	buf_printf(&line, "# artclean model: paragraphs found in at least %u "
	    "items of one source,\n# and in at least one in %d of them.\n"
	    "# SOURCE<TAB>ITEMS<TAB>PARAGRAPH, with "
	    "\\n \\t \\\\ escaped; SOURCE * is any source.\n# Delete a line "
	    "to keep that paragraph; add one to remove another.\n",
	    l->min_items, LEARN_SHARE);
	write(arg, line.s, line.len);
	for (i = 0; i < n; i++) {
		buf_reset(&line);
		model_escape(&line, v[i].source, strlen(v[i].source));
		buf_printf(&line, "\t%lu\t", v[i].e->items);
		model_escape(&line, v[i].e->text, v[i].e->len);
		buf_addc(&line, '\n');
		write(arg, line.s, line.len);
	}
	buf_free(&line);
	free(v);
	return (long)n;
}
