"""Relative links between pages, computed the way the built site lays them out."""

from __future__ import annotations

import posixpath
from functools import lru_cache


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
    here = page_url(from_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    target = page_url(to_src, directory_urls)
    rel = posixpath.relpath("/" + target, "/" + base)
    if (target.endswith("/") or not target) and rel != ".":
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
