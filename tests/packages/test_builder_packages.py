"""Packages of a course made in the course builder: made in the browser, the same as Python makes them.

A trainer ticks two modules, types a hostile title and notes, and downloads a
SCORM 1.2 package, a thin Common Cartridge and an EPUB from the packaged
site, served on 127.0.0.1. Then:

- every file the SCORM manifest names is in the zip, and the title is text;
- Python's ``write_scorm``, ``write_cartridge`` and ``write_epub``, given the
  same course (``builder_route``), make the same files, byte for byte (the
  book's modified date aside): ``package-maker.js`` and ``scorm.py``,
  ``cartridge.py``, ``epub.py`` are one design; EPUBCheck passes the book;
- scorm-again, a real SCORM 1.2 runtime, records "completed" at the end;
- nothing was requested from anywhere but the local server.

Every step waits for what the page shows, never for a length of time.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import etree

from macros.adapter.hooks import package_scripts
from macros.core.site import load_site
from macros.engine import CONFIG_FILE
from macros.packages.build import Settings, site_assets
from macros.packages.builderkit import KIT, builder_route
from macros.packages.cartridge import write_cartridge
from macros.packages.epub import Book, write_epub
from macros.packages.scorm import CP, write_scorm
from macros.render.course_builder import OFFLINE
from tests.browser.pages import DESKTOP, PHONE, watch_policy
from tests.browser.test_accessibility import axe_problems, axe_script, open_page  # noqa: F401 - fixtures
from tests.packages.conftest import SITE_URL
from tests.packages.harness import serve_package, walk_to_the_end
from tests.packages.test_packages_epubcheck import _broken_copy, _check, _java

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a Chromium, and the packaged build

BUILDER = "trainers/course-builder/"
FIRST, SECOND = "attunement", "analysis"
#: Markup, both quotes, an ampersand and an XML section end, as a trainer might type them.
TITLE = 'Evil <script>alert(1)</script> & "quotes" \'single\' ]]> <b>bold</b>'
AUDIENCE = "Team leads & <i>deputies</i> who say \"no\" ]]>"
NOTES = "First & <em>second</em> line ]]>\n\nA paragraph of its own: \"quoted\"."
STEM = "evil-script-alert-1-script-quotes-single-b-bold-b"  # the title as a file name


class _Logged(SimpleHTTPRequestHandler):
    requests: list[str]

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - the standard library's name
        self.requests.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def served(packaged):
    """The packaged site on 127.0.0.1, and the log of every path asked of it."""
    requests: list[str] = []
    handler = functools.partial(type("Handler", (_Logged,), {"requests": requests}), directory=str(packaged))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", requests
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def made(chromium, served, tmp_path_factory):
    """A trainer's two-module course, downloaded as both packages; and every host the page asked."""
    base, _requests = served
    folder = tmp_path_factory.mktemp("builder-packages")
    context = chromium.new_context(**DESKTOP, accept_downloads=True)
    context.set_default_timeout(30_000)
    violations = watch_policy(context)
    hosts: set[str] = set()
    context.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page = context.new_page()
    page.goto(base + BUILDER)
    for module in (FIRST, SECOND):
        page.locator(f'#course-builder input[name="module"][value="{module}"]').check()
    page.locator(".builder-session").nth(1).wait_for()
    page.locator("#builder-title").fill(TITLE)
    page.locator("#builder-audience").fill(AUDIENCE)
    page.locator("#builder-notes").fill(NOTES)
    files, notes = {}, {}
    for kind in ("scorm", "cartridge", "epub"):
        button = f"#course-{kind}"
        with page.expect_download() as download:
            page.locator(button).click()
        files[kind] = folder / download.value.suggested_filename
        download.value.save_as(files[kind])
        note = page.locator(".builder-package-note")
        note.filter(has_text=download.value.suggested_filename).wait_for()
        notes[kind] = note.inner_text()
    context.close()
    assert not violations, violations
    return files, notes, hosts


def _entries(archive: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(archive) as opened:
        return [(name, opened.read(name)) for name in opened.namelist()]


def _python_made(packaged: Path, tmp_path: Path, kind: str) -> Path:
    """The same course, packaged by the Python that makes the site's own packages."""
    site = load_site(packaged.parent)
    route = builder_route(site, f"builder-{STEM}", TITLE, AUDIENCE, NOTES, [FIRST, SECOND])
    out = tmp_path / f"python.{kind}"
    if kind == "scorm":
        settings = Settings({}, "", SITE_URL, True, package_scripts())
        assets = site_assets(packaged, site.module(FIRST).src, settings)
        write_scorm(site, route, packaged, out, assets, SITE_URL)
    elif kind == "epub":
        config = yaml.load((packaged.parent / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_ConfigLoader)
        write_epub(site, route, packaged, out, Book.from_config(config["extra"]["resonance"]["article"],
                                                                config.get("site_author") or "", SITE_URL))
    else:
        write_cartridge(site, route, out, SITE_URL)
    return out


class _ConfigLoader(yaml.SafeLoader):
    """The engine's config, whose tags (``!ENV``, ``!!python/name``) this test does not need to run."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _assert_same(ours: Path, theirs: Path) -> None:
    made_here, made_there = _entries(ours), _entries(theirs)
    assert [n for n, _ in made_here] == [n for n, _ in made_there], "the same files, in the same order"
    for (name, content), (_, expected) in zip(made_here, made_there, strict=True):
        assert content == expected, f"{name} differs:\n{content[:3000]!r}\n---\n{expected[:3000]!r}"


def test_the_builders_scorm_package_names_only_files_it_holds_and_keeps_the_title_as_text(made):
    files, notes, _hosts = made
    assert files["scorm"].name == f"{STEM}.scorm.zip"
    assert "Moodle or Totara" in notes["scorm"]
    entries = dict(_entries(files["scorm"]))
    manifest = etree.fromstring(entries["imsmanifest.xml"])
    named = [f.get("href") for f in manifest.iter(f"{{{CP}}}file")]
    assert named and all(name in entries for name in named), [n for n in named if n not in entries]
    assert set(entries) - set(named) == {"imsmanifest.xml"}
    assert manifest.findtext(f"{{{CP}}}metadata/{{{CP}}}schemaversion") == "1.2"
    assert [t.text for t in manifest.iter(f"{{{CP}}}title")] == [TITLE, TITLE]
    modules = sorted(name for name in entries if name.startswith("pages/m-"))
    assert modules == sorted([f"pages/m-{FIRST}.html", f"pages/m-{SECOND}.html"]), "the two modules picked"
    launch = entries["index.html"].decode()
    assert "<script>alert" not in launch and "&lt;script&gt;alert(1)&lt;/script&gt;" in launch
    start = entries["pages/start.html"].decode()
    assert "<i>deputies" not in start and "&lt;i&gt;deputies&lt;/i&gt; who say &quot;no&quot; ]]&gt;" in start


def test_the_builder_and_python_make_the_same_scorm_package(made, packaged, tmp_path):
    files, _notes, _hosts = made
    _assert_same(files["scorm"], _python_made(packaged, tmp_path, "scorm"))


def test_the_builder_and_python_make_the_same_cartridge(made, packaged, tmp_path):
    files, notes, _hosts = made
    assert files["cartridge"].name == f"{STEM}.imscc"
    assert "Common Cartridge" in notes["cartridge"]
    _assert_same(files["cartridge"], _python_made(packaged, tmp_path, "cartridge"))


def test_the_builder_and_python_make_the_same_book(made, packaged, tmp_path):
    """The same chapters, contents and package document; only the moment each was made differs."""
    files, notes, _hosts = made
    assert files["epub"].name == f"{STEM}.epub"
    moment = re.compile(rb'(<meta property="dcterms:modified">)[^<]+(</meta>)')
    ours, theirs = (tmp_path / "ours.epub", _python_made(packaged, tmp_path, "epub"))
    for source, target in ((files["epub"], ours), (theirs, theirs.with_suffix(".same"))):
        with zipfile.ZipFile(source) as opened, zipfile.ZipFile(target, "w") as out:
            for name in opened.namelist():
                out.writestr(name, moment.sub(rb"\1WHEN\2", opened.read(name)))
    _assert_same(ours, theirs.with_suffix(".same"))
    with zipfile.ZipFile(files["epub"]) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")


def test_epubcheck_passes_the_builders_book(made, tmp_path):
    files, _notes, _hosts = made
    java = _java()
    broken = _broken_copy(files["epub"], tmp_path / "broken.epub")
    results = _check(java, [files["epub"], broken])
    assert sum(results[str(broken)][:2]) > 0, "EPUBCheck did not notice a missing chapter"
    fatal, errors, warnings, output = results[str(files["epub"])]
    assert (fatal, errors, warnings) == (0, 0, 0), output


def test_links_to_modules_left_out_go_to_the_published_site(made, packaged):
    files, _notes, _hosts = made
    index = json.loads((packaged / KIT / "index.json").read_text(encoding="utf-8"))
    left_out = [p for p in index["pages"] if p["module"] and p["module"] not in (FIRST, SECOND)]
    glossary = dict(_entries(files["scorm"]))["pages/glossary.html"].decode()
    assert not [p["name"] for p in left_out if f'href="{p["name"]}.html' in glossary]
    published = [p for p in left_out if f'href="{SITE_URL}{p["url"]}' in glossary]
    assert published, "the glossary links modules that were not picked: to the site, then"
    for page in published:
        link = glossary[glossary.index(f'href="{SITE_URL}{page["url"]}'):].split(">", 1)[0]
        assert 'target="_blank" rel="noopener"' in link, link  # out of the platform's frame


def test_the_builders_package_runs_to_completed_in_a_real_scorm_runtime(chromium, made, tmp_path):
    files, _notes, _hosts = made
    with serve_package(files["scorm"], tmp_path) as harness:
        walk = walk_to_the_end(chromium, harness)
    assert walk.steps == 5  # start, two modules, glossary, references, then the end
    assert walk.status == "completed"
    sent = [call[1:] for call in walk.calls if call[0] == "LMSSetValue"]
    assert sent == [["cmi.core.lesson_status", "incomplete"], ["cmi.core.lesson_status", "completed"]]
    assert walk.hosts == {urlsplit(harness).netloc}


def test_making_packages_asks_nothing_of_anywhere_but_the_site(made, served):
    _files, _notes, hosts = made
    base, requests = served
    assert hosts == {urlsplit(base).netloc}, hosts
    assert f"/{KIT}/index.json" in requests and f"/{KIT}/fflate.js" in requests  # the pieces came from here


def test_the_offline_copy_explains_instead_of_offering_a_button(chromium, packaged):
    page = chromium.new_page()
    page.goto((packaged / BUILDER / "index.html").as_uri())
    page.locator(".builder-packages-offline").wait_for()
    assert page.locator(".builder-packages-offline").inner_text() == OFFLINE
    assert not page.locator("#course-scorm").is_visible()
    page.close()


def test_the_packaged_builder_with_a_made_package_passes_axe(open_page, served, axe_script):  # noqa: F811
    """The buttons and the status line after a download, which a plain build's pages do not have."""
    base, _requests = served
    page = open_page(DESKTOP)
    page.goto(base + BUILDER + f"#m={FIRST}")
    page.locator(".builder-session").wait_for()
    with page.expect_download():
        page.locator("#course-scorm").click()
    page.locator(".builder-package-note", has_text="Downloaded").wait_for()
    problems = axe_problems(page, f"/{BUILDER} (packaged, after a download)")
    if problems:
        pytest.fail(problems, pytrace=False)


def test_the_packaged_builder_does_not_scroll_sideways_on_a_phone(chromium, served):
    base, _requests = served
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(base + BUILDER + f"#m={FIRST}")
        page.locator("#course-scorm").wait_for()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, "
                               "document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{widths[0]} px wide on a {widths[1]} px screen"
    finally:
        context.close()


def test_pieces_from_another_build_are_refused_in_words(chromium, served):
    """A page from one build and pieces from another (a cache between them) would make a mixed package."""
    base, _requests = served
    page = chromium.new_page()
    page.goto(base + BUILDER + f"#m={FIRST}")
    page.locator(".builder-session").wait_for()
    page.evaluate("document.querySelector('.builder-packages').dataset.kitVersion = '999'")
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.locator("#course-scorm").click()
    page.locator(".builder-package-note", has_text="could not be made").wait_for()
    assert "different builds" in page.locator(".builder-package-note").inner_text()
    assert not downloads
    page.close()
