"""The article's own fifteen terms: all present, defined in the authors' words.

The names are this edition's (the article's "Terms used in this article"
gives the definitions without them, in alphabetical order of these names).
Each definition, with its citations shown as written, must be the article's
text exactly; each citation must be given as the source writes it and link to
an entry, as many as the article has.
"""

import dataclasses
import re

import pytest

from macros.core.site import load_site
from tests.conftest import ARTICLE

TERM_LIST = ["Adaptation", "Agency", "Alienation", "Alignment", "Aliveness", "Allocation", "Analysis",
             "Attunement", "Authority", "Awareness", "Practitioner", "Professional",
             "Relational practice", "Resonance", "Structural harm"]

_AS_WRITTEN = re.compile(r"\[([^\[\]@]+)\]\(@[^()\s]+\)")  # [Brierly 2021](@brierley2021)
_PANDOC = re.compile(r"\[[^\[\]]*@[^\[\]]*\](?!\()")  # [@key], shown in the edition's own style
_PARENTHETICAL = re.compile(r"\([^()]*(?:19|20)\d\d[^()]*\)")


def article_definitions() -> list[str]:
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    start = lines.index("Terms used in this article")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Framework for"))
    return [line.strip().lstrip("•").strip() for line in lines[start:end] if line.strip().startswith("•")]


def shown(definition: str) -> str:
    """The definition as a reader sees it: citations as written, spacing evened out."""
    return " ".join(_AS_WRITTEN.sub(r"\1", definition).split())


def differences(terms) -> list[str]:
    """What differs between the glossary and the article's term list."""
    found = []
    by_name = {term.term: term for term in terms}
    for name, original in zip(TERM_LIST, article_definitions(), strict=True):
        term = by_name.get(name)
        if term is None:
            found.append(f"'{name}' is missing from the glossary")
            continue
        if not term.in_term_list:
            found.append(f"{term.path}: '{name}' is not marked 'source: {{list: true}}'")
        if shown(term.definition) != " ".join(original.split()):
            found.append(f"{term.path}: the definition is not the article's text")
        if (_PANDOC.search(term.definition)
                or len(_AS_WRITTEN.findall(term.definition)) != len(_PARENTHETICAL.findall(original))):
            found.append(f"{term.path}: the definition's citations differ from the article's")
    return found


@pytest.fixture(scope="module")
def terms(root):
    return load_site(root).terms


def test_the_article_lists_fifteen_terms():
    assert len(article_definitions()) == len(TERM_LIST) == 15


def test_all_fifteen_terms_are_there_in_the_authors_words(terms):
    assert differences(terms) == []


def test_a_reworded_definition_is_caught(terms):
    attunement = next(t for t in terms if t.term == "Attunement")
    changed = dataclasses.replace(attunement, definition=attunement.definition.replace("flexibly", "quickly"))
    others = [t for t in terms if t.term != "Attunement"]
    assert differences([*others, changed]) == [f"{attunement.path}: the definition is not the article's text"]


def test_a_missing_term_is_caught(terms):
    remaining = [t for t in terms if t.term != "Aliveness"]
    assert differences(remaining) == ["'Aliveness' is missing from the glossary"]


def test_a_dropped_citation_is_caught(terms):
    """The words stay, but "(Rosa 2019)" no longer links to its entry."""
    agency = next(t for t in terms if t.term == "Agency")
    changed = dataclasses.replace(agency, definition=agency.definition.replace("[Rosa 2019](@rosa2019)",
                                                                               "Rosa 2019"))
    problems = differences([*(t for t in terms if t.term != "Agency"), changed])
    assert problems == [f"{agency.path}: the definition's citations differ from the article's"]


def test_a_citation_in_the_editions_style_is_caught(terms):
    """"(Maynard & Stuart 2018)" must not become "(Maynard and Stuart 2018)"."""
    agency = next(t for t in terms if t.term == "Agency")
    assert "[Maynard & Stuart 2018](@maynard2018)" in agency.definition
    changed = dataclasses.replace(agency, definition=agency.definition.replace(
        "([Maynard & Stuart 2018](@maynard2018))", "[@maynard2018]"))
    problems = differences([*(t for t in terms if t.term != "Agency"), changed])
    assert f"{agency.path}: the definition's citations differ from the article's" in problems
    assert f"{agency.path}: the definition is not the article's text" in problems


def test_every_entry_has_a_short_definition_for_previews(terms):
    assert len(terms) >= 25
    for term in terms:
        assert 0 < len(term.short) <= 200 and "[@" not in term.short, term.path
