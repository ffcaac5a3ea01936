"""Published at a real address: every absolute address the site gives starts with it.

The site is built once in a copy with SITE_URL set, as the deploy workflow
builds it; then the permanent links, "How to cite", modules.json, the
sitemap, canonical links and JSON-LD are read from the built files.
"""

import json
import os
import re
import subprocess
from html.parser import HTMLParser

import pytest

from macros.core.site import load_site
from macros.engine import build_command
from tests.conftest import copy_project

ADDRESS = "https://example.org/resonance/"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    out = project.parent / "site"
    result = subprocess.run(build_command(str(out)), cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, SITE_URL=ADDRESS, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    return project, out


class _Head(HTMLParser):
    """The JSON-LD, the permanent link and the citation of a page."""

    def __init__(self):
        super().__init__()
        self.jsonld, self.permalink, self.cite, self._in = [], None, "", None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "jsonld"
        elif tag == "a" and "permalink" in (attrs.get("class") or "").split():
            self.permalink = attrs.get("href")
        elif tag == "span" and "module-cite" in (attrs.get("class") or "").split():
            self._in = "cite"

    def handle_endtag(self, tag):
        if tag in ("script", "span"):
            self._in = None

    def handle_data(self, data):
        if self._in == "jsonld":
            self.jsonld.append(json.loads(data))
        elif self._in == "cite":
            self.cite += data


def _read(path):
    head = _Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


def test_every_module_gives_its_full_address(published):
    project, out = published
    modules = load_site(project).modules
    assert modules
    for page in modules:
        address = ADDRESS + page.src[:-3] + "/"
        head = _read(out / page.src[:-3] / "index.html")
        assert head.permalink == address, page.src
        assert head.cite.rstrip().endswith(f"Available at: {address}"), head.cite
        (resource,) = head.jsonld
        assert resource["@context"] == "https://schema.org" and resource["@type"] == "LearningResource"
        assert resource["url"] == address and resource["license"].startswith(ADDRESS)
        assert resource["name"] == page.title and resource["teaches"] == page.meta["objectives"]
        assert re.fullmatch(r"PT\d+M", resource["timeRequired"])
        html = (out / page.src[:-3] / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{address}">' in html
        assert f'<meta property="og:url" content="{address}">' in html


def test_modules_json_and_the_sitemap_use_the_address(published):
    _project, out = published
    data = json.loads((out / "modules.json").read_text(encoding="utf-8"))
    assert all(module["url"].startswith(ADDRESS) for module in data["modules"])
    assert all(module["learning_resource"]["url"] == module["url"] for module in data["modules"])
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (out / "sitemap.xml").read_text(encoding="utf-8")))
    folders = (page.parent.relative_to(out).as_posix() for page in out.rglob("index.html")
               if 'http-equiv="refresh"' not in page.read_text(encoding="utf-8"))  # not redirects
    pages = {ADDRESS if folder == "." else f"{ADDRESS}{folder}/" for folder in folders}
    assert len(pages) > 30 and pages == listed
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f"Available at: {ADDRESS}" in home  # Cite this edition


def test_without_an_address_links_stay_relative(site_dir):
    """The plain build (no SITE_URL): no absolute address is invented."""
    data = json.loads((site_dir / "modules.json").read_text(encoding="utf-8"))
    assert not any(module["url"].startswith("http") for module in data["modules"])
    assert data["schema_version"] == "1.1.0" and data["edition"]["version"]
    head = _read(site_dir / "article" / "attunement" / "index.html")
    assert head.permalink == "./" and "Available at" not in head.cite
