"""The box at the top of a module page: its objectives and key points.

This text is the site's (not the authors'), so it is set apart from the
article in a labelled box; front matter values are plain text, made inert in
the box's Markdown (see ``safe.py``), so they can never inject markup.
"""

from __future__ import annotations

from typing import Any

from .safe import markdown_text as inert


def _items(values: list[Any]) -> str:
    return "\n".join(f"    - {inert(value)}" for value in values)


def module_intro(meta: dict[str, Any]) -> str:
    """Markdown for the "In this module" box and the "Key points" box, or "" for a non-module page.

    Both are open, in the body's text size: on a phone they are the quickest way
    in, and readers should not have to find them. They are two boxes so that
    print (print.css) can put the authors' text straight after the objectives and
    this edition's key points after it; the key points box is a ``summary``, which
    Material draws as it draws ``abstract``.
    """
    if not meta.get("module"):
        return ""
    parts = ['!!! abstract module-intro no-glossary "In this module"', ""]
    if meta.get("objectives"):
        parts += ["    After reading this module you will be able to:", "", _items(meta["objectives"]), ""]
    parts += ["    Objectives and key points are this edition's summary. The text below is the authors', "
              "as they wrote it; editorial notes and the reflection prompts are this edition's.",
              "    { .module-intro__note }", ""]
    if meta.get("key_points"):
        parts += ['!!! summary module-intro module-key-points no-glossary "Key points"', "",
                  _items(meta["key_points"]), ""]
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
