"""Browser fixtures: the built site served on 127.0.0.1, Debian's Chromium, one visit to every page.

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
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

from tests.browser.axe import AXE
from tests.browser.pages import page_paths
from tests.browser.tour import Visit, visit_every_page

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TIMEOUT_MS = 30_000  # Playwright's default for actions; expect() gets the same
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


@pytest.fixture(scope="session")
def chromium():
    """A Playwright-driven Chromium (Debian's), one per test session.

    Playwright starts it with a fresh, temporary profile of its own (it refuses
    a ``--user-data-dir`` argument), so no state carries over between runs.
    """
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so browser tests may not be skipped)")
        pytest.skip(message)
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, as every browser of the tests is started."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def site_tour(chromium, server: str, site_dir: Path) -> list[Visit]:
    """Every page visited once: axe in both schemes, requests, a preview, a search (see tour.py)."""
    return visit_every_page(chromium, launch, server, page_paths(site_dir), AXE if AXE.exists() else None)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
