"""The built site carries the authors' text: at least 99% of it, in order.

The article's plain text is kept in tests/fixtures/article.txt. Its reference
list is left out (the site renders it from references.bib), and so is its
term list, which is compared with the glossary page separately. What the site
adds (the module boxes, "Works cited on this page", permalinks) is skipped.
"""

import difflib

import pytest

from macros.core.site import load_site
from tests.site.test_site import html_of
from tests.conftest import ARTICLE
from tests.htmltext import scan, words

SITE_ADDITIONS = {"admonition", "page-references", "headerlink", "md-source-file"}


def article_parts() -> tuple[list[str], list[str]]:
    """(body words without the term list, term-list words), reference list dropped."""
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    end = max(i for i, line in enumerate(lines) if line.strip() == "References")
    terms_start = lines.index("Terms used in this article")
    terms_end = next(i for i in range(terms_start, end) if lines[i].startswith("Framework for"))
    body = lines[:terms_start] + lines[terms_end:end]
    return words("\n".join(body)), words("\n".join(lines[terms_start + 1:terms_end]))


def found_in_order(expected: list[str], actual: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


@pytest.fixture(scope="module")
def module_words(site_dir, root):
    model = load_site(root)
    text = []
    for page in model.modules:
        text.extend(scan(html_of(site_dir, page.src), SITE_ADDITIONS).text)
    return words(" ".join(text))


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
