"""The framework as data (``framework.yml``): layers, core, rings and outcomes.

The framework's diagram and pages are generated from this file. Each element
names its glossary term and the modules that discuss it; each quote names the
module it is taken from. :func:`check_framework` verifies all of them against
the rest of the site, with the file and line of anything that does not
resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .names import Names
from .problems import Problem
from .prompts import words_of
from .source import load_yaml_positions, read_source


@dataclass(frozen=True)
class Layer:
    id: str
    name: str
    level: str = ""


@dataclass(frozen=True)
class Quote:
    module: str
    text: str
    line: int


@dataclass(frozen=True)
class Element:
    term: str
    modules: tuple[str, ...]
    line: int
    role: str = ""  # for outcomes: "made possible", "opposite", "throughout"
    text: str = ""


@dataclass(frozen=True)
class Ring:
    """The core (no layer) or one layer's ring around it."""

    id: str
    title: str
    summary: str
    layer: str
    quotes: tuple[Quote, ...]
    elements: tuple[Element, ...]
    line: int
    label: str = ""  # a short name for the diagram

@dataclass(frozen=True)
class Framework:
    path: str
    layers: tuple[Layer, ...]
    problems: tuple[Problem, ...] = ()
    title: str = ""
    core: Ring | None = None
    rings: tuple[Ring, ...] = ()
    outcomes: tuple[Element, ...] = ()
    layers_read: bool = True  # False when the file, or one of its layers, could not be read

    @property
    def layer_ids(self) -> tuple[str, ...]:
        return tuple(layer.id for layer in self.layers)

    @property
    def layer_names(self) -> Names[Layer]:
        """The layers, for the cross-checks: unknown when the file could not be read."""
        return Names({layer.id: layer for layer in self.layers}, complete=self.layers_read)

    def layer(self, layer_id: str) -> Layer | None:
        return next((layer for layer in self.layers if layer.id == layer_id), None)

    @property
    def parts(self) -> tuple[Ring, ...]:
        """The core and the rings, from the centre outwards."""
        return ((self.core,) if self.core else ()) + self.rings


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _elements(items: Any, where: tuple, positions: dict, path: str, problems: list) -> tuple[Element, ...]:
    found = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        line = positions.get((*where, index), 1)
        if not isinstance(item, dict) or not _text(item.get("term")):
            problems.append(Problem(path, line, 1, "framework-type", "an element needs a 'term'"))
            continue
        modules = item.get("modules") or []
        found.append(Element(item["term"].strip(), tuple(str(m) for m in modules), line,
                             _text(item.get("role")), _text(item.get("text"))))
    return tuple(found)


def _ring(data: Any, where: tuple, positions: dict, path: str, problems: list) -> Ring | None:
    line = positions.get(where, 1)
    if not isinstance(data, dict) or not _text(data.get("id")) or not _text(data.get("title")):
        problems.append(Problem(path, line, 1, "framework-type", "each part needs an 'id' and a 'title'"))
        return None
    quotes = tuple(
        Quote(str(q.get("module", "")), _text(q.get("text")), positions.get((*where, "quotes", i), line))
        for i, q in enumerate(data.get("quotes") or []) if isinstance(q, dict))
    return Ring(data["id"].strip(), data["title"].strip(), _text(data.get("summary")),
                _text(data.get("layer")), quotes,
                _elements(data.get("elements"), (*where, "elements"), positions, path, problems), line,
                _text(data.get("label")))


def load_framework(file: Path, display_path: str) -> Framework:
    """Read ``framework.yml``; a missing file means an empty framework."""
    if not file.exists():
        return Framework(display_path, ())
    text, problems = read_source(file, display_path)
    if text is None:
        return Framework(display_path, (), tuple(problems), layers_read=False)
    data, positions, problems = load_yaml_positions(text, display_path)
    if problems:
        return Framework(display_path, (), tuple(problems), layers_read=False)
    if not isinstance(data, dict):
        problem = Problem(display_path, 1, 1, "framework-type", "the framework file must be a mapping",
                          "give it 'layers:', 'core:', 'rings:' and 'outcomes:'")
        return Framework(display_path, (), (problem,), layers_read=False)
    layers = []
    layers_read = True
    for index, item in enumerate(data.get("layers") or []):
        if not isinstance(item, dict) or not _text(item.get("id")):
            problems.append(Problem(display_path, positions.get(("layers", index), 1), 1,
                                    "framework-type", f"layer {index + 1} needs an 'id'"))
            layers_read = False
            continue
        layers.append(Layer(item["id"], _text(item.get("name")) or item["id"], _text(item.get("level"))))
    core = _ring(data["core"], ("core",), positions, display_path, problems) if "core" in data else None
    rings = tuple(ring for index, item in enumerate(data.get("rings") or [])
                  if (ring := _ring(item, ("rings", index), positions, display_path, problems)))
    outcomes = _elements(data.get("outcomes"), ("outcomes",), positions, display_path, problems)
    return Framework(display_path, tuple(layers), tuple(problems), _text(data.get("title")),
                     core, rings, outcomes, layers_read)


def check_framework(framework: Framework, terms: Names, modules: Names) -> list[Problem]:
    """Every element's term and modules, every ring's layer and every quote must resolve.

    ``modules`` maps module ids to their pages (whose ``body`` the quotes are found in).
    """
    problems = []
    path = framework.path
    layers = framework.layer_names
    elements = [e for part in framework.parts for e in part.elements] + list(framework.outcomes)
    for element in elements:
        if terms.is_unknown(element.term):
            problems.append(Problem(path, element.line, 1, "framework-unknown-term",
                                    f"no glossary entry '{element.term}'",
                                    terms.suggest(element.term, "use a glossary id")))
        if not element.modules:
            problems.append(Problem(path, element.line, 1, "framework-missing-module",
                                    f"element '{element.term}' names no module that discusses it"))
        for module in element.modules:
            if modules.is_unknown(module):
                problems.append(Problem(path, element.line, 1, "framework-unknown-module",
                                        f"no module '{module}'", modules.suggest(module, "use a module id")))
    for part in framework.parts:
        if part is not framework.core and layers.is_unknown(part.layer):
            problems.append(Problem(path, part.line, 1, "framework-unknown-layer",
                                    f"part '{part.id}' has unknown layer '{part.layer}'",
                                    layers.suggest(part.layer, "allowed: " + ", ".join(layers))))
        for quote in part.quotes:
            page = modules.get(quote.module)
            if modules.is_unknown(quote.module):
                problems.append(Problem(path, quote.line, 1, "framework-unknown-module",
                                        f"no module '{quote.module}'",
                                        modules.suggest(quote.module, "use a module id")))
            elif page is not None and page.body_read and words_of(quote.text) not in words_of(page.body):
                problems.append(Problem(path, quote.line, 1, "framework-quote-not-found",
                                        f"quote is not in module '{quote.module}'",
                                        "quote the authors word for word, from the module named"))
    return problems
