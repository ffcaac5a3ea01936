"""No payload in the hostile corpus ever runs: an alert, confirm or prompt fails the test.

The corpus of ``tests/fixtures/hostile`` is built into one site; every page is
opened, and every link and element showing a payload is hovered, focused and
(if it stays on the page) clicked. It runs twice: under the site's
Content-Security-Policy, and with the policy bypassed, so escaping alone is
proven to hold as well.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.pages import DESKTOP, page_paths, watch_policy
from tests.conftest import ROOT
from tests.integrity.test_hostile_fixtures import build_env, compose_hostile

pytestmark = pytest.mark.slow  # the hostile corpus built with the engine

# Links and elements that show a payload's text.
CARRIERS = "article a, article :is(p, li, h1, h2, h3, td, blockquote):has-text('alert(1)')"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus, built and served on 127.0.0.1: (base URL, site folder)."""
    folder = tmp_path_factory.mktemp("hostile-browser")
    project = compose_hostile(folder / "project")
    site = folder / "site"
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--root", str(project),
                             "--site-dir", str(site)], cwd=ROOT, env=build_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", site
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-policy", "policy-bypassed"])
def test_no_payload_ever_runs(chromium, hostile, bypass_csp, subtests):
    server, site = hostile
    context = chromium.new_context(**DESKTOP, bypass_csp=bypass_csp)
    # Requests to other hosts (the payload's http://x) are refused, not waited for.
    context.route(lambda url: not url.startswith(server), lambda route: route.abort())
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("dialog", on_dialog)
    violations = watch_policy(context)
    page = context.new_page()
    exercised = 0
    try:
        for path in page_paths(site):
            with subtests.test(page=path or "/"):
                page.goto(server + path)
                carriers = page.locator(CARRIERS)
                for index in range(carriers.count()):
                    carrier = carriers.nth(index)
                    if not carrier.is_visible():
                        continue
                    page.keyboard.press("Escape")  # a preview left open would cover the next one
                    page.mouse.move(0, 0)
                    carrier.hover()
                    carrier.focus()
                    href = carrier.get_attribute("href")
                    if href is None or href.startswith("#"):  # other pages are visited in turn
                        carrier.click()
                    exercised += 1
                page.evaluate("() => new Promise(requestAnimationFrame)")  # pending handlers run first
                assert dialogs == [], f"/{path}: {dialogs}"
                if not bypass_csp:
                    assert violations == [], f"/{path}: {violations}"
        assert exercised >= 30, f"only {exercised} payload carriers were exercised"
    finally:
        context.close()
