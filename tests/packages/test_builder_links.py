"""package-maker.js points links to left-out modules where Python's ``rewrite_links`` does.

The full comparison (``test_builder_packages.py``) runs with a site address;
here both branches are checked on a small page: with an address (the link goes
to the published page, opening outside the platform's frame) and without one
(the link becomes its text). No build needed: lxml on one side, the script in
a blank Chromium page on the other.
"""

from __future__ import annotations

import lxml.html
import pytest

from macros.packages.builderkit import ASSETS, MAKER
from macros.packages.builtpages import inner_html, link_resolver, rewrite_links
from macros.packages.scorm import EXTERNAL

pytestmark = pytest.mark.browser

#: A module page's body as the kit holds it: every module in the package.
BODY = ('<p>See <a class="term" href="../x/#why" title="A &amp; B">X &amp; <em>Y</em></a>, '
        '<a href="../y/">kept</a> and <a href="../x/" target="_self">again</a>.</p>')
HERE = "y/"  # the page's own site path
KIT = {"x/": "m-x.html", "y/": "m-y.html"}


def python(site_url: str) -> str:
    """What write_scorm makes when only module y is in the package."""
    root = lxml.html.fragment_fromstring(BODY, create_parent="div")
    rewrite_links(root, HERE, link_resolver({"y/": "m-y.html"}, site_url), EXTERNAL)
    return inner_html(root)


def kit_body() -> str:
    root = lxml.html.fragment_fromstring(BODY, create_parent="div")
    rewrite_links(root, HERE, link_resolver(KIT, "https://example.org/"), EXTERNAL)
    return inner_html(root)


@pytest.mark.parametrize("site_url", ["https://example.org/site/", ""])
def test_left_out_module_links_agree_with_python(chromium, site_url):
    page = chromium.new_page()
    page.add_script_tag(path=str(ASSETS / MAKER))
    made = page.evaluate(
        "([body, base, external]) => window.ResonancePackages.pointLinksOut("
        "body, new Map([['m-x.html', 'x/']]), base, external)",
        [kit_body(), site_url, EXTERNAL])
    page.close()
    expected = python(site_url)
    assert made == expected
    assert ("m-x.html" not in made) and ('href="m-y.html"' in made)
