"""Relative links between pages, computed the way the built site lays them out."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit


def page_url(src: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a docs page: ``article/a.md`` -> ``article/a/``."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=65536)  # a build asks the same few pairs hundreds of times
def relative_url(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """URL of page ``to_src`` as seen from page ``from_src``."""
    return url_between(page_url(from_src, directory_urls), page_url(to_src, directory_urls))


def url_between(from_url: str, to_url: str) -> str:
    """The relative link from the page at site path ``from_url`` to the site path ``to_url``."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + to_url, "/" + base)
    if (to_url.endswith("/") or not to_url) and rel != ".":
        rel += "/"
    return "./" if rel == "." else rel


@lru_cache(maxsize=65536)
def source_link(from_src: str, to_src: str) -> str:
    """A Markdown link between two pages' sources, for engines that rewrite and check them."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def anchor_link(from_src: str, to_src: str, anchor: str, directory_urls: bool = True,
                to_source: bool = False) -> str:
    """A link to ``#anchor`` on page ``to_src``, from page ``from_src``.

    ``to_source`` links the Markdown source (for engines that rewrite and check
    such links); otherwise the built URL. On the same page, the anchor alone.
    """
    if from_src == to_src:
        return f"#{anchor}"
    target = source_link(from_src, to_src) if to_source else relative_url(from_src, to_src, directory_urls)
    return f"{target}#{anchor}"


def site_path(from_url: str, href: str) -> tuple[str, str] | None:
    """The site path and fragment a relative link on page ``from_url`` points to.

    ``None`` for links that leave the site (another scheme or host) or stay on
    the page (a fragment alone).
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    joined = posixpath.normpath(posixpath.join("/" + base, parts.path)).lstrip("/")
    if parts.path.endswith("/") and joined and joined != ".":
        joined += "/"
    return ("" if joined == "." else joined), parts.fragment
