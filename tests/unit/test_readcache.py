"""A source file is parsed again only when its bytes (or the loader's arguments) change."""

import shutil

import pytest

from macros.core import readcache
from macros.core.readcache import reads_file
from macros.core.site import load_site
from tests.fixture_tree import BASE


@pytest.fixture(autouse=True)
def nothing_kept():
    readcache.forget()
    yield
    readcache.forget()


def counting_loader():
    calls = []

    @reads_file
    def load(file, option="a"):
        calls.append(file.read_text(encoding="utf-8"))
        return (file.read_text(encoding="utf-8"), option), ["a problem"]

    return load, calls


def test_the_same_bytes_and_arguments_are_parsed_once(tmp_path):
    load, calls = counting_loader()
    source = tmp_path / "source.md"
    source.write_text("one", encoding="utf-8")
    first = load(source)
    second = load(source)
    assert first == second == (("one", "a"), ["a problem"]) and len(calls) == 1
    second[1].append("changed by the caller")  # each caller gets a list of its own
    assert load(source)[1] == ["a problem"]


def test_changed_bytes_or_arguments_are_parsed_again(tmp_path):
    load, calls = counting_loader()
    source = tmp_path / "source.md"
    source.write_text("one", encoding="utf-8")
    load(source)
    source.write_text("two", encoding="utf-8")
    assert load(source)[0] == ("two", "a")
    assert load(source, option="b")[0] == ("two", "b")
    assert load(source, "b")[0] == ("two", "b")  # as written, positional and keyword differ
    source.write_text("one", encoding="utf-8")
    assert load(source)[0] == ("one", "a")
    assert calls == ["one", "two", "two", "two", "one"]


def test_a_file_that_cannot_be_read_is_left_to_the_loader(tmp_path):
    @reads_file
    def load(file):
        return None, [f"cannot read {file.name}"]

    assert load(tmp_path / "missing.md") == (None, ["cannot read missing.md"])


def test_a_file_saved_while_it_was_read_is_not_kept(tmp_path):
    source = tmp_path / "source.md"
    source.write_text("one", encoding="utf-8")
    calls = []

    @reads_file
    def load(file):
        calls.append(1)
        text = file.read_text(encoding="utf-8")
        file.write_text("saved meanwhile", encoding="utf-8")  # an editor saves during the build
        return text, []

    load(source)
    source.write_text("one", encoding="utf-8")
    load(source)
    assert len(calls) == 2


def test_a_site_loaded_again_after_an_edit_equals_one_loaded_afresh(tmp_path):
    project = shutil.copytree(BASE, tmp_path / "project")
    before = load_site(project)
    term = project / "glossary" / "attunement.md"
    term.write_text(term.read_text(encoding="utf-8").replace("connectedness", "attuned connection"),
                    encoding="utf-8")
    again = load_site(project)
    readcache.forget()
    afresh = load_site(project)
    assert again == afresh and again.terms == afresh.terms and again.problems == afresh.problems
    assert again.term("attunement").definition != before.term("attunement").definition
    # Nothing else was parsed again: the other records are the very same objects.
    assert all(a is b for a, b in zip(again.pages, before.pages, strict=True))
    assert again.bibliography is before.bibliography
    assert again.term("resonance") is before.term("resonance")


BIB = """@book{rosa2019, author = {Rosa, H.}, title = {Resonance}, publisher = {Polity Press}, year = {2019}}
@book{rosa2020, author = {Rosa, H.}, title = {The Uncontrollability of the World}, publisher = {Polity},
  year = {2020}}
"""


def test_an_edit_to_one_entry_formats_that_entry_alone(tmp_path, monkeypatch):
    from macros.core.bibliography import load_bibliography
    from macros.core.harvard import HarvardStyle
    from macros.render import bibliography_html
    from macros.render.bibliography_html import format_references

    formatted = []
    format_entry = HarvardStyle.format_entry

    def counting(self, label, entry, *args, **kwargs):
        formatted.append(label)
        return format_entry(self, label, entry, *args, **kwargs)

    monkeypatch.setattr(HarvardStyle, "format_entry", counting)
    bib = tmp_path / "references.bib"
    bib.write_text(BIB, encoding="utf-8")
    format_references(load_bibliography(bib)[0])
    bib.write_text(BIB.replace("Polity Press", "Polity"), encoding="utf-8")
    edited = dict(format_references(load_bibliography(bib)[0]))
    assert formatted == ["rosa2019", "rosa2020", "rosa2019"]
    bibliography_html._formatted_entries.clear()
    assert list(edited.items()) == list(format_references(load_bibliography(bib)[0]).items())


def test_a_process_that_builds_again_takes_the_site_it_kept(tmp_path, monkeypatch):
    """As under make serve: no change, no reading of the cache file; a change, a new load."""
    from macros.core import site_cache
    from macros.core.site_cache import load_site_cached

    project = shutil.copytree(BASE, tmp_path / "project")
    cache = tmp_path / "cache"
    first = load_site_cached(project, None, cache)
    for stored in cache.glob("site-*.pickle"):
        stored.write_bytes(b"not read again")
    assert load_site_cached(project, None, cache) is first
    page = project / "docs" / "page.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edited = load_site_cached(project, None, cache)
    assert edited is not first and "One more line." in edited.page("page.md").body
    page.write_text(page.read_text(encoding="utf-8").replace("@rosa2019", "@unknown"), encoding="utf-8")
    broken = load_site_cached(project, None, cache)
    assert broken.problems and site_cache._last == {}  # a site with problems is not kept
