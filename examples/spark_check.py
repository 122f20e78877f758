#!/usr/bin/env python3
"""Check a JSON Lines archive with PySpark: one claimcheck.Checker per
partition, the findings written as JSON Lines part files (or Parquet).

    spark-submit --master local[2] examples/spark_check.py ARCHIVE.jsonl OUT_DIR \\
        [--reference DIR] [--as-of DATE] [--parquet]

ARCHIVE.jsonl holds one article (`id`, `body`, optionally `date`, `title`)
or one claim (`id`, `text`, optionally `as_of`, `document`, `url`) per
line, as `claimcheck check` reads a `.jsonl` file. Writes:

- OUT_DIR/claims/: every claim's finding, the object `claimcheck check
  --format jsonl` prints, as JSON Lines part files, in archive order; with
  --parquet, Parquet files of the schema SCHEMA below (README, "Spark").
- OUT_DIR/errors/: every input problem (a line that is no JSON object, an
  unknown key, a duplicate id...) as JSON Lines, each the object
  `claimcheck check --errors FILE` writes (`file`, `line`, `column`,
  `severity`, `problem`, `hint`), `file` naming the archive and `line` its
  line in the archive, from 1.
  The lines that can be read are checked all the same; the job then exits
  with status 1, so a pipeline cannot miss the problems.

The reference: --reference DIR, or, as the command line does, the working
directory's reference-data/ when there is one; either way the driver loads
it once (a broken folder stops the job before any task starts) and ships it
to the executors with SparkContext.addFile, where each task reads it from
SparkFiles. Without either, the built-in catalog alone. The as-of date is
settled on the driver (--as-of, else today) so that every task uses the same.
Each task checks on one thread: Spark's cores are the parallelism.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import claimcheck
from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)


def _struct(*fields: Tuple[str, DataType]) -> StructType:
    return StructType([StructField(name, kind, nullable=True) for name, kind in fields])


_INTERVAL = _struct(("low", DoubleType()), ("high", DoubleType()))

#: A finding in Parquet: the `--format jsonl` object, field for field, with
#: one change: an evidence row's `value` is a number, or (for an event's
#: start or end) an ISO date, which goes to `value_date` instead, `value`
#: then being null. A key the schema does not know fails the job (see
#: `_row`): nothing is dropped on the way.
SCHEMA = _struct(
    ("id", StringType()),
    ("document", StringType()),
    ("url", StringType()),
    ("span", _struct(("start", LongType()), ("end", LongType()), ("line", LongType()), ("column", LongType()))),
    ("text", StringType()),
    ("sentence", StringType()),
    ("subject", _struct(("mention", StringType()), ("entity", StringType()), ("score", DoubleType()))),
    ("metric", StringType()),
    (
        "quantity",
        _struct(
            ("low", DoubleType()),
            ("high", DoubleType()),
            ("point", DoubleType()),
            ("unit", StringType()),
            ("kind", StringType()),
        ),
    ),
    ("as_of", StringType()),
    ("verdict", StringType()),
    ("confidence", DoubleType()),
    (
        "evidence",
        ArrayType(
            _struct(
                ("dataset", StringType()),
                ("file", StringType()),
                ("line", LongType()),
                ("entity", StringType()),
                ("metric", StringType()),
                ("value", DoubleType()),
                ("value_date", StringType()),
                ("low", DoubleType()),
                ("high", DoubleType()),
                ("unit", StringType()),
                ("date", StringType()),
                ("source", StringType()),
                ("url", StringType()),
            )
        ),
    ),
    ("derived", _struct(("form", StringType()), ("claimed", _INTERVAL), ("computed", DoubleType()))),
    ("explanation", StringType()),
    ("reason", StringType()),
    ("ignored", StringType()),
    ("baselined", BooleanType()),
)


def _row(value: Any, kind: DataType, where: str) -> Any:
    """`value` (parsed JSON) as a value of the Spark type `kind`: a tuple for
    a struct, a list for an array. Raises on a key `kind` does not name or a
    value of another type, so that no field is silently lost."""
    if value is None:
        return None
    if isinstance(kind, StructType):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object, got {value!r}")
        unknown = set(value) - set(kind.names)
        if unknown:
            raise ValueError(f"{where}: keys {sorted(unknown)} are not in the Parquet schema (SCHEMA)")
        return tuple(_row(value.get(f.name), f.dataType, f"{where}.{f.name}") for f in kind.fields)
    if isinstance(kind, ArrayType):
        return [_row(v, kind.elementType, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(kind, DoubleType) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(kind, LongType) and isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(kind, StringType) and isinstance(value, str):
        return value
    if isinstance(kind, BooleanType) and isinstance(value, bool):
        return value
    raise ValueError(f"{where}: {value!r} is not a {kind.simpleString()}")


def finding_row(finding: Dict[str, Any]) -> Tuple[Any, ...]:
    """A finding as a row of SCHEMA."""
    evidence = []
    for e in finding.get("evidence") or []:
        if isinstance(e, dict) and isinstance(e.get("value"), str):
            e = dict(e, value=None, value_date=e["value"])
        evidence.append(e)
    row = _row(dict(finding, evidence=evidence), SCHEMA, finding.get("id", "finding"))
    assert isinstance(row, tuple)
    return row


def check_partition(
    numbered: Iterable[Tuple[str, int]],
    reference: Optional[str],
    as_of: str,
    snapshot: str,
    archive: str,
) -> Iterator[Tuple[str, str]]:
    """Check one partition's (line, index) pairs with one Checker; yield
    ("claim", jsonl line) for each finding and ("error", jsonl line) for each
    input problem, its line renumbered to the archive's."""
    pairs = list(numbered)
    if not pairs:
        return
    folder = SparkFiles.get(reference) if reference else None
    checker = claimcheck.Checker(reference=folder, as_of=as_of, jobs=1)
    if checker.snapshot != snapshot:
        raise RuntimeError(
            f"the executor's reference ({checker.snapshot}) is not the driver's ({snapshot}): "
            "was the folder changed while the job ran?"
        )
    # The lines as the CLI prints them, not parsed and written again.
    findings, problems = checker.check_jsonl_lines([line for line, _ in pairs])
    for f in findings:
        yield ("claim", f)
    for p in problems:
        line = p["line"]
        problem = dict(p, file=archive, line=None if line is None else pairs[line - 1][1] + 1)
        yield ("error", json.dumps(problem, ensure_ascii=False))


def parse_args(argv: List[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", help="a JSON Lines file of articles or claims (any path Spark reads)")
    parser.add_argument("out_dir", help="the folder to write claims/ and errors/ into (must not exist)")
    parser.add_argument("--reference", help="a reference folder (default: ./reference-data when there is one)")
    parser.add_argument("--as-of", dest="as_of", help="the date of claims with no date of their own (default: today)")
    parser.add_argument("--parquet", action="store_true", help="write the findings as Parquet, not JSON Lines")
    return parser.parse_args(argv)


def main(argv: List[str]) -> int:
    args = parse_args(argv)
    reference = args.reference
    if reference is None and os.path.isdir("reference-data"):
        reference = "reference-data"
    try:
        driver = claimcheck.Checker(reference=reference, as_of=args.as_of, jobs=1)
    except claimcheck.InputError as e:
        print(f"spark_check: {e}", file=sys.stderr)
        return 2

    spark = SparkSession.builder.appName("claimcheck").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    shipped = None
    if reference is not None:
        folder = os.path.abspath(reference)
        sc.addFile(folder, recursive=True)
        shipped = os.path.basename(folder.rstrip(os.sep))
    as_of, snapshot, archive = driver.as_of, driver.snapshot, args.archive

    lines = sc.textFile(archive).zipWithIndex()
    tagged = lines.mapPartitions(lambda part: check_partition(part, shipped, as_of, snapshot, archive))
    tagged.persist()
    claims = tagged.filter(lambda t: t[0] == "claim").map(lambda t: t[1])
    errors = tagged.filter(lambda t: t[0] == "error").map(lambda t: t[1])
    out = args.out_dir.rstrip("/")
    if args.parquet:
        rows = claims.map(lambda line: finding_row(json.loads(line)))
        spark.createDataFrame(rows, SCHEMA).write.parquet(f"{out}/claims")
    else:
        claims.saveAsTextFile(f"{out}/claims")
    errors.saveAsTextFile(f"{out}/errors")
    n_claims = claims.count()
    n_problems = errors.count()
    n_errors = errors.filter(lambda line: json.loads(line)["severity"] == "error").count()
    first = [json.loads(e) for e in errors.take(10)]
    spark.stop()

    print(
        f"spark_check: {n_claims} claim(s) checked against {snapshot} (as of {as_of}), "
        f"{n_problems} input problem(s); written to {out}/claims and {out}/errors",
        file=sys.stderr,
    )
    for p in first:
        print(f"  {p['file']}:{p['line']}: {p['severity']}: {p['problem']} (hint: {p['hint']})", file=sys.stderr)
    if n_problems > len(first):
        print(f"  ... and {n_problems - len(first)} more in {out}/errors", file=sys.stderr)
    return 1 if n_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
