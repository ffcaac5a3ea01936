"""The offline copy works opened from files: pages, links and search, no server,
under the same Content-Security-Policy (the search shim's frame script is hashed)."""

import os
import subprocess
from urllib.parse import urlsplit

import pytest

from macros.engine import build_command
from tests.browser.pages import watch_policy

IFRAME_WORKER = "node_modules/iframe-worker/shim/index.js"


pytestmark = pytest.mark.slow  # an engine build of its own (the offline copy)


@pytest.fixture(scope="module")
def offline_site(root, tmp_path_factory):
    if not (root / IFRAME_WORKER).exists():
        message = f"{IFRAME_WORKER} missing: run 'npm ci' (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("offline")
    env = dict(os.environ, OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(build_command(str(out)),
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def test_offline_copy_searches_from_files(chromium, offline_site):
    context = chromium.new_context()
    violations = watch_policy(context)
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).scheme))
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-search__input").click()
    # Opened from files, the search worker starts when the field is focused and
    # a query typed before it has loaded the index is lost: wait for it to
    # leave "Initializing search", then type key by key, as a reader would
    # (Material listens for key events), and wait for the results.
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('Initializing')")
    page.keyboard.type("attunement")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    link = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert ".html" in link
    # Every request stayed on the disk (file:) or in the page (data:, blob:).
    assert hosts <= {"file", "data", "blob"}, hosts
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert violations == [], violations
    context.close()


def test_offline_links_name_files(offline_site):
    html = (offline_site / "article" / "attunement.html").read_text(encoding="utf-8")
    assert 'href="../references.html#' in html and 'href="../glossary.html#' in html
    assert "unpkg.com" not in html


def test_offline_permanent_links_name_files(offline_site):
    """Opened from files, './' shows a folder listing: the permanent link names the page's file."""
    html = (offline_site / "article" / "attunement.html").read_text(encoding="utf-8")
    assert 'class="permalink" href="attunement.html"' in html
    assert 'href="./"' not in html


def test_course_builder_works_from_files(chromium, offline_site):
    """The builder from the offline copy: the course kept in the link, the handout opened from it,
    and the file downloaded, all from the disk."""
    context = chromium.new_context(accept_downloads=True)
    context.set_default_timeout(10_000)
    violations = watch_policy(context)
    schemes = set()
    context.on("request", lambda request: schemes.add(urlsplit(request.url).scheme))
    page = context.new_page()
    page.goto((offline_site / "trainers" / "course-builder.html").as_uri())
    page.locator('#course-builder input[name="module"][value="attunement"]').check()
    page.locator("#pick-attunement-manager-1").check()
    page.locator(".builder-session").first.wait_for()
    link = page.locator("#course-link").get_attribute("href")
    assert link.startswith("file:") and "m=attunement" in link
    handout = page.locator("#course-handout").get_attribute("href")
    with page.expect_download() as info:
        page.locator("#course-download").click()
    assert "attunement" in open(info.value.path(), encoding="utf-8").read()
    page.goto(handout)
    page.locator('[data-session="attunement"]:not([hidden]) #attunement-manager-1').wait_for()
    assert schemes <= {"file", "data", "blob"}, schemes
    assert violations == [], violations
    context.close()
