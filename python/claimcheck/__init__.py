"""claimcheck from Python: find the quantity claims in news text and check
them against reference data, in the process, with the command line's output.

    >>> import claimcheck
    >>> checker = claimcheck.Checker(as_of="2017-11-11")
    >>> findings = checker.check([{"id": "c1", "text": "Syria has 18 million people."}])
    >>> findings[0]["verdict"]
    'supported'

Each finding is the object that ``claimcheck check --format jsonl`` prints
for the same input, parsed with :func:`json.loads`. An input the checker
cannot read (an item with no ``text`` or ``body``, an unknown key, a bad
date) raises :class:`InputError`, which names every such item; none is
dropped silently. Checking runs in Rust with the interpreter's lock
released, so Python threads may check at the same time.

This module turns Python values into JSON Lines and back; the compiled
module ``claimcheck._claimcheck`` does the checking.
"""

from __future__ import annotations

import datetime
import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, TypedDict, Union

from . import _claimcheck

__version__: str = _claimcheck.__version__

__all__ = ["Checker", "InputError", "Problem", "Finding", "__version__"]

#: The name under which the input is checked: the one the command line gives
#: standard input, so that a finding's ``document`` is what
#: ``claimcheck check - --format jsonl`` prints for the same lines.
INPUT_NAME = "<stdin>"

#: One finding: the ``--format jsonl`` object (see README, "The report").
Finding = Dict[str, Any]


class Problem(TypedDict):
    """An input problem: the object ``claimcheck check --errors FILE``
    writes for it. Where, what, and what to do about it."""

    file: str
    #: The 1-based line of the JSON Lines input (for :meth:`Checker.check`,
    #: the position of the item), or ``None`` when it concerns no line.
    line: Optional[int]
    #: 1-based, or ``None`` when not known (as yet, always).
    column: Optional[int]
    #: ``"error"`` (raised) or ``"warning"`` (given to :mod:`warnings`).
    severity: str
    problem: str
    hint: str


class InputError(ValueError):
    """Input the checker could not read, or a reference folder it could not
    load. ``problems`` lists each problem; the message names each one with
    its line and hint."""

    problems: List[Problem]

    def __init__(self, problems: List[Problem]) -> None:
        self.problems = problems
        super().__init__(_describe(problems))

    def __reduce__(self) -> Tuple[Any, ...]:
        # Picklable with its problems (Spark and multiprocessing send
        # exceptions between processes).
        return (InputError, (self.problems,))


def _describe(problems: List[Problem]) -> str:
    head = "1 input problem" if len(problems) == 1 else f"{len(problems)} input problems"
    lines = [head + ":"]
    for p in problems:
        if p["file"] == INPUT_NAME and p["line"] is not None:
            where = f"line {p['line']}: "
        elif p["file"]:
            where = p["file"] if p["line"] is None else f"{p['file']}:{p['line']}"
            where += ": "
        else:
            where = ""
        lines.append(f"  {where}{p['problem']}")
        if p["hint"]:
            lines.append(f"    hint: {p['hint']}")
    return "\n".join(lines)


def _problem(line: str) -> Problem:
    p: Problem = json.loads(line)
    return p


def _json_default(value: Any) -> Any:
    # Dates may be given as dates; they are written as the ISO dates the
    # command line reads.
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def _item_line(item: Any, line: int) -> str:
    try:
        return json.dumps(item, ensure_ascii=False, allow_nan=False, default=_json_default)
    except (TypeError, ValueError) as e:
        raise InputError(
            [
                Problem(
                    file=INPUT_NAME,
                    line=line,
                    column=None,
                    severity="error",
                    problem=f"item {line} cannot be written as JSON: {e}",
                    hint="give each item as a dict of strings (id, text or body, as_of or date, ...)",
                )
            ]
        ) from None


def _jsonl_text(lines: Union[str, Iterable[str]]) -> str:
    if isinstance(lines, str):
        return lines
    if isinstance(lines, (bytes, bytearray)):
        raise TypeError("check_jsonl takes text: decode the bytes first (UTF-8)")
    # Lines read from a file keep their line break; a line never holds one
    # in its middle (JSON escapes it), so each becomes exactly one line.
    parts = []
    for n, line in enumerate(lines, 1):
        if not isinstance(line, str):
            raise TypeError(f"line {n} is a {type(line).__name__}, not a str")
        if line.endswith("\n"):
            line = line[:-2] if line.endswith("\r\n") else line[:-1]
        parts.append(line)
    return "\n".join(parts)


class Checker:
    """A reference index, loaded once, that checks claims and articles.

    ``reference``: a folder of reference CSVs added to the built-in catalog,
    as ``claimcheck check --reference``; ``None`` does what the command line
    does without the option (``./reference-data`` when the working directory
    has one). ``as_of``: the date a claim with no date of its own is checked
    at (``--as-of``; an ISO date string or a :class:`datetime.date`);
    ``None`` is today. ``jobs``: threads to check on, 0 for one per core.

    Raises :class:`InputError` when the reference folder cannot be loaded.
    One checker may be used from several threads at once.
    """

    __slots__ = ("_native",)

    def __init__(
        self,
        reference: Union[str, "os.PathLike[str]", None] = None,
        as_of: Union[str, datetime.date, None] = None,
        jobs: int = 0,
    ) -> None:
        folder = None if reference is None else os.fsdecode(os.fspath(reference))
        if isinstance(as_of, datetime.datetime):
            as_of = as_of.date()
        if isinstance(as_of, datetime.date):
            as_of = as_of.isoformat()
        if as_of is not None and not isinstance(as_of, str):
            raise TypeError(f"as_of is a {type(as_of).__name__}: give an ISO date string or a datetime.date")
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
            raise ValueError(f"jobs must be an int >= 0 (0: one thread per core), not {jobs!r}")
        try:
            self._native = _claimcheck.Checker(folder, as_of, jobs)
        except _claimcheck.OpenError as e:
            raise InputError([_problem(p) for p in e.args[0]]) from None

    @property
    def snapshot(self) -> str:
        """A content hash of the reference data checked against (the built-in
        catalog and the folder): equal snapshots, equal verdicts."""
        return self._native.snapshot

    @property
    def as_of(self) -> str:
        """The date (ISO) a claim with no date of its own is checked at."""
        return self._native.as_of

    def check(self, items: Iterable[Mapping[str, Any]]) -> List[Finding]:
        """Check claims and articles given as dicts, in order.

        A claim has ``id`` and ``text``, and optionally ``as_of``,
        ``document`` and ``url`` (the fields of a claim file); an article has
        ``id`` and ``body``, and optionally ``date`` and ``title`` (an
        archive line). Returns one finding per claim found, in input order.
        Raises :class:`InputError` naming each item that cannot be read
        (its ``line`` is the item's position, from 1).
        """
        text = "\n".join(_item_line(item, n) for n, item in enumerate(items, 1))
        findings, problems = self.check_jsonl_with_problems(text)
        _raise_errors(problems)
        return findings

    def check_jsonl(self, lines: Union[str, Iterable[str]]) -> List[Finding]:
        """Check JSON Lines (claim-file or archive lines): one string, or an
        iterable of lines such as an open file. Otherwise as :meth:`check`."""
        findings, problems = self.check_jsonl_with_problems(lines)
        _raise_errors(problems)
        return findings

    def check_jsonl_with_problems(
        self, lines: Union[str, Iterable[str]]
    ) -> Tuple[List[Finding], List[Problem]]:
        """As :meth:`check_jsonl`, but input problems are returned beside the
        findings of the lines that could be read, not raised: for pipelines
        that keep them (the command line's ``--errors FILE``)."""
        raw, problems = self.check_jsonl_lines(lines)
        return [json.loads(line) for line in raw], problems

    def check_jsonl_lines(self, lines: Union[str, Iterable[str]]) -> Tuple[List[str], List[Problem]]:
        """As :meth:`check_jsonl_with_problems`, but each finding is the line
        ``claimcheck check --format jsonl`` prints (without its newline),
        not parsed: for a pipeline that writes the lines on. Parsing them
        is about half the time of :meth:`check_jsonl` (BENCHMARKS.md)."""
        raw, problems = self._native.check_jsonl(INPUT_NAME, _jsonl_text(lines))
        kept = [_problem(p) for p in problems]
        for p in kept:
            if p["severity"] != "error":
                warnings.warn(_describe([p]), stacklevel=2)
        return raw, kept

    def __repr__(self) -> str:
        return f"<claimcheck.Checker as_of={self.as_of} snapshot={self.snapshot}>"


def _raise_errors(problems: List[Problem]) -> None:
    errors = [p for p in problems if p["severity"] == "error"]
    if errors:
        raise InputError(errors)
