"""Every internal link and anchor of the built site resolves (``macros/checks/site_links.py``).

The check reads the built files (no server, no crawl, no threads), so its
verdict cannot depend on timing or on how busy the machine is: the same site
gives the same problems every time. Its rules are tested case by case in
``tests/unit/test_site_links.py``; here it runs over the real site, and over a
copy of it with two planted defects to prove it catches both.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from macros.checks.site_links import check_site_links

# The real site has about 3,700 internal links and 1,700 anchors on 38 pages: a
# count far below these means the check stopped looking, not that links went.
MIN_LINKS = 1000
MIN_ANCHORS = 500


def test_every_internal_link_and_anchor_resolves(site_dir: Path):
    report = check_site_links(site_dir)
    assert not report.problems, (f"{len(report.problems)} broken links or anchors:\n"
                                 + "\n".join(p.format() for p in report.problems))
    assert report.pages == len(list(site_dir.rglob("*.html"))), "some pages were not read"
    assert report.internal > MIN_LINKS, f"only {report.internal} internal links checked"
    assert report.anchors > MIN_ANCHORS, f"only {report.anchors} anchors checked"


def test_a_broken_page_link_and_a_broken_anchor_are_reported(site_dir: Path, tmp_path: Path):
    """A module page given a broken anchor and a link to a missing page: exactly
    those two are reported, at their line and column. The same page's good
    anchor on a directory URL passes, which shows that ``foo/#id`` is looked
    up in ``foo/index.html``."""
    copy = Path(shutil.copytree(site_dir, tmp_path / "site"))
    anchor = re.compile(r'href="((?:\.\./)+[\w/-]+/)#([\w-]+)"')
    page = next(p for p in sorted(copy.glob("*/*/index.html")) if anchor.search(p.read_text("utf-8")))
    html = page.read_text("utf-8")
    folder, good = anchor.search(html).groups()
    planted = (f'<p><a href="{folder}#{good}">good</a>\n'
               f'<a href="{folder}#no-such-anchor">broken</a>\n<a href="../no-such-page/">missing</a></p>')
    assert html.count("</article>") == 1
    before, after = html.split("</article>")
    page.write_text(before + planted + "</article>" + after, "utf-8")
    line = before.count("\n") + 1  # the planted paragraph's first line, with the good link

    found = [(p.path, p.line, p.column, p.code) for p in check_site_links(copy).problems]
    where = page.relative_to(copy).as_posix()
    assert sorted(found) == [(where, line + 1, 1, "site-anchor-broken"), (where, line + 2, 1, "site-link-broken")]
