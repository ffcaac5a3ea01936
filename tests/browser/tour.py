"""One visit to every page of the site, shared by the page-by-page browser tests.

Two tests need every page in a browser: accessibility (axe in the light and
the dark scheme) and privacy (every request the page makes, with a preview
opened and a search run to its results). Loading a page and letting
Material's search worker build its index is most of what each costs, so each
page is loaded once and both are recorded on that visit, in this order:

1. the page is loaded, every request of the page and its workers recorded
   from here on;
2. axe runs in the scheme the previous page ended in, the palette toggle in
   the header switches scheme (as a reader does; Material keeps the choice
   for the next page), and axe runs again: both at rest, before anything opens;
3. a term or citation preview is opened (where the page has one) and closed;
4. once Material's worker has loaded the search index, a search is typed and
   its results are waited for.

Every wait is for a condition in the page, never for a length of time. A step
that fails is recorded with the page, and the tests report it there; the
visit goes on to the next page, so one broken page hides no other.

On a machine with two or more cores the pages are shared between two
browsers, one in this thread and one in a helper thread with a Playwright of
its own (Playwright's rule for threads), each page wholly in one browser and
context. What is recorded for a page does not depend on which browser
visited it or when, so the split changes the time taken, not the results.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.axe import SCHEMES, run_axe, switch_scheme
from tests.browser.pages import DESKTOP

BROWSERS = 2 if (os.cpu_count() or 1) > 1 else 1
SEARCH_WORD = "resonance"  # in the text of the site, so search returns results
PREVIEW_LINKS = "article :is(a.term, a.citation)"


@dataclass
class Visit:
    """What one page showed: axe's results by scheme, the requests it made, how far the visit got."""

    path: str  # below the server root: "" for the home page, "glossary/", "404.html"
    axe: dict[str, dict] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    previewed: bool = False  # a preview was opened (False also where the page has no term or citation)
    searched: bool = False  # the visit reached the end: search results shown
    error: str = ""  # the step that failed, and Playwright's message

    @property
    def where(self) -> str:
        return "/" + self.path


def _open_a_preview(page) -> bool:
    links = page.locator(PREVIEW_LINKS)
    if not links.count():
        return False
    links.first.focus()
    page.locator(".res-preview").wait_for(state="visible")
    page.keyboard.press("Escape")
    return True


def _search(page) -> None:
    # Material's worker loads the index, then leaves "Initializing search";
    # a query typed before that is lost.
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                           ".textContent.includes('Initializing')")
    search = page.locator("input.md-search__input")
    search.fill(SEARCH_WORD)
    search.press("End")  # Material searches on key presses
    page.locator(".md-search-result__item").first.wait_for(state="visible")


def visit_every_page(browser: Browser, launch: Callable[[Playwright], Browser], server: str,
                     paths: list[str], axe_script: Path | None) -> list[Visit]:
    """Every page visited once, in ``browser`` and (with two cores) a second one from ``launch``.

    axe is skipped when ``axe_script`` is None. The visits come back in the order of ``paths``.
    """
    if BROWSERS == 1 or len(paths) < 2:
        return _visit_pages(browser, server, paths, axe_script)
    mine, theirs = paths[0::2], paths[1::2]  # alternate, so long pages fall to both
    with ThreadPoolExecutor(max_workers=1) as helper:
        other = helper.submit(_visit_in_own_browser, launch, server, theirs, axe_script)
        visits = _visit_pages(browser, server, mine, axe_script) + other.result()
    return sorted(visits, key=lambda visit: paths.index(visit.path))


def _visit_in_own_browser(launch: Callable[[Playwright], Browser], server: str, paths: list[str],
                          axe_script: Path | None) -> list[Visit]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return _visit_pages(browser, server, paths, axe_script)
        finally:
            browser.close()


def _visit_pages(browser: Browser, server: str, paths: list[str], axe_script: Path | None) -> list[Visit]:
    """Visit each page in turn in one desktop context of ``browser``."""
    context = browser.new_context(**DESKTOP)
    if axe_script:
        context.add_init_script(path=str(axe_script))
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))  # pages and their workers
    page = context.new_page()
    schemes = list(SCHEMES)
    visits = []
    try:
        for path in paths:
            visit = Visit(path)
            visits.append(visit)
            seen.clear()
            step = "loading the page"
            try:
                page.goto(server + path)
                if axe_script:
                    for scheme in schemes:
                        step = f"switching to the {scheme} scheme"
                        switch_scheme(page, scheme)
                        step = f"running axe in the {scheme} scheme"
                        visit.axe[scheme] = run_axe(page)
                    schemes.reverse()  # the next page opens in the scheme this one ended in
                step = "opening a preview"
                visit.previewed = _open_a_preview(page)
                step = "searching"
                _search(page)
                visit.searched = True
            except PlaywrightError as error:
                visit.error = f"{step}: {error.message.splitlines()[0]}"
            visit.requests = list(seen)
    finally:
        context.close()
    return visits
