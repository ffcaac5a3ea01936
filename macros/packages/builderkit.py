"""The pieces the course builder needs to make packages in the browser: ``downloads/builder/``.

A course made in the builder exists only in the trainer's browser, so its
packages are made there too, with nothing sent anywhere. Packaging writes
what they are made of, once for every module, from the same built pages the
route packages are made from:

- ``pages/NAME.html``: each module's, the glossary's and the references'
  package page body, exactly as ``scorm.py`` writes it for a route holding
  every module (links to a module the trainer leaves out are pointed at the
  published page, or made plain text, by ``package-maker.js``);
- ``assets/``: the site's stylesheets and scripts and the package's own
  stylesheet and runtime adapter, as every SCORM package holds them;
- ``package-maker.js``: writes the launch, start and end pages, the frame of
  every page and the manifests in the same shape as ``scorm.py`` and
  ``cartridge.py`` (tests compare the two, file by file, for the same
  course), and zips them with fflate (MIT, vendored: ``vendor/``);
- ``index.json``: what there is (names, titles, sizes, the site's address).

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
from .routes import CARTRIDGE, SCORM, Route
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
    formats = (SCORM, CARTRIDGE) if cartridge else (SCORM,)
    chosen = tuple(dict.fromkeys(site.module(m) for m in modules))
    return Route(route_id, "builder", title, audience, notes, "", chosen, "", formats)


def write_builder_kit(site: Site, site_dir: Path, assets: SiteAssets, site_url: str = "",
                      directory_urls: bool = True) -> int:
    """Write ``downloads/builder/``; returns the size in bytes of everything in it."""
    route = builder_route(site, "builder", "", "", "", [m.module for m in site.modules])
    pages = route_pages(site, route, site_dir, directory_urls)
    in_package = {**link_map(pages, "html"), page_url(site.paths.journal_page, directory_urls): f"{END}.html"}
    resolve = link_resolver(in_package, site_url)
    out = site_dir / KIT
    if out.exists():
        shutil.rmtree(out)
    files: list[tuple[str, bytes]] = []
    for page in pages:
        rewrite_links(page.article, page.url, resolve, EXTERNAL)
        files.append((f"pages/{page.name}.html", inner_html(page.article).encode()))
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
                  for p, (_, content) in zip(pages, files, strict=False)],
        "zip": ZIP_LIBRARY[0],
    }
    files.append((INDEX, json.dumps(index, ensure_ascii=False, indent=1).encode()))
    for name, content in files:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return sum(len(content) for _, content in files)
