#!/usr/bin/env python3
"""score_sim.py - recall and precision of artsim's pairs against the exact
Jaccard and containment of word shingles, computed here independently.

usage: score_sim.py [-n 5] [-t 0.5] [--contain 0.5] [--field text]
                    corpus.jsonl[.gz] pairs.jsonl

corpus: JSON Lines (gzip or plain), one item per line with "id" and the text
field.  pairs: JSON Lines {"a": id, "b": id, "jaccard": ..., ...} as artsim
writes them.  Words are runs of Unicode letters and digits (combining marks
and format characters continue a word) after NFKC and case folding, the
definition lib/sim/shingle.c implements; a text with fewer than n words but at
least one is one shingle.  Every pair sharing a shingle is compared exactly
through an inverted index.  Prints one line per measure; exits 1 when a
reported pair is below both thresholds.
"""
import argparse
import gzip
import json
import sys
import unicodedata
from collections import defaultdict


def words(text):
    text = unicodedata.normalize("NFKC", text).casefold()
    out, cur = [], []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LN" or (cur and (cat[0] == "M" or cat == "Cf")):
            if cat != "Cf":
                cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def shingles(text, n):
    w = words(text)
    if not w:
        return set()
    if len(w) < n:
        return {" ".join(w)}
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def read_jsonl(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def exact_pairs(sets):
    """{(i, j): shared} for every i < j sharing a shingle."""
    index = defaultdict(list)
    pairs = {}
    for j, s in enumerate(sets):
        count = defaultdict(int)
        for sh in s:
            for i in index[sh]:
                count[i] += 1
            index[sh].append(j)
        for i, c in count.items():
            pairs[(i, j)] = c
    return pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=5)
    ap.add_argument("-t", "--jaccard", type=float, default=0.5)
    ap.add_argument("--contain", type=float, default=0.5)
    ap.add_argument("--field", default="text")
    ap.add_argument("corpus")
    ap.add_argument("pairs")
    a = ap.parse_args()

    ids, sets = [], []
    for rec in read_jsonl(a.corpus):
        ids.append(str(rec["id"]))
        sets.append(shingles(rec.get(a.field) or "", a.n))
    num = {x: i for i, x in enumerate(ids)}
    truth = {}
    for (i, j), c in exact_pairs(sets).items():
        ni, nj = len(sets[i]), len(sets[j])
        truth[(i, j)] = (c / (ni + nj - c), c / ni, c / nj, c)

    def passes(f, t, c):
        return f[0] >= t or (c > 0 and max(f[1], f[2]) >= c)

    got = {}
    for rec in read_jsonl(a.pairs):
        i, j = num[str(rec["a"])], num[str(rec["b"])]
        got[(min(i, j), max(i, j))] = rec

    want_j = {p for p, f in truth.items() if f[0] >= a.jaccard}
    want_c = {p for p, f in truth.items() if max(f[1], f[2]) >= a.contain}
    want = {p for p, f in truth.items() if passes(f, a.jaccard, a.contain)}
    bad = [p for p in got if p not in truth or not passes(
        truth[p], a.jaccard, a.contain)]
    err = max([abs(truth[p][0] - got[p].get("jaccard", truth[p][0]))
               for p in got if p in truth] or [0.0])

    def recall(w):
        return len(w & got.keys()) / len(w) if w else 1.0

    print(f"items {len(ids)}, pairs sharing a shingle {len(truth)}")
    print(f"reported {len(got)}, expected {len(want)}")
    print(f"recall J>={a.jaccard}: {recall(want_j):.4f} "
          f"({len(want_j & got.keys())}/{len(want_j)})")
    print(f"recall containment>={a.contain}: {recall(want_c):.4f} "
          f"({len(want_c & got.keys())}/{len(want_c)})")
    print(f"precision: {1 - len(bad) / len(got) if got else 1.0:.4f} "
          f"({len(bad)} below both thresholds)")
    print(f"largest jaccard error: {err:.6f}")
    for p in sorted(want - got.keys())[:10]:
        f = truth[p]
        print(f"missed {ids[p[0]]} {ids[p[1]]} j={f[0]:.3f} "
              f"in_a={f[1]:.3f} in_b={f[2]:.3f} shared={f[3]}",
              file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
