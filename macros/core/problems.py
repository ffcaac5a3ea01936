"""Problems found in the sources, and how they are reported.

Validators return lists of :class:`Problem` rather than raising, so that a
maintainer sees every defect in one run; reporting is kept separate so the
same problems can be printed for a terminal or as GitHub annotations.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in one source file, with its position and a stable code."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""

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


#: Problems that mean a file could not be read (or not all of it): reported first,
#: because what follows may be their consequence, and fixing them comes first.
UNREADABLE = frozenset({
    "source-encoding", "source-control-character", "yaml-syntax", "yaml-alias", "yaml-too-deep",
    "yaml-value", "yaml-duplicate-key", "front-matter-unclosed", "front-matter-type",
    "bib-missing", "bib-empty", "bib-syntax",
})


def report(problems: Iterable[Problem], github: bool = False) -> str:
    """All problems, files that could not be read first, then by place; one per line, then a count."""
    problems = sorted(problems, key=lambda problem: (problem.code not in UNREADABLE, problem))
    lines = [p.format_github() if github else p.format() for p in problems]
    noun = "problem" if len(problems) == 1 else "problems"
    lines.append(f"{len(problems)} {noun} found in the sources.")
    return "\n".join(lines)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A suggestion for a mistyped name, or an empty string if none is close."""
    matches = difflib.get_close_matches(str(name), [str(c) for c in candidates], n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
