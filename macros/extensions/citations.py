"""Pandoc-style citations rendered as author–year links to the references page.

``[@rosa2019]`` becomes ``(<a class="citation" data-cite="rosa2019"
href="…/references/#rosa2019">Rosa 2019</a>)``. The site-wide data (labels
and formatted references) comes in through the constructor; the page being
rendered is set per page by the adapter (``page_path``) so links are
relative and work from any folder, offline included.

``([Brierly 2021](@brierley2021))`` shows the words as the source writes them
and links them to the entry. When those words do not name the entry as it
is named in the reference list, a small "note" mark follows: its preview says
what differs and it links to the row of the editorial notes that explains it.

A list of the works cited on the page is appended at its end: it is what the
preview script shows on hover, focus or tap, and what a printed page keeps.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own convention
from collections.abc import Mapping
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..core.citation_notes import NOTE_ANCHOR
from ..core.citekeys import CITATION_PATTERN, Citation, CitationSyntaxError, CiteItem, parse_match
from ..core.labels import agrees_with
from ..core.urls import anchor_link


@dataclass(frozen=True)
class CitationTarget:
    """What the renderer needs to know of one work."""

    author: str  # "Owens and Lloyd"
    year: str  # "2023"
    html: str = ""  # the formatted reference, for previews and the page list
    forms: frozenset[str] = frozenset()  # how the text may name the authors ("Owens & Lloyd")
    note: str = ""  # why the text names the work differently (plain text), if it does


class CitationInlineProcessor(InlineProcessor):
    """Turns each citation match into a span of links."""

    def __init__(self, pattern: str, extension: CitationExtension):
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's API name
        try:
            citation = parse_match(m)
        except CitationSyntaxError:  # the checks report it with its place; here it stays text
            return None, None, None
        return self.extension.render(citation), m.start(0), m.end(0)


class PageReferencesTreeprocessor(Treeprocessor):
    """Appends "Works cited on this page" with each cited work in full."""

    def __init__(self, md: Markdown, extension: CitationExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        ext = self.extension
        keys = [key for key in ext.cited if key in ext.targets]
        if not keys or not ext.getConfig("page_list"):
            return
        section = etree.SubElement(root, "section", {"class": "page-references"})
        heading = etree.SubElement(section, "h2", {"id": "works-cited-on-this-page"})
        heading.text = ext.getConfig("page_list_title")
        items = etree.SubElement(section, "ul")
        for key in keys:
            item = etree.SubElement(items, "li", {"data-ref": key, "id": f"cited-{key}"})
            item.text = self.md.htmlStash.store(ext.targets[key].html)


class CitationExtension(Extension):
    """Python-Markdown extension: pandoc citations, author–year, linked."""

    def __init__(self, **kwargs):
        self.config = {
            "targets": [{}, "Mapping of citation key to CitationTarget. Default: {}"],
            "references_page": ["references.md",
                                "Docs-relative path of the references page. Default: 'references.md'"],
            "notes_page": ["editorial-notes.md",
                           "Docs-relative path of the page explaining citations written differently "
                           "from their entry. Default: 'editorial-notes.md'"],
            "page_path": ["", "Docs-relative path of the page being rendered. Default: ''"],
            "directory_urls": [True, "Whether pages are served as folder/ URLs. Default: True"],
            "link_to_source": [False, "Link to the references page's Markdown source (for engines "
                                      "such as MkDocs that rewrite and validate .md links). Default: False"],
            "page_list": [True, "Append the works cited on each page. Default: True"],
            "page_list_title": ["Works cited on this page",
                                "Heading of that list. Default: 'Works cited on this page'"],
            "also_cited": [(), "Keys cited on the page in fragments rendered on their own (glossary "
                               "definitions): listed with the page's works. Default: ()"],
        }
        super().__init__(**kwargs)
        self.cited: list[str] = []

    @property
    def targets(self) -> Mapping[str, CitationTarget]:
        return self.getConfig("targets")

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.registerExtension(self)
        # 175: before Python-Markdown's link and reference patterns (160, 170),
        # which would otherwise read "[@key]" as a reference link.
        md.inlinePatterns.register(CitationInlineProcessor(CITATION_PATTERN, self), "citation", 175)
        # 10: after inline processing (20), before the table of contents (5),
        # so the appended heading is listed in the page's contents.
        md.treeprocessors.register(PageReferencesTreeprocessor(md, self), "page_references", 10)

    def reset(self) -> None:
        self.cited = list(self.getConfig("also_cited"))

    def set_page(self, page_path: str, also_cited: tuple[str, ...] = ()) -> None:
        """Called by the adapter before each page is rendered."""
        self.setConfig("page_path", page_path)
        self.setConfig("also_cited", tuple(also_cited))

    # -- rendering ---------------------------------------------------------

    def href(self, key: str, page: str = "references_page", anchor: str = "{key}") -> str:
        return anchor_link(self.getConfig("page_path") or "index.md", self.getConfig(page),
                           anchor.format(key=key), self.getConfig("directory_urls"),
                           self.getConfig("link_to_source"))

    def note_mark(self, item: CiteItem) -> etree.Element | None:
        """The "note" mark after a citation written differently from its entry, or None."""
        target = self.targets.get(item.key)
        if target is None or agrees_with(item.written, target.forms, target.year):
            return None
        mark = etree.Element("sup", {"class": "citation-note-mark"})
        link = etree.SubElement(mark, "a", {
            "class": "citation-note", "data-cite-note": item.key,
            "href": self.href(item.key, "notes_page", NOTE_ANCHOR),
            "title": f"Editorial note. {target.note}" if target.note else "Editorial note",
        })
        link.text = AtomicString("note")
        return mark

    def link(self, item: CiteItem, text: str) -> etree.Element:
        if item.key not in self.cited:
            self.cited.append(item.key)
        known = item.key in self.targets
        element = etree.Element("a", {"class": "citation", "data-cite": item.key,
                                      "href": self.href(item.key)})
        if not known:
            element.set("class", "citation citation-unknown")
        element.text = AtomicString(text)
        return element

    def item_text(self, item: CiteItem, narrative: bool) -> str:
        target = self.targets.get(item.key)
        author, year = (target.author, target.year) if target else (f"?{item.key}", "")
        locator = f", {item.locator}" if item.locator else ""
        if narrative:
            return f"{author} ({year}{locator})"
        if item.suppress_author:
            return f"{year}{locator}"
        return f"{author} {year}{locator}"

    def render(self, citation: Citation) -> etree.Element:
        group = etree.Element("span", {"class": "citation-group"})
        first = citation.items[0]
        if first.written:  # as the source writes it: the words are the author's, not ours
            group.append(self.link(first, first.written))
            mark = self.note_mark(first)
            if mark is not None:
                group.append(mark)
            return group
        if citation.narrative:
            group.append(self.link(citation.items[0], self.item_text(citation.items[0], True)))
            return group
        group.text = AtomicString("(")
        last = None
        for index, item in enumerate(citation.items):
            prefix = ("; " if index else "") + (item.prefix + " " if item.prefix else "")
            if last is None:
                group.text = AtomicString(group.text + prefix)
            else:
                last.tail = AtomicString(prefix)
            last = self.link(item, self.item_text(item, False))
            group.append(last)
        last.tail = AtomicString(")")
        return group


def makeExtension(**kwargs) -> CitationExtension:  # noqa: N802 - Python-Markdown's API name
    return CitationExtension(**kwargs)
