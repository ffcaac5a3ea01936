"""Write every package into ``downloads/`` of a freshly built site, then fill the pages' Downloads blocks.

Called once the engine has written every page (the packages are made from
the built pages), inside the new site folder before it replaces the old one:
so the site that goes live always has the packages its pages offer, with
their real sizes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.site import Site
from ..core.urls import page_url
from ..render.downloads import DOWNLOADS_SLOT, Offer, downloads_html, fill_downloads
from .builderkit import write_builder_kit
from .builtpages import built_file
from .cartridge import write_cartridge
from .contents import safe_name
from .epub import Book, write_epub
from .routes import CARTRIDGE, EPUB, SCORM, Route, site_routes
from .scorm import SiteAssets, write_scorm

DOWNLOADS = "downloads"
EXTENSIONS = {SCORM: ".scorm.zip", CARTRIDGE: ".imscc", EPUB: ".epub"}
NO_ADDRESS = ("not made for this copy of the site, which has no published address; "
              "it needs the site's address to link to")
HOME_NOTE = "Each pathway and course page offers its own packages."


@dataclass(frozen=True)
class Settings:
    """What the packages need from the engine's configuration."""

    article: Mapping[str, Any]
    byline: str
    site_url: str = ""
    directory_urls: bool = True
    scripts: tuple[str, ...] = ()  # our scripts as site paths, copied into SCORM packages


@dataclass(frozen=True)
class Written:
    route: Route
    offers: tuple[Offer, ...]  # hrefs relative to the site root


def write_packages(site: Site, site_dir: Path, settings: Settings) -> tuple[list[Written], list[str]]:
    """Every package of every route, then every Downloads slot filled. Returns them and any warnings."""
    routes = site_routes(site, settings.article)
    warnings = []
    if not settings.site_url and any(CARTRIDGE in r.formats for r in routes):
        warnings.append("Common Cartridges were not made: set site_url in the engine's config "
                        "(their links to the site must be absolute)")
    book = Book.from_config(settings.article, settings.byline, settings.site_url)
    first = next((m.src for r in routes for m in r.modules), None)
    assets = site_assets(site_dir, first, settings)
    written = []
    for route in routes:
        offers = []
        for kind in route.formats:
            rel = f"{DOWNLOADS}/{safe_name(route.id)}{EXTENSIONS[kind]}"
            out = site_dir / rel
            if kind == SCORM:
                size = write_scorm(site, route, site_dir, out, assets, settings.site_url,
                                   settings.directory_urls)
            elif kind == CARTRIDGE:
                if not settings.site_url:
                    offers.append(Offer(kind, missing=NO_ADDRESS))
                    continue
                size = write_cartridge(site, route, out, settings.site_url, settings.directory_urls)
            else:
                size = write_epub(site, route, site_dir, out, book, settings.directory_urls)
            offers.append(Offer(kind, rel, size))
        written.append(Written(route, tuple(offers)))
    if first:  # the course builder's pieces, for packages of a course made in the browser
        write_builder_kit(site, site_dir, assets, book, settings.directory_urls)
    _fill_pages(site_dir, written, settings.directory_urls)
    return written, warnings


def site_assets(site_dir: Path, first_module: str | None, settings: Settings) -> SiteAssets:
    """The site's stylesheets (as a module page links them) and our scripts, for SCORM packages."""
    if first_module is None:
        return SiteAssets((), settings.scripts)
    return SiteAssets.of_page(site_dir, first_module, settings.scripts, settings.directory_urls)


def _fill_pages(site_dir: Path, written: Sequence[Written], directory_urls: bool) -> None:
    """Put each route's Downloads block in its page's slot, links relative to that page."""
    by_page: dict[str, list[Written]] = {}
    for item in written:
        if item.route.page_src:
            by_page.setdefault(item.route.page_src, []).append(item)
    for src, items in by_page.items():
        file = built_file(site_dir, src, directory_urls)
        if not file.exists():
            continue
        html = file.read_text(encoding="utf-8")
        if DOWNLOADS_SLOT not in html:
            continue
        here = page_url(src, directory_urls)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        offers = [Offer(o.format, posixpath.relpath(o.href, base or ".") if o.href else "", o.size, o.missing)
                  for item in items for o in item.offers]
        note = HOME_NOTE if any(item.route.kind == "edition" for item in items) else ""
        file.write_text(fill_downloads(html, downloads_html(offers, note)), encoding="utf-8")
