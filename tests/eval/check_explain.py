#!/usr/bin/env python3
"""check_explain.py - find text of the article's box that artsplit -f html
drops without saying why.

Usage: check_explain.py [--split CMD] [--part all|dev|held] [--show N]
                        (DATA.jsonl.gz | PAGE.html...)

artsplit --explain gives each record, besides "left_out" (what was left
out and by which rule), "box" (the container chosen as the article's) and
"box_text" (the text runs of that box, one a text node).  Every run must
reach the record's text, its captions or its title, or lie in the text of
a note of left_out (a rule that names why it went).  A run that does
none of these went without a reason, and --explain fails its reader: this
lists such runs, page by page, and exits 1 when there is one.

DATA is score_web.py's (pages with "id", "url", "html"), of which --part
takes the dev or held part as score_web.py does (use dev: the held part
stays unlooked at); otherwise the pages are HTML files.  Runs are compared
with their white space collapsed; against the title, case and white
space aside (the headline heading is left out when it says the title).
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score_web import fold  # noqa: E402

WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s).strip()


def squeeze(s):
    return WS.sub("", s).lower()


def unexplained(rec):
    """The runs of rec's box_text that go nowhere a reader sees."""
    places = [norm(rec.get("text", "")), norm(rec.get("captions", ""))]
    places += [norm(n.get("text", "")) for n in rec.get("left_out", [])]
    title = squeeze(rec.get("title", ""))
    lost = []
    for run in rec.get("box_text", []):
        r = norm(run)
        if not r or any(r in p for p in places):
            continue
        if squeeze(r) and squeeze(r) in title:
            continue
        lost.append(r)
    return lost


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--split", default="artsplit -f html")
    ap.add_argument("--part", choices=("all", "dev", "held"), default="all")
    ap.add_argument("--show", type=int, default=5, metavar="N",
                    help="runs shown for each page (default 5)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, names = [], {}
        for path in a.inputs:
            if not path.endswith(".jsonl.gz") and not path.endswith(".jsonl"):
                files.append(path)
                names[os.path.splitext(os.path.basename(path))[0]] = path
                continue
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    r = json.loads(line)
                    part = "dev" if fold(r["url"]) < 3 else "held"
                    if a.part not in ("all", part):
                        continue
                    name = os.path.join(tmp, "p%04d.html" % len(files))
                    with open(name, "wb") as g:
                        g.write(r["html"].encode("utf-8"))
                    files.append(name)
                    names["p%04d" % (len(files) - 1)] = r["id"]
        if not files:
            sys.exit("check_explain: no pages")
        p = subprocess.run(a.split.split() + ["--explain"] + files,
                           stdout=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit("check_explain: %s exited %d" % (a.split, p.returncode))
    bad = runs = 0
    for line in p.stdout.decode("utf-8").split("\n"):
        if not line:
            continue
        rec = json.loads(line)
        if "box_text" not in rec:
            sys.exit("check_explain: %s gives no box_text" % a.split)
        lost = unexplained(rec)
        if not lost:
            continue
        bad += 1
        runs += len(lost)
        print("%s\t%s\t%d run(s)" % (names.get(rec["id"], rec["id"]),
                                     rec.get("box", "body"), len(lost)))
        for r in lost[:a.show]:
            print("\t%s" % r[:160])
    print("pages %d: %d with text of the box left out unexplained "
          "(%d runs)" % (len(files), bad, runs))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
