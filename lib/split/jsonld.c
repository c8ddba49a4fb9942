/*
 * jsonld.c - see jsonld.h.
 *
 * A recursive-descent reader would be shortest, but a page chooses the
 * nesting: the parser keeps its open containers on an explicit stack.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/utf8.h"
#include "base/util.h"
#include "split/jsonld.h"
#include "text/html.h"

void
jsonld_init(struct jsonld *j)
{
	memset(j, 0, sizeof(*j));
	jsonld_reset(j);
}

void
jsonld_free(struct jsonld *j)
{
	free(j->node);
	buf_free(&j->str);
	memset(j, 0, sizeof(*j));
}

void
jsonld_reset(struct jsonld *j)
{
	j->node = xroom(j->node, &j->cap, 1, sizeof(*j->node));
	memset(&j->node[0], 0, sizeof(j->node[0]));
	j->node[0].type = JL_ARRAY;
	j->node[0].end = 1;
	j->nnode = 1;
	buf_reset(&j->str);
}

static size_t
new_node(struct jsonld *j, size_t parent, enum jsonld_type t)
{
	struct jsonld_node *n;

	j->node = xroom(j->node, &j->cap, j->nnode + 1, sizeof(*j->node));
	n = &j->node[j->nnode];
	memset(n, 0, sizeof(*n));
	n->parent = (uint32_t)parent;
	n->type = (uint8_t)t;
	n->end = (uint32_t)j->nnode + 1;
	return j->nnode++;
}

static size_t
skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r' || s[i] == ','))
		i++;
	return i;
}

/*
 * Read a string literal at s[i] (the quote) into str, decoded; return the
 * index past it.  Control characters inside are taken as they are.
 */
static size_t
read_string(struct jsonld *j, const char *s, size_t n, size_t i,
    uint32_t *off, uint32_t *len)
{
	struct buf raw = BUF_INIT;
	char q = s[i++];
	int32_t cp, lo;
	int k, h;

	while (i < n && s[i] != q) {
		if (s[i] != '\\' || i + 1 >= n) {
			buf_addc(&raw, s[i++]);
			continue;
		}
		i++;
		switch (s[i]) {
		case 'n': buf_addc(&raw, '\n'); i++; break;
		case 't': buf_addc(&raw, '\t'); i++; break;
		case 'r': buf_addc(&raw, '\r'); i++; break;
		case 'b': case 'f': buf_addc(&raw, ' '); i++; break;
		case 'u':
			cp = 0;
			for (k = 1; k <= 4 && i + k < n &&
			    (h = hexdigit(s[i + k])) >= 0; k++)
				cp = cp * 16 + h;
			i += (size_t)k;
			if (k != 5)
				break;
			if (cp >= 0xD800 && cp < 0xDC00 && i + 5 < n &&
			    s[i] == '\\' && s[i + 1] == 'u') {
				lo = 0;
				for (k = 2; k <= 5 && (h = hexdigit(s[i +
				    k])) >= 0; k++)
					lo = lo * 16 + h;
				if (k == 6 && lo >= 0xDC00 && lo < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) +
					    (lo - 0xDC00);
					i += 6;
				}
			}
			if (cp == 0 || (cp >= 0xD800 && cp < 0xE000))
				cp = 0xFFFD;
			utf8_add(&raw, cp);
			break;
		default:
			buf_addc(&raw, s[i++]);
			break;
		}
	}
	*off = (uint32_t)j->str.len;
	/* Entities are common in CMS-written JSON-LD ("&amp;", "&#8217;"). */
	if (raw.len > 0 && html_maybe(raw.s, raw.len))
		html_clean(raw.s, raw.len, &j->str, HTML_ENTITIES);
	else if (raw.len > 0)
		buf_add(&j->str, raw.s, raw.len);
	*len = (uint32_t)(j->str.len - *off);
	buf_free(&raw);
	return i < n ? i + 1 : i;
}

void
jsonld_add(struct jsonld *j, const char *s, size_t n)
{
	size_t stack[JSONLD_MAX_DEPTH + 1], depth = 0, i = 0, k;
	uint32_t key = 0, keylen = 0, off, len;
	bool havekey = false;

	if (n > JSONLD_MAX_BYTES)
		n = JSONLD_MAX_BYTES;
	stack[0] = 0;
	for (;;) {
		i = skip_ws(s, n, i);
		if (i >= n)
			break;
		if (s[i] == '}' || s[i] == ']') {
			if (depth > 0) {
				j->node[stack[depth]].end = (uint32_t)j->nnode;
				depth--;
			}
			havekey = false;
			i++;
			continue;
		}
		/* In an object, a key first. */
		if (depth > 0 && j->node[stack[depth]].type == JL_OBJECT &&
		    !havekey) {
			if (s[i] != '"' && s[i] != '\'')
				break;
			i = read_string(j, s, n, i, &key, &keylen);
			i = skip_ws(s, n, i);
			if (i >= n || s[i] != ':')
				break;
			i++;
			havekey = true;
			continue;
		}
		if (s[i] == '{' || s[i] == '[') {
			if (depth == JSONLD_MAX_DEPTH)
				break;
			k = new_node(j, stack[depth], s[i] == '{' ? JL_OBJECT :
			    JL_ARRAY);
			j->node[k].key = havekey ? key : 0;
			j->node[k].keylen = havekey ? keylen : 0;
			stack[++depth] = k;
			havekey = false;
			i++;
			continue;
		}
		if (s[i] == '"' || s[i] == '\'') {
			i = read_string(j, s, n, i, &off, &len);
			k = new_node(j, stack[depth], JL_STRING);
		} else {
			/* a number, true, false, null: as written */
			off = (uint32_t)i;
			while (i < n && s[i] != ',' && s[i] != '}' &&
			    s[i] != ']' && s[i] != ' ' && s[i] != '\n' &&
			    s[i] != '\r' && s[i] != '\t')
				i++;
			if ((size_t)off == i)
				break;
			k = new_node(j, stack[depth], JL_OTHER);
			len = 0;
			off = 0;
		}
		j->node[k].key = havekey ? key : 0;
		j->node[k].keylen = havekey ? keylen : 0;
		j->node[k].val = off;
		j->node[k].vallen = len;
		havekey = false;
	}
	/* Close what the block left open. */
	while (depth > 0)
		j->node[stack[depth--]].end = (uint32_t)j->nnode;
	j->node[0].end = (uint32_t)j->nnode;
}

size_t
jsonld_get(const struct jsonld *j, size_t i, const char *key)
{
	size_t c, kl = strlen(key);

	if (j->node[i].type != JL_OBJECT)
		return 0;
	for (c = i + 1; c < j->node[i].end; c = j->node[c].end)
		if (j->node[c].keylen == kl && memcmp(j->str.s +
		    j->node[c].key, key, kl) == 0)
			return c;
	return 0;
}

static bool
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

bool
jsonld_type_is(const struct jsonld *j, size_t i, const char *suffix)
{
	const char *s;
	size_t t, c, n;

	if ((t = jsonld_get(j, i, "@type")) == 0)
		return false;
	if ((s = jsonld_str(j, t, &n)) != NULL)
		return ends_with(s, n, suffix);
	if (j->node[t].type == JL_ARRAY)
		for (c = t + 1; c < j->node[t].end; c = j->node[c].end)
			if ((s = jsonld_str(j, c, &n)) != NULL &&
			    ends_with(s, n, suffix))
				return true;
	return false;
}

const char *
jsonld_str(const struct jsonld *j, size_t i, size_t *n)
{
	if (i == 0 || j->node[i].type != JL_STRING) {
		*n = 0;
		return NULL;
	}
	*n = j->node[i].vallen;
	return j->str.s != NULL ? j->str.s + j->node[i].val : "";
}
