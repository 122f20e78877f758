#!/usr/bin/env python3
"""Draw a deterministic random sample of the quantity mentions claimcheck
extracts from the Reuters-21578 archive, for a person to label.

    A=../shared/data/reuters-21578/articles.jsonl
    claimcheck extract $A --output /tmp/rx.json
    scripts/reuters_sample.py $A /tmp/rx.json 100 2026 > sample.csv

Each row: article id, the mention as extracted, a short phrase around it
(the mention and at most two words either side, never a sentence), the
reading (kind/unit), and an empty `label` column (quantity | not_quantity)
and `note` for the labeller. tests/data/reuters-sample.csv is such a sample,
labelled; tests/reuters_sample.rs checks claimcheck against it.
"""
import csv
import json
import random
import re
import sys


def context(body, start, end):
    """The mention at body[start:end] and at most two words either side,
    as written (line breaks and runs of spaces as one space)."""
    for _ in range(2):
        m = re.search(r"\S+\s*$", body[:start])
        if not m:
            break
        start = m.start()
    for _ in range(2):
        m = re.match(r"\s*\S+", body[end:])
        if not m:
            break
        end += m.end()
    return re.sub(r"\s+", " ", body[start:end]).strip()


def main():
    archive, path, n, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    bodies = {}
    with open(archive) as f:
        for line in f:
            a = json.loads(line)
            bodies[a["id"]] = a["body"]
    claims = json.load(open(path))["claims"]
    random.seed(seed)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["article", "mention", "context", "reading", "label", "note"])
    for c in random.sample(claims, n):
        article = c["id"].split("#")[1]
        body = bodies[article]
        # Spans are byte offsets; Python slices characters.
        raw = body.encode()
        start = len(raw[: c["span"]["start"]].decode())
        end = len(raw[: c["span"]["end"]].decode())
        mention = re.sub(r"\s+", " ", body[start:end])
        q = c.get("quantity") or {}
        reading = f"{q.get('kind', '-')}/{q.get('unit', '-')}"
        ctx = context(body, start, end)
        w.writerow([article, mention, ctx, reading, "", ""])


if __name__ == "__main__":
    main()
