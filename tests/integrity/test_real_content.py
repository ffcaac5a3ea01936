"""Integrity of the real content: the sources as they are in the repository."""

import re

import pytest

from macros.core.site import load_site


@pytest.fixture(scope="module")
def site(root):
    return load_site(root)


def test_sources_have_no_problems(site):
    assert site.problems == (), "\n".join(p.format() for p in site.problems)


def test_there_is_real_content(site):
    assert len(site.modules) >= 10
    assert len(site.references) >= 60
    assert sum(len(page.citations) for page in site.pages) >= 80


def test_every_citation_resolves(site):
    for page in site.pages:
        for use in page.citations:
            assert use.key in site.references, f"{use.path}:{use.line}: {use.key}"


def test_every_entry_is_cited_or_further_reading(site):
    for key, ref in site.references.items():
        assert bool(site.cited_in.get(key)) != ref.further_reading, key


def test_incomplete_entries_say_how_the_article_cites_them(site):
    incomplete = [ref for ref in site.references.values() if ref.incomplete]
    assert incomplete, "the article cites works missing from its list"
    for ref in incomplete:
        assert "title" not in ref.entry.fields, f"{ref.key}: no invented title"
        assert ref.entry.fields.get("note"), f"{ref.key}: note how the article cites it"


def test_incomplete_entries_give_only_the_name_the_text_gives(site):
    """No initials added to one and not another: the text gives surnames only."""
    for ref in site.references.values():
        if ref.incomplete:
            for person in ref.entry.persons.get("author", []):
                assert not (person.first_names or person.middle_names), f"{ref.key}: {person}"
            assert set(ref.entry.fields) <= {"year", "keywords", "note"}, ref.key


def test_online_entries_carry_the_lists_access_date(site):
    """The list says all online references were accessed 16 August 2025; an
    entry with a web address or DOI gives that date or the one it states."""
    for ref in site.references.values():
        if ref.has("url") or ref.has("doi"):
            assert ref.has("urldate"), f"{ref.key}: add urldate"


def test_article_modules_cite_as_the_authors_wrote(site):
    """[@key] renders in the edition's style; the authors' text keeps their words."""
    for page in site.modules:
        for use in page.citations:
            assert use.written, f"{use.path}:{use.line}: write it as [the text's words](@{use.key})"


KEY_POINT_WORDS = 35


def long_key_points(pages) -> list[str]:
    """Key points of more than 35 words: plain English keeps them short."""
    return [f"{page.path}: {len(point.split())} words: {point[:40]}…" for page in pages
            for point in page.meta.get("key_points", []) if len(point.split()) > KEY_POINT_WORDS]


def test_key_points_are_at_most_35_words(site):
    assert long_key_points(site.modules) == []


def test_a_long_key_point_is_caught(site):
    import dataclasses

    page = site.modules[0]
    long = dataclasses.replace(page, meta={**page.meta, "key_points": ["word " * 36]})
    assert len(long_key_points([long])) == 1


def test_module_ids_are_unique_slugs(site):
    ids = [page.module for page in site.modules]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_keys_follow_surname_year(site):
    for key in site.references:
        assert re.fullmatch(r"[a-z]+\d{4}[a-z]?", key), key


def test_no_author_year_left_as_plain_text(site, root):
    """Every '(Name 2019)' in the modules must be a pandoc citation."""
    pattern = re.compile(r"\((?:[A-Z][\w’'-]+[ ,&]+)+(?:et al\.? ?,? )?(?:19|20)\d\d")
    for page in site.modules:
        text = (root / page.path).read_text(encoding="utf-8")
        assert not pattern.search(text), f"{page.path}: {pattern.search(text).group(0)}"
