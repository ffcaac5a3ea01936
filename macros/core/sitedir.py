"""Where a build may write: never over the project, its sources or their history.

A build replaces its site folder whole (the engine empties it first), so a
site folder that is, contains or lies inside the project or one of its
sources would destroy them: ``--site-dir docs`` deleted the article, ``.``
the whole project with its ``.git``. ``python -m macros build`` and the
engine adapter both ask :func:`site_dir_refusal` before anything is written;
paths made from data (redirects, generated pages) are held inside the site
with :func:`inside`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from .site import SitePaths

#: Published with the site besides the sources SitePaths names: the theme's
#: overrides and this package (its assets). Symlinks in them are checked too.
PUBLISHED_FOLDERS = ("overrides", "macros")
#: Never published, never to be replaced either.
KEPT_FOLDERS = ("schemas", "tests", ".git")


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies below it, once both are resolved.

    Resolving follows ``..`` and symlinks, so neither can lead a path out.
    """
    return path.resolve().is_relative_to(folder.resolve())


def source_paths(paths: SitePaths) -> tuple[Path, ...]:
    """Every file and folder the site is published from, whether or not it exists.

    Each path :class:`SitePaths` names (its ``*_page`` fields are pages inside
    docs, not paths of the project) and :data:`PUBLISHED_FOLDERS`.
    """
    named = [getattr(paths, field.name) for field in dataclasses.fields(SitePaths)
             if isinstance(getattr(paths, field.name), str) and not field.name.endswith("_page")]
    return tuple(dict.fromkeys(paths.root / name for name in (*named, *PUBLISHED_FOLDERS)))


def site_dir_refusal(paths: SitePaths, site_dir: Path, also_kept: Iterable[Path] = (),
                     must_look_built: bool = True) -> str | None:
    """Why a build must not write its site into ``site_dir`` ("it is ..."), or ``None`` when it may.

    It may not be the project, contain it, or be, contain or lie inside any
    source or kept folder (``also_kept`` adds more, such as the engine's own
    docs and theme folders). Unless ``must_look_built`` is false (for the
    build's own scratch folders), an existing folder must be a site: empty,
    or with an ``index.html``, so that a mistyped path never empties
    someone's folder.
    """
    root, site = paths.root.resolve(), site_dir.resolve()
    if site == root:
        return "it is the project folder itself"
    if root.is_relative_to(site):
        return f"it contains the project folder {root}"
    kept = [*source_paths(paths), *(root / name for name in KEPT_FOLDERS), *also_kept]
    for source in dict.fromkeys(path.resolve() for path in kept):
        name = source.relative_to(root).as_posix() if source.is_relative_to(root) else str(source)
        if site == source:
            return f"it is the project's source '{name}'"
        if source.is_relative_to(site):
            return f"it contains the project's source '{name}'"
        if site.is_relative_to(source):
            return f"it lies inside the project's source '{name}'"
    if not must_look_built:
        return None
    if site.exists() and not site.is_dir():
        return "it is a file, not a folder"
    if site.is_dir() and any(site.iterdir()) and not (site / "index.html").is_file():
        return "it is a folder with no index.html, not a built site, and building would empty it"
    return None
