#!/usr/bin/env python3
"""Throughput of the Python package beside the command line, on one JSON
Lines archive (BENCHMARKS.md, "Session 10: Python and Spark").

    scripts/bench_python.py ARCHIVE [--runs N] [--cli target/release/claimcheck]

Run it with the Python that has `claimcheck` installed (pip install ./python).
In turns, N times each (after one warm-up of each):

- dicts: `Checker.check(items)` on the archive's lines already parsed into
  dicts (the JSON written, checked, and the findings parsed back);
- jsonl: `Checker.check_jsonl(lines)` on the archive's lines as str;
- lines: `Checker.check_jsonl_lines(lines)`, the findings as the CLI's
  lines, not parsed (what the Spark job writes);
- cli: `claimcheck check - --format jsonl --no-fail` as a process, the
  archive on its standard input and its output read (the whole process:
  start, the reference loaded, the check);

and the time to open a Checker (load the reference). Prints the medians,
articles per second, and each Python figure's ratio to the CLI's, taken run
by run (a ratio of the same turn, so the machine's drift cancels).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path
from typing import Callable, Dict, List

import claimcheck


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cli", default="target/release/claimcheck")
    parser.add_argument("--as-of", default="2017-11-11")
    parser.add_argument("--reference", default=None, help="default: the CLI's default (./reference-data when present)")
    args = parser.parse_args()

    text = args.archive.read_text(encoding="utf-8")
    lines = text.splitlines()
    items = [json.loads(line) for line in lines]
    megabytes = len(text.encode("utf-8")) / 1e6
    ref_args = ["--reference", args.reference] if args.reference else []

    opens: List[float] = []
    checker = claimcheck.Checker(reference=args.reference, as_of=args.as_of)
    for _ in range(args.runs):
        opens.append(timed(lambda: claimcheck.Checker(reference=args.reference, as_of=args.as_of)))

    def cli() -> int:
        out = subprocess.run(
            [args.cli, "check", "-", "--format", "jsonl", "--no-fail", "--as-of", args.as_of, *ref_args],
            input=text.encode("utf-8"),
            capture_output=True,
            check=True,
        )
        return out.stdout.count(b"\n")

    found = {
        "dicts": len(checker.check(items)),
        "jsonl": len(checker.check_jsonl(lines)),
        "lines": len(checker.check_jsonl_lines(lines)[0]),
        "cli": cli(),
    }
    assert len(set(found.values())) == 1, f"the three ways found different numbers of claims: {found}"

    work: Dict[str, Callable[[], object]] = {
        "dicts": lambda: checker.check(items),
        "jsonl": lambda: checker.check_jsonl(lines),
        "lines": lambda: checker.check_jsonl_lines(lines),
        "cli": cli,
    }
    times: Dict[str, List[float]] = {k: [] for k in work}
    for _ in range(args.runs):
        for name, w in work.items():
            times[name].append(timed(w))

    n = len(lines)
    print(f"{args.archive.name}: {n} lines, {megabytes:.1f} MB, {found['cli']} claims; {args.runs} runs each")
    print(f"Checker open (reference load): median {statistics.median(opens):.3f} s")
    print("| way | median s | articles/s | MB/s | time / CLI's (median of pairs) |")
    print("| --- | --- | --- | --- | --- |")
    for name, ts in times.items():
        med = statistics.median(ts)
        ratio = statistics.median(t / c for t, c in zip(ts, times["cli"]))
        print(f"| {name} | {med:.3f} | {n / med:,.0f} | {megabytes / med:.1f} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
