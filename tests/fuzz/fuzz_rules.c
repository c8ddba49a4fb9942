/*
 * fuzz_rules.c - the boilerplate rules engine (lib/text/boiler.c, with
 * the literals and first bytes lib/text/ere.c reads out of a pattern)
 * against regexec alone: a differential harness.
 *
 * The first byte's low bit asks for a rule that ignores case; the
 * pattern runs to the first newline, the text is the rest.  A pattern
 * that regcomp or the engine refuses is skipped.  Property: the engine
 * matches the text as a paragraph exactly when regexec matches the
 * pattern (lower-cased as the engine compiles it, for i) in the text
 * (lower-cased likewise): the prefilter may skip work, never a match.
 */
#include <ctype.h>
#include <regex.h>
#include <stdint.h>

#include "text/boiler.h"
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf rule = BUF_INIT, low = BUF_INIT, text = BUF_INIT,
	    err = BUF_INIT;
	const char *pat, *nl;
	struct boiler *b;
	regex_t re;
	size_t plen, k;
	int icase, want, got;

	if (size < 3 || memchr(data, '\0', size) != NULL)
		return 0;
	icase = data[0] & 1;
	pat = (const char *)data + 1;
	if ((nl = memchr(pat, '\n', size - 1)) == NULL)
		return 0;
	plen = (size_t)(nl - pat);
	if (plen == 0 || plen > 200 || size - 2 - plen > 2000)
		return 0;
	buf_reset(&rule);
	buf_adds(&rule, "r misc para /");
	buf_add(&rule, pat, plen);
	buf_adds(&rule, icase ? "/i\n" : "/\n");
	b = boiler_new();
	buf_reset(&err);
	if (boiler_add_rules(b, "f.rules", rule.s, rule.len, &err) != 0) {
		boiler_free(b);
		return 0;
	}
	/* the pattern as the engine compiled it: escapes keep their case */
	buf_reset(&low);
	for (k = 0; k < plen; k++) {
		if (icase && pat[k] == '\\' && k + 1 < plen) {
			buf_add(&low, pat + k, 2);
			k++;
		} else
			buf_addc(&low, icase ?
			    (char)tolower((unsigned char)pat[k]) : pat[k]);
	}
	if (regcomp(&re, buf_cstr(&low), REG_EXTENDED | REG_NOSUB) != 0) {
		boiler_free(b);
		return 0;
	}
	buf_reset(&text);
	buf_add(&text, nl + 1, size - 2 - plen);
	buf_reset(&low);
	for (k = 0; k < text.len; k++)
		buf_addc(&low, icase ? (char)tolower((unsigned char)text.s[k]) :
		    text.s[k]);
	if (text.len > 0) {
		want = regexec(&re, buf_cstr(&low), 0, NULL, 0) == 0;
		got = boiler_match_para(b, buf_cstr(&text), text.len) != NULL;
		FUZZ_ASSERT(want == got);
	}
	regfree(&re);
	boiler_free(b);
	return 0;
}
