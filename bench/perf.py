"""What loading a page costs on a phone: Lighthouse performance, the search index, the glossary's DOM.

Lighthouse runs as in the test suite (``tests/browser/lighthouse.py``:
mobile profile, simulated throttling, offline, Debian's Chromium), on the
same eight kinds of page, with only the performance category, several times
each; the site is served gzipped over keep-alive HTTP/1.1, as a static host
serves it. The search index and the DOM are measured from the built files.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.browser.lighthouse import page_kinds, run_lighthouse, serve

METRICS = ("fcp", "lcp", "tbt", "cls", "si")


@dataclass(frozen=True)
class KindPerformance:
    kind: str
    path: str
    scores: tuple[int, ...]  # one per run
    metrics: dict[str, float]  # the median of each metric over the runs
    runs: tuple[dict[str, Any], ...]  # Lighthouse's results, one per run (see lighthouse_run.mjs)

    @property
    def score(self) -> float:
        return statistics.median(self.scores)

    @property
    def typical(self) -> dict[str, Any]:
        """The run whose score is the median: its diagnostics explain the figure."""
        ordered = sorted(self.runs, key=lambda r: r["scores"]["performance"])
        return ordered[len(ordered) // 2]


def lighthouse_performance(site: Path, runs: int) -> tuple[list[KindPerformance], dict[str, Any]]:
    """Performance of each page kind, ``runs`` runs each (interleaved), and Lighthouse's answer."""
    kinds = page_kinds(site)
    with serve(site, compress=True) as base:
        answer = run_lighthouse(base, list(kinds.values()), ["performance"], runs=runs)
    by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in answer["results"]:
        if result["runtimeError"]:
            raise RuntimeError(f"Lighthouse could not measure /{result['path']}: {result['runtimeError']}")
        by_path[result["path"]].append(result)
    measured = []
    for kind, path in kinds.items():
        results = by_path[path]
        metrics = {m: statistics.median(r["metrics"][m] for r in results) for m in METRICS}
        measured.append(KindPerformance(kind, path, tuple(r["scores"]["performance"] for r in results),
                                        metrics, tuple(results)))
    return measured, answer


@dataclass(frozen=True)
class IndexSize:
    total: int  # bytes of search/search_index.json
    entries: int  # sections indexed
    per_page: dict[str, int]  # bytes of each page's entries (location without #anchor)


def search_index_size(site: Path) -> IndexSize:
    """The size of Material's search index, and what each page contributes to it."""
    path = site / "search" / "search_index.json"
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    per_page: dict[str, int] = defaultdict(int)
    for doc in docs:
        per_page[doc["location"].split("#")[0]] += len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return IndexSize(path.stat().st_size, len(docs), dict(per_page))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1


def element_count(html: Path) -> int:
    """Elements in a page's HTML as served (before scripts add or remove any)."""
    parser = _Elements()
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    return parser.count
