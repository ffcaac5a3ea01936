"""What the site publishes about each module, in one place.

The same record feeds the module card on each page, the catalogue and
``modules.json`` (for learning platforms), so the three can never disagree.
The JSON follows ``docs/modules.schema.json``; change ``SCHEMA_VERSION`` and
the schema together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from ..core.edition import Edition
from ..core.pages import Page
from ..core.registry import prompt_redirects
from ..core.site import Site
from ..core.timing import MINUTES_PER_PROMPT, WORDS_PER_MINUTE
from ..core.urls import page_url
from ..core.uses import TermUse
from .metadata import learning_resource

SCHEMA_VERSION = "1.1.0"  # 1.1.0: edition, content_hash, learning_resource, redirects, time_model,
# and each module's reflection_minutes
LICENCE_PAGE = "licence/"  # the statement of the licences of the text and the code


def citation_text(page: Page, article: Mapping[str, Any], url: str) -> str:
    """How to cite a module: the authors' article, then the edition's module and its address.

    The module's title is the edition's (it shortens or renames the article's
    heading), so it is given as part of the edition, never as the authors'.
    The address is given in full when the site has one (``site_url``);
    otherwise as the module's page within the edition.
    """
    authors = " and ".join(article.get("authors", []))
    posted = f" ({article['posted']})" if article.get("posted") else ""
    edition = article.get("edition") or "this edition"
    where = f"Available at: {url}" if urlsplit(url).scheme else f"Page: {url} in the edition."
    return (f"{authors}{posted} {article.get('title', '')}. "
            f"Module ‘{page.title}’ (module id {page.module}) of the {edition}. {where}")


def edition_citation(article: Mapping[str, Any], edition: Edition | None, base_url: str = "") -> Markup:
    """How to cite the edition, Harvard style: the authors, the edition's year, the
    article's title, the edition and its version, and its full address when the
    site has one. Every value is escaped; the title is in italics."""
    authors = " and ".join(article.get("authors", []))
    year = edition.date[:4] if edition else ""
    posted = f" ({article['posted']})" if article.get("posted") else ""
    version = f", version {edition.version} ({edition.date_text})" if edition else ""
    where = base_url or "the address where you read it"
    return Markup("{authors}{year} <em>{title}</em>{posted}. {name}{version}, edited by the Resonance "
                  "editorial team. Available at: {where} (Accessed: the date you read it).").format(
        authors=authors, year=f" ({year})" if year else "", title=article.get("title", ""), posted=posted,
        name=article.get("edition") or "Resonance learning edition", version=version, where=where)


def module_url(page: Page, base_url: str = "") -> str:
    """The module's address: in full under ``base_url`` (the site's public address), if any."""
    path = page_url(page.src)
    return f"{base_url.rstrip('/')}/{path}" if base_url else path


def module_record(site: Site, page: Page, uses: Sequence[TermUse], article: Mapping[str, Any],
                  base_url: str = "") -> dict[str, Any]:
    """One module, as published. ``base_url`` makes ``url`` absolute when the site has one."""
    url = module_url(page, base_url)
    term_ids = list(dict.fromkeys(use.term_id for use in uses))
    keys = list(dict.fromkeys(use.key for use in page.citations))
    reflection = page.reflection
    record = {
        "id": page.module,
        "title": page.title,
        "section": str(page.meta.get("section", "")),
        "url": url,
        "reading_minutes": page.reading_minutes,
        "reflection_minutes": site.reflection_minutes(page),
        "objectives": list(page.meta.get("objectives", [])),
        "key_points": list(page.meta.get("key_points", [])),
        "terms": [{"id": t, "term": site.term(t).term} for t in term_ids if site.term(t)],
        "references": [{"key": k, "label": str(site.labels[k])} for k in keys if k in site.labels],
        "prompts": {layer: [{"id": p.id, "text": p.text} for p in reflection.for_layer(layer)]
                    for layer in site.framework.layer_ids} if reflection else {},
        "cite": citation_text(page, article, url),
        "content_hash": page.content_hash,
    }
    licence = f"{base_url.rstrip('/')}/{LICENCE_PAGE}" if base_url else LICENCE_PAGE
    record["learning_resource"] = learning_resource(record, article, site.edition, site.framework.layers,
                                                    base_url, licence)
    return record


def modules_json(site: Site, uses: Mapping[str, Sequence[TermUse]], article: Mapping[str, Any],
                 base_url: str = "", records: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The whole catalogue, versioned, in reading order.

    ``edition`` and each module's ``content_hash`` let ``python -m macros
    changes`` compare two editions; ``redirects`` say where retired module and
    prompt ids went. ``records`` are modules' records already made (by page),
    from the same arguments: the build makes each once, for its page's card.
    """
    records = records or {}
    registry = site.registry
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if site.edition:
        data["edition"] = {"version": site.edition.version, "date": site.edition.date}
    data.update({
        "title": article.get("title", ""),
        "authors": list(article.get("authors", [])),
        "time_model": {"words_per_minute": WORDS_PER_MINUTE, "minutes_per_prompt": MINUTES_PER_PROMPT},
        "modules": [records.get(page.src)
                    or module_record(site, page, uses.get(page.src, ()), article, base_url)
                    for page in site.modules],
        "redirects": {
            "modules": {old: new for old, new in (registry.redirects if registry else {}).items()
                        if site.module(new)},
            "prompts": prompt_redirects(registry, site.prompts),
        },
    })
    return data
