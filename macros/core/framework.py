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

from .names import Names
from .problems import Problem
from .prompts import words_of
from .schemas import FRAMEWORK, validate
from .source import Position, Positions, load_yaml_file


@dataclass(frozen=True)
class Layer:
    id: str
    name: str  # who works at this layer: "Practitioners"
    level: str = ""  # the level of the system: "direct practice"
    role_name: str = ""  # one person at this layer: "practitioner"
    choice_words: str = ""  # how a reader says it is them: "I work directly with young people"

    @property
    def role(self) -> str:
        """For "as a practitioner" and "Reading as: practitioner"; the name when none is given."""
        return self.role_name or self.name

    @property
    def choice(self) -> str:
        """The reader's own words for choosing this layer; the name when none is given."""
        return self.choice_words or self.name


@dataclass(frozen=True)
class Quote:
    module: str
    text: str
    place: Position


@dataclass(frozen=True)
class Element:
    term: str
    modules: tuple[str, ...]
    place: Position
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
    place: Position
    label: str = ""  # a short name for the diagram


@dataclass(frozen=True)
class Framework:
    path: str
    layers: tuple[Layer, ...]
    title: str = ""
    core: Ring | None = None
    rings: tuple[Ring, ...] = ()
    outcomes: tuple[Element, ...] = ()
    layers_read: bool = True  # False when the file, or one of its layers, could not be read
    introduction: str = ""  # the edition's words before the diagram

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


def _element(item: dict, place: Position) -> Element:
    return Element(item["term"].strip(), tuple(item["modules"]), place,
                   item.get("role", "").strip(), item.get("text", "").strip())


def _part(item: dict, where: tuple, positions: Positions) -> Ring:
    """The core or a ring, from data the schema found valid."""
    quotes = tuple(Quote(quote["module"], quote["text"].strip(), positions.at(*where, "quotes", index))
                   for index, quote in enumerate(item.get("quotes") or ()))
    elements = tuple(_element(element, positions.at(*where, "elements", index))
                     for index, element in enumerate(item.get("elements") or ()))
    return Ring(item["id"], item["title"].strip(), item.get("summary", "").strip(), item.get("layer", ""),
                quotes, elements, positions.at(*where), item.get("label", "").strip())


def load_framework(file: Path, display_path: str) -> tuple[Framework, list[Problem]]:
    """Read ``framework.yml`` against its schema; a missing file means an empty framework.

    Each part the schema finds valid is read, the rest left out; while the
    layers cannot all be read, no layer named elsewhere is reported unknown.
    """
    if not file.exists():
        return Framework(display_path, ()), []
    document, problems = load_yaml_file(file, display_path, "framework")
    if document is None:
        return Framework(display_path, (), layers_read=False), problems
    verdict, problems = validate(document.data, FRAMEWORK, document.positions, display_path)
    if not isinstance(document.data, dict):
        return Framework(display_path, (), layers_read=False), problems
    data, positions = document.data, document.positions
    layers = tuple(Layer(item["id"], item["name"].strip(), item.get("level", "").strip(),
                         item.get("role", "").strip(), item.get("choice", "").strip())
                   for index, item in enumerate(data.get("layers") or ()) if verdict.ok("layers", index))
    core = _part(data["core"], ("core",), positions) if "core" in data and verdict.ok("core") else None
    rings = tuple(_part(item, ("rings", index), positions)
                  for index, item in enumerate(data.get("rings") or ()) if verdict.ok("rings", index))
    outcomes = tuple(_element(item, positions.at("outcomes", index))
                     for index, item in enumerate(data.get("outcomes") or ())
                     if verdict.ok("outcomes", index))
    title = data.get("title", "").strip() if verdict.ok("title") else ""
    introduction = data.get("introduction", "").strip() if verdict.ok("introduction") else ""
    return Framework(display_path, layers, title, core, rings, outcomes, verdict.ok("layers"),
                     introduction), problems


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
            problems.append(Problem.at(path, element.place, "framework-unknown-term",
                                    f"no glossary entry '{element.term}'",
                                    terms.suggest(element.term, "use a glossary id")))
        for module in element.modules:
            if modules.is_unknown(module):
                problems.append(Problem.at(path, element.place, "framework-unknown-module",
                                        f"no module '{module}'", modules.suggest(module, "use a module id")))
    for part in framework.parts:
        if part is not framework.core and layers.is_unknown(part.layer):
            problems.append(Problem.at(path, part.place, "framework-unknown-layer",
                                    f"part '{part.id}' has unknown layer '{part.layer}'",
                                    layers.suggest(part.layer, "allowed: " + ", ".join(layers))))
        for quote in part.quotes:
            page = modules.get(quote.module)
            if modules.is_unknown(quote.module):
                problems.append(Problem.at(path, quote.place, "framework-unknown-module",
                                        f"no module '{quote.module}'",
                                        modules.suggest(quote.module, "use a module id")))
            elif page is not None and page.body_read and words_of(quote.text) not in words_of(page.body):
                problems.append(Problem.at(path, quote.place, "framework-quote-not-found",
                                        f"quote is not in module '{quote.module}'",
                                        "quote the authors word for word, from the module named"))
    return problems
