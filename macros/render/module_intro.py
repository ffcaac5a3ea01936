"""The box at the top of a module page: its id, objectives and key points.

This text is the site's (not the authors'), so it is set apart from the
article in a labelled box; front matter values are plain text, made inert in
the box's Markdown (see ``safe.py``), so they can never inject markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .module_card import CARD_SLOT
from .safe import markdown_text as inert


def _items(values: list[Any]) -> str:
    return "\n".join(f"    - {inert(value)}" for value in values)


def module_intro(meta: dict[str, Any]) -> str:
    """Markdown for the "In this module" box, or "" for a non-module page."""
    if not meta.get("module"):
        return ""
    parts = ['!!! abstract no-glossary "In this module"', ""]
    if meta.get("objectives"):
        parts += ["    After reading this module you will be able to:", "", _items(meta["objectives"]), ""]
    parts += [f"    <small>Module id: `{escape(str(meta['module']))}`. Objectives and key "
              "points are this edition's summary. The text below is the authors', as they wrote it; "
              "editorial notes and the reflection section at the end are this edition's.</small>", ""]
    if meta.get("key_points"):
        # Folded by default so that, on a phone, the authors' text starts on the first screen.
        parts += ['??? info no-glossary "Key points"', "", _items(meta["key_points"]), ""]
    # Filled in when the page has been rendered: see module_card.py.
    parts += [CARD_SLOT.format(id=escape(str(meta["module"]))), ""]
    return "\n".join(parts)


def insert_after_title(markdown: str, block: str) -> str:
    """Put ``block`` after the page's first ``# `` heading (or at the top)."""
    if not block:
        return markdown
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: index + 1] + ["", block] + lines[index + 1:])
    return block + "\n" + markdown
