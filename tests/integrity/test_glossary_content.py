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


# -- what this edition writes: short definitions and added entries -------------------------

_QUOTED = re.compile(r"‘([^’]+(?:’[a-z][^’]*)*)’")  # ‘a quotation’, apostrophes inside kept
_YEAR = re.compile(r"(?:19|20)\d\d")


def article_body() -> str:
    """The article's running text: no term list, no reference list."""
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    start = lines.index("Terms used in this article")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Framework for"))
    refs = max(i for i, line in enumerate(lines) if line.strip() == "References")
    text = " ".join(" ".join(lines[:start] + lines[end:refs]).split()).lower()
    return re.sub(r"[‘’“”](?![a-z])|(?<![a-z])[‘’“”]", "", text)  # quotation marks, not apostrophes


def short_problems(terms, references) -> list[str]:
    """Shorts that drop a quoted item of a listed definition, quote without saying
    whose words they are, or (in an added entry) drop an attribution of its opening."""
    found = []
    for term in terms:
        quotes = [q for q in _QUOTED.findall(term.short) if len(q.split()) >= 3]
        if term.in_term_list:
            for item in _QUOTED.findall(term.definition):
                if item not in term.short:
                    found.append(f"{term.path}: the short drops ‘{item}’ from the authors' list")
        if quotes and not (_YEAR.search(term.short) or "the authors" in term.short.lower()):
            found.append(f"{term.path}: the short quotes without saying whose words they are")
        if not term.in_term_list:
            opening = re.split(r"\.\s", term.definition)[0]
            for key in re.findall(r"@([\w]+)", opening):
                names = [p.last_names[-1] for p in references[key].entry.persons.get("author", [])]
                if names and names[0].strip("{}") not in term.short:
                    found.append(f"{term.path}: the short drops the attribution to {names[0]}")
    return found


def test_shorts_keep_the_authors_lists_and_attributions(terms, root):
    assert short_problems(terms, load_site(root).references) == []


def test_a_dropped_item_or_attribution_in_a_short_is_caught(terms, root):
    refs = load_site(root).references
    awareness = next(t for t in terms if t.term == "Awareness")
    defended = next(t for t in terms if t.term == "Defended system")
    containment = next(t for t in terms if t.term == "Containment")
    changed = [
        dataclasses.replace(awareness, short="A catalytic process increasing consciousness of "
                                             "‘this is who I am’ and ‘this is what I like and dislike’."),
        dataclasses.replace(defended, short="A system ‘where control and stability are prioritised over "
                                           "relationships with young people’."),
        dataclasses.replace(containment, short="A concept which, with the holding environment, describes "
                                               "how professionals provide space for young people."),
    ]
    dropped = "‘this is what I am good at and not good at’"
    problems = short_problems(changed, refs)
    assert f"{awareness.path}: the short drops {dropped} from the authors' list" in problems
    assert f"{defended.path}: the short quotes without saying whose words they are" in problems
    assert f"{defended.path}: the short drops the attribution to Lloyd" in problems
    assert f"{containment.path}: the short drops the attribution to Bion" in problems


def unused_problems(terms) -> list[str]:
    """An entry for a term the article's text never uses must say so plainly."""
    body = article_body()
    return [f"{term.path}: '{term.term}' is not in the article's text, and the entry does not say so"
            for term in terms
            if not any(name.strip().lower() in body for name in term.term.split(" / "))
            and "does not use" not in term.definition]


def test_entries_for_terms_the_text_never_uses_say_so(terms):
    absent = [t for t in terms if not any(n.strip().lower() in article_body() for n in t.term.split(" / "))]
    assert {t.term for t in absent} == {"Contextual safeguarding", "Intersectionality"}
    assert unused_problems(terms) == []


def test_an_entry_implying_use_is_caught(terms):
    entry = next(t for t in terms if t.term == "Intersectionality")
    implied = dataclasses.replace(entry, definition="The article does not define intersectionality itself.")
    assert unused_problems([implied]) == [
        f"{entry.path}: 'Intersectionality' is not in the article's text, and the entry does not say so"]
