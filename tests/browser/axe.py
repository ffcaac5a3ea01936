"""axe-core in the browser tests: where it is, how it runs, how its findings read.

axe comes from ``node_modules`` (``npm ci``, run by ``make test``). It is
given to a browser context as an init script, so every page of that context
has it from the start: no 650 kB script sent over the wire per page, and no
inline script for a Content-Security-Policy to refuse.
"""

from __future__ import annotations

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Material's palette: the scheme shown for each colour-scheme preference.
SCHEMES = {"light": "default", "dark": "slate"}

# Animations and transitions (a fading-in preview, colours after a scheme
# switch) are finished first: axe should measure the end state, not a blend.
RUN_AXE = """tags => (document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} }),
  axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(r => ({
    passes: r.passes.length,
    violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, url: v.helpUrl, count: v.nodes.length,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
      summary: (v.nodes[0].failureSummary || '').split('\\n').slice(0, 2).join(' ').trim(),
    })),
  })))"""


def run_axe(page) -> dict:
    """axe's verdict on the page as it is now: ``{"passes": n, "violations": [...]}``."""
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def shown_scheme(page) -> str:
    return page.evaluate("() => document.body.dataset.mdColorScheme")


def switch_scheme(page, scheme: str) -> None:
    """Switch colour scheme as a reader does, with the palette toggle in the header."""
    if shown_scheme(page) == SCHEMES[scheme]:
        return
    option = page.locator(f'input.md-option[data-md-color-scheme="{SCHEMES[scheme]}"]').get_attribute("id")
    page.locator(f'[data-md-component=palette] label[for="{option}"]').click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme])


def violations(result: dict, where: str) -> str | None:
    """A readable report of axe's violations on ``where``, or None when there are none."""
    assert result["passes"] > 0, f"axe checked nothing on {where}: is the page empty?"
    if not result["violations"]:
        return None
    lines = [f"axe found {len(result['violations'])} violated rule(s) on {where}:"]
    for v in result["violations"]:
        lines.append(f"  {v['id']} [{v['impact']}] on {v['count']} element(s): {v['help']}")
        lines.append(f"    e.g. {' | '.join(v['targets'])}")
        lines.append(f"    {v['summary']}")
        lines.append(f"    {v['url']}")
    return "\n".join(lines)
