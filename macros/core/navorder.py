"""Reading order of pages, taken from the ``nav`` of ``properdocs.yml``.

The nav is the one place the reading order is written; reading it as plain
YAML (ignoring any engine-specific tags) keeps the core engine-free.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags (``!ENV``, ``!!python/name``) as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def flatten_nav(items: Any) -> list[str]:
    """Page paths in a nav structure (lists, titled mappings, strings), in order."""
    pages: list[str] = []
    if isinstance(items, str):
        return [items] if items.endswith(".md") else []
    if isinstance(items, list):
        for item in items:
            pages.extend(flatten_nav(item))
    elif isinstance(items, dict):
        for value in items.values():
            pages.extend(flatten_nav(value))
    return pages


def nav_order(config_file: Path) -> list[str]:
    """Page paths (relative to docs/) in the order the nav lists them."""
    if not config_file.exists():
        return []
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return flatten_nav(config.get("nav", []))
