/*
 * charset.c - see charset.h.
 *
 * UTF-8 and windows-1252, nearly every page, are decoded here without
 * iconv; iconv(3) does the rest, one descriptor kept open for the last
 * encoding used (a crawl is mostly one site's pages in one encoding).
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/util.h"
#include "split/charset.h"

/* How far into the page a <meta> charset is looked for. */
#define META_SCAN	16384

static iconv_t	 cd = (iconv_t)-1;
static char	 cd_name[48];

/* WHATWG's labels for the encodings iconv names differently. */
static const struct {
	const char	*label, *name;
} labels[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
	{ "unicode-1-1-utf-8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
	{ "windows-1252", "windows-1252" }, { "cp1252", "windows-1252" },
	{ "x-cp1252", "windows-1252" }, { "iso-8859-1", "windows-1252" },
	{ "iso8859-1", "windows-1252" }, { "iso_8859-1", "windows-1252" },
	{ "iso88591", "windows-1252" }, { "latin1", "windows-1252" },
	{ "l1", "windows-1252" }, { "cp819", "windows-1252" },
	{ "ibm819", "windows-1252" }, { "csisolatin1", "windows-1252" },
	{ "iso-ir-100", "windows-1252" }, { "us-ascii", "windows-1252" },
	{ "ascii", "windows-1252" }, { "ansi_x3.4-1968", "windows-1252" },
	{ "iso_8859-1:1987", "windows-1252" },
	{ "gb2312", "GBK" }, { "gbk", "GBK" }, { "x-gbk", "GBK" },
	{ "csgb2312", "GBK" }, { "chinese", "GBK" }, { "gb_2312-80", "GBK" },
	{ "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
	{ "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
	{ "csshiftjis", "CP932" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
	{ "windows-949", "CP949" }, { "csksc56011987", "CP949" },
	{ "iso-8859-9", "CP1254" }, { "latin5", "CP1254" },
	{ "iso-8859-11", "CP874" }, { "tis-620", "CP874" },
	{ "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
	{ "x-mac-roman", "MACINTOSH" }, { "macintosh", "MACINTOSH" },
	{ "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
};

/* Put the encoding for a label in name; false when iconv does not know it. */
static bool
resolve(const char *label, char *name, size_t cap)
{
	iconv_t t;
	size_t i;

	for (i = 0; i < NELEM(labels); i++)
		if (strcasecmp(label, labels[i].label) == 0) {
			snprintf(name, cap, "%s", labels[i].name);
			return true;
		}
	if (strcasecmp(label, cd_name) == 0 && cd != (iconv_t)-1) {
		snprintf(name, cap, "%s", cd_name);
		return true;
	}
	if ((t = iconv_open("UTF-8", label)) == (iconv_t)-1)
		return false;
	iconv_close(t);
	snprintf(name, cap, "%s", label);
	return true;
}

/* Copy a label (trimmed, quotes and ';' ending it) into out. */
static void
copy_label(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '"' ||
	    s[i] == '\'' || s[i] == '\n' || s[i] == '\r'))
		i++;
	for (; i < n && k + 1 < cap; i++) {
		if (s[i] == '"' || s[i] == '\'' || s[i] == ';' ||
		    s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '>' || s[i] == ',')
			break;
		out[k++] = s[i];
	}
	out[k] = '\0';
}

/* "text/html; charset=X" -> X, in out; false when there is none. */
static bool
charset_param(const char *s, size_t n, char *out, size_t cap)
{
	size_t i;

	for (i = 0; i + 8 <= n; i++)
		if (strncasecmp(s + i, "charset", 7) == 0) {
			i += 7;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i >= n || s[i] != '=')
				continue;
			copy_label(s + i + 1, n - i - 1, out, cap);
			return out[0] != '\0';
		}
	return false;
}

static bool
space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '/';
}

/*
 * One attribute of a tag at s[*i], as HTML5's prescan reads it; false at
 * the tag's end.
 */
static bool
next_attr(const char *s, size_t n, size_t *i, const char **name,
    size_t *nlen, const char **val, size_t *vlen)
{
	size_t p = *i;
	char q;

	while (p < n && space(s[p]))
		p++;
	if (p >= n || s[p] == '>')
		return false;
	*name = s + p;
	while (p < n && !space(s[p]) && s[p] != '=' && s[p] != '>')
		p++;
	*nlen = (size_t)(s + p - *name);
	*val = s + p;
	*vlen = 0;
	while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' ||
	    s[p] == '\r'))
		p++;
	if (p < n && s[p] == '=') {
		p++;
		while (p < n && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' ||
		    s[p] == '\r'))
			p++;
		if (p < n && (s[p] == '"' || s[p] == '\'')) {
			q = s[p++];
			*val = s + p;
			while (p < n && s[p] != q)
				p++;
			*vlen = (size_t)(s + p - *val);
			if (p < n)
				p++;
		} else {
			*val = s + p;
			while (p < n && !space(s[p]) && s[p] != '>')
				p++;
			*vlen = (size_t)(s + p - *val);
		}
	}
	*i = p;
	return true;
}

bool
charset_meta(const char *s, size_t n, char *label, size_t cap)
{
	const char *name, *val, *cs = NULL, *content = NULL, *e;
	size_t i, nlen, vlen, cslen = 0, clen = 0;
	bool http_ct;

	if (n > META_SCAN)
		n = META_SCAN;
	for (i = 0; i + 5 < n; i++) {
		if (s[i] != '<')
			continue;
		if (s[i + 1] == '!' && i + 3 < n && s[i + 2] == '-' &&
		    s[i + 3] == '-') {
			/* a comment: skip it whole */
			e = memmem(s + i + 4, n - i - 4, "-->", 3);
			if (e == NULL)
				return false;
			i = (size_t)(e - s) + 2;
			continue;
		}
		if (strncasecmp(s + i + 1, "body", 4) == 0)
			return false;
		if (strncasecmp(s + i + 1, "meta", 4) != 0 || !space(s[i + 5]))
			continue;
		i += 5;
		http_ct = false;
		cs = content = NULL;
		while (next_attr(s, n, &i, &name, &nlen, &val, &vlen)) {
			if (nlen == 7 && strncasecmp(name, "charset", 7) == 0)
				cs = val, cslen = vlen;
			else if (nlen == 10 && strncasecmp(name, "http-equiv",
			    10) == 0 && vlen == 12 && strncasecmp(val,
			    "content-type", 12) == 0)
				http_ct = true;
			else if (nlen == 7 && strncasecmp(name, "content",
			    7) == 0)
				content = val, clen = vlen;
		}
		if (cs != NULL) {
			copy_label(cs, cslen, label, cap);
			if (label[0] != '\0')
				return true;
		}
		if (http_ct && content != NULL && charset_param(content, clen,
		    label, cap))
			return true;
	}
	return false;
}

/* Valid UTF-8 with U+FFFD for each bad byte and each NUL. */
static size_t
from_utf8(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, k, bad = 0;

	while (i < n) {
		k = utf8_valid_prefix(s + i, n - i);
		bad += utf8_add_nul_fffd(out, s + i, k);
		i += k;
		if (i >= n)
			break;
		buf_add(out, "\xef\xbf\xbd", 3);
		bad++;
		i++;
	}
	return bad;
}

/* windows-1252 (every byte has a character), NUL bytes made U+FFFD. */
static size_t
from_cp1252(const char *s, size_t n, struct buf *out)
{
	const char *z;
	size_t bad = 0;

	while ((z = memchr(s, '\0', n)) != NULL) {
		utf8_from_cp1252(out, s, (size_t)(z - s));
		buf_add(out, "\xef\xbf\xbd", 3);
		bad++;
		n -= (size_t)(z - s) + 1;
		s = z + 1;
	}
	utf8_from_cp1252(out, s, n);
	return bad;
}

static size_t
from_iconv(const char *s, size_t n, const char *name, struct buf *out)
{
	char *in, *o;
	size_t inleft, oleft, r, bad = 0, start, k;

	if (cd == (iconv_t)-1 || strcmp(cd_name, name) != 0) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		cd_name[0] = '\0';
		if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
			return from_cp1252(s, n, out);
		snprintf(cd_name, sizeof(cd_name), "%s", name);
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	start = out->len;
	in = (char *)s;
	inleft = n;
	while (inleft > 0) {
		buf_grow(out, inleft * 2 + 16);
		o = out->s + out->len;
		oleft = out->cap - out->len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->s);
		out->s[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL for a sequence cut by the end */
		buf_add(out, "\xef\xbf\xbd", 3);
		bad++;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	/* NUL characters (UTF-16's or a legacy page's) become U+FFFD too. */
	for (k = start; k < out->len; k++)
		if (out->s[k] == '\0') {
			struct buf t = BUF_INIT;

			buf_add(&t, out->s + k, out->len - k);
			buf_truncate(out, k);
			bad += from_utf8(t.s, t.len, out);
			buf_free(&t);
			break;
		}
	return bad;
}

/* Whether s is valid UTF-8 and holds a byte beyond ASCII. */
static bool
utf8_beyond_ascii(const char *s, size_t n)
{
	size_t i;

	if (!utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

void
charset_decode(const char *s, size_t n, const char *http_charset,
    const char *forced, struct buf *out, struct charset_info *info)
{
	char label[48];

	memset(info, 0, sizeof(*info));
	label[0] = '\0';
	if (forced != NULL && forced[0] != '\0') {
		info->from = CHARSET_FORCED;
		snprintf(info->declared, sizeof(info->declared), "%s", forced);
	} else if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		info->from = CHARSET_BOM;
		snprintf(info->name, sizeof(info->name), "UTF-8");
		s += 3, n -= 3;
	} else if (n >= 2 && (memcmp(s, "\xff\xfe", 2) == 0 ||
	    memcmp(s, "\xfe\xff", 2) == 0)) {
		info->from = CHARSET_BOM;
		snprintf(info->name, sizeof(info->name), "%s",
		    s[0] == '\xff' ? "UTF-16LE" : "UTF-16BE");
		s += 2, n -= 2;
	} else if (http_charset != NULL && http_charset[0] != '\0') {
		info->from = CHARSET_HTTP;
		copy_label(http_charset, strlen(http_charset),
		    info->declared, sizeof(info->declared));
	} else if (charset_meta(s, n, label, sizeof(label))) {
		info->from = CHARSET_META;
		snprintf(info->declared, sizeof(info->declared), "%s", label);
	} else
		info->from = CHARSET_SNIFFED;

	if (info->name[0] == '\0' && info->declared[0] != '\0' &&
	    !resolve(info->declared, info->name, sizeof(info->name)))
		info->unknown = true;
	if (info->name[0] == '\0' || (info->from != CHARSET_FORCED &&
	    info->from != CHARSET_BOM && strcmp(info->name, "UTF-8") != 0 &&
	    utf8_beyond_ascii(s, n))) {
		/* nothing (known) said, or a legacy label on UTF-8 bytes */
		if (info->name[0] != '\0')
			info->from = CHARSET_SNIFFED;
		snprintf(info->name, sizeof(info->name), "%s",
		    utf8_valid(s, n) ? "UTF-8" : "windows-1252");
	}
	if (strcmp(info->name, "UTF-8") == 0)
		info->bad = from_utf8(s, n, out);
	else if (strcmp(info->name, "windows-1252") == 0)
		info->bad = from_cp1252(s, n, out);
	else
		info->bad = from_iconv(s, n, info->name, out);
}

void
charset_cleanup(void)
{
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	cd = (iconv_t)-1;
	cd_name[0] = '\0';
}
