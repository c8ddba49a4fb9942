#!/usr/bin/env python3
"""gen_rewrites.py - plant rewrites of news items in a corpus, with ground truth.

usage: gen_rewrites.py --seed N [--sources N] [--min-words 40]
                       [--strength S] corpus.jsonl[.gz] planted.jsonl truth.jsonl

Writes planted.jsonl: every record of the corpus unchanged, in order, then
the rewrites ("id": "rw<seed>-<n>", same fields as their source, rewritten
"title" and "text").  truth.jsonl has one line per rewrite:
{"a": rewrite id, "b": source id, "edits": [...], "swapped": share}.

A rewrite is what an outlet does to a wire story it republishes.  Sources
are drawn from the items of at least --min-words words; each gets one to
three rewrites.  Every rewrite has 0 to 8% of its words swapped for a
synonym (uniform), and each of these edits with its probability:

  cut      one sentence in five or fewer left out (not the first)  .5
  insert   one to three sentences of local colour put in           .4
  title    the headline changed                                     .7
  spell    other spellings, numbers in words, units spelt out       .5
  reorder  two paragraphs after the first swapped                   .3
  end      the end cut off: 50 to 90% of the sentences kept         .3
  boiler   one to three page-furniture lines added, top or foot     .4

The probabilities are fixed here, not tuned on any tool's results.
--strength S (default 1) makes the structural edits heavier for a harder
collection: up to S/5 of the sentences cut, 1 to 3S sentences inserted,
the end cut to between 50/S and 90% (the synonyms stay at 0-8%).  The
same corpus, seed and strength give the same bytes.  Standard library
only.
"""
import argparse
import gzip
import json
import random
import re
import sys

# Synonyms an editor uses for the commonest words of news copy; a word
# maps to those it may become (both directions are listed where both hold).
SYN = """
said:stated,told,added|says:states,tells|say:state|told:informed
rise:increase,climb,gain|rose:increased,climbed,gained|rises:increases,gains
fall:drop,decline,slide|fell:dropped,declined,slid|falls:drops,declines
big:large,major|large:big,major|small:minor,modest|major:big,large,key
buy:purchase,acquire|bought:purchased,acquired|sell:dispose,offload
sold:disposed,offloaded|sale:disposal|deal:agreement,accord|deals:agreements
agreement:deal,accord|company:firm,group|firm:company,group
companies:firms,groups|firms:companies,groups|group:firm,company
government:administration,authorities|officials:authorities
official:spokesman,representative|spokesman:official,representative
people:persons,individuals|country:nation|countries:nations|nation:country
new:fresh,latest|latest:newest,most recent|old:former,previous|former:ex
year:twelve months|years:decades|month:period|week:seven days
help:assist,aid|helped:assisted,aided|show:reveal,indicate|showed:revealed
shows:reveals,indicates|expected:forecast,predicted|expect:anticipate
expects:anticipates,forecasts|plan:scheme,proposal|plans:schemes,proposals
begin:start,commence|began:started|start:begin|started:began,launched
end:finish,close|ended:finished,closed|make:produce|made:produced,created
use:employ|used:employed|need:require|needs:requires|needed:required
want:wish|wants:wishes|think:believe|thought:believed|believe:think
important:key,crucial,significant|key:crucial,central|main:chief,principal
increase:rise,growth|decrease:fall,drop|growth:expansion|profit:earnings
profits:earnings|earnings:profits|revenue:sales,turnover|sales:revenue
shares:stock|stock:shares|price:cost|prices:costs|cost:price|costs:prices
high:elevated|low:weak|strong:robust,solid|weak:soft,poor|good:positive
bad:poor,negative|poor:weak,bad|early:initial|late:delayed|recent:latest
recently:lately|quickly:rapidly,swiftly|rapidly:quickly|about:around,some
around:about,roughly|nearly:almost|almost:nearly|also:too,as well
however:but,though|but:yet|because:as,since|while:whereas|before:prior to
after:following|following:after|during:throughout|against:versus
announced:revealed,unveiled|announce:reveal|report:account,study
reported:said,disclosed|reports:accounts|meeting:talks,session
talks:negotiations,discussions|discussions:talks|leader:head,chief
leaders:heads,chiefs|chief:head,boss|head:chief,leader|boss:chief,head
move:step|moves:steps|decision:ruling|decided:chose,opted|chose:picked
attack:assault|attacks:assaults|war:conflict|conflict:war,dispute
dispute:row,disagreement|row:dispute|problem:difficulty,issue
problems:difficulties,issues|issue:matter,question|issues:matters
city:town|area:region,zone|region:area|world:globe|global:worldwide
international:global,foreign|foreign:overseas,international|local:regional
national:federal|public:state|private:independent|economy:market
economic:financial|financial:monetary|market:sector|markets:sectors
industry:sector|business:trade|trade:commerce|job:post,position
jobs:posts,positions|work:labour|workers:employees,staff|staff:workers
employees:workers,staff|money:funds,cash|funds:money,cash|cash:money
paid:gave|pay:wages|win:victory|won:secured,claimed|lost:forfeited
victory:win,triumph|defeat:loss|team:side,squad|side:team|game:match
match:game,fixture|player:athlete|players:athletes|coach:manager
manager:boss,coach|club:side|season:campaign|film:movie|films:movies
movie:film|music:songs|show:programme|award:prize|awards:prizes
prize:award|star:celebrity|album:record|song:track|songs:tracks
best:finest,top|top:leading,best|leading:top,foremost|biggest:largest
largest:biggest|many:numerous,several|several:a number of,various
some:a few|most:the majority of|more:further|less:fewer|other:further
others:the rest|only:just,merely|just:only|still:yet|already:previously
again:once more|often:frequently|usually:normally,generally
told:said to|added:continued,noted|warned:cautioned|claimed:alleged
argued:contended|suggested:indicated,proposed|called:urged|urged:called on
hope:wish|hopes:wishes|fear:worry|fears:worries|concern:worry
concerns:worries|likely:probable|possible:potential|clear:plain
difficult:hard,tough|hard:difficult,tough|easy:simple|simple:easy
total:overall,combined|overall:total|current:present,existing
previous:prior,earlier|next:following,coming|last:previous,past
final:last|first:initial,opening|second:next|today:on the day
number:figure|figures:data,numbers|data:figures|level:rate
rate:level|plan:proposal|support:backing|backed:supported,endorsed
supported:backed|opposed:resisted|rejected:refused,dismissed
""".split("\n")


def syn_table():
    t = {}
    for entry in SYN:
        if not entry.strip():
            continue
        for part in entry.split("|"):
            w, alts = part.split(":")
            t.setdefault(w, []).extend(alts.split(","))
    return t


SYNONYMS = syn_table()

# Other spellings, and units or abbreviations an outlet spells out.
SPELL = {
    "per cent": "percent", "percent": "per cent", "pct": "percent",
    "mln": "million", "bln": "billion", "dlrs": "dollars",
    "cts": "cents", "organisation": "organization",
    "organization": "organisation", "programme": "program",
    "labour": "labor", "labor": "labour", "favour": "favor",
    "centre": "center", "center": "centre", "defence": "defense",
    "defense": "defence", "analyse": "analyze", "analysed": "analyzed",
    "realise": "realize", "recognised": "recognized", "colour": "color",
    "travelling": "traveling", "behaviour": "behavior", "cheque": "check",
    "tonnes": "tons", "Mr": "Mr.", "Mrs": "Mrs.",
    "U.S.": "US", "US": "U.S.", "U.K.": "UK", "UK": "Britain",
    "Jan": "January", "Feb": "February", "Oct": "October",
}

NUMWORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen",
            "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty"]

BOILER = [
    "Sign up to our daily newsletter for the latest headlines.",
    "Share this article on Facebook, Twitter or by email.",
    "Copyright 2024 Example Media Group. All rights reserved.",
    "This article was first published by our partner agency.",
    "Follow us on social media for more breaking news.",
    "Advertisement",
    "Read more: Our top stories of the day",
    "Have your say in the comments below.",
    "Subscribe now for unlimited access to all our journalism.",
    "Photo: File picture",
    "Related topics",
    "Reporting by our correspondent; editing by the news desk.",
]

# Inserted sentences are invented, not taken from another item: a copied
# sentence would be real reuse of that item, which a tool is right to find.
SUBJ = ["Local officials", "Analysts in the capital", "A spokeswoman",
        "Residents", "Opposition politicians", "Industry observers",
        "Union leaders", "Several economists", "A senior aide",
        "Campaigners", "Regional managers", "Market traders",
        "The city council", "Independent experts", "Two board members"]
VERB = ["said", "told reporters", "said on Tuesday", "warned", "argued",
        "said in a statement", "told this newspaper", "suggested",
        "said late on Friday", "wrote in a note to clients", "insisted",
        "conceded", "noted", "said privately", "added"]
WHAT = ["the decision would be reviewed within weeks",
        "the figures had been widely expected",
        "nobody had been consulted beforehand",
        "the timing came as a surprise to many",
        "further details would follow in due course",
        "the move could prove costly in the long run",
        "it was too early to judge the full effect",
        "the outcome reflected months of careful planning",
        "talks would continue over the weekend",
        "there was little appetite for another delay",
        "the changes were long overdue",
        "questions remained about how it would be paid for",
        "the news was welcome but not enough",
        "similar steps had failed elsewhere",
        "the matter was now in the hands of lawyers"]
TAIL = ["", "", " this week", " after the meeting", " earlier this year",
        " by the end of the month", " according to people familiar with it"]


def invented(rng):
    return (f"{rng.choice(SUBJ)} {rng.choice(VERB)} "
            f"{rng.choice(WHAT)}{rng.choice(TAIL)}.")


TITLE_PREFIX = ["UPDATE: ", "WATCH: ", "Breaking: ", "REVISED - ",
                "ANALYSIS: ", ""]

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def read_jsonl(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def paragraphs(text):
    """Paragraphs and the separator between them: a blank line, or (as in
    Reuters) a newline followed by indentation."""
    if "\n\n" in text:
        return [p for p in text.split("\n\n") if p.strip()], "\n\n"
    parts = re.split(r"\n(?=[ \t]{2,})", text)
    return [p.strip() for p in parts if p.strip()], "\n    "


SENT_END = re.compile(r"[.!?][\"'”’)]?(\s+)(?=[\"'“‘(]?[A-Z0-9])")


ABBR = {"mr", "mrs", "ms", "dr", "st", "inc", "corp", "co", "ltd", "jan",
        "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
        "no", "vs", "gov", "sen", "rep", "gen", "col", "lt", "prof", "jr"}


def sentences(par):
    out, pos = [], 0
    for m in SENT_END.finditer(par):
        w = re.search(r"(\w+)\W*$", par[pos:m.start(1)])
        if w and (len(w.group(1)) == 1 or w.group(1).lower() in ABBR):
            continue	# U.S. Treasury, Mr. Smith, Inc. said
        out.append(par[pos:m.start(1)])
        pos = m.end(1)
    out.append(par[pos:])
    return [s for s in out if s.strip()]


def count_words(text):
    return len(WORD_RE.findall(text))


def case_like(src, w):
    if src.isupper() and len(src) > 1:
        return w.upper()
    if src[:1].isupper():
        return w[:1].upper() + w[1:]
    return w


def swap_words(rng, text, rate):
    """Swap a share rate of the words for synonyms; returns the text and the
    share of words actually swapped (the table may hold too few)."""
    words = list(WORD_RE.finditer(text))
    if not words:
        return text, 0.0
    want = round(rate * len(words))
    cands = [m for m in words if m.group().lower() in SYNONYMS]
    rng.shuffle(cands)
    pick = sorted(cands[:want], key=lambda m: m.start())
    out, pos = [], 0
    for m in pick:
        out.append(text[pos:m.start()])
        out.append(case_like(m.group(), rng.choice(SYNONYMS[m.group().lower()])))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), len(pick) / len(words)


def respell(rng, text):
    """Other spellings and numbers in words, each kind taken up or not as a
    house style would be: all its occurrences, or none."""
    keys = [k for k in SPELL if re.search(r"\b" + re.escape(k) + r"\b", text)]
    for k in keys:
        if rng.random() < 0.7:
            text = re.sub(r"(?<![\w.])" + re.escape(k) + r"(?![\w])",
                          SPELL[k], text)
    if rng.random() < 0.7:
        text = re.sub(r"\b([0-9]|1[0-9]|20)\b(?![.,]\d)",
                      lambda m: NUMWORDS[int(m.group(1))], text)
    return text


def rewrite(rng, rec, strength=1.0):
    """One outlet's version of rec; returns (record, edits, swapped)."""
    pars, sep = paragraphs(rec.get("text") or "")
    sents = [sentences(p) for p in pars]
    edits = []
    if rng.random() < 0.5:
        flat = [(i, j) for i, ss in enumerate(sents) for j in range(len(ss))
                if (i, j) != (0, 0)]
        k = rng.randint(1, max(1, int(len(flat) * strength / 5))) if flat else 0
        drop = set(rng.sample(flat, min(k, len(flat))))
        if drop:
            sents = [[s for j, s in enumerate(ss) if (i, j) not in drop]
                     for i, ss in enumerate(sents)]
            sents = [ss for ss in sents if ss]
            edits.append("cut")
    if rng.random() < 0.3 and len(sents) > 2:
        i, j = rng.sample(range(1, len(sents)), 2)
        sents[i], sents[j] = sents[j], sents[i]
        edits.append("reorder")
    if rng.random() < 0.3:
        n = sum(len(ss) for ss in sents)
        keep = max(1, round(n * rng.uniform(0.5 / strength, 0.9)))
        if keep < n:
            out, left = [], keep
            for ss in sents:
                if left <= 0:
                    break
                out.append(ss[:left])
                left -= len(ss[:left])
            sents = out
            edits.append("end")
    if rng.random() < 0.4:
        for _ in range(rng.randint(1, round(3 * strength))):
            at = rng.randrange(1, len(sents) + 1)
            sents.insert(at, [invented(rng)])
        edits.append("insert")
    text = sep.join(" ".join(ss) for ss in sents)
    if rng.random() < 0.5:
        t2 = respell(rng, text)
        if t2 != text:
            edits.append("spell")
        text = t2
    text, swapped = swap_words(rng, text, rng.uniform(0.0, 0.08))
    if swapped > 0:
        edits.append("swap")
    if rng.random() < 0.4:
        lines = rng.sample(BOILER, rng.randint(1, 3))
        if rng.random() < 0.5:
            text = sep.join(lines) + sep + text
        else:
            text = text + sep + sep.join(lines)
        edits.append("boiler")
    out = dict(rec)
    title = rec.get("title") or ""
    if rng.random() < 0.7 and title:
        t2, _ = swap_words(rng, title, 0.3)
        t2 = rng.choice(TITLE_PREFIX) + t2
        if t2 != title:
            out["title"] = t2
            edits.append("title")
    out["text"] = text
    return out, edits, swapped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--sources", type=int, default=500,
                    help="items to rewrite (default 500)")
    ap.add_argument("--min-words", type=int, default=40,
                    help="smallest item rewritten, in words (default 40)")
    ap.add_argument("--strength", type=float, default=1.0,
                    help="heavier structural edits (default 1)")
    ap.add_argument("corpus")
    ap.add_argument("planted")
    ap.add_argument("truth")
    a = ap.parse_args()

    recs = list(read_jsonl(a.corpus))
    rng = random.Random(a.seed)
    eligible = [i for i, r in enumerate(recs)
                if count_words(r.get("text") or "") >= a.min_words]
    if a.sources > len(eligible):
        sys.exit(f"gen_rewrites.py: only {len(eligible)} items of "
                 f"{a.min_words} words or more")
    chosen = sorted(rng.sample(eligible, a.sources))
    n = 0
    with open(a.planted, "w", encoding="utf-8") as fp, \
            open(a.truth, "w", encoding="utf-8") as ft:
        for r in recs:
            fp.write(json.dumps(r, ensure_ascii=False) + "\n")
        for i in chosen:
            for _ in range(rng.choice((1, 1, 2, 3))):
                out, edits, swapped = rewrite(rng, recs[i], a.strength)
                out["id"] = f"rw{a.seed}-{n:05d}"
                n += 1
                fp.write(json.dumps(out, ensure_ascii=False) + "\n")
                ft.write(json.dumps({"a": out["id"], "b": str(recs[i]["id"]),
                                     "edits": edits,
                                     "swapped": round(swapped, 4)}) + "\n")
    print(f"gen_rewrites.py: {n} rewrites of {len(chosen)} items",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
