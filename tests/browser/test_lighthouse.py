"""Lighthouse: accessibility, best practices and SEO at 100 on every kind of page.

Lighthouse (``node_modules``, pinned in ``package.json``) runs once per page
on one page of each kind of the built site (home, a module, the glossary,
the references, a pathway, the framework, a course, the journal), mobile
profile, simulated throttling, offline against Debian's Chromium. All pages
go through one Node process and one Chromium, one page after another; a
small page with known defects goes with them, to prove that the checks fail
when they should. Performance is not asserted here (its figures depend on
the machine's load): ``make bench`` measures it.

It takes a minute or more on a busy 2-core machine, so it is marked
``slow``: ``pytest -m "not slow"`` leaves it out.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.lighthouse import (
    ASSERTED,
    failing_report,
    missing,
    outside,
    page_kinds,
    run_lighthouse,
    serve,
)

pytestmark = pytest.mark.slow

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "lighthouse"
# What the broken page must be caught for, one defect per category at least.
BROKEN_AUDITS = {
    "accessibility": {"html-has-lang", "image-alt"},
    "best-practices": {"errors-in-console"},
    "seo": {"document-title", "meta-description"},
}


@pytest.fixture(scope="module")
def lighthouse(server, site_dir):
    """One Lighthouse run over the eight page kinds and the broken page: (kinds, results by path, bases)."""
    reason = missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI is set, so the Lighthouse test may not be skipped)")
        pytest.skip(reason)
    kinds = page_kinds(site_dir)
    with serve(BROKEN) as broken_base:
        broken = broken_base + "broken.html"
        answer = run_lighthouse(server, [*kinds.values(), broken], ASSERTED)
    results = {result["path"]: result for result in answer["results"]}
    assert len(results) == len(kinds) + 1, f"Lighthouse returned {sorted(results)}"
    return kinds, results, broken, (server, broken_base)


def test_every_kind_of_page_scores_100(lighthouse, subtests):
    """Accessibility, best practices and SEO at 100 on each kind of page;
    a failure lists the audits that lost points and the elements at fault."""
    kinds, results, _, _ = lighthouse
    for kind, path in kinds.items():
        with subtests.test(kind=kind, page=f"/{path}"):
            result = results[path]
            assert result["runtimeError"] is None, result["runtimeError"]
            assert set(result["scores"]) == set(ASSERTED), result["scores"]
            low = {c: s for c, s in result["scores"].items() if s != 100}
            if low:
                pytest.fail(f"/{path} ({kind}) scores {low}:\n{failing_report(result)}", pytrace=False)


def test_no_request_leaves_the_local_server(lighthouse, subtests):
    """Every file a page fetched came from the local server: no font, script
    or image from elsewhere (the site promises that nothing leaves the
    reader's device, and the test must run without internet)."""
    kinds, results, _, bases = lighthouse
    for kind, path in kinds.items():
        with subtests.test(kind=kind, page=f"/{path}"):
            requests = results[path]["requests"]
            assert any(r["url"] == bases[0] + path for r in requests), "the page itself is not listed"
            assert outside(requests, *bases) == []


def test_a_page_with_defects_fails_each_category(lighthouse, subtests):
    """The broken page (tests/fixtures/lighthouse/broken.html) scores below
    100 in each category, for the defects it was given; its two requests to
    other hosts are reported, and neither reached the network."""
    _, results, broken, bases = lighthouse
    result = results[broken]
    for category, audits in BROKEN_AUDITS.items():
        with subtests.test(category=category):
            assert result["scores"][category] < 100, result["scores"]
            found = {a["id"] for a in result["failing"] if a["category"] == category}
            assert audits <= found, f"expected {sorted(audits)} among {sorted(found)}"
    with subtests.test("requests"):
        leaving = outside(result["requests"], *bases)
        assert {r["url"] for r in leaving} == {"https://fonts.example.org/css?family=Serif",
                                                "http://192.0.2.1/photo.png"}
        assert all(r["status"] == -1 for r in leaving), f"a request reached another host: {leaving}"
    with subtests.test("report"):
        report = failing_report(result)
        assert "image-alt" in report and "<img" in report, report
