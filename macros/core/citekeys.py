"""A pure parser for pandoc citation syntax in Markdown text.

Supported forms (the convention of pandoc, Quarto, MyST and mkdocs-bibtex):

* ``[@rosa2019]`` and ``[@rosa2019, p. 184]``: parenthetical, with a locator;
* ``[@firmin2024; @lefevre2019]``: several works in one parenthesis;
* ``[see @key, p. 3]``: a prefix before the key;
* ``[-@key]``: year only, when the prose already names the authors;
* ``@owens2023`` and ``@holmes2022 [p19]``: narrative, with a locator;
* ``[Brierly 2021](@brierley2021)``: as written. The words in brackets are
  shown exactly as the source gives them and link to the entry, so an edition
  can keep an author's own way of citing ("Brierly", "et al,", "2025") while
  the link resolves to the corrected entry. Where those words disagree with
  the entry, the checks ask for a note (see :mod:`macros.core.citation_notes`).

The same compiled pattern serves the validator (which scans whole files) and
the Markdown extension (which renders), so the two can never disagree about
what counts as a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A key starts and ends with a word character and may contain the internal
# punctuation pandoc allows; trailing punctuation ("@owens2023.") is not part
# of the key.
KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"

# One pattern for both forms. The bracketed form must contain an "@" and must
# not be a Markdown link ("[text](url)" or "[text][ref]"). The narrative form
# must not follow a word character, so e-mail addresses are not citations.
# Each branch starts with its literal ("[" or "@") and looks behind only
# after it: a pattern that opens with a literal lets the regex engine skip
# straight to candidate characters, which made scanning text ten times faster
# than testing the look-behind at every position.
CITATION_PATTERN = (
    r"\[(?<![\w!\\]\[)(?P<written>[^\[\]@]*[^\[\]@\s][^\[\]@]*)\]\(@(?P<wkey>" + KEY + r")\)"
    r"|\[(?<![\w!\\]\[)(?P<group>[^\[\]]*?-?@" + KEY + r"[^\[\]]*)\](?![(\[])"
    r"|@(?<![\w@\\\[]@)(?P<key>" + KEY + r")(?:[ ]\[(?P<locator>[^\[\]@]+)\](?![(\[]))?"
)
CITATION_RE = re.compile(CITATION_PATTERN)
_ITEM_RE = re.compile(
    r"^\s*(?P<prefix>.*?)\s*(?P<suppress>-)?@(?P<key>" + KEY + r")\s*(?:,\s*(?P<locator>.*?))?\s*$",
    re.DOTALL,
)


@dataclass(frozen=True)
class CiteItem:
    """One work cited, with the text around it."""

    key: str
    locator: str = ""
    prefix: str = ""
    suppress_author: bool = False
    written: str = ""  # the words shown, as the source writes them ("Brierly 2021")


@dataclass(frozen=True)
class Citation:
    """A citation as written: its items, its form and where it stands."""

    items: tuple[CiteItem, ...]
    narrative: bool
    start: int
    end: int
    source: str


class CitationSyntaxError(ValueError):
    """A bracketed group that looks like a citation but cannot be read."""


def parse_match(match: re.Match[str]) -> Citation:
    """Turn a :data:`CITATION_RE` match into a :class:`Citation`."""
    if match.group("wkey") is not None:
        item = CiteItem(match.group("wkey"), written=match.group("written"))
        return Citation((item,), False, match.start(), match.end(), match.group(0))
    if match.group("key") is not None:
        item = CiteItem(match.group("key"), (match.group("locator") or "").strip())
        return Citation((item,), True, match.start(), match.end(), match.group(0))
    items = []
    for part in match.group("group").split(";"):
        item_match = _ITEM_RE.match(part)
        if not item_match:
            raise CitationSyntaxError(_unreadable(part.strip(), match.group(0)))
        items.append(
            CiteItem(
                key=item_match.group("key"),
                locator=(item_match.group("locator") or "").strip(),
                prefix=item_match.group("prefix").strip(),
                suppress_author=bool(item_match.group("suppress")),
            )
        )
    return Citation(tuple(items), False, match.start(), match.end(), match.group(0))


def _unreadable(item: str, citation: str) -> str:
    """Why a citation item cannot be read, naming a character that cannot be in a key."""
    message = f"cannot read citation item '{item}' in '{citation}'"
    key = re.search(r"@(" + KEY + r")(?P<next>[^\s,;])", item)
    if key:
        after = key[1]
        message += (f': the character "{key["next"]}" cannot be part of a citation key (after \'@{after}\'); '
                    "keys hold letters, digits and _ : . # $ % & - + ? < > ~ /")
    return message


_FENCE_RE = re.compile(r"^(?P<fence>```+|~~~+).*?^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN_RE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def blank_code(markdown: str) -> str:
    """Replace fenced code, code spans and comments by spaces, keeping offsets.

    Citations are never read inside code, so ``@decorator`` in a code block is
    not a citation; offsets and line breaks are kept so positions stay true.
    """

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for pattern in (_FENCE_RE, _HTML_COMMENT_RE, _CODE_SPAN_RE):
        markdown = pattern.sub(blank, markdown)
    return markdown


def find_citations(markdown: str) -> Iterator[Citation | CitationSyntaxError]:
    """Every citation in a Markdown text, skipping code; bad groups as errors."""
    for match in CITATION_RE.finditer(blank_code(markdown)):
        try:
            yield parse_match(match)
        except CitationSyntaxError as error:
            error.offset = match.start()  # type: ignore[attr-defined]
            yield error
