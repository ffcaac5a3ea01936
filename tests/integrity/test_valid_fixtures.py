"""Sources that are unusual but right are accepted: non-Latin text, BOM, CRLF.

And markup in sources is shown as text, never run: a <script> in a definition,
a prompt or a BibTeX field reaches the page escaped.
"""

import dataclasses
import shutil
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
    assert "<script>" not in markdown and "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown


def test_script_in_a_bib_field_is_text(tmp_path):
    file = tmp_path / "refs.bib"
    file.write_text("@book{x2020, author = {X, Y.}, title = {<script>alert(1)</script>}, "
                    "publisher = {P}, year = {2020}}", encoding="utf-8")
    html = format_references(load_bibliography(file)[0])["x2020"]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_script_in_a_citation_note_is_text(tmp_path):
    """A citenote reaches the notes table (and the marks' previews) escaped."""
    from macros.core.site import load_site
    from macros.render.citation_notes import citation_notes_html
    from tests.fixture_tree import BASE

    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    bib = tmp_path / "references.bib"
    note = "citenote = {<script>alert(1)</script> differs}"
    bib.write_text(bib.read_text(encoding="utf-8").replace("year = {2019}", "year = {2019},\n  " + note),
                   encoding="utf-8")
    page = tmp_path / "docs" / "page.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[@rosa2019]", "([Rossa 2019](@rosa2019))"),
                    encoding="utf-8")
    site = load_site(tmp_path)
    assert site.problems == ()
    html = citation_notes_html(site, lambda src: src)
    assert '<tr id="cite-rosa2019">' in html and "‘Rossa 2019’" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; differs" in html
