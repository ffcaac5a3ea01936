"""The whole content model, loaded once, with every cross-check.

The build, the integrity checks and the backlinks ("Cited in") all read the
:class:`Site` that :func:`load_site` returns, so they can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from .bibliography import Bibliography, Reference, load_bibliography
from .labels import Label, label
from .navorder import nav_order
from .pages import CitationUse, Page, load_page
from .problems import Problem, did_you_mean


@dataclass(frozen=True)
class SitePaths:
    """Where the sources of one site are, relative to its root."""

    root: Path
    docs: str = "docs"
    bibliography: str = "references.bib"
    config: str = "mkdocs.yml"

    @property
    def docs_dir(self) -> Path:
        return self.root / self.docs


@dataclass(frozen=True)
class Site:
    """Pages in reading order, the bibliography, labels and where works are cited."""

    paths: SitePaths
    pages: tuple[Page, ...]
    bibliography: Bibliography
    labels: Mapping[str, Label]
    cited_in: Mapping[str, tuple[Page, ...]]
    problems: tuple[Problem, ...]

    @property
    def modules(self) -> tuple[Page, ...]:
        return tuple(page for page in self.pages if page.module)

    @property
    def references(self) -> Mapping[str, Reference]:
        return self.bibliography.references

    def page(self, src: str) -> Page | None:
        return next((page for page in self.pages if page.src == src), None)


def _ordered(files: list[Path], docs_dir: Path, order: list[str]) -> list[Path]:
    rank = {src: index for index, src in enumerate(order)}
    return sorted(files, key=lambda f: (rank.get(f.relative_to(docs_dir).as_posix(), len(rank)),
                                        f.relative_to(docs_dir).as_posix()))


def load_site(root: Path | str, **overrides: str) -> Site:
    """Read every source under ``root`` once and cross-check them."""
    paths = SitePaths(Path(root), **overrides)
    problems: list[Problem] = []

    bib_file = paths.root / paths.bibliography
    bibliography = load_bibliography(bib_file, paths.bibliography)
    problems.extend(bibliography.problems)

    files = _ordered(sorted(paths.docs_dir.rglob("*.md")), paths.docs_dir,
                     nav_order(paths.root / paths.config))
    pages = []
    for file in files:
        page, page_problems = load_page(file, paths.docs_dir, paths.root)
        pages.append(page)
        problems.extend(page_problems)

    problems.extend(_check_module_ids(pages))
    labels = {key: label(ref) for key, ref in bibliography.references.items()}
    problems.extend(_check_labels(bibliography, labels))
    cited_in, citation_problems = _cross_reference(pages, bibliography)
    problems.extend(citation_problems)
    return Site(paths, tuple(pages), bibliography, MappingProxyType(labels),
                MappingProxyType(cited_in), tuple(sorted(set(problems))))


def _check_module_ids(pages: list[Page]) -> list[Problem]:
    problems = []
    seen: dict[str, Page] = {}
    for page in pages:
        if page.module is None:
            continue
        if page.module in seen:
            problems.append(Problem(
                page.path, 1, 1, "module-duplicate-id",
                f"module id '{page.module}' is already used by {seen[page.module].path}",
                "module ids must be unique; choose a new one",
            ))
        else:
            seen[page.module] = page
    return problems


def _check_labels(bibliography: Bibliography, labels: Mapping[str, Label]) -> list[Problem]:
    """Two works that would be cited identically ("Firmin 2022") are ambiguous."""
    problems = []
    by_label: dict[str, str] = {}
    for key, ref in bibliography.references.items():
        text = str(labels[key])
        if text in by_label:
            problems.append(Problem(
                bibliography.path, ref.line, 1, "bib-label-clash",
                f"entries '{by_label[text]}' and '{key}' both render as '{text}'",
                "readers cannot tell them apart; give the year a suffix (2022a, 2022b)",
            ))
        else:
            by_label[text] = key
    return problems


def _cross_reference(pages: list[Page], bibliography: Bibliography
                     ) -> tuple[dict[str, tuple[Page, ...]], list[Problem]]:
    problems = []
    cited: dict[str, list[Page]] = defaultdict(list)
    keys = bibliography.references
    for page in pages:
        for use in page.citations:
            if use.key in keys:
                if page not in cited[use.key]:
                    cited[use.key].append(page)
            else:
                problems.append(_unknown_key(use, keys))
    for key, ref in keys.items():
        if key not in cited and not ref.further_reading:
            problems.append(Problem(
                bibliography.path, ref.line, 1, "bib-uncited",
                f"entry '{key}' is never cited",
                "cite it, or mark it keywords = {further-reading} to list it under Further reading",
            ))
        elif key in cited and ref.further_reading:
            first = cited[key][0]
            problems.append(Problem(
                bibliography.path, ref.line_of("keywords"), 1, "bib-further-reading-cited",
                f"entry '{key}' is marked further-reading but is cited in {first.path}",
                "remove 'further-reading' from its keywords",
            ))
    return {key: tuple(pages) for key, pages in cited.items()}, problems


def _unknown_key(use: CitationUse, keys: Mapping[str, Reference]) -> Problem:
    return Problem(use.path, use.line, use.column, "cite-unknown-key",
                   f"unknown citation key '{use.key}'",
                   did_you_mean(use.key, keys) or "add an entry for it to references.bib")
