/*
 * boiler.c - see boiler.h.
 *
 * Speed: artclean must clean 100 MB/s with every step on, and glibc's
 * regexec costs far more than that per rule, so no regex runs unless the
 * piece can match it.  Rules are cheap to skip in three ways, in order: a
 * word limit (max=), literals every match must contain (read out of the
 * pattern when it is loaded and looked for all at once through a hashed
 * table of their first three bytes), and the scope.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "text/boiler.h"
#include "base/util.h"

#define MAXLIT		64	/* literals in one "any of these" set */
#define LITLEN		32	/* bytes kept of a literal (a prefix is enough) */
#define PREFIX		3	/* bytes hashed by the prefilter */
#define FILTER_BITS	16
#define BUCKET_BITS	12	/* flits sorted by the top bits of the hash */
#define LONG_PIECE	40	/* words: few rules apply to longer pieces */

struct litset {
	int	 ok;		/* 0: nothing is known to be required */
	int	 n;
	char	 lit[MAXLIT][LITLEN + 1];
};

struct rule {
	struct boiler_hit hit;
	char		*name;
	char		*category;
	int		 regex;		/* else a literal */
	int		 icase;
	unsigned	 max_words;	/* 0: no limit */
	unsigned	 min_lines;	/* >0: every line must match, this many */
	char		*lit;		/* the literal, for a literal rule */
	size_t		 litlen;
	regex_t		 re;
	int		 filtered;	/* has prefilter literals */
	int		 anchored;	/* ^PATTERN: first[] says which bytes */
	uint64_t	 first[4];	/* bytes a match can start with */
	uint32_t	 stamp;		/* == boiler's stamp: a literal was seen */
};

/* A prefilter literal: rule index and the literal's bytes, lower case. */
struct flit {
	uint32_t	 key;		/* PREFIX bytes from off */
	uint32_t	 off;
	uint32_t	 rule;
	char		 s[LITLEN + 1];
	size_t		 len;
};

/*
 * A prefilter: literals hashed by three bytes into a bit table, sorted
 * by hash so that a bucket of them can be compared.
 */
struct prefilt {
	struct flit	*flits;
	size_t		 nflits, capflits;
	uint64_t	 bits[(1 << FILTER_BITS) / 64];
	uint32_t	 bucket[(1 << BUCKET_BITS) + 1];	/* into flits */
	int		 sorted;
};

struct boiler {
	struct rule	*rules;
	size_t		 nrules, caprules;
	int		 line_rules;
	unsigned	 word_cap;	/* largest max=, or UINT_MAX */
	int		 lines_rules;	/* some rule has lines= */
	unsigned	 filter_cap;	/* largest max= of prefiltered rules */
	/*
	 * Two prefilters: one for every rule, one for the rules that apply
	 * to pieces of more than LONG_PIECE words.  Most paragraphs of
	 * reporting are that long, and a handful of literals is far quicker
	 * to look for than hundreds.
	 */
	struct prefilt	 filt[2];
	uint32_t	 stamp;
	uint16_t	*hits;		/* rules the prefilter found, this piece */
	size_t		 nhits;
	struct buf	 lower;
	/*
	 * For each scope mask and first byte of a piece, the rules to try (in
	 * order) besides those the prefilter finds: ^-anchored rules that can
	 * start with that byte, and rules that nothing filters.
	 */
	uint16_t	*cand[3][256];
	uint16_t	 ncand[3][256];
	int		 indexed;
	/* learned paragraphs: open addressing over 64-bit keys, 0 empty */
	uint64_t	*learned;
	size_t		 nlearned, caplearned;
};

static const struct boiler_hit learned_hit = {
	"learned", "learned", BOILER_PARA, 0
};

struct boiler *
boiler_new(void)
{
	struct boiler *b;

	b = xcalloc(1, sizeof(*b));
	return b;
}

void
boiler_free(struct boiler *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->nrules; i++) {
		free(b->rules[i].name);
		free(b->rules[i].category);
		free(b->rules[i].lit);
		if (b->rules[i].regex)
			regfree(&b->rules[i].re);
	}
	free(b->rules);
	free(b->filt[0].flits);
	free(b->filt[1].flits);
	free(b->hits);
	for (i = 0; i < 3 * 256; i++)
		free(b->cand[i / 256][i % 256]);
	free(b->learned);
	buf_free(&b->lower);
	free(b);
}

size_t
boiler_nrules(const struct boiler *b)
{
	return b->nrules;
}

size_t
boiler_nlearned(const struct boiler *b)
{
	return b->nlearned;
}

int
boiler_has_line_rules(const struct boiler *b)
{
	return b->line_rules;
}

/*
 * Literals required by a POSIX ERE, read by a small recursive descent
 * over the pattern.  The answer must never claim a literal that some match
 * lacks, so anything not understood ends in "nothing required".
 */
struct lex {
	const char	*p;
	size_t		 i;
	int		 bad;
};

static void	re_alt(struct lex *, struct litset *);

/*
 * How selective a set is: its shortest literal, not counting spaces (a
 * literal " the " says less than "full").
 */
static size_t
minlen(const struct litset *s)
{
	size_t m = SIZE_MAX, l;
	const char *p;
	int k;

	if (!s->ok || s->n == 0)
		return 0;
	for (k = 0; k < s->n; k++) {
		for (l = 0, p = s->lit[k]; *p != '\0'; p++)
			l += *p != ' ';
		if (l < m)
			m = l;
	}
	return m;
}

static void
candidate(struct litset *best, const struct litset *s)
{
	if (minlen(s) > minlen(best))
		*best = *s;
}

static void
flush(struct litset *best, char *cur, size_t *curlen)
{
	struct litset one;

	if (*curlen > 0) {
		one.ok = 1;
		one.n = 1;
		memcpy(one.lit[0], cur, *curlen);
		one.lit[0][*curlen] = '\0';
		candidate(best, &one);
	}
	*curlen = 0;
}

/* Read a quantifier after an atom: 0 none, 1 optional, 2 repeated. */
static int
quantifier(struct lex *x)
{
	const char *p = x->p;
	int q = 0;

	if (p[x->i] == '*' || p[x->i] == '?') {
		x->i++;
		q = 1;
	} else if (p[x->i] == '+') {
		x->i++;
		q = 2;
	} else if (p[x->i] == '{') {
		q = isdigit((unsigned char)p[x->i + 1]) && p[x->i + 1] != '0' ?
		    2 : 1;
		while (p[x->i] != '\0' && p[x->i] != '}')
			x->i++;
		if (p[x->i] == '}')
			x->i++;
	}
	if (p[x->i] == '*' || p[x->i] == '+' || p[x->i] == '?' ||
	    p[x->i] == '{')
		return quantifier(x) == 1 ? 1 : (q ? q : 2);
	return q;
}

static void
re_seq(struct lex *x, struct litset *best)
{
	const char *p = x->p;
	struct litset inner;
	char cur[LITLEN];
	size_t curlen = 0;
	int c, lit, group, q;

	best->ok = 1;
	best->n = 0;
	while (p[x->i] != '\0' && p[x->i] != '|' && p[x->i] != ')') {
		lit = group = 0;
		c = (unsigned char)p[x->i++];
		if (c == '(') {
			re_alt(x, &inner);
			if (p[x->i] != ')') {
				x->bad = 1;
				return;
			}
			x->i++;
			group = 1;
		} else if (c == '[') {
			if (p[x->i] == '^')
				x->i++;
			if (p[x->i] == ']')
				x->i++;
			while (p[x->i] != '\0' && p[x->i] != ']') {
				if (p[x->i] == '[' && (p[x->i + 1] == ':' ||
				    p[x->i + 1] == '.' || p[x->i + 1] == '=')) {
					x->i += 2;
					while (p[x->i] != '\0' &&
					    !(p[x->i] == ']' && (p[x->i - 1] ==
					    ':' || p[x->i - 1] == '.' ||
					    p[x->i - 1] == '=')))
						x->i++;
				}
				if (p[x->i] != '\0')
					x->i++;
			}
			if (p[x->i] == ']')
				x->i++;
		} else if (c == '\\') {
			c = (unsigned char)p[x->i];
			if (c == '\0')
				break;
			x->i++;
			lit = strchr("bBwWsS<>`'123456789", c) == NULL;
		} else
			lit = strchr(".^$*+?{", c) == NULL;
		q = quantifier(x);
		if (lit && q == 0 && curlen < LITLEN)
			cur[curlen++] = (char)tolower(c);
		else if (lit && q == 2) {
			if (curlen < LITLEN)
				cur[curlen++] = (char)tolower(c);
			flush(best, cur, &curlen);
		} else {
			flush(best, cur, &curlen);
			if (group && q != 1 && inner.ok)
				candidate(best, &inner);
		}
	}
	flush(best, cur, &curlen);
}

static void
re_alt(struct lex *x, struct litset *out)
{
	struct litset s;
	int k;

	out->ok = 1;
	out->n = 0;
	for (;;) {
		re_seq(x, &s);
		if (x->bad || !s.ok || s.n == 0 || out->n + s.n > MAXLIT)
			out->ok = 0;
		else
			for (k = 0; k < s.n; k++)
				memcpy(out->lit[out->n++], s.lit[k],
				    sizeof(s.lit[k]));
		if (x->p[x->i] != '|')
			break;
		x->i++;
	}
}

static uint32_t
prefix_key(const char *s)
{
	return (uint32_t)(unsigned char)s[0] |
	    (uint32_t)(unsigned char)s[1] << 8 |
	    (uint32_t)(unsigned char)s[2] << 16;
}

static uint32_t
prefix_hash(uint32_t key)
{
	return (key * 0x9E3779B1U) >> (32 - FILTER_BITS);
}

/*
 * How often a byte occurs in news text, roughly: a blank or a common
 * letter often, a rare letter, digit or sign seldom.
 */
static unsigned
byte_cost(unsigned char c)
{
	if (c == ' ')
		return 12;
	if (strchr("etaoinsrh", c) != NULL)
		return 6;
	if (strchr("ldcumfgpwyb", c) != NULL)
		return 4;
	return 1;
}

/*
 * Where in literal s (len bytes) the prefilter should look: the PREFIX
 * bytes least likely in text.  Keyed by its first bytes, "comments" sat
 * in the table as "com", which every "company" and "come" hit, and the
 * look-ups that followed were a quarter of artclean's time.
 */
static size_t
key_offset(const char *s, size_t len)
{
	size_t k, best = 0;
	unsigned cost, least = UINT_MAX;

	for (k = 0; k + PREFIX <= len; k++) {
		cost = byte_cost((unsigned char)s[k]) +
		    byte_cost((unsigned char)s[k + 1]) +
		    byte_cost((unsigned char)s[k + 2]);
		/* a doubled letter ("mm", "ss") is rarer than its letters */
		if (s[k] == s[k + 1] || s[k + 1] == s[k + 2])
			cost -= 2;
		if (cost < least) {
			least = cost;
			best = k;
		}
	}
	return best;
}

static void
add_literal(struct prefilt *pf, size_t r, const char *lit)
{
	struct flit *f;

	pf->flits = xroom(pf->flits, &pf->capflits, pf->nflits + 1,
	    sizeof(*pf->flits));
	f = &pf->flits[pf->nflits++];
	strlcpy(f->s, lit, sizeof(f->s));
	f->len = strlen(f->s);
	f->off = (uint32_t)key_offset(f->s, f->len);
	f->key = prefix_key(f->s + f->off);
	f->rule = (uint32_t)r;
	pf->bits[prefix_hash(f->key) / 64] |= 1ULL <<
	    (prefix_hash(f->key) % 64);
	pf->sorted = 0;
}

static void
add_filter(struct boiler *b, size_t r, const char *pattern)
{
	struct litset set;
	struct lex x = { pattern, 0, 0 };
	unsigned max = b->rules[r].max_words;
	int k;

	re_alt(&x, &set);
	if (x.bad || x.p[x.i] != '\0' || minlen(&set) < PREFIX)
		return;
	for (k = 0; k < set.n; k++) {
		add_literal(&b->filt[0], r, set.lit[k]);
		if (max == 0 || max > LONG_PIECE)
			add_literal(&b->filt[1], r, set.lit[k]);
	}
	b->rules[r].filtered = 1;
	if (max == 0)
		b->filter_cap = UINT_MAX;
	else if (b->filter_cap < max)
		b->filter_cap = max;
}

/*
 * First bytes of a ^-anchored pattern.  A set of 256 bits; 0 when the
 * pattern is not understood (then every byte is possible).
 */
struct bset {
	uint64_t	 w[4];
};

static void
bset_add(struct bset *s, unsigned c)
{
	s->w[(c & 0xFF) / 64] |= 1ULL << (c % 64);
}

static void
bset_all(struct bset *s)
{
	memset(s->w, 0xFF, sizeof(s->w));
}

static void
bset_or(struct bset *s, const struct bset *t)
{
	int k;

	for (k = 0; k < 4; k++)
		s->w[k] |= t->w[k];
}

static int	first_alt(struct lex *, struct bset *);

/* Skip a bracket expression (x->i just past '['), adding its bytes. */
static void
first_bracket(struct lex *x, struct bset *s)
{
	const char *p = x->p;
	struct bset in = { { 0, 0, 0, 0 } };
	int neg = 0, k, c, hi;

	if (p[x->i] == '^') {
		neg = 1;
		x->i++;
	}
	if (p[x->i] == ']') {
		bset_add(&in, ']');
		x->i++;
	}
	while (p[x->i] != '\0' && p[x->i] != ']') {
		if (p[x->i] == '[' && strchr(":.=", p[x->i + 1]) != NULL) {
			bset_all(&in);	/* classes: do not try */
			x->i += 2;
			while (p[x->i] != '\0' && p[x->i] != ']')
				x->i++;
			if (p[x->i] != '\0')
				x->i++;
			continue;
		}
		c = (unsigned char)p[x->i++];
		if (p[x->i] == '-' && p[x->i + 1] != ']' &&
		    p[x->i + 1] != '\0') {
			hi = (unsigned char)p[x->i + 1];
			x->i += 2;
			for (; c <= hi; c++)
				bset_add(&in, (unsigned)c);
		} else
			bset_add(&in, (unsigned)c);
	}
	if (p[x->i] == ']')
		x->i++;
	for (k = 0; k < 4; k++)
		s->w[k] |= neg ? ~in.w[k] : in.w[k];
}

/*
 * Add to s the bytes a match of the sequence at x can start with; returns
 * whether the whole sequence can match the empty string.  The sequence is
 * always read to its end, so the parse stays in step.
 */
static int
first_seq(struct lex *x, struct bset *s)
{
	const char *p = x->p;
	struct bset a;
	int c, nullable, open = 1;

	while (p[x->i] != '\0' && p[x->i] != '|' && p[x->i] != ')') {
		memset(&a, 0, sizeof(a));
		c = (unsigned char)p[x->i++];
		nullable = 0;
		if (c == '(') {
			nullable = first_alt(x, &a);
			if (p[x->i] != ')') {
				x->bad = 1;
				return 1;
			}
			x->i++;
		} else if (c == '[')
			first_bracket(x, &a);
		else if (c == '\\' && p[x->i] != '\0') {
			c = (unsigned char)p[x->i++];
			if (strchr("bB<>`'", c) != NULL)
				nullable = 1;	/* zero width */
			else if (strchr("wWsS123456789", c) != NULL)
				bset_all(&a);
			else
				bset_add(&a, (unsigned)c);
		} else if (c == '^' || c == '$')
			nullable = 1;
		else if (c == '.' || c == '*' || c == '+' || c == '?' ||
		    c == '{')
			bset_all(&a);
		else
			bset_add(&a, (unsigned)c);
		if (p[x->i] == '*' || p[x->i] == '?' || (p[x->i] == '{' &&
		    p[x->i + 1] == '0'))
			nullable = 1;
		while (p[x->i] == '*' || p[x->i] == '+' || p[x->i] == '?' ||
		    p[x->i] == '{') {
			if (p[x->i] == '{')
				while (p[x->i] != '\0' && p[x->i] != '}')
					x->i++;
			if (p[x->i] != '\0')
				x->i++;
		}
		if (open)
			bset_or(s, &a);
		if (!nullable)
			open = 0;
	}
	return open;
}

static int
first_alt(struct lex *x, struct bset *s)
{
	int nullable = 0;

	for (;;) {
		nullable |= first_seq(x, s);
		if (x->p[x->i] != '|')
			break;
		x->i++;
	}
	return nullable;
}

/*
 * For a pattern anchored with ^ (in every branch), the bytes a match can
 * start with.
 */
static void
add_first(struct rule *r, const char *pattern)
{
	struct lex x = { pattern, 0, 0 };
	struct bset s = { { 0, 0, 0, 0 } };

	for (;;) {
		if (pattern[x.i] != '^')
			return;
		x.i++;
		if (first_seq(&x, &s) || x.bad)
			return;		/* can match nothing: not understood */
		if (pattern[x.i] != '|')
			break;
		x.i++;
	}
	if (pattern[x.i] != '\0')
		return;
	memcpy(r->first, s.w, sizeof(r->first));
	r->anchored = 1;
}

static int
flit_cmp(const void *a, const void *b)
{
	const struct flit *x = a, *y = b;
	uint32_t hx = prefix_hash(x->key), hy = prefix_hash(y->key);

	if (hx != hy)
		return hx < hy ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* Sort the literals by hash and note where each bucket starts. */
static void
sort_flits(struct prefilt *pf)
{
	size_t k = 0;
	uint32_t bk;

	qsort(pf->flits, pf->nflits, sizeof(*pf->flits), flit_cmp);
	for (bk = 0; bk <= 1U << BUCKET_BITS; bk++) {
		while (k < pf->nflits && (prefix_hash(pf->flits[k].key) >>
		    (FILTER_BITS - BUCKET_BITS)) < bk)
			k++;
		pf->bucket[bk] = (uint32_t)k;
	}
	pf->sorted = 1;
}

static int
is_namechar(int c)
{
	return isalnum(c) || c == '.' || c == '-' || c == '_' || c == '/';
}

/* Split off the next blank-separated field of line; NULL at the end. */
static char *
field(char **line)
{
	char *s = *line, *f;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return NULL;
	f = s;
	while (*s != '\0' && *s != ' ' && *s != '\t')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*line = s;
	return f;
}

static int
name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!is_namechar((unsigned char)*s))
			return 0;
	return 1;
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * Ignoring case is done by matching a lower-cased pattern against the
 * lower-cased piece: glibc's REG_ICASE copies the whole subject for every
 * regexec, which costs more than the match.  Escaped characters keep
 * their case (\B is not \b).
 */
static void
lower_pattern(char *p, int regex)
{
	for (; *p != '\0'; p++) {
		if (regex && *p == '\\' && p[1] != '\0')
			p++;
		else
			*p = (char)lower((unsigned char)*p);
	}
}

/* Parse one rule from line (modified); NULL or the reason it is bad. */
static const char *
parse_rule(struct boiler *b, char *line, char *msg, size_t msglen)
{
	struct rule r;
	char *name, *cat, *scope, *s, *end;
	const char *errstr;
	int rc;
	char close;

	memset(&r, 0, sizeof(r));
	if ((name = field(&line)) == NULL || (cat = field(&line)) == NULL ||
	    (scope = field(&line)) == NULL)
		return "want NAME CATEGORY SCOPE [max=WORDS] [lines=N] [foot] "
		    "PATTERN";
	if (!name_ok(name) || !name_ok(cat))
		return "names may hold letters, digits and . - _ / only";
	if (strcmp(scope, "para") == 0)
		r.hit.scope = BOILER_PARA;
	else if (strcmp(scope, "line") == 0)
		r.hit.scope = BOILER_LINE;
	else if (strcmp(scope, "rest") == 0)
		r.hit.scope = BOILER_REST;
	else if (strcmp(scope, "block") == 0)
		r.hit.scope = BOILER_BLOCK;
	else {
		snprintf(msg, msglen, "scope is \"%s\", want para, line, rest "
		    "or block", scope);
		return msg;
	}
	for (;;) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (strncmp(line, "max=", 4) == 0) {
			s = field(&line);
			r.max_words = (unsigned)strtonum(s + 4, 1, 100000,
			    &errstr);
		} else if (strncmp(line, "lines=", 6) == 0) {
			s = field(&line);
			r.min_lines = (unsigned)strtonum(s + 6, 1, 100000,
			    &errstr);
		} else if (strncmp(line, "foot", 4) == 0 && (line[4] == ' ' ||
		    line[4] == '\t')) {
			field(&line);
			r.hit.foot = 1;
			continue;
		} else
			break;
		if (errstr != NULL) {
			snprintf(msg, msglen, "%s is %s", s, errstr);
			return msg;
		}
	}
	if (r.min_lines > 0 && r.hit.scope != BOILER_PARA)
		return "lines= needs scope para";
	end = line + strlen(line);
	while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r'))
		*--end = '\0';
	if (end > line && end[-1] == 'i') {
		r.icase = 1;
		*--end = '\0';
	}
	close = *line;
	if ((close != '/' && close != '"') || end - line < 2 ||
	    end[-1] != close)
		return "PATTERN must be /REGEX/ or \"LITERAL\", then i to "
		    "ignore case";
	*--end = '\0';
	line++;
	if (*line == '\0')
		return "empty PATTERN";
	if (r.icase)
		lower_pattern(line, close == '/');
	if (close == '/') {
		r.regex = 1;
		rc = regcomp(&r.re, line, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			snprintf(msg, msglen, "bad regex /%s/: ", line);
			regerror(rc, &r.re, msg + strlen(msg),
			    msglen - strlen(msg));
			return msg;
		}
	} else {
		r.lit = xstrdup(line);
		r.litlen = strlen(line);
	}
	r.name = xstrdup(name);
	r.category = xstrdup(cat);
	r.hit.name = r.name;
	r.hit.category = r.category;
	if (b->nrules >= UINT16_MAX) {
		if (r.regex)
			regfree(&r.re);
		free(r.lit);
		return "too many rules";
	}
	b->rules = xroom(b->rules, &b->caprules, b->nrules + 1,
	    sizeof(*b->rules));
	b->rules[b->nrules] = r;
	b->indexed = 0;
	if (r.regex) {
		add_filter(b, b->nrules, line);
		add_first(&b->rules[b->nrules], line);
	}
	b->nrules++;
	if (r.hit.scope == BOILER_LINE)
		b->line_rules = 1;
	if (r.min_lines > 0)
		b->lines_rules = 1;
	if (r.min_lines == 0 && (r.max_words == 0 ||
	    b->word_cap < r.max_words))
		b->word_cap = r.max_words == 0 ? UINT_MAX : r.max_words;
	return NULL;
}

/*
 * Call fn on each line of text that is not blank or a comment; stop at the
 * first error, which fn writes as the bare reason into msg.
 */
static int
each_line(struct boiler *b, const char *name, const char *text, size_t n,
    struct buf *err, const char *(*fn)(struct boiler *, char *, char *,
    size_t))
{
	const char *p = text, *nl, *why;
	char *line, *s, msg[512];
	size_t lineno = 0, len;

	while (p < text + n) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(text + n - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(text + n - p);
		line = xstrndup(p, len);
		p += len + 1;
		for (s = line; *s == ' ' || *s == '\t'; s++)
			;
		why = NULL;
		if (memchr(line, '\0', len) != NULL)
			why = "NUL byte in line";
		else if (*s != '\0' && *s != '#' && *s != '\r')
			why = fn(b, line, msg, sizeof(msg));
		free(line);
		if (why != NULL) {
			if (err != NULL)
				buf_printf(err, "%s:%zu: %s", name, lineno,
				    why);
			return -1;
		}
	}
	return 0;
}

int
boiler_add_rules(struct boiler *b, const char *name, const char *text,
    size_t n, struct buf *err)
{
	return each_line(b, name, text, n, err, parse_rule);
}

static int
read_file(const char *path, struct buf *text, struct buf *err)
{
	FILE *fp;
	char chunk[8192];
	size_t k;
	int bad;

	if ((fp = fopen(path, "r")) == NULL) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	while ((k = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(text, chunk, k);
	bad = ferror(fp);
	fclose(fp);
	if (bad) {
		buf_printf(err, "%s: read error", path);
		return -1;
	}
	return 0;
}

typedef int (*adder)(struct boiler *, const char *, const char *, size_t,
    struct buf *);

/* Read path and hand its text to add (rules or model). */
static int
load_file(struct boiler *b, const char *path, struct buf *err, adder add)
{
	struct buf text = BUF_INIT;
	int rc;

	rc = read_file(path, &text, err);
	if (rc == 0)
		rc = add(b, path, buf_cstr(&text), text.len, err);
	buf_free(&text);
	return rc;
}

int
boiler_load_rules(struct boiler *b, const char *path, struct buf *err)
{
	return load_file(b, path, err, boiler_add_rules);
}

/* The key of paragraph s of source (NULL or "" is "*") in the model. */
static uint64_t
learn_key(const char *source, const char *s, size_t n)
{
	uint64_t seed, k;

	if (source == NULL || *source == '\0')
		source = "*";
	seed = XXH3_64bits(source, strlen(source));
	k = XXH3_64bits_withSeed(s, n, seed);
	return k != 0 ? k : 1;
}

static int
learned_has(const struct boiler *b, uint64_t key)
{
	size_t i, mask;

	if (b->caplearned == 0)
		return 0;
	mask = b->caplearned - 1;
	for (i = key & mask; b->learned[i] != 0; i = (i + 1) & mask)
		if (b->learned[i] == key)
			return 1;
	return 0;
}

static void
learned_put(struct boiler *b, uint64_t key)
{
	uint64_t *old = b->learned;
	size_t oldcap = b->caplearned, i;

	if (learned_has(b, key))
		return;
	if ((b->nlearned + 1) * 2 > b->caplearned) {
		b->caplearned = oldcap ? oldcap * 2 : 64;
		b->learned = xcalloc(b->caplearned, sizeof(uint64_t));
		b->nlearned = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				learned_put(b, old[i]);
		free(old);
	}
	for (i = key & (b->caplearned - 1); b->learned[i] != 0;
	    i = (i + 1) & (b->caplearned - 1))
		;
	b->learned[i] = key;
	b->nlearned++;
}

/* Undo the model file's escapes in place; returns the new length. */
static size_t
unescape(char *s)
{
	char *r, *w = s;

	for (r = s; *r != '\0'; r++) {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = *r == 'n' ? '\n' : *r == 't' ? '\t' : *r;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return (size_t)(w - s);
}

static const char *
parse_model(struct boiler *b, char *line, char *msg, size_t msglen)
{
	char *src, *items, *text;
	const char *errstr;
	size_t n;

	src = line;
	if ((items = strchr(src, '\t')) == NULL ||
	    (text = strchr(items + 1, '\t')) == NULL)
		return "want SOURCE<TAB>ITEMS<TAB>PARAGRAPH";
	*items++ = '\0';
	*text++ = '\0';
	(void)strtonum(items, 0, LLONG_MAX, &errstr);
	if (errstr != NULL) {
		snprintf(msg, msglen, "ITEMS is %s: %s", errstr, items);
		return msg;
	}
	n = strlen(text);
	if (n > 0 && text[n - 1] == '\r')
		text[--n] = '\0';
	unescape(src);
	n = unescape(text);
	if (n == 0)
		return "empty PARAGRAPH";
	learned_put(b, learn_key(src, text, n));
	return NULL;
}

int
boiler_add_model(struct boiler *b, const char *name, const char *text,
    size_t n, struct buf *err)
{
	return each_line(b, name, text, n, err, parse_model);
}

int
boiler_load_model(struct boiler *b, const char *path, struct buf *err)
{
	return load_file(b, path, err, boiler_add_model);
}

/* Bytes of the 64-bit word x equal to the byte c (times 0x01..01). */
static unsigned
count_byte(uint64_t x, uint64_t c)
{
	const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t y;

	x ^= c;
	y = ~(((x & lo7) + lo7) | x | lo7);	/* high bit where x was 0 */
	return (unsigned)(((y >> 7) * 0x0101010101010101ULL) >> 56);
}

/*
 * Words in s, counted as blanks (space, tab, newline) plus one, which is
 * exact for text the whitespace step has tidied; each CJK character (lead
 * byte 0xE3-0xED: U+3000-U+DFFF) counts as a word too, since those
 * scripts write no spaces.  Counting stops once past cap.  Eight bytes at
 * a time: every paragraph is counted, so this is on the hot path.
 */
static unsigned
count_words(const char *s, size_t n, unsigned cap)
{
	const uint64_t ones = 0x0101010101010101ULL;
	unsigned w = 1, k;
	uint64_t x;
	size_t i = 0;
	unsigned char c;

	if (n == 0)
		return 0;
	for (; i + 8 <= n && w <= cap; i += 8) {
		memcpy(&x, s + i, 8);
		w += count_byte(x, ones * ' ') + count_byte(x, ones * '\n') +
		    count_byte(x, ones * '\t');
		if (x & (ones * 0x80))
			for (k = 0; k < 8; k++) {
				c = (unsigned char)s[i + k];
				w += c >= 0xE3 && c <= 0xED;
			}
	}
	for (; i < n && w <= cap; i++) {
		c = (unsigned char)s[i];
		w += c == ' ' || c == '\n' || c == '\t' ||
		    (c >= 0xE3 && c <= 0xED);
	}
	return w;
}

/*
 * s lower-cased into b->lower; returns the copy.  Eight bytes at a time:
 * in each byte below 0x80, bit 7 of (byte + 0x80 - 'A') says byte >= 'A'
 * and bit 7 of (byte + 0x7F - 'Z') says byte > 'Z'; where the first is
 * set and not the second, 0x20 is added.
 */
static const char *
lowered(struct boiler *b, const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w, h, upper;
	size_t i = 0;

	buf_reset(&b->lower);
	buf_grow(&b->lower, n);
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = w & (ones * 0x7F);
		upper = (h + ones * (0x80 - 'A')) & ~(h + ones * (0x7F - 'Z')) &
		    ~w & (ones * 0x80);
		w |= upper >> 2;
		memcpy(b->lower.s + i, &w, 8);
	}
	for (; i < n; i++)
		b->lower.s[i] = (char)lower((unsigned char)s[i]);
	b->lower.len = n;
	b->lower.s[n] = '\0';
	return b->lower.s;
}

/* Forget the prefilter's findings for the last piece. */
static void
new_stamp(struct boiler *b)
{
	size_t i;

	b->nhits = 0;
	if (++b->stamp == 0) {
		for (i = 0; i < b->nrules; i++)
			b->rules[i].stamp = 0;
		b->stamp = 1;
	}
}

/* Mark the rules whose literals in pf occur in low (lower case). */
static void
prefilter(struct boiler *b, struct prefilt *pf, const char *low, size_t n)
{
	const unsigned char *u = (const unsigned char *)low;
	const struct flit *f, *end;
	size_t i;
	uint32_t key, h, bk;

	if (!pf->sorted)
		sort_flits(pf);
	new_stamp(b);
	if (pf->nflits == 0 || n < PREFIX)
		return;
	for (i = 0; i + PREFIX <= n; i++) {
		key = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8 |
		    (uint32_t)u[i + 2] << 16;
		h = prefix_hash(key);
		if ((pf->bits[h / 64] & (1ULL << (h % 64))) == 0)
			continue;
		bk = h >> (FILTER_BITS - BUCKET_BITS);
		end = pf->flits + pf->bucket[bk + 1];
		for (f = pf->flits + pf->bucket[bk]; f < end; f++)
			if (f->key == key && b->rules[f->rule].stamp != b->stamp &&
			    f->off <= i && f->len <= n - (i - f->off) &&
			    memcmp(u + i - f->off, f->s, f->len) == 0) {
				b->rules[f->rule].stamp = b->stamp;
				b->hits[b->nhits++] = (uint16_t)f->rule;
			}
	}
}

/* Does r match s (n bytes), whose lower-cased copy is low? */
static int
rule_matches(const struct rule *r, const char *s, const char *low, size_t n)
{
	regmatch_t m;

	if (r->icase)
		s = low;
	if (!r->regex)
		return n == r->litlen && memcmp(s, r->lit, n) == 0;
	m.rm_so = 0;
	m.rm_eo = (regoff_t)n;
	return regexec(&r->re, s, 1, &m, REG_STARTEND) == 0;
}

/* Does every line of s match r, and are there at least r->min_lines? */
static int
lines_match(const struct rule *r, const char *s, const char *low, size_t n)
{
	const char *p = s, *nl, *end = s + n;
	size_t len;
	unsigned k = 0;

	while (p <= end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if ((r->max_words > 0 && count_words(p, len, r->max_words) >
		    r->max_words) || !rule_matches(r, p, low + (p - s), len))
			return 0;
		k++;
		p += len + 1;
	}
	return k >= r->min_lines;
}

#define M_PARA	(1U << BOILER_PARA)
#define M_LINE	(1U << BOILER_LINE)
#define M_REST	(1U << BOILER_REST | 1U << BOILER_BLOCK)

static const unsigned masks[3] = {
	M_PARA | M_REST, M_LINE | M_REST, M_PARA | M_LINE | M_REST
};

static int
starts(const struct rule *r, unsigned c)
{
	if (!r->anchored)
		return 1;
	if (r->icase)
		c = lower((unsigned char)c);
	return (r->first[c / 64] >> (c % 64)) & 1;
}

/* Build the candidate lists (after rules were added). */
static void
build_index(struct boiler *b)
{
	const struct rule *r;
	size_t i;
	unsigned m, c;

	for (m = 0; m < 3; m++)
		for (c = 0; c < 256; c++) {
			free(b->cand[m][c]);
			b->cand[m][c] = xreallocarray(NULL, b->nrules + 1,
			    sizeof(uint16_t));
			b->ncand[m][c] = 0;
			for (i = 0; i < b->nrules; i++) {
				r = &b->rules[i];
				if (!(masks[m] & (1U << r->hit.scope)))
					continue;
				if (r->min_lines == 0 && (r->anchored ?
				    !starts(r, c) : r->filtered))
					continue;
				b->cand[m][c][b->ncand[m][c]++] = (uint16_t)i;
			}
		}
	free(b->hits);
	b->hits = xreallocarray(NULL, b->nrules + 1, sizeof(uint16_t));
	b->indexed = 1;
}

/*
 * The first rule whose scope is in masks[m] that matches s.  Words are
 * counted only as far as the largest max= of any rule, and a piece longer
 * than that (most paragraphs of reporting) is done without looking
 * further.  The rules tried are the candidates for the piece's first byte
 * merged, in rule order, with those whose literals the prefilter found.
 */
static const struct boiler_hit *
match(struct boiler *b, const char *s, size_t n, unsigned m)
{
	const struct rule *r;
	const uint16_t *cand;
	const char *low;
	unsigned words, k, t;
	size_t i = 0, j = 0, nc;
	int lines = -1;

	if (b->nrules == 0 || n == 0)
		return NULL;
	if (!b->indexed)
		build_index(b);
	words = count_words(s, n, b->word_cap);
	if (words > b->word_cap && !b->lines_rules)
		return NULL;
	low = lowered(b, s, n);
	if (words <= b->filter_cap)
		prefilter(b, &b->filt[words > LONG_PIECE], low, n);
	else
		new_stamp(b);	/* no prefiltered rule applies */
	/* hits come in text order; candidates want rule order */
	for (k = 1; k < b->nhits; k++)
		for (t = k; t > 0 && b->hits[t - 1] > b->hits[t]; t--) {
			uint16_t x = b->hits[t];

			b->hits[t] = b->hits[t - 1];
			b->hits[t - 1] = x;
		}
	cand = b->cand[m][(unsigned char)s[0]];
	nc = b->ncand[m][(unsigned char)s[0]];
	while (i < nc || j < b->nhits) {
		if (j >= b->nhits || (i < nc && cand[i] <= b->hits[j])) {
			if (j < b->nhits && cand[i] == b->hits[j])
				j++;
			r = &b->rules[cand[i++]];
		} else {
			r = &b->rules[b->hits[j++]];
			if (r->anchored || !(masks[m] & (1U << r->hit.scope)))
				continue;	/* anchored ones are candidates */
		}
		if (r->min_lines > 0) {
			if (lines < 0)
				lines = memchr(s, '\n', n) != NULL;
			if (lines && lines_match(r, s, low, n))
				return &r->hit;
			continue;
		}
		if (r->max_words > 0 && words > r->max_words)
			continue;
		if (r->filtered && r->stamp != b->stamp)
			continue;
		if (rule_matches(r, s, low, n))
			return &r->hit;
	}
	return NULL;
}

static const struct boiler_hit *
learned(struct boiler *b, const char *source, const char *s, size_t n)
{
	if (b->nlearned > 0 && n <= LEARN_MAX_BYTES &&
	    (learned_has(b, learn_key(source, s, n)) ||
	    (source != NULL && *source != '\0' &&
	    learned_has(b, learn_key("*", s, n)))))
		return &learned_hit;
	return NULL;
}

const struct boiler_hit *
boiler_match_para(struct boiler *b, const char *source, const char *s,
    size_t n)
{
	const struct boiler_hit *h;

	if ((h = match(b, s, n, 0)) != NULL)
		return h;
	return learned(b, source, s, n);
}

const struct boiler_hit *
boiler_match_line(struct boiler *b, const char *s, size_t n)
{
	return match(b, s, n, 1);
}

const struct boiler_hit *
boiler_match_single(struct boiler *b, const char *source, const char *s,
    size_t n)
{
	const struct boiler_hit *h;

	if ((h = match(b, s, n, 2)) != NULL)
		return h;
	return learned(b, source, s, n);
}

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

struct boiler_learner {
	unsigned	 min_items;
	struct lentry	*e;
	size_t		 ne, cape;
	size_t		*index;		/* entry + 1; 0 empty */
	size_t		 capindex;
	char		**sources;
	size_t		 nsources, capsources;
	size_t		 cur;		/* source of the current item */
	uint64_t	 item;
};

struct boiler_learner *
boiler_learner_new(unsigned min_items)
{
	struct boiler_learner *l;

	l = xcalloc(1, sizeof(*l));
	l->min_items = min_items > 0 ? min_items : 1;
	return l;
}

void
boiler_learner_free(struct boiler_learner *l)
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
	free(l);
}

void
boiler_learner_item(struct boiler_learner *l, const char *source)
{
	size_t i;

	if (source == NULL || *source == '\0')
		source = "*";
	l->item++;
	/* Corpora come grouped by source, so the last one is the usual hit. */
	if (l->nsources > 0 && strcmp(l->sources[l->cur], source) == 0)
		return;
	for (i = 0; i < l->nsources; i++)
		if (strcmp(l->sources[i], source) == 0)
			break;
	if (i == l->nsources) {
		l->sources = xroom(l->sources, &l->capsources,
		    l->nsources + 1, sizeof(*l->sources));
		l->sources[l->nsources++] = xstrdup(source);
	}
	l->cur = i;
}

static void
learner_index(struct boiler_learner *l, size_t entry)
{
	size_t i, mask = l->capindex - 1;

	for (i = l->e[entry].key & mask; l->index[i] != 0; i = (i + 1) & mask)
		;
	l->index[i] = entry + 1;
}

void
boiler_learner_para(struct boiler_learner *l, const char *s, size_t n)
{
	struct lentry *e;
	uint64_t key;
	size_t i, mask;

	if (n == 0 || n > LEARN_MAX_BYTES)
		return;
	if (l->nsources == 0)
		boiler_learner_item(l, NULL);
	key = learn_key(l->sources[l->cur], s, n);
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
			learner_index(l, i);
	} else
		learner_index(l, l->ne - 1);
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

static void
escape(struct buf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			buf_adds(out, "\\n");
		else if (s[i] == '\t')
			buf_adds(out, "\\t");
		else if (s[i] == '\\')
			buf_adds(out, "\\\\");
		else if (s[i] == '\r')
			buf_adds(out, "\\r");
		else
			buf_addc(out, s[i]);
	}
}

long
boiler_learner_write(struct boiler_learner *l, FILE *fp)
{
	struct lsort *v;
	struct buf line = BUF_INIT;
	size_t i, n = 0;
	long rc;

	v = xreallocarray(NULL, l->ne, sizeof(*v));
	for (i = 0; i < l->ne; i++)
		if (l->e[i].items >= l->min_items) {
			v[n].e = &l->e[i];
			v[n++].source = l->sources[l->e[i].source];
		}
	qsort(v, n, sizeof(*v), lsort_cmp);
	buf_printf(&line, "# artclean model: paragraphs found in at least %u "
	    "items of one source.\n# SOURCE<TAB>ITEMS<TAB>PARAGRAPH, with "
	    "\\n \\t \\\\ escaped; SOURCE * is any source.\n# Delete a line "
	    "to keep that paragraph; add one to remove another.\n",
	    l->min_items);
	for (i = 0; i < n; i++) {
		escape(&line, v[i].source, strlen(v[i].source));
		buf_printf(&line, "\t%lu\t", v[i].e->items);
		escape(&line, v[i].e->text, v[i].e->len);
		buf_addc(&line, '\n');
	}
	rc = fwrite(line.s, 1, line.len, fp) == line.len ? (long)n : -1;
	buf_free(&line);
	free(v);
	return rc;
}
