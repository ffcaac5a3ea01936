"""The pieces the course builder needs to make packages in the browser: ``downloads/builder/``.

A course made in the builder exists only in the trainer's browser, so its
packages are made there too, with nothing sent anywhere. Packaging writes
what they are made of, once for every module, from the same built pages the
route packages are made from:

- ``pages/NAME.html``: each module's, the glossary's and the references'
  package page body, exactly as ``scorm.py`` writes it for a route holding
  every module (links to a module the trainer leaves out are pointed at the
  published page, or made plain text, by ``package-maker.js``);
- ``book/NAME.xhtml``: each of those pages' EPUB chapter body, and the
  framework's, as ``epub.py`` writes them; ``book/style.css``;
- ``assets/``: the site's stylesheets and scripts and the package's own
  stylesheet and runtime adapter, as every SCORM package holds them;
- ``package-maker.js``: writes the launch, start and end pages, the frame of
  every page, a book's title page, contents and package document, and the
  manifests, in the same shape as ``scorm.py``, ``cartridge.py`` and
  ``epub.py`` (tests compare the two, file by file, for the same course), and
  zips them with fflate (MIT, vendored: ``vendor/``);
- ``index.json``: what there is (names, titles, sizes, the site's address,
  what a book says about the article).

:func:`builder_route` is the route a builder course stands for, so Python
can make the same packages to compare.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from ..core.site import Site
from ..core.urls import page_url
from .builtpages import inner_html, link_resolver, rewrite_links
from .contents import link_map, route_pages
from .epub import ACCESSIBILITY, EPUB_STYLE, Book, Chapter, page_chapters
from .routes import CARTRIDGE, EPUB, SCORM, Route
from .scorm import ASSETS, CSP, END, EXTERNAL, PRIVACY, SiteAssets, own_assets

KIT = "downloads/builder"
INDEX = "index.json"
MAKER = "package-maker.js"
VENDOR = ASSETS / "vendor"
#: The zip library and its licence, copied next to the maker (never loaded from elsewhere).
ZIP_LIBRARY = ("fflate.js", "fflate.LICENSE.txt")
#: Bumped when the kit's shape changes, so an old page never misreads a new kit.
KIT_VERSION = 1


def builder_route(site: Site, route_id: str, title: str, audience: str, notes: str,
                  modules: Sequence[str], cartridge: bool = True) -> Route:
    """A course from the builder as a route: no page of its own; its notes are its introduction."""
    formats = (SCORM, CARTRIDGE, EPUB) if cartridge else (SCORM, EPUB)
    chosen = tuple(dict.fromkeys(site.module(m) for m in modules))
    return Route(route_id, "builder", title, audience, notes, "", chosen, "", formats)


def write_builder_kit(site: Site, site_dir: Path, assets: SiteAssets, book: Book,
                      directory_urls: bool = True) -> int:
    """Write ``downloads/builder/``; returns the size in bytes of everything in it."""
    site_url = book.site_url
    route = builder_route(site, "builder", "", "", "", [m.module for m in site.modules])
    chapters, sources = _book_chapters(site, route, site_dir, book, directory_urls)
    files = [*((f"book/{c.name}.xhtml", c.body.encode()) for c in chapters),
             ("book/style.css", (ASSETS / EPUB_STYLE).read_bytes())]
    pages = route_pages(site, route, site_dir, directory_urls)
    in_package = {**link_map(pages, "html"), page_url(site.paths.journal_page, directory_urls): f"{END}.html"}
    resolve = link_resolver(in_package, site_url)
    out = site_dir / KIT
    if out.exists():
        shutil.rmtree(out)
    page_files = []
    for page in pages:
        rewrite_links(page.article, page.url, resolve, EXTERNAL)
        page_files.append((f"pages/{page.name}.html", inner_html(page.article).encode()))
    files = page_files + files
    package_assets = assets.files(site_dir) + own_assets()
    files += package_assets
    files += [(MAKER, (ASSETS / MAKER).read_bytes())]
    files += [(name, (VENDOR / name).read_bytes()) for name in ZIP_LIBRARY]
    index = {
        "version": KIT_VERSION,
        "site_url": site_url.rstrip("/") + "/" if site_url else "",
        "csp": CSP,
        "privacy": PRIVACY,
        "external": EXTERNAL,
        "assets": [name for name, _ in package_assets],
        "pages": [{"name": p.name, "title": p.title, "module": p.module, "url": p.url,
                   "size": len(content)}
                  for p, (_, content) in zip(pages, page_files, strict=True)],
        "zip": ZIP_LIBRARY[0],
        "book": _book_index(book, chapters, sources),
    }
    files.append((INDEX, json.dumps(index, ensure_ascii=False, indent=1).encode()))
    for name, content in files:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return sum(len(content) for _, content in files)


def _book_chapters(site: Site, route: Route, site_dir: Path, book: Book, directory_urls: bool
                   ) -> tuple[list[Chapter], dict[str, tuple[str, str]]]:
    """Every chapter a builder book can hold (``book/NAME.xhtml``), with its module and site path."""
    pages = route_pages(site, route, site_dir, directory_urls)
    return page_chapters(site, pages, book), {p.name: (p.module, p.url) for p in pages}


def _book_index(book: Book, chapters: list[Chapter], sources: dict[str, tuple[str, str]]) -> dict:
    """What ``package-maker.js`` needs to write a book's title page, contents and package document."""
    return {
        "article_title": book.article_title, "authors": list(book.authors), "byline": book.byline,
        "edition": book.edition, "identity": book.site_url or book.article_title,
        "accessibility": [[prop, value] for prop, values in ACCESSIBILITY.items() for value in values],
        "chapters": [{"name": c.name, "title": c.title, "svg": c.svg,
                      "module": sources.get(c.name, ("", ""))[0], "url": sources.get(c.name, ("", ""))[1]}
                     for c in chapters],
    }
