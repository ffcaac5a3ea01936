"""Where glossary terms are used: records shared by the linker, the checks and the renderers.

The glossary extension records a :class:`TermUse` for every occurrence it
finds while rendering; the term index turns them into :class:`Appearance`
places ("Appears in" on the glossary page). Both are plain data here so that
renderers and checks read them without importing the extension.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TermUse:
    """One occurrence of a term: the section it is in, and whether it was linked."""

    term_id: str
    anchor: str  # id of the section's heading ("" before any heading)
    heading: str  # that heading's text
    linked: bool
    level: int = 0  # that heading's level (1 for the page's title)


@dataclass(frozen=True)
class Appearance:
    """A term used in one section of one page."""

    src: str  # the page, relative to docs/
    page_title: str
    anchor: str
    heading: str
