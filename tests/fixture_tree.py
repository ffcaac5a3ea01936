"""Broken-input fixtures as one base project plus a small overlay per case.

``tests/fixtures/base/`` is a tiny valid site (the check finds no problem in
it). Each folder in ``tests/fixtures/broken/`` holds only the files that
differ from the base and ``expected.yml``::

    remove: [glossary/analysis.md]     # base files this case does without (optional)
    problems:                          # every problem it must produce, and no other
      - {path: references.bib, line: 5, column: 3, code: bib-bad-url, contains: malformed URL}

So a change to a source kind's schema touches the base once, not every case.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
BROKEN = FIXTURES / "broken"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    remove: tuple[str, ...]
    problems: tuple[dict[str, Any], ...]

    def compose(self, destination: Path) -> Path:
        """The case's whole source tree (base, minus ``remove``, plus the overlay) in ``destination``."""
        shutil.copytree(BASE, destination, dirs_exist_ok=True)
        for rel in self.remove:
            target = destination / rel
            assert target.exists(), f"{self.name}: 'remove' names {rel}, which the base does not have"
            target.unlink()
        for file in self.folder.rglob("*"):
            rel = file.relative_to(self.folder)
            if file.is_file() and rel.as_posix() != "expected.yml":
                (destination / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, destination / rel)
        return destination


def load_case(folder: Path) -> Case:
    data = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8"))
    return Case(folder.name, folder, tuple(data.get("remove") or ()), tuple(data["problems"]))


CASES = [load_case(folder) for folder in sorted(BROKEN.iterdir()) if folder.is_dir()]
