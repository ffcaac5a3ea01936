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
from .problems import Problem, did_you_mean
from .source import Positioned, load_yaml_mapping

PATHWAY_FIELDS: dict[str, tuple[type, bool]] = {
    "title": (str, True), "layer": (str, True), "audience": (str, True),
    "introduction": (str, False), "steps": (list, True), "closing": (str, True),
}
STEP_FIELDS: dict[str, tuple[type, bool]] = {
    "module": (str, True), "minutes": (int, True), "focus": (str, True), "prompts": (list, True),
}


@dataclass(frozen=True)
class Step:
    module: str
    minutes: int
    focus: str
    prompts: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Pathway(Positioned):
    id: str
    path: str
    title: str
    layer: str
    audience: str
    introduction: str
    steps: tuple[Step, ...]
    closing: str
    positions: dict[tuple, int]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)



def check_fields(path: str, data: dict, schema: dict, positions: dict, where: tuple = (),
                 code: str = "pathway") -> list[Problem]:
    """Unknown, missing and mistyped fields of one mapping (courses share this)."""
    problems = []
    line = positions.get(where, 1) if where else 1
    for key in data:
        if key not in schema:
            problems.append(Problem(path, positions.get((*where, key), line), 1, f"{code}-unknown-field",
                                    f"unknown field '{key}'",
                                    did_you_mean(str(key), schema) or "allowed: " + ", ".join(schema)))
    for key, (kind, required) in schema.items():
        value = data.get(key)
        if value is None:
            if required:
                problems.append(Problem(path, line, 1, f"{code}-missing-field",
                                        f"missing '{key}'" + (f" in item {where[-1] + 1}" if where else "")))
        elif not isinstance(value, kind) or isinstance(value, bool) or (kind is str and not value.strip()):
            wanted = {str: "a text", int: "a whole number", list: "a list"}[kind]
            problems.append(Problem(path, positions.get((*where, key), line), 1, f"{code}-field-type",
                                    f"'{key}' must be {wanted}"))
        elif kind is int and value <= 0:  # minutes: a step, session or activity takes some time
            problems.append(Problem(path, positions.get((*where, key), line), 1, f"{code}-field-type",
                                    f"'{key}' must be more than 0, not {value}"))
    return problems


def load_pathway(file: Path, display_root: Path) -> tuple[Pathway | None, list[Problem]]:
    path, data, positions, problems = load_yaml_mapping(file, display_root, "pathway")
    if data is None:
        return None, problems
    problems = check_fields(path, data, PATHWAY_FIELDS, positions)
    steps = []
    for index, item in enumerate(data.get("steps") or []):
        if not isinstance(item, dict):
            problems.append(Problem(path, positions.get(("steps", index), 1), 1, "pathway-field-type",
                                    f"step {index + 1} must have module, minutes, focus and prompts"))
            continue
        step_problems = check_fields(path, item, STEP_FIELDS, positions, ("steps", index))
        problems.extend(step_problems)
        if not step_problems:
            steps.append(Step(item["module"], item["minutes"], item["focus"].strip(),
                              tuple(str(p) for p in item["prompts"]), positions.get(("steps", index), 1)))
    if problems:
        return None, problems
    return Pathway(file.stem, path, data["title"].strip(), data["layer"], data["audience"].strip(),
                   (data.get("introduction") or "").strip(), tuple(steps), data["closing"].strip(),
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
            problems.append(Problem(pathway.path, pathway.line_of("layer"), 1, "pathway-unknown-layer",
                                    f"unknown layer '{pathway.layer}'",
                                    layers.suggest(pathway.layer, "allowed: " + ", ".join(layers))))
        for index, step in enumerate(pathway.steps):
            if step.module not in modules:
                if modules.is_unknown(step.module):
                    problems.append(Problem(
                        pathway.path, pathway.line_of("steps", index, "module"), 1, "pathway-unknown-module",
                        f"step {index + 1}: no module '{step.module}'",
                        modules.suggest(step.module, "use a module id")))
                continue
            for number, prompt_id in enumerate(step.prompts):
                prompt = prompts.get(prompt_id)
                line = pathway.line_of("steps", index, "prompts", number)
                if prompts.is_unknown(prompt_id):
                    problems.append(Problem(pathway.path, line, 1, "pathway-unknown-prompt",
                                            f"step {index + 1}: no prompt '{prompt_id}'",
                                            prompts.suggest(prompt_id, "use a prompt id")))
                elif prompt is not None and (prompt.module != step.module or prompt.layer != pathway.layer):
                    problems.append(Problem(
                        pathway.path, line, 1, "pathway-wrong-prompt",
                        f"step {index + 1}: prompt '{prompt_id}' belongs to module '{prompt.module}' "
                        f"for '{prompt.layer}', not '{step.module}' for '{pathway.layer}'",
                        "choose a prompt of this step's module for the pathway's layer"))
    return problems
