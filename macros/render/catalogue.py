"""The module catalogue as cards, filterable by role, topic and time.

The same cards serve the catalogue page and the course builder (where each
card carries the checkbox that picks the module, and its prompts to choose
from). Each card is made from the module's published record (the one behind
``modules.json`` and the module's own card), so the three cannot disagree.
The filters work in the browser (``module-filter.js``) from the cards' data
attributes; without JavaScript every card is shown and the filters are not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..core.pages import Page
from ..core.site import Site
from .reflection import CARE_NOTE
from .safe import html_text as escape

#: Where a page's catalogue goes: filled once every page is rendered (the cards list each module's terms).
CATALOGUE_SLOT = '<div class="module-catalogue-slot"></div>'
#: The lengths the time filter offers, in minutes ("up to ...").
TIME_CHOICES = (5, 10, 15, 20, 30)


def module_minutes(page: Page) -> int:
    """The time a module takes, as the catalogue, the builder and the handouts show it.

    TIME MODEL: the one place to change when the core's time model (issue #14:
    reading minutes plus reflection minutes per module) is merged: return the
    module's total from it here, and every card, the builder's default
    session length and the plans follow.
    """
    return page.reading_minutes


@dataclass(frozen=True)
class Facets:
    """What a module can be filtered by."""

    roles: tuple[str, ...]  # layer ids: the module is on that layer's pathway or in its ring of the framework
    topics: tuple[str, ...]  # term ids: terms it uses, and framework elements that name it


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    framework: bool  # a capacity, condition or part of the core in the framework


def module_facets(site: Site, record: Mapping[str, Any]) -> Facets:
    module = record["id"]
    framework = site.framework
    roles = {pathway.layer for pathway in site.pathways if any(s.module == module for s in pathway.steps)}
    topics = {term["id"] for term in record["terms"]}
    for part in framework.parts if framework else ():
        for element in part.elements:
            if module in element.modules:
                topics.add(element.term)
                if part.layer:
                    roles.add(part.layer)
    order = framework.layer_ids if framework else ()
    return Facets(tuple(layer for layer in order if layer in roles), tuple(sorted(topics)))


def topics_of(site: Site, facets: Mapping[str, Facets]) -> tuple[Topic, ...]:
    """Every topic some module has: the framework's elements first (in its order), then terms A–Z."""
    used = {topic for facet in facets.values() for topic in facet.topics}
    framework = [e.term for part in (site.framework.parts if site.framework else ()) for e in part.elements]
    first = [t for t in dict.fromkeys(framework) if t in used and site.term(t)]
    rest = sorted((t for t in used if t not in first and site.term(t)),
                  key=lambda t: site.term(t).term.casefold())
    return (*(Topic(t, site.term(t).term, True) for t in first),
            *(Topic(t, site.term(t).term, False) for t in rest))


def section_name(section: str) -> str:
    """``1`` -> ``Section 1``; a named part (``conclusion``) as its name."""
    return f"Section {section}" if section[:1].isdigit() else section[:1].upper() + section[1:]


def minutes_text(minutes: int) -> str:
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def filter_html(site: Site, topics: Sequence[Topic], total: int) -> Markup:
    """The filters, hidden until the script shows them (they need it to work)."""
    layers = "".join(f'<option value="{escape(layer.id)}">{escape(layer.name)}</option>'
                     for layer in (site.framework.layers if site.framework else ()))
    in_framework = "".join(f'<option value="{escape(t.id)}">{escape(t.name)}</option>'
                           for t in topics if t.framework)
    others = "".join(f'<option value="{escape(t.id)}">{escape(t.name)}</option>'
                     for t in topics if not t.framework)
    groups = ((f'<optgroup label="Capacities and conditions in the framework">{in_framework}</optgroup>'
               if in_framework else "")
              + (f'<optgroup label="Other glossary terms">{others}</optgroup>' if others else ""))
    times = "".join(f'<option value="{m}">Up to {m} minutes</option>' for m in TIME_CHOICES)
    return Markup(
        '<div class="module-filter" role="group" aria-labelledby="module-filter-title" hidden>'
        '<p class="module-filter__title" id="module-filter-title">Show the modules</p>'
        '<label>for <select data-filter="roles"><option value="">every role</option>'
        f"{layers}</select></label>"
        '<label>about <select data-filter="topics"><option value="">any topic</option>'
        f"{groups}</select></label>"
        '<label>taking <select data-filter="minutes"><option value="">any time</option>'
        f"{times}</select></label>"
        f'<p class="module-filter__count" role="status">All {total} modules are shown.</p></div>')


def card_html(site: Site, record: Mapping[str, Any], facets: Facets, layer_names: Mapping[str, str],
              href: str, glossary_url: str, pick: bool = False) -> Markup:
    """One module as a card; ``pick`` adds the builder's checkbox and the module's prompts."""
    module = record["id"]
    page = site.module(module)
    minutes = module_minutes(page)
    level = 3 if pick else 2
    title = escape(record["title"])
    if pick:
        box = f"pick-{escape(module)}"
        heading = (f'<input type="checkbox" name="module" value="{escape(module)}" id="{box}"> '
                   f'<label for="{box}">{title}</label>')
    else:
        heading = f'<a href="{escape(href)}">{title}</a>'
    objectives = "".join(f"<li>{escape(o)}</li>" for o in record["objectives"])
    roles = ", ".join(escape(layer_names.get(r, r)) for r in facets.roles) or "every role"
    terms = ", ".join(f'<a href="{escape(glossary_url)}#{escape(t["id"])}">{escape(t["term"])}</a>'
                      for t in record["terms"]) or "none"
    read = f'<p class="catalogue-card__read"><a href="{escape(href)}">Read the module</a></p>' if pick else ""
    parts = [
        f'<li class="catalogue-card" data-module="{escape(module)}" '
        f'data-roles="{escape(" ".join(facets.roles))}" '
        f'data-topics="{escape(" ".join(facets.topics))}" data-minutes="{minutes}" '
        f'data-title="{title}">',
        # Under the page's title in the catalogue; under "Modules" in the builder.
        f'<h{level} class="catalogue-card__title" id="card-{escape(module)}">{heading}</h{level}>',
        f'<p class="catalogue-card__meta">{escape(section_name(record["section"]))} · {minutes_text(minutes)}'
        f' · <span class="catalogue-card__id">module id <code>{escape(module)}</code></span></p>',
        f'<p class="catalogue-card__label">After reading it you will be able to:</p><ul>{objectives}</ul>'
        if objectives else "",
        f'<p class="catalogue-card__facet"><strong>Roles:</strong> {roles}</p>',
        f'<p class="catalogue-card__facet"><strong>Terms:</strong> {terms}</p>',
        read,
        prompt_choices_html(site, page, layer_names) if pick else "",
        "</li>",
    ]
    return Markup("".join(parts))


def prompt_choices_html(site: Site, page: Page, layer_names: Mapping[str, str]) -> str:
    """The module's prompts as checkboxes by layer: shown by the builder once the module is picked."""
    reflection = page.reflection
    groups = []
    for layer in site.framework.layer_ids if reflection and site.framework else ():
        items = "".join(
            f'<li><input type="checkbox" name="prompt" value="{escape(p.id)}" id="pick-{escape(p.id)}" '
            f'data-layer="{escape(layer)}"{" data-care" if p.care else ""}> '
            f'<label for="pick-{escape(p.id)}">{escape(p.text)}'
            + (f' <span class="care-note">{escape(CARE_NOTE)}</span>' if p.care else "") + "</label></li>"
            for p in reflection.for_layer(layer))
        if items:
            name = escape(layer_names.get(layer, layer).lower())
            groups.append(f'<fieldset class="builder-prompts__layer"><legend>Prompts for {name}</legend>'
                          f"<ul>{items}</ul></fieldset>")
    return (f'<div class="builder-prompts" data-prompts-of="{escape(page.module)}" hidden>'
            f'{"".join(groups)}</div>')


def catalogue_html(site: Site, records: Sequence[Mapping[str, Any]], url_for: Callable[[str], str],
                   pick: bool = False) -> Markup:
    """The filters and every module's card, in reading order. ``url_for`` maps a docs path to a link."""
    layer_names = {layer.id: layer.name for layer in (site.framework.layers if site.framework else ())}
    facets = {record["id"]: module_facets(site, record) for record in records}
    glossary_url = url_for(site.paths.glossary_page)
    cards = "".join(card_html(site, record, facets[record["id"]], layer_names,
                              url_for(site.module(record["id"]).src), glossary_url, pick)
                    for record in records)
    return Markup(filter_html(site, topics_of(site, facets), len(records))
                  + Markup(f'<ul class="catalogue-cards">{cards}</ul>'))
