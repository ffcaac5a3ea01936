"""Author–year labels for in-text citations, in the article's own style.

The article writes "(Rosa 2019)", "(Owens and Lloyd 2023)", "(Firmin et al
2024)" and uses an organisation's short name where it has one ("LGA 2024").
An entry's ``shortauthor`` field gives that short name.

A citation written as the source gives it ("[Brierly 2021](@brierley2021)")
*agrees* with its entry when it names the entry's authors in one of the ways
authors ordinarily do ("Owens and Lloyd", "Owens & Lloyd", "Firmin et al.",
"Firmin and colleagues", every surname, the short name) and gives its year.
Anything else ("Brierly", "Jajarmi et al 2025") is a difference a reader
should be told about.
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


_YEAR_RE = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d[a-z]?(?![\w])")


def _tidy(text: str) -> str:
    """Spacing and apostrophes evened out, so that only the words are compared."""
    return " ".join(text.replace("’", "'").split())


def written_forms(ref: Reference) -> frozenset[str]:
    """Every ordinary way of naming the entry's authors in the text."""
    names = [_tidy(surname(p)) for p in persons(ref)]
    others = bool(names) and names[-1] == "others"
    named = names[:-1] if others else names
    forms = {_tidy(plain(ref.entry.fields["shortauthor"]))} if ref.entry.fields.get("shortauthor") else set()
    if not named:
        return frozenset(forms | {_tidy(author_label(ref))})
    first = named[0]
    if len(named) == 1 and not others:
        forms.add(first)
    elif len(named) == 2 and not others:
        forms |= {f"{first} and {named[1]}", f"{first} & {named[1]}"}
    else:
        forms |= {f"{first} et al", f"{first} et al.", f"{first} and colleagues"}
    if len(named) > 2 and not others:
        head = ", ".join(named[:-1])
        forms |= {f"{head} and {named[-1]}", f"{head}, and {named[-1]}", f"{head} & {named[-1]}"}
    return frozenset(forms)


def agrees_with(written: str, forms: frozenset[str], year: str) -> bool:
    """Whether ``written`` ("Firmin et al, 2024, p7") names these authors and this year.

    What comes before the year must be one of ``forms`` (or nothing: the
    prose names the authors, "Owens and Lloyd … (2023)"); what follows it is
    a locator and is not compared.
    """
    match = _YEAR_RE.search(written)
    if not match or match.group(0) != year:
        return False
    author = _tidy(written[:match.start()]).rstrip(" ,(")
    return not author or author in forms


def agrees(written: str, ref: Reference) -> bool:
    """Whether a citation as written names ``ref`` as its entry does."""
    return agrees_with(written, written_forms(ref), plain(ref.entry.fields.get("year", "")))


def label(ref: Reference) -> Label:
    return Label(author_label(ref), plain(ref.entry.fields.get("year", "n.d.")))


def sort_key(ref: Reference) -> tuple[str, ...]:
    """Harvard order: first author's full name list, then year, then title."""
    names = [surname(p).casefold() for p in persons(ref)] or [author_label(ref).casefold()]
    return (*names[:1], plain(ref.entry.fields.get("year", "")),
            " ".join(names[1:]), plain(ref.entry.fields.get("title", "")).casefold(), ref.key)
