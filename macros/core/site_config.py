"""What the core reads from the engine's config file, as plain data.

The config (``properdocs.yml``) is the one place for the reading order (its
``nav``) and for the Markdown extensions every page is rendered with. The
checks render pages to find where glossary terms are used, and must render
them exactly as the build does, so they read the same list from here rather
than keep a copy. Reading it as plain YAML (engine-specific tags become None)
keeps the core engine-free.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags (``!ENV``, ``!!python/name``) as None."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``, as the engine reads it."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_TolerantLoader.add_constructor("!ENV", _environment)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

#: Extension options that name files: relative to the project folder, as they
#: are for the engine (which runs there).
_PATH_OPTIONS: Mapping[str, tuple[str, ...]] = {"pymdownx.snippets": ("base_path",)}


@dataclass(frozen=True)
class SiteConfig:
    """The parts of the engine's config the core needs."""

    nav: list[Any] = field(default_factory=list)
    #: Markdown extensions by name, in order, with their options.
    markdown_extensions: dict[str, dict[str, Any]] = field(default_factory=dict)
    site_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def page_order(self) -> list[str]:
        """Page paths (relative to docs/) in the order the nav lists them."""
        return flatten_nav(self.nav)


def read_site_config(config_file: Path) -> SiteConfig:
    """The config's nav, Markdown extensions, address and extras; empty when there is no config."""
    if not config_file.exists():
        return SiteConfig()
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    extensions: dict[str, dict[str, Any]] = {}
    for item in data.get("markdown_extensions") or []:
        if isinstance(item, str):
            extensions[item] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                extensions[name] = _resolve_paths(name, dict(options or {}), config_file.parent)
    return SiteConfig(data.get("nav") or [], extensions, str(data.get("site_url") or ""),
                      dict(data.get("extra") or {}))


def _resolve_paths(name: str, options: dict[str, Any], root: Path) -> dict[str, Any]:
    for option in _PATH_OPTIONS.get(name, ()):
        value = options.get(option)
        if isinstance(value, str):
            options[option] = str(root / value)
        elif isinstance(value, list):
            options[option] = [str(root / item) for item in value]
    return options


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
