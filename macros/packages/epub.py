"""EPUB 3 books for phones and e-readers: the whole edition, each pathway, each course.

A book holds a title page, the route's own page (a pathway's steps or a
course's agenda), the framework diagram (SVG) with its text version, the
modules in order (objectives, key points, the authors' text, the prompts as
text), the glossary and the references. Term links and citations lead to the
glossary and the references inside the book; a link to a page the book does
not hold goes to the published site when it has an address, or becomes plain
text. The package document carries EPUB Accessibility 1.1 metadata and the
language ``en-GB``; EPUBCheck validates every book in the tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from lxml import etree

from ..core.site import Site
from ..render.framework_svg import framework_svg
from .archive import write_zip
from .builtpages import PackageError, drop, inner_xhtml, link_resolver, rewrite_links, with_class
from .contents import PackagePage, link_map, route_pages, safe_name
from .routes import Route

ASSETS = Path(__file__).resolve().parent / "assets"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
EPUB_NS = "http://www.idpf.org/2007/ops"
LANGUAGE = "en-GB"
FOLDER = "EPUB/"
EPUB_STYLE = "epub.css"

#: Parts of a site page that only work in a browser (answers are typed and kept there).
BROWSER_ONLY = ("journal-notice",)

REFLECT_NOTE = ("Think these prompts through, talk them over in supervision, or note your answers "
                "somewhere private. Do not write names or details that could identify a young person, "
                "family or colleague.")
CARE_NOTE = ("This prompt asks you to recall experiences that may have been painful. Answer it only if "
             "and when it feels right for you; you can skip it. If it brings something up, you may want "
             "to talk it through in supervision or with someone you trust.")

ACCESSIBILITY = {
    "schema:accessMode": ("textual", "visual"),
    "schema:accessModeSufficient": ("textual",),
    "schema:accessibilityFeature": ("structuralNavigation", "tableOfContents", "readingOrder",
                                    "alternativeText", "longDescription", "displayTransformability"),
    "schema:accessibilityHazard": ("none",),
    "schema:accessibilitySummary": (
        "Text throughout, with headings in reading order and a table of contents. The one image, the "
        "framework diagram, has a short description and, directly after it, a full text version. "
        "Glossary terms and citations link to the glossary and references inside the book. The book "
        "sets no fixed fonts or colours for running text, so reading systems can change them.",),
    "dcterms:conformsTo": ("EPUB Accessibility 1.1 - WCAG 2.2 Level AA",),
    "a11y:certifiedBy": ("The Resonance learning edition (self-assessed)",),
}


@dataclass(frozen=True)
class Book:
    """What every book says about the article, from the site's configuration."""

    article_title: str
    authors: tuple[str, ...]  # as the configuration gives them: "Michel, C."
    byline: str  # "Colin Michel and Luke Billingham"
    edition: str
    site_url: str = ""

    @classmethod
    def from_config(cls, article: Mapping[str, Any], byline: str, site_url: str = "") -> Book:
        return cls(str(article.get("title", "")), tuple(str(a) for a in article.get("authors", ())),
                   byline, str(article.get("edition", "")), site_url)


@dataclass(frozen=True)
class Chapter:
    name: str
    title: str
    body: str  # XHTML
    svg: bool = False


def write_epub(site: Site, route: Route, site_dir: Path, out: Path, book: Book,
               directory_urls: bool = True) -> int:
    """Write the route's EPUB 3 to ``out``; returns its size in bytes."""
    pages = route_pages(site, route, site_dir, directory_urls)
    chapters = [Chapter("title", route.title, _title_page(route, book)), *page_chapters(site, pages, book)]
    names = [c.name for c in chapters]
    if len(set(names)) != len(names):
        raise PackageError(f"book '{route.id}': two chapters would have the same file name")

    files = [("mimetype", b"application/epub+zip"),
             ("META-INF/container.xml", _container())]
    files += [(f"{FOLDER}{c.name}.xhtml", _xhtml(c.title, c.body, route)) for c in chapters]
    files += [(f"{FOLDER}nav.xhtml", _nav(route, chapters, pages)),
              (f"{FOLDER}style.css", (ASSETS / EPUB_STYLE).read_bytes()),
              (f"{FOLDER}package.opf", _package(route, book, chapters))]
    return write_zip(out, files, stored=["mimetype"])


def page_chapters(site: Site, pages: list[PackagePage], book: Book) -> list[Chapter]:
    """The chapters made from a route's pages, in order, the framework before the glossary.

    Links go to the other pages' chapters, or out (see :func:`link_resolver`).
    The course builder's kit holds these for every page (``builderkit.py``).
    """
    resolve = link_resolver(link_map(pages, "xhtml"), book.site_url)
    chapters = []
    for page in pages:
        if page.name == "glossary" and site.framework and site.framework.parts:
            chapters.append(Chapter("framework", "Framework", _framework(site), svg=True))
        rewrite_links(page.article, page.url, resolve)
        chapters.append(Chapter(page.name, page.title, _chapter_body(site, page)))
    return chapters


def _title_page(route: Route, book: Book) -> str:
    by = f" by {escape(book.byline)}" if book.byline else ""
    parts = ['<section class="title-page" epub:type="titlepage">', f"<h1>{escape(route.title)}</h1>"]
    if route.kind == "edition":
        parts.append(f"<p>{escape(book.edition)}</p>" if book.edition else "")
        parts.append(f"<p>By {escape(book.byline)}</p>" if book.byline else "")
    else:
        parts.append(f"<p>A route through <cite>{escape(book.article_title)}</cite>{by}.</p>")
        if book.edition:
            parts.append(f"<p>{escape(book.edition)}</p>")
    parts.append("</section>")
    parts.append("<p>The text of each module is the authors’ own. The learning objectives, key points, "
                 "reflection prompts and route guidance were written for this edition.</p>")
    if route.audience:
        parts.append(f"<p><strong>Who it is for.</strong> {escape(route.audience)}</p>")
    return "".join(parts)


def _framework(site: Site) -> str:
    """The diagram (its links removed: the text version below holds them) and its text version."""
    framework = site.framework

    def term_name(term_id: str) -> str:
        term = site.term(term_id)
        return term.term if term else term_id

    svg = etree.fromstring(framework_svg(framework, term_name, lambda t: "#", lambda p: "#"))
    for link in svg.iter(f"{{{SVG}}}a"):
        link.getparent().replace(link, _svg_group(link))
    for name in ("role", "aria-labelledby", "aria-describedby"):
        svg.attrib.pop(name, None)
    lines = []
    for part in framework.parts:
        terms = ", ".join(f'<a href="glossary.xhtml#{escape(e.term)}">{escape(term_name(e.term))}</a>'
                          for e in part.elements)
        lines.append(f'<li id="part-{escape(safe_name(part.id))}"><strong>{escape(part.title)}</strong>'
                     f"{': ' + terms if terms else ''}<ul>")
    text = "".join(lines) + "</ul></li>" * len(lines)
    outcomes = "".join(f"<li><strong>{escape(o.role.capitalize())}:</strong> {escape(o.text)} "
                       f'(<a href="glossary.xhtml#{escape(o.term)}">{escape(term_name(o.term))}</a>)</li>'
                       for o in framework.outcomes)
    return (f"<h1>Framework</h1><p><em>{escape(framework.title)}</em></p>"
            + (f"<p>{escape(framework.introduction)}</p>" if framework.introduction else "")
            + '<figure aria-describedby="framework-text">'
            + etree.tostring(svg, encoding="unicode")
            + "</figure>"
            + '<section id="framework-text"><h2>Text version of the diagram</h2>'
            "<p>From the centre outwards; each part surrounds the one before it.</p>"
            f"<ul>{text}</ul></section>"
            + (f"<h2>Throughout the framework</h2><ul>{outcomes}</ul>" if outcomes else ""))


def _svg_group(link: etree._Element) -> etree._Element:
    """An SVG link's shapes and text, kept as a plain group."""
    group = etree.Element(f"{{{SVG}}}g")
    if link.get("class"):
        group.set("class", link.get("class"))
    group.extend(list(link))
    return group


def _chapter_body(site: Site, page: PackagePage) -> str:
    """A site page's content, made for a book: no browser-only parts, nothing folded away."""
    article = page.article
    drop(article, BROWSER_ONLY)
    for details in article.xpath(".//details"):
        details.tag = "div"
        details.attrib.pop("open", None)
        details.set("class", " ".join(filter(None, ["details", details.get("class")])))
        for summary in details.xpath("./summary"):
            summary.tag = "p"
            summary.set("class", "details-title")
    for reflect in with_class(article, "reflect"):
        note = etree.SubElement(reflect, "p")
        note.set("class", "reflect-note")
        note.text = REFLECT_NOTE
        reflect.insert(0, note)
    for item in with_class(article, "prompt"):
        prompt = site.prompts.get(item.get("id", ""))
        if getattr(prompt, "care", False) and not with_class(item, "care-note"):
            note = etree.SubElement(item, "span")
            note.set("class", "care-note")
            note.text = " " + CARE_NOTE
    return inner_xhtml(article)


def _xhtml(title: str, body: str, route: Route) -> bytes:
    text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
            f'<html xmlns="{XHTML}" xmlns:epub="{EPUB_NS}" lang="{LANGUAGE}" xml:lang="{LANGUAGE}">'
            f"<head><meta charset=\"UTF-8\"/><title>{escape(title)}</title>"
            '<link rel="stylesheet" type="text/css" href="style.css"/></head>'
            f"<body>{body}</body></html>\n")
    try:
        etree.fromstring(text.encode())
    except etree.XMLSyntaxError as error:
        raise PackageError(f"book '{route.id}', chapter '{title}': not well-formed XHTML: {error}") from error
    return text.encode()


def _nav(route: Route, chapters: list[Chapter], pages: list[PackagePage]) -> bytes:
    items = "".join(f'<li><a href="{escape(c.name)}.xhtml">{escape(c.title)}</a></li>' for c in chapters)
    first_module = next((p.name for p in pages if p.module), chapters[0].name)
    body = (f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{items}</ol></nav>'
            '<nav epub:type="landmarks" id="landmarks" hidden=""><h2>Landmarks</h2><ol>'
            '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>'
            f'<li><a epub:type="bodymatter" href="{escape(first_module)}.xhtml">Start of the text</a></li>'
            + ('<li><a epub:type="glossary" href="glossary.xhtml">Glossary</a></li>'
               if any(c.name == "glossary" for c in chapters) else "")
            + ('<li><a epub:type="bibliography" href="references.xhtml">References</a></li>'
               if any(c.name == "references" for c in chapters) else "")
            + "</ol></nav>")
    return _xhtml("Contents", body, route)


def _container() -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            b'<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            b'<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
            b"</rootfiles></container>\n")


def _modified() -> str:
    """When the book was made: ``SOURCE_DATE_EPOCH`` if set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _package(route: Route, book: Book, chapters: list[Chapter]) -> bytes:
    """The package document: metadata (with accessibility), manifest and spine."""
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF}, version="3.0",
                            attrib={"unique-identifier": "uid",
                                    "prefix": "a11y: http://www.idpf.org/epub/vocab/package/a11y/#",
                                    "{http://www.w3.org/XML/1998/namespace}lang": LANGUAGE})
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    identity = f"{book.site_url or book.article_title}|{route.id}"

    def dc(name: str, text: str, **attrib: str) -> None:
        etree.SubElement(metadata, f"{{{DC}}}{name}", attrib).text = text

    def meta(prop: str, text: str) -> None:
        etree.SubElement(metadata, f"{{{OPF}}}meta", property=prop).text = text

    dc("identifier", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, identity)}", id="uid")
    dc("title", route.title)
    dc("language", LANGUAGE)
    for author in book.authors:
        dc("creator", author)
    if route.description:
        dc("description", route.description)
    if book.edition:
        dc("publisher", book.edition)
    meta("dcterms:modified", _modified())
    for prop, values in ACCESSIBILITY.items():
        for value in values:
            meta(prop, value)

    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")
    etree.SubElement(manifest, f"{{{OPF}}}item", id="nav", href="nav.xhtml",
                     attrib={"media-type": "application/xhtml+xml", "properties": "nav"})
    etree.SubElement(manifest, f"{{{OPF}}}item", id="style", href="style.css",
                     attrib={"media-type": "text/css"})
    for chapter in chapters:
        item = etree.SubElement(manifest, f"{{{OPF}}}item", id=f"c-{chapter.name}",
                                href=f"{chapter.name}.xhtml", attrib={"media-type": "application/xhtml+xml"})
        if chapter.svg:
            item.set("properties", "svg")
    spine = etree.SubElement(package, f"{{{OPF}}}spine")
    etree.SubElement(spine, f"{{{OPF}}}itemref", idref=f"c-{chapters[0].name}")
    etree.SubElement(spine, f"{{{OPF}}}itemref", idref="nav")
    for chapter in chapters[1:]:
        etree.SubElement(spine, f"{{{OPF}}}itemref", idref=f"c-{chapter.name}")
    return etree.tostring(package, xml_declaration=True, encoding="UTF-8", pretty_print=True)
