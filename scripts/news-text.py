#!/usr/bin/env python3
"""Plain news text for the whole-process benchmarks: the bodies of the
Reuters-21578 archive (JSON Lines: id, date, title, body), in archive order,
separated by blank lines, repeated from the start as often as needed, until
the output holds at least SIZE megabytes (10^6 bytes); whole bodies only.

    scripts/news-text.py ARCHIVE SIZE_MB OUT

The text is generated where the benchmark works (target/ or /tmp), never
committed: the Reuters text is not part of this repository."""

import json
import sys


def main() -> None:
    archive, size_mb, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    want = int(size_mb * 1_000_000)
    bodies = []
    with open(archive, encoding="utf-8") as f:
        for line in f:
            body = json.loads(line).get("body") or ""
            if body.strip():
                bodies.append(body.strip().encode("utf-8") + b"\n\n")
    written = 0
    with open(out, "wb") as f:
        while written < want:
            for b in bodies:
                f.write(b)
                written += len(b)
                if written >= want:
                    break


if __name__ == "__main__":
    main()
