/*
 * weigh.c - artclean's step 16, weigh (see weigh.h): the signals of each
 * paragraph outside the story's core, their weighted sum against the
 * learned cut, and the weights file.
 *
 * Every signal is a number from 0 to 1 and is worked out here only, for
 * the step and for the training's dump alike.  Counts are squashed as
 * n / (n + k), which needs no logarithm and keeps one long paragraph from
 * outweighing every other signal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text/weigh.h"
#include "text/edges.h"
#include "text/linefile.h"
#include "text/para.h"
#include "text/shape.h"
#include "base/json.h"
#include "base/util.h"

enum {
	F_WORDS, F_LINES, F_LINE_WORDS, F_SENTENCE, F_CLOSED, F_CAPITALS,
	F_DIGITS, F_SEPARATORS, F_LINK, F_HANDLE, F_FUNCTION, F_WORD_LENGTH,
	F_TITLE, F_STAMP, F_BULLET, F_DATA, F_PROSE, F_DISTANCE, F_RUN, F_CORE, F_EDGE,
	F_PREV_PROSE, F_NEXT_PROSE, F_PREV_SENTENCE, F_NEXT_SENTENCE,
	F_PREV_WORDS, F_NEXT_WORDS, F_PREV_GONE, F_NEXT_GONE, F_BOX,
	F_COLON, F_ATTRIBUTION,
	NFEAT
};

static const char *const names[NFEAT + 1] = {
	"words", "lines", "line_words", "sentence", "closed", "capitals",
	"digits", "separators", "link", "handle", "function", "word_length",
	"title", "stamp", "bullet", "data", "prose", "distance", "run", "core", "edge",
	"prev_prose", "next_prose", "prev_sentence", "next_sentence",
	"prev_words", "next_words", "prev_gone", "next_gone", "box",
	"colon", "attribution",
	NULL
};

/* A prose paragraph more than this many away breaks the core's run. */
#define CORE_GAP	2

/* The marks of data that make a paragraph or a line an item of a list. */
#define LIST_MARKS	(PARA_NUMBER | PARA_VERSUS | PARA_BRACKET)

/* An item of a list a line may end (list_end) has at most these words. */
#define LIST_END_WORDS	8

/*
 * A core of fewer paragraphs than this is too little story to tell the
 * page around it by: a brief, a short post, a paragraph over its list.
 */
#define MIN_CORE	3

/* A line wrapped at a fixed width has this many bytes or more. */
#define WRAP_BYTES	40

/* The neighbours searched for a paragraph's snapshot (weigh_snap). */
#define SNAP_WINDOW	16

struct weights {
	double	w[NFEAT];
	double	bias, cut;
	unsigned char given[NFEAT + 2];	/* ... and bias, cut */
};

const char *const *
weigh_names(void)
{
	return names;
}

/*
 * The commonest function words of the languages news archives mostly
 * hold, in small letters: a share of them is what running text has and
 * labels, names and menus lack.  Words of a language, not of any page.
 */
static const char *const function_words[] = {
	/* English */
	"the", "of", "and", "to", "a", "in", "is", "that", "for", "it",
	"on", "with", "as", "was", "by", "at", "are", "be", "this", "from",
	"or", "have", "an", "they", "which", "has", "had", "not", "but",
	"his", "her", "their", "were", "been", "will", "would", "its", "we",
	"he", "she", "said", "who", "there", "than", "after", "into",
	/* German */
	"der", "die", "das", "und", "den", "von", "zu", "mit", "ist", "im",
	"dem", "nicht", "ein", "eine", "des", "auf", "sich", "auch", "es",
	"sie", "wird", "bei", "nach",
	/* French */
	"le", "la", "les", "de", "et", "en", "un", "une", "du",
	"est", "que", "qui", "dans", "pour", "pas", "sur", "au", "avec",
	"elle", "ont", "sont",
	/* Spanish, Italian, Portuguese */
	"el", "los", "las", "del", "y", "por", "con", "para", "se", "su",
	"il", "di", "e", "che", "per", "non", "della", "sono", "o", "os",
	"do", "da", "em", "um", "uma", "com",
	/* Dutch */
	"het", "een", "van", "op", "te", "dat", "zijn", "niet",
};

static int
is_function_word(const char *w, size_t n)
{
	char low[8];
	size_t i;

	if (n == 0 || n >= sizeof(low))
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)w[i] >= 0x80)
			return 0;
		low[i] = (char)((w[i] >= 'A' && w[i] <= 'Z') ? w[i] + 32 :
		    w[i]);
	}
	return para_word_in(function_words, NELEM(function_words), low, n);
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static double
squash(size_t n, double k)
{
	return (double)n / ((double)n + k);
}

/* The separators of menus and bylines: | • » · › */
static size_t
separator(const unsigned char *u, const unsigned char *end)
{
	if (*u == '|')
		return 1;
	if (end - u >= 2 && u[0] == 0xc2 && (u[1] == 0xbb || u[1] == 0xb7))
		return 2;
	if (end - u >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0xa2 || u[2] == 0xba))
		return 3;
	return 0;
}

/*
 * The signals of the paragraph p (n bytes) alone, into x; the share of
 * function words only when func is set (its weight is not 0, or for the
 * dump): the one signal that looks words up.
 */
static void
own_signals(const char *p, size_t n, int lines, int func_on, double *x)
{
	const unsigned char *u = (const unsigned char *)p, *end = u + n, *w;
	const char *line, *nl, *pend = p + n;
	size_t words = 0, letters = 0, caps = 0, func = 0, digits = 0;
	size_t chars = 0, seps = 0, nlines = 0, closed = 0, k, wl;
	int link = 0, handle = 0;

	while (u < end) {
		while (u < end && (*u == ' ' || *u == '\n'))
			u++;
		if (u == end)
			break;
		w = u;
		while (u < end && *u != ' ' && *u != '\n') {
			if (*u >= '0' && *u <= '9')
				digits++;
			if ((k = separator(u, end)) > 0) {
				seps++;
				u += k;
				continue;
			}
			if (*u == '@' && u > w && u + 1 < end && is_alnum(u[1]))
				handle = 1;	/* an e-mail */
			u++;
		}
		wl = (size_t)(u - w);
		chars += wl;
		words++;
		if (*w == '@' && wl > 1 && is_alnum(w[1]))
			handle = 1;
		if ((wl > 3 && memmem(w, wl, "://", 3) != NULL) ||
		    (wl > 4 && memcmp(w, "www.", 4) == 0))
			link = 1;
		if ((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z') ||
		    *w >= 0xc0) {
			letters++;
			caps += *w >= 'A' && *w <= 'Z';
		}
		/* the word without the marks around it */
		while (wl > 0 && !is_alnum(w[wl - 1]) && w[wl - 1] < 0x80)
			wl--;
		while (wl > 0 && !is_alnum(*w) && *w < 0x80)
			w++, wl--;
		if (func_on)
			func += is_function_word((const char *)w, wl);
	}
	for (line = p; line < pend; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(pend - line))) == NULL)
			nl = pend;
		nlines++;
		closed += para_ends_closed(line, (size_t)(nl - line));
	}
	/* the last line, which ends the paragraph */
	for (line = pend; lines && line > p && line[-1] != '\n'; line--)
		;
	if (!lines)
		line = p;
	x[F_WORDS] = squash(words, 8);
	x[F_LINES] = nlines > 1 ? squash(nlines - 1, 2) : 0;
	x[F_LINE_WORDS] = squash(words / (nlines ? nlines : 1), 8);
	x[F_SENTENCE] = para_ends_sentence(line, (size_t)(pend - line));
	x[F_CLOSED] = nlines ? (double)closed / (double)nlines : 0;
	x[F_CAPITALS] = letters ? (double)caps / (double)letters : 0;
	x[F_DIGITS] = chars ? (double)digits / (double)chars : 0;
	x[F_SEPARATORS] = squash(seps, 1);
	x[F_LINK] = link;
	x[F_HANDLE] = handle;
	x[F_FUNCTION] = words ? (double)func / (double)words : 0;
	x[F_WORD_LENGTH] = words ? squash(chars / words, 6) : 0;
	x[F_TITLE] = !lines && para_title_like(p, n);
	x[F_STAMP] = para_stamp(p, n);
	x[F_BULLET] = para_bullet(p, n) > 0;
	x[F_DATA] = (para_data_mark(p, n) & (PARA_NUMBER | PARA_VERSUS |
	    PARA_BRACKET)) != 0;
	x[F_PROSE] = para_substantial(p, n);
	x[F_COLON] = pend > line && pend[-1] == ':';	/* a lead-in */
	x[F_ATTRIBUTION] = para_attribution(p, n);
}

static uint64_t
snap_key(const char *s, size_t n)
{
	uint64_t a = 0, b = 0, k;

	memcpy(&a, s, n < 8 ? n : 8);
	memcpy(&b, s + (n < 8 ? 0 : n - 8), n < 8 ? n : 8);
	k = (uint64_t)n * 0x9E3779B97F4A7C15ULL ^ a ^ (b * 0xC2B2AE3D27D4EB4FULL);
	k ^= k >> 29;
	return k * 0xBF58476D1CE4E5B9ULL;
}

void
weigh_snap(struct weigh_snap *sn, const char *s, const struct paras *ps,
    const unsigned char *amid, size_t namid)
{
	size_t i;

	sn->n = 0;
	if (ps->n < MIN_CORE + 1)
		return;		/* weigh_cut will not look */
	if (ps->n > sn->cap) {
		sn->cap = ps->n;
		sn->key = xreallocarray(sn->key, sn->cap, sizeof(*sn->key));
		sn->gone = xreallocarray(sn->gone, sn->cap, 1);
	}
	sn->n = ps->n;
	for (i = 0; i < ps->n; i++) {
		sn->key[i] = snap_key(s + ps->v[i].off, ps->v[i].len);
		sn->gone[i] = amid != NULL && i < namid ?
		    amid[i] & (AMID_BEFORE | AMID_AFTER) : 0;
	}
}

void
weigh_snap_free(struct weigh_snap *sn)
{
	free(sn->key);
	free(sn->gone);
	free(sn->flags);
	free(sn->runlen);
	memset(sn, 0, sizeof(*sn));
}

/*
 * For each paragraph of ps, whether something an earlier step removed
 * stood right before it (bit 1) or right after it (bit 2), into gone:
 * the paragraphs now are those of the snapshot less the ones steps 7 to
 * 15 removed, each found again by its key; one that lost lines is found
 * by its place, and lost something beside it.
 */
static void
find_gone(const struct weigh_snap *sn, const char *s,
    const struct paras *ps, unsigned char *gone)
{
	size_t i, j, k, prev = SIZE_MAX, at;
	uint64_t key;

	for (j = 0; j < ps->n; j++)
		gone[j] = 0;
	if (sn == NULL || sn->n == 0)
		return;
	for (j = 0; j < ps->n; j++) {
		key = snap_key(s + ps->v[j].off, ps->v[j].len);
		i = prev == SIZE_MAX ? 0 : prev + 1;
		at = SIZE_MAX;
		for (k = i; k < sn->n && k < i + SNAP_WINDOW; k++)
			if (sn->key[k] == key) {
				at = k;
				break;
			}
		if (at == SIZE_MAX) {	/* lines went, or it is not known */
			at = i < sn->n ? i : sn->n - 1;
			gone[j] |= 3;
		}
		if (at > i) {	/* paragraphs between went */
			gone[j] |= 1;
			if (j > 0)
				gone[j - 1] |= 2;
		}
		gone[j] |= sn->gone[at];
		prev = at;
	}
	if (prev + 1 < sn->n)
		gone[ps->n - 1] |= 2;
}

/*
 * The core (weigh.h) of the n paragraphs whose prose flags are prose:
 * the first and last paragraph of its longest run, 0 if there is none.
 */
static int
find_core(const unsigned char *prose, size_t n, size_t *cs, size_t *ce)
{
	size_t i, last = SIZE_MAX, rs = 0, rn = 0, best = 0;

	for (i = 0; i < n; i++) {
		if (!prose[i])
			continue;
		if (last == SIZE_MAX || i - last > CORE_GAP) {
			rs = i;
			rn = 0;
		}
		rn++;
		last = i;
		if (rn > best) {
			best = rn;
			*cs = rs;
			*ce = i;
		}
	}
	return best > 0;
}

/* Where a unit stands: before the core, inside it, after it. */
enum { AT_BEFORE = 1, AT_INSIDE = 2, AT_AFTER = 4 };

static const char *
at_name(int at)
{
	return at == AT_BEFORE ? "before" : at == AT_INSIDE ? "inside" :
	    "after";
}

static void
dump_line(FILE *dump, const char *source, const char *p, size_t n, int at,
    const double *x, double z, struct buf *tmp)
{
	size_t k;

	buf_reset(tmp);
	buf_add(tmp, "{\"source\":", 10);
	if (source != NULL)
		json_encode_string(tmp, source, strlen(source));
	else
		buf_add(tmp, "null", 4);
	buf_add(tmp, ",\"at\":\"", 7);
	buf_adds(tmp, at_name(at));
	buf_add(tmp, "\",\"text\":", 9);
	json_encode_string(tmp, p, n);
	buf_add(tmp, ",\"x\":[", 6);
	for (k = 0; k < NFEAT; k++) {
		if (k > 0)
			buf_addc(tmp, ',');
		json_add_real(tmp, x[k], 4);
	}
	buf_add(tmp, "],\"z\":", 6);
	json_add_real(tmp, z, 4);
	buf_add(tmp, "}\n", 2);
	fwrite(tmp->s, 1, tmp->len, dump);
}

/*
 * Is the paragraph p (n bytes; lines: holding a '\n') prose for the
 * core?  A paragraph of lines that is not wrapped prose (a box: a list of
 * links, a byline over its date) is when one of its lines is: its words
 * summed are not a sentence.
 */
static int
core_prose(const char *p, size_t n, int lines)
{
	if (!lines || para_hard_wrapped(p, n))
		return para_substantial(p, n);
	return para_some_line(p, n, para_substantial);
}


/*
 * Is the last paragraph of ps prose, and its run (find_core) so long,
 * read back from the end, that no run before it can be as long: then it
 * is the core, nothing follows it, and the paragraphs before it need not
 * be read (most news items: every paragraph prose).  Otherwise prose[k]
 * holds the prose flags read from *from on.
 */
static int
last_run_core(const char *s, const struct paras *ps, unsigned char *prose,
    size_t *from)
{
	size_t k, last = SIZE_MAX, run = 0;

	*from = ps->n;
	for (k = ps->n; k-- > 0; ) {
		prose[k] = (unsigned char)core_prose(s + ps->v[k].off,
		    ps->v[k].len, ps->v[k].lines);
		*from = k;
		if (prose[k]) {
			last = k;
			/* a run before it ends before k - 2: k - 2 at most */
			if (++run + 2 > k)
				return 1;
		} else if (last == SIZE_MAX || last - k >= CORE_GAP)
			break;	/* after the last prose, or the run ended */
	}
	return 0;
}

/*
 * The shape of a neighbour p (n bytes) into x at prose, sentence, words;
 * its marks of a list item are added to *marks.
 */
static void
neighbour(const char *p, size_t n, int prose, double *x, int fprose,
    int fsentence, int fwords, unsigned *marks)
{
	*marks |= para_data_mark(p, n) & LIST_MARKS;
	x[fprose] = prose;
	x[fsentence] = para_ends_sentence(p, n);
	x[fwords] = squash(para_words(p, n, 64), 8);
}

/*
 * The runs of paragraphs that are not prose, between those that are:
 * each one's length into runlen (1 for prose), and list[i] set for each
 * paragraph of a run that makes a list or a table: two paragraphs or
 * more holding the same mark of a list's item (a number, " v ", a
 * bracket: fixtures and results, the winners of awards with their
 * categories in brackets, a venue over its date and time), two thirds
 * of them or more holding commas (firms with their places), or two lines
 * or more after a lead-in ending in ':', before the run or in it ("she
 * must:" over the terms of a sentence).  Such a
 * run is content, as the tail and the head read it (runs.c), and not
 * weighed.
 */
static int
ends_colon(const char *p, size_t n)
{
	return n > 0 && p[n - 1] == ':';
}

static void
find_runs(const char *s, const struct paras *ps, const unsigned char *prose,
    unsigned char *list, size_t *runlen)
{
	const char *p;
	size_t i, j, k, n, lines, count[4];
	unsigned m;
	int led;

	for (i = 0; i < ps->n; i = k) {
		if (prose[i]) {
			runlen[i] = 1;
			k = i + 1;
			continue;
		}
		/*
		 * announced: "The newly selected five are:" before the run
		 * or in it; led counts the lines after the lead-in.
		 */
		led = i > 0 && ends_colon(s + ps->v[i - 1].off,
		    ps->v[i - 1].len) ? 0 : -1;
		memset(count, 0, sizeof(count));
		for (k = i, lines = 0; k < ps->n && !prose[k]; k++) {
			p = s + ps->v[k].off;
			n = ps->v[k].len;
			m = para_data_mark(p, n);
			count[0] += (m & PARA_NUMBER) != 0;
			count[1] += (m & PARA_VERSUS) != 0;
			count[2] += (m & PARA_BRACKET) != 0;
			count[3] += (m & PARA_COMMA) != 0;
			lines = 1;
			if (ps->v[k].lines)
				while ((p = memchr(p, '\n', n - (size_t)(p -
				    (s + ps->v[k].off)))) != NULL) {
					lines++;
					p++;
				}
			if (led >= 0)
				led += (int)lines;
			if (led < 0 && ends_colon(s + ps->v[k].off, n))
				led = 0;
		}
		for (j = i; j < k; j++) {
			runlen[j] = k - i;
			list[j] = count[0] >= 2 || count[1] >= 2 ||
			    count[2] >= 2 || (count[3] >= 2 &&
			    count[3] * 3 >= (k - i) * 2) || led >= 2;
		}
	}
}

/*
 * Is p (n bytes) an item of a list that what follows may end: short,
 * done (it ends closed or holds no letter: "8,200", "Byrne 33."), with a
 * mark of a list's item?  A match's attendance over its referee's name,
 * a count over its label: the line after it is the list's, not the page's.
 */
static int
list_end(const char *p, size_t n)
{
	return para_words(p, n, LIST_END_WORDS + 1) <= LIST_END_WORDS &&
	    (para_data_mark(p, n) & LIST_MARKS) != 0 &&
	    (para_ends_closed(p, n) || !para_has_letter(p, n));
}

/* Does p (n bytes) end in a dash, a hyphen or an en or em dash? */
static int
ends_dash(const char *p, size_t n)
{
	return (n >= 1 && p[n - 1] == '-') || (n >= 3 &&
	    memcmp(p + n - 3, "\xe2\x80", 2) == 0 &&
	    (p[n - 1] == '\x93' || p[n - 1] == '\x94'));
}

/*
 * Does paragraph i of ps (prose: which are prose) run on from the one
 * before it or into the one after it: the rest of a sentence a link
 * broke out of its paragraph, speech broken off with a dash, or
 * a line of prose wrapped at a fixed width whose every line became a
 * paragraph (newswire converted line by line)?  Either way it is a piece
 * of a sentence, not furniture.
 */
static int
wrapped(const char *s, const struct paras *ps, const unsigned char *prose,
    size_t i)
{
	const struct para_span *v = ps->v;

	if (i > 0 && prose[i - 1] && !para_ends_closed(s + v[i - 1].off,
	    v[i - 1].len))
		return 1;	/* "... McCreadie told the" */
	if (i + 1 < ps->n && v[i + 1].len > 0 &&
	    memchr(".,;:)", s[v[i + 1].off], 5) != NULL)
		return 1;	/* ". ''We want an explanation." */
	if (ends_dash(s + v[i].off, v[i].len))
		return 1;	/* "Well \u2014": speech broken off */
	return (i > 0 && para_continues(s + v[i - 1].off, v[i - 1].len,
	    s + v[i].off, v[i].len)) || (i + 1 < ps->n &&
	    para_continues(s + v[i].off, v[i].len, s + v[i + 1].off,
	    v[i + 1].len));
}

/*
 * Is the text of ps lines of prose wrapped at a fixed width, each made
 * a paragraph (newswire converted line by line, a plain-text export):
 * half of its paragraphs or more long lines (WRAP_BYTES) that end open
 * and no sentence?  Its lines are pieces of sentences, its short ones
 * too ("Congress.", "Chrysler Corp <C>."): the step leaves it alone.
 */
static int
wrapped_text(const char *s, const struct paras *ps)
{
	size_t i, open = 0;

	for (i = 0; i < ps->n; i++)
		open += !ps->v[i].lines && ps->v[i].len >= WRAP_BYTES &&
		    !para_ends_closed(s + ps->v[i].off, ps->v[i].len);
	return open * 2 >= ps->n;
}

/* A piece the step cut, in order: off from the text's start, len bytes. */
struct piece {
	size_t	off, len;
};

struct weighing {
	const struct weights *w;
	FILE		*dump;
	const char	*source;
	struct buf	*tmp;
	struct piece	*cut;
	size_t		 ncut, capcut;
};

/*
 * Weigh one unit p (n bytes) whose signals x holds but its own; marks
 * are those of its neighbours.  An item of a list, sharing a mark of
 * data with a neighbour (fixtures, results, dates of a tour, a recipe's
 * amounts), is content and never weighed, whatever the weights say:
 * the labelled data holds too few lists to teach that.
 */
static void
weigh_unit(struct weighing *g, const char *s, const char *p, size_t n,
    int lines, int at, double *x, unsigned marks)
{
	double z = 0;
	size_t k;

	if (n == 0 || (para_data_mark(p, n) & marks))
		return;
	own_signals(p, n, lines, g->dump != NULL ||
	    g->w->w[F_FUNCTION] != 0, x);
	if (g->w != NULL) {
		z = g->w->bias;
		for (k = 0; k < NFEAT; k++)
			z += g->w->w[k] * x[k];
	}
	if (g->dump != NULL)
		dump_line(g->dump, g->source, p, n, at, x, z, g->tmp);
	else if (at == AT_AFTER && z >= g->w->cut) {
		g->cut = xroom(g->cut, &g->capcut, g->ncut + 1,
		    sizeof(*g->cut));
		g->cut[g->ncut].off = (size_t)(p - s);
		g->cut[g->ncut++].len = n;
	}
}

/*
 * Keep the paragraph p (n bytes) at off in tmp but for the pieces cut
 * from *next on (which it passes), recording those in rm.
 */
static void
keep_but_cut(const struct weighing *g, size_t *next, const char *p,
    size_t off, size_t n, struct buf *tmp, struct removal_list *rm)
{
	const char *line, *nl, *end = p + n;
	size_t len, at;
	int first = 1;

	if (*next == g->ncut || g->cut[*next].off >= off + n) {
		shape_keep(tmp, p, n);
		return;
	}
	for (line = p; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		len = (size_t)(nl - line);
		at = off + (size_t)(line - p);
		if (*next < g->ncut && g->cut[*next].off == at) {
			removal_add(rm, "weigh", "heuristic", line,
			    g->cut[*next].len);
			nl = line + g->cut[*next].len;	/* a whole paragraph */
			if (nl > end)
				nl = end;
			(*next)++;
			continue;
		}
		if (first)
			shape_keep(tmp, line, len);
		else {
			buf_addc(tmp, '\n');
			buf_add(tmp, line, len);
		}
		first = 0;
	}
}

void
weigh_cut(const struct weights *w, struct weigh_snap *snap,
    struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp, FILE *dump,
    const char *source)
{
	const char *s = out->s + start, *p, *line, *nl, *end, *pl;
	struct weighing g;
	unsigned char *prose, *gone, *list;
	double x[NFEAT];
	size_t i, n, cs = 0, ce = 0, nlines, next, from = 0, *runlen;
	unsigned marks;
	int box, at, where;

	if (ps->n < MIN_CORE + 1 || (w == NULL && dump == NULL))
		return;		/* no core with something after it */
	memset(&g, 0, sizeof(g));
	g.w = w;
	g.dump = dump;
	g.source = source;
	g.tmp = tmp;
	if (ps->n > snap->capflags) {
		snap->capflags = ps->n;
		snap->flags = xreallocarray(snap->flags, ps->n, 3);
		snap->runlen = xreallocarray(snap->runlen, ps->n,
		    sizeof(*snap->runlen));
	}
	prose = snap->flags;
	gone = prose + ps->n;
	list = gone + ps->n;
	runlen = snap->runlen;
	memset(list, 0, ps->n);
	/* the dump, for training, holds the units of every place */
	where = dump != NULL ? AT_BEFORE | AT_INSIDE | AT_AFTER : AT_AFTER;
	if (last_run_core(s, ps, prose, &from) && where == AT_AFTER)
		goto done;	/* nothing follows the core */
	for (i = 0; i < from; i++)
		prose[i] = (unsigned char)core_prose(s + ps->v[i].off,
		    ps->v[i].len, ps->v[i].lines);
	if (!find_core(prose, ps->n, &cs, &ce) || ce - cs + 1 < MIN_CORE ||
	    (ce + 1 == ps->n && where == AT_AFTER) || wrapped_text(s, ps))
		goto done;	/* too little story, nothing after it, wrapped */
	find_gone(snap, s, ps, gone);
	find_runs(s, ps, prose, list, runlen);
	for (i = (where & AT_BEFORE) ? 0 : (where & AT_INSIDE) ? cs : ce + 1;
	    i < ps->n; i++) {
		at = i < cs ? AT_BEFORE : i <= ce ? AT_INSIDE : AT_AFTER;
		if (!(at & where) || (at == AT_INSIDE && prose[i]))
			continue;	/* the story's own prose */
		p = s + ps->v[i].off;
		n = ps->v[i].len;
		end = p + n;
		box = ps->v[i].lines && !para_hard_wrapped(p, n);
		memset(x, 0, sizeof(x));
		x[F_DISTANCE] = squash(at == AT_BEFORE ? cs - i : at ==
		    AT_AFTER ? i - ce : 0, 2);
		if (list[i] || (i > 0 && list_end(s + ps->v[i - 1].off,
		    ps->v[i - 1].len)))
			continue;	/* a list or table: content */
		if (wrapped(s, ps, prose, i))
			continue;	/* a piece of a sentence */
		if (i + 1 < ps->n && shape_data_block(s + ps->v[i + 1].off,
		    ps->v[i + 1].len))
			continue;	/* the heading of a table, a show's box */
		x[F_RUN] = squash(runlen[i], 2);
		x[F_CORE] = squash(ce - cs + 1, 5);
		x[F_EDGE] = at == AT_BEFORE ? i == 0 : i + 1 == ps->n;
		if (!box) {
			marks = 0;
			if (i > 0)
				neighbour(s + ps->v[i - 1].off,
				    ps->v[i - 1].len, prose[i - 1], x,
				    F_PREV_PROSE, F_PREV_SENTENCE, F_PREV_WORDS,
				    &marks);
			if (i + 1 < ps->n)
				neighbour(s + ps->v[i + 1].off,
				    ps->v[i + 1].len, prose[i + 1], x,
				    F_NEXT_PROSE, F_NEXT_SENTENCE,
				    F_NEXT_WORDS, &marks);
			x[F_PREV_GONE] = (gone[i] & 1) != 0;
			x[F_NEXT_GONE] = (gone[i] & 2) != 0;
			weigh_unit(&g, s, p, n, ps->v[i].lines, at, x, marks);
			continue;
		}
		/*
		 * A box of lines: each line is weighed, its neighbours the
		 * lines beside it (or the paragraphs, at its ends).
		 */
		for (nlines = 1, line = p; (line = memchr(line, '\n',
		    (size_t)(end - line))) != NULL; line++)
			nlines++;
		for (pl = NULL, line = p; line < end; pl = line, line = nl + 1) {
			if ((nl = memchr(line, '\n', (size_t)(end - line))) ==
			    NULL)
				nl = end;
			n = (size_t)(nl - line);
			marks = 0;
			x[F_PREV_PROSE] = x[F_NEXT_PROSE] = 0;
			x[F_PREV_SENTENCE] = x[F_NEXT_SENTENCE] = 0;
			x[F_PREV_WORDS] = x[F_NEXT_WORDS] = 0;
			if (pl != NULL)
				neighbour(pl, (size_t)(line - 1 - pl),
				    para_substantial(pl, (size_t)(line - 1 -
				    pl)), x, F_PREV_PROSE, F_PREV_SENTENCE,
				    F_PREV_WORDS, &marks);
			else if (i > 0)
				neighbour(s + ps->v[i - 1].off,
				    ps->v[i - 1].len, prose[i - 1], x,
				    F_PREV_PROSE, F_PREV_SENTENCE,
				    F_PREV_WORDS, &marks);
			if (nl < end) {
				const char *nn = memchr(nl + 1, '\n',
				    (size_t)(end - nl - 1));

				if (nn == NULL)
					nn = end;
				neighbour(nl + 1, (size_t)(nn - nl - 1),
				    para_substantial(nl + 1, (size_t)(nn - nl -
				    1)), x, F_NEXT_PROSE, F_NEXT_SENTENCE,
				    F_NEXT_WORDS, &marks);
			} else if (i + 1 < ps->n)
				neighbour(s + ps->v[i + 1].off,
				    ps->v[i + 1].len, prose[i + 1], x,
				    F_NEXT_PROSE, F_NEXT_SENTENCE,
				    F_NEXT_WORDS, &marks);
			x[F_PREV_GONE] = line == p && (gone[i] & 1) != 0;
			x[F_NEXT_GONE] = nl == end && (gone[i] & 2) != 0;
			x[F_BOX] = squash(nlines, 2);
			weigh_unit(&g, s, line, n, 0, at, x, marks);
		}
	}
	if (g.ncut == 0)
		goto done;
	buf_reset(tmp);
	for (i = 0, next = 0; i < ps->n; i++)
		keep_but_cut(&g, &next, s + ps->v[i].off, ps->v[i].off,
		    ps->v[i].len, tmp, rm);
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
done:
	free(g.cut);
}

struct loading {
	struct weights	*w;
};

static const char *
weights_line(void *arg, char *line, char *msg, size_t msglen)
{
	struct weights *w = ((struct loading *)arg)->w;
	char *name = line, *num, *end;
	double v;
	size_t k;

	while (*name == ' ' || *name == '\t')
		name++;
	num = name + strcspn(name, " \t");
	if (*num == '\0')
		return "want \"name number\"";
	*num++ = '\0';
	errno = 0;
	v = strtod(num, &end);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == num || *end != '\0' || errno != 0 || v != v)
		return "bad number";
	if (strcmp(name, "bias") == 0)
		k = NFEAT, w->bias = v;
	else if (strcmp(name, "cut") == 0)
		k = NFEAT + 1, w->cut = v;
	else {
		for (k = 0; k < NFEAT && strcmp(names[k], name) != 0; k++)
			;
		if (k == NFEAT) {
			snprintf(msg, msglen, "no signal called %.40s", name);
			return msg;
		}
		w->w[k] = v;
	}
	if (w->given[k]) {
		snprintf(msg, msglen, "%.40s given twice", name);
		return msg;
	}
	w->given[k] = 1;
	return NULL;
}

struct weights *
weights_load(const char *path, struct buf *err)
{
	struct loading l;
	size_t k;

	l.w = xcalloc(1, sizeof(*l.w));
	if (linefile_load(path, err, weights_line, &l) != 0) {
		free(l.w);
		return NULL;
	}
	for (k = 0; k < NFEAT + 2; k++)
		if (!l.w->given[k]) {
			buf_printf(err, "%s: %s not given", path, k < NFEAT ?
			    names[k] : k == NFEAT ? "bias" : "cut");
			free(l.w);
			return NULL;
		}
	return l.w;
}

void
weights_free(struct weights *w)
{
	free(w);
}
