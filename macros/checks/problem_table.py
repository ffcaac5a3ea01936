"""The table of problem codes, as CONTRIBUTING shows it.

Made from :data:`macros.core.problem_codes.CODES` and from the codes the
schemas can give (:func:`macros.core.schemas.schema_codes`), so the
documentation cannot drift from the checks: a test compares CONTRIBUTING with
:func:`markdown`, and ``python -m macros.checks.problem_table`` rewrites it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.problem_codes import CODES, SCHEMA_SOURCES, SCHEMA_SUFFIXES, Code
from ..core.schemas import schema_codes

CONTRIBUTING = Path(__file__).resolve().parents[2] / "CONTRIBUTING.md"
START = "<!-- problem codes: made by `python -m macros.checks.problem_table`; do not edit by hand -->"
END = "<!-- end of problem codes -->"


def rows() -> list[Code]:
    """Every code the checks can give, in code order."""
    made = []
    for code in schema_codes():
        prefix, _, suffix = code.partition("-")
        wrong, fix = SCHEMA_SUFFIXES[suffix]
        made.append(Code(code, wrong.format(source=SCHEMA_SOURCES[prefix]), fix))
    return sorted([*CODES, *made], key=lambda row: row.code)


def markdown() -> str:
    """The table, between its markers."""
    lines = [START, "", "| code | what is wrong | how to fix it |", "|---|---|---|"]
    for row in rows():
        first = " (reported first: the file could not be read)" if row.unreadable else ""
        lines.append(f"| `{row.code}` | {_cell(row.wrong)}{first} | {_cell(row.fix)} |")
    return "\n".join([*lines, "", END])


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def updated(text: str) -> str:
    """``text`` (CONTRIBUTING) with its table replaced by the current one."""
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    return before + markdown() + after


if __name__ == "__main__":
    CONTRIBUTING.write_text(updated(CONTRIBUTING.read_text(encoding="utf-8")), encoding="utf-8")
    sys.exit(0)
