"""Hostile input in every field of every source kind is shown as text, never run.

``tests/fixtures/hostile/`` holds one overlay per source kind (see
``tests/fixture_tree.py``) with a payload in each of its fields: an ``<img
onerror>``, a ``javascript:`` link, an attribute list adding ``onclick``, a
quote that would end an attribute, ``</script>`` and ``{{ jinja }}``. Each
field's marker (``PW-TITLE``...) says where it is. The overlays are laid over
the base together and built once (``python -m macros build``, exit 0); then,
on every built page and in the search index, no attribute starts with ``on``,
no address is ``javascript:``, no payload element or script exists; and each
field is shown, escaped, in every place its ``expected.yml`` names.

Cases whose payload is invalid (a URL that breaks out of its attribute) carry
``problems:`` instead: ``python -m macros check`` exits 1 and names the place.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.fixture_tree import HOSTILE, Case, lay_over, load_cases

PAYLOAD = ('<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](http://x){: onclick="alert(1)" } '
           '" onmouseover="alert(1) </script> {{ 7*7 }}')
#: How each payload reads on the page: plain text as written; Markdown with the
#: unsafe link as its text, the safe one as a link, no attribute list, no HTML.
SHOWN = {
    "plain": PAYLOAD,
    "markdown": '<img src=x onerror=alert(1)> a b{: onclick="alert(1)" } " onmouseover="alert(1) </script> '
                "{{ 7*7 }}",
    "bibtex": '<img src=x onerror=alert(1)> [a](javascript:alert(1)) " onmouseover="alert(1) </script>',
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
REGIONS = ("title", "header", "nav", "content", "attr", "search", "json")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

CASES = load_cases(HOSTILE)
BUILT = [case for case in CASES if "fields" in case.expected]
INVALID = [case for case in CASES if case.problems]
FIELDS = [(case, field) for case in BUILT for field in case.expected["fields"]]


class Page(HTMLParser):
    """Text by region (title, header, nav, content), attributes, and what must never be there."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, list[str]] = {region: [] for region in ("title", "header", "nav", "content")}
        self.all: list[str] = []
        self.attributes: list[str] = []
        self.defects: list[str] = []
        self.stack: list[tuple[str, str | None]] = []
        self.script: list[str] | None = None
        self.data_block: list[str] | None = None

    def region_of(self, tag: str, classes: set[str]) -> str | None:
        if tag == "title":
            return "title"
        if "md-header__topic" in classes:
            return "header"
        if tag == "nav" and "md-nav--primary" in classes:
            return "nav"
        if tag == "article" and "md-content__inner" in classes:
            return "content"
        return None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            self.attributes.append(value)
            if name.startswith("on"):
                self.defects.append(f"<{tag} {name}={value!r}>: an event handler attribute")
            cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(("javascript:", "vbscript:", "data:text")):
                self.defects.append(f"<{tag} {name}={value!r}>: a script address")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.defects.append("<img src=x>: the payload became an element")
        # A data block (JSON-LD, Material's config) is never run; its text is checked
        # to be unable to close its element (no "<" survives in it) instead.
        kind = (dict(attrs).get("type") or "text/javascript").lower()
        if tag == "script" and "src" not in dict(attrs) and kind.endswith("json"):
            self.data_block = []
        elif tag == "script" and "src" not in dict(attrs):
            self.script = []
        if tag not in VOID:
            classes = set((dict(attrs).get("class") or "").split())
            self.stack.append((tag, self.region_of(tag, classes)))

    def handle_endtag(self, tag):
        if tag == "script" and self.data_block is not None:
            if "<" in "".join(self.data_block):
                self.defects.append("a data block holds '<': a value could end its <script>")
            self.data_block = None
        if tag == "script" and self.script is not None:
            if "alert(" in "".join(self.script):
                self.defects.append("an inline script runs the payload")
            self.script = None
        while self.stack:
            name, _region = self.stack.pop()
            if name == tag:
                break

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)
        if self.data_block is not None:
            self.data_block.append(data)
        self.all.append(data)
        for _tag, region in self.stack:
            if region:
                self.text[region].append(data)

    def region(self, name: str) -> str:
        return " ".join("".join(self.text[name]).split())

    def all_text(self) -> str:
        return " ".join("".join(self.all).split())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def build_env() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", RESONANCE_HOOKS=str(ROOT / "macros/adapter/hooks.py"),
                RESONANCE_OVERRIDES=str(ROOT / "overrides"))


def compose_hostile(destination: Path) -> Path:
    """The base, made a site, with every built case's overlay on it."""
    BUILT[0].compose(destination, HOSTILE / "_build")
    for case in BUILT[1:]:
        lay_over(destination, case.folder)
    return destination


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The hostile project built once with ``python -m macros build``: it must succeed."""
    folder = tmp_path_factory.mktemp("hostile")
    project = compose_hostile(folder / "project")
    result = subprocess.run([sys.executable, "-m", "macros", "build", "--root", str(project),
                             "--site-dir", str(folder / "site")],
                            cwd=ROOT, env=build_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def pages(hostile_site) -> dict[str, Page]:
    found = {}
    for html in sorted(hostile_site.rglob("*.html")):
        rel = html.relative_to(hostile_site).as_posix()
        found[rel.removesuffix("index.html")] = parse(html.read_text(encoding="utf-8"))
    return found


@pytest.fixture(scope="module")
def search_entries(hostile_site) -> list[dict[str, str]]:
    return json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_there_are_enough_hostile_cases():
    """The issue asks for at least 30 hostile fields; each source kind has its own case."""
    assert len(FIELDS) + len(INVALID) >= 30
    assert {case.name for case in BUILT} >= {"pathway", "course", "module", "glossary", "framework", "bibtex"}


@pytest.mark.slow  # reads the hostile corpus built with the engine
def test_no_page_carries_a_live_payload(pages):
    """On every page: no on* attribute, no script address, no payload element or script."""
    assert len(pages) >= 12
    defects = [f"/{path}: {defect}" for path, page in pages.items() for defect in page.defects]
    assert not defects, "\n".join(defects)


@pytest.mark.slow  # reads the hostile corpus built with the engine
def test_the_search_index_carries_no_live_payload(search_entries):
    """Material shows search results as HTML: each title and text is checked like a page."""
    defects = [f"{entry['location']}: {defect}" for entry in search_entries
               for defect in parse(entry["title"] + " " + entry["text"]).defects]
    assert not defects, "\n".join(defects)


def _values(data: Any):
    if isinstance(data, dict):
        for value in data.values():
            yield from _values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _values(value)
    elif isinstance(data, str):
        yield data


def _shown(field: dict[str, Any]) -> str:
    if "shows" in field:
        return field["shows"]
    return SHOWN["markdown" if field.get("markdown") else field.get("payload", "plain")]


@pytest.mark.slow  # reads the hostile corpus built with the engine
@pytest.mark.parametrize(("case", "field"), FIELDS,
                         ids=[f"{case.name}:{field['marker']}:{'+'.join(field['pages'])}"
                              for case, field in FIELDS])
def test_the_field_is_shown_as_text_where_it_lands(case: Case, field: dict[str, Any], pages, search_entries,
                                                   hostile_site):
    """The marker, then the payload as text, in every place the case names."""
    wanted = f"{field['marker']} {_shown(field)}"
    regions = field.get("in", ["content"])
    assert set(regions) <= set(REGIONS), f"unknown region in {regions}"
    missing = []
    for path in field["pages"]:
        page = pages[path]
        for region in regions:
            if region == "attr":
                found = any(wanted in " ".join(value.split()) for value in page.attributes)
            elif region == "search":
                found = any(wanted in parse(entry["title"] + " " + entry["text"]).all_text()
                            for entry in search_entries if entry["location"].startswith(path))
            elif region == "json":
                data = json.loads((hostile_site / "modules.json").read_text(encoding="utf-8"))
                found = any(wanted in value for value in _values(data))
            else:
                found = wanted in page.region(region)
            if not found:
                missing.append(f"/{path} {region}")
    assert not missing, f"{wanted!r} is not shown in: {', '.join(missing)}"


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_an_invalid_payload_is_refused_at_its_place(case: Case, tmp_path):
    """``make check`` exits 1 and names the file, line and column of the payload."""
    project = case.compose(tmp_path / "project")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(project)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    for want in case.problems:
        place = f"{want['path']}:{want['line']}:{want['column']}: "
        lines = [line for line in result.stdout.splitlines()
                 if line.startswith(place) and want["contains"] in line and f"[{want['code']}]" in line]
        assert lines, f"expected {want} in:\n{result.stdout}"
