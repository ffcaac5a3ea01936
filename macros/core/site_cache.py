"""The checked content model, kept between builds as Sphinx keeps its environment.

Reading and cross-checking every source is a tenth of a build, and its
result depends only on the sources and on the code that reads them. So a
build keeps the :class:`~macros.core.site.Site` it loaded, keyed by a hash of

- every file under the site's source paths (each path :class:`SitePaths`
  names, folders walked whole: more than :func:`load_site` reads, so a file
  added, removed or renamed changes the key as surely as an edited one);
- the project's folder (the site records it), the reading order passed in,
  and the path overrides;
- this package's code and the schemas in ``schemas/`` as the process loaded
  them, and the versions of Python, pybtex, PyYAML and jsonschema;

and reuses it while the key holds. Only a site without problems is kept:
with problems, every build loads the sources afresh and reports them all.

The cache is a pickle that this code writes into the project's own cache
folder and reads back; a file that cannot be read is ignored and rewritten,
and a folder that cannot be written is done without (see :mod:`.cachefile`).
``make check`` never uses it: the checks always read the sources.

A process that builds again (``make serve``, after each change) also keeps
the last site it loaded, under the same key: while nothing it depends on has
changed, the next build takes it as it is, without reading the pickle back;
after a change, the sources are loaded again, each file parsed anew only if
it changed (see :mod:`.readcache`).
"""

from __future__ import annotations

import dataclasses
import gc
import importlib.metadata
import io
import json
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pybtex
import yaml

from . import cachefile
from .schemas import SCHEMA_DIR
from .site import Site, SitePaths, load_site

_JSONSCHEMA = importlib.metadata.version("jsonschema")

# The code that turns sources into a Site, read once, as this process loaded
# it: under `mkdocs serve` an edited module is not reloaded, so the files on
# disk may no longer be the code that runs, and a result must be keyed by the
# code that made it.
# The field rules in schemas/ are read once per process too, and count as code.
_CODE = tuple(part for code in [*sorted(Path(__file__).resolve().parent.glob("*.py")),
                                *sorted(SCHEMA_DIR.glob("*.json"))]
              for part in (code.name.encode(), code.read_bytes()))


def _mapping_proxy(data: dict) -> MappingProxyType:
    return MappingProxyType(data)


class _Pickler(pickle.Pickler):
    """Pickles read-only mappings (which ``pickle`` refuses) as what they wrap."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _mapping_proxy, (dict(obj),)
        return NotImplemented


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _inputs(root: Path, page_order: list[str] | None, overrides: dict[str, str]) -> Iterator[bytes]:
    """Everything a loaded site depends on (see the module's docstring)."""
    yield json.dumps([sys.version, pybtex.__version__, yaml.__version__, _JSONSCHEMA, str(root.resolve()),
                      page_order, sorted(overrides.items())]).encode()
    yield from _CODE
    paths = SitePaths(root, **overrides)
    for field in dataclasses.fields(SitePaths):
        value = getattr(paths, field.name)
        if not isinstance(value, str):
            continue
        source = root / value
        for file in _files(source) if source.is_dir() else [source] if source.is_file() else []:
            yield file.relative_to(root).as_posix().encode()
            yield file.read_bytes()


def cache_name(root: Path, page_order: list[str] | None, overrides: dict[str, str]) -> str:
    """The cache file for this project, reading order and overrides, as they are now."""
    return cachefile.keyed_name("site", ".pickle", _inputs(root, page_order, overrides))


#: The last site this process loaded without problems, by its cache file's name.
_last: dict[str, Site] = {}


def _read(file: Path) -> Site | None:
    """The site pickled in ``file``, or None.

    The collector is paused meanwhile: unpickling makes tens of thousands of
    small objects, and each full collection on the way would walk them all
    again (a third of the time at ten times the content).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        site = pickle.loads(file.read_bytes())
        return site if isinstance(site, Site) else None
    except Exception:  # noqa: BLE001 - missing, partial or stale: load afresh and rewrite
        return None
    finally:
        if paused:
            gc.enable()


def load_site_cached(root: Path | str, page_order: list[str] | None, cache_dir: Path,
                     **overrides: str) -> Site:
    """:func:`load_site`, or the site it returned last time if nothing it depends on changed."""
    root = Path(root)
    name = cache_name(root, page_order, overrides)
    site = _last.get(name) or _read(cache_dir / name)
    if site is None:
        site = load_site(root, page_order, **overrides)
        if not site.problems:
            buffer = io.BytesIO()
            _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(site)
            cachefile.replace(cache_dir, name, buffer.getvalue())
    _last.clear()
    if not site.problems:
        _last[name] = site
    return site
