"""The edition's version and date live in CITATION.cff, which must be valid CFF."""

import os
import subprocess
from pathlib import Path

import pytest

from macros.core.edition import load_edition

CFFCONVERT = Path(__file__).resolve().parents[2] / ".venv-tools" / "bin" / "cffconvert"


def _cffconvert():
    if not CFFCONVERT.exists():
        message = f"{CFFCONVERT} missing: run 'make test' (it installs the tools venv)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return str(CFFCONVERT)


def test_citation_cff_validates(root):
    result = subprocess.run([_cffconvert(), "--validate", "-i", str(root / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cffconvert_rejects_a_broken_file(root, tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((root / "CITATION.cff").read_text(encoding="utf-8")
                      .replace("date-released: ", "date-released: not-a-date # "), encoding="utf-8")
    result = subprocess.run([_cffconvert(), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0


def test_the_edition_is_read_from_citation_cff(root):
    edition, problems = load_edition(root / "CITATION.cff", "CITATION.cff")
    assert problems == [] and edition.version and edition.date_text.split()[-1] == edition.date[:4]


def test_a_citation_cff_without_version_or_date_is_a_problem(tmp_path):
    file = tmp_path / "CITATION.cff"
    file.write_text("cff-version: 1.2.0\ntitle: x\n", encoding="utf-8")
    edition, problems = load_edition(file, "CITATION.cff")
    assert edition is None and {p.code for p in problems} == {"edition-missing-field"}
    assert len(problems) == 2
