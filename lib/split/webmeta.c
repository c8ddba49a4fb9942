/*
 * webmeta.c - see webmeta.h.
 *
 * One pass over the tree collects the candidates (<meta> tags, links,
 * <title>, <h1>s, <time>s, JSON-LD blocks); then each field takes the
 * best of its own.  The orders of preference are those of the issue that
 * asked for them and of the extractors that have lived with the web
 * longest (trafilatura's htmldate, newspaper): structured data that a
 * publisher writes for search engines is the most reliable, the page's
 * visible text the least.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/util.h"
#include "split/date.h"
#include "text/html.h"
#include "split/webmeta.h"

/*
 * <meta> names (name, property or itemprop) that give the publication
 * date, best first.
 */
static const char *const date_metas[] = {
	"article:published_time", "og:published_time",
	"og:article:published_time", "article.published", "datepublished",
	"publishdate", "publish-date", "publish_date", "published_time",
	"published-date", "pubdate", "article_date_original",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
	"dcterms.created", "dc.date.created", "sailthru.date",
	"parsely-pub-date", "cxenseparse:recs:publishtime",
	"citation_publication_date", "citation_date", "publication_date",
	"originalpublicationdate", "bt:pubdate", "displaydate",
	"release_date", "uploaddate", "datecreated",
	/* rarer names, from htmldate's list and the PRISM vocabulary */
	"article:published", "article:post_date", "article:published_date",
	"og:publish_date", "og:pubdate", "og:datepublished", "date_published",
	"pub_date", "dc.date.publication", "dcsext.articlefirstpublished",
	"prism.publicationdate", "rnews:datepublished",
	"shareaholic:article_published_time", "twt-published-at",
};

void
webmeta_init(struct webmeta *m)
{
	memset(m, 0, sizeof(*m));
	jsonld_init(&m->ld);
}

void
webmeta_free(struct webmeta *m)
{
	buf_free(&m->url);
	buf_free(&m->date);
	buf_free(&m->title);
	buf_free(&m->byline);
	buf_free(&m->source);
	buf_free(&m->lang);
	buf_free(&m->og_title);
	buf_free(&m->ld_title);
	buf_free(&m->doc_title);
	buf_free(&m->site);
	buf_free(&m->tmp);
	buf_free(&m->tmp2);
	buf_free(&m->body);
	jsonld_free(&m->ld);
	free(m->h1);
	memset(m, 0, sizeof(*m));
}

static bool
ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*
 * Append s to out trimmed, white space runs (and U+00A0) one space, and
 * without soft hyphens (U+00AD): a hint for breaking lines in HTML, noise
 * in a field read as text ("Genesenen\u00ad\u00adnachweise").
 */
static void
collapse(struct buf *out, const char *s, size_t n)
{
	size_t i, start = out->len;
	bool sp = false;

	for (i = 0; i < n; i++) {
		if (s[i] == '\xc2' && i + 1 < n && s[i + 1] == '\xad') {
			i++;
			continue;
		}
		if (ws(s[i]) || (s[i] == '\xc2' && i + 1 < n &&
		    s[i + 1] == '\xa0')) {
			if (s[i] == '\xc2')
				i++;
			sp = true;
			continue;
		}
		if (sp && out->len > start)
			buf_addc(out, ' ');
		sp = false;
		buf_addc(out, s[i]);
	}
}

/* Set field f to s (collapsed), unless it already has a value. */
static void
set_once(struct buf *f, const char *s, size_t n)
{
	if (f->len == 0 && s != NULL)
		collapse(f, s, n);
}

static bool
same_ci(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strncasecmp(a, b, an) == 0;
}

/* ---- dates ----------------------------------------------------------- */

/* Digits at s[*i] (at most max of them): their value, or -1. */
static int
digits(const char *s, size_t n, size_t *i, int min, int max)
{
	int v = 0, k = 0;

	while (*i < n && k < max && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++, k++;
	}
	if (k < min || (*i < n && s[*i] >= '0' && s[*i] <= '9'))
		return -1;
	return v;
}

/*
 * A date at the start of s or after a few words ("Published 22 April
 * 2021", "Stand: 22.04.2021"), appended to iso as ISO 8601.
 */
static bool
parse_date_in(const char *s, size_t n, struct buf *iso, enum date_order order)
{
	size_t i = 0, k, used, mark = iso->len;
	int tries;

	/*
	 * Every form date_parse knows has a year in digits: most texts
	 * near a headline have no digit, and need not be tried eight times.
	 */
	for (i = 0; i < n && !(s[i] >= '0' && s[i] <= '9'); i++)
		;
	if (i == n)
		return false;
	/* words end at no-break and thin spaces too ("Stand:\u00a04.2.2022") */
	for (i = 0, tries = 0; tries < 8 && i < n; tries++) {
		while (i < n && (ws(s[i]) || (k = date_space(s + i, n - i)) > 0))
			i += ws(s[i]) ? 1 : k;
		if (i >= n)
			break;
		if (date_parse_order(s + i, n - i, iso, &used, order) ==
		    DATE_OK)
			return true;
		buf_truncate(iso, mark);
		while (i < n && !ws(s[i]) && date_space(s + i, n - i) == 0)
			i++;
	}
	return false;
}

static bool
parse_date(const char *s, size_t n, struct buf *iso)
{
	return parse_date_in(s, n, iso, DATE_EITHER);
}

/* ---- the JSON-LD articleBody ------------------------------------------ */

/* Bytes of s that are not white space. */
static size_t
letters(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += !ws((unsigned char)s[i]);
	return k;
}

/*
 * The articleBody as blocks, into out: see webmeta_body.  Its markup and
 * entities are artclean's html step's (html_clean: a block tag becomes a
 * line break); then each line is a block and white space runs are one
 * space.
 */
static void
body_blocks(const char *s, size_t n, struct buf *out, struct buf *tmp)
{
	size_t i, blk = 0;
	bool sp = false;

	buf_reset(tmp);
	html_clean(s, n, tmp, HTML_ENTITIES | HTML_TAGS);
	s = tmp->s;
	n = tmp->len;
	for (i = 0; i < n; i++) {
		if (s[i] == '\n' || s[i] == '\r') {
			if (out->len > blk)
				buf_adds(out, "\n\n");
			blk = out->len;
			sp = false;
		} else if (ws((unsigned char)s[i]))
			sp = true;
		else {
			if (sp && out->len > blk)
				buf_addc(out, ' ');
			sp = false;
			buf_addc(out, s[i]);
		}
	}
	while (out->len > 0 && out->s[out->len - 1] == '\n')
		out->len--;
}

bool
webmeta_body(struct webmeta *m, struct buf *text)
{
	m->text_letters = m->body_letters = 0;
	if (m->nbody != 1)
		return false;
	buf_reset(&m->tmp);
	body_blocks(m->body.s, m->body.len, &m->tmp, &m->tmp2);
	m->body_letters = letters(m->tmp.s, m->tmp.len);
	m->text_letters = letters(text->s, text->len);
	if (m->body_letters < 500 || m->text_letters * 2 >= m->body_letters)
		return false;
	buf_reset(text);
	buf_add(text, m->tmp.s, m->tmp.len);
	return true;
}

/* A value that must be a date from its first byte (a <meta>, JSON-LD). */
static bool
parse_date_value(const char *s, size_t n, struct buf *iso)
{
	size_t used, mark = iso->len;

	while (n > 0 && ws(*s))
		s++, n--;
	if (date_parse(s, n, iso, &used) == DATE_OK)
		return true;
	buf_truncate(iso, mark);
	return false;
}

bool
webmeta_url_date(const char *url, size_t n, struct buf *iso)
{
	size_t i, j, path;
	int y, m, d;

	/* the path: after "scheme://host" */
	path = 0;
	for (i = 0; i + 2 < n; i++)
		if (url[i] == ':' && url[i + 1] == '/' && url[i + 2] == '/') {
			for (j = i + 3; j < n && url[j] != '/'; j++)
				;
			path = j;
			break;
		}
	for (i = path; i + 8 <= n; i++) {
		if (url[i] < '0' || url[i] > '9' || (i > 0 && url[i - 1] >= '0' &&
		    url[i - 1] <= '9'))
			continue;
		j = i;
		/* 29-10-2021 */
		if ((d = digits(url, n, &j, 2, 2)) >= 0 && j < n &&
		    url[j] == '-' && (j++, (m = digits(url, n, &j, 2, 2)) >= 0) &&
		    j < n && url[j] == '-' && (j++, (y = digits(url, n, &j, 4,
		    4)) >= 1990) && date_valid(y, m, d)) {
			buf_printf(iso, "%04d-%02d-%02d", y, m, d);
			return true;
		}
		j = i;
		if ((y = digits(url, n, &j, 4, 4)) < 0) {
			/* 20210422 */
			j = i;
			if (i + 8 <= n && digits(url, n, &j, 8, 8) >= 0) {
				y = (url[i] - '0') * 1000 + (url[i + 1] - '0') *
				    100 + (url[i + 2] - '0') * 10 +
				    (url[i + 3] - '0');
				m = (url[i + 4] - '0') * 10 + (url[i + 5] - '0');
				d = (url[i + 6] - '0') * 10 + (url[i + 7] - '0');
				if (y >= 1990 && date_valid(y, m, d)) {
					buf_printf(iso, "%04d-%02d-%02d", y, m,
					    d);
					return true;
				}
			}
			continue;
		}
		if (y < 1990 || y > 2100 || j >= n || (url[j] != '/' &&
		    url[j] != '-' && url[j] != '_'))
			continue;
		j++;
		if ((m = digits(url, n, &j, 2, 2)) < 0 || j >= n ||
		    (url[j] != '/' && url[j] != '-' && url[j] != '_'))
			continue;
		j++;
		if ((d = digits(url, n, &j, 2, 2)) < 0 || !date_valid(y, m, d))
			continue;
		if (j < n && url[j] != '/' && url[j] != '-' && url[j] != '_' &&
		    url[j] != '.' && url[j] != '?' && url[j] != '#')
			continue;
		buf_printf(iso, "%04d-%02d-%02d", y, m, d);
		return true;
	}
	return false;
}

/* A byte of a word: an ASCII letter or digit, or part of a UTF-8 letter. */
static bool
isword(int c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <=
	    'z') || (c & 0x80);
}

/* ---- titles ---------------------------------------------------------- */

/* Separators between a headline and a site name, strongest first. */
static const char *const seps[] = {
	" | ", " \xe2\x80\x94 ", " \xe2\x80\x93 ", " - ", " :: ", " \xc2\xb7 ",
	" \xe2\x80\xa2 ", " \xc2\xbb ", " \xe2\x80\xba ", " // ",
};

static size_t
words(const char *s, size_t n)
{
	size_t i, w = 0;
	bool in = false;

	for (i = 0; i < n; i++) {
		if (ws(s[i]))
			in = false;
		else if (!in) {
			in = true;
			w++;
		}
	}
	return w;
}

/* Does segment s look like the site's name? */
static bool
site_like(const char *s, size_t n, const char *site, size_t sn)
{
	const char *dot, *h;
	size_t i;

	if (site != NULL && sn > 0) {
		if (same_ci(s, n, site, sn))
			return true;
		/* "BBC News" for site "BBC", "Kleinstadt Bote" for "bote" */
		for (i = 0; i + sn <= n; i++)
			if (strncasecmp(s + i, site, sn) == 0 && n <= sn + 24)
				return true;
		/*
		 * A site named by its host ("www.bote.example", as some
		 * og:site_name say) is "BOTE" in its titles: the label
		 * before the last dot.
		 */
		if (memchr(site, ' ', sn) == NULL && (dot = memrchr(site, '.',
		    sn)) != NULL) {
			h = memrchr(site, '.', (size_t)(dot - site));
			h = h != NULL ? h + 1 : site;
			if (dot - h >= 3 && same_ci(s, n, h, (size_t)(dot - h)))
				return true;
		}
	}
	return false;
}

void
webmeta_strip_site(const char *t, size_t n, const char *site, size_t sn,
    struct buf *out)
{
	const char *p, *last = NULL, *first = NULL;
	size_t k, i, sl = 0;

	for (k = 0; k < NELEM(seps) && last == NULL; k++) {
		sl = strlen(seps[k]);
		for (i = 0; i + sl <= n; i++)
			if (memcmp(t + i, seps[k], sl) == 0) {
				if (first == NULL)
					first = t + i;
				last = t + i;
			}
	}
	if (last == NULL) {
		buf_add(out, t, n);
		return;
	}
	/*
	 * "Headline | Site": the site's name, or a short tail; after " | ",
	 * the strongest separator, any tail of six words or fewer shorter
	 * than the headline.
	 */
	p = last + sl;
	if (site_like(p, (size_t)(t + n - p), site, sn) || (words(p,
	    (size_t)(t + n - p)) <= 4 && (size_t)(last - t) >
	    2 * (size_t)(t + n - p)) || (strcmp(seps[k - 1], " | ") == 0 &&
	    words(p, (size_t)(t + n - p)) <= 6 && (size_t)(last - t) >
	    (size_t)(t + n - p))) {
		buf_add(out, t, (size_t)(last - t));
		return;
	}
	/* "Site | Headline" */
	if (site_like(t, (size_t)(first - t), site, sn)) {
		p = first + sl;
		buf_add(out, p, (size_t)(t + n - p));
		return;
	}
	buf_add(out, t, n);
}

/*
 * Does title t (a <meta>'s or the <title>) confirm heading h: the same
 * text, or one of its parts between separators ("Headline | Site",
 * "Site - Section - Headline")?  The caller makes sure h is not the
 * site's name, which is a part too.
 */
static bool
confirms(const struct buf *t, const char *h, size_t hn)
{
	const char *p, *q, *end;
	size_t i, sl;

	if (t->len == 0 || hn == 0)
		return false;
	if (dom_same_text(t->s, t->len, h, hn))
		return true;
	end = t->s + t->len;
	for (i = 0; i < NELEM(seps); i++) {
		sl = strlen(seps[i]);
		if (memmem(t->s, t->len, seps[i], sl) == NULL)
			continue;
		for (p = t->s; p < end; p = q + sl) {
			if ((q = memmem(p, (size_t)(end - p), seps[i],
			    sl)) == NULL)
				q = end;
			if (dom_same_text(p, (size_t)(q - p), h, hn))
				return true;
			if (q == end)
				break;
		}
	}
	return false;
}

/* The share of the words of h (at least three) found in t. */
static double
overlap(const struct buf *t, const char *h, size_t hn)
{
	size_t i, j, k, nw = 0, found = 0;

	if (t->len == 0)
		return 0;
	for (i = 0; i < hn; i = j) {
		while (i < hn && (ws(h[i]) || h[i] == ':' || h[i] == ','))
			i++;
		for (j = i; j < hn && !ws(h[j]) && h[j] != ':' && h[j] != ',';
		    j++)
			;
		if (j == i)
			break;
		nw++;
		for (k = 0; k + (j - i) <= t->len; k++)
			if (strncasecmp(t->s + k, h + i, j - i) == 0 &&
			    (k == 0 || !isword(t->s[k - 1])) &&
			    (k + (j - i) == t->len || !isword(t->s[k + j - i]))) {
				found++;
				break;
			}
	}
	return nw >= 3 ? (double)found / (double)nw : 0;
}

/* ---- the pass over the page ------------------------------------------ */

/* Whether the class or id of element i has a word that begins with w. */
static bool
class_has(const struct dom *d, size_t i, const char *const *w)
{
	const char *s;
	size_t n, k, j, l;
	int a;

	for (a = 0; a < 2; a++) {
		if ((s = dom_attr(d, i, a == 0 ? DA_CLASS : DA_ID, &n)) == NULL)
			continue;
		for (j = 0; j < n; j++) {
			/* a word starts after a non-letter, or camelCase */
			if (j > 0 && ((s[j - 1] | 0x20) >= 'a' &&
			    (s[j - 1] | 0x20) <= 'z') && !(s[j - 1] >= 'a' &&
			    s[j - 1] <= 'z' && s[j] >= 'A' && s[j] <= 'Z'))
				continue;
			/* the words are in lower case */
			for (k = 0; w[k] != NULL; k++) {
				if ((s[j] | 0x20) != w[k][0])
					continue;
				l = strlen(w[k]);
				if (j + l <= n && strncasecmp(s + j, w[k],
				    l) == 0)
					return true;
			}
		}
	}
	return false;
}

/* "By Jane Doe" -> "Jane Doe", and the like in a few languages. */
static void
set_byline(struct webmeta *m, const char *s, size_t n)
{
	static const char *const by[] = {
		"by ", "von ", "par ", "por ", "di ", "door ", "av ", "autor: ",
		"author: ", "text: ", "von: ",
	};
	size_t k, l;

	if (m->byline.len > 0)
		return;
	buf_reset(&m->tmp);
	collapse(&m->tmp, s, n);
	s = m->tmp.s;
	n = m->tmp.len;
	if (n == 0 || n > 200)
		return;
	/* a link, not a name */
	if (n > 4 && strncmp(s, "http", 4) == 0)
		return;
	for (k = 0; k < NELEM(by); k++) {
		l = strlen(by[k]);
		if (n > l && strncasecmp(s, by[k], l) == 0) {
			s += l;
			n -= l;
			break;
		}
	}
	collapse(&m->byline, s, n);
}

/* The names of a JSON-LD author value: a string, {"name"}, or a list. */
static void
ld_names(struct webmeta *m, size_t a, struct buf *out)
{
	const struct jsonld *j = &m->ld;
	const char *s;
	size_t c, n, v;

	if ((s = jsonld_str(j, a, &n)) != NULL) {
		if (n > 0 && strncmp(s, "http", 4) != 0) {
			if (out->len > 0)
				buf_add(out, ", ", 2);
			collapse(out, s, n);
		}
		return;
	}
	if (j->node[a].type == JL_OBJECT) {
		if ((v = jsonld_get(j, a, "name")) != 0 &&
		    (s = jsonld_str(j, v, &n)) != NULL && n > 0) {
			if (out->len > 0)
				buf_add(out, ", ", 2);
			collapse(out, s, n);
		}
		return;
	}
	if (j->node[a].type == JL_ARRAY)
		for (c = a + 1; c < j->node[a].end; c = j->node[c].end)
			if (j->node[c].type != JL_ARRAY)
				ld_names(m, c, out);
}

/* What the JSON-LD says: headline, dates, author, publisher. */
static void
read_ld(struct webmeta *m, struct buf *ld_date, struct buf *ld_date2,
    struct buf *author)
{
	const struct jsonld *j = &m->ld;
	const char *s;
	size_t i, v, p, n;
	bool art;

	for (i = 1; i < j->nnode; i++) {
		if (j->node[i].type != JL_OBJECT)
			continue;
		art = jsonld_type_is(j, i, "Article") ||
		    jsonld_type_is(j, i, "Posting") ||
		    jsonld_type_is(j, i, "Report");
		if ((v = jsonld_get(j, i, "datePublished")) != 0 &&
		    (s = jsonld_str(j, v, &n)) != NULL) {
			if (art && ld_date->len == 0)
				parse_date_value(s, n, ld_date);
			else if (ld_date2->len == 0)
				parse_date_value(s, n, ld_date2);
		}
		if (!art)
			continue;
		if ((v = jsonld_get(j, i, "headline")) != 0 &&
		    (s = jsonld_str(j, v, &n)) != NULL)
			set_once(&m->ld_title, s, n);
		if (author->len == 0 && (v = jsonld_get(j, i, "author")) != 0)
			ld_names(m, v, author);
		if ((p = jsonld_get(j, i, "publisher")) != 0 &&
		    (v = jsonld_get(j, p, "name")) != 0 &&
		    (s = jsonld_str(j, v, &n)) != NULL)
			set_once(&m->site, s, n);
		if ((v = jsonld_get(j, i, "articleBody")) != 0 &&
		    (s = jsonld_str(j, v, &n)) != NULL && n > 0) {
			if (m->nbody++ == 0)
				buf_add(&m->body, s, n);
		}
	}
}

static bool
is_name(const char *s, size_t n, const char *const *names)
{
	size_t k;

	for (k = 0; names[k] != NULL; k++)
		if (same_ci(s, n, names[k], strlen(names[k])))
			return true;
	return false;
}

static void
set_lang(struct webmeta *m, const char *s, size_t n)
{
	size_t i;

	if (m->lang.len > 0)
		return;
	while (n > 0 && ws(*s))
		s++, n--;
	for (i = 0; i < n && i < 8 && ((s[i] | 0x20) >= 'a' &&
	    (s[i] | 0x20) <= 'z'); i++)
		buf_addc(&m->lang, s[i] | 0x20);
	if (i < 2 || i > 3 || (i < n && s[i] != '-' && s[i] != '_' &&
	    !ws(s[i]) && s[i] != ',' && s[i] != ';'))
		buf_reset(&m->lang);
}

static bool
absolute_url(const char *s, size_t n)
{
	return (n > 7 && strncasecmp(s, "http://", 7) == 0) || (n > 8 &&
	    strncasecmp(s, "https://", 8) == 0);
}

/* The text of <h1> number k, collapsed, in m->tmp2. */
static void
h1_text(struct webmeta *m, const struct dom *d, size_t k)
{
	buf_reset(&m->tmp);
	dom_text(d, m->h1[k], &m->tmp);
	buf_reset(&m->tmp2);
	collapse(&m->tmp2, m->tmp.s, m->tmp.len);
}

/*
 * The name a title would give for the site: og:site_name and its like,
 * else the main label of the URL's host ("bote" for www.bote.example).
 */
static void
site_name(struct webmeta *m, struct buf *out)
{
	const char *h, *e, *dot;

	if (m->site.len > 0) {
		buf_add(out, m->site.s, m->site.len);
		return;
	}
	if (m->url.len == 0 || (h = strstr(m->url.s, "://")) == NULL)
		return;
	h += 3;
	for (e = h; *e != '\0' && *e != '/' && *e != ':' && *e != '?'; e++)
		;
	/* the label before the last dot */
	if ((dot = memrchr(h, '.', (size_t)(e - h))) == NULL)
		return;
	e = dot;
	dot = memrchr(h, '.', (size_t)(e - h));
	h = dot != NULL ? dot + 1 : h;
	if (e - h >= 3)
		buf_add(out, h, (size_t)(e - h));
}

/*
 * Is <h1> i the site's frame rather than a headline: inside a <nav>, or
 * a logo (an image, or a link to the site's home, in it)?
 */
static bool
frame_h1(const struct dom *d, size_t i)
{
	size_t p, j, n;
	const char *href, *path;
	int up;

	for (p = d->node[i].parent, up = 0; p != 0 && up < 64;
	    p = d->node[p].parent, up++)
		if (d->node[p].tag == DOM_NAV)
			return true;
	for (j = i + 1; j < d->node[i].end; j++) {
		if (d->node[j].tag == DOM_IMG || d->node[j].tag == DOM_SVG)
			return true;
		if (d->node[j].tag != DOM_A || (href = dom_attr(d, j, DA_HREF,
		    &n)) == NULL)
			continue;
		/* "/", "https://host", "https://host/" */
		path = memmem(href, n, "://", 3);
		path = path != NULL ? memchr(path + 3, '/', n - (size_t)(path +
		    3 - href)) : href;
		if (path == NULL || (size_t)(href + n - path) <= 1)
			return true;
	}
	return false;
}

/*
 * The text of <h1> number k less its first element child when that
 * comes before any text ("<span class=kicker>Brexit</span> Talks
 * resume"), in m->tmp2; false when there is no such child.
 */
static bool
h1_without_kicker(struct webmeta *m, const struct dom *d, size_t k)
{
	static const char *const lead_seps[] = {
		":", "|", "-", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xe2\x80\xa2", "\xc2\xb7"
	};
	size_t i = m->h1[k], c = i + 1, j, n, l;
	const char *s;

	while (c < d->node[i].end && d->node[c].tag == DOM_TEXT &&
	    d->node[c].len > 0 && strspn(d->text.s + d->node[c].off,
	    " \t\r\n") >= d->node[c].len)
		c = d->node[c].end;
	if (c >= d->node[i].end || d->node[c].tag == DOM_TEXT ||
	    d->node[c].end >= d->node[i].end)
		return false;
	buf_reset(&m->tmp);
	for (c = d->node[c].end; c < d->node[i].end; c = d->node[c].end)
		dom_text(d, c, &m->tmp);
	/* the colon or dash set between kicker and headline goes too */
	s = m->tmp.s;
	n = m->tmp.len;
	while (n > 0 && ws(*s))
		s++, n--;
	for (j = 0; j < NELEM(lead_seps); j++) {
		l = strlen(lead_seps[j]);
		if (n >= l && memcmp(s, lead_seps[j], l) == 0 && (n == l ||
		    ws(s[l]))) {
			s += l;
			n -= l;
			break;
		}
	}
	buf_reset(&m->tmp2);
	collapse(&m->tmp2, s, n);
	return m->tmp2.len > 0;
}

/*
 * The text of <h1> number k up to its last element child, when that
 * follows the h1's text: a date or the section set under the headline
 * ("Headline<br><small>02.02.2022 • Sport</small>"), in m->tmp2; false
 * when there is no such child.
 */
static bool
h1_without_tail(struct webmeta *m, const struct dom *d, size_t k)
{
	size_t i = m->h1[k], c, last = 0;

	for (c = i + 1; c < d->node[i].end; c = d->node[c].end)
		if (d->node[c].tag != DOM_TEXT)
			last = c;
		else if (strspn(d->text.s + d->node[c].off, " \t\r\n") <
		    d->node[c].len)
			last = 0;
	if (last == 0)
		return false;
	buf_reset(&m->tmp);
	for (c = i + 1; c < last; c = d->node[c].end)
		dom_text(d, c, &m->tmp);
	buf_reset(&m->tmp2);
	collapse(&m->tmp2, m->tmp.s, m->tmp.len);
	return m->tmp2.len > 0;
}

/* Is m->tmp2 one of the page's titles, whole or less the site's name? */
static bool
exact_title(struct webmeta *m)
{
	const struct buf *t[3] = { &m->og_title, &m->ld_title, &m->doc_title };
	struct buf core = BUF_INIT;
	bool yes = false;
	int k;

	for (k = 0; k < 3 && !yes; k++) {
		if (t[k]->len == 0)
			continue;
		yes = dom_same_text(t[k]->s, t[k]->len, m->tmp2.s, m->tmp2.len);
		if (!yes) {
			buf_reset(&core);
			webmeta_strip_site(t[k]->s, t[k]->len, m->site.s,
			    m->site.len, &core);
			yes = core.len > 0 && dom_same_text(core.s, core.len,
			    m->tmp2.s, m->tmp2.len);
		}
	}
	buf_free(&core);
	return yes;
}

/* Does title t (less a site's name) end with h? */
static bool
ends_title(const struct buf *t, const struct buf *h)
{
	struct buf core = BUF_INIT;
	bool yes;

	webmeta_strip_site(t->s != NULL ? t->s : "", t->len, NULL, 0, &core);
	yes = core.len > h->len && dom_same_text(core.s + core.len - h->len,
	    h->len, h->s, h->len) && (core.s[core.len - h->len - 1] == ' ');
	buf_free(&core);
	return yes;
}

static void
take_h1(struct webmeta *m, size_t k)
{
	buf_reset(&m->title);
	buf_add(&m->title, m->tmp2.s, m->tmp2.len);
	m->title_node = m->h1[k];
}

/*
 * The headline as the reader sees it, an <h1>, in order of evidence: one
 * that og:title, the JSON-LD headline or the <title> say exactly (whole,
 * or less the site's name, or less a kicker set in the <h1>); one that is
 * a part of one of them between separators ("Site - Section - Headline")
 * and not the site's name; one that shares most of its words (at least
 * 60%) with them, a headline reworded for search engines; the first that
 * is no part of the site's frame (a logo, a menu) and has three words or
 * more.  Else those titles less the site's name, else the first <h1>.
 */
static void
choose_title(struct webmeta *m, const struct dom *d)
{
	size_t k, n, bestk = 0;
	double ov, bestov = 0;
	bool frame[16], any;

	m->title_node = 0;
	for (k = 0; k < m->nh1; k++)
		frame[k] = frame_h1(d, m->h1[k]);
	/* exactly */
	for (k = 0; k < m->nh1; k++) {
		h1_text(m, d, k);
		if (m->tmp2.len > 0 && exact_title(m)) {
			take_h1(m, k);
			return;
		}
		if (h1_without_kicker(m, d, k) && exact_title(m)) {
			take_h1(m, k);
			return;
		}
		if (h1_without_tail(m, d, k) && exact_title(m)) {
			take_h1(m, k);
			return;
		}
	}
	/* a part, or most of the words */
	for (k = 0; k < m->nh1; k++) {
		h1_text(m, d, k);
		if (m->tmp2.len == 0 || frame[k] || (m->site.len > 0 &&
		    dom_same_text(m->tmp2.s, m->tmp2.len, m->site.s,
		    m->site.len)))
			continue;
		if (confirms(&m->og_title, m->tmp2.s, m->tmp2.len) ||
		    confirms(&m->ld_title, m->tmp2.s, m->tmp2.len) ||
		    confirms(&m->doc_title, m->tmp2.s, m->tmp2.len)) {
			take_h1(m, k);
			return;
		}
		/* "Kicker: Headline" in the title, the kicker apart in the h1 */
		if (h1_without_kicker(m, d, k) && words(m->tmp2.s,
		    m->tmp2.len) >= 3 && (ends_title(&m->og_title, &m->tmp2) ||
		    ends_title(&m->ld_title, &m->tmp2) ||
		    ends_title(&m->doc_title, &m->tmp2))) {
			take_h1(m, k);
			return;
		}
		h1_text(m, d, k);
		ov = overlap(&m->og_title, m->tmp2.s, m->tmp2.len);
		if (overlap(&m->ld_title, m->tmp2.s, m->tmp2.len) > ov)
			ov = overlap(&m->ld_title, m->tmp2.s, m->tmp2.len);
		if (overlap(&m->doc_title, m->tmp2.s, m->tmp2.len) > ov)
			ov = overlap(&m->doc_title, m->tmp2.s, m->tmp2.len);
		if (ov >= 0.6 && ov > bestov) {
			bestov = ov;
			bestk = k + 1;
		}
	}
	if (bestk > 0) {
		h1_text(m, d, bestk - 1);
		take_h1(m, bestk - 1);
		return;
	}
	/*
	 * The page's own headline, as it shows it, when the page has one or
	 * two: a page of ten <h1>s uses them for boxes, not its headline.
	 */
	for (k = 0, n = 0; k < m->nh1; k++)
		n += !frame[k];
	for (k = 0; k < m->nh1 && n <= 2; k++) {
		h1_text(m, d, k);
		if (!frame[k] && words(m->tmp2.s, m->tmp2.len) >= 3) {
			take_h1(m, k);
			return;
		}
	}
	buf_reset(&m->tmp);
	site_name(m, &m->tmp);
	if (m->og_title.len > 0)
		webmeta_strip_site(m->og_title.s, m->og_title.len, m->tmp.s,
		    m->tmp.len, &m->title);
	if (m->title.len == 0 && m->ld_title.len > 0)
		buf_add(&m->title, m->ld_title.s, m->ld_title.len);
	if (m->title.len == 0 && m->doc_title.len > 0)
		webmeta_strip_site(m->doc_title.s, m->doc_title.len, m->tmp.s,
		    m->tmp.len, &m->title);
	for (k = 0, any = false; k < m->nh1 && m->title.len == 0 && !any;
	    k++) {
		h1_text(m, d, k);
		if (m->tmp2.len > 0) {
			take_h1(m, k);
			any = true;
		}
	}
}

/*
 * A date written near the headline: in the text nodes shortly before it
 * (a kicker, "22.04.2021 | Politik") or after it (the line under it), or
 * in it ("Headline<small>22.04.2021</small>").  An ambiguous numeric
 * date (03/05/2022) is read in the given order, or skipped.
 */
static void
near_headline(const struct dom *d, size_t h, struct buf *iso,
    enum date_order order)
{
	size_t j, from, to, n;
	const char *s;

	from = h > 40 ? h - 40 : 1;
	to = h + 120 < d->nnode ? h + 120 : d->nnode;
	for (j = h; j < to; j++) {
		if (d->node[j].tag != DOM_TEXT)
			continue;
		s = d->text.s + d->node[j].off;
		n = d->node[j].len;
		if (n < 400 && parse_date_in(s, n, iso, order))
			return;
	}
	for (j = h; j-- > from; ) {
		if (d->node[j].tag != DOM_TEXT)
			continue;
		s = d->text.s + d->node[j].off;
		n = d->node[j].len;
		if (n < 400 && parse_date_in(s, n, iso, order))
			return;
	}
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long
days(int y, int m, int d)
{
	y -= m <= 2;
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m + (m > 2 ?
	    -3 : 9)) + 2) / 5 + d - 719469;
}

/*
 * A time given in UTC near midnight names the day in Greenwich, not on
 * the page: "2019-10-18T22:04:00Z" for a story its page dates 19.10.2019.
 * When the page shows a date near its headline one day off such a time,
 * the page's own day is the date.  A shown date like 03/05/2022 is read
 * both ways: only one reading can be a day off (or the same day).
 */
static void
local_day(struct webmeta *m, const struct dom *d)
{
	static const enum date_order orders[] = { DATE_DAY_FIRST,
	    DATE_MONTH_FIRST };
	struct buf shown = BUF_INIT;
	const char *s = m->date.s;
	int y, mo, dd, h, y2, mo2, d2, k;
	long diff;

	if (m->date.len < 20 || (s[m->date.len - 1] != 'Z' &&
	    strcmp(s + m->date.len - 6, "+00:00") != 0) ||
	    sscanf(s, "%4d-%2d-%2dT%2d", &y, &mo, &dd, &h) != 4 ||
	    (h >= 6 && h < 18) || (m->title_node == 0 && m->nh1 == 0))
		return;
	for (k = 0; k < 2; k++) {
		buf_reset(&shown);
		near_headline(d, m->title_node != 0 ? m->title_node :
		    m->h1[0], &shown, orders[k]);
		if (shown.len < 10 || sscanf(shown.s, "%4d-%2d-%2d", &y2,
		    &mo2, &d2) != 3)
			break;
		diff = days(y2, mo2, d2) - days(y, mo, dd);
		if ((h >= 18 && diff == 1) || (h < 6 && diff == -1)) {
			buf_reset(&m->date);
			buf_add(&m->date, shown.s, 10);
			break;
		}
		if (diff == 0)
			break;
	}
	buf_free(&shown);
}

/*
 * What one pass over the page's elements finds, before webmeta_read
 * chooses among it: each field has candidates in order of trust.
 */
struct clues {
	struct buf	 ld_date, ld_date2, meta_date, time_pub, time_any,
			 text_date, generic_date, meta_author, ld_author,
			 canon, og_url, app;
	size_t		 rank;		/* date_metas index of meta_date */
	size_t		 author_el;	/* first byline element, or 0 */
	size_t		 ntextdates;	/* date-classed elements read */
	bool		 og;		/* an og:title was seen */
};

static void
clues_free(struct clues *c)
{
	buf_free(&c->ld_date);
	buf_free(&c->ld_date2);
	buf_free(&c->meta_date);
	buf_free(&c->time_pub);
	buf_free(&c->time_any);
	buf_free(&c->text_date);
	buf_free(&c->generic_date);
	buf_free(&c->meta_author);
	buf_free(&c->ld_author);
	buf_free(&c->canon);
	buf_free(&c->og_url);
	buf_free(&c->app);
}

/* A <meta>: dates, titles, the site's name, the author, url, language. */
static void
clue_meta(struct webmeta *m, const struct dom *d, size_t i, struct clues *c)
{
	static const char *const author_metas[] = {
		"author", "article:author", "dc.creator", "byl",
		"parsely-author", "sailthru.author", "dcterms.creator",
		"citation_author", NULL
	};
	const char *name, *content;
	size_t k, nn, cn;

	if ((content = dom_attr(d, i, DA_CONTENT, &cn)) == NULL)
		return;
	if ((name = dom_attr(d, i, DA_PROPERTY, &nn)) == NULL &&
	    (name = dom_attr(d, i, DA_NAME, &nn)) == NULL &&
	    (name = dom_attr(d, i, DA_ITEMPROP, &nn)) == NULL &&
	    (name = dom_attr(d, i, DA_HTTP_EQUIV, &nn)) == NULL)
		return;
	/*
	 * A bare "date" says less than a <time> the page shows (some sites
	 * put the day the page was made there): it comes after the <time>s.
	 */
	if (same_ci(name, nn, "date", 4) && c->generic_date.len == 0)
		parse_date_value(content, cn, &c->generic_date);
	for (k = 0; k < c->rank; k++)
		if (same_ci(name, nn, date_metas[k], strlen(date_metas[k]))) {
			buf_reset(&c->meta_date);
			if (parse_date_value(content, cn, &c->meta_date))
				c->rank = k;
			else
				buf_reset(&c->meta_date);
			break;
		}
	/* the first og:title: pages repeat it in widgets */
	if (same_ci(name, nn, "og:title", 8)) {
		if (!c->og) {
			buf_reset(&m->og_title);
			collapse(&m->og_title, content, cn);
		}
		c->og = true;
	} else if (same_ci(name, nn, "twitter:title", 13))
		set_once(&m->og_title, content, cn);
	else if (same_ci(name, nn, "og:site_name", 12))
		set_once(&m->site, content, cn);
	else if (same_ci(name, nn, "application-name", 16))
		set_once(&c->app, content, cn);
	else if (is_name(name, nn, author_metas) && !absolute_url(content, cn))
		set_once(&c->meta_author, content, cn);
	else if (same_ci(name, nn, "og:url", 6) && absolute_url(content, cn))
		set_once(&c->og_url, content, cn);
	else if (same_ci(name, nn, "content-language", 16) ||
	    same_ci(name, nn, "og:locale", 9) ||
	    same_ci(name, nn, "dc.language", 11))
		set_lang(m, content, cn);
}

/* A <time>: the publication's when marked so, else the first one. */
static void
clue_time(struct webmeta *m, const struct dom *d, size_t i, struct clues *c)
{
	const char *s;
	size_t n;

	s = dom_attr(d, i, DA_DATETIME, &n);
	if (dom_attr_is(d, i, DA_ITEMPROP, "datePublished") ||
	    dom_has_attr(d, i, DA_PUBDATE) || class_has(d, i,
	    (const char *const[]){ "publish", "pubdate", NULL })) {
		if (c->time_pub.len == 0 && s != NULL)
			parse_date_value(s, n, &c->time_pub);
	} else if (c->time_any.len == 0 && s != NULL)
		parse_date_value(s, n, &c->time_any);
	else if (c->time_any.len == 0) {
		/* <time>29.04.2020, 12:01 Uhr</time> */
		buf_reset(&m->tmp);
		dom_text(d, i, &m->tmp);
		if (m->tmp.len < 100)
			parse_date(m->tmp.s, m->tmp.len, &c->time_any);
	}
}

/* Any element: microdata, bylines, dates in the text. */
static void
clue_any(struct webmeta *m, const struct dom *d, size_t i, struct clues *c)
{
	static const char *const date_classes[] = {
		"date", "datum", "time", "publish", "pubdate", "dateline",
		"posted", "meta", NULL
	};
	static const char *const byline_classes[] = {
		"byline", "author", "autor", NULL
	};
	const char *s;
	size_t n;

	if (dom_attr_is(d, i, DA_ITEMPROP, "datePublished") &&
	    c->time_pub.len == 0) {
		if ((s = dom_attr(d, i, DA_CONTENT, &n)) != NULL ||
		    (s = dom_attr(d, i, DA_DATETIME, &n)) != NULL)
			parse_date_value(s, n, &c->time_pub);
		else {
			buf_reset(&m->tmp);
			dom_text(d, i, &m->tmp);
			parse_date(m->tmp.s, m->tmp.len, &c->time_pub);
		}
	}
	if (c->author_el == 0 && (dom_attr_is(d, i, DA_ITEMPROP, "author") ||
	    dom_attr_is(d, i, DA_REL, "author") || class_has(d, i,
	    byline_classes)))
		c->author_el = i;
	if (c->text_date.len == 0 && c->ntextdates < 16 && class_has(d, i,
	    date_classes)) {
		c->ntextdates++;
		buf_reset(&m->tmp);
		dom_text(d, i, &m->tmp);
		if (m->tmp.len < 200)
			parse_date(m->tmp.s, m->tmp.len, &c->text_date);
	}
}

/* One pass over the elements of d, into c and m's private candidates. */
static void
gather(struct webmeta *m, const struct dom *d, struct clues *c)
{
	const char *s;
	size_t i, n;

	for (i = 1; i < d->nnode; i++) {
		const struct dom_node *nd = &d->node[i];

		switch (nd->tag) {
		case DOM_TEXT:
			continue;
		case DOM_HTML:
			if ((s = dom_attr(d, i, DA_LANG, &n)) != NULL)
				set_lang(m, s, n);
			continue;
		case DOM_META:
			clue_meta(m, d, i, c);
			continue;
		case DOM_LINK:
			if (dom_attr_is(d, i, DA_REL, "canonical") &&
			    (s = dom_attr(d, i, DA_HREF, &n)) != NULL &&
			    absolute_url(s, n))
				set_once(&c->canon, s, n);
			continue;
		case DOM_TITLE:
			if (m->doc_title.len == 0 && d->node[nd->parent].tag !=
			    DOM_SVG) {
				buf_reset(&m->tmp);
				dom_text(d, i, &m->tmp);
				collapse(&m->doc_title, m->tmp.s, m->tmp.len);
			}
			continue;
		case DOM_H1:
			if (m->nh1 < 16) {
				m->h1 = xroom(m->h1, &m->caph1, m->nh1 + 1,
				    sizeof(*m->h1));
				m->h1[m->nh1++] = i;
			}
			break;
		case DOM_SCRIPT:
			if (nd->end > i + 1 && d->node[i + 1].tag == DOM_TEXT)
				jsonld_add(&m->ld, d->text.s +
				    d->node[i + 1].off, d->node[i + 1].len);
			continue;
		case DOM_TIME:
			clue_time(m, d, i, c);
			break;
		default:
			break;
		}
		clue_any(m, d, i, c);
	}
}

/* The publication date: structured data first, then what the page shows. */
static void
choose_date(struct webmeta *m, const struct dom *d, const struct clues *c)
{
	if (c->ld_date.len > 0)
		buf_add(&m->date, c->ld_date.s, c->ld_date.len);
	else if (c->meta_date.len > 0)
		buf_add(&m->date, c->meta_date.s, c->meta_date.len);
	else if (c->ld_date2.len > 0)
		buf_add(&m->date, c->ld_date2.s, c->ld_date2.len);
	else if (c->time_pub.len > 0)
		buf_add(&m->date, c->time_pub.s, c->time_pub.len);
	else if (c->time_any.len > 0)
		buf_add(&m->date, c->time_any.s, c->time_any.len);
	else if (m->url.len > 0 && webmeta_url_date(m->url.s, m->url.len,
	    &m->date))
		;
	else if ((m->title_node != 0 || m->nh1 > 0) && (near_headline(d,
	    m->title_node != 0 ? m->title_node : m->h1[0], &m->date,
	    DATE_EITHER),
	    m->date.len > 0))
		;
	else if (c->generic_date.len > 0)
		buf_add(&m->date, c->generic_date.s, c->generic_date.len);
	else if (c->text_date.len > 0)
		buf_add(&m->date, c->text_date.s, c->text_date.len);
	local_day(m, d);
}

/* The site's name, else the url's host without "www.". */
static void
choose_source(struct webmeta *m, const struct clues *c)
{
	const char *s;
	size_t n;

	if (m->site.len == 0 && c->app.len > 0)
		buf_add(&m->site, c->app.s, c->app.len);
	if (m->site.len > 0)
		buf_add(&m->source, m->site.s, m->site.len);
	else if (m->url.len > 0) {
		s = strstr(m->url.s, "://");
		s = s != NULL ? s + 3 : m->url.s;
		if (strncasecmp(s, "www.", 4) == 0)
			s += 4;
		for (n = 0; s[n] != '\0' && s[n] != '/' && s[n] != ':' &&
		    s[n] != '?' && s[n] != '#'; n++)
			;
		buf_add(&m->source, s, n);
	}
}

void
webmeta_read(struct webmeta *m, const struct dom *d, const char *url)
{
	struct clues c;

	memset(&c, 0, sizeof(c));
	c.rank = NELEM(date_metas);
	buf_reset(&m->url);
	buf_reset(&m->date);
	buf_reset(&m->title);
	buf_reset(&m->byline);
	buf_reset(&m->source);
	buf_reset(&m->lang);
	buf_reset(&m->og_title);
	buf_reset(&m->ld_title);
	buf_reset(&m->doc_title);
	buf_reset(&m->site);
	buf_reset(&m->body);
	m->nbody = m->text_letters = m->body_letters = 0;
	jsonld_reset(&m->ld);
	m->nh1 = 0;

	gather(m, d, &c);
	read_ld(m, &c.ld_date, &c.ld_date2, &c.ld_author);

	/* url */
	if (url != NULL && url[0] != '\0')
		buf_adds(&m->url, url);
	else if (c.canon.len > 0)
		buf_add(&m->url, c.canon.s, c.canon.len);
	else if (c.og_url.len > 0)
		buf_add(&m->url, c.og_url.s, c.og_url.len);

	/* title: an <h1> the page's other titles confirm, else those */
	choose_title(m, d);
	choose_date(m, d, &c);
	choose_source(m, &c);

	/* byline */
	if (c.ld_author.len > 0)
		set_byline(m, c.ld_author.s, c.ld_author.len);
	else if (c.meta_author.len > 0)
		set_byline(m, c.meta_author.s, c.meta_author.len);
	else if (c.author_el != 0) {
		buf_reset(&m->tmp2);
		dom_text(d, c.author_el, &m->tmp2);
		set_byline(m, m->tmp2.s, m->tmp2.len);
	}
	clues_free(&c);
}

void
webmeta_date_near(struct webmeta *m, const struct dom *d, size_t node)
{
	if (m->date.len == 0 && node != 0 && node < d->nnode)
		near_headline(d, node, &m->date, DATE_EITHER);
}
