"""Run quantulum3 and Recognizers-Text on the labelled phrase corpus
(tests/data/phrases.csv) and print the share of phrases each reads right,
beside claimcheck's own reading (`claimcheck normalize --format json`).

    python3 scripts/compare_peers.py PATH/TO/claimcheck [--misses]

With tests/data/phrase_families.csv (phrase,family), it also prints the
shares per family of issue 23 (fractions, signs, exponents, ranges...), the
phrases outside them counted as "earlier". `--misses` lists, per family,
the phrases each reader gets wrong.

Needs a Python with quantulum3, recognizers-text-number and emoji<1.0 (the
venv scripts/bench.sh makes); not part of the test suite.

Two criteria, per phrase with an expected quantity:
  value:    the reading's single figure lies in the expected interval (for a
            hedged or vague phrase: anywhere in it) -- the most a peer that
            returns one number can get right;
  interval: low, high, unit and kind all as expected (claimcheck only: the peers
            have no intervals, hedges or vague plurals).
Phrases labelled `none` (not a quantity) are right when nothing is read.
A phrase labelled `error` (claimcheck refuses it with a reason) is right for
claimcheck when it is refused, and for a peer when it reads no number (a
peer that reads "1.5^10" as 1.5 is wrong).
The corpus was written beside claimcheck's normalizer, so its own score is a
regression figure, not an independent one.
"""
import csv
import json
import math
import subprocess
import sys
import warnings

warnings.filterwarnings("ignore")

binary = sys.argv[1]
show_misses = "--misses" in sys.argv[2:]
rows = list(csv.DictReader(open("tests/data/phrases.csv", encoding="utf-8")))
try:
    family_of = {r["phrase"]: r["family"] for r in csv.DictReader(open("tests/data/phrase_families.csv", encoding="utf-8"))}
except FileNotFoundError:
    family_of = {}

from quantulum3 import parser  # noqa: E402
from recognizers_number import Culture, recognize_number  # noqa: E402


def num(s):
    return float(s) if s not in ("", None) else None


def in_interval(v, low, high):
    if v is None:
        return False
    lo = -math.inf if low is None else low
    hi = math.inf if high is None else high
    eps = 1e-6 * max(1.0, abs(v))  # JSON figures carry 12 significant digits
    return lo - eps <= v <= hi + eps


def quantulum(phrase):
    q = parser.parse(phrase)
    return [x.value for x in q]


def recognizers(phrase):
    out = []
    for r in recognize_number(phrase, Culture.English):
        try:
            out.append(float(r.resolution["value"]))
        except (TypeError, ValueError, KeyError):
            pass
    return out


def ours(phrase, as_of):
    p = subprocess.run([binary, "normalize", phrase, "--as-of", as_of, "--format", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        return None
    return json.loads(p.stdout)


READERS = ["quantulum3", "recognizers", "claimcheck value", "claimcheck interval"]
score = {k: [0, 0] for k in READERS}
by_family = {}
misses = {}
for r in rows:
    kind = r["kind"]
    family = family_of.get(r["phrase"], "earlier")
    low, high, point = num(r["low"]), num(r["high"]), num(r["point"])
    q, rec, o = quantulum(r["phrase"]), recognizers(r["phrase"]), ours(r["phrase"], r["as_of"])
    if kind == "error":
        if family == "earlier":
            continue
        right = {"quantulum3": not q, "recognizers": not rec, "claimcheck value": o is None, "claimcheck interval": o is None}
    elif kind == "none":
        right = {"quantulum3": not q, "recognizers": not rec, "claimcheck value": o is None, "claimcheck interval": o is None}
    else:
        target = point
        first = lambda vs: vs[0] if vs else None  # noqa: E731
        ov = None if o is None else (o["point"] if o["point"] is not None else (o["low"] if o["low"] is not None else o["high"]))
        right = {
            "quantulum3": in_interval(first(q), low, high),
            "recognizers": in_interval(first(rec), low, high),
            "claimcheck value": in_interval(ov, low, high),
            "claimcheck interval": o is not None and o["unit"] == r["unit"] and o["low"] == low and o["high"] == high and o["kind"] == kind
            or (o is not None and o["kind"] == kind and o["unit"] == r["unit"] and all(
                (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1e-6 * max(1, abs(b)))
                for a, b in ((o["low"], low), (o["high"], high)))),
        }
        _ = target
    fam = by_family.setdefault(family, {k: [0, 0] for k in READERS})
    for k, v in right.items():
        score[k][0] += int(v)
        score[k][1] += 1
        fam[k][0] += int(v)
        fam[k][1] += 1
        if not v:
            misses.setdefault((family, k), []).append(r["phrase"])
for k, (ok, n) in score.items():
    print(f"{k:22} {ok}/{n} = {100 * ok / n:.1f}%")
if family_of:
    print()
    print("share right per family (value criterion for the peers; claimcheck both)")
    print(f"{'family':16} {'n':>4} " + " ".join(f"{k:>20}" for k in READERS))
    for family in sorted(by_family, key=lambda f: (f == "earlier", f)):
        fam = by_family[family]
        n = fam[READERS[0]][1]
        cells = " ".join(f"{fam[k][0]:>9}/{n:<3} {100 * fam[k][0] / n:5.1f}%" for k in READERS)
        print(f"{family:16} {n:>4} {cells}")
    issue = [f for f in by_family if f != "earlier"]
    n = sum(by_family[f][READERS[0]][1] for f in issue)
    cells = " ".join(f"{sum(by_family[f][k][0] for f in issue):>9}/{n:<3} {100 * sum(by_family[f][k][0] for f in issue) / max(n, 1):5.1f}%" for k in READERS)
    print(f"{'issue 23 all':16} {n:>4} {cells}")
if show_misses:
    for (family, k), phrases in sorted(misses.items()):
        print(f"\n{family} / {k}: {len(phrases)} wrong")
        for p in phrases:
            print(f"  {p!r}")
