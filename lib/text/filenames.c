/*
 * filenames.c - artclean's step 13, filenames (edges.h: edges_filenames):
 * lines that are names of files (an image's alternative text, a download
 * link), even inside a paragraph of prose.
 */
#include <string.h>

#include "text/edges.h"
#include "text/para.h"
#include "text/shape.h"

/*
 * Does p (n bytes; lines: holding a '\n') hold a line of file names: is
 * it one, or a line of a paragraph of several lines (a gallery's names
 * over its caption)?
 */
static int
file_names(const char *p, size_t n, int lines)
{
	return lines ? para_some_line(p, n, para_file_line) :
	    para_file_name(p, n);
}

/*
 * Keep p (n bytes), a paragraph of several lines, without its lines of
 * file names, which go as filenames.
 */
static void
keep_but_files(struct buf *tmp, const char *p, size_t n,
    struct removal_list *rm)
{
	const char *nl, *end = p + n;
	size_t len;
	int first = 1;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		if (para_file_line(p, len)) {
			removal_add(rm, "filenames", "heuristic", p, len);
			continue;
		}
		if (first)
			shape_keep(tmp, p, len);
		else {
			buf_addc(tmp, '\n');
			buf_add(tmp, p, len);
		}
		first = 0;
	}
}

void
edges_filenames(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start, *p;
	size_t i, n;
	int prose = 0, found = 0;

	/*
	 * As shape_prose_and(), but a paragraph of prose may hold the names
	 * too, on a line of its own above its caption.
	 */
	for (i = 0; i < ps->n && !(prose && found); i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!found && file_names(p, n, ps->v[i].lines))
			found = 1;
		if (!prose && para_substantial(p, n))
			prose = 1;
	}
	if (!(prose && found))
		return;
	buf_reset(tmp);
	for (i = 0; i < ps->n; i++) {
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		if (!ps->v[i].lines && para_file_name(p, n))
			removal_add(rm, "filenames", "heuristic", p, n);
		else if (ps->v[i].lines)
			keep_but_files(tmp, p, n, rm);
		else
			shape_keep(tmp, p, n);
	}
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
