"""Where each glossary term appears, found by the same code that links it.

Each page is rendered once with the site's Markdown extensions and the
glossary extension in record mode; the occurrences it records become the
glossary's "Appears in" links and the "term used nowhere" check. Using the
linker itself means the index can never disagree with the links on the pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import markdown

from ..core.citation_notes import note_of
from ..core.labels import written_forms
from ..core.problems import Problem
from ..core.site import Site
from ..core.uses import Appearance, TermUse
from ..extensions.citations import CitationExtension, CitationTarget
from ..extensions.glossary import GlossaryExtension, TermTarget


def term_targets(site: Site) -> dict[str, TermTarget]:
    return {term.id: TermTarget(term.names, term.short) for term in site.terms}


def citation_targets(site: Site, formatted: Mapping[str, str] | None = None) -> dict[str, CitationTarget]:
    formatted = formatted or {}
    refs = site.references
    return {key: CitationTarget(lab.author, lab.year, formatted.get(key, ""), written_forms(refs[key]),
                                note_of(refs[key]))
            for key, lab in site.labels.items()}


def collect_index(site: Site, uses_by_page: Mapping[str, Sequence[TermUse]]
                  ) -> Mapping[str, tuple[Appearance, ...]]:
    """Turn each page's recorded term uses into "where each term appears", in reading order."""
    # Dicts keep insertion order: reading order, each place once.
    found: dict[str, dict[Appearance, None]] = {term.id: {} for term in site.terms}
    for page in site.pages:
        for use in uses_by_page.get(page.src, ()):
            # A use under the page's own title belongs to the page as a whole.
            anchor, heading = (use.anchor, use.heading) if use.level > 1 else ("", "")
            if use.term_id in found:
                found[use.term_id][Appearance(page.src, page.title, anchor, heading)] = None
    return MappingProxyType({term_id: tuple(places) for term_id, places in found.items()})


def indexed_pages(site: Site):
    """The pages whose term uses count: all but the glossary and pages that opt out."""
    return [page for page in site.pages
            if page.src != site.paths.glossary_page and page.links_terms]


def index_terms(site: Site, extensions: Mapping[str, Mapping]) -> Mapping[str, tuple[Appearance, ...]]:
    """Render every indexed page to find its term uses (for checks without a build).

    ``extensions`` are the site's Markdown extensions by name, with their
    options, as the engine's config gives them (see ``core/site_config.py``),
    so pages are rendered here exactly as the build renders them. A site
    build does not call this: it records the uses while rendering each page
    once (see the adapter).
    """
    glossary = GlossaryExtension(targets=term_targets(site))
    citations = CitationExtension(targets=citation_targets(site), page_list=False)
    md = markdown.Markdown(extensions=[*extensions, citations, glossary],
                           extension_configs={name: dict(options) for name, options in extensions.items()})
    uses: dict[str, list[TermUse]] = {}
    for page in indexed_pages(site):
        md.reset()
        md.convert(page.body)
        uses[page.src] = list(glossary.uses)
    return collect_index(site, uses)


def check_term_use(site: Site, index: Mapping[str, tuple[Appearance, ...]]) -> list[Problem]:
    """A term the text never uses is probably misnamed (unless marked unused)."""
    problems = []
    for term in site.terms:
        if not index.get(term.id) and not term.unused:
            problems.append(Problem.at(
                term.path, term.at("term"), "term-unused",
                f"'{term.term}' (or its forms) appears on no page",
                "add the form the text uses to 'forms', or mark the entry 'unused: true'",
            ))
        elif index.get(term.id) and term.unused:
            problems.append(Problem.at(
                term.path, term.at("unused"), "term-marked-unused",
                f"'{term.term}' is marked unused but appears on {index[term.id][0].src}",
                "remove 'unused: true'",
            ))
    return problems
