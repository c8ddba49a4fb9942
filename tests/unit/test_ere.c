/*
 * Unit tests for lib/text/ere.c: the tokens of the rule grammar, the
 * literals every match must contain and the bytes an anchored match can
 * start with.  tests/unit/test_boiler.c checks the same against regexec on
 * random patterns.
 */
#include <ctype.h>
#include <regex.h>

#include "unit.h"
#include "text/ere.h"
#include "base/buf.h"
#include "base/util.h"

/* The literal set of pattern as "a|b|c", or "-" when nothing is known. */
static const char *
lits(const char *pattern)
{
	static char s[ERE_MAXLIT * (ERE_LITLEN + 1) + 2];
	struct ere_lits l;
	int k;

	ere_literals(pattern, &l);
	if (!l.ok || l.n == 0)
		return "-";
	s[0] = '\0';
	for (k = 0; k < l.n; k++) {
		if (k > 0)
			strcat(s, "|");
		strcat(s, l.lit[k]);
	}
	return s;
}

static int
has(const struct ere_bytes *b, unsigned c)
{
	return (b->w[c / 64] >> (c % 64)) & 1;
}

static unsigned
count(const struct ere_bytes *b)
{
	unsigned c, n = 0;

	for (c = 0; c < 256; c++)
		n += has(b, c);
	return n;
}

static void
test_tokens(void)
{
	struct ere_lexer x = { "a{2,}(b|\\1)[^x]?\\b$", 0, 0 };
	struct ere_tok t;

	ere_next(&x, &t);
	CHECK(t.kind == ERE_BYTE && t.c == 'a' && t.lo == 2 && t.hi == -1);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_OPEN);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_BYTE && t.c == 'b' && t.lo == 1 && t.hi == 1);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_OR);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_BACKREF);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_CLOSE);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_SET && t.lo == 0 && t.hi == 1 &&
	    count(&t.set) == 255 && !has(&t.set, 'x'));
	ere_next(&x, &t);
	CHECK(t.kind == ERE_EMPTY);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_EOL);
	ere_next(&x, &t);
	CHECK(t.kind == ERE_END && !x.bad);
	/* {,m} is glibc's {0,m}; a reversed interval is not understood */
	x.p = "a{,3}";
	x.i = 0;
	ere_next(&x, &t);
	CHECK(t.lo == 0 && t.hi == 3 && !x.bad);
	x.p = "a{3,1}";
	x.i = 0;
	ere_next(&x, &t);
	CHECK(x.bad);
}

static void
test_literals(void)
{
	CHECK_STR(lits("(sign ?up|subscribe)\\b.{0,80}\\bnewsletters?\\b"),
	    "newsletter");
	CHECK_STR(lits("^a{,3}bcd"), "bcd");
	CHECK_STR(lits("a{1}bc"), "abc");
	/* a plain group there once joins the bytes around it */
	CHECK_STR(lits("Read (more|also)"), "read more|read also");
	CHECK_STR(lits("(first|second) (alpha|beta)words"),
	    "first alphawords|first betawords|second alphawords|"
	    "second betawords");
	CHECK_STR(lits("\\b(afp|reuters)\\/"), "afp/|reuters/");
	CHECK_STR(lits("\\/(afp|dpa)\\b"), "/afp|/dpa");
	CHECK_STR(lits("^x((a|b)c|d)e$"), "xace|xbce|xde");
	/* ... not one repeated, optional, or with a branch not plain */
	CHECK_STR(lits("(ab)+cde"), "cde");
	/* an optional byte or plain group joins as itself or nothing */
	CHECK_STR(lits("xy(ab)?cd"), "xyabcd|xycd");
	CHECK_STR(lits("(tags?|labels) ?:"),
	    "tags :|tags:|tag :|tag:|labels :|labels:");
	/* a bracket of one letter in two cases is that letter */
	CHECK_STR(lits("[Rr]eporter|[Ee]ditor"), "reporter|editor");
	CHECK_STR(lits("x[Rr]?yz"), "xryz|xyz");
	CHECK_STR(lits("[Rr]ep[ab]orter"), "orter");
	CHECK_STR(lits("xy(a|b+)cd"), "xy");
	CHECK_STR(lits("xy(a|)cd"), "xy");
	CHECK_STR(lits("xy(a.)cd"), "xy");
	/* products past ERE_MAXLIT strings keep the parts */
	CHECK_STR(lits("(a1|a2|a3|a4|a5|a6|a7|a8)(b1|b2|b3|b4|b5|b6|b7|b8|b9)"),
	    "a1|a2|a3|a4|a5|a6|a7|a8");
	CHECK_STR(lits("ab+cde"), "cde");
	CHECK_STR(lits("(abc)?x"), "x");
	CHECK_STR(lits("x|"), "-");
	CHECK_STR(lits("a(b"), "-");
	CHECK_STR(lits("[abc]"), "-");
	CHECK(ere_lits_weight(&(struct ere_lits){ 1, 1, { " a b " } }) == 2);
}

static void
test_first(void)
{
	struct ere_bytes b;

	CHECK(ere_first("^a{,3}bcd", &b) && count(&b) == 2 && has(&b, 'a') &&
	    has(&b, 'b'));
	CHECK(ere_first("^(ab)*cd|^x", &b) && count(&b) == 3 &&
	    has(&b, 'x'));
	CHECK(ere_first("^[a-c]", &b) && count(&b) == 3);
	/* a negated class is not worked out: any byte, not none */
	CHECK(ere_first("^[^[:space:]]x", &b) && count(&b) == 256);
	CHECK(!ere_first("^a*", &b));		/* may match nothing */
	CHECK(!ere_first("^a|b", &b));		/* a branch not anchored */
	CHECK(!ere_first("a", &b));
	/* intervals up to glibc's RE_DUP_MAX (32767) are understood */
	CHECK(ere_first("^ab.{3,300}c$", &b) && count(&b) == 1 &&
	    has(&b, 'a'));
	CHECK(!ere_first("^a{1,40000}", &b));
}

/* The bytes a match of a pattern ending with $ can end with. */
static void
test_last(void)
{
	struct ere_bytes b;

	CHECK(ere_last("abc$", &b) && count(&b) == 1 && has(&b, 'c'));
	CHECK(ere_last("ab(c|de)$", &b) && count(&b) == 2 && has(&b, 'c') &&
	    has(&b, 'e'));
	/* an optional last part leaves the byte before it possible */
	CHECK(ere_last("ab(c|d)?$", &b) && count(&b) == 3 && has(&b, 'b'));
	CHECK(ere_last("xb*\\b$", &b) && count(&b) == 2 && has(&b, 'x'));
	CHECK(ere_last("a$|^b$", &b) && count(&b) == 2 && has(&b, 'b'));
	CHECK(ere_last("^« .{3,300}»$", &b) && count(&b) == 1 &&
	    has(&b, 0xBB));
	CHECK(ere_last("a$$", &b) && count(&b) == 1);
	CHECK(ere_last("a$b?c$", &b) && count(&b) == 1 && has(&b, 'c'));
	CHECK(!ere_last("a$|b", &b));		/* a branch without $ */
	CHECK(!ere_last("(a$)", &b));		/* $ in a group */
	CHECK(!ere_last("a*$", &b));		/* may match nothing */
	CHECK(!ere_last("^$", &b));
	CHECK(!ere_last("a$?", &b));		/* an optional $ */
	CHECK(!ere_last("a$b", &b));
	CHECK(!ere_last("a", &b));
}

static int
has_lit(const struct ere_lits *l, const char *s)
{
	int k;

	for (k = 0; k < l->n; k++)
		if (strcmp(l->lit[k], s) == 0)
			return 1;
	return 0;
}

/* The strings every match of an anchored pattern begins with one of. */
static void
test_prefixes(void)
{
	struct ere_lits l;

	CHECK(ere_prefixes("^(read|see) (more|also)", &l) && l.n == 4 &&
	    has_lit(&l, "read more") && has_lit(&l, "see also"));
	/* an optional group: with it and without it */
	CHECK(ere_prefixes("^(ab)?c", &l) && l.n == 2 && has_lit(&l, "c") &&
	    has_lit(&l, "abc"));
	CHECK(ere_prefixes("^(a|)b", &l) && l.n == 2 && has_lit(&l, "ab") &&
	    has_lit(&l, "b"));
	/* a group not of bytes alone ends them with its branches' starts */
	CHECK(ere_prefixes("^x(y|z(w)|q+)", &l) && l.n == 3 &&
	    has_lit(&l, "xy") && has_lit(&l, "xz") && has_lit(&l, "xq"));
	CHECK(ere_prefixes("^ab+c", &l) && l.n == 1 && has_lit(&l, "ab"));
	CHECK(ere_prefixes("^Ab|^cD", &l) && l.n == 2 && has_lit(&l, "Ab") &&
	    has_lit(&l, "cD"));
	CHECK(!ere_prefixes("^a*b", &l));	/* may start with b */
	CHECK(!ere_prefixes("^(a|b*)c", &l));
	CHECK(!ere_prefixes("^ab|c", &l));	/* a branch not anchored */
	CHECK(!ere_prefixes("ab", &l));
	CHECK(!ere_prefixes("^[ab]c", &l));
	/* a string that begins with another of the set is left out */
	CHECK(ere_prefixes("^(read|read more|see)", &l) && l.n == 2 &&
	    has_lit(&l, "read") && has_lit(&l, "see"));
	CHECK(ere_prefixes("^(post|write)( a| your|) ", &l) && l.n == 2 &&
	    has_lit(&l, "post ") && has_lit(&l, "write "));
	CHECK(ere_prefixes("^(ab|ab)c|^abc", &l) && l.n == 1 &&
	    has_lit(&l, "abc"));
	CHECK(ere_prefixes("^(ab|a)c?", &l) && l.n == 1 && has_lit(&l, "a"));
}

/* Back-references are refused before regcomp sees them; [\1] is none. */
static void
test_compile(void)
{
	struct buf err = BUF_INIT;
	regex_t re;

	CHECK(ere_compile(&re, "(a)\\1", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "back-references (\\1 to \\9) are not "
	    "POSIX ERE and can take exponential time");
	buf_reset(&err);
	CHECK(ere_compile(&re, "(a|b", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "Unmatched ( or \\(");
	buf_reset(&err);
	CHECK(ere_compile(&re, "x[\\1]y", REG_NOSUB, &err) == 0);
	CHECK(regexec(&re, "x1y", 0, NULL, 0) == 0);
	regfree(&re);
	/*
	 * nested intervals multiply, and a group counts as one more:
	 * (2 + 1) x 10 + 1 = 31 atoms 32 times passes, 33 times does not
	 */
	buf_reset(&err);
	CHECK(ere_compile(&re, "((a?){10}){100}c", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "its repetitions make more than 1000 "
	    "copies of an atom, which takes regcomp's matcher seconds a "
	    "paragraph");
	buf_reset(&err);
	CHECK(ere_compile(&re, "((ab){10}){32}", REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "((ab){10}){33}", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	/* empty groups and branches have no atom but are nodes all the same */
	CHECK(ere_compile(&re, "((){255}){255}", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "its repetitions make more than 1000 "
	    "copies of an atom, which takes regcomp's matcher seconds a "
	    "paragraph");
	buf_reset(&err);
	CHECK(ere_compile(&re, "((|||){100}){100}", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	CHECK(ere_compile(&re, "(x|(ab){11}){41}", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	/* "x+" is "xx*" to glibc; {n,} counts n + 1 */
	CHECK(ere_compile(&re, "(a+b){250}", REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "(a+b){251}", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	CHECK(ere_compile(&re, "(a{1000,})", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	/*
	 * Loops regcomp takes minutes to compile: nested around something
	 * that can match nothing, or around an assertion.
	 */
	CHECK(ere_compile(&re, "^a?+++++", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "it stacks repetitions on one atom "
	    "(\"a?+\", undefined in POSIX), which can take regcomp minutes "
	    "to compile");
	buf_reset(&err);
	CHECK(ere_compile(&re, "a{255}{255}{255}{255}", REG_NOSUB, &err) ==
	    -1);
	buf_reset(&err);
	CHECK(ere_compile(&re, "^(((((a?)+)+)+)+)+", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "it repeats a group that can match the "
	    "empty string, which can take regcomp minutes to compile");
	buf_reset(&err);
	CHECK(ere_compile(&re, "x(a|b?|c)*", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	CHECK(ere_compile(&re, "(a(b|)){2}", REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "(a|^b)*", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "it repeats a group holding ^, $ or a "
	    "\\b-like assertion, which can take regcomp minutes to compile");
	buf_reset(&err);
	CHECK(ere_compile(&re, "x((a|^)b){2,3}", REG_NOSUB, &err) == -1);
	buf_reset(&err);
	CHECK(ere_compile(&re, "a\\b*", REG_NOSUB, &err) == -1);
	CHECK_STR(buf_cstr(&err), "it repeats an assertion, which can take "
	    "regcomp minutes to compile");
	buf_reset(&err);
	/* "?" is no loop; a loop around what must match something is fine */
	CHECK(ere_compile(&re, "((^|a)?b)?", REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "(^| )(by|from)? ?$", REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "(\\bthe\\b )?x+", REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "([0-9]+,? ?){1,3}", REG_NOSUB, &err) == 0);
	regfree(&re);
	/* what rules write stays well under */
	CHECK(ere_compile(&re, "^([A-Z][a-z]+ ){1,6}[0-9]{1,2}:[0-9]{2}$",
	    REG_NOSUB, &err) == 0);
	regfree(&re);
	CHECK(ere_compile(&re, "[^.]{0,300}(read|see) more", REG_NOSUB,
	    &err) == 0);
	regfree(&re);
	buf_free(&err);
}

static void	gen_alt(struct buf *, int);

static void
gen_atom(struct buf *p, int depth)
{
	static const char *const atoms[] = {
		"a", "b", "c", "A", "B", " ", ".", "[ab]", "[Aa]", "[bB]",
		"[^a]", "\\b", "ab", "bc", "abc", "cab", "[Cc]ab"
	};
	static const char *const quants[] = {
		"*", "+", "?", "?", "?", "{2}", "{0,2}", "{1,2}", "{0}"
	};

	if (depth < 3 && unit_rnd(4) == 0) {
		buf_addc(p, '(');
		gen_alt(p, depth + 1);
		buf_addc(p, ')');
	} else
		buf_adds(p, atoms[unit_rnd(NELEM(atoms))]);
	if (unit_rnd(3) == 0)
		buf_adds(p, quants[unit_rnd(NELEM(quants))]);
}

static void
gen_alt(struct buf *p, int depth)
{
	unsigned k, n = 1 + unit_rnd(5);

	for (k = 0; k < n; k++)
		gen_atom(p, depth);
	if (unit_rnd(4) == 0) {
		buf_addc(p, '|');
		gen_alt(p, depth + 1);
	}
}

/* Does re match a random text (put in text) of 1 to max bytes? */
static int
random_match(const regex_t *re, struct buf *text, size_t max)
{
	size_t n = 1 + unit_rnd((unsigned)max);

	buf_reset(text);
	while (n-- > 0)
		buf_addc(text, "abcABC ."[unit_rnd(8)]);
	return regexec(re, text->s, 0, NULL, 0) == 0;
}

/*
 * The literals' contract against regexec: on random patterns (optional
 * bytes and groups, brackets of one letter in two cases, which the wide
 * reading joins) and random texts, every text the pattern matches holds,
 * lower-cased, one of the literals.
 */
static void
test_literals_random(void)
{
	struct buf pat = BUF_INIT, text = BUF_INIT;
	struct ere_lits l;
	regex_t re;
	char low[64];
	size_t i, k, n;
	int j, any, sets = 0, tried = 0, wrong = 0;

	for (i = 0; i < 6000; i++) {
		buf_reset(&pat);
		gen_alt(&pat, 0);
		ere_literals(pat.s, &l);
		if (!l.ok || l.n == 0 || ere_lits_weight(&l) < 2)
			continue;
		if (regcomp(&re, pat.s, REG_EXTENDED | REG_NOSUB) != 0)
			continue;
		sets++;
		for (k = 0; k < 200; k++) {
			if (!random_match(&re, &text, 16))
				continue;
			tried++;
			for (n = 0; n <= text.len; n++)
				low[n] = (char)tolower((unsigned char)text.s[n]);
			for (any = 0, j = 0; j < l.n && !any; j++)
				any = strstr(low, l.lit[j]) != NULL;
			if (!any && wrong++ < 5)
				fprintf(stderr, "literals of /%s/ not in \"%s\"\n",
				    pat.s, text.s);
		}
		regfree(&re);
	}
	CHECK(sets > 1000);
	CHECK(tried > 10000);
	CHECK(wrong == 0);
	buf_free(&pat);
	buf_free(&text);
}

/*
 * The prefixes' contract against regexec, on random anchored patterns
 * and random texts: every text the pattern matches begins with one of
 * them, and none of them begins with another.
 */
static void
test_prefixes_random(void)
{
	struct buf pat = BUF_INIT, text = BUF_INIT;
	struct ere_lits l;
	regex_t re;
	size_t i, k;
	int j, any, sets = 0, tried = 0, wrong = 0, longer = 0;

	for (i = 0; i < 6000; i++) {
		buf_reset(&pat);
		buf_adds(&pat, "^(");
		gen_alt(&pat, 1);
		buf_addc(&pat, ')');
		if (unit_rnd(2) == 0)
			gen_alt(&pat, 1);
		if (!ere_prefixes(pat.s, &l))
			continue;
		if (regcomp(&re, pat.s, REG_EXTENDED | REG_NOSUB) != 0)
			continue;
		sets++;
		for (j = 0; j < l.n; j++)
			for (k = 0; k < (size_t)l.n; k++)
				if ((int)k != j && strncmp(l.lit[k], l.lit[j],
				    strlen(l.lit[k])) == 0 && longer++ < 5)
					fprintf(stderr, "/%s/: \"%s\" begins "
					    "with \"%s\"\n", pat.s, l.lit[j],
					    l.lit[k]);
		for (k = 0; k < 500; k++) {
			if (!random_match(&re, &text, 12))
				continue;
			tried++;
			for (any = 0, j = 0; j < l.n && !any; j++)
				any = strncmp(text.s, l.lit[j],
				    strlen(l.lit[j])) == 0;
			if (!any && wrong++ < 5)
				fprintf(stderr, "no prefix of /%s/ begins "
				    "\"%s\"\n", pat.s, text.s);
		}
		regfree(&re);
	}
	CHECK(sets > 1000);
	CHECK(tried > 8000);
	CHECK(wrong == 0);
	CHECK(longer == 0);
	buf_free(&pat);
	buf_free(&text);
}

int
main(void)
{
	test_tokens();
	test_literals();
	test_literals_random();
	test_first();
	test_last();
	test_prefixes();
	test_prefixes_random();
	test_compile();
	UNIT_END();
}
