/*
 * msgname.c - file names on one line in messages (see msgname.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/msgname.h"
#include "base/util.h"

/* The escaped copies made, kept (and reachable) until the process ends. */
struct shown {
	struct shown	*next;
	char		 name[];
};
static struct shown *made;

static bool
needs_escape(const char *p)
{
	for (; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/* Write path escaped to q (room for 4 bytes a byte and the NUL). */
static void
escape(char *q, const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		switch (*p) {
		case '\n':
			q += sprintf(q, "\\n");
			break;
		case '\t':
			q += sprintf(q, "\\t");
			break;
		case '\r':
			q += sprintf(q, "\\r");
			break;
		case '\\':
			q += sprintf(q, "\\\\");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				q += sprintf(q, "\\%03o", *p);
			else
				*q++ = (char)*p;
		}
	}
	*q = '\0';
}

char *
msgname_dup(const char *path)
{
	char *q;

	if (!needs_escape(path))
		return xstrdup(path);
	q = xmalloc(4 * strlen(path) + 1);
	escape(q, path);
	return q;
}

const char *
msgname(const char *path)
{
	struct shown *s;
	size_t n;

	if (path == NULL || !needs_escape(path))
		return path;
	for (s = made; s != NULL; s = s->next)
		if (strcmp(s->name + strlen(s->name) + 1, path) == 0)
			return s->name;
	/* The shown name, then the path itself, for the look-up. */
	n = 4 * strlen(path) + 1;
	s = xmalloc(sizeof(*s) + n + strlen(path) + 1);
	escape(s->name, path);
	strcpy(s->name + strlen(s->name) + 1, path);
	s->next = made;
	made = s;
	return s->name;
}
