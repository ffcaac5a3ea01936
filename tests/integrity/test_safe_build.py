"""A failed build leaves the previous site exactly as it was.

Every broken fixture is run through ``python -m macros build`` over a site
folder that already holds a "previous site"; a real MkDocs build that fails
late (after the content checks passed) is proven harmless too.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.fixture_tree import CASES


def previous_site(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<p>the previous, good site</p>", encoding="utf-8")
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / "x.css").write_text("p{}", encoding="utf-8")
    return snapshot(folder)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(root: Path, site: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "macros", "build", "--root", str(root), "--site-dir", str(site)]
    return subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_sources_leave_the_previous_site(case, tmp_path):
    site = tmp_path / "site"
    before = previous_site(site)
    result = build(case.compose(tmp_path / "project"), site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert snapshot(site) == before
    assert not (tmp_path / "site.new").exists()


def test_a_late_build_failure_leaves_the_previous_site(root, tmp_path):
    """Sources that pass the checks but break MkDocs' strict link validation."""
    copy = copy_project(tmp_path / "project")
    page = copy / "docs" / "editorial-notes.md"
    broken = page.read_text(encoding="utf-8") + "\n[a broken link](no-such-page.md)\n"
    page.write_text(broken, encoding="utf-8")
    site = copy / "site"
    before = previous_site(site)
    result = build(copy, site)
    assert result.returncode == 1
    assert "no-such-page.md" in result.stdout + result.stderr
    assert snapshot(site) == before


def test_a_good_build_replaces_the_site(root, tmp_path):
    copy = copy_project(tmp_path / "project")
    site = copy / "site"
    previous_site(site)
    assert build(copy, site).returncode == 0
    assert "the previous, good site" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "modules.json").exists() and not (copy / "site.old").exists()
