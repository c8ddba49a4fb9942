#!/usr/bin/env python3
"""score_sentences.py - score a sentence splitter against gold sentences.

Usage: score_sentences.py [-c CMD] [-s N] [--min-f1 F] [--min-pass N] FILE

FILE is JSON Lines, one document a line: {"id": .., "text": .., "sentences":
[..]} (the evaluation data's sentences/ folder holds such files).  CMD (default
"artsent --offsets") is run once through sh with every document on its
standard input as {"id": "<id>", "text": ..}, and must write one record a
sentence: {"id", "par", "sent", "text", "start", "end"}, start/end being
code-point offsets into the input text (they may be left out).

Reported, all computed here from the output:
  cases      documents whose sentences equal the gold list after stripping
             white space at both ends of each sentence (the Golden Rules
             scoring rule), and a lenient count with inner white-space runs
             folded to one space;
  boundary   micro precision, recall and F1 of sentence starts (every start
             but a document's first), placed by counting the non-white
             characters before them, so white-space handling cannot matter;
             "intra" leaves out boundaries at paragraph breaks;
  perfect    share of documents with exactly the gold boundaries;
  integrity  output records whose text is not the slice start:end of the
             input (its line breaks may be written as spaces, one for one,
             as artsent does), whose slices overlap or leave non-white
             text out.

--fold I/K scores only fold I (0 .. K-1) of K folds made by document, so
that rules can be developed on one fold and measured on another: within
each genre (field "genre", if any) the documents (field "doc", else "id")
are ordered by the MD5 of their name and dealt round the folds in turn.
The folds depend on nothing but the names.

Exit status: 0, or 1 when a --min threshold is missed or CMD fails.
"""

import argparse
import hashlib
import json
import re
import subprocess
import sys


def nonwhite_before(text):
    """Table: i -> number of non-white characters in text[:i]."""
    table = [0] * (len(text) + 1)
    k = 0
    for i, ch in enumerate(text):
        table[i] = k
        if not ch.isspace():
            k += 1
    table[len(text)] = k
    return table


def starts_of(sentences):
    """Non-white offsets where each sentence but the first starts."""
    out, k = set(), 0
    for i, s in enumerate(sentences):
        if i > 0:
            out.add(k)
        k += sum(1 for ch in s if not ch.isspace())
    return out


def paragraph_starts(text, table):
    """Non-white offsets where a paragraph (after a blank line) starts."""
    out = set()
    for m in re.finditer(r"\n[^\S\n]*\n\s*(?=\S)", text):
        out.add(table[m.end()])
    return out


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def in_fold(docs, spec):
    """The documents of fold I of K (spec "I/K"), in their input order."""
    try:
        i, k = (int(x) for x in spec.split("/"))
    except ValueError:
        sys.exit("score_sentences: --fold wants I/K, e.g. 0/2: %s" % spec)
    if not 0 <= i < k:
        sys.exit("score_sentences: --fold %s: I must be 0 .. K-1" % spec)
    name = lambda d: str(d.get("doc", d["id"]))
    genres = {}
    for d in docs:
        genres.setdefault(str(d.get("genre", "")), []).append(name(d))
    keep = set()
    for names in genres.values():
        names = sorted(set(names),
                       key=lambda n: hashlib.md5(n.encode()).hexdigest())
        keep.update(names[i::k])
    return [d for d in docs if name(d) in keep]


def run(cmd, docs):
    feed = "".join(json.dumps({"id": str(d["id"]), "text": d["text"]},
                              ensure_ascii=False) + "\n" for d in docs)
    proc = subprocess.run(["sh", "-c", cmd], input=feed.encode("utf-8"),
                          stdout=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit("score_sentences: command failed with status %d: %s"
                 % (proc.returncode, cmd))
    got = {str(d["id"]): [] for d in docs}
    for n, line in enumerate(proc.stdout.decode("utf-8").split("\n")[:-1], 1):
        try:
            rec = json.loads(line)
            got[str(rec["id"])].append(rec)
        except (ValueError, KeyError, TypeError):
            sys.exit("score_sentences: output line %d is not a sentence "
                     "record of an input document: %.80s" % (n, line))
    return got


def flat(s):
    """s with each line break written as a space, one for one."""
    return s.replace("\r", " ").replace("\n", " ")


def check_integrity(text, recs):
    """Number of problems with the offsets of one document's records."""
    bad, prev = 0, 0
    for rec in recs:
        if "start" not in rec or "end" not in rec:
            return 0
        s, e = rec["start"], rec["end"]
        got = rec["text"]
        if not (prev <= s <= e <= len(text)) or \
                flat(text[s:e]) != flat(got) or len(text[s:e]) != len(got) \
                or text[prev:s].strip():
            bad += 1
        prev = max(prev, e)
    if text[prev:].strip():
        bad += 1
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("-c", "--cmd", default="artsent --offsets",
                    help="splitter command (default: %(default)s)")
    ap.add_argument("-s", "--show", type=int, default=0, metavar="N",
                    help="print the first N documents that differ")
    ap.add_argument("--min-f1", type=float, help="fail below this F1")
    ap.add_argument("--min-pass", type=int, help="fail below this many cases")
    ap.add_argument("--fold", metavar="I/K",
                    help="score only fold I of K folds made by document")
    a = ap.parse_args()

    with open(a.file, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    if a.fold:
        docs = in_fold(docs, a.fold)
    got = run(a.cmd, docs)

    strict = lenient = perfect = integrity = 0
    tp = fp = fn = itp = ifp = ifn = 0
    shown = 0
    fold = lambda s: re.sub(r"\s+", " ", s.strip())
    for d in docs:
        text, gold, recs = d["text"], d["sentences"], got[str(d["id"])]
        sents = [r["text"] for r in recs]
        integrity += check_integrity(text, recs)
        if [s.strip() for s in sents] == [s.strip() for s in gold]:
            strict += 1
        if [fold(s) for s in sents] == [fold(s) for s in gold]:
            lenient += 1
        table = nonwhite_before(text)
        want = starts_of(gold)
        if recs and all("start" in r for r in recs):
            have = {table[r["start"]] for r in recs[1:]}
        else:
            have = starts_of(sents)
        paras = paragraph_starts(text, table)
        tp += len(want & have)
        fp += len(have - want)
        fn += len(want - have)
        itp += len((want & have) - paras)
        ifp += len((have - want) - paras)
        ifn += len((want - have) - paras)
        if want == have:
            perfect += 1
        elif shown < a.show:
            shown += 1
            print("--- %s: %d missed, %d extra" % (d["id"], len(want - have),
                                                  len(have - want)))
            for s in gold:
                print("  gold| %s" % s)
            for s in sents:
                print("  got | %s" % s)
    n = len(docs)
    p, r, f1 = prf(tp, fp, fn)
    ip, ir, if1 = prf(itp, ifp, ifn)
    print("file      %s%s (%d documents, %d gold boundaries)"
          % (a.file, " fold " + a.fold if a.fold else "", n, tp + fn))
    print("cases     %d/%d pass (lenient white space: %d/%d)"
          % (strict, n, lenient, n))
    print("boundary  P %.4f  R %.4f  F1 %.4f  (tp %d fp %d fn %d)"
          % (p, r, f1, tp, fp, fn))
    print("intra     P %.4f  R %.4f  F1 %.4f" % (ip, ir, if1))
    print("perfect   %d/%d documents (%.3f)" % (perfect, n, perfect / n if n else 0))
    print("integrity %d offset problems" % integrity)
    ok = integrity == 0
    if a.min_f1 is not None and f1 < a.min_f1:
        ok = False
    if a.min_pass is not None and strict < a.min_pass:
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
