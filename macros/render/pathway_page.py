"""Pages for pathways: who it is for, total time, steps with prompts, progress.

A pathway page is generated from its YAML file. Text from the file is escaped,
never read as HTML. Prompts carry the same ids as on their module page, so a
reader's journal answer is the same wherever they write it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from ..core.pathways import Pathway
from ..core.site import Site
from .downloads import DOWNLOADS_SLOT
from .reflection import journal_notice, prompt_html
from .text import paragraphs

PATHWAYS_FOLDER = "pathways"


def pathway_src(pathway: Pathway) -> str:
    """Docs-relative path of the generated page."""
    return f"{PATHWAYS_FOLDER}/{pathway.id}.md"



def pathway_markdown(site: Site, pathway: Pathway, url_for: Callable[[str], str],
                     downloads: bool = False) -> str:
    """The page's Markdown source, front matter included; ``url_for`` maps a docs path to a link.

    ``downloads``: leave the slot that packaging fills with this pathway's packages.
    """
    layer = next((lay for lay in site.framework.layers if lay.id == pathway.layer), None)
    steps = len(pathway.steps)
    parts = [
        "---", f"title: {json.dumps(pathway.title)}", "---", "",
        f"# {escape(pathway.title, quote=False)}", "",
        f'<div class="pathway no-glossary" data-pathway="{escape(pathway.id)}" '
        f'data-pathway-title="{escape(pathway.title)}" data-layer="{escape(pathway.layer)}" markdown>', "",
        f"**Who it is for.** {escape(pathway.audience, quote=False)}", "",
    ]
    if pathway.introduction:
        parts += [paragraphs(pathway.introduction), ""]
    parts += [
        f"**Time:** about {pathway.minutes} minutes in {steps} steps"
        + (f", for {escape(layer.name.lower(), quote=False)}" if layer else "") + ".", "",
        *([DOWNLOADS_SLOT, ""] if downloads else []),
        '<p class="pathway-progress" aria-live="polite"></p>', "",
        journal_notice(url_for(site.paths.journal_page)), "",
    ]
    for number, step in enumerate(pathway.steps, 1):
        module = site.module(step.module)
        prompts = [site.prompts[p] for p in step.prompts]
        parts += [
            f'<div class="pathway-step" data-step="{escape(step.module)}" markdown>', "",
            f"## Step {number}: {escape(module.title, quote=False)} {{ #step-{number} }}", "",
            f'<p class="step-meta"><a href="{escape(url_for(module.src))}">Read the module</a> '
            f"· about {step.minutes} minutes</p>", "",
            f"**Focus.** {escape(step.focus, quote=False)}", "",
            '<ol class="prompts">',
            *(prompt_html(p, module_title=module.title) for p in prompts),
            "</ol>", "", "</div>", "",
        ]
    parts += ["## Taking it further { #taking-it-further }", "", paragraphs(pathway.closing), "",
              "</div>", ""]
    return "\n".join(parts)


def pathways_table(site: Site, url_for: Callable[[str], str]) -> str:
    """A Markdown table of every pathway, for the pathways index."""
    rows = ["| Pathway | For | Steps | Time |", "|---|---|---|---|"]
    for pathway in site.pathways:
        layer = next((lay.name for lay in site.framework.layers if lay.id == pathway.layer), pathway.layer)
        link = f'<a href="{escape(url_for(pathway_src(pathway)))}?layer={escape(pathway.layer)}">' \
               f"{escape(pathway.title)}</a>"
        rows.append(f"| {link} | {escape(layer)} | {len(pathway.steps)} | about {pathway.minutes} minutes |")
    return "\n".join(rows)


def layer_choice(site: Site, url_for: Callable[[str], str]) -> str:
    """One link per layer that sets the reader's layer and opens its pathway."""
    items = []
    for layer in site.framework.layers:
        pathway = next((p for p in site.pathways if p.layer == layer.id), None)
        if pathway is None:
            continue
        href = f"{url_for(pathway_src(pathway))}?layer={layer.id}"
        level = f" ({escape(layer.level)})" if layer.level else ""
        items.append(f'<li><a class="md-button" data-layer-choice="{escape(layer.id)}" '
                     f'href="{escape(href)}">{escape(layer.name)}</a>{level}</li>')
    return '<ul class="layer-choice">\n' + "\n".join(items) + "\n</ul>"
