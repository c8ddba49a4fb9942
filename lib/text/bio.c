/*
 * bio.c - see bio.h.
 *
 * Most paragraphs have no short paragraph of one line just above them,
 * and most that do open with no name that it holds: the look costs a
 * few bytes a paragraph.
 */
#include <string.h>

#include "text/bio.h"
#include "text/para.h"

/* Skip the image placeholders ("[a1b2c3]", "[img] ") s opens with. */
static size_t
skip_placeholders(const char *s, size_t n)
{
	const char *q;
	size_t i = 0;

	while (i < n && s[i] == '[' &&
	    (q = memchr(s + i, ']', n - i)) != NULL) {
		i = (size_t)(q - s) + 1;
		while (i < n && s[i] == ' ')
			i++;
	}
	return i;
}

static int
upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

/* Words that open a sentence in capitals but are no one's name. */
static const char *const not_names[] = {
	"A", "About", "After", "All", "An", "And", "As", "At", "But", "By",
	"For", "He", "Her", "His", "If", "In", "It", "Its", "Of", "On",
	"Our", "She", "So", "That", "The", "Their", "There", "These",
	"They", "This", "To", "We", "When", "With", "You", "Your",
};

/*
 * Does h (hn bytes) hold the word w (n bytes) at the start of one of its
 * words?  A look for a byte and a memcmp, before any closer look.
 */
static int
has_word(const char *h, size_t hn, const char *w, size_t n)
{
	const char *q = h, *end = h + hn;

	while (q + n <= end && (q = memchr(q, w[0], (size_t)(end - q - n +
	    1))) != NULL) {
		if ((q == h || q[-1] == ' ' || q[-1] == ']') &&
		    memcmp(q, w, n) == 0)
			return 1;
		q++;
	}
	return 0;
}

/* Is the paragraph ps one of one line that may be a heading? */
static int
heading_shape(const struct para_span *ps)
{
	return !ps->lines && ps->len >= 3 && ps->len <= 100;
}

/* Is the word from w to e none of not_names? */
static int
named(const char *w, const char *e)
{
	return !para_word_in(not_names, sizeof(not_names) /
	    sizeof(not_names[0]), w, (size_t)(e - w));
}

/*
 * The length of the words from p (n bytes) each a capital and letters
 * (any byte past ASCII, a stop, an apostrophe or a hyphen), at most
 * four, and their number in *words; they stop at a blank or the end.
 */
static size_t
cap_words(const char *p, size_t n, size_t *words)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, w = 0, end = 0;

	while (i < n && upper(u[i]) && w < 4) {
		i++;
		while (i < n && (lower(u[i]) || upper(u[i]) || u[i] >= 0x80 ||
		    u[i] == '.' || u[i] == '\'' || u[i] == '-'))
			i++;
		if (i < n && u[i] != ' ')
			break;
		w++;
		end = i;
		i++;
	}
	*words = w;
	return end;
}

/*
 * The name the heading h (hn bytes) gives: after image placeholders and
 * perhaps a byline's word ("By", "About", which set *label), two to four
 * words in capitals, then at most one word more ("By Tim Manley info").
 * Its offset in h goes to *at; returns its length, 0 if h is no such
 * heading.
 */
static size_t
heading_name(const char *h, size_t hn, size_t *at, int *label)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} labels[] = {
#define L(s)	{ s, sizeof(s) - 1 }
		L("By "), L("by "), L("BY "), L("About "), L("Von "),
		L("von "), L("\xC3\x9C" "ber "), L("Sobre "), L("Por "),
		L("Par "), L("Di "),
#undef L
	};
	size_t i, b, len, words = 0;

	b = skip_placeholders(h, hn);
	*label = 0;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (hn - b > labels[i].n && h[b] == labels[i].s[0] &&
		    memcmp(h + b, labels[i].s, labels[i].n) == 0) {
			*label = 1;
			b += labels[i].n;
			break;
		}
	len = cap_words(h + b, hn - b, &words);
	if (words < 2 || (b + len < hn &&
	    para_words(h + b + len + 1, hn - b - len - 1, 3) > 1))
		return 0;
	*at = b;
	return len;
}

/*
 * Does the paragraph p (n bytes) open with the name nm (nn bytes) and a
 * word in small letters after it?  Or with its first word alone, when
 * first is set: a writer's box under a byline or a picture calls her
 * "Sarah" under "[a1] Sarah Perez", but "Apple Music" over "Apple said
 * ..." is a subheading.
 */
static int
opens_with(const char *p, size_t n, const char *nm, size_t nn, int first)
{
	const char *sp = memchr(nm, ' ', nn);
	size_t w = sp != NULL ? (size_t)(sp - nm) : nn;

	if (n > nn + 1 && memcmp(p, nm, nn) == 0 && p[nn] == ' ' &&
	    lower((unsigned char)p[nn + 1]))
		return 1;
	return first && n > w + 1 && memcmp(p, nm, w) == 0 &&
	    p[w] == ' ' && lower((unsigned char)p[w + 1]);
}

/* Byline removals looked at, at most: a page has one or two. */
#define BIO_BYLINES	4

/*
 * Is paragraph k of ps (in s) an author box: under one of the two
 * paragraphs above it, or under one of the nb bylines that rules removed
 * (their indexes in rm are by)?  *label as for heading_name.  Most
 * paragraphs are passed over once their first word is not in the
 * heading's name, by a memcmp; the list of words that are no one's name
 * is looked at only for a paragraph that opens with it.
 */
static int
is_box(const char *s, const struct paras *ps, size_t k,
    const struct removal_list *rm, const size_t *by, size_t nb, int *label)
{
	const char *p = s + ps->v[k].off, *h, *sp;
	size_t n = ps->v[k].len, b, j, hn, at, nn;

	if (n < 40 || (nb == 0 && !(k >= 1 && heading_shape(&ps->v[k - 1])) &&
	    !(k >= 2 && heading_shape(&ps->v[k - 2]))))
		return 0;	/* most paragraphs: nothing above to look at */
	b = skip_placeholders(p, n);
	if (b >= n || !upper((unsigned char)p[b]) ||
	    (sp = memchr(p + b, ' ', n - b)) == NULL)
		return 0;
	for (j = 1; j <= 2 && j <= k; j++) {
		h = s + ps->v[k - j].off;
		hn = ps->v[k - j].len;
		if (!heading_shape(&ps->v[k - j]) ||
		    !has_word(h, hn, p + b, (size_t)(sp - p) - b))
			continue;
		if ((nn = heading_name(h, hn, &at, label)) > 0 &&
		    opens_with(p + b, n - b, h + at, nn, at > 0) &&
		    !para_ends_sentence(h, hn))
			return named(p + b, sp) && para_substantial(p, n);
	}
	for (j = 0; j < nb; j++) {
		h = removal_text(rm, by[j]);
		hn = rm->v[by[j]].len;
		if ((nn = heading_name(h, hn, &at, label)) > 0 &&
		    opens_with(p + b, n - b, h + at, nn, 1)) {
			*label = 1;
			return named(p + b, sp) && para_substantial(p, n);
		}
	}
	return 0;
}

void
bio_cut(struct buf *out, size_t start, const struct paras *ps,
    struct removal_list *rm, struct buf *tmp)
{
	const char *s = out->s + start;
	size_t k, box = 0, boxes = 0, before = 0, prose = 0, off, len;
	size_t by[BIO_BYLINES], nb = 0;
	int label, boxlabel = 0;

	for (k = 0; k < rm->n && nb < BIO_BYLINES; k++)
		if (rm->v[k].len <= 100 &&
		    strcmp(rm->v[k].category, "byline") == 0)
			by[nb++] = k;
	for (k = 0; k < ps->n; k++) {
		if (is_box(s, ps, k, rm, by, nb, &label)) {
			if (boxes++ > 0)
				return;	/* profiles in a list */
			box = k;
			boxlabel = label;
		}
	}
	if (boxes != 1)
		return;
	for (k = 0; k < ps->n; k++) {
		if (k == box ||
		    !para_substantial(s + ps->v[k].off, ps->v[k].len))
			continue;
		prose++;
		before += k < box;
	}
	/* under a bare name: before the first prose or after the last */
	if (prose == 0 || (!boxlabel && before > 0 && before < prose))
		return;
	off = ps->v[box].off;
	len = ps->v[box].len;
	removal_add(rm, "bio", "heuristic", s + off, len);
	buf_reset(tmp);
	if (box > 0)
		buf_add(tmp, s, off - 2);
	if (off + len < out->len - start)
		buf_add(tmp, s + off + len + (box == 0 ? 2 : 0),
		    out->len - start - off - len - (box == 0 ? 2 : 0));
	buf_truncate(out, start);
	buf_add(out, tmp->s, tmp->len);
}
