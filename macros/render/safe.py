"""One rule for text: every source field is plain text unless declared Markdown.

A value read from YAML, front matter or BibTeX reaches a page in one of three
ways, and its type says which (MarkupSafe's ``Markup`` is known-safe HTML; a
``str`` is text still to be escaped):

- :func:`html_text` escapes plain text for HTML (element content, attributes).
- :func:`markdown_text` makes plain text inert inside Markdown that the engine
  will render (headings, table cells, link texts): every character that
  Markdown, its extensions (attribute lists, citations) or HTML give a meaning
  is written as a numeric character reference, so it is shown, never read.
- :func:`render_markdown` renders a field declared Markdown with a restricted
  Python-Markdown (no raw HTML, no attribute lists, links only to http, https,
  mailto or relative addresses), then cleans the result with nh3.

Which fields are Markdown is declared once, in :data:`MARKDOWN_FIELDS`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 - Python-Markdown's own convention
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

#: The only source fields read as Markdown; every other field is plain text.
#: Keys are source kinds, values dotted paths inside one source (a list's
#: items are named by the list). The JSON Schemas in ``schemas/`` mark the same
#: fields with ``contentMediaType: text/markdown``.
MARKDOWN_FIELDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "pathway": frozenset({"introduction", "closing", "sittings.steps.focus"}),
    "course": frozenset({"introduction", "closing", "sessions.activities.description"}),
    "glossary": frozenset({"definition"}),  # the entry's body
})

#: Link and image schemes a Markdown field may use (relative addresses too).
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# What the cleaned HTML of a Markdown field may hold: Markdown's own output,
# and the citation and glossary links (with the attributes the previews read).
ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol",
                          "li", "hr", "a", "img", "span", "sup", "h3", "h4", "h5", "h6"})
ALLOWED_ATTRIBUTES: Mapping[str, set[str]] = MappingProxyType({
    "a": {"href", "title", "class", "data-cite", "data-cite-note", "data-term"},
    "img": {"src", "alt", "title"},
    "span": {"class"},
    "sup": {"class"},  # the note mark after a citation whose entry was corrected
    "ol": {"start"},
})

# ASCII characters with a meaning in Markdown, its extensions or HTML. Others
# (letters, digits, spaces, apostrophes, commas...) stay as they are, so
# glossary terms are still found in the text.
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!<>&|~:\"=@$^"
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in _MARKDOWN_SPECIAL})
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED_IN_URLS = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_URL_EDGES = "".join(map(chr, range(0x21)))  # and C0 controls and spaces at either end


def is_markdown(kind: str, field: str) -> bool:
    """Whether ``field`` of a ``kind`` source is declared Markdown."""
    return field in MARKDOWN_FIELDS.get(kind, ())


def html_text(value: object) -> Markup:
    """Plain text as HTML (element content or a quoted attribute value)."""
    return escape(str(value))


def markdown_text(value: object) -> Markup:
    """Plain text for a place in Markdown source: shown as written, never read as syntax.

    Whitespace is collapsed, so the text can never start a block (a list, a
    heading, a code block). The result is valid HTML as well.
    """
    return Markup(" ".join(str(value).split()).translate(_INERT))


def safe_url(url: str) -> bool:
    """Whether a link or image address is http(s), mailto or relative."""
    # Python-Markdown keeps character references in addresses; a browser decodes them.
    cleaned = _IGNORED_IN_URLS.sub("", html.unescape(url)).strip(_URL_EDGES)
    scheme = _SCHEME_RE.match(cleaned)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    # No scheme: relative, unless a colon comes before any path, query or fragment.
    return ":" not in re.split(r"[/?#]", cleaned, maxsplit=1)[0]


class _UnsafeLinks(Treeprocessor):
    """Links and images to any other scheme are replaced by their text."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            # From the last child back, so removing one keeps the others' indexes.
            for index, child in reversed(list(enumerate(parent))):
                url = {"a": child.get("href"), "img": child.get("src")}.get(child.tag)
                if url is None or safe_url(url):
                    continue
                text = "".join(child.itertext()) if child.tag == "a" else child.get("alt", "")
                _replace_with_text(parent, index, child, text)


def _replace_with_text(parent: etree.Element, index: int, child: etree.Element, text: str) -> None:
    text = text + (child.tail or "")
    parent.remove(child)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text


class RestrictedExtension(Extension):
    """Markdown without raw HTML or attribute lists, and with safe links only."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        md.registerExtension(self)
        # Raw HTML (blocks and inline) is not recognised, so it is escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # -1: after "unescape" (0), so backslash escapes are resolved before the check.
        md.treeprocessors.register(_UnsafeLinks(md), "unsafe_links", -1)


def restricted_markdown(extensions: Iterable[Extension] = ()) -> markdown.Markdown:
    """A Markdown instance for fields declared Markdown, plus ``extensions`` (citations, terms)."""
    return markdown.Markdown(extensions=[RestrictedExtension(), *extensions], output_format="html")


def clean_html(html: str) -> Markup:
    """The allow-list, applied once more to rendered HTML."""
    return Markup(nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=dict(ALLOWED_ATTRIBUTES),
                            url_schemes=set(SAFE_SCHEMES), link_rel=None, strip_comments=True))


_DEFAULT: list[markdown.Markdown] = []


def render_markdown(source: str, md: markdown.Markdown | None = None) -> Markup:
    """A field declared Markdown, as cleaned HTML. ``md`` is a :func:`restricted_markdown`."""
    if md is None:
        if not _DEFAULT:
            _DEFAULT.append(restricted_markdown())
        md = _DEFAULT[0]
    md.reset()
    return clean_html(md.convert(source))


def field_html(kind: str, field: str, value: str, md: markdown.Markdown | None = None) -> Markup:
    """A field's value as HTML, by what :data:`MARKDOWN_FIELDS` declares it to be."""
    if is_markdown(kind, field):
        return render_markdown(value, md)
    return Markup("<p>") + html_text(" ".join(value.split())) + Markup("</p>")
