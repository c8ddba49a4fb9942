#!/usr/bin/env python3
"""train_weigh.py - learn the weights of artclean's step weigh.

Usage: train_weigh.py [--write FILE] [--cut P] [--cross] [--off SIGNALS]
                      [--learn PLACES] DATA.jsonl ...

artclean --weigh-features writes, for each paragraph the step would weigh,
the signals it reads (lib/text/weigh.c computes them, for the step and for
this script alike).  A paragraph is furniture (1) when it holds a drop
string of its record and no keep string, article (0) when it holds a keep
string and no drop string; the others are left out.  The dump holds
the units before the core and inside it as well (the step weighs only
those after it); --learn before,inside,after learns from those too.
--off leaves signals out (weight 0).  A logistic
regression (Newton's method, an L2 penalty; pure Python, the data is
small) learns the weights.

Only folds 0 and 1 of 4 (score_boilerplate.py's folds, split by site) are
ever read.  --cross measures the carry-over: trained on fold 0 and scored
on fold 1, then the other way, keep and drop as score_boilerplate.py
counts them with the step on (at each cut of --cuts) and off, and the
lines the step took that hold no labelled string (the strings' figure
cannot see them: a lower cut may buy drop strings with story).  --write
FILE writes the weights trained on folds 0 and 1 together, with the cut
at probability --cut (chosen from --cross, never on the training fold).

Run from a worktree after make, with build/bin on PATH and ARTKIT_SHARE
set, as tests/eval's other scripts.
"""
import argparse
import json
import math
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_boilerplate import in_fold, norm, run_cleaner  # noqa: E402
from shape_study import score as study_score  # noqa: E402

FOLDS = 4
L2 = 1.0


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(cmd, records):
    """Run cmd on the records, each with its id as its source (the dump
    names its record so); the output by id."""
    return run_cleaner(cmd, [dict(r, source=r["id"]) for r in records])


def examples(records, learn=("after",)):
    """The weighed paragraphs of records, labelled: [(x, y, n)], n the
    strings each holds, which is what score_boilerplate.py counts."""
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as t:
        run("artclean --weigh-features %s" % t.name, records)
        rows = [json.loads(line) for line in open(t.name, encoding="utf-8")]
    byid = {r["id"]: r for r in records}
    out = []
    for row in rows:
        if row["at"] not in learn:
            continue
        r = byid[row["source"]]
        text = norm(row["text"])
        keep = sum(norm(k) in text for k in r["keep"] if norm(k))
        drop = sum(norm(d) in text for d in r["drop"] if norm(d))
        if (keep > 0) != (drop > 0):
            out.append((row["x"], 1 if drop else 0, keep + drop))
    return out


def solve(a, b):
    """a x = b by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda i: abs(m[i][c]))
        m[c], m[p] = m[p], m[c]
        for i in range(c + 1, n):
            f = m[i][c] / m[c][c]
            if f:
                for j in range(c, n + 1):
                    m[i][j] -= f * m[c][j]
    x = [0.0] * n
    for i in range(n - 1, -1, -1):
        x[i] = (m[i][n] - sum(m[i][j] * x[j] for j in range(i + 1, n))) \
            / m[i][i]
    return x


def train(ex, iters=12, l2=None, off=()):
    """Logistic regression by Newton's method; [bias] + weights.  The
    signals whose indices are in off are left out (weight 0)."""
    if off:
        ex = [([0.0 if i in off else v for i, v in enumerate(x)], y, n)
              for x, y, n in ex]
    d = len(ex[0][0]) + 1
    w = [0.0] * d
    for _ in range(iters):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y, n in ex:
            v = [1.0] + x
            z = sum(a * b for a, b in zip(w, v))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            s = n * p * (1 - p)
            for i in range(d):
                g[i] += n * (p - y) * v[i]
                if v[i]:
                    hi = h[i]
                    svi = s * v[i]
                    for j in range(i, d):
                        hi[j] += svi * v[j]
        for i in range(d):
            for j in range(i):
                h[i][j] = h[j][i]
            if i > 0:	# the bias is not penalised
                g[i] += (l2 or L2) * w[i]
                h[i][i] += l2 or L2
            h[i][i] += 1e-9
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def names():
    """The signals' names, from artclean itself (a dump's header)."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "lib", "text", "weigh.c"),
              encoding="utf-8") as f:
        src = f.read()
    body = src[src.index("names[NFEAT + 1] = {"):]
    body = body[body.index("{") + 1:body.index("NULL")]
    return [s.strip().strip('"') for s in body.split(",") if s.strip()]


def write(path, w, cut, command):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# weigh.weights - the weights of artclean's step weigh "
                "(lib/text/weigh.h):\n# a paragraph goes when bias + the "
                "sum of its signals times their weights\n# is cut or more "
                "(cut %.4f is a probability of %.2f of furniture).\n"
                "# Written by: %s\n# Do not edit: retrain.\n"
                % (cut, 1 / (1 + math.exp(-cut)), command))
        f.write("bias %.6f\ncut %.6f\n" % (w[0], cut))
        for n, v in zip(names(), w[1:]):
            f.write("%s %.6f\n" % (n, v))


def score(records, out):
    """kept, keeps, dropped, drops as score_boilerplate.py counts them."""
    return study_score(records, out)[2:]


def unlabelled(records, off, on):
    """The lines the step took (in off's output, not in on's) that hold
    no labelled string: what the strings' figure does not see, story or
    furniture."""
    n = 0
    for r in records:
        gone = set(off.get(r["id"], "").split("\n")) - \
            set(on.get(r["id"], "").split("\n"))
        labels = [norm(x) for x in r["keep"] + r["drop"] if norm(x)]
        n += sum(1 for g in gone if g.strip() and
                 not any(x in norm(g) for x in labels))
    return n


def fmt(s):
    return "keep %.3f (%d/%d) drop %.3f (%d/%d)" % (
        s[0] / max(s[1], 1), s[0], s[1], s[2] / max(s[3], 1), s[2], s[3])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="+")
    ap.add_argument("--cross", action="store_true")
    ap.add_argument("--cuts", default="0.5,0.6,0.7,0.8,0.9,0.95")
    ap.add_argument("--cut", type=float, default=0.8)
    ap.add_argument("--write", metavar="FILE")
    ap.add_argument("--l2", type=float, default=L2,
                    help="the penalty on the weights (%g)" % L2)
    ap.add_argument("--learn", default="after", metavar="PLACES",
                    help="learn from the units at these places: before, "
                    "inside, after the core (comma-separated; after)")
    ap.add_argument("--off", default="", metavar="SIGNALS",
                    help="leave these signals out (comma-separated)")
    a = ap.parse_args()
    off = set(names().index(n) for n in a.off.split(",") if n)
    cuts = [float(c) for c in a.cuts.split(",")]
    total = {c: [0, 0, 0] for c in cuts}
    sets = [load(p) for p in a.data]
    fold = [[[r for r in s if in_fold(r, FOLDS, k)] for k in (0, 1)]
            for s in sets]
    learn = a.learn.split(",")
    ex = [[examples(f[k], learn) for k in (0, 1)] for f in fold]
    for p, e in zip(a.data, ex):
        for k in (0, 1):
            print("%s fold %d: %d paragraphs, %d furniture" % (
                os.path.basename(p), k, len(e[k]),
                sum(y for _, y, _ in e[k])), file=sys.stderr)
    if a.cross:
        for k in (0, 1):
            w = train([x for e in ex for x in e[k]], l2=a.l2, off=off)
            for si, p in enumerate(a.data):
                test = fold[si][1 - k]
                offout = run("artclean --skip weigh", test)
                off = score(test, offout)
                print("train fold %d, score fold %d of %s: off %s" % (
                    k, 1 - k, os.path.basename(p), fmt(off)))
                for c in cuts:
                    with tempfile.NamedTemporaryFile(suffix=".w") as t:
                        write(t.name, w, math.log(c / (1 - c)), "cross")
                        onout = run("artclean --weights %s" % t.name, test)
                    on = score(test, onout)
                    u = unlabelled(test, offout, onout)
                    print("  cut %.2f: on %s  (%+d keep, %+d drop, %d "
                          "unlabelled lines)" % (c, fmt(on), on[0] - off[0],
                                                 on[2] - off[2], u))
                    total[c][0] += on[0] - off[0]
                    total[c][1] += on[2] - off[2]
                    total[c][2] += u
                sys.stdout.flush()
        for c in cuts:
            print("cut %.2f: both ways, both sets: %+d keep, %+d drop, "
                  "%d unlabelled lines taken" % (c, total[c][0], total[c][1],
                                                 total[c][2]))
    if a.write:
        w = train([x for e in ex for f in e for x in f], l2=a.l2, off=off)
        write(a.write, w, math.log(a.cut / (1 - a.cut)),
              "python3 tests/eval/train_weigh.py --l2 %g --cut %g "
              "%s--write %s %s" % (a.l2, a.cut,
                                   "--off %s " % a.off if a.off else "",
                                   a.write, " ".join(
                  "$E/clean/" + os.path.basename(p) for p in a.data)))


if __name__ == "__main__":
    main()
