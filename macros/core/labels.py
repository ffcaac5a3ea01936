"""Author–year labels for in-text citations, in the article's own style.

The article writes "(Rosa 2019)", "(Owens and Lloyd 2023)", "(Firmin et al
2024)" and uses an organisation's short name where it has one ("LGA 2024").
An entry's ``shortauthor`` field gives that short name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pybtex.backends.plaintext import Backend as PlainText
from pybtex.database import Person
from pybtex.richtext import Text

from .bibliography import Reference

# One backend for every call: ``Text.render_as("text")`` looks the backend up
# through package entry points each time, which dominated the build's time.
_PLAIN = PlainText()

# What pybtex would change besides grouping braces: LaTeX specials, TeX
# ligatures (-- --- `` ''), and whitespace it collapses or trims. A value
# with none of these ("{de St Croix}", "2019") is plain text once its braces
# go, and most names, years and titles are; skipping the LaTeX parser for
# them also spares loading latexcodec, a tenth of the build's start-up.
_NEEDS_LATEX = re.compile(r"[\\$%&#^_~`]|--|''|\s\s|^\s|\s$|[^\S ]")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@lru_cache(maxsize=4096)
def plain(latex: str) -> str:
    """A BibTeX value as plain text: braces and LaTeX escapes resolved."""
    if not _NEEDS_LATEX.search(latex) and _balanced(latex):
        return latex.replace("{", "").replace("}", "")
    return Text.from_latex(latex).render(_PLAIN)


def surname(person: Person) -> str:
    """The family name as printed: particles and compound names included."""
    return plain(" ".join(person.prelast_names + person.last_names))


def persons(ref: Reference) -> list[Person]:
    """The authors, or the editors of an edited work with no author."""
    return list(ref.entry.persons.get("author") or ref.entry.persons.get("editor") or [])


@dataclass(frozen=True)
class Label:
    """How a work is named in the text: ``author`` part and ``year`` part."""

    author: str
    year: str

    def __str__(self) -> str:
        return f"{self.author} {self.year}"


def author_label(ref: Reference) -> str:
    """"Rosa", "Owens and Lloyd", "Firmin et al", or the short name."""
    short = ref.entry.fields.get("shortauthor")
    if short:
        return plain(short)
    names = [surname(p) for p in persons(ref)]
    if not names:
        return plain(ref.entry.fields.get("title", ref.key))
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al"


def label(ref: Reference) -> Label:
    return Label(author_label(ref), plain(ref.entry.fields.get("year", "n.d.")))


def sort_key(ref: Reference) -> tuple[str, ...]:
    """Harvard order: first author's full name list, then year, then title."""
    names = [surname(p).casefold() for p in persons(ref)] or [author_label(ref).casefold()]
    return (*names[:1], plain(ref.entry.fields.get("year", "")),
            " ".join(names[1:]), plain(ref.entry.fields.get("title", "")).casefold(), ref.key)
