"""Relative links between pages, computed the way the built site lays them out."""

from __future__ import annotations

import posixpath


def page_url(src: str, directory_urls: bool = True) -> str:
    """Site-relative URL of a docs page: ``article/a.md`` -> ``article/a/``."""
    stem = src[:-3] if src.endswith(".md") else src
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    """URL of page ``to_src`` as seen from page ``from_src``."""
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target = page_url(to_src, directory_urls)
    rel = posixpath.relpath("/" + target, "/" + base)
    if (target.endswith("/") or not target) and rel != ".":
        rel += "/"
    return "./" if rel == "." else rel


def source_link(from_src: str, to_src: str) -> str:
    """A Markdown link between two pages' sources, for engines that rewrite and check them."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
