"""The content model of the build in progress, shared by hooks and macros.

MkDocs calls the hooks and mkdocs-macros separately; both read the one
:class:`BuildState` made in ``on_config`` so the sources are parsed once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..core.site import Site
from ..extensions.citations import CitationExtension
from ..extensions.glossary import GlossaryExtension
from ..render.term_index import Appearance


@dataclass
class BuildState:
    site: Site
    formatted: Mapping[str, str]  # key -> formatted reference HTML
    citations: CitationExtension
    glossary: GlossaryExtension
    term_index: Mapping[str, tuple[Appearance, ...]]
    directory_urls: bool = True


_current: BuildState | None = None


def set_current(state: BuildState) -> None:
    global _current
    _current = state


def current() -> BuildState:
    if _current is None:
        raise RuntimeError("the Resonance hooks must run before the macros (see mkdocs.yml 'hooks')")
    return _current
