"""The build writes exactly the expected site, byte for byte (issue #18).

Work on the build's speed must not change what it writes. A small site (the
base fixture made a site by ``tests/fixtures/identity/``) is built, and every
file it publishes is compared with the copy kept in
``tests/fixtures/expected-site/``: a page that differs in one byte fails.
Left out are Material's own assets (copied from the installed theme) and the
sitemap (it carries the day's date). Nothing else depends on the day, the
folder or the order files are listed in.

When a change to the output is intended (a template, a renderer, a fixture),
write the new copy and review it as a diff before committing it::

    RESONANCE_UPDATE_EXPECTED_SITE=1 .venv/bin/python -m pytest tests/site/test_output_identity.py
    git diff --stat tests/fixtures/expected-site/
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.engine import build_command
from tests.fixture_tree import BASE, FIXTURES, lay_over

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = FIXTURES / "expected-site"
UPDATE = "RESONANCE_UPDATE_EXPECTED_SITE"
#: Not compared: Material's files, copied as the installed theme has them, and the day's date.
THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")
DATED = ("sitemap.xml", "sitemap.xml.gz")

pytestmark = pytest.mark.slow


def compose(destination: Path) -> Path:
    shutil.copytree(BASE, destination)
    lay_over(destination, FIXTURES / "identity")
    return destination


def environment() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", RESONANCE_HOOKS=str(ROOT / "macros/adapter/hooks.py"),
                RESONANCE_OVERRIDES=str(ROOT / "overrides"))


def published(site: Path) -> dict[str, bytes]:
    """Every file the build publishes, but the theme's own assets and the dated sitemap."""
    files = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and not name.startswith(THEME_ASSETS) and name not in DATED:
            files[name] = path.read_bytes()
    return files


def differences(built: dict[str, bytes], expected: dict[str, bytes]) -> str:
    """What differs, with the first lines that differ in each file (empty when nothing does)."""
    report = [f"written but not expected: {name}" for name in sorted(built.keys() - expected.keys())]
    report += [f"expected but not written: {name}" for name in sorted(expected.keys() - built.keys())]
    for name in sorted(built.keys() & expected.keys()):
        if built[name] != expected[name]:
            diff = difflib.unified_diff(expected[name].decode(errors="replace").splitlines(),
                                        built[name].decode(errors="replace").splitlines(),
                                        f"expected/{name}", f"built/{name}", n=0, lineterm="")
            report += [f"differs: {name}", *[line[:300] for line in list(diff)[:12]]]
    return "\n".join(report)


def expected_site() -> dict[str, bytes]:
    return published(EXPECTED)


def check(built: dict[str, bytes]) -> None:
    if os.environ.get(UPDATE):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, data in built.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_bytes(data)
        pytest.skip(f"{UPDATE} is set: the expected site was rewritten; review it with git diff")
    assert len(built) > 15
    problems = differences(built, expected_site())
    assert not problems, "the build no longer writes the expected site:\n" + problems + (
        f"\n(if the change is intended, rewrite the copy with {UPDATE}=1; see this file's docstring)")


def test_the_build_writes_the_expected_site(tmp_path):
    project = compose(tmp_path / "project")
    result = subprocess.run(build_command(str(tmp_path / "site")), cwd=project, env=environment(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    check(published(tmp_path / "site"))


# Builds as `make serve` does: one process, the hooks loaded once, a build after each change.
REBUILDS = """
import sys
from pathlib import Path
import properdocs.replacement  # plugins' mkdocs.* imports resolve to the engine
from properdocs.commands.build import build
from properdocs.config import load_config

project, out = Path(sys.argv[1]), Path(sys.argv[2])
term = project / "glossary" / "attunement.md"
original = term.read_text(encoding="utf-8")
build(load_config(str(project / "properdocs.yml"), site_dir=str(out / "first")))
build(load_config(str(project / "properdocs.yml"), site_dir=str(out / "again")))
term.write_text(original.replace("---\\n\\n", "---\\n\\nAn edited definition.\\n\\n", 1), encoding="utf-8")
build(load_config(str(project / "properdocs.yml"), site_dir=str(out / "edited")))
term.write_text(original, encoding="utf-8")
build(load_config(str(project / "properdocs.yml"), site_dir=str(out / "undone")))
"""


def test_builds_in_one_process_write_the_expected_site_after_a_change_is_undone(tmp_path):
    """What ``make serve`` keeps between builds (the content model, each file's parse)
    never leaks into the next one: each build shows the sources as they are then."""
    if os.environ.get(UPDATE):
        pytest.skip(f"{UPDATE} is set: the first test rewrites the copy")
    project = compose(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", REBUILDS, str(project), str(tmp_path)], cwd=project,
                            env=environment(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    check(published(tmp_path / "first"))
    check(published(tmp_path / "again"))  # nothing changed: what the process kept, as it was
    edited = published(tmp_path / "edited")
    assert b"An edited definition." in edited["glossary/index.html"]
    assert b"An edited definition." not in published(tmp_path / "undone")["glossary/index.html"]
    check(published(tmp_path / "undone"))
