"""A hook for the benchmark only: write each page's Markdown as our build renders it.

``bench/run.py`` adds this file after our own hooks in a child config, so
plain Material can then build the very same Markdown, with the same
navigation (``nav.json``: the pages our hooks add to it included, and the
pages left out of it on purpose); the production hooks know nothing of it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from properdocs.plugins import event_priority
from properdocs.structure.nav import Link, Section

DUMP_TO = Path(os.environ["RESONANCE_DUMP_MARKDOWN"])
NAV_FILE = "nav.json"  # beside the dumped docs folder


def _nav_config(items) -> list:
    """The built navigation as a ``nav:`` setting: sections by title, pages by file, links by URL."""
    entries = []
    for item in items:
        if isinstance(item, Section):
            entries.append({str(item.title): _nav_config(item.children)})
        elif isinstance(item, Link):
            entries.append({str(item.title): item.url})
        else:
            entries.append(item.file.src_uri)
    return entries


@event_priority(-100)  # after our own hooks have added the pages made from the sources
def on_nav(nav, config, files):
    """The nav as built, and the pages left out of it on purpose (courses), as ``not_in_nav``."""
    listed = {page.file.src_uri for page in nav.pages}
    left_out = sorted(file.src_uri for file in files.documentation_pages() if file.src_uri not in listed)
    data = {"nav": _nav_config(nav.items), "not_in_nav": left_out}
    (DUMP_TO.parent / NAV_FILE).write_text(json.dumps(data), encoding="utf-8")
    return nav


@event_priority(-100)  # after our own hooks have added the module box and prompts
def on_page_markdown(markdown, page, config, files):
    out = DUMP_TO / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"---\ntitle: {json.dumps(page.title or '')}\n---\n\n{markdown}", encoding="utf-8")
    return markdown
