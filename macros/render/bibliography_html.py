"""Formatting bibliography entries to HTML with the Harvard style, once per site."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from pybtex.backends.html import Backend

from ..core.bibliography import Bibliography
from ..core.harvard import HarvardStyle

_PROTECTED_RE = re.compile(r'<span class="bibtex-protected">(.*?)</span>', re.DOTALL)


def format_references(bibliography: Bibliography) -> Mapping[str, str]:
    """Every entry's formatted reference as an HTML fragment, by key."""
    style = HarvardStyle()
    backend = Backend()
    formatted = {}
    for key, ref in bibliography.references.items():
        html = style.format_entry(key, ref.entry).text.render(backend)
        # Braces in titles only protect case; they carry no meaning for readers.
        html = _PROTECTED_RE.sub(r"\1", html).replace("\n", " ")
        formatted[key] = html
    return MappingProxyType(formatted)
