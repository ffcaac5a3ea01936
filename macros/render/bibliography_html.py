"""Formatting bibliography entries to HTML with the Harvard style, once per site.

pybtex's formatting is the slowest step of a build, and its result depends
only on the ``.bib`` text and the style's code; so the formatted entries are
kept in a small cache keyed by a hash of both, and recomputed when either
changes. They are kept in Harvard order (the order of the references page),
which needs titles as plain text: with a warm cache a build never loads
pybtex's formatting or its LaTeX decoder.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pybtex

from ..core.bibliography import Bibliography
from ..core.labels import sort_key

_CORE = Path(__file__).resolve().parent.parent / "core"
_STYLE_CODE = (_CORE / "harvard.py", _CORE / "labels.py", Path(__file__))  # the style and the order
_PROTECTED_RE = re.compile(r'<span class="bibtex-protected">(.*?)</span>', re.DOTALL)


def _format(bibliography: Bibliography) -> dict[str, str]:
    # Imported here: with a warm cache a build never loads pybtex's formatting.
    from pybtex.backends.html import Backend

    from ..core.harvard import HarvardStyle

    style = HarvardStyle()
    backend = Backend()
    formatted = {}
    for ref in sorted(bibliography.references.values(), key=sort_key):
        html = style.format_entry(ref.key, ref.entry).text.render(backend)
        # Braces in titles only protect case; they carry no meaning for readers.
        formatted[ref.key] = _PROTECTED_RE.sub(r"\1", html).replace("\n", " ")
    return formatted


def _cache_key(bib_text: str) -> str:
    digest = hashlib.sha256(bib_text.encode("utf-8"))
    for source in _STYLE_CODE:
        digest.update(Path(source).read_bytes())
    digest.update(pybtex.__version__.encode())
    return digest.hexdigest()[:32]


def format_references(bibliography: Bibliography, cache_dir: Path | None = None) -> Mapping[str, str]:
    """Every entry's formatted reference as an HTML fragment, by key, in Harvard order.

    With ``cache_dir``, a previous result for the same ``.bib`` text and style
    is reused.
    """
    if cache_dir is None:
        return MappingProxyType(_format(bibliography))
    cache = cache_dir / f"references-{_cache_key(bibliography.text)}.json"
    try:
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if set(cached) == set(bibliography.references):
            return MappingProxyType(cached)
    except (OSError, ValueError):
        pass
    formatted = _format(bibliography)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for old in cache_dir.glob("references-*.json"):
        old.unlink(missing_ok=True)
    # Write then rename, so an interrupted build never leaves half a cache.
    handle, temp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(formatted, out, ensure_ascii=False)
    os.replace(temp, cache)
    return MappingProxyType(formatted)
