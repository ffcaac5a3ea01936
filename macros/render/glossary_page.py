"""The glossary page: A–Z with letter jumps, one entry per term.

The page is Markdown (inside ``md_in_html`` blocks), so that the engine
rewrites and validates every link to a module section. Each definition, a
field declared Markdown, is rendered to HTML on its own by a restricted
Markdown (see ``safe.py``) that the caller gives the citation and glossary
extensions, and placed as HTML: the page's own Markdown, with raw HTML and
attribute lists on, never reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape

from markupsafe import Markup

from ..core.glossary import Term
from ..core.site import Site
from ..core.urls import source_link
from ..core.uses import Appearance
from .safe import field_html
from .safe import markdown_text as inert

#: Renders one entry's definition to safe HTML (the build adds citations and term links).
DefinitionRenderer = Callable[[Term], Markup]


def plain_definition(term: Term) -> Markup:
    """A definition rendered without citations or term links (checks and tests)."""
    return field_html("glossary", "definition", term.definition)


def _letter(term: Term) -> str:
    first = term.term[:1].upper()
    return first if first.isascii() and first.isalpha() else "Other"


APPEARS_SLOT = '<p class="glossary-meta glossary-appears" data-appears-in="{id}"></p>'
_SLOT_RE = re.compile(re.escape(APPEARS_SLOT).replace(re.escape("{id}"), r"([^\"]+)"))


def appears_in_html(places: tuple[Appearance, ...], url_for: Callable[[str], str]) -> str:
    """The "Appears in" line of one entry, as HTML; empty when the term appears nowhere."""
    if not places:
        return ""
    links = []
    for place in places:
        label = f"{place.page_title}: {place.heading}" if place.heading else place.page_title
        anchor = f"#{place.anchor}" if place.anchor else ""
        links.append(f'<a href="{escape(url_for(place.src))}{escape(anchor)}">{escape(label)}</a>')
    return f"<strong>Appears in:</strong> {', '.join(links)}"


def fill_appears_in(html: str, index: Mapping[str, tuple[Appearance, ...]],
                    url_for: Callable[[str], str]) -> str:
    """Fill each entry's "Appears in" slot once every page has been rendered (one pass)."""

    def fill(match: re.Match[str]) -> str:
        places = index.get(match.group(1), ())
        return match.group(0).replace("></p>", f">{appears_in_html(places, url_for)}</p>") if places else ""

    return _SLOT_RE.sub(fill, html)


def _entry(site: Site, term: Term, definition: DefinitionRenderer) -> str:
    source = []
    if term.in_term_list:
        source.append("the article's own list of terms")
    module = site.module(term.module) if term.module else None
    if module:
        link = source_link(site.paths.glossary_page, module.src)
        source.append(f"[{inert(module.title)}]({link})")
    lines = [
        f'<div class="glossary-entry" data-term-entry="{escape(term.id)}" markdown>',
        "",
        f"### {inert(term.term)} {{ #{term.id} }}",
        "",
        f'<div class="glossary-definition">\n{definition(term)}\n</div>',
        "",
        f'<p class="glossary-meta" markdown>**Source:** {" and ".join(source)}</p>',
    ]
    related = [site.term(r) for r in term.related]
    if related:
        lines.append('<p class="glossary-meta" markdown>**Related:** ' + ", ".join(
            f"[{inert(r.term)}](#{r.id})" for r in related if r) + "</p>")
    # Where the term appears is known only when every page has been rendered:
    # the slot is filled then (see fill_appears_in).
    lines += [APPEARS_SLOT.format(id=term.id), "", "</div>", ""]
    return "\n".join(lines)


def glossary_markdown(site: Site, definition: DefinitionRenderer = plain_definition) -> str:
    """The whole A–Z as Markdown, with a row of letter links at the top."""
    letters: dict[str, list[Term]] = {}
    for term in site.terms:
        letters.setdefault(_letter(term), []).append(term)
    jump = " ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters)
    parts = [f'<nav class="glossary-letters" aria-label="Glossary letters" markdown>{jump}</nav>', ""]
    for letter, terms in letters.items():
        parts += [f"## {letter} {{ #letter-{letter.lower()} }}", ""]
        parts += [_entry(site, term, definition) for term in terms]
    return "\n".join(parts)
