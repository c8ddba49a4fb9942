/*
 * titlecase.c - part of artclean's step 12, headlines (edges.h:
 * edges_titlecase): one-line paragraphs set as a sentence in title case
 * (captions, other stories' headlines cut short).
 */
#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/* Remove, as name, the paragraphs that is() says yes to. */
static void
cut_each(const char *name, int (*is)(const char *, size_t),
    struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, n;

	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (is(p, n))
			removal_add(rm, name, "heuristic", p, n);
		else
			shape_keep(tmp, p, n);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}

void
edges_titlecase(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, n;

	/*
	 * Most items have no such line: they are told first, and the
	 * paragraphs are copied only for one that has, and prose too.
	 */
	for (i = 0; i < ps->n; i++)
		if (para_title_sentence(s + ps->v[i].off, ps->v[i].len))
			break;
	if (i == ps->n)
		return;
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (para_substantial(p, n) && !para_title_sentence(p, n))
			break;
	}
	if (i < ps->n)
		cut_each("titlecase", para_title_sentence, out, start, ps, rm,
		    tmp);
}
