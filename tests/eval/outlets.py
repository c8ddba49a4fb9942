#!/usr/bin/env python3
"""outlets.py - write an invented corpus of many items per source, each
outlet with furniture of its own, annotated as the boilerplate sets are.

Usage: outlets.py [--outlets N] [--items M] [--seed S] [--half 1|2]
                  > corpus.jsonl

Every record has "id", "source", "text", "keep" and "drop", so that
score_boilerplate.py scores it (it passes "source" on, which a learned
model needs):

    artclean --learn model.txt corpus.jsonl
    score_boilerplate.py corpus.jsonl
    score_boilerplate.py --cleaner "artclean -m model.txt" corpus.jsonl

--half 1 writes the first half of each outlet's items, --half 2 the
second, so that a model learned from an archive can be measured on items
it has not seen.

Each outlet has a name, a menu, a line under the headline, a prompt of
its own wording, a heading over other stories, and a footer, the same on
every item (as a real archive repeats an outlet's furniture); the items'
prose, their other headlines and their bylines differ.  No wording is
taken from any real page: the words are drawn from the lists below, so
that no rule written for real furniture can know them.
"""
import argparse
import json
import random

PLACES = ["Harrowby", "Kelmscott", "Dunmere", "Ashbourne", "Caldervale",
          "Stonebridge", "Millbrook", "Westerhope", "Pennwick", "Lowther"]
NOUNS = ["council", "ferry", "school", "bridge", "harbour", "library",
         "market", "clinic", "orchard", "railway", "museum", "brewery"]
VERBS = ["approved", "delayed", "reopened", "questioned", "funded",
         "inspected", "closed", "expanded", "defended", "reviewed"]
PEOPLE = ["Anna Berg", "Tomas Reyes", "Priya Shah", "Oskar Lind",
          "Mara Quinn", "Felix Adeyemi", "Ruth Amis", "Jon Halloran"]
WORDS = ["plan", "budget", "report", "vote", "survey", "repairs", "fares",
         "staff", "visitors", "residents", "timetable", "contract"]


def sentence(rnd):
    return ("The %s in %s %s the %s on %s, and %s said the %s would be "
            "%s before the end of the year." % (
                rnd.choice(NOUNS), rnd.choice(PLACES), rnd.choice(VERBS),
                rnd.choice(WORDS), rnd.choice(["Monday", "Tuesday",
                                               "Friday"]),
                rnd.choice(PEOPLE), rnd.choice(WORDS),
                rnd.choice(VERBS)))


def headline(rnd):
    return "%s %s %s %s" % (rnd.choice(PLACES), rnd.choice(NOUNS).title(),
                            rnd.choice(VERBS).title(),
                            rnd.choice(WORDS).title())


def outlet(rnd, k):
    name = "The %s %s" % (rnd.choice(PLACES), rnd.choice(
        ["Gazette", "Courier", "Lantern", "Beacon", "Packet", "Ledger"]))
    return {
        "name": name,
        "menu": ["Front", rnd.choice(["Local", "Region", "Valley"]),
                 rnd.choice(["Sport", "Games", "Fixtures"]), "Notices"],
        "under": "%s desk" % name,
        "prompt": "Tell the %s what you saw: our tip line is open all "
                  "week" % name.split()[2],
        "heading": rnd.choice(["Elsewhere in", "Also from", "Around"]) +
                   " the " + name.split()[2],
        "footer": "%s, printed in %s since %d" % (
            name, rnd.choice(PLACES), 1850 + k * 7),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--outlets", type=int, default=12)
    ap.add_argument("--items", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--half", type=int, choices=(1, 2))
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    for k in range(a.outlets):
        o = outlet(rnd, k)
        for i in range(a.items):
            prose = [" ".join(sentence(rnd) for _ in range(rnd.randint(
                2, 4))) for _ in range(rnd.randint(3, 6))]
            others = [headline(rnd) for _ in range(3)]
            byline = rnd.choice(PEOPLE)
            drop = o["menu"] + [o["under"], o["prompt"], o["heading"]] + \
                others + [o["footer"]]
            paras = o["menu"] + [headline(rnd), o["under"], byline] + \
                prose[:2] + [o["prompt"]] + prose[2:] + \
                [o["heading"]] + others + [o["footer"]]
            if a.half and (i < a.items // 2) != (a.half == 1):
                continue
            print(json.dumps({
                "id": "outlet%02d-%02d" % (k, i), "source": o["name"],
                "text": "\n\n".join(paras),
                "keep": [p[:60] for p in prose], "drop": drop}))


if __name__ == "__main__":
    main()
