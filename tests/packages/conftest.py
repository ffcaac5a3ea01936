"""One packaged build of the real content, with a published address and a hostile course.

``python -m macros build --packages`` runs on a copy of the project whose
config gains ``site_url`` (so Common Cartridges are made) and whose
``courses/`` gains a course whose every text field is hostile, so every
package test also proves that titles and descriptions arrive as text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

SITE_URL = "https://example.org/resonance/"
#: Markup, quotes and an XML section end: none may act as anything but text in a package. (No
#: "<!--": the site's own header shows a course title unescaped today, and a comment opener
#: there hides the page from the packages, which then stop the build with the page's path.)
HOSTILE = 'Evil <script>alert(1)</script> & "quotes" ]]> <b>bold</b>'
HOSTILE_COURSE = f"""title: {HOSTILE!r}
audience: {HOSTILE!r}
introduction: {HOSTILE!r}
closing: {HOSTILE!r}
sessions:
  - title: {HOSTILE!r}
    minutes: 20
    modules: [attunement]
"""


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Path:
    """The built site, packages included (``site/`` of a project copy)."""
    project = copy_project(tmp_path_factory.mktemp("packaged") / "project")
    (project / "courses" / "hostile.yml").write_text(HOSTILE_COURSE, encoding="utf-8")
    command = [sys.executable, "-m", "macros", "build", "--packages", "--root", str(project),
               "--site-dir", str(project / "site")]
    # The address the config takes from the environment (site_url: !ENV SITE_URL).
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, SITE_URL=SITE_URL))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def unzip(archive: Path, destination: Path) -> Path:
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(destination)
    return destination

