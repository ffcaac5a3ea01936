"""Each source file parsed once per content, for as long as the process lives.

``make serve`` builds again, in the same process, after every change, and
loading the content model reads every source; parsing their YAML and
checking it against the schemas is most of that. A loader of one file
decorated with :func:`reads_file` keeps, for that file, the bytes it read
and what it returned; the next call for the same file, with the same bytes
and the same other arguments, returns that again. So after one module's
edit the next load parses one page, not all of them, and its result is the
same as a load from scratch (the cross-checks, which need every file, run
each time). A file saved again while it was being read is not kept.

A loader must depend on nothing but the file's bytes and its arguments, and
what it returns must not be changed afterwards (the content model's records
are frozen). Only the last result for each file is kept, so the memory
held is about that of the sources. A process that loads once (``make
check``) pays a second read of each file and nothing else.
"""

from __future__ import annotations

import functools
import io
import pickle
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

Result = TypeVar("Result")

_kept: dict[tuple[str, str], tuple[bytes, bytes, Any, tuple]] = {}


class _Pickler(pickle.Pickler):
    """Pickles read-only mappings (which ``pickle`` refuses) as what they wrap."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return dict, (dict(obj),)
        return NotImplemented


def _fingerprint(arguments: tuple) -> bytes | None:
    """The arguments as bytes that are equal when the arguments are; None if they cannot be told."""
    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(arguments)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return buffer.getvalue()


def reads_file(loader: Callable[..., tuple[Result, list]]) -> Callable[..., tuple[Result, list]]:
    """Keep ``loader(file, *arguments, **options)``'s result (a value and a list of problems) for the
    file's bytes and the arguments; a file that cannot be read is left to the loader."""
    name = f"{loader.__module__}.{loader.__qualname__}"

    @functools.wraps(loader)
    def load(file: Path, *arguments: Any, **options: Any) -> tuple[Result, list]:
        try:
            data = file.read_bytes()
        except OSError:
            return loader(file, *arguments, **options)
        fingerprint = _fingerprint((arguments, sorted(options.items())))
        if fingerprint is None:
            return loader(file, *arguments, **options)
        place = (name, str(file))
        kept = _kept.get(place)
        if kept is not None and kept[0] == data and kept[1] == fingerprint:
            return kept[2], list(kept[3])
        value, problems = loader(file, *arguments, **options)
        try:
            unchanged = file.read_bytes() == data  # not saved again while the loader read it
        except OSError:
            unchanged = False
        if unchanged:
            _kept[place] = (data, fingerprint, value, tuple(problems))
        return value, list(problems)

    return load


def forget() -> None:
    """Drop every kept result (tests that count parses start from nothing)."""
    _kept.clear()
