#!/usr/bin/env python3
"""score_mojibake.py - measure how well a cleaner repairs mojibake.

Usage: score_mojibake.py [--cleaner CMD] [--show] DATA.jsonl

DATA holds ftfy's test cases as records with "id", "in", "out_encoding" (the
text after encoding repair alone) and "set" ("negative" cases must come out
unchanged, or with only the fix out_encoding shows), e.g.
shared/eval/clean/mojibake_cases.jsonl.  Each case's "in"
is piped as {"id", "text"} to CMD (default "artclean"), which must answer
with the same records, text cleaned.

A case is right when the output equals out_encoding after both are
NFC-normalised and their whitespace collapsed (artclean folds no-break
spaces and tidies blanks in its other steps, which is not encoding repair).

out_encoding is what ftfy's encoding repair alone (fix_encoding) gives, so
the default CMD is artclean with the two steps that are no encoding repair
switched off: html, which decodes "&frac14;" (in "10Î&frac14;s", which
must stay as written), and unicode, which removes control characters
(U+001A, U+0081 that the cases keep).  The tool's default, every step on,
differs from out_encoding on those three cases by design; score it with
--cleaner artclean.
"""
import argparse
import collections
import json
import subprocess
import sys
import unicodedata


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--cleaner", default="artclean --skip html,unicode",
                    help="command reading and writing JSON Lines")
    ap.add_argument("--show", action="store_true",
                    help="list the wrong cases on stderr")
    a = ap.parse_args()
    with open(a.data, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    data = "".join(json.dumps({"id": c["id"], "text": c["in"]},
                              ensure_ascii=False) + "\n" for c in cases)
    p = subprocess.run(a.cleaner, shell=True, input=data.encode(),
                       stdout=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("score_mojibake: %s exited %d" % (a.cleaner, p.returncode))
    out = {}
    # split("\n"), not splitlines(): U+2028 and its like are written raw
    # inside JSON strings and are not line ends
    for line in p.stdout.decode().split("\n"):
        if not line:
            continue
        r = json.loads(line)
        out[r["id"]] = r.get("text", "")
    right = collections.Counter()
    total = collections.Counter()
    neg_changed = 0
    for c in cases:
        got = norm(out.get(c["id"], ""))
        ok = got == norm(c["out_encoding"])
        total[c["set"]] += 1
        right[c["set"]] += ok
        if c["set"] == "negative" and not ok:
            neg_changed += 1
        if a.show and not ok:
            print("%s\n  in:   %r\n  want: %r\n  got:  %r" % (
                c["id"], c["in"], c["out_encoding"], got), file=sys.stderr)
    print("cases %d  right %d  negative wrong %d/%d  (%s)" % (
        len(cases), sum(right.values()), neg_changed, total["negative"],
        ", ".join("%s %d/%d" % (s, right[s], total[s]) for s in total)))


if __name__ == "__main__":
    main()
