"""Every check of the sources in one call: the content model and the term index.

``python -m macros check``, the MkDocs adapter and the tests all come through
here, so a maintainer sees the same problems whichever way they ask.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import Problem
from ..core.site import Site, load_site
from ..core.site_config import read_site_config
from ..core.symlinks import check_symlinks
from ..core.uses import Appearance
from .term_index import check_term_use, index_terms


@dataclass(frozen=True)
class CheckResult:
    site: Site
    term_index: Mapping[str, tuple[Appearance, ...]]
    problems: tuple[Problem, ...]


def check_sources(root: Path | str, **paths: str) -> CheckResult:
    """Load every source once, index the terms, and collect every problem.

    Pages are rendered with the Markdown extensions the engine's config names,
    as the build renders them. Symlinks that lead out of the project are
    problems too: the engine would publish what they point to.
    """
    site = load_site(root, **paths)
    config = read_site_config(site.paths.root / site.paths.config)
    index = index_terms(site, config.markdown_extensions)
    # An entry whose name another entry already claims is reported as a clash;
    # that it then matches no text is a consequence, not a second problem.
    clashing = {p.path for p in site.problems if p.code in ("term-duplicate", "term-form-clash")}
    unused = [p for p in check_term_use(site, index) if p.path not in clashing]
    if not all(page.body_read for page in site.pages):
        unused = []  # a page that could not be read may use any term
    problems = tuple(sorted({*site.problems, *unused, *check_symlinks(site.paths)}))
    return CheckResult(site, index, problems)
