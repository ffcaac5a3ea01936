"""The registry of published module ids (``module-ids.yml``).

Module ids are what trainers and learning platforms point at, so a published
id may never silently disappear: it must still be a module, or be redirected
to the module that replaced it. New modules must be registered, which keeps
the registry complete.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, did_you_mean
from .source import Positioned, load_yaml_positions, read_text


@dataclass(frozen=True)
class Registry(Positioned):
    path: str
    published: Mapping[str, str]  # id -> page path (docs-relative) it was published at
    redirects: Mapping[str, str]  # retired id -> id that replaces it
    positions: dict[tuple, int] = field(default_factory=dict, compare=False, repr=False)



def load_registry(file: Path, display_path: str) -> tuple[Registry | None, list[Problem]]:
    if not file.exists():
        return None, []
    text = read_text(file)
    data, positions, problems = load_yaml_positions(text, display_path)
    if problems:
        return None, problems
    data = data if isinstance(data, dict) else {}
    published, redirects = data.get("published") or {}, data.get("redirects") or {}
    if not isinstance(published, dict) or not isinstance(redirects, dict):
        return None, [Problem(display_path, 1, 1, "registry-type",
                              "'published' and 'redirects' must map ids to pages and ids")]
    registry = Registry(display_path, {str(k): str(v) for k, v in published.items()},
                        {str(k): str(v) for k, v in redirects.items()}, positions)
    return registry, check_registry_paths(registry, text)


# One folder or file name of a page path: no '..', no hidden names, nothing
# that HTML or a shell would read as more than a name.
_PATH_PART = re.compile(r"[\w-][\w.-]*")


def check_registry_paths(registry: Registry, text: str) -> list[Problem]:
    """Every published address must name a page in docs/, as a plain relative path.

    A retired id's address is where its redirect page is written, so an
    absolute path or one with '..' would write outside the site.
    """
    lines = text.split("\n")
    problems = []
    for module_id, src in registry.published.items():
        if "\\" in src:
            wrong = "contains a backslash"
        elif src.startswith("/") or re.match(r"[A-Za-z]:", src):
            wrong = "is an absolute path"
        elif ".." in src.split("/"):
            wrong = "leaves the docs folder ('..')"
        elif not src.endswith(".md") or not all(_PATH_PART.fullmatch(part) for part in src.split("/")):
            wrong = "does not name a Markdown page (.md) in docs/"
        else:
            continue
        line = registry.line_of("published", module_id)
        column = lines[line - 1].rfind(src) + 1 if src and line <= len(lines) else 0
        problems.append(Problem(
            registry.path, line, max(column, 1), "registry-bad-path",
            f"module '{module_id}' is published at '{src}', which {wrong}",
            "write the page's path inside docs/ with '/' between folders, such as article/NAME.md"))
    return problems


def check_registry(registry: Registry, modules: Mapping[str, str]) -> list[Problem]:
    """``modules`` maps each current module id to its page (docs-relative)."""
    problems = []
    for module_id, src in registry.published.items():
        line = registry.line_of("published", module_id)
        if module_id in modules:
            if modules[module_id] != src:
                problems.append(Problem(
                    registry.path, line, 1, "registry-moved",
                    f"module '{module_id}' was published at {src} but is now at {modules[module_id]}",
                    "move it back: published addresses must not change"))
            continue
        target = registry.redirects.get(module_id)
        if target is None:
            problems.append(Problem(
                registry.path, line, 1, "registry-removed",
                f"published module '{module_id}' no longer exists and is not redirected",
                f"add '{module_id}: NEW-ID' under 'redirects', or restore the module"))
        elif target not in modules:
            problems.append(Problem(
                registry.path, registry.line_of("redirects", module_id), 1, "registry-bad-redirect",
                f"'{module_id}' redirects to '{target}', which is not a module",
                did_you_mean(target, modules) or "redirect to a current module id"))
    for module_id, src in modules.items():
        if module_id not in registry.published:
            problems.append(Problem(
                registry.path, registry.line_of("published"), 1, "registry-unregistered",
                f"module '{module_id}' is not in the registry",
                f"add '{module_id}: {src}' under 'published'"))
    return problems


def redirect_map(registry: Registry, modules: Mapping[str, str]) -> dict[str, str]:
    """Old page -> new page, for every retired id whose replacement exists."""
    return {registry.published[old]: modules[new] for old, new in registry.redirects.items()
            if old in registry.published and new in modules and old not in modules}
