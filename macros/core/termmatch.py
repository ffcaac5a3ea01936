"""Finding glossary terms in text: one pass, whatever the number of terms.

The text is read once, word by word; at each word the longest run of words
(up to the longest name's length) that spells a known name is taken, by a
dictionary look-up. So "relational practice" wins over "practice", and the
cost grows with the length of the text, not with the number of terms (a
single alternation pattern over thousands of names would try each one at
every position).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

_SIBILANT = ("s", "x", "z", "ch", "sh")
# A word: letters and digits, with hyphens inside ("multi-agency" is one word,
# so it never matches "agency").
_WORD_RE = re.compile(r"[^\W_](?:[\w-]*[^\W_])?")


def plurals(name: str) -> list[str]:
    """Regular English plurals of a name (of its last word, for phrases)."""
    if name.endswith(_SIBILANT):
        return [name + "es"]
    if len(name) > 1 and name.endswith("y") and name[-2] not in "aeiou":
        return [name[:-1] + "ies"]
    return [name + "s"]


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


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
                lookup.setdefault(_fold(plural), term_id)
        lookup.update({_fold(name): term_id for name, term_id in names.items()})
        self._lookup = lookup
        self._longest = max((len(_WORD_RE.findall(name)) for name in lookup), default=0)
        # First words of names of several words: only there is a longer match tried.
        self._starts = {_WORD_RE.findall(name)[0] for name in lookup if len(_WORD_RE.findall(name)) > 1}

    def finditer(self, text: str) -> Iterator[TermMatch]:
        if not self._longest:
            return
        words = list(_WORD_RE.finditer(text))
        folded = [word.group(0).casefold() for word in words]
        index = 0
        while index < len(words):
            longest = min(self._longest, len(words) - index) if folded[index] in self._starts else 1
            for length in range(longest, 0, -1):
                start, end = words[index].start(), words[index + length - 1].end()
                key = folded[index] if length == 1 else _fold(text[start:end])
                term_id = self._lookup.get(key)
                if term_id:
                    yield TermMatch(start, end, term_id, text[start:end])
                    index += length
                    break
            else:
                index += 1
