/*
 * html.c - see html.h.
 *
 * One left-to-right pass with no allocation beyond the output buffer.  At
 * '&' we look for a reference we know and at '<' for a tag whose name is an
 * HTML element; anything else is copied as it is, which is what keeps prose
 * about "a < b" or "Q&A" intact.  The entity table is the 252 HTML 4 names
 * plus &apos;, which covers what news CMSs emit; it is sorted for bsearch.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/html.h"
#include "base/utf8.h"
#include "base/util.h"

/* Longest tag we are willing to scan for its '>', to bound the work. */
#define TAG_MAX		4096

struct entity {
	const char	*name;
	int32_t		 cp;
};

static const struct entity entities[] = {
	{"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0},
	{"Alpha", 0x391}, {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4},
	{"Beta", 0x392}, {"Ccedil", 0xC7}, {"Chi", 0x3A7}, {"Dagger", 0x2021},
	{"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9}, {"Ecirc", 0xCA},
	{"Egrave", 0xC8}, {"Epsilon", 0x395}, {"Eta", 0x397}, {"Euml", 0xCB},
	{"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC},
	{"Iota", 0x399}, {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B},
	{"Mu", 0x39C}, {"Ntilde", 0xD1}, {"Nu", 0x39D}, {"OElig", 0x152},
	{"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2}, {"Omega", 0x3A9},
	{"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5},
	{"Ouml", 0xD6}, {"Phi", 0x3A6}, {"Pi", 0x3A0}, {"Prime", 0x2033},
	{"Psi", 0x3A8}, {"Rho", 0x3A1}, {"Scaron", 0x160}, {"Sigma", 0x3A3},
	{"THORN", 0xDE}, {"Tau", 0x3A4}, {"Theta", 0x398}, {"Uacute", 0xDA},
	{"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5}, {"Uuml", 0xDC},
	{"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396},
	{"aacute", 0xE1}, {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6},
	{"agrave", 0xE0}, {"alefsym", 0x2135}, {"alpha", 0x3B1},
	{"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220}, {"apos", 0x27},
	{"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4},
	{"bdquo", 0x201E}, {"beta", 0x3B2}, {"brvbar", 0xA6},
	{"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7}, {"cedil", 0xB8},
	{"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663},
	{"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A},
	{"curren", 0xA4}, {"dArr", 0x21D3}, {"dagger", 0x2020},
	{"darr", 0x2193}, {"deg", 0xB0}, {"delta", 0x3B4}, {"diams", 0x2666},
	{"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"egrave", 0xE8},
	{"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002},
	{"epsilon", 0x3B5}, {"equiv", 0x2261}, {"eta", 0x3B7}, {"eth", 0xF0},
	{"euml", 0xEB}, {"euro", 0x20AC}, {"exist", 0x2203}, {"fnof", 0x192},
	{"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC},
	{"frac34", 0xBE}, {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265},
	{"gt", 0x3E}, {"hArr", 0x21D4}, {"harr", 0x2194}, {"hearts", 0x2665},
	{"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},
	{"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111},
	{"infin", 0x221E}, {"int", 0x222B}, {"iota", 0x3B9}, {"iquest", 0xBF},
	{"isin", 0x2208}, {"iuml", 0xEF}, {"kappa", 0x3BA}, {"lArr", 0x21D0},
	{"lambda", 0x3BB}, {"lang", 0x2329}, {"laquo", 0xAB},
	{"larr", 0x2190}, {"lceil", 0x2308}, {"ldquo", 0x201C},
	{"le", 0x2264}, {"lfloor", 0x230A}, {"lowast", 0x2217},
	{"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039},
	{"lsquo", 0x2018}, {"lt", 0x3C}, {"macr", 0xAF}, {"mdash", 0x2014},
	{"micro", 0xB5}, {"middot", 0xB7}, {"minus", 0x2212}, {"mu", 0x3BC},
	{"nabla", 0x2207}, {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260},
	{"ni", 0x220B}, {"not", 0xAC}, {"notin", 0x2209}, {"nsub", 0x2284},
	{"ntilde", 0xF1}, {"nu", 0x3BD}, {"oacute", 0xF3}, {"ocirc", 0xF4},
	{"oelig", 0x153}, {"ograve", 0xF2}, {"oline", 0x203E},
	{"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295},
	{"or", 0x2228}, {"ordf", 0xAA}, {"ordm", 0xBA}, {"oslash", 0xF8},
	{"otilde", 0xF5}, {"otimes", 0x2297}, {"ouml", 0xF6}, {"para", 0xB6},
	{"part", 0x2202}, {"permil", 0x2030}, {"perp", 0x22A5},
	{"phi", 0x3C6}, {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1},
	{"pound", 0xA3}, {"prime", 0x2032}, {"prod", 0x220F},
	{"prop", 0x221D}, {"psi", 0x3C8}, {"quot", 0x22}, {"rArr", 0x21D2},
	{"radic", 0x221A}, {"rang", 0x232A}, {"raquo", 0xBB},
	{"rarr", 0x2192}, {"rceil", 0x2309}, {"rdquo", 0x201D},
	{"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B}, {"rho", 0x3C1},
	{"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019},
	{"sbquo", 0x201A}, {"scaron", 0x161}, {"sdot", 0x22C5},
	{"sect", 0xA7}, {"shy", 0xAD}, {"sigma", 0x3C3}, {"sigmaf", 0x3C2},
	{"sim", 0x223C}, {"spades", 0x2660}, {"sub", 0x2282},
	{"sube", 0x2286}, {"sum", 0x2211}, {"sup", 0x2283}, {"sup1", 0xB9},
	{"sup2", 0xB2}, {"sup3", 0xB3}, {"supe", 0x2287}, {"szlig", 0xDF},
	{"tau", 0x3C4}, {"there4", 0x2234}, {"theta", 0x3B8},
	{"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE},
	{"tilde", 0x2DC}, {"times", 0xD7}, {"trade", 0x2122},
	{"uArr", 0x21D1}, {"uacute", 0xFA}, {"uarr", 0x2191}, {"ucirc", 0xFB},
	{"ugrave", 0xF9}, {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5},
	{"uuml", 0xFC}, {"weierp", 0x2118}, {"xi", 0x3BE}, {"yacute", 0xFD},
	{"yen", 0xA5}, {"yuml", 0xFF}, {"zeta", 0x3B6}, {"zwj", 0x200D},
	{"zwnj", 0x200C},
};

enum tagkind {
	TAG_INLINE,	/* dropped without a trace */
	TAG_SPACE,	/* a table cell: keep neighbours apart */
	TAG_LINE,	/* a line break */
	TAG_BLOCK,	/* a paragraph break */
	TAG_RAW		/* the element and its content are dropped */
};

struct tagname {
	const char	*name;
	enum tagkind	 kind;
};

/* Sorted by name (bsearch); lower case. */
static const struct tagname tagnames[] = {
	{"a", TAG_INLINE}, {"abbr", TAG_INLINE}, {"address", TAG_BLOCK},
	{"area", TAG_INLINE}, {"article", TAG_BLOCK}, {"aside", TAG_BLOCK},
	{"audio", TAG_INLINE}, {"b", TAG_INLINE}, {"base", TAG_INLINE},
	{"bdi", TAG_INLINE}, {"bdo", TAG_INLINE}, {"big", TAG_INLINE},
	{"blockquote", TAG_BLOCK}, {"body", TAG_BLOCK}, {"br", TAG_LINE},
	{"button", TAG_INLINE}, {"canvas", TAG_INLINE}, {"caption", TAG_BLOCK},
	{"center", TAG_BLOCK}, {"cite", TAG_INLINE}, {"code", TAG_INLINE},
	{"col", TAG_INLINE}, {"colgroup", TAG_INLINE}, {"data", TAG_INLINE},
	{"dd", TAG_BLOCK}, {"del", TAG_INLINE}, {"details", TAG_BLOCK},
	{"dfn", TAG_INLINE}, {"div", TAG_BLOCK}, {"dl", TAG_BLOCK},
	{"dt", TAG_BLOCK}, {"em", TAG_INLINE}, {"embed", TAG_INLINE},
	{"fieldset", TAG_BLOCK}, {"figcaption", TAG_BLOCK},
	{"figure", TAG_BLOCK}, {"font", TAG_INLINE}, {"footer", TAG_BLOCK},
	{"form", TAG_BLOCK}, {"h1", TAG_BLOCK}, {"h2", TAG_BLOCK},
	{"h3", TAG_BLOCK}, {"h4", TAG_BLOCK}, {"h5", TAG_BLOCK},
	{"h6", TAG_BLOCK}, {"head", TAG_BLOCK}, {"header", TAG_BLOCK},
	{"hgroup", TAG_BLOCK}, {"hr", TAG_BLOCK}, {"html", TAG_BLOCK},
	{"i", TAG_INLINE}, {"iframe", TAG_INLINE}, {"img", TAG_INLINE},
	{"input", TAG_INLINE}, {"ins", TAG_INLINE}, {"kbd", TAG_INLINE},
	{"label", TAG_INLINE}, {"legend", TAG_BLOCK}, {"li", TAG_LINE},
	{"link", TAG_INLINE}, {"main", TAG_BLOCK}, {"map", TAG_INLINE},
	{"mark", TAG_INLINE}, {"meta", TAG_INLINE}, {"nav", TAG_BLOCK},
	{"nobr", TAG_INLINE}, {"noscript", TAG_RAW}, {"object", TAG_INLINE},
	{"ol", TAG_BLOCK}, {"option", TAG_LINE}, {"p", TAG_BLOCK},
	{"param", TAG_INLINE}, {"picture", TAG_INLINE}, {"pre", TAG_BLOCK},
	{"q", TAG_INLINE}, {"s", TAG_INLINE}, {"samp", TAG_INLINE},
	{"script", TAG_RAW}, {"section", TAG_BLOCK}, {"select", TAG_INLINE},
	{"small", TAG_INLINE}, {"source", TAG_INLINE}, {"span", TAG_INLINE},
	{"strike", TAG_INLINE}, {"strong", TAG_INLINE}, {"style", TAG_RAW},
	{"sub", TAG_INLINE}, {"summary", TAG_BLOCK}, {"sup", TAG_INLINE},
	{"table", TAG_BLOCK}, {"tbody", TAG_BLOCK}, {"td", TAG_SPACE},
	{"template", TAG_RAW}, {"textarea", TAG_INLINE}, {"tfoot", TAG_BLOCK},
	{"th", TAG_SPACE}, {"thead", TAG_BLOCK}, {"time", TAG_INLINE},
	{"title", TAG_BLOCK}, {"tr", TAG_LINE}, {"tt", TAG_INLINE},
	{"u", TAG_INLINE}, {"ul", TAG_BLOCK}, {"var", TAG_INLINE},
	{"video", TAG_INLINE}, {"wbr", TAG_INLINE},
};

struct key {
	const char	*s;
	size_t		 n;
};

static int
keycmp(const struct key *k, const char *name)
{
	size_t m = strlen(name);
	int c;

	c = memcmp(k->s, name, k->n < m ? k->n : m);
	if (c != 0)
		return c;
	return k->n < m ? -1 : k->n > m;
}

static int
entity_cmp(const void *k, const void *e)
{
	return keycmp(k, ((const struct entity *)e)->name);
}

static int
tag_cmp(const void *k, const void *t)
{
	return keycmp(k, ((const struct tagname *)t)->name);
}

bool
html_maybe(const char *s, size_t n)
{
	return memchr(s, '&', n) != NULL || memchr(s, '<', n) != NULL;
}

/*
 * Decode the reference at s[0] == '&'; returns the bytes it takes, or 0
 * when it is not one we know (then '&' is ordinary text).
 */
static size_t
entity(const char *s, size_t n, struct buf *out)
{
	const struct entity *e;
	struct key k;
	uint32_t cp = 0;
	size_t i = 1, start;
	int base = 10, d;
	char one;

	if (n > 2 && s[1] == '#') {
		i = 2;
		if (s[2] == 'x' || s[2] == 'X') {
			base = 16;
			i = 3;
		}
		for (start = i; i < n && i - start < 8; i++) {
			if (isdigit((unsigned char)s[i]))
				d = s[i] - '0';
			else if (base == 16 && isxdigit((unsigned char)s[i]))
				d = (tolower((unsigned char)s[i]) - 'a') + 10;
			else
				break;
			/* Past U+10FFFF it is invalid anyway; stop before it overflows. */
			if (cp <= 0x10FFFF)
				cp = cp * base + d;
		}
		if (i == start || i >= n || s[i] != ';')
			return 0;
		if (cp >= 0x80 && cp <= 0x9F) {
			/* HTML5: these name Windows-1252 characters. */
			one = (char)cp;
			utf8_from_cp1252(out, &one, 1);
		} else if (cp == 0 || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			utf8_add(out, 0xFFFD);
		else
			utf8_add(out, (int32_t)cp);
		return i + 1;
	}
	for (i = 1; i < n && i < 12 && isalnum((unsigned char)s[i]); i++)
		;
	if (i == 1 || i >= n || s[i] != ';')
		return 0;
	k.s = s + 1;
	k.n = i - 1;
	e = bsearch(&k, entities, NELEM(entities), sizeof(entities[0]),
	    entity_cmp);
	if (e == NULL)
		return 0;
	utf8_add(out, e->cp);
	return i + 1;
}

/* Case-insensitive search for the ASCII needle (lower case) in s. */
static const char *
find_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle), i, j;

	for (i = 0; i + m <= n; i++) {
		for (j = 0; j < m; j++)
			if (tolower((unsigned char)s[i + j]) != needle[j])
				break;
		if (j == m)
			return s + i;
	}
	return NULL;
}

/* The end of a tag whose '>' is searched from s: quotes may hide '>'. */
static const char *
tag_end(const char *s, size_t n)
{
	size_t i;
	char q = 0;

	if (n > TAG_MAX)
		n = TAG_MAX;
	for (i = 0; i < n; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '>')
			return s + i;
		else if (s[i] == '<')
			return NULL;	/* "<b x < y": not a tag after all */
	}
	return NULL;
}

/*
 * Strip the markup at s[0] == '<'; returns the bytes it takes, or 0 when
 * it is not markup (then '<' is ordinary text).
 */
/*
 * What earlier searches found missing: from here on there is no "-->", no
 * closing tag of each raw-text element.  A search that failed from one
 * place fails from any later one, so each looks once, and an unclosed
 * <script> or comment costs one pass however often it opens again.
 */
struct scan {
	const char	*nocomment;
	const char	*noclose[4];
};

/* The raw-text elements, for scan.noclose. */
static const char *const rawnames[] = {
	"noscript", "script", "style", "template"
};

/*
 * The tag of a known element at s[0] == '<' (n bytes): its entry, its
 * name lower-cased into name (16 bytes) and its length in *len, whether it
 * closes, and its '>' in *end; NULL when it is none.
 */
static const struct tagname *
element(const char *s, size_t n, char *name, size_t *len, int *closing,
    const char **end)
{
	const struct tagname *t;
	struct key k;
	size_t i = 1, j;

	*closing = 0;
	if (i < n && s[i] == '/') {
		*closing = 1;
		i++;
	}
	for (j = 0; i < n && j < 16 && isalnum((unsigned char)s[i]); i++, j++)
		name[j] = (char)tolower((unsigned char)s[i]);
	if (j == 0 || j == 16 || i >= n || !isalpha((unsigned char)name[0]))
		return NULL;
	if (s[i] != '>' && s[i] != '/' && !isspace((unsigned char)s[i]))
		return NULL;
	k.s = name;
	k.n = j;
	t = bsearch(&k, tagnames, NELEM(tagnames), sizeof(tagnames[0]),
	    tag_cmp);
	if (t == NULL || (*end = tag_end(s + i, n - i)) == NULL)
		return NULL;
	*len = j;
	return t;
}

bool
html_markup(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *e;
	const struct tagname *t;
	char name[16];
	size_t k, len;
	int closing, tags = 0, comments = 1;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		k = (size_t)(end - p);
		if (comments && k >= 4 && memcmp(p, "<!--", 4) == 0) {
			if (memmem(p + 4, k - 4, "-->", 3) != NULL)
				return true;
			comments = 0;	/* none closes after this one */
		}
		if (k >= 9 && strncasecmp(p, "<!doctype", 9) == 0)
			return true;
		if ((t = element(p, k, name, &len, &closing, &e)) == NULL) {
			p++;
			continue;
		}
		if (closing || t->kind == TAG_RAW || e[-1] == '/' ||
		    memchr(p, '=', (size_t)(e - p)) != NULL || ++tags >= 3)
			return true;
		p = e;
	}
	return false;
}

static size_t
tag(const char *s, size_t n, struct buf *out, struct scan *sc)
{
	const struct tagname *t;
	const char *e, *close;
	char name[16];
	size_t i, j, r;
	int closing;

	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		if (sc->nocomment != NULL && s >= sc->nocomment)
			return 0;
		if ((e = memmem(s + 4, n - 4, "-->", 3)) == NULL)
			sc->nocomment = s;
		return e != NULL ? (size_t)(e - s) + 3 : 0;
	}
	if (n >= 2 && (s[1] == '!' || s[1] == '?') && n >= 3 &&
	    isalpha((unsigned char)s[2])) {
		e = tag_end(s + 2, n - 2);
		return e != NULL ? (size_t)(e - s) + 1 : 0;
	}
	if ((t = element(s, n, name, &j, &closing, &e)) == NULL)
		return 0;
	i = (size_t)(e - s) + 1;
	switch (t->kind) {
	case TAG_INLINE:
		break;
	case TAG_SPACE:
		buf_addc(out, ' ');
		break;
	case TAG_LINE:
		/* Only the opening tag: </li><li> must not make a blank line. */
		if (!closing)
			buf_addc(out, '\n');
		break;
	case TAG_BLOCK:
		buf_adds(out, "\n\n");
		break;
	case TAG_RAW:
		if (closing || e[-1] == '/')
			break;
		/* Drop the content up to the matching close tag, if any. */
		name[j] = '\0';
		for (r = 0; r < NELEM(rawnames); r++)
			if (strcmp(rawnames[r], name) == 0)
				break;
		if (r < NELEM(rawnames) && sc->noclose[r] != NULL &&
		    s >= sc->noclose[r])
			break;
		close = s + i;
		while ((close = find_ci(close, n - (size_t)(close - s),
		    "</")) != NULL) {
			if (find_ci(close + 2, j, name) == close + 2 &&
			    (e = tag_end(close + 2, n - (size_t)(close + 2 -
			    s))) != NULL)
				return (size_t)(e - s) + 1;
			close += 2;
		}
		if (r < NELEM(rawnames))
			sc->noclose[r] = s;
		break;
	}
	return i;
}

void
html_clean(const char *s, size_t n, struct buf *out, unsigned flags)
{
	struct scan sc = { NULL, { NULL, NULL, NULL, NULL } };
	size_t i = 0, run, k;

	if ((flags & HTML_TAGS) && !html_markup(s, n))
		flags &= ~HTML_TAGS;
	buf_grow(out, n);
	while (i < n) {
		for (run = i; run < n && s[run] != '&' && s[run] != '<'; run++)
			;
		buf_add(out, s + i, run - i);
		if ((i = run) >= n)
			break;
		k = 0;
		if (s[i] == '&' && (flags & HTML_ENTITIES))
			k = entity(s + i, n - i, out);
		else if (s[i] == '<' && (flags & HTML_TAGS))
			k = tag(s + i, n - i, out, &sc);
		if (k == 0) {
			buf_addc(out, s[i]);
			k = 1;
		}
		i += k;
	}
}
