/*
 * jsonl.c - the JSON Lines reader: records are validated and passed
 * through, ids added where missing (split.h).  A line rejected goes to
 * --rejects as read, not as decoded.
 */
#include "split/reader.h"

static void
jsonl_line(void *state, struct splitter *sp, struct run *run, const char *s,
    size_t n)
{
	const char *msg, *id = NULL;
	size_t pos, idlen = 0;
	int r;

	if (split_blank(s, n))
		return;
	if (record_parse(&sp->rec, s, n, &msg, &pos) < 0) {
		run_reject_at(run, sp->lineno, "%s (byte %zu)", msg, pos + 1);
		run_rejected_line(run, sp->raw, sp->rawlen);
		return;
	}
	if (run_check_record(run, &sp->rec) < 0) {
		run_rejected_line(run, sp->raw, sp->rawlen);
		return;
	}
	r = record_get(&sp->rec, "id", &id, &idlen);
	split_item_id(sp, run, r == 1 ? id : NULL, idlen);
	record_set(&sp->rec, "id", sp->id.s, sp->id.len);
	split_emit(sp, run);
}

const struct split_reader split_jsonl = {
	.name = "jsonl",
	.stream = true,
	.line = jsonl_line,
};
