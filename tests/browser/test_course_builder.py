"""The course builder, used as a trainer would: pick, order, choose prompts, share, print, download.

Every step waits for what the page shows (a ticked box, a session in the
list), never for time. The downloaded course file is put in a copy of the
project, where ``python -m macros check`` must accept it unchanged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from macros.core.site import load_site
from tests.browser.pages import DESKTOP, PHONE, watch_policy
from tests.browser.test_accessibility import (  # noqa: F401 - fixtures, shared
    axe_problems,
    axe_script,
    open_page,
    switch_scheme,
)
from tests.conftest import copy_project

BUILDER = "trainers/course-builder/"
CATALOGUE = "trainers/catalogue/"
FIRST, SECOND = "attunement", "analysis"


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


@pytest.fixture
def desktop(chromium):
    context = chromium.new_context(**DESKTOP, accept_downloads=True)
    context.set_default_timeout(10_000)
    violations = watch_policy(context)
    yield context
    context.close()
    assert not violations, violations


def tick(page, module: str) -> None:
    page.locator(f'#course-builder input[name="module"][value="{module}"]').check()


def sessions(page) -> list[str]:
    return page.locator(".builder-session").evaluate_all("items => items.map(i => i.dataset.module)")


def open_link(context, page):
    """Follow a#course-link in a new page, as a colleague given the link would."""
    href = page.locator("#course-link").get_attribute("href")
    other = context.new_page()
    other.goto(href)
    other.locator(".builder-empty").wait_for(state="attached")
    return other, href


def test_two_ticked_modules_come_back_from_the_link(desktop, server):
    page = desktop.new_page()
    page.goto(server + BUILDER)
    tick(page, FIRST)
    tick(page, SECOND)
    page.locator(".builder-session").nth(1).wait_for()
    assert sessions(page) == [FIRST, SECOND]

    other, href = open_link(desktop, page)
    assert urlsplit(href).fragment, "the course is kept after the #, which is never sent to a server"
    ticked = other.locator('input[name="module"]:checked').evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(ticked) == sorted([FIRST, SECOND])
    assert sessions(other) == [FIRST, SECOND]


def test_order_prompts_minutes_and_title_come_back_from_the_link(desktop, server, model):
    page = desktop.new_page()
    page.goto(server + BUILDER)
    tick(page, FIRST)
    tick(page, SECOND)
    page.locator(f'.builder-session[data-module="{SECOND}"]').wait_for()
    page.locator(f'.builder-session[data-module="{FIRST}"] [data-action="down"]').click()
    page.wait_for_function(f"() => document.querySelector('.builder-session').dataset.module === '{SECOND}'")
    chosen = {FIRST: [f"{FIRST}-manager-1"], SECOND: [f"{SECOND}-practitioner-1", f"{SECOND}-leader-1"]}
    for prompts in chosen.values():
        for prompt in prompts:
            page.locator(f"#pick-{prompt}").check()
    page.locator(f"#minutes-{FIRST}").fill("35")
    page.locator("#builder-title").fill("Supervisors: a morning on attunement & analysis")
    page.wait_for_function("() => document.getElementById('course-link').href.includes('35')")

    other, _href = open_link(desktop, page)
    assert sessions(other) == [SECOND, FIRST]
    for module, prompts in chosen.items():
        session = other.locator(f'.builder-session[data-module="{module}"]')
        ticked = session.locator('input[name="prompt"]:checked').evaluate_all("b => b.map(x => x.value)")
        assert ticked == [p for p in model.prompts if p in prompts], module  # in the module's order
    assert other.locator(f"#minutes-{FIRST}").input_value() == "35"
    assert other.locator("#builder-title").input_value() == "Supervisors: a morning on attunement & analysis"
    total = other.locator(".builder-total").inner_text()
    expected = 35 + model.module(SECOND).reading_minutes + 2 * 10
    assert f"Total: {expected} minutes" in total


def test_the_plan_shows_the_course_in_order_with_timings_that_add_up(desktop, server, model):
    page = desktop.new_page()
    page.goto(server + BUILDER + f"#title=Team+day&m={SECOND}.20.{SECOND}-practitioner-1"
              f"&m={FIRST}..{FIRST}-manager-1.{FIRST}-manager-2")
    page.locator(".builder-session").nth(1).wait_for()
    plan = page.locator("#course-plan").get_attribute("href")
    page.goto(plan)
    page.locator(f'[data-session="{FIRST}"]:not([hidden])').wait_for()
    order = page.locator(".handout-session:not([hidden])").evaluate_all("s => s.map(x => x.dataset.session)")
    assert order == [SECOND, FIRST]
    assert page.locator("h1").inner_text() == "Team day"
    shown = page.locator(".handout-session:not([hidden]) .prompt:not([hidden])")
    assert shown.evaluate_all("p => p.map(x => x.id)") == [f"{SECOND}-practitioner-1", f"{FIRST}-manager-1",
                                                           f"{FIRST}-manager-2"]
    rows = page.locator(".course-agenda tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    first_minutes = model.module(FIRST).reading_minutes + 2 * 10
    assert rows == [["0:00", f"1. {model.module(SECOND).title}", "20"],
                    ["0:20", f"2. {model.module(FIRST).title}", str(first_minutes)],
                    [f"{(20 + first_minutes) // 60}:{(20 + first_minutes) % 60:02d}", "End",
                     f"{20 + first_minutes} in all"]]
    # The lens of each role the prompts are for: practitioners for the first session, managers for the second.
    shown_lenses = page.locator(".handout-session:not([hidden]) .handout-lens:not([hidden])")
    lenses = shown_lenses.evaluate_all("l => l.map(x => x.dataset.layer)")
    assert lenses == ["practitioner", "manager"]


def test_the_downloaded_course_passes_the_check_unchanged(desktop, server, root, tmp_path, model):
    """A title and notes that YAML would misread (quotes, a colon, a hash, braces, a new line)
    are written so that the file still reads back as typed."""
    page = desktop.new_page()
    hostile = 'Day one: "attunement" # not a comment {{ x }} [@rosa2019]'
    page.goto(server + BUILDER)
    tick(page, FIRST)
    tick(page, SECOND)
    page.locator(f"#pick-{FIRST}-practitioner-1").check()
    page.locator(f"#minutes-{SECOND}").fill("1")  # shorter than reading it: the activities still fit
    page.locator("#builder-title").fill(hostile)
    page.locator("#builder-notes").fill("Bring a pen.\n- and a cup of tea: it's a long day")
    with page.expect_download() as info:
        page.locator("#course-download").click()
    download = info.value
    name = download.suggested_filename
    assert name.endswith(".yml") and "/" not in name
    text = Path(download.path()).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    schema = json.loads((root / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, registry=_registry(root)).validate(data)
    assert data["title"] == hostile
    assert data["introduction"] == "Bring a pen.\n- and a cup of tea: it's a long day"
    assert [s["modules"] for s in data["sessions"]] == [[FIRST], [SECOND]]
    assert data["sessions"][0]["prompts"] == [f"{FIRST}-practitioner-1"]
    assert data["sessions"][1]["minutes"] == 1

    project = copy_project(tmp_path / "project")
    (project / "courses" / name).write_bytes(Path(download.path()).read_bytes())
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(project)],
                            cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    course = next(c for c in load_site(project).courses if c.id == name.removesuffix(".yml"))
    assert course.title == hostile and course.sessions[0].modules == (FIRST,)


def _registry(root: Path):
    """The course schema refers to common.schema.json beside it."""
    from referencing import Registry, Resource

    common = json.loads((root / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    return Registry().with_resource("common.schema.json", Resource.from_contents(common))


def test_the_filters_narrow_the_cards(desktop, server, model):
    page = desktop.new_page()
    page.goto(server + CATALOGUE)
    page.locator(".module-filter:not([hidden])").wait_for()
    cards = page.locator(".catalogue-card")
    assert cards.count() == len(model.modules)
    page.locator('select[data-filter="topics"]').select_option("attunement")
    visible = page.locator(".catalogue-card:not([hidden])")
    ids = visible.evaluate_all("c => c.map(x => x.dataset.module)")
    assert FIRST in ids and 0 < len(ids) < len(model.modules)
    assert all("attunement" in t.split() for t in visible.evaluate_all("c => c.map(x => x.dataset.topics)"))
    assert f"{len(ids)} of {len(model.modules)}" in page.locator(".module-filter__count").inner_text()
    page.locator('select[data-filter="minutes"]').select_option("5")
    assert all(int(m) <= 5 for m in page.locator(".catalogue-card:not([hidden])").evaluate_all(
        "c => c.map(x => x.dataset.minutes)"))


@pytest.mark.parametrize("path", [BUILDER + f"#m={FIRST}..{FIRST}-practitioner-1&m={SECOND}", CATALOGUE,
                                  f"{BUILDER}handout/#view=plan&m={FIRST}"])
def test_no_sideways_scrolling_on_a_phone(chromium, server, path):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(server + path)
        page.locator(".catalogue-card, .handout-session:not([hidden])").first.wait_for()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, "
                               "document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"/{path} is {widths[0]} px wide on a {widths[1]} px screen"
    finally:
        context.close()


def test_building_and_downloading_sends_nothing(desktop, server):
    """Every request while a course is made, shared, opened as a plan and downloaded goes to
    the local server (or stays in the page: data:, blob:); and there are requests to see."""
    local = urlsplit(server).netloc
    seen: list[str] = []
    desktop.on("request", lambda request: seen.append(request.url))
    page = desktop.new_page()
    page.goto(server + BUILDER)
    tick(page, FIRST)
    page.locator(f"#pick-{FIRST}-manager-1").check()
    page.locator("#builder-title").fill("Private title")
    other, _href = open_link(desktop, page)
    other.goto(other.locator("#course-handout").get_attribute("href"))
    other.locator(f'[data-session="{FIRST}"]:not([hidden])').wait_for()
    with page.expect_download():
        page.locator("#course-download").click()
    assert len(seen) >= 6, seen
    outside = [url for url in seen
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != local]
    assert not outside, outside
    assert not any("Private" in url for url in seen), "the course must never be part of a request"


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", [BUILDER + f"#m={FIRST}..{FIRST}-practitioner-1&m={SECOND}",
                                  f"{BUILDER}handout/#view=plan&m={FIRST}..{FIRST}-manager-1",
                                  f"{BUILDER}handout/#m={FIRST}..{FIRST}-manager-1"])
def test_the_builder_with_a_course_passes_axe(open_page, server, axe_script, subtests, device, path):  # noqa: F811
    """States a page-load check of the site cannot reach: sessions in the builder, a plan and a handout."""
    page = open_page(device)
    page.goto(server + path)
    page.locator(".builder-session, .handout-session:not([hidden])").first.wait_for()
    for scheme in ("light", "dark"):
        with subtests.test(scheme=scheme):
            switch_scheme(page, scheme)
            problems = axe_problems(page, f"/{path} ({scheme})")
            if problems:
                pytest.fail(problems, pytrace=False)
