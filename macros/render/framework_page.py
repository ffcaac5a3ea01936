"""Framework pages: an overview with the diagram, and a page for each part.

Everything comes from ``framework.yml``, the glossary and the modules' prompts;
quotes are the authors' words, each with a link to the module it is from.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..core.framework import Ring
from ..core.site import Site
from .framework_svg import framework_svg
from .pathway_page import pathway_src
from .reflection import journal_notice, prompt_html
from .safe import markdown_text as inert

FRAMEWORK_FOLDER = "framework"


def part_src(part: Ring) -> str:
    return f"{FRAMEWORK_FOLDER}/{part.id}.md"


def overview_src() -> str:
    return f"{FRAMEWORK_FOLDER}/index.md"


def _term(site: Site, term_id: str) -> str:
    term = site.term(term_id)
    return term.term if term else term_id


def _holder(site: Site, part: Ring) -> str:
    layer = site.framework.layer(part.layer) if part.layer else None
    return f" ({inert(layer.name.lower())})" if layer else ""


def text_version(site: Site, md_link: Callable[[str], str]) -> str:
    """The diagram as a nested list: each ring inside the one around it."""
    framework = site.framework
    lines, depth = [], 0
    for part in framework.parts:
        names = ", ".join(f"[{inert(_term(site, e.term))}]({md_link(part_src(part))}#{e.term})"
                          for e in part.elements)
        lines.append(f"{'    ' * depth}- [{inert(part.title)}]({md_link(part_src(part))})"
                     f"{_holder(site, part)}: {names}")
        depth += 1
    return "\n".join(lines)


def overview_markdown(site: Site, url_for: Callable[[str], str], md_link: Callable[[str], str]) -> str:
    """The overview page. ``url_for`` gives URLs (for HTML), ``md_link`` Markdown source links."""
    framework = site.framework
    svg = framework_svg(
        framework, lambda t: _term(site, t),
        lambda t: next(f"{url_for(part_src(p))}#{t}" for p in framework.parts
                       if any(e.term == t for e in p.elements)),
        lambda p: url_for(part_src(p)))
    parts = [
        "---", f"title: {json.dumps('Framework')}", "---", "",
        "# Framework", "",
        f"*{inert(framework.title)}*", "{: .no-glossary }", "",
        *([inert(framework.introduction), ""] if framework.introduction else []),
        f'<figure class="framework-figure">{svg}</figure>', "",
        '<details class="framework-text" open markdown>',
        "<summary>Text version of the diagram</summary>", "",
        "From the centre outwards; each part surrounds the one before it.", "",
        text_version(site, md_link), "", "</details>", "",
        "## Throughout the framework { #throughout }", "",
    ]
    for outcome in framework.outcomes:
        parts.append(f"- **{inert(outcome.role.capitalize())}:** "
                     f"{inert(outcome.text)} "
                     f"([{inert(_term(site, outcome.term))}]"
                     f"({md_link(site.paths.glossary_page)}#{outcome.term}) in the glossary)")
    parts.append("")
    return "\n".join(parts)


def part_markdown(site: Site, part: Ring, url_for: Callable[[str], str],
                  md_link: Callable[[str], str]) -> str:
    """One part of the framework: the authors' words, its elements, and prompts."""
    parts = ["---", f"title: {json.dumps(part.title)}", "---", "",
             f"# {inert(part.title)}", ""]
    if part.summary:
        parts += [f"**{inert(part.summary)}**", ""]
    parts += ["## In the authors' words { #in-the-authors-words }", ""]
    for quote in part.quotes:
        module = site.module(quote.module)
        parts += [f"> {inert(quote.text)}", ">",
                  f"> — from [{inert(module.title)}]({md_link(module.src)})", ""]
    for element in part.elements:
        term = site.term(element.term)
        modules = [site.module(m) for m in element.modules]
        parts += [
            f"## {inert(term.term)} {{ #{element.term} }}", "",
            f"{inert(term.short)} "
            f"([Full definition]({md_link(site.paths.glossary_page)}#{term.id}))", "",
            "Discussed in: " + ", ".join(f"[{inert(m.title)}]({md_link(m.src)})"
                                         for m in modules), "",
        ]
    layers = [site.framework.layer(part.layer)] if part.layer else list(site.framework.layers)
    modules = list(dict.fromkeys(m for e in part.elements for m in e.modules))
    prompts = [p for m in modules for page in [site.module(m)] if page.reflection
               for layer in layers for p in page.reflection.for_layer(layer.id)]
    if prompts:
        who = f"for {layers[0].name.lower()}" if len(layers) == 1 else "for every layer"
        parts += ["## Reflect { #reflect }", "",
                  f"Prompts {inert(who)} from the modules above.", "",
                  '<div class="reflect no-glossary" markdown>', "",
                  journal_notice(url_for(site.paths.journal_page)), "", '<ol class="prompts">',
                  *(prompt_html(p, module_title=site.module(p.module).title) for p in prompts),
                  "</ol>", "", "</div>", ""]
    pathway = next((p for p in site.pathways if p.layer == part.layer), None)
    if pathway:
        parts += [f"Follow the [{inert(pathway.title)}]({md_link(pathway_src(pathway))}) "
                  "for a route through the article.", ""]
    return "\n".join(parts)
