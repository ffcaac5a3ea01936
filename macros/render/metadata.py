"""What a page tells search engines, link previews and catalogues about itself.

Every page gets Open Graph tags; a module page also gets schema.org
``LearningResource`` JSON-LD, the same object ``modules.json`` carries for
each module, so a learning platform and a search engine read the same facts.
Every value is plain text from the sources: the tags are escaped as HTML
attributes, and the JSON is written so that nothing in it can end its
``<script>`` element.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from ..core.edition import Edition
from ..core.framework import Layer

SCHEMA_ORG = "https://schema.org"


def _person(name: str) -> dict[str, str]:
    """'Michel, C.' as schema.org wants it: a Person with a name."""
    family, _, given = name.partition(",")
    return {"@type": "Person", "name": f"{given.strip()} {family.strip()}".strip()}


def learning_resource(record: Mapping[str, Any], article: Mapping[str, Any], edition: Edition | None,
                      layers: Sequence[Layer], site_url: str, licence_url: str) -> dict[str, Any]:
    """A module as a schema.org ``LearningResource``, from its ``modules.json`` record."""
    minutes = record.get("minutes", record["reading_minutes"])
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "LearningResource",
        "name": record["title"],
        "description": " ".join(record["objectives"]),
        "teaches": list(record["objectives"]),
        "learningResourceType": "module",
        "educationalLevel": "professional development",
        "audience": [{"@type": "Audience", "audienceType": layer.name} for layer in layers
                     if record["prompts"].get(layer.id)],
        "timeRequired": f"PT{minutes}M",
        "inLanguage": "en-GB",
        "author": [_person(name) for name in article.get("authors", [])],
        "editor": {"@type": "Organization", "name": "Resonance editorial team"},
        "isPartOf": {
            "@type": "CreativeWork",
            "name": f"{article.get('edition') or 'Resonance learning edition'}: {article.get('title', '')}",
            **({"version": edition.version, "datePublished": edition.date} if edition else {}),
            **({"url": site_url} if site_url else {}),
        },
        "license": licence_url,
        "identifier": record["id"],
        "url": record["url"],
    }
    return data


def jsonld_script(data: Mapping[str, Any]) -> Markup:
    """JSON-LD in a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so no value can close it."""
    text = (json.dumps(data, ensure_ascii=False, indent=None)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return Markup(f'<script type="application/ld+json">{text}</script>')


def open_graph(title: str, description: str, url: str, site_name: str, kind: str = "website") -> Markup:
    """Open Graph tags for link previews; ``url`` only when it is a full address."""
    tags = [("og:type", kind), ("og:title", title), ("og:site_name", site_name), ("og:locale", "en_GB")]
    if description:
        tags.append(("og:description", description))
    if url.startswith(("http://", "https://")):
        tags.append(("og:url", url))
    return Markup("\n").join(Markup('<meta property="{}" content="{}">').format(name, value)
                             for name, value in tags)


def head_html(*parts: Markup) -> Markup:
    return Markup("\n").join(part for part in parts if part)

