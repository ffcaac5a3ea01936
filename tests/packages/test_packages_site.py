"""`make packages` on the real content: every package, every manifest entry, every Downloads block."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

import lxml.html
import pytest
from lxml import etree

from macros.core.site import load_site
from macros.packages.cartridge import CC, LOM, WEBLINK, WEBLINK_TYPE
from macros.packages.scorm import ADLCP, CP
from macros.render.downloads import DOWNLOADS_SLOT, size_text
from tests.packages.conftest import HOSTILE, SITE_URL

OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
pytestmark = pytest.mark.slow  # a packaged build of its own


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


@pytest.fixture(scope="module")
def downloads(packaged) -> Path:
    return packaged / "downloads"


def route_ids(model) -> list[str]:
    return [f"pathway-{p.id}" for p in model.pathways] + [f"course-{c.id}" for c in model.courses]


def test_every_route_has_all_three_packages_and_the_edition_a_book(model, downloads):
    names = {file.name for file in downloads.iterdir()}
    assert model.pathways and model.courses
    for route in [*route_ids(model), "course-hostile"]:
        assert {f"{route}.scorm.zip", f"{route}.imscc", f"{route}.epub"} <= names, route
    assert "edition.epub" in names


def _zip(path: Path) -> tuple[zipfile.ZipFile, set[str]]:
    archive = zipfile.ZipFile(path)
    return archive, set(archive.namelist())


def test_every_file_a_scorm_manifest_names_is_in_its_package(downloads):
    ns = {"cp": CP, "adlcp": ADLCP}
    for package in sorted(downloads.glob("*.scorm.zip")):
        archive, names = _zip(package)
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
        scos = manifest.findall("cp:resources/cp:resource", ns)
        assert len(scos) == 1 and scos[0].get(f"{{{ADLCP}}}scormtype") == "sco", package.name
        assert scos[0].get("href") == "index.html"
        listed = {f.get("href") for f in scos[0].findall("cp:file", ns)}
        assert listed == names - {"imsmanifest.xml"}, package.name  # every file named, and no other
        item = manifest.find("cp:organizations/cp:organization/cp:item", ns)
        assert item.get("identifierref") == scos[0].get("identifier")


def test_scorm_pages_load_nothing_from_outside_the_package(downloads):
    """Every stylesheet, script and frame is a file of the package; CSS loads only data: URIs."""
    for package in sorted(downloads.glob("*.scorm.zip")):
        archive, names = _zip(package)
        for name in names:
            if name.endswith(".css"):
                urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", archive.read(name).decode())
                assert all(u.startswith("data:") for u in urls), (package.name, name)
            if not name.endswith(".html"):
                continue
            page = lxml.html.fromstring(archive.read(name))
            assert "connect-src 'none'" in page.xpath('string(//meta[@http-equiv="Content-Security-Policy"]'
                                                      '/@content)'), name
            for element, attribute in (("link", "href"), ("script", "src"), ("iframe", "src"),
                                       ("img", "src")):
                for value in page.xpath(f"//{element}/@{attribute}"):
                    target = str(PurePosixPath(name).parent / value.split("#")[0])
                    assert target.replace("pages/../", "") in names, (package.name, name, value)


def test_scorm_links_inside_the_package_resolve(downloads):
    for package in sorted(downloads.glob("*.scorm.zip")):
        archive, names = _zip(package)
        for name in (n for n in names if n.startswith("pages/")):
            page = lxml.html.fromstring(archive.read(name))
            for href in page.xpath("//a/@href"):
                if href.startswith(("#", SITE_URL, "https://", "http://", "blob:")):
                    continue
                assert "pages/" + href.split("#")[0] in names, (package.name, name, href)


def test_scorm_start_page_says_what_is_sent_and_what_stays(downloads):
    archive, _ = _zip(downloads / "pathway-practitioner.scorm.zip")
    text = lxml.html.fromstring(archive.read("pages/start.html")).text_content()
    assert "whether you have started" in text and "saved only in this browser" in text


def test_cartridge_structure(downloads, packaged):
    """IMS CC 1.1 (thin), checked with lxml: no schema copy can be had from a package registry."""
    ns = {"cc": CC, "lom": LOM, "wl": WEBLINK}
    for package in sorted(downloads.glob("*.imscc")):
        archive, names = _zip(package)
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        assert manifest.tag == f"{{{CC}}}manifest"
        assert manifest.findtext("cc:metadata/cc:schema", namespaces=ns) == "IMS Common Cartridge"
        assert manifest.findtext("cc:metadata/cc:schemaversion", namespaces=ns) == "1.1.0"
        assert manifest.findtext("cc:metadata/lom:lom/lom:general/lom:title/lom:string", namespaces=ns)
        resources = {r.get("identifier"): r for r in manifest.iterfind("cc:resources/cc:resource", ns)}
        organization = manifest.find("cc:organizations/cc:organization", ns)
        assert organization.get("structure") == "rooted-hierarchy"
        items = organization.findall("cc:item/cc:item", ns)
        assert items and {i.get("identifierref") for i in items} == set(resources), package.name
        files = {f.get("href") for r in resources.values() for f in r.findall("cc:file", ns)}
        assert files == names - {"imsmanifest.xml"}, package.name
        links = [r for r in resources.values() if r.get("type") == WEBLINK_TYPE]
        assert links, package.name
        for resource in links:
            link = etree.fromstring(archive.read(resource.find("cc:file", ns).get("href")))
            assert link.tag == f"{{{WEBLINK}}}webLink" and link.findtext("wl:title", namespaces=ns)
            url = link.find("wl:url", ns).get("href")
            assert url.startswith(SITE_URL), url  # absolute, to the published pages
            assert (packaged / url.removeprefix(SITE_URL) / "index.html").exists(), url


def test_every_file_an_epub_names_is_in_the_book(downloads):
    for book in sorted(downloads.glob("*.epub")):
        archive, names = _zip(book)
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        opf = etree.fromstring(archive.read("EPUB/package.opf"))
        hrefs = {i.get("id"): "EPUB/" + i.get("href") for i in opf.iterfind("opf:manifest/opf:item", OPF)}
        assert set(hrefs.values()) <= names, book.name
        assert set(hrefs.values()) == names - {"mimetype", "META-INF/container.xml", "EPUB/package.opf"}
        assert {r.get("idref") for r in opf.iterfind("opf:spine/opf:itemref", OPF)} <= set(hrefs)


def test_epub_metadata_language_and_accessibility(downloads):
    for book in sorted(downloads.glob("*.epub")):
        opf = etree.fromstring(zipfile.ZipFile(book).read("EPUB/package.opf"))
        assert opf.findtext("opf:metadata/dc:language", namespaces=OPF) == "en-GB"
        meta = {}
        for element in opf.iterfind("opf:metadata/opf:meta", OPF):
            meta.setdefault(element.get("property"), []).append(element.text)
        assert {"textual"} <= set(meta["schema:accessMode"])
        assert meta["schema:accessModeSufficient"] == ["textual"]
        assert "structuralNavigation" in meta["schema:accessibilityFeature"]
        assert meta["schema:accessibilitySummary"][0]
        assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]


def _xhtml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def test_epub_internal_links_reach_their_targets(downloads):
    """Every link to a chapter lands on a chapter of the book, at an id that exists there."""
    for book in sorted(downloads.glob("*.epub")):
        archive, names = _zip(book)
        chapters = {n: _xhtml(archive, n) for n in names if n.endswith(".xhtml")}
        ids = {n: set(tree.xpath("//@id")) for n, tree in chapters.items()}
        for name, tree in chapters.items():
            for href in tree.xpath("//*[local-name()='a']/@href"):
                if re.match(r"[a-z]+:", href):
                    assert href.startswith(SITE_URL) or "example.org" not in href, href
                    continue
                file, _, fragment = href.partition("#")
                target = "EPUB/" + file if file else name
                assert target in chapters, (book.name, name, href)
                assert not fragment or fragment in ids[target], (book.name, name, href)


def test_epub_holds_glossary_references_framework_and_prompts(downloads, model):
    archive, names = _zip(downloads / "edition.epub")
    assert {"EPUB/glossary.xhtml", "EPUB/references.xhtml", "EPUB/framework.xhtml"} <= names
    framework = _xhtml(archive, "EPUB/framework.xhtml")
    assert framework.xpath("//*[local-name()='svg']")
    assert framework.xpath("//*[@id='framework-text']//*[local-name()='li']")
    module = model.modules[0]
    chapter = _xhtml(archive, f"EPUB/m-{module.module}.xhtml")
    prompts = chapter.xpath("//*[contains(concat(' ', @class, ' '), ' prompt ')]/@id")
    assert set(prompts) == {p.id for p in module.reflection.prompts}
    citations = chapter.xpath("//*[local-name()='a'][@class='citation']/@href")
    assert all(c.startswith("references.xhtml#") for c in citations)


def test_hostile_titles_arrive_as_text(downloads):
    """The course's title is the same string in the manifests and in the book's contents."""
    archive, _ = _zip(downloads / "course-hostile.scorm.zip")
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    assert manifest.findtext(f".//{{{CP}}}title") == HOSTILE
    start = lxml.html.fromstring(archive.read("pages/start.html"))
    assert start.findtext(".//h1") == HOSTILE and not start.xpath("//script[not(@src)]")
    cartridge = etree.fromstring(zipfile.ZipFile(downloads / "course-hostile.imscc").read("imsmanifest.xml"))
    assert cartridge.findtext(f".//{{{LOM}}}title/{{{LOM}}}string") == HOSTILE
    book = zipfile.ZipFile(downloads / "course-hostile.epub")
    nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    assert HOSTILE in [a.text for a in nav.iter("{http://www.w3.org/1999/xhtml}a")]
    opf = etree.fromstring(book.read("EPUB/package.opf"))
    assert opf.findtext("opf:metadata/dc:title", namespaces=OPF) == HOSTILE
    for name in book.namelist():
        if name.endswith(".xhtml"):
            assert not etree.fromstring(book.read(name)).xpath("//*[local-name()='script']"), name


def _block(page: Path) -> lxml.html.HtmlElement:
    html = page.read_text(encoding="utf-8")
    assert DOWNLOADS_SLOT not in html, page
    found = lxml.html.fromstring(html).xpath('//section[contains(@class, "downloads")]')
    assert len(found) == 1, page
    return found[0]


def test_pages_offer_their_packages_with_sizes(packaged, model):
    pages = [(packaged / "pathways" / p.id / "index.html", f"pathway-{p.id}") for p in model.pathways]
    pages += [(packaged / "courses" / c.id / "index.html", f"course-{c.id}") for c in model.courses]
    pages.append((packaged / "index.html", "edition"))
    for page, route in pages:
        block = _block(page)
        links = block.xpath(".//a[@href]")
        expected = 1 if route == "edition" else 3
        assert len(links) == expected, (page, [a.get("href") for a in links])
        for link in links:
            file = (page.parent / link.get("href")).resolve()
            assert file.exists() and file.name.startswith(route), (page, link.get("href"))
            assert size_text(file.stat().st_size) in link.getparent().text_content()
        text = block.text_content()
        assert "for e-readers" in text and (route == "edition" or "for Moodle or Totara (SCORM 1.2)" in text)


def test_a_plain_build_offers_no_downloads(site_dir):
    assert not (site_dir / "downloads").exists()
    for page in [site_dir / "index.html", *site_dir.glob("pathways/*/index.html"),
                 *site_dir.glob("courses/*/index.html")]:
        html = page.read_text(encoding="utf-8")
        assert "downloads-slot" not in html and 'class="downloads' not in html, page
