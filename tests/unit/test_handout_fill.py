"""Filling the authors' text into handouts: one scan of each page, whatever the number of modules."""

from __future__ import annotations

from macros.render.handout import TEXT_SLOT, fill_authors_text


def module_html(words: str) -> str:
    return f'<h1 id="t">Title</h1><div class="authors-text"><p>{words}</p></div>'


CONTENTS = {"article/a.md": module_html("First module."), "article/b&c.md": module_html("Second module.")}


def slot(src: str) -> str:
    return TEXT_SLOT.format(src=src)


def test_each_slot_gets_its_own_modules_text_wherever_it_stands():
    page = f"<main>{slot('article/b&amp;c.md')}<hr>{slot('article/a.md')}<hr>{slot('article/a.md')}</main>"
    filled = fill_authors_text(page, "courses/x/handout.md", CONTENTS)
    assert "handout-text-slot" not in filled
    assert filled.count("First module.") == 2
    assert filled.index("Second module.") < filled.index("First module.")
    assert filled.count('<div class="handout-text__body">') == 3


def test_a_page_without_slots_comes_back_as_it_was():
    page = "<main><p>handout-text-slot is only text here</p></main>"
    assert fill_authors_text(page, "page.md", CONTENTS) is page


def test_a_slot_for_no_rendered_module_or_written_otherwise_is_left_alone():
    unknown = slot("article/missing.md")
    unescaped = slot("article/b&c.md")  # a slot is written with its source path escaped
    page = f"<main>{unknown}{unescaped}</main>"
    assert fill_authors_text(page, "page.md", CONTENTS) == page
