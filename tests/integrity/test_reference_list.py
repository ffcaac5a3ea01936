"""The references page against the article's own list, entry by entry.

Each entry the references page prints is compared, word by word, with the
entry the article's list gives (tests/fixtures/article.txt), and its web
address and DOI with the list's. Differences of layout that the style makes
everywhere ("and" for "&", "pp.", "Available at:", "(Accessed: …)", month
names, initials) are allowed; any other word that differs must be named in a
row of docs/editorial-notes.md for that entry, and any address or DOI that
differs must have such a row. So a correction, or a slip of the style, that
the notes do not mention fails here.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest

from macros.core.bibliography import Bibliography, load_bibliography
from macros.core.labels import persons, plain, surname
from macros.render.bibliography_html import format_references
from tests.conftest import ARTICLE, ROOT

NOTES = ROOT / "docs" / "editorial-notes.md"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
#: Words the style writes, or leaves out, in every entry: layout, not content.
LAYOUT = {"and", "in", "In", "Available", "at", "Accessed", "doi", "pp", "edn", "ed", "eds", "Ed",
          "Article", "Volume", "Issue", "Pages", "Retrieved", "from", "et", "al", "Edition", "Second",
          "Third", "st", "nd", "rd", "th", *MONTHS, *(m[:3] for m in MONTHS)}
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_ADDRESS = re.compile(r"(?:https?://|doi:|\b10\.\d{4,9}/)\S*")


def even(text: str) -> str:
    """Apostrophes, quotes and dashes evened out; markup and entities resolved."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " ")
    return text.replace("’", "'").replace("‘", "'").replace("–", "-")


def content_words(text: str) -> Counter[str]:
    """Words of an entry, without addresses (anything with a "/"), initials and the style's own words."""
    text = " ".join(chunk for chunk in _ADDRESS.sub(" ", even(text)).split() if "/" not in chunk)
    found = (w.strip("'-") for w in _WORD.findall(text))
    return Counter(w for w in found if w and w not in LAYOUT and not re.fullmatch(r"[A-Z]{1,2}", w))


def addresses(text: str) -> set[str]:
    """Web addresses and DOIs, as bare DOIs and full URLs without a trailing full stop."""
    found = set()
    for match in _ADDRESS.findall(even(text)):
        value = match.rstrip(".,")
        value = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", value)
        found.add(value)
    return found


def list_entries(bib: Bibliography) -> dict[str, str]:
    """The article's list, entry by entry, by key (the .bib follows the list's order)."""
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    start = max(i for i, line in enumerate(lines) if line.strip() == "References")
    lines = [even(line).strip() for line in lines[start + 1:] if line.strip()]
    lines = [line for line in lines if not line.startswith("All online references")]
    keys = [key for key, ref in bib.references.items() if not ref.incomplete]
    starts = []
    at = 0
    for key in keys:
        ref = bib.references[key]
        short = plain(ref.entry.fields.get("shortauthor", ""))
        names = persons(ref)
        first = even(short or (surname(names[0]) if names else "")).split()[0]
        at = next(i for i in range(at, len(lines)) if lines[i].startswith(first))
        starts.append(at)
        at += 1
    ends = [*starts[1:], len(lines)]
    return {key: " ".join(lines[s:e]) for key, s, e in zip(keys, starts, ends, strict=True)}


def note_rows() -> dict[str, list[str]]:
    """Every table row of the editorial notes, by each key named in its first cell."""
    rows: dict[str, list[str]] = {}
    for line in NOTES.read_text(encoding="utf-8").split("\n"):
        cells = line.split("|")
        if line.startswith("|") and len(cells) > 2:
            for key in re.findall(r"[a-z]+\d{4}[a-z]?", cells[1]):
                rows.setdefault(key, []).append(even(line))
    return rows


def unexplained(bib: Bibliography, formatted: Mapping[str, str], listed: Mapping[str, str],
                rows: Mapping[str, list[str]]) -> list[str]:
    """Differences between the references page and the list that no note row names."""
    found = []
    for key, source in listed.items():
        ref = bib.references[key]
        shown = content_words(formatted[key])
        given = content_words(source)
        noted = " ".join(rows.get(key, ()))
        for word in sorted((given - shown) + (shown - given)):
            if word not in noted:
                found.append(f"{key}: '{word}' differs from the article's list and no note says so")
        ours = {plain(ref.entry.fields[name]) for name in ("url", "doi") if name in ref.entry.fields}
        if ours != addresses(source) and not noted:
            found.append(f"{key}: address or DOI differs from the article's list and no note says so")
    return found


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    bibliography, problems = load_bibliography(ROOT / "references.bib")
    assert problems == []
    return bibliography


@pytest.fixture(scope="module")
def listed(bib) -> dict[str, str]:
    return list_entries(bib)


def test_every_complete_entry_is_found_in_the_list(bib, listed):
    assert len(listed) == sum(not ref.incomplete for ref in bib.references.values()) >= 60
    assert listed["firmin2024"].startswith("Firmin, C, Langhoff, K")
    assert listed["wroe2022"].startswith("Wroe, L & Pearce, J.")


def test_every_difference_from_the_list_is_in_the_notes(bib, listed):
    assert unexplained(bib, format_references(bib), listed, note_rows()) == []


def test_a_changed_detail_without_a_note_is_caught(bib, listed):
    formatted = dict(format_references(bib))
    formatted["williams2022"] = formatted["williams2022"].replace("of Sussex", "of Essex")
    formatted["owens2023"] = formatted["owens2023"].replace("of Social Work", "of Social Care")
    problems = unexplained(bib, formatted, listed, note_rows())
    assert "williams2022: 'Essex' differs from the article's list and no note says so" in problems
    assert "owens2023: 'Work' differs from the article's list and no note says so" in problems


def test_a_changed_address_without_a_note_is_caught(bib, listed):
    rows = {key: value for key, value in note_rows().items() if key != "pryce2012"}
    problems = unexplained(bib, format_references(bib), listed, rows)
    assert "pryce2012: address or DOI differs from the article's list and no note says so" in problems


def test_the_notes_name_only_entries_that_exist(bib):
    assert set(note_rows()) <= set(bib.references), "a row of the editorial notes names an unknown key"


if __name__ == "__main__":  # pragma: no cover - a maintainer's view of the comparison
    b, _problems = load_bibliography(Path(ROOT / "references.bib"))
    print("\n".join(unexplained(b, format_references(b), list_entries(b), note_rows())))


NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def test_access_dates_other_than_the_lists_are_noted(bib):
    """The list says when online references were read; an entry with another date says why."""
    match = re.search(r"All online references accessed (\d+ \w+ \d{4})", ARTICLE.read_text(encoding="utf-8"))
    day, month, year = match.group(1).split()
    general = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
    rows = note_rows()
    other = [key for key, ref in bib.references.items()
             if ref.entry.fields.get("urldate", general) != general]
    assert other and [key for key in other if key not in rows] == []


def test_the_notes_count_the_missing_and_the_uncited_works_truly(bib):
    notes = NOTES.read_text(encoding="utf-8")
    missing = NUMBERS[re.search(r"The article cites (\w+) works that do not appear", notes).group(1)]
    uncited = NUMBERS[re.search(r"These (\w+) works are in the reference list but are never", notes).group(1)]
    incomplete = {key for key, ref in bib.references.items() if ref.incomplete}
    further = {key for key, ref in bib.references.items() if ref.further_reading}
    assert missing == len(incomplete) and incomplete <= set(note_rows())
    row = next(line for line in notes.split("\n") if "are never cited in the text" in line)
    assert uncited == len(further) and set(re.findall(r"[a-z]+\d{4}[a-z]?", row.split("|")[1])) == further
