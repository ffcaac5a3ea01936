"""Shared fixtures: the project root and one build of the real site per run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.engine import build_command

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "fixtures" / "article.txt"


SKIP_TOP = {".venv", ".git", "node_modules", ".cache", "site", "site.new", "site.old", ".site-offline",
            "tests", "bench", ".ruff_cache", "resonance.egg-info"}


def copy_project(destination: Path) -> Path:
    """A copy of what a build reads (no environment, caches, built sites, tests or benchmark)."""
    shutil.copytree(ROOT, destination, ignore=lambda folder, names: (
        [n for n in names if n in SKIP_TOP] if Path(folder) == ROOT else
        [n for n in names if n in ("__pycache__", ".pytest_cache")]))
    return destination


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once with the engine's strict build into a temp folder."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        build_command(str(out)),
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"the strict build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return out
