"""Browser fixtures: the built site served on 127.0.0.1, and one visit to every page.

Without Chromium the browser tests are skipped with a message, except when CI
is set: there a missing browser is a failure, so a green CI always means the
browser tests ran.

No test waits for a length of time: each waits for a condition in the page
(``wait_for``, ``wait_for_function``, ``expect``). Playwright's timeouts only
bound how long a broken page is waited for, so they are generous (30 s, for
``expect`` too, whose own default is 5 s): a loaded machine makes a test
slower, never red.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser.axe import AXE
from tests.browser.pages import page_paths
from tests.browser.tour import Tour, Visit
from tests.conftest import launch


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def server(site_dir: Path):
    """Base URL of the built site, served by a local HTTP server."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


TOUR_READERS = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def running_tour(chromium, server: str, site_dir: Path):
    """The visit to every page (tour.py), started in the background in a browser of its own.

    ``chromium`` is asked for only for its check that Chromium is there."""
    tour = Tour(launch, server, page_paths(site_dir), AXE if AXE.exists() else None)
    yield tour
    tour.close()


@pytest.fixture(autouse=True)
def _start_the_tour_early(request: pytest.FixtureRequest) -> None:
    """Start the tour with the first browser test when any test of this run reads it."""
    if request.config.stash.get(TOUR_READERS, False):
        request.getfixturevalue("running_tour")


@pytest.fixture
def site_tour(running_tour: Tour) -> list[Visit]:
    """Every page visited once: axe in both schemes, requests, a preview, a search."""
    return running_tour.visits()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the browser tests; run the tests that read the tour last, so it runs alongside the rest."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
    readers = [item for item in items if "site_tour" in getattr(item, "fixturenames", ())]
    config.stash[TOUR_READERS] = bool(readers)
    items[:] = [item for item in items if item not in readers] + readers
