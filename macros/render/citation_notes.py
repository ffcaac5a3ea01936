"""The editorial notes' table of citations the text writes differently from their entry.

One row per work, with the element id the citations' "note" marks link to
(``cite-KEY``): where the text cites it, the words it uses, the entry as the
reference list gives it, and the entry's note. Made from the pages and the
bibliography, so it lists exactly the citations that carry a mark.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..core.citation_notes import NOTE_ANCHOR, differences, note_of
from ..core.pages import CitationUse, Page, citation_uses
from ..core.site import Site


def _uses(site: Site) -> list[tuple[CitationUse, Page]]:
    """Every citation with the page it is shown on; glossary definitions are on the glossary page."""
    found = [(use, page) for page in site.pages for use in page.citations]
    glossary = site.page(site.paths.glossary_page)
    if glossary is not None:
        for term in site.terms:
            uses, _problems = citation_uses(term.definition, term.path, term.definition_line - 1)
            found.extend((use, glossary) for use in uses)
    return found


def citation_notes_html(site: Site, url_for: Callable[[str], str]) -> str:
    """An HTML table, one row per work the text names differently from its entry."""
    found = _uses(site)
    page_of = dict(found)  # a use is one place on one page
    rows = []
    for key, uses in differences(page_of, site.references).items():
        places = dict.fromkeys(page_of[use] for use in uses)
        where = ", ".join(f'<a href="{escape(url_for(page.src))}">{escape(page.title)}</a>'
                          for page in places)
        written = "; ".join(f"‘{escape(text)}’" for text in dict.fromkeys(use.written for use in uses))
        entry = (f'<a href="{escape(url_for("references.md"))}#{escape(key)}">'
                 f"{escape(str(site.labels[key]))}</a>")
        rows.append(f'<tr id="{escape(NOTE_ANCHOR.format(key=key))}"><td>{where}</td><td>{written}</td>'
                    f"<td>{entry}</td><td>{escape(note_of(site.references[key]))}</td></tr>")
    head = ('<thead><tr><th scope="col">Where</th><th scope="col">The text writes</th>'
            '<th scope="col">Reference list entry</th><th scope="col">Note</th></tr></thead>')
    # No class on the table: Material styles (and scrolls) class-less tables like Markdown ones.
    return (f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            f'<table>{head}<tbody>{"".join(rows)}</tbody></table></div></div>')
