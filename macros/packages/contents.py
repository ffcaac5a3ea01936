"""The pages a package holds, read from the built site, in reading order.

Every format holds the same pages: the route's own page (a pathway's steps or
a course's agenda), its modules, the glossary and the references. Each
format adds pages of its own (a SCORM start and end page, an EPUB title page
and framework chapter) and writes them in its own markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from ..core.site import Site
from ..core.urls import page_url
from .builtpages import PackageError, drop, read_article
from .routes import Route

REFERENCES_PAGE = "references.md"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass
class PackagePage:
    """One page of a package: where it came from, its file stem and its content."""

    name: str  # file stem inside the package, unique there
    title: str  # plain text
    src: str  # the docs page it was built from
    url: str  # that page's URL in the built site (links in ``article`` are relative to it)
    article: lxml.html.HtmlElement  # the page's content, site-only parts removed
    module: str = ""  # the module id, for a module page


def safe_name(text: str) -> str:
    """A file name and XML id from an id that came from a file name or front matter."""
    name = _SAFE_NAME.sub("-", text).strip("-") or "page"
    return name if name[0].isalpha() else f"p-{name}"


def route_pages(site: Site, route: Route, site_dir: Path, directory_urls: bool = True) -> list[PackagePage]:
    """The route's page (if it has one), its modules, the glossary and the references."""
    pages: list[PackagePage] = []
    taken: set[str] = set()

    def add(name: str, title: str, src: str, module: str = "") -> None:
        name = safe_name(name)
        if name in taken:
            raise PackageError(f"two pages of the package '{route.id}' would both be named '{name}'")
        taken.add(name)
        article = read_article(site_dir, src, directory_urls)
        drop(article)
        pages.append(PackagePage(name, title, src, page_url(src, directory_urls), article, module))

    if route.kind != "edition" and route.page_src:
        add("route", route.title, route.page_src)
    for module in route.modules:
        add(f"m-{module.module}", module.title, module.src, module.module)
    glossary = site.page(site.paths.glossary_page)
    if glossary:
        add("glossary", glossary.title, glossary.src)
    references = site.page(REFERENCES_PAGE)
    if references:
        add("references", references.title, references.src)
    return pages


def link_map(pages: list[PackagePage], extension: str, folder: str = "") -> dict[str, str]:
    """Site path of each page -> its file in the package (relative to the other pages)."""
    return {page.url: f"{folder}{page.name}.{extension}" for page in pages}
