"""The packages' small parts: links, names, zips, sizes, the Downloads block, the manifests."""

from __future__ import annotations

import zipfile

import lxml.html
import pytest
from lxml import etree

from macros.packages.archive import write_zip
from macros.packages.builtpages import link_resolver, rewrite_links, site_path
from macros.packages.cartridge import CC, cartridge_manifest
from macros.packages.contents import safe_name
from macros.packages.routes import Route
from macros.packages.scorm import CP, scorm_manifest
from macros.render.downloads import Offer, downloads_html, fill_downloads, size_text

EVIL = '<b>x</b> & "y" ]]>'


def route(title: str = "A route", **fields) -> Route:
    values = {"id": "course-x", "kind": "course", "title": title, "audience": "", "introduction": "",
              "closing": "", "modules": (), "page_src": "courses/x.md", "formats": ("scorm",)}
    return Route(**{**values, **fields})


@pytest.mark.parametrize(("page", "href", "expected"), [
    ("article/a/", "../../glossary/#term", ("glossary/", "term")),
    ("article/a/", "../b/", ("article/b/", "")),
    ("article/a/", "./", ("article/a/", "")),
    ("", "references/#k", ("references/", "k")),
    ("article/a.html", "../glossary.html#t", ("glossary.html", "t")),
    ("article/a/", "#here", None),
    ("article/a/", "https://doi.org/10.1/x", None),
])
def test_site_path(page, href, expected):
    assert site_path(page, href) == expected


def test_links_go_to_the_package_the_site_or_nowhere():
    html = ('<article><a href="../../glossary/#t">term</a> <a href="../b/">in</a> '
            '<a href="../c/">out</a> <a href="https://doi.org/1">doi</a></article>')
    for site_url, outside in (("https://example.org/r/", "https://example.org/r/article/c/"), ("", None)):
        article = lxml.html.fromstring(html)
        resolve = link_resolver({"glossary/": "glossary.html", "article/b/": "m-b.html"}, site_url)
        rewrite_links(article, "article/a/", resolve, {"target": "_blank"})
        hrefs = {a.text: a.get("href") for a in article.iter("a")}
        assert hrefs["term"] == "glossary.html#t" and hrefs["in"] == "m-b.html"
        assert hrefs.get("out") == outside  # unlinked without an address: the text stays
        assert "out" in article.text_content()
        assert article.xpath('//a[text()="doi"]/@target') == ["_blank"]


def test_safe_names():
    assert safe_name("attunement") == "attunement"
    assert safe_name('../x "y"') == "x-y"
    assert safe_name("2024-course") == "p-2024-course"
    assert safe_name("") == "page"


def test_zip_keeps_order_dates_and_stores_what_it_is_told(tmp_path):
    out = tmp_path / "a.zip"
    entries = [("mimetype", b"application/epub+zip"), ("b.txt", b"b" * 1000)]
    size = write_zip(out, entries, stored=["mimetype"])
    infos = zipfile.ZipFile(out).infolist()
    assert size == out.stat().st_size and [i.filename for i in infos] == ["mimetype", "b.txt"]
    assert infos[0].compress_type == zipfile.ZIP_STORED and infos[1].compress_type == zipfile.ZIP_DEFLATED
    again = tmp_path / "b.zip"
    write_zip(again, entries, stored=["mimetype"])
    assert again.read_bytes() == out.read_bytes()  # the same entries, the same bytes
    with pytest.raises(ValueError, match="twice"):
        write_zip(tmp_path / "c.zip", [("x", b""), ("x", b"")])


def test_sizes():
    assert size_text(100) == "1 KB" and size_text(48 * 1024) == "48 KB"
    assert size_text(int(1.25 * 1024 * 1024)) == "1.2 MB"


def test_downloads_block_escapes_and_says_why_a_format_is_missing():
    offers = [Offer("scorm", f"x{EVIL}.zip", 2048), Offer("cartridge", missing=EVIL)]
    block = downloads_html(offers, note=EVIL)
    parsed = lxml.html.fromstring(block)
    assert not parsed.xpath("//b")
    assert parsed.xpath("//a/@href") == [f'x{EVIL}.zip']
    assert "for Moodle or Totara (SCORM 1.2), 2 KB" in parsed.text_content()
    assert EVIL in parsed.text_content()
    assert fill_downloads('<p>a</p><div class="downloads-slot"></div>', block).endswith(block)


def test_manifests_keep_hostile_titles_as_text():
    scorm = etree.fromstring(scorm_manifest(route(EVIL), ["index.html"]))
    assert [t.text for t in scorm.iter(f"{{{CP}}}title")] == [EVIL, EVIL]
    cartridge = etree.fromstring(cartridge_manifest(route(EVIL, introduction=EVIL), [EVIL]))
    assert EVIL in [t.text for t in cartridge.iter(f"{{{CC}}}title")]
    assert scorm.get("identifier") == cartridge.get("identifier") == "resonance-course-x"
