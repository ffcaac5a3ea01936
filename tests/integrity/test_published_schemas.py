"""The schemas under schemas/, as editors and pre-commit use them, with check-jsonschema.

``make check`` validates through :mod:`macros.core.schemas`; editors (the
``yaml-language-server`` modelines, ``.vscode/settings.json``) and the
pre-commit hook use the same files with other tools. So the files must stand
on their own: check-jsonschema accepts every real source and rejects every
broken fixture whose problem is one the schema states.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_jsonschema import main as check_jsonschema
from click.testing import CliRunner

from macros.core.schemas import KINDS, SCHEMA_DIR
from tests.fixture_tree import BASE, CASES

ROOT = Path(__file__).resolve().parents[2]
#: Codes the schemas give (the rest need the whole site, or are about reading the file).
SCHEMA_SUFFIXES = ("-unknown-field", "-missing-field", "-field-type", "-field-count", "-too-long",
                   "-field-value")


def kind_of(path: str, text: str = "") -> str | None:
    """The schema file that a source at ``path`` (relative to its project) is checked against."""
    if path.startswith("pathways/") and path.endswith(".yml"):
        return "pathway.schema.json"
    if path.startswith("courses/") and path.endswith(".yml"):
        return "course.schema.json"
    if path == "framework.yml":
        return "framework.schema.json"
    if path == "module-ids.yml":
        return "module-ids.schema.json"
    if path.startswith("glossary/") and path.endswith(".md"):
        return "glossary-entry.schema.json"
    if path.startswith("docs/") and path.endswith(".md") and "\nmodule:" in front_matter(text):
        return "module.schema.json"
    return None


def front_matter(text: str) -> str:
    lines = text.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        return ""
    return "\n".join(lines[:lines.index("---", 1)]) + "\n"


def as_yaml(file: Path, rel: str, out: Path) -> Path:
    """The file itself for YAML sources; its front matter in a .yml file for Markdown ones."""
    if file.suffix == ".yml":
        return file
    target = out / (rel.replace("/", "__") + ".yml")
    target.write_text(front_matter(file.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def run(schema: str, files: list[Path]) -> dict:
    result = CliRunner().invoke(check_jsonschema, [
        "--schemafile", str(SCHEMA_DIR / schema), "--output-format", "json", *map(str, files)])
    return json.loads(result.output)


def real_sources() -> dict[str, list[tuple[Path, str]]]:
    found: dict[str, list[tuple[Path, str]]] = {}
    for pattern in ("pathways/*.yml", "courses/*.yml", "framework.yml", "module-ids.yml",
                    "glossary/*.md", "docs/**/*.md"):
        for file in sorted(ROOT.glob(pattern)):
            rel = file.relative_to(ROOT).as_posix()
            kind = kind_of(rel, file.read_text(encoding="utf-8"))
            if kind:
                found.setdefault(kind, []).append((file, rel))
    return found


def rejected_fixtures() -> dict[str, list[tuple[Path, str]]]:
    """Each fixture file with a problem its schema states, by schema."""
    found: dict[str, set[tuple[Path, str]]] = {}
    for case in CASES:
        for problem in case.problems:
            if not problem["code"].endswith(SCHEMA_SUFFIXES):
                continue
            rel = problem["path"]
            file = case.folder / rel if (case.folder / rel).exists() else BASE / rel
            kind = kind_of(rel, file.read_text(encoding="utf-8"))
            if kind:
                found.setdefault(kind, set()).add((file, f"{case.name}/{rel}"))
    return {kind: sorted(files) for kind, files in found.items()}


def test_every_kind_has_real_sources_and_broken_fixtures():
    assert set(real_sources()) == {kind.file for kind in KINDS}
    assert set(rejected_fixtures()) == {kind.file for kind in KINDS}


@pytest.mark.parametrize("schema", sorted(kind.file for kind in KINDS))
def test_check_jsonschema_accepts_real_sources_and_rejects_broken_fixtures(schema, tmp_path):
    real = real_sources()[schema]
    broken = rejected_fixtures()[schema]
    files = [as_yaml(file, rel, tmp_path) for file, rel in real + broken]
    result = run(schema, files)
    assert result["parse_errors"] == []
    failed = {error["filename"] for error in result["errors"]}
    real_files = {str(file) for file in files[:len(real)]}
    assert not failed & real_files, result["errors"]
    assert failed == {str(file) for file in files[len(real):]}, (
        "not rejected: " + ", ".join(rel for (_, rel), file in zip(broken, files[len(real):], strict=True)
                                     if str(file) not in failed))
