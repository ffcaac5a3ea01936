"""A SCORM package run by a real SCORM 1.2 runtime: scorm-again, from npm, offline.

A harness page makes scorm-again's ``Scorm12API`` the platform's
``window.API`` and opens the package's launch page in a frame, as Moodle or
Totara would. A learner walks from the first page to the last with "Next";
the runtime records "incomplete" until the end and "completed" there, and
LMSFinish when the learner leaves. The package may send nothing else.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT
from tests.packages.conftest import unzip

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a Chromium, and the packaged build
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


@pytest.fixture
def lms(packaged, tmp_path):
    """The harness and the unzipped practitioners' package, served on 127.0.0.1."""
    if not RUNTIME.exists():
        message = f"{RUNTIME.relative_to(ROOT)} is missing: run 'npm ci' (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    unzip(packaged / "downloads" / "pathway-practitioner.scorm.zip", tmp_path / "package")
    shutil.copyfile(RUNTIME, tmp_path / "scorm12.js")
    (tmp_path / "harness.html").write_text(HARNESS, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/harness.html"
    server.shutdown()
    server.server_close()


def test_the_runtime_records_incomplete_then_completed_then_finish(chromium, lms):
    page = chromium.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(lms)
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
    assert steps >= 10  # start, the pathway's page, its modules, glossary, references

    page.evaluate("document.getElementById('lms').src = 'about:blank'")  # the learner leaves
    page.wait_for_function("window.calls.some(call => call[0] === 'LMSFinish')")
    calls = page.evaluate("window.calls")
    sent = [call for call in calls if call[0] == "LMSSetValue"]
    assert sent == [["LMSSetValue", "cmi.core.lesson_status", "incomplete"],
                    ["LMSSetValue", "cmi.core.lesson_status", "completed"]]
    assert calls[0] == ["LMSInitialize", ""] and calls[-1] == ["LMSFinish", ""]
    assert page.evaluate("window.lessonStatus()") == "completed"
    assert hosts == {urlsplit(lms).netloc}  # nothing requested from anywhere else
    page.close()
