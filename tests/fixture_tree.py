"""Broken-input fixtures as one base project plus a small overlay per case.

``tests/fixtures/base/`` is a tiny valid site (the check finds no problem in
it). Each folder in ``tests/fixtures/broken/`` holds only the files that
differ from the base and ``expected.yml``::

    remove: [glossary/analysis.md]     # base files this case does without (optional)
    problems:                          # every problem it must produce, and no other
      - {path: references.bib, line: 5, column: 3, code: bib-bad-url, contains: malformed URL}

So a change to a source kind's schema touches the base once, not every case.

``tests/fixtures/hostile/`` holds hostile input the same way (see
``tests/integrity/test_hostile_fixtures.py``); its ``_build`` folder is laid
under every case that is built, to make the base a site.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
BROKEN = FIXTURES / "broken"
HOSTILE = FIXTURES / "hostile"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    remove: tuple[str, ...]
    problems: tuple[dict[str, Any], ...]
    expected: dict[str, Any] = field(default_factory=dict, compare=False)  # the whole expected.yml

    def compose(self, destination: Path, *under: Path) -> Path:
        """The case's whole source tree in ``destination``: the base, minus ``remove``, then
        the ``under`` overlays, then the case's own."""
        shutil.copytree(BASE, destination, dirs_exist_ok=True)
        for rel in self.remove:
            target = destination / rel
            assert target.exists(), f"{self.name}: 'remove' names {rel}, which the base does not have"
            target.unlink()
        for folder in (*under, self.folder):
            lay_over(destination, folder)
        return destination


def lay_over(destination: Path, folder: Path) -> None:
    """Copy every file of ``folder`` (but its ``expected.yml``) into ``destination``."""
    for file in folder.rglob("*"):
        rel = file.relative_to(folder)
        if file.is_file() and rel.as_posix() != "expected.yml":
            (destination / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination / rel)


def load_case(folder: Path) -> Case:
    data = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    return Case(folder.name, folder, tuple(data.get("remove") or ()), tuple(data.get("problems") or ()), data)


def load_cases(folder: Path) -> list[Case]:
    """Every case folder (one with an ``expected.yml``) under ``folder``."""
    return [load_case(case) for case in sorted(folder.iterdir()) if (case / "expected.yml").is_file()]


CASES = load_cases(BROKEN)
