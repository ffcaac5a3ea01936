"""The practitioner's journey: pathways step by step, on module pages and the pathway page.

A module page opened from a pathway (``?pathway=ID``) shows where the reader
is and leads to the next step of the pathway, not the next page of the
article; the pathway is remembered in the browser; "Mark as done" and the
pathway page's ticks are the same progress; the home page offers to
continue. Every wait is for a condition, never for time.
"""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from macros.core.site import load_site
from macros.core.urls import page_url
from tests.browser.pages import DESKTOP, PHONE
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


@pytest.fixture
def browse(chromium):
    contexts = []

    def new_page(device: dict = PHONE, **options):
        context = chromium.new_context(**device, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def module_url(model, module_id: str) -> str:
    return page_url(model.module(module_id).src)


def off_route_step(model, pathway_id: str) -> int:
    """The first step whose next step is not the article's next page."""
    pathway = next(p for p in model.pathways if p.id == pathway_id)
    order = [page.module for page in model.modules]
    for index, step in enumerate(pathway.steps[:-1]):
        if order[order.index(step.module) + 1] != pathway.steps[index + 1].module:
            return index
    raise AssertionError(f"every step of {pathway_id} follows the article's order")


def test_the_bar_says_where_the_reader_is_and_leads_along_the_pathway(browse, server, model):
    pathway = next(p for p in model.pathways if p.id == "manager")
    index = off_route_step(model, "manager")
    step, following = pathway.steps[index], pathway.steps[index + 1]
    page = browse()
    page.goto(server + module_url(model, step.module) + "?pathway=manager")
    bar = page.locator(".pathway-bar--top[data-pathway=manager]")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text(f"Step {index + 1} of {len(pathway.steps)}")
    expect(bar).to_contain_text(pathway.title)
    expect(bar).to_contain_text(f"About {model.step_time(step).minutes} minutes")
    expect(page.locator(".md-footer__inner")).to_be_hidden()  # the theme's previous/next
    others = page.locator(".pathway-bar:not([data-pathway=manager])")
    expect(others).to_have_count(page.locator(".pathway-bar").count() - 2)
    assert all(not other.is_visible() for other in others.all())
    end = page.locator(".pathway-bar--end[data-pathway=manager]")
    end.get_by_role("link", name=re.compile("^Next in your pathway")).click()
    expect(page).to_have_url(
        re.compile(re.escape(module_url(model, following.module)) + r"\?pathway=manager$"))
    expect(page.locator(".pathway-bar--top[data-pathway=manager]")).to_contain_text(
        f"Step {index + 2} of {len(pathway.steps)}")


def test_the_pathway_is_remembered_and_can_be_left(browse, server, model):
    page = browse()
    page.goto(server + module_url(model, "attunement") + "?pathway=practitioner")
    expect(page.locator(".pathway-bar--top[data-pathway=practitioner]")).to_be_visible()
    page.goto(server + module_url(model, "analysis"))  # no ?pathway: remembered
    expect(page.locator(".pathway-bar--top[data-pathway=practitioner]")).to_be_visible()
    page.locator(".pathway-bar--end").get_by_role("button", name="Stop following this pathway").click()
    expect(page.locator(".pathway-bar:visible")).to_have_count(0)
    expect(page.locator(".pathway-left")).to_be_focused()
    expect(page.locator(".md-footer__inner")).to_be_visible()
    page.goto(server + module_url(model, "resonance"))
    expect(page.locator(".md-footer__inner")).to_be_visible()
    assert page.locator(".pathway-bar:visible").count() == 0


def test_done_on_a_module_page_is_done_on_the_pathway_page(browse, server, model):
    pathway = next(p for p in model.pathways if p.id == "practitioner")
    first, second = pathway.steps[0], pathway.steps[1]
    page = browse()
    page.goto(server + module_url(model, first.module) + "?pathway=practitioner")
    top = page.locator(".pathway-bar--top[data-pathway=practitioner] [data-pathway-done]")
    end = page.locator(".pathway-bar--end[data-pathway=practitioner] [data-pathway-done]")
    end.check()
    expect(top).to_be_checked()  # both bars show the same progress
    page.goto(server + "pathways/practitioner/")
    expect(page.locator(".pathway-progress")).to_have_text(f"1 of {len(pathway.steps)} steps done.")
    expect(page.locator(f'.pathway-step[data-step="{first.module}"] .step-done input')).to_be_checked()
    start = page.locator("[data-pathway-start]")
    expect(start).to_have_text(re.compile(r"^Continue with step 2: "))
    assert start.get_attribute("href").endswith(module_url(model, second.module) + "?pathway=practitioner")
    sitting = page.locator(".pathway-sitting").first.locator("[data-sitting-start]")
    expect(sitting).to_have_text("Continue sitting 1")
    assert sitting.get_attribute("href") == start.get_attribute("href")
    page.locator(f'.pathway-step[data-step="{first.module}"] .step-done input').uncheck()
    expect(page.locator(".pathway-progress")).to_have_text(f"0 of {len(pathway.steps)} steps done.")
    page.goto(server + module_url(model, first.module) + "?pathway=practitioner")
    done = page.locator(".pathway-bar--top[data-pathway=practitioner] [data-pathway-done]")
    expect(done).not_to_be_checked()


def test_a_finished_sitting_says_so_and_the_next_one_starts(browse, server, model):
    pathway = next(p for p in model.pathways if p.id == "leader")
    page = browse(DESKTOP)
    page.goto(server + "pathways/leader/")
    for step in pathway.sittings[0].steps:
        page.locator(f'.pathway-step[data-step="{step.module}"] .step-done input').check()
    first, second = page.locator(".pathway-sitting").nth(0), page.locator(".pathway-sitting").nth(1)
    expect(first.locator(".sitting-done")).to_be_visible()
    expect(first.locator("[data-sitting-start]")).to_be_hidden()
    start = second.locator("[data-sitting-start]")
    expect(start).to_have_text("Start sitting 2")
    expect(start).to_have_class(re.compile(r"\bmd-button--primary\b"))
    assert start.get_attribute("href").endswith(
        module_url(model, pathway.sittings[1].steps[0].module) + "?pathway=leader")


def test_home_offers_to_continue_once_a_pathway_is_started(browse, server, model):
    pathway = next(p for p in model.pathways if p.id == "practitioner")
    page = browse()
    page.goto(server)
    expect(page.locator(".pathway-continue")).to_be_hidden()
    page.goto(server + module_url(model, pathway.steps[0].module) + "?pathway=practitioner")
    page.locator(".pathway-bar--top[data-pathway=practitioner] [data-pathway-done]").check()
    page.goto(server)
    block = page.locator(".pathway-continue")
    expect(block).to_be_visible()
    expect(block).to_contain_text("Continue where you left off")
    expect(block).to_contain_text(f"{pathway.title}: step 2 of {len(pathway.steps)}")
    block.get_by_role("link", name="Continue with step 2").click()
    expect(page).to_have_url(re.compile(re.escape(module_url(model, pathway.steps[1].module))))
    expect(page.locator(".pathway-bar--top[data-pathway=practitioner]")).to_contain_text("Step 2 of")


def test_without_javascript_the_pathway_page_links_every_step_in_order(browse, server, model):
    """No bar and no ticks without JavaScript, but every step is a link, in order, and each
    sitting's Start leads to its first step."""
    pathway = next(p for p in model.pathways if p.id == "practitioner")
    page = browse(java_script_enabled=False)
    page.goto(server + "pathways/practitioner/")
    links = page.locator(".pathway-step__title a")
    expect(links).to_have_count(len(pathway.steps))
    for index, step in enumerate(pathway.steps):
        href = links.nth(index).get_attribute("href")
        assert href.endswith(module_url(model, step.module) + "?pathway=practitioner")
    starts = page.locator("[data-sitting-start]")
    expect(starts).to_have_count(len(pathway.sittings))
    for index, sitting in enumerate(pathway.sittings):
        assert starts.nth(index).get_attribute("href").endswith(module_url(model, sitting.steps[0].module)
                                                                 + "?pathway=practitioner")
    page.goto(server + module_url(model, pathway.steps[0].module) + "?pathway=practitioner")
    expect(page.locator(".pathway-bar:visible")).to_have_count(0)
    expect(page.locator(".md-footer__inner")).to_be_visible()


def test_the_home_pages_first_screen_offers_one_way_to_start(browse, server, model):
    """At 390x844: what this is, then the roles in plain words and "Just read the article",
    every one of them within the first screen; no second list of places to start."""
    page = browse(PHONE)
    page.goto(server)
    choices = page.locator(".layer-choice a")
    expect(choices).to_have_count(len(model.pathways) + 1)
    words = [layer.choice for layer in model.framework.layers]
    expect(page.locator(".layer-choice__words")).to_have_text([*words, "Just read the article"])
    for index in range(choices.count()):
        box = choices.nth(index).bounding_box()
        assert box["y"] + box["height"] <= 844, f"choice {index + 1} ends at {box['y'] + box['height']} px"
    assert page.locator(".home-lead").bounding_box()["y"] < page.locator(".layer-choice").bounding_box()["y"]
    assert page.locator("article ol a[href*='article/']").count() == 0  # no "Where to start" list
    choices.first.click()
    expect(page).to_have_url(re.compile(r"/pathways/practitioner/\?layer=practitioner$"))


# The walk of issue #14's "Done when", at 390x844 --------------------------------------

# Reference screenshots (committed, never compared): written to tests/screenshots/ when
# RESONANCE_UPDATE_SCREENSHOTS=1, else to the test's temporary folder.
SCREENSHOTS = ROOT / "tests" / "screenshots"
WALKS = ["practitioner", "manager"]
TODAY = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")  # "3 December 2026"
# What a plain text file read on a phone must not show: the headings' permalink mark,
# Markdown emphasis, HTML tags or entities, escaped characters, replacement characters.
STRAY = re.compile(r"¶|\*\*|</?[a-z][^>]*>|&[a-z]+;|&#\d+;|\\[*_`#]|\ufffd")


def step_address(model, module_id: str, pathway_id: str) -> re.Pattern:
    """A module page's address as a step of a pathway."""
    return re.compile(re.escape(module_url(model, module_id)) + rf"\?pathway={pathway_id}$")


@pytest.mark.parametrize("role", WALKS)
def test_the_walk_on_a_phone(browse, server, model, role, tmp_path):
    """First screen, role choice, step 1, "Next in your pathway" (marking each step done)
    through a step whose next step is not the article's next page, home offers to continue,
    a reflection written on the way is in the journal and in its download, dated, with no
    stray characters."""
    pathway = next(p for p in model.pathways if p.layer == role)
    layer = next(layer for layer in model.framework.layers if layer.id == role)
    order = [page.module for page in model.modules]
    off = off_route_step(model, pathway.id)
    shots = SCREENSHOTS if os.environ.get("RESONANCE_UPDATE_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(exist_ok=True)
    shoot = role == "practitioner"
    page = browse(PHONE, accept_downloads=True)

    # The first screen: the reader's role, in plain words, without scrolling.
    page.goto(server)
    choice = page.locator(".layer-choice a", has_text=layer.choice)
    box = choice.bounding_box()
    assert box["y"] + box["height"] <= 844, "the role choice is below the first screen"
    if shoot:
        page.screenshot(path=shots / "home-390x844.png")
    choice.click()
    expect(page).to_have_url(re.compile(rf"/pathways/{pathway.id}/"))
    expect(page.locator("h1")).to_contain_text(pathway.title)
    if shoot:
        page.screenshot(path=shots / "pathway-390x844.png")

    # Step 1, then on along the pathway, each step marked done.
    page.locator("[data-pathway-start]").click()
    top = page.locator(f".pathway-bar--top[data-pathway={pathway.id}]")
    end = page.locator(f".pathway-bar--end[data-pathway={pathway.id}]")
    for index in range(off + 1):
        step = pathway.steps[index]
        expect(page).to_have_url(step_address(model, step.module, pathway.id))
        expect(top).to_be_visible()
        expect(top).to_contain_text(f"Step {index + 1} of {len(pathway.steps)}")
        if index == 0:
            prompt = page.locator(f".reflect .prompt[data-layer={role}]").first
            answer = f"What I noticed as a {role}:\nto slow down & listen <first>."
            prompt.locator("textarea").fill(answer)
            expect(prompt.locator(".journal-saved")).to_have_text("Saved in this browser.")
        if index == off and shoot:
            page.screenshot(path=shots / "module-in-pathway-390x844.png")
        end.locator("[data-pathway-done]").check()
        expect(top.locator("[data-pathway-done]")).to_be_checked()
        following = pathway.steps[index + 1].module
        if index == off:  # the pathway's next step is not the article's next page
            assert order[order.index(step.module) + 1] != following
        end.get_by_role("link", name=re.compile("^Next in your pathway")).click()
    expect(page).to_have_url(step_address(model, following, pathway.id))

    # Home offers to continue from the first step not done.
    page.goto(server)
    block = page.locator(".pathway-continue")
    expect(block).to_contain_text("Continue where you left off")
    expect(block).to_contain_text(f"{pathway.title}: step {off + 2} of {len(pathway.steps)}")
    assert block.bounding_box()["y"] < 844, "Continue is on the first screen"

    # The journal: the answer, dated, linked back to its prompt; downloaded as plain text.
    page.goto(server + "journal/")
    journal = page.locator("#journal")
    expect(journal).to_contain_text("to slow down & listen <first>.")
    expect(journal.locator(".journal-meta").first).to_contain_text(TODAY)
    assert "¶" not in journal.inner_text()
    download_button = page.get_by_role("button", name="Download your notes")
    box = download_button.bounding_box()
    assert box["y"] + box["height"] <= 844, "Download your notes is below the first screen"
    if shoot:
        page.screenshot(path=shots / "journal-390x844.png")
    with page.expect_download() as download:
        download_button.click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert re.search(rf"Exported on {TODAY.pattern}\.", text), text
    assert re.search(rf"Written on {TODAY.pattern}\.", text), text
    assert f"## {pathway.title}" in text and f"> What I noticed as a {role}:" in text
    stray = STRAY.findall(text.replace("<first>", ""))  # the reader's own words are kept as written
    assert not stray, f"stray characters in the download: {stray}\n{text}"
    assert "> to slow down & listen <first>." in text
