"""Loading ``references.bib`` with pybtex into small immutable records.

pybtex does the parsing; this module adds what pybtex does not keep: the line
of every entry and field (so problems point at them), the site's own status
keywords (``incomplete``, ``further-reading``) and checks of each entry on its
own (required fields, DOI and URL shape). Cross-checks against the pages live
in :mod:`macros.core.site`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pybtex.errors
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError, PybtexSyntaxError

from .problems import Problem
from .source import read_text
from .weblinks import doi_problem, url_problem

#: Fields an entry of each type must have (``author`` may be an ``editor``).
REQUIRED_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "article": ("author", "title", "journal", "year"),
    "book": ("author", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inbook": ("author", "title", "publisher", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "report": ("author", "title", "institution", "year"),
    "online": ("author", "title", "year", "url"),
    "misc": ("author", "title", "year"),
})
#: What an entry marked ``incomplete`` must still give: who and when.
INCOMPLETE_REQUIRED = ("author", "year")
INCOMPLETE = "incomplete"
FURTHER_READING = "further-reading"
STATUS_KEYWORDS = (INCOMPLETE, FURTHER_READING)

_ENTRY_RE = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]+)[ \t]*,", re.MULTILINE)
_FIELD_RE = re.compile(r"^[ \t]*(?P<name>[A-Za-z][\w-]*)[ \t]*=", re.MULTILINE)


def keywords_of(entry: Entry) -> frozenset[str]:
    """An entry's ``keywords``, one word or phrase each, lower case."""
    return frozenset(word.strip().lower() for word in entry.fields.get("keywords", "").split(",")
                     if word.strip())


@dataclass(frozen=True)
class Reference:
    """One bibliography entry, with where it is written."""

    key: str
    type: str
    entry: Entry = field(compare=False, repr=False)
    line: int = 1
    field_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    keywords: frozenset[str] = frozenset()

    @property
    def incomplete(self) -> bool:
        return INCOMPLETE in self.keywords

    @property
    def further_reading(self) -> bool:
        return FURTHER_READING in self.keywords

    def has(self, name: str) -> bool:
        """Whether the entry gives ``name`` (persons count as fields)."""
        if name == "author":
            return bool(self.entry.persons.get("author") or self.entry.persons.get("editor"))
        return bool(self.entry.fields.get(name, "").strip())

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)


@dataclass(frozen=True)
class Bibliography:
    """Every entry of one ``.bib`` file, in file order, and the problems found."""

    path: str
    references: Mapping[str, Reference]
    data: BibliographyData = field(repr=False)
    problems: tuple[Problem, ...] = ()
    text: str = field(default="", repr=False, compare=False)  # the file as read


def _positions(text: str) -> tuple[list[tuple[str, str, int]], dict[str, dict[str, int]]]:
    """Every ``@type{key,`` with its line, and the line of each field by key."""
    line_starts = [0] + [match.end() for match in re.finditer(r"\n", text)]

    def line_of(offset: int) -> int:  # a binary search: linear overall, however long the file
        return bisect.bisect_right(line_starts, offset)

    entries = []
    fields: dict[str, dict[str, int]] = {}
    matches = list(_ENTRY_RE.finditer(text))
    for index, match in enumerate(matches):
        key = match.group("key")
        entries.append((match.group("type").lower(), key, line_of(match.start())))
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        lines = fields.setdefault(key, {})
        for field_match in _FIELD_RE.finditer(text, match.end(), end):
            lines.setdefault(field_match.group("name").lower(), line_of(field_match.start()))
    return entries, fields


def check_reference(ref: Reference, path: str) -> list[Problem]:
    """Problems with one entry taken on its own."""
    problems = []
    if ref.type in ("comment", "preamble", "string"):
        return problems
    required = INCOMPLETE_REQUIRED if ref.incomplete else REQUIRED_FIELDS.get(ref.type)
    if required is None:
        problems.append(Problem(
            path, ref.line, 1, "bib-unknown-type",
            f"entry '{ref.key}' has type '@{ref.type}', which the reference style does not format",
            "use one of " + ", ".join(f"@{t}" for t in REQUIRED_FIELDS),
        ))
        required = ()
    for name in required:
        if not ref.has(name):
            hint = ("give the field, or mark an entry whose details are not known with "
                    "keywords = {incomplete}" if not ref.incomplete else "")
            problems.append(Problem(
                path, ref.line, 1, "bib-missing-field",
                f"entry '{ref.key}' (@{ref.type}) is missing the required field '{name}'", hint,
            ))
    # A DOI or URL becomes a link's address: only a well-formed one may (see weblinks.py).
    doi = ref.entry.fields.get("doi", "").strip()
    why = doi_problem(doi) if doi else ""
    if why:
        problems.append(Problem(
            path, ref.line_of("doi"), 1, "bib-bad-doi",
            f"entry '{ref.key}' has a malformed DOI {doi!r}: {why}",
            "write the bare DOI, like 10.1000/xyz123, without 'https://doi.org/', spaces or quotes",
        ))
    url = ref.entry.fields.get("url", "").strip()
    why = url_problem(url) if url else ""
    if why:
        problems.append(Problem(
            path, ref.line_of("url"), 1, "bib-bad-url",
            f"entry '{ref.key}' has a malformed URL {url!r}: {why}",
            "write a full address starting with https://, with a host name, and with any space, "
            "quote, angle bracket or backslash percent-encoded (%20, %22, %3C, %3E, %5C)",
        ))
    unknown = ref.keywords - set(STATUS_KEYWORDS)
    if "keywords" in ref.entry.fields and unknown:
        problems.append(Problem(
            path, ref.line_of("keywords"), 1, "bib-unknown-keyword",
            f"entry '{ref.key}' has unknown keyword(s) {', '.join(sorted(unknown))}",
            "allowed keywords: " + ", ".join(STATUS_KEYWORDS),
        ))
    return problems


def load_bibliography(file: Path, display_path: str | None = None) -> Bibliography:
    """Parse a ``.bib`` file, collecting every problem instead of stopping."""
    path = display_path or str(file)
    text = read_text(file)
    positions, field_lines = _positions(text)
    problems: list[Problem] = []
    broken: set[str] = set()  # entries with a syntax error: their fields are unreliable

    seen: dict[str, int] = {}
    for _type, key, line in positions:
        folded = key.lower()
        if folded in seen:
            problems.append(Problem(
                path, line, 1, "bib-duplicate-key",
                f"duplicate BibTeX key '{key}' (first defined on line {seen[folded]})",
                "give each work its own key; add a/b suffixes when surname and year clash",
            ))
        else:
            seen[folded] = line

    parser = Parser(filename=path)
    with pybtex.errors.capture() as errors:
        try:
            data = parser.parse_string(text)
        except PybtexError as error:  # pragma: no cover - capture() collects these
            errors.append(error)
            data = parser.data
    for error in errors:
        if isinstance(error, PybtexSyntaxError):
            _context, lineno, column = error.parser.get_error_context(error.error_context_info)
            lineno = lineno or 1
            start_line = text.count("\n", 0, error.error_context_info[0]) + 1
            opened = [key for _type, key, line in positions if line == start_line]
            broken.update(opened)
            where = f" in entry '{opened[0]}' (opened on line {start_line})" if opened else ""
            problems.append(Problem(
                path, lineno, column + 1, "bib-syntax",
                f"BibTeX syntax error{where}: {error.args[0] if error.args else error}",
                "check that entry for an unclosed brace or a missing comma",
            ))
        elif str(error).startswith("repeated bibliography entry"):
            continue  # already reported above, with its line
        else:
            problems.append(Problem(path, 1, 1, "bib-error", str(error)))

    type_line = {key: (type_, line) for type_, key, line in reversed(positions)}
    references: dict[str, Reference] = {}
    for key, entry in data.entries.items():
        type_, line = type_line.get(key, (entry.type.lower(), 1))
        ref = Reference(key, entry.type.lower(), entry, line, field_lines.get(key, {}), keywords_of(entry))
        references[key] = ref
        if key not in broken:
            problems.extend(check_reference(ref, path))
    return Bibliography(path, MappingProxyType(references), data, tuple(problems), text)
