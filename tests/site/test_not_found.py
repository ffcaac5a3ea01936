"""The "Page not found" page (issue #14 item 7): plain words, and the ways on.

A server shows 404.html at whatever address was asked for, however deep, so
its links must start from the site's root, not from the page; each must lead
to a page that is there. (The offline copy, opened from files, is checked in
tests/browser/test_offline.py.)"""

from urllib.parse import urlsplit

from macros.core.site import load_site
from tests.htmltext import scan

WAYS_ON = ["The home page", "Pathways", "Glossary"]


def links_of(html: str) -> dict[str, str]:
    """Each link's text and address, in the page's main content."""
    content = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    found = {}
    for chunk in content.split("<a ")[1:]:
        href = chunk.split('href="', 1)[1].split('"', 1)[0]
        text = chunk.split(">", 1)[1].split("</a>", 1)[0].strip()
        found[text] = href
    return found


def test_the_404_page_says_what_happened_and_offers_the_ways_on(site_dir, root):
    page = site_dir / "404.html"
    html = page.read_text(encoding="utf-8")
    text = " ".join(scan(page).text)
    assert "Page not found" in text and "no page at this address" in text
    assert "data-open-search" in html, "a button that opens search"
    links = links_of(html)
    assert all(way in links for way in WAYS_ON), links
    base = links["The home page"].removesuffix(".")  # "/." is the root, as Material writes it
    assert base.startswith("/"), f"links must start from the site's root, not the page: {base}"
    modules = load_site(root).modules
    assert all(page.title in links for page in modules), "every module is listed"
    for title, href in links.items():
        path = urlsplit(href).path
        assert path.startswith(base), f"{title}: {href} does not start from the site's root {base}"
        rest = path[len(base):]
        target = site_dir / rest
        if rest in ("", ".") or rest.endswith("/"):
            target = target / "index.html"
        assert target.is_file(), f"{title}: {href} leads nowhere"
