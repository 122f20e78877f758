"""examples/spark_check.py in local[2] against one process: the same
findings for 2,000 Reuters articles; input problems kept in OUT_DIR/errors
with their archive lines; Parquet of the documented schema.

Needs Java and PySpark (tests/python_package.rs installs PySpark in its
venv, and says when Java is missing)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Set, Tuple

import pytest

import claimcheck
from conftest import AS_OF, REFERENCE, REPO, archive_lines

pytestmark = pytest.mark.spark

SCRIPT = REPO / "examples" / "spark_check.py"


def spark_check(*args: str, cwd: Path = REPO) -> Tuple[int, str]:
    """Run the job; its exit status and its output (spark-submit passes the
    driver's standard error on to its standard output)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no java on PATH and no JAVA_HOME: PySpark needs a JVM")
    pytest.importorskip("pyspark")
    submit = Path(sys.executable).parent / "spark-submit"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    run = subprocess.run(
        [str(submit), "--master", "local[2]", str(SCRIPT), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )
    return run.returncode, run.stdout


def part_lines(folder: Path) -> List[str]:
    """The lines of a Spark output folder's part files, in part order."""
    parts = sorted(folder.glob("part-*"))
    assert parts, f"no part files in {folder}"
    return [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]


def key(f: Dict[str, Any]) -> Tuple[str, int, int, str]:
    """(article id, span, verdict) of a finding: an archive article's claim
    ids are "<article id>#<n>"."""
    article, _, n = f["id"].rpartition("#")
    assert article and n.isdigit(), f["id"]
    return (article, f["span"]["start"], f["span"]["end"], f["verdict"])


def test_local2_gives_the_findings_of_one_process(tmp_path: Path) -> None:
    lines = archive_lines(2000)
    archive = tmp_path / "articles.jsonl"
    archive.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    # From the repository: its reference-data/ is the default, shipped to
    # the executors as the command line would read it.
    status, output = spark_check(str(archive), str(out), "--as-of", AS_OF)
    assert status == 0, output[-5000:]

    one = claimcheck.Checker(reference=REFERENCE, as_of=AS_OF).check_jsonl(lines)
    spark = [json.loads(line) for line in part_lines(out / "claims")]
    assert len(one) > 10_000, "2,000 wire articles hold many figures"
    want: Set[Tuple[str, int, int, str]] = {key(f) for f in one}
    got = {key(f) for f in spark}
    assert got == want, f"only Spark: {sorted(got - want)[:5]}; only one process: {sorted(want - got)[:5]}"
    assert {k[3] for k in want} == {"supported", "contradicted", "unverifiable"}
    # More than the set: the same objects, in archive order.
    assert spark == one
    assert part_lines(out / "errors") == []
    assert f"{len(one)} claim(s) checked" in output


def test_problems_are_kept_and_parquet_has_the_schema(tmp_path: Path) -> None:
    lines = archive_lines(200)
    # Two bad lines, at archive lines 50 and 151.
    lines.insert(49, '{"id": "bad-1", "body": "Figures.", "author": "nobody"}')
    lines.insert(150, "not json at all")
    archive = tmp_path / "articles.jsonl"
    archive.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reference = tmp_path / "newsroom-reference"
    shutil.copytree(REFERENCE, reference)
    out = tmp_path / "out"
    # From a folder with no reference-data/: the folder given is the one
    # shipped.
    status, output = spark_check(
        str(archive), str(out), "--reference", str(reference), "--as-of", AS_OF, "--parquet", cwd=tmp_path
    )
    assert status == 1, output[-5000:]
    assert "2 input problem(s)" in output
    assert f"{archive}:50: error:" in output and f"{archive}:151: error:" in output

    errors = [json.loads(line) for line in part_lines(out / "errors")]
    assert [(e["file"], e["line"], e["severity"]) for e in errors] == [
        (str(archive), 50, "error"),
        (str(archive), 151, "error"),
    ]
    assert "author" in errors[0]["problem"] and all(e["hint"] for e in errors)

    one, problems = claimcheck.Checker(reference=reference, as_of=AS_OF).check_jsonl_with_problems(lines)
    assert [p["line"] for p in problems] == [50, 151]
    # The one-process problems, but for the file named.
    assert errors == [dict(p, file=str(archive)) for p in problems]

    from pyspark.sql import SparkSession

    sys.path.insert(0, str(SCRIPT.parent))
    import spark_check as job

    session = SparkSession.builder.master("local[1]").appName("read-back").getOrCreate()
    try:
        frame = session.read.parquet(str(out / "claims"))
        assert frame.schema == job.SCHEMA
        rows = [r.asDict(recursive=True) for r in frame.collect()]
    finally:
        session.stop()
    # Each row is the finding, field for field (absent keys as nulls, an
    # event date's value in value_date).
    want = [_as_dict(job.finding_row(f), job.SCHEMA) for f in one]
    assert len(rows) == len(want) > 500
    assert sorted(map(_canonical, rows)) == sorted(map(_canonical, want))


def _as_dict(value: Any, kind: Any) -> Any:
    """A row of nested tuples as the nested dicts Spark's Row.asDict gives."""
    from pyspark.sql.types import ArrayType, StructType

    if value is None:
        return None
    if isinstance(kind, StructType):
        return {f.name: _as_dict(v, f.dataType) for f, v in zip(kind.fields, value)}
    if isinstance(kind, ArrayType):
        return [_as_dict(v, kind.elementType) for v in value]
    return value


def _canonical(d: Dict[str, Any]) -> str:
    return json.dumps(d, sort_keys=True)
