"""Each broken source tree in tests/fixtures/broken is caught, at its place.

A case is the base project with one defect laid over it (see
``tests/fixture_tree.py``) and the problems it must produce (path, line,
optional column, code, and a fragment of the message). No other problem may
appear, so a check that over-reports fails too.
"""

from pathlib import Path

import pytest

from macros.checks import check_sources
from tests.fixture_tree import BASE, CASES, Case


def test_the_base_is_valid():
    """Every case's problems are its own: the base alone has none."""
    result = check_sources(BASE)
    assert result.problems == () and result.site.modules


def test_there_are_fixtures():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_fixture_reports_expected_problems(case: Case, tmp_path: Path):
    problems = list(check_sources(case.compose(tmp_path / case.name)).problems)
    assert len(problems) == len(case.problems), "\n".join(p.format() for p in problems)
    for want in case.problems:
        matches = [
            p for p in problems
            if p.path == want["path"] and p.code == want["code"]
            and want["contains"] in p.message + "; " + p.hint
            and ("line" not in want or p.line == want["line"])
            and ("column" not in want or p.column == want["column"])
        ]
        assert matches, f"expected {want}, got:\n" + "\n".join(p.format() for p in problems)
    for problem in problems:
        assert problem.path and problem.line >= 1 and problem.column >= 1
        assert problem.format().startswith(f"{problem.path}:{problem.line}:{problem.column}: ")


CASES_BY_NAME = {case.name: case for case in CASES}


@pytest.mark.parametrize("name, place", [
    ("yaml-alias-bomb", "pathways/bomb.yml:2:5: "),
    ("encoding-latin1-page", "docs/page.md:7:67: "),
    ("encoding-utf16-glossary", "glossary/attunement.md:1:1: "),
    ("cite-odd-key", "docs/page.md:7:63: "),
    ("control-nul-bib", "references.bib:3:16: "),
])
def test_the_command_line_reports_the_place_and_exits_1(name, place, tmp_path, capsys):
    """Hostile input is a problem with a place (exit 1), never a crash of the checker (exit 2)."""
    from macros.__main__ import main

    root = CASES_BY_NAME[name].compose(tmp_path / name)
    assert main(["check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(place), out


def test_a_file_that_could_not_be_read_is_reported_first(tmp_path, capsys):
    """A root cause leads the report, before problems that sort earlier by place."""
    from macros.__main__ import main

    root = CASES_BY_NAME["root-cause-framework-yaml"].compose(tmp_path / "case")
    page = root / "docs" / "page.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[@rosa2019]", "[@rosa2091]"), encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("framework.yml:5:3: YAML syntax error")
    assert lines[1].startswith("docs/page.md:7:") and "cite-unknown-key" in lines[1]
    assert lines[2] == "2 problems found in the sources."
