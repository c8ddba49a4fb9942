#!/usr/bin/env python3
"""shape_study.py - would a learned classifier of a line's shape remove
furniture that artclean leaves, on sites it never saw?  A study, not a step
of artclean: it writes figures, it changes nothing.

Usage: shape_study.py [--cleaner CMD] [--folds N] [--train K --test J]
                      [--model lr|tree] [--pool] [--target-keep DEV,DEV2]
                      [--bbc FILE [--bbc-max N]] [--reuters FILE]
                      [--without GROUP ...] [--weights] [--show N] DEV DEV2

DEV and DEV2 are boilerplate sets as score_boilerplate.py reads them
(shared/eval/clean/boilerplate_dev.jsonl and boilerplate_dev2.jsonl).  Their
records are put through CMD (default "artclean"), and each line of what it
leaves is a unit, labelled keep when a keep string lies on it, drop when a
drop string does and no keep string, neither otherwise (strings are
matched as score_boilerplate.py matches them: NFC, whitespace collapsed,
substrings).  A line is described by its shape only: words, characters,
whether it ends a sentence, the share of function words (the start, join,
lead, pron, subj and clause words of share/abbrev/*.txt: lists artclean
already has), capitals, digits, separators, bullets, its place in the item
(before the first prose line, after the last), its paragraph, and the same
for its neighbours.  No word of a page is a feature.

Protocol: for each set, train on fold K of N (score_boilerplate.py's folds,
by site) and test on fold J, and the other way round (default folds 0 and 1
of 4: never ask for folds the lead keeps).  The threshold is chosen on the
training fold: the lowest score at which removing the lines the classifier
calls furniture still keeps --target-keep of the keep strings (.97 on dev,
.95 on dev2) on that fold.  On the test fold it reports keep and drop of
artclean alone and with the classifier's removals on top, scored exactly as
score_boilerplate.py scores (the remaining lines joined again).  With
--bbc and --reuters, it reports what each trained model would take from
clean news: BBC items touched, and Reuters lines taken with every line made
a paragraph (as score_news.py --paragraphs lays them out), figure lines and
angle-bracket names among them; and Reuters items touched as written.
--bbc-max N raises the threshold until at most N BBC items are touched
(the goal of issue 12 is 10).  It also reports, on both folds, the AUC of
the model's score between furniture and keep lines, and keep and drop on
the training fold at the threshold (to compare with the test fold: does
what is learned on some sites carry to others?).

--pool trains on the fold of both sets together (more furniture lines to
learn from: about 100 instead of 30 to 70).  --without GROUP holds a group
of features at zero (line, func, place, neighbours, paragraph), for
ablation.  --weights prints the model, --show N the first N lines it takes
on the test fold and the N lines of BBC it scores highest.

Run it from a worktree after make, as the other scores:
    export PATH=$PWD/build/bin:$PATH ARTKIT_SHARE=$PWD/share
    python3 tests/eval/shape_study.py --pool --bbc-max 10 \
        --bbc $E/news/bbc-2225.jsonl.gz --reuters $E/news/reuters21578.jsonl.gz \
        $E/clean/boilerplate_dev.jsonl $E/clean/boilerplate_dev2.jsonl
It takes a minute or two with the news sets, seconds without.

The classifier is a logistic regression (--model lr, by gradient descent)
or a depth-3 decision tree (--model tree), in plain Python: no numpy.
"""
import argparse
import gzip
import json
import math
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# the folds by site, and the cleaner run, exactly as the score makes them
from score_boilerplate import in_fold, run_cleaner  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SHARE = os.environ.get("ARTKIT_SHARE",
                       os.path.join(HERE, "..", "..", "share"))
FUNC_KINDS = {"start", "join", "lead", "pron", "subj", "clause"}


def norm(s):
    return " ".join(unicodedata.normalize("NFC", s).split())


def function_words():
    """The function words of share/abbrev/*.txt, lower-cased."""
    words = set()
    d = os.path.join(SHARE, "abbrev")
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".txt"):
            continue
        with open(os.path.join(d, fn), encoding="utf-8") as f:
            for line in f:
                t = line.split("#", 1)[0].split()
                if len(t) >= 2 and not t[0].endswith(".") and \
                        FUNC_KINDS & set(t[1:]):
                    words.add(t[0].lower())
    return words


FUNC = function_words()
BULLET = re.compile(r"^\s*(?:[•·*▪►»◦‣–—-]|\d{1,2}[.)])\s")
SEP = re.compile(r"[|·•»›/]")
END = re.compile(r"[.!?…][\"'”’»)]*$")
WORD = re.compile(r"\w+", re.U)


def lines_of(text):
    """The lines of a cleaned text: (line, paragraph number, line in it,
    lines in the paragraph)."""
    res = []
    for pi, para in enumerate(text.split("\n\n")):
        ls = [x for x in para.split("\n") if x.strip()]
        for li, x in enumerate(ls):
            res.append((x, pi, li, len(ls)))
    return res


def shape(x):
    """Shape of one line: a dict of numbers, no words."""
    s = x.strip()
    toks = s.split()
    words = WORD.findall(s)
    nw = len(toks)
    nc = len(s)
    letters = sum(c.isalpha() for c in s)
    caps = sum(1 for w in words if w[:1].isupper())
    lw = [w.lower() for w in words]
    ends = bool(END.search(s))
    prose = (ends and nw >= 10) or nw >= 20
    return {
        "words": nw, "chars": nc,
        "lwords": math.log1p(nw), "lchars": math.log1p(nc),
        "ends": 1.0 if ends else 0.0,
        "colon": 1.0 if s.endswith(":") else 0.0,
        "func": sum(w in FUNC for w in lw) / max(len(lw), 1),
        "caps": caps / max(len(words), 1),
        "digits": sum(c.isdigit() for c in s) / max(nc, 1),
        "letters": letters / max(nc, 1),
        "sep": len(SEP.findall(s)) / max(nw, 1),
        "bullet": 1.0 if BULLET.match(x) else 0.0,
        "url": 1.0 if ("://" in s or "www." in s or "@" in s) else 0.0,
        "sents": len(re.findall(r"[.!?](?:\s|$)", s)),
        "prose": 1.0 if prose else 0.0,
        "wlen": letters / max(len(words), 1),
        # a piece of wrapped prose: starts small, or stops mid-clause
        "lower": 1.0 if s[:1].islower() else 0.0,
        "endfunc": 1.0 if lw and lw[-1] in FUNC and not ends else 0.0,
        "comma": 1.0 if s.endswith((",", ";", "-")) else 0.0,
    }


FEATS = ["lwords", "lchars", "ends", "colon", "func", "caps", "digits",
         "letters", "sep", "bullet", "url", "sents1", "prose", "wlen",
         "inpara", "paralines", "relpos", "before", "after", "dprose",
         "p_prose", "n_prose", "p_lwords", "n_lwords", "p_ends", "n_ends",
         "win_prose", "first", "last", "item_prose", "lower", "endfunc",
         "comma", "n_lower", "para_prose", "para_ends", "para_lwords"]


GROUPS = {
    "line": ["lwords", "lchars", "ends", "colon", "func", "caps", "digits",
             "letters", "sep", "bullet", "url", "sents1", "prose", "wlen",
             "lower", "endfunc", "comma"],
    "func": ["func", "endfunc"],
    "place": ["relpos", "before", "after", "dprose", "first", "last",
              "item_prose"],
    "neighbours": ["p_prose", "n_prose", "p_lwords", "n_lwords", "p_ends",
                   "n_ends", "win_prose", "n_lower"],
    "paragraph": ["inpara", "paralines", "para_prose", "para_ends",
                  "para_lwords"],
}
MASK = set()     # features held at zero (--without)


def features(text):
    """Per line of a cleaned text: (line, feature vector)."""
    ls = lines_of(text)
    sh = [shape(x) for x, _, _, _ in ls]
    n = len(ls)
    pros = [i for i in range(n) if sh[i]["prose"]]
    first = pros[0] if pros else n
    last = pros[-1] if pros else -1
    item_prose = len(pros) / max(n, 1)
    pshape = {}
    for x, pi, _, _ in ls:
        pshape[pi] = pshape.get(pi, "") + " " + x.strip()
    pshape = {k: shape(v) for k, v in pshape.items()}
    res = []
    for i, (x, pi, li, pn) in enumerate(ls):
        s = sh[i]
        p = sh[i - 1] if i > 0 else None
        q = sh[i + 1] if i + 1 < n else None
        d = min([abs(i - j) for j in pros] or [n + 1])
        win = [sh[j]["prose"] for j in range(max(0, i - 2), min(n, i + 3))
               if j != i]
        f = dict(s)
        f.update({
            "sents1": min(s["sents"], 3) / 3,
            "inpara": 1.0 if pn > 1 else 0.0,
            "paralines": math.log1p(pn),
            "relpos": i / max(n - 1, 1),
            "before": 1.0 if i < first else 0.0,
            "after": 1.0 if i > last else 0.0,
            "dprose": math.log1p(d),
            "p_prose": p["prose"] if p else 0.0,
            "n_prose": q["prose"] if q else 0.0,
            "p_lwords": p["lwords"] if p else 0.0,
            "n_lwords": q["lwords"] if q else 0.0,
            "p_ends": p["ends"] if p else 0.0,
            "n_ends": q["ends"] if q else 0.0,
            "win_prose": sum(win) / max(len(win), 1),
            "first": 1.0 if i == 0 else 0.0,
            "last": 1.0 if i == n - 1 else 0.0,
            "item_prose": item_prose,
            "n_lower": q["lower"] if q else 0.0,
            "para_prose": pshape[pi]["prose"],
            "para_ends": pshape[pi]["ends"],
            "para_lwords": pshape[pi]["lwords"],
        })
        res.append((x, [0.0 if k in MASK else f[k] for k in FEATS]))
    return res


def spans(x_lines):
    """Start and end of each line in the normalised text of the lines."""
    pos, sp, parts = 0, [], []
    for x in x_lines:
        t = norm(x)
        sp.append((pos, pos + len(t)))
        parts.append(t)
        pos += len(t) + 1
    return " ".join(parts), sp


def label(x_lines, keep, drop):
    """keep (1), drop (0) or neither (None) for each line."""
    text, sp = spans(x_lines)
    lab = [None] * len(x_lines)

    def mark(strings, v):
        for s in strings:
            s = norm(s)
            if not s:
                continue
            at = text.find(s)
            while at >= 0:
                for i, (a, b) in enumerate(sp):
                    if a < at + len(s) and at < b and \
                            (lab[i] is None or v == 1):
                        lab[i] = v
                at = text.find(s, at + 1)
    mark(drop, 0)
    mark(keep, 1)
    return lab


def score(recs, texts):
    kept = nk = dropped = nd = 0
    for r in recs:
        t = norm(texts[r["id"]])
        for k in r["keep"]:
            nk += 1
            kept += norm(k) in t
        for d in r["drop"]:
            nd += 1
            dropped += norm(d) not in t
    return kept / max(nk, 1), dropped / max(nd, 1), kept, nk, dropped, nd


def rebuild(text, removed):
    """The text without the lines whose indices are in removed."""
    out_paras, i = [], 0
    for para in text.split("\n\n"):
        keep = []
        for x in para.split("\n"):
            if not x.strip():
                continue
            if i not in removed:
                keep.append(x)
            i += 1
        if keep:
            out_paras.append("\n".join(keep))
    return "\n\n".join(out_paras)


# -- the models ---------------------------------------------------------

class Scaler:
    def __init__(self, X):
        m = len(X[0])
        self.mu = [sum(r[j] for r in X) / len(X) for j in range(m)]
        self.sd = [math.sqrt(sum((r[j] - self.mu[j]) ** 2 for r in X) /
                             len(X)) or 1.0 for j in range(m)]

    def __call__(self, r):
        return [(v - a) / b for v, a, b in zip(r, self.mu, self.sd)]


class LR:
    """Logistic regression, P(furniture), classes weighted equal."""

    def __init__(self, X, y, l2=0.01, epochs=400, lr=0.5):
        self.sc = Scaler(X)
        Z = [self.sc(r) for r in X]
        m = len(Z[0])
        w = [0.0] * m
        b = 0.0
        n1 = sum(y)
        n0 = len(y) - n1
        cw = {1: len(y) / (2.0 * max(n1, 1)), 0: len(y) / (2.0 * max(n0, 1))}
        for _ in range(epochs):
            gw = [0.0] * m
            gb = 0.0
            for z, t in zip(Z, y):
                s = b + sum(a * c for a, c in zip(w, z))
                pr = 1 / (1 + math.exp(-max(min(s, 30), -30)))
                e = (pr - t) * cw[t]
                gb += e
                for j in range(m):
                    gw[j] += e * z[j]
            for j in range(m):
                w[j] -= lr * (gw[j] / len(Z) + l2 * w[j])
            b -= lr * gb / len(Z)
        self.w, self.b = w, b

    def prob(self, r):
        z = self.sc(r)
        s = self.b + sum(a * c for a, c in zip(self.w, z))
        return 1 / (1 + math.exp(-max(min(s, 30), -30)))

    def describe(self):
        ws = sorted(zip(FEATS, self.w), key=lambda t: -abs(t[1]))
        return "bias %+.2f; " % self.b + ", ".join(
            "%s %+.2f" % t for t in ws)


class Tree:
    """A depth-3 tree on Gini, classes weighted equal; a leaf's score is
    its weighted share of furniture."""

    def __init__(self, X, y, depth=3, minleaf=10):
        n1 = sum(y)
        n0 = len(y) - n1
        self.cw = {1: len(y) / (2.0 * max(n1, 1)),
                   0: len(y) / (2.0 * max(n0, 1))}
        self.root = self.grow(list(zip(X, y)), depth, minleaf)

    def leaf(self, rows):
        w1 = sum(self.cw[1] for _, t in rows if t == 1)
        w0 = sum(self.cw[0] for _, t in rows if t == 0)
        return ("leaf", w1 / max(w1 + w0, 1e-9), len(rows))

    def grow(self, rows, depth, minleaf):
        if depth == 0 or len(rows) < 2 * minleaf:
            return self.leaf(rows)
        best = None
        W1 = sum(self.cw[1] for _, t in rows if t == 1)
        W0 = sum(self.cw[0] for _, t in rows if t == 0)
        for j in range(len(FEATS)):
            rs = sorted(rows, key=lambda r: r[0][j])
            a1 = a0 = 0.0
            for i in range(len(rs) - 1):
                if rs[i][1] == 1:
                    a1 += self.cw[1]
                else:
                    a0 += self.cw[0]
                v, nv = rs[i][0][j], rs[i + 1][0][j]
                if v == nv or i + 1 < minleaf or len(rs) - i - 1 < minleaf:
                    continue
                b1, b0 = W1 - a1, W0 - a0
                g = (a1 + a0) * (1 - ((a1 / (a1 + a0)) ** 2 +
                                      (a0 / (a1 + a0)) ** 2)) + \
                    (b1 + b0) * (1 - ((b1 / (b1 + b0)) ** 2 +
                                      (b0 / (b1 + b0)) ** 2))
                if best is None or g < best[0]:
                    best = (g, j, (v + nv) / 2)
        if best is None:
            return self.leaf(rows)
        _, j, thr = best
        lo = [r for r in rows if r[0][j] <= thr]
        hi = [r for r in rows if r[0][j] > thr]
        return ("split", j, thr, self.grow(lo, depth - 1, minleaf),
                self.grow(hi, depth - 1, minleaf))

    def prob(self, r):
        nd = self.root
        while nd[0] == "split":
            nd = nd[3] if r[nd[1]] <= nd[2] else nd[4]
        return nd[1]

    def describe(self, nd=None, ind=""):
        nd = nd or self.root
        if nd[0] == "leaf":
            return "%sleaf P(furniture) %.2f (%d lines)\n" % (ind, nd[1],
                                                             nd[2])
        return ("%s%s <= %.3f\n" % (ind, FEATS[nd[1]], nd[2]) +
                self.describe(nd[3], ind + "  ") +
                "%selse\n" % ind + self.describe(nd[4], ind + "  "))


# -- the study ----------------------------------------------------------

def load(path):
    op = gzip.open if path.endswith(".gz") else open
    with op(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Fold:
    def __init__(self, recs, out):
        self.recs = recs
        self.out = out
        self.items = []         # (record, [(line, x)], labels)
        for r in recs:
            fl = features(out[r["id"]])
            lab = label([x for x, _ in fl], r["keep"], r["drop"])
            self.items.append((r, fl, lab))

    def xy(self):
        X, y = [], []
        for _, fl, lab in self.items:
            for (_, v), t in zip(fl, lab):
                if t is not None:
                    X.append(v)
                    y.append(1 - t)     # 1: furniture
        return X, y

    def probs(self, model):
        return [[model.prob(v) for _, v in fl] for _, fl, _ in self.items]

    def at(self, probs, thr):
        """The score with the lines at or above thr taken, and how many
        lines were taken: [keep, drop, neither]."""
        texts = {}
        taken = [0, 0, 0]
        for (r, fl, lab), ps in zip(self.items, probs):
            rm = {i for i, p in enumerate(ps) if p >= thr}
            for i in rm:
                taken[{1: 0, 0: 1, None: 2}[lab[i]]] += 1
            texts[r["id"]] = rebuild(self.out[r["id"]], rm)
        return score(self.recs, texts), taken


def auc(fold, probs):
    """Chance that a furniture line scores above a keep line."""
    fur, kee = [], []
    for (_, _, lab), ps in zip(fold.items, probs):
        for t, p in zip(lab, ps):
            if t == 0:
                fur.append(p)
            elif t == 1:
                kee.append(p)
    allp = sorted([(p, 1) for p in fur] + [(p, 0) for p in kee])
    # rank-sum with ties halved
    rank, i, rs = 1, 0, 0.0
    while i < len(allp):
        j = i
        while j < len(allp) and allp[j][0] == allp[i][0]:
            j += 1
        r = (rank + rank + j - i - 1) / 2
        rs += r * sum(c for _, c in allp[i:j])
        rank += j - i
        i = j
    n1, n0 = len(fur), len(kee)
    return (rs - n1 * (n1 + 1) / 2) / max(n1 * n0, 1)


def choose(fold, probs, target):
    """The lowest threshold keeping target of the keep strings on fold."""
    cands = sorted({round(p, 3) for ps in probs for p in ps}, reverse=True)
    best = 1.01
    for thr in cands:
        (k, _, _, _, _, _), _ = fold.at(probs, thr)
        if k + 1e-9 < target:
            break
        best = thr
    return best


def guards(model, thr, bbc, reut):
    """What the model takes from clean news at thr: BBC items touched;
    Reuters, every line a paragraph: lines taken, figure lines taken (as
    score_news.py --paragraphs defines them), angle-bracket names taken;
    Reuters as written: items touched."""
    res = {}
    if bbc:
        res["bbc_items"] = sum(
            any(model.prob(v) >= thr for v in it) for it in bbc["feats"])
    if reut:
        lines = figs = names = 0
        for fl, fig in zip(reut["feats"], reut["figs"]):
            for x, v in fl:
                if model.prob(v) >= thr:
                    lines += 1
                    figs += norm(x) in fig
                    names += len(re.findall(r"<[^<>\n]{1,60}>", x))
        res.update({"reuters_lines": lines, "reuters_figlines": figs,
                    "reuters_names": names})
        res["reuters_items"] = sum(
            any(model.prob(v) >= thr for v in it) for it in reut["plain"])
    return res


def news(cmd, path, reuters):
    """Clean news through the cleaner, and the features of what is left;
    for Reuters also every line made a paragraph, and its figure lines
    (lines that were a one-line paragraph, a digit, at most ten words)."""
    recs = load(path)
    out = run_cleaner(cmd, recs)
    res = {"lines": [features(t) for t in out.values()]}
    res["feats"] = [[v for _, v in fl] for fl in res["lines"]]
    if not reuters:
        return res
    del res["lines"]
    res["plain"] = res.pop("feats")
    figs = []
    for r in recs:
        t = r["text"]
        paras = re.split(r"\n(?:    |\n)", t)
        figs.append({norm(x) for x in paras if "\n" not in x.strip() and
                     re.search(r"[0-9]", x) and len(x.split()) <= 10})
        r["text"] = "\n\n".join(norm(x) for x in t.split("\n")
                                if x.strip())
    out = run_cleaner(cmd, recs)
    res["feats"] = [features(out[r["id"]]) for r in recs]
    res["figs"] = figs
    nl = sum(len(fl) for fl in res["feats"])
    nf = sum(len(f) for f in figs)
    print("reuters, every line a paragraph: %d lines after the cleaner, "
          "%d figure lines in the input" % (nl, nf))
    return res


def feature_auc(sets, k, j):
    """Each feature alone as a score: its AUC on each test fold."""
    res = {}
    for _, _, folds in sets:
        for tr, te in ((k, j), (j, k)):
            for c, f in enumerate(FEATS):
                ptr = [[v[c] for _, v in fl] for _, fl, _ in folds[tr].items]
                sign = 1 if auc(folds[tr], ptr) >= 0.5 else -1
                pte = [[sign * v[c] for _, v in fl]
                       for _, fl, _ in folds[te].items]
                res.setdefault(f, []).append(auc(folds[te], pte))
    print("feature      AUC on the test folds: dev %d, dev %d, dev2 %d, "
          "dev2 %d" % (j, k, j, k))
    for f, r in sorted(res.items(), key=lambda t: -sum(t[1])):
        print("%-12s " % f + " ".join("%.3f" % x for x in r) +
              "  mean %.3f" % (sum(r) / len(r)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dev")
    ap.add_argument("dev2")
    ap.add_argument("--cleaner", default="artclean")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--train", type=int, default=0)
    ap.add_argument("--test", type=int, default=1)
    ap.add_argument("--model", choices=("lr", "tree"), default="lr")
    ap.add_argument("--target-keep", default="0.97,0.95")
    ap.add_argument("--bbc")
    ap.add_argument("--reuters")
    ap.add_argument("--weights", action="store_true")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="list N lines taken on the test fold, and the N "
                    "BBC lines scored highest")
    ap.add_argument("--pool", action="store_true",
                    help="train on the fold of both sets together")
    ap.add_argument("--bbc-max", type=int, default=-1, metavar="N",
                    help="with --bbc: raise the threshold until at most N "
                    "BBC items are touched")
    ap.add_argument("--feature-auc", action="store_true",
                    help="only list each feature's AUC alone on the test "
                    "folds (its sign taken from the training fold)")
    ap.add_argument("--without", action="append", default=[],
                    choices=sorted(GROUPS), metavar="GROUP",
                    help="hold a group of features at zero: " +
                    ", ".join(sorted(GROUPS)))
    a = ap.parse_args()
    for g in a.without:
        MASK.update(GROUPS[g])
    if {a.train, a.test} & set(range(2, a.folds)) and a.folds == 4:
        sys.exit("shape_study: folds 2 and 3 of 4 are the lead's")
    targets = [float(x) for x in a.target_keep.split(",")]
    bbc = news(a.cleaner, a.bbc, False) if a.bbc else {}
    reut = news(a.cleaner, a.reuters, True) if a.reuters else None
    sets = []
    for path, target in zip((a.dev, a.dev2), targets):
        recs = load(path)
        folds = {}
        for k in (a.train, a.test):
            rk = [r for r in recs if in_fold(r, a.folds, k)]
            folds[k] = Fold(rk, run_cleaner(a.cleaner, rk))
        sets.append((os.path.basename(path), target, folds))
    if a.feature_auc:
        feature_auc(sets, a.train, a.test)
        return
    for name, target, folds in sets:
        for tr, te in ((a.train, a.test), (a.test, a.train)):
            if a.pool:
                X, y = [], []
                for _, _, f in sets:
                    X1, y1 = f[tr].xy()
                    X += X1
                    y += y1
            else:
                X, y = folds[tr].xy()
            model = (LR if a.model == "lr" else Tree)(X, y)
            ptr = folds[tr].probs(model)
            thr = choose(folds[tr], ptr, target)
            if bbc and a.bbc_max >= 0:
                top = sorted((max([model.prob(v) for v in it] or [0])
                              for it in bbc["feats"]), reverse=True)
                if len(top) > a.bbc_max:
                    thr = max(thr, top[a.bbc_max] + 1e-6)
            pte = folds[te].probs(model)
            (k0, d0, *_), _ = folds[te].at(pte, 2.0)
            (k1, d1, kk, nk, dd, nd), nl = folds[te].at(pte, thr)
            # the best a threshold could do on the test fold, for scale
            orc = choose(folds[te], pte, target)
            (ko, do, *_), _ = folds[te].at(pte, orc)
            g = guards(model, thr, bbc, reut) if bbc or reut else {}
            print("%s train %d (%d lines: %d furniture) test %d: threshold "
                  "%.3f; artclean keep %.3f drop %.3f -> keep %.3f (%d/%d) "
                  "drop %.3f (%d/%d), lines taken: %d keep, %d drop, %d "
                  "neither; best threshold on "
                  "test %.3f: keep %.3f drop %.3f%s" % (
                      name, tr, len(y), sum(y), te, thr, k0, d0, k1, kk, nk,
                      d1, dd, nd, nl[0], nl[1], nl[2], orc, ko, do,
                      "".join("; %s %d" % t for t in g.items())))
            (kt, dt, *_), _ = folds[tr].at(ptr, thr)
            (kt0, dt0, *_), _ = folds[tr].at(ptr, 2.0)
            print("  AUC furniture/keep lines: train %.3f test %.3f; on the "
                  "training fold keep %.3f -> %.3f drop %.3f -> %.3f" % (
                      auc(folds[tr], ptr), auc(folds[te], pte), kt0, kt,
                      dt0, dt))
            if a.show:
                shown = 0
                for (r, fl, lab), ps in zip(folds[te].items, pte):
                    for (x, _), t, p in zip(fl, lab, ps):
                        if p >= thr and shown < a.show:
                            shown += 1
                            print("  taken %.3f %s %s" % (
                                p, {None: "neither", 0: "drop",
                                    1: "KEEP"}[t], norm(x)[:100]))
                if bbc and "lines" in bbc:
                    top = sorted(((model.prob(v), x) for fl in bbc["lines"]
                                  for x, v in fl), reverse=True)
                    for p, x in top[:a.show]:
                        print("  bbc %.3f %s" % (p, norm(x)[:100]))
            if a.weights:
                print(model.describe())

if __name__ == "__main__":
    main()
