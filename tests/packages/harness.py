"""A learning platform in a page: scorm-again's real SCORM 1.2 runtime, offline, around a package.

A harness page makes scorm-again's ``Scorm12API`` the platform's
``window.API`` and opens the package's launch page in a frame, as Moodle or
Totara would; :func:`walk_to_the_end` is a learner pressing "Next" to the
last page and leaving. Used for the route packages and the course builder's.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.packages.conftest import unzip

RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
HARNESS = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS harness</title>
<script src="scorm12.js"></script>
<script>
  // Every call the package makes, in order, with its arguments.
  window.calls = [];
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  for (const name of ['LMSInitialize', 'LMSSetValue', 'LMSCommit', 'LMSFinish']) {
    const real = window.API[name].bind(window.API);
    window.API[name] = (...args) => { window.calls.push([name, ...args]); return real(...args); };
  }
  window.lessonStatus = () => window.API.cmi.core.lesson_status;
</script></head>
<style>iframe { width: 100%; height: 90vh; }</style>
<body><iframe id="lms" title="Package" src="package/index.html"></iframe></body></html>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def need_runtime() -> None:
    """Skip (fail under CI) when scorm-again is not installed."""
    if not RUNTIME.exists():
        message = f"{RUNTIME.relative_to(ROOT)} is missing: run 'npm ci' (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def serve_package(archive: Path, folder: Path) -> Iterator[str]:
    """The harness and the unzipped package, served on 127.0.0.1; yields the harness's URL."""
    need_runtime()
    unzip(archive, folder / "package")
    shutil.copyfile(RUNTIME, folder / "scorm12.js")
    (folder / "harness.html").write_text(HARNESS, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/harness.html"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Walk:
    steps: int  # "Next" pressed this many times
    status: str  # what the runtime recorded at the end
    calls: list  # every API call the package made, in order
    hosts: set  # every host the page requested anything from


def walk_to_the_end(chromium, harness: str) -> Walk:
    """A learner opens the package, presses "Next" to the last page, then leaves."""
    page = chromium.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(harness)
    page.wait_for_function("window.lessonStatus() === 'incomplete'")
    package = page.frame_locator("#lms").frame_locator("#package-frame")
    package.locator("h1").first.wait_for()
    steps = 0
    while package.locator("a[rel=next]").count():
        status = page.evaluate("window.lessonStatus()")
        assert status == "incomplete", f"{status} on page {steps + 1}, before the end"
        package.locator("a[rel=next]").click()
        steps += 1
        package.locator(".package-header", has_text=f"Page {steps + 1} of").wait_for()  # the next page
    assert package.locator("h1").first.inner_text() == "You have reached the end"
    page.wait_for_function("window.lessonStatus() === 'completed'")
    page.evaluate("document.getElementById('lms').src = 'about:blank'")  # the learner leaves
    page.wait_for_function("window.calls.some(call => call[0] === 'LMSFinish')")
    walk = Walk(steps, page.evaluate("window.lessonStatus()"), page.evaluate("window.calls"), hosts)
    page.close()
    return walk
