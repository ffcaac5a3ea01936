"""Cache files: named by what they depend on, replaced whole, one per kind."""

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
