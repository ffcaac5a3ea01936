"""The pandoc citation parser: one behaviour per test."""

from macros.core.citekeys import CiteItem, find_citations


def only(text):
    found = list(find_citations(text))
    assert len(found) == 1, found
    return found[0]


def test_parenthetical():
    citation = only("as shown [@rosa2019].")
    assert not citation.narrative
    assert citation.items == (CiteItem("rosa2019"),)


def test_locator_is_kept_verbatim():
    assert only("[@williams2022, p19]").items[0].locator == "p19"
    assert only("[@rosa2019, p. 184]").items[0].locator == "p. 184"


def test_several_works_in_one_bracket():
    keys = [item.key for item in only("[@firmin2024; @lefevre2019]").items]
    assert keys == ["firmin2024", "lefevre2019"]


def test_year_only():
    item = only("Firmin and colleagues [-@firmin2024]").items[0]
    assert item.suppress_author and item.key == "firmin2024"


def test_prefix():
    item = only("[see @rosa2019, ch. 3]").items[0]
    assert (item.prefix, item.key, item.locator) == ("see", "rosa2019", "ch. 3")


def test_narrative_ends_before_punctuation():
    citation = only("as @owens2023. Next")
    assert citation.narrative and citation.items[0].key == "owens2023"


def test_narrative_with_locator():
    citation = only("@holmes2022 [p19] describes")
    assert citation.narrative and citation.items[0].locator == "p19"


def test_email_is_not_a_citation():
    assert list(find_citations("write to someone@example.org")) == []


def test_link_is_not_a_citation():
    assert list(find_citations("[@home](https://example.org)")) == []


def test_code_is_not_read():
    assert list(find_citations("`[@rosa2019]` and\n\n```\n@decorator\n```\n")) == []


def test_offsets_survive_code_blanking():
    text = "`x` then [@rosa2019]"
    citation = only(text)
    assert text[citation.start:citation.end] == "[@rosa2019]"


def test_what_comes_before_decides():
    """The look-behinds: an image, an escaped bracket, a word or a bracket before "@"."""
    assert list(find_citations("![@rosa2019]")) == []  # an image's alt text
    assert list(find_citations(r"\[@rosa2019]")) == []  # an escaped bracket
    assert list(find_citations("word[@rosa2019]")) == []  # glued to a word
    assert list(find_citations(r"\@rosa2019 and x@rosa2019 and @@rosa2019")) == []
    assert only("[@rosa2019]").items[0].key == "rosa2019"  # at the very start
    assert only("@rosa2019 says").narrative
    assert only("(@rosa2019)").narrative


def test_as_written_keeps_the_words_and_the_key():
    citation = only("attuned ([Brierly 2021](@brierley2021)), and")
    assert citation.items == (CiteItem("brierley2021", written="Brierly 2021"),)
    assert not citation.narrative


def test_as_written_may_hold_brackets_and_a_locator():
    citation = only("what [Holmes (2022 p19)](@holmes2022) describes")
    assert citation.items[0].written == "Holmes (2022 p19)"


def test_as_written_needs_words_and_a_key():
    assert list(find_citations("[Rosa 2019](https://example.org)")) == []  # a link, not a citation
    assert [c.items[0].written for c in find_citations("[ ](@rosa2019)")] == [""]  # read as narrative


def test_as_written_and_pandoc_forms_side_by_side():
    found = list(find_citations("([Stern 1985](@stern1985), [@gilkerson2021])"))
    assert [(c.items[0].key, c.items[0].written) for c in found] == [
        ("stern1985", "Stern 1985"), ("gilkerson2021", "")]
