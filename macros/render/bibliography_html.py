"""Formatting bibliography entries to HTML with the Harvard style, once per site.

pybtex's formatting is the slowest step of a build, and its result depends
only on the ``.bib`` text and the style's code; so the formatted entries are
kept in a small cache keyed by a hash of both, and recomputed when either
changes. They are kept in Harvard order (the order of the references page),
which needs titles as plain text: with a warm cache a build never loads
pybtex's formatting or its LaTeX decoder. A process that builds again
(``make serve``) also keeps each entry's reference, so an edit to one entry
formats that entry alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pybtex
from markupsafe import escape

from ..core import cachefile
from ..core.bibliography import Bibliography, Reference
from ..core.labels import sort_key
from .safe import clean_html

_CORE = Path(__file__).resolve().parent.parent / "core"
# The style's and the order's code, read once as this process loaded it (see
# macros/core/site_cache.py: `mkdocs serve` does not reload edited modules).
_STYLE_CODE = tuple(path.read_bytes() for path in (_CORE / "harvard.py", _CORE / "labels.py", Path(__file__),
                                                   Path(__file__).with_name("safe.py")))
_PROTECTED_RE = re.compile(r'<span class="bibtex-protected">(.*?)</span>', re.DOTALL)


def _backend():
    """pybtex's HTML backend, with link addresses escaped as attribute values.

    pybtex writes ``<a href="URL">`` as it is; a URL with a quote would end the
    attribute (the check rejects such a URL, and this makes it harmless anyway).
    """
    from pybtex.backends.html import Backend

    class AttributeSafeBackend(Backend):
        @staticmethod
        def format_href(url, text, external=False):
            return Backend.format_href(escape(url), text, external)

    return AttributeSafeBackend()


#: Each entry's formatted reference, by what the entry holds, as this process formatted it
#: last: after an edit to the .bib under `make serve`, only the entries that changed are
#: formatted again (an entry's reference depends on nothing but the entry and the style).
_formatted_entries: dict[tuple, str] = {}


def _entry_key(ref: Reference) -> tuple:
    entry = ref.entry
    return (ref.key, entry.type, tuple(entry.fields.items()),
            tuple((role, tuple(map(str, persons))) for role, persons in entry.persons.items()))


def _format(bibliography: Bibliography) -> dict[str, str]:
    # Imported here: with a warm cache a build never loads pybtex's formatting.
    from ..core.harvard import HarvardStyle

    style = HarvardStyle()
    backend = _backend()
    formatted, kept = {}, {}
    for ref in sorted(bibliography.references.values(), key=sort_key):
        key = _entry_key(ref)
        html = _formatted_entries.get(key)
        if html is None:
            html = style.format_entry(ref.key, ref.entry).text.render(backend)
            # Braces in titles only protect case; they carry no meaning for readers.
            html = _PROTECTED_RE.sub(r"\1", html).replace("\n", " ")
            # Every field is plain text; what reaches the page is checked against the allow-list.
            html = str(clean_html(html))
        formatted[ref.key] = kept[key] = html
    _formatted_entries.clear()
    _formatted_entries.update(kept)
    return formatted


def _cache_name(bib_text: str) -> str:
    return cachefile.keyed_name("references", ".json", [
        bib_text.encode("utf-8"), *_STYLE_CODE,
        pybtex.__version__.encode()])


def format_references(bibliography: Bibliography, cache_dir: Path | None = None) -> Mapping[str, str]:
    """Every entry's formatted reference as an HTML fragment, by key, in Harvard order.

    With ``cache_dir``, a previous result for the same ``.bib`` text and style
    is reused.
    """
    if cache_dir is None:
        return MappingProxyType(_format(bibliography))
    name = _cache_name(bibliography.text)
    try:
        cached = json.loads((cache_dir / name).read_text(encoding="utf-8"))
        if set(cached) == set(bibliography.references):
            return MappingProxyType(cached)
    except (OSError, ValueError):
        pass
    formatted = _format(bibliography)
    cachefile.replace(cache_dir, name, json.dumps(formatted, ensure_ascii=False).encode("utf-8"))
    return MappingProxyType(formatted)
