"""Builds that cannot destroy (issue #11: parts 3, 4, 5, 7 and 10).

``python -m macros build`` runs in this process (``main(argv)``). Where the
engine's own work does not matter, a stand-in (:func:`engine`) takes its
place and writes a one-page site, so these tests take milliseconds; a few
real builds prove what only the engine can show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock
from properdocs.exceptions import PluginError
from properdocs.structure.files import File, Files

from macros import safebuild
from macros.__main__ import main
from macros.adapter import hooks
from macros.engine import engine_command
from tests.conftest import copy_project
from tests.fixture_tree import BASE, CASES

NEW_SITE = "<p>the new site</p>"


def previous_site(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<p>the previous, good site</p>", encoding="utf-8")
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / "x.css").write_text("p{}", encoding="utf-8")
    return snapshot(folder)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(root: Path, site: Path, *options: str) -> int:
    return main(["build", "--root", str(root), "--site-dir", str(site), *options])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small valid base project (its check takes milliseconds)."""
    return Path(shutil.copytree(BASE, tmp_path / "project"))


@pytest.fixture
def engine(monkeypatch) -> list[Path]:
    """The engine replaced by a stand-in that writes a one-page site; the folders it built into."""
    built: list[Path] = []

    def fake_run(command, **kwargs):
        out = Path(command[command.index("--site-dir") + 1])
        built.append(out)
        out.mkdir(parents=True, exist_ok=True)  # as the engine: into a folder, never a file
        (out / "index.html").write_text(NEW_SITE, encoding="utf-8")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(safebuild.subprocess, "run", fake_run)
    return built


@pytest.fixture
def failing_engine(monkeypatch) -> None:
    def fake_run(command, **kwargs):
        out = Path(command[command.index("--site-dir") + 1])
        out.mkdir(parents=True, exist_ok=True)
        (out / "half.html").write_text("half a site", encoding="utf-8")
        return subprocess.CompletedProcess(command, 1)

    monkeypatch.setattr(safebuild.subprocess, "run", fake_run)


def assert_no_traceback(capsys) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return out + err


# A failed build leaves the previous site ------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_sources_leave_the_previous_site(case, tmp_path, engine):
    site = tmp_path / "site"
    before = previous_site(site)
    assert build(case.compose(tmp_path / "project"), site) == 1
    assert snapshot(site) == before
    assert engine == [] and not (tmp_path / "site.new").exists()


def test_a_failed_engine_build_leaves_the_previous_site(project, tmp_path, failing_engine, capsys):
    site = tmp_path / "site"
    before = previous_site(site)
    assert build(project, site) == 1
    assert snapshot(site) == before and not (tmp_path / "site.new").exists()
    assert "site/ was left as it was" in assert_no_traceback(capsys)


@pytest.mark.slow  # a real engine build
def test_a_late_build_failure_leaves_the_previous_site(tmp_path, capfd):
    """Sources that pass the checks but break the engine's strict link validation (a real build)."""
    copy = copy_project(tmp_path / "project")
    page = copy / "docs" / "editorial-notes.md"
    broken = page.read_text(encoding="utf-8") + "\n[a broken link](no-such-page.md)\n"
    page.write_text(broken, encoding="utf-8")
    site = copy / "site"
    before = previous_site(site)
    assert build(copy, site) == 1
    assert "no-such-page.md" in "".join(capfd.readouterr())
    assert snapshot(site) == before


@pytest.mark.slow  # a real engine build
def test_a_good_build_replaces_the_site_and_needs_no_cache(tmp_path, capfd):
    """A real build, with `.cache` a file: one warning, and the site is built without the cache."""
    copy = copy_project(tmp_path / "project")
    (copy / ".cache").write_text("not a folder", encoding="utf-8")
    site = copy / "site"
    previous_site(site)
    assert build(copy, site) == 0
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    assert err.count("the build cache") == 1, err
    assert "the previous, good site" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "modules.json").exists()
    assert sorted(p.name for p in copy.iterdir() if p.name.startswith("site")) == ["site", "site.lock"]


# The site folder can never be the project or hold a source ----------------------------------

@pytest.mark.parametrize("site_dir, reason", [
    ("docs", "it is the project's source 'docs'"),
    ("glossary", "it is the project's source 'glossary'"),
    ("references.bib", "it is the project's source 'references.bib'"),
    ("macros", "it is the project's source 'macros'"),
    ("tests", "it is the project's source 'tests'"),
    (".git", "it is the project's source '.git'"),
    (".", "it is the project folder itself"),
    ("..", "it contains the project folder"),
    ("docs/site", "it lies inside the project's source 'docs'"),
    ("pathways/../docs", "it is the project's source 'docs'"),
])
def test_a_site_folder_that_would_destroy_sources_is_refused(project, site_dir, reason, engine, capsys):
    for folder in ("macros", "tests", ".git"):
        (project / folder).mkdir()
        (project / folder / "keep.txt").write_text("kept", encoding="utf-8")
    before = snapshot(project)
    assert build(project, project / site_dir) == 2
    err = assert_no_traceback(capsys)
    assert "refusing to build into" in err and reason in err
    assert snapshot(project) == before and engine == []


def test_a_site_folder_that_is_a_link_to_a_source_is_refused(project, tmp_path, engine, capsys):
    (tmp_path / "site").symlink_to(project / "docs")
    assert build(project, tmp_path / "site") == 2
    assert "it is the project's source 'docs'" in assert_no_traceback(capsys)
    assert engine == [] and (project / "docs" / "page.md").exists()


@pytest.mark.parametrize("kind", ["folder of someone's files", "file"])
def test_a_site_folder_that_is_not_a_site_is_refused(project, tmp_path, kind, engine, capsys):
    target = tmp_path / "mine"
    if kind == "file":
        target.write_text("my notes", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("my notes", encoding="utf-8")
    assert build(project, target) == 2
    err = assert_no_traceback(capsys)
    assert ("not a built site" if kind != "file" else "it is a file") in err
    assert engine == [] and "my notes" in (target.read_text() if kind == "file" else
                                           (target / "notes.txt").read_text())


def test_the_engine_refuses_a_source_folder_too(tmp_path):
    """A direct `properdocs build -d glossary` (or `make serve` with such a site_dir) stops in on_config."""
    copy = copy_project(tmp_path / "project")
    before = snapshot(copy / "glossary")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(engine_command("build", "--strict", "--site-dir", "glossary"),
                            cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "refusing to build into" in result.stderr and "'glossary'" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(copy / "glossary") == before


# One build at a time ------------------------------------------------------------------------

def test_a_second_build_stops_at_once_when_told_not_to_wait(project, tmp_path, engine, capsys):
    site = tmp_path / "site"
    before = previous_site(site)
    with FileLock(tmp_path / "site.lock"):  # the first build, still running
        assert build(project, site, "--wait", "0") == 2
    err = assert_no_traceback(capsys)
    assert "another build of" in err and "site.lock" in err
    assert engine == [] and snapshot(site) == before and not (tmp_path / "site.new").exists()


def test_a_second_build_waits_for_the_first(project, tmp_path, engine, monkeypatch):
    """No timing: the second build says it waits, the first then finishes, the second goes on."""
    site = tmp_path / "site"
    previous_site(site)
    waiting = threading.Event()
    announce = safebuild.announce_waiting
    monkeypatch.setattr(safebuild, "announce_waiting", lambda folders: (announce(folders), waiting.set()))
    codes: list[int] = []
    first = FileLock(tmp_path / "site.lock")
    first.acquire()
    second = threading.Thread(target=lambda: codes.append(build(project, site)))
    second.start()
    try:
        assert waiting.wait(timeout=120), "the second build never waited for the lock"
        assert engine == []  # nothing built while the first build holds the lock
    finally:
        first.release()
        second.join()
    assert codes == [0] and (site / "index.html").read_text(encoding="utf-8") == NEW_SITE


# An interrupted build is recovered ---------------------------------------------------------------

def test_a_build_killed_between_the_renames_is_recovered(project, tmp_path, failing_engine, capsys):
    """site.old without site/: the previous site comes back before anything else happens."""
    before = previous_site(tmp_path / "site.old")
    assert build(project, tmp_path / "site") == 1  # this build fails too: the old site must survive it
    assert "restored the previous site from site.old" in assert_no_traceback(capsys)
    assert snapshot(tmp_path / "site") == before and not (tmp_path / "site.old").exists()


def test_a_leftover_old_site_beside_the_site_is_removed(project, tmp_path, engine):
    previous_site(tmp_path / "site")
    previous_site(tmp_path / "site.old")
    assert build(project, tmp_path / "site") == 0
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == NEW_SITE
    assert not (tmp_path / "site.old").exists()


def test_an_interrupted_build_is_tidied_by_the_next(project, tmp_path, engine, monkeypatch, capsys):
    """Ctrl-C during the engine's build: a message, not a traceback; the next build clears site.new."""
    site = tmp_path / "site"
    before = previous_site(site)
    fake_run = safebuild.subprocess.run

    def interrupted(command, **kwargs):
        (tmp_path / "site.new").mkdir()
        raise KeyboardInterrupt
    monkeypatch.setattr(safebuild.subprocess, "run", interrupted)
    assert build(project, site) == 130
    assert "Interrupted" in assert_no_traceback(capsys) and snapshot(site) == before
    monkeypatch.setattr(safebuild.subprocess, "run", fake_run)
    assert build(project, site) == 0
    assert "removed site.new" in assert_no_traceback(capsys)
    assert (site / "index.html").read_text(encoding="utf-8") == NEW_SITE


@pytest.mark.parametrize("stale", ["file", "folder", "link to a folder"])
def test_a_stale_new_site_is_cleared(project, tmp_path, stale, engine, capsys):
    new, elsewhere = tmp_path / "site.new", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not ours", encoding="utf-8")
    if stale == "file":
        new.write_text("a stale file", encoding="utf-8")
    elif stale == "folder":
        previous_site(new)
    else:
        new.symlink_to(elsewhere)
    previous_site(tmp_path / "site")
    assert build(project, tmp_path / "site") == 0
    assert "removed site.new" in assert_no_traceback(capsys)
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == NEW_SITE
    assert snapshot(elsewhere) == {"keep.txt": b"not ours"}  # a link is removed, never followed


# A site that cannot be replaced --------------------------------------------------------------------

def permissions_bind() -> list[str]:
    """A command prefix under which file permissions bind, even for root (as CI runs).

    Root ignores permissions through two capabilities; ``setpriv`` starts the
    command without them.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): permissions cannot be made to bind")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def test_a_read_only_site_is_refused_before_building(project, tmp_path):
    site = tmp_path / "site"
    before = previous_site(site)
    (site / "assets").chmod(0o555)
    command = [*permissions_bind(), sys.executable, "-m", "macros", "build", "--root", str(project),
               "--site-dir", str(site)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).parents[2])
    finally:
        (site / "assets").chmod(0o755)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{site / 'assets'} is read-only" in result.stderr and "chmod" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before and not (tmp_path / "site.new").exists()


def test_a_swap_the_system_refuses_keeps_the_previous_site(project, tmp_path, engine, monkeypatch, capsys):
    """The new site cannot be moved into place: the previous one is put back, no traceback."""
    site = tmp_path / "site"
    before = previous_site(site)
    for name in ("replace", "rename"):
        real = getattr(os, name)

        def refuse_new(source, target, real=real):
            if Path(source).name == "site.new":
                raise PermissionError(13, "Permission denied")
            return real(source, target)
        monkeypatch.setattr(os, name, refuse_new)
    assert build(project, site) == 2
    err = assert_no_traceback(capsys)
    assert "could not be moved into" in err and "Permission denied" in err
    assert snapshot(site) == before
    assert not (tmp_path / "site.new").exists() and not (tmp_path / "site.old").exists()


# Paths from data stay inside the site ----------------------------------------------------------------

def test_a_registry_path_out_of_the_site_stops_the_build(project, tmp_path, engine, capsys):
    registry = "published:\n  m: article/m.md\n  evil: ../../elsewhere/x.md\nredirects:\n  evil: m\n"
    (project / "module-ids.yml").write_text(registry, encoding="utf-8")
    assert build(project, tmp_path / "out" / "site") == 1
    out = assert_no_traceback(capsys)
    assert "module-ids.yml:3:9: module 'evil' is published at '../../elsewhere/x.md'" in out
    assert engine == [] and not (tmp_path / "elsewhere").exists()


def test_the_engine_writes_no_redirect_outside_the_site(tmp_path):
    """The adapter's last guard, for a map that reached it unchecked."""
    config = type("Config", (), {"site_dir": str(tmp_path / "site"), "use_directory_urls": True})()
    safe = {"article/old.md": "article/new.md"}
    assert hooks._redirects_inside_site(safe, config) == safe
    for bad in ("../../elsewhere/x.md", "/tmp/x.md", "article/../../x.md"):
        with pytest.raises(PluginError, match="outside the site folder"):
            hooks._redirects_inside_site({bad: "article/new.md"}, config)


def test_the_engine_writes_no_generated_page_outside_the_site(tmp_path):
    """A generated page whose name comes from data (a framework part's id) stays in the site."""
    site = tmp_path / "site"
    config = type("Config", (), {"site_dir": str(site)})()

    def page(src: str) -> File:
        return File(src, None, str(site), True)
    hooks._check_inside_site(Files([page("framework/core.md"), page("courses/a.md")]), config)
    with pytest.raises(PluginError, match="framework/../../x.md"):
        hooks._check_inside_site(Files([page("framework/core.md"), page("framework/../../x.md")]), config)


# Symlinks never publish what lies outside the project ----------------------------------------------

def test_symlinks_out_of_the_project_are_problems(project, tmp_path, capsys):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.txt").write_text("private", encoding="utf-8")
    (project / ".git").mkdir()
    (project / "docs" / "key.txt").symlink_to(secret / "key.txt")
    (project / "docs" / "folder").symlink_to(secret)
    (project / "docs" / "history").symlink_to(project / ".git")
    (project / "glossary" / "extra.md").symlink_to(secret / "key.txt")
    (project / "docs" / "same.bib").symlink_to(project / "references.bib")  # inside: allowed
    (project / "docs" / "loop").symlink_to(project / "docs" / "loop")
    assert main(["check", "--root", str(project)]) == 1
    out = assert_no_traceback(capsys)
    for path in ("docs/key.txt", "docs/folder", "glossary/extra.md"):
        assert f"{path}:1:1: symbolic link to {secret}" in out and "outside the project" in out
    assert "docs/history:1:1: symbolic link to" in out and "inside the project's .git" in out
    assert "docs/loop:1:1: symbolic link that never resolves" in out
    assert "same.bib" not in out
    assert out.count("[source-symlink-outside]") == 5


def test_a_symlinked_source_folder_out_of_the_project_is_a_problem(project, tmp_path, capsys):
    outside = tmp_path / "pathways-elsewhere"
    (project / "pathways").rename(outside)
    (project / "pathways").symlink_to(outside)
    assert main(["check", "--root", str(project)]) == 1
    assert "pathways:1:1: symbolic link to" in assert_no_traceback(capsys)


def test_the_engine_refuses_a_symlink_out_of_the_project(tmp_path):
    """A direct engine build (or `make serve`) stops too, and publishes nothing."""
    copy = copy_project(tmp_path / "project")
    (tmp_path / "secret.txt").write_text("private", encoding="utf-8")
    (copy / "docs" / "secret.txt").symlink_to(tmp_path / "secret.txt")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(engine_command("build", "--strict", "--site-dir", str(tmp_path / "out")),
                            cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/secret.txt:1:1: symbolic link to" in result.stderr
    assert not (tmp_path / "out" / "secret.txt").exists()

