/*
 * echo.c - see echo.h.
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/echo.h"
#include "text/para.h"

/*
 * The captions and credits removed before the step, sorted by their
 * text, so that a line is looked up in log time: a record of many
 * megabytes holds thousands of them and hundreds of thousands of lines,
 * and a scan of every removal for every line made the step quadratic.
 * Each entry keeps the removal's index, as removal_text's pointers move
 * when the step adds its own removals.
 */
struct echo_entry {
	const char	*s;		/* valid while sorting only */
	size_t		 n;
	size_t		 i;		/* index in the removal list */
};

static int
echo_cmp(const void *a, const void *b)
{
	const struct echo_entry *x = a, *y = b;
	int c;

	c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
	if (c != 0)
		return c;
	return (x->n > y->n) - (x->n < y->n);
}

/*
 * Does the line s (n bytes) begin one of the ne captions or credits in
 * v?  Those that begin with s sort together from the first that is not
 * less than s, so that one answers.
 */
static int
echo_of(const struct removal_list *rm, const struct echo_entry *v,
    size_t ne, const char *s, size_t n)
{
	const char *t;
	size_t lo = 0, hi = ne, mid, m;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		t = removal_text(rm, v[mid].i);
		m = v[mid].n < n ? v[mid].n : n;
		c = memcmp(t, s, m);
		if (c < 0 || (c == 0 && v[mid].n < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ne && v[lo].n >= n &&
	    memcmp(removal_text(rm, v[lo].i), s, n) == 0;
}

/* A line must have ECHO_WORDS words to be taken for an echo. */
#define ECHO_WORDS	5

void
echo_cut(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;
	const char *p, *q, *line, *nl, *lend;
	struct echo_entry *v;
	size_t i, j, nrm = rm->n, ne = 0, n, mark, body;
	int echoed;

	for (i = 0; i < nrm; i++)
		if (strcmp(rm->v[i].category, "caption") == 0 ||
		    strcmp(rm->v[i].category, "credit") == 0)
			ne++;
	if (ne == 0)
		return;
	v = xreallocarray(NULL, ne, sizeof(*v));
	for (i = 0, ne = 0; i < nrm; i++)
		if (strcmp(rm->v[i].category, "caption") == 0 ||
		    strcmp(rm->v[i].category, "credit") == 0) {
			v[ne].s = removal_text(rm, i);
			v[ne].n = rm->v[i].len;
			v[ne++].i = i;
		}
	qsort(v, ne, sizeof(*v), echo_cmp);
	buf_reset(tmp);
	for (j = 0; j < ps->n; j++) {
		p = s + ps->v[j].off;
		q = p + ps->v[j].len;
		mark = tmp->len;
		if (mark > 0)
			buf_add(tmp, "\n\n", 2);
		body = tmp->len;
		echoed = 0;
		for (line = p; line < q; line = lend + 1) {
			nl = memchr(line, '\n', (size_t)(q - line));
			lend = nl != NULL ? nl : q;
			n = (size_t)(lend - line);
			if (!para_ends_closed(line, n) && para_words(line, n,
			    ECHO_WORDS) >= ECHO_WORDS && echo_of(rm, v, ne,
			    line, n)) {
				removal_add(rm, "echo", "heuristic", line, n);
				echoed = 1;
				continue;
			}
			if (tmp->len > body)
				buf_addc(tmp, '\n');
			buf_add(tmp, line, n);
		}
		if (echoed && !para_has_letter(tmp->s + body, tmp->len -
		    body)) {
			if (tmp->len > body)
				removal_add(rm, "echo", "heuristic",
				    tmp->s + body, tmp->len - body);
			buf_truncate(tmp, mark);
		} else if (tmp->len == body)
			buf_truncate(tmp, mark);
	}
	free(v);
	if (tmp->len != out->len - start) {
		buf_truncate(out, start);
		buf_add(out, tmp->s, tmp->len);
	}
}
