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
