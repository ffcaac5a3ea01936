"""The table of problem codes is complete, has no dead rows, and CONTRIBUTING shows it."""

import ast
import re
from pathlib import Path

from macros.checks.problem_table import CONTRIBUTING, rows, updated
from macros.core.problem_codes import CODES, SCHEMA_SOURCES, UNREADABLE
from macros.core.schemas import schema_codes
from tests.fixture_tree import CASES

PACKAGE = Path(__file__).resolve().parents[2] / "macros"
TABLE = {row.code for row in rows()}
FAMILIES = {code.split("-")[0] for code in TABLE}
CODE_SHAPE = re.compile(r"^[a-z]+(?:-[a-z]+)+$")


def checking_modules():
    """The code that makes problems: the core and the checks, not the table itself."""
    for folder in ("core", "checks"):
        for file in sorted((PACKAGE / folder).glob("*.py")):
            if file.stem not in ("problem_codes", "problem_table"):
                yield file, ast.parse(file.read_text(encoding="utf-8"))


def codes_written_in_code() -> set[str]:
    """Every string in the code shaped like a code of a known family (``bib-…``, ``yaml-…``)."""
    found = set()
    for _file, tree in checking_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and CODE_SHAPE.match(node.value) and node.value.split("-")[0] in FAMILIES:
                found.add(node.value)
    return found


def empty_file_codes() -> set[str]:
    """``KIND-empty``, made by load_yaml_file from the kind each loader passes."""
    found = set()
    for _file, tree in checking_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "load_yaml_file":
                kind = node.args[2]
                assert isinstance(kind, ast.Constant), "pass the kind as a literal, so its code can be found"
                found.add(f"{kind.value}-empty")
    return found


def test_every_code_in_the_code_is_in_the_table():
    assert {"yaml-alias", "bib-latex", "course-timing", "cite-unknown-key", "pathway-empty"} <= (
        codes_written_in_code() | empty_file_codes()), "the scan finds the codes it should"
    assert codes_written_in_code() | empty_file_codes() <= TABLE, \
        (codes_written_in_code() | empty_file_codes()) - TABLE


def test_every_code_a_schema_can_give_is_in_the_table():
    assert schema_codes() <= TABLE and set(SCHEMA_SOURCES) == {c.split("-")[0] for c in schema_codes()}


def test_every_code_the_fixtures_expect_is_in_the_table():
    expected = {problem["code"] for case in CASES for problem in case.problems}
    assert expected <= TABLE, expected - TABLE


def test_every_written_row_is_a_code_the_checks_give():
    """No dead rows: each code of the table is still given somewhere."""
    given = codes_written_in_code() | empty_file_codes()
    assert {code.code for code in CODES} <= given, {code.code for code in CODES} - given


def test_codes_are_unique_and_each_row_says_what_and_how():
    codes = [row.code for row in rows()]
    assert len(codes) == len(set(codes))
    assert all(row.wrong.strip() and row.fix.strip() for row in rows())
    assert UNREADABLE <= set(codes)


def test_contributing_shows_the_current_table():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert updated(text) == text, "CONTRIBUTING.md is out of step: run python -m macros.checks.problem_table"
