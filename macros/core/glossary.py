"""Glossary entries: one Markdown file per term with YAML front matter.

Each entry is read into an immutable :class:`Term` that keeps its file and the
line of each key, and checked on its own here; checks that need the rest of the
site (related ids, layers, modules, citations, use in the text) are in
:mod:`macros.core.site`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .names import Names
from .pages import MODULE_ID_RE
from .problems import Problem, did_you_mean
from .source import read_source, split_front_matter

SHORT_MAX = 200
TERM_MAX = 80  # a heading, a link text and an A–Z entry: a name, not a sentence

#: key: (type, required)
TERM_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "term": (str, True),
    "forms": (list, False),
    "short": (str, True),
    "source": (dict, True),
    "related": (list, False),
    "layers": (list, False),
    "unused": (bool, False),
}
SOURCE_FIELDS = ("list", "module")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    id: str
    term: str
    short: str
    definition: str
    path: str
    forms: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    layers: tuple[str, ...] = ()
    in_term_list: bool = False  # one of the article's own listed terms
    module: str = ""  # module where the article defines or discusses it
    unused: bool = False  # may appear nowhere in the text (listed only)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    definition_line: int = 1

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its forms, lower case: what the text may call it."""
        return (self.term.lower(), *(form.lower() for form in self.forms))


def _check_fields(path: str, data: dict[str, Any], key_lines: dict[str, int]) -> list[Problem]:
    problems = []
    for key in data:
        if key not in TERM_FIELDS:
            problems.append(Problem(
                path, key_lines.get(key, 1), 1, "term-unknown-field", f"unknown field '{key}'",
                did_you_mean(key, TERM_FIELDS) or "allowed: " + ", ".join(TERM_FIELDS),
            ))
    for key, (kind, required) in TERM_FIELDS.items():
        if key not in data or data[key] is None:
            if required:
                problems.append(Problem(path, 1, 1, "term-missing-field",
                                        f"glossary entry is missing '{key}'",
                                        f"add '{key}:' to the front matter"))
            continue
        value = data[key]
        if not isinstance(value, kind) or (kind is str and not value.strip()):
            wanted = {str: "a text", list: "a list", dict: "a mapping", bool: "true or false"}[kind]
            problems.append(Problem(path, key_lines.get(key, 1), 1, "term-field-type",
                                    f"'{key}' must be {wanted}, not {type(value).__name__}"))
        elif kind is list and not all(isinstance(item, str) and item.strip() for item in value):
            problems.append(Problem(path, key_lines.get(key, 1), 1, "term-field-type",
                                    f"every item of '{key}' must be a non-empty text"))
    name = data.get("term")
    if isinstance(name, str) and len(name) > TERM_MAX:
        problems.append(Problem(path, key_lines.get("term", 1), 1, "term-too-long",
                                f"'term' has {len(name)} characters; at most {TERM_MAX}",
                                "name the term; explain it in the definition"))
    short = data.get("short")
    if isinstance(short, str) and len(short) > SHORT_MAX:
        problems.append(Problem(path, key_lines.get("short", 1), 1, "term-short-too-long",
                                f"'short' has {len(short)} characters; previews allow {SHORT_MAX}",
                                "keep it to one sentence"))
    source = data.get("source")
    if isinstance(source, dict):
        for key in source:
            if key not in SOURCE_FIELDS:
                problems.append(Problem(path, key_lines.get("source", 1), 1, "term-unknown-field",
                                        f"unknown field 'source.{key}'",
                                        did_you_mean(key, SOURCE_FIELDS) or "allowed: list, module"))
        if not source.get("module") and not source.get("list"):
            problems.append(Problem(path, key_lines.get("source", 1), 1, "term-missing-field",
                                    "'source' must name the module that defines the term, "
                                    "or say 'list: true' for the article's own term list"))
    return problems


def load_term(file: Path, display_root: Path) -> tuple[Term | None, list[Problem]]:
    path = file.relative_to(display_root).as_posix()
    text, problems = read_source(file, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, 1, 1, "term-empty", "glossary file is empty",
                              "give it front matter (term, short, source) and a definition")]
    front = split_front_matter(text, path)
    problems = list(front.problems)
    if problems:
        return None, problems
    term_id = file.stem
    if not MODULE_ID_RE.match(term_id):
        problems.append(Problem(path, 1, 1, "term-bad-id",
                                f"glossary file name '{file.name}' is not a lower-case slug",
                                "name it like 'relational-practice.md'"))
    problems.extend(_check_fields(path, front.data, front.key_lines))
    if not front.body.strip():
        problems.append(Problem(path, front.body_line, 1, "term-no-definition",
                                "glossary entry has no definition", "write it below the front matter"))
    if problems:
        return None, problems
    data = front.data
    source = data["source"]
    first_line = front.body_line + front.body[: len(front.body) - len(front.body.lstrip())].count("\n")
    term = Term(
        id=term_id, term=data["term"].strip(), short=data["short"].strip(),
        definition=front.body.strip(), path=path,
        forms=tuple(f.strip() for f in data.get("forms") or ()),
        related=tuple(data.get("related") or ()), layers=tuple(data.get("layers") or ()),
        in_term_list=bool(source.get("list")), module=str(source.get("module") or ""),
        unused=bool(data.get("unused", False)), key_lines=dict(front.key_lines),
        definition_line=first_line,
    )
    return term, []


def _forms_line(term: Term, form: str) -> int:
    return term.line_of("forms") if form in (f.lower() for f in term.forms) else term.line_of("term")


def check_glossary(terms: list[Term]) -> list[Problem]:
    """Clashes between entries: the same term, or a form two entries claim."""
    problems = []
    owner: dict[str, Term] = {}
    for term in terms:
        seen_here: set[str] = set()
        for name in term.names:
            if name in seen_here:
                problems.append(Problem(term.path, _forms_line(term, name), 1, "term-duplicate-form",
                                        f"'{name}' is listed twice in this entry"))
                continue
            seen_here.add(name)
            if name in owner:
                other = owner[name]
                code = "term-duplicate" if name == term.term.lower() and name == other.term.lower() \
                    else "term-form-clash"
                problems.append(Problem(
                    term.path, _forms_line(term, name), 1, code,
                    f"'{name}' is already claimed by {other.path}",
                    "a word may link to one entry only; remove it from one of them",
                ))
            else:
                owner[name] = term
    return problems


def load_glossary(folder: Path, display_root: Path) -> tuple[Names[Term], list[Problem]]:
    """Every ``*.md`` in the glossary folder, sorted by term, and the problems.

    An entry that cannot be read is left out, but its id (the file's name) is
    kept as unread, so that references to it are not reported as well.
    """
    terms, problems, unread = [], [], set()
    if not folder.is_dir():
        return Names(), problems
    for file in sorted(folder.glob("*.md")):
        term, term_problems = load_term(file, display_root)
        problems.extend(term_problems)
        if term:
            terms.append(term)
        else:
            unread.add(file.stem)
    problems.extend(check_glossary(terms))
    terms.sort(key=lambda t: t.term.casefold())
    return Names({term.id: term for term in terms}, frozenset(unread)), problems
