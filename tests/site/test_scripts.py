"""Our scripts never hold up the first paint: every page loads them deferred."""

from __future__ import annotations

from tests.htmltext import scan

OURS = "assets/resonance/"


def test_our_scripts_are_deferred_on_every_page(site_dir):
    """A parser-blocking script is fetched at high priority beside the
    stylesheets, and Lighthouse counts it as render-blocking; ours wait for
    Material's document$ or DOMContentLoaded, so they lose nothing by defer."""
    pages = checked = 0
    for file in site_dir.rglob("*.html"):
        ours = [attrs for tag, attrs in scan(file).tags if tag == "script" and OURS in attrs.get("src", "")]
        if not ours:
            continue
        pages += 1
        for attrs in ours:
            checked += 1
            assert "defer" in attrs, f"{file.relative_to(site_dir)}: {attrs['src']} is not deferred"
    assert pages > 30 and checked >= 2 * pages, f"only {checked} scripts on {pages} pages: are ours still loaded?"
