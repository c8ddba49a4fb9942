#!/usr/bin/env python3
"""score_web.py - measure artsplit -f html (then artclean) on web pages.

Usage: score_web.py [--part all|dev|held] [--split CMD] [--cleaner CMD]
                    [--show N] [--raw] [--causes] DATA.jsonl.gz

DATA holds one page a line: "id", "url", "html" (the page as a string),
"keep" (strings the article text must hold), "drop" (strings it must not),
"meta" (gold "title", "date" YYYY-MM-DD, "author" where known).  Each page
is written to a file of its own (UTF-8, as the string is) in a temporary
directory, and the files are read by

    SPLIT FILE... | CLEANER

(default "artsplit -f html" and "artclean"; --raw scores artsplit's own
output, without the cleaner).  Scoring, as the data's README says: both
sides NFC-normalised and whitespace collapsed; a keep string scores when
it is a substring of the text, a drop string when it is not; the title is
exact when equal after NFC, case folding, whitespace collapsing and the
removal of format characters (Cf), "contained" when one lies in the other
and the shorter is at least half as long; the date when the first
YYYY-MM-DD of both names the same day; the byline by the F1 of the
case-folded word sets ("by" ignored).  A missing value is wrong.

--causes counts the keep strings lost by where they went, and no string
itself (use it on --part dev: the held part stays unlooked at, counts
of its losses included): "artclean"
(in SPLIT's text, not in CLEANER's; by the category of the cleaner's rule
that took it, from a second run of CLEANER with --explain, "normalised"
when no piece it removed holds the string), "captions" (in
the record's captions field, not its text), "title" (in its title field)
and, from a second run of SPLIT with --explain (artsplit(1)), where the
extraction left it out: "extract.class" (furniture by class, id, role or
itemprop), "extract.tag" (nav, aside, menu, the page's header or footer),
"extract.hidden", "extract.links" (a block mostly links), "extract.control",
"extract.noscript", "extract.embed" (see artsplit(1)), "extract.sibling"
(a box beside the article's that did not read as its text), "webmeta.body"
(in the box's text that the JSON-LD articleBody replaced, not in that
articleBody), "extract.unexplained" (in the text of the box chosen,
"box_text", but in none of these: a fault of --explain, or a piece split
across that box's elements that no note holds whole) and
"extract.container" (none of these: never in the box chosen); "not
extracted" when SPLIT knows no --explain.

--part splits the pages by site into five folds (the MD5 of the site's
registered domain, modulo 5): "dev" is folds 0-2, the pages looked at
while developing; "held" is folds 3-4, never looked at; "all" is both.
Speed: the CPU seconds (user + system) of the SPLIT command alone, in a
run of its own, and the MB (2^20 bytes) of HTML it read per CPU second.
"""
import argparse
import datetime
import gzip
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import unicodedata
from urllib.parse import urlsplit


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def title_key(s):
    s = unicodedata.normalize("NFC", s).casefold()
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return " ".join(s.split())


def first_day(s):
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", s or "")
    if not m:
        return None
    try:
        datetime.date(*map(int, m.groups()))
    except ValueError:
        return None     # malformed in the source ("2022-29-11"): unscored
    return m.groups()


def words(s):
    return {w for w in re.findall(r"\w+", (s or "").casefold()) if w != "by"}


def site(url):
    if url.startswith("hard::"):
        return url
    h = (urlsplit(url).hostname or url).lower()
    parts = h.split(".")
    if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "ac",
                                         "gov", "gv", "ne", "or"):
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def fold(url):
    return int(hashlib.md5(site(url).encode()).hexdigest(), 16) % 5


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def records(out):
    """The JSON lines of out (bytes) by their "id"."""
    got = {}
    # split("\n"), not splitlines(): U+2028 and its like are not line ends
    for line in out.decode("utf-8").split("\n"):
        if line:
            r = json.loads(line)
            got[r["id"]] = r
    return got


def cause(k, split_rec, explained, raw):
    """Where the lost keep string k (normalised) went: the cleaner (by
    its rule's category when explained has the removed pieces), the
    captions or title fields, or it was never extracted."""
    if not raw and k in norm(split_rec.get("text", "")):
        for piece in (explained or {}).get("removed", []):
            if k in norm(piece.get("text", "")):
                return "artclean:" + piece.get("rule", "?").split(".")[0]
        return "artclean:normalised" if explained is not None else "artclean"
    if k in norm(split_rec.get("captions", "")):
        return "captions"
    if k in norm(split_rec.get("title", "")):
        return "title"
    # artsplit --explain: what the extraction left out near the article
    for piece in split_rec.get("left_out", []):
        if k in norm(piece.get("text", "")):
            return piece.get("rule", "extract.?")
    # in the box's text, with no note: what check_explain.py looks for
    box = "".join(split_rec.get("box_text", []))
    if "".join(k.split()) in "".join(norm(box).split()):
        return "extract.unexplained"
    return "extract.container" if "left_out" in split_rec else \
        "not extracted"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--part", choices=("all", "dev", "held"), default="all")
    ap.add_argument("--split", default="artsplit -f html")
    ap.add_argument("--cleaner", default="artclean")
    ap.add_argument("--raw", action="store_true",
                    help="score artsplit's output without the cleaner")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="list N failures of each kind on stderr")
    ap.add_argument("--ids", help="only the pages with these ids (comma)")
    ap.add_argument("--causes", action="store_true",
                    help="count the lost keep strings by where they went")
    a = ap.parse_args()
    opener = gzip.open if a.data.endswith(".gz") else open
    pages = []
    with opener(a.data, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                part = "dev" if fold(r["url"]) < 3 else "held"
                if a.part in ("all", part) and (
                        not a.ids or r["id"] in a.ids.split(",")):
                    pages.append(r)
    if not pages:
        sys.exit("score_web: no pages")
    with tempfile.TemporaryDirectory() as tmp:
        files, size = [], 0
        for i, r in enumerate(pages):
            name = os.path.join(tmp, "p%04d.html" % i)
            data = r["html"].encode("utf-8")
            size += len(data)
            with open(name, "wb") as f:
                f.write(data)
            files.append(name)
        cmd = a.split.split() + files
        c0 = cpu_children()
        p = subprocess.run(cmd, stdout=subprocess.PIPE)
        cpu = cpu_children() - c0
        if p.returncode != 0:
            print("score_web: %s exited %d" % (a.split, p.returncode),
                  file=sys.stderr)
        out = p.stdout
        split_out = split_why = out
        if a.causes:
            # the same extraction again, saying what it left out and why
            q = subprocess.run(a.split.split() + ["--explain"] + files,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
            if q.returncode == 0:
                split_why = q.stdout
        explained = None
        if not a.raw:
            q = subprocess.run(a.cleaner, shell=True, input=out,
                               stdout=subprocess.PIPE)
            if q.returncode != 0:
                sys.exit("score_web: %s exited %d" % (a.cleaner,
                                                      q.returncode))
            out = q.stdout
            if a.causes:
                q = subprocess.run(a.cleaner + " --explain", shell=True,
                                   input=split_out, stdout=subprocess.PIPE)
                if q.returncode == 0:
                    explained = records(q.stdout)
    got = records(out)
    split_got = records(split_why)
    causes = {}
    kept = nkeep = dropped = ndrop = missing = 0
    t_ex = t_in = nt = d_ok = nd = 0
    bf1 = []
    bysrc = {}
    fails = {"lost": [], "left": [], "title": [], "date": [], "byline": []}
    for i, r in enumerate(pages):
        o = got.get("p%04d" % i)
        if o is None:
            missing += 1
            o = {}
        text = norm(o.get("text", ""))
        s = bysrc.setdefault(r["source"], [0, 0, 0, 0])
        for k in r["keep"]:
            ok = norm(k) in text
            kept += ok
            nkeep += 1
            s[0] += ok
            s[1] += 1
            if not ok:
                fails["lost"].append((r["id"], k))
                if a.causes:
                    c = cause(norm(k), split_got.get("p%04d" % i, {}),
                              None if explained is None else
                              explained.get("p%04d" % i, {}), a.raw)
                    causes[c] = causes.get(c, 0) + 1
        for d in r["drop"]:
            ok = norm(d) not in text
            dropped += ok
            ndrop += 1
            s[2] += ok
            s[3] += 1
            if not ok:
                fails["left"].append((r["id"], d))
        m = r.get("meta") or {}
        if m.get("title"):
            nt += 1
            g, t = title_key(m["title"]), title_key(o.get("title", ""))
            if g == t:
                t_ex += 1
            else:
                fails["title"].append((r["id"], "%s || %s" % (
                    m["title"], o.get("title", ""))))
            short, long_ = sorted((g, t), key=len)
            if short and short in long_ and len(short) * 2 >= len(long_):
                t_in += 1
        if m.get("date") and first_day(m["date"]):
            nd += 1
            if first_day(m["date"]) == first_day(o.get("date", "")):
                d_ok += 1
            else:
                fails["date"].append((r["id"], "%s || %s" % (
                    m["date"], o.get("date", ""))))
        au = m.get("author")
        if isinstance(au, list):
            au = " ".join(au)
        if au:
            g, t = words(au), words(o.get("byline", ""))
            inter = len(g & t)
            f1 = 2 * inter / (len(g) + len(t)) if inter else 0.0
            bf1.append(f1)
            if f1 < 0.5:
                fails["byline"].append((r["id"], "%s || %s" % (
                    au, o.get("byline", ""))))
    for what, items in fails.items():
        for rid, s in items[:a.show]:
            print("%s\t%s\t%s" % (what, rid, norm(s)[:160]),
                  file=sys.stderr)
    print("pages %d (%s)  missing %d  keep %.3f (%d/%d)  drop %.3f (%d/%d)"
          % (len(pages), a.part, missing, kept / max(nkeep, 1), kept, nkeep,
             dropped / max(ndrop, 1), dropped, ndrop))
    for src in sorted(bysrc):
        s = bysrc[src]
        print("  %-24s keep %.3f (%d/%d)  drop %.3f (%d/%d)" % (
            src, s[0] / max(s[1], 1), s[0], s[1], s[2] / max(s[3], 1),
            s[2], s[3]))
    print("title exact %.3f contained %.3f (%d pages)  date %.3f (%d)  "
          "byline F1 %.3f (>=0.5: %.3f, %d)" % (
              t_ex / max(nt, 1), t_in / max(nt, 1), nt, d_ok / max(nd, 1),
              nd, sum(bf1) / max(len(bf1), 1),
              sum(f >= 0.5 for f in bf1) / max(len(bf1), 1), len(bf1)))
    if a.causes:
        print("keep strings lost, by where they went: %s" % (", ".join(
            "%s %d" % (c, n) for c, n in sorted(
                causes.items(), key=lambda x: (-x[1], x[0]))) or "none"))
    mb = size / 1048576
    print("speed %.1f MB of HTML, %.2f CPU s: %.1f MB/CPU s  (%s)" % (
        mb, cpu, mb / max(cpu, 1e-6), a.split))


if __name__ == "__main__":
    main()
