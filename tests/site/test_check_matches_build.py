"""The check and the build render pages alike, so they agree on where terms appear.

`make check` renders every page itself to find glossary terms; the build
records them while rendering. Both read the Markdown extensions from the
engine's config (one place), so the check's index and the built glossary's
"Appears in" lines must be the same, link for link.
"""

import re

from macros.checks import check_sources
from macros.core.urls import relative_url
from macros.render.glossary_page import appears_in_html

SLOT = re.compile(r'<p class="glossary-meta glossary-appears" data-appears-in="([^"]+)">(.*?)</p>', re.S)


def test_check_and_build_find_the_same_places(root, site_dir):
    result = check_sources(root)
    glossary = result.site.paths.glossary_page
    built = dict(SLOT.findall((site_dir / "glossary" / "index.html").read_text(encoding="utf-8")))
    assert built, "no 'Appears in' lines on the built glossary"
    expected = {term_id: appears_in_html(places, lambda src: relative_url(glossary, src))
                for term_id, places in result.term_index.items() if places}
    assert built == expected
