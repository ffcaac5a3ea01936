"""Term and citation previews (macros/assets/preview.js) with keyboard, touch,
mouse, and without JavaScript, on a module page.

A preview must work for every way of reading: it opens on keyboard focus and
never traps focus, a first tap previews and a second follows the link, a
hover previews after a short delay, and without JavaScript a term is still a
plain link (with a native tooltip) to its glossary entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.pages import DESKTOP, MODULE, PHONE
from tests.htmltext import scan

DEVICES = {"desktop": DESKTOP, "phone": PHONE}
LINKS = {"term": "article a.term", "citation": "article a.citation"}
PREVIEW = ".res-preview"
MAX_TABS = 100  # the first term is about 30 presses from the top on a phone

# The next element in sequential focus order after `el`, skipping the preview's own link.
NEXT_TABBABLE = """el => {
  const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest('.res-preview')
                 && e.checkVisibility({visibilityProperty: true}));
  window.__expectedNext = all[all.indexOf(el) + 1];
  return window.__expectedNext ? window.__expectedNext.outerHTML.slice(0, 120) : null;
}"""

# Milliseconds from the pointer entering `el` to a preview being shown.
TIME_PREVIEW = """el => {
  el.addEventListener('pointerover', () => { window.__pointerAt = performance.now(); }, {once: true});
  new MutationObserver((_, observer) => {
    const box = document.querySelector('.res-preview');
    if (box && !box.hidden && window.__pointerAt) {
      window.__previewDelay = performance.now() - window.__pointerAt;
      observer.disconnect();
    }
  }).observe(document.body, {childList: true, subtree: true, attributes: true, attributeFilter: ['hidden']});
}"""


@pytest.fixture(scope="module")
def definitions(site_dir: Path) -> dict[str, str]:
    """Each term's short definition, from the built module page's title attributes."""
    tags = scan(site_dir / MODULE / "index.html").tags
    found = {a["data-term"]: a["title"] for tag, a in tags
             if tag == "a" and "term" in a.get("class", "").split() and a.get("title")}
    assert found, f"no a.term with a title on {MODULE}"
    return found


@pytest.fixture
def browse(chromium, server):
    """Open the module page in a new context with the given settings."""
    contexts = []

    def open_module(device: dict, **options):
        context = chromium.new_context(**device, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(server + MODULE)
        return page

    yield open_module
    for context in contexts:
        context.close()


@pytest.fixture(params=list(DEVICES))
def device(request) -> dict:
    return DEVICES[request.param]


def tab_to(page, selector: str):
    """Press Tab from the top of the page until an element matching selector has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    pytest.fail(f"{selector} not focused after {MAX_TABS} presses of Tab")


def reference_text(page, citation) -> str:
    key = citation.get_attribute("data-cite")
    return page.locator(f'.page-references li[data-ref="{key}"]').inner_text()


def expect_preview_of(page, link, text: str) -> None:
    """The preview is visible, shows text, and the link is described by its tooltip."""
    preview = page.locator(PREVIEW)
    preview.wait_for(state="visible")
    tooltip = preview.locator("[role=tooltip]")
    expect(tooltip).to_have_text(text)
    tip_id = tooltip.get_attribute("id")
    assert tip_id and tip_id in (link.get_attribute("aria-describedby") or "").split(), (
        f"link is not described by the tooltip #{tip_id}: {link.evaluate('e => e.outerHTML')}")


# Keyboard -----------------------------------------------------------------

@pytest.mark.parametrize("kind", list(LINKS))
def test_keyboard_focus_opens_preview(browse, device, definitions, kind):
    """Tabbing onto a term shows its short definition; onto a citation, the
    full reference from the page's "Works cited" list. Screen readers hear
    it through aria-describedby pointing at the role=tooltip element."""
    page = browse(device)
    link = tab_to(page, LINKS[kind])
    if kind == "term":
        text = definitions[link.get_attribute("data-term")]
    else:
        text = reference_text(page, link)
        assert len(text) > 20, text
    expect_preview_of(page, link, text)


@pytest.mark.parametrize("kind", list(LINKS))
def test_escape_closes_preview_and_tab_moves_on(browse, device, kind):
    """Escape hides the preview but leaves focus on the link (WCAG 1.4.13:
    dismissible without moving focus); Tab then goes to the next focusable
    element, not into the preview: no focus trap."""
    page = browse(device)
    link = tab_to(page, LINKS[kind])
    expect(page.locator(PREVIEW)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(PREVIEW)).to_be_hidden()
    expect(link).to_be_focused()
    assert "res-preview-tip" not in (link.get_attribute("aria-describedby") or "")
    expected = link.evaluate(NEXT_TABBABLE)
    assert expected, "nothing focusable after the link"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement === window.__expectedNext"), (
        f"Tab after Escape did not move on to {expected}; focus is on "
        + page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)"))


# Editorial notes ------------------------------------------------------------

NOTE_MARK = "article a.citation-note"


def test_note_mark_previews_its_note_and_leads_to_its_row(browse, device):
    """A citation written differently from its entry ("Brierly 2021") is
    followed by a "note" mark: focusing it shows the note, and the preview's
    link (like the mark itself) goes to the note's row on the editorial notes."""
    page = browse(device)
    mark = tab_to(page, NOTE_MARK)
    note = mark.get_attribute("data-preview") or mark.get_attribute("aria-description")
    assert note and note.startswith("Editorial note. "), note
    expect_preview_of(page, mark, note)
    go = page.locator(f"{PREVIEW} .res-preview__link")
    expect(go).to_have_text("Read the editorial note")
    key = mark.get_attribute("data-cite-note")
    assert re.search(rf"/editorial-notes/#cite-{re.escape(key)}$", go.get_attribute("href"))
    mark.press("Enter")
    expect(page).to_have_url(re.compile(rf"/editorial-notes/#cite-{re.escape(key)}$"))
    expect(page.locator(f'tr[id="cite-{key}"]')).to_have_count(1)


# Touch --------------------------------------------------------------------

def test_tap_on_term_previews_without_following_it(browse, definitions):
    """On a touch screen a first tap shows the definition and stays on the page."""
    page = browse(PHONE)
    url = page.url
    page.evaluate("() => { window.__samePage = true; }")
    term = page.locator(LINKS["term"]).first
    term.tap()
    expect_preview_of(page, term, definitions[term.get_attribute("data-term")])
    expect(page).to_have_url(url)
    assert page.evaluate("() => window.__samePage === true"), "the tap navigated"


def test_tap_elsewhere_closes_preview(browse):
    """Tapping outside the link and preview (here, the page heading) closes it."""
    page = browse(PHONE)
    page.locator(LINKS["term"]).first.tap()
    expect(page.locator(PREVIEW)).to_be_visible()
    page.locator("article h1").tap(position={"x": 5, "y": 5})
    expect(page.locator(PREVIEW)).to_be_hidden()


def test_tapped_citation_preview_closes_on_escape(browse):
    """A tapped citation shows the full reference; Escape (e.g. from an
    attached keyboard) closes it."""
    page = browse(PHONE)
    citation = page.locator(LINKS["citation"]).first
    citation.tap()
    expect_preview_of(page, citation, reference_text(page, citation))
    page.keyboard.press("Escape")
    expect(page.locator(PREVIEW)).to_be_hidden()


def test_second_tap_on_citation_follows_it(browse):
    """The second tap on a previewed citation goes to its entry on the
    References page, and that entry exists."""
    page = browse(PHONE)
    citation = page.locator(LINKS["citation"]).first
    key = citation.get_attribute("data-cite")
    citation.tap()
    expect(page.locator(PREVIEW)).to_be_visible()
    citation.tap()
    expect(page).to_have_url(re.compile(rf"/references/#{re.escape(key)}$"))
    expect(page.locator(f'[id="{key}"]')).to_have_count(1)


# Mouse --------------------------------------------------------------------

def test_hover_previews_after_a_delay_and_leaving_closes_it(browse):
    """A pointer resting on a citation previews it, but only after a delay,
    so sweeping the mouse across the text does not flash previews; moving
    away closes it. The delay is timed in the page, so a slow test machine
    cannot make it look shorter or longer."""
    page = browse(DESKTOP)
    citation = page.locator(LINKS["citation"]).first
    citation.evaluate(TIME_PREVIEW)
    citation.hover()
    expect_preview_of(page, citation, reference_text(page, citation))
    delay = page.evaluate("() => window.__previewDelay")
    assert delay is not None and delay >= 300, f"preview shown {delay} ms after the pointer arrived"
    box = page.locator("article h1").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.locator(PREVIEW).wait_for(state="hidden")


# No JavaScript ------------------------------------------------------------

def test_without_javascript_a_term_is_a_plain_glossary_link(browse, server, definitions):
    """Without JavaScript there is no preview: the term keeps its title (the
    browser's own tooltip) and a click goes to the glossary entry."""
    page = browse(DESKTOP, java_script_enabled=False)
    term = page.locator(LINKS["term"]).first
    slug = term.get_attribute("data-term")
    expect(term).to_have_attribute("title", definitions[slug])
    assert term.get_attribute("aria-describedby") is None
    term.click()
    expect(page).to_have_url(re.compile(rf"/glossary/#{re.escape(slug)}$"))
    expect(page.locator(f'[id="{slug}"]')).to_have_count(1)
    expect(page.locator(PREVIEW)).to_have_count(0)


def test_phone_menu_is_reachable_by_keyboard_and_closed_menu_is_skipped(chromium, server):
    """On a phone the menu opens from the keyboard, and Tab skips the closed drawer's links."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server + "article/attunement/")
    focused = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"))
    assert not any(focused), "Tab reached links of the closed navigation drawer"
    menu = page.get_by_role("button", name="Menu", exact=True)
    menu.focus()
    assert menu.evaluate("e => e.localName") == "button" and menu.get_attribute("aria-expanded") == "false"
    for key in ("Enter", " "):
        page.keyboard.press(key)
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    menu.tap()  # a finger, as on a phone
    assert page.evaluate("document.getElementById('__drawer').checked")
    context.close()
