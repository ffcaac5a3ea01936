"""Sources that are unusual but right are accepted: non-Latin text, BOM, CRLF.

And markup in sources is shown as text, never run: a <script> in a definition,
a prompt or a BibTeX field reaches the page escaped.
"""

import dataclasses
from pathlib import Path

from macros.checks import check_sources
from macros.core.bibliography import load_bibliography
from macros.render.bibliography_html import format_references
from macros.render.glossary_page import glossary_markdown

VALID = Path(__file__).resolve().parent.parent / "fixtures" / "valid"


def test_non_latin_terms_are_read_and_found():
    result = check_sources(VALID / "non-latin")
    assert result.problems == ()
    agape = result.site.term("agape")
    assert agape.term == "Ἀγάπη" and "共鳴" in agape.names
    assert [place.src for place in result.term_index["agape"]] == ["article/m.md"]


def test_bom_and_crlf_sources_read_cleanly():
    # The fixture's module and bib start with a byte-order mark and use CRLF.
    raw = (VALID / "non-latin" / "references.bib").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert check_sources(VALID / "non-latin").problems == ()


def test_script_in_a_definition_is_text(tmp_path):
    result = check_sources(VALID / "non-latin")
    term = result.site.term("agape")
    evil = dataclasses.replace(term, definition="A <script>alert(1)</script> here.")
    site = dataclasses.replace(result.site, terms=(evil,))
    markdown = glossary_markdown(site)
    assert "<script>" not in markdown and "&lt;script>" in markdown


def test_script_in_a_bib_field_is_text(tmp_path):
    file = tmp_path / "refs.bib"
    file.write_text("@book{x2020, author = {X, Y.}, title = {<script>alert(1)</script>}, "
                    "publisher = {P}, year = {2020}}", encoding="utf-8")
    html = format_references(load_bibliography(file)[0])["x2020"]
    assert "<script>" not in html and "&lt;script&gt;" in html
