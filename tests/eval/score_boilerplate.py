#!/usr/bin/env python3
"""score_boilerplate.py - measure how well a cleaner removes page furniture.

Usage: score_boilerplate.py [--cleaner CMD] [--show N]
                            [--folds N --fold K ...] DATA.jsonl

DATA holds records with "id", "text", "keep" (strings that must survive) and
"drop" (strings that must go), e.g. shared/eval/clean/boilerplate_dev.jsonl.
Each record's id, text and source (when it has one: a learned model
applies by source) are piped as JSON Lines to CMD (default "artclean"),
which must answer with the same records, text cleaned.  As in
trafilatura's evaluation, both sides are NFC-normalised and all whitespace
collapsed; a keep string scores when it is a substring of the output, a drop
string when it is not.  Keep recall and drop rate are reported separately:
doing nothing scores keep 1.000, drop 0.000.

--folds N --fold K scores the records of fold K of N only, the folds made
by site (a CRC of the host, "www." aside), so that rules tuned on some
folds can be measured on sites never looked at.

--site-source sends each record's site as its source, so that a cleaner
that learns per source (artclean --learn, then -m) learns per site.
"""
import argparse
import json
import subprocess
import sys
import unicodedata
import zlib
from urllib.parse import urlsplit


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def site(r):
    """The record's site: its host without "www.", for folds by site."""
    host = r.get("host") or urlsplit(r.get("url", "")).hostname or r["id"]
    return host[4:] if host.startswith("www.") else host


def in_fold(r, folds, fold):
    return zlib.crc32(site(r).encode()) % folds == fold


def run_cleaner(cmd, records, by_site=False):
    # "source" goes along: a learned model (-m) applies by source
    def source(r):
        if by_site:
            return {"source": site(r)}
        return {"source": r["source"]} if "source" in r else {}
    data = "".join(json.dumps(dict({"id": r["id"], "text": r["text"]},
                                   **source(r)),
                              ensure_ascii=False) + "\n" for r in records)
    p = subprocess.run(cmd, shell=True, input=data.encode(),
                       stdout=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("score_boilerplate: %s exited %d" % (cmd, p.returncode))
    out = {}
    # split("\n"), not splitlines(): U+2028 and its like are written raw
    # inside JSON strings and are not line ends
    for line in p.stdout.decode().split("\n"):
        if not line:
            continue
        r = json.loads(line)
        out[r["id"]] = r.get("text", "")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--cleaner", default="artclean",
                    help="command reading and writing JSON Lines")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="list N failures of each kind on stderr")
    ap.add_argument("--folds", type=int, default=0, metavar="N",
                    help="split the records into N folds by site")
    ap.add_argument("--fold", type=int, action="append", metavar="K",
                    help="with --folds: score fold K only (repeatable)")
    ap.add_argument("--site-source", action="store_true",
                    help="give each record its site as source (for --learn)")
    a = ap.parse_args()
    with open(a.data, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if a.folds:
        records = [r for r in records
                   if any(in_fold(r, a.folds, k) for k in a.fold or [])]
    out = run_cleaner(a.cleaner, records, a.site_source)
    kept = nkeep = dropped = ndrop = 0
    lost, left = [], []
    for r in records:
        if r["id"] not in out:
            sys.exit("score_boilerplate: no output for %s" % r["id"])
        text = norm(out[r["id"]])
        for k in r["keep"]:
            nkeep += 1
            if norm(k) in text:
                kept += 1
            else:
                lost.append((r["id"], k))
        for d in r["drop"]:
            ndrop += 1
            if norm(d) not in text:
                dropped += 1
            else:
                left.append((r["id"], d))
    for what, items in (("lost", lost), ("left", left)):
        for rid, s in items[:a.show]:
            print("%s\t%s\t%s" % (what, rid, norm(s)[:120]), file=sys.stderr)
    print("records %d  keep %.3f (%d/%d)  drop %.3f (%d/%d)" % (
        len(records), kept / max(nkeep, 1), kept, nkeep,
        dropped / max(ndrop, 1), dropped, ndrop))


if __name__ == "__main__":
    main()
