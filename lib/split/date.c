/*
 * date.c - see date.h.
 *
 * A small hand-written scanner over tokens: strptime(3) depends on the
 * locale and takes one format at a time, and news dates come in a dozen
 * forms with stray commas, ordinals and weekday names.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "split/date.h"

struct cur {
	const char	*s;
	size_t		 n, i;
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
/*
 * Month names of the languages news is most often in besides English:
 * German, French, Spanish, Italian, Dutch, Portuguese.  These languages
 * write the day first ("1. Juli 2019", "22 avril 2021", "4 de noviembre
 * de 2021"), so they are read only there.  A word of at least three
 * letters that begins a name names its month ("Okt.", "déc", "Sept").
 */
static const struct {
	const char	*name;
	int		 month;
} local_months[] = {
	{ "januar", 1 }, { "jänner", 1 }, { "janvier", 1 }, { "enero", 1 },
	{ "gennaio", 1 }, { "januari", 1 }, { "janeiro", 1 },
	{ "februar", 2 }, { "février", 2 }, { "febrero", 2 },
	{ "febbraio", 2 }, { "februari", 2 }, { "fevereiro", 2 },
	{ "märz", 3 }, { "mars", 3 }, { "marzo", 3 }, { "maart", 3 },
	{ "março", 3 },
	{ "avril", 4 }, { "abril", 4 }, { "aprile", 4 },
	{ "mai", 5 }, { "mayo", 5 }, { "maggio", 5 }, { "mei", 5 },
	{ "maio", 5 },
	{ "juni", 6 }, { "juin", 6 }, { "junio", 6 }, { "giugno", 6 },
	{ "junho", 6 },
	{ "juli", 7 }, { "juillet", 7 }, { "julio", 7 }, { "luglio", 7 },
	{ "julho", 7 },
	{ "août", 8 }, { "agosto", 8 }, { "augustus", 8 },
	{ "septembre", 9 }, { "septiembre", 9 }, { "setiembre", 9 },
	{ "settembre", 9 }, { "setembro", 9 },
	{ "oktober", 10 }, { "octobre", 10 }, { "octubre", 10 },
	{ "ottobre", 10 }, { "outubro", 10 },
	{ "novembre", 11 }, { "noviembre", 11 }, { "novembro", 11 },
	{ "dezember", 12 }, { "décembre", 12 }, { "diciembre", 12 },
	{ "dicembre", 12 }, { "dezembro", 12 },
	/* Polish, in the genitive a date uses; Norwegian's December */
	{ "stycznia", 1 }, { "lutego", 2 }, { "marca", 3 },
	{ "kwietnia", 4 }, { "maja", 5 }, { "czerwca", 6 }, { "lipca", 7 },
	{ "sierpnia", 8 }, { "września", 9 }, { "października", 10 },
	{ "listopada", 11 }, { "grudnia", 12 }, { "desember", 12 },
};
/* Their weekdays, whole words only ("Montag, 1. Juli 2019"). */
static const char *const local_days[] = {
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
	"sonnabend", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
	"vendredi", "samedi", "dimanche", "lunes", "martes", "miércoles",
	"jueves", "viernes", "sábado", "domingo", "lunedì", "martedì",
	"mercoledì", "giovedì", "venerdì", "sabato", "domenica", "maandag",
	"dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
	"segunda-feira", "terça-feira", "quarta-feira", "quinta-feira",
	"sexta-feira", "poniedziałek", "wtorek", "środa", "czwartek",
	"piątek", "sobota", "niedziela",
};
static const char *const days[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};
static const struct {
	const char	*name;
	int		 minutes;
} zones[] = {
	{ "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "bst", 60 }, { "cet", 60 },
	{ "cest", 120 }, { "ist", 330 }, { "est", -300 }, { "edt", -240 },
	{ "cst", -360 }, { "cdt", -300 }, { "mst", -420 }, { "mdt", -360 },
	{ "pst", -480 }, { "pdt", -420 }, { "aest", 600 }, { "aedt", 660 },
};

static bool
isalpha_(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
isdigit_(int c)
{
	return c >= '0' && c <= '9';
}

static int
tolower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t
date_space(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xa0)		/* U+00A0 */
		return 2;
	if (n >= 3 && u[0] == 0xe2 && ((u[1] == 0x80 && (u[2] <= 0x8a ||
	    u[2] == 0xaf)) || (u[1] == 0x81 && u[2] == 0x9f)))
		return 3;	/* U+2000..U+200A, U+202F, U+205F */
	if (n >= 3 && u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80)
		return 3;	/* U+3000 */
	return 0;
}

static size_t
space_at(const struct cur *c)
{
	return c->i < c->n ? date_space(c->s + c->i, c->n - c->i) : 0;
}

static void
skip_space(struct cur *c)
{
	size_t k;

	while ((k = space_at(c)) > 0)
		c->i += k;
}

/* The word w (lower case) and a space after it, if there: skip both. */
static bool
skip_word(struct cur *c, const char *w)
{
	struct cur t = *c;
	size_t len = strlen(w);

	if (t.n - t.i <= len || strncasecmp(t.s + t.i, w, len) != 0)
		return false;
	t.i += len;
	if (space_at(&t) == 0)
		return false;
	skip_space(&t);
	*c = t;
	return true;
}

/* Skip white space and, if present, one of the characters in punct. */
static void
skip_sep(struct cur *c, const char *punct)
{
	skip_space(c);
	if (c->i < c->n && strchr(punct, c->s[c->i]) != NULL &&
	    c->s[c->i] != '\0')
		c->i++;
	skip_space(c);
}

/* Read 1 to maxd digits; -1 if there are none or more. */
static int
number(struct cur *c, int maxd, int *ndigits)
{
	int v = 0, k = 0;

	while (c->i < c->n && isdigit_(c->s[c->i])) {
		if (++k > maxd)
			return -1;
		v = v * 10 + (c->s[c->i++] - '0');
	}
	if (ndigits != NULL)
		*ndigits = k;
	return k ? v : -1;
}

/* Read exactly two digits; -1 if they are not there. */
static int
two_digits(struct cur *c)
{
	if (c->n - c->i < 2 || !isdigit_(c->s[c->i]) ||
	    !isdigit_(c->s[c->i + 1]))
		return -1;
	c->i += 2;
	return (c->s[c->i - 2] - '0') * 10 + (c->s[c->i - 1] - '0');
}

/* Length of the word at the cursor (letters only). */
static size_t
wordlen(const struct cur *c)
{
	size_t k = 0;

	while (c->i + k < c->n && isalpha_(c->s[c->i + k]))
		k++;
	return k;
}

/* Match a month or weekday name, full or abbreviated to >= 3 letters. */
static int
name_in(const struct cur *c, const char *const *names, int count)
{
	size_t len = wordlen(c);
	int i;

	if (len < 3)
		return -1;
	for (i = 0; i < count; i++)
		if (len <= strlen(names[i]) &&
		    strncasecmp(c->s + c->i, names[i], len) == 0 &&
		    (len == 3 || len == strlen(names[i]) ||
		    (len == 4 && strncasecmp(names[i], "sept", 4) == 0) ||
		    (len == 4 && i == 2 && names == days)))
			return i;
	return -1;
}

static int
month(struct cur *c)
{
	int m = name_in(c, months, 12);

	if (m >= 0) {
		c->i += wordlen(c);
		if (c->i < c->n && c->s[c->i] == '.')
			c->i++;
	}
	return m + 1;		/* 0 when none */
}

/*
 * A month named in one of local_months' languages: its number, the
 * cursor past the word and a '.' after it; 0 when none.  The word may
 * hold UTF-8 letters ("März", "décembre").
 */
static int
local_month(struct cur *c)
{
	size_t len = 0, k;

	while (c->i + len < c->n && (isalpha_(c->s[c->i + len]) ||
	    ((c->s[c->i + len] & 0x80) && date_space(c->s + c->i + len,
	    c->n - c->i - len) == 0)))
		len++;
	if (len < 3)
		return 0;
	for (k = 0; k < sizeof(local_months) / sizeof(local_months[0]); k++)
		if (strlen(local_months[k].name) >= len &&
		    strncasecmp(c->s + c->i, local_months[k].name, len) == 0) {
			c->i += len;
			if (c->i < c->n && c->s[c->i] == '.')
				c->i++;
			return local_months[k].month;
		}
	return 0;
}

/* The word "de" and a space ("4 de noviembre de 2021"), if there. */
static void
skip_de(struct cur *c)
{
	skip_word(c, "de");
}

/* A weekday in one of local_days' languages: its length, or 0. */
static size_t
local_weekday(const struct cur *c)
{
	size_t len = 0, k;

	while (c->i + len < c->n && (isalpha_(c->s[c->i + len]) ||
	    ((c->s[c->i + len] & 0x80) && date_space(c->s + c->i + len,
	    c->n - c->i - len) == 0) || c->s[c->i + len] == '-'))
		len++;
	for (k = 0; k < sizeof(local_days) / sizeof(local_days[0]); k++)
		if (strlen(local_days[k]) == len &&
		    strncasecmp(c->s + c->i, local_days[k], len) == 0)
			return len;
	return 0;
}

static bool
weekday(struct cur *c)
{
	size_t len;

	if (name_in(c, days, 7) >= 0)
		len = wordlen(c);
	else if ((len = local_weekday(c)) == 0)
		return false;
	c->i += len;
	if (c->i < c->n && c->s[c->i] == '.')
		c->i++;
	return true;
}

static void
ordinal(struct cur *c)
{
	static const char *const suf[] = { "st", "nd", "rd", "th" };
	int k;

	for (k = 0; k < 4; k++)
		if (c->n - c->i >= 2 && strncasecmp(c->s + c->i, suf[k],
		    2) == 0 && (c->n - c->i == 2 || !isalpha_(c->s[c->i + 2]))) {
			c->i += 2;
			return;
		}
}

bool
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return false;
	return true;
}

/* Word boundary after a token: not followed by a letter or digit. */
static bool
boundary(const struct cur *c)
{
	return c->i >= c->n || !(isalpha_(c->s[c->i]) ||
	    isdigit_(c->s[c->i]));
}

/* An optional time and zone; appends "THH:MM:SS[zone]" to iso. */
static void
time_part(struct cur *c, struct buf *iso, bool after_t)
{
	struct cur t = *c;
	int h, mi, sec = 0, zh, zm, k, sign;
	size_t z, len;
	bool pm = false, am = false;

	if (!after_t) {
		skip_sep(&t, ",");
		skip_word(&t, "at");
	}
	if ((h = number(&t, 2, NULL)) < 0 || t.i >= t.n ||
	    (t.s[t.i] != ':' && t.s[t.i] != '.'))
		return;
	t.i++;
	if ((mi = number(&t, 2, &k)) < 0 || k != 2)
		return;
	if (t.i < t.n && t.s[t.i] == ':') {
		t.i++;
		if ((sec = number(&t, 2, &k)) < 0 || k != 2)
			return;
		if (t.i < t.n && t.s[t.i] == '.') {	/* fractions dropped */
			t.i++;
			if (number(&t, 9, NULL) < 0)
				return;
		}
	}
	z = t.i;
	skip_space(&t);
	if (t.n - t.i >= 2 && (strncasecmp(t.s + t.i, "am", 2) == 0 ||
	    strncasecmp(t.s + t.i, "pm", 2) == 0)) {
		pm = tolower_ascii(t.s[t.i]) == 'p';
		am = !pm;
		t.i += 2;
		if (!boundary(&t))
			return;
		z = t.i;
		skip_space(&t);
	}
	if (h > 23 || mi > 59 || sec > 60 || ((am || pm) && (h < 1 ||
	    h > 12)))
		return;
	if (pm && h < 12)
		h += 12;
	if (am && h == 12)
		h = 0;
	buf_printf(iso, "T%02d:%02d:%02d", h, mi, sec);
	*c = t;
	c->i = z;
	/* zone: Z, +01:00, +0100, or a name */
	if (t.i < t.n && (t.s[t.i] == '+' || t.s[t.i] == '-')) {
		sign = t.s[t.i] == '-' ? -1 : 1;
		t.i++;
		if ((zh = two_digits(&t)) < 0)
			return;
		if (t.i < t.n && t.s[t.i] == ':')
			t.i++;
		if ((zm = two_digits(&t)) < 0 || zh > 14 || zm > 59 ||
		    !boundary(&t))
			return;
		buf_printf(iso, "%c%02d:%02d", sign < 0 ? '-' : '+', zh, zm);
		c->i = t.i;
		return;
	}
	len = wordlen(&t);
	for (k = 0; len > 0 && k < (int)(sizeof(zones) / sizeof(zones[0]));
	    k++)
		if (len == strlen(zones[k].name) &&
		    strncasecmp(t.s + t.i, zones[k].name, len) == 0) {
			if (zones[k].minutes == 0)
				buf_adds(iso, "Z");
			else
				buf_printf(iso, "%c%02d:%02d",
				    zones[k].minutes < 0 ? '-' : '+',
				    (zones[k].minutes < 0 ? -zones[k].minutes :
				    zones[k].minutes) / 60,
				    (zones[k].minutes < 0 ? -zones[k].minutes :
				    zones[k].minutes) % 60);
			c->i = t.i + len;
			return;
		}
}

/* The weekday that may trail a date ("April 22, 2021 Thursday"). */
static void
trailing_weekday(struct cur *c)
{
	struct cur t = *c;

	skip_sep(&t, ",");
	if (weekday(&t) && boundary(&t))
		*c = t;
}

static enum date_result
finish(struct cur *c, struct buf *iso, size_t mark, int y, int m, int d,
    size_t *used)
{
	if (!date_valid(y, m, d)) {
		buf_truncate(iso, mark);
		return DATE_NONE;
	}
	buf_printf(iso, "%04d-%02d-%02d", y, m, d);
	mark = iso->len;
	time_part(c, iso, false);
	trailing_weekday(c);
	/* The time may follow the weekday: "July 1, 2019 Monday 9:20 AM GMT" */
	if (iso->len == mark)
		time_part(c, iso, false);
	*used = c->i;
	return DATE_OK;
}

enum date_result
date_parse(const char *s, size_t n, struct buf *iso, size_t *used)
{
	return date_parse_order(s, n, iso, used, DATE_EITHER);
}

enum date_result
date_parse_order(const char *s, size_t n, struct buf *iso, size_t *used,
    enum date_order order)
{
	struct cur c = { s, n, 0 };
	size_t mark = iso->len, save;
	int a, b, y, m, k1, k2, k3;
	char sep;

	skip_space(&c);
	if (weekday(&c))
		skip_sep(&c, ",");
	if (c.i >= c.n)
		return DATE_NONE;

	/* Month first: April 22, 2021 */
	if ((m = month(&c)) > 0) {
		skip_space(&c);
		if ((a = number(&c, 2, NULL)) < 0)
			return DATE_NONE;
		ordinal(&c);
		skip_sep(&c, ",");
		if ((y = number(&c, 4, &k1)) < 0 || k1 != 4 || !boundary(&c))
			return DATE_NONE;
		return finish(&c, iso, mark, y, m, a, used);
	}
	save = c.i;
	if ((a = number(&c, 4, &k1)) < 0)
		return DATE_NONE;

	/* Year first: 2021-04-22, 2021/04/22 */
	if (k1 == 4 && c.i < c.n && (c.s[c.i] == '-' || c.s[c.i] == '/')) {
		sep = c.s[c.i++];
		if ((m = number(&c, 2, &k2)) < 0 || c.i >= c.n ||
		    c.s[c.i] != sep)
			return DATE_NONE;
		c.i++;
		if ((b = number(&c, 2, &k3)) < 0 || !date_valid(a, m, b))
			return DATE_NONE;
		buf_printf(iso, "%04d-%02d-%02d", a, m, b);
		if (c.i < c.n && (c.s[c.i] == 'T' || c.s[c.i] == 't') &&
		    c.i + 1 < c.n && isdigit_(c.s[c.i + 1])) {
			c.i++;
			time_part(&c, iso, true);
		} else if (boundary(&c) || c.s[c.i] == ',')
			time_part(&c, iso, false);
		else {
			buf_truncate(iso, mark);
			return DATE_NONE;
		}
		*used = c.i;
		return DATE_OK;
	}
	if (k1 > 2)
		return DATE_NONE;

	/*
	 * Day first with a month name: 22 April 2021, 22nd of Apr. 2021,
	 * 1. Juli 2019, 4 de noviembre de 2021.
	 */
	ordinal(&c);
	if (c.i + 1 < c.n && c.s[c.i] == '.' && date_space(c.s + c.i + 1,
	    c.n - c.i - 1) > 0)
		c.i++;
	skip_space(&c);
	skip_word(&c, "of");
	skip_de(&c);
	if ((m = month(&c)) > 0 || (m = local_month(&c)) > 0) {
		skip_sep(&c, ",");
		skip_de(&c);
		if ((y = number(&c, 4, &k1)) < 0 || k1 != 4 || !boundary(&c))
			return DATE_NONE;
		return finish(&c, iso, mark, y, m, a, used);
	}

	/* Numeric: 22/04/2021, 22.04.2021, 04/05/2021 (ambiguous) */
	c.i = save + (size_t)k1;
	if (c.i >= c.n || (c.s[c.i] != '/' && c.s[c.i] != '.' &&
	    c.s[c.i] != '-'))
		return DATE_NONE;
	sep = c.s[c.i++];
	if (sep == '.')				/* 2. 4. 2021 */
		c.i += space_at(&c);
	if ((b = number(&c, 2, NULL)) < 0 || c.i >= c.n || c.s[c.i] != sep)
		return DATE_NONE;
	c.i++;
	if (sep == '.')
		c.i += space_at(&c);
	if ((y = number(&c, 4, &k3)) < 0 || k3 != 4 || !boundary(&c))
		return DATE_NONE;
	if (sep == '.' || (a > 12 && b <= 12) || a == b ||
	    order == DATE_DAY_FIRST)
		return finish(&c, iso, mark, y, b, a, used);	/* D.M.Y */
	if ((b > 12 && a <= 12) || order == DATE_MONTH_FIRST)
		return finish(&c, iso, mark, y, a, b, used);	/* M/D/Y */
	if (a > 12 || b > 12 || !date_valid(y, a, b) || !date_valid(y, b, a))
		return DATE_NONE;
	*used = c.i;
	return DATE_AMBIGUOUS;
}
