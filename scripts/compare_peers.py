"""Run quantulum3 and Recognizers-Text on the labelled phrase corpus
(tests/data/phrases.csv) and print the share of phrases each reads right,
beside claimcheck's own reading (`claimcheck normalize --format json`).

    python3 scripts/compare_peers.py PATH/TO/claimcheck

Needs a Python with quantulum3, recognizers-text-number and emoji<1.0 (the
venv scripts/bench.sh makes); not part of the test suite.

Two criteria, per phrase with an expected quantity:
  value:    the reading's single figure lies in the expected interval (for a
            hedged or vague phrase: anywhere in it) -- the most a peer that
            returns one number can get right;
  interval: low, high and kind all as expected (claimcheck only: the peers
            have no intervals, hedges or vague plurals).
Phrases labelled `none` (not a quantity) are right when nothing is read.
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
rows = list(csv.DictReader(open("tests/data/phrases.csv", encoding="utf-8")))

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


score = {"quantulum3": [0, 0], "recognizers": [0, 0], "claimcheck value": [0, 0], "claimcheck interval": [0, 0]}
for r in rows:
    kind = r["kind"]
    if kind == "error":
        continue
    low, high, point = num(r["low"]), num(r["high"]), num(r["point"])
    q, rec, o = quantulum(r["phrase"]), recognizers(r["phrase"]), ours(r["phrase"], r["as_of"])
    if kind == "none":
        right = {"quantulum3": not q, "recognizers": not rec, "claimcheck value": o is None, "claimcheck interval": o is None}
    else:
        target = point
        first = lambda vs: vs[0] if vs else None  # noqa: E731
        ov = None if o is None else (o["point"] if o["point"] is not None else (o["low"] if o["low"] is not None else o["high"]))
        right = {
            "quantulum3": in_interval(first(q), low, high),
            "recognizers": in_interval(first(rec), low, high),
            "claimcheck value": in_interval(ov, low, high),
            "claimcheck interval": o is not None and o["low"] == low and o["high"] == high and o["kind"] == kind
            or (o is not None and o["kind"] == kind and all(
                (a is None and b is None) or (a is not None and b is not None and abs(a - b) <= 1e-6 * max(1, abs(b)))
                for a, b in ((o["low"], low), (o["high"], high)))),
        }
        _ = target
    for k, v in right.items():
        score[k][0] += int(v)
        score[k][1] += 1
for k, (ok, n) in score.items():
    print(f"{k:22} {ok}/{n} = {100 * ok / n:.1f}%")
