"""The example course prints as a handout: agenda and prompts, without the site's menus."""

import io

import yaml
from pypdf import PdfReader

from macros.core.site import load_site


def test_course_handout_prints_with_agenda_and_prompts(chromium, server, root):
    model = load_site(root)
    course = model.courses[0]
    source = yaml.safe_load((root / course.path).read_text(encoding="utf-8"))
    page = chromium.new_page()
    page.goto(f"{server}courses/{course.id}/")
    pdf = page.pdf(format="A4", print_background=False)
    page.close()
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Agenda" in text
    for session in source["sessions"]:
        assert session["title"] in text, session["title"]
    for prompt_id in [p for s in source["sessions"] for p in s.get("prompts", [])]:
        words = model.prompts[prompt_id].text.split()[:6]
        assert " ".join(words) in text, prompt_id
    # The site's navigation and buttons are not printed; link targets are spelled out.
    assert "Print the handout" not in text and "Table of contents" not in text
    assert "http://127.0.0.1" in text
