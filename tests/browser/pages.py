"""Shared helpers for the browser tests: which pages the site has, and the
two kinds of device the tests play (a desktop window and a phone)."""

from __future__ import annotations

from pathlib import Path

# A module page with glossary terms and citations, used by the preview tests.
MODULE = "article/attunement/"
GLOSSARY = "glossary/"

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def page_paths(site_dir: Path) -> list[str]:
    """Every HTML page of the built site as a path below the server root:
    ``""`` for the home page, ``"glossary/"``, ``"404.html"``..."""
    paths = []
    for html in sorted([*site_dir.rglob("index.html"), *site_dir.rglob("404.html")]):
        rel = html.relative_to(site_dir).as_posix()
        paths.append(rel.removesuffix("index.html"))
    return paths


# Reported by the page itself for every blocked script, style, request or frame;
# also kept in window.__cspViolations, for tests to wait on.
REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective);
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
                + ` in ${e.sourceFile}:${e.lineNumber}`);
});
"""


def watch_policy(context) -> list[str]:
    """Collect every Content-Security-Policy violation in the context's pages and frames.

    The page's own report (the ``securitypolicyviolation`` event) and Chromium's
    console error are both taken, so neither way of noticing can be missed.
    """
    seen: list[str] = []
    context.add_init_script(REPORT_VIOLATIONS)
    context.on("console", lambda message: seen.append(message.text) if message.type == "error" and (
        "CSP violation" in message.text or "Content Security Policy" in message.text) else None)
    return seen
