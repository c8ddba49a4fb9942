#!/usr/bin/env python3
"""score_rewrites.py - recall and precision of near-duplicate pairs on a
corpus with planted rewrites (gen_rewrites.py).

usage: score_rewrites.py [--natural-j 0.5] [--natural-c 0.5]
                         [--false FILE] [--missed FILE]
                         planted.jsonl truth.jsonl pairs.jsonl

pairs: JSON Lines with "a" and "b" ids (artsim's pairs, or any tool's).
Recall is over the planted pairs (rewrite, source).  Precision counts a
reported pair as right when it is
  - a planted pair, or two rewrites of one source;
  - a pair of corpus items that are near-duplicates already: exact Jaccard
    of word 5-shingles >= --natural-j or either containment >= --natural-c
    (the corpus's own duplicates, computed here as score_sim.py does);
  - a rewrite and an item that is such a near-duplicate of its source, or
    two rewrites of two such items.
Anything else is wrong, including pairs of corpus items below those
thresholds that a tool now reports: they are counted wrong and listed with
--false, to be read (some are reuse the thresholds did not catch; the count
is then an upper bound of the errors).  Prints recall by edit kind and by
share of words swapped.
"""
import argparse
import json
import os
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_sim import exact_pairs, read_jsonl, shingles  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--natural-j", type=float, default=0.5)
    ap.add_argument("--natural-c", type=float, default=0.5)
    ap.add_argument("--false", help="write the wrong pairs here")
    ap.add_argument("--missed", help="write the missed planted pairs here")
    ap.add_argument("planted")
    ap.add_argument("truth")
    ap.add_argument("pairs")
    a = ap.parse_args()

    truth = [json.loads(line) for line in open(a.truth, encoding="utf-8")]
    src = {t["a"]: t["b"] for t in truth}
    ids, sets = [], []
    for rec in read_jsonl(a.planted):
        if str(rec["id"]) in src:
            continue
        ids.append(str(rec["id"]))
        sets.append(shingles(rec.get("text") or "", 5))
    natural = set()
    for (i, j), c in exact_pairs(sets).items():
        ni, nj = len(sets[i]), len(sets[j])
        if c / (ni + nj - c) >= a.natural_j or (
                a.natural_c > 0 and max(c / ni, c / nj) >= a.natural_c):
            natural.add((ids[i], ids[j]))
            natural.add((ids[j], ids[i]))

    got = set()
    for line in open(a.pairs, encoding="utf-8"):
        rec = json.loads(line)
        if "a" not in rec or "b" not in rec or "a_start" in rec:
            continue
        x, y = str(rec["a"]), str(rec["b"])
        got.add((min(x, y), max(x, y)))

    def right(x, y):
        s, t = src.get(x, x), src.get(y, y)
        return s == t or (s, t) in natural

    planted = {(min(t["a"], t["b"]), max(t["a"], t["b"])): t for t in truth}
    found = planted.keys() & got
    wrong = sorted(p for p in got if not right(*p))
    new_natural = [p for p in wrong if p[0] not in src and p[1] not in src]
    print(f"corpus items {len(ids)}, its own near-duplicate pairs "
          f"{len(natural) // 2}, rewrites {len(truth)}")
    print(f"reported {len(got)}; recall {len(found) / len(planted):.4f} "
          f"({len(found)}/{len(planted)}); precision "
          f"{1 - len(wrong) / len(got) if got else 1.0:.4f} "
          f"({len(wrong)} wrong, {len(new_natural)} of them corpus pairs)")
    by_edit = defaultdict(lambda: [0, 0])
    by_swap = defaultdict(lambda: [0, 0])
    for p, t in planted.items():
        for e in t["edits"] or ["none"]:
            by_edit[e][0] += p in got
            by_edit[e][1] += 1
        b = min(int(t["swapped"] * 100) // 2 * 2, 8)
        by_swap[b][0] += p in got
        by_swap[b][1] += 1
    print("recall by edit: " + ", ".join(
        f"{e} {f / n:.3f} ({n})" for e, (f, n) in sorted(by_edit.items())))
    print("recall by words swapped: " + ", ".join(
        f"{b}-{b + 2}% {f / n:.3f} ({n})"
        for b, (f, n) in sorted(by_swap.items())))
    if a.false:
        with open(a.false, "w", encoding="utf-8") as f:
            for x, y in wrong:
                f.write(json.dumps({"a": x, "b": y}) + "\n")
    if a.missed:
        with open(a.missed, "w", encoding="utf-8") as f:
            for p in sorted(planted.keys() - got):
                f.write(json.dumps(planted[p]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
