"""Every internal link and anchor of the built site resolves, as LinkChecker sees it.

LinkChecker crawls the site from its home page (and from ``404.html``, which
nothing links to) with its ``AnchorCheck`` plugin on and external URLs
checked for syntax only, so the test runs offline.

Why over HTTP on 127.0.0.1 and not ``file://``: the site uses directory URLs
(``glossary/#attunement``). For ``file://`` URLs LinkChecker 10.6 does not
read ``glossary/index.html``: it makes up a listing of the folder, and it
skips anchors on folders with only a warning ("AnchorCheck does not support
anchors for directories"), so most anchors of the site would go unchecked. A
local server answers ``glossary/`` with ``glossary/index.html``, as the
host does. It also sends a ``LinkChecker`` header, which lifts LinkChecker's
politeness limit of about three requests a second per host. (And run as
root, LinkChecker switches to user nobody, who could not read pytest's
private temporary folders; the server reads them for it.)

``test_a_broken_anchor_is_reported`` proves the check can fail: a copy of
one page with a broken anchor and a missing page is checked by the same code.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

MIN_URLS = 100  # internal URLs (pages, assets, anchors) the site has at least

CONFIG = """\
[checking]
threads=4
timeout=30
maxrequestspersecond=1000
[filtering]
checkextern=0
internlinks=^{base}
[AnchorCheck]
"""


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site quietly, telling LinkChecker it may go at full speed."""

    def end_headers(self) -> None:
        # LinkChecker honours maxrequestspersecond above ~3/s only for servers
        # that send this header (see linkcheck/checker/httpurl.py).
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Base URL of ``directory`` served on a free port of 127.0.0.1."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass(frozen=True)
class Checked:
    """One row of LinkChecker's CSV output: a URL, where it was found, and the verdict."""

    url: str  # as resolved, fragment included
    written: str  # as written in the page
    parent: str
    line: str
    result: str
    valid: bool
    warning: str
    info: str


def linkchecker() -> str:
    """The linkchecker installed with the test dependencies (next to this Python)."""
    beside = Path(sys.executable).with_name("linkchecker")
    found = str(beside) if beside.exists() else shutil.which("linkchecker")
    if not found:
        pytest.fail("linkchecker not found: install the test dependencies (`make test`)")
    return found


def run_linkchecker(base: str, start_urls: list[str], workdir: Path, recursion: int = -1) -> list[Checked]:
    """Check ``start_urls`` recursively with anchor checking; every URL it saw, parsed.

    Everything under ``base`` is internal: by default LinkChecker would treat
    only URLs under the start URL's folder as internal, and merely
    syntax-check the rest of the site.
    """
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG.format(base=re.escape(base)), encoding="utf-8")
    result = subprocess.run(
        [linkchecker(), "--config", str(config), "--no-status", "--verbose",
         "--output", "csv/utf-8", "--recursion-level", str(recursion), *start_urls],
        capture_output=True, text=True, encoding="utf-8", timeout=600,
    )
    # Exit status: 0 all valid, 1 invalid links or warnings, 2 the program failed.
    assert result.returncode in (0, 1), f"linkchecker failed ({result.returncode}):\n{result.stderr}"
    lines = result.stdout.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):  # the header comments
        lines.pop(0)
    while lines and lines[-1].startswith("#"):  # "# Stopped checking at …"
        lines.pop()
    rows = [Checked(url=row["url"], written=row["urlname"], parent=row["parentname"], line=row["line"],
                    result=row["result"], valid=row["valid"] == "True", warning=row["warningstring"],
                    info=row["infostring"])
            for row in csv.DictReader(lines, delimiter=";")]
    assert rows, f"linkchecker reported nothing:\n{result.stdout}\n{result.stderr}"
    return rows


def problems(rows: list[Checked], base: str) -> list[str]:
    """Invalid URLs and any warning (a missing anchor is only a warning to LinkChecker)."""
    # A missing anchor's warning lists every anchor of the page: keep the verdict only.
    return [f"{row.parent.removeprefix(base) or '(start)'}:{row.line}: {row.written} -> "
            f"{row.result} {row.warning.split(' Available anchors:')[0]}".strip()
            for row in rows if not row.valid or row.warning]


def internal(rows: list[Checked], base: str) -> list[Checked]:
    """Rows of URLs on the site itself (pages, assets, anchors)."""
    return [row for row in rows if row.url.startswith(base)]


def only_syntax_checked(row: Checked) -> bool:
    """LinkChecker's verdict for URLs outside its domain filter, and data: URLs."""
    return row.result in ("filtered", "ignored")


def test_every_internal_link_and_anchor_resolves(site_dir: Path, tmp_path: Path):
    with serve(site_dir) as base:
        rows = run_linkchecker(base, [base, base + "404.html"], tmp_path)
    found = problems(rows, base)
    assert not found, f"{len(found)} broken links or anchors:\n" + "\n".join(found)
    skipped = [row.url for row in internal(rows, base) if only_syntax_checked(row)]
    assert not skipped, f"site URLs LinkChecker did not fetch: {skipped[:10]}"
    checked = {row.url for row in internal(rows, base)}
    assert len(checked) > MIN_URLS, f"only {len(checked)} internal URLs checked: did the crawl stop early?"
    anchored = [url for url in checked if "/#" in url]
    assert anchored, "no anchor on a directory URL was checked"


def test_a_broken_anchor_is_reported(site_dir: Path, tmp_path: Path):
    """A page given a broken anchor and a missing page: both reported, nothing else.

    The same page's good anchor on a directory URL passes, which shows that
    ``foo/#id`` is looked up in ``foo/index.html``.
    """
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    anchor = re.compile(r'href="((?:\.\./)+[\w/-]+/)#([\w-]+)"')
    page = next(p for p in sorted(copy.glob("*/*/index.html")) if anchor.search(p.read_text("utf-8")))
    html = page.read_text("utf-8")
    folder, good = anchor.search(html).groups()
    extra = (f'<p><a href="{folder}#{good}">good</a> <a href="{folder}#no-such-anchor">broken</a> '
             f'<a href="../no-such-page/">missing</a></p>')
    assert "</article>" in html
    page.write_text(html.replace("</article>", extra + "</article>", 1), "utf-8")
    start = page.parent.relative_to(copy).as_posix() + "/"
    with serve(copy) as base:
        rows = run_linkchecker(base, [base + start], tmp_path, recursion=1)
    found = problems(rows, base)
    assert len(found) == 2, "\n".join(found)
    assert any(f"{folder}#no-such-anchor ->" in line
               and re.search(r"Anchor `no-such-anchor' .*not found", line) for line in found), found
    assert any("../no-such-page/" in line and "404" in line for line in found), found
    good_rows = [row for row in rows if row.written == f"{folder}#{good}"]
    assert good_rows and all(row.valid and not row.warning for row in good_rows)
