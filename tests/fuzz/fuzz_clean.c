/*
 * fuzz_clean.c - artclean's engine (lib/text/clean.c and the steps under it) on
 * arbitrary text.
 *
 * The first byte picks the steps (the last two bits for two groups of
 * heuristics, which keeps the choices to 256), the second --nfkc and
 * --ascii (1,024 cleaners in all), the rest
 * is the text; like the record layer, the harness hands over only valid
 * UTF-8 without NUL.  Properties: the cleaned text and title are valid
 * UTF-8 without NUL; every removed piece names its rule and category; and
 * cleaning is a function of the text alone: the same text cleaned again,
 * after another one, gives the same bytes.  The rules come from
 * $ARTKIT_SHARE (run.sh points it at share/).
 */
#include <stdint.h>

#include "text/clean.h"
#include "fuzz.h"
#include "base/utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The cleaners made so far, each with its compiled rules (about 4.5 MB
 * under the sanitizers).  All 1,024 would outgrow the fuzzer's memory
 * limit (-rss_limit_mb=2560): a 20-minute run died so after 200,000
 * inputs.  At MAX_LIVE the cache is emptied and refilled; one cleaner is
 * compiled in about 0.25 s, and peak RSS stays near 0.9 GB.
 */
#define MAX_LIVE	64

/* by the input's first byte (which picks the steps) and flags: 1,024 */
static struct cleaner *cache[256][4];
static size_t live;

static unsigned
steps(uint8_t b)
{
	unsigned s = b & 0x3f;	/* html ... dedup */

	if (b & 0x40)
		s |= CLEAN_TAIL | CLEAN_HEAD;
	if (b & 0x80)
		s |= CLEAN_FOOT | CLEAN_TWICE | CLEAN_ECHO | CLEAN_WEIGH;
	return s;
}

static struct cleaner *
cleaner_for(uint8_t pick, int flags)
{
	struct clean_opts o;
	struct buf err = BUF_INIT;

	size_t i;
	int j;

	if (cache[pick][flags] == NULL) {
		if (live == MAX_LIVE) {
			for (i = 0; i < 256; i++)
				for (j = 0; j < 4; j++) {
					cleaner_free(cache[i][j]);
					cache[i][j] = NULL;
				}
			live = 0;
		}
		live++;
		memset(&o, 0, sizeof(o));
		o.steps = steps(pick);
		o.nfkc = flags & 1;
		o.ascii = (flags & 2) != 0;
		if ((cache[pick][flags] = cleaner_new(&o, &err)) == NULL)
			errx(1, "cleaner_new: %s", buf_cstr(&err));
		buf_free(&err);
	}
	return cache[pick][flags];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct buf out = BUF_INIT, again = BUF_INIT, text = BUF_INIT;
	static const char other[] = "Sign up to our newsletter\n\nOther text.";
	const struct removal *rm;
	struct cleaner *c;
	const char *s;
	size_t n, k, i;

	if (size < 2)
		return 0;
	/*
	 * A NUL-terminated copy, as a record's decoded string is: the
	 * engine's regexec(REG_STARTEND) stays inside n bytes, but the
	 * sanitizers' regexec interceptor reads to the NUL.
	 */
	buf_reset(&text);
	buf_add(&text, data + 2, size - 2);
	s = buf_cstr(&text);
	n = text.len;
	if (!utf8_valid(s, n) || memchr(s, '\0', n) != NULL)
		return 0;
	c = cleaner_for(data[0], data[1] & 3);

	buf_reset(&out);
	k = clean_text(c, "src", s, n, &out, &rm);
	FUZZ_ASSERT(utf8_valid(buf_cstr(&out), out.len));
	FUZZ_ASSERT(memchr(buf_cstr(&out), '\0', out.len) == NULL);
	for (i = 0; i < k; i++)
		FUZZ_ASSERT(rm[i].rule != NULL && rm[i].category != NULL &&
		    (rm[i].len == 0 || rm[i].text != NULL));

	buf_reset(&again);
	(void)clean_text(c, "src", other, sizeof(other) - 1, &again, NULL);
	buf_reset(&again);
	(void)clean_text(c, "src", s, n, &again, NULL);
	FUZZ_ASSERT(again.len == out.len &&
	    memcmp(buf_cstr(&again), buf_cstr(&out), out.len) == 0);

	buf_reset(&out);
	k = clean_title(c, "src", s, n, &out, &rm);
	FUZZ_ASSERT(utf8_valid(buf_cstr(&out), out.len));
	FUZZ_ASSERT(memchr(buf_cstr(&out), '\0', out.len) == NULL);
	FUZZ_ASSERT(k <= 1);
	return 0;
}
