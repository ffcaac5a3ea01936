"""The authors' text of a module page: marked once, found again for print and handouts.

A module page holds the authors' words and this edition's additions around
them (objectives, key points, the trainers' box, the reflection, works
cited). The words are wrapped in ``<div class="authors-text">`` when the page's
Markdown is assembled, so that the print stylesheet can put them straight
after the title and objectives, and the course handouts can carry the same
rendered text (term links, citations, note marks and all) instead of a copy
made some other way.
"""

from __future__ import annotations

from collections.abc import Callable

import lxml.html
from lxml import etree
from markupsafe import Markup

from ..core.urls import page_url, site_path

AUTHORS_TEXT = "authors-text"

#: Parts of the rendered text that belong to its own page (permalink marks).
_PAGE_ONLY = ("headerlink",)


def wrap_authors_text(markdown: str) -> str:
    """The page's Markdown with everything after its ``# `` title inside the marked block.

    The block is Markdown inside HTML (``md_in_html``), so the text is rendered
    exactly as before, headings and all.
    """
    lines = markdown.split("\n")
    title = next((index for index, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join([*lines[: title + 1], "", f'<div class="{AUTHORS_TEXT}" markdown>', "",
                      *lines[title + 1:], "", "</div>", ""])


def authors_text_html(content: str, from_src: str, url_for: Callable[[str, str], str],
                      directory_urls: bool = True, heading_shift: int = 2) -> Markup:
    """The authors' text of a rendered module page (``content``, the page's HTML),
    ready to stand on another page.

    ``url_for(site_path, fragment)`` gives a link to a page of the site from the
    new page. Element ids are dropped (the new page may hold several modules,
    and its own headings), headings move down ``heading_shift`` levels to sit
    under the new page's, and permalink marks go.
    """
    fragment = lxml.html.fragment_fromstring(content, create_parent="div")
    found = fragment.xpath(f'.//div[contains(concat(" ", normalize-space(@class), " "), " {AUTHORS_TEXT} ")]')
    if not found:
        raise ValueError(f"{from_src}: the rendered module page has no <div class=\"{AUTHORS_TEXT}\">")
    block = found[0]
    for element in block.xpath(".//*[@class]"):
        if set(element.get("class").split()) & set(_PAGE_ONLY):
            element.drop_tree()
    for element in block.iter(etree.Element):
        element.attrib.pop("id", None)
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            element.tag = f"h{min(6, int(element.tag[1]) + heading_shift)}"
    here = page_url(from_src, directory_urls)
    for link in block.xpath(".//a[@href]"):
        target = site_path(here, link.get("href"))
        if target is not None:
            link.set("href", url_for(*target))
        elif link.get("href").startswith("#"):
            link.drop_tag()  # a place on the module's own page: not on the new one
    children = "".join(lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in block)
    return Markup.escape(block.text or "") + Markup(children)
