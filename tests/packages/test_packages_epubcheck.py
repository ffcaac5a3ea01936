"""EPUBCheck (Debian's ``epubcheck``) reports no error and no warning for any book.

All books go through one Java process (``EpubCheckAll.java``, run by Java's
source launcher with EPUBCheck's jar on the class path), with one deliberately
broken book among them: it must be reported, so a silent checker cannot pass.
Without a JDK's compiler the books are checked one ``epubcheck`` run at a time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

JAR = Path(os.environ.get("EPUBCHECK_JAR", "/usr/share/java/epubcheck.jar"))
RUNNER = Path(__file__).with_name("EpubCheckAll.java")
RESULT = re.compile(r"^(?P<name>.+\.epub): (?P<fatal>\d+) fatal, (?P<errors>\d+) errors, "
                    r"(?P<warnings>\d+) warnings$", re.MULTILINE)
# One short run: the JVM's quick compiler alone takes about half the CPU time of
# the default tiers here (same report); its deeper frames need a larger stack.
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
SINGLE = re.compile(r"Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?")
pytestmark = pytest.mark.slow  # a packaged build and a JVM


def _java() -> str:
    java = shutil.which("java")
    if not (java and JAR.exists()):
        message = f"EPUBCheck not found at {JAR} (Debian's 'epubcheck' package; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return java


def _broken_copy(book: Path, destination: Path) -> Path:
    """The book without its first chapter: a manifest entry with no file, which EPUBCheck must report."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(destination, "w") as target:
        for info in source.infolist():
            if info.filename != "EPUB/title.xhtml":
                target.writestr(info, source.read(info))
    return destination


def _check(java: str, books: list[Path]) -> dict[str, tuple[int, int, int, str]]:
    """EPUBCheck's counts (fatal, errors, warnings) and its messages, per book."""
    modules = subprocess.run([java, "--list-modules"], capture_output=True, text=True).stdout
    if "jdk.compiler" in modules:  # Java can run the one-process runner from its source
        result = subprocess.run([java, *JAVA_OPTIONS, "-cp", str(JAR), str(RUNNER), *map(str, books)],
                                capture_output=True, text=True)
        output = result.stdout + result.stderr
        found = {m["name"]: (int(m["fatal"]), int(m["errors"]), int(m["warnings"]), output)
                 for m in RESULT.finditer(result.stdout)}
        assert set(found) == set(map(str, books)), output
        return found
    found = {}
    for book in books:  # a JRE without the compiler: one epubcheck run per book
        result = subprocess.run([java, *JAVA_OPTIONS, "-jar", str(JAR), str(book)], capture_output=True,
                                text=True)
        output = result.stdout + result.stderr
        counts = SINGLE.search(output)
        assert counts, output
        found[str(book)] = (*map(int, counts.groups()), output)
    return found


def test_epubcheck_passes_every_book(packaged, tmp_path):
    java = _java()
    books = sorted((packaged / "downloads").glob("*.epub"))
    assert len(books) >= 2
    broken = _broken_copy(books[0], tmp_path / "broken.epub")
    results = _check(java, [*books, broken])
    fatal, errors, warnings, output = results[str(broken)]
    assert fatal + errors > 0, "EPUBCheck did not notice a missing chapter:\n" + output
    for book in books:
        fatal, errors, warnings, output = results[str(book)]
        assert (fatal, errors, warnings) == (0, 0, 0), f"{book.name}:\n{output}"
