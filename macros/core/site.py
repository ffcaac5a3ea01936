"""The whole content model, loaded once, with every cross-check.

The build, the integrity checks and the backlinks ("Cited in") all read the
:class:`Site` that :func:`load_site` returns, so they can never disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .bibliography import Bibliography, Reference, load_bibliography
from .citation_notes import check_citation_notes
from .courses import Course, check_courses, load_courses
from .edition import Edition, load_edition
from .framework import Framework, check_framework, load_framework
from .glossary import Term, load_glossary
from .labels import Label, label
from .names import Names
from .pages import CitationUse, Page, citation_uses, load_page
from .pathways import Pathway, Step, check_pathways, load_pathways
from .problems import Problem
from .prompts import Prompt
from .registry import Registry, check_prompt_registry, check_registry, load_registry
from .schemas import ID_RE
from .site_config import read_site_config
from .timing import Time, module_reflection, step_time, total_minutes


@dataclass(frozen=True)
class SitePaths:
    """Where the sources of one site are, relative to its root."""

    root: Path
    docs: str = "docs"
    bibliography: str = "references.bib"
    config: str = "properdocs.yml"
    glossary: str = "glossary"
    pathways: str = "pathways"
    registry: str = "module-ids.yml"
    citation: str = "CITATION.cff"  # the edition's version and date
    courses: str = "courses"
    framework: str = "framework.yml"
    glossary_page: str = "glossary.md"  # the docs page that shows the glossary
    journal_page: str = "journal.md"  # the docs page that gathers readers' answers

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
    terms: tuple[Term, ...] = ()
    framework: Framework | None = None
    pathways: tuple[Pathway, ...] = ()
    registry: Registry | None = None
    courses: tuple[Course, ...] = ()
    edition: Edition | None = None

    @property
    def modules(self) -> tuple[Page, ...]:
        return tuple(page for page in self.pages if page.module)

    @property
    def references(self) -> Mapping[str, Reference]:
        return self.bibliography.references

    @cached_property
    def _by_id(self) -> dict[tuple[str, str], Any]:
        """Terms, modules and pages by id, built once: renderers look them up often."""
        found: dict[tuple[str, str], Any] = {}
        for term in self.terms:
            found.setdefault(("term", term.id), term)
        for page in self.pages:
            found.setdefault(("page", page.src), page)
            if page.module:
                found.setdefault(("module", page.module), page)
        return found

    def term(self, term_id: str) -> Term | None:
        return self._by_id.get(("term", term_id))

    def module(self, module_id: str) -> Page | None:
        return self._by_id.get(("module", module_id))

    @cached_property
    def prompts(self) -> dict[str, Prompt]:
        """Every prompt of every module, by id, in reading order (the first of a duplicate id)."""
        return collect_prompts(self.pages)

    def page(self, src: str) -> Page | None:
        return self._by_id.get(("page", src))

    # -- the time model (see timing.py), for every place that shows a time --

    def reflection_minutes(self, page: Page) -> dict[str, int]:
        """A module's reflection minutes for each layer, in the framework's order of layers."""
        if not page.reflection or not self.framework:
            return {}
        return module_reflection({layer: len(page.reflection.for_layer(layer))
                                  for layer in self.framework.layer_ids})

    def step_time(self, step: Step) -> Time:
        """A pathway step's time (the step's module must exist: the checks say so first)."""
        module = self.module(step.module)
        if module is None:
            raise KeyError(f"no module '{step.module}'")
        return step_time(module, step)

    def pathway_minutes(self, pathway: Pathway) -> int:
        return total_minutes(self.step_time(step) for step in pathway.steps)


def _ordered(files: list[Path], docs_dir: Path, order: list[str]) -> list[Path]:
    rank = {src: index for index, src in enumerate(order)}
    return sorted(files, key=lambda f: (rank.get(f.relative_to(docs_dir).as_posix(), len(rank)),
                                        f.relative_to(docs_dir).as_posix()))


def load_site(root: Path | str, page_order: list[str] | None = None, **overrides: str) -> Site:
    """Read every source under ``root`` once and cross-check them.

    ``page_order`` is the reading order (docs-relative paths); an engine that
    has already read its navigation passes it, otherwise it is read from the
    ``nav`` of the engine's config (``properdocs.yml``).

    A source that cannot be read is reported, and the cross-checks stay
    silent about what it would have defined or used (see :mod:`.names`): its
    own problem is the one to fix, not a hundred consequences of it.
    """
    paths = SitePaths(Path(root), **overrides)
    problems: list[Problem] = []

    bib_file = paths.root / paths.bibliography
    bibliography, bib_problems = load_bibliography(bib_file, paths.bibliography)
    problems.extend(bib_problems)

    if page_order is None:
        page_order = read_site_config(paths.root / paths.config).page_order
    files = _ordered(sorted(paths.docs_dir.rglob("*.md")), paths.docs_dir, page_order)
    framework, framework_problems = load_framework(paths.root / paths.framework, paths.framework)
    problems.extend(framework_problems)
    layers = framework.layer_names
    pages = []
    for file in files:
        page, page_problems = load_page(file, paths.docs_dir, paths.root, layers)
        pages.append(page)
        problems.extend(page_problems)

    problems.extend(_check_module_ids(pages))
    problems.extend(_check_prompt_ids(pages))
    modules = _module_names(pages)
    prompts = _prompt_names(pages, modules.complete)
    pathways, pathway_problems = load_pathways(paths.root / paths.pathways, paths.root)
    problems.extend(pathway_problems)
    # In the framework's order of layers, from direct practice outwards, as readers meet them.
    rank = {layer: index for index, layer in enumerate(framework.layer_ids)}
    pathways = tuple(sorted(pathways, key=lambda p: (rank.get(p.layer, len(rank)), p.id)))
    problems.extend(check_pathways(pathways, modules, prompts, layers))
    courses, course_problems = load_courses(paths.root / paths.courses, paths.root)
    problems.extend(course_problems)
    problems.extend(check_courses(courses, modules, prompts))
    registry, registry_problems = load_registry(paths.root / paths.registry, paths.registry)
    problems.extend(registry_problems)
    if registry:
        sources = Names({m: page.src for m, page in modules.defined.items()}, complete=modules.complete)
        problems.extend(check_registry(registry, sources))
        problems.extend(check_prompt_registry(registry, prompts))
    glossary, term_problems = load_glossary(paths.root / paths.glossary, paths.root)
    terms = tuple(glossary.defined.values())
    problems.extend(term_problems)
    problems.extend(_check_terms(glossary, modules, layers))
    problems.extend(check_framework(framework, glossary, modules))

    # Citations in glossary definitions count as cited on the glossary page.
    glossary_page = next((p for p in pages if p.src == paths.glossary_page), None)
    extra: list[tuple[CitationUse, Page | None]] = []
    for term in terms:
        uses, use_problems = citation_uses(term.definition, term.path, term.definition_line - 1)
        problems.extend(use_problems)
        extra.extend((use, glossary_page) for use in uses)
    # Every text that cites was read: only then is a work "never cited" known.
    all_uses_read = all(page.body_read for page in pages) and not glossary.unread

    labels = {key: label(ref) for key, ref in bibliography.references.items()}
    problems.extend(_check_labels(bibliography, labels))
    cited_in, citation_problems = _cross_reference(pages, bibliography, extra, all_uses_read)
    problems.extend(citation_problems)
    problems.extend(check_citation_notes(
        [use for page in pages for use in page.citations] + [use for use, _page in extra], bibliography))
    edition, edition_problems = load_edition(paths.root / paths.citation, paths.citation)
    problems.extend(edition_problems)
    return Site(paths, tuple(pages), bibliography, MappingProxyType(labels),
                MappingProxyType(cited_in), tuple(sorted(set(problems))), terms, framework, pathways,
                registry, courses, edition)


def _module_names(pages: list[Page]) -> Names[Page]:
    """Module ids and their pages; incomplete while a page's front matter could not be read."""
    modules: dict[str, Page] = {}
    for page in pages:
        if page.module:
            modules.setdefault(page.module, page)
    # A page whose 'module' is not an id (nor text at all) might have meant any module.
    complete = all(page.meta_read and ("module" not in page.meta or ID_RE.match(page.module or ""))
                   for page in pages)
    return Names(modules, complete=complete)


def _prompt_names(pages: list[Page], modules_complete: bool) -> Names[Prompt]:
    """Prompt ids and their prompts, with the ids of prompts that could not be read."""
    reflections = [page.reflection for page in pages if page.reflection]
    unread = frozenset(prompt_id for reflection in reflections for prompt_id in reflection.unread)
    complete = modules_complete and all(reflection.complete for reflection in reflections)
    return Names(collect_prompts(pages), unread, complete)


def _check_terms(glossary: Names[Term], modules: Names, layers: Names) -> list[Problem]:
    """Related ids, layers and modules that glossary entries name must exist."""
    problems = []
    for term in glossary.defined.values():
        for related in term.related:
            if glossary.is_unknown(related) or related == term.id:
                problems.append(Problem.at(
                    term.path, term.at("related"), "term-unknown-related",
                    f"related term '{related}' " + ("is the entry itself" if related == term.id
                                                     else "has no glossary entry"),
                    glossary.suggest(related, "use the id of another entry (its file name)"),
                ))
        for layer in term.layers:
            if layers.is_unknown(layer):
                problems.append(Problem.at(
                    term.path, term.at("layers"), "term-unknown-layer",
                    f"unknown layer '{layer}'", layers.suggest(layer, "allowed: " + ", ".join(layers)),
                ))
        if term.module and modules.is_unknown(term.module):
            problems.append(Problem.at(
                term.path, term.at("source", "module"), "term-unknown-module",
                f"source module '{term.module}' does not exist",
                modules.suggest(term.module, "use a module id from docs/article/"),
            ))
    return problems


def _check_module_ids(pages: list[Page]) -> list[Problem]:
    problems = []
    seen: dict[str, Page] = {}
    for page in pages:
        if page.module is None:
            continue
        if page.module in seen:
            problems.append(Problem.at(
                page.path, page.positions.at("module"), "module-duplicate-id",
                f"module id '{page.module}' is already used by {seen[page.module].path}",
                "module ids must be unique; choose a new one",
            ))
        else:
            seen[page.module] = page
    return problems


def collect_prompts(pages) -> dict[str, Prompt]:
    """Prompts by id, in reading order; a duplicate id keeps its first (and is reported)."""
    prompts: dict[str, Prompt] = {}
    for page in pages:
        for prompt in page.reflection.prompts if page.reflection else ():
            prompts.setdefault(prompt.id, prompt)
    return prompts


def _check_prompt_ids(pages: list[Page]) -> list[Problem]:
    """Prompt ids are unique across the site: readers' answers are kept under them."""
    problems = []
    seen: dict[str, Prompt] = {}
    for page in pages:
        for prompt in page.reflection.prompts if page.reflection else ():
            if prompt.id in seen:
                first = seen[prompt.id]
                problems.append(Problem.at(
                    prompt.path, prompt.place, "prompt-duplicate-id",
                    f"prompt id '{prompt.id}' is already used in {first.path}:{first.place.line}",
                    "give the prompt a new id; never reuse one, readers' answers are kept under it",
                ))
            else:
                seen[prompt.id] = prompt
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


def _cross_reference(pages: list[Page], bibliography: Bibliography,
                     extra: list[tuple[CitationUse, Page | None]] = (), all_uses_read: bool = True
                     ) -> tuple[dict[str, tuple[Page, ...]], list[Problem]]:
    """Where each work is cited; unknown keys; entries cited nowhere."""
    problems = []
    cited: dict[str, list[Page]] = defaultdict(list)
    keys = bibliography.keys
    all_uses = [(use, page) for page in pages for use in page.citations] + list(extra)
    for use, page in all_uses:
        if use.key not in keys:
            if keys.is_unknown(use.key):
                problems.append(_unknown_key(use, keys))
        elif page is not None and page not in cited[use.key]:
            cited[use.key].append(page)
        elif page is None:
            cited.setdefault(use.key, [])
    for key, ref in keys.defined.items():
        if key not in cited and not ref.further_reading:
            if all_uses_read:
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


def _unknown_key(use: CitationUse, keys: Names[Reference]) -> Problem:
    return Problem.at(
                   use.path, use.place, "cite-unknown-key",
                   f"unknown citation key '{use.key}'",
                   keys.suggest(use.key, "add an entry for it to references.bib"))
