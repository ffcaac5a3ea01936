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


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
TIMEOUT_MS = 30_000  # Playwright's default for actions; expect() gets the same
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    """A Playwright-driven Chromium (Debian's), one per test session.

    Playwright starts it with a fresh, temporary profile of its own (it refuses
    a ``--user-data-dir`` argument), so no state carries over between runs.
    """
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so browser tests may not be skipped)")
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    # Timeouts only bound how long a broken page is waited for: generous, so a
    # loaded machine makes a test slower, never red (expect's own default is 5 s).
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def launch(playwright):
    """Debian's Chromium, headless, as every browser of the tests is started."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
