"""The framework as data (``framework.yml``): for now, the layers of the system.

Layers are the article's own levels of a youth safeguarding system; glossary
entries, prompts and pathways name them, and are checked against this list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .source import load_yaml, read_text


@dataclass(frozen=True)
class Layer:
    id: str
    name: str
    level: str = ""


@dataclass(frozen=True)
class Framework:
    path: str
    layers: tuple[Layer, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def layer_ids(self) -> tuple[str, ...]:
        return tuple(layer.id for layer in self.layers)


def load_framework(file: Path, display_path: str) -> Framework:
    """Read ``framework.yml``; a missing file means no layers are declared."""
    if not file.exists():
        return Framework(display_path, ())
    data, key_lines, problems = load_yaml(read_text(file), display_path)
    if problems:
        return Framework(display_path, (), tuple(problems))
    layers = []
    raw = (data or {}).get("layers", []) if isinstance(data, dict) else []
    if not isinstance(raw, list):
        return Framework(display_path, (), (Problem(
            display_path, key_lines.get("layers", 1), 1, "framework-type",
            "'layers' must be a list of {id, name}"),))
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(Problem(display_path, key_lines.get("layers", 1) + index + 1, 1,
                                    "framework-type", f"layer {index + 1} needs an 'id'"))
            continue
        layers.append(Layer(item["id"], str(item.get("name", item["id"])), str(item.get("level", ""))))
    return Framework(display_path, tuple(layers), tuple(problems))
