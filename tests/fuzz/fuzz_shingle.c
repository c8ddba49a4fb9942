/*
 * fuzz_shingle.c - the shingler (lib/sim/shingle.c) on arbitrary bytes, in
 * word and character mode.
 *
 * Properties, from shingle.h: words come in order, inside the text,
 * without overlapping; the set is sorted and without repeats; a text has
 * shingles exactly when it has words; and the result does not depend on
 * what came before.
 */
#include <stdint.h>

#include "fuzz.h"
#include "sim/shingle.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct shingler *sh[4];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned modes[4][2] = { {5, 0}, {1, 0}, {2, 0}, {5, 4} };
	static uint64_t *copy;
	static size_t copycap;
	static const char other[] = "Ｃafé CAFE\xcc\x81 soft\xc2\xadhyphen 42";
	const struct shingle_word *w;
	const uint64_t *set;
	const char *s;
	size_t n, nw, ns, i, at = 0;
	int m;

	if (size < 1)
		return 0;
	m = data[0] & 3;
	s = (const char *)data + 1;
	n = size - 1;
	if (sh[m] == NULL)
		sh[m] = shingler_new(modes[m][0], modes[m][1], 7);

	w = shingler_words(sh[m], s, n, &nw);
	for (i = 0; i < nw; i++) {
		FUZZ_ASSERT(w[i].start >= at && w[i].start < w[i].end &&
		    w[i].end <= n);
		at = w[i].end;
	}
	set = shingler_set(sh[m], s, n, &ns);
	FUZZ_ASSERT((ns == 0) == (nw == 0));
	for (i = 1; i < ns; i++)
		FUZZ_ASSERT(set[i - 1] < set[i]);
	if (ns > copycap) {
		copycap = ns;
		copy = realloc(copy, copycap * sizeof(*copy));
		FUZZ_ASSERT(copy != NULL);
	}
	if (ns > 0)
		memcpy(copy, set, ns * sizeof(*copy));

	(void)shingler_set(sh[m], other, sizeof(other) - 1, &i);
	set = shingler_set(sh[m], s, n, &i);
	FUZZ_ASSERT(i == ns && (ns == 0 ||
	    memcmp(set, copy, ns * sizeof(*copy)) == 0));
	return 0;
}
