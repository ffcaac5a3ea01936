"""What changed between two editions, from their ``modules.json`` files.

A trainer whose course was written against one edition needs to know which
modules and prompts under it were added, removed, redirected or changed in
another. Each module in ``modules.json`` carries a ``content_hash`` of what a
reader sees of it (text, objectives, key points, prompts) and the file lists
the redirects of retired module and prompt ids, so the comparison needs
nothing but the two files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

KINDS = ("added", "removed", "redirected", "changed")


@dataclass(frozen=True)
class Change:
    kind: str  # one of KINDS
    id: str
    detail: str = ""  # a title, or the id a retired one redirects to


@dataclass(frozen=True)
class Changes:
    old_edition: Mapping[str, str]
    new_edition: Mapping[str, str]
    modules: tuple[Change, ...] = ()
    prompts: tuple[Change, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.modules or self.prompts)


def _prompts(data: Mapping[str, Any]) -> dict[str, str]:
    """Every prompt's text, by id, across modules and layers."""
    return {prompt["id"]: prompt["text"] for module in data.get("modules", [])
            for items in module.get("prompts", {}).values() for prompt in items}


def _compare(old: Mapping[str, Any], new: Mapping[str, Any], redirects: Mapping[str, str],
             title: Mapping[str, str]) -> tuple[Change, ...]:
    """Changes between two ``{id: fingerprint}`` maps, in the order of the newer one."""
    found = [Change("added", key, title.get(key, "")) for key in new if key not in old]
    for key in old:
        if key in new:
            if old[key] != new[key]:
                found.append(Change("changed", key, title.get(key, "")))
        elif key in redirects:
            found.append(Change("redirected", key, redirects[key]))
        else:
            found.append(Change("removed", key, title.get(key, "")))
    return tuple(sorted(found, key=lambda c: (KINDS.index(c.kind), c.id)))


def compare_editions(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """Added, removed, redirected and changed modules and prompts from ``old`` to ``new``."""
    def modules(data: Mapping[str, Any]) -> dict[str, str]:
        return {m["id"]: m.get("content_hash") or m.get("title", "") for m in data.get("modules", [])}

    titles = {m["id"]: m.get("title", "") for data in (old, new) for m in data.get("modules", [])}
    redirects = new.get("redirects", {})
    return Changes(
        old.get("edition", {}), new.get("edition", {}),
        _compare(modules(old), modules(new), redirects.get("modules", {}), titles),
        _compare(_prompts(old), _prompts(new), redirects.get("prompts", {}), {}),
    )


def _edition(edition: Mapping[str, str]) -> str:
    if not edition:
        return "an edition without a version"
    return f"edition {edition.get('version', '?')} ({edition.get('date', 'no date')})"


def format_changes(changes: Changes) -> str:
    """The changes as plain lines a trainer can read."""
    lines = [f"From {_edition(changes.old_edition)} to {_edition(changes.new_edition)}:"]
    if not changes:
        return lines[0] + " no module or prompt was added, removed, redirected or changed."
    for heading, items in (("Modules", changes.modules), ("Prompts", changes.prompts)):
        if items:
            lines.append(f"{heading}:")
        for change in items:
            if change.kind == "redirected":
                lines.append(f"  redirected  {change.id} -> {change.detail}")
            else:
                detail = f"  ({change.detail})" if change.detail else ""
                lines.append(f"  {change.kind:<11} {change.id}{detail}")
    return "\n".join(lines)
