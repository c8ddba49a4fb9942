/*
 * echo.c - see echo.h.
 */
#include <string.h>

#include "text/echo.h"
#include "text/para.h"

/*
 * Does the line s (n bytes) begin one of the first nrm removed pieces
 * that is a caption or a credit?  A caption is often shown twice, under
 * the picture with its credit and in a gallery or as alternative text
 * without; the rules see the credit in one, and this finds the other.
 */
static int
echo_of(const struct removal_list *rm, size_t nrm, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nrm; i++)
		if ((strcmp(rm->v[i].category, "caption") == 0 ||
		    strcmp(rm->v[i].category, "credit") == 0) &&
		    rm->v[i].len >= n && memcmp(removal_text(rm, i), s,
		    n) == 0)
			return 1;
	return 0;
}

/* A line must have ECHO_WORDS words to be taken for an echo. */
#define ECHO_WORDS	5

void
echo_cut(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;
	const char *p, *q, *line, *nl, *lend;
	size_t i, j, nrm = rm->n, n, mark, body;
	int echoed, any = 0;

	for (i = 0; i < nrm && !any; i++)
		any = strcmp(rm->v[i].category, "caption") == 0 ||
		    strcmp(rm->v[i].category, "credit") == 0;
	if (!any)
		return;
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
			    ECHO_WORDS) >= ECHO_WORDS && echo_of(rm, nrm, line,
			    n)) {
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
	if (tmp->len != out->len - start) {
		buf_truncate(out, start);
		buf_add(out, tmp->s, tmp->len);
	}
}
