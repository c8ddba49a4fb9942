#!/usr/bin/env python3
"""ablate.py - what each of artclean's steps adds and takes, set by set.

Usage: ablate.py [--cleaner CMD] [--steps a,b,...] [--news BBC.jsonl.gz]
                 [--dev-only] DATA.jsonl ...

For every step artclean can --skip, runs score_boilerplate.py on each DATA
set's folds 0,1 and 2,3 of 4 (the folds by site that rules are developed
on and held out from) with the step off, and prints against the run with
every step on:
  adds   the drop strings that go only because of the step,
  takes  the keep strings lost only because of it,
each as "adds/takes", a take counted negative; and, with --news, how
many of a clean news set's items are touched with the step off
(score_news.py; the first row: with every step on).  A step whose "adds"
is zero on every held-out fold and whose "takes" is not carries its
weight nowhere it was not tuned.

--dev-only scores folds 0,1 alone: what a helper developing a rule may
look at, the held-out folds left for the figure reported after.

The figures come from the scorers alone: nothing here knows a case.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = ("html,mojibake,unicode,space,boiler,dedup,foot,twice,echo,tail,"
         "head,title,headlines,filenames,datelines,amid,weigh")
FOLDS = ((0, 1), (2, 3))
SCORE = re.compile(r"keep [0-9.]+ \((\d+)/(\d+)\)\s+drop [0-9.]+ \((\d+)/(\d+)\)")
TOUCHED = re.compile(r"touched (\d+)")


def run(argv):
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("ablate: %s exited %d: %s" % (argv[1], p.returncode,
                                               p.stderr.strip()[-300:]))
    return p.stdout


def score(cleaner, data, folds):
    argv = [sys.executable, os.path.join(HERE, "score_boilerplate.py"),
            "--cleaner", cleaner, "--folds", "4"]
    for f in folds:
        argv += ["--fold", str(f)]
    m = SCORE.search(run(argv + [data]))
    if m is None:
        sys.exit("ablate: no score from score_boilerplate.py on " + data)
    return tuple(int(x) for x in m.groups())   # kept, keeps, dropped, drops


def touched(cleaner, news):
    out = run([sys.executable, os.path.join(HERE, "score_news.py"),
               "--cleaner", cleaner, news])
    m = TOUCHED.search(out)
    if m is None:
        sys.exit("ablate: no count from score_news.py on " + news)
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="+")
    ap.add_argument("--cleaner", default="artclean")
    ap.add_argument("--steps", default=STEPS)
    ap.add_argument("--news", metavar="FILE")
    ap.add_argument("--dev-only", action="store_true",
                    help="folds 0,1 only, the held-out folds unscored")
    a = ap.parse_args()

    folds = FOLDS[:1] if a.dev_only else FOLDS
    cols = [(d, f) for d in a.data for f in folds]
    base = {c: score(a.cleaner, *c) for c in cols}
    base_news = touched(a.cleaner, a.news) if a.news else None
    head = ["step"] + ["%s %d,%d adds/takes" % (os.path.basename(d)
            .split(".")[0], *f) for d, f in cols]
    if a.news:
        head.append("news touched")
    print("\t".join(head))
    row = ["(all on)"] + ["drop %d/%d keep %d/%d" % (b[2], b[3], b[0], b[1])
                          for b in (base[c] for c in cols)]
    if a.news:
        row.append(str(base_news))
    print("\t".join(row))
    for step in a.steps.split(","):
        cleaner = "%s --skip %s" % (a.cleaner, step)
        row = [step]
        for c in cols:
            b, s = base[c], score(cleaner, *c)
            row.append("%+d/%+d" % (b[2] - s[2], b[0] - s[0]))
        if a.news:
            row.append(str(touched(cleaner, a.news)))
        print("\t".join(row), flush=True)


if __name__ == "__main__":
    main()
