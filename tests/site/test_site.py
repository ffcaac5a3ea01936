"""The built site keeps the HTML contract that tests and trainers rely on."""

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from macros.core.site import load_site
from macros.core.urls import page_url
from tests.htmltext import scan


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


def html_of(site_dir: Path, src: str) -> Path:
    return site_dir / page_url(src) / "index.html" if page_url(src).endswith("/") or not page_url(src) \
        else site_dir / page_url(src)


def resolve(site_dir: Path, page_src: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative href on a page points at."""
    parts = urlsplit(href)
    base = page_url(page_src)
    target = posixpath.normpath(posixpath.join(base, parts.path))
    file = site_dir / target
    if file.is_dir() or href.endswith("/") or parts.path.endswith("/"):
        file = file / "index.html"
    return file, parts.fragment


def test_every_module_page_declares_its_id(site_dir, model):
    for page in model.modules:
        tags = scan(html_of(site_dir, page.src)).tags
        metas = [a for t, a in tags if t == "meta" and a.get("name") == "module"]
        assert [m["content"] for m in metas] == [page.module], page.src


def test_non_module_pages_have_no_module_meta(site_dir):
    tags = scan(site_dir / "index.html").tags
    assert not [a for t, a in tags if t == "meta" and a.get("name") == "module"]


def test_every_citation_links_to_an_existing_entry(site_dir, model):
    ref_ids = scan(site_dir / "references" / "index.html").ids
    seen = 0
    for page in model.pages:
        for tag, attrs in scan(html_of(site_dir, page.src)).tags:
            if tag == "a" and "citation" in attrs.get("class", "").split():
                seen += 1
                key = attrs["data-cite"]
                assert "citation-unknown" not in attrs["class"], f"{page.src}: {key}"
                file, fragment = resolve(site_dir, page.src, attrs["href"])
                assert file == site_dir / "references" / "index.html", attrs["href"]
                assert fragment == key and key in ref_ids, f"{page.src}: {attrs['href']}"
    assert seen >= sum(len(p.citations) for p in model.pages) > 0


def test_citation_previews_have_their_reference_on_the_page(site_dir, model):
    page = next(p for p in model.modules if p.citations)
    collector = scan(html_of(site_dir, page.src))
    cited = {a["data-cite"] for t, a in collector.tags if t == "a" and "data-cite" in a}
    listed = {a["data-ref"] for t, a in collector.tags if t == "li" and "data-ref" in a}
    assert cited and cited == listed


def test_every_reference_is_cited_in_a_module_or_further_reading(site_dir, model):
    html = (site_dir / "references" / "index.html").read_text(encoding="utf-8")
    cited_part, further_part = html.split('id="further-reading"')
    for key, ref in model.references.items():
        marker = f'id="{key}"'
        if ref.further_reading:
            assert marker in further_part and marker not in cited_part, key
        else:
            entry = cited_part.split(marker, 1)[1].split("</li>", 1)[0]
            assert "Cited in:" in entry and "<a href=" in entry, key


def test_cited_in_links_reach_module_pages(site_dir):
    page = "references.md"
    for tag, attrs in scan(site_dir / "references" / "index.html").tags:
        if tag == "a" and attrs.get("href", "").startswith("../"):
            file, _ = resolve(site_dir, page, attrs["href"])
            assert file.exists(), attrs["href"]


def test_bibliography_is_offered_for_download(site_dir, root):
    assert (site_dir / "references.bib").read_bytes() == (root / "references.bib").read_bytes()
    html = (site_dir / "references" / "index.html").read_text(encoding="utf-8")
    assert 'href="../references.bib"' in html


def test_editorial_notes_list_corrections_with_reasons(site_dir):
    html = (site_dir / "editorial-notes" / "index.html").read_text(encoding="utf-8")
    assert html.count("<tr>") >= 15
    assert "Reason" in html


def test_no_third_party_assets(site_dir):
    for file in site_dir.rglob("*.html"):
        for tag, attrs in scan(file).tags:
            if tag in ("script", "link", "img"):
                url = attrs.get("src") or attrs.get("href") or ""
                assert not urlsplit(url).netloc, f"{file}: {url}"


def test_module_pages_link_glossary_terms(site_dir, model):
    glossary_ids = scan(site_dir / "glossary" / "index.html").ids
    for page in model.modules:
        terms = [a for t, a in scan(html_of(site_dir, page.src)).tags
                 if t == "a" and a.get("class") == "term"]
        assert terms, f"{page.src} links no glossary term"
        for attrs in terms:
            file, fragment = resolve(site_dir, page.src, attrs["href"])
            assert file == site_dir / "glossary" / "index.html"
            assert fragment == attrs["data-term"] and fragment in glossary_ids
            assert attrs["title"], attrs


def test_every_glossary_entry_shows_where_it_appears(site_dir, model):
    html = (site_dir / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in model.terms:
        entry = html.split(f'id="{term.id}"', 1)[1].split('class="glossary-entry"', 1)[0]
        assert ("Appears in:" in entry) != term.unused, term.id
    for tag, attrs in scan(site_dir / "glossary" / "index.html").tags:
        if tag == "a" and "article/" in attrs.get("href", ""):
            file, fragment = resolve(site_dir, "glossary.md", attrs["href"])
            assert file.exists() and (not fragment or fragment in scan(file).ids), attrs["href"]


def test_glossary_has_letter_jumps(site_dir):
    collector = scan(site_dir / "glossary" / "index.html")
    jumps = [a["href"] for t, a in collector.tags if t == "a" and a.get("href", "").startswith("#letter-")]
    assert len(jumps) >= 5 and all(href[1:] in collector.ids for href in jumps)
