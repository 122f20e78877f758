"""What the tests share: the repository, the command-line binary to compare
with, the Reuters archive (read in place from ../shared/, never copied into
the repository), and a way to run `claimcheck check --format jsonl`.

tests/python_package.rs runs these tests from `cargo test` and names the
binary it built in CLAIMCHECK_BIN; run alone, pytest takes
target/release/claimcheck, then target/debug/claimcheck.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / "reference-data"
ARCHIVE = REPO.parent / "shared" / "data" / "reuters-21578" / "articles.jsonl"
AS_OF = "2017-11-11"


def _cli_path() -> Optional[Path]:
    named = os.environ.get("CLAIMCHECK_BIN")
    if named:
        return Path(named)
    for profile in ("release", "debug"):
        p = REPO / "target" / profile / "claimcheck"
        if p.exists():
            return p
    return None


@pytest.fixture(scope="session")
def cli() -> Path:
    p = _cli_path()
    if p is None or not p.exists():
        pytest.skip("no claimcheck binary: run `cargo build --release`, or set CLAIMCHECK_BIN")
    return p


def run_cli(cli: Path, text: str, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`claimcheck check - --format jsonl ARGS` with `text` on standard input."""
    return subprocess.run(
        [str(cli), "check", "-", "--format", "jsonl", "--no-fail", *args],
        input=text,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")},
    )


def cli_findings(cli: Path, text: str, *args: str, cwd: Path = REPO) -> List[Dict[str, Any]]:
    """The objects `claimcheck check --format jsonl` prints for `text`;
    fails the test when the command reports an error."""
    out = run_cli(cli, text, *args, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def archive_lines(n: int) -> List[str]:
    """The first `n` lines of the Reuters archive (skips the test when
    ../shared/ is absent)."""
    if not ARCHIVE.exists():
        pytest.skip(f"{ARCHIVE} is absent (the Reuters archive in ../shared/data/)")
    lines: List[str] = []
    with ARCHIVE.open(encoding="utf-8") as f:
        for line in f:
            if len(lines) == n:
                break
            lines.append(line.rstrip("\n"))
    return lines


@pytest.fixture
def archive_file(tmp_path: Path) -> Iterator[Path]:
    """2,000 Reuters articles as a JSON Lines file in a scratch folder."""
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(archive_lines(2000)) + "\n", encoding="utf-8")
    yield path
