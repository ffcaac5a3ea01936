"""The pathways and modules as data for the browser: titles, addresses, steps.

The home page's "Continue where you left off" and the journal page (titles,
links back to each prompt) need to know the site's routes without asking the
server. They read this JSON from a ``<script type="application/json">``
block: browsers never run it (so the Content-Security-Policy is untouched),
search does not index it, and every ``<`` is written as ``\\u003c`` so no text
in it can close the block. Addresses are relative to the page that carries it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ..core.registry import prompt_redirects
from ..core.site import Site
from ..core.timing import MINUTES_PER_PROMPT
from .pathway_page import pathway_src, step_href

ROUTES_ID = "resonance-routes"


def routes_data(site: Site, url_for: Callable[[str], str], article: Mapping[str, Any] | None = None) -> dict:
    """Every pathway (its steps in order) and every module, with addresses from the page;
    and the article they come from (``extra.resonance.article`` of the engine's config), which
    the journal names in a CPD record."""
    article = article or {}
    return {
        "article": {"title": str(article.get("title", "")),
                    "authors": " and ".join(article.get("authors", []))},
        "pathways": [{
            "id": pathway.id,
            "title": pathway.title,
            "layer": pathway.layer,
            "url": url_for(pathway_src(pathway)),
            "steps": [{"module": step.module, "title": site.module(step.module).title,
                       "url": step_href(url_for, site, pathway, step)} for step in pathway.steps],
        } for pathway in site.pathways],
        "modules": {page.module: {"title": page.title, "url": url_for(page.src),
                                  "reading_minutes": page.reading_minutes} for page in site.modules},
        "minutes_per_prompt": MINUTES_PER_PROMPT,
        # Retired prompt id -> its replacement (module-ids.yml): the journal moves answers on.
        "prompt_redirects": prompt_redirects(site.registry, site.prompts),
    }


def routes_script(site: Site, url_for: Callable[[str], str], article: Mapping[str, Any] | None = None) -> str:
    """The data as an inert JSON block for the page."""
    text = json.dumps(routes_data(site, url_for, article), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{ROUTES_ID}">{text}</script>'
