"""Every internal link and anchor of a built site resolves: read from its files, in one pass.

The site is static, so a link is good when the file a static host would serve
for it exists and, if it has a ``#fragment``, that page has an element with
that id. Reading the files says exactly that, with no server, no crawl and no
timing: each HTML page is parsed once (standard library ``html.parser``) for
its ids and the URLs it holds, then every URL is resolved against the set of
files. Pages nothing links to (``404.html``) are checked too.

How a URL is resolved, as a static host serves the site:

- ``foo/`` (or the site root) is ``foo/index.html``; ``foo`` naming a folder
  is the same (hosts redirect it to ``foo/``); anything else is a file;
- a path starting with ``/`` is taken from the site root (the 404 page's links);
- percent-escapes are decoded and ``?query`` is ignored;
- a fragment on an HTML page must be an element's ``id`` or an ``<a name>``
  (``#top`` and an empty fragment always work, as HTML specifies);
- ``http``, ``https``, ``mailto`` and ``tel`` links leave the site: only their
  scheme is checked (this runs offline); ``data:`` is allowed where a page
  loads something (``src``, ``url()``); any other scheme is a problem.

Engine-free (standard library and ``core.problems``), so the tests, and later
the build or ``make check``, can call :func:`check_site_links` on any folder.
Problems name the file relative to the site folder, with the line and column
of the tag (or of the ``url()`` in a stylesheet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..core.problems import Problem, did_you_mean, line_and_column

#: Schemes of links that leave the site (checked for scheme only).
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
#: Schemes whose content is in the URL itself: fine where a page loads a resource.
INLINE_SCHEMES = frozenset({"data"})

#: The attributes that hold one URL, per element. ``a``/``area`` hrefs are
#: followed by the reader ("link"); everything else is loaded by the page ("resource").
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href", "xlink:href"), "area": ("href",), "link": ("href",), "form": ("action",),
    "img": ("src",), "script": ("src",), "iframe": ("src",), "embed": ("src",), "source": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "track": ("src",), "input": ("src",),
    "object": ("data",), "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
}
FOLLOWED = frozenset({"a", "area", "form"})
_REFRESH_URL = re.compile(r"""^\s*\d+\s*[;,]\s*url\s*=\s*['"]?([^'"]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Link:
    """One URL as written in a file of the site, and where."""

    file: str  # relative to the site folder, POSIX separators
    line: int
    column: int
    url: str
    followed: bool  # a reader follows it (a, area); otherwise the page loads it


class _PageReader(HTMLParser):
    """Collects a page's ids (and ``<a name>``s) and every URL in it, with positions."""

    def __init__(self, file: str):
        super().__init__(convert_charrefs=True)
        self.file = file
        self.base = file  # what relative URLs resolve against; <base href> may change it
        self.ids: set[str] = set()
        self.links: list[Link] = []
        self._style_at: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line, offset = self.getpos()
        place = (line, offset + 1)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag == "base" and values.get("href") and not urlsplit(values["href"]).scheme:
            self.base = _join(self.file, values["href"]) or self.file
        for name in URL_ATTRIBUTES.get(tag, ()):
            if name in values:
                self._add(place, values[name], tag in FOLLOWED)
        for url in _srcset_urls(values.get("srcset", "")):
            self._add(place, url, False)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.match(values.get("content", ""))
            if match:
                self._add(place, match.group(1), True)
        for url, _offset in _css_urls(values.get("style", "")):
            self._add(place, url, False)
        if tag == "style":
            self._style_at = place

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._style_at = None

    def handle_data(self, data: str) -> None:
        if self._style_at:
            for url, _offset in _css_urls(data):
                self._add(self._style_at, url, False)

    def _add(self, place: tuple[int, int], url: str, followed: bool) -> None:
        # As browsers read a URL: spaces around it trimmed (urlsplit drops tabs and newlines).
        url = url.strip()
        self.links.append(Link(self.file, place[0], place[1], url, followed))


def _srcset_urls(srcset: str) -> Iterator[str]:
    """The URLs of ``srcset="a.png 1x, b.png 2x"``."""
    for candidate in srcset.split(","):
        if candidate.strip():
            yield candidate.split()[0]


def _css_urls(css: str) -> Iterator[tuple[str, int]]:
    """Each ``url(...)`` in CSS text, with its offset."""
    for match in _CSS_URL.finditer(css):
        yield match.group(2).strip(), match.start()


def _stylesheet_links(file: str, text: str) -> list[Link]:
    links = []
    for url, offset in _css_urls(text):
        line, column = line_and_column(text, offset)
        links.append(Link(file, line, column, url, False))
    return links


def _join(base_file: str, path: str) -> str | None:
    """The site path ``path`` leads to from ``base_file``; None if it climbs out of the site.

    A path that ends in a folder keeps its trailing ``/`` (it means "the folder's index").
    """
    parts = [] if path.startswith("/") else base_file.split("/")[:-1]
    pieces = path.lstrip("/").split("/")
    for piece in pieces:
        if piece == "..":
            if not parts:
                return None
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    in_folder = pieces[-1] in ("", ".", "..")
    return "/".join(parts) + ("/" if in_folder and parts else "")


@dataclass(frozen=True)
class LinkReport:
    """What the check found, and how much it looked at (so a test can tell it ran)."""

    problems: tuple[Problem, ...]
    pages: int  # HTML files read
    internal: int  # URLs resolved to a file of the site
    anchors: int  # of those, fragments looked up among a page's ids
    external: int  # links leaving the site (scheme checked only)


class _Site:
    """The files of a built site, and each page's ids, for resolving URLs."""

    def __init__(self, files: Iterable[str], ids: dict[str, set[str]]):
        self.files = frozenset(files)
        folders: set[str] = set()
        for file in self.files:
            parents = file.split("/")[:-1]
            folders.update("/".join(parents[:n]) for n in range(1, len(parents) + 1))
        self.folders = frozenset(folders)
        self.ids = ids

    def file_for(self, path: str) -> str:
        """The file a static host serves for a site path (which may not exist)."""
        if path == "" or path.endswith("/"):
            return path + "index.html"
        if path in self.folders:
            return path + "/index.html"
        return path

    def addresses_like(self, path: str) -> list[str]:
        """Addresses a reader could have meant by ``path``: files of its type, or folders with an index."""
        suffix = PurePosixPath(path).suffix
        folders = {f.removesuffix("index.html") for f in self.files if f.endswith("index.html")}
        return sorted(a for a in {*self.files, *folders} if PurePosixPath(a).suffix == suffix)


def check_site_links(site_dir: Path | str) -> LinkReport:
    """Resolve every URL in the built site's HTML and CSS; a Problem for each broken one."""
    site_dir = Path(site_dir)
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    pages: dict[str, _PageReader] = {}
    links: list[Link] = []
    for file in files:
        if file.endswith((".html", ".htm")):
            reader = _PageReader(file)
            reader.feed((site_dir / file).read_text(encoding="utf-8", errors="replace"))
            reader.close()
            pages[file] = reader
            links += reader.links
        elif file.endswith(".css"):
            links += _stylesheet_links(file, (site_dir / file).read_text(encoding="utf-8", errors="replace"))
    site = _Site(files, {file: reader.ids for file, reader in pages.items()})
    bases = {file: reader.base for file, reader in pages.items()}

    problems: list[Problem] = []
    internal = anchors = external = 0
    for link in links:
        problem, kind = _check(link, bases.get(link.file, link.file), site)
        if problem:
            problems.append(problem)
        internal += kind in ("internal", "anchor")
        anchors += kind == "anchor"
        external += kind == "external"
    return LinkReport(tuple(problems), len(pages), internal, anchors, external)


def _check(link: Link, base: str, site: _Site) -> tuple[Problem | None, str]:
    """One link's problem (or None), and what kind of link it was."""

    def problem(code: str, message: str, hint: str = "") -> Problem:
        return Problem(link.file, link.line, link.column, code, message, hint)

    parts = urlsplit(link.url)
    scheme = parts.scheme.lower()
    if scheme in EXTERNAL_SCHEMES or (not scheme and parts.netloc):
        return None, "external"
    if scheme in INLINE_SCHEMES and not link.followed:
        return None, "inline"
    if scheme:
        return problem("site-link-scheme", f"link '{link.url}' has the scheme '{scheme}:'",
                       "link within the site with a relative URL, elsewhere with http(s): or mailto:"), "bad"

    path = unquote(parts.path)
    target = base if not path else _join(base, path)
    if target is None:
        return problem("site-link-outside", f"link '{link.url}' leads above the site's root folder",
                       "remove a '../'"), "bad"
    file = site.file_for(target)
    if file not in site.files:
        return problem("site-link-broken", f"link '{link.url}' leads to '{target}', which is not in the site",
                       did_you_mean(target, site.addresses_like(target))), "bad"
    fragment = parts.fragment
    if not fragment or file not in site.ids:
        return None, "internal"
    ids = site.ids[file]
    if fragment in ids or unquote(fragment) in ids or fragment.lower() == "top":
        return None, "anchor"
    return problem("site-anchor-broken", f"link '{link.url}': '{file}' has no element with id '{fragment}'",
                   did_you_mean(fragment, ids)), "anchor"
