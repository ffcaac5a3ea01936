"""Lighthouse on one page of each kind, from Python: shared by the test and ``make bench``.

Lighthouse comes from ``node_modules`` (pinned in ``package.json``) and runs
in ``lighthouse_run.mjs`` beside this file, against Debian's Chromium with
the browser tests' flags, offline (see that script for how nothing leaves
the machine).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.browser.pages import GLOSSARY, MODULE
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("lighthouse_run.mjs")
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
#: The categories the test holds at 100; performance is measured by ``make bench``.
ASSERTED = ("accessibility", "best-practices", "seo")


class LighthouseMissingError(RuntimeError):
    """Node, Lighthouse or Chromium is missing: the caller decides whether to skip."""


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not shutil.which("node"):
        return "node not found: install Node.js 18.16 or later"
    if not LIGHTHOUSE.exists():
        return f"Lighthouse not found at {LIGHTHOUSE.parent}: run `npm ci` (make test does)"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package"
    return None


def page_kinds(site_dir: Path) -> dict[str, str]:
    """One page of each kind, as a path below the server root.

    Pathways and courses are found in the build (the first of each, by
    name), so renaming one does not break the test; a kind with no page is
    an error, not a smaller test.
    """
    def first_below(folder: str) -> str:
        pages = sorted(p.parent for p in (site_dir / folder).glob("*/index.html"))
        if not pages:
            raise FileNotFoundError(f"no page below {folder}/ in {site_dir}")
        return pages[0].relative_to(site_dir).as_posix() + "/"

    kinds = {
        "home": "",
        "module": MODULE,
        "glossary": GLOSSARY,
        "references": "references/",
        "pathway": first_below("pathways"),
        "framework": "framework/",
        "course": first_below("courses"),
        "journal": "journal/",
    }
    absent = [path for path in kinds.values() if not (site_dir / path / "index.html").exists()]
    if absent:
        raise FileNotFoundError(f"pages missing from {site_dir}: {', '.join(absent)}")
    return kinds


def run_lighthouse(base: str, paths: Sequence[str], categories: Sequence[str],
                   runs: int = 1) -> dict[str, Any]:
    """Lighthouse on every path (``runs`` times each): ``{"lighthouse": version, "results": [...]}``.

    Each result has ``path``, ``run``, ``scores`` (0 to 100 per category),
    ``failing`` (audits below full marks in the non-performance categories),
    ``requests`` (every URL the page fetched) and, with performance,
    ``metrics`` and ``diagnostics`` (see ``lighthouse_run.mjs``).
    """
    reason = missing()
    if reason:
        raise LighthouseMissingError(reason)
    spec = {"base": base, "paths": list(paths), "runs": runs, "categories": list(categories),
            "chrome": shutil.which(CHROMIUM) or CHROMIUM, "chromeFlags": CHROMIUM_ARGS}
    result = subprocess.run(["node", str(RUNNER), json.dumps(spec)], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed (exit {result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout)


def outside(requests: Sequence[dict[str, Any]], *bases: str) -> list[dict[str, Any]]:
    """The requests for anything but the local servers (``data:`` and ``blob:`` stay in the page)."""
    return [r for r in requests if not r["url"].startswith((*bases, "data:", "blob:"))]


def failing_report(result: dict[str, Any]) -> str:
    """The failing audits of one page, readable: category, audit, score and a few elements."""
    lines = []
    for audit in result["failing"]:
        lines.append(f"  {audit['category']}: {audit['id']} ({audit['title']}) "
                     f"score {audit['score']} {audit['displayValue']}".rstrip())
        lines.extend(f"      {item}" for item in audit["items"])
    return "\n".join(lines)


# ------------------------------------------------------------------ serving

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep output readable
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzipped (level 6) over keep-alive HTTP/1.1, as a static host serves them.

    Lighthouse's simulated throttling counts the bytes transferred and the
    connections opened, so the benchmark serves the site as readers get it
    (GitHub Pages compresses text); Python's plain server sends it
    uncompressed, one connection per file.
    """

    protocol_version = "HTTP/1.1"
    cache: dict[tuple[Path, int], bytes] = {}  # compressed once per file version

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        key = (path, path.stat().st_mtime_ns)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    handler = _GzipHandler if compress else _QuietHandler
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
