/*
 * sentsplit.c - see sentsplit.h.
 *
 * One pass over the bytes.  The hot loop only stops at the few bytes that
 * can matter (terminal punctuation, newlines, ':', and the lead bytes of the
 * Unicode ellipsis and CJK stops); everything else is skipped by a table
 * lookup, which is what keeps the splitter near memory speed on news text.
 * At a stop the decision looks at three things, each bounded in length:
 *
 *	the word before it	an abbreviation (and of which kind), an
 *				initial, a number, a URL, or an ordinary word;
 *	the token after it	lower case, upper case, digit; a word that
 *				starts sentences, a title, a label;
 *	the sentence so far	a list marker opening it, or a fronted phrase
 *				("At 5 a.m.") that cannot stand alone.
 *
 * Soft line breaks end a sentence only when the line structure says so:
 * a list item on the next line, or a short unpunctuated line (a heading,
 * a dateline, an item of an unpunctuated list).
 */
#include <err.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "sent/lex.h"
#include "sent/sentsplit.h"
#include "base/utf8.h"
#include "base/util.h"

struct sentsplit {
	struct lex	*lex;
};

/* Character classes. */
#define C_UP	0x01	/* upper or title case, or a letter without case */
#define C_LOW	0x02
#define C_DIGIT	0x04
#define C_MARK	0x08	/* combining mark: part of the word it follows */
#define C_ALNUM	(C_UP | C_LOW | C_DIGIT)
#define C_WORD	(C_UP | C_LOW | C_MARK)

/* How far the splitter looks back for the token before a stop. */
#define MAXTOKEN 256
/* Below this many bytes a paragraph's lines are not wrapped prose. */
#define SHORTPARA 50

enum { MK_NONE, MK_BULLET, MK_NUM, MK_LOWER, MK_UPPER };

/* A list marker: "1." "2.)" "(a)" "b)" "• 9." "- " */
struct marker {
	int		kind;		/* MK_*: of the number, else MK_BULLET */
	int		style;		/* '.', ')', 'd' for ".)", 'p' for "(n)" */
	unsigned	val;
	int32_t		bullet;		/* the bullet before it, or 0 */
	size_t		end;		/* first byte after the marker */
};

enum { W_NONE, W_WORD, W_NUMBER, W_URL, W_INITIAL, W_ABBR };

/* The word before a stop. */
struct word {
	int		kind;		/* W_* */
	unsigned	bits;		/* LEX_* of an abbreviation */
	size_t		b, e;		/* the word, openers stripped */
};

/* A run of terminal punctuation: "." "?!" "..." ". . . ." "…" */
struct cluster {
	size_t		e;		/* first byte after the run */
	size_t		first;		/* first byte after its first unit */
	int		ndots;		/* full stops, three for "…" */
	bool		qe;		/* has '?' or '!' */
	bool		spaced;		/* ". . ." */
	bool		cjk;		/* ideographic stop: no space follows */
};

#define T_END	0x100		/* tok.cls: nothing but white space left */

/* What follows a stop. */
struct tok {
	int		cls;		/* C_UP, C_LOW, C_DIGIT, 0 or T_END */
	int		nl;		/* newlines in the white space before it */
	bool		paren;		/* opened by a bracket */
	size_t		wb, we;		/* its leading word */
	bool		colon;		/* the word is followed by ':' */
	bool		dash;		/* a dash and a space: an attribution */
};

struct scan {
	const struct lex	*lex;
	const unsigned char	*t;
	size_t			 n;
	struct sent		**v;
	size_t			*cap;
	size_t			 count;
	size_t			 start;		/* first byte of the open sentence */
	unsigned		 par;
	size_t			 line;		/* first byte of the current line */
	size_t			 para;		/* first byte of the paragraph */
	size_t			 para_end;	/* para_max is known before this */
	size_t			 para_max;	/* longest line, in bytes */
	bool			 wrapped;	/* its lines are hard-wrapped prose */
	struct marker		 mk;		/* list marker opening the sentence */
};

char *
sentsplit_lang_path(const char *lang)
{
	struct buf path = BUF_INIT;

	if (lang == NULL || *lang == '\0' || strpbrk(lang, "/.") != NULL)
		return NULL;
	buf_printf(&path, "%s/abbrev/%s.txt", artkit_datadir(), lang);
	return path.s;
}

struct sentsplit *
sentsplit_new(const char *lang, const char *const *extra, size_t nextra)
{
	struct sentsplit *ss;
	char *path;
	size_t i;

	if ((path = sentsplit_lang_path(lang)) == NULL)
		errx(1, "%s: not a language name", lang ? lang : "(null)");
	ss = xcalloc(1, sizeof(*ss));
	ss->lex = lex_new();
	lex_load(ss->lex, path);
	free(path);
	for (i = 0; i < nextra; i++)
		lex_load(ss->lex, extra[i]);
	return ss;
}

void
sentsplit_free(struct sentsplit *ss)
{
	if (ss == NULL)
		return;
	lex_free(ss->lex);
	free(ss);
}

static int
cpclass(int32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return C_LOW;
		if (cp >= 'A' && cp <= 'Z')
			return C_UP;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		return 0;
	}
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO:
		return C_UP;
	case UTF8PROC_CATEGORY_LL:
		return C_LOW;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	default:
		return 0;
	}
}

/* The character at i < n, and its length in *len; -1 for a bad byte. */
static int32_t
cp_at(const unsigned char *t, size_t i, size_t n, size_t *len)
{
	int32_t cp;

	if (t[i] < 0x80) {
		*len = 1;
		return t[i];
	}
	*len = utf8_decode((const char *)t + i, n - i, &cp);
	return cp;
}

/* The character ending at i > lo, and its length in *len. */
static int32_t
cp_before(const unsigned char *t, size_t i, size_t lo, size_t *len)
{
	size_t j = i - 1;
	int32_t cp;

	*len = 1;
	if (t[j] < 0x80)
		return t[j];
	while (j > lo && i - j < 4 && (t[j] & 0xC0) == 0x80)
		j--;
	if ((size_t)utf8_decode((const char *)t + j, i - j, &cp) != i - j)
		return -1;
	*len = i - j;
	return cp;
}

static bool
is_space(int32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

/* Length of the white-space character at i, 0 when there is none. */
static size_t
space_at(const unsigned char *t, size_t i, size_t n)
{
	size_t len;
	unsigned char c = t[i];

	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3)
		return 0;
	return is_space(cp_at(t, i, n, &len)) ? len : 0;
}

/* Length of the white-space character ending at i, 0 when none. */
static size_t
space_before(const unsigned char *t, size_t i, size_t lo)
{
	size_t len;
	unsigned char c;

	if (i <= lo)
		return 0;
	c = t[i - 1];
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return is_space(cp_before(t, i, lo, &len)) ? len : 0;
}

static bool
is_closer(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x00BB: case 0x2018: case 0x2019: case 0x201C: case 0x201D:
	case 0x203A: case 0x300D: case 0x300F: case 0xFF09:
		return true;
	}
	return false;
}

/* Quotes that are also apostrophes or English opening quotes. */
static bool
is_ambiguous_quote(int32_t cp)
{
	return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x201C;
}

static bool
is_opener(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0x00A1: case 0x00AB: case 0x00BF: case 0x2018: case 0x201A:
	case 0x201C: case 0x201E: case 0x2039: case 0x300C: case 0x300E:
	case 0xFF08:
		return true;
	}
	return false;
}

/* Bullets that mark list items anywhere; dashes only at a line start. */
static bool
is_bullet(int32_t cp, bool linestart)
{
	switch (cp) {
	case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25A0:
	case 0x25AA: case 0x25B8: case 0x25BA: case 0x25CF: case 0x25E6:
		return true;
	case '-': case '*': case '+': case 0x00B7: case 0x2013: case 0x2014:
		return linestart;
	}
	return false;
}

static void
push(struct scan *sc, size_t s, size_t e)
{
	*sc->v = xroom(*sc->v, sc->cap, sc->count + 1, sizeof(**sc->v));
	(*sc->v)[sc->count].start = s;
	(*sc->v)[sc->count].end = e;
	(*sc->v)[sc->count].par = sc->par;
	sc->count++;
}

/*
 * Whether a list marker starts at i; fills *m.  The number must be
 * followed by white space so that "1.5" and "2010." are not markers.
 */
static bool
marker_at(const struct scan *sc, size_t i, bool linestart, struct marker *m)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len, j;
	int32_t cp;
	unsigned val = 0;
	int kind, style;

	memset(m, 0, sizeof(*m));
	cp = cp_at(t, i, n, &len);
	if (is_bullet(cp, linestart)) {
		j = i + len;
		if (j < n && space_at(t, j, n) == 0 &&
		    (cp < 0x80 || !(cpclass(cp_at(t, j, n, &len)) & C_ALNUM)))
			return false;
		m->kind = MK_BULLET;
		m->bullet = cp;
		while (j < n && t[j] != '\n' && (len = space_at(t, j, n)) > 0)
			j += len;
		m->end = i = j;
	}
	j = i;
	if (j < n && t[j] == '(')
		j++;
	if (j < n && t[j] >= '0' && t[j] <= '9') {
		kind = MK_NUM;
		while (j < n && t[j] >= '0' && t[j] <= '9' && val < 1000)
			val = val * 10 + (t[j++] - '0');
		if (val >= 1000)
			return m->kind != MK_NONE;
	} else if (j < n && ((t[j] >= 'a' && t[j] <= 'z') ||
	    (t[j] >= 'A' && t[j] <= 'Z'))) {
		kind = t[j] >= 'a' ? MK_LOWER : MK_UPPER;
		val = t[j++];
	} else
		return m->kind != MK_NONE;
	if (t[i] == '(') {
		if (j >= n || t[j] != ')')
			return m->kind != MK_NONE;
		style = 'p';
		j++;
	} else if (j < n && t[j] == '.') {
		style = '.';
		if (++j < n && t[j] == ')') {
			style = 'd';
			j++;
		}
	} else if (j < n && t[j] == ')') {
		style = ')';
		j++;
	} else
		return m->kind != MK_NONE;
	if (j >= n || space_at(t, j, n) == 0)
		return m->kind != MK_NONE;
	m->kind = kind;
	m->style = style;
	m->val = val;
	m->end = j;
	return true;
}

/*
 * Whether m opens the item after the one sc's sentence opened with.  An
 * upper-case letter with a stop is left out: "A. Smith and B. Jones".
 */
static bool
next_item(const struct scan *sc, const struct marker *m)
{
	const struct marker *cur = &sc->mk;

	if (cur->bullet != 0)
		return m->bullet == cur->bullet;
	if (m->bullet != 0 || m->kind != cur->kind || m->style != cur->style)
		return false;
	if (m->kind == MK_UPPER && m->style == '.')
		return false;
	return m->val == cur->val + 1;
}

/* Whether [b, e) is a dash standing alone: " - ", " – ", " — ". */
static bool
lone_dash(const unsigned char *t, size_t b, size_t e)
{
	size_t len;
	int32_t cp;

	cp = cp_at(t, b, e, &len);
	return b + len == e && (cp == '-' || cp == 0x2013 || cp == 0x2014);
}

/*
 * A dateline opening the paragraph at b, on the same line as the text
 * after it: a place ending in a dash ("Evansville, Indiana, United States -",
 * "LONDON (Reuters) -") or a date ending in a year ("Thursday, May 7,
 * 2015").  Only capitalised words, numbers and bracketed sources, with a
 * comma, brackets or a word in capitals to tell it from a plain heading;
 * a capitalised word must follow.  Returns the end of the dateline, or 0.
 */
static size_t
dateline(const struct scan *sc, size_t b)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, lim = b + 120 < n ? b + 120 : n, i = b, e, k, len;
	int ntok = 0;
	bool comma = false, firstcomma = false, prevcomma = false;
	bool paren = false, caps = false, year;

	while (i < lim && ntok < 10) {
		for (e = i; e < lim && space_at(t, e, n) == 0; e++)
			;
		if (e >= lim || t[e] == '\n')
			return 0;
		for (k = e; k < n && t[k] != '\n' && (len = space_at(t, k, n)) > 0;
		    k += len)
			;
		if (k >= n || t[k] == '\n')
			return 0;
		if (lone_dash(t, i, e))
			return ntok > 0 && (comma || paren || caps) &&
			    (cpclass(cp_at(t, k, n, &len)) & C_UP) ? e : 0;
		year = e - i == 4 && t[i] >= '1' && t[i] <= '2';
		for (len = i; len < e && year; len++)
			year = t[len] >= '0' && t[len] <= '9';
		if (year && ntok >= 2 && (prevcomma || firstcomma))
			return cpclass(cp_at(t, k, n, &len)) & C_UP ? e : 0;
		if (t[i] == '(' && e - i > 2 && t[i + 1] >= 'A' &&
		    t[i + 1] <= 'Z' && (t[e - 1] == ')' ||
		    (t[e - 1] == ',' && t[e - 2] == ')')))
			paren = true;
		else if (!(cpclass(cp_at(t, i, e, &len)) & (C_UP | C_DIGIT)))
			return 0;
		if (ntok == 0) {
			caps = e - i >= 2;
			for (len = i; len < e && caps; len++)
				caps = t[len] >= 'A' && t[len] <= 'Z';
		}
		prevcomma = t[e - 1] == ',';
		comma |= prevcomma;
		if (ntok == 0)
			firstcomma = prevcomma;
		ntok++;
		i = k;
	}
	return 0;
}

/*
 * Open a sentence at the first non-white byte from i, counting paragraphs
 * on the way; returns where the scan goes on.
 */
static size_t
open_at(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len, d;
	int nl = 0;

	while (i < n && (len = space_at(t, i, n)) > 0) {
		if (t[i] == '\n') {
			nl++;
			sc->line = i + 1;
		}
		i += len;
	}
	if (nl >= 2) {
		sc->para = sc->line;
		if (sc->count > 0)
			sc->par++;
	}
	if ((nl >= 2 || sc->count == 0) && i < n && (d = dateline(sc, i)) > 0) {
		push(sc, i, d);
		for (i = d; i < n && (len = space_at(t, i, n)) > 0; i += len)
			;
	}
	sc->start = i;
	if (i >= n || !marker_at(sc, i, i == sc->line, &sc->mk))
		sc->mk.kind = MK_NONE;
	if (sc->mk.kind == MK_NONE)
		sc->mk.end = 0;
	return i;
}

/*
 * End the open sentence at end (white space before it trimmed) and open the
 * next one at or after next; returns where the scan goes on.
 */
static size_t
split(struct scan *sc, size_t end, size_t next)
{
	size_t len;

	while (end > sc->start &&
	    (len = space_before(sc->t, end, sc->start)) > 0)
		end -= len;
	if (end > sc->start)
		push(sc, sc->start, end);
	return open_at(sc, next);
}

/* Whether [b, e) holds a letter or digit (a long stretch is assumed to). */
static bool
has_content(const struct scan *sc, size_t b, size_t e)
{
	size_t len;

	if (e - b > 64)
		return true;
	for (; b < e; b += len)
		if (cpclass(cp_at(sc->t, b, e, &len)) & C_ALNUM)
			return true;
	return false;
}

/* Whether the character at i is terminal punctuation (one unit of it). */
static int32_t
terminal_at(const unsigned char *t, size_t i, size_t n, size_t *len)
{
	int32_t cp;

	cp = cp_at(t, i, n, len);
	switch (cp) {
	case '.': case '?': case '!':
	case 0x2026: case 0x203C: case 0x203D: case 0x2047: case 0x2048:
	case 0x2049: case 0x3002: case 0xFF01: case 0xFF0E: case 0xFF1F: case 0xFF61:
		return cp;
	}
	return 0;
}

static void
parse_cluster(const struct scan *sc, size_t i, struct cluster *cl)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len;
	int32_t cp;

	memset(cl, 0, sizeof(*cl));
	while (i < n) {
		if ((cp = terminal_at(t, i, n, &len)) == 0) {
			/* ". . .": a space between single stops */
			if (t[i] != ' ' || t[i - 1] != '.' || i + 1 >= n ||
			    t[i + 1] != '.')
				break;
			if (i + 2 < n && t[i + 2] != '.' &&
			    space_at(t, i + 2, n) == 0 &&
			    !is_closer(cp_at(t, i + 2, n, &len)))
				break;
			cl->spaced = true;
			i++;
			continue;
		}
		switch (cp) {
		case '.':
			cl->ndots++;
			break;
		case 0x2026:
			cl->ndots += 3;
			break;
		case 0x3002: case 0xFF0E: case 0xFF61:
			cl->cjk = true;
			break;
		case 0xFF01: case 0xFF1F:
			cl->cjk = true;
			/* FALLTHROUGH */
		default:
			cl->qe = true;
			break;
		}
		i += len;
		if (cl->first == 0)
			cl->first = i;
	}
	cl->e = i;
}

/* Skip closing quotes and brackets after terminal punctuation. */
static size_t
skip_closers(const struct scan *sc, size_t p)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len, len2;
	int32_t cp, cp2;

	while (p < n) {
		cp = cp_at(t, p, n, &len);
		if (!is_closer(cp)) {
			/* French spacing: « Oui. » */
			if ((cp == ' ' || cp == 0xA0 || cp == 0x202F) &&
			    p + len < n) {
				cp2 = cp_at(t, p + len, n, &len2);
				if (cp2 == 0xBB || cp2 == 0x203A) {
					p += len + len2;
					continue;
				}
			}
			break;
		}
		if (is_ambiguous_quote(cp) && p + len < n &&
		    (cpclass(cp_at(t, p + len, n, &len2)) & C_ALNUM))
			break;
		p += len;
	}
	return p;
}

/* Read the token after the white space from p. */
static void
next_token(const struct scan *sc, size_t p, struct tok *tk)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len;
	int32_t cp;

	memset(tk, 0, sizeof(*tk));
	while (p < n && (len = space_at(t, p, n)) > 0) {
		tk->nl += t[p] == '\n';
		p += len;
	}
	if (p >= n) {
		tk->cls = T_END;
		return;
	}
	cp = cp_at(t, p, n, &len);
	tk->dash = (cp == '-' || cp == 0x2013 || cp == 0x2014) &&
	    p + len < n && space_at(t, p + len, n) > 0;
	while (p < n && is_opener(cp = cp_at(t, p, n, &len))) {
		if (cp == '(' || cp == '[' || cp == '{' || cp == 0xFF08)
			tk->paren = true;
		p += len;
	}
	if (p >= n)
		return;
	cp = cp_at(t, p, n, &len);
	tk->cls = cpclass(cp) & C_ALNUM;
	if (cp == '$' || cp == 0xA3 || cp == 0x20AC || cp == 0xA5)
		tk->cls = C_DIGIT;
	tk->wb = p;
	while (p < n && p - tk->wb < LEX_MAXKEY &&
	    (cpclass(cp_at(t, p, n, &len)) & C_WORD))
		p += len;
	tk->we = p;
	tk->colon = p < n && t[p] == ':';
}

/* Whether [b, e) looks like a URL, an e-mail address or a path. */
static bool
urlish(const unsigned char *t, size_t b, size_t e)
{
	size_t i;

	if (e - b >= 4 && strncasecmp((const char *)t + b, "www.", 4) == 0)
		return true;
	for (i = b; i < e; i++)
		if (t[i] == '@' || t[i] == '/' || t[i] == '\\')
			return true;
	return false;
}

/* First byte of the token that ends at i (bounded by the sentence). */
static size_t
token_start(const struct scan *sc, size_t i)
{
	size_t b = i, len;

	while (b > sc->start && i - b < MAXTOKEN &&
	    space_before(sc->t, b, sc->start) == 0) {
		cp_before(sc->t, b, sc->start, &len);
		b -= len;
	}
	return b;
}

/* End of the token that goes on at i (looking at most MAXTOKEN ahead). */
static size_t
token_end(const struct scan *sc, size_t i)
{
	size_t b = i;

	while (i < sc->n && i - b < MAXTOKEN && space_at(sc->t, i, sc->n) == 0)
		i++;
	return i;
}

/*
 * The LEX_* bits of an abbreviation spelt [b, e), also trying the listed
 * spelling of a capitalised or all-capital form ("Approx", "P.M").
 */
static unsigned
abbr_bits(const struct scan *sc, size_t b, size_t e)
{
	char key[LEX_MAXKEY];
	const unsigned char *t = sc->t;
	size_t i, n = e - b, nup = 0, nlow = 0;
	unsigned bits;

	bits = lex_get(sc->lex, (const char *)t + b, n);
	if ((bits & LEX_ABBR) || n < 2 || n > LEX_MAXKEY)
		return bits & LEX_ABBR ? bits : 0;
	for (i = 0; i < n; i++) {
		nup += t[b + i] >= 'A' && t[b + i] <= 'Z';
		nlow += t[b + i] >= 'a' && t[b + i] <= 'z';
		key[i] = t[b + i] >= 'A' && t[b + i] <= 'Z' ?
		    t[b + i] + 'a' - 'A' : t[b + i];
	}
	if (nup == 0 || (nlow > 0 && (nup > 1 || t[b] > 'Z' || t[b] < 'A')))
		return 0;
	bits = lex_get(sc->lex, key, n);
	if (!(bits & LEX_ABBR) && nlow == 0 && key[0] >= 'a' && key[0] <= 'z') {
		key[0] += 'A' - 'a';
		bits = lex_get(sc->lex, key, n);
	}
	return bits & LEX_ABBR ? bits : 0;
}

/* "U.S" "a.m" "Ph.D": parts of one or two letters joined by stops. */
static bool
acronym(const unsigned char *t, size_t b, size_t e)
{
	size_t run = 0, parts = 1;

	for (; b < e; b++) {
		if (t[b] == '.') {
			if (run == 0)
				return false;
			run = 0;
			parts++;
		} else if (((t[b] | 0x20) >= 'a' && (t[b] | 0x20) <= 'z') &&
		    run < 2)
			run++;
		else
			return false;
	}
	return parts >= 2 && run > 0;
}

/* Classify the word that ends at the stop at i. */
static void
word_before(const struct scan *sc, size_t i, struct word *w)
{
	const unsigned char *t = sc->t;
	size_t b, len;
	int32_t cp;
	int cls;

	memset(w, 0, sizeof(*w));
	b = token_start(sc, i);
	if (i - b >= MAXTOKEN) {
		w->kind = W_WORD;
		return;
	}
	while (b < i && is_opener(cp_at(t, b, i, &len)))
		b += len;
	w->b = b;
	w->e = i;
	if (b == i) {
		w->kind = W_NONE;
		return;
	}
	if (urlish(t, b, i) || (i - b > 3 && memmem(t + b, i - b, "://", 3))) {
		w->kind = W_URL;
		return;
	}
	cp = cp_before(t, i, b, &len);
	cls = cpclass(cp);
	if (cls & C_DIGIT) {
		w->kind = W_NUMBER;
		return;
	}
	if ((w->bits = abbr_bits(sc, b, i)) != 0) {
		w->kind = W_ABBR;
		return;
	}
	if (len == i - b && (cls & (C_UP | C_LOW))) {
		w->kind = cls & C_UP ? W_INITIAL : W_ABBR;
		w->bits = LEX_ABBR | LEX_END;
		return;
	}
	/*
	 * An unlisted multi-stop form ends sentences when it has capitals
	 * ("the N.H.S."); in lower case it is shorthand inside one ("a.k.a.").
	 */
	if (acronym(t, b, i)) {
		w->kind = W_ABBR;
		w->bits = LEX_ABBR;
		for (; b < i; b++)
			if (t[b] >= 'A' && t[b] <= 'Z')
				w->bits |= LEX_END;
		return;
	}
	w->kind = W_WORD;
}

/* Whether the token is a word that begins sentences, a title, a label. */
static bool
starts_sentence(const struct scan *sc, const struct tok *tk)
{
	unsigned bits;

	bits = lex_get(sc->lex, (const char *)sc->t + tk->wb, tk->we - tk->wb);
	return (bits & (LEX_START | LEX_TITLE)) ||
	    ((bits & LEX_LABEL) && tk->colon);
}

/*
 * Whether the sentence up to i is only a fronted phrase: a preposition
 * listed as "lead" and at most four words ("At 5 a.m.", "By 9 p.m.").
 */
static bool
fragment(const struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t b = sc->start, e, len;
	int words = 0;

	while (b < i && is_opener(cp_at(t, b, i, &len)))
		b += len;
	for (e = b; e < i && (cpclass(cp_at(t, e, i, &len)) & C_WORD); e += len)
		;
	if (!(lex_get(sc->lex, (const char *)t + b, e - b) & LEX_LEAD))
		return false;
	for (e = sc->start; e < i; e += len) {
		if ((len = space_at(t, e, i)) == 0) {
			len = 1;
			if (e == sc->start || space_before(t, e, sc->start))
				if (++words > 4)
					return false;
		}
	}
	return true;
}

/* Whether a single full stop at i ends the sentence before tk. */
static bool
period_ends(const struct scan *sc, size_t i, const struct tok *tk)
{
	struct word w;
	unsigned bits;

	word_before(sc, i, &w);
	if (w.kind == W_NONE || tk->cls == C_LOW)
		return false;
	if (w.kind == W_ABBR && (w.bits & LEX_TITLE))
		return false;
	if (w.kind == W_WORD || w.kind == W_URL)
		return true;
	if (w.kind == W_NUMBER) {
		if (tk->cls != C_UP)
			return true;
		bits = lex_get(sc->lex, (const char *)sc->t + tk->wb,
		    tk->we - tk->wb);
		return !(bits & LEX_ORD);
	}
	/* an abbreviation or an initial */
	if (!(w.bits & LEX_END) || tk->cls != C_UP || tk->paren)
		return false;
	return starts_sentence(sc, tk) && !fragment(sc, i);
}

/*
 * No white space after the stop: "world.Today", "1,000.That".  A boundary
 * only before a capitalised word, after an ordinary word or number that is
 * not part of an address or a multi-stop form.
 */
static bool
glued_ends(const struct scan *sc, size_t i, const struct cluster *cl,
    size_t p)
{
	const unsigned char *t = sc->t;
	size_t len, len2, b;
	int32_t cp;
	struct word w;

	if (!(cpclass(cp_at(t, p, sc->n, &len)) & C_UP) || p + len >= sc->n ||
	    !(cpclass(cp_at(t, p + len, sc->n, &len2)) & C_LOW))
		return false;
	b = token_start(sc, i);
	if (urlish(t, b, token_end(sc, p)))
		return false;
	if (cl->qe || cl->ndots > 1 || p > cl->e)
		return true;
	word_before(sc, i, &w);
	if (w.kind != W_WORD && w.kind != W_NUMBER)
		return false;
	if (w.e - w.b < 2 || memchr(t + w.b, '.', w.e - w.b) != NULL)
		return false;
	cp = cp_before(t, i, w.b, &len);
	return (cpclass(cp) & (C_LOW | C_DIGIT)) != 0;
}

/* Terminal punctuation at i: decide, and return where the scan goes on. */
static size_t
on_terminal(struct scan *sc, size_t i)
{
	struct cluster cl;
	struct tok tk;
	size_t p, at;
	bool ends, attached, ell;

	if (i < sc->mk.end)
		return sc->mk.end;
	parse_cluster(sc, i, &cl);
	p = skip_closers(sc, cl.e);
	if (!has_content(sc, sc->start, i) || p >= sc->n)
		return p;
	if (cl.cjk)
		return split(sc, p, p);
	if (space_at(sc->t, p, sc->n) == 0)
		return glued_ends(sc, i, &cl, p) ? split(sc, p, p) : p;
	next_token(sc, p, &tk);
	if (tk.cls == T_END)
		return p;
	if (tk.nl >= 2)
		return split(sc, p, p);
	if (tk.dash && tk.nl == 0)
		return p;
	at = p;
	ell = cl.ndots >= 2;
	attached = space_before(sc->t, i, sc->start) == 0;
	if (cl.qe)
		ends = tk.cls != C_LOW;
	else if (cl.ndots >= 4 && attached && cl.spaced && cl.first == i + 1) {
		/* "word. . . . Next": a full stop, then an ellipsis */
		ends = tk.cls == C_UP;
		at = cl.first;
	} else if (cl.ndots >= 4)
		ends = (tk.cls == C_UP || tk.cls == C_DIGIT) && !tk.paren;
	else if (ell) {
		/* "I" is capitalised anywhere, so it says nothing here */
		ends = tk.cls == C_UP && !tk.paren &&
		    !(tk.we - tk.wb == 1 && sc->t[tk.wb] == 'I');
	} else
		ends = period_ends(sc, i, &tk);
	return ends ? split(sc, at, at) : p;
}

/* Whether [b, e) is all white space. */
static bool
blank(const struct scan *sc, size_t b, size_t e)
{
	size_t len;

	for (; b < e; b += len)
		if ((len = space_at(sc->t, b, e)) == 0)
			return false;
	return true;
}

/*
 * Measure the paragraph around i (once): its longest line, in bytes (the
 * lines are only compared with each other, and counting characters cost
 * a fifth of the time on hard-wrapped text), and whether it is wrapped
 * prose: two lines or more, not counting the last, nearly as long as the
 * longest.  Returns the longest line.
 */
static size_t
para_max(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	const unsigned char *nl;
	size_t b, e = sc->para, n = sc->n, pass, full = 0;
	bool prevfull = false;

	if (i < sc->para_end)
		return sc->para_max;
	sc->para_max = 0;
	for (pass = 0; pass < 2; pass++) {
		for (b = sc->para; b < n; b = e + 1) {
			nl = memchr(t + b, '\n', n - b);
			e = nl ? (size_t)(nl - t) : n;
			if (e > i && blank(sc, b, e))
				break;
			if (pass == 0 && e - b > sc->para_max)
				sc->para_max = e - b;
			/* a full line counts when another line follows it */
			if (pass == 1) {
				full += prevfull;
				prevfull = 5 * (e - b) >= 4 * sc->para_max;
			}
			if (e == n)
				break;
		}
	}
	sc->wrapped = full >= 2 && sc->para_max >= SHORTPARA;
	sc->para_end = e;
	return sc->para_max;
}

/* Where a line's text ends: before trailing white space and closers. */
static size_t
line_text_end(const struct scan *sc, size_t b, size_t e)
{
	size_t len;
	int32_t cp;

	for (;;) {
		if ((len = space_before(sc->t, e, b)) > 0) {
			e -= len;
			continue;
		}
		if (e > b) {
			cp = cp_before(sc->t, e, b, &len);
			if (is_closer(cp)) {
				e -= len;
				continue;
			}
		}
		return e;
	}
}

/* Whether the line [b, e) ends in terminal punctuation. */
static bool
line_punctuated(const struct scan *sc, size_t b, size_t e)
{
	size_t len;

	e = line_text_end(sc, b, e);
	if (e == b)
		return false;
	cp_before(sc->t, e, b, &len);
	return terminal_at(sc->t, e - len, e, &len) != 0;
}

/*
 * Whether the line [b, e) cannot end a unit: it ends in a comma, a dash
 * or a similar joiner, or in a word listed as starting sentences (in any
 * case), which heading lines do not end in: "the", "of", "in".
 */
static bool
line_continues(const struct scan *sc, size_t b, size_t e)
{
	char key[LEX_MAXKEY];
	const unsigned char *t = sc->t;
	size_t len, w;
	int32_t cp;

	e = line_text_end(sc, b, e);
	if (e == b)
		return true;
	cp = cp_before(t, e, b, &len);
	if (cp > 0 && cp < 0x80 && strchr(",;:-&/(+=", cp) != NULL)
		return true;
	if (cp == 0x2013 || cp == 0x2014)
		return true;
	for (w = e; w > b && ((t[w - 1] | 0x20) >= 'a' && (t[w - 1] | 0x20) <= 'z');
	    w--)
		;
	if (e - w == 0 || e - w > LEX_MAXKEY || (w > b && !space_before(t, w, b)))
		return false;
	memcpy(key, t + w, e - w);
	if (key[0] >= 'a')
		key[0] -= 'a' - 'A';
	return (lex_get(sc->lex, key, e - w) & LEX_START) != 0;
}

/* Whether the line [b, e) has letters and none in lower case. */
static bool
line_in_capitals(const struct scan *sc, size_t b, size_t e)
{
	size_t len;
	int cls, up = 0;

	for (; b < e; b += len) {
		cls = cpclass(cp_at(sc->t, b, e, &len));
		if (cls & C_LOW)
			return false;
		up += (cls & C_UP) != 0;
	}
	return up >= 2;
}

/*
 * A soft line break at i (the line began at lb, the next one begins at j):
 * whether it ends the sentence.  Only a line without final punctuation
 * that does not run on (a comma, "the") can end one.  In wrapped prose it
 * does when the next line is indented (a paragraph or a table row in
 * wire copy) or is set in capitals; elsewhere when it is short (half the
 * longest line, or any line when none is long enough to be wrapped): a
 * heading or dateline before a capitalised line, or one of several short
 * unpunctuated lines, the items of a list.
 */
static bool
line_ends(struct scan *sc, size_t lb, size_t i, size_t j)
{
	const unsigned char *t = sc->t;
	const unsigned char *nl;
	size_t le, max, ne;
	struct tok tk;

	if (line_punctuated(sc, lb, i) || line_continues(sc, lb, i))
		return false;
	max = para_max(sc, i);
	le = line_text_end(sc, lb, i);
	if (sc->wrapped)
		return j > i + 2 || line_in_capitals(sc, lb, le);
	if (2 * (le - lb) > max && max >= SHORTPARA)
		return false;
	next_token(sc, j, &tk);
	if (tk.cls == C_UP || tk.cls == C_DIGIT)
		return true;
	nl = memchr(t + j, '\n', sc->n - j);
	ne = nl ? (size_t)(nl - t) : sc->n;
	return !line_punctuated(sc, j, ne) &&
	    (2 * (line_text_end(sc, j, ne) - j) <= max || max < SHORTPARA);
}

static size_t
on_newline(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t j, len, lb = sc->line;
	struct marker m;

	sc->line = i + 1;
	for (j = i + 1; j < sc->n && t[j] != '\n' &&
	    (len = space_at(t, j, sc->n)) > 0; j += len)
		;
	if (j >= sc->n)
		return j;
	if (t[j] == '\n' || marker_at(sc, j, true, &m) ||
	    line_ends(sc, lb, i, j))
		return split(sc, i, i);
	return i + 1;
}

/*
 * "Ahmed Mohamed Image: Twitter": a label listed as such, capitalised and
 * followed by ':' and a space, starts a new unit even without a stop.
 */
static size_t
on_colon(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t b, len;

	if (i + 1 < sc->n && space_at(t, i + 1, sc->n) == 0)
		return i + 1;
	for (b = i; b > sc->start; b -= len)
		if (!(cpclass(cp_before(t, b, sc->start, &len)) & C_WORD))
			break;
	if (b == i || b == sc->start || space_before(t, b, sc->start) == 0 ||
	    !(cpclass(cp_at(t, b, i, &len)) & C_UP))
		return i + 1;
	if (lex_get(sc->lex, (const char *)t + b, i - b) & LEX_LABEL)
		split(sc, b, b);
	return i + 1;
}

/* White space inside a list item: does the next item start here? */
static size_t
on_space(struct scan *sc, size_t i)
{
	struct marker m;
	size_t j = i + 1;

	if (j < sc->n && space_at(sc->t, j, sc->n) == 0 &&
	    marker_at(sc, j, false, &m) && next_item(sc, &m))
		return split(sc, i, j);
	return j;
}

size_t
sentsplit_run(const struct sentsplit *ss, const char *text, size_t len,
    struct sent **v, size_t *cap)
{
	/* Bytes the scan stops at; inside a list item also white space. */
	static const unsigned char stop[2][256] = {
		{ ['.'] = 1, ['?'] = 1, ['!'] = 1, ['\n'] = 1, [':'] = 1,
		  [0xE2] = 1, [0xE3] = 1, [0xEF] = 1 },
		{ ['.'] = 1, ['?'] = 1, ['!'] = 1, ['\n'] = 1, [':'] = 1,
		  [0xE2] = 1, [0xE3] = 1, [0xEF] = 1, [' '] = 1, ['\t'] = 1 },
	};
	struct scan sc;
	const unsigned char *t = (const unsigned char *)text, *tab;
	size_t i, clen;

	memset(&sc, 0, sizeof(sc));
	sc.lex = ss->lex;
	sc.t = t;
	sc.n = len;
	sc.v = v;
	sc.cap = cap;
	sc.par = 1;
	i = open_at(&sc, 0);
	while (i < len) {
		tab = stop[sc.mk.kind != MK_NONE];
		while (i < len && !tab[t[i]])
			i++;
		if (i >= len)
			break;
		switch (t[i]) {
		case '\n':
			i = on_newline(&sc, i);
			break;
		case ':':
			i = on_colon(&sc, i);
			break;
		case ' ':
		case '\t':
			i = on_space(&sc, i);
			break;
		case '.':
		case '?':
		case '!':
			i = on_terminal(&sc, i);
			break;
		default:
			if (terminal_at(t, i, len, &clen))
				i = on_terminal(&sc, i);
			else
				i += clen;
			break;
		}
	}
	split(&sc, len, len);
	return sc.count;
}
