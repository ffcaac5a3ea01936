"""Pathways: ordered routes through the modules, one YAML file each.

A pathway is written for one layer of the system. Its steps come in named
sittings, each a sitting's worth for a reader with about fifteen minutes (on
a bus, between visits). Each step names a module, what to focus on there and
why, and the prompts (for that layer) to reflect on; its time comes from the
module and the prompts (see :mod:`.timing`) unless the pathway gives its own,
with a reason. The pathway ends with how to take the work into supervision,
team meetings or partnership boards. The checks name the file and line of
anything that does not resolve, and of a sitting that runs too long.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .names import Names
from .problems import Problem
from .schemas import PATHWAY, validate
from .source import Position, Positioned, Positions, load_yaml_file
from .timing import SITTING_MINUTES, SITTING_TOLERANCE, step_time, total_minutes


@dataclass(frozen=True)
class Step:
    module: str
    focus: str  # Markdown
    prompts: tuple[str, ...]
    place: Position
    minutes: int | None = None  # the pathway's own figure, instead of the time model's
    minutes_reason: str = ""  # why it differs (required with ``minutes``)
    path: tuple[Any, ...] = ()  # where the step is written: ("sittings", 0, "steps", 1)


@dataclass(frozen=True)
class Sitting:
    """A named group of steps that a reader can do in one go."""

    title: str
    steps: tuple[Step, ...]
    place: Position
    path: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Pathway(Positioned):
    id: str
    path: str
    title: str
    layer: str
    audience: str
    introduction: str  # Markdown
    sittings: tuple[Sitting, ...]
    closing: str  # Markdown
    positions: Positions

    @property
    def steps(self) -> tuple[Step, ...]:
        """Every step, in order, across the sittings."""
        return tuple(step for sitting in self.sittings for step in sitting.steps)


def load_pathway(file: Path, display_root: Path) -> tuple[Pathway | None, list[Problem]]:
    """One pathway, checked against ``schemas/pathway.schema.json``; ``None`` if it is not valid."""
    path = file.relative_to(display_root).as_posix()
    document, problems = load_yaml_file(file, path, "pathway")
    if document is None:
        return None, problems
    verdict, problems = validate(document.data, PATHWAY, document.positions, path)
    if not verdict.ok():
        return None, problems
    data, positions = document.data, document.positions
    sittings = []
    for number, sitting in enumerate(data["sittings"]):
        steps = []
        for index, item in enumerate(sitting["steps"]):
            where = ("sittings", number, "steps", index)
            steps.append(Step(item["module"], item["focus"].strip(), tuple(item["prompts"]),
                              positions.at(*where), item.get("minutes"),
                              (item.get("minutes_reason") or "").strip(), where))
        sittings.append(Sitting(sitting["title"].strip(), tuple(steps),
                                positions.at("sittings", number, "title"), ("sittings", number)))
    return Pathway(file.stem, path, data["title"].strip(), data["layer"], data["audience"].strip(),
                   (data.get("introduction") or "").strip(), tuple(sittings), data["closing"].strip(),
                   positions), []


def load_pathways(folder: Path, display_root: Path) -> tuple[tuple[Pathway, ...], list[Problem]]:
    pathways, problems = [], []
    for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        pathway, file_problems = load_pathway(file, display_root)
        problems.extend(file_problems)
        if pathway:
            pathways.append(pathway)
    return tuple(pathways), problems


def check_pathways(pathways: tuple[Pathway, ...], modules: Names, prompts: Names, layers: Names
                   ) -> list[Problem]:
    """Every step names a module, and prompts of that module for the pathway's layer;
    every sitting fits about fifteen minutes."""
    problems = []
    for pathway in pathways:
        if layers.is_unknown(pathway.layer):
            place = pathway.at("layer")
            problems.append(Problem.at(pathway.path, place, "pathway-unknown-layer",
                                       f"unknown layer '{pathway.layer}'",
                                       layers.suggest(pathway.layer, "allowed: " + ", ".join(layers))))
        for index, step in enumerate(pathway.steps):
            if step.module not in modules:
                if modules.is_unknown(step.module):
                    place = pathway.at(*step.path, "module")
                    problems.append(Problem.at(
                        pathway.path, place, "pathway-unknown-module",
                        f"step {index + 1}: no module '{step.module}'",
                        modules.suggest(step.module, "use a module id")))
                continue
            for number, prompt_id in enumerate(step.prompts):
                prompt = prompts.get(prompt_id)
                place = pathway.at(*step.path, "prompts", number)
                if prompts.is_unknown(prompt_id):
                    problems.append(Problem.at(pathway.path, place, "pathway-unknown-prompt",
                                               f"step {index + 1}: no prompt '{prompt_id}'",
                                               prompts.suggest(prompt_id, "use a prompt id")))
                elif prompt is not None and (prompt.module != step.module or prompt.layer != pathway.layer):
                    problems.append(Problem.at(
                        pathway.path, place, "pathway-wrong-prompt",
                        f"step {index + 1}: prompt '{prompt_id}' belongs to module '{prompt.module}' "
                        f"for '{prompt.layer}', not '{step.module}' for '{pathway.layer}'",
                        "choose a prompt of this step's module for the pathway's layer"))
        problems.extend(_check_sittings(pathway, modules.defined))
    return problems


def _check_sittings(pathway: Pathway, modules: Mapping[str, Any]) -> list[Problem]:
    """A sitting may take at most SITTING_MINUTES, give or take SITTING_TOLERANCE.

    A sitting with a step whose module is unknown is not judged: that step's
    own problem comes first.
    """
    problems = []
    limit = SITTING_MINUTES + SITTING_TOLERANCE
    for number, sitting in enumerate(pathway.sittings, 1):
        if any(step.module not in modules for step in sitting.steps):
            continue
        minutes = total_minutes(step_time(modules[step.module], step) for step in sitting.steps)
        if minutes > limit:
            problems.append(Problem.at(
                pathway.path, sitting.place, "pathway-long-sitting",
                f"sitting {number} ('{sitting.title}') takes about {minutes} minutes; a sitting should take "
                f"at most about {SITTING_MINUTES} (up to {limit} is accepted)",
                "move a step into a sitting of its own, or into the next sitting"))
    return problems
