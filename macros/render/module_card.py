"""The module card: the facts a trainer needs about a module, on its own page.

Filled in once the page has been rendered (the terms it uses are known only
then), from the same record as ``modules.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from .time_text import module_time_text, reflection_rule

CARD_SLOT = '<div class="module-card-slot" data-module-card="{id}"></div>'


def card_html(record: Mapping[str, Any], layer_names: Mapping[str, str],
              glossary_url: str, references_url: str, self_url: str) -> str:
    """HTML of the card, with links relative to the module's own page.

    The permanent link shows the module's address (in full when the site has
    one) and leads to it; ``self_url`` is the page as seen from itself, used
    when the address is not a full one (``attunement.html`` in the offline
    copy, never ``./``, which a browser opened from files shows as a folder).
    """
    href = record["url"] if record["url"].startswith(("http://", "https://")) else self_url
    terms = ", ".join(f'<a href="{escape(glossary_url)}#{escape(t["id"])}">{escape(t["term"])}</a>'
                      for t in record["terms"]) or "none"
    refs = "; ".join(f'<a href="{escape(references_url)}#{escape(r["key"])}">{escape(r["label"])}</a>'
                     for r in record["references"]) or "none"
    reflection = record["reflection_minutes"]
    by_layer = ", ".join(f"{layer_names.get(layer, layer).lower()} {value}"
                         for layer, value in reflection.items())
    time = escape(module_time_text(record["reading_minutes"], reflection)) + (
        f" ({escape(reflection_rule())}: {escape(by_layer)})" if reflection else "")
    prompts = ", ".join(f'<a href="#reflect-{escape(layer)}">{escape(layer_names.get(layer, layer))}: '
                        f"{len(items)}</a>" for layer, items in record["prompts"].items())
    rows = [
        ("Module id", f'<code>{escape(record["id"])}</code>'),
        ("Permanent link", f'<a class="permalink" href="{escape(href)}">{escape(record["url"])}</a>'),
        ("Time", time),
        ("Glossary terms", terms),
        ("Works cited", refs),
        ("Reflection prompts", prompts),
        ("How to cite this module", f'<span class="module-cite">{escape(record["cite"])}</span>'),
    ]
    body = "".join(f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in rows)
    return (f'<details class="module-card no-glossary"><summary>About this module (for trainers)</summary>'
            f'<table class="module-card-table"><tbody>{body}</tbody></table></details>')


def fill_card(html: str, module_id: str, card: str) -> str:
    return html.replace(CARD_SLOT.format(id=module_id), card)
