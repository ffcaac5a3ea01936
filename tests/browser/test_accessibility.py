"""Accessibility: axe-core finds no WCAG 2.0/2.1/2.2 A and AA violations.

Every page of the built site is checked in the light and the dark colour
scheme, then the states a page-load check misses: the phone layout, and a
term or citation preview open. No axe rule is disabled: a violation is fixed
in our CSS or templates, not hidden.

Both ways into the dark scheme are used: a reader's system preference
(``prefers-color-scheme: dark``, which the palette follows) and the palette
toggle in the header (Material then keeps the choice for the next pages).

axe-core comes from ``node_modules`` (``npm ci``, run by ``make test``);
without it these tests are skipped, except when CI is set.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.axe import AXE, SCHEMES, run_axe, shown_scheme, switch_scheme, violations
from tests.browser.pages import DESKTOP, GLOSSARY, MODULE, PHONE


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: run `npm ci` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so accessibility tests may not be skipped)")
        pytest.skip(message)
    return str(AXE)


@pytest.fixture
def open_page(chromium):
    """A fresh page in the given device settings and colour-scheme preference, with axe if asked."""
    contexts = []

    def new_page(device: dict, scheme: str = "light", with_axe: bool = True):
        context = chromium.new_context(color_scheme=scheme, **device)
        if with_axe:
            context.add_init_script(path=str(AXE))
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def axe_problems(page, where: str) -> str | None:
    """Run axe on the page as it is now; a readable report of violations, or None."""
    return violations(run_axe(page), where)


def test_every_page_passes_axe(site_tour, axe_script, subtests):
    """Every built page (each index.html and 404.html), in the light and the
    dark scheme, one subtest per page and scheme.

    Pages are found in the build, so a new page is checked without editing
    this test; the home page, the glossary and 404 must be among them. Each
    page is loaded once (the visit in ``tour.py``, shared with the privacy
    test) and switched with the palette toggle, starting in the scheme the
    previous page ended in."""
    assert {"", GLOSSARY, MODULE, "404.html"} <= {visit.path for visit in site_tour}
    for visit in site_tour:
        for scheme in SCHEMES:
            with subtests.test(page=visit.where, scheme=scheme):
                result = visit.axe.get(scheme)
                assert result is not None, f"axe did not run on {visit.where} ({scheme}): {visit.error}"
                problems = violations(result, f"{visit.where} ({scheme}, 1280x900)")
                if problems:
                    pytest.fail(problems, pytrace=False)


@pytest.mark.parametrize("path", [MODULE, GLOSSARY])
def test_phone_layout_passes_axe(open_page, server, axe_script, subtests, path):
    """The phone layout (390x844) has its own header, drawer and reflowed
    text. The page opens with a dark system preference, which the palette
    must follow, then is switched to light."""
    page = open_page(PHONE, scheme="dark")
    page.goto(server + path)
    assert shown_scheme(page) == SCHEMES["dark"], "the palette ignored prefers-color-scheme: dark"
    for scheme in ("dark", "light"):
        with subtests.test(scheme=scheme):
            switch_scheme(page, scheme)
            problems = axe_problems(page, f"/{path} ({scheme}, phone 390x844)")
            if problems:
                pytest.fail(problems, pytrace=False)


@pytest.mark.parametrize("link", ["a.term", "a.citation"])
def test_open_preview_passes_axe(open_page, server, axe_script, subtests, link):
    """An open preview adds a tooltip and a link to the page: check them,
    in both schemes (the preview draws its own background and border)."""
    page = open_page(DESKTOP, scheme="dark")
    page.goto(server + MODULE)
    preview = page.locator(".res-preview")
    for scheme in ("dark", "light"):
        with subtests.test(scheme=scheme):
            switch_scheme(page, scheme)  # a click elsewhere, which closes any preview
            page.locator(f"article {link}").first.focus()
            preview.wait_for(state="visible")
            problems = axe_problems(page, f"/{MODULE} with a {link} preview open ({scheme})")
            if problems:
                pytest.fail(problems, pytrace=False)
            page.keyboard.press("Escape")


# The contrast of an element's text with the first opaque background behind
# it (WCAG's formula), as the browser computes both colours now.
CONTRAST = """el => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  let bg = null;
  for (let n = el; n && n.nodeType === 1 && !bg; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor); if (c && c.a > 0) bg = c; }
  bg = bg || {r: 255, g: 255, b: 255, a: 1};
  const fg = parse(getComputedStyle(el).color);
  const over = k => fg[k] * fg.a + bg[k] * (1 - fg.a);
  const lum = c => ['r', 'g', 'b'].map(k => c[k] / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const a = lum({r: over('r'), g: over('g'), b: over('b')}), b = lum(bg);
  return {ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          colours: getComputedStyle(el).color + ' on ' + `rgb(${bg.r}, ${bg.g}, ${bg.b})`};
}"""
# Links of each kind a reader points at or tabs to; axe checks them at rest only.
HOVERED = {
    "link in the text": "article p a:not(.term):not(.citation)",
    "glossary term": "article a.term",
    "citation": "article a.citation",
    "navigation": ".md-sidebar--primary .md-nav__link[href]",
    "table of contents": ".md-sidebar--secondary .md-nav__link[href]",
    "button": "article .md-button",
}


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_hovered_and_focused_links_keep_their_contrast(open_page, server, subtests, scheme):
    """axe measures colours at rest; Material recolours links on hover and
    focus (its accent colour), so those states are measured here: text at
    least 4.5:1 against what is behind it (WCAG 1.4.3), in both schemes."""
    page = open_page(DESKTOP, scheme=scheme, with_axe=False)
    measured = 0
    for path in ("", MODULE):
        page.goto(server + path)
        for kind, selector in HOVERED.items():
            first = page.locator(selector).filter(visible=True).first  # one query, not one per link
            links = [first.element_handle()] if first.count() else []
            for link in links:
                for state in ("hover", "focus"):
                    with subtests.test(page=path or "/", link=kind, state=state):
                        page.keyboard.press("Escape")  # close a preview left open
                        page.mouse.move(0, 0)
                        link.scroll_into_view_if_needed()
                        link.hover(force=True) if state == "hover" else link.focus()
                        page.evaluate("() => document.getAnimations().forEach(a => a.finish())")
                        result = link.evaluate(CONTRAST)
                        link.evaluate("el => el.blur()")
                        measured += 1
                        assert result["ratio"] >= 4.5, (
                            f"/{path} {kind} on {state}, {scheme} scheme: {result['ratio']:.2f}:1 "
                            f"({result['colours']}); WCAG 1.4.3 asks 4.5:1")
    assert measured >= 16, f"only {measured} link states measured: have the selectors gone stale?"
