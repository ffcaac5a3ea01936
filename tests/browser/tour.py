"""One visit to every page of the site, shared by the page-by-page browser tests.

Two tests need every page in a browser: accessibility (axe in the light and
the dark scheme) and privacy (every request the page makes, with a preview
opened and a search run to its results). Loading a page and letting
Material's search worker build its index is most of what each costs, so each
page is loaded once and both are recorded on that visit, in this order:

1. the page is loaded, every request of the page and its workers, and every
   Content-Security-Policy violation, recorded from here on;
2. axe runs in the scheme the previous page ended in, the palette toggle in
   the header switches scheme (as a reader does; Material keeps the choice
   for the next page), and axe runs again: both at rest, before anything opens;
3. a term or citation preview is opened (where the page has one) and closed;
4. once Material's worker has loaded the search index, a search is typed and
   its results are waited for.

Every wait is for a condition in the page, never for a length of time. A step
that fails is recorded with the page, and the tests report it there; the
visit goes on to the next page, so one broken page hides no other.

The visit runs in the background, in a browser and a thread of its own (a
Playwright per thread, as Playwright asks), from the first browser test on;
the two tests that read it are ordered last (see ``conftest.py``), so on two
cores it overlaps with everything else instead of following it. Each page is
visited in this one context, in order, and nothing recorded depends on when:
the overlap changes the time taken, not the results.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.axe import SCHEMES, run_axe, switch_scheme
from tests.browser.pages import DESKTOP, watch_policy

SEARCH_WORD = "resonance"  # in the text of the site, so search returns results
PREVIEW_LINKS = "article :is(a.term, a.citation):visible"  # not those a script keeps hidden


@dataclass
class Visit:
    """What one page showed: axe's results by scheme, the requests it made, how far the visit got."""

    path: str  # below the server root: "" for the home page, "glossary/", "404.html"
    axe: dict[str, dict] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)  # of the Content-Security-Policy
    policies: int = 0  # Content-Security-Policy meta tags on the page
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


class Tour:
    """The visit to every page, started at once in the background; ``visits()`` waits for it."""

    def __init__(self, launch: Callable[[Playwright], Browser], server: str, paths: list[str],
                 axe_script: Path | None):
        self._stop = threading.Event()  # set when the session ends before the visit does
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-tour")
        self._visits = self._thread.submit(self._run, launch, server, paths, axe_script)

    def visits(self) -> list[Visit]:
        """Every page's visit, in the order of ``paths`` (raises what stopped the visit, if anything did)."""
        return self._visits.result()

    def close(self) -> None:
        self._stop.set()
        self._thread.shutdown(wait=True)

    def _run(self, launch: Callable[[Playwright], Browser], server: str, paths: list[str],
             axe_script: Path | None) -> list[Visit]:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return _visit_pages(browser, server, paths, axe_script, self._stop)
            finally:
                browser.close()


def _visit_pages(browser: Browser, server: str, paths: list[str], axe_script: Path | None,
                 stop: threading.Event) -> list[Visit]:
    """Visit each page in turn in one desktop context of ``browser`` (axe skipped without ``axe_script``)."""
    context = browser.new_context(**DESKTOP)
    if axe_script:
        context.add_init_script(path=str(axe_script))
    seen: list[str] = []
    violations = watch_policy(context)
    context.on("request", lambda request: seen.append(request.url))  # pages and their workers
    page = context.new_page()
    schemes = list(SCHEMES)
    visits = []
    try:
        for path in paths:
            if stop.is_set():
                break
            visit = Visit(path)
            visits.append(visit)
            seen.clear()
            violations.clear()
            step = "loading the page"
            try:
                page.goto(server + path)
                visit.policies = page.locator('meta[http-equiv="Content-Security-Policy"]').count()
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
            visit.violations = list(violations)
    finally:
        context.close()
    return visits
