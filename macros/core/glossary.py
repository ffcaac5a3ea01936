"""Glossary entries: one Markdown file per term with YAML front matter.

Each entry is read into an immutable :class:`Term` that keeps its file and the
line of each key, and checked on its own here; checks that need the rest of the
site (related ids, layers, modules, citations, use in the text) are in
:mod:`macros.core.site`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .names import Names
from .problems import Problem
from .readcache import reads_file
from .schemas import ID_RE, TERM, validate
from .source import Position, Positioned, Positions, read_source, split_front_matter


@dataclass(frozen=True)
class Term(Positioned):
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
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)
    definition_line: int = 1

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its forms, lower case: what the text may call it."""
        return (self.term.lower(), *(form.lower() for form in self.forms))


@reads_file  # parsed again only when the file changes (make serve)
def load_term(file: Path, display_root: Path) -> tuple[Term | None, list[Problem]]:
    """One entry, checked against ``schemas/glossary-entry.schema.json``; ``None`` if it is not valid."""
    path = file.relative_to(display_root).as_posix()
    text, problems = read_source(file, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, 1, 1, "term-empty", "glossary file is empty",
                              "give it front matter (term, short, source) and a definition")]
    front, problems = split_front_matter(text, path)
    if problems:
        return None, problems
    if not ID_RE.match(file.stem):
        problems.append(Problem(path, 1, 1, "term-bad-id",
                                f"glossary file name '{file.name}' is not a lower-case id",
                                "name it like 'relational-practice.md'"))
    problems.extend(validate(front.data, TERM, front.positions, path)[1])
    if not front.body.strip():
        problems.append(Problem(path, front.body_line, 1, "term-no-definition",
                                "glossary entry has no definition", "write it below the front matter"))
    if problems:
        return None, problems
    data = front.data
    source = data["source"]
    first_line = front.body_line + front.body[: len(front.body) - len(front.body.lstrip())].count("\n")
    term = Term(
        id=file.stem, term=data["term"].strip(), short=data["short"].strip(),
        definition=front.body.strip(), path=path,
        forms=tuple(f.strip() for f in data.get("forms") or ()),
        related=tuple(data.get("related") or ()), layers=tuple(data.get("layers") or ()),
        in_term_list=bool(source.get("list")), module=str(source.get("module") or ""),
        unused=bool(data.get("unused", False)), positions=front.positions,
        definition_line=first_line,
    )
    return term, []


def _form_place(term: Term, form: str) -> Position:
    return term.at("forms") if form in (f.lower() for f in term.forms) else term.at("term")


def check_glossary(terms: list[Term]) -> list[Problem]:
    """Clashes between entries: the same term, or a form two entries claim."""
    problems = []
    owner: dict[str, Term] = {}
    for term in terms:
        seen_here: set[str] = set()
        for name in term.names:
            place = _form_place(term, name)
            if name in seen_here:
                problems.append(Problem.at(term.path, place, "term-duplicate-form",
                                           f"'{name}' is listed twice in this entry"))
                continue
            seen_here.add(name)
            if name in owner:
                other = owner[name]
                code = "term-duplicate" if name == term.term.lower() and name == other.term.lower() \
                    else "term-form-clash"
                problems.append(Problem.at(
                    term.path, place, code,
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
