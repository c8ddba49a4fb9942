/*
 * Unit tests for lib/text/boiler.c: the rules file format and its errors, each
 * scope, word limits and the literal prefilter.
 */
#include <regex.h>
#include <stdint.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"
#include "text/boiler.h"
#include "base/buf.h"
#include "base/util.h"

static const char rules[] =
    "# a comment, then a blank line\n"
    "\n"
    "ad.marker   advert   para  \"Advertisement\"i\n"
    "sub.prompt  newsletter para max=8 /^sign ?up\\b.*newsletter/i\n"
    "share.btn   share    line  foot /^share (on|via) (facebook|twitter)$/i\n"
    "appeal      appeal   rest  max=6 /^a message from the editor:?$/i\n"
    "exact.case  misc     para  \"Exactly This\"\n"
    "list.links  related  para  lines=3 max=6 /[^.]$/\n"
    "alt.words   misc     para  /(first|second) (alpha|beta)words/\n";

static struct boiler *
load(void)
{
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT;

	CHECK(boiler_add_rules(b, "test.rules", rules, sizeof(rules) - 1,
	    &err) == 0);
	CHECK(err.len == 0);
	buf_free(&err);
	return b;
}

static const char *
para(struct boiler *b, const char *s)
{
	const struct boiler_hit *h;

	h = boiler_match_para(b, s, strlen(s));
	return h != NULL ? h->name : "";
}

static const char *
line(struct boiler *b, const char *s)
{
	const struct boiler_hit *h;

	h = boiler_match_line(b, s, strlen(s));
	return h != NULL ? h->name : "";
}

static void
test_match(void)
{
	struct boiler *b = load();
	const struct boiler_hit *h;

	CHECK(boiler_nrules(b) == 7);
	CHECK(boiler_has_line_rules(b));
	/* literals match the whole piece; i ignores case, else exact */
	CHECK_STR(para(b, "ADVERTISEMENT"), "ad.marker");
	CHECK_STR(para(b, "Advertisement feature on cars"), "");
	CHECK_STR(para(b, "Exactly This"), "exact.case");
	CHECK_STR(para(b, "exactly this"), "");
	/* regex with word limit: a long paragraph of reporting is safe */
	CHECK_STR(para(b, "Sign up for our daily newsletter"), "sub.prompt");
	CHECK_STR(para(b, "SIGNUP to the newsletter"), "sub.prompt");
	CHECK_STR(para(b, "Sign up numbers rose sharply, the council said, "
	    "after the newsletter went out to every house"), "");
	/* line rules are not paragraph rules and vice versa */
	CHECK_STR(para(b, "Share on Twitter"), "");
	CHECK_STR(line(b, "Share on Twitter"), "share.btn");
	CHECK_STR(line(b, "Advertisement"), "");
	/* rest rules answer for both, and say so */
	h = boiler_match_para(b, "A message from the editor:", 26);
	CHECK(h != NULL && h->scope == BOILER_REST &&
	    strcmp(h->category, "appeal") == 0 && !h->foot);
	/* foot travels with the hit, for artclean's foot step */
	h = boiler_match_line(b, "Share via Facebook", 18);
	CHECK(h != NULL && h->foot && h->scope == BOILER_LINE);
	CHECK_STR(line(b, "A message from the editor"), "appeal");
	/* the prefilter must not hide a match behind an alternation */
	CHECK_STR(para(b, "the second betawords"), "alt.words");
	CHECK_STR(para(b, "the first alphawords"), "alt.words");
	CHECK_STR(para(b, "the third alphawords"), "");
	/* lines=3: every line must match, and there must be three */
	CHECK_STR(para(b, "Home\nWorld news\nSport"), "list.links");
	CHECK_STR(para(b, "Home\nWorld news"), "");
	CHECK_STR(para(b, "Home\nThe minister resigned.\nSport"), "");
	CHECK_STR(para(b, "Home\nWorld news\nSport in all its glory and "
	    "more"), "");
	boiler_free(b);
	boiler_free(NULL);
}

/*
 * Pieces of more than 40 words are looked for with a prefilter of their
 * own, holding only the rules that may match them; case is folded eight
 * bytes at a time, so the letters to fold sit on both sides of a word
 * boundary and next to bytes beyond ASCII.
 */
static void
test_long_and_case(void)
{
	static const char long_rules[] =
	    "short.one  misc  para  max=10 /harbour master/i\n"
	    "long.one   misc  para  max=60 /lighthouse keeper/i\n"
	    "nolimit    misc  para  /tidal surge/i\n";
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT, p = BUF_INIT;
	int i;

	CHECK(boiler_add_rules(b, "l.rules", long_rules,
	    sizeof(long_rules) - 1, &err) == 0);
	for (i = 0; i < 45; i++)
		buf_adds(&p, "word ");
	buf_adds(&p, "the Lighthouse KEEPER");
	CHECK_STR(para(b, p.s), "long.one");
	buf_reset(&p);
	for (i = 0; i < 70; i++)
		buf_adds(&p, "word ");
	buf_adds(&p, "a TIDAL Surge and the lighthouse keeper");
	CHECK_STR(para(b, p.s), "nolimit");
	buf_reset(&p);
	for (i = 0; i < 45; i++)
		buf_adds(&p, "word ");
	buf_adds(&p, "harbour master");
	CHECK_STR(para(b, p.s), "");
	CHECK_STR(para(b, "The HARBOUR Master"), "short.one");
	CHECK_STR(para(b, "\xc3\x89t\xc3\xa9 HaRbOuR mAsTeR"), "short.one");
	buf_free(&p);
	buf_free(&err);
	boiler_free(b);
}

/*
 * A ^-anchored rule is tried only on pieces whose first byte can start a
 * match; an atom that may match nothing ({,n} as much as {0,n}, * or ?)
 * lets the next atom's bytes start one too.  grep -E agrees on each.
 */
static void
test_anchored(void)
{
	static const char r[] =
	    "upto     misc  para  /^a{,3}bcd/\n"
	    "zeroto   misc  para  /^x{0,2}yz/\n"
	    "star     misc  para  /^(ab)*cd/\n"
	    "exact    misc  para  /^q{2}rs/\n";
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT;

	CHECK(boiler_add_rules(b, "a.rules", r, sizeof(r) - 1, &err) == 0);
	CHECK_STR(para(b, "bcd efg"), "upto");
	CHECK_STR(para(b, "aabcd efg"), "upto");
	CHECK_STR(para(b, "yz"), "zeroto");
	CHECK_STR(para(b, "cd"), "star");
	CHECK_STR(para(b, "ababcd"), "star");
	CHECK_STR(para(b, "qqrs"), "exact");
	CHECK_STR(para(b, "rs"), "");
	buf_free(&err);
	boiler_free(b);
}

/*
 * Words are counted eight bytes at a time: blanks (space, tab, newline)
 * and CJK characters (lead bytes 0xE3-0xED), on both sides of the eight
 * byte steps; other bytes beyond ASCII are no words.  A piece longer
 * than every max= allows can still match a lines= rule line by line, but
 * not as one line.
 */
static void
test_words(void)
{
	static const char wrules[] =
	    "four misc para max=4 /x$/\n"
	    "pair misc para lines=2 max=2 /^y/\n";
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT;

	CHECK(boiler_add_rules(b, "w.rules", wrules, strlen(wrules), &err) ==
	    0);
	CHECK_STR(para(b, "aaaaaa\tbbbbbbbbbb\ncccccccccc x"), "four");
	CHECK_STR(para(b, "aaaaaa\tbbbbbbbbbb\ncccccccccc d x"), "");
	CHECK_STR(para(b, "caf\xc3\xa9" "caf\xc3\xa9 \xe2\x80\x9c" "d\xe2\x80\x9d"
	    " e x"), "four");
	/* 日本語: three CJK characters, three words more */
	CHECK_STR(para(b, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9ex"), "four");
	CHECK_STR(para(b, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe8\xaa\x9ex"), "");
	CHECK_STR(para(b, "y a\ny b"), "pair");
	CHECK_STR(para(b, "y a b c d e"), "");
	buf_free(&err);
	boiler_free(b);
}

static void	gen_alt(struct buf *, int);

static void
gen_atom(struct buf *p, int depth)
{
	static const char *const atoms[] = {
		"a", "b", "c", "A", " ", ".", "[ab]", "[^a]", "[a-c]", "^",
		"$", "\\b", "\\<", "\\>", "\\w", "\\s", "\\W",
		"[[:alpha:]]", "[^[:space:]]", "\\.", "ab", "bc", "abc"
	};
	static const char *const quants[] = {
		"*", "+", "?", "{2}", "{1,}", "{0,2}", "{,2}", "{1,3}", "{0}"
	};
	int group = 0;

	if (depth < 3 && unit_rnd(5) == 0) {
		buf_addc(p, '(');
		gen_alt(p, depth + 1);
		buf_addc(p, ')');
		group = 1;
	} else
		buf_adds(p, atoms[unit_rnd(NELEM(atoms))]);
	/*
	 * An interval past 255 (glibc allows 32767), only on an atom outside
	 * groups: regcomp makes that many copies, and nested ones multiply.
	 */
	if (depth == 0 && !group && unit_rnd(12) == 0)
		buf_adds(p, "{1,300}");
	else if (unit_rnd(3) == 0)
		buf_adds(p, quants[unit_rnd(NELEM(quants))]);
}

static void
gen_alt(struct buf *p, int depth)
{
	unsigned k, n = 1 + unit_rnd(4);

	for (k = 0; k < n; k++)
		gen_atom(p, depth);
	if (unit_rnd(4) == 0) {
		buf_addc(p, '|');
		gen_alt(p, depth + 1);
	}
}

/*
 * The differential test: the engine, with its prefilter of literals and
 * first bytes, must answer as regexec alone does, on random patterns of
 * the whole grammar and random texts.  (tests/fuzz/fuzz_rules.c does the
 * same on what libFuzzer finds.)
 */
static void
test_differential(void)
{
	struct buf pat = BUF_INIT, rule = BUF_INIT, text = BUF_INIT,
	    low = BUF_INIT, err = BUF_INIT;
	struct boiler *b;
	regex_t re;
	size_t i, k, n;
	int icase, want, got, tried = 0, wrong = 0;

	for (i = 0; i < 4000; i++) {
		/*
		 * A third of the patterns anchored, for what the engine reads
		 * from a pattern's start (first bytes, prefixes).
		 */
		buf_reset(&pat);
		switch (unit_rnd(6)) {
		case 0:
			buf_addc(&pat, '^');
			gen_alt(&pat, 0);
			break;
		case 1:
			buf_adds(&pat, "^(");
			gen_alt(&pat, 1);
			buf_adds(&pat, unit_rnd(2) ? ")" : ")?");
			gen_alt(&pat, 1);
			break;
		default:
			gen_alt(&pat, 0);
		}
		icase = unit_rnd(2);
		buf_reset(&rule);
		buf_printf(&rule, "r misc para /%s/%s\n", pat.s,
		    icase ? "i" : "");
		b = boiler_new();
		buf_reset(&err);
		if (boiler_add_rules(b, "d.rules", rule.s, rule.len, &err) != 0) {
			boiler_free(b);
			continue;
		}
		/* what the engine compiles: the pattern, lower-cased for i */
		buf_reset(&low);
		for (k = 0; k < pat.len; k++)
			buf_addc(&low, icase && pat.s[k] != '\\' &&
			    (k == 0 || pat.s[k - 1] != '\\') ?
			    (char)tolower((unsigned char)pat.s[k]) : pat.s[k]);
		if (regcomp(&re, low.s, REG_EXTENDED | REG_NOSUB) != 0) {
			boiler_free(b);
			continue;
		}
		for (k = 0; k < 20; k++) {
			buf_reset(&text);
			n = 1 + unit_rnd(12);
			while (n-- > 0)
				buf_addc(&text, "abcAB .\n"[unit_rnd(8)]);
			buf_reset(&low);
			for (n = 0; n < text.len; n++)
				buf_addc(&low, icase ? (char)tolower(
				    (unsigned char)text.s[n]) : text.s[n]);
			want = regexec(&re, low.s, 0, NULL, 0) == 0;
			got = boiler_match_para(b, text.s, text.len) != NULL;
			tried++;
			if (want != got && wrong++ < 5)
				fprintf(stderr, "differs: /%s/%s on \"%s\": "
				    "regexec %d, engine %d\n", pat.s,
				    icase ? "i" : "", text.s, want, got);
		}
		regfree(&re);
		boiler_free(b);
	}
	CHECK(tried > 40000);
	CHECK(wrong == 0);
	buf_free(&pat);
	buf_free(&rule);
	buf_free(&text);
	buf_free(&low);
	buf_free(&err);
}

/*
 * Many rules at once, against a plain reading of what the rules file
 * says: the first rule in file order whose scope applies, whose max= the
 * piece (or, for lines=, each line) is within and whose pattern matches
 * (every line, and at least lines= of them, for lines=).  The rules
 * mix scopes, max= on both sides of the engine's word limits, anchored
 * and unanchored patterns, literals long and short, and lines=; the
 * pieces run from one word to past every max=, so that the candidates
 * passed over for their max= (candmax) and the prefilter's finds are
 * both tried.
 */
struct wrule {
	const char	*name;
	int		 scope;		/* 0 para, 1 line, 2 rest */
	unsigned	 max, lines;
	int		 icase, lit;
	const char	*pat;
	regex_t		 re;
};

static unsigned
words_of(const char *s, size_t n)
{
	unsigned w = 1;
	size_t i;

	for (i = 0; i < n; i++)
		w += s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
	return w;
}

/* Does r's pattern match s (n bytes, one line or the whole piece)? */
static int
wrule_on(const struct wrule *r, const char *s, size_t n)
{
	char low[2048];
	size_t i;

	for (i = 0; i < n; i++)
		low[i] = r->icase ? (char)tolower((unsigned char)s[i]) : s[i];
	low[n] = '\0';
	if (r->lit)
		return strcmp(low, r->pat) == 0;
	return regexec(&r->re, low, 0, NULL, 0) == 0;
}

static int
wrule_matches(const struct wrule *r, const char *s, size_t n)
{
	const char *p = s, *nl, *end = s + n;
	unsigned k = 0;
	size_t len;

	if (r->lines == 0)
		return (r->max == 0 || words_of(s, n) <= r->max) &&
		    wrule_on(r, s, n);
	if (memchr(s, '\n', n) == NULL)
		return 0;
	for (; p <= end; p += len + 1, k++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if ((r->max > 0 && words_of(p, len) > r->max) ||
		    !wrule_on(r, p, len))
			return 0;
	}
	return k >= r->lines;
}

static void
test_many_rules(void)
{
	static const char *const pats[] = {
		"/^read more/", "/share this/", "/^by [a-z]+$/", "/more$/",
		"/ab/", "/(ca|ba) ab/", "/^(ab|ba)/", "\"read more\"",
		"/x/", "/copyright/", "/^ab more share/", "/[.]$/",
		"/^b/", "/a/", "/ x b/", "/more share this/"
	};
	static const char *const vocab[] = {
		"read", "more", "share", "this", "by", "ab", "ba", "ca", "x",
		"READ", "More", "copyright", "b.", "zz"
	};
	static const unsigned maxes[] = { 0, 0, 2, 3, 8, 11, 12, 13, 39, 40,
	    41, 60 };
	static const char *const scopes[] = { "para", "line", "rest" };
	struct wrule wr[14];
	struct buf file = BUF_INIT, text = BUF_INIT, err = BUF_INIT;
	const struct boiler_hit *h;
	struct boiler *b;
	const char *want;
	size_t i, k, nw, nr;
	int m, round, tried = 0, hits = 0, wrong = 0;

	for (round = 0; round < 300; round++) {
		buf_reset(&file);
		nr = 1 + unit_rnd(NELEM(wr));
		for (i = 0; i < nr; i++) {
			static char names[NELEM(wr)][8];

			snprintf(names[i], sizeof(names[i]), "r%zu", i);
			wr[i].name = names[i];
			wr[i].pat = pats[unit_rnd(NELEM(pats))];
			wr[i].lit = wr[i].pat[0] == '"';
			wr[i].icase = unit_rnd(2);
			wr[i].scope = (int)unit_rnd(3);
			wr[i].max = maxes[unit_rnd(NELEM(maxes))];
			wr[i].lines = wr[i].scope == 0 && unit_rnd(5) == 0 ?
			    1 + unit_rnd(3) : 0;
			buf_printf(&file, "%s misc %s", wr[i].name,
			    scopes[wr[i].scope]);
			if (wr[i].max > 0)
				buf_printf(&file, " max=%u", wr[i].max);
			if (wr[i].lines > 0)
				buf_printf(&file, " lines=%u", wr[i].lines);
			buf_printf(&file, " %s%s\n", wr[i].pat,
			    wr[i].icase ? "i" : "");
			/* the bare pattern, as the reading above wants it */
			{
				char pat[64];
				size_t l = strlen(wr[i].pat) - 2;

				memcpy(pat, wr[i].pat + 1, l);
				pat[l] = '\0';
				if (wr[i].lit)
					wr[i].pat = "read more";
				else
					CHECK(regcomp(&wr[i].re, pat,
					    REG_EXTENDED | REG_NOSUB) == 0);
			}
		}
		b = boiler_new();
		buf_reset(&err);
		CHECK(boiler_add_rules(b, "m.rules", file.s, file.len,
		    &err) == 0);
		for (k = 0; k < 60; k++) {
			buf_reset(&text);
			nw = 1 + unit_rnd(unit_rnd(3) == 0 ? 70 : 14);
			for (i = 0; i < nw; i++) {
				if (i > 0)
					buf_addc(&text, unit_rnd(9) == 0 ?
					    '\n' : ' ');
				buf_adds(&text, vocab[unit_rnd(NELEM(vocab))]);
			}
			for (m = 0; m < 3; m++) {
				/*
				 * A line, or a paragraph of one line, has no
				 * break (boiler.h): for them the breaks are
				 * blanks, from the para scope's turn on.
				 */
				for (i = 0; m == 1 && i < text.len; i++)
					if (text.s[i] == '\n')
						text.s[i] = ' ';
				want = "";
				for (i = 0; i < nr; i++)
					if ((m == 2 || wr[i].scope == 2 ||
					    wr[i].scope == m) &&
					    wrule_matches(&wr[i], text.s,
					    text.len)) {
						want = wr[i].name;
						break;
					}
				h = m == 0 ? boiler_match_para(b, text.s,
				    text.len) : m == 1 ? boiler_match_line(b,
				    text.s, text.len) : boiler_match_single(b,
				    text.s, text.len);
				tried++;
				hits += *want != '\0';
				if (strcmp(h != NULL ? h->name : "", want) != 0 &&
				    wrong++ < 5)
					fprintf(stderr, "many rules, scope %d, "
					    "on \"%s\": engine %s, want %s\n",
					    m, text.s, h != NULL ? h->name :
					    "none", *want ? want : "none");
			}
		}
		boiler_free(b);
		for (i = 0; i < nr; i++)
			if (!wr[i].lit)
				regfree(&wr[i].re);
	}
	CHECK(tried == 300 * 60 * 3);
	CHECK(hits > tried / 4 && hits < tried - tried / 4);
	CHECK(wrong == 0);
	buf_free(&file);
	buf_free(&text);
	buf_free(&err);
}

/*
 * Literals too short for the prefilter (one or two bytes besides blanks)
 * are looked for by the rule itself where their probe (rarest byte) is,
 * sixteen bytes at a time where SSE2 is ("pair": "ab", "cd"), unless they
 * are pairs of rare bytes, which the prefilter takes ("copy": "\xc2\xa9";
 * "arrow": "<<", "\xc2\xbb"): every place in pieces of up to 70 bytes,
 * near look-alikes ("(", "\xc2" of "\xc2\xa3", "<", a probe byte alone:
 * "\xbb" of " \xc2\xbb", "\xa9" of "\xc2\xa9" and of "\xc3\xa9", "a",
 * "d") around them, against regexec.
 */
static void
test_required(void)
{
	static const char rq[] =
	    "copy  misc  para  /[a-z] ?(\xc2\xa9|\\(c\\) (19|20)[0-9][0-9])/i\n"
	    "arrow misc  para  /^(\xc2\xab |<< )|( \xc2\xbb| >>)$/\n"
	    "pair  misc  para  /[0-9](ab|cd)[0-9]/\n";
	static const char *const lits[] = {
		"a \xc2\xa9", "b\xc2\xa9", "x (c) 1999", "Q (C) 2024",
		"<< ", " >>", "\xc2\xab ", " \xc2\xbb", "1ab2", "3cd4"
	};
	static const char *const fill[] = {
		"w", " ", "(", "\xc2\xa3", "<", ">", "c", "\xc2", "9",
		"\xbb", "\xa9", ")", "\xc3\xa9", "a", "d", "1"
	};
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT, text = BUF_INIT, low = BUF_INIT;
	regex_t copy, arrow, pair;
	const struct boiler_hit *h;
	size_t len, at, k, i;
	int want, wrong = 0, hits = 0;

	CHECK(boiler_add_rules(b, "q.rules", rq, sizeof(rq) - 1, &err) == 0);
	CHECK(regcomp(&copy, "[a-z] ?(\xc2\xa9|\\(c\\) (19|20)[0-9][0-9])",
	    REG_EXTENDED | REG_NOSUB) == 0);
	CHECK(regcomp(&arrow, "^(\xc2\xab |<< )|( \xc2\xbb| >>)$",
	    REG_EXTENDED | REG_NOSUB) == 0);
	CHECK(regcomp(&pair, "[0-9](ab|cd)[0-9]", REG_EXTENDED | REG_NOSUB) ==
	    0);
	for (i = 0; i < 20000; i++) {
		buf_reset(&text);
		len = unit_rnd(70);
		at = unit_rnd((unsigned)len + 1);
		while (text.len < len) {
			if (text.len >= at && at != SIZE_MAX &&
			    unit_rnd(3) != 0) {
				buf_adds(&text, lits[unit_rnd(NELEM(lits))]);
				at = SIZE_MAX;
			} else
				buf_adds(&text, fill[unit_rnd(NELEM(fill))]);
		}
		buf_reset(&low);
		for (k = 0; k < text.len; k++)
			buf_addc(&low, (char)tolower((unsigned char)text.s[k]));
		want = regexec(&copy, low.s, 0, NULL, 0) == 0 ||
		    regexec(&arrow, text.s, 0, NULL, 0) == 0 ||
		    regexec(&pair, text.s, 0, NULL, 0) == 0;
		h = boiler_match_para(b, text.s, text.len);
		hits += want;
		if ((h != NULL) != want && wrong++ < 5)
			fprintf(stderr, "required: \"%s\": want %d\n", text.s,
			    want);
	}
	CHECK(wrong == 0);
	CHECK(hits > 2000 && hits < 18000);
	regfree(&copy);
	regfree(&arrow);
	regfree(&pair);
	buf_free(&err);
	buf_free(&text);
	buf_free(&low);
	boiler_free(b);
}

static void
bad(const char *text, const char *want)
{
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT;

	CHECK(boiler_add_rules(b, "my.rules", text, strlen(text), &err) ==
	    -1);
	CHECK_STR(buf_cstr(&err), want);
	buf_free(&err);
	boiler_free(b);
}

static void
test_errors(void)
{
	bad("ok  misc  para \"x\"\nbroken\n",
	    "my.rules:2: want NAME CATEGORY SCOPE [max=WORDS] [lines=N] "
	    "[foot] [next] [nosentence] [nodata] PATTERN");
	/* next names an image placeholder, a line: its caption follows */
	bad("r caption para next /^\\[/\n", "my.rules:1: next needs scope "
	    "line");
	bad("r caption line nextline /x/\n", "my.rules:1: PATTERN must be "
	    "/REGEX/ or \"LITERAL\", then i to ignore case");
	/* foot is a word of its own, not the start of one */
	bad("r misc line footer /x/\n", "my.rules:1: PATTERN must be "
	    "/REGEX/ or \"LITERAL\", then i to ignore case");
	bad("\n\nr misc page /x/\n",
	    "my.rules:3: scope is \"page\", want para, line, rest or "
	    "block");
	bad("r misc para /a(b/\n", "my.rules:1: bad regex /a(b/: "
	    "Unmatched ( or \\(");
	bad("r misc para max=0 /x/\n", "my.rules:1: max=0 is too small");
	bad("r misc para max=ten /x/\n", "my.rules:1: max=ten is invalid");
	bad("r misc para x\n", "my.rules:1: PATTERN must be /REGEX/ or "
	    "\"LITERAL\", then i to ignore case");
	bad("r misc line lines=2 /x/\n", "my.rules:1: lines= needs scope "
	    "para");
	bad("r misc para //\n", "my.rules:1: empty PATTERN");
	bad("r m!sc para /x/\n", "my.rules:1: names may hold letters, "
	    "digits and . - _ / only");
}

/* A byte-order mark at the start of a rules file is not part of a name. */
static void
test_bom(void)
{
	static const char r[] = "\xEF\xBB\xBF" "bom.rule  misc  para  \"X\"\n";
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT;

	CHECK(boiler_add_rules(b, "bom.rules", r, sizeof(r) - 1, &err) == 0);
	CHECK_STR(buf_cstr(&err), "");
	CHECK_STR(para(b, "X"), "bom.rule");
	buf_free(&err);
	boiler_free(b);
}

static void
test_file(void)
{
	struct boiler *b = boiler_new();
	struct buf err = BUF_INIT;

	CHECK(boiler_load_rules(b, "/nonexistent/x.rules", &err) == -1);
	CHECK_STR(buf_cstr(&err), "/nonexistent/x.rules: No such file or "
	    "directory");
	boiler_free(b);
	buf_free(&err);
}

int
main(void)
{
	test_match();
	test_long_and_case();
	test_anchored();
	test_words();
	test_differential();
	test_many_rules();
	test_required();
	test_errors();
	test_file();
	test_bom();
	UNIT_END();
}
