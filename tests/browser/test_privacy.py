"""Privacy: reading the site sends nothing to any other host.

The site promises no third-party requests (no web fonts, no analytics, no
CDN). Every page is loaded, switched between colour schemes, a preview is
opened where the page has one, and a search is run to its results (so
Material's search worker has loaded its index and rendered them): the visit
in ``tour.py``, shared with the accessibility test. Every request of the page
and of its workers is recorded, whether served from the network or from the
browser's cache (Chromium reports cached loads as requests too).
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOCAL_SCHEMES = {"data", "blob", "about"}


def test_no_page_requests_another_host(site_tour, server, subtests):
    """Only the local server is contacted; data:, blob: and about: are fine.

    Every visit must have reached its search results, at least three
    requests (page, stylesheet, script) must be seen per page, and the search
    index must be among them, so the test cannot pass because nothing was
    recorded."""
    local = urlsplit(server).netloc

    def foreign(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.netloc != local

    assert len(site_tour) > 20, f"only {len(site_tour)} pages visited"
    assert sum(visit.previewed for visit in site_tour) > 10, "hardly any page had a preview opened"
    for visit in site_tour:
        with subtests.test(page=visit.where):
            seen = visit.requests
            outside = sorted({url for url in seen if foreign(url)})
            assert not outside, f"{visit.where} requested other hosts:\n  " + "\n  ".join(outside)
            assert visit.searched, f"{visit.where}: the visit stopped while {visit.error}"
            assert len(seen) >= 3, f"{visit.where}: only {len(seen)} request(s) recorded: {seen}"
            assert any(url.endswith("/search/search_index.json") for url in seen), (
                f"{visit.where}: the search index was not requested, so search was not exercised: {seen}")
