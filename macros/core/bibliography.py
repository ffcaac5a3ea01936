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
from pybtex.backends.plaintext import Backend as PlainText
from pybtex.database import BibliographyData, Entry
from pybtex.database.input.bibtex import Parser
from pybtex.richtext import Text
from pybtex.scanner import PybtexError, PybtexSyntaxError

from .names import Names
from .problems import Problem, line_and_column
from .readcache import reads_file
from .source import read_source
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

_PLAIN_TEXT = PlainText()
_ENTRY_RE = re.compile(r"^[ \t]*@(?P<type>\w+)[ \t]*[{(][ \t]*(?P<key>[^,\s]+)[ \t]*,", re.MULTILINE)
_DUPLICATE_FIELD_RE = re.compile(r"entry with key (?P<key>\S+) has a duplicate (?P<field>\S+) field")
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
    text: str = field(default="", repr=False, compare=False)  # the file as read
    unread: frozenset[str] = frozenset()  # keys of entries that could not be read
    read: bool = True  # False when the file itself could not be read (or has no entries)

    @property
    def keys(self) -> Names[Reference]:
        """The citation keys, for the cross-checks: unknown when the file could not be read."""
        return Names(self.references, self.unread, self.read)


def _positions(text: str) -> tuple[list[tuple[str, str, int]], dict[str, dict[str, int]],
                                   dict[tuple[str, str], tuple[int, int]]]:
    """Every ``@type{key,`` with its line, the line of each field by key, and of each repeated field."""
    line_starts = [0] + [match.end() for match in re.finditer(r"\n", text)]

    def line_of(offset: int) -> int:  # a binary search: linear overall, however long the file
        return bisect.bisect_right(line_starts, offset)

    entries = []
    fields: dict[str, dict[str, int]] = {}
    repeated: dict[tuple[str, str], tuple[int, int]] = {}
    matches = list(_ENTRY_RE.finditer(text))
    for index, match in enumerate(matches):
        key = match.group("key")
        entries.append((match.group("type").lower(), key, line_of(match.start())))
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        lines = fields.setdefault(key, {})
        for field_match in _FIELD_RE.finditer(text, match.end(), end):
            name = field_match.group("name").lower()
            if name in lines:
                start = field_match.start("name")
                line = line_of(start)
                repeated.setdefault((key, name), (line, start - line_starts[line - 1] + 1))
            lines.setdefault(name, line_of(field_match.start()))
    return entries, fields, repeated


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


#: Fields that are addresses or the site's own markers, not text (URLs and DOIs are checked as such).
_NOT_TEXT = frozenset({"url", "doi", "urldate", "keywords"})
# A backslash that is more than an escaped special character (\& \% \$ \# \_ \{ \}).
_COMMAND_RE = re.compile(r"\\(?![&%$#_{}])")
_LEFTOVER_RE = re.compile(r"\\(?:[A-Za-z]+|.)")


def check_latex(ref: Reference, path: str, text: str) -> list[Problem]:
    """LaTeX that pybtex cannot turn into text, which would reach the page raw ("\\emph x").

    pybtex and latexcodec decode accents, dashes and escaped specials; any
    backslash left after decoding is a command nobody will render.
    """
    values = [(name.lower(), value) for name, value in ref.entry.fields.items()
              if name.lower() not in _NOT_TEXT]
    values += [(role.lower(), str(person)) for role, people in ref.entry.persons.items() for person in people]
    problems = []
    for name, value in values:
        if not _COMMAND_RE.search(value):
            continue
        try:
            commands = list(dict.fromkeys(_LEFTOVER_RE.findall(Text.from_latex(value).render(_PLAIN_TEXT))))
        except UnicodeDecodeError:  # latexcodec cannot read it at all (a lone backslash)
            commands = ["\\"]
        if commands:
            line, column = _place_in_field(text, ref.line_of(name), commands[0])
            listed = ", ".join(f"'{command}'" for command in commands)
            problems.append(Problem(
                path, line, column, "bib-latex",
                f"field '{name}' of entry '{ref.key}' has LaTeX that cannot be shown as text: {listed}",
                "write the characters themselves in UTF-8 (é, not \\'e) and plain words for formatting"))
    return problems


def _place_in_field(text: str, field_line: int, command: str) -> tuple[int, int]:
    """The line and column of ``command`` at or after the field's line (the field's line if not found)."""
    start = 0
    for _ in range(field_line - 1):
        start = text.index("\n", start) + 1
    found = text.find(command, start)
    return line_and_column(text, found) if found >= 0 else (field_line, 1)


@reads_file  # parsed again only when the file changes (make serve)
def load_bibliography(file: Path, display_path: str | None = None) -> tuple[Bibliography, list[Problem]]:
    """Parse a ``.bib`` file, collecting every problem instead of stopping."""
    path = display_path or str(file)
    if not file.exists():
        return _unread(path, Problem(path, 1, 1, "bib-missing", "the bibliography file does not exist",
                                     "create it: every work the site cites needs an entry"))
    text, problems = read_source(file, path)
    if text is None:
        return _unread(path, *problems)
    positions, field_lines, repeated = _positions(text)
    if not positions:
        return _unread(path, Problem(path, 1, 1, "bib-empty", "the bibliography has no entries",
                                     "add an entry for every work the site cites"))
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
        elif found := _DUPLICATE_FIELD_RE.match(str(error)):
            key, name = found["key"], found["field"].lower()
            first = field_lines.get(key, {}).get(name, 1)
            problems.append(Problem(
                path, *repeated.get((key, name), (first, 1)), "bib-duplicate-field",
                f"entry '{key}' gives the field '{name}' twice (first on line {first}); "
                "only the first value would be used", "keep one of them"))
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
            problems.extend(check_latex(ref, path, text))
    unread = frozenset(broken) - set(references)
    return Bibliography(path, MappingProxyType(references), data, text, unread), problems


def _unread(path: str, *problems: Problem) -> tuple[Bibliography, list[Problem]]:
    """A bibliography whose file could not be read: no keys are known, so none is reported unknown."""
    return Bibliography(path, MappingProxyType({}), BibliographyData(), read=False), list(problems)
