"""Layer lens, private journal and pathway progress, in the browser.

Everything a reader chooses or writes must stay in their browser: these tests
type into the journal while recording every request the page makes.
"""

from urllib.parse import urlsplit

import pytest


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


def test_journal_answers_stay_in_the_browser(page, server):
    page.goto(server + "article/attunement/")
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    prompt = page.locator(".prompt").first
    prompt_id = prompt.get_attribute("id")
    assert page.locator(".journal-notice").first.is_visible()
    box = prompt.locator("textarea")
    box.fill("Slowing down and noticing how I felt in the room.")
    box.press("End")
    page.wait_for_timeout(700)
    stored = page.evaluate("JSON.parse(localStorage.getItem('resonance:journal'))")
    assert stored[prompt_id]["a"] == "Slowing down and noticing how I felt in the room."
    assert "Saved in this browser." in prompt.inner_text()
    assert requests == [], f"typing in the journal made requests: {requests}"

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
    page.locator(".prompt textarea").first.fill("A private note.")
    page.wait_for_timeout(600)
    assert hosts == {urlsplit(server).netloc}
