"""The glossary linker: Markdown in, HTML out, one behaviour per test."""

import markdown
import pytest

from macros.core.termmatch import TermMatcher, plurals
from macros.extensions.citations import CitationExtension, CitationTarget
from macros.extensions.glossary import GlossaryExtension, TermTarget

TERMS = {
    "attunement": TermTarget(("attunement", "attune", "attuned", "attuning"),
                             "Connectedness with a young person."),
    "relational-practice": TermTarget(("relational practice",), "A commitment to collaboration."),
    "practice": TermTarget(("practice",), "Doing the work."),
    "agency": TermTarget(("agency",), "A young person's capacity to act."),
}


def render(text, **config):
    config.setdefault("targets", TERMS)
    config.setdefault("page_path", "article/attunement.md")
    ext = GlossaryExtension(**config)
    citations = CitationExtension(targets={"rosa2019": CitationTarget("Rosa", "2019")})
    html = markdown.markdown(text, extensions=["toc", "admonition", citations, ext])
    return html, ext


def links(html):
    return html.count('class="term"')


def test_term_is_linked_with_the_contract_attributes():
    html, _ = render("Attunement matters.")
    assert ('<a class="term" data-term="attunement" href="../../glossary/#attunement" '
            'title="Connectedness with a young person.">Attunement</a>') in html


def test_only_the_first_occurrence_in_a_section_is_linked():
    html, _ = render("# T\n\nattunement and attunement.\n\n## Next\n\nattunement again")
    assert links(html) == 2


@pytest.mark.parametrize("scope, expected", [("page", 1), ("every", 3)])
def test_scope_is_one_setting(scope, expected):
    html, _ = render("# T\n\nattunement and attunement.\n\n## Next\n\nattunement", scope=scope)
    assert links(html) == expected


def test_forms_and_plurals_link_to_their_term():
    html, _ = render("They attuned.\n\n## B\n\nMany practices.")
    assert 'data-term="attunement"' in html and ">attuned</a>" in html
    assert ">practices</a>" in html


def test_longest_match_wins():
    html, _ = render("Good relational practice helps.")
    assert 'data-term="relational-practice"' in html
    assert 'data-term="practice"' not in html


def test_phrase_may_break_across_lines():
    html, _ = render("Good relational\npractice helps.")
    assert 'data-term="relational-practice"' in html


def test_hyphenated_compounds_are_not_terms():
    html, _ = render("A multi-agency board.")
    assert links(html) == 0


@pytest.mark.parametrize("text", [
    "`attunement`",
    "    attunement in code",
    "# Attunement",
    "[attunement](https://example.org)",
    "> attunement in a quotation",
    "!!! note no-glossary\n\n    attunement in a box",
])
def test_never_linked_inside(text):
    html, _ = render(text)
    assert links(html) == 0, html


def test_citations_are_left_alone():
    html, _ = render("[@rosa2019] on agency")
    assert '>Rosa 2019</a>' in html and 'data-term="agency"' in html


def test_not_linked_in_its_own_entry():
    text = '<div data-term-entry="attunement" markdown>\n\nAttunement and agency.\n\n</div>'
    ext = GlossaryExtension(targets=TERMS, page_path="glossary.md")
    html = markdown.markdown(text, extensions=["md_in_html", ext])
    assert 'data-term="attunement"' not in html and 'data-term="agency"' in html
    assert 'href="#agency"' in html


def test_uses_record_every_occurrence_and_its_section():
    _, ext = render("# Top\n\nattunement, attuned.\n\n## Later\n\nattuning")
    sections = [(u.term_id, u.anchor, u.linked) for u in ext.uses]
    assert sections == [("attunement", "top", True), ("attunement", "top", False),
                        ("attunement", "later", True)]


def test_disabled_page_links_nothing():
    html, ext = render("attunement", enabled=False)
    assert links(html) == 0


def test_bad_scope_is_rejected():
    with pytest.raises(ValueError, match="scope"):
        GlossaryExtension(targets=TERMS, scope="sections")


def test_regular_plurals():
    assert plurals("practice") == ["practices"]
    assert plurals("capacity") == ["capacities"]
    assert plurals("approach") == ["approaches"]


def test_matcher_is_case_insensitive_and_whole_word():
    matcher = TermMatcher({"agency": "agency"})
    found = [m.text for m in matcher.finditer("Agency, agencies? no: agencyx, multi-agency")]
    assert found == ["Agency", "agencies"]


def test_words_inside_a_raw_html_link_are_not_linked_again():
    html, ext = render('See <a href="x">relational practice</a>, and agency.')
    assert html.count("<a ") == 2 and 'data-term="agency"' in html
    assert 'data-term="relational-practice"' not in html
