"""Printed pages read well on A4: Chromium's "Save as PDF", read back with pypdf.

A module page prints its title and objectives, then the authors' text; its
terms and citations print as words (no glossary or reference address is
spelled out), its own address once, the works cited last and the trainers'
box not at all. The example course's handout carries each module's text and
the prompts with room to write; its plan's timings add up.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import lxml.html
import pytest
from pypdf import PdfReader

from macros.core.site import load_site
from macros.render.course_page import clock
from macros.render.reflection import CARE_NOTE
from tests.site.test_site import html_of

MODULE = "attunement"
LINE = 15  # points between two lines of 11 pt text, a little under
WRITING_SPACE = 3 * LINE  # at least three empty lines' height under every prompt


@dataclass(frozen=True)
class Line:
    page: int
    y: float
    text: str


def printed(chromium, url: str) -> list[Line]:
    """The page as Chromium prints it to A4, as lines of text from the top of each page down."""
    page = chromium.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    pdf = page.pdf(format="A4")
    page.close()
    lines: list[Line] = []
    for number, sheet in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        found: dict[float, list[str]] = {}

        def visit(text, cm, tm, _font, _size, found=found):
            if text.strip():
                y = round(cm[1] * tm[4] + cm[3] * tm[5] + cm[5], 1)
                found.setdefault(y, []).append(text.strip())

        sheet.extract_text(visitor_text=visit)
        lines += [Line(number, y, " ".join(" ".join(parts).split())) for y, parts in
                  sorted(found.items(), reverse=True)]
    return lines


def joined(lines: list[Line]) -> str:
    """The text without spaces: a link's words are drawn apart from the words around them,
    so where the PDF has a space is not what the page has."""
    return squash(" ".join(line.text for line in lines))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])


def last_line_of(lines: list[Line], prompt: str) -> int:
    """The index of a printed prompt's last line (its note of care, if it has one, counts as part of it)."""
    start = squash(words(prompt, 4))
    first = next(i for i, line in enumerate(lines) if start in squash(line.text))
    seen, last = "", first
    while squash(prompt) not in seen:
        seen += squash(lines[last].text)
        last += 1
    note = squash(CARE_NOTE)
    while last < len(lines) and squash(lines[last].text) in note:
        last += 1
    return last - 1


@pytest.fixture(scope="module")
def model(root):
    return load_site(root)


def authors_text(site_dir, page) -> str:
    """The authors' text of a module as its page shows it (citations and all)."""
    document = lxml.html.fromstring(html_of(site_dir, page.src).read_bytes())
    return " ".join(document.xpath('string(//div[@class="authors-text"])').split())


def test_a_printed_module_puts_the_authors_text_first_and_no_addresses_inline(chromium, server, site_dir,
                                                                              model):
    page = model.module(MODULE)
    lines = printed(chromium, f"{server}article/{MODULE}/")
    text = joined(lines)
    opening = squash(words(authors_text(site_dir, page), 8))
    last_objective = squash(words(page.meta["objectives"][-1], 6))
    order = [last_objective, opening, "Keypoints", "Reflectonthismodule", "Workscitedonthispage"]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)
    assert squash("About this module (for trainers)") not in text
    # Terms and citations are words: their targets are on the site, and the site is given once.
    assert not re.search(r"glossary/|references/|editorial-notes/", text), text
    assert text.count(server) == 1 and f"{server}article/{MODULE}/" in text
    # Citations still read as the authors wrote them.
    assert squash("(Stern 1985, Gilkerson and Pryce 2021)") in text


def test_the_example_course_handout_has_the_text_the_prompts_and_room_to_write(chromium, server, site_dir,
                                                                               model):
    course = model.courses[0]
    lines = printed(chromium, f"{server}courses/{course.id}/handout/")
    text = joined(lines)
    modules = [model.module(m) for session in course.sessions for m in session.modules]
    assert modules, "the example course reads no module"
    for page in modules:
        assert squash(words(authors_text(site_dir, page), 10)) in text, page.module
        assert text.count(f"{server}{page.src.removesuffix('.md')}/") == 1, page.module
    assert not re.search(r"glossary/|references/|editorial-notes/", text)
    prompts = [model.prompts[p] for session in course.sessions for p in session.prompts]
    for prompt in prompts:
        assert squash(prompt.text) in text, prompt.id
        last = last_line_of(lines, prompt.text)
        below = next((line for line in lines[last + 1:] if line.page == lines[last].page), None)
        gap = lines[last].y - below.y if below else None
        assert gap is None or gap >= WRITING_SPACE, f"{prompt.id}: only {gap} pt to write in"
    # A handout has no timings: those are the facilitator's.
    assert "minutes)" not in text and "Agenda" not in text and "Forthefacilitator" not in text


def test_the_example_course_plan_timings_add_up(chromium, server, model):
    course = model.courses[0]
    text = joined(printed(chromium, f"{server}courses/{course.id}/"))
    starts = 0
    for number, session in enumerate(course.sessions, 1):
        # The agenda's row, and the session's own heading, agree with the course file.
        assert squash(f"{clock(starts)} {session.title} {session.minutes}") in text, session.title
        assert squash(f"{number}. {session.title} {clock(starts)} to {clock(starts + session.minutes)} · "
                      f"{session.minutes} minutes") in text, session.title
        for activity in session.activities:
            assert squash(f"{activity.title} ({activity.minutes} minutes)") in text
        assert sum(a.minutes for a in session.activities) <= session.minutes
        starts += session.minutes
    assert squash(f"{clock(starts)} End {starts} in all") in text
    assert squash(f"Total time: {starts} minutes") in text
    # The facilitator's extras: the lens of each role the prompts are for, and care beside prompts.
    for role in ("practitioners", "managers"):
        assert squash(f"What this means for {role}.") in text
    cared = [p for s in course.sessions for p in s.prompts if model.prompts[p].care]
    assert cared and text.count(squash("For the facilitator: this prompt may bring back")) == len(cared)
