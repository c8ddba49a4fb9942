/*
 * extract.c - see extract.h.
 *
 * The scoring follows Mozilla's Readability (itself after Arc90's), which
 * has held up on the web's variety for a decade: paragraphs give points
 * to their parent, half as many to the grandparent and fewer further up;
 * a candidate starts from its tag and its class, and its total is cut by
 * the share of its text that is links.  What differs: every pass is a
 * loop over the flat tree (dom.h), so no page can make it recurse; text
 * directly inside a <div> beside other blocks counts as a paragraph of
 * that <div> without rewriting the tree; and furniture found by class is
 * removed only after a first scoring, never from an ancestor of the
 * article that pass found (a page wrapped whole in <div
 * class="page-menu-open"> or <form id="aspnetForm"> keeps its article).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/json.h"
#include "base/util.h"
#include "split/extract.h"

/* Paragraphs shorter than this (characters) score nothing. */
#define MIN_PARA	25
/* A line of a <br> paragraph this long (characters) is prose. */
#define PARA_LINE	100
/* Candidates kept to look for a common ancestor (Readability's 5). */
#define NTOP		5
#ifndef RECALL_LEVELS
#define RECALL_LEVELS	2
#endif

/* Per-node flags. */
#define F_JUNK		0x01	/* never content, with its subtree */
#define F_BLOCK		0x02	/* a block-level element */
#define F_HASBLOCK	0x04	/* has a block-level descendant */
#define F_KEEP		0x08	/* never furniture by class: the article */
#define F_LINK		0x10	/* inside an <a> */
#define F_INART		0x20	/* inside <article>, <main> or <section> */
#define F_DONE		0x40	/* written already (lede): not again */

struct extract {
	size_t		 cap;
	uint8_t		*flag;
	uint32_t	*tlen;		/* characters of text in the subtree */
	uint32_t	*llen;		/* of which inside links */
	uint32_t	*itext;		/* text not under a nested block */
	uint32_t	*ilink;
	uint32_t	*ipunct;	/* commas and sentence ends in itext */
	uint32_t	*tchars, *tpunct;	/* of each text node */
	bool		 counted;	/* tchars and tpunct hold this page's */
	float		*score;
	uint8_t		*scored;	/* score holds the initial weight */
	uint8_t		*kinds;		/* element_kinds' answers */
	size_t		 top[NTOP];	/* the best candidates, best first */
	size_t		 ntop;
	size_t		 head;		/* the headline's heading, or 0 */
	bool		 held;		/* held_prose boxes are content */
	bool		 cards;		/* teaser paragraphs do not score */
	size_t		 nteaser;	/* teaser paragraphs passed over */
	struct buf	*caps;		/* where captions go, or NULL */
	struct buf	*why;		/* what was left out, or NULL */
	struct buf	 blk;		/* the block being written */
	struct buf	 tmp, said;
};

/* count_text's table of bytes, made by the first extract_new. */
static uint8_t count_class[256];
static void make_count_class(void);

struct extract *
extract_new(void)
{
	if (count_class['a'] == 0)
		make_count_class();
	return xcalloc(1, sizeof(struct extract));
}

void
extract_free(struct extract *x)
{
	if (x == NULL)
		return;
	free(x->flag);
	free(x->tlen);
	free(x->llen);
	free(x->itext);
	free(x->ilink);
	free(x->ipunct);
	free(x->tchars);
	free(x->tpunct);
	free(x->score);
	free(x->scored);
	free(x->kinds);
	buf_free(&x->blk);
	buf_free(&x->tmp);
	buf_free(&x->said);
	free(x);
}

static void
room(struct extract *x, size_t n)
{
	if (n <= x->cap)
		return;
	x->cap = n + n / 2;
	x->flag = xreallocarray(x->flag, x->cap, sizeof(*x->flag));
	x->tlen = xreallocarray(x->tlen, x->cap, sizeof(*x->tlen));
	x->llen = xreallocarray(x->llen, x->cap, sizeof(*x->llen));
	x->itext = xreallocarray(x->itext, x->cap, sizeof(*x->itext));
	x->ilink = xreallocarray(x->ilink, x->cap, sizeof(*x->ilink));
	x->ipunct = xreallocarray(x->ipunct, x->cap, sizeof(*x->ipunct));
	x->tchars = xreallocarray(x->tchars, x->cap, sizeof(*x->tchars));
	x->tpunct = xreallocarray(x->tpunct, x->cap, sizeof(*x->tpunct));
	x->score = xreallocarray(x->score, x->cap, sizeof(*x->score));
	x->scored = xreallocarray(x->scored, x->cap, sizeof(*x->scored));
	x->kinds = xreallocarray(x->kinds, x->cap, sizeof(*x->kinds));
}

/* ---- what a tag is ------------------------------------------------- */

/*
 * Never content, wherever they are.  (<nav>, <aside>, <menu> and the
 * page's <header> and <footer> are furniture too, but a page whose
 * <header> the parser never saw closed would lose everything in it: they
 * go with the furniture found by class, after the first scoring.)
 */
static bool
junk_tag(enum dom_tag t)
{
	switch (t) {
	case DOM_SCRIPT: case DOM_STYLE: case DOM_NOSCRIPT:
	case DOM_TEMPLATE: case DOM_IFRAME: case DOM_SVG: case DOM_MATH:
	case DOM_BUTTON: case DOM_SELECT: case DOM_TEXTAREA: case DOM_INPUT:
	case DOM_OBJECT: case DOM_EMBED: case DOM_CANVAS: case DOM_VIDEO:
	case DOM_AUDIO: case DOM_MAP: case DOM_HEAD: case DOM_TITLE:
	case DOM_META: case DOM_LINK: case DOM_BASE: case DOM_DIALOG:
	case DOM_FRAME:
	case DOM_FRAMESET: case DOM_NOFRAMES: case DOM_OPTION:
	case DOM_LABEL: case DOM_LEGEND:
		return true;
	default:
		return false;
	}
}

/* Elements that do not break a line: everything else is a block. */
static bool
inline_tag(enum dom_tag t)
{
	switch (t) {
	case DOM_TEXT: case DOM_A: case DOM_B: case DOM_CITE: case DOM_CODE:
	case DOM_DEL: case DOM_EM: case DOM_FONT: case DOM_I: case DOM_IMG:
	case DOM_INS: case DOM_MARK: case DOM_PICTURE: case DOM_Q: case DOM_S:
	case DOM_SMALL: case DOM_SPAN: case DOM_STRONG: case DOM_SUB:
	case DOM_SUP: case DOM_TIME: case DOM_U: case DOM_BR: case DOM_LABEL:
	case DOM_PHRASE:
		return true;
	default:
		return false;
	}
}

static bool
heading(enum dom_tag t)
{
	return t >= DOM_H1 && t <= DOM_H6;
}

/* ---- class, id and role ---------------------------------------------- */

/*
 * Words of a class or id: runs of ASCII letters and digits, split at
 * '-', '_', spaces and at a capital after a small letter ("shareBar" is
 * "share" "bar"), compared in lower case.  A word names furniture when it
 * is one of the words below, or begins with one of the stems ("sharing",
 * "share-buttons", "socialmedia"; but "ad" must be whole: "add" and
 * "adult" are not adverts).  Some words always mean furniture (share,
 * comments, newsletter, ...); some usually do (ads, promo, related,
 * author, placeholder, ...), but not on an element holding prose (a
 * site's "section--ads" may be a section of the article with an advert
 * slot in it; a journal's "author-guidelines" are its text, a byline is
 * a line); weak ones ("sidebar", "footer", ...) neither on prose nor
 * when a word of the same class or id says article ("l-sidebar-fixed
 * l-article-body"), as in Readability.  A word that begins "subscriber"
 * usually names furniture ("subscriber-cta"), but the paid part of a
 * story is set in "subscriber-only" or "subscriber-content" boxes; the
 * other words of "subscri" (subscribe, subscription) always do.
 */
static const char *const always_stems[] = {
	"breadcrumb", "byline", "comment", "consent", "cookie", "disqus",
	"navbar", "navig", "newsletter", "outbrain", "popup",
	"share", "sharing", "signup", "social", "subscri", "taboola",
	"toolbar",
};
static const char *const always_words[] = {
	"nav", "tags", "modal", "pager",
	"pagination", "login", "skip", "gdpr", "topnav", "subnav", "print",
	"rating",
};
static const char *const usually_stems[] = {
	"advert", "paywall", "promo", "recommend", "related", "sponsor",
};
static const char *const usually_words[] = {
	"ad", "ads", "adv", "author", "authors", "autor", "placeholder",
};
static const char *const weak_stems[] = {
	"banner", "footer", "masthead", "menu", "sidebar", "widget",
};
static const char *const weak_words[] = {
	"hidden", "hide", "meta", "more", "sticky", "overlay",
};
static const char *const good_words[] = {
	"article", "articlebody", "body", "content", "entry", "hentry",
	"main", "post", "text", "blog", "story", "artikel", "beitrag",
	"inhalt", "news", "detail", "single", "prose", "richtext",
};

enum { W_NONE, W_GOOD, W_WEAK, W_USUALLY, W_ALWAYS };

/* Words whose run begins with a stem but is not furniture. */
static bool
false_stem(const char *w, size_t n)
{
	/* "commentary" is an opinion piece */
	return n >= 10 && strncmp(w, "commentary", 10) == 0;
}

static bool
in_list(const char *w, size_t n, const char *const *list, size_t nlist,
    bool stems)
{
	size_t i, k;

	for (i = 0; i < nlist; i++) {
		k = strlen(list[i]);
		if (stems ? n >= k && memcmp(w, list[i], k) == 0 &&
		    !false_stem(w, n) : k == n && memcmp(w, list[i], n) == 0)
			return true;
	}
	return false;
}

static int
word_kind(const char *w, size_t n)
{
	/*
	 * "subscriber-only", "subscriber-content": the story's paid part, as
	 * "paywall" may be; "subscribe", "subscription" are a call to pay
	 */
	if (n >= 10 && memcmp(w, "subscriber", 10) == 0)
		return W_USUALLY;
	if (in_list(w, n, always_words, NELEM(always_words), false) ||
	    in_list(w, n, always_stems, NELEM(always_stems), true))
		return W_ALWAYS;
	if (in_list(w, n, usually_words, NELEM(usually_words), false) ||
	    in_list(w, n, usually_stems, NELEM(usually_stems), true))
		return W_USUALLY;
	if (in_list(w, n, weak_words, NELEM(weak_words), false) ||
	    in_list(w, n, weak_stems, NELEM(weak_stems), true))
		return W_WEAK;
	if (in_list(w, n, good_words, NELEM(good_words), false))
		return W_GOOD;
	return W_NONE;
}

/*
 * The next word of a class or id s from *i on, in lower case, into w:
 * its length, 0 at the end of s; longer words than w are skipped.
 */
static size_t
class_word(const char *s, size_t n, size_t *i, char w[48])
{
	size_t k;

	while (*i < n) {
		k = 0;
		while (*i < n && !((s[*i] >= 'a' && s[*i] <= 'z') ||
		    (s[*i] >= 'A' && s[*i] <= 'Z') || (s[*i] >= '0' &&
		    s[*i] <= '9')))
			(*i)++;
		while (*i < n && ((s[*i] >= 'a' && s[*i] <= 'z') ||
		    (s[*i] >= 'A' && s[*i] <= 'Z') || (s[*i] >= '0' &&
		    s[*i] <= '9'))) {
			if (k > 0 && s[*i] >= 'A' && s[*i] <= 'Z' &&
			    s[*i - 1] >= 'a' && s[*i - 1] <= 'z')
				break;
			if (k < 48)
				w[k] = s[*i] >= 'A' && s[*i] <= 'Z' ?
				    (char)(s[*i] | 0x20) : s[*i];
			k++;
			(*i)++;
		}
		if (k > 0 && k <= 48)
			return k;
	}
	return 0;
}

/* Count the strong, weak and good words of s. */
static void
class_words(const char *s, size_t n, int count[5])
{
	char w[48];
	size_t i = 0, k;

	while ((k = class_word(s, n, &i, w)) > 0)
		count[word_kind(w, k)]++;
}

/*
 * Is id s (n bytes) a blog's jump break, "more" or "more-" and digits:
 * the anchor a front page's "read more" link jumps to, set where the
 * story goes on past its teaser (Blogger's, WordPress's #more-123)?
 * What it marks is the story, whatever "more" says elsewhere.
 */
static bool
jump_target(const char *s, size_t n)
{
	size_t k;

	if (n < 4 || strncasecmp(s, "more", 4) != 0)
		return false;
	if (n == 4)
		return true;
	if (n == 5 || s[4] != '-')
		return false;
	for (k = 5; k < n; k++)
		if (s[k] < '0' || s[k] > '9')
			return false;
	return true;
}

/* A bit of element_kinds' answer: some word of the class or id is kind w. */
#define K(w)		(1u << (w))
#define K_DONE		0x80	/* x->kinds[i] holds the answer */

/*
 * Which kinds of words the class and id of element i have (the K bits).
 * Kept a page long: the scorings and the furniture passes ask of the same
 * elements several times.
 */
static unsigned
element_kinds(struct extract *x, const struct dom *d, size_t i)
{
	const char *s;
	size_t n, w;
	int count[5] = { 0, 0, 0, 0, 0 };
	unsigned k = K_DONE;

	if (x->kinds[i] & K_DONE)
		return x->kinds[i];
	if ((s = dom_attr(d, i, DA_CLASS, &n)) != NULL)
		class_words(s, n, count);
	if ((s = dom_attr(d, i, DA_ID, &n)) != NULL && !jump_target(s, n))
		class_words(s, n, count);
	for (w = W_GOOD; w <= W_ALWAYS; w++)
		if (count[w] > 0)
			k |= K(w);
	x->kinds[i] = (uint8_t)k;
	return k;
}

/*
 * Prose: text of some length that is not mostly links (by the statistics
 * of the first scoring, made before furniture by class was taken out).
 */
static bool
prose(const struct extract *x, size_t i)
{
	return x->tlen[i] >= 400 && x->llen[i] * 3 < x->tlen[i];
}

/*
 * Roles that name furniture.  A tablist usually is a row of tabs, but
 * Bootstrap's accordion (a "panel-group" of role tablist) holds its
 * panels, text and all: it is furniture only when it holds no prose.
 */
static bool
junk_role(const struct extract *x, const struct dom *d, size_t i)
{
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary",
		"search", "menu", "menubar", "dialog", "alertdialog",
		"toolbar", "button",
	};
	const char *v;
	size_t k, n;

	if ((v = dom_attr(d, i, DA_ROLE, &n)) == NULL)
		return false;
	for (k = 0; k < NELEM(roles); k++)
		if (dom_value_is(v, n, roles[k]))
			return true;
	return dom_value_is(v, n, "tablist") && !prose(x, i);
}

/* Hidden from a reader: hidden, aria-hidden="true", display:none. */
static bool
hidden(const struct dom *d, size_t i)
{
	const char *s;
	size_t n, k;

	if (dom_has_attr(d, i, DA_HIDDEN) || dom_attr_is(d, i, DA_ARIA_HIDDEN,
	    "true"))
		return true;
	if ((s = dom_attr(d, i, DA_STYLE, &n)) == NULL)
		return false;
	for (k = 0; k + 12 <= n; k++)
		if ((s[k] == 'd' || s[k] == 'v') && (strncasecmp(s + k,
		    "display:none", 12) == 0 || strncasecmp(s + k,
		    "display: none", 13) == 0 || strncasecmp(s + k,
		    "visibility:hidden", 17) == 0 || strncasecmp(s + k,
		    "visibility: hidden", 18) == 0))
			return true;
	return false;
}

/*
 * A <noscript> or <template> that holds two paragraphs or more, and 200
 * bytes of text: maybe the article a script puts in place (a lazy
 * loader's fallback, the rest of a story behind "read more"), not a note
 * that scripts are off, a tracking pixel or a template of placeholders.
 * Such boxes are content only on a page whose shown article is a stub
 * (extract_text): a template of a newsletter's box holds paragraphs too.
 */
static bool
held_prose(const struct dom *d, size_t i)
{
	size_t j, np = 0, text = 0;

	for (j = i + 1; j < d->node[i].end; j++)
		if (d->node[j].tag == DOM_P)
			np++;
		else if (d->node[j].tag == DOM_TEXT)
			text += d->node[j].len;
	return np >= 2 && text >= 200;
}

/* Does text node t hold more than white space? */
static bool
has_words(const struct dom *d, size_t t)
{
	const char *s = d->text.s + d->node[t].off;
	size_t k;

	for (k = 0; k < d->node[t].len; k++)
		if ((unsigned char)s[k] > ' ')
			return true;
	return false;
}

/*
 * Does text node t hold only white space and no-break spaces (the
 * "&nbsp;" between two <br>s of an old page)?
 */
static bool
blank(const struct dom *d, size_t t)
{
	const unsigned char *s;
	size_t k, n = d->node[t].len;

	s = (const unsigned char *)d->text.s + d->node[t].off;
	for (k = 0; k < n; k++)
		if (s[k] == 0xC2 && k + 1 < n && s[k + 1] == 0xA0)
			k++;
		else if (s[k] > ' ')
			return false;
	return true;
}

/*
 * A pull quote: an <aside> that sets a line of the story apart as a
 * quotation, as the HTML standard's own example of <aside> does.  All its
 * words are inside <q> or <blockquote>, or its class says so
 * ("pullquote", "pull-quote"), and it holds no link: a box of related
 * stories, a promo or an embedded post has links.  It is the article's
 * text, as a pull quote set in a <div> is.
 */
static bool
pull_quote(const struct dom *d, size_t i)
{
	const char *s;
	char w[48];
	size_t j, p, n, k, at = 0;
	bool words = false, quoted = true, q, pull = false, cls = false;

	for (j = i + 1; j < d->node[i].end; j++) {
		if (d->node[j].tag == DOM_A)
			return false;
		if (d->node[j].tag != DOM_TEXT || !has_words(d, j))
			continue;
		words = true;
		q = false;
		for (p = d->node[j].parent; p != i; p = d->node[p].parent)
			if (d->node[p].tag == DOM_Q ||
			    d->node[p].tag == DOM_BLOCKQUOTE)
				q = true;
		quoted = quoted && q;
	}
	if (!words || quoted)
		return words;
	if ((s = dom_attr(d, i, DA_CLASS, &n)) == NULL)
		return false;
	while (!cls && (k = class_word(s, n, &at, w)) > 0) {
		cls = (k == 9 && memcmp(w, "pullquote", 9) == 0) ||
		    (pull && k == 5 && memcmp(w, "quote", 5) == 0);
		pull = k == 4 && memcmp(w, "pull", 4) == 0;
	}
	return cls;
}

/*
 * A fact box: an <aside> inside an <article> that sets the story's own
 * figures or points apart as a list, a table or a list of terms (two
 * items or more: "Height: 42 metres", "Cost: 6.2 million"), with no link
 * and no form in it.  News sites set such boxes in the story's body;
 * the boxes an <aside> usually holds have links (related stories, tags,
 * an author's page), a form (a newsletter), or no list (an author's
 * note, an advert's label).
 */
static bool
fact_box(const struct dom *d, size_t i)
{
	size_t j, p, items = 0;

	for (p = d->node[i].parent; p != 0; p = d->node[p].parent)
		if (d->node[p].tag == DOM_ARTICLE)
			break;
	if (p == 0)
		return false;
	for (j = i + 1; j < d->node[i].end; j++)
		switch (d->node[j].tag) {
		case DOM_A: case DOM_FORM: case DOM_INPUT: case DOM_BUTTON:
		case DOM_IFRAME: case DOM_SELECT: case DOM_TEXTAREA:
			return false;
		case DOM_LI: case DOM_TR: case DOM_DT:
			items++;
			break;
		default:
			break;
		}
	return items >= 2;
}

/* An <aside> that is the story's: a pull quote or a fact box. */
static bool
story_aside(const struct dom *d, size_t i)
{
	return pull_quote(d, i) || fact_box(d, i);
}

/*
 * Is link i set in the middle of a paragraph's sentence, with words of
 * the paragraph's own on both sides ("Unter <a class=more
 * href=...>www.example.org</a> findet man ...")?  Taking it out would
 * leave a sentence with a hole, whatever its class says: a class word
 * such as "more" or "promo" there styles the link, it does not mark a
 * box.  Spans are not spared: a <span class=hidden> in a sentence is
 * text for screen readers.
 */
static bool
mid_sentence(const struct dom *d, size_t i)
{
	size_t p = d->node[i].parent, c;
	bool before = false;

	if (d->node[i].tag != DOM_A || d->node[p].tag != DOM_P)
		return false;
	for (c = p + 1; c < d->node[p].end; c = d->node[c].end) {
		if (c == i) {
			if (!before)
				return false;
			continue;
		}
		if (d->node[c].tag == DOM_TEXT && has_words(d, c)) {
			if (c > i)
				return true;
			before = true;
		}
	}
	return false;
}

/* Furniture by class, id, role or itemprop. */
static bool
junk_class(struct extract *x, const struct dom *d, size_t i)
{
	unsigned k;

	if (d->node[i].tag == DOM_BODY || d->node[i].tag == DOM_HTML)
		return false;
	if (junk_role(x, d, i))
		return true;
	if (dom_attr_is(d, i, DA_ITEMPROP, "author") || dom_attr_is(d, i,
	    DA_REL, "author"))
		return true;
	k = element_kinds(x, d, i);
	if (k & K(W_ALWAYS))
		return true;
	if ((k & (K(W_USUALLY) | K(W_WEAK))) && mid_sentence(d, i))
		return false;
	if (k & K(W_USUALLY))
		return !prose(x, i);
	return (k & K(W_WEAK)) && !(k & K(W_GOOD)) && !prose(x, i);
}

/* The points a candidate starts with, for its tag. */
static float
tag_weight(const struct dom *d, size_t i)
{
	switch (d->node[i].tag) {
	case DOM_DIV: case DOM_ARTICLE: case DOM_MAIN: case DOM_SECTION:
		return 5;
	case DOM_PRE: case DOM_TD: case DOM_BLOCKQUOTE:
		return 3;
	case DOM_ADDRESS: case DOM_OL: case DOM_UL: case DOM_DL: case DOM_DD:
	case DOM_DT: case DOM_LI: case DOM_FORM:
		return -3;
	case DOM_H1: case DOM_H2: case DOM_H3: case DOM_H4: case DOM_H5:
	case DOM_H6: case DOM_TH:
		return -5;
	default:
		return 0;
	}
}

/*
 * What a candidate's points are multiplied by, for its class and id and
 * the markup's hints.  Readability adds 25 points instead; multiplying
 * keeps a tiny box of class "text" from beating the article.
 */
static float
class_weight(struct extract *x, const struct dom *d, size_t i)
{
	float w = 1;
	unsigned k;

	k = element_kinds(x, d, i);
	if ((k & (K(W_ALWAYS) | K(W_USUALLY))) || ((k & K(W_WEAK)) &&
	    !(k & K(W_GOOD))))
		w = 0.5f;
	else if (k & K(W_GOOD))
		w = 1.3f;
	/* Hints, not truths: the markup says where the article is. */
	if (d->node[i].tag == DOM_ARTICLE || d->node[i].tag == DOM_MAIN)
		w *= 1.15f;
	if (dom_attr_is(d, i, DA_ITEMPROP, "articleBody") ||
	    dom_attr_is(d, i, DA_ROLE, "main") || dom_attr_is(d, i,
	    DA_ROLE, "article"))
		w *= 1.3f;
	return w;
}

/* ---- statistics ------------------------------------------------------ */

/*
 * Characters (not bytes, not white space) and punctuation in a text: a
 * comma, or a sentence end before a space or at the end of the text (a
 * tag follows: "<li>It is the wrong answer.</li>").
 */
/*
 * Does a sentence end before p[i]: the end of the text, white space (a
 * no-break space too), or closing quotes and brackets before either
 * ('game."', 'done.”)').
 */
static bool
sentence_end(const unsigned char *p, size_t n, size_t i)
{
	for (;;) {
		if (i == n || p[i] <= ' ' || (p[i] == 0xC2 && i + 1 < n &&
		    p[i + 1] == 0xA0))
			return true;
		if (p[i] == '"' || p[i] == '\'' || p[i] == ')')
			i++;
		/* ” ’ */
		else if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0x9D || p[i + 2] == 0x99))
			i += 3;
		/* » */
		else if (p[i] == 0xC2 && i + 1 < n && p[i + 1] == 0xBB)
			i += 2;
		else
			return false;
	}
}

/*
 * What count_text makes of a byte: 0 none (white space, control, a UTF-8
 * continuation byte), 1 a character, 2 a character that may be
 * punctuation.  A table: count_text reads every byte of every page's text.
 */
static void
make_count_class(void)
{
	int b;

	for (b = 0; b < 256; b++)
		count_class[b] = b <= ' ' || (b & 0xC0) == 0x80 ? 0 : 1;
	count_class[','] = count_class['.'] = count_class['!'] = 2;
	count_class['?'] = count_class[0xE3] = count_class[0xEF] = 2;
}

static void
count_text(const char *s, size_t n, uint32_t *chars, uint32_t *punct)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;
	uint32_t c = 0, q = 0;

	for (i = 0; i < n; i++) {
		if (count_class[p[i]] == 0)
			continue;
		c++;
		if (count_class[p[i]] == 1)
			continue;
		if (p[i] == ',' || ((p[i] == '.' || p[i] == '!' ||
		    p[i] == '?') && sentence_end(p, n, i + 1)))
			q++;
		/* ，、。 */
		else if (p[i] == 0xE3 && i + 2 < n && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0x81 || p[i + 2] == 0x82))
			q++;
		else if (p[i] == 0xEF && i + 2 < n && p[i + 1] == 0xBC &&
		    p[i + 2] == 0x8C)
			q++;
	}
	*chars = c;
	*punct = q;
}

/*
 * Mark the junk and the block structure; with classes, furniture by class
 * too, but never on keep and its ancestors (the winner of a first
 * scoring, made without it) nor on head and its ancestors (the headline);
 * keep and head are 0 for none.
 */
static void
mark(struct extract *x, const struct dom *d, bool classes, size_t keep,
    size_t head)
{
	size_t i, p;
	uint8_t f;

	memset(x->flag, 0, d->nnode);
	if (keep != 0)
		for (p = keep; p != 0; p = d->node[p].parent)
			x->flag[p] = F_KEEP;
	if (head != 0)
		for (p = head; p != 0; p = d->node[p].parent)
			x->flag[p] = F_KEEP;
	x->flag[0] = F_BLOCK;
	for (i = 1; i < d->nnode; i++) {
		const struct dom_node *n = &d->node[i];

		f = (x->flag[n->parent] & (F_JUNK | F_LINK | F_INART)) |
		    (x->flag[i] & F_KEEP);
		if (n->tag != DOM_TEXT) {
			if (!inline_tag(n->tag))
				f |= F_BLOCK;
			if (n->tag == DOM_A)
				f |= F_LINK;
			/* the page's own header and footer, not an article's */
			if (classes && !(f & (F_INART | F_KEEP)) &&
			    (n->tag == DOM_HEADER || n->tag == DOM_FOOTER))
				f |= F_JUNK;
			if (classes && !(f & F_KEEP) && (n->tag == DOM_NAV ||
			    (n->tag == DOM_ASIDE && !story_aside(d, i)) ||
			    n->tag == DOM_MENU))
				f |= F_JUNK;
			if (n->tag == DOM_ARTICLE || n->tag == DOM_MAIN ||
			    n->tag == DOM_SECTION)
				f |= F_INART;
			if (!(f & F_JUNK) && ((junk_tag(n->tag) &&
			    !(x->held && (n->tag == DOM_NOSCRIPT || n->tag ==
			    DOM_TEMPLATE) && held_prose(d, i))) || hidden(d, i)))
				f |= F_JUNK;
			if (classes && !(f & (F_JUNK | F_KEEP)) &&
			    junk_class(x, d, i))
				f |= F_JUNK;
		}
		x->flag[i] = f;
	}
}

/* Sums over the tree, children before parents. */
static void
sums(struct extract *x, const struct dom *d)
{
	size_t i, p;
	uint32_t c, q;

	memset(x->tlen, 0, d->nnode * sizeof(*x->tlen));
	memset(x->llen, 0, d->nnode * sizeof(*x->llen));
	memset(x->itext, 0, d->nnode * sizeof(*x->itext));
	memset(x->ilink, 0, d->nnode * sizeof(*x->ilink));
	memset(x->ipunct, 0, d->nnode * sizeof(*x->ipunct));
	for (i = d->nnode - 1; i > 0; i--) {
		const struct dom_node *n = &d->node[i];

		if (x->flag[i] & F_JUNK)
			continue;
		p = n->parent;
		if (n->tag == DOM_TEXT) {
			/* counted once a page: the text does not change */
			if (!x->counted) {
				count_text(d->text.s + n->off, n->len, &c, &q);
				x->tchars[i] = c;
				x->tpunct[i] = q;
			}
			c = x->tchars[i];
			x->tlen[i] = x->itext[i] = c;
			x->ipunct[i] = x->tpunct[i];
			if (x->flag[i] & F_LINK)
				x->llen[i] = x->ilink[i] = c;
		}
		x->tlen[p] += x->tlen[i];
		x->llen[p] += x->llen[i];
		if (x->flag[i] & F_BLOCK)
			x->flag[p] |= F_HASBLOCK;
		else {
			x->itext[p] += x->itext[i];
			x->ilink[p] += x->ilink[i];
			x->ipunct[p] += x->ipunct[i];
		}
		if (x->flag[i] & F_HASBLOCK)
			x->flag[p] |= F_HASBLOCK;
	}
	if (!x->counted) {
		/* the texts of junk nodes, skipped above, were not counted */
		for (i = 1; i < d->nnode; i++)
			if (d->node[i].tag == DOM_TEXT && (x->flag[i] & F_JUNK)) {
				count_text(d->text.s + d->node[i].off,
				    d->node[i].len, &c, &q);
				x->tchars[i] = c;
				x->tpunct[i] = q;
			}
		x->counted = true;
	}
}

/*
 * Is paragraph i a teaser's summary: in a box (a card) with a heading
 * that is a link (<h3><a>, or <a><h3>; not an <h1>: a blog sets its own
 * headline as a link to itself; not to "#...": a sub-heading's anchor)
 * and no other paragraph?  A list of other
 * stories in cards reads as prose, comma for comma, and would outscore a
 * story told in short sentences (a tabloid's); it does not score.
 */
static bool	link_block(const struct extract *, size_t);
static bool	ends_sentence(const struct extract *, const struct dom *, size_t);

/*
 * Is the first link in (or at) element i one to a place on the page
 * ("#why"): a sub-heading's own anchor, not another story?
 */
static bool
anchor_link(const struct dom *d, size_t i)
{
	const char *h;
	size_t j, n;

	for (j = i; j < d->node[i].end; j++)
		if (d->node[j].tag == DOM_A)
			return (h = dom_attr(d, j, DA_HREF, &n)) != NULL &&
			    n > 0 && h[0] == '#';
	return false;
}

static bool
teaser(const struct extract *x, const struct dom *d, size_t i)
{
	size_t p = d->node[i].parent, c;
	bool linked = false;
	enum dom_tag t;

	for (c = p + 1; c < d->node[p].end; c = d->node[c].end) {
		t = d->node[c].tag;
		if (t == DOM_P && c != i)
			return false;
		if (t == DOM_A && c + 1 < d->node[c].end)
			t = d->node[c + 1].tag;
		if (t >= DOM_H2 && t <= DOM_H6 && link_block(x, c) &&
		    !anchor_link(d, c))
			linked = true;
	}
	return linked;
}

static void
add_score(struct extract *x, const struct dom *d, size_t i, float s)
{
	if (!x->scored[i]) {
		x->score[i] = tag_weight(d, i);
		x->scored[i] = 1;
	}
	x->score[i] += s;
}

/*
 * From the best candidate to the article's container, as Readability
 * does: an ancestor of three of the close runners-up (the article's
 * paragraphs split between several boxes); a parent scoring more than the
 * candidate; and up through parents of which it is the only child.
 */
static size_t
refine(struct extract *x, const struct dom *d, size_t best)
{
	size_t p, k, n;
	float last, threshold;

	for (p = d->node[best].parent; d->node[p].tag != DOM_BODY && p != 0;
	    p = d->node[p].parent) {
		for (k = 0, n = 0; k < x->ntop; k++)
			if (x->top[k] != best &&
			    x->score[x->top[k]] >= 0.75f * x->score[best] &&
			    x->top[k] > p && x->top[k] < d->node[p].end)
				n++;
		if (n >= 2 && x->scored[p]) {
			/* with the best itself, three under one ancestor */
			best = p;
			break;
		}
	}
	last = x->score[best];
	threshold = last / 3;
	for (p = d->node[best].parent; d->node[p].tag != DOM_BODY && p != 0;
	    p = d->node[p].parent) {
		if (!x->scored[p])
			continue;
		if (x->score[p] < threshold)
			break;
		if (x->score[p] > last) {
			best = p;
			break;
		}
		last = x->score[p];
	}
	for (;;) {
		p = d->node[best].parent;
		if (p == 0 || d->node[p].tag == DOM_BODY ||
		    d->node[p].tag == DOM_HTML)
			break;
		/* the only element child (text aside) */
		for (k = p + 1, n = 0; k < d->node[p].end; k = d->node[k].end)
			if (d->node[k].tag != DOM_TEXT && !(x->flag[k] & F_JUNK))
				n++;
		if (n != 1)
			break;
		best = p;
	}
	return best;
}

/*
 * Does block i's own text (not its nested blocks') hold paragraphs set
 * apart by two <br> in a row (white space and no-break spaces between),
 * as pages without <p> write them?  An old site's layout table sets its
 * article so, in a cell beside the cells of its menu and its adverts.
 * Readability makes each such paragraph a <p> before it scores, and the
 * cell, their parent, is a candidate of its own; the row would be
 * written as a row of data, menu, article and advert joined by tabs.
 * (A nested block is its own: each node is looked at for its nearest
 * block only, so a page of nested boxes costs what a flat one does.)
 */
static bool
br_paragraphs(const struct extract *x, const struct dom *d, size_t i)
{
	size_t j;
	bool br = false;

	for (j = i + 1; j < d->node[i].end; j++) {
		if (x->flag[j] & (F_JUNK | F_BLOCK)) {
			if (x->flag[j] & F_BLOCK)
				br = false;
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag == DOM_BR) {
			if (br)
				return true;
			br = true;
		} else if (d->node[j].tag == DOM_TEXT && !blank(d, j))
			br = false;
	}
	return false;
}

/* A paragraph's points: its sentence ends and commas, and its length. */
static float
para_score(uint32_t chars, uint32_t punct)
{
	return 1 + (float)punct + (chars >= 300 ? 3 : (float)chars / 100);
}

/*
 * The points of block i's own text (not its nested blocks') read as the
 * paragraphs its <br><br> set apart, each scoring as a <p> would, those
 * under MIN_PARA or mostly links nothing: Readability makes them <p>s
 * before it scores.  A story set so (an old blog's, a forum's, a small
 * paper's, a press release's) scored as one paragraph, whatever its
 * length, and lost to any box of a few <p>s (readers' letters, a
 * sidebar); a column of links or of addresses set with <br>s scores no
 * more than before, each line too short or a link.
 */
static float
br_score(const struct extract *x, const struct dom *d, size_t i, int *runs)
{
	size_t j;
	uint32_t chars = 0, punct = 0, link = 0, line = 0, longest = 0;
	float s = 0;
	bool br = false, lines = false, end;

	for (j = i + 1; j <= d->node[i].end; j++) {
		end = j == d->node[i].end;
		if (!end && d->node[j].tag == DOM_TEXT) {
			chars += x->tchars[j];
			punct += x->tpunct[j];
			line += x->tchars[j];
			if (x->flag[j] & F_LINK)
				link += x->tchars[j];
			if (!blank(d, j)) {
				lines = lines || (br && chars > line);
				br = false;
			}
			continue;
		}
		if (!end && (x->flag[j] & F_JUNK)) {
			j = d->node[j].end - 1;
			continue;
		}
		if (!end && d->node[j].tag == DOM_BR && !br) {
			br = true;
			if (line > longest)
				longest = line;
			line = 0;
			continue;
		}
		if (!end && d->node[j].tag != DOM_BR &&
		    !(x->flag[j] & F_BLOCK))
			continue;
		/*
		 * A paragraph ends: two <br>s, a block, the end.  Of lines
		 * (one <br> between), it is one when a line is a paragraph's
		 * length (under its sub-heading, its label); lines all short
		 * are an address, a list, a signature.
		 */
		if (line > longest)
			longest = line;
		if (chars >= MIN_PARA && link * 2 <= chars && (!lines ||
		    longest >= PARA_LINE)) {
			s += para_score(chars, punct);
			(*runs)++;
		}
		chars = punct = link = line = longest = 0;
		br = lines = false;
		if (!end && d->node[j].tag != DOM_BR)
			j = d->node[j].end - 1;
	}
	return s;
}

/* Score the paragraphs; return the best candidate (0 when none). */
static size_t
score(struct extract *x, const struct dom *d)
{
	size_t i, a;
	float s, fin;
	int level, runs;
	bool br;

	memset(x->scored, 0, d->nnode);
	for (i = 1; i < d->nnode; i++) {
		const struct dom_node *n = &d->node[i];

		if (n->tag == DOM_TEXT || (x->flag[i] & (F_JUNK | F_BLOCK)) !=
		    F_BLOCK || heading(n->tag) || x->itext[i] < MIN_PARA)
			continue;
		if (n->tag == DOM_LI || n->tag == DOM_DT || n->tag == DOM_DD ||
		    n->tag == DOM_TH)
			continue;
		if (x->ilink[i] * 2 > x->itext[i])
			continue;
		if (x->cards && n->tag == DOM_P && teaser(x, d, i)) {
			x->nteaser++;
			continue;
		}
		br = br_paragraphs(x, d, i);
		runs = 0;
		s = br ? br_score(x, d, i, &runs) : 0;
		if (runs < 3 || s < para_score(x->itext[i], x->ipunct[i]))
			s = para_score(x->itext[i], x->ipunct[i]);
		/*
		 * A leaf block is a paragraph: it scores for its parent; but
		 * a table's cell of paragraphs is a layout's box, not a row's
		 * piece of data.
		 */
		a = (x->flag[i] & F_HASBLOCK) || (n->tag == DOM_TD && br) ?
		    i : n->parent;
		for (level = 0; level < 5; level++) {
			if (d->node[a].tag == DOM_ROOT ||
			    d->node[a].tag == DOM_HTML)
				break;
			add_score(x, d, a, s / (level == 0 ? 1 : level == 1 ?
			    2 : (float)level * 3));
			a = d->node[a].parent;
		}
	}
	x->ntop = 0;
	for (i = 1; i < d->nnode; i++) {
		size_t k;

		if (!x->scored[i] || (x->flag[i] & F_JUNK))
			continue;
		fin = x->score[i] * class_weight(x, d, i);
		if (x->tlen[i] > 0)
			fin *= 1 - (float)x->llen[i] / (float)x->tlen[i];
		x->score[i] = fin;
		/* insert into the top list */
		for (k = x->ntop; k > 0 && x->score[x->top[k - 1]] < fin; k--)
			if (k < NTOP)
				x->top[k] = x->top[k - 1];
		if (k < NTOP) {
			x->top[k] = i;
			if (x->ntop < NTOP)
				x->ntop++;
		}
	}
	return x->ntop > 0 ? x->top[0] : 0;
}

/* ---- writing the text ------------------------------------------------ */

/* Append text to the block, white space collapsed. */
static bool
space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
add_text(struct buf *b, const char *s, size_t n)
{
	char *o, last;
	size_t i;

	if (n == 0)
		return;
	/* a run of white space is one space at most: n bytes will do */
	buf_grow(b, n);
	o = b->s + b->len;
	last = b->len > 0 ? b->s[b->len - 1] : ' ';
	for (i = 0; i < n; i++) {
		if (!space(s[i]))
			*o++ = last = s[i];
		else if (last != ' ' && last != '\n' && last != '\t')
			*o++ = last = ' ';
	}
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

/* End the block being written: trimmed, appended to out when not empty. */
static void
flush(struct extract *x, struct buf *out)
{
	struct buf *b = &x->blk;
	size_t s = 0, e = b->len;

	while (s < e && (b->s[s] == ' ' || b->s[s] == '\n' || b->s[s] == '\t'))
		s++;
	while (e > s && (b->s[e - 1] == ' ' || b->s[e - 1] == '\n' ||
	    b->s[e - 1] == '\t'))
		e--;
	if (e > s) {
		if (out->len > 0)
			buf_add(out, "\n\n", 2);
		buf_add(out, b->s + s, e - s);
	}
	buf_reset(b);
}

/*
 * A <br>: a line ends; after another, a paragraph (Readability's rule).
 * A line of nothing but no-break spaces is empty: old pages set
 * "<br>&nbsp;<br>" between their paragraphs.
 */
static void
line_break(struct extract *x, struct buf *out)
{
	size_t k = x->blk.len;

	while (k > 0 && (x->blk.s[k - 1] == ' ' || (k >= 2 &&
	    (unsigned char)x->blk.s[k - 2] == 0xC2 &&
	    (unsigned char)x->blk.s[k - 1] == 0xA0)))
		k -= x->blk.s[k - 1] == ' ' ? 1 : 2;
	if (k == 0 || x->blk.s[k - 1] == '\n')
		x->blk.len = k;
	while (x->blk.len > 0 && x->blk.s[x->blk.len - 1] == ' ')
		x->blk.len--;
	if (x->blk.len > 0 && x->blk.s[x->blk.len - 1] != '\n')
		buf_addc(&x->blk, '\n');
	else if (x->blk.len > 0)
		flush(x, out);
}

/*
 * Text in a <pre>: its line breaks are the page's, a blank line ends a
 * paragraph (an article set as plain text, a poem, a listing), as <br>s
 * do; white space inside a line is collapsed as elsewhere.
 */
static void
pre_text(struct extract *x, const char *s, size_t n, struct buf *out)
{
	size_t i, k;

	for (i = 0; i < n; i = k + 1) {
		for (k = i; k < n && s[k] != '\n'; k++)
			;
		add_text(&x->blk, s + i, k - i);
		if (k < n)
			line_break(x, out);
	}
}

/* Is block i mostly links, a menu or a list of other stories? */
static bool
link_block(const struct extract *x, size_t i)
{
	return x->tlen[i] > 0 && x->llen[i] * 2 > x->tlen[i];
}

/*
 * Does block i, mostly links, say something of its own: is it, or a block
 * in it, a block of no other blocks with 30 characters and more outside
 * its links, a full sentence among them?  A digest of the news sets each
 * story as "<li><a>Headline</a>. What happened.</li>"; a menu, a list of
 * other stories or a contact box is links, dates, names and numbers.
 */
static bool
own_sentence(const struct extract *x, const struct dom *d, size_t b)
{
	const unsigned char *p;
	size_t j, k, n;
	bool end = false;

	if (x->tlen[b] - x->llen[b] < 30)
		return false;
	for (j = b + 1; j < d->node[b].end && !end; j++) {
		if (d->node[j].tag != DOM_TEXT || (x->flag[j] & (F_LINK |
		    F_JUNK)))
			continue;
		p = (const unsigned char *)d->text.s + d->node[j].off;
		n = d->node[j].len;
		for (k = 0; k < n && !end; k++)
			end = (p[k] == '.' || p[k] == '!' || p[k] == '?') &&
			    k > 0 && p[k - 1] > ' ' && sentence_end(p, n, k + 1);
	}
	return end;
}

/*
 * The length of p (n bytes) up to its last character but white space,
 * closing quotes and brackets ('"', ')', ” ’ », a no-break space): p[k -
 * 1] is the character that ends the text's words, or k is 0.
 */
static size_t
last_char(const unsigned char *p, size_t n)
{
	size_t k;

	for (k = n; k > 0; k--)
		if (p[k - 1] <= ' ' || p[k - 1] == '"' || p[k - 1] == '\'' ||
		    p[k - 1] == ')')
			continue;
		else if (k >= 3 && p[k - 3] == 0xE2 && p[k - 2] == 0x80 &&
		    (p[k - 1] == 0x9D || p[k - 1] == 0x99))
			k -= 2;
		else if (k >= 2 && p[k - 2] == 0xC2 && (p[k - 1] == 0xBB ||
		    p[k - 1] == 0xA0))
			k--;
		else
			break;
	return k;
}

/*
 * Is paragraph b a sentence with links in it: a link with the
 * paragraph's own words on both sides, on one line (no <br> between), and
 * the paragraph ending in a sentence end of its own ("<a>Ann Lee</a> has
 * left <a>the band</a>.", "To build it you need <a>two tools</a>:")?
 * Taking it out as a block of links would cut a sentence from the story.
 * A label before a link ("Read more: <a>...</a>", "Watch: <a>...</a>.")
 * is no sentence's words, and a list of links set with <br> between
 * ("<a>...</a> [VIDEO]<br><a>...</a>") has no words before a link on its
 * line.
 */
static bool
linked_sentence(const struct extract *x, const struct dom *d, size_t b)
{
	enum { START, OWN, LINK } prev = START;
	const unsigned char *p;
	size_t j, k;
	bool pending = false, found = false, own_end = false;

	if (d->node[b].tag != DOM_P)
		return false;
	for (j = b + 1; j < d->node[b].end; j++) {
		if (x->flag[j] & F_JUNK) {
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag == DOM_BR) {
			prev = START;
			pending = false;
			continue;
		}
		if (d->node[j].tag != DOM_TEXT || !has_words(d, j))
			continue;
		if (x->flag[j] & F_LINK) {
			if (prev == OWN)
				pending = true;
			prev = LINK;
			own_end = false;
			continue;
		}
		if (pending)
			found = true;
		pending = false;
		prev = OWN;
		p = (const unsigned char *)d->text.s + d->node[j].off;
		k = last_char(p, d->node[j].len);
		own_end = k > 0 && (p[k - 1] == '.' || p[k - 1] == '!' ||
		    p[k - 1] == '?' || p[k - 1] == ':');
		/* "Watch: <a>": a label, not a sentence's words */
		if (k > 0 && p[k - 1] == ':')
			prev = START;
	}
	return found && own_end;
}

/*
 * Is paragraph b a sentence of its own words that runs on into a link
 * and ends there ("The plan was welcomed by the <a>Association of
 * Shopkeepers.</a>")?  Such a paragraph is mostly link when it is short,
 * but it is the story's sentence.  Its own words come first (a link
 * first is a teaser's headline), three and 20 characters at least, and
 * the last of them do not end a sentence or a label ("Sign up now!
 * <a>Click here.</a>", "Source: <a>...</a>"): the words run on into the
 * link.  One line: a <br> sets links as a list.
 */
static bool
ends_in_link(const struct extract *x, const struct dom *d, size_t b)
{
	const unsigned char *p;
	size_t j, k, n, own = 0, words = 0;
	bool first = true, link = false, stop = false, end = false;

	if (d->node[b].tag != DOM_P)
		return false;
	for (j = b + 1; j < d->node[b].end; j++) {
		if (x->flag[j] & F_JUNK) {
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag == DOM_BR)
			return false;
		if (d->node[j].tag != DOM_TEXT || !has_words(d, j))
			continue;
		link = (x->flag[j] & F_LINK) != 0;
		if (first && link)
			return false;
		first = false;
		p = (const unsigned char *)d->text.s + d->node[j].off;
		n = d->node[j].len;
		for (k = 0; !link && k < n; k++)
			if (p[k] > ' ') {
				own++;
				if (k + 1 == n || p[k + 1] <= ' ')
					words++;
			}
		k = last_char(p, n);
		end = k > 0 && (p[k - 1] == '.' || p[k - 1] == '!' ||
		    p[k - 1] == '?');
		if (!link)
			stop = end || (k > 0 && p[k - 1] == ':');
	}
	return link && end && !stop && own >= 20 && words >= 3;
}

/*
 * Is heading i a link to itself (<h2 id=x><a href="#x">...</a></h2>, or
 * the id or name on an element in it): a sub-heading with its permalink,
 * as blogs and documentation set them, not a link to elsewhere?
 */
static bool
self_anchor(const struct dom *d, size_t i)
{
	const char *h, *v;
	size_t j, k, n, m;

	for (j = i; j < d->node[i].end; j++)
		if (d->node[j].tag == DOM_A)
			break;
	if (j == d->node[i].end || (h = dom_attr(d, j, DA_HREF, &n)) ==
	    NULL || n < 2 || h[0] != '#')
		return false;
	for (k = i; k < d->node[i].end; k++) {
		if (d->node[k].tag == DOM_TEXT)
			continue;
		if (((v = dom_attr(d, k, DA_ID, &m)) != NULL && m == n - 1 &&
		    memcmp(v, h + 1, m) == 0) || ((v = dom_attr(d, k,
		    DA_NAME, &m)) != NULL && m == n - 1 && memcmp(v, h + 1,
		    m) == 0))
			return true;
	}
	return false;
}

static bool
says_more(const struct extract *x, const struct dom *d, size_t i)
{
	size_t j;

	for (j = i; j < d->node[i].end; j++) {
		if (x->flag[j] & F_JUNK) {
			j = d->node[j].end - 1;
			continue;
		}
		if ((x->flag[j] & (F_BLOCK | F_HASBLOCK)) == F_BLOCK &&
		    (own_sentence(x, d, j) || linked_sentence(x, d, j)))
			return true;
	}
	return false;
}

/*
 * A picture's caption: a <figcaption>, or an element whose class says
 * caption ("wp-caption-text", "image-caption", "captionText"), unless it
 * holds prose (a page that calls its article box "caption").
 */
static bool
caption(const struct extract *x, const struct dom *d, size_t i)
{
	const char *s;
	size_t n, k;

	if (d->node[i].tag == DOM_FIGCAPTION)
		return true;
	if ((s = dom_attr(d, i, DA_CLASS, &n)) == NULL || prose(x, i))
		return false;
	for (k = 0; k + 7 <= n; k++)
		if ((s[k] | 0x20) == 'c' && strncasecmp(s + k, "caption",
		    7) == 0)
			return true;
	return false;
}

/*
 * A table's footer written before its rows (HTML 4 wanted it there, and
 * pages still do): the index of the table's end, where it is shown and
 * so written, else 0.
 */
static size_t
footer_first(const struct dom *d, size_t i)
{
	const struct dom_node *n = &d->node[i], *t = &d->node[n->parent];

	if (n->tag != DOM_TFOOT || t->tag != DOM_TABLE || n->end >= t->end)
		return 0;
	return t->end;
}

/*
 * Why element i, furniture, is not the article's: NULL for the elements
 * that hold no text of the page (script, style, the head's).  The same
 * tests as mark's, in its order.  Elements that are never content say
 * which kind they are: a form's controls and their labels
 * ("extract.control"), what shows only without scripts or what a script
 * copies in (<noscript>, <template>: "extract.noscript"), an embed's or a
 * drawing's own text (its fallback: "extract.embed"); a <dialog> is the
 * page's furniture by its tag.
 */
static const char *
junk_why(const struct extract *x, const struct dom *d, size_t i)
{
	enum dom_tag t = d->node[i].tag;

	switch (t) {
	case DOM_SCRIPT: case DOM_STYLE: case DOM_HEAD: case DOM_TITLE:
	case DOM_META: case DOM_LINK: case DOM_BASE:
		return NULL;
	case DOM_BUTTON: case DOM_SELECT: case DOM_TEXTAREA: case DOM_INPUT:
	case DOM_OPTION: case DOM_LABEL: case DOM_LEGEND:
		return "extract.control";
	case DOM_NOSCRIPT: case DOM_TEMPLATE:
		return "extract.noscript";
	case DOM_DIALOG:
		return "extract.tag";
	default:
		if (junk_tag(t))
			return "extract.embed";
		break;
	}
	if (t == DOM_NAV || t == DOM_MENU || (t == DOM_ASIDE &&
	    !story_aside(d, i)) || ((t == DOM_HEADER || t == DOM_FOOTER) &&
	    !(x->flag[i] & F_INART)))
		return "extract.tag";
	if (hidden(d, i))
		return "extract.hidden";
	return "extract.class";
}

/*
 * With --explain, note what is left out near the article, and why: the
 * text of element i, white space collapsed (nothing when it has no
 * words), as an object of the JSON array x->why is the body of.
 */
static void
left_out(struct extract *x, const struct dom *d, size_t i, const char *why)
{
	size_t k;

	if (x->why == NULL || why == NULL)
		return;
	buf_reset(&x->tmp);
	dom_text_all(d, i, &x->tmp);
	buf_reset(&x->said);
	add_text(&x->said, x->tmp.s, x->tmp.len);
	k = x->said.len;
	if (k > 0 && x->said.s[k - 1] == ' ')
		k--;
	if (k == 0)
		return;
	if (x->why->len > 0 && x->why->s[x->why->len - 1] != '[')
		buf_addc(x->why, ',');
	buf_adds(x->why, "{\"text\":");
	json_encode_string(x->why, x->said.s, k);
	buf_adds(x->why, ",\"rule\":\"");
	buf_adds(x->why, why);
	buf_adds(x->why, "\"}");
}

/*
 * Is block i a list, or a point of a list, that a sentence of the story
 * announces ("The jury chose three winners from the forty books sent
 * in:" over "<a>Salt and Iron</a> by Per Dahl")?  A story's own list of
 * books, candidates or places links each name, and is then mostly
 * links; a list of other stories is not announced by a sentence of 25
 * characters ending in a colon ("Read more:" is a label), and its points
 * are the links alone.  Each point must have words of its own besides
 * its links, 6 characters or more.
 */
static bool
announced_list(struct extract *x, const struct dom *d, size_t i)
{
	const struct dom_node *n;
	size_t l = i, p, c, prev = 0, items = 0, k;

	if (d->node[i].tag == DOM_LI)
		l = d->node[i].parent;
	if (d->node[l].tag != DOM_UL && d->node[l].tag != DOM_OL)
		return false;
	p = d->node[l].parent;
	for (c = p + 1; c < l; c = d->node[c].end)
		if (d->node[c].tag != DOM_TEXT || has_words(d, c))
			prev = c;
	if (prev == 0 || d->node[prev].tag != DOM_P ||
	    (x->flag[prev] & F_JUNK) || x->tlen[prev] < 25 ||
	    x->llen[prev] * 2 > x->tlen[prev])
		return false;
	buf_reset(&x->tmp);
	dom_text(d, prev, &x->tmp);
	k = last_char((const unsigned char *)x->tmp.s, x->tmp.len);
	if (k == 0 || x->tmp.s[k - 1] != ':')
		return false;
	for (c = l + 1; c < d->node[l].end; c = n->end) {
		n = &d->node[c];
		if (n->tag == DOM_TEXT)
			continue;
		if (n->tag != DOM_LI || x->tlen[c] - x->llen[c] < 6)
			return false;
		items++;
	}
	return items >= 2;
}

/* Write the subtree at top as blocks; captions in it to x->caps. */
static void
write_tree(struct extract *x, const struct dom *d, size_t top,
    const char *title, size_t tlen, struct buf *out)
{
	size_t i, end = d->node[top].end;
	/* Open blocks, to flush at their end: a stack of end indices. */
	size_t *ends = NULL, nends = 0, capends = 0;
	/* Table footers put off to their table's end (footer_first). */
	size_t foot[8], footend[8], nfoot = 0;
	size_t pre = 0;		/* the end of the <pre> we are in, or 0 */
	bool cell;

	for (i = top; i <= end; i++) {
		const struct dom_node *n = &d->node[i];

		while (nends > 0 && i >= ends[nends - 1]) {
			nends--;
			flush(x, out);
		}
		while (nfoot > 0 && i >= footend[nfoot - 1]) {
			nfoot--;
			flush(x, out);
			write_tree(x, d, foot[nfoot], title, tlen, out);
		}
		if (i == end)
			break;
		if (i != top && nfoot < NELEM(foot) &&
		    !(x->flag[i] & F_JUNK) && footer_first(d, i) != 0) {
			flush(x, out);
			foot[nfoot] = i;
			footend[nfoot++] = footer_first(d, i);
			i = n->end - 1;
			continue;
		}
		if (x->flag[i] & (F_JUNK | F_DONE)) {
			if (x->why != NULL && (x->flag[i] & F_JUNK) &&
			    n->tag != DOM_TEXT)
				left_out(x, d, i, junk_why(x, d, i));
			i = n->end - 1;
			continue;
		}
		if (n->tag == DOM_TEXT && i < pre)
			pre_text(x, d->text.s + n->off, n->len, out);
		else if (n->tag == DOM_TEXT)
			add_text(&x->blk, d->text.s + n->off, n->len);
		else if (n->tag == DOM_BR)
			line_break(x, out);
		if (n->tag == DOM_TEXT || n->tag == DOM_BR)
			continue;
		if (i != top && caption(x, d, i)) {
			flush(x, out);
			if (x->caps != NULL)
				write_tree(x, d, i, title, tlen, x->caps);
			i = n->end - 1;
			continue;
		}
		cell = (n->tag == DOM_TD || n->tag == DOM_TH) &&
		    !(x->flag[i] & F_HASBLOCK);
		if (cell) {
			/*
			 * cells of a row: one block, a tab between, without
			 * the space a cell's last white space left
			 */
			while (x->blk.len > 0 && x->blk.s[x->blk.len - 1] == ' ')
				x->blk.s[--x->blk.len] = '\0';
			if (x->blk.len > 0)
				buf_addc(&x->blk, '\t');
			continue;
		}
		if (!(x->flag[i] & F_BLOCK))
			continue;
		/* A block begins. */
		flush(x, out);
		if (i != top && link_block(x, i) && x->tlen[i] < 600 &&
		    n->tag != DOM_TABLE && n->tag != DOM_TR &&
		    !(heading(n->tag) && self_anchor(d, i)) &&
		    !ends_in_link(x, d, i) &&
		    !says_more(x, d, i) && !announced_list(x, d, i)) {
			left_out(x, d, i, "extract.links");
			i = n->end - 1;
			continue;
		}
		if (heading(n->tag) && title != NULL) {
			buf_reset(&x->tmp);
			dom_text(d, i, &x->tmp);
			if (dom_same_text(x->tmp.s, x->tmp.len, title, tlen)) {
				i = n->end - 1;
				continue;
			}
		}
		if (n->tag == DOM_PRE && pre <= i)
			pre = n->end;
		ends = xroom(ends, &capends, nends + 1, sizeof(*ends));
		ends[nends++] = n->end;
	}
	flush(x, out);
	free(ends);
}

/* Is c (n bytes) a byte of a class name: not a space? */
static bool
class_byte(char c)
{
	return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f';
}

/*
 * Does the class a (an bytes) of box s, beside the winner of class b,
 * carry on a name of b's that says article: the same name ("article-text
 * last" beside "article-text first"), or, after the winner, the name of
 * two words and more with more after a '-' or '_' ("article-body-end",
 * "c-article__body--end" after "c-article__body")?  A site that cuts its
 * story into boxes (for an advert, a "read on" marker) names the boxes
 * after the story's, whatever else they hold: a list, a line or two.  A
 * box with a word of furniture as well ("article-related",
 * "content-sidebar") is another thing, and so is a name that says nothing
 * of the article ("row", "col-8").  A name of one word ("content",
 * "post") is carried on by the boxes of the story's head and foot
 * ("content-header", "post-bottom": its date, its tags), and before the
 * winner the standfirst is lede's.
 */
static bool
same_stem(struct extract *x, const struct dom *d, size_t s, size_t best,
    const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, j, k, m, ai, bi;
	int count[5], words;

	if (element_kinds(x, d, s) & (K(W_ALWAYS) | K(W_USUALLY) | K(W_WEAK)))
		return false;
	for (j = 0; j < bn; j = bi) {
		while (j < bn && !class_byte(b[j]))
			j++;
		for (bi = j; bi < bn && class_byte(b[bi]); bi++)
			;
		if (bi == j)
			break;
		memset(count, 0, sizeof(count));
		class_words(b + j, bi - j, count);
		if (count[W_GOOD] == 0)
			continue;
		words = count[W_NONE] + count[W_GOOD];
		m = bi - j;
		for (i = 0; i < an; i = ai) {
			while (i < an && !class_byte(a[i]))
				i++;
			for (ai = i; ai < an && class_byte(a[ai]); ai++)
				;
			k = ai - i;
			if (k < m || memcmp(a + i, b + j, m) != 0)
				continue;
			if (k == m || (s > best && words >= 2 &&
			    (a[i + m] == '-' || a[i + m] == '_')))
				return true;
		}
	}
	return false;
}

/*
 * Is box s, after the winner, the article going on: a box of nothing
 * but paragraphs of a sentence and 50 characters (not counting spaces)
 * and more, and headings that are not links, with next to no links?  A
 * page sets the rest of its story apart from the first part by an
 * advert, a "read on" marker or a sub-heading, in a box of its own or in
 * wrappers (<div><div><p>...</p></div></div>), and a short rest scores
 * too little beside a long first part to pass the winner's fifth.
 * Readability takes such a paragraph when it is a bare <p>; its box is
 * no different.
 * A teaser (a linked heading), a list of stories, a picture with its
 * caption, a table or a box with a line of a name, a date or a label in
 * it (an author's box, comments) is not such a box; nor one before the
 * winner, where the standfirst (lede) has been looked for already, and
 * a picture's title or credit is more likely than the story.  One
 * paragraph alone is the story's only under a sub-heading or in boxes
 * that no class or id names: a named box of one paragraph is as often an
 * author's note, an appeal for money or a disclaimer.  Beside the
 * winner (one), the points of a list count as paragraphs when each is a
 * sentence of 20 characters or more with no link ("What changes for
 * drivers" over "The old bridge closes on 1 March."): a box of the
 * story's points, which selling points ("No adverts, ever"), linked
 * headlines and comments (a name over each) are not.
 */
static bool
prose_box(const struct extract *x, const struct dom *d, size_t s,
    bool one)
{
	size_t j, para = 0, items = 0;
	bool head = false, named = false;

	if (x->tlen[s] == 0 || x->llen[s] * 10 > x->tlen[s])
		return false;
	for (j = s; j < d->node[s].end; j++) {
		const struct dom_node *n = &d->node[j];

		if (j > s && (x->flag[j] & F_JUNK)) {
			j = n->end - 1;
			continue;
		}
		if (n->tag == DOM_TEXT || !(x->flag[j] & F_BLOCK))
			continue;
		if (dom_has_attr(d, j, DA_CLASS) || dom_has_attr(d, j, DA_ID))
			named = true;
		/* a block's own words (a leaf's, or beside its blocks) */
		if (x->itext[j] == 0)
			continue;
		if (heading(n->tag)) {
			if (x->llen[j] > 0)
				return false;
			head = true;
		} else if (one && n->tag == DOM_LI && x->itext[j] >= 20 &&
		    x->ilink[j] == 0 && ends_sentence(x, d, j))
			items++;
		else if ((n->tag != DOM_P && n->tag != DOM_DIV &&
		    n->tag != DOM_BLOCKQUOTE) || x->itext[j] < 50 ||
		    x->ipunct[j] == 0 || x->ilink[j] * 4 > x->itext[j])
			return false;
		else
			para++;
		if (!(x->flag[j] & F_HASBLOCK))
			j = n->end - 1;
	}
	return para + items >= 2 || (one && para == 1 && (head || !named));
}

/*
 * The siblings of the winner that are article text too (Readability's
 * rule): a sibling scoring at least a fifth of the winner, one of the
 * winner's own class or named after it (an article cut into boxes of one
 * kind, one of them a list: same_stem), a paragraph of real sentences
 * with few links, or after the winner a box of such paragraphs
 * (prose_box).
 */
static bool
sibling_ok(struct extract *x, const struct dom *d, size_t s,
    size_t best, float threshold)
{
	const char *a, *b;
	size_t an, bn;
	float ld;

	if (x->flag[s] & F_JUNK)
		return false;
	/*
	 * another <article> beside the story's, which holds its headline, is
	 * another story (the entries of a live blog under a headline of the
	 * page's are one story's)
	 */
	if (d->node[s].tag == DOM_ARTICLE && d->node[best].tag ==
	    DOM_ARTICLE && x->head > best && x->head < d->node[best].end)
		return false;
	if (x->scored[s] && x->score[s] >= threshold)
		return true;
	/* a box of the same class as the winner's: the article goes on */
	if ((a = dom_attr(d, s, DA_CLASS, &an)) != NULL && an > 0 &&
	    (b = dom_attr(d, best, DA_CLASS, &bn)) != NULL && x->tlen[s] > 0 &&
	    !link_block(x, s) && ((an == bn && memcmp(a, b, an) == 0) ||
	    same_stem(x, d, s, best, a, an, b, bn)))
		return true;
	if (d->node[s].tag != DOM_P && d->node[s].tag != DOM_TEXT &&
	    (x->flag[s] & F_HASBLOCK))
		return s > best && prose_box(x, d, s, true);
	if (x->tlen[s] == 0)
		return false;
	ld = (float)x->llen[s] / (float)x->tlen[s];
	if (x->tlen[s] > 80 && ld < 0.25)
		return true;
	return x->tlen[s] > 20 && ld == 0 && x->ipunct[s] > 0;
}

/*
 * The article going on after the box of its container's parent p, up to
 * RECALL_LEVELS levels up (trafilatura's recall): a page that cuts its
 * story in two with an advert or an embed at the level of its wrappers
 * (<div class=wrap><div class=text>...</div></div><div class=ad>...
 * <div class=wrap><div class=text>...</div></div>) sets the rest where
 * the winner's siblings are not.  Only a box of two paragraphs of prose
 * or more (prose_box), not yet written, is taken: this far from the
 * article, one paragraph, even under a heading, is as often an author's
 * box, a disclaimer or an "about us".  The first box that holds 50
 * characters and is no such box (a list of stories, comments, an
 * author's line, a footer) ends the search: what comes after it is the
 * page's, not the story's; so does furniture that is always furniture
 * (comments, share, newsletter: not an advert, which a story is cut by).
 */
/*
 * The first box in c, not furniture, of the same tag and class as the
 * article's container best, or 0: the slot of a page's template that
 * the story's first part was set in, in the row that holds its rest
 * (<div class=row><div class=col-main>...</div><div class=col-side>
 * ...</div></div>, row after row).
 */
static size_t
same_box(const struct extract *x, const struct dom *d, size_t c,
    size_t best)
{
	const char *a, *b;
	size_t an, bn, j;

	if ((b = dom_attr(d, best, DA_CLASS, &bn)) == NULL || bn == 0)
		return 0;
	for (j = c; j < d->node[c].end; j++) {
		if (x->flag[j] & F_JUNK) {
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag == d->node[best].tag &&
		    (a = dom_attr(d, j, DA_CLASS, &an)) != NULL && an == bn &&
		    memcmp(a, b, an) == 0)
			return j;
	}
	return 0;
}

/*
 * Does box c hold another thing than the story going on: a headline of
 * its own (an <h1>, an <article>: the next story of an endless scroll) or
 * a box named as furniture that was spared for its prose (an author's
 * box, "related", "promo")?
 */
static bool
other_story(struct extract *x, const struct dom *d, size_t c)
{
	size_t j;

	for (j = c; j < d->node[c].end; j++) {
		if (d->node[j].tag == DOM_TEXT)
			continue;
		if (j > c && (x->flag[j] & F_JUNK)) {
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag == DOM_H1 || d->node[j].tag == DOM_ARTICLE ||
		    (element_kinds(x, d, j) & (K(W_ALWAYS) | K(W_USUALLY) |
		    K(W_WEAK))))
			return true;
	}
	return false;
}

#define RECALL_STOP	((size_t)-1)

/*
 * What recall takes of box c beside the article's container best: c, a
 * box in it (same_box), 0 for nothing, or RECALL_STOP when c ends the
 * search: furniture that is always furniture in it (comments, share,
 * newsletter; not an advert, which cuts a story in two), or 50
 * characters of text that is none of these boxes (a list of stories, a
 * line of a name, another story, an author's box).
 */
static size_t
recall_box(struct extract *x, const struct dom *d, size_t c, size_t best)
{
	size_t m;

	if (d->node[c].tag == DOM_TEXT)
		return 0;
	for (m = c; m < d->node[c].end; m++)
		if ((x->flag[m] & F_JUNK) && d->node[m].tag != DOM_TEXT &&
		    (element_kinds(x, d, m) & K(W_ALWAYS)))
			return RECALL_STOP;
	if (x->flag[c] & (F_JUNK | F_DONE))
		return 0;
	if (!other_story(x, d, c)) {
		if (prose_box(x, d, c, false))
			return c;
		if ((m = same_box(x, d, c, best)) != 0 &&
		    prose_box(x, d, m, true))
			return m;
	}
	return x->tlen[c] >= 50 ? RECALL_STOP : 0;
}

/* The parent of a that recall looks in, 0 at the page's body. */
static size_t
recall_up(const struct dom *d, size_t a)
{
	size_t g = d->node[a].parent;

	return g == 0 || d->node[g].tag == DOM_HTML || d->node[g].tag ==
	    DOM_BODY ? 0 : g;
}

/*
 * The boxes recall takes after the article's container best (after its
 * own siblings, written already), in reading order.
 */
static void
recall_after(struct extract *x, const struct dom *d, size_t best,
    const char *title, size_t tlen, struct buf *out)
{
	size_t a, c, g, m;
	int level;

	for (a = d->node[best].parent, level = 0; level < RECALL_LEVELS &&
	    (g = recall_up(d, a)) != 0; level++, a = g) {
		for (c = d->node[a].end; c < d->node[g].end;
		    c = d->node[c].end) {
			if ((m = recall_box(x, d, c, best)) == RECALL_STOP)
				return;
			if (m != 0)
				write_tree(x, d, m, title, tlen, out);
		}
	}
}

/*
 * The boxes recall takes before the article's container best, after the
 * headline h (0: none found), nearest first, then written in reading
 * order: for a page whose lede gave nothing (no headline to start from,
 * the first part of the story in a row of its own).
 */
static void
recall_before(struct extract *x, const struct dom *d, size_t best,
    size_t h, const char *title, size_t tlen, struct buf *out)
{
	size_t a, c, g, m, kid[64], take[16];
	size_t nkid, ntake = 0, k;
	int level;

	for (a = d->node[best].parent, level = 0; level < RECALL_LEVELS &&
	    (g = recall_up(d, a)) != 0; level++, a = g) {
		nkid = 0;
		for (c = g + 1; c < a && nkid < NELEM(kid); c = d->node[c].end)
			kid[nkid++] = c;
		if (c < a)
			break;		/* too many to look at */
		for (k = nkid; k > 0; k--) {
			c = kid[k - 1];
			if (h != 0 && c <= h)
				goto write;
			if ((m = recall_box(x, d, c, best)) == RECALL_STOP)
				goto write;
			if (m != 0 && ntake < NELEM(take))
				take[ntake++] = m;
		}
	}
write:
	while (ntake > 0)
		write_tree(x, d, take[--ntake], title, tlen, out);
}

/*
 * The first heading that says the title, or 0: an <h1>, <h2> or <h3>
 * (news templates set the headline of a story as <h3 itemprop=headline>
 * under a page's own <h1>), or an element marked itemprop=headline.
 */
static size_t
title_heading(struct extract *x, const struct dom *d, const char *title,
    size_t tlen)
{
	size_t i;

	if (title == NULL || tlen == 0)
		return 0;
	for (i = 1; i < d->nnode; i++)
		if ((d->node[i].tag == DOM_H1 || d->node[i].tag == DOM_H2 ||
		    d->node[i].tag == DOM_H3 || dom_attr_is(d, i,
		    DA_ITEMPROP, "headline")) && !(x->flag[i] & F_JUNK)) {
			buf_reset(&x->tmp);
			dom_text(d, i, &x->tmp);
			if (dom_same_text(x->tmp.s, x->tmp.len, title, tlen))
				return i;
		}
	return 0;
}

/*
 * A box of a picture by its class: "photo", "image", "img", "picture",
 * "foto", "bild" as a word ("main-photo-title", "news-img-wrap",
 * "bild-unterschrift").  What such a box says under a headline is the
 * picture's title or credit, not the story's standfirst.
 */
static bool
picture_box(const struct dom *d, size_t i)
{
	static const char *const words[] = {
		"photo", "image", "img", "picture", "foto", "bild",
	};
	const char *s;
	char w[48];
	size_t n, k, j = 0;

	if ((s = dom_attr(d, i, DA_CLASS, &n)) == NULL)
		return false;
	while ((k = class_word(s, n, &j, w)) > 0)
		if (in_list(w, k, words, NELEM(words), false))
			return true;
	return false;
}

/*
 * Does the text of block i end a sentence (closing quotes and brackets
 * aside)?  A point of a summary does ("Cars take a detour."); a line of a
 * date, a name or a place with a comma in it does not ("Published 3
 * March 2025, 08:15").
 */
static bool
ends_sentence(const struct extract *x, const struct dom *d, size_t i)
{
	const unsigned char *p;
	size_t j, k, last = 0;

	for (j = i + 1; j < d->node[i].end; j++) {
		if (x->flag[j] & F_JUNK) {
			j = d->node[j].end - 1;
			continue;
		}
		if (d->node[j].tag == DOM_TEXT && has_words(d, j))
			last = j;
	}
	if (last == 0)
		return false;
	p = (const unsigned char *)d->text.s + d->node[last].off;
	for (k = d->node[last].len; k > 0 && (p[k - 1] <= ' ' ||
	    p[k - 1] == '"' || p[k - 1] == '\'' || p[k - 1] == ')'); k--)
		;
	return k > 0 && (p[k - 1] == '.' || p[k - 1] == '!' ||
	    p[k - 1] == '?');
}

/*
 * The standfirst: between the headline and the article's container, the
 * paragraphs of prose (a lede, a summary) that sites set in the header
 * of the article, outside the box of its body.  At most three boxes of
 * them, in the first few hundred nodes after the headline, but all of a
 * box (once the box has given one, each of 25 characters and more, and
 * the points of its list of any length; the first point from 25; under
 * 40, only a sentence, not a line of a date): a summary of four points,
 * or the first part of a body cut by an advert, is not cut after its
 * third.  What it writes (to out or
 * to the captions) is marked done: the same box is often a sibling of the
 * article's container, which extract_text writes next, and a standfirst
 * given twice reads as the article repeating itself.
 */
static void
lede(struct extract *x, const struct dom *d, size_t h, size_t best,
    const char *title, size_t tlen, struct buf *out)
{
	size_t j, n = 0, box = 0;
	uint32_t least;

	if (h == 0 || h >= best)
		return;
	for (j = d->node[h].end; j < best && j < h + 400 && (n < 3 ||
	    d->node[j].parent == box); j++) {
		const struct dom_node *nd = &d->node[j];

		if (best < nd->end)
			continue;		/* an ancestor of the article */
		if (x->flag[j] & F_JUNK) {
			j = nd->end - 1;
			continue;
		}
		/* a picture's caption, title or credit: no standfirst */
		if (nd->tag == DOM_FIGURE || caption(x, d, j) ||
		    picture_box(d, j)) {
			if (x->caps != NULL)
				write_tree(x, d, j, title, tlen, x->caps);
			x->flag[j] |= F_DONE;
			j = nd->end - 1;
			continue;
		}
		/* a subtitle set as a heading is a standfirst too */
		if (nd->tag == DOM_TEXT || !(x->flag[j] & F_BLOCK) ||
		    (x->flag[j] & F_HASBLOCK) || (heading(nd->tag) &&
		    x->itext[j] < 60))
			continue;
		least = nd->parent == box || nd->tag == DOM_LI ? MIN_PARA : 40;
		if (nd->parent == box && nd->tag == DOM_LI)
			least = 1;
		if (x->itext[j] >= least &&
		    x->ilink[j] * 4 < x->itext[j] &&
		    (x->ipunct[j] > 0 || x->itext[j] >= 80 ||
		    heading(nd->tag)) && (x->itext[j] >= 40 ||
		    ends_sentence(x, d, j))) {
			write_tree(x, d, j, title, tlen, out);
			x->flag[j] |= F_DONE;
			if (nd->parent != box)
				n++;
			box = nd->parent;
		}
		j = nd->end - 1;
	}
}

/*
 * The headline the page shows when no heading says its title (the title
 * was written for search engines, "The Resurrection of ..." over an <h1>
 * "The Disappearance of ..."): the first <h1> before the article, best,
 * that is not furniture and says more than a link (a logo, "<h1><a
 * href=/>Site</a></h1>"); 0 when there is none.  Its standfirst is the
 * article's as much as under a headline that says the title.
 */
static size_t
shown_headline(const struct extract *x, const struct dom *d, size_t best)
{
	size_t i;

	for (i = 1; i < best; i++) {
		if (x->flag[i] & F_JUNK) {
			i = d->node[i].end - 1;
			continue;
		}
		if (d->node[i].tag == DOM_H1 && x->tlen[i] > x->llen[i])
			return i;
	}
	return 0;
}

/*
 * The candidate near the headline.  A page may carry several articles
 * (an endless scroll of them, teasers with their first paragraphs): the
 * page's own is the one under its headline.  Up to four levels above the
 * heading that says the title, the best candidate there wins if it scores
 * at least half as much as the best of the page and has half its text.
 */
static size_t
anchor(struct extract *x, const struct dom *d, size_t best, size_t h)
{
	size_t a, c, cand;
	int level;

	if (h == 0 || (h > best && h < d->node[best].end))
		return best;
	a = d->node[h].parent;
	for (level = 0; level < 4 && a != 0 && d->node[a].tag != DOM_BODY;
	    level++, a = d->node[a].parent) {
		cand = 0;
		for (c = a; c < d->node[a].end; c++) {
			if (x->flag[c] & F_JUNK) {
				c = d->node[c].end - 1;
				continue;
			}
			if (x->scored[c] && (cand == 0 || x->score[c] >
			    x->score[cand]))
				cand = c;
		}
		if (cand != 0 && x->score[cand] >= 0.5f * x->score[best] &&
		    x->tlen[cand] * 2 >= x->tlen[best])
			return refine(x, d, cand);
	}
	return best;
}

void
extract_explain(struct extract *x, struct buf *why)
{
	x->why = why;
}

/*
 * The article's container, 0 for none; the headline's heading in x->head.
 */
static size_t
choose(struct extract *x, const struct dom *d, const char *title,
    size_t tlen)
{
	size_t best, first, h;
	uint32_t ftext;

	mark(x, d, false, 0, 0);
	sums(x, d);
	if ((first = score(x, d)) != 0)
		first = refine(x, d, first);
	ftext = first != 0 ? x->tlen[first] - x->llen[first] : 0;
	/*
	 * The headline, looked for before furniture by class goes: a page
	 * may set its article's head (headline, standfirst) in a <header>
	 * of its own or in a box whose class says "has-ads"; that box is
	 * the article's, not furniture.
	 */
	h = title_heading(x, d, title, tlen);
	x->head = h;
	mark(x, d, true, first, h);
	sums(x, d);
	if ((best = score(x, d)) != 0)
		best = anchor(x, d, refine(x, d, best), h);
	/*
	 * Furniture by class must not take the article with it: when what
	 * is left is a fraction of what the first scoring found (and that
	 * was more than a line or two), a page's classes lie
	 * ("has-recommendations" on the article's wrapper), and the first
	 * scoring stands.
	 */
	if (first != 0 && ftext >= 250 && (best == 0 || (x->tlen[best] -
	    x->llen[best]) * 4 < ftext)) {
		mark(x, d, false, 0, 0);
		sums(x, d);
		if ((best = score(x, d)) != 0)
			best = anchor(x, d, refine(x, d, best), h);
	}
	return best;
}

/*
 * Text in <noscript>s and <template>s that hold prose (held_prose), twice
 * or more what the shown article holds (best, 0 for none), and 500
 * characters or more: the page shows a stub and a script puts the story
 * in place.  Only then are those boxes read (a lazy loader's fallback,
 * the rest of a story behind "read more").
 */
static bool
stub(const struct extract *x, const struct dom *d, size_t best)
{
	size_t i, j;
	uint32_t held = 0, shown;

	shown = best != 0 ? x->tlen[best] - x->llen[best] : 0;
	for (i = 1; i < d->nnode; i++) {
		if ((d->node[i].tag != DOM_NOSCRIPT && d->node[i].tag !=
		    DOM_TEMPLATE) || !held_prose(d, i))
			continue;
		for (j = i + 1; j < d->node[i].end; j++)
			if (d->node[j].tag == DOM_TEXT)
				held += x->tchars[j];
		i = d->node[i].end - 1;
	}
	return held >= 500 && held > 2 * shown;
}

size_t
extract_text(struct extract *x, const struct dom *d, const char *title,
    size_t tlen, struct buf *out, struct buf *caps)
{
	size_t best, p, c, h;
	float threshold;

	x->caps = caps;
	x->head = 0;
	x->held = false;
	x->cards = true;
	x->nteaser = 0;
	if (d->nnode < 2)
		return 0;
	room(x, d->nnode);
	memset(x->kinds, 0, d->nnode);
	x->counted = false;
	best = choose(x, d, title, tlen);
	/*
	 * Cards passed over, and what is left is no article (a footer's
	 * line): the cards were the article (a listicle in cards alone).
	 */
	if (x->nteaser > 0 && (best == 0 || x->tlen[best] - x->llen[best] <
	    150)) {
		x->cards = false;
		best = choose(x, d, title, tlen);
	}
	if (stub(x, d, best)) {
		x->held = true;
		best = choose(x, d, title, tlen);
	}
	h = x->head;
	buf_reset(&x->blk);
	if (best == 0) {
		/* No article: the <main>, else the body, less furniture. */
		for (c = 1; c < d->nnode; c++)
			if (d->node[c].tag == DOM_MAIN && !(x->flag[c] & F_JUNK))
				break;
		write_tree(x, d, c < d->nnode ? c : 0, title, tlen, out);
		return 0;
	}
	if (h == 0)
		h = shown_headline(x, d, best);
	c = out->len;
	lede(x, d, h, best, title, tlen, out);
	if (out->len == c)
		recall_before(x, d, best, h, title, tlen, out);
	p = d->node[best].parent;
	if (p == 0 || d->node[p].tag == DOM_HTML) {
		write_tree(x, d, best, title, tlen, out);
		return best;
	}
	threshold = x->score[best] * 0.2f;
	if (threshold < 10)
		threshold = 10;
	/*
	 * A sibling that is a picture's caption goes where captions go:
	 * write_tree looks for captions below its top only.
	 */
	for (c = p + 1; c < d->node[p].end; c = d->node[c].end) {
		if (c != best && !sibling_ok(x, d, c, best, threshold)) {
			if (x->why != NULL && d->node[c].tag != DOM_TEXT &&
			    !(x->flag[c] & F_DONE))
				left_out(x, d, c, (x->flag[c] & F_JUNK) ?
				    junk_why(x, d, c) : "extract.sibling");
			continue;
		}
		if (c != best && caption(x, d, c)) {
			flush(x, out);
			if (x->caps != NULL)
				write_tree(x, d, c, title, tlen, x->caps);
		} else
			write_tree(x, d, c, title, tlen, out);
	}
	recall_after(x, d, best, title, tlen, out);
	return best;
}
