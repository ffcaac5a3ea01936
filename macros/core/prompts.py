"""Reflection prompts and layer lenses, read from module front matter.

A module gives, for each layer of the system, a short "what this means for
you" (``lens``) and two or more prompts. Each prompt has a stable ``id`` (the
journal keeps readers' answers under it) and a ``basis``: a phrase quoted from
the module's own text, which the checks find in the page so that every prompt
stays grounded in what the authors wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .names import Names
from .problems import Position, Problem
from .schemas import Verdict
from .source import FrontMatter

MIN_PROMPTS = 2  # for each layer: what the schema cannot know, since layers are in framework.yml


@dataclass(frozen=True)
class Prompt:
    id: str
    layer: str
    text: str
    basis: str
    module: str
    path: str
    line: int
    care: bool = False  # the prompt asks people to recall harm: shown with a note of care
    column: int = 1

    @property
    def place(self) -> Position:
        return Position(self.line, self.column)


@dataclass(frozen=True)
class ModuleReflection:
    """A module's lens paragraphs and prompts, by layer, in written order."""

    lens: dict[str, str]
    prompts: tuple[Prompt, ...]
    unread: frozenset[str] = frozenset()  # ids of prompts written but not readable
    complete: bool = True  # False when a prompt's id could not be read at all

    def for_layer(self, layer: str) -> tuple[Prompt, ...]:
        return tuple(p for p in self.prompts if p.layer == layer)


def words_of(text: str) -> str:
    """Text folded for a forgiving comparison: spacing, quotes, case."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"\[[^\]]*@[^\]]*\]", " ", text).split()).casefold()


def read_reflection(front: FrontMatter, verdict: Verdict, layers: Names
                    ) -> tuple[ModuleReflection, list[Problem]]:
    """Read ``lens`` and ``prompts`` from a module page and check them against the layers.

    The module schema has already judged their shape (``verdict``): only
    what it found valid is read, so no problem is reported twice. A prompt
    that is not valid still counts for its layer, and its id is kept as
    unread so that pathways naming it are not reported as well. When the
    layers are not known (``framework.yml`` could not be read), every layer
    named is taken as it is and none is reported missing.
    """
    problems: list[Problem] = []
    module = str(front.data.get("module", ""))
    lens_data = front.data.get("lens") or {}
    prompt_data = front.data.get("prompts") or {}
    lens: dict[str, str] = {}
    if verdict.ok("lens"):
        for layer, text in lens_data.items():
            if layers.is_unknown(layer):
                problems.append(_unknown_layer(front, ("lens", layer), layer, layers))
            lens[layer] = text.strip()

    prompts: list[Prompt] = []
    unread: set[str] = set()
    complete = isinstance(prompt_data, dict)
    body = words_of(front.body)
    for layer, items in prompt_data.items() if complete else ():
        if layers.is_unknown(layer):
            problems.append(_unknown_layer(front, ("prompts", layer), layer, layers))
        for index, item in enumerate(items if isinstance(items, list) else ()):
            where = ("prompts", layer, index)
            if not verdict.ok(*where) or layers.is_unknown(layer):
                item_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(item_id, str):
                    unread.add(item_id.strip())
                else:
                    complete = False  # a prompt whose id cannot be told might be any prompt
                continue
            place = front.at(*where)
            prompt = Prompt(item["id"].strip(), layer, item["text"].strip(), item["basis"].strip(),
                            module, front.path, place.line, bool(item.get("care")), place.column)
            prompts.append(prompt)
            if words_of(prompt.basis) not in body:
                basis = front.at(*where, "basis")
                problems.append(Problem.at(
                    front.path, basis, "prompt-basis-not-found",
                    f"the basis of prompt '{prompt.id}' is not in this module's text",
                    "quote, word for word, the phrase of this page the prompt rests on",
                ))
        complete = complete and isinstance(items, list)

    for layer in layers if layers.complete else ():
        written = prompt_data.get(layer, []) if isinstance(prompt_data, dict) else None
        if isinstance(written, list) and len(written) < MIN_PROMPTS:  # read or not, each counts
            count = len(written)
            place = front.at("prompts", layer)
            problems.append(Problem.at(
                front.path, place, "prompt-missing-layer",
                f"module '{module}' has {count} prompt(s) for '{layer}'; every layer needs {MIN_PROMPTS}",
                f"add prompts under 'prompts: {layer}:'",
            ))
        if isinstance(lens_data, dict) and layer not in lens_data:
            place = front.at("lens")
            problems.append(Problem.at(front.path, place, "prompt-missing-layer",
                                       f"module '{module}' has no lens text for '{layer}'",
                                       f"add 'lens: {layer}:' (what this module means for that layer)"))
    return ModuleReflection(lens, tuple(prompts), frozenset(unread), complete), problems


def _unknown_layer(front: FrontMatter, where: tuple, layer: Any, layers: Names) -> Problem:
    place = front.at(*where)
    return Problem.at(front.path, place, "prompt-unknown-layer",
                      f"unknown layer '{layer}'", layers.suggest(str(layer), "allowed: " + ", ".join(layers)))
