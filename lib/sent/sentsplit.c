/*
 * sentsplit.c - see sentsplit.h.
 *
 * One pass over the bytes.  The hot loop only stops at the few bytes that
 * can matter (terminal punctuation, newlines, ':' and ';', the lead bytes
 * of the Unicode ellipsis and CJK stops, and the first letters of a few
 * capitalised words); everything else is skipped by a table lookup, which
 * is what keeps the splitter near memory speed on news text.  At a stop
 * the decision looks at three things, each bounded in length:
 *
 *	the word before it	an abbreviation (and of which kind), an
 *				initial, a number, a URL, or an ordinary word;
 *	the token after it	lower case, upper case, digit; a word that
 *				starts sentences, a title, a label, a word
 *				that joins a clause;
 *	the sentence so far	a list marker opening it, or a fronted phrase
 *				("At 5 a.m.") that cannot stand alone.
 *
 * Web text is weighed, not required to follow edited copy: a lower-case
 * start after a stop that is surely one, emoticons and citation markers
 * that close a sentence, URLs, e-mail addresses, greetings and sign-offs,
 * date and time stamps, separators, attachment notes and lists, headings and
 * captions on the line of their text, a stop left out before a word that
 * opens a clause (artsent(1) lists the rules).  Soft line breaks end a
 * sentence only when the line structure says so: a list item on the next
 * line, or a short unpunctuated line (a heading, a dateline, an item of an
 * unpunctuated list, a line before a new thought).
 *
 * The character classes are in chars.h, the shapes of whole tokens
 * (citations, emoticons, URLs, datelines) in shapes.c.
 */
#include <err.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sent/chars.h"
#include "sent/lex.h"
#include "sent/sentsplit.h"
#include "sent/shapes.h"
#include "base/util.h"

struct sentsplit {
	struct lex	*lex;
	/* bytes the scan stops at; the second table inside a list item */
	unsigned char	 stop[2][256];
	/*
	 * Bit n - 1 of greet[c]: a word of n bytes that begins with byte c
	 * may be listed as greet, once salutation() has put its first
	 * letter in upper case.
	 */
	uint64_t	 greet[256];
};

/* How far the splitter looks back for the token before a stop. */
#define MAXTOKEN 256
/* The longest quotation embedded() reads for its closing mark. */
#define MAXQUOTE 1024
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
	const uint64_t		*greet;		/* struct sentsplit's */
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
	/*
	 * Whether the open sentence holds "<<" before ltlt_to (on_angle):
	 * each ">>" searches only what the last one did not, or a long
	 * sentence of ">>" would be searched once per ">>".
	 */
	size_t			 ltlt_to;
	bool			 ltlt;
	/*
	 * The last number footnote_after weighed, where it stands and whether
	 * it was a list's item: the next one asks it instead of looking back.
	 */
	size_t			 num_at;
	unsigned		 num_val;
	bool			 num_list;
	/*
	 * Where the opening mark of a quotation open in the sentence
	 * stands, plus one (0: none); the last quotation embedded() weighed
	 * (so kept) and its answer, so that each is read once.
	 */
	size_t			 quote;
	size_t			 quote_weighed;
	bool			 quote_embedded;
};

static void next_token(const struct scan *, size_t, struct tok *);
static bool blank(const struct scan *, size_t, size_t);
static bool blank_before(const struct scan *, size_t, size_t);

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
	const unsigned char *p;
	char *path;
	size_t i;
	int c;

	if ((path = sentsplit_lang_path(lang)) == NULL)
		errx(1, "%s: not a language name", lang ? lang : "(null)");
	ss = xcalloc(1, sizeof(*ss));
	ss->lex = lex_new();
	lex_load(ss->lex, path);
	free(path);
	for (i = 0; i < nextra; i++)
		lex_load(ss->lex, extra[i]);
	/*
	 * The scan stops at terminal punctuation, newlines, ':' and ';', '@'
	 * and '>', '"', the lead bytes of the Unicode ellipsis, quotes and
	 * CJK stops, and the first letters of the words listed as clause
	 * (on_capital);
	 * inside a list item also at white space, where the next item may
	 * begin.
	 */
	for (p = (const unsigned char *)".?!\n:;@>\"\xe2\xe3\xef"; *p != '\0';
	    p++)
		ss->stop[0][*p] = ss->stop[1][*p] = 1;
	ss->stop[1][' '] = ss->stop[1]['\t'] = 1;
	lex_initials(ss->lex, LEX_CLAUSE, ss->stop[0]);
	lex_initials(ss->lex, LEX_CLAUSE, ss->stop[1]);
	lex_lengths(ss->lex, LEX_GREET, ss->greet);
	for (c = 'a'; c <= 'z'; c++)
		ss->greet[c] = ss->greet[c - 'a' + 'A'];
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

/*
 * The first byte from b before lim that is neither an ASCII letter nor a
 * space, or the fourth space if that comes first (*spaces is then 4), or
 * lim.  Eight bytes at a time while eight are left, as fold_run() in
 * lib/sim/shingle.c does: most sentences open with four plain words, and
 * this tells so in three or four looks at a mask.
 */
static size_t
plain_words(const unsigned char *t, size_t b, size_t lim, int *spaces)
{
	size_t i = b;
	unsigned char ch;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t x, c, y, other, sp;

	for (; i + 8 <= lim; i += 8) {
		memcpy(&x, t + i, 8);
		/*
		 * Each byte's high bit says what it is.  c and y have the
		 * high bits cleared, so adding to them carries into no other
		 * byte.  other: below 'a' or above 'z' in lower case (c), or
		 * from 0x80 up; sp: a space (a zero byte of y).
		 */
		c = (x | ones * 0x20) & ~highs;
		other = (~(c + ones * (0x80 - 'a')) |
		    (c + ones * (0x7F - 'z')) | x) & highs;
		y = x ^ ones * ' ';
		sp = ~(((y & ~highs) + ones * 0x7F) | y) & highs;
		other &= ~sp;
		if (other != 0)
			sp &= (other & -other) - 1;
		for (; sp != 0; sp &= sp - 1)
			if (++*spaces == 4)
				return i + (size_t)__builtin_ctzll(sp) / 8;
		if (other != 0)
			return i + (size_t)__builtin_ctzll(other) / 8;
	}
#endif
	for (; i < lim; i++) {
		ch = t[i];
		if (ch == ' ') {
			if (++*spaces == 4)
				return i;
		} else if ((unsigned)((ch | 0x20) - 'a') >= 26)
			return i;
	}
	return lim;
}

/*
 * A greeting or sign-off opening the sentence at b: at most four words, one
 * of them listed as such, then a comma, then (in the same paragraph) a
 * capitalised word, a number or the end: "Dear Ms Roe, Thank you",
 * "Kind regards, Ann".  Returns the end of the comma, or 0.
 *
 * It is asked at every sentence start, and almost every sentence fails it,
 * so it is cheap before it is exact.  Words of ASCII letters need no
 * decoding, and most sentences are told by plain_words(): four of them,
 * or one ended by some other ASCII byte than a comma.  Only a character
 * from 0x80 up takes the full scan.  A word is looked up only if its first
 * byte and length may be a greet key's (sc->greet).
 */
static size_t
salutation(const struct scan *sc, size_t b)
{
	char key[LEX_MAXKEY];
	const unsigned char *t = sc->t;
	size_t n = sc->n, i, w, e, lim, len;
	int words = 0;
	bool greet = false;
	struct tok tk;

	/*
	 * Four words of LEX_MAXKEY bytes and their spaces end before lim:
	 * a stretch of letters and fewer spaces that reaches it holds a
	 * longer word.
	 */
	lim = n - b > 4 * (LEX_MAXKEY + 1) ? b + 4 * (LEX_MAXKEY + 1) : n;
	i = plain_words(t, b, lim, &words);
	if (i >= lim || words == 4 || (t[i] < 0x80 && t[i] != ','))
		return 0;
	/*
	 * The words and the comma, decoded, when a character from 0x80 up
	 * came first.  A word longer than any key is no greeting, and must
	 * not reach key below: the scan stops after the character that
	 * crosses LEX_MAXKEY bytes, up to three bytes past it.
	 */
	if (t[i] != ',')
		for (i = b, words = 0;;) {
			for (w = i; i < n && i - w < LEX_MAXKEY &&
			    (cpclass(cp_at(t, i, n, &len)) & C_WORD); i += len)
				;
			if (i == w || i >= n || i - w > LEX_MAXKEY ||
			    ++words > 4)
				return 0;
			if (t[i] == ',')
				break;
			if (t[i] != ' ')
				return 0;
			i++;
		}
	/*
	 * [b, i) holds the words and a space between each two.  After the
	 * plain scan a word may still be empty (two spaces, a space before
	 * the comma) or longer than any key: those are told here.
	 */
	if (i == b || t[i - 1] == ' ')
		return 0;
	for (w = b; w < i; w = e + 1) {
		for (e = w; e < i && t[e] != ' '; e++)
			;
		if (e == w || e - w > LEX_MAXKEY)
			return 0;
		if (greet || !(sc->greet[t[w]] >> (e - w - 1) & 1))
			continue;
		memcpy(key, t + w, e - w);
		if (key[0] >= 'a' && key[0] <= 'z')
			key[0] -= 'a' - 'A';
		greet = (lex_get(sc->lex, key, e - w) & LEX_GREET) != 0;
	}
	if (!greet)
		return 0;
	next_token(sc, ++i, &tk);
	return tk.nl < 2 && (tk.cls == C_UP || tk.cls == C_DIGIT ||
	    tk.cls == T_END) && !tk.paren ? i : 0;
}

/*
 * Whether the n bytes at w are a word listed as clause, as written, with
 * a space and a word in lower case after it: "In the", "It was".
 */
static bool
clause_word(const struct scan *sc, size_t w, size_t n)
{
	size_t e = w + n, len;

	return e + 1 < sc->n && sc->t[e] == ' ' &&
	    (cpclass(cp_at(sc->t, e + 1, sc->n, &len)) & C_LOW) &&
	    (lex_get(sc->lex, (const char *)sc->t + w, n) & LEX_CLAUSE);
}

/*
 * A heading or a caption set on the line of the text after it, at the
 * start of a paragraph: capitalised words, none listed (not "If", "The",
 * "At"), then a word in lower case after either a pronoun listed as pron,
 * in any case, when the words are two or three ("Burger King it seems",
 * "Lovely Cottage This cottage is"), or a word listed as clause, as
 * written, when they are two to six, which lower-case words listed as
 * join may link: a caption run into its paragraph ("Jo Roe of WRP In the
 * north, turnout rose").  Returns the end of the heading, or 0.
 */
static size_t
heading(const struct scan *sc, size_t b)
{
	char key[LEX_MAXKEY];
	const unsigned char *t = sc->t;
	size_t n = sc->n, i = b, w, e = 0, len;
	int words = 0, joins = 0;
	unsigned bits;
	bool up;

	for (;;) {
		w = i;
		if (i >= n || words + joins > 8)
			break;
		up = (cpclass(cp_at(t, i, n, &len)) & C_UP) != 0;
		for (; i < n && i - w < LEX_MAXKEY &&
		    ((cpclass(cp_at(t, i, n, &len)) & C_WORD) || t[i] == '-' ||
		    t[i] == '&' || t[i] == '\''); i += len)
			;
		if (i == w || i >= n || t[i] != ' ' || i - w >= LEX_MAXKEY)
			break;
		bits = lex_get(sc->lex, (const char *)t + w, i - w);
		if (up && !(bits & (LEX_START | LEX_LEAD | LEX_TITLE |
		    LEX_GREET | LEX_PRON))) {
			words++;
			e = i;
		} else if (!up && words > 0 && (bits & LEX_JOIN))
			joins++;
		else
			break;
		i++;
	}
	/*
	 * The word at w must follow the last capitalised one, and be there:
	 * the words may run to the end of the text.
	 */
	if (words < 2 || w != e + 1 || w >= n)
		return 0;
	if (words <= 6 && (t[w] >= 'A' && t[w] <= 'Z') &&
	    clause_word(sc, w, i - w))
		return e;
	if (words > 3 || joins > 0)
		return 0;
	/* the pronoun at w, in any case, then a lower-case word */
	for (i = w; i < n && i - w < LEX_MAXKEY && t[i] >= 'A' &&
	    (t[i] | 0x20) <= 'z' && (t[i] | 0x20) >= 'a'; i++)
		;
	if (i == w || i - w >= LEX_MAXKEY || i + 1 >= n || t[i] != ' ' ||
	    !(cpclass(cp_at(t, i + 1, n, &len)) & C_LOW))
		return 0;
	memcpy(key, t + w, i - w);
	key[0] &= ~0x20;
	return lex_get(sc->lex, key, i - w) & LEX_PRON ? e : 0;
}

/*
 * The end of the capitalised word at b, of at most LEX_MAXKEY bytes (a
 * word the lexicon may list), or 0.
 */
static size_t
capital_word(const struct scan *sc, size_t b)
{
	size_t e, len;

	if (!(cpclass(cp_at(sc->t, b, sc->n, &len)) & C_UP))
		return 0;
	for (e = b; e < sc->n && e - b <= LEX_MAXKEY &&
	    (cpclass(cp_at(sc->t, e, sc->n, &len)) & C_WORD); e += len)
		;
	return e - b > LEX_MAXKEY ? 0 : e;
}

/*
 * The name signing a sign-off, at b after the greeting's comma, on the
 * line of the text that follows it: one capitalised word, a space, then a
 * capitalised word listed as start or the name again, which opens a
 * signature's block ("Thanks, Sean Here you go", "Regards, Ann Ann Lee
 * Sales").  A surname ("Ann Lee") goes on with the name.  Returns the end
 * of the name, or 0.
 */
static size_t
signed_name(const struct scan *sc, size_t b)
{
	const unsigned char *t = sc->t;
	size_t e, w, i;

	if ((e = capital_word(sc, b)) == 0 || e + 1 >= sc->n || t[e] != ' ')
		return 0;
	w = e + 1;
	if ((i = capital_word(sc, w)) == 0)
		return 0;
	if (i - w == e - b && memcmp(t + b, t + w, e - b) == 0)
		return e;
	/* not "A" nor "I": a middle initial ("Paul A Volcker") */
	return i - w > 1 && (lex_get(sc->lex, (const char *)t + w, i - w) &
	    LEX_START) ? e : 0;
}

/* Skip white space from i, counting the newlines into *nl. */
static size_t
skip_space(struct scan *sc, size_t i, int *nl)
{
	size_t len;

	while (i < sc->n && (len = space_at(sc->t, i, sc->n)) > 0) {
		if (sc->t[i] == '\n') {
			(*nl)++;
			sc->line = i + 1;
		}
		i += len;
	}
	return i;
}

/*
 * Open a sentence at the first non-white byte from i, counting paragraphs
 * on the way; returns where the scan goes on.  A dateline or a greeting
 * at the start is a unit of its own, and so is a separator ("-----", or
 * "--" inside a line before a capitalised word: a signature's), after
 * which the sentence opens again.
 */
static size_t
open_at(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len, d;
	int nl;
	struct tok tk;

	for (;;) {
		nl = 0;
		i = skip_space(sc, i, &nl);
		if (nl >= 2) {
			sc->para = sc->line;
			if (sc->count > 0)
				sc->par++;
		}
		if ((nl >= 2 || sc->count == 0) && i < n &&
		    ((d = shape_dateline(t, i, n)) > 0 ||
		    (d = heading(sc, i)) > 0)) {
			push(sc, i, d);
			for (i = d; i < n && (len = space_at(t, i, n)) > 0;
			    i += len)
				;
		}
		if (i < n && (d = salutation(sc, i)) > 0) {
			push(sc, i, d);
			nl = 0;
			i = skip_space(sc, d, &nl);
			if (nl < 2 && i < n && (d = signed_name(sc, i)) > 0) {
				push(sc, i, d);
				i = skip_space(sc, d, &nl);
			}
		}
		if (i >= n || (d = shape_rule(t, i, n)) == 0)
			break;
		/*
		 * "--" and "---" are a signature's only inside a line and
		 * before a capitalised word: at a line's start "--" is a
		 * bullet, before a number or another run the empty cell of
		 * a table (wire copy's price tables).
		 */
		if (d - i < 4) {
			next_token(sc, d, &tk);
			if (blank_before(sc, sc->line, i) || tk.nl > 0 ||
			    tk.cls != C_UP)
				break;
		}
		push(sc, i, d);
		i = d;
	}
	sc->start = i;
	sc->ltlt_to = i;
	sc->ltlt = false;
	sc->quote = 0;
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

/*
 * Skip closing quotes and brackets after terminal punctuation, and the
 * citation markers and emoticons that follow it, glued or after one space.
 */
static size_t
skip_closers(const struct scan *sc, size_t p, bool *closed)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, len, len2, e;
	int32_t cp, cp2;

	*closed = false;
	while (p < n) {
		if ((e = shape_citation(t, p, n)) > 0 || (t[p] == ' ' &&
		    ((e = shape_citation(t, p + 1, n)) > 0 ||
		    (e = shape_emoticon(t, p + 1, n)) > 0))) {
			p = e;
			continue;
		}
		cp = cp_at(t, p, n, &len);
		if (!is_closer(cp)) {
			/* French spacing: « Oui. » */
			if ((cp == ' ' || cp == 0xA0 || cp == 0x202F) &&
			    p + len < n) {
				cp2 = cp_at(t, p + len, n, &len2);
				if (cp2 == 0xBB || cp2 == 0x203A) {
					*closed = true;
					p += len + len2;
					continue;
				}
			}
			break;
		}
		if (is_ambiguous_quote(cp) && p + len < n &&
		    (cpclass(cp_at(t, p + len, n, &len2)) & C_ALNUM))
			break;
		*closed = true;
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
		/* a stop set apart from an ordinary word or a number: "idea ." */
		for (b = i; b > sc->start && (t[b - 1] == ' ' ||
		    t[b - 1] == '\t') && i - b < 4; b--)
			;
		if (b < i && b > sc->start && space_before(t, b, sc->start) == 0) {
			word_before(sc, b, w);
			if (w->kind != W_WORD && w->kind != W_NUMBER)
				w->kind = W_NONE;
		}
		return;
	}
	if (shape_urlish(t, b, i) || shape_scheme(t, b, i)) {
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
	if (shape_acronym(t, b, i)) {
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

/*
 * Whether a sentence may start in lower case at tk after a stop: on the
 * web people write "it was late. we left" and "did it work? is it worth
 * it".  Only a plain word may start so, not one in brackets, and not when
 * a closing quote or bracket follows the stop (closed), where a lower-case
 * word goes on the sentence ("\"Why?\" he asked").  The caller weighs what
 * came before the stop.
 */
static bool
lower_start(const struct scan *sc, bool closed, const struct tok *tk)
{
	return tk->cls == C_LOW && !tk->paren && !closed &&
	    !(lex_get(sc->lex, (const char *)sc->t + tk->wb, tk->we - tk->wb) &
	    LEX_JOIN);
}

/*
 * Whether the word before the stop at i (white space between allowed) has
 * a capital: "Yahoo! and", "ex-Wham! backing singers" are names.
 */
static bool
capital_before(const struct scan *sc, size_t i)
{
	size_t b, len;

	while (i > sc->start && (sc->t[i - 1] == ' ' || sc->t[i - 1] == '\t'))
		i--;
	for (b = token_start(sc, i); b < i; b += len)
		if (cpclass(cp_at(sc->t, b, i, &len)) & C_UP)
			return true;
	return false;
}

/*
 * Whether w is surely no abbreviation: an ordinary word or a number that
 * ends in a letter or digit, with no stop inside ("non-U.S", "D-Tex.)"),
 * not a listed abbreviation written in lower case ("st." for "St."), and
 * no number of one or two digits, which may be an ordinal ("am 2. und
 * 3. Mai").
 */
static bool
plain_word(const struct scan *sc, const struct word *w)
{
	char key[LEX_MAXKEY];
	size_t len;

	/* (a token too long to look at has no span: nothing is sure) */
	if ((w->kind != W_WORD && w->kind != W_NUMBER) || w->e <= w->b)
		return false;
	if (w->kind == W_WORD && memchr(sc->t + w->b, '.', w->e - w->b))
		return false;
	if (w->kind == W_NUMBER && w->e - w->b <= 2)
		return false;
	/* "st." for "St.": the capitalised form is a listed abbreviation */
	if (w->kind == W_WORD && w->e - w->b <= LEX_MAXKEY &&
	    sc->t[w->b] >= 'a' && sc->t[w->b] <= 'z') {
		memcpy(key, sc->t + w->b, w->e - w->b);
		key[0] -= 'a' - 'A';
		if (lex_get(sc->lex, key, w->e - w->b) & LEX_ABBR)
			return false;
	}
	return (cpclass(cp_before(sc->t, w->e, w->b, &len)) & C_ALNUM) != 0;
}

/* Whether a single full stop at i ends the sentence before tk. */
static bool
period_ends(const struct scan *sc, size_t i, const struct tok *tk,
    bool lower)
{
	struct word w;
	unsigned bits;

	word_before(sc, i, &w);
	if (w.kind == W_NONE)
		return false;
	/*
	 * In lower case only after what is surely no abbreviation: a word
	 * of two letters or more that is not listed, or a number.
	 */
	if (tk->cls == C_LOW)
		return lower && plain_word(sc, &w) && !capital_before(sc, i);
	if (w.kind == W_ABBR && (w.bits & LEX_TITLE))
		return false;
	if (w.kind == W_WORD || w.kind == W_URL)
		return true;
	/*
	 * "etc." closes a list and comes before no name, so a capitalised
	 * word after it starts a sentence, listed as such or not: "fees,
	 * fares etc. Ann Lee", "etc. Thanks,".
	 */
	if (w.kind == W_ABBR && (w.bits & LEX_LAST))
		return tk->cls == C_UP && !tk->paren;
	if (w.kind == W_NUMBER) {
		if (tk->cls != C_UP)
			return true;
		bits = lex_get(sc->lex, (const char *)sc->t + tk->wb,
		    tk->we - tk->wb);
		return !(bits & LEX_ORD);
	}
	/*
	 * An abbreviation that comes before a number ("No.", "Art.") and
	 * has a capitalised word after it, not another abbreviation, is the
	 * word itself: "the School of Art. \"It was", "told the SEC. Its".
	 */
	if ((w.bits & LEX_NUM) && !(w.bits & LEX_TITLE) && w.kind == W_ABBR &&
	    w.e - w.b > 1 && tk->cls == C_UP && !tk->paren &&
	    (tk->we >= sc->n || sc->t[tk->we] != '.'))
		return true;
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
	if (shape_urlish(t, b, token_end(sc, p)))
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

/*
 * Whether the last token before e in the open sentence is a file name, in
 * brackets or not: "minutes.pdf", "(minutes.pdf)", "(File: minutes.pdf)".
 */
static bool
filename_before(const struct scan *sc, size_t e)
{
	size_t b, len;

	while (e > sc->start && (len = space_before(sc->t, e, sc->start)) > 0)
		e -= len;
	if (e > sc->start && sc->t[e - 1] == ')')
		e--;
	b = token_start(sc, e);
	if (b < e && sc->t[b] == '(')
		b++;
	return b < e && shape_filename(sc->t, b, e);
}

/*
 * A stop at i, the last in a file name that is an item of a list of
 * attachments, as mail clients write one under the message: "Thanks. -
 * minutes.doc - agenda.pdf", "- plan.doc << File: plan.doc >>".  Each item
 * is a unit.  A name after " - " is an item when the list shows: another
 * item follows it, or a note in double angle brackets, or a file name
 * comes before its dash; one name alone after a dash is left, as "Visit
 * our shop - example.com" is a domain of that shape.  Returns where the
 * item's dash is, or 0.
 */
static size_t
attachment(const struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, b, e, k;

	b = token_start(sc, i);
	if (b < sc->start + 3 || t[b - 1] != ' ' || t[b - 2] != '-' ||
	    space_before(t, b - 2, sc->start) == 0)
		return 0;
	e = token_end(sc, i);
	if (memchr(t + i + 1, '.', e - i - 1) != NULL ||
	    !shape_filename(t, b, e))
		return 0;
	for (k = e; k < n && (t[k] == ' ' || t[k] == '\t'); k++)
		;
	if (k + 1 < n && t[k] == '<' && t[k + 1] == '<')
		return b - 2;
	if (k + 2 < n && t[k] == '-' && t[k + 1] == ' ' &&
	    shape_filename(t, k + 2, token_end(sc, k + 2)))
		return b - 2;
	return filename_before(sc, b - 2) ? b - 2 : 0;
}

/* How far back in its paragraph a list's item before is looked for. */
#define LISTBACK 512

/*
 * Whether the number val stands before i in the paragraph as the item of a
 * list run into the text: bare, before a capitalised word, and opening the
 * paragraph or after something that is no stop ("Steps: 1 Open the box. 2
 * The lid"), or the number weighed last, found so ("2 The lid. 3 Then").
 * A footnote's number stands after a stop.  The look back ends at the
 * number weighed last, so that each byte is looked at once.
 */
static bool
list_before(const struct scan *sc, size_t i, unsigned val)
{
	const unsigned char *t = sc->t;
	size_t lo = sc->para, b, e = i, p, len;
	unsigned v;

	if (val == 0)
		return false;
	/* what lies before the number weighed last was looked at then */
	if (sc->num_val > 0 && sc->num_at >= sc->para && sc->num_at < i) {
		if (sc->num_val == val)
			return sc->num_list;
		lo = sc->num_at;
	}
	if (i - lo > LISTBACK)
		lo = i - LISTBACK;
	while (e > lo) {
		if (t[e - 1] < '0' || t[e - 1] > '9') {
			e--;
			continue;
		}
		for (b = e; b > lo && t[b - 1] >= '0' && t[b - 1] <= '9'; b--)
			;
		for (v = 0, p = b; p < e && v < 1000; p++)
			v = v * 10 + (t[p] - '0');
		if (v == val && e + 1 < i && t[e] == ' ' &&
		    t[e + 1] >= 'A' && t[e + 1] <= 'Z' &&
		    (b == sc->para || space_before(t, b, sc->para) > 0)) {
			for (p = b; p > sc->para &&
			    (len = space_before(t, p, sc->para)) > 0; p -= len)
				;
			return p == sc->para || !(t[p - 1] == '.' ||
			    t[p - 1] == '?' || t[p - 1] == '!' ||
			    t[p - 1] == ')' || t[p - 1] == '"' ||
			    t[p - 1] == ']' || t[p - 1] == '\'' ||
			    t[p - 1] >= 0x80);
		}
		e = b;
	}
	return false;
}

/*
 * A footnote number after a stop that ends a sentence, its superscript
 * lost in a copy from a page ("rights. 4 Even though"): one to three
 * digits on the stop's line, then one space and a word that starts
 * sentences, which no count goes with ("12 Villages", "50 Cent" start
 * one), and not the next item of a list numbered so (list_before).
 * Returns the end of the number, the sentence's new end, or at when there
 * is none.
 */
static size_t
footnote_after(struct scan *sc, const struct tok *tk, size_t at)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, d = tk->wb, e;
	unsigned val = 0;
	struct tok w;

	if (tk->nl > 0 || tk->paren || t[d] < '1' || t[d] > '9')
		return at;
	for (e = d; e < n && e - d < 4 && t[e] >= '0' && t[e] <= '9'; e++)
		val = val * 10 + (t[e] - '0');
	if (e - d > 3 || e + 1 >= n || t[e] != ' ' || t[e + 1] == ' ')
		return at;
	next_token(sc, e, &w);
	if (w.cls != C_UP || w.paren || w.we == w.wb ||
	    !(lex_get(sc->lex, (const char *)t + w.wb, w.we - w.wb) &
	    LEX_START))
		return at;
	sc->num_list = list_before(sc, d, val - 1);
	sc->num_at = d;
	sc->num_val = val;
	return sc->num_list ? at : e;
}

/*
 * Whether the double quote mark cp of len bytes at i opens a quotation:
 * at the sentence's start or after white space or an opener, and before
 * no white space.  A right quote mark never opens one; a left one closes
 * a German quotation („so“) when it follows a word.
 */
static bool
quote_opens(const struct scan *sc, size_t i, size_t len, int32_t cp)
{
	size_t len2;

	if (cp == 0x201D || i + len >= sc->n || space_at(sc->t, i + len,
	    sc->n) > 0)
		return false;
	return i <= sc->start || space_before(sc->t, i, sc->start) > 0 ||
	    is_opener(cp_before(sc->t, i, sc->start, &len2));
}

/* The double quote mark cp of len bytes at i: remember where one opens. */
static size_t
on_quote(struct scan *sc, size_t i, size_t len, int32_t cp)
{
	sc->quote = quote_opens(sc, i, len, cp) ? i + 1 : 0;
	return i + len;
}

/*
 * Whether the quotation open in the sentence is embedded in it, so that a
 * stop inside it ends a sentence of the speaker's, not the one that
 * frames it: the quotation opens after words of the sentence ("says
 * \"many") and closes, in its paragraph, on a word or a bracket with no
 * stop or comma of its own, and the sentence goes on past it on the same
 * line ("... pay\" (in Italian).", "... pay\" and left").  One that closes
 * on its own stop or comma ("... pay.\"", "... pay,\" he said"), right
 * before the frame's stop or comma ("... pay\"."), or opens the sentence
 * is a run of the speaker's sentences.  p is where the scan goes on after
 * the stop.
 */
static bool
embedded(struct scan *sc, size_t p)
{
	const unsigned char *t = sc->t, *q;
	size_t mark = sc->quote - 1, lim, e, k, len;
	int32_t cp;

	if (sc->quote_weighed == sc->quote)
		return sc->quote_embedded;
	sc->quote_weighed = sc->quote;
	sc->quote_embedded = false;
	if (!has_content(sc, sc->start, mark))
		return false;
	/* the next double quote mark: memchr, as most are read to the end */
	lim = sc->n - mark > MAXQUOTE ? mark + MAXQUOTE : sc->n;
	if (p >= lim)
		return false;
	e = (q = memchr(t + p, '"', lim - p)) != NULL ? (size_t)(q - t) : lim;
	for (k = p; k < e && (q = memchr(t + k, 0xe2, e - k)) != NULL;
	    k = q - t + 1)
		if (q - t + 2 < (ptrdiff_t)sc->n && q[1] == 0x80 &&
		    (q[2] == 0x9c || q[2] == 0x9d)) {
			e = q - t;
			break;
		}
	if (e >= lim)
		return false;
	/* not past the paragraph's end */
	for (k = p; k < e && (q = memchr(t + k, '\n', e - k)) != NULL;) {
		for (k = q - t + 1; k < e && t[k] != '\n' &&
		    (len = space_at(t, k, sc->n)) > 0; k += len)
			;
		if (k < e && t[k] == '\n')
			return false;
	}
	cp = cp_at(t, e, sc->n, &len);
	if (quote_opens(sc, e, len, cp))
		return false;
	cp = cp_before(t, e, mark, &k);
	if (!(cpclass(cp) & C_ALNUM) && cp != ')' && cp != ']')
		return false;
	/* the sentence goes on past it on the same line */
	for (e += len; e < sc->n && (t[e] == ' ' || t[e] == '\t'); e++)
		;
	if (e >= sc->n || t[e] == '\n' || t[e] == '\r' || t[e] == ',' ||
	    t[e] == ';' || t[e] == ':' || terminal_at(t, e, sc->n, &len))
		return false;
	sc->quote_embedded = true;
	return true;
}

/* Terminal punctuation at i: decide, and return where the scan goes on. */
static size_t
on_terminal(struct scan *sc, size_t i)
{
	struct cluster cl;
	struct tok tk;
	size_t p, at;
	bool ends, attached, ell, lower, closed;

	if (i < sc->mk.end)
		return sc->mk.end;
	parse_cluster(sc, i, &cl);
	p = skip_closers(sc, cl.e, &closed);
	/* a quote mark among the closers closes the open quotation */
	for (at = cl.e; closed && sc->quote > 0 && at < p; at++)
		if (sc->t[at] == '"' || sc->t[at] == 0xe2)
			sc->quote = 0;
	if (!has_content(sc, sc->start, i) || p >= sc->n)
		return p;
	if (cl.cjk)
		return split(sc, p, p);
	if (space_at(sc->t, p, sc->n) == 0) {
		if (glued_ends(sc, i, &cl, p))
			return split(sc, p, p);
		/* an extension after the stop: numbers ("1.5") go on */
		if (cl.ndots == 1 && !cl.qe && p == i + 1 &&
		    ((sc->t[p] | 0x20) >= 'a' && (sc->t[p] | 0x20) <= 'z') &&
		    (at = attachment(sc, i)) > 0)
			return split(sc, at, at);
		return p;
	}
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
	lower = lower_start(sc, closed, &tk);
	if (cl.qe)
		ends = tk.cls != C_LOW || (lower && !capital_before(sc, i));
	else if (cl.ndots >= 4 && attached && cl.spaced && cl.first == i + 1) {
		/* "word. . . . Next": a full stop, then an ellipsis */
		ends = tk.cls == C_UP;
		at = cl.first;
	} else if (cl.ndots >= 4)
		ends = (tk.cls == C_UP || tk.cls == C_DIGIT) && !tk.paren;
	else if (ell) {
		/*
		 * "I" is capitalised anywhere, so it says nothing after an
		 * ellipsis; two stops are a full stop typed twice.  A URL
		 * starts a unit here as after a full stop ("nice...
		 * http://..."): a link does not run on the words before.
		 */
		ends = (tk.cls == C_UP && !tk.paren &&
		    !(tk.we - tk.wb == 1 && sc->t[tk.wb] == 'I' &&
		    !(cl.ndots == 2 && cl.e == i + 2))) ||
		    (tk.cls == C_LOW && !tk.paren &&
		    shape_url(sc->t, tk.wb, token_end(sc, tk.wb)));
	} else
		ends = period_ends(sc, i, &tk, lower);
	if (ends && sc->quote > 0 && embedded(sc, p))
		return p;
	if (ends && tk.cls == C_DIGIT)
		at = footnote_after(sc, &tk, at);
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
 * Whether [b, e) is all white space, read back from e (b past e: it is):
 * the cost is the white space before e, where blank() would read a whole
 * run of it from b at every call, once per unit of a line that begins
 * with a long one.
 */
static bool
blank_before(const struct scan *sc, size_t b, size_t e)
{
	size_t len;

	while (e > b && (len = space_before(sc->t, e, b)) > 0)
		e -= len;
	return e <= b;
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

	e = line_text_end(sc, b, e);
	if (e == b)
		return true;
	/* compared one by one: strchr would find a NUL as the set's end */
	switch (cp_before(t, e, b, &len)) {
	case ',': case ';': case ':': case '-': case '&': case '/': case '(':
	case '+': case '=': case 0x2013: case 0x2014:
		return true;
	}
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

/* Whether tk is a pronoun that is only a subject, in any case ("i", "we"). */
static bool
subject(const struct scan *sc, const struct tok *tk)
{
	char key[LEX_MAXKEY];
	size_t n = tk->we - tk->wb;

	if (tk->cls != C_LOW || n == 0 || n > LEX_MAXKEY)
		return false;
	memcpy(key, sc->t + tk->wb, n);
	key[0] -= 'a' - 'A';
	return (lex_get(sc->lex, key, n) & LEX_SUBJ) != 0;
}

/*
 * A soft line break at i (the line began at lb, the next one begins at j):
 * whether it ends the sentence.  Only a line without final punctuation
 * that does not run on (a comma, "the") can end one.  In wrapped prose it
 * does when the next line is indented (a paragraph or a table row in
 * wire copy) or is set in capitals; elsewhere when it is short (half the
 * longest line, or any line when none is long enough to be wrapped): a
 * heading or dateline before a capitalised line or a line that opens with
 * a subject pronoun ("my cat is sick\ni dont know"), or one of several
 * short unpunctuated lines, the items of a list.
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
	if (tk.cls == C_UP || tk.cls == C_DIGIT || subject(sc, &tk))
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
 * The start of a date "08/16/2000", "5/2/99" ending at e, or e when there
 * is none.
 */
static size_t
date_before(const struct scan *sc, size_t e)
{
	const unsigned char *t = sc->t;
	size_t b = e, k;

	for (k = 0; k < 3; k++) {
		while (b > sc->start && e - b < 12 && digit(t[b - 1]))
			b--;
		if (k < 2 && (b == sc->start || t[b - 1] != '/'))
			return e;
		if (k < 2)
			b--;
	}
	return b < e && (b == sc->start || space_before(t, b, sc->start)) ?
	    b : e;
}

/*
 * Whether the text before a stamp, up to pe, is a unit of its own: a name
 * or an address of two words or more ("Sean Boyle", "Jo Roe@EXAMPLE"),
 * not a word that leads into the stamp ("Posted", "sent on").
 */
static bool
stamp_follows(const struct scan *sc, size_t pe)
{
	const unsigned char *t = sc->t;
	size_t b = token_start(sc, pe), i, len;

	if (b == sc->start)
		return false;
	for (i = b; i < pe; i += len)
		if ((cpclass(cp_at(t, i, pe, &len)) & C_UP) || t[i] == '@' ||
		    t[i] == '>')
			return true;
	return false;
}

/*
 * The ':' of a clock time at i.  A date and time stamp, as e-mail headers
 * and forum posts print them ("08/16/2000 12:05 PM", "5/2/99 08:52:11
 * AM"), is a unit of its own: it ends the sentence before it (a name or an
 * address, stamp_follows) and the one it is in, when a capitalised word or
 * a number follows.
 */
static size_t
on_clock(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t n = sc->n, b, db, e, pe, len;
	struct tok tk;

	for (b = i; b > sc->start && i - b < 2 && digit(t[b - 1]); b--)
		;
	if ((e = shape_digits(t, i + 1, n, 2, 2)) == 0)
		return i + 1;
	if (e < n && t[e] == ':' && (e = shape_digits(t, e + 1, n, 2, 2)) == 0)
		return i + 1;
	if (e + 3 > n || t[e] != ' ' || ((t[e + 1] | 0x20) != 'a' &&
	    (t[e + 1] | 0x20) != 'p') || (t[e + 2] | 0x20) != 'm' ||
	    (e + 3 < n && !space_at(t, e + 3, n)))
		return i + 1;
	e += 3;
	if (b == sc->start || t[b - 1] != ' ' || (db = date_before(sc, b - 1))
	    == b - 1)
		return e;
	for (pe = db; pe > sc->start && (len = space_before(t, pe,
	    sc->start)) > 0; pe -= len)
		;
	if (db > sc->start && stamp_follows(sc, pe))
		split(sc, db, db);
	next_token(sc, e, &tk);
	if (tk.nl < 2 && (tk.cls == C_UP || tk.cls == C_DIGIT))
		return split(sc, e, e);
	return e;
}

/*
 * An emoticon at i, with white space before it, ends a sentence: "what a
 * view :) you can see the bay".  (After a stop it is a closer instead.)
 */
static size_t
on_emoticon(struct scan *sc, size_t i)
{
	size_t e = shape_emoticon(sc->t, i, sc->n);
	struct tok tk;

	next_token(sc, e, &tk);
	if (tk.cls == T_END || !has_content(sc, sc->start, i))
		return e;
	return split(sc, e, e);
}

/*
 * Whether a separator of three characters or more ("-----", not the dash
 * "--") follows e, with no blank line between: after an address or a URL
 * it closes the unit they end, a signature or a link line.
 */
static bool
rule_follows(const struct scan *sc, size_t e)
{
	size_t p = e, len;
	int nl = 0;

	while (p < sc->n && (len = space_at(sc->t, p, sc->n)) > 0) {
		nl += sc->t[p] == '\n';
		p += len;
	}
	return nl < 2 && p > e && shape_rule(sc->t, p, sc->n) >= p + 3;
}

/*
 * The '@' of an e-mail address at i.  Mail headers and signatures end a
 * unit with an address ("Email: Jo Roe <jo@mail.example> The meeting
 * ...").  An address in angle brackets, which prose does not use, ends one
 * before any capitalised word or number; a bare one, as a URL does, only
 * before a word that starts sentences; either before a separator.
 * Returns where the scan goes on: after the address when it ends in a
 * letter, a digit or '>', else at the next byte, so that a stop after it
 * is decided as a stop.
 */
static size_t
on_at(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t b, e, de, len;
	bool angle;
	struct tok tk;

	b = token_start(sc, i);
	e = token_end(sc, i);
	if (b == i || e >= sc->n || e - b >= MAXTOKEN ||
	    shape_scheme(t, b, e))
		return i + 1;
	angle = t[e - 1] == '>' && memchr(t + b, '<', i - b) != NULL;
	de = angle ? e - 1 : e;
	if (de <= i + 1 || memchr(t + i + 1, '.', de - i - 1) == NULL ||
	    !(cpclass(cp_before(t, de, i, &len)) & C_ALNUM))
		return i + 1;
	next_token(sc, e, &tk);
	if (tk.nl < 2 && !tk.paren && ((tk.cls == C_UP &&
	    (angle || starts_sentence(sc, &tk))) ||
	    (angle && tk.cls == C_DIGIT) || rule_follows(sc, e)))
		return split(sc, e, e);
	return e;
}

/*
 * A '>' at i.  Mail clients write an attachment as a note in double angle
 * brackets ("- report.doc << File: report.doc >>"), which ends its unit:
 * a unit that holds "<<" ends after ">>" unless it goes on in lower case.
 */
static size_t
on_angle(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	struct tok tk;

	if (i + 1 >= sc->n || t[i + 1] != '>' || i < sc->start + 2)
		return i + 1;
	/*
	 * The sentence up to i, from where the last ">>" left off: t there
	 * is that '>', so no "<<" lies across it.
	 */
	if (!sc->ltlt && i > sc->ltlt_to) {
		sc->ltlt = memmem(t + sc->ltlt_to, i - sc->ltlt_to, "<<", 2) !=
		    NULL;
		sc->ltlt_to = i;
	}
	if (!sc->ltlt)
		return i + 1;
	next_token(sc, i + 2, &tk);
	if (tk.cls == T_END || tk.nl >= 2 || tk.cls == C_LOW ||
	    space_at(t, i + 2, sc->n) == 0)
		return i + 2;
	return split(sc, i + 2, i + 2);
}

/*
 * The "://" of a URL at i.  A URL is a unit of its own when it follows
 * another URL ("http://a.example/1 http://a.example/2"), and ends one when
 * a word that starts sentences follows it ("http://a.example/x It is").
 * Returns where the scan goes on: after the URL when it ends a unit, else
 * inside it, where its stops are glued and decided as such.
 */
static size_t
on_url(struct scan *sc, size_t i)
{
	const unsigned char *t = sc->t;
	size_t b, pe, e, len;
	struct tok tk;

	for (b = i; b > sc->start && i - b <= 8 && ((t[b - 1] | 0x20) >= 'a' &&
	    (t[b - 1] | 0x20) <= 'z'); b--)
		;
	if (b == i || (b > sc->start && space_before(t, b, sc->start) == 0))
		return i + 1;
	for (pe = b; pe > sc->start && (len = space_before(t, pe, sc->start)) >
	    0; pe -= len)
		;
	if (pe > sc->start && pe < b && shape_url(t, token_start(sc, pe), pe))
		split(sc, b, b);
	e = token_end(sc, i);
	if (e >= sc->n || (!(cpclass(cp_before(t, e, b, &len)) & C_ALNUM) &&
	    t[e - 1] != '/'))
		return i + 1;
	next_token(sc, e, &tk);
	if (tk.nl < 2 && ((tk.cls == C_UP && starts_sentence(sc, &tk)) ||
	    rule_follows(sc, e)))
		return split(sc, e, e);
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

	if (i + 2 < sc->n && t[i + 1] == '/' && t[i + 2] == '/')
		return on_url(sc, i);
	if (i > sc->start && digit(t[i - 1]) && i + 1 < sc->n &&
	    digit(t[i + 1]))
		return on_clock(sc, i);
	if (space_before(t, i, sc->start) > 0 && shape_emoticon(t, i, sc->n) > 0)
		return on_emoticon(sc, i);
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

/*
 * A word listed as clause at i (the scan stops at their first bytes), as
 * written, between two words in lower case, one space either side: "the
 * vote was close It took a recount".  A stop was left out, as web text and
 * hasty copy do, and a new unit begins at i.  Names and titles seldom put
 * such a word between lower-case words; which words are listed, and why
 * not "The" or "On", is in share/abbrev/en.txt.  clen is the length of
 * the character at i; returns where the scan goes on.
 */
static size_t
on_capital(struct scan *sc, size_t i, size_t clen)
{
	const unsigned char *t = sc->t;
	size_t b, e;

	/* most capitals start names: test the bytes before the lexicon */
	if (i < sc->start + 3 || t[i - 1] != ' ' || t[i - 2] < 'a' ||
	    t[i - 2] > 'z' || t[i] < 'A' || t[i] > 'Z')
		return i + clen;
	for (e = i + 1; e < sc->n && e - i < LEX_MAXKEY && t[e] >= 'a' &&
	    t[e] <= 'z'; e++)
		;
	if (e + 1 >= sc->n || t[e] != ' ' || t[e + 1] < 'a' || t[e + 1] > 'z' ||
	    !clause_word(sc, i, e - i))
		return i + clen;
	/* the word before: lower-case letters only, as a word of its own */
	for (b = i - 2; b > sc->start && t[b - 1] >= 'a' && t[b - 1] <= 'z';
	    b--)
		;
	if (b > sc->start && space_before(t, b, sc->start) == 0)
		return i + clen;
	return split(sc, i - 1, i);
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
	struct scan sc;
	const unsigned char *t = (const unsigned char *)text, *tab;
	size_t i, clen;

	memset(&sc, 0, sizeof(sc));
	sc.lex = ss->lex;
	sc.greet = ss->greet;
	sc.t = t;
	sc.n = len;
	sc.v = v;
	sc.cap = cap;
	sc.par = 1;
	i = open_at(&sc, 0);
	while (i < len) {
		tab = ss->stop[sc.mk.kind != MK_NONE];
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
		case '@':
			i = on_at(&sc, i);
			break;
		case '>':
			i = on_angle(&sc, i);
			break;
		case ';':
			i = space_before(t, i, sc.start) > 0 &&
			    shape_emoticon(t, i, len) > 0 ? on_emoticon(&sc, i) :
			    i + 1;
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
		case '"':
			i = on_quote(&sc, i, 1, '"');
			break;
		default:
			if (terminal_at(t, i, len, &clen))
				i = on_terminal(&sc, i);
			else if (t[i] == 0xe2 && clen == 3 && t[i + 1] == 0x80 &&
			    (t[i + 2] == 0x9c || t[i + 2] == 0x9d))
				i = on_quote(&sc, i, clen,
				    0x2000 + (t[i + 2] & 0x3f));
			else
				i = on_capital(&sc, i, clen);
			break;
		}
	}
	split(&sc, len, len);
	return sc.count;
}
