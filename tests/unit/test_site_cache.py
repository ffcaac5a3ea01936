"""The build's cache of the checked content model: reused only while nothing changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from macros.core import cachefile, site_cache
from macros.core.site import Site, load_site
from macros.core.site_cache import load_site_cached
from macros.engine import CONFIG_FILE
from macros.render.bibliography_html import format_references
from tests.conftest import copy_project
from tests.fixture_tree import BASE


def _summary(site: Site) -> dict:
    """What the build reads from a site, as comparable data."""
    return {
        "pages": [(p.src, p.title, p.module, p.body, p.citations) for p in site.pages],
        "references": {key: (ref.type, ref.line, dict(ref.entry.fields))
                       for key, ref in site.references.items()},
        "labels": {key: str(label) for key, label in site.labels.items()},
        "cited_in": {key: [p.src for p in pages] for key, pages in site.cited_in.items()},
        "terms": site.terms,
        "framework": site.framework,
        "pathways": site.pathways,
        "courses": site.courses,
        "registry": site.registry,
        "prompts": list(site.prompts),
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


class _Forgetful(dict):
    """Keeps nothing: each load is as a new build process makes it."""

    def __setitem__(self, key, value) -> None:
        pass


@pytest.fixture(autouse=True)
def each_load_in_a_new_process(monkeypatch):
    """These tests are about the cache on disk, between build processes; what one process
    keeps between its own builds (make serve) is tested in test_readcache.py."""
    monkeypatch.setattr(site_cache, "_last", _Forgetful())


def _spy(monkeypatch) -> list[Path]:
    """Record every real load, so a test can tell a cache hit from a load."""
    loads: list[Path] = []

    def counting(root, *args, **kwargs):
        loads.append(Path(root))
        return load_site(root, *args, **kwargs)

    monkeypatch.setattr(site_cache, "load_site", counting)
    return loads


def test_second_load_comes_from_the_cache_and_equals_a_fresh_load(project, tmp_path, monkeypatch):
    loads = _spy(monkeypatch)
    cache = tmp_path / "cache"
    first = load_site_cached(project, None, cache)
    assert first.problems == () and len(first.pages) > 20  # the real content, loaded
    again = load_site_cached(project, None, cache)
    assert len(loads) == 1, "the second build should have reused the first one's site"
    assert len(list(cache.glob("site-*.pickle"))) == 1
    assert again is not first and _summary(again) == _summary(load_site(project))


@pytest.mark.parametrize("change", ["edit glossary term", "add pathway", "remove course", "edit bib",
                                    "edit module", "edit nav"])
def test_any_change_to_the_sources_loads_them_again(project, tmp_path, monkeypatch, change):
    loads = _spy(monkeypatch)
    cache = tmp_path / "cache"
    load_site_cached(project, None, cache)
    if change == "edit glossary term":
        term = sorted((project / "glossary").glob("*.md"))[0]
        term.write_text(term.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    elif change == "add pathway":
        source = sorted((project / "pathways").glob("*.yml"))[0]
        copy = project / "pathways" / "zz-copy.yml"
        copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "remove course":
        for course in (project / "courses").glob("*.yml"):
            course.unlink()
    elif change == "edit bib":
        bib = project / "references.bib"
        bib.write_text(bib.read_text(encoding="utf-8") + "\n% a comment\n", encoding="utf-8")
    elif change == "edit module":
        module = project / "docs" / "article" / "resonance.md"
        module.write_text(module.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif change == "edit nav":
        config = project / CONFIG_FILE
        config.write_text(config.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    site = load_site_cached(project, None, cache)
    assert len(loads) == 2, f"{change}: the cached site was reused"
    assert _summary(site) == _summary(load_site(project))


def test_a_change_to_the_code_loads_the_sources_again(project, tmp_path, monkeypatch):
    loads = _spy(monkeypatch)
    load_site_cached(project, None, tmp_path / "cache")
    monkeypatch.setattr(site_cache, "_CODE", (*site_cache._CODE, b"# one more line of code"))
    load_site_cached(project, None, tmp_path / "cache")
    assert len(loads) == 2


def test_the_code_is_keyed_as_the_process_loaded_it(project, tmp_path, monkeypatch):
    """Under `mkdocs serve` an edited module is not reloaded: the key must not follow the disk."""
    code = Path(site_cache.__file__).read_bytes()
    assert code in site_cache._CODE
    loads = _spy(monkeypatch)
    load_site_cached(project, None, tmp_path / "cache")
    monkeypatch.setattr(Path, "read_bytes", lambda self, _real=Path.read_bytes: (
        b"# edited on disk\n" + _real(self)) if self.suffix == ".py" else _real(self))
    load_site_cached(project, None, tmp_path / "cache")  # the running code has not changed
    assert len(loads) == 1


def test_the_reading_order_is_part_of_the_key(project, tmp_path, monkeypatch):
    loads = _spy(monkeypatch)
    first = load_site_cached(project, None, tmp_path / "cache")
    order = [page.src for page in first.pages][::-1]
    reordered = load_site_cached(project, order, tmp_path / "cache")
    assert len(loads) == 2 and [page.src for page in reordered.pages][:3] == order[:3]


def test_a_site_with_problems_is_never_cached(project, tmp_path, monkeypatch):
    loads = _spy(monkeypatch)
    cache = tmp_path / "cache"
    bib = project / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("@", "@misc{broken,\n", 1), encoding="utf-8")
    for _ in range(2):
        assert load_site_cached(project, None, cache).problems
    assert len(loads) == 2 and not list(cache.glob("site-*.pickle"))


def test_an_unreadable_cache_is_ignored_and_rewritten(project, tmp_path, monkeypatch):
    loads = _spy(monkeypatch)
    cache = tmp_path / "cache"
    load_site_cached(project, None, cache)
    [stored] = cache.glob("site-*.pickle")
    stored.write_bytes(stored.read_bytes()[:100])  # an interrupted write, or a damaged disk
    site = load_site_cached(project, None, cache)
    assert len(loads) == 2 and site.problems == ()
    assert load_site_cached(project, None, cache).pages and len(loads) == 2  # rewritten whole


def test_the_cache_keeps_only_the_latest_site(project, tmp_path):
    cache = tmp_path / "cache"
    load_site_cached(project, None, cache)
    module = project / "docs" / "article" / "resonance.md"
    module.write_text(module.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    load_site_cached(project, None, cache)
    assert len(list(cache.glob("site-*.pickle"))) == 1


def test_read_only_mappings_survive_the_round_trip(project, tmp_path):
    cache = tmp_path / "cache"
    load_site_cached(project, None, cache)
    site = load_site_cached(project, None, cache)
    with pytest.raises(TypeError):
        site.labels["x"] = None  # type: ignore[index]
    assert dataclasses.is_dataclass(site) and site.paths.root == project


def test_a_cache_that_cannot_be_written_still_gives_the_site(tmp_path, monkeypatch):
    """`.cache` being a file: the site and the formatted references come, uncached."""
    monkeypatch.setattr(cachefile, "_warned", set())
    (tmp_path / ".cache").write_text("not a folder", encoding="utf-8")
    cache = tmp_path / ".cache" / "resonance"
    site = load_site_cached(BASE, None, cache)
    assert site.problems == () and _summary(site) == _summary(load_site(BASE))
    assert set(format_references(site.bibliography, cache)) == set(site.references)
