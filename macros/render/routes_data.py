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
from collections.abc import Callable

from ..core.site import Site
from .pathway_page import pathway_src, step_href

ROUTES_ID = "resonance-routes"


def routes_data(site: Site, url_for: Callable[[str], str]) -> dict:
    """Every pathway (its steps in order) and every module, with addresses from the page."""
    return {
        "pathways": [{
            "id": pathway.id,
            "title": pathway.title,
            "layer": pathway.layer,
            "url": url_for(pathway_src(pathway)),
            "steps": [{"module": step.module, "title": site.module(step.module).title,
                       "url": step_href(url_for, site, pathway, step)} for step in pathway.steps],
        } for pathway in site.pathways],
        "modules": {page.module: {"title": page.title, "url": url_for(page.src)} for page in site.modules},
    }


def routes_script(site: Site, url_for: Callable[[str], str]) -> str:
    """The data as an inert JSON block for the page."""
    text = json.dumps(routes_data(site, url_for), ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{ROUTES_ID}">{text}</script>'
