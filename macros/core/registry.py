"""The registry of published module and prompt ids (``module-ids.yml``).

Module ids are what trainers and learning platforms point at, and readers'
journal answers are kept under prompt ids, so a published id may never
silently disappear: it must still exist, or be redirected to the module or
prompt that replaced it. New modules and prompts must be registered, which
keeps the registry complete.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .names import Names
from .problems import Problem
from .readcache import reads_file
from .schemas import REGISTRY, validate
from .source import Positioned, Positions, load_yaml_file


@dataclass(frozen=True)
class Registry(Positioned):
    path: str
    published: Mapping[str, str]  # id -> page path (docs-relative) it was published at
    redirects: Mapping[str, str]  # retired id -> id that replaces it
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)
    prompts: tuple[str, ...] | None = None  # every published prompt id (None: not recorded)
    prompt_redirects: Mapping[str, str] = field(default_factory=dict)  # retired prompt id -> its replacement



@reads_file  # parsed again only when the file changes (make serve)
def load_registry(file: Path, display_path: str) -> tuple[Registry | None, list[Problem]]:
    """``module-ids.yml`` against its schema; ``None`` when it is missing or not valid."""
    if not file.exists():
        return None, []
    document, problems = load_yaml_file(file, display_path, "registry")
    if document is None:
        return None, problems
    verdict, problems = validate(document.data, REGISTRY, document.positions, display_path)
    if not verdict.ok():
        return None, problems
    data = document.data
    prompts = data.get("prompts")
    registry = Registry(display_path, dict(data["published"]), dict(data.get("redirects") or {}),
                        document.positions, tuple(prompts["published"]) if prompts else None,
                        dict((prompts or {}).get("redirects") or {}))
    # Read again for the paths' columns: the file is valid UTF-8 by now.
    return registry, check_registry_paths(registry, file.read_text(encoding="utf-8-sig"))


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
        line = registry.at("published", module_id).line
        column = lines[line - 1].rfind(src) + 1 if src and line <= len(lines) else 0
        problems.append(Problem(
            registry.path, line, max(column, 1), "registry-bad-path",
            f"module '{module_id}' is published at '{src}', which {wrong}",
            "write the page's path inside docs/ with '/' between folders, such as article/NAME.md"))
    return problems


def check_registry(registry: Registry, modules: Names[str]) -> list[Problem]:
    """``modules`` maps each current module id to its page (docs-relative)."""
    problems = []
    for module_id, src in registry.published.items():
        place = registry.at("published", module_id)
        if module_id in modules:
            if modules.get(module_id) != src:
                problems.append(Problem.at(
                    registry.path, place, "registry-moved",
                    f"module '{module_id}' was published at {src} but is now at {modules.get(module_id)}",
                    "move it back: published addresses must not change"))
            continue
        if not modules.is_unknown(module_id):
            continue  # perhaps on a page that could not be read
        target = registry.redirects.get(module_id)
        if target is None:
            problems.append(Problem.at(
                registry.path, place, "registry-removed",
                f"published module '{module_id}' no longer exists and is not redirected",
                f"add '{module_id}: NEW-ID' under 'redirects', or restore the module"))
        elif modules.is_unknown(target):
            redirect = registry.at("redirects", module_id)
            problems.append(Problem.at(
                registry.path, redirect, "registry-bad-redirect",
                f"'{module_id}' redirects to '{target}', which is not a module",
                modules.suggest(target, "redirect to a current module id")))
    published = registry.at("published")
    for module_id, src in modules.defined.items():
        if module_id not in registry.published:
            problems.append(Problem.at(
                registry.path, published, "registry-unregistered",
                f"module '{module_id}' is not in the registry",
                f"add '{module_id}: {src}' under 'published'"))
    return problems


def check_prompt_registry(registry: Registry, prompts: Names) -> list[Problem]:
    """Published prompt ids still exist or are redirected; every prompt is registered.

    Nothing is checked while the registry does not record prompts (a site
    that has not published any).
    """
    if registry.prompts is None:
        return []
    problems = []
    for index, prompt_id in enumerate(registry.prompts):
        if prompt_id in prompts or not prompts.is_unknown(prompt_id):
            continue
        target = registry.prompt_redirects.get(prompt_id)
        if target is None:
            problems.append(Problem.at(
                registry.path, registry.at("prompts", "published", index), "registry-prompt-removed",
                f"published prompt '{prompt_id}' no longer exists and is not redirected",
                f"add '{prompt_id}: NEW-ID' under 'prompts: redirects:' (readers' answers move to it), "
                "or restore the prompt"))
        elif prompts.is_unknown(target):
            problems.append(Problem.at(
                registry.path, registry.at("prompts", "redirects", prompt_id), "registry-bad-redirect",
                f"prompt '{prompt_id}' redirects to '{target}', which is not a prompt",
                prompts.suggest(target, "redirect to a current prompt id")))
    listed = set(registry.prompts)
    for prompt_id in prompts.defined:
        if prompt_id not in listed:
            problems.append(Problem.at(
                registry.path, registry.at("prompts", "published"), "registry-prompt-unregistered",
                f"prompt '{prompt_id}' is not in the registry",
                f"add '- {prompt_id}' under 'prompts: published:'"))
    return problems


def prompt_redirects(registry: Registry | None, prompts: Mapping[str, object]) -> dict[str, str]:
    """Retired prompt id -> the id its answers now live under, for every replacement that exists."""
    if registry is None:
        return {}
    return {old: new for old, new in registry.prompt_redirects.items()
            if new in prompts and old not in prompts}


def redirect_map(registry: Registry, modules: Mapping[str, str]) -> dict[str, str]:
    """Old page -> new page, for every retired id whose replacement exists."""
    return {registry.published[old]: modules[new] for old, new in registry.redirects.items()
            if old in registry.published and new in modules and old not in modules}
