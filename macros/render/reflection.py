"""The "Reflect" section of a module page: a lens and prompts for every layer.

Every layer's block is in the HTML, so without JavaScript a reader sees them
all; the layer script puts the reader's chosen layer first, folds the others
and adds the private journal next to each prompt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from ..core.framework import Layer
from ..core.prompts import ModuleReflection, Prompt
from .safe import markdown_text as inert

#: Beside a prompt that asks readers to recall harm (``care: true`` in the module's front matter).
CARE_NOTE = (
    "Go gently with this question: it may bring back times when a young person faced harm, or "
    "moments that were hard for you. You can skip it, today or altogether. If it stirs something "
    "up, you might talk it over in supervision, with a colleague you trust, or through the support "
    "your organisation offers."
)
#: At the start of a course handout that includes such a prompt.
COURSE_CARE_NOTE = (
    "Some prompts in this course ask people to think back to times when young people faced harm. "
    "Anyone may pass on any prompt, without saying why, and nobody needs to share more than they "
    "choose. If something is hard to hear or to say, a break, supervision or a colleague you trust "
    "can help afterwards."
)

JOURNAL_NOTICE = (
    "Your answers are saved only in this browser, never sent anywhere. Do not write names or "
    "details that could identify a young person, family or colleague. See and export them all "
    "in your journal."
)


def prompt_html(prompt: Prompt, tag: str = "li", module_title: str = "",
                replaces: Sequence[str] = ()) -> str:
    """One prompt, with the attributes the journal and tests rely on.

    A prompt that asks readers to recall harm carries its care note after the
    question (the journal reads the question from the element's first text).
    ``replaces`` names the retired prompt ids whose answers now belong here
    (``module-ids.yml``): readers' answers are stored under prompt ids, so the
    journal moves an answer kept under one of them to this prompt.
    """
    title = f' data-module-title="{escape(module_title)}"' if module_title else ""
    if replaces:
        title += f' data-replaces="{escape(" ".join(sorted(replaces)))}"'
    care = f' <span class="care-note">{escape(CARE_NOTE)}</span>' if prompt.care else ""
    return (f'<{tag} class="prompt" id="{escape(prompt.id)}" data-layer="{escape(prompt.layer)}" '
            f'data-module="{escape(prompt.module)}"{title}>{escape(prompt.text)}{care}</{tag}>')


def journal_notice(journal_url: str) -> str:
    """Shown by the script only where answers can be written (hidden without JavaScript)."""
    return (f'<p class="journal-notice" hidden>{escape(JOURNAL_NOTICE)} '
            f'<a href="{escape(journal_url)}">Open your journal</a>.</p>')


def lens_markdown(reflection: ModuleReflection, layers: tuple[Layer, ...]) -> str:
    """"What this means for you", near the top of a module page: one short paragraph per layer.

    Without JavaScript every layer's paragraph shows, each labelled with who it
    is for. The lens script shows only the reader's layer, names it in the
    heading ("What this means for you as a manager") and adds the "Reading
    as: manager · change" switcher, built from each paragraph's data.
    """
    parts = ['<section class="lens-block no-glossary" aria-labelledby="what-this-means-for-you" markdown>',
             "", "## What this means for you { #what-this-means-for-you }", ""]
    for layer in layers:
        if layer.id not in reflection.lens:
            continue
        level = f" ({escape(layer.level)})" if layer.level else ""
        parts += [f'<p class="lens" data-layer="{escape(layer.id)}" data-role="{escape(layer.role)}" '
                  f'data-choice="{escape(layer.choice)}"><strong class="lens__who">{escape(layer.name)}'
                  f"{level}.</strong> {escape(reflection.lens[layer.id], quote=False)}</p>", ""]
    parts += ["</section>", ""]
    return "\n".join(parts)


def reflection_markdown(reflection: ModuleReflection, layers: tuple[Layer, ...], journal_url: str,
                        module_title: str = "", redirects: Mapping[str, str] | None = None) -> str:
    """Markdown (with raw HTML blocks) for the prompts after the authors' text, by layer;
    ``redirects`` (retired prompt id -> its replacement) marks what each prompt replaces."""
    replaced: dict[str, list[str]] = {}
    for old, new in (redirects or {}).items():
        replaced.setdefault(new, []).append(old)
    title = f' data-module-title="{escape(module_title)}"' if module_title else ""
    parts = ["## Reflect on this module { #reflect }", "",
             f'<div class="reflect no-glossary"{title} markdown>', "", journal_notice(journal_url), ""]
    for layer in layers:
        parts += [
            f'<div class="layer-lens" data-layer="{escape(layer.id)}" markdown>', "",
            f"### For {inert(layer.name.lower())} {{ #reflect-{layer.id} }}", "",
            '<ol class="prompts">',
            *(prompt_html(p, replaces=replaced.get(p.id, ())) for p in reflection.for_layer(layer.id)),
            "</ol>", "", "</div>", "",
        ]
    parts += ["</div>", ""]
    return "\n".join(parts)
