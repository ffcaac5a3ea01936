"""Plain text from YAML sources, made safe and split into paragraphs."""

from __future__ import annotations

import re
from html import escape


def paragraphs(text: str) -> str:
    """Escaped Markdown paragraphs from a YAML text.

    A literal block (``|``) separates paragraphs with blank lines and may wrap
    lines; a folded block (``>``) leaves one newline between paragraphs.
    """
    text = text.strip()
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return "\n\n".join(escape(" ".join(part.split()), quote=False) for part in parts if part.strip())
