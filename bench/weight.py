"""What each built page costs a reader: its HTML and the same-site files it pulls in.

A page's assets are what the browser fetches because the markup says so:
stylesheets, icons and preloads (``<link>``), scripts, images and media, and,
inside each stylesheet, its ``url(...)`` and ``@import`` (fonts, images).
Each file counts once per page. Links to other pages, external URLs, data:
URLs and source maps are not fetched on load, so they do not count. Sizes
are uncompressed, and gzipped file by file (level 6, as web servers do).
"""

from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

FETCHED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
SRC_TAGS = {"script", "img", "audio", "video", "source", "track", "iframe", "embed"}
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3""")


@dataclass(frozen=True)
class PageWeight:
    page: str  # the page's URL path, relative to the site root
    html: int
    assets: int  # how many files
    asset_bytes: int
    total: int
    total_gzip: int


class _Fetched(HTMLParser):
    """URLs a browser fetches to show a page (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and FETCHED_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        elif tag in SRC_TAGS and a.get("src"):
            self.urls.append(a["src"])
        if tag in ("img", "source") and a.get("srcset"):
            self.urls.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())
        if tag == "video" and a.get("poster"):
            self.urls.append(a["poster"])
        if a.get("style"):
            self.urls.extend(m.group("url") or m.group("imp") for m in CSS_URL_RE.finditer(a["style"]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _local(site: Path, base: str, url: str) -> Path | None:
    """The file a same-site URL refers to, from a page or stylesheet at ``base``; None otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.endswith(".map"):
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
    file = site / target
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


@cache
def file_sizes(file: Path) -> tuple[int, int]:
    """Bytes of a file, uncompressed and gzipped (cached: pages share most assets)."""
    data = file.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def _css_imports(site: Path, css: Path) -> list[Path]:
    base = posixpath.dirname(css.relative_to(site).as_posix())
    text = css.read_text(encoding="utf-8", errors="replace")
    found = (_local(site, base, m.group("url") or m.group("imp")) for m in CSS_URL_RE.finditer(text))
    return [f for f in found if f is not None]


def assets_of(site: Path, html_file: Path) -> set[Path]:
    """Every same-site file the page makes the browser fetch, stylesheets followed."""
    parser = _Fetched()
    parser.feed(html_file.read_text(encoding="utf-8"))
    base = posixpath.dirname(html_file.relative_to(site).as_posix())
    todo = [f for f in (_local(site, base, u) for u in parser.urls) if f is not None]
    seen: set[Path] = set()
    while todo:
        file = todo.pop()
        if file in seen or file == html_file:
            continue
        seen.add(file)
        if file.suffix == ".css":
            todo.extend(_css_imports(site, file))
    return seen


def page_weights(site: Path) -> list[PageWeight]:
    """The weight of every HTML page of a built site, in path order."""
    weights = []
    for html_file in sorted(site.rglob("*.html")):
        html, html_gz = file_sizes(html_file)
        assets = assets_of(site, html_file)
        sizes = [file_sizes(f) for f in assets]
        asset_bytes = sum(s for s, _ in sizes)
        page = html_file.relative_to(site).as_posix().removesuffix("index.html") or "/"
        weights.append(PageWeight(page, html, len(assets), asset_bytes, html + asset_bytes,
                                  html_gz + sum(g for _, g in sizes)))
    return weights
