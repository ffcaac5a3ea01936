"""Safe builds: one at a time, never over the sources, swapped in whole.

``python -m macros build`` goes through here:

1. **Refusal.** A site folder that is, contains or lies inside the project or
   one of its sources is refused before anything is touched (see
   :mod:`macros.core.sitedir`).
2. **Lock.** The build holds ``SITE.lock`` (beside the site folder) from
   start to finish, so a second build of the same site waits for the first,
   or with ``--wait 0`` stops with a message. ``make serve`` builds into a
   temporary folder of its own and shares only the cache, whose files are
   replaced atomically; it needs no lock.
3. **Recovery.** A build that was killed mid-swap left ``SITE.old`` and no
   ``SITE``: the previous site is restored first. A leftover ``SITE.new``
   (file or folder) or ``SITE.old`` beside a site is removed.
4. **Swap.** The engine builds into ``SITE.new``; only a build that succeeded
   is swapped in (``SITE`` to ``SITE.old``, ``SITE.new`` to ``SITE``, each an
   atomic rename) and the old copy removed. Between the two renames the
   previous site is always in ``SITE.old``, which step 3 restores.

A failed build or a failed swap leaves the previous site as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from macros.core.site import SitePaths
from macros.core.sitedir import site_dir_refusal
from macros.engine import build_command


class SafeBuildError(Exception):
    """A build that must not start, or could not finish safely; the message says why."""


@dataclass(frozen=True)
class SiteFolders:
    """The site folder and its siblings: the build in progress, the previous site, the lock."""

    site: Path

    @classmethod
    def of(cls, root: Path, site_dir: Path) -> SiteFolders:
        """``site_dir`` (relative to ``root`` unless absolute), with ``..`` and ``.`` spelt out."""
        return cls(Path(os.path.abspath(root / site_dir)))

    def sibling(self, suffix: str) -> Path:
        return self.site.with_name(self.site.name + suffix)

    @property
    def new(self) -> Path:
        return self.sibling(".new")

    @property
    def old(self) -> Path:
        return self.sibling(".old")

    @property
    def lock(self) -> Path:
        return self.sibling(".lock")


def refuse_unsafe(root: Path, folders: SiteFolders) -> None:
    """Raise :class:`SafeBuildError` when building into ``folders`` could destroy a source."""
    paths = SitePaths(root)
    reason = site_dir_refusal(paths, folders.site) or next(
        (f"{scratch.name}, its scratch folder: {why}" for scratch in (folders.new, folders.old)
         if (why := site_dir_refusal(paths, scratch, must_look_built=False))), None)
    if reason:
        raise SafeBuildError(f"refusing to build into {folders.site}: {reason}. The build replaces "
                             "its site folder whole; choose another --site-dir, such as 'site'")


@contextmanager
def build_lock(folders: SiteFolders, wait: float | None = None) -> Iterator[None]:
    """Hold the site's lock for the whole build; ``wait`` seconds at most (``None``: as long as it takes)."""
    lock = FileLock(folders.lock)
    try:
        folders.lock.parent.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if wait == 0:
                raise SafeBuildError(f"another build of {folders.site} is running (it holds {folders.lock}); "
                                     "nothing was done. Run again when it has finished, or without "
                                     "--wait 0 to wait for it") from None
            announce_waiting(folders)
            try:
                lock.acquire(timeout=-1 if wait is None else wait)
            except Timeout:
                raise SafeBuildError(f"another build of {folders.site} still held {folders.lock} after "
                                     f"{wait:g} seconds; nothing was done") from None
    except OSError as error:
        raise SafeBuildError(f"cannot take the build lock {folders.lock}: {_reason(error)}") from None
    try:
        yield
    finally:
        lock.release()


def announce_waiting(folders: SiteFolders) -> None:
    print(f"Another build of {folders.site.name}/ is running; waiting for it to finish "
          f"(lock: {folders.lock}).", file=sys.stderr)


def recover(folders: SiteFolders) -> list[str]:
    """Undo what an interrupted build left behind; returns what was done, for the log."""
    done = []
    if os.path.lexists(folders.old):
        if not os.path.lexists(folders.site):
            _move(folders.old, folders.site)
            done.append(f"restored the previous site from {folders.old.name}, "
                        "left by a build that was interrupted while swapping")
        else:
            _remove(folders.old)
            done.append(f"removed {folders.old.name}, left by an interrupted build")
    if os.path.lexists(folders.new):
        _remove(folders.new)
        done.append(f"removed {folders.new.name}, left by an interrupted build")
    return done


def run_engine(root: Path, out: Path, extra_env: Mapping[str, str] | None = None) -> int:
    """The engine's strict build into ``out``; its exit code. ``extra_env`` reaches the engine's config."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    return subprocess.run(build_command(str(out)), cwd=root, env=env).returncode


def build_and_swap(root: Path, folders: SiteFolders, extra_env: Mapping[str, str] | None = None) -> int:
    """Build into ``SITE.new`` and swap it in; 0, or 1 when the build failed (the old site kept).

    Call it holding :func:`build_lock`, after :func:`recover`. Raises
    :class:`SafeBuildError` when the site cannot be replaced.
    """
    _check_writable(folders)
    if run_engine(root, folders.new, extra_env) != 0:
        _remove_quietly(folders.new)
        print(f"The build failed; {folders.site.name}/ was left as it was.", file=sys.stderr)
        return 1
    _swap(folders)
    try:
        _remove(folders.old)
    except SafeBuildError as error:  # the new site is in place; the next build retries
        print(f"The new site is in place, but {error}", file=sys.stderr)
    return 0


def _swap(folders: SiteFolders) -> None:
    had_site = os.path.lexists(folders.site)
    try:
        if had_site:
            os.replace(folders.site, folders.old)
        try:
            os.replace(folders.new, folders.site)
        except OSError:
            if had_site:
                os.replace(folders.old, folders.site)  # put the previous site back
            raise
    except OSError as error:
        _remove_quietly(folders.new)
        kept = (f"the previous site is in {folders.old.name}; the next build restores it"
                if os.path.lexists(folders.old) and not os.path.lexists(folders.site)
                else "the previous site was kept")
        raise SafeBuildError(f"the new site could not be moved into {folders.site} "
                             f"({_reason(error)}); {kept}") from None


def _check_writable(folders: SiteFolders) -> None:
    """A site that could be built but not swapped in (read-only) is refused before the build."""
    to_write = [folders.site.parent]
    if folders.site.is_dir() and not folders.site.is_symlink():
        to_write += [Path(top) for top, _, _ in os.walk(folders.site)]
    for folder in to_write:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise SafeBuildError(f"{folder} is read-only, so the site cannot be replaced; nothing was "
                                 f"built. Make it writable (chmod -R u+w {folder}) or remove it")


def _move(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError as error:
        raise SafeBuildError(f"cannot move {source} to {target} ({_reason(error)}); "
                             "move it by hand") from None


def _remove(path: Path) -> None:
    """Remove a file, a link (never what it points to) or a folder."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink(missing_ok=True)
        else:
            shutil.rmtree(path)
    except OSError as error:
        raise SafeBuildError(f"cannot remove {path} ({_reason(error)}); remove it by hand") from None


def _remove_quietly(path: Path) -> None:
    """After a failure that is already reported: what cannot be removed now, the next build removes."""
    try:
        _remove(path)
    except SafeBuildError:
        pass


def _reason(error: OSError) -> str:
    """The operating system's words for it ("Permission denied"), without the traceback."""
    return error.strerror or str(error)
