"""A hook for the benchmark only: how the time of our own build work divides.

``bench/run.py`` adds this file after our hooks in a child config (as it adds
``dump_hook.py``); the production hooks know nothing of it, and a build
without it pays nothing. Before any other ``on_config`` runs it wraps, with a
clock, our hooks' event handlers, mkdocs-macros' handlers, the helpers our
hooks call (looked up in the hooks module's globals at call time, so
replacing them there is enough) and the processors of our two Markdown
extensions. Each call's time goes to one part, exclusively: a part called
inside another (term links inside the glossary macro) counts for itself
only. After the build the parts, in seconds, are written as JSON to the file
that the environment variable ``RESONANCE_HOOK_TIMES`` names.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from properdocs.plugins import event_priority

OUT_VARIABLE = "RESONANCE_HOOK_TIMES"

#: Parts of our work, in the order they are printed, with what each covers.
PARTS = {
    "load": "loading the sources (the content model, cached while they are unchanged) and "
            "the formatted references",
    "checks": "checks the build makes itself: symbolic links, the term index and terms used nowhere",
    "links": "citation and glossary links (our Markdown extensions, glossary definitions included)",
    "macros": "mkdocs-macros: our macros and its own work (links inside it excluded)",
    "generated": "pages made from the sources (pathways, framework, courses)",
    "slots": "filling the glossary's \"Appears in\"",
    "cards": "module records, cards and modules.json",
    "trainers": "the authors' text marked on module pages and filled into handouts, the catalogue's "
                "and the course builder's cards, module pages' printed address and QR code",
    "csp": "the Content-Security-Policy's script hashes",
    "packages": "SCORM, Common Cartridge and EPUB packages (with packaging on)",
    "other": "the rest of our hooks (titles, metadata, nav, assets)",
}
#: Helpers our hooks module calls, by the part they belong to: names in the hooks
#: module, or ``module:name`` for one it imports when it needs it.
HELPERS = {
    "load": ("load_site_cached", "format_references"),
    "checks": ("check_symlinks", "collect_index", "check_term_use"),
    "slots": ("fill_appears_in",),
    "cards": ("module_record", "card_html", "fill_card", "modules_json"),
    "trainers": ("wrap_authors_text", "fill_authors_text", "catalogue_html", "builder_html",
                 "print_address_html"),
    "csp": ("apply_policy",),
    "packages": ("macros.packages.build:write_packages",),
}
#: Our hooks' event handlers that are a part as a whole; the others are "other".
EVENTS = {"on_files": "generated", "on_post_build": "cards"}
#: Methods of our Markdown extensions' processors: (module, class, method).
LINKERS = (
    ("macros.extensions.citations", "CitationInlineProcessor", "handleMatch"),
    ("macros.extensions.citations", "PageReferencesTreeprocessor", "run"),
    ("macros.extensions.glossary", "GlossaryTreeprocessor", "run"),
)


class Clock:
    """Exclusive time per part: a timed call inside another is taken out of the outer one."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = defaultdict(float)
        self._inner: list[float] = []  # time spent in timed calls inside each open call

    def wrap(self, part: str, function: Callable) -> Callable:
        if getattr(function, "timed_by_bench", False):  # a process that builds again (make serve)
            return function

        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._inner.append(0.0)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.perf_counter() - start
                self.parts[part] += spent - self._inner.pop()
                if self._inner:
                    self._inner[-1] += spent
        timed.timed_by_bench = True  # type: ignore[attr-defined]
        return timed


CLOCK = Clock()
_started = [0.0]


def _our_hooks(config) -> Any:
    for plugin in config.plugins.values():
        if str(getattr(plugin, "__file__", "")).replace(os.sep, "/").endswith("macros/adapter/hooks.py"):
            return plugin
    raise RuntimeError("timing_hook: the Resonance hooks are not in this config")


@event_priority(1000)  # first of all: wrap the others before they run
def on_config(config):
    _started[0] = time.perf_counter()
    CLOCK.parts.clear()
    hooks = _our_hooks(config)
    for part, names in HELPERS.items():
        for name in names:
            module_name, _, name = name.rpartition(":")
            module = importlib.import_module(module_name) if module_name else hooks
            setattr(module, name, CLOCK.wrap(part, getattr(module, name)))
    for module_name, class_name, method in LINKERS:
        cls = getattr(importlib.import_module(module_name), class_name)
        setattr(cls, method, CLOCK.wrap("links", getattr(cls, method)))
    plugins = config.plugins
    origins = plugins._event_origins  # noqa: SLF001 - the engine's record of who registered what
    for methods in plugins.events.values():
        for index, method in enumerate(methods):
            owner = getattr(method, "__self__", None)
            if getattr(method, "__module__", None) == hooks.__name__:
                part = EVENTS.get(method.__name__, "other")
            elif type(owner).__module__.startswith("mkdocs_macros"):
                part = "macros"
            else:
                continue
            timed = CLOCK.wrap(part, method)
            timed.mkdocs_priority = getattr(method, "mkdocs_priority", 0)  # type: ignore[attr-defined]
            methods[index] = timed
            if method in origins:
                origins[timed] = origins[method]
    return config


@event_priority(-1000)  # last of all
def on_post_build(config):
    total = time.perf_counter() - _started[0]
    parts = {part: CLOCK.parts.get(part, 0.0) for part in PARTS}
    data = {"build_s": total, "parts": parts}
    Path(os.environ[OUT_VARIABLE]).write_text(json.dumps(data), encoding="utf-8")
