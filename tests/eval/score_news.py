#!/usr/bin/env python3
"""score_news.py - what a cleaner takes from clean news, which has no
furniture: it should take nothing.

Usage: score_news.py [--cleaner CMD] [--paragraphs] [--show N] DATA.jsonl[.gz]

DATA holds news records with "id", "text" and perhaps "title", e.g.
shared/eval/news/bbc-2225.jsonl.gz or reuters21578.jsonl.gz.  Each record is
piped as JSON Lines through CMD (default "artclean") with --explain added,
and three figures are reported:

- items touched: records with any removal in --explain's "removed" (a
  removal of the title counts too);
- angle-bracket names kept: "<Video Shopping Mall Inc>", "<DD>" (Reuters
  writes company names and tickers so) in text and title, out of those in
  the input, counted with their brackets;
- figure lines kept (with --paragraphs): every line of the text is made a
  paragraph of its own, as a web page converted to text gives a table, and
  the lines that were paragraphs of one line (Reuters indents a paragraph's
  first line; BBC separates paragraphs by a blank line) with a digit and
  at most ten words ("Shr 34 cts vs 1.19 dlrs", "2000 GMT") must all stay:
  the rows of tables and lists, not the pieces of wrapped sentences; all
  lines kept is the same count over every line, which shows a step that
  takes the pieces of wrapped prose.
"""
import argparse
import gzip
import json
import re
import subprocess
import sys

ANGLE = re.compile(r"<[^<>\n]{1,60}>")


def norm(s):
    return " ".join(s.split())


def figure(line):
    return re.search(r"[0-9]", line) and len(line.split()) <= 10


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--cleaner", default="artclean")
    ap.add_argument("--paragraphs", action="store_true",
                    help="each line of the text a paragraph of its own")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="list N losses of each kind on stderr")
    a = ap.parse_args()
    op = gzip.open if a.data.endswith(".gz") else open
    with op(a.data, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    inp = []
    figlines = {}
    alllines = {}
    for r in records:
        t = r.get("text", "")
        if a.paragraphs:
            paras = re.split(r"\n(?:    |\n)", t)
            figlines[r["id"]] = [norm(x) for x in paras
                                 if "\n" not in x.strip() and figure(norm(x))]
            alllines[r["id"]] = [norm(x) for x in t.split("\n") if x.strip()]
            t = "\n\n".join(alllines[r["id"]])
        rec = {"id": r["id"], "text": t}
        if isinstance(r.get("title"), str):
            rec["title"] = r["title"]
        inp.append(rec)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in inp)
    p = subprocess.run(a.cleaner + " --explain", shell=True,
                       input=data.encode(), stdout=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("score_news: %s exited %d" % (a.cleaner, p.returncode))
    out = {}
    # split("\n"), not splitlines(): U+2028 and its like are written raw
    # inside JSON strings and are not line ends
    for line in p.stdout.decode().split("\n"):
        if not line:
            continue
        r = json.loads(line)
        out[r["id"]] = r
    touched = names = kept_names = figs = kept_figs = lines = kept_lines = 0
    shown = {"touched": 0, "name": 0, "figure": 0}
    for r in inp:
        o = out[r["id"]]
        if o.get("removed"):
            touched += 1
            if shown["touched"] < a.show:
                shown["touched"] += 1
                for rm in o["removed"]:
                    print("touched\t%s\t%s\t%s" % (r["id"], rm["rule"],
                          norm(rm["text"])[:100]), file=sys.stderr)
        for field in ("text", "title"):
            if field not in r:
                continue
            got = norm(o.get(field, ""))
            for m in ANGLE.findall(r[field]):
                names += 1
                if norm(m) in got:
                    kept_names += 1
                elif shown["name"] < a.show:
                    shown["name"] += 1
                    print("name\t%s\t%s" % (r["id"], m), file=sys.stderr)
        if a.paragraphs:
            got = "\n" + o.get("text", "") + "\n"
            for line in alllines[r["id"]]:
                lines += 1
                kept_lines += "\n" + line + "\n" in got
            for line in figlines[r["id"]]:
                figs += 1
                if "\n" + line + "\n" in got:
                    kept_figs += 1
                elif shown["figure"] < a.show:
                    shown["figure"] += 1
                    print("figure\t%s\t%s" % (r["id"], line),
                          file=sys.stderr)
    print("records %d  touched %d  names kept %d/%d" % (
        len(inp), touched, kept_names, names), end="")
    if a.paragraphs:
        print("  figure lines kept %.4f (%d/%d)" % (
            kept_figs / max(figs, 1), kept_figs, figs), end="")
        print("  all lines kept %.4f (%d/%d)" % (
            kept_lines / max(lines, 1), kept_lines, lines), end="")
    print()


if __name__ == "__main__":
    main()
