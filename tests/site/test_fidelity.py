"""The built site carries the authors' text: at least 99% of it, in order, and
every in-text citation exactly as the authors wrote it.

The article's plain text is kept in tests/fixtures/article.txt. Its reference
list is left out (the site renders it from references.bib), and so is its
term list, which is compared with the glossary page separately. What the site
adds (the module boxes, "Works cited on this page", permalinks, the "note"
marks after citations) is skipped.
"""

import difflib
from html.parser import HTMLParser

import pytest

from macros.core.site import load_site
from tests.conftest import ARTICLE
from tests.htmltext import VOID, scan, words
from tests.site.test_site import html_of, resolve

SITE_ADDITIONS = {"admonition", "page-references", "headerlink", "md-source-file"}
NOTE_MARK = "citation-note-mark"
BLOCKS = {"p", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div", "ol", "ul"}
CONTEXT = 30  # characters of the surrounding sentence compared with each citation


def article_parts() -> tuple[list[str], list[str]]:
    """(body words without the term list, term-list words), reference list dropped."""
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    end = max(i for i, line in enumerate(lines) if line.strip() == "References")
    terms_start = lines.index("Terms used in this article")
    terms_end = next(i for i in range(terms_start, end) if lines[i].startswith("Framework for"))
    body = lines[:terms_start] + lines[terms_end:end]
    return words("\n".join(body)), words("\n".join(lines[terms_start + 1:terms_end]))


def flat(text: str) -> str:
    return " ".join(text.split())


def found_in_order(expected: list[str], actual: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


class CitedText(HTMLParser):
    """The page's article text, block by block, with where each citation stands in it."""

    def __init__(self, skip: set[str]):
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.stack: list[tuple[str, bool, bool]] = []  # tag, skipped, a citation link
        self.depth = 0  # inside the page's article
        self.text = ""
        self.citations: list[tuple[int, int, str]] = []  # start, end, key
        self.open_citation: tuple[int, str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        classes = set(attrs.get("class", "").split())
        if tag == "article" and "md-content__inner" in classes:
            self.depth += 1
        if tag in BLOCKS:
            self.text += "\n"
        if tag in VOID:
            return
        skipped = bool(classes & self.skip) or bool(self.stack and self.stack[-1][1])
        citation = tag == "a" and "citation" in classes and not skipped
        if citation:
            self.open_citation = (len(self.text), attrs.get("data-cite", ""))
        self.stack.append((tag, skipped, citation))

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.text += "\n"
        if tag in VOID:
            return
        while self.stack:
            name, _skipped, citation = self.stack.pop()
            if citation and self.open_citation:
                start, key = self.open_citation
                self.citations.append((start, len(self.text), key))
                self.open_citation = None
            if name == tag:
                break

    def handle_data(self, data):
        if self.depth and not (self.stack and self.stack[-1][1]):
            self.text += data

    def windows(self) -> list[tuple[str, str]]:
        """Each citation with up to CONTEXT characters either side, within its block."""
        found = []
        for start, end, key in self.citations:
            block_start = self.text.rfind("\n", 0, start) + 1
            block_end = self.text.find("\n", end)
            block_end = len(self.text) if block_end < 0 else block_end
            before = self.text[max(block_start, start - CONTEXT):start]
            after = self.text[end:min(block_end, end + CONTEXT)]
            found.append((key, flat(before + self.text[start:end] + after)))
        return found


def cited_text(path, skip=frozenset(SITE_ADDITIONS | {NOTE_MARK})) -> CitedText:
    parser = CitedText(set(skip))
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def not_in_article(windows: list[tuple[str, str]]) -> list[str]:
    """Citations (with their context) that the article does not have, word for word."""
    article = flat(ARTICLE.read_text(encoding="utf-8"))
    return [f"{key}: …{window}…" for key, window in windows if window not in article]


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


@pytest.fixture(scope="module")
def module_words(site_dir, model):
    text = []
    for page in model.modules:
        text.extend(scan(html_of(site_dir, page.src), SITE_ADDITIONS).text)
    return words(" ".join(text))


@pytest.fixture(scope="module")
def module_citations(site_dir, model) -> list[tuple[str, str]]:
    return [window for page in model.modules for window in cited_text(html_of(site_dir, page.src)).windows()]


def test_article_words_are_all_there_in_order(module_words):
    body, _terms = article_parts()
    assert len(body) > 5000
    ratio = found_in_order(body, module_words)
    assert ratio >= 0.99, f"only {ratio:.2%} of the article's words are on the module pages, in order"


def test_term_definitions_are_on_the_glossary_page(site_dir):
    _body, terms = article_parts()
    glossary = words(" ".join(scan(site_dir / "glossary" / "index.html", SITE_ADDITIONS).text))
    assert found_in_order(terms, glossary) >= 0.99


def test_the_measure_can_fail(module_words):
    """A page losing a paragraph would be caught: the measure is not vacuous."""
    body, _terms = article_parts()
    assert found_in_order(body, module_words[: len(module_words) // 2]) < 0.6


def test_every_citation_in_the_modules_is_as_the_authors_wrote_it(module_citations):
    """Each citation, with the words around it, stands in the article exactly:
    names, years, "et al", "&", commas and page numbers as the authors gave them."""
    assert len(module_citations) >= 85
    assert not_in_article(module_citations) == []


def test_every_citation_in_the_term_list_is_as_the_authors_wrote_it(site_dir):
    windows = cited_text(site_dir / "glossary" / "index.html").windows()
    _body, terms = article_parts()
    listed = [w for w in windows if w[1] in flat(ARTICLE.read_text(encoding="utf-8"))]
    assert len(listed) >= 8  # the list's eight citations; added entries use the edition's style
    for key in ("khoury2023", "maynard2018", "jerome2022", "rosa2019", "lga2024", "brierley2021"):
        assert any(k == key for k, _window in listed), key


def test_the_term_lists_definitions_are_on_the_glossary_page_word_for_word(site_dir):
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    start = lines.index("Terms used in this article")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Framework for"))
    definitions = [flat(line.strip().lstrip("•")) for line in lines[start:end] if line.strip().startswith("•")]
    page = flat(cited_text(site_dir / "glossary" / "index.html").text)
    assert len(definitions) == 15
    assert [d for d in definitions if d not in page] == []


def test_a_normalised_citation_would_be_caught(module_citations):
    """Shown in the edition's style ("Brierley 2021", "Firmin et al 2024"), a
    citation no longer matches the article: the check is not vacuous."""
    brierly = next(w for w in module_citations if w[0] == "brierley2021")
    firmin = next(w for w in module_citations if "Firmin et al, 2024" in w[1])
    changed = [(brierly[0], brierly[1].replace("Brierly", "Brierley")),
               (firmin[0], firmin[1].replace("Firmin et al, 2024", "Firmin et al 2024"))]
    assert len(not_in_article(changed)) == 2


def test_every_note_mark_leads_to_its_row_in_the_editorial_notes(site_dir, model):
    notes = scan(site_dir / "editorial-notes" / "index.html")
    rows = {attrs["id"] for tag, attrs in notes.tags if tag == "tr" and attrs.get("id", "").startswith("cite-")}
    marked = set()
    for page in [*model.modules, model.page("glossary.md")]:
        tags = scan(html_of(site_dir, page.src)).tags
        for index, (tag, attrs) in enumerate(tags):
            if tag == "a" and "citation-note" in attrs.get("class", "").split():
                key = attrs["data-cite-note"]
                cited = [a for t, a in tags[index - 2:index] if t == "a" and "citation" in a.get("class", "")]
                assert cited and cited[-1]["data-cite"] == key, f"{page.src}: mark not after its citation"
                file, fragment = resolve(site_dir, page.src, attrs["href"])
                assert file == site_dir / "editorial-notes" / "index.html" and fragment == f"cite-{key}"
                assert attrs.get("title", "").startswith("Editorial note. "), attrs
                marked.add(fragment)
    assert marked == rows and len(rows) >= 6


def test_the_term_list_heading_says_where_the_list_now_is(site_dir, model):
    """The article's heading "Terms used in this article" stands where the
    authors put it, in the opening module, with a note pointing to the glossary."""
    opening = model.modules[0]
    html = html_of(site_dir, opening.src).read_text(encoding="utf-8")
    assert "Terms used in this article" in ARTICLE.read_text(encoding="utf-8")
    after = html.split(">Terms used in this article", 1)[1].split("<h2", 1)[0]
    assert 'href="../../glossary/"' in after and "word for word" in after
