"""A hook for the benchmark only: write each page's Markdown as our build renders it.

``bench/run.py`` adds this file after our own hooks in a child config, so
plain Material can then build the very same Markdown; the production hooks
know nothing of it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from properdocs.plugins import event_priority

DUMP_TO = Path(os.environ["RESONANCE_DUMP_MARKDOWN"])


@event_priority(-100)  # after our own hooks have added the module box and prompts
def on_page_markdown(markdown, page, config, files):
    out = DUMP_TO / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"---\ntitle: {json.dumps(page.title or '')}\n---\n\n{markdown}", encoding="utf-8")
    return markdown
