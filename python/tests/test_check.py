"""claimcheck.Checker against the command line: the same lines give the same
findings, whether they come as dicts, as one string or as lines of a file;
bad input raises InputError naming its line; the checker may be shared by
threads, which check while the interpreter runs other Python code."""

from __future__ import annotations

import datetime
import json
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

import claimcheck
from conftest import AS_OF, REFERENCE, REPO, archive_lines, cli_findings, run_cli

CLAIMS = [
    {"id": "c1", "text": "Syria has 18 million people."},
    {"id": "c2", "text": "Nigeria's population passed 190 million.", "as_of": "2017-06-01"},
    {
        "id": "c3",
        "text": "The raging conflict in Syria is now in its sixth year, has caused hundreds of "
        "thousands of deaths and wounded nearly two million.",
        "document": "seed.md",
        "url": "https://example.org/syria",
    },
    {"id": "c4", "text": "In South Africa, unemployment reached 28.5 percent in 2019."},
    {"id": "c5", "text": "A sentence with no figure in it."},
]

ARTICLES = [
    {
        "id": "a1",
        "date": "2017-11-11",
        "title": "Syria",
        "body": "The raging conflict in Syria is now in its sixth year.\n\n"
        "It has wounded nearly two million people. Syria has 18 million people.",
    },
    {"id": "a2", "date": "2019-03-01", "body": "Indonesia's population is about 270 million."},
]


def lines_of(items: List[Dict[str, Any]]) -> str:
    return "\n".join(json.dumps(i) for i in items) + "\n"


@pytest.fixture(scope="module")
def checker() -> claimcheck.Checker:
    return claimcheck.Checker(reference=REFERENCE, as_of=AS_OF)


def test_claim_dicts_give_the_cli_objects(checker: claimcheck.Checker, cli: Path) -> None:
    got = checker.check(CLAIMS)
    want = cli_findings(cli, lines_of(CLAIMS), "--reference", str(REFERENCE), "--as-of", AS_OF)
    assert len(want) >= 5, "the claims hold several checkable figures"
    assert {f["verdict"] for f in want} >= {"supported", "contradicted"}
    assert got == want
    # The optional fields arrive: the row's document and url.
    c3 = [f for f in got if f["id"].startswith("c3")]
    assert c3 and all(f["document"] == "seed.md" and f["url"] == "https://example.org/syria" for f in c3)


def test_article_dicts_give_the_cli_objects(checker: claimcheck.Checker, cli: Path) -> None:
    got = checker.check(ARTICLES)
    want = cli_findings(cli, lines_of(ARTICLES), "--reference", str(REFERENCE), "--as-of", AS_OF)
    assert len(want) >= 4
    assert got == want
    # An article's claims take its date, not the checker's.
    assert {f["as_of"] for f in got if "a2" in f["document"]} == {"2019-03-01"}


def test_reuters_lines_give_the_cli_objects(checker: claimcheck.Checker, cli: Path, tmp_path: Path) -> None:
    lines = archive_lines(300)
    text = "\n".join(lines) + "\n"
    want = cli_findings(cli, text, "--reference", str(REFERENCE), "--as-of", AS_OF)
    assert len(want) > 1000
    assert checker.check_jsonl(text) == want
    assert checker.check_jsonl(lines) == want
    path = tmp_path / "a.jsonl"
    path.write_text(text, encoding="utf-8")
    with path.open(encoding="utf-8") as f:
        assert checker.check_jsonl(f) == want
    assert checker.check(json.loads(line) for line in lines) == want
    # The lines themselves, byte for byte.
    out = run_cli(cli, text, "--reference", str(REFERENCE), "--as-of", AS_OF)
    assert checker.check_jsonl_lines(text) == (out.stdout.splitlines(), [])


def test_the_default_reference_is_the_cli_default(cli: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In a folder with no reference-data/: the built-in catalog alone, for both.
    monkeypatch.chdir(tmp_path)
    alone = claimcheck.Checker(as_of=AS_OF)
    want = cli_findings(cli, lines_of(CLAIMS), "--as-of", AS_OF, cwd=tmp_path)
    assert alone.check(CLAIMS) == want
    # Beside a reference-data/ folder, it is read, as the CLI reads it.
    shutil.copytree(REFERENCE, tmp_path / "reference-data")
    beside = claimcheck.Checker(as_of=AS_OF)
    assert beside.snapshot != alone.snapshot
    assert beside.snapshot == claimcheck.Checker(reference=REFERENCE, as_of=AS_OF).snapshot
    assert beside.check(CLAIMS) == cli_findings(cli, lines_of(CLAIMS), "--as-of", AS_OF, cwd=tmp_path)


def test_nothing_in_nothing_out(checker: claimcheck.Checker) -> None:
    assert checker.check([]) == []
    assert checker.check_jsonl("") == []
    assert checker.check_jsonl([]) == []
    assert checker.check_jsonl("\n\n") == []


def test_as_of_takes_a_date_and_defaults_to_today() -> None:
    assert claimcheck.Checker(as_of=datetime.date(2016, 2, 11)).as_of == "2016-02-11"
    assert claimcheck.Checker(as_of="2016-02-11").as_of == "2016-02-11"
    assert claimcheck.Checker().as_of == datetime.date.today().isoformat()
    findings = claimcheck.Checker(as_of="2000-01-01").check(
        [{"id": "c", "text": "Syria has 18 million people.", "as_of": datetime.date(2017, 11, 11)}]
    )
    assert [f["as_of"] for f in findings] == ["2017-11-11"]


def cli_errors(cli: Path, text: str, tmp_path: Path) -> List[Dict[str, Any]]:
    """The objects of `claimcheck check --errors FILE` for `text` on
    standard input."""
    errors = tmp_path / "errors.jsonl"
    out = run_cli(cli, text, "--reference", str(REFERENCE), "--as-of", AS_OF, "--errors", str(errors))
    assert out.returncode == 2, out.stderr
    return [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]


def test_a_bad_item_raises_input_error_naming_its_line(
    checker: claimcheck.Checker, cli: Path, tmp_path: Path
) -> None:
    items: List[Any] = [
        {"id": "c1", "text": "Syria has 18 million people."},
        {"id": "c2", "text": "Nigeria has 190 million people.", "as_off": "2017-01-01"},
        {"id": "c3", "text": "Nigeria has 190 million people."},
        ["not", "an", "object"],
        {"id": "c5", "txt": "no text"},
    ]
    with pytest.raises(claimcheck.InputError) as raised:
        checker.check(items)
    e = raised.value
    assert isinstance(e, ValueError)
    assert [p["line"] for p in e.problems] == [2, 4, 5]
    assert all(p["severity"] == "error" and p["problem"] and p["hint"] for p in e.problems)
    message = str(e)
    assert message.startswith("3 input problems:")
    assert "line 2: " in message and "line 4: " in message and "line 5: " in message
    assert "as_off" in message
    assert message.count("hint: ") == 3
    # Each problem is the object the CLI's --errors file holds for it.
    assert e.problems == cli_errors(cli, lines_of(items), tmp_path)


def test_problems_can_be_kept_beside_the_findings(checker: claimcheck.Checker, cli: Path, tmp_path: Path) -> None:
    text = '{"id": "c1", "text": "Syria has 18 million people."}\nnot json\n{"id": "c1", "text": "again"}\n'
    findings, problems = checker.check_jsonl_with_problems(text)
    assert [f["id"] for f in findings] == ["c1"]
    assert [(p["line"], p["severity"]) for p in problems] == [(2, "error"), (3, "error")]
    assert "duplicate" in problems[1]["problem"]
    out = run_cli(cli, text, "--reference", str(REFERENCE), "--as-of", AS_OF)
    assert findings == [json.loads(line) for line in out.stdout.splitlines()]
    assert problems == cli_errors(cli, text, tmp_path)


def test_an_item_that_is_no_json_raises_input_error(checker: claimcheck.Checker) -> None:
    with pytest.raises(claimcheck.InputError, match="item 2 cannot be written as JSON") as raised:
        checker.check([{"id": "a", "text": "x"}, {"id": "b", "text": object()}])
    assert raised.value.problems[0]["line"] == 2
    with pytest.raises(claimcheck.InputError, match="item 1"):
        checker.check([{"id": "a", "text": "1 million", "as_of": float("nan")}])


def test_wrong_argument_types_are_type_errors(checker: claimcheck.Checker) -> None:
    with pytest.raises(TypeError):
        checker.check_jsonl(b'{"id": "a", "text": "x"}')  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        checker.check_jsonl([1, 2])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        claimcheck.Checker(jobs=-1)
    with pytest.raises(TypeError):
        claimcheck.Checker(reference=3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make, expect",
    [
        (lambda d: d / "missing", "missing"),
        (lambda d: (d / "file.csv").write_text("x") and d / "file.csv", "file.csv"),
    ],
    ids=["missing folder", "a file, not a folder"],
)
def test_a_bad_reference_raises_input_error(tmp_path: Path, make: Any, expect: str) -> None:
    with pytest.raises(claimcheck.InputError) as raised:
        claimcheck.Checker(reference=make(tmp_path))
    assert raised.value.problems and expect in str(raised.value)


def test_a_bad_reference_row_is_named_with_its_file_and_line(tmp_path: Path, cli: Path) -> None:
    folder = tmp_path / "ref"
    folder.mkdir()
    (folder / "people.csv").write_text(
        "entity,metric,value,low,high,unit,date,source,url\n"
        "Atlantis,population,1000,,,people,2017,Plato,\n"
        "Atlantis,population,many,,,people,2018,Plato,\n",
        encoding="utf-8",
    )
    with pytest.raises(claimcheck.InputError) as raised:
        claimcheck.Checker(reference=folder)
    [p] = raised.value.problems
    assert p["file"].endswith("people.csv") and p["line"] == 3, p
    assert p["hint"]
    assert "people.csv:3" in str(raised.value)
    out = run_cli(cli, "", "--reference", str(folder))
    assert out.returncode == 2 and "people.csv:3" in out.stderr


def test_a_bad_as_of_raises_input_error() -> None:
    with pytest.raises(claimcheck.InputError, match="as_of: ") as raised:
        claimcheck.Checker(as_of="the day after tomorrow")
    [p] = raised.value.problems
    assert "the day after tomorrow" in p["problem"] and "datetime.date" in p["hint"]


def test_two_threads_at_once_give_the_same_findings(checker: claimcheck.Checker) -> None:
    inputs = [CLAIMS * 40, ARTICLES * 40]
    # Ids must be unique within one call.
    inputs = [[dict(item, id=f"{item['id']}-{n}") for n, item in enumerate(batch)] for batch in inputs]
    alone = [checker.check(batch) for batch in inputs]
    results: List[Any] = [None, None]
    barrier = threading.Barrier(2)

    def work(k: int) -> None:
        barrier.wait()
        for _ in range(5):
            got = checker.check(inputs[k])
            assert got == alone[k]
        results[k] = got

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == alone


def test_the_interpreter_runs_while_a_check_runs() -> None:
    # One long article, checked on one thread by the compiled module. While
    # it runs, this thread counts; were the interpreter's lock held, it
    # could not run at all until the check ended.
    checker = claimcheck.Checker(as_of=AS_OF, jobs=1)
    body = "Syria has 18 million people and Nigeria has 190 million. " * 20000
    text = json.dumps({"id": "long", "body": body})
    native = checker._native
    took: List[float] = []

    def work() -> None:
        start = time.perf_counter()
        native.check_jsonl("<stdin>", text)
        took.append(time.perf_counter() - start)

    t = threading.Thread(target=work)
    longest_gap = 0.0
    last = time.perf_counter()
    t.start()
    while t.is_alive():
        now = time.perf_counter()
        longest_gap = max(longest_gap, now - last)
        last = now
    t.join()
    assert took[0] > 0.2, f"the check took {took[0]:.3f} s: too short to tell"
    assert longest_gap < took[0] / 2, f"this thread stood still {longest_gap:.3f} s of the check's {took[0]:.3f} s"
