/*
 * pair.c - see pair.h.
 */
#include <string.h>

#include "base/json.h"
#include "sim/pair.h"
#include "sim/sim.h"

void
pair_figures(struct pair *p, uint32_t shared, uint32_t na, uint32_t nb)
{
	p->shared = shared;
	p->jaccard = (double)shared / ((double)na + nb - shared);
	p->in_a = (double)shared / na;
	p->in_b = (double)shared / nb;
}

void
pair_figures_json(struct buf *out, const struct pair *p)
{
	buf_adds(out, "{\"jaccard\":");
	json_add_real(out, p->jaccard, 4);
	buf_adds(out, ",\"in_a\":");
	json_add_real(out, p->in_a, 4);
	buf_adds(out, ",\"in_b\":");
	json_add_real(out, p->in_b, 4);
	buf_printf(out, ",\"shared\":%u", p->shared);
	if (p->by == SIM_PASSAGES) {
		buf_printf(out, ",\"passages\":%zu,\"words\":%u,"
		    "\"covered_a\":", p->ev.passages, p->ev.words);
		json_add_real(out, p->ev.covered_a, 4);
		buf_adds(out, ",\"covered_b\":");
		json_add_real(out, p->ev.covered_b, 4);
		buf_adds(out, ",\"similarity\":");
		json_add_real(out, p->ev.similarity, 4);
		buf_adds(out, ",\"facts\":");
		json_add_real(out, p->ev.facts, 4);
	}
	buf_adds(out, "}");
}

void
pair_json(struct buf *out, const char *a, size_t alen, const char *b,
    size_t blen, const struct pair *p)
{
	size_t at;

	buf_adds(out, "{\"a\":");
	json_encode_string(out, a, alen);
	buf_adds(out, ",\"b\":");
	json_encode_string(out, b, blen);
	/* The figures' object, its brace made the comma after b. */
	at = out->len;
	pair_figures_json(out, p);
	out->s[at] = ',';
	buf_addc(out, '\n');
}
