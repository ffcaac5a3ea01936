"""Finding glossary terms in text: one compiled pattern for every term.

All names (terms, their forms and regular plurals) go into a single
alternation, longest first, so "relational practice" wins over "practice" and
matching costs one pass over the text however many terms there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_SIBILANT = ("s", "x", "z", "ch", "sh")


def plurals(name: str) -> list[str]:
    """Regular English plurals of a name (of its last word, for phrases)."""
    if name.endswith(_SIBILANT):
        return [name + "es"]
    if len(name) > 1 and name.endswith("y") and name[-2] not in "aeiou":
        return [name[:-1] + "ies"]
    return [name + "s"]


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term_id: str
    text: str


class TermMatcher:
    """Matches any of many names, case-insensitively, as whole words."""

    def __init__(self, names: Mapping[str, str]):
        """``names`` maps each lower-case name to the id of its term."""
        lookup: dict[str, str] = {}
        for name, term_id in names.items():  # explicit names win over plurals
            for plural in plurals(name):
                lookup.setdefault(plural, term_id)
        lookup.update({name: term_id for name, term_id in names.items()})
        self._lookup = {self._fold(name): term_id for name, term_id in lookup.items()}
        alternatives = sorted(lookup, key=len, reverse=True)
        body = "|".join(r"\s+".join(map(re.escape, name.split())) for name in alternatives)
        # Hyphens count as word characters: "multi-agency" is not "agency".
        self._pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE) if body else None

    @staticmethod
    def _fold(text: str) -> str:
        return " ".join(text.lower().split())

    def finditer(self, text: str) -> Iterator[TermMatch]:
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            term_id = self._lookup.get(self._fold(match.group(0)))
            if term_id:
                yield TermMatch(match.start(), match.end(), term_id, match.group(0))
