"""How to cite a module: the authors' article, the edition's module, its full address."""

from types import SimpleNamespace

from macros.render.modules_data import citation_text, module_url

ARTICLE = {"title": "Creating conducive conditions", "authors": ["Michel, C.", "Billingham, L."],
           "posted": "first posted August 2024, updated", "edition": "Resonance learning edition"}
PAGE = SimpleNamespace(src="article/awareness-agency-wellbeing.md", title="Awareness, agency, and wellbeing",
                       module="awareness-agency-wellbeing")


def test_the_module_title_is_the_editions_not_the_authors():
    text = citation_text(PAGE, ARTICLE, module_url(PAGE))
    assert text.startswith("Michel, C. and Billingham, L. (first posted August 2024, updated) "
                           "Creating conducive conditions. ")
    assert ("Module ‘Awareness, agency, and wellbeing’ (module id awareness-agency-wellbeing) "
            "of the Resonance learning edition.") in text
    assert text.index("Creating conducive conditions") < text.index("Awareness, agency")


def test_the_full_address_when_the_site_has_one():
    for base in ("https://example.org/resonance/", "https://example.org/resonance"):
        url = module_url(PAGE, base)
        assert url == "https://example.org/resonance/article/awareness-agency-wellbeing/"
        assert citation_text(PAGE, ARTICLE, url).endswith(f"Available at: {url}")


def test_without_a_site_address_the_page_is_named_not_passed_off_as_an_address():
    text = citation_text(PAGE, ARTICLE, module_url(PAGE))
    assert text.endswith("Page: article/awareness-agency-wellbeing/ in the edition.")
    assert "Available at" not in text
