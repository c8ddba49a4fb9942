/*
 * ere.c - see ere.h.
 *
 * The tokeniser is the only code that knows the pattern's syntax; the two
 * readings of it (the literals a match must hold, the bytes it can start
 * with) are small recursive descents over its tokens.
 */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/ere.h"

static void
bytes_add(struct ere_bytes *s, unsigned c)
{
	s->w[(c & 0xFF) / 64] |= 1ULL << (c % 64);
}

static void
bytes_all(struct ere_bytes *s)
{
	memset(s->w, 0xFF, sizeof(s->w));
}

static void
bytes_or(struct ere_bytes *s, const struct ere_bytes *t)
{
	int k;

	for (k = 0; k < 4; k++)
		s->w[k] |= t->w[k];
}

/*
 * A bracket expression, x->i just past its '['.  A character class,
 * equivalence class or collating element ([:alpha:], [=e=], [.-.]) makes
 * it "any byte", negated or not: the set is not worked out.
 */
static void
bracket(struct ere_lexer *x, struct ere_bytes *s)
{
	const char *p = x->p;
	struct ere_bytes in = { { 0, 0, 0, 0 } };
	int neg = 0, all = 0, k;
	unsigned c, hi;

	if (p[x->i] == '^') {
		neg = 1;
		x->i++;
	}
	if (p[x->i] == ']') {
		bytes_add(&in, ']');
		x->i++;
	}
	while (p[x->i] != '\0' && p[x->i] != ']') {
		if (p[x->i] == '[' && p[x->i + 1] != '\0' &&
		    strchr(":.=", p[x->i + 1]) != NULL) {
			all = 1;
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
			if (hi == '[') {
				x->bad = 1;	/* [a-[.z.]]: not worth it */
				return;
			}
			x->i += 2;
			for (; c <= hi; c++)
				bytes_add(&in, c);
		} else
			bytes_add(&in, c);
	}
	if (p[x->i] != ']') {
		x->bad = 1;
		return;
	}
	x->i++;
	if (all)
		bytes_all(s);
	else
		for (k = 0; k < 4; k++)
			s->w[k] = neg ? ~in.w[k] : in.w[k];
}

/*
 * A number of an interval, at most RE_DUP_MAX (32767) as glibc's regcomp
 * takes (it refuses more, and copies() counts on it); -1 when none.
 */
static int
number(struct ere_lexer *x)
{
	int v = -1;

	while (isdigit((unsigned char)x->p[x->i])) {
		v = (v < 0 ? 0 : v * 10) + (x->p[x->i++] - '0');
		if (v > RE_DUP_MAX) {
			x->bad = 1;
			v = RE_DUP_MAX;
		}
	}
	return v;
}

/* The repetitions after an atom, applied one over the other. */
static void
repetition(struct ere_lexer *x, struct ere_tok *t)
{
	const char *p = x->p;
	int lo, hi;

	for (;;) {
		if (p[x->i] == '*')
			lo = 0, hi = -1;
		else if (p[x->i] == '+')
			lo = 1, hi = -1;
		else if (p[x->i] == '?')
			lo = 0, hi = 1;
		else if (p[x->i] == '{') {
			x->i++;
			lo = number(x);
			hi = lo;
			if (p[x->i] == ',') {
				x->i++;
				hi = number(x);
			}
			if (lo < 0)
				lo = 0;		/* glibc's {,m} */
			if (p[x->i] != '}' || (hi >= 0 && hi < lo)) {
				x->bad = 1;
				return;
			}
		} else
			return;
		x->i++;
		t->nrep++;
		/*
		 * glibc copies what it repeats: "x+" is "xx*", "x{2,4}" four
		 * x's, "x{2,}" "xxx*"; stacked operators multiply ("x++++"
		 * is 16 x's).  Capped past what ere_compile takes.
		 */
		if (t->copies <= ERE_MAXCOPIES)
			t->copies *= p[x->i - 1] == '+' ? 2 : p[x->i - 1] != '}' ?
			    1 : hi < 0 ? (size_t)lo + 1 : hi > 0 ? (size_t)hi : 1;
		/* stacked ("a{255}{255}{255}{255}"): capped, never wrapped */
		t->lo = (unsigned)lo > 0 && t->lo > 65535 / (unsigned)lo ?
		    65535 : t->lo * (unsigned)lo;
		if (t->hi < 0 || hi < 0 || (hi > 0 && t->hi > INT_MAX / hi))
			t->hi = -1;
		else
			t->hi *= hi;
	}
}

void
ere_next(struct ere_lexer *x, struct ere_tok *t)
{
	const char *p = x->p;
	unsigned c;

	memset(t, 0, sizeof(*t));
	t->lo = 1;
	t->hi = 1;
	t->copies = 1;
	c = (unsigned char)p[x->i];
	if (c == '\0') {
		t->kind = ERE_END;
		return;
	}
	x->i++;
	switch (c) {
	case '|':
		t->kind = ERE_OR;
		return;
	case '(':
		t->kind = ERE_OPEN;
		return;
	case '^':
		/* no repetition: a '*' after it is an atom of its own */
		t->kind = ERE_BOL;
		return;
	case ')':
		t->kind = ERE_CLOSE;
		break;
	case '$':
		t->kind = ERE_EOL;
		break;
	case '[':
		t->kind = ERE_SET;
		bracket(x, &t->set);
		break;
	case '\\':
		c = (unsigned char)p[x->i];
		if (c == '\0') {
			x->bad = 1;
			t->kind = ERE_END;
			return;
		}
		x->i++;
		if (strchr("bB<>`'", (int)c) != NULL)
			t->kind = ERE_EMPTY;
		else if (strchr("wWsS", (int)c) != NULL) {
			t->kind = ERE_SET;
			bytes_all(&t->set);
		} else if (c >= '1' && c <= '9') {
			t->kind = ERE_BACKREF;
			bytes_all(&t->set);
		} else {
			t->kind = ERE_BYTE;
			t->c = (unsigned char)c;
			bytes_add(&t->set, c);
		}
		break;
	case '.':
	case '*':	/* with nothing to repeat: read as "anything" */
	case '+':
	case '?':
	case '{':
		t->kind = ERE_SET;
		bytes_all(&t->set);
		break;
	default:
		t->kind = ERE_BYTE;
		t->c = (unsigned char)c;
		bytes_add(&t->set, c);
		break;
	}
	repetition(x, t);
}

static int
ends_branch(const struct ere_tok *t)
{
	return t->kind == ERE_END || t->kind == ERE_OR || t->kind == ERE_CLOSE;
}

size_t
ere_lits_weight(const struct ere_lits *s)
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
candidate(struct ere_lits *best, const struct ere_lits *s)
{
	if (ere_lits_weight(s) > ere_lits_weight(best))
		*best = *s;
}

static void
flush(struct ere_lits *best, char *cur, size_t *curlen)
{
	struct ere_lits one;

	if (*curlen > 0) {
		one.ok = 1;
		one.n = 1;
		memcpy(one.lit[0], cur, *curlen);
		one.lit[0][*curlen] = '\0';
		candidate(best, &one);
	}
	*curlen = 0;
}

static void	lits_alt(struct ere_lexer *, struct ere_tok *,
		    struct ere_lits *, struct ere_lits *, int);

/*
 * The byte, lower-cased, that token t stands for in the literals (they
 * are looked for in lower-cased text), else -1.  A byte; and, when wide,
 * also a bracket of one letter in its two cases: "[Rr]eporter" holds
 * "reporter", not only "eporter".
 */
static int
lit_byte(const struct ere_tok *t, int wide)
{
	unsigned c, lc, one = 256;

	if (t->kind == ERE_BYTE)
		return tolower(t->c);
	if (!wide || t->kind != ERE_SET)
		return -1;
	for (c = 0; c < 256; c++)
		if ((t->set.w[c / 64] >> (c % 64)) & 1) {
			lc = (unsigned)tolower((int)c);
			if (one != 256 && one != lc)
				return -1;
			one = lc;
		}
	return one == 256 ? -1 : (int)one;
}

/*
 * An exact set: the strings of which the text matched since some point
 * is exactly one.  Append byte c to each; 0 when one would be too long.
 */
static int
exact_add(struct ere_lits *ex, unsigned char c)
{
	size_t l;
	int k;

	for (k = 0; k < ex->n; k++)
		if (strlen(ex->lit[k]) >= ERE_LITLEN)
			return 0;
	for (k = 0; k < ex->n; k++) {
		l = strlen(ex->lit[k]);
		ex->lit[k][l] = (char)c;
		ex->lit[k][l + 1] = '\0';
	}
	return 1;
}

/* ex becomes ex x in (each of ex followed by each of in), if it fits. */
static int
exact_times(struct ere_lits *ex, const struct ere_lits *in)
{
	struct ere_lits out;
	size_t a, b;
	int i, j;

	if (ex->n * in->n > ERE_MAXLIT)
		return 0;
	out.ok = 1;
	out.n = 0;
	for (i = 0; i < ex->n; i++)
		for (j = 0; j < in->n; j++) {
			a = strlen(ex->lit[i]);
			b = strlen(in->lit[j]);
			if (a + b > ERE_LITLEN)
				return 0;
			memcpy(out.lit[out.n], ex->lit[i], a);
			memcpy(out.lit[out.n] + a, in->lit[j], b + 1);
			out.n++;
		}
	*ex = out;
	return 1;
}

/*
 * The best literals of the branch starting at token t; t is left at the
 * token that ends it.  A run of bytes each there once is a literal; a
 * repeated byte ends one (it is there at least once); anything optional
 * or not a byte ends one too; a group there at least once offers its own.
 * A group there exactly once whose every branch is a plain string joins
 * the bytes around it: "/(afp|dpa)" offers "/afp" and "/dpa", not "afp"
 * and "dpa" (nor "reuters", in the text of every wire story, for
 * "(reuters|afp)/").  *exact is set to the strings the whole branch
 * matches, one of, when it is that plain (else its ok is 0).
 */
static void
lits_seq(struct ere_lexer *x, struct ere_tok *t, struct ere_lits *best,
    struct ere_lits *exact, int wide)
{
	struct ere_lits inner, inex, ex;
	char cur[ERE_LITLEN];
	size_t curlen = 0;
	int group, joined = 0, whole = 1, k, b;

	best->ok = 1;
	best->n = 0;
	ex.ok = 1;
	ex.n = 1;
	ex.lit[0][0] = '\0';
	for (; !ends_branch(t) && !x->bad; ere_next(x, t)) {
		group = 0;
		if (t->kind == ERE_OPEN) {
			ere_next(x, t);
			lits_alt(x, t, &inner, &inex, wide);
			if (t->kind != ERE_CLOSE) {
				x->bad = 1;
				return;
			}
			group = 1;
		}
		b = lit_byte(t, wide);
		if (b >= 0 && t->lo >= 1) {
			if (curlen < ERE_LITLEN)
				cur[curlen++] = (char)b;
			if (t->hi != 1)
				flush(best, cur, &curlen);
		} else {
			flush(best, cur, &curlen);
			if (group && t->lo >= 1 && inner.ok)
				candidate(best, &inner);
		}
		/*
		 * The run of exact strings goes on through zero-width
		 * tokens, bytes there once and plain groups there once.
		 */
		if (t->kind == ERE_EMPTY || t->kind == ERE_BOL ||
		    t->kind == ERE_EOL)
			continue;
		if (b >= 0 && t->lo == 1 && t->hi == 1 &&
		    exact_add(&ex, (unsigned char)b))
			continue;
		if (group && t->lo == 1 && t->hi == 1 && inex.ok &&
		    exact_times(&ex, &inex)) {
			joined = 1;
			continue;
		}
		/*
		 * When wide, an optional byte or plain group goes on too, as
		 * itself or nothing: "(tags?|labels) ?:" is "tag:", "tags:",
		 * "tag :" ... (furniture), not "tag" (in "percentage").
		 */
		if (wide && t->lo == 0 && t->hi == 1 && b >= 0) {
			inex.ok = 1;
			inex.n = 2;
			inex.lit[0][0] = (char)b;
			inex.lit[0][1] = '\0';
			inex.lit[1][0] = '\0';
			group = 1;
		}
		if (wide && group && t->lo == 0 && t->hi == 1 && inex.ok &&
		    inex.n < ERE_MAXLIT) {
			if (b < 0)
				inex.lit[inex.n++][0] = '\0';
			if (exact_times(&ex, &inex)) {
				joined = 1;
				continue;
			}
		}
		/* ... and ends here: the next starts after this token */
		if (joined)
			candidate(best, &ex);
		joined = whole = 0;
		ex.n = 1;
		ex.lit[0][0] = '\0';
	}
	flush(best, cur, &curlen);
	if (joined)
		candidate(best, &ex);
	*exact = ex;
	exact->ok = whole && !x->bad;
	for (k = 0; k < ex.n; k++)
		if (ex.lit[k][0] == '\0')
			exact->ok = 0;
}

/*
 * Every branch offers a set: their union is required, if each has one.
 * *exact: the union of the branches' exact sets, when each has one.
 */
static void
lits_alt(struct ere_lexer *x, struct ere_tok *t, struct ere_lits *out,
    struct ere_lits *exact, int wide)
{
	struct ere_lits s, e;
	int k;

	out->ok = 1;
	out->n = 0;
	exact->ok = 1;
	exact->n = 0;
	for (;;) {
		lits_seq(x, t, &s, &e, wide);
		if (x->bad || !s.ok || s.n == 0 || out->n + s.n > ERE_MAXLIT)
			out->ok = 0;
		else
			for (k = 0; k < s.n; k++)
				memcpy(out->lit[out->n++], s.lit[k],
				    sizeof(s.lit[k]));
		if (x->bad || !e.ok || exact->n + e.n > ERE_MAXLIT)
			exact->ok = 0;
		else if (exact->ok)
			for (k = 0; k < e.n; k++)
				memcpy(exact->lit[exact->n++], e.lit[k],
				    sizeof(e.lit[k]));
		if (t->kind != ERE_OR)
			break;
		ere_next(x, t);
	}
}

static void
literals(const char *pattern, struct ere_lits *lits, int wide)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_tok t;
	struct ere_lits exact;

	ere_next(&x, &t);
	lits_alt(&x, &t, lits, &exact, wide);
	if (x.bad || t.kind != ERE_END)
		lits->ok = 0;
}

/*
 * Read twice: plainly, then wide (lit_byte, optional bytes and groups
 * joined), which finds longer literals but more of them, and can
 * overflow ERE_MAXLIT where the plain reading does not; the wide set is
 * kept only when it is more selective.
 */
void
ere_literals(const char *pattern, struct ere_lits *lits)
{
	struct ere_lits wide;

	literals(pattern, lits, 0);
	literals(pattern, &wide, 1);
	if (ere_lits_weight(&wide) > ere_lits_weight(lits))
		*lits = wide;
}

static int	first_alt(struct ere_lexer *, struct ere_tok *,
		    struct ere_bytes *);

/*
 * Add to s the bytes a match of the branch starting at token t can start
 * with; returns whether the whole branch can match the empty string.  t is
 * left at the token that ends the branch.
 */
static int
first_seq(struct ere_lexer *x, struct ere_tok *t, struct ere_bytes *s)
{
	struct ere_bytes a;
	int nullable, open = 1;

	for (; !ends_branch(t) && !x->bad; ere_next(x, t)) {
		memset(&a, 0, sizeof(a));
		nullable = 0;
		if (t->kind == ERE_OPEN) {
			ere_next(x, t);
			nullable = first_alt(x, t, &a);
			if (t->kind != ERE_CLOSE) {
				x->bad = 1;
				return 1;
			}
		} else if (t->kind == ERE_BOL || t->kind == ERE_EOL ||
		    t->kind == ERE_EMPTY)
			nullable = 1;
		else
			a = t->set;
		if (t->lo == 0)
			nullable = 1;
		if (open)
			bytes_or(s, &a);
		if (!nullable)
			open = 0;
	}
	return open;
}

static int
first_alt(struct ere_lexer *x, struct ere_tok *t, struct ere_bytes *s)
{
	int nullable = 0;

	for (;;) {
		nullable |= first_seq(x, t, s);
		if (t->kind != ERE_OR)
			break;
		ere_next(x, t);
	}
	return nullable;
}

int
ere_first(const char *pattern, struct ere_bytes *first)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_bytes s = { { 0, 0, 0, 0 } };
	struct ere_tok t;

	for (;;) {
		ere_next(&x, &t);
		if (t.kind != ERE_BOL)
			return 0;
		ere_next(&x, &t);
		if (first_seq(&x, &t, &s) || x.bad)
			return 0;	/* can match nothing: not understood */
		if (t.kind != ERE_OR)
			break;
	}
	if (t.kind != ERE_END)
		return 0;
	*first = s;
	return 1;
}

static int	last_alt(struct ere_lexer *, struct ere_tok *,
		    struct ere_bytes *);

/*
 * The bytes a match of the branch starting at token t can end with, into
 * *s; returns whether the branch can match the empty string.  A token that
 * can match nothing leaves the bytes before it possible; one that cannot
 * makes its own the only ones.  If the branch ends with an unrepeated $,
 * *eol is set (and the $ does not count; one before other tokens is zero
 * width like \b).  t is left at the token that ends the branch.
 */
static int
last_seq(struct ere_lexer *x, struct ere_tok *t, struct ere_bytes *s,
    int *eol)
{
	struct ere_bytes a;
	int nullable, all = 1;

	memset(s, 0, sizeof(*s));
	*eol = 0;
	for (; !ends_branch(t) && !x->bad; ere_next(x, t)) {
		*eol = 0;	/* a $ before this token: zero width, no more */
		memset(&a, 0, sizeof(a));
		nullable = 0;
		if (t->kind == ERE_OPEN) {
			ere_next(x, t);
			nullable = last_alt(x, t, &a);
			if (t->kind != ERE_CLOSE) {
				x->bad = 1;
				return 1;
			}
		} else if (t->kind == ERE_EOL && t->lo >= 1) {
			*eol = 1;
			continue;
		} else if (t->kind == ERE_BOL || t->kind == ERE_EOL ||
		    t->kind == ERE_EMPTY)
			nullable = 1;
		else
			a = t->set;
		if (t->lo == 0)
			nullable = 1;
		if (nullable)
			bytes_or(s, &a);
		else {
			*s = a;
			all = 0;
		}
	}
	return all;
}

/* Over the branches of a group: is any nullable; *s their union. */
static int
last_alt(struct ere_lexer *x, struct ere_tok *t, struct ere_bytes *s)
{
	struct ere_bytes b;
	int nullable = 0, eol;

	memset(s, 0, sizeof(*s));
	for (;;) {
		nullable |= last_seq(x, t, &b, &eol);
		if (eol)
			x->bad = 1;	/* a $ inside a group: not worth it */
		bytes_or(s, &b);
		if (t->kind != ERE_OR)
			break;
		ere_next(x, t);
	}
	return nullable;
}

int
ere_last(const char *pattern, struct ere_bytes *last)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_bytes s = { { 0, 0, 0, 0 } }, b;
	struct ere_tok t;
	int eol;

	ere_next(&x, &t);
	for (;;) {
		if (last_seq(&x, &t, &b, &eol) || !eol || x.bad)
			return 0;	/* can match nothing, or no $ */
		bytes_or(&s, &b);
		if (t.kind != ERE_OR)
			break;
		ere_next(&x, &t);
	}
	if (t.kind != ERE_END)
		return 0;
	*last = s;
	return 1;
}

static void	needs_alt(struct ere_lexer *, struct ere_tok *,
		    struct ere_bytes *);

/* The bytes the branch starting at t must hold, into *s. */
static void
needs_seq(struct ere_lexer *x, struct ere_tok *t, struct ere_bytes *s)
{
	struct ere_bytes a;

	memset(s, 0, sizeof(*s));
	for (; !ends_branch(t) && !x->bad; ere_next(x, t)) {
		memset(&a, 0, sizeof(a));
		if (t->kind == ERE_OPEN) {
			ere_next(x, t);
			needs_alt(x, t, &a);
			if (t->kind != ERE_CLOSE) {
				x->bad = 1;
				return;
			}
		} else if (t->kind == ERE_BYTE)
			bytes_add(&a, t->c);
		if (t->lo >= 1)
			bytes_or(s, &a);
	}
}

/* What every branch of a group must hold: the bytes they share. */
static void
needs_alt(struct ere_lexer *x, struct ere_tok *t, struct ere_bytes *s)
{
	struct ere_bytes b;
	int k, first = 1;

	for (;;) {
		needs_seq(x, t, &b);
		for (k = 0; k < 4; k++)
			s->w[k] = first ? b.w[k] : s->w[k] & b.w[k];
		first = 0;
		if (t->kind != ERE_OR)
			break;
		ere_next(x, t);
	}
}

void
ere_needs(const char *pattern, struct ere_bytes *need)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_tok t;

	ere_next(&x, &t);
	needs_alt(&x, &t, need);
	if (x.bad || t.kind != ERE_END)
		memset(need, 0, sizeof(*need));
}

/* Read to the ')' that closes the group whose '(' was just read. */
static void
skip_group(struct ere_lexer *x, struct ere_tok *t)
{
	int depth = 1;

	while (depth > 0 && !x->bad) {
		ere_next(x, t);
		if (t->kind == ERE_END)
			return;
		if (t->kind == ERE_OPEN)
			depth++;
		else if (t->kind == ERE_CLOSE)
			depth--;
	}
}

/*
 * The bytes each branch of the group starting at t (just past its '(') begins
 * with, into *alts: its bytes each there once, up to the first other token,
 * and the first of a repeated byte ("b+" gives "b"); an empty branch, or one
 * that starts otherwise, gives the empty string.  Returns 1 when each branch
 * is only such bytes (then *alts are the strings the group matches), else 0.
 * t is left at the group's ')'.
 */
static int
exact_alt(struct ere_lexer *x, struct ere_tok *t, struct ere_lits *alts)
{
	size_t len;
	int exact = 1, open;

	alts->ok = 1;
	alts->n = 0;
	for (;;) {
		len = 0;
		open = 1;
		for (; !ends_branch(t) && !x->bad; ere_next(x, t)) {
			if (t->kind == ERE_OPEN)
				skip_group(x, t);
			if (open && t->kind == ERE_BYTE && t->lo >= 1 &&
			    len < ERE_LITLEN && alts->n < ERE_MAXLIT) {
				alts->lit[alts->n][len++] = (char)t->c;
				if (t->hi != 1)	/* "b+": one b, then who knows */
					open = exact = 0;
			} else
				open = exact = 0;
		}
		if (alts->n < ERE_MAXLIT)
			alts->lit[alts->n++][len] = '\0';
		else
			alts->ok = 0;	/* too many: no use */
		if (t->kind != ERE_OR)
			return exact && alts->ok;
		ere_next(x, t);
	}
}

/*
 * Every string of *p followed by every one of *alts (and, if keep, by
 * nothing too); 0 and *p as it was when that makes too many or too long.
 */
static int
cross(struct ere_lits *p, const struct ere_lits *alts, int keep)
{
	struct ere_lits q;
	size_t a, b;
	int i, j;

	q.n = 0;
	for (i = 0; i < p->n; i++) {
		a = strlen(p->lit[i]);
		if (keep) {
			if (q.n == ERE_MAXLIT)
				return 0;
			memcpy(q.lit[q.n++], p->lit[i], a + 1);
		}
		for (j = 0; j < alts->n; j++) {
			b = strlen(alts->lit[j]);
			if (q.n == ERE_MAXLIT || a + b > ERE_LITLEN)
				return 0;
			memcpy(q.lit[q.n], p->lit[i], a);
			memcpy(q.lit[q.n++] + a, alts->lit[j], b + 1);
		}
	}
	p->n = q.n;
	memcpy(p->lit, q.lit, sizeof(q.lit[0]) * (size_t)q.n);
	return 1;
}

/*
 * Drop from set each string that begins with another of it (and each
 * repeat): a text that begins with "post a " begins with "post ", so the
 * set still says the same, and the caller walks it for every piece it
 * tries, most of them in vain ("^(post|write)( a| your|) " is 3 strings
 * where the cross product was 9).  Keeps the order of the rest.
 */
static void
drop_extensions(struct ere_lits *set)
{
	size_t li, lj;
	int i, j, n = 0;

	for (i = 0; i < set->n; i++) {
		li = strlen(set->lit[i]);
		for (j = 0; j < set->n; j++) {
			lj = strlen(set->lit[j]);
			if (j != i && lj <= li && (lj < li || j < i) &&
			    memcmp(set->lit[j], set->lit[i], lj) == 0)
				break;
		}
		if (j < set->n)
			continue;
		if (n != i)
			memcpy(set->lit[n], set->lit[i], li + 1);
		n++;
	}
	set->n = n;
}

int
ere_prefixes(const char *pattern, struct ere_lits *out)
{
	struct ere_lits p, alts;
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_tok t;
	size_t len;
	int stop, exact, k;

	out->ok = 1;
	out->n = 0;
	ere_next(&x, &t);
	for (;;) {
		if (t.kind != ERE_BOL)
			return 0;
		p.n = 1;
		p.lit[0][0] = '\0';
		stop = 0;
		for (ere_next(&x, &t); !ends_branch(&t) && !x.bad;
		    ere_next(&x, &t)) {
			if (stop) {
				if (t.kind == ERE_OPEN)
					skip_group(&x, &t);
				continue;
			}
			if (t.kind == ERE_BYTE && t.lo >= 1) {
				alts.n = 1;
				alts.lit[0][0] = (char)t.c;
				alts.lit[0][1] = '\0';
				stop = !cross(&p, &alts, 0) || t.hi != 1;
			} else if (t.kind == ERE_OPEN) {
				/*
				 * Exact and there once or not at all: the
				 * prefixes go on; else they end with the
				 * bytes its branches begin with.
				 */
				ere_next(&x, &t);
				exact = exact_alt(&x, &t, &alts);
				if (t.kind != ERE_CLOSE)
					return 0;
				if (!alts.ok)
					stop = 1;
				else if (exact && t.lo == 1 && t.hi == 1)
					stop = !cross(&p, &alts, 0);
				else if (exact && t.lo == 0 && t.hi == 1)
					stop = !cross(&p, &alts, 1);
				else {
					cross(&p, &alts, t.lo == 0);
					stop = 1;
				}
			} else
				stop = 1;
		}
		if (x.bad || out->n + p.n > ERE_MAXLIT)
			return 0;
		for (k = 0; k < p.n; k++) {
			if ((len = strlen(p.lit[k])) == 0)
				return 0;	/* a branch may start anyhow */
			memcpy(out->lit[out->n++], p.lit[k], len + 1);
		}
		if (t.kind != ERE_OR)
			break;
		ere_next(&x, &t);
	}
	if (t.kind != ERE_END)
		return 0;
	drop_extensions(out);
	return 1;
}

/*
 * How many atoms regcomp makes of pattern: it copies what a bounded
 * repetition repeats, so "((a?){10}){100}" is a thousand atoms, whose
 * matching takes a second on a 2 KB paragraph, and "((a?){30}){100}" 18
 * seconds and 800 MB; "x+" is "xx*", so "x+++++" is 32 x's.  Counted
 * on the tokens (their copies), capped at ERE_MAXCOPIES + 1.  A group
 * and a "|" are nodes too, and count one each: "((){255}){255}" has no
 * atom but 65,025 empty groups in one chain, which regcomp's closure
 * walks recursively, deep enough to overflow the stack.
 */
static size_t
copies(const char *pattern)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_tok t;
	size_t *outer, cur = 0, f, depth = 0;

	outer = xcalloc(strlen(pattern) + 1, sizeof(*outer));
	for (ere_next(&x, &t); t.kind != ERE_END; ere_next(&x, &t)) {
		f = t.copies;
		switch (t.kind) {
		case ERE_OPEN:
			outer[depth++] = cur;
			cur = 0;
			break;
		case ERE_CLOSE:
			cur = (depth > 0 ? outer[--depth] : 0) +
			    (cur + 1) * f;
			break;
		case ERE_OR:
			cur++;
			break;
		default:
			cur += f;
		}
		if (cur > ERE_MAXCOPIES)
			break;
	}
	while (depth > 0)
		cur += outer[--depth];
	free(outer);
	return cur > ERE_MAXCOPIES ? ERE_MAXCOPIES + 1 : cur;
}

/*
 * Why regcomp could take minutes to compile pattern, or NULL.  glibc
 * computes the closure of every zero-width path through a loop, for each
 * combination of the assertions on it, and the work grows exponentially
 * with loops nested around something that can match nothing: "^a?+++++"
 * and "(\\>|^|$|\\<|\\b|\\B|a)*" take minutes.  Refused, as no rule
 * needs them: repetitions stacked on one atom (which POSIX leaves
 * undefined), a repeated assertion, and a group repeated past once ("?"
 * is fine) that can match the empty string or holds an assertion.
 */
struct nullframe {
	bool	 branch;	/* the branch so far can match nothing */
	bool	 any;		/* an earlier branch can */
	bool	 assertion;	/* the group holds an assertion */
};

static const char *
slow_loops(const char *pattern)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_tok t;
	struct nullframe *f;
	const char *why = NULL;
	size_t depth = 0;
	bool null, loop;

	f = xcalloc(strlen(pattern) + 2, sizeof(*f));
	f[0].branch = true;
	for (ere_next(&x, &t); t.kind != ERE_END && why == NULL;
	    ere_next(&x, &t)) {
		loop = t.hi < 0 || t.hi > 1;
		if (t.nrep > 1) {
			why = "it stacks repetitions on one atom (\"a?+\", "
			    "undefined in POSIX)";
			break;
		}
		switch (t.kind) {
		case ERE_BOL:
		case ERE_EOL:
		case ERE_EMPTY:
			if (t.nrep > 0)
				why = "it repeats an assertion";
			f[depth].assertion = true;
			break;
		case ERE_OPEN:
			depth++;
			memset(&f[depth], 0, sizeof(f[depth]));
			f[depth].branch = true;
			break;
		case ERE_OR:
			f[depth].any |= f[depth].branch;
			f[depth].branch = true;
			break;
		case ERE_CLOSE:
			if (depth == 0) {	/* a lone ")": a byte */
				f[0].branch &= t.lo == 0;
				break;
			}
			null = f[depth].any || f[depth].branch;
			if (loop && null)
				why = "it repeats a group that can match the "
				    "empty string";
			else if (loop && f[depth].assertion)
				why = "it repeats a group holding ^, $ or a "
				    "\\b-like assertion";
			f[depth - 1].assertion |= f[depth].assertion;
			depth--;
			f[depth].branch &= null || t.lo == 0;
			break;
		default:
			f[depth].branch &= t.lo == 0;
			break;
		}
	}
	free(f);
	return why;
}

int
ere_compile(regex_t *re, const char *pattern, int cflags, struct buf *err)
{
	struct ere_lexer x = { pattern, 0, 0 };
	struct ere_tok t;
	const char *why;
	char msg[256];
	int rc;

	do {
		ere_next(&x, &t);
		if (t.kind == ERE_BACKREF) {
			buf_adds(err, "back-references (\\1 to \\9) are not "
			    "POSIX ERE and can take exponential time");
			return -1;
		}
	} while (t.kind != ERE_END && !x.bad);
	if (copies(pattern) > ERE_MAXCOPIES) {
		buf_printf(err, "its repetitions make more than %d copies of "
		    "an atom, which takes regcomp's matcher seconds a "
		    "paragraph", ERE_MAXCOPIES);
		return -1;
	}
	if ((why = slow_loops(pattern)) != NULL) {
		buf_printf(err, "%s, which can take regcomp minutes to "
		    "compile", why);
		return -1;
	}
	if ((rc = regcomp(re, pattern, REG_EXTENDED | cflags)) != 0) {
		regerror(rc, re, msg, sizeof(msg));
		buf_adds(err, msg);
		return -1;
	}
	return 0;
}
