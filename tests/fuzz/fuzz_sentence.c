/*
 * fuzz_sentence.c - the sentence splitter (lib/sent/sentsplit.c) on arbitrary
 * bytes, which its contract allows (invalid UTF-8 is ordinary text).
 *
 * Properties, from sentsplit.h: sentences come in order without
 * overlapping, inside the text, neither beginning nor ending with white
 * space; what lies between them is white space only, so sentences and
 * gaps give back the input; paragraphs are what blank lines separate, so
 * no sentence holds a blank line, the first sentence is in paragraph 1
 * and each later one is in the paragraph of the one before it, or the
 * next when a blank line (two newlines, only white space between them)
 * lies between them; text that is not all white space has a sentence;
 * and the split does not depend on what was split before.
 */
#include <stdint.h>

#include "fuzz.h"
#include "sent/sentsplit.h"
#include "base/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct sentsplit *ss;

/* White space as sentsplit.h means it: Unicode White_Space. */
static size_t
space_len(const char *s, size_t n)
{
	int32_t cp;
	int k;

	k = utf8_decode(s, n, &cp);
	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 ||
	    cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000)
		return (size_t)k;
	return 0;
}

static bool
all_space(const char *s, size_t n)
{
	size_t k;

	while (n > 0) {
		if ((k = space_len(s, n)) == 0)
			return false;
		s += k;
		n -= k;
	}
	return true;
}

/* Whether s[0..n) ends with a white-space character. */
static bool
ends_space(const char *s, size_t n)
{
	size_t k;

	for (k = 1; k <= 4 && k <= n; k++)
		if (space_len(s + n - k, k) == k)
			return true;
	return false;
}

/* Newlines in s[0..n). */
static size_t
newlines(const char *s, size_t n)
{
	size_t k = 0;

	while (n-- > 0)
		k += *s++ == '\n';
	return k;
}

/* Whether s[0..n) holds a blank line: two newlines, white space between. */
static bool
has_blank_line(const char *s, size_t n)
{
	const char *nl;
	size_t i, k;

	while ((nl = memchr(s, '\n', n)) != NULL) {
		i = (size_t)(nl - s) + 1;
		while (i < n && s[i] != '\n' && (k = space_len(s + i, n - i)) > 0)
			i += k;
		if (i < n && s[i] == '\n')
			return true;
		s += i;
		n -= i;
	}
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sent *v, *w;
	static size_t cap, wcap;
	static const char other[] = "Mr Smith went. He said \"No.\"\n\nA list:";
	const char *s = (const char *)data;
	size_t n, i, at = 0;

	if (ss == NULL)
		ss = sentsplit_new("en", NULL, 0);
	n = sentsplit_run(ss, s, size, &v, &cap);
	FUZZ_ASSERT((n == 0) == all_space(s, size));
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(v[i].start >= at && v[i].start < v[i].end &&
		    v[i].end <= size);
		FUZZ_ASSERT(all_space(s + at, v[i].start - at));
		FUZZ_ASSERT(space_len(s + v[i].start,
		    v[i].end - v[i].start) == 0);
		FUZZ_ASSERT(!ends_space(s + v[i].start,
		    v[i].end - v[i].start));
		FUZZ_ASSERT(!has_blank_line(s + v[i].start,
		    v[i].end - v[i].start));
		FUZZ_ASSERT(v[i].par == (i == 0 ? 1 : v[i - 1].par +
		    (newlines(s + at, v[i].start - at) >= 2)));
		at = v[i].end;
	}
	FUZZ_ASSERT(all_space(s + at, size - at));

	(void)sentsplit_run(ss, other, sizeof(other) - 1, &w, &wcap);
	FUZZ_ASSERT(sentsplit_run(ss, s, size, &w, &wcap) == n);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(w[i].start == v[i].start && w[i].end == v[i].end &&
		    w[i].par == v[i].par);
	return 0;
}
