"""SCORM 1.2 packages for learning platforms (Moodle, Totara).

One SCO per route, not one per module. Totara supports SCORM 1.2 fully and
reports one status per package either way; one SCO keeps that status simple
("completed" when the learner reaches the end of the route), lets the pages
link to each other, to the glossary and to the references inside the package
(a SCORM 1.2 SCO cannot ask the platform to open another SCO), and needs one
connection to the platform for the whole visit.

That connection lives on the launch page (``index.html``), which shows the
package's pages in a frame; ``assets/scorm-runtime.js`` finds the platform's
API and sends the status, and nothing else. The pages are the site's own
(its stylesheets, the preview and journal scripts), with a Content Security
Policy that lets them load nothing from outside the package and send nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import lxml.html
from lxml import etree

from ..core.site import Site
from ..core.urls import page_url
from .archive import write_zip
from .builtpages import PackageError, built_file, inner_html, link_resolver, rewrite_links, site_path
from .contents import PackagePage, link_map, route_pages, safe_name
from .routes import Route

ASSETS = Path(__file__).resolve().parent / "assets"
RUNTIME = "scorm-runtime.js"
PAGES = "pages/"
START, END = "start", "end"
FRAME_ID = "package-frame"
#: Pages load only what the package holds, and send nothing (no fetch, no form, no beacon).
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'none'; form-action 'none'; frame-src 'self'; base-uri 'none'; object-src 'none'")
#: Links that leave the package open outside the learning platform's frame.
EXTERNAL = {"target": "_blank", "rel": "noopener"}
CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"

PRIVACY = ("This package tells your learning platform one thing only: whether you have started "
           "this route (“incomplete”) or reached its end (“completed”). The reflections you write next "
           "to prompts are saved only in this browser; they are never sent to the platform or anywhere else. "
           "Do not write names or details that could identify a young person, family or colleague.")


@dataclass(frozen=True)
class SiteAssets:
    """The site's stylesheets and our scripts, as site paths, copied into every package."""

    stylesheets: tuple[str, ...]
    scripts: tuple[str, ...]

    @classmethod
    def of_page(cls, site_dir: Path, src: str, scripts: Sequence[str], directory_urls: bool = True
                ) -> SiteAssets:
        """The stylesheets a built page links (Material's and ours), and ``scripts``."""
        url = built_file(site_dir, src, directory_urls).relative_to(site_dir).as_posix()
        head = lxml.html.fromstring(built_file(site_dir, src, directory_urls).read_bytes()).head
        sheets = [site_path(url, link.get("href")) for link in head.iter("link")
                  if link.get("rel") == "stylesheet" and link.get("href")]
        local = tuple(path for path, _ in filter(None, sheets))
        return cls(local, tuple(scripts))

    def files(self, site_dir: Path) -> list[tuple[str, bytes]]:
        """(name in the package, content) of every asset; the name keeps the file's own name."""
        found = []
        for path in (*self.stylesheets, *self.scripts):
            file = site_dir / path
            if not file.is_file():
                raise PackageError(f"{file}: the site asset {path} is missing from the built site")
            found.append(("assets/" + Path(path).name, file.read_bytes()))
        return found


def write_scorm(site: Site, route: Route, site_dir: Path, out: Path, assets: SiteAssets,
                site_url: str = "", directory_urls: bool = True) -> int:
    """Write the route's SCORM 1.2 zip to ``out``; returns its size in bytes."""
    pages = route_pages(site, route, site_dir, directory_urls)
    names = [START, *(p.name for p in pages), END]
    if len(set(names)) != len(names):
        raise PackageError(f"package '{route.id}': a page is named like the start or end page")
    # The journal's place in a package is its last page, which lists and exports the answers.
    in_package = {**link_map(pages, "html"), page_url(site.paths.journal_page, directory_urls): f"{END}.html"}
    resolve = link_resolver(in_package, site_url)
    site_files = assets.files(site_dir)
    own = own_assets()
    sheets = [name for name, _ in site_files if name.endswith(".css")] + ["assets/package.css"]
    scripts = [name for name, _ in site_files if name.endswith(".js")]
    titles = {START: "Start", **{p.name: p.title for p in pages}, END: "The end"}
    frame = _Frame(route, titles, sheets, scripts)

    files: list[tuple[str, bytes]] = [("index.html", _launch_page(route).encode())]
    files.append((f"{PAGES}{START}.html", frame.page(START, _start_body(route, pages)).encode()))
    for page in pages:
        rewrite_links(page.article, page.url, resolve, EXTERNAL)
        files.append((f"{PAGES}{page.name}.html", frame.page(page.name, inner_html(page.article)).encode()))
    files.append((f"{PAGES}{END}.html", frame.page(END, _end_body(route)).encode()))
    files += site_files + own
    manifest = scorm_manifest(route, [name for name, _ in files])
    return write_zip(out, [("imsmanifest.xml", manifest), *files])


def own_assets() -> list[tuple[str, bytes]]:
    """(name in the package, content) of the package's own stylesheet and runtime adapter."""
    return [("assets/package.css", (ASSETS / "package.css").read_bytes()),
            ("assets/" + RUNTIME, (ASSETS / RUNTIME).read_bytes())]


class _Frame:
    """The page around each package page: the site's look, where you are, previous and next."""

    def __init__(self, route: Route, titles: dict[str, str], sheets: list[str], scripts: list[str]):
        self.route, self.titles, self.sheets, self.scripts = route, titles, sheets, scripts
        self.names = list(titles)

    def page(self, name: str, body: str) -> str:
        index, title = self.names.index(name), self.titles[name]
        links = []
        if index > 0:
            before = self.names[index - 1]
            links.append(f'<a rel="prev" href="{escape(before)}.html">'
                         f"Previous: {escape(self.titles[before])}</a>")
        if name != START:
            links.append(f'<a href="{START}.html">Start and contents</a>')
        if index < len(self.names) - 1:
            after = self.names[index + 1]
            links.append(f'<a rel="next" href="{escape(after)}.html">Next: {escape(self.titles[after])}</a>')
        head = "".join(f'<link rel="stylesheet" href="../{escape(s)}">' for s in self.sheets)
        tail = "".join(f'<script src="../{escape(s)}"></script>' for s in self.scripts)
        return (
            "<!doctype html>\n"
            '<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{escape(title)} – {escape(self.route.title)}</title>{head}</head>"
            '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" '
            'data-md-color-accent="indigo"><div class="package-page">'
            f'<header class="package-header"><p>{escape(self.route.title)}</p>'
            f"<p>Page {index + 1} of {len(self.names)}</p></header>"
            f'<main><article class="md-content__inner md-typeset">{body}</article></main>'
            f'<nav class="package-nav" aria-label="Pages of this package">{"".join(links)}</nav>'
            f"</div>{tail}</body></html>\n"
        )


def _launch_page(route: Route) -> str:
    """The SCO: the connection to the platform, and a frame that shows the pages."""
    return (
        "<!doctype html>\n"
        '<html lang="en-GB" class="package-shell"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{escape(route.title)}</title>"
        '<link rel="stylesheet" href="assets/package.css"></head><body>'
        f'<iframe id="{FRAME_ID}" title="{escape(route.title)}" src="{PAGES}{START}.html"></iframe>'
        f'<script src="assets/{RUNTIME}" data-frame="{FRAME_ID}" data-end-page="{PAGES}{END}.html"></script>'
        "</body></html>\n"
    )


def _start_body(route: Route, pages: list[PackagePage]) -> str:
    contents = "".join(f'<li><a href="{escape(p.name)}.html">{escape(p.title)}</a></li>' for p in pages)
    return (f"<h1>{escape(route.title)}</h1>"
            + (f"<p><strong>Who it is for.</strong> {escape(route.audience)}</p>" if route.audience else "")
            + f'<p class="package-note">{escape(PRIVACY)}</p>'
            "<p>Move through the pages with <strong>Next</strong> at the foot of each page. "
            "Reaching the last page marks the route as completed.</p>"
            f'<h2>Contents</h2><ol class="package-contents">{contents}'
            f'<li><a href="{END}.html">The end</a></li></ol>')


def _end_body(route: Route) -> str:
    closing = "".join(f"<p>{escape(part)}</p>" for part in route.closing.split("\n\n") if part.strip())
    return (f"<h1>You have reached the end</h1>"
            f"<p>This is the end of “{escape(route.title)}”. If you opened it in a learning platform, "
            "the platform now records it as completed.</p>"
            + (f"<h2>Taking it further</h2>{closing}" if closing else "")
            + "<h2>Your reflections</h2>"
            "<p>Your answers to the prompts are kept only in this browser. "
            "You can read them here, export them or delete them.</p>"
            '<div id="journal"><p>Your reflections appear here when scripts can run.</p></div>')


def scorm_manifest(route: Route, files: Sequence[str]) -> bytes:
    """``imsmanifest.xml``: SCORM 1.2, one organisation, one SCO that names every file."""
    ident = safe_name(f"resonance-{route.id}")
    etree.register_namespace("adlcp", ADLCP)
    manifest = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "adlcp": ADLCP},
                             identifier=ident, version="1.0")
    metadata = etree.SubElement(manifest, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "ADL SCORM"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.2"
    organizations = etree.SubElement(manifest, f"{{{CP}}}organizations", default="org")
    organization = etree.SubElement(organizations, f"{{{CP}}}organization", identifier="org")
    etree.SubElement(organization, f"{{{CP}}}title").text = route.title
    item = etree.SubElement(organization, f"{{{CP}}}item", identifier="item-1", identifierref="sco",
                            isvisible="true")
    etree.SubElement(item, f"{{{CP}}}title").text = route.title
    resources = etree.SubElement(manifest, f"{{{CP}}}resources")
    resource = etree.SubElement(resources, f"{{{CP}}}resource", identifier="sco", type="webcontent",
                                href="index.html")
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for name in files:
        etree.SubElement(resource, f"{{{CP}}}file", href=name)
    return etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)
