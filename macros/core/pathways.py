"""Pathways: ordered routes through the modules, one YAML file each.

A pathway is written for one layer of the system. Each step names a module,
what to focus on there and why, the time it takes, and the prompts (for that
layer) to reflect on; the pathway ends with how to take the work into
supervision, team meetings or partnership boards. The checks name the file
and line of anything that does not resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .names import Names
from .problems import Problem
from .schemas import PATHWAY, validate
from .source import Position, Positioned, Positions, load_yaml_file


@dataclass(frozen=True)
class Step:
    module: str
    minutes: int
    focus: str  # Markdown
    prompts: tuple[str, ...]
    place: Position


@dataclass(frozen=True)
class Pathway(Positioned):
    id: str
    path: str
    title: str
    layer: str
    audience: str
    introduction: str  # Markdown
    steps: tuple[Step, ...]
    closing: str  # Markdown
    positions: Positions

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)



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
    steps = tuple(Step(item["module"], item["minutes"], item["focus"].strip(), tuple(item["prompts"]),
                       positions.at("steps", index))
                  for index, item in enumerate(data["steps"]))
    return Pathway(file.stem, path, data["title"].strip(), data["layer"], data["audience"].strip(),
                   (data.get("introduction") or "").strip(), steps, data["closing"].strip(),
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
    """Every step names a module, and prompts of that module for the pathway's layer."""
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
                    place = pathway.at("steps", index, "module")
                    problems.append(Problem.at(
                        pathway.path, place, "pathway-unknown-module",
                        f"step {index + 1}: no module '{step.module}'",
                        modules.suggest(step.module, "use a module id")))
                continue
            for number, prompt_id in enumerate(step.prompts):
                prompt = prompts.get(prompt_id)
                place = pathway.at("steps", index, "prompts", number)
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
    return problems
