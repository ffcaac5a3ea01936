"""Pages for pathways: who it is for, the time, and the steps in short sittings.

A pathway page is generated from its YAML file. Its fields are plain text,
shown as written, except those declared Markdown (see ``safe.py``), which
render without raw HTML, attribute lists or unsafe links.

The page is a plan, not a place to write: each sitting is a short section
with its steps (a link to each module, its time, what to focus on and the
prompts it asks about) and one "Start" link to its first step. The answer
boxes are on the module pages, next to the text the prompts ask about; the
prompts here carry the same ids, so the journal can say which are answered.
Without JavaScript every step is still linked, in order; the script adds
"Done" ticks, the progress count, and points each "Start" at the first step
not yet done.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..core.pathways import Pathway, Sitting, Step
from ..core.site import Site
from .downloads import DOWNLOADS_SLOT
from .reflection import journal_notice
from .safe import field_html
from .safe import html_text as escape
from .safe import markdown_text as inert
from .time_text import minutes, step_time_text

PATHWAYS_FOLDER = "pathways"


def pathway_src(pathway: Pathway) -> str:
    """Docs-relative path of the generated page."""
    return f"{PATHWAYS_FOLDER}/{pathway.id}.md"


def step_href(url_for: Callable[[str], str], site: Site, pathway: Pathway, step: Step) -> str:
    """A step's module page, opened as part of the pathway (so its pathway bar shows)."""
    return f"{url_for(site.module(step.module).src)}?pathway={pathway.id}"


def summary_text(site: Site, pathway: Pathway) -> str:
    """``About 69 minutes: 10 steps in 5 sittings``."""
    steps, sittings = len(pathway.steps), len(pathway.sittings)
    return (f"About {minutes(site.pathway_minutes(pathway))}: {steps} step{'s' * (steps != 1)} "
            f"in {sittings} sitting{'s' * (sittings != 1)}")


def pathway_markdown(site: Site, pathway: Pathway, url_for: Callable[[str], str],
                     downloads: bool = False) -> str:
    """The page's Markdown source, front matter included; ``url_for`` maps a docs path to a link.

    ``downloads``: leave the slot that packaging fills with this pathway's packages.
    """
    first = step_href(url_for, site, pathway, pathway.steps[0])
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
        f'<p class="pathway-summary"><strong>{escape(summary_text(site, pathway))}</strong> '
        f"of up to about 15 minutes each. Your progress and answers are kept only in this "
        f"browser.</p>", "",
        '<p class="pathway-progress" aria-live="polite" hidden></p>', "",
        f'<p class="pathway-start no-print"><a class="md-button md-button--primary" data-pathway-start '
        f'href="{escape(first)}">Start with step 1</a></p>', "",
        *([DOWNLOADS_SLOT, ""] if downloads else []),
    ]
    number = 1
    for index, sitting in enumerate(pathway.sittings, 1):
        parts += _sitting(site, pathway, sitting, index, number, url_for)
        number += len(sitting.steps)
    parts += ["## Taking it further { #taking-it-further }", "",
              field_html("pathway", "closing", pathway.closing), "",
              journal_notice(url_for(site.paths.journal_page)), "", "</div>", ""]
    return "\n".join(parts)


def _sitting(site: Site, pathway: Pathway, sitting: Sitting, index: int, first_number: int,
             url_for: Callable[[str], str]) -> list[str]:
    """One sitting: its heading and time, its steps, and one link to start it."""
    total = sum(site.step_time(step).minutes for step in sitting.steps)
    last = first_number + len(sitting.steps) - 1
    which = f"step {first_number}" if last == first_number else (
        f"steps {first_number} and {last}" if last == first_number + 1 else f"steps {first_number} to {last}")
    parts = [
        f'<section class="pathway-sitting" data-sitting="{index}" markdown>', "",
        f"## Sitting {index}: {inert(sitting.title)} {{ #sitting-{index} }}", "",
        f'<p class="sitting-meta">About {escape(minutes(total))} · {escape(which)}</p>', "",
        f'<ol class="pathway-steps" start="{first_number}">',
    ]
    for number, step in enumerate(sitting.steps, first_number):
        parts.append(_step(site, pathway, step, number, url_for))
    parts += [
        "</ol>", "",
        f'<p class="sitting-start no-print"><a class="md-button" data-sitting-start '
        f'href="{escape(step_href(url_for, site, pathway, sitting.steps[0]))}">Start sitting {index}</a>'
        f'<span class="sitting-done" hidden>All done</span></p>', "",
        "</section>", "",
    ]
    return parts


def _step(site: Site, pathway: Pathway, step: Step, number: int, url_for: Callable[[str], str]) -> str:
    """One step: the module, its time, and (folded) what to focus on and the prompts."""
    module = site.module(step.module)
    prompts = [site.prompts[prompt_id] for prompt_id in step.prompts]
    time = step_time_text(site.step_time(step))
    reason = (f' <span class="step-reason">({escape(step.minutes_reason)})</span>'
              if step.minutes_reason else "")
    asks = "".join(
        f'<li class="prompt" id="{escape(p.id)}" data-layer="{escape(p.layer)}" '
        f'data-module="{escape(p.module)}">{escape(p.text)}</li>' for p in prompts)
    these = "this prompt" if len(prompts) == 1 else "these prompts"
    prompts_html = (f'<p class="step-prompts-intro">On the module\'s page you can reflect on {these}:</p>'
                    f'<ul class="prompts">{asks}</ul>') if prompts else ""
    return (
        f'<li class="pathway-step" id="step-{number}" data-step="{escape(step.module)}">'
        f'<div class="pathway-step__head"><p class="pathway-step__title">'
        f'<a href="{escape(step_href(url_for, site, pathway, step))}">{escape(module.title)}</a></p></div>'
        f'<p class="step-meta">{escape(time)}{reason}</p>'
        f'<details class="pathway-step__more"><summary>What to focus on</summary>'
        f'<div class="step-focus">{field_html("pathway", "sittings.steps.focus", step.focus)}</div>'
        f"{prompts_html}</details></li>"
    )


def pathways_table(site: Site, url_for: Callable[[str], str]) -> str:
    """A Markdown table of every pathway, for the pathways index."""
    rows = ["| Pathway | For | Time |", "|---|---|---|"]
    for pathway in site.pathways:
        layer = next((lay.name for lay in site.framework.layers if lay.id == pathway.layer), pathway.layer)
        link = f'<a href="{escape(url_for(pathway_src(pathway)))}?layer={escape(pathway.layer)}">' \
               f"{inert(pathway.title)}</a>"
        rows.append(f"| {link} | {inert(layer)} | {escape(summary_text(site, pathway))} |")
    return "\n".join(rows)


def layer_choice(site: Site, url_for: Callable[[str], str], read: tuple[str, str, str] | None = None) -> str:
    """The home page's one way to start: a choice of role in the reader's own words.

    Each opens that layer's pathway and sets the reader's layer (``?layer=``);
    ``read`` adds a last choice for reading without a pathway: (words, docs
    path, what it is).
    """
    items = []
    for layer in site.framework.layers:
        pathway = next((p for p in site.pathways if p.layer == layer.id), None)
        if pathway is None:
            continue
        href = f"{url_for(pathway_src(pathway))}?layer={layer.id}"
        sittings = len(pathway.sittings)
        detail = (f"{sittings} short sitting{'s' * (sittings != 1)}, "
                  f"about {minutes(site.pathway_minutes(pathway))} in all")
        items.append(_choice(href, layer.choice, detail, f' data-layer-choice="{escape(layer.id)}"'))
    if read:
        words, target, detail = read
        items.append(_choice(url_for(target), words, detail, ' data-read-choice'))
    return '<ul class="layer-choice">\n' + "\n".join(items) + "\n</ul>"


def _choice(href: str, words: str, detail: str, data: str) -> str:
    return (f'<li><a class="layer-choice__link" href="{escape(href)}"{data}>'
            f'<span class="layer-choice__words">{escape(words)}</span>'
            f'<span class="layer-choice__detail">{escape(detail)}</span></a></li>')
