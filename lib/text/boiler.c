/*
 * boiler.c - see boiler.h.
 *
 * Speed: artclean should clean 250 MB/s with every step on, and glibc's
 * regexec costs far more than that per rule (about a microsecond a call),
 * so no regex runs unless the piece can match it.  Rules are cheap to skip
 * in these ways, in order: a word limit (max=); the piece's first byte,
 * for a pattern anchored with ^ (build_index); literals every match must
 * contain, read out of the pattern when it is loaded and looked for all
 * at once (prefilter(), one scan of the piece by litset.h); then, in
 * rule_matches(), the strings an anchored match begins with, the last
 * byte of one anchored with $, rare bytes every match holds, and literals
 * too short for the prefilter (all read by ere.c; a pair of rare bytes,
 * "©", is not too short: rare_short()).
 */
#include <ctype.h>
#include <limits.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/boiler.h"
#include "text/ere.h"
#include "text/litset.h"
#include "text/linefile.h"
#include "text/model.h"
#include "text/para.h"
#include "base/util.h"

#define PREFIX		3	/* the prefilter's shortest literal, */
					/* but for rare pairs (rare_short) */
/*
 * The prefilter's tiers by the piece's words: a piece of w words is
 * looked at for the literals of the rules whose max= allows w, in the
 * last tier whose floor is below w.  Most paragraphs of reporting are
 * longer than 40 words, and a handful of literals is quicker to look for
 * than hundreds; most short rules are for a few words (dates, bylines,
 * "Read more"), and their common words ("may", "more") would stop the
 * scan of every longer piece.  Each tier is a database compiled once a
 * run: callgrind on the first 10 MB of the bench corpus counted the
 * same instructions for the three tiers here as for five (0, 8, 16, 25,
 * 40) once the compiling was left out, and 53 M fewer with it; two
 * (0, 40) scan 18% more.
 */
static const unsigned tier_floor[] = { 0, 12, 40 };
#define NTIERS	NELEM(tier_floor)
/*
 * A piece longer than this (bytes) has its words counted before it is
 * lowered, and its lowered copy is freed after the match: a long item
 * of one paragraph is not held once more for the rules.
 */
#define LOWER_BIG	(1 << 20)
#define MAX_REQ		8	/* short literals a rule looks for itself */
#define WORDCLASS_TAB	256	/* word counts whose class is in a table */

/* Candidates of one word class (struct boiler's fit[]). */
struct cands {
	uint16_t	*v;		/* NULL: not made yet */
	size_t		 n;
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
	int		 tailed;	/* PATTERN$: last[] says which bytes */
	uint64_t	 last[4];	/* bytes a match can end with */
	/*
	 * Literals too short for the prefilter (one or two bytes besides
	 * blanks), one of which every match holds: nreq strings one after
	 * the other, each its length in a byte, where its probe is (below)
	 * in a byte, then its bytes, lower case.  A literal is looked for
	 * only where its probe is: its rarest byte (by byte_bits, the last
	 * of equals: in UTF-8 the last byte says more than the lead), not
	 * its first (" »" would be tried at every blank).
	 */
	char		*req;
	int		 nreq;
	uint64_t	 reqprobe[4];	/* their probes */
	unsigned char	 reqbyte[MAX_REQ];	/* the same, one each */
	int		 nreqbyte;
	char		*pre;		/* strings a match begins with one */
	int		 npre;		/* of, as written: each its length */
					/* in a byte, then its bytes */
	size_t		 minpre;	/* the shortest's length */
	unsigned char	 need[2];	/* rare bytes every match holds, */
	int		 nneed;		/* lower case */
	uint32_t	 stamp;		/* == boiler's stamp: a literal was seen */
	int		 nosentence;	/* a clause after the match vetoes it */
	int		 nodata;	/* so does a fixture, a figure in brackets */
};

struct boiler {
	struct rule	*rules;
	size_t		 nrules, caprules;
	int		 line_rules;
	unsigned	 word_cap;	/* largest max=, or UINT_MAX */
	int		 lines_rules;	/* some rule has lines= */
	unsigned	 lines_min;	/* ... and the least lines= */
	unsigned	 filter_cap;	/* largest max= of prefiltered rules */
	/*
	 * The prefilter of each tier: the literals, lower-cased, of the
	 * rules that apply to pieces of more than tier_floor[] words, under
	 * the index of their rule.
	 */
	struct litset	*filt[NTIERS];
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
	/*
	 * The most words each candidate can match in (its max=, else
	 * UINT_MAX, as for a lines= rule, whose lines are counted one by
	 * one): most pieces are longer than most candidates allow, and this
	 * says so without a look at each rule.
	 */
	unsigned	*candmax[3][256];
	/*
	 * The same lists without the candidates a piece has too many words
	 * for, one for each class of word counts, made the first time a
	 * piece asks for one: the classes end at the candidates' distinct
	 * max= (bound[], ascending), and class q holds the candidates whose
	 * max= is at least bound[q].  Pieces of reporting are longer than
	 * most candidates allow, and walking past those, one by one in
	 * each piece, was a twentieth of match().
	 */
	unsigned	*bound;
	size_t		 nbound;
	unsigned char	 wordclass[WORDCLASS_TAB];	/* by words, below it */
	struct cands	*fit[3][256];	/* NULL, or nbound + 1 lists */
	int		 indexed;
};

struct boiler *
boiler_new(void)
{
	struct boiler *b;
	size_t t;

	b = xcalloc(1, sizeof(*b));
	for (t = 0; t < NTIERS; t++)
		b->filt[t] = litset_new();
	return b;
}

/* Drop the candidate lists by word class. */
static void
free_fit(struct boiler *b)
{
	size_t i, q;

	for (i = 0; i < 3 * 256; i++) {
		if (b->fit[i / 256][i % 256] == NULL)
			continue;
		for (q = 0; q <= b->nbound; q++)
			free(b->fit[i / 256][i % 256][q].v);
		free(b->fit[i / 256][i % 256]);
		b->fit[i / 256][i % 256] = NULL;
	}
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
		free(b->rules[i].req);
		free(b->rules[i].pre);
		if (b->rules[i].regex)
			regfree(&b->rules[i].re);
	}
	free(b->rules);
	for (i = 0; i < NTIERS; i++)
		litset_free(b->filt[i]);
	free(b->hits);
	for (i = 0; i < 3 * 256; i++) {
		free(b->cand[i / 256][i % 256]);
		free(b->candmax[i / 256][i % 256]);
	}
	free_fit(b);
	free(b->bound);
	buf_free(&b->lower);
	free(b);
}

size_t
boiler_nrules(const struct boiler *b)
{
	return b->nrules;
}

int
boiler_has_line_rules(const struct boiler *b)
{
	return b->line_rules;
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * How rare a byte is in lower-cased news text: about -10 log2 of its
 * share of the bytes (a blank 25, "e" 32, "q" 95).  English letter
 * frequencies; other Latin-script languages are close enough for
 * choosing where to look, which is all this is for.
 */
static unsigned
byte_bits(unsigned char c)
{
	static const struct {
		const char	*bytes;
		unsigned	 bits;
	} band[] = {
		{" ", 25}, {"e", 32}, {"ta", 35}, {"oin", 37}, {"sr", 39},
		{"h", 41}, {"ld", 46}, {"cu", 50}, {"mf", 54}, {"pgwy", 58},
		{"b", 64}, {".,\n", 66}, {"v", 70}, {"0123456789k", 76},
		{"xjqz", 95},
	};
	size_t i;

	for (i = 0; i < NELEM(band); i++)
		if (c != '\0' && strchr(band[i].bytes, c) != NULL)
			return band[i].bits;
	return 80;	/* other signs, bytes of other scripts */
}

/*
 * The two rarest bytes (by byte_bits) that every match of the rule holds,
 * unless they are common: one memchr for each rules out most pieces.
 */
static void
add_needs(struct rule *r, const char *pattern)
{
	struct ere_bytes need;
	unsigned c, lc, best;

	ere_needs(pattern, &need);
	while (r->nneed < 2) {
		best = 256;
		for (c = 0; c < 256; c++) {
			lc = lower((unsigned char)c);
			if (((need.w[c / 64] >> (c % 64)) & 1) &&
			    byte_bits((unsigned char)lc) > 41 &&
			    (r->nneed == 0 || r->need[0] != lc) &&
			    (best == 256 || byte_bits((unsigned char)lc) >
			    byte_bits((unsigned char)best)))
				best = lc;
		}
		if (best == 256)
			break;
		r->need[r->nneed++] = (unsigned char)best;
	}
}

/* The strings every match begins with one of, when there are such. */
static void
add_prefixes(struct rule *r, const char *pattern)
{
	struct ere_lits set;
	size_t len = 0, l;
	int k;

	if (!ere_prefixes(pattern, &set))
		return;
	r->minpre = SIZE_MAX;
	for (k = 0; k < set.n; k++) {
		l = strlen(set.lit[k]);
		len += l + 1;
		if (l < r->minpre)
			r->minpre = l;
	}
	r->pre = xmalloc(len);
	for (len = 0, k = 0; k < set.n; k++) {
		l = strlen(set.lit[k]);
		r->pre[len++] = (char)l;	/* at most ERE_LITLEN */
		memcpy(r->pre + len, set.lit[k], l);
		len += l;
	}
	r->npre = set.n;
}

/* Keep a set of short literals for the rule to look for itself. */
static void
add_required(struct rule *r, const struct ere_lits *set)
{
	const unsigned char *lit;
	size_t len = 0, l, i, at;
	unsigned c;
	int k;

	for (k = 0; k < set->n; k++)
		len += strlen(set->lit[k]) + 2;
	r->req = xmalloc(len);
	for (len = 0, k = 0; k < set->n; k++) {
		lit = (const unsigned char *)set->lit[k];
		l = strlen(set->lit[k]);
		for (at = 0, i = 1; i < l; i++)
			if (byte_bits(lit[i]) >= byte_bits(lit[at]))
				at = i;
		r->req[len++] = (char)l;	/* at most ERE_LITLEN */
		r->req[len++] = (char)at;
		memcpy(r->req + len, lit, l);
		len += l;
		c = lit[at];
		if (!((r->reqprobe[c / 64] >> (c % 64)) & 1))
			r->reqbyte[r->nreqbyte++] = (unsigned char)c;
		r->reqprobe[c / 64] |= 1ULL << (c % 64);
	}
	r->nreq = set->n;
}

/*
 * Are the literals of set fit for the prefilter though some are shorter
 * than PREFIX: each of those two bytes or more (besides blanks), every
 * one of them rare (by byte_bits: signs, bytes beyond ASCII)?  A pair
 * such as "©" or "<<" is seldom in a piece, and the scan finds it for
 * almost nothing more; looking for it in every piece with has_required
 * cost more than that (callgrind on the first 20 MB of the bench corpus:
 * credit.copy's "©" and related.arrows' "»", "<<" were tried in most
 * short pieces, 16 M instructions in all).
 */
static int
rare_short(const struct ere_lits *set)
{
	const unsigned char *p;
	size_t l, rare;
	int k;

	if (!set->ok || set->n == 0)
		return 0;
	for (k = 0; k < set->n; k++) {
		for (l = 0, rare = 0, p = (const unsigned char *)set->lit[k];
		    *p != '\0'; p++) {
			l += *p != ' ';
			rare += *p != ' ' && byte_bits(*p) >= 80;
		}
		if (l < PREFIX && (l < 2 || rare < l))
			return 0;
	}
	return 1;
}

static void
add_filter(struct boiler *b, size_t r, const char *pattern)
{
	struct ere_lits set;
	unsigned max = b->rules[r].max_words;
	size_t t;
	int k;

	/*
	 * A lines= rule is tried on every piece of several lines (match()
	 * never asks the prefilter about it), so its literals would only
	 * slow the scan.
	 */
	if (b->rules[r].min_lines > 0)
		return;
	/*
	 * A rule that every match begins with one of a few strings of two
	 * bytes or more needs no literals: the candidates for the piece's
	 * first byte (build_index) and a look at its start (has_prefix) say
	 * more, and the prefilter's scan goes faster the fewer literals it
	 * holds (most were such rules' short alternatives: "stand",
	 * "loading", "read ").
	 */
	if (b->rules[r].anchored && b->rules[r].minpre >= 2)
		return;
	ere_literals(pattern, &set);
	if (ere_lits_weight(&set) < PREFIX && !rare_short(&set)) {
		if (ere_lits_weight(&set) > 0 && set.n <= MAX_REQ)
			add_required(&b->rules[r], &set);
		return;
	}
	for (k = 0; k < set.n; k++)
		for (t = 0; t < NTIERS; t++)
			if (max == 0 || max > tier_floor[t])
				litset_add(b->filt[t], set.lit[k],
				    strlen(set.lit[k]), (unsigned)r);
	b->rules[r].filtered = 1;
	if (max == 0)
		b->filter_cap = UINT_MAX;
	else if (b->filter_cap < max)
		b->filter_cap = max;
}

/*
 * For a pattern anchored with ^ (in every branch), the bytes a match can
 * start with.
 */
static void
add_first(struct rule *r, const char *pattern)
{
	struct ere_bytes first, last;

	if (ere_first(pattern, &first)) {
		memcpy(r->first, first.w, sizeof(r->first));
		r->anchored = 1;
	}
	if (ere_last(pattern, &last)) {
		memcpy(r->last, last.w, sizeof(r->last));
		r->tailed = 1;
	}
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
parse_rule(void *arg, char *line, char *msg, size_t msglen)
{
	struct boiler *b = arg;
	struct rule r;
	struct buf why = BUF_INIT;
	char *name, *cat, *scope, *s, *end;
	const char *errstr;
	char close;

	memset(&r, 0, sizeof(r));
	if ((name = field(&line)) == NULL || (cat = field(&line)) == NULL ||
	    (scope = field(&line)) == NULL)
		return "want NAME CATEGORY SCOPE [max=WORDS] [lines=N] [foot] "
		    "[next] [nosentence] [nodata] PATTERN";
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
		} else if (strncmp(line, "next", 4) == 0 && (line[4] == ' ' ||
		    line[4] == '\t')) {
			field(&line);
			r.hit.next = 1;
			continue;
		} else if (strncmp(line, "nosentence", 10) == 0 &&
		    (line[10] == ' ' || line[10] == '\t')) {
			field(&line);
			r.nosentence = 1;
			continue;
		} else if (strncmp(line, "nodata", 6) == 0 &&
		    (line[6] == ' ' || line[6] == '\t')) {
			field(&line);
			r.nodata = 1;
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
	if (r.hit.next && r.hit.scope != BOILER_LINE)
		return "next needs scope line";
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
		/* a nosentence rule looks past its match's end */
		if (ere_compile(&r.re, line, r.nosentence ? 0 : REG_NOSUB,
		    &why) != 0) {
			snprintf(msg, msglen, "bad regex /%s/: %s", line,
			    buf_cstr(&why));
			buf_free(&why);
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
		add_first(&b->rules[b->nrules], line);
		add_prefixes(&b->rules[b->nrules], line);
		add_needs(&b->rules[b->nrules], line);
		add_filter(b, b->nrules, line);
	}
	b->nrules++;
	if (r.hit.scope == BOILER_LINE)
		b->line_rules = 1;
	if (r.min_lines > 0 && (!b->lines_rules || r.min_lines < b->lines_min))
		b->lines_min = r.min_lines;
	if (r.min_lines > 0)
		b->lines_rules = 1;
	if (r.min_lines == 0 && (r.max_words == 0 ||
	    b->word_cap < r.max_words))
		b->word_cap = r.max_words == 0 ? UINT_MAX : r.max_words;
	return NULL;
}

int
boiler_add_rules(struct boiler *b, const char *name, const char *text,
    size_t n, struct buf *err)
{
	return linefile_each(name, text, n, err, parse_rule, b);
}

int
boiler_load_rules(struct boiler *b, const char *path, struct buf *err)
{
	return linefile_load(path, err, parse_rule, b);
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
	const uint64_t ones = 0x0101010101010101ULL, hi = ones * 0x80;
	const uint64_t lo7 = ones * 0x7F;
	unsigned w = 1;
	uint64_t x, y, h;
	size_t i = 0;
	unsigned char c;

	if (n == 0)
		return 0;
	for (; i + 8 <= n && w <= cap; i += 8) {
		memcpy(&x, s + i, 8);
		/* bit 7 of each byte that is a blank ... */
#define ZERO(v)	(~((((v) & lo7) + lo7) | (v) | lo7))
		y = ZERO(x ^ (ones * ' ')) | ZERO(x ^ (ones * '\n')) |
		    ZERO(x ^ (ones * '\t'));
#undef ZERO
		/* ... or 0xE3-0xED: 0x63-0x6D below bit 7, with bit 7 set */
		h = x & lo7;
		y |= (h + ones * (0x80 - 0x63)) & ~(h + ones * (0x7F - 0x6D)) &
		    x & hi;
		w += (unsigned)((((y & hi) >> 7) * ones) >> 56);
	}
	for (; i < n && w <= cap; i++) {
		c = (unsigned char)s[i];
		w += c == ' ' || c == '\n' || c == '\t' ||
		    (c >= 0xE3 && c <= 0xED);
	}
	return w;
}

/*
 * s lower-cased into b->lower; returns the copy, and in *words its words
 * as count_words() counts them, without a cap: one pass over the piece
 * for both, since match() wants both for most pieces.  Eight bytes at a
 * time: in each byte below 0x80, bit 7 of (byte + 0x80 - 'A') says
 * byte >= 'A' and bit 7 of (byte + 0x7F - 'Z') says byte > 'Z'; where
 * the first is set and not the second, 0x20 is added.
 */
static const char *
lowered(struct boiler *b, const char *s, size_t n, unsigned *words)
{
	const uint64_t ones = 0x0101010101010101ULL, hi = ones * 0x80;
	const uint64_t lo7 = ones * 0x7F;
	uint64_t w, h, upper, y;
	unsigned nw = 1;
	size_t i = 0;
	unsigned char c;

	buf_reset(&b->lower);
	buf_grow(&b->lower, n);
#ifdef __SSE2__
	/*
	 * Sixteen bytes at a time where SSE2 is (every x86-64): the same
	 * tests, with signed compares, so that no byte beyond ASCII is a
	 * capital, and the blanks counted in eight-bit lanes, added up
	 * before any lane can reach 255.
	 */
	{
		const __m128i at = _mm_set1_epi8('A' - 1);
		const __m128i bracket = _mm_set1_epi8('Z' + 1);
		const __m128i bit5 = _mm_set1_epi8(0x20);
		const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n');
		const __m128i tab = _mm_set1_epi8('\t');
		const __m128i cjk = _mm_set1_epi8((char)0xE3);
		const __m128i cjkspan = _mm_set1_epi8(0xED - 0xE3);
		__m128i x, m, d, lanes;
		size_t k;

		while (i + 16 <= n) {
			lanes = _mm_setzero_si128();
			for (k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
				x = _mm_loadu_si128((const __m128i *)(s + i));
				m = _mm_and_si128(_mm_cmpgt_epi8(x, at),
				    _mm_cmplt_epi8(x, bracket));
				_mm_storeu_si128((__m128i *)(b->lower.s + i),
				    _mm_or_si128(x, _mm_and_si128(m, bit5)));
				d = _mm_sub_epi8(x, cjk);
				m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x,
				    sp), _mm_cmpeq_epi8(x, nl)), _mm_or_si128(
				    _mm_cmpeq_epi8(x, tab), _mm_cmpeq_epi8(
				    _mm_min_epu8(d, cjkspan), d)));
				lanes = _mm_sub_epi8(lanes, m);
			}
			lanes = _mm_sad_epu8(lanes, _mm_setzero_si128());
			nw += (unsigned)_mm_cvtsi128_si32(lanes) +
			    (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(lanes,
			    8));
		}
	}
#endif
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = w & lo7;
		upper = (h + ones * (0x80 - 'A')) & ~(h + ones * (0x7F - 'Z')) &
		    ~w & hi;
#define ZERO(v)	(~((((v) & lo7) + lo7) | (v) | lo7))
		y = ZERO(w ^ (ones * ' ')) | ZERO(w ^ (ones * '\n')) |
		    ZERO(w ^ (ones * '\t'));
#undef ZERO
		y |= (h + ones * (0x80 - 0x63)) & ~(h + ones * (0x7F - 0x6D)) &
		    w & hi;
		nw += (unsigned)((((y & hi) >> 7) * ones) >> 56);
		w |= upper >> 2;
		memcpy(b->lower.s + i, &w, 8);
	}
	for (; i < n; i++) {
		c = (unsigned char)s[i];
		nw += c == ' ' || c == '\n' || c == '\t' ||
		    (c >= 0xE3 && c <= 0xED);
		b->lower.s[i] = (char)lower(c);
	}
	b->lower.len = n;
	b->lower.s[n] = '\0';
	*words = n == 0 ? 0 : nw;
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

/* The prefilter found a literal of rule r in this piece. */
static void
found(void *arg, unsigned r)
{
	struct boiler *b = arg;

	if (b->rules[r].stamp != b->stamp) {
		b->rules[r].stamp = b->stamp;
		b->hits[b->nhits++] = (uint16_t)r;
	}
}

/* Mark the rules whose literals in ls occur in low (lower case). */
static void
prefilter(struct boiler *b, struct litset *ls, const char *low, size_t n)
{
	new_stamp(b);
	litset_scan(ls, low, n, found, b);
}

/* Is one of r's short literals in u (n bytes) with its probe at u[i]? */
static int
required_at(const struct rule *r, const unsigned char *u, size_t i, size_t n)
{
	const char *q;
	size_t l, at;
	int k;

	for (k = 0, q = r->req; k < r->nreq; k++, q += l + 2) {
		l = (unsigned char)q[0];
		at = (unsigned char)q[1];
		if ((unsigned char)q[2 + at] == u[i] && at <= i &&
		    l - at <= n - i && memcmp(u + i - at, q + 2, l) == 0)
			return 1;
	}
	return 0;
}

/*
 * Does low (n bytes, lower case) hold one of r's short literals?  One
 * pass, stopping where a literal's probe is (memmem once for each
 * literal cost more than the regexec it spared).  With SSE2, sixteen
 * bytes at a time are compared with each distinct probe (at most
 * MAX_REQ), and only the places where one is are looked at: most rules
 * that get here ("©", " »") find none in a paragraph.
 */
static int
has_required(const struct rule *r, const char *low, size_t n)
{
	const unsigned char *u = (const unsigned char *)low;
	size_t i = 0;

#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(u + i));
		__m128i eq = _mm_setzero_si128();
		unsigned bits;
		int k;

		for (k = 0; k < r->nreqbyte; k++)
			eq = _mm_or_si128(eq, _mm_cmpeq_epi8(x,
			    _mm_set1_epi8((char)r->reqbyte[k])));
		for (bits = (unsigned)_mm_movemask_epi8(eq); bits != 0;
		    bits &= bits - 1)
			if (required_at(r, u, i + (size_t)__builtin_ctz(bits),
			    n))
				return 1;
	}
#endif
	for (; i < n; i++)
		if (((r->reqprobe[u[i] / 64] >> (u[i] % 64)) & 1) &&
		    required_at(r, u, i, n))
			return 1;
	return 0;
}

/*
 * Does s (n bytes) begin with one of r's prefixes?  The rule is tried
 * because s begins with a byte a match can begin with, so the first
 * byte mostly agrees: the second is compared before memcmp is called
 * (memcmp's calls were a third of this function's time).
 */
static int
has_prefix(const struct rule *r, const char *s, size_t n)
{
	const char *q = r->pre;
	size_t l;
	int k;

	for (k = 0; k < r->npre; k++, q += l + 1) {
		l = (unsigned char)q[0];
		if (q[1] == s[0] && l <= n && (l < 2 || q[2] == s[1]) &&
		    memcmp(s, q + 1, l) == 0)
			return 1;
	}
	return 0;
}

/*
 * Does the lower-cased piece low (n bytes) read as a sentence of
 * reporting from byte from on, where a nosentence rule's match ends?  It
 * must end a sentence, and the rest of its first sentence must hold a
 * clause: a finite verb of the commonest kind (is, was, has, will,
 * said...) or a comma and a new subject (", the", ", he").  "Posted on
 * the door of the hall, the notice says the market will close." is
 * reporting; "Posted by Ruth Amis on 3 March." and "This post was
 * written by Ruth Amis. You can read her other posts here." are not:
 * the lead's own "was" is inside the match, and the byline's sentence
 * ends before the second one's "can".  An abbreviation's stop ("Dr. Lee")
 * ends the look early, which errs toward the furniture: the rule's max=
 * still bounds what it takes.
 */
static int
clause_after(const char *low, size_t from, size_t n)
{
	static const char *const verbs[] = {
		"is", "are", "was", "were", "has", "have", "had", "will",
		"would", "can", "could", "may", "might", "must", "should",
		"said", "says", "did", "does", "been"
	};
	static const char *const subjects[] = {
		"the", "a", "an", "he", "she", "it", "they", "we", "i", "his",
		"her", "its", "their", "this", "these", "those"
	};
	size_t i, j, w;

	if (!para_ends_sentence(low, n))
		return 0;
	for (i = from; i < n; i = j) {
		while (i < n && !isalpha((unsigned char)low[i])) {
			if ((low[i] == '.' || low[i] == '!' ||
			    low[i] == '?') && i + 1 < n && low[i + 1] == ' ')
				return 0;	/* the first sentence ended */
			i++;
		}
		for (j = i; j < n && isalpha((unsigned char)low[j]); j++)
			continue;
		if (j == i)
			break;
		w = j - i;
		if (i > 0 && low[i - 1] != ' ')
			continue;	/* inside a word, a name, an address */
		if (j < n && low[j] != ' ' && low[j] != ',' && low[j] != '.')
			continue;
		if (para_word_in(verbs, NELEM(verbs), low + i, w) ||
		    (i >= 2 && low[i - 2] == ',' &&
		    para_word_in(subjects, NELEM(subjects), low + i, w)))
			return 1;
	}
	return 0;
}

/*
 * Does the piece s (n bytes) hold the marks of a row of data that a list
 * of headlines has not: a fixture (" v " or " vs " between words), or a
 * figure with a bracket ("Kelham Rovers v Millbrook Town (3pm)", "Jo Lee
 * (Harbour) 12")?  A nodata rule leaves such a piece to the steps that
 * weigh a whole list (runs.c), which keep fixtures, results and names.
 */
static int
data_row(const char *s, size_t n)
{
	unsigned m = para_data_mark(s, n);

	return (m & PARA_VERSUS) != 0 ||
	    (m & (PARA_NUMBER | PARA_BRACKET)) == (PARA_NUMBER | PARA_BRACKET);
}

/*
 * Does r match s (n bytes), whose lower-cased copy is low?  Before
 * regexec, what the pattern says every match has: its start, when it is
 * anchored with ^, its last byte, when it ends with $, its rare bytes and
 * one of its short literals.
 */
static int
rule_matches(const struct rule *r, const char *s, const char *low, size_t n)
{
	regmatch_t m;
	unsigned c;
	int k;

	if (r->icase)
		s = low;
	if (!r->regex)
		return n == r->litlen && memcmp(s, r->lit, n) == 0;
	if (r->npre > 0 && (n == 0 || !has_prefix(r, s, n)))
		return 0;
	if (r->tailed) {
		if (n == 0)
			return 0;
		c = (unsigned char)s[n - 1];
		if (!((r->last[c / 64] >> (c % 64)) & 1))
			return 0;
	}
	for (k = 0; k < r->nneed; k++)
		if (memchr(low, r->need[k], n) == NULL)
			return 0;
	if (r->nreq > 0 && !has_required(r, low, n))
		return 0;
	m.rm_so = 0;
	m.rm_eo = (regoff_t)n;
	if (regexec(&r->re, s, 1, &m, REG_STARTEND) != 0)
		return 0;
	if (r->nodata && data_row(s, n))
		return 0;
	return !r->nosentence || !clause_after(low, (size_t)m.rm_eo, n);
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
			free(b->candmax[m][c]);
			b->cand[m][c] = xreallocarray(NULL, b->nrules + 1,
			    sizeof(uint16_t));
			b->candmax[m][c] = xreallocarray(NULL, b->nrules + 1,
			    sizeof(unsigned));
			b->ncand[m][c] = 0;
			for (i = 0; i < b->nrules; i++) {
				r = &b->rules[i];
				if (!(masks[m] & (1U << r->hit.scope)))
					continue;
				if (r->min_lines == 0 && (r->anchored ?
				    !starts(r, c) : r->filtered))
					continue;
				b->candmax[m][c][b->ncand[m][c]] =
				    r->min_lines > 0 || r->max_words == 0 ?
				    UINT_MAX : r->max_words;
				b->cand[m][c][b->ncand[m][c]++] = (uint16_t)i;
			}
		}
	free(b->hits);
	b->hits = xreallocarray(NULL, b->nrules + 1, sizeof(uint16_t));
	/* the word classes: the distinct max= of all rules, ascending */
	free_fit(b);
	free(b->bound);
	b->bound = xreallocarray(NULL, b->nrules + 1, sizeof(unsigned));
	b->nbound = 0;
	for (i = 0; i < b->nrules; i++) {
		r = &b->rules[i];
		m = r->min_lines > 0 || r->max_words == 0 ? UINT_MAX :
		    r->max_words;
		for (c = 0; c < b->nbound && b->bound[c] < m; c++)
			continue;
		if (c < b->nbound && b->bound[c] == m)
			continue;
		memmove(b->bound + c + 1, b->bound + c,
		    (b->nbound - c) * sizeof(unsigned));
		b->bound[c] = m;
		b->nbound++;
	}
	for (c = 0, i = 0; c < WORDCLASS_TAB; c++) {
		while (i < b->nbound && b->bound[i] < c)
			i++;
		b->wordclass[c] = (unsigned char)(i < UCHAR_MAX ? i :
		    UCHAR_MAX);
	}
	b->indexed = 1;
}

/*
 * The candidates of scope mask m for a piece that begins with byte c and
 * has words words: those of cand[m][c] whose max= allows that many.
 */
static const struct cands *
fitting(struct boiler *b, unsigned m, unsigned c, unsigned words)
{
	struct cands *l;
	size_t q, i, lo, hi;

	if (words < WORDCLASS_TAB && b->wordclass[words] < UCHAR_MAX)
		q = b->wordclass[words];
	else {
		/* the first bound at least words, else nbound */
		for (lo = 0, hi = b->nbound; lo < hi; ) {
			i = lo + (hi - lo) / 2;
			if (b->bound[i] < words)
				lo = i + 1;
			else
				hi = i;
		}
		q = lo;
	}
	if (b->fit[m][c] == NULL)
		b->fit[m][c] = xcalloc(b->nbound + 1, sizeof(struct cands));
	l = &b->fit[m][c][q];
	if (l->v == NULL) {
		l->v = xreallocarray(NULL, (size_t)b->ncand[m][c] + 1,
		    sizeof(uint16_t));
		for (i = 0; i < b->ncand[m][c]; i++)
			if (q < b->nbound && b->candmax[m][c][i] >= b->bound[q])
				l->v[l->n++] = b->cand[m][c][i];
	}
	return l;
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
	const struct cands *fit;
	const uint16_t *cand;
	const char *low;
	unsigned words, k, t;
	size_t i = 0, j = 0, nc;
	int lines = -1;

	if (b->nrules == 0 || n == 0)
		return NULL;
	if (!b->indexed)
		build_index(b);
	/*
	 * A piece of megabytes (a book in one paragraph) is not lowered
	 * into a copy of it when its first words already say that no rule
	 * can match (the test below): they are counted only as far as the
	 * largest max=.  Below that size, one pass does both.
	 */
	if (n > LOWER_BIG && b->word_cap != UINT_MAX &&
	    (!b->lines_rules || m != 0 || (b->lines_min >= 2 &&
	    memchr(s, '\n', n) == NULL)) &&
	    count_words(s, n, b->word_cap) > b->word_cap)
		return NULL;
	low = lowered(b, s, n, &words);
	/*
	 * A line, and a paragraph of one line, hold no line break
	 * (boiler.h): no lines= rule matches them (a lines= rule is tried
	 * only on a piece that has one), and no look for one is needed.
	 */
	if (m != 0)
		lines = 0;
	/*
	 * Longer than every max= allows: only a lines= rule can match, and
	 * none of those that want two lines or more, on a single line.
	 */
	if (words > b->word_cap && (!b->lines_rules || lines == 0 ||
	    (b->lines_min >= 2 && memchr(s, '\n', n) == NULL)))
		return NULL;
	if (words <= b->filter_cap) {
		for (t = NTIERS - 1; tier_floor[t] >= words; t--)
			continue;
		prefilter(b, b->filt[t], low, n);
	}
	else
		new_stamp(b);	/* no prefiltered rule applies */
	/* hits come in no order; candidates want rule order */
	for (k = 1; k < b->nhits; k++)
		for (t = k; t > 0 && b->hits[t - 1] > b->hits[t]; t--) {
			uint16_t x = b->hits[t];

			b->hits[t] = b->hits[t - 1];
			b->hits[t - 1] = x;
		}
	fit = fitting(b, m, (unsigned char)s[0], words);
	cand = fit->v;
	nc = fit->n;
	/*
	 * A candidate left out for its max= may be among the hits too; it
	 * is anchored (the hits are prefiltered rules, and those among the
	 * candidates are the anchored ones), so the hits pass it over.
	 */
	for (;;) {
		if (i >= nc && j >= b->nhits)
			break;
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

/* match, and the lowered copy of a long piece not kept past it */
static const struct boiler_hit *
match_piece(struct boiler *b, const char *s, size_t n, unsigned m)
{
	const struct boiler_hit *h;

	h = match(b, s, n, m);
	if (b->lower.cap > LOWER_BIG)
		buf_free(&b->lower);
	return h;
}

const struct boiler_hit *
boiler_match_para(struct boiler *b, const char *s, size_t n)
{
	return match_piece(b, s, n, 0);
}

const struct boiler_hit *
boiler_match_line(struct boiler *b, const char *s, size_t n)
{
	return match_piece(b, s, n, 1);
}

const struct boiler_hit *
boiler_match_single(struct boiler *b, const char *s, size_t n)
{
	return match_piece(b, s, n, 2);
}
