"""Problems found in the sources, and how they are reported.

Nothing raises on bad content, so that a maintainer sees every defect in one
run. The conventions, everywhere in the core:

- a loader returns ``(value, problems)``: what it could read (or ``None``)
  and a list of :class:`Problem`; a check of loaded records returns the list;
- a place in a source is a :class:`Position` (line and column, from 1); YAML
  loaders record one for every key and item (:class:`~.source.Positions`),
  and a problem is made at one with :meth:`Problem.at`;
- every code is in the table of :mod:`.problem_codes`.

Reporting is kept separate, so the same problems can be printed for a
terminal or as GitHub annotations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .problem_codes import UNREADABLE


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file: 1-based line and column (the one convention for places)."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in one source file, with its position and a stable code.

    Codes are listed, with what is wrong and how to fix it, in
    :mod:`macros.core.problem_codes` (and in CONTRIBUTING).
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""

    @classmethod
    def at(cls, path: str, place: Position, code: str, message: str, hint: str = "") -> Problem:
        """A problem at a :class:`Position`, as the loaders record them."""
        return cls(path, place.line, place.column, code, message, hint)

    def format(self) -> str:
        """``path:line:column: message; hint [code]`` for terminals and logs."""
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        if self.hint:
            text += f"; {self.hint}"
        return f"{text} [{self.code}]"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown inline on the PR diff."""
        message = self.message + (f"; {self.hint}" if self.hint else "")
        message = message.replace("%", "%25").replace("\n", "%0A")
        return (
            f"::error file={self.path},line={self.line},col={self.column},"
            f"title={self.code}::{message}"
        )


def report(problems: Iterable[Problem], github: bool = False) -> str:
    """All problems, files that could not be read first, then by place; one per line, then a count."""
    problems = sorted(problems, key=lambda problem: (problem.code not in UNREADABLE, problem))
    lines = [p.format_github() if github else p.format() for p in problems]
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} found in the sources.")
    return "\n".join(lines)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A suggestion for a mistyped name: every candidate as close as the closest, or ``""``.

    Closeness is the number of edits (a character added, removed or changed,
    or two neighbours swapped: ``trevithick2021`` is one edit from
    ``trevithick2012``), ignoring case; a suggestion may be at most a third of
    the name's length away, and always one edit.
    """
    name = str(name)
    limit = max(1, len(name) // 3)
    scored = [(edits(name.casefold(), str(c).casefold()), str(c)) for c in dict.fromkeys(candidates)]
    best = min((score for score, _ in scored), default=limit + 1)
    if best > limit:
        return ""
    closest = [f"'{candidate}'" for score, candidate in scored if score == best]
    listed = closest[0] if len(closest) == 1 else ", ".join(closest[:-1]) + " or " + closest[-1]
    return f"did you mean {listed}?"


def edits(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    swaps of two neighbouring characters, each one edit (Damerau–Levenshtein,
    each substring edited once)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
