"""The parts of a course handout and facilitator plan, shared by every kind of course.

A course from ``courses/`` (its page is the facilitator plan, with a
participant handout beside it) and a course made in the browser's course
builder (whose handout page holds every module's part, and shows the ones
picked) print the same blocks: for each module its objectives, key points,
permanent address and the authors' text; the prompts with room to write; and,
for the facilitator, the lens of each role the prompts are for and a note of
care beside prompts that recall harm.

The authors' text is the module page's own, rendered once by the build: a
block holds a slot for it, filled once every page is rendered
(:func:`fill_authors_text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import unescape
from urllib.parse import urlsplit

from ..core.framework import Layer
from ..core.pages import Page
from ..core.prompts import Prompt
from ..core.urls import page_url, url_between
from .authors_text import authors_text_html
from .modules_data import module_url
from .print_address import print_address_html
from .reflection import prompt_html
from .safe import html_text as escape

TEXT_SLOT = '<div class="handout-text-slot" data-module-src="{src}"></div>'
_SLOT_MARK = TEXT_SLOT.partition(" data-")[0]
_TEXT_SLOT_RE = re.compile(re.escape(TEXT_SLOT).replace(re.escape("{src}"), '(?P<src>[^"]*)'))

#: Beside a prompt that recalls harm, in a facilitator plan (the reader's own note stays with the prompt).
FACILITATOR_CARE_NOTE = (
    "For the facilitator: this prompt may bring back times when a young person faced harm. Say in the "
    "room that anyone may pass, without saying why, and leave time after it for a break or a quieter moment."
)


def module_block(page: Page, url_for: Callable[[str], str], base_url: str = "", level: int = 3,
                 text_open: bool = True) -> str:
    """One module: title, permanent address, objectives, key points, then the authors' text.

    ``base_url`` is the site's public address (for the address in full and its
    QR code); ``text_open`` shows the text at once, otherwise it is folded on
    screen (it always prints).
    """
    address = module_url(page, base_url)
    href = address if urlsplit(address).scheme else url_for(page.src)
    objectives = "".join(f"<li>{escape(o)}</li>" for o in page.meta.get("objectives", []))
    points = "".join(f"<li>{escape(p)}</li>" for p in page.meta.get("key_points", []))
    text = TEXT_SLOT.format(src=escape(page.src))
    label = "The authors’ text, as they wrote it"
    fold = (f'<div class="handout-text"><p class="handout-label">{label}:</p>{text}</div>' if text_open else
            f'<details class="handout-text"><summary>{label}</summary>{text}</details>')
    return "".join([
        f'<div class="handout-module" data-module="{escape(page.module)}">',
        f"<h{level}>{escape(page.title)}</h{level}>",
        str(print_address_html(href, address, "Read it online", screen=True)),
        f'<p class="handout-label">After reading this module you will be able to:</p><ul>{objectives}</ul>'
        if objectives else "",
        f'<p class="handout-label">Key points (this edition’s summary):</p><ul>{points}</ul>'
        if points else "",
        fold,
        "</div>",
    ])


def lenses_html(page: Page, layers: Iterable[Layer]) -> str:
    """What the module means for each of ``layers``, as the module page words it (for a plan)."""
    lens = page.reflection.lens if page.reflection else {}
    items = [f'<p class="lens handout-lens" data-layer="{escape(layer.id)}"><strong>What this means for '
             f"{escape(layer.name.lower())}.</strong> {escape(lens[layer.id])}</p>"
             for layer in layers if layer.id in lens]
    return "".join(items)


def prompts_html(prompts: Sequence[Prompt], module_titles: Mapping[str, str], facilitator: bool) -> str:
    """The prompts with room to write; in a plan, a note for the facilitator beside those that recall harm."""
    if not prompts:
        return ""
    items = []
    for prompt in prompts:
        item = prompt_html(prompt, module_title=module_titles.get(prompt.module, ""))
        if facilitator and prompt.care:
            item = item.removesuffix("</li>") + (f' <span class="facilitator-note">'
                                                 f"{escape(FACILITATOR_CARE_NOTE)}</span></li>")
        items.append(item)
    return '<ol class="prompts">' + "".join(items) + "</ol>"


def layers_of(prompts: Iterable[Prompt], layers: Sequence[Layer]) -> tuple[Layer, ...]:
    """The layers the prompts are written for, in the framework's order."""
    wanted = {prompt.layer for prompt in prompts}
    return tuple(layer for layer in layers if layer.id in wanted)


def fill_authors_text(html: str, this_src: str, contents: Mapping[str, str],
                      directory_urls: bool = True) -> str:
    """Every text slot on the page at ``this_src`` filled with its module's rendered text.

    ``contents`` are the rendered module pages by source path. The page is
    scanned once for slots, whatever the number of modules: this runs on
    every page, and a scan per module made the build grow with pages times
    modules (issue #18).
    """
    here = page_url(this_src, directory_urls)
    filled: dict[str, str] = {}

    def url_for(path: str, fragment: str) -> str:
        return url_between(here, path) + (f"#{fragment}" if fragment else "")

    def fill(slot: re.Match[str]) -> str:
        src = unescape(slot["src"])
        if src not in contents or TEXT_SLOT.format(src=escape(src)) != slot[0]:
            return slot[0]
        if src not in filled:
            text = authors_text_html(contents[src], src, url_for, directory_urls)
            filled[src] = f'<div class="handout-text__body">{text}</div>'
        return filled[src]

    return _TEXT_SLOT_RE.sub(fill, html) if _SLOT_MARK in html else html
