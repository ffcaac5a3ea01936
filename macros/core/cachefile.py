"""Files a build keeps between runs: one file of each kind, replaced whole.

Each kind of cached result (formatted references, the checked content model)
lives in one file whose name carries a hash of everything it depends on, so
a changed input simply names another file. :func:`keyed_name` makes that name
and :func:`replace` writes the file, removing the kind's older ones.

The cache only saves time, so a cache folder that cannot be written (read
only, or ``.cache`` being a file) never fails a build: the build goes on
without it, after one warning.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

_log = logging.getLogger(__name__)
_warned: set[Path] = set()  # cache folders already warned about, once per process


def keyed_name(kind: str, suffix: str, parts: Iterable[bytes]) -> str:
    """``kind-<hash of parts>suffix``: the file name of one cached result."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)  # lengths keep parts apart
    return f"{kind}-{digest.hexdigest()[:32]}{suffix}"


def replace(cache_dir: Path, name: str, data: bytes) -> Path | None:
    """Write ``cache_dir/name``, removing older files of the same kind.

    Written to a temporary file and then renamed, so an interrupted build
    never leaves half a file for the next one to read. Returns ``None``,
    having warned once, when the folder cannot be written.
    """
    try:
        return _replace(cache_dir, name, data)
    except OSError as error:
        if cache_dir not in _warned:
            _warned.add(cache_dir)
            _log.warning("warning: the build cache %s cannot be written (%s); building without it. "
                         "Builds are slower until it can: make it a writable folder, or remove it "
                         "(make clean).", cache_dir, error.strerror or error)
        return None


def _replace(cache_dir: Path, name: str, data: bytes) -> Path:
    cache_dir.mkdir(parents=True, exist_ok=True)
    kind, suffix = name.split("-", 1)[0], Path(name).suffix
    for old in cache_dir.glob(f"{kind}-*{suffix}"):
        old.unlink(missing_ok=True)
    handle, temp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        target = cache_dir / name
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)  # never leave half a file behind
        raise
    return target
