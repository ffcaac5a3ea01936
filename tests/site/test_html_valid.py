"""Every page of the built site is valid HTML, as the Nu HTML checker (vnu) sees it.

The checker runs once over all pages (it takes a second or two just to start
the JVM). Its errors fall into two groups:

* errors in markup that Material for MkDocs' own templates write whatever our
  content is: listed in ``KNOWN`` below, each matched by its message *and* the
  markup it points at, with the reason it is there;
* everything else (our Markdown, the HTML our macros and extensions produce,
  ``overrides/``, our assets, the values we put in ``mkdocs.yml``): must be none.

A ``KNOWN`` entry that no longer matches anything fails too, so the list
shrinks when Material fixes its templates instead of silently growing stale.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MIN_FILES = 20  # the site has more pages than this: fewer means the check ran on nothing
# One short run: the JVM's quick compiler alone takes well under half the CPU time
# of the default tiers here (same report); its deeper frames need a larger stack.
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1"]

pytestmark = pytest.mark.slow  # a JVM over every page


@dataclass(frozen=True)
class Known:
    """An error Material's templates produce: its message, the markup it is in, and why."""

    message: str  # regex over the message (vnu run with --asciiquotes)
    extract: str  # regex over the markup vnu quotes around the error
    reason: str


KNOWN: tuple[Known, ...] = (
    # material/templates/base.html: the drawer and search toggles are hidden
    # checkboxes carrying autocomplete="off" (so browsers do not restore their
    # state on back navigation); HTML allows autocomplete on text-like inputs only.
    Known(
        message=r"^Attribute 'autocomplete' is only allowed when the input type is ",
        extract=r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox"',
        reason="Material base.html: autocomplete=off on its drawer/search toggle checkboxes",
    ),
    # material/templates/partials/nav-item.html: with navigation.sections, a
    # section's label gets tabindex="{{ tabindex }}" where tabindex is unset
    # for sections, which renders as tabindex="" (an empty, invalid integer).
    Known(
        message=r"^Bad value '' for attribute 'tabindex' on element 'label': "
                r"The empty string is not a valid integer\.$",
        extract=r'<label class="md-nav__link[^"]*" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">',
        reason="Material nav-item.html: tabindex=\"\" on navigation.sections labels",
    ),
    # material/templates/partials/toc.html writes <label for="__toc"> whenever
    # a page has a table of contents, but nav-item.html writes the __toc
    # checkbox only for a plain page, not for a section's index page
    # (navigation.indexes): there the label points at no control.
    Known(
        message=r"^The value of the 'for' attribute of the 'label' element must be the ID of a "
                r"non-hidden form control\.$",
        extract=r'<label class="md-nav__title" for="__toc">',
        reason="Material toc.html: label for=__toc on a section index page, which has no __toc input",
    ),
)


@dataclass(frozen=True)
class VnuReport:
    files: tuple[Path, ...]  # the HTML files handed to vnu
    checked: tuple[Path, ...]  # the files vnu says it checked (--verbose)
    messages: tuple[dict, ...]


def _vnu_or_skip() -> tuple[str, Path]:
    """java and vnu.jar, or a skip (a failure when CI is set: CI must really validate)."""
    java = shutil.which("java")
    needed = (("java not found: install a Java 17+ runtime (Debian: openjdk-17-jre-headless)", java),
              (f"{VNU_JAR.relative_to(ROOT)} not found: `make test` installs it (npm ci)", VNU_JAR.is_file()))
    missing = [what for what, ok in needed if not ok]
    if missing:
        message = "Nu HTML checker unavailable: " + "; ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so HTML validation may not be skipped)")
        pytest.skip(message)
    return java, VNU_JAR


@pytest.fixture(scope="module")
def vnu_report(request: pytest.FixtureRequest) -> VnuReport:
    """One vnu run over every HTML file of the built site (tools checked before building it)."""
    java, jar = _vnu_or_skip()
    site_dir: Path = request.getfixturevalue("site_dir")
    files = tuple(sorted(site_dir.rglob("*.html")))
    result = subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(jar), "--format", "json", "--stdout", "--asciiquotes", "--verbose",
         *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        pytest.fail(f"vnu gave no JSON report ({error!r}); exit {result.returncode}\n{result.stderr[-2000:]}")
    # --verbose names each file on stderr as it is checked.
    checked = tuple(Path(line.strip()) for line in result.stderr.splitlines()
                    if line.strip().endswith(".html"))
    return VnuReport(files, checked, tuple(messages))


def known_entry(message: dict) -> Known | None:
    """The KNOWN entry an error matches, by message and by the markup it is in."""
    for known in KNOWN:
        if re.search(known.message, message.get("message", "")) and \
                re.search(known.extract, message.get("extract", "")):
            return known
    return None


def _where(message: dict, site_dir: Path) -> str:
    url = message.get("url", "")
    path = url.removeprefix("file:")
    try:
        path = Path(path).relative_to(site_dir).as_posix()
    except ValueError:
        pass
    return f"{path}:{message.get('lastLine', '?')}"


def test_vnu_checked_every_page(vnu_report: VnuReport):
    assert len(vnu_report.files) > MIN_FILES, f"only {len(vnu_report.files)} HTML files in the built site"
    assert set(vnu_report.checked) == set(vnu_report.files), (
        "vnu did not check every file: missing "
        + ", ".join(sorted(str(f) for f in set(vnu_report.files) - set(vnu_report.checked))))


def test_checker_itself_reported_no_failure(vnu_report: VnuReport):
    """A file vnu could not read or parse is a failure, not a clean result."""
    failures = [m for m in vnu_report.messages if m.get("type") == "non-document-error"]
    assert not failures, "\n".join(f"{m.get('url')}: {m.get('message')}" for m in failures)


def test_no_html_errors_of_our_own(vnu_report: VnuReport, site_dir: Path):
    """Errors that are not Material's known template errors come from us, and must be none."""
    ours: dict[str, list[dict]] = defaultdict(list)
    for message in vnu_report.messages:
        if message.get("type") == "error" and known_entry(message) is None:
            ours[message.get("message", "")].append(message)
    report = []
    for text, found in sorted(ours.items(), key=lambda item: -len(item[1])):
        first = found[0]
        report.append(f"{len(found)}x {text}\n    first at {_where(first, site_dir)}: "
                      f"{first.get('extract', '').strip()!r}")
    if ours:
        pytest.fail(f"{sum(map(len, ours.values()))} HTML errors from our own output "
                    f"({len(ours)} kinds):\n" + "\n".join(report), pytrace=False)


def test_known_material_errors_still_occur(vnu_report: VnuReport):
    """Each KNOWN entry still matches something; if not, Material fixed it: remove the entry."""
    matched = {known_entry(m) for m in vnu_report.messages if m.get("type") == "error"}
    stale = [known.reason for known in KNOWN if known not in matched]
    assert not stale, "KNOWN entries that match no error any more (remove them): " + "; ".join(stale)
