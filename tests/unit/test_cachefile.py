"""Cache files: named by what they depend on, replaced whole, one per kind."""

from macros.core import cachefile
from macros.core.cachefile import keyed_name, replace


def test_names_differ_whenever_the_parts_do():
    name = keyed_name("site", ".pickle", [b"ab", b"c"])
    assert name.startswith("site-") and name.endswith(".pickle")
    assert name == keyed_name("site", ".pickle", [b"ab", b"c"])
    assert name != keyed_name("site", ".pickle", [b"a", b"bc"])  # same bytes, other parts
    assert name != keyed_name("site", ".pickle", [b"ab", b"c", b""])


def test_replace_keeps_one_file_per_kind(tmp_path):
    cache = tmp_path / "cache"
    replace(cache, "site-1.pickle", b"old")
    replace(cache, "references-1.json", b"{}")
    target = replace(cache, "site-2.pickle", b"new")
    assert sorted(p.name for p in cache.iterdir()) == ["references-1.json", "site-2.pickle"]
    assert target.read_bytes() == b"new"


def _fresh_warnings(monkeypatch) -> None:
    """Each test sees the once-per-process warning afresh."""
    monkeypatch.setattr(cachefile, "_warned", set())


def test_a_cache_folder_that_is_a_file_is_skipped_with_one_warning(tmp_path, monkeypatch, caplog):
    _fresh_warnings(monkeypatch)
    (tmp_path / ".cache").write_text("not a folder", encoding="utf-8")
    cache = tmp_path / ".cache" / "resonance"
    assert replace(cache, "site-1.pickle", b"data") is None
    assert replace(cache, "references-1.json", b"{}") is None
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "cannot be written" in warnings[0].getMessage()
    assert (tmp_path / ".cache").read_text(encoding="utf-8") == "not a folder"


def test_an_unwritable_cache_folder_is_skipped_and_left_clean(tmp_path, monkeypatch, caplog):
    """As root, permissions do not bind: the operating system's refusal is simulated."""
    _fresh_warnings(monkeypatch)
    cache = tmp_path / "cache"
    replace(cache, "site-1.pickle", b"old")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(cachefile.os, "replace", refuse)
    assert replace(cache, "site-2.pickle", b"new") is None
    assert "Permission denied" in caplog.text
    assert [p.name for p in cache.iterdir()] == []  # the stale file is gone and no temporary file is left
