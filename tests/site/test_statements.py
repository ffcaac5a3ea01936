"""Every page's footer names the edition and links the statements a public site needs."""

import re

from macros.core.edition import load_edition

STATEMENTS = ("Accessibility", "Privacy", "Licence", "Changes")


def test_every_page_links_the_statements_and_names_the_edition(root, site_dir):
    edition, _problems = load_edition(root / "CITATION.cff", "CITATION.cff")
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html or page.parent.name == "downloads":
            continue  # a redirect page
        footer = html[html.index('class="md-copyright"'):]
        assert f"Resonance learning edition {edition.version}, {edition.date_text}." in footer, page
        links = dict(re.findall(r'<a href="([^"]+)">(\w+)</a>', footer[:footer.index("</nav>")]))
        assert sorted(links.values()) == sorted(STATEMENTS), page
        for href, title in links.items():
            # The 404 page is shown at any address: its links start at the site's root.
            base = site_dir if href.startswith("/") else page.parent
            target = (base / href.lstrip("/") / "index.html").resolve()
            assert target.exists(), f"{page}: {title} -> {href}"


def test_the_statements_say_what_they_must(site_dir):
    text = {name: " ".join(re.sub(r"<[^>]+>", " ", (site_dir / name / "index.html")
                                  .read_text(encoding="utf-8")).split())
            for name in ("accessibility", "privacy", "licence")}
    assert "WCAG" in text["accessibility"] and "Reporting a problem" in text["accessibility"]
    assert "collects nothing" in text["privacy"] and "Delete all my answers and progress" in text["privacy"]
    assert "MIT" in text["licence"] and "CC BY 4.0" in text["licence"]


def test_the_changes_page_has_an_entry_for_this_edition(root, site_dir):
    edition, _problems = load_edition(root / "CITATION.cff", "CITATION.cff")
    html = (site_dir / "changes" / "index.html").read_text(encoding="utf-8")
    assert f"{edition.version} ({edition.date_text})" in html
