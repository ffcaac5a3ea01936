"""The built site's pages, read back for the packages.

A package shows exactly what the site shows: each module's article is taken
from its built page (the authors' text with its term links, citations,
objectives, key points and prompts, all escaped by the build), cleaned of the
site's own tools, and its links pointed at the package's copies. Parsing is
lxml's; nothing here edits HTML as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..core.urls import page_url, site_path  # noqa: F401 - site_path: used here and by scorm.py

#: Parts of a built page that belong to the website, not to a package.
#: (A module's address for paper and its QR code are the printed page's: a package links to the page.)
SITE_ONLY = ("headerlink", "module-card", "downloads", "no-print", "pathway-progress", "print-only",
             "qr-code")

Resolver = Callable[[str, str], "str | None"]


class PackageError(Exception):
    """A built page is not as the packages expect (a missing page or article)."""


def built_file(site_dir: Path, src: str, directory_urls: bool = True) -> Path:
    """The HTML file the engine wrote for the docs page ``src``."""
    url = page_url(src, directory_urls)
    return site_dir / (url + "index.html" if url.endswith("/") or not url else url)


def read_article(site_dir: Path, src: str, directory_urls: bool = True) -> lxml.html.HtmlElement:
    """The ``<article>`` of a built page: the page's own content, without the site's frame."""
    file = built_file(site_dir, src, directory_urls)
    if not file.exists():
        raise PackageError(f"{file}: the built page of {src} is missing")
    document = lxml.html.fromstring(file.read_bytes())
    found = document.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')
    if not found:
        raise PackageError(f"{file}: no <article class=\"md-content__inner\"> in the built page of {src}")
    return found[0]


def with_class(root: etree._Element, *classes: str) -> list[etree._Element]:
    """Descendants of ``root`` that carry any of ``classes``."""
    tests = " or ".join(f'contains(concat(" ", normalize-space(@class), " "), " {c} ")' for c in classes)
    return root.xpath(f".//*[{tests}]")


def drop(root: etree._Element, classes: Iterable[str] = SITE_ONLY) -> None:
    """Remove the parts that carry ``classes`` (their following text stays)."""
    for element in with_class(root, *classes):
        element.drop_tree()


def link_resolver(in_package: Mapping[str, str], site_url: str = "") -> Resolver:
    """Where a link to a site path goes in a package.

    To the package's copy of the page if it has one; otherwise to the
    published page when the site has an address; otherwise nowhere (``None``:
    the link becomes plain text rather than a link that cannot work).
    """
    base = site_url.rstrip("/") + "/" if site_url else ""

    def resolve(path: str, fragment: str) -> str | None:
        anchor = f"#{fragment}" if fragment else ""
        if path in in_package:
            return in_package[path] + anchor
        return base + path + anchor if base else None

    return resolve


def rewrite_links(root: etree._Element, from_url: str, resolve: Resolver,
                  external: Mapping[str, str] | None = None) -> None:
    """Point every link in ``root`` at its place in the package (see :func:`link_resolver`).

    ``external`` attributes are added to links that leave the package (a
    SCORM page opens them in a new window, outside the learning platform's frame).
    """
    for link in root.xpath(".//a[@href]"):
        target = site_path(from_url, link.get("href"))
        if target is None:
            if urlsplit(link.get("href")).scheme and external:
                link.attrib.update(external)
            continue
        new = resolve(*target)
        if new is None:
            link.drop_tag()  # keeps the text: a citation still reads "(Stern 1985)"
            continue
        link.set("href", new)
        link.attrib.pop("download", None)
        if external and urlsplit(new).scheme:
            link.attrib.update(external)


def inner_xhtml(root: etree._Element) -> str:
    """The content of ``root`` as XHTML (for EPUB): well-formed, void elements closed."""
    head = escape(root.text or "", quote=False)
    return head + "".join(etree.tostring(child, encoding="unicode", method="xml", with_tail=True)
                          for child in root)


def inner_html(root: etree._Element) -> str:
    """The content of ``root`` as HTML (for SCORM pages)."""
    head = escape(root.text or "", quote=False)
    return head + "".join(lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in root)

