"""Privacy: reading the site sends nothing to any other host.

The site promises no third-party requests (no web fonts, no analytics, no
CDN). Every page is loaded, a preview is opened where the page has one, and
a search is run to its results (so Material's search worker has loaded its
index and rendered them). Every request of the page and of its workers is
recorded, whether served from the network or from the browser's cache
(Chromium reports cached loads as requests too).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.pages import DESKTOP, page_paths

LOCAL_SCHEMES = {"data", "blob", "about"}
SEARCH_WORD = "resonance"  # in the text of the site, so search returns results


def exercise(page, server: str, path: str) -> None:
    """Load the page, open a preview if it has a term or citation, and search."""
    page.goto(server + path)
    links = page.locator("article :is(a.term, a.citation)")
    if links.count():
        links.first.focus()
        page.locator(".res-preview").wait_for(state="visible")
        page.keyboard.press("Escape")
    # Material's worker loads the index, then leaves "Initializing search";
    # a query typed before that is lost.
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('Initializing')")
    search = page.locator("input.md-search__input")
    search.fill(SEARCH_WORD)
    search.press("End")  # Material searches on key presses
    page.locator(".md-search-result__item").first.wait_for(state="visible")


def test_no_page_requests_another_host(chromium, server, site_dir, subtests):
    """Only the local server is contacted; data:, blob: and about: are fine.

    At least three requests (page, stylesheet, script) must be seen per page,
    and the search index must be among them, so the test cannot pass because
    nothing was recorded."""
    local = urlsplit(server).netloc

    def foreign(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.netloc != local

    context = chromium.new_context(**DESKTOP)
    context.set_default_timeout(10_000)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))  # pages and their workers
    page = context.new_page()
    try:
        for path in page_paths(site_dir):
            with subtests.test(page=path or "/"):
                seen.clear()
                exercise(page, server, path)
                outside = sorted({url for url in seen if foreign(url)})
                assert not outside, f"/{path} requested other hosts:\n  " + "\n  ".join(outside)
                assert len(seen) >= 3, f"/{path}: only {len(seen)} request(s) recorded: {seen}"
                assert any(url.endswith("/search/search_index.json") for url in seen), (
                    f"/{path}: the search index was not requested, so search was not exercised: {seen}")
    finally:
        context.close()
