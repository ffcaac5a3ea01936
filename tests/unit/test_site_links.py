"""The built-site link check (``macros/checks/site_links.py``), rule by rule, on tiny sites.

Each case is a few files written to a temporary folder and the problems the
check must report for them, as ``(file, line, column, code)``: no more, no fewer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.checks.site_links import LinkReport, check_site_links

PAGE = '<!doctype html><title>t</title><h1 id="top-heading">Page</h1><p><a name="old-anchor">x</a></p>\n'


def build(folder: Path, files: dict[str, str]) -> LinkReport:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return check_site_links(folder)


def found(report: LinkReport) -> list[tuple[str, int, int, str]]:
    return sorted((p.path, p.line, p.column, p.code) for p in report.problems)


# name: (other files of the site, line 2 of a/index.html, the problems on that line: the start
# of the tag each is found in, and its code)
CASES = {
    "page links, relative and from the root": (
        {"index.html": PAGE, "b/index.html": PAGE},
        '<a href="../b/">1</a><a href="../b/index.html">2</a><a href="/b/">3</a><a href="../">4</a>'
        '<a href="../c/">5</a>', [('<a href="../c/">', "site-link-broken")]),
    "a folder without its slash is its index; a folder without an index is broken": (
        {"b/index.html": PAGE, "c/x.txt": "x"},
        '<a href="../b">1</a><a href="../c/">2</a>', [('<a href="../c/">', "site-link-broken")]),
    "anchors: ids, <a name>, #top, an empty fragment, percent-escapes": (
        {"b/index.html": PAGE, "b/caf\u00e9.html": '<p id="r\u00e9sum\u00e9">x</p>'},
        '<a href="../b/#top-heading">1</a><a href="../b/#old-anchor">2</a><a href="#top">3</a>'
        '<a href="#">4</a><a href="../b/caf%C3%A9.html#r%C3%A9sum%C3%A9">5</a><a href="../b/#nope">6</a>',
        [('<a href="../b/#nope">', "site-anchor-broken")]),
    "an anchor on this page": (
        {}, '<a href="#top-heading">1</a><a href="#missing">2</a><a href="?q=1#top-heading">3</a>',
        [('<a href="#missing">', "site-anchor-broken")]),
    "a fragment on a file that is not HTML is not looked up": (
        {"refs.bib": "@book{x}"}, '<a href="../refs.bib#x">1</a>', []),
    "climbing out of the site": (
        {}, '<a href="../../outside/">1</a><img src="/../x.png">',
        [('<a href="../../outside/">', "site-link-outside"), ('<img src="/../x.png">', "site-link-outside")]),
    "external links are checked for scheme only": (
        {}, '<a href="https://example.org/missing#x">1</a><a href="mailto:a@b.c">2</a>'
            '<a href="tel:+441">3</a><link href="//cdn.example/x.css">',
        []),
    "other schemes are problems; data: only where the page loads it": (
        {}, '<a href="javascript:alert(1)">1</a><img src="data:image/png;base64,AA==">'
            '<a href="data:text/html,x">2</a><a href="C:\\site\\b.html">3</a>',
        [('<a href="javascript:', "site-link-scheme"), ('<a href="data:', "site-link-scheme"),
         ('<a href="C:', "site-link-scheme")]),
    "resources: src, srcset, poster, link, script, inline SVG": (
        {"i.png": "", "s.js": ""},
        '<img src="../i.png" srcset="../i.png 1x, ../j.png 2x"><script src="../s.js"></script>'
        '<video poster="../k.png"></video><link rel="icon" href="../i.png">'
        '<svg><use href="#top-heading"/><use xlink:href="#no-symbol"/><a href="../i.png">x</a></svg>',
        [("<img", "site-link-broken"), ("<video", "site-link-broken"),
         ('<use xlink:href="#no-symbol"', "site-anchor-broken")]),
    "a redirect page's refresh": (
        {"b/index.html": PAGE},
        '<meta http-equiv="refresh" content="0; url=../b/">'
        '<meta http-equiv="Refresh" content="0;URL=\'../c/\'">',
        [('<meta http-equiv="Refresh"', "site-link-broken")]),
    "CSS in the page": (
        {"i.png": ""},
        '<p style="background: url(\'../i.png\')">x</p><style>p { background: url(../j.png) }</style>',
        [("<style>", "site-link-broken")]),
    "a <base> changes what relative links resolve against": (
        {"b/x.html": '<p id="here">x</p>'},
        '<base href="../b/"><a href="x.html#here">1</a><a href="#nope">2</a>',
        [('<a href="#nope">', "site-anchor-broken")]),
    # Tabs and newlines in a URL are dropped, as browsers do. A tag still open at
    # the end of the file is no link to a browser either (the HTML checker reports it).
    "hostile markup: quotes and markup in a fragment, controls in a URL, a tag left open": (
        {}, '<a href=\'#"><script>alert(1)</script>\'>1</a><a href="&#10;../x/&#9;">2</a>'
            '<a href="../y/&#10;">3<a href="../&#9;b/">4</a><a href=" ../b/ ">5</a><a href="#\u202etop',
        [("<a href='#\"><script>", "site-anchor-broken"), ('<a href="&#10;../x/', "site-link-broken"),
         ('<a href="../y/', "site-link-broken")]),
}


@pytest.mark.parametrize("files, line_two, expected", CASES.values(), ids=CASES.keys())
def test_link_rules(tmp_path: Path, files: dict[str, str], line_two: str, expected: list):
    report = build(tmp_path, {"a/index.html": PAGE + line_two + "\n", "b/index.html": PAGE, **files})
    assert all(line_two.count(tag) == 1 for tag, _code in expected), "each tag start must name one tag"
    want = sorted(("a/index.html", 2, line_two.index(tag) + 1, code) for tag, code in expected)
    assert found(report) == want, "\n".join(p.format() for p in report.problems)


def test_every_problem_says_what_and_where(tmp_path: Path):
    report = build(tmp_path, {"index.html": PAGE + '<a href="glosary/#resonanse">g</a>',
                              "glossary/index.html": '<p id="resonance">r</p>'})
    assert [p.format() for p in report.problems] == [
        "index.html:2:1: link 'glosary/#resonanse' leads to 'glosary/', which is not in the site; "
        "did you mean 'glossary/'? [site-link-broken]"]
    report = build(tmp_path, {"index.html": PAGE + '<a href="glossary/#resonanse">g</a>'})
    assert [p.format() for p in report.problems] == [
        "index.html:2:1: link 'glossary/#resonanse': 'glossary/index.html' has no element with id "
        "'resonanse'; did you mean 'resonance'? [site-anchor-broken]"]


def test_stylesheets_are_read_with_positions(tmp_path: Path):
    report = build(tmp_path, {"index.html": PAGE, "css/s.css": "a{}\np { background: url(../img/x.png) }",
                              "img/y.png": ""})
    assert found(report) == [("css/s.css", 2, 17, "site-link-broken")]


def test_the_report_counts_what_it_checked(tmp_path: Path):
    """So a test over a real site can tell that the check looked at something."""
    report = build(tmp_path, {"index.html": PAGE + '<a href="b/#top-heading">1</a><a href="b/">2</a>'
                                                   '<a href="https://example.org/">3</a>',
                              "b/index.html": PAGE})
    counts = (report.pages, report.internal, report.anchors, report.external)
    assert counts == (2, 2, 1, 1) and report.problems == ()
