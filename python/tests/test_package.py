"""The package as installed: its version, its reference snapshot, and its
types as a user's type checker sees them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimcheck
from conftest import AS_OF, REFERENCE, REPO


def crate_version(manifest: Path) -> str:
    m = re.search(r'^version = "([^"]+)"', manifest.read_text(encoding="utf-8"), re.M)
    assert m, manifest
    return m.group(1)


def test_version_is_the_crate_version(cli: Path) -> None:
    assert claimcheck.__version__ == crate_version(REPO / "Cargo.toml")
    # The wheel's own version (python/Cargo.toml) is kept equal to it.
    assert crate_version(REPO / "python" / "Cargo.toml") == claimcheck.__version__
    out = subprocess.run([str(cli), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["claimcheck", claimcheck.__version__]


def test_the_installed_package_is_this_checkout() -> None:
    # Not a stale copy from elsewhere: the module's stub and marker ship too.
    package = Path(claimcheck.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_claimcheck.pyi").exists()


def test_snapshot_names_the_reference_content(tmp_path: Path) -> None:
    a = claimcheck.Checker(reference=REFERENCE, as_of=AS_OF)
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", a.snapshot), a.snapshot
    # Stable: another checker, another date, another path to the same
    # content, the same snapshot.
    copy = tmp_path / "copy"
    shutil.copytree(REFERENCE, copy)
    assert claimcheck.Checker(reference=REFERENCE, as_of="2001-01-01").snapshot == a.snapshot
    assert claimcheck.Checker(reference=copy, as_of=AS_OF).snapshot == a.snapshot
    assert a.snapshot == a.snapshot
    # A changed row is another snapshot; the built-in catalog alone another.
    csv = sorted(copy.glob("*.csv"))[0]
    csv.write_text(csv.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert claimcheck.Checker(reference=copy, as_of=AS_OF).snapshot != a.snapshot
    empty = tmp_path / "empty"
    empty.mkdir()
    assert claimcheck.Checker(reference=empty, as_of=AS_OF).snapshot != a.snapshot


def test_snapshot_and_version_are_the_ones_the_cli_report_names(
    cli: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder, args in [(REPO, ("--reference", str(REFERENCE))), (tmp_path, ())]:
        out = subprocess.run(
            [str(cli), "check", "-", "--format", "json", "--no-fail", *args],
            input="",
            capture_output=True,
            text=True,
            cwd=folder,
        )
        assert out.returncode == 0, out.stderr
        report = json.loads(out.stdout)
        # In tmp_path (no reference-data/), the default: the catalog alone.
        monkeypatch.chdir(folder)
        reference = str(REFERENCE) if args else None
        assert report["reference"] == claimcheck.Checker(reference=reference).snapshot
        assert report["claimcheck_version"] == claimcheck.__version__


def test_reference_takes_a_path_or_a_str() -> None:
    assert claimcheck.Checker(reference=str(REFERENCE)).snapshot == claimcheck.Checker(reference=REFERENCE).snapshot


def test_a_problem_survives_pickling() -> None:
    import pickle

    with pytest.raises(claimcheck.InputError) as raised:
        claimcheck.Checker().check([{"id": "x"}])
    again = pickle.loads(pickle.dumps(raised.value))
    assert isinstance(again, claimcheck.InputError)
    assert again.problems == raised.value.problems and str(again) == str(raised.value)


USAGE = '''
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple
import claimcheck

checker = claimcheck.Checker(reference=Path("reference-data"), as_of="2017-11-11", jobs=2)
findings: List[Dict[str, Any]] = checker.check([{"id": "c1", "text": "Syria has 18 million people."}])
more: List[claimcheck.Finding] = checker.check_jsonl(['{"id": "c1", "text": "x"}'])
kept: Tuple[List[claimcheck.Finding], List[claimcheck.Problem]] = checker.check_jsonl_with_problems("")
raw: Tuple[List[str], List[claimcheck.Problem]] = checker.check_jsonl_lines(open("a.jsonl"))
snapshot: str = checker.snapshot
as_of: str = checker.as_of
version: str = claimcheck.__version__
try:
    checker.check([])
except claimcheck.InputError as e:
    line: Optional[int] = e.problems[0]["line"]
'''

WRONG = '''
import claimcheck
checker = claimcheck.Checker(reference=3)
n: int = checker.snapshot
checker.check_jsonl(7)
'''


def test_types_as_mypy_strict_reads_them(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    good = tmp_path / "good.py"
    good.write_text(USAGE, encoding="utf-8")
    bad = tmp_path / "bad.py"
    bad.write_text(WRONG, encoding="utf-8")

    def mypy(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )

    ok = mypy(good)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = mypy(bad)
    assert wrong.returncode == 1, wrong.stdout
    # Each misuse is caught: a reference of the wrong type, a snapshot
    # taken for an int, lines of the wrong type.
    assert wrong.stdout.count("error:") == 3, wrong.stdout


def test_the_stub_matches_the_compiled_module() -> None:
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "claimcheck._claimcheck"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
