/*
 * lex.c - see lex.h.  An open-addressing hash table keyed by
 * XXH3 over the key bytes, kept at most half full, with the keys in one
 * pool: a lookup is one hash and usually one compare, which matters because
 * the splitter asks two or three times at every full stop.  Most words it
 * asks about are not listed, and most of those are told by their first
 * byte and length alone, before any hash.
 */
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/buf.h"
#include "sent/lex.h"
#include "base/utf8.h"
#include "base/util.h"

_Static_assert(LEX_MAXKEY <= 64, "a key length must fit struct lex's lens");

struct slot {
	uint64_t	hash;
	uint32_t	off;		/* key offset in the pool */
	uint8_t		len;		/* key length; 0 marks an empty slot */
	uint16_t	bits;
};

struct lex {
	struct slot	*slot;
	size_t		 mask;		/* number of slots - 1 */
	size_t		 used;
	struct buf	 pool;
	/* bit n - 1 of lens[c]: some key of n bytes begins with byte c */
	uint64_t	 lens[256];
};

static const struct {
	const char	*name;
	unsigned	 bits;
	int		 abbr;		/* for abbreviations (1) or words (0) */
} kinds[] = {
	{ "title",	LEX_TITLE,	1 },
	{ "end",	LEX_END,	1 },
	{ "num",	LEX_NUM,	1 },
	{ "last",	LEX_LAST,	1 },
	{ "start",	LEX_START,	0 },
	{ "lead",	LEX_LEAD,	0 },
	{ "label",	LEX_LABEL,	0 },
	{ "ord",	LEX_ORD,	0 },
	{ "join",	LEX_JOIN,	0 },
	{ "greet",	LEX_GREET,	0 },
	{ "subj",	LEX_SUBJ,	0 },
	{ "pron",	LEX_PRON,	0 },
	{ "clause",	LEX_CLAUSE,	0 },
};

struct lex *
lex_new(void)
{
	struct lex *lx;

	lx = xcalloc(1, sizeof(*lx));
	lx->mask = 255;
	lx->slot = xcalloc(lx->mask + 1, sizeof(*lx->slot));
	return lx;
}

void
lex_free(struct lex *lx)
{
	if (lx == NULL)
		return;
	free(lx->slot);
	buf_free(&lx->pool);
	free(lx);
}

static struct slot *
find(const struct lex *lx, const char *s, size_t n, uint64_t h)
{
	struct slot *sl;
	size_t i;

	for (i = h & lx->mask;; i = (i + 1) & lx->mask) {
		sl = &lx->slot[i];
		if (sl->len == 0 || (sl->hash == h && sl->len == n &&
		    memcmp(lx->pool.s + sl->off, s, n) == 0))
			return sl;
	}
}

unsigned
lex_get(const struct lex *lx, const char *s, size_t n)
{
	const struct slot *sl;

	if (n == 0 || n > LEX_MAXKEY ||
	    !(lx->lens[(unsigned char)s[0]] >> (n - 1) & 1))
		return 0;
	sl = find(lx, s, n, XXH3_64bits(s, n));
	return sl->len ? sl->bits : 0;
}

void
lex_initials(const struct lex *lx, unsigned bits, unsigned char *set)
{
	size_t i;

	for (i = 0; i <= lx->mask; i++)
		if (lx->slot[i].len > 0 && (lx->slot[i].bits & bits))
			set[(unsigned char)lx->pool.s[lx->slot[i].off]] = 1;
}

void
lex_lengths(const struct lex *lx, unsigned bits, uint64_t *lens)
{
	size_t i;

	for (i = 0; i <= lx->mask; i++)
		if (lx->slot[i].len > 0 && (lx->slot[i].bits & bits))
			lens[(unsigned char)lx->pool.s[lx->slot[i].off]] |=
			    (uint64_t)1 << (lx->slot[i].len - 1);
}

static void
grow(struct lex *lx)
{
	struct slot *old = lx->slot, *sl;
	size_t i, n = lx->mask + 1;

	lx->mask = n * 2 - 1;
	lx->slot = xcalloc(n * 2, sizeof(*lx->slot));
	for (i = 0; i < n; i++) {
		if (old[i].len == 0)
			continue;
		sl = find(lx, lx->pool.s + old[i].off, old[i].len, old[i].hash);
		*sl = old[i];
	}
	free(old);
}

static void
add(struct lex *lx, const char *s, size_t n, unsigned bits)
{
	struct slot *sl;
	uint64_t h;

	if (2 * (lx->used + 1) > lx->mask + 1)
		grow(lx);
	h = XXH3_64bits(s, n);
	sl = find(lx, s, n, h);
	if (sl->len == 0) {
		if (lx->pool.len > UINT32_MAX - LEX_MAXKEY)
			errx(1, "abbreviation lists too large");
		sl->hash = h;
		sl->off = lx->pool.len;
		sl->len = n;
		buf_add(&lx->pool, s, n);
		lx->used++;
		lx->lens[(unsigned char)s[0]] |= (uint64_t)1 << (n - 1);
	}
	sl->bits |= bits;
}

/*
 * Parse one line (without its newline) and add its entry; returns NULL or
 * what is wrong with the line.
 */
static const char *
parse_line(struct lex *lx, char *line)
{
	static const char sep[] = " \t\r\f\v";
	char *entry, *kind, *p;
	unsigned bits = 0;
	size_t i, n;
	int isabbr;

	if ((p = strchr(line, '#')) != NULL)
		*p = '\0';
	if ((entry = strtok_r(line, sep, &p)) == NULL)
		return NULL;
	n = strlen(entry);
	if (!utf8_valid(entry, n))
		return "entry is not valid UTF-8";
	isabbr = entry[n - 1] == '.';
	if (isabbr)
		n--;
	if (n == 0 || n > LEX_MAXKEY)
		return n ? "entry longer than 48 bytes" : "entry is only a stop";
	if (!isabbr && memchr(entry, '.', n) != NULL)
		return "abbreviation does not end in '.'";
	while ((kind = strtok_r(NULL, sep, &p)) != NULL) {
		for (i = 0; i < NELEM(kinds); i++)
			if (strcmp(kind, kinds[i].name) == 0)
				break;
		if (i == NELEM(kinds))
			return "unknown kind (title end num last start lead "
			    "label ord join greet subj pron clause)";
		if (kinds[i].abbr != isabbr)
			return isabbr ? "word kind given to an abbreviation" :
			    "abbreviation kind given to a word without '.'";
		bits |= kinds[i].bits;
	}
	if (isabbr)
		bits |= LEX_ABBR;
	else if (bits == 0)
		return "word without a kind (start lead label ord join greet "
		    "subj pron clause)";
	add(lx, entry, n, bits);
	return NULL;
}

void
lex_load(struct lex *lx, const char *path)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	const char *bad;

	if ((fp = fopen(path, "r")) == NULL)
		errx(1, "%s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (memchr(line, '\0', len) != NULL)
			errx(1, "%s:%lu: NUL byte in line", path, lineno);
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if ((bad = parse_line(lx, line)) != NULL)
			errx(1, "%s:%lu: %s", path, lineno, bad);
	}
	if (ferror(fp))
		errx(1, "%s: %s", path, strerror(errno));
	free(line);
	fclose(fp);
}
