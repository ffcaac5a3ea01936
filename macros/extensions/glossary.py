"""Glossary terms linked where they occur, with the short definition as preview.

A tree processor (never a regex over Markdown or HTML) walks the page after
inline processing and the table of contents, and links the first occurrence of
each term in each section (the ``scope`` setting) as ``<a class="term"
data-term="ID" href="…/glossary/#ID" title="SHORT">``. Code, headings,
existing links (citations included), block quotes and elements marked
``no-glossary`` are never touched, nor a term inside its own glossary entry
(an element with ``data-term-entry="ID"``).

Every occurrence, linked or not, is recorded in ``uses`` with its section
anchor: that is how the glossary knows where each term appears.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own convention
from collections.abc import Mapping
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER, AtomicString

from ..core.termmatch import TermMatcher
from ..core.urls import anchor_link
from ..core.uses import TermUse

SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "blockquote",
                       "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "button", "svg", "math"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SCOPES = ("section", "page", "every")
_PLACEHOLDER_RE = re.compile(re.escape(HTML_PLACEHOLDER).replace("%s", r"(\d+)"))


@dataclass(frozen=True)
class TermTarget:
    """What the linker needs to know of one term."""

    names: tuple[str, ...]  # lower-case term and forms
    short: str


def _text_without_permalinks(element: etree.Element):
    """A heading's text, leaving out the permalink the toc extension adds."""
    if element.text:
        yield element.text
    for child in element:
        if "headerlink" not in (child.get("class") or ""):
            yield from _text_without_permalinks(child)
        if child.tail:
            yield child.tail


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        if not self.ext.getConfig("enabled"):
            return
        self.linked: set[str] = set()
        self.anchor, self.heading, self.level = "", "", 0
        own = self.ext.getConfig("own_term")
        self.walk(root, frozenset({own}) if own else frozenset())

    def walk(self, element: etree.Element, own: frozenset[str]) -> None:
        if element.get("data-term-entry"):
            own = own | {element.get("data-term-entry")}
        children = list(element)
        if element.text and not isinstance(element.text, AtomicString):
            new = self.link_text(element.text, own)
            if new:
                element.text = new[0]
                for offset, child in enumerate(new[1:]):
                    element.insert(offset, child)
        for child in children:
            if child.tag in HEADINGS:
                self.new_section(child)
            elif child.tag not in SKIP_TAGS and not self.skipped(child):
                self.walk(child, own)
            if child.tail and not isinstance(child.tail, AtomicString):
                new = self.link_text(child.tail, own)
                if new:
                    child.tail = new[0]
                    index = list(element).index(child) + 1
                    for offset, link in enumerate(new[1:]):
                        element.insert(index + offset, link)

    def skipped(self, element: etree.Element) -> bool:
        classes = set((element.get("class") or "").split())
        return bool(classes & self.ext.skip_classes)

    def new_section(self, heading: etree.Element) -> None:
        self.anchor = heading.get("id", "")
        self.level = int(heading.tag[1])
        self.heading = "".join(_text_without_permalinks(heading)).strip()
        if self.ext.getConfig("scope") == "section":
            self.linked = set()

    def raw_link_spans(self, text: str) -> list[tuple[int, int]]:
        """Stretches of ``text`` inside an ``<a>`` written as raw HTML.

        Python-Markdown keeps inline HTML as placeholders in the text, so a
        link written as ``<a href="…">words</a>`` is not an element of the tree:
        its words are found here, between its opening and closing placeholders,
        and never linked again (a link inside a link is invalid HTML).
        """
        spans, opened = [], None
        for found in _PLACEHOLDER_RE.finditer(text):
            index = int(found.group(1))
            stash = self.md.htmlStash.rawHtmlBlocks
            html = stash[index] if index < len(stash) else ""
            html = html if isinstance(html, str) else ""
            if re.match(r"<a[\s>]", html, re.IGNORECASE):
                opened = found.end()
            elif re.match(r"</a\s*>", html, re.IGNORECASE) and opened is not None:
                spans.append((opened, found.start()))
                opened = None
        if opened is not None:
            spans.append((opened, len(text)))
        return spans

    def link_text(self, text: str, own: frozenset[str]) -> list | None:
        """Split ``text`` into text and term links; None when nothing is linked."""
        pieces: list = [""]
        position = 0
        changed = False
        inside_raw_links = self.raw_link_spans(text)
        for match in self.ext.matcher.finditer(text):
            term_id = match.term_id
            link = (term_id not in own
                    and not any(start <= match.start < end for start, end in inside_raw_links)
                    and (self.ext.getConfig("scope") == "every" or term_id not in self.linked))
            self.ext.uses.append(TermUse(term_id, self.anchor, self.heading, link, self.level))
            if not link:
                continue
            self.linked.add(term_id)
            changed = True
            anchor = etree.Element("a", {"class": "term", "data-term": term_id,
                                         "href": self.ext.href(term_id),
                                         "title": self.ext.targets[term_id].short})
            anchor.text = AtomicString(match.text)
            if len(pieces) == 1:
                pieces[0] = text[position:match.start]
            else:
                pieces[-1].tail = text[position:match.start]
            pieces.append(anchor)
            position = match.end
        if not changed:
            return None
        pieces[-1].tail = text[position:]
        return pieces


class GlossaryExtension(Extension):
    """Python-Markdown extension: link glossary terms, record where they occur."""

    def __init__(self, **kwargs):
        self.config = {
            "targets": [{}, "Mapping of term id to TermTarget. Default: {}"],
            "glossary_page": ["glossary.md",
                              "Docs-relative path of the glossary page. Default: 'glossary.md'"],
            "page_path": ["", "Docs-relative path of the page being rendered. Default: ''"],
            "enabled": [True, "Link terms on the page being rendered. Default: True"],
            "own_term": ["", "A term never linked in what is rendered: a definition rendered on its "
                             "own (its entry's id). Default: ''"],
            "directory_urls": [True, "Whether pages are served as folder/ URLs. Default: True"],
            "link_to_source": [False, "Link to the glossary page's Markdown source (for engines that "
                                      "rewrite and validate .md links). Default: False"],
            "scope": ["section", "Link a term's first occurrence in each 'section', once per 'page', "
                                 "or 'every' occurrence. Default: 'section'"],
            "skip_classes": [["no-glossary", "citation-group", "page-references"],
                             "Elements with these classes are left alone. Default: no-glossary, "
                             "citation-group, page-references"],
        }
        super().__init__(**kwargs)
        if self.getConfig("scope") not in SCOPES:
            raise ValueError(f"glossary scope must be one of {', '.join(SCOPES)}, "
                             f"not {self.getConfig('scope')!r}")
        self.uses: list[TermUse] = []
        names: dict[str, str] = {}
        for term_id, target in self.targets.items():
            for name in target.names:
                names.setdefault(name, term_id)  # as the clash check: the first entry keeps a name
        self.matcher = TermMatcher(names)
        self.skip_classes = frozenset(self.getConfig("skip_classes"))

    @property
    def targets(self) -> Mapping[str, TermTarget]:
        return self.getConfig("targets")

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.registerExtension(self)
        # 4: after inline patterns (20) and after the table of contents (5), so
        # headings already carry the ids that record where each term appears.
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 4)

    def reset(self) -> None:
        self.uses = []

    def set_page(self, page_path: str, enabled: bool = True) -> None:
        """Called by the adapter before each page is rendered."""
        self.setConfig("page_path", page_path)
        self.setConfig("enabled", enabled)

    def href(self, term_id: str) -> str:
        return anchor_link(self.getConfig("page_path") or "index.md", self.getConfig("glossary_page"),
                           term_id, self.getConfig("directory_urls"), self.getConfig("link_to_source"))


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 - Python-Markdown's API name
    return GlossaryExtension(**kwargs)
