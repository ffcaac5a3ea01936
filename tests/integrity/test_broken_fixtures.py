"""Each broken source tree in tests/fixtures/broken is caught, at its place.

A fixture folder holds a tiny site (docs/, references.bib) with one defect and
``expected.yml``: the problems it must produce (path, line, optional column,
code, and a fragment of the message). No other problem may appear, so a
check that over-reports fails too.
"""

from pathlib import Path

import pytest
import yaml

from macros.checks import check_sources

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "broken"
CASES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def test_there_are_fixtures():
    assert len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_fixture_reports_expected_problems(case: Path):
    expected = yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8"))
    problems = list(check_sources(case).problems)
    assert len(problems) == len(expected), "\n".join(p.format() for p in problems)
    for want in expected:
        matches = [
            p for p in problems
            if p.path == want["path"] and p.code == want["code"]
            and want["contains"] in p.message + "; " + p.hint
            and ("line" not in want or p.line == want["line"])
            and ("column" not in want or p.column == want["column"])
        ]
        assert matches, f"expected {want}, got:\n" + "\n".join(p.format() for p in problems)


def test_every_problem_has_a_place_and_a_message():
    for case in CASES:
        for problem in check_sources(case).problems:
            assert problem.path and problem.line >= 1 and problem.column >= 1
            formatted = problem.format()
            assert formatted.startswith(f"{problem.path}:{problem.line}:{problem.column}: ")
