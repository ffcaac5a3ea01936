"""The edition: its version and date, read from ``CITATION.cff``.

``CITATION.cff`` is the one place they are written (citation tools read it
too); the footer, the home page's "Cite this edition" and ``modules.json``
take them from here, so they cannot disagree.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem


@dataclass(frozen=True)
class Edition:
    version: str
    date: str  # ISO 8601, as CITATION.cff's date-released
    title: str = ""

    @property
    def date_text(self) -> str:
        """The date as readers write it: "3 December 2026"."""
        day = datetime.date.fromisoformat(self.date)
        return f"{day.day} {day:%B %Y}"


def load_edition(file: Path, display_path: str) -> tuple[Edition | None, list[Problem]]:
    """The edition named in ``CITATION.cff``; a problem (not a crash) if it is missing or malformed."""
    if not file.exists():
        return None, []
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return None, [Problem(display_path, 1, 1, "edition-unreadable", f"cannot read the edition: {error}",
                              "check it with 'cffconvert --validate'")]
    version, date = data.get("version"), data.get("date-released")
    if isinstance(date, datetime.date):
        date = date.isoformat()
    problems = []
    if not isinstance(version, str | int | float) or not str(version).strip():
        problems.append(Problem(display_path, 1, 1, "edition-missing-field", "the edition has no 'version'",
                                "add 'version: 1.0.0' to CITATION.cff"))
    try:
        datetime.date.fromisoformat(str(date))
    except ValueError:
        problems.append(Problem(display_path, 1, 1, "edition-missing-field",
                                "the edition has no valid 'date-released'",
                                "add 'date-released: YYYY-MM-DD' to CITATION.cff"))
    if problems:
        return None, problems
    return Edition(str(version), str(date), " ".join(str(data.get("title", "")).split())), []


EDITIONS_FOLDER = "editions"  # each published edition's modules.json, as VERSION.json


def changed_since(courses, modules, archive: Path) -> list[str]:
    """Warnings for courses whose modules changed since the edition they name.

    ``modules`` maps each module id to its current content hash; ``archive``
    holds each published edition's ``modules.json`` as ``VERSION.json`` (copy
    ``site/modules.json`` there when an edition is released). A course naming
    an edition the archive does not have gets a warning too: it cannot be
    checked. Warnings, not problems: the course still builds, but a trainer
    should look at what changed before teaching it again.
    """
    warnings = []
    for course in courses:
        if not course.edition:
            continue
        line = course.at("edition").line
        file = archive / f"{course.edition}.json"
        try:
            published = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            warnings.append(f"{course.path}:{line}: the course was written against edition {course.edition}, "
                            f"but {archive.name}/{file.name} (its modules.json) is missing or unreadable, "
                            "so changes since cannot be checked")
            continue
        hashes = {module["id"]: module.get("content_hash") for module in published.get("modules", [])}
        used = dict.fromkeys(m for session in course.sessions for m in session.modules)
        for module_id in used:
            if module_id in modules and hashes.get(module_id) != modules[module_id]:
                warnings.append(f"{course.path}:{line}: module '{module_id}' has changed since edition "
                                f"{course.edition}; read it again before teaching, and see what changed with "
                                f"'python -m macros changes {archive.name}/{file.name} site/modules.json'")
    return warnings
