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
from .problems import Problem, did_you_mean
from .source import FrontMatter

PROMPT_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROMPT_FIELDS = ("id", "text", "basis")
MIN_PROMPTS = 2
TEXT_MAX = 300
LENS_MAX = 500


@dataclass(frozen=True)
class Prompt:
    id: str
    layer: str
    text: str
    basis: str
    module: str
    path: str
    line: int


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


def read_reflection(front: FrontMatter, layers: Names) -> tuple[ModuleReflection, list[Problem]]:
    """Read ``lens`` and ``prompts`` from a module page, checking each against the layers.

    When the layers are not known (``framework.yml`` could not be read), every
    layer named is taken as it is and none is reported missing. A prompt that
    cannot be read still counts for its layer (its own problem is reported),
    and its id is kept as unread so that pathways naming it are not reported.
    """
    problems: list[Problem] = []
    module = str(front.data.get("module", ""))
    lens_data = front.data.get("lens") or {}
    lens = _read_lens(front, lens_data, layers, problems)
    prompt_data = front.data.get("prompts") or {}
    if not isinstance(prompt_data, dict):
        problems.append(_not_a_mapping(front, "prompts"))
        return ModuleReflection(lens, (), complete=False), problems

    prompts: list[Prompt] = []
    unread: set[str] = set()
    complete = True
    written: dict[str, int] = {}  # prompts written for each layer, read or not
    body = words_of(front.body)
    for layer, items in prompt_data.items():
        if layers.is_unknown(layer):
            problems.append(_unknown_layer(front, ("prompts", layer), layer, layers))
        if not isinstance(items, list):
            problems.append(Problem(front.path, front.line_of(("prompts", layer)), 1, "prompt-type",
                                    f"prompts for '{layer}' must be a list"))
            complete = False
            continue
        written[layer] = len(items)
        for index, item in enumerate(items):
            prompt, item_problems = _read_prompt(front, module, layer, index, item)
            problems.extend(item_problems)
            if prompt is None or layers.is_unknown(layer):
                item_id = item.get("id") if isinstance(item, dict) else None
                if isinstance(item_id, str):
                    unread.add(item_id.strip())
                else:
                    complete = False  # a prompt whose id cannot be told might be any prompt
                continue
            prompts.append(prompt)
            if words_of(prompt.basis) not in body:
                problems.append(Problem(
                    front.path, front.line_of(("prompts", layer, index, "basis")), 1,
                    "prompt-basis-not-found",
                    f"the basis of prompt '{prompt.id}' is not in this module's text",
                    "quote, word for word, the phrase of this page the prompt rests on",
                ))
    for layer in layers if layers.complete else ():
        count = written.get(layer, 0)
        if count < MIN_PROMPTS and (layer in written or complete):
            problems.append(Problem(
                front.path, front.line_of(("prompts", layer)), 1, "prompt-missing-layer",
                f"module '{module}' has {count} prompt(s) for '{layer}'; every layer needs {MIN_PROMPTS}",
                f"add prompts under 'prompts: {layer}:'",
            ))
        if isinstance(lens_data, dict) and layer not in lens_data:
            problems.append(Problem(front.path, front.line_of(("lens", layer)), 1, "prompt-missing-layer",
                                    f"module '{module}' has no lens text for '{layer}'",
                                    f"add 'lens: {layer}:' (what this module means for that layer)"))
    return ModuleReflection(lens, tuple(prompts), frozenset(unread), complete), problems


def _read_lens(front: FrontMatter, data: Any, layers: Names, problems: list[Problem]) -> dict[str, str]:
    """The lens paragraph of each layer; a layer whose lens cannot be read is left out."""
    if not isinstance(data, dict):
        problems.append(_not_a_mapping(front, "lens"))
        return {}
    lens = {}
    for layer, text in data.items():
        if layers.is_unknown(layer):
            problems.append(_unknown_layer(front, ("lens", layer), layer, layers))
        elif not isinstance(text, str) or not text.strip():
            problems.append(Problem(front.path, front.line_of(("lens", layer)), 1, "prompt-type",
                                    f"lens for '{layer}' must be a non-empty text"))
        elif len(text) > LENS_MAX:
            problems.append(Problem(front.path, front.line_of(("lens", layer)), 1, "prompt-too-long",
                                    f"lens for '{layer}' has {len(text)} characters; at most {LENS_MAX}"))
        else:
            lens[layer] = text.strip()
    return lens


def _not_a_mapping(front: FrontMatter, key: str) -> Problem:
    return Problem(front.path, front.line_of(key), 1, "prompt-type",
                   f"'{key}' must map each layer to its {key}",
                   "write 'practitioner:', 'manager:', … under it")


def _unknown_layer(front: FrontMatter, where: tuple, layer: Any, layers: Names) -> Problem:
    return Problem(front.path, front.line_of(where), 1, "prompt-unknown-layer",
                   f"unknown layer '{layer}'", layers.suggest(str(layer), "allowed: " + ", ".join(layers)))


def _read_prompt(front: FrontMatter, module: str, layer: str, index: int, item: Any
                 ) -> tuple[Prompt | None, list[Problem]]:
    where = ("prompts", layer, index)
    line = front.line_of(where)
    if not isinstance(item, dict):
        return None, [Problem(front.path, line, 1, "prompt-type",
                              f"prompt {index + 1} for '{layer}' must have id, text and basis")]
    problems = []
    for key in item:
        if key not in PROMPT_FIELDS:
            problems.append(Problem(front.path, front.line_of((*where, key)), 1, "prompt-unknown-field",
                                    f"unknown prompt field '{key}'",
                                    did_you_mean(str(key), PROMPT_FIELDS) or "allowed: id, text, basis"))
    unknown, problems = problems, []  # reported, but the prompt still counts if complete
    for key in PROMPT_FIELDS:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(front.path, front.line_of((*where, key)), 1, "prompt-missing-field",
                                    f"prompt {index + 1} for '{layer}' needs a non-empty '{key}'"))
    if problems:
        return None, unknown + problems
    problems = unknown
    if not PROMPT_ID_RE.match(item["id"]):
        problems.append(Problem(front.path, front.line_of((*where, "id")), 1, "prompt-bad-id",
                                f"prompt id '{item['id']}' is not a lower-case slug",
                                f"use ids like '{module}-{layer}-1'"))
    if len(item["text"]) > TEXT_MAX:
        problems.append(Problem(
            front.path, front.line_of((*where, "text")), 1, "prompt-too-long",
            f"prompt '{item['id']}' has {len(item['text'])} characters; at most {TEXT_MAX}"))
    prompt = Prompt(item["id"].strip(), layer, item["text"].strip(), item["basis"].strip(),
                    module, front.path, line)
    return prompt, problems
