"""Symlinks that lead out of the project are refused: the engine would publish their targets.

The engine follows symbolic links, so ``docs/notes.md -> /home/me/.ssh/id_rsa``
or a linked folder outside the project would go out with the site. Every
published source (see :func:`~macros.core.sitedir.source_paths`) is walked,
following links to folders inside the project once each, and a link whose
target lies outside the project, or inside its ``.git``, is a problem.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problem
from .site import SitePaths
from .sitedir import source_paths

CODE = "source-symlink-outside"


def check_symlinks(paths: SitePaths) -> list[Problem]:
    """One problem per link in the published sources that leads out of the project."""
    root = paths.root.resolve()
    problems: list[Problem] = []
    seen: set[Path] = set()
    for source in source_paths(paths):
        _visit(source, paths.root, root, seen, problems)
    return problems


def _visit(path: Path, display_root: Path, root: Path, seen: set[Path], problems: list[Problem]) -> None:
    if path.is_symlink():
        where = path.relative_to(display_root).as_posix()
        try:
            target = path.resolve(strict=False)
        except (OSError, RuntimeError):  # a loop of links
            problems.append(Problem(where, 1, 1, CODE, "symbolic link that never resolves (a loop)",
                                    "remove the link"))
            return
        if not target.is_relative_to(root) or target.is_relative_to(root / ".git"):
            outside = "inside the project's .git" if target.is_relative_to(root) else "outside the project"
            problems.append(Problem(
                where, 1, 1, CODE, f"symbolic link to {target}, {outside}: the build would publish it",
                "copy what the site needs into the project, or remove the link"))
            return
    if path.is_dir():
        real = path.resolve()
        if real in seen:
            return
        seen.add(real)
        for child in sorted(path.iterdir()):
            _visit(child, display_root, root, seen, problems)
