"""The content model of the build in progress, shared by hooks and macros.

MkDocs calls the hooks and mkdocs-macros separately; both read the one
:class:`BuildState` made in ``on_config`` so the sources are parsed once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..checks.term_index import indexed_pages
from ..core.site import Site
from ..core.uses import Appearance, TermUse
from ..extensions.citations import CitationExtension
from ..extensions.glossary import GlossaryExtension


@dataclass
class BuildState:
    site: Site
    formatted: Mapping[str, str]  # key -> formatted reference HTML
    citations: CitationExtension
    glossary: GlossaryExtension
    directory_urls: bool = True
    # `make packages`: pages get a Downloads slot, and the packages are written after the build.
    packages: bool = False
    # Pages the config's nav gives a title of its own: their title is plain text (see _escape_title).
    nav_titled: frozenset[str] = frozenset()
    # Filled while pages render: the glossary's uses on each page, then the index.
    uses: dict[str, list[TermUse]] = field(default_factory=dict)
    term_index: Mapping[str, tuple[Appearance, ...]] = field(default_factory=dict)
    # The rendered HTML of each module page, by source path (for the course handouts).
    contents: dict[str, str] = field(default_factory=dict)
    # Works cited in fragments a macro rendered on its own (glossary definitions), by page.
    also_cited: dict[str, tuple[str, ...]] = field(default_factory=dict)

    indexed: frozenset[str] = frozenset()  # pages whose term uses make up the index
    # Pages made from the sources that the build adds to the nav (see on_nav).
    generated_nav: list[str] = field(default_factory=list)
    # Each module page's published record (as in modules.json), made once per page.
    records: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.indexed = frozenset(page.src for page in indexed_pages(self.site))


_current: BuildState | None = None


def set_current(state: BuildState) -> None:
    global _current
    _current = state


def current() -> BuildState:
    if _current is None:
        raise RuntimeError("the Resonance hooks must run before the macros (see properdocs.yml 'hooks')")
    return _current
