"""IMS Common Cartridge 1.1, thin: links to the published pages, for Moodle and others.

A thin cartridge holds no copy of the text: one web link per page (the
route's own page, then its modules, in order) and the route's descriptive
text as a small page of its own. Links must be absolute, so a cartridge is
made only when the site has an address (``site_url``); the caller skips it,
with one warning line, when there is none.

No copy of the IMS CC 1.1 schemas can be had from a package registry, so the
tests check the structure with lxml (namespaces, schema version, every
reference resolved, every file present, every link absolute); see the README.
"""

from __future__ import annotations

from html import escape

from lxml import etree

from ..core.site import Site
from ..core.urls import page_url
from .archive import write_zip
from .contents import safe_name
from .routes import Route

CC = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
WEBLINK = "http://www.imsglobal.org/xsd/imsccv1p1/imswl_v1p1"
WEBLINK_TYPE = "imswl_xmlv1p1"
LANGUAGE = "en-GB"
ABOUT = "about.html"


def weblinks(site: Site, route: Route, site_url: str, directory_urls: bool = True) -> list[tuple[str, str]]:
    """(title, absolute address) of every page the cartridge links, in order."""
    base = site_url.rstrip("/") + "/"
    links = []
    if route.page_src:
        links.append((route.title, base + page_url(route.page_src, directory_urls)))
    links += [(m.title, base + page_url(m.src, directory_urls)) for m in route.modules]
    return links


def write_cartridge(site: Site, route: Route, out, site_url: str, directory_urls: bool = True) -> int:
    """Write the route's ``.imscc`` to ``out``; returns its size in bytes."""
    if not site_url:
        raise ValueError("a Common Cartridge needs the site's address (site_url)")
    links = weblinks(site, route, site_url, directory_urls)
    files = [(f"weblinks/link-{number}.xml", _weblink(title, url))
             for number, (title, url) in enumerate(links, 1)]
    about = _about_page(route, links[0][1] if links else site_url)
    manifest = cartridge_manifest(route, [title for title, _ in links])
    return write_zip(out, [("imsmanifest.xml", manifest), (ABOUT, about), *files])


def cartridge_manifest(route: Route, titles: list[str]) -> bytes:
    """``imsmanifest.xml``: metadata (title, description, language), one item per link."""
    manifest = etree.Element(f"{{{CC}}}manifest", nsmap={None: CC, "lomimscc": LOM},
                             identifier=safe_name(f"resonance-{route.id}"))
    metadata = etree.SubElement(manifest, f"{{{CC}}}metadata")
    etree.SubElement(metadata, f"{{{CC}}}schema").text = "IMS Common Cartridge"
    etree.SubElement(metadata, f"{{{CC}}}schemaversion").text = "1.1.0"
    general = etree.SubElement(etree.SubElement(metadata, f"{{{LOM}}}lom"), f"{{{LOM}}}general")
    _lom_string(general, "title", route.title)
    etree.SubElement(general, f"{{{LOM}}}language").text = LANGUAGE
    if route.description:
        _lom_string(general, "description", route.description)

    organizations = etree.SubElement(manifest, f"{{{CC}}}organizations")
    organization = etree.SubElement(organizations, f"{{{CC}}}organization", identifier="org",
                                    structure="rooted-hierarchy")
    root = etree.SubElement(organization, f"{{{CC}}}item", identifier="root")
    resources = etree.SubElement(manifest, f"{{{CC}}}resources")
    entries = [("about", "About this route", "webcontent", ABOUT)]
    entries += [(f"link-{n}", title, WEBLINK_TYPE, f"weblinks/link-{n}.xml")
                for n, title in enumerate(titles, 1)]
    for ident, title, kind, href in entries:
        item = etree.SubElement(root, f"{{{CC}}}item", identifier=f"item-{ident}",
                                identifierref=f"res-{ident}")
        etree.SubElement(item, f"{{{CC}}}title").text = title
        resource = etree.SubElement(resources, f"{{{CC}}}resource", identifier=f"res-{ident}", type=kind)
        if kind == "webcontent":
            resource.set("href", href)
        etree.SubElement(resource, f"{{{CC}}}file", href=href)
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lom_string(parent: etree._Element, name: str, text: str) -> None:
    field = etree.SubElement(parent, f"{{{LOM}}}{name}")
    etree.SubElement(field, f"{{{LOM}}}string", language=LANGUAGE).text = text


def _weblink(title: str, url: str) -> bytes:
    link = etree.Element(f"{{{WEBLINK}}}webLink", nsmap={None: WEBLINK})
    etree.SubElement(link, f"{{{WEBLINK}}}title").text = title
    etree.SubElement(link, f"{{{WEBLINK}}}url", href=url, target="_blank")
    return etree.tostring(link, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _about_page(route: Route, url: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(part.strip())}</p>" for part in route.description.split("\n\n")
                         if part.strip())
    return (f'<!doctype html>\n<html lang="{LANGUAGE}"><head><meta charset="utf-8">'
            f"<title>{escape(route.title)}</title></head><body><h1>{escape(route.title)}</h1>{paragraphs}"
            f'<p>Read it on the web: <a href="{escape(url)}">{escape(url)}</a>. The reflections you '
            "write there are saved only in your browser.</p></body></html>\n").encode()
