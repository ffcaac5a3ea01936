"""Small helpers to read the built HTML in tests (stdlib html.parser only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Collector(HTMLParser):
    """Collects tags with attributes, ids, and the article text minus skipped parts."""

    def __init__(self, skip_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.skip_classes = skip_classes
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, is the article
        self.in_article = 0
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in VOID:
            return
        classes = set(attrs.get("class", "").split())
        skip = bool(classes & self.skip_classes) or bool(self.stack and self.stack[-1][1])
        article = tag == "article" and "md-content__inner" in classes
        self.stack.append((tag, skip, article))
        if article:
            self.in_article += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            name, _skip, article = self.stack.pop()
            if article:
                self.in_article -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if self.in_article and not (self.stack and self.stack[-1][1]):
            self.text.append(data)


def scan(path: Path, skip_classes: set[str] | None = None) -> _Collector:
    collector = _Collector(skip_classes or set())
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def words(text: str) -> list[str]:
    """Lower-case words, with curly apostrophes made straight."""
    return re.findall(r"[\w']+", text.replace("’", "'").replace("‘", "'").lower())
