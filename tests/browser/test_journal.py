"""Layer lens, private journal and pathway progress, in the browser.

Everything a reader chooses or writes must stay in their browser: these tests
type into the journal while recording every request the page makes.
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect


@pytest.fixture
def page(chromium, server):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_layer_from_link_is_remembered_and_comes_first(page, server):
    page.goto(server + "article/attunement/?layer=manager")
    first = page.locator(".reflect .layer-lens").first
    assert first.get_attribute("data-layer") == "manager"
    assert page.locator("details.other-layers .layer-lens").count() == 3
    assert page.evaluate("localStorage.getItem('resonance:layer')") == '"manager"'
    page.goto(server + "article/analysis/")
    assert page.locator(".reflect .layer-lens").first.get_attribute("data-layer") == "manager"


def test_without_a_layer_all_layers_show(page, server):
    page.goto(server + "article/attunement/")
    assert page.locator("details.other-layers").count() == 0
    assert page.locator(".layer-lens").count() == 4


ANSWER = "Slowing down and noticing how I felt in the room."


def could_carry_data(requests, server: str, site_dir: Path) -> list[str]:
    """Every request but a plain GET (no query, no body) of one of the site's own files.

    Only such a request could take what a reader wrote off the page. Asked of
    every request from the page's load on, this holds however late a request
    comes (the search index, a favicon), so no quiet spell is waited for."""
    found = []
    for request in requests:
        parts = urlsplit(request.url)
        path = site_dir / unquote(parts.path).lstrip("/")
        own_file = request.url.startswith(server) and (path.is_file() or (path / "index.html").is_file())
        if request.method != "GET" or parts.query or request.post_data or not own_file:
            found.append(f"{request.method} {request.url}")
    return found


def test_journal_answers_stay_in_the_browser(page, server, site_dir):
    requests = []
    page.context.on("request", lambda request: requests.append(request))  # the page's and its workers'
    page.goto(server + "article/attunement/")
    prompt = page.locator(".prompt").first
    prompt_id = prompt.get_attribute("id")
    assert page.locator(".journal-notice").first.is_visible()
    box = prompt.locator("textarea")
    box.fill(ANSWER)
    box.press("End")
    expect(prompt.locator(".journal-saved")).to_have_text("Saved in this browser.")
    assert len(requests) >= 3, f"the page's own requests were not recorded: {requests}"
    leaks = could_carry_data(requests, server, site_dir)
    assert leaks == [], f"the page sent requests that could carry the answer: {leaks}"
    assert page.context.cookies() == [], "the page set a cookie, which every request would carry"
    page.evaluate("() => fetch('./?answer=1')")  # the check can fail: a query could carry an answer
    assert could_carry_data(requests, server, site_dir) == [f"GET {server}article/attunement/?answer=1"]
    stored = page.evaluate("JSON.parse(localStorage.getItem('resonance:journal'))")
    assert stored[prompt_id]["a"] == ANSWER

    page.goto(server + "journal/")
    journal = page.locator("#journal")
    assert "Slowing down and noticing" in journal.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export as a Markdown file").click()
    exported = open(download.value.path(), encoding="utf-8").read()
    assert exported.startswith("# My reflection journal") and "Slowing down and noticing" in exported
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete all answers").click()
    assert "No reflections yet" in journal.inner_text()
    assert page.evaluate("localStorage.getItem('resonance:journal')") is None


def test_pathway_progress_is_kept(page, server):
    page.goto(server + "pathways/practitioner/")
    progress = page.locator(".pathway-progress")
    assert progress.inner_text().startswith("0 of ")
    page.locator(".pathway-step .step-done input").first.check()
    assert progress.inner_text().startswith("1 of ")
    page.reload()
    assert progress.inner_text().startswith("1 of ")
    assert page.locator(".pathway-step .step-done input").first.is_checked()


def test_all_requests_stay_on_this_site(page, server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(server + "pathways/manager/?layer=manager")
    prompt = page.locator(".prompt").first
    prompt.locator("textarea").fill("A private note.")
    expect(prompt.locator(".journal-saved")).to_have_text("Saved in this browser.")
    assert hosts == {urlsplit(server).netloc}
