"""The references page: every entry in Harvard order, with "Cited in" links.

Entries cited in the text come first; entries the list has but the text never
cites follow under "Further reading". Each entry carries its key as element
id, so ``references/#rosa2019`` always lands on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from ..core.site import Site


def _entry(site: Site, key: str, html: str, url_for: Callable[[str], str]) -> str:
    ref = site.references[key]
    classes = "reference" + (" reference-incomplete" if ref.incomplete else "")
    cited = site.cited_in.get(key, ())
    links = ", ".join(
        f'<a href="{escape(url_for(page.src))}">{escape(page.title)}</a>' for page in cited
    )
    cited_html = f'<br><span class="cited-in">Cited in: {links}</span>' if links else ""
    return f'<li class="{classes}" id="{escape(key)}">{html}{cited_html}</li>'


def references_html(site: Site, formatted: Mapping[str, str],
                    url_for: Callable[[str], str], further_reading: bool = False) -> str:
    """The list of cited works (or of further reading) as an HTML ``<ul>``.

    ``formatted`` is in Harvard order (:func:`..render.bibliography_html.format_references`).
    """
    keys = [key for key in formatted if site.references[key].further_reading == further_reading]
    items = "\n".join(_entry(site, key, formatted[key], url_for) for key in keys)
    return f'<ul class="references">\n{items}\n</ul>'
