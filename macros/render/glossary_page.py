"""The glossary page: A–Z with letter jumps, one entry per term.

Output is Markdown (inside ``md_in_html`` blocks) so that definitions keep their
citations and term links, and so that the engine rewrites and validates every
link to a module section.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html import escape

from ..core.glossary import Term
from ..core.site import Site
from ..core.urls import source_link
from ..core.uses import Appearance


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


def _entry(site: Site, term: Term) -> str:
    source = []
    if term.in_term_list:
        source.append("the article's own list of terms")
    module = site.module(term.module) if term.module else None
    if module:
        link = source_link(site.paths.glossary_page, module.src)
        source.append(f"[{escape(module.title, quote=False)}]({link})")
    lines = [
        f'<div class="glossary-entry" data-term-entry="{term.id}" markdown>',
        "",
        f"### {escape(term.term, quote=False)} {{ #{term.id} }}",
        "",
        # Markdown, but never markup: a "<" is shown as written, not read as HTML.
        term.definition.replace("<", "&lt;"),
        "",
        f'<p class="glossary-meta" markdown>**Source:** {" and ".join(source)}</p>',
    ]
    related = [site.term(r) for r in term.related]
    if related:
        lines.append('<p class="glossary-meta" markdown>**Related:** ' + ", ".join(
            f"[{escape(r.term, quote=False)}](#{r.id})" for r in related if r) + "</p>")
    # Where the term appears is known only when every page has been rendered:
    # the slot is filled then (see fill_appears_in).
    lines += [APPEARS_SLOT.format(id=term.id), "", "</div>", ""]
    return "\n".join(lines)


def glossary_markdown(site: Site) -> str:
    """The whole A–Z as Markdown, with a row of letter links at the top."""
    letters: dict[str, list[Term]] = {}
    for term in site.terms:
        letters.setdefault(_letter(term), []).append(term)
    jump = " ".join(f"[{letter}](#letter-{letter.lower()})" for letter in letters)
    parts = [f'<nav class="glossary-letters" aria-label="Glossary letters" markdown>{jump}</nav>', ""]
    for letter, terms in letters.items():
        parts += [f"## {letter} {{ #letter-{letter.lower()} }}", ""]
        parts += [_entry(site, term) for term in terms]
    return "\n".join(parts)
