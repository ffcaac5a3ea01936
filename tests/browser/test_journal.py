"""Layer lens, private journal and pathway progress, in the browser.

Everything a reader chooses or writes must stay in their browser: these tests
type into the journal while recording every request the page makes.
"""

import re
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
    lens = page.locator(".lens-block")
    expect(lens.locator("h2")).to_contain_text("What this means for you as a manager")
    expect(lens.locator(".reading-as")).to_have_text("Reading as: manager · Change")
    expect(lens.locator(".lens:visible")).to_have_count(1)
    assert lens.locator(".lens:visible").get_attribute("data-layer") == "manager"
    first = page.locator(".reflect .layer-lens").first
    assert first.get_attribute("data-layer") == "manager"
    assert page.locator("details.other-layers .layer-lens").count() == 3
    assert page.evaluate("localStorage.getItem('resonance:layer')") == '"manager"'
    page.goto(server + "article/analysis/")
    assert page.locator(".reflect .layer-lens").first.get_attribute("data-layer") == "manager"
    expect(page.locator(".lens-block h2")).to_contain_text("What this means for you as a manager")


def test_without_a_layer_all_layers_show_and_the_choice_is_offered(page, server):
    page.goto(server + "article/attunement/")
    assert page.locator("details.other-layers").count() == 0
    assert page.locator(".layer-lens").count() == 4
    expect(page.locator(".lens-block .lens:visible")).to_have_count(4)
    expect(page.locator(".role-choice")).to_be_visible()
    expect(page.locator(".role-choice button")).to_have_text([
        "I work directly with young people", "I manage or supervise practitioners",
        "I lead a service or partnership", "I shape policy"])


def test_the_switcher_changes_role_in_place(page, server):
    """"Change" opens the roles; choosing one updates the lens, the heading and the prompts'
    order without leaving the page, and returns focus to "Change"."""
    page.goto(server + "article/attunement/?layer=practitioner")
    change = page.get_by_role("button", name="Change")
    expect(change).to_have_attribute("aria-expanded", "false")
    change.click()
    expect(change).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("button", name="I work directly with young people")).to_have_attribute(
        "aria-pressed", "true")
    page.get_by_role("button", name="I lead a service or partnership").click()
    expect(page.locator(".lens-block h2")).to_contain_text("What this means for you as a leader")
    expect(page.locator(".role-choice")).to_be_hidden()
    expect(change).to_be_focused()
    assert page.locator(".reflect .layer-lens").first.get_attribute("data-layer") == "leader"
    assert page.locator("details.other-layers .layer-lens").count() == 3
    assert page.locator(".reflect details.other-layers").count() == 1
    assert page.evaluate("localStorage.getItem('resonance:layer')") == '"leader"'


WRITTEN_ON = re.compile(r"Written on \d{1,2} [A-Z][a-z]+ \d{4}\.")  # "Written on 3 December 2026."


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
    assert stored["version"] == 2
    assert stored["entries"][prompt_id]["answer"] == ANSWER

    page.goto(server + "journal/")
    journal = page.locator("#journal")
    assert "Slowing down and noticing" in journal.inner_text()
    # Each entry is dated and links back to its prompt.
    entry = journal.locator(".journal-entry").first
    expect(entry.locator(".journal-meta")).to_contain_text(WRITTEN_ON)
    back = entry.get_by_role("link", name="Go to this prompt")
    assert back.get_attribute("href").endswith(f"#{prompt_id}")
    # Downloading comes first and is the main action; deleting is a quiet link-like button.
    download_button = page.get_by_role("button", name="Download your notes")
    delete = page.get_by_role("button", name="Delete all my answers and progress")
    assert download_button.evaluate("b => b.classList.contains('md-button--primary')")
    assert not delete.evaluate("b => b.classList.contains('md-button')")
    assert download_button.bounding_box()["y"] < delete.bounding_box()["y"]
    with page.expect_download() as download:
        download_button.click()
    assert download.value.suggested_filename.endswith(".txt")
    exported = open(download.value.path(), encoding="utf-8").read()
    assert exported.startswith("# My reflection journal") and "> Slowing down and noticing" in exported
    assert WRITTEN_ON.search(exported), exported
    assert "¶" not in exported and "**" not in exported and "<" not in exported
    # Deleting is confirmed: dismissing the question keeps everything.
    page.once("dialog", lambda dialog: dialog.dismiss())
    delete.click()
    expect(journal).to_contain_text("Slowing down and noticing")
    page.once("dialog", lambda dialog: dialog.accept())
    delete.click()
    expect(journal).to_contain_text("No reflections yet")
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
    page.goto(server + "article/analysis/?pathway=manager")
    page.locator(".prompt textarea").first.fill("A private note.")
    expect(page.locator(".journal-saved").first).to_have_text("Saved in this browser.")
    assert hosts == {urlsplit(server).netloc}


# The journal as version 1 of the site stored it, before the format had a version:
# {PROMPT_ID: {q: question, a: answer, m: module, l: layer, p: pathway id,
#  pt: pathway title, mt: module title (with the heading's permalink mark), t: saved}}.
OLD_JOURNAL = {
    "attunement-practitioner-1": {
        "q": "Think of a time you felt closely attuned to a young person. What helped?",
        "a": "Sitting side by side, not across a desk.\nLetting the silence be.",
        "m": "attunement", "l": "practitioner", "p": "practitioner", "pt": "Pathway for practitioners",
        "mt": "The capacity for attunement¶", "t": "2026-11-02T09:30:00.000Z"},
    "analysis-manager-1": {
        "q": "Where does your team make time for analysis?", "a": "Mostly in the car between visits.",
        "m": "analysis", "l": "manager", "p": "", "pt": "", "mt": "The capacity for analysis",
        "t": "2026-11-20T17:05:00.000Z"},
}


def test_an_old_journal_is_migrated_and_every_answer_kept(page, server):
    """A journal saved before the format had a version survives the upgrade:
    it is rewritten as version 2 with every answer, the answers show beside
    their prompts and on the journal page, and the permalink mark is gone."""
    import json

    page.goto(server + "journal/")
    page.evaluate("journal => localStorage.setItem('resonance:journal', journal)", json.dumps(OLD_JOURNAL))
    page.goto(server + "article/attunement/")
    box = page.locator("#attunement-practitioner-1 textarea")
    expect(box).to_have_value(OLD_JOURNAL["attunement-practitioner-1"]["a"])
    stored = page.evaluate("JSON.parse(localStorage.getItem('resonance:journal'))")
    assert stored["version"] == 2
    assert set(stored["entries"]) == set(OLD_JOURNAL)
    for prompt_id, old in OLD_JOURNAL.items():
        entry = stored["entries"][prompt_id]
        assert (entry["question"], entry["answer"], entry["module"], entry["layer"], entry["saved"]) == (
            old["q"], old["a"], old["m"], old["l"], old["t"])
    assert stored["entries"]["attunement-practitioner-1"]["moduleTitle"] == "The capacity for attunement"

    page.goto(server + "journal/")
    journal = page.locator("#journal")
    expect(journal).to_contain_text("Letting the silence be.")
    expect(journal).to_contain_text("Mostly in the car between visits.")
    assert "¶" not in journal.inner_text()


def _journal_with(page, server, entries: dict) -> None:
    import json

    page.goto(server + "journal/")
    page.evaluate("journal => localStorage.setItem('resonance:journal', journal)",
                  json.dumps({"version": 2, "entries": entries, "notes": {}}))


def _entry(answer: str, module: str = "attunement") -> dict:
    return {"question": "An older wording of the question", "answer": answer, "module": module,
            "moduleTitle": "The capacity for attunement", "layer": "practitioner", "pathway": "",
            "pathwayTitle": "", "saved": "2026-11-02T09:30:00.000Z"}


def _serve_with(page, address: str, old: str, new: str) -> list[bool]:
    """Serve one page with its HTML changed (a retired prompt id, as module-ids.yml would give it):
    the real content has no retired prompt yet, and this keeps the test to the built site.
    Returns, per request served, whether the page carried ``old`` to change."""
    found: list[bool] = []

    def fulfil(route):
        response = route.fetch()
        html = response.text()
        found.append(old in html)
        route.fulfill(response=response, body=html.replace(old, new, 1))
    page.route(address, fulfil)
    return found


def test_an_answer_to_a_retired_prompt_moves_to_its_replacement_on_the_module_page(page, server):
    """Prompt ids are permanent (issue #16): when one is retired with a redirect, the module page
    marks its replacement (data-replaces) and the answer shows beside it, stored under the new id."""
    _journal_with(page, server, {"retired-attunement-prompt": _entry("Kept through the rename.")})
    found = _serve_with(page, server + "article/attunement/", 'id="attunement-practitioner-1">',
                        'id="attunement-practitioner-1" data-replaces="retired-attunement-prompt">')
    page.goto(server + "article/attunement/")
    assert found == [True], "the prompt is not on the page as the journal reads it"
    expect(page.locator("#attunement-practitioner-1 textarea")).to_have_value("Kept through the rename.")
    entries = page.evaluate("JSON.parse(localStorage.getItem('resonance:journal'))")["entries"]
    assert set(entries) == {"attunement-practitioner-1"}
    assert entries["attunement-practitioner-1"]["answer"] == "Kept through the rename."


def test_the_journal_page_follows_prompt_redirects_and_never_overwrites_an_answer(page, server):
    """On the journal page the site's redirects (its routes data) move answers on; an answer
    already under the new id stays, and the old one stays too, under its old id."""
    _journal_with(page, server, {
        "retired-one": _entry("Moved on to the new prompt."),
        "retired-two": _entry("Older answer, kept where it was."),
        "analysis-manager-1": _entry("Newer answer to the replacement.", module="analysis"),
    })
    found = _serve_with(page, server + "journal/", '"prompt_redirects":{}',
                        '"prompt_redirects":{"retired-one":"attunement-practitioner-1",'
                        '"retired-two":"analysis-manager-1"}')
    page.goto(server + "journal/")
    assert found == [True], "the journal page carries no prompt redirects in its routes data"
    journal = page.locator("#journal")
    expect(journal).to_contain_text("Moved on to the new prompt.")
    expect(journal).to_contain_text("Older answer, kept where it was.")
    expect(journal).to_contain_text("Newer answer to the replacement.")
    entries = page.evaluate("JSON.parse(localStorage.getItem('resonance:journal'))")["entries"]
    assert set(entries) == {"attunement-practitioner-1", "retired-two", "analysis-manager-1"}
    assert entries["attunement-practitioner-1"]["answer"] == "Moved on to the new prompt."
    assert entries["analysis-manager-1"]["answer"] == "Newer answer to the replacement."
