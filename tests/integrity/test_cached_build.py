"""A build from the cache writes the very site a build from the sources writes."""

import gzip
import os
import subprocess
from pathlib import Path

import pytest

from macros.engine import build_command
from tests.conftest import copy_project


def _build(root: Path, site: Path) -> dict[str, bytes]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(build_command(str(site)),
                            cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    files = {}
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


@pytest.mark.slow  # two engine builds
def test_cold_and_warm_builds_write_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    cache = project / ".cache" / "resonance"
    assert not cache.exists()
    cold = _build(project, tmp_path / "cold")
    assert sorted(p.name.split("-")[0] for p in cache.iterdir()) == ["references", "site"]
    stored = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    warm = _build(project, tmp_path / "warm")
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stored  # read, not rewritten
    assert len(cold) > 50 and cold.keys() == warm.keys()
    differing = [name for name in cold if cold[name] != warm[name]]
    assert differing == []
