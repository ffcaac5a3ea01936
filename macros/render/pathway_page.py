"""Pages for pathways: who it is for, total time, steps with prompts, progress.

A pathway page is generated from its YAML file. Its fields are plain text,
shown as written, except those declared Markdown (see ``safe.py``), which
render without raw HTML, attribute lists or unsafe links. Prompts carry the
same ids as on their module page, so a reader's journal answer is the same
wherever they write it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..core.pathways import Pathway
from ..core.site import Site
from .downloads import DOWNLOADS_SLOT
from .reflection import journal_notice, prompt_html
from .safe import field_html
from .safe import html_text as escape
from .safe import markdown_text as inert

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
        f"# {inert(pathway.title)}", "",
        f'<div class="pathway no-glossary" data-pathway="{escape(pathway.id)}" '
        f'data-pathway-title="{escape(pathway.title)}" data-layer="{escape(pathway.layer)}" markdown>', "",
        f"**Who it is for.** {inert(pathway.audience)}", "",
    ]
    if pathway.introduction:
        parts += [field_html("pathway", "introduction", pathway.introduction), ""]
    parts += [
        f"**Time:** about {pathway.minutes} minutes in {steps} steps"
        + (f", for {inert(layer.name.lower())}" if layer else "") + ".", "",
        *([DOWNLOADS_SLOT, ""] if downloads else []),
        '<p class="pathway-progress" aria-live="polite"></p>', "",
        journal_notice(url_for(site.paths.journal_page)), "",
    ]
    for number, step in enumerate(pathway.steps, 1):
        module = site.module(step.module)
        prompts = [site.prompts[p] for p in step.prompts]
        parts += [
            f'<div class="pathway-step" data-step="{escape(step.module)}" markdown>', "",
            f"## Step {number}: {inert(module.title)} {{ #step-{number} }}", "",
            f'<p class="step-meta"><a href="{escape(url_for(module.src))}">Read the module</a> '
            f"· about {step.minutes} minutes</p>", "",
            '<div class="step-focus">', field_html("pathway", "steps.focus", "**Focus.** " + step.focus),
            "</div>", "",
            '<ol class="prompts">',
            *(prompt_html(p, module_title=module.title) for p in prompts),
            "</ol>", "", "</div>", "",
        ]
    parts += ["## Taking it further { #taking-it-further }", "",
              field_html("pathway", "closing", pathway.closing), "", "</div>", ""]
    return "\n".join(parts)


def pathways_table(site: Site, url_for: Callable[[str], str]) -> str:
    """A Markdown table of every pathway, for the pathways index."""
    rows = ["| Pathway | For | Steps | Time |", "|---|---|---|---|"]
    for pathway in site.pathways:
        layer = next((lay.name for lay in site.framework.layers if lay.id == pathway.layer), pathway.layer)
        link = f'<a href="{escape(url_for(pathway_src(pathway)))}?layer={escape(pathway.layer)}">' \
               f"{inert(pathway.title)}</a>"
        rows.append(f"| {link} | {inert(layer)} | {len(pathway.steps)} | about {pathway.minutes} minutes |")
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
