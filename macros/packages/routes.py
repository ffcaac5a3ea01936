"""What a package holds: a route, an ordered list of modules with a title.

Every package is made from a route: a pathway, a course, or the whole
edition. The route keeps only what the packages need (plain text fields, the
modules in reading order, the site page that offers its downloads), so the
three formats read one shape whatever the source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.courses import Course
from ..core.pages import Page
from ..core.pathways import Pathway
from ..core.site import Site
from ..render.course_page import course_src
from ..render.pathway_page import pathway_src

#: The formats, in the order a Downloads block lists them.
SCORM, CARTRIDGE, EPUB = "scorm", "cartridge", "epub"
ROUTE_FORMATS = (SCORM, CARTRIDGE, EPUB)
EDITION_FORMATS = (EPUB,)
HOME_PAGE = "index.md"


@dataclass(frozen=True)
class Route:
    id: str  # the packages' file name stem, unique in downloads/
    kind: str  # "pathway", "course" or "edition"
    title: str  # plain text
    audience: str  # plain text
    introduction: str  # plain text, paragraphs separated by blank lines
    closing: str  # plain text
    modules: tuple[Page, ...]
    page_src: str  # the site page that offers this route's downloads
    formats: tuple[str, ...]

    @property
    def description(self) -> str:
        """Plain text for a manifest's or a book's description: who it is for, and why."""
        return "\n\n".join(part for part in (self.audience, self.introduction) if part)


def pathway_route(site: Site, pathway: Pathway) -> Route:
    modules = tuple(site.module(step.module) for step in pathway.steps)
    return Route(f"pathway-{pathway.id}", "pathway", pathway.title, pathway.audience,
                 pathway.introduction, pathway.closing, _unique(modules), pathway_src(pathway),
                 ROUTE_FORMATS)


def course_route(site: Site, course: Course) -> Route:
    modules = tuple(site.module(m) for session in course.sessions for m in session.modules)
    return Route(f"course-{course.id}", "course", course.title, course.audience, course.introduction,
                 course.closing, _unique(modules), course_src(course), ROUTE_FORMATS)


def edition_route(site: Site, article: Mapping[str, Any]) -> Route:
    """Every module of the site, in reading order: the whole edition, for e-readers."""
    return Route("edition", "edition", str(article.get("title") or "The whole edition"), "", "", "",
                 site.modules, HOME_PAGE, EDITION_FORMATS)


def site_routes(site: Site, article: Mapping[str, Any]) -> tuple[Route, ...]:
    """Every route the site publishes packages for: pathways, courses, then the edition."""
    return (*(pathway_route(site, p) for p in site.pathways),
            *(course_route(site, c) for c in site.courses),
            edition_route(site, article))


def _unique(modules: Sequence[Page]) -> tuple[Page, ...]:
    """Each module once, where it first comes (a course may read one in two sessions)."""
    return tuple(dict.fromkeys(modules))
