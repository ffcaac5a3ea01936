"""Loading the Markdown pages under ``docs/``: module front matter and citations.

Every page is read once; module pages (those whose front matter names a
``module``) are checked against ``schemas/module.schema.json``, and the citations of every
page are collected with their line and column for the cross-checks.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .citekeys import Citation, CitationSyntaxError, find_citations
from .names import Names
from .problems import Position, Problem, line_and_column
from .prompts import ModuleReflection, read_reflection
from .readcache import reads_file
from .schemas import MODULE, validate
from .source import Positions, read_source, split_front_matter
from .timing import reading_minutes


@dataclass(frozen=True)
class CitationUse:
    """One work cited at one place on one page."""

    key: str
    path: str
    line: int
    column: int
    written: str = ""  # the words shown, for a citation given as the source writes it

    @property
    def place(self) -> Position:
        return Position(self.line, self.column)


@dataclass(frozen=True)
class Page:
    """A Markdown page: its path under ``docs/``, front matter and citations."""

    src: str  # path relative to docs/, with forward slashes
    path: str  # path as shown to maintainers (relative to the project root)
    meta: dict[str, Any] = field(compare=False)
    citations: tuple[CitationUse, ...] = ()
    body: str = field(default="", compare=False, repr=False)
    reflection: ModuleReflection | None = field(default=None, compare=False, repr=False)
    # False when the file, or its front matter, could not be read: what it
    # defines (a module id, prompts) or uses (citations, terms) is then unknown.
    body_read: bool = True
    meta_read: bool = True
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)  # of the front matter

    @property
    def module(self) -> str | None:
        value = self.meta.get("module")
        return value if isinstance(value, str) else None

    @cached_property  # asked for by the card, the catalogue and modules.json
    def words(self) -> int:
        """Words of the page's own text, for reading time (citation keys and markup left out)."""
        text = re.sub(r"\[[^\]]*@[^\]]*\]|[#>*_`|{}]|<[^>]+>", " ", self.body)
        return len(re.findall(r"[\w’'-]+", text))

    @property
    def reading_minutes(self) -> int:
        """From the page's words, by the one time model (see :mod:`.timing`)."""
        return reading_minutes(self.words)

    @cached_property
    def content_hash(self) -> str:
        """A fingerprint of what a reader sees of the page: its title, text, objectives,
        key points, lenses and prompts. Two editions' modules with the same hash read the
        same, so a trainer can tell what changed under a course (``python -m macros changes``).
        """
        reflection = self.reflection
        seen = {
            "title": self.title, "text": self.body.strip(),
            "objectives": list(self.meta.get("objectives", [])),
            "key_points": list(self.meta.get("key_points", [])),
            "lens": dict(reflection.lens) if reflection else {},
            "prompts": [[p.id, p.layer, p.text] for p in reflection.prompts] if reflection else [],
        }
        digest = hashlib.sha256(json.dumps(seen, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return "sha256:" + digest.hexdigest()

    @property
    def links_terms(self) -> bool:
        """Whether glossary terms are linked on this page (``glossary_links: false`` opts out)."""
        return self.meta.get("glossary_links", True) is not False

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.src))


@reads_file  # parsed again only when the file changes (make serve)
def load_page(file: Path, docs_dir: Path, display_root: Path,
              layers: Names) -> tuple[Page, list[Problem]]:
    """Read one page: its front matter (against the module schema if it names a module),
    its prompts and its citations."""
    path = file.relative_to(display_root).as_posix()
    src = file.relative_to(docs_dir).as_posix()
    text, problems = read_source(file, path)
    if text is None:
        return Page(src, path, {}, body_read=False, meta_read=False), problems
    front, problems = split_front_matter(text, path)
    reflection = None
    if "module" in front.data:
        verdict, schema_problems = validate(front.data, MODULE, front.positions, path)
        problems.extend(schema_problems)
        reflection, reflection_problems = read_reflection(front, verdict, layers)
        problems.extend(reflection_problems)
    uses, citation_problems = citation_uses(front.body, path, front.body_line - 1)
    problems.extend(citation_problems)
    page = Page(src, path, front.data, tuple(uses), front.body, reflection, meta_read=front.read,
                positions=front.positions)
    return page, problems


def citation_uses(body: str, path: str, offset_line: int) -> tuple[list[CitationUse], list[Problem]]:
    """Every work cited in a Markdown text, with its position in the file."""
    uses, problems = [], []
    for found in find_citations(body):
        if isinstance(found, CitationSyntaxError):
            line, column = line_and_column(body, found.offset)  # type: ignore[attr-defined]
            problems.append(Problem(path, line + offset_line, column, "cite-syntax", str(found),
                                    "write citations like [@key], [@key, p. 3] or [@a; @b]"))
            continue
        uses.extend(_uses(found, body, path, offset_line))
    return uses, problems


def _uses(citation: Citation, body: str, path: str, offset_line: int) -> list[CitationUse]:
    result = []
    for item in citation.items:
        offset = body.index("@" + item.key, citation.start) + 1
        line, column = line_and_column(body, offset)
        result.append(CitationUse(item.key, path, line + offset_line, column, item.written))
    return result
