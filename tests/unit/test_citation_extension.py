"""The citation extension: Markdown in, HTML out."""

import markdown
import pytest

from macros.extensions.citations import CitationExtension, CitationTarget

TARGETS = {
    "rosa2019": CitationTarget("Rosa", "2019", "Rosa, H. (2019) <em>Resonance</em>.", frozenset({"Rosa"})),
    "owens2023": CitationTarget("Owens and Lloyd", "2023", "Owens, R. and Lloyd, J. (2023) ‘From…’",
                                frozenset({"Owens and Lloyd", "Owens & Lloyd"})),
    "brierley2021": CitationTarget("Brierley", "2021", "Brierley, A. (2021) <em>Connecting</em>.",
                                   frozenset({"Brierley"}), "The text writes ‘Brierly’."),
}


def render(text, **config):
    config.setdefault("targets", TARGETS)
    config.setdefault("page_path", "article/resonance.md")
    return markdown.markdown(text, extensions=[CitationExtension(**config)])


def test_parenthetical_renders_author_year_link():
    html = render("Resonance [@rosa2019].")
    assert ('(<a class="citation" data-cite="rosa2019" href="../../references/#rosa2019">'
            'Rosa 2019</a>)') in html


def test_locator_and_several_works():
    html = render("[@rosa2019, p184; @owens2023]")
    assert ">Rosa 2019, p184</a>; <a" in html
    assert ">Owens and Lloyd 2023</a>)" in html


def test_narrative_and_year_only():
    html = render("@owens2023 argue; Rosa [-@rosa2019, p184] too.")
    assert ">Owens and Lloyd (2023)</a>" in html
    assert "(<a" in html and ">2019, p184</a>)" in html


def test_href_is_relative_to_the_page():
    assert 'href="references/#rosa2019"' in render("[@rosa2019]", page_path="index.md")
    assert 'href="references.html#rosa2019"' in render(
        "[@rosa2019]", page_path="index.md", directory_urls=False)


def test_source_links_for_engines_that_rewrite_them():
    html = render("[@rosa2019]", link_to_source=True)
    assert 'href="../references.md#rosa2019"' in html


def test_page_lists_the_works_it_cites_once_in_order():
    html = render("[@owens2023] then [@rosa2019] and [@owens2023].")
    tail = html.split('<section class="page-references">')[1]
    assert tail.index('data-ref="owens2023"') < tail.index('data-ref="rosa2019"')
    assert tail.count('data-ref="owens2023"') == 1
    assert "<em>Resonance</em>" in tail


def test_no_page_list_without_citations():
    assert "page-references" not in render("No citations here.")


def test_unknown_key_is_visible_not_silent():
    html = render("[@rosa2091]")
    assert 'class="citation citation-unknown"' in html and "?rosa2091" in html


def test_code_and_links_are_left_alone():
    html = render("`[@rosa2019]` and [@rosa2019](https://example.org)")
    assert "citation" not in html.split("page-references")[0].replace("citation-", "")


@pytest.mark.parametrize("text", ["[@rosa2019]", "@rosa2019"])
def test_state_is_reset_between_pages(text):
    ext = CitationExtension(targets=TARGETS)
    md = markdown.Markdown(extensions=[ext])
    md.convert(text)
    md.reset()
    assert "page-references" not in md.convert("plain text")


def test_as_written_shows_the_sources_words():
    html = render("As ([Owens & Lloyd, 2023](@owens2023)) argue.")
    assert ('(<span class="citation-group"><a class="citation" data-cite="owens2023" '
            'href="../../references/#owens2023">Owens &amp; Lloyd, 2023</a></span>)') in html
    assert "citation-note" not in html  # the same authors and year: nothing to explain


def test_as_written_that_differs_carries_a_note_mark():
    html = render("tune in ([Brierly 2021](@brierley2021)), and")
    assert '>Brierly 2021</a><sup class="citation-note-mark"><a class="citation-note"' in html
    assert 'href="../../editorial-notes/#cite-brierley2021"' in html
    assert 'title="Editorial note. The text writes ‘Brierly’."' in html


def test_a_different_year_carries_a_note_mark():
    assert "citation-note" in render("([Rosa 2020](@rosa2019))")
    assert "citation-note" not in render("Rosa ([2019, p184](@rosa2019))")


def test_note_mark_links_to_the_notes_source_for_engines_that_check_it():
    html = render("([Brierly 2021](@brierley2021))", link_to_source=True, page_path="glossary.md")
    assert 'href="editorial-notes.md#cite-brierley2021"' in html


def test_as_written_words_and_notes_are_text_not_markup():
    evil = {"k2020": CitationTarget("K", "2020", "", frozenset({"K"}), '"><script>alert(1)</script>')}
    html = render("([<b>K</b> 2021](@k2020))", targets=evil)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;K&lt;/b&gt; 2021" in html and "&lt;script&gt;" in html
