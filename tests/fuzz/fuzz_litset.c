/*
 * fuzz_litset.c - the literal set behind the rules' prefilter
 * (lib/text/litset.c) against memmem: a differential harness.
 *
 * Input: a byte n, then n literals (at most 32), each a length byte (its
 * low four bits plus one: 1 to 16 bytes) and its bytes; the rest is the
 * text.  Literal k goes in under id k % 8, so ids are shared.  Property:
 * the ids reported are exactly those with a literal that memmem finds in
 * the text, each reported once.
 */
#include <stdint.h>

#include "text/litset.h"
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct seen {
	unsigned	 ids;
	int		 twice;
};

static void
note(void *arg, unsigned id)
{
	struct seen *s = arg;

	FUZZ_ASSERT(id < 8);
	if ((s->ids >> id) & 1)
		s->twice = 1;
	s->ids |= 1U << id;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char lit[32][16];
	size_t len[32], p = 1, k, n;
	struct seen s = { 0, 0 };
	struct litset *ls;
	unsigned want = 0;
	char *text;

	if (size < 1)
		return 0;
	n = data[0] % 33;
	for (k = 0; k < n; k++) {
		if (p >= size)
			return 0;
		len[k] = (data[p] & 15) + 1;
		if (size - p - 1 < len[k])
			return 0;
		memcpy(lit[k], data + p + 1, len[k]);
		p += 1 + len[k];
	}
	ls = litset_new();
	for (k = 0; k < n; k++)
		litset_add(ls, lit[k], len[k], (unsigned)(k % 8));
	FUZZ_ASSERT(litset_count(ls) == n);
	/* the text in a buffer of its own size, so that overreads show */
	text = malloc(size - p + 1);
	memcpy(text, data + p, size - p);
	for (k = 0; k < n; k++)
		if (memmem(text, size - p, lit[k], len[k]) != NULL)
			want |= 1U << (k % 8);
	litset_scan(ls, text, size - p, note, &s);
	FUZZ_ASSERT(s.ids == want);
	FUZZ_ASSERT(!s.twice);
	free(text);
	litset_free(ls);
	return 0;
}
