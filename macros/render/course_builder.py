"""The course builder: a trainer puts a course together in the browser, with nothing sent anywhere.

Two pages, both static and made from the content model at build time:

- ``trainers/course-builder/``: the form (``<form id="course-builder">``)
  with every module's card and its prompts to choose from, and the course
  being made (order, minutes per session, title, audience, notes).
- ``trainers/course-builder/handout/``: every module's part of a handout or
  plan (see ``handout.py``), hidden; the script shows the picked ones, in
  order, as a participant handout or a facilitator plan.

The whole course lives in the page address's fragment (after ``#``), which
browsers never send to a server, so ``a#course-link`` can be copied,
bookmarked and shared, and opening it restores the course. The format, read
and written by ``course-builder.js`` and written here for courses from YAML::

    #title=T&audience=A&notes=N&m=MODULE.MINUTES.PROMPT.PROMPT&m=...&view=plan

One ``m`` per module, in the course's order; ``MINUTES`` may be empty (the
module's time plus time for its prompts); ids never hold a dot.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from ..core.site import Site
from .catalogue import catalogue_html, module_minutes
from .handout import lenses_html, module_block, prompts_html
from .reflection import COURSE_CARE_NOTE, journal_notice
from .safe import html_text as escape

BUILDER_PAGE = "trainers/course-builder.md"
#: Where the builder's form goes: filled once every page is rendered (its cards list each module's terms).
BUILDER_SLOT = '<div class="course-builder-slot"></div>'
BUILDER_HANDOUT = "trainers/course-builder/handout.md"
SCHEMA_FILE = "schemas/course.schema.json"  # named in the downloaded file, for editors
#: Minutes the builder adds to a session for each prompt chosen (discussion in the room).
PROMPT_MINUTES = 10
#: What a session made in the builder holds: reading, then discussion (the downloaded file's activities).
READ_ACTIVITY = ("Read together", "Read the module aloud or in silence.")
DISCUSS_ACTIVITY = ("Reflect and discuss", "Discuss the prompts in pairs or as a group.")
#: Used in a downloaded course file when the trainer leaves a field empty (the schema requires them).
DEFAULT_TITLE = "My course"
DEFAULT_AUDIENCE = "People who work with young people."


@dataclass(frozen=True)
class BuilderModule:
    id: str
    minutes: int | None  # None: the builder's default for the module
    prompts: tuple[str, ...]


def builder_address(title: str, audience: str, notes: str, modules: Sequence[BuilderModule]) -> str:
    """The fragment (with its ``#``) that opens the builder with this course."""
    pairs = [(k, v) for k, v in (("title", title), ("audience", audience), ("notes", notes)) if v]
    pairs += [("m", ".".join([m.id, str(m.minutes or ""), *m.prompts])) for m in modules]
    return "#" + urlencode(pairs)


def _settings(site: Site) -> str:
    """What the script needs that is not in the cards: as data attributes, never as script."""
    settings = {
        "prompt-minutes": PROMPT_MINUTES,
        "read": json.dumps(READ_ACTIVITY), "discuss": json.dumps(DISCUSS_ACTIVITY),
        "default-title": DEFAULT_TITLE, "default-audience": DEFAULT_AUDIENCE,
        "schema": SCHEMA_FILE,
    }
    return " ".join(f'data-{name}="{escape(value)}"' for name, value in settings.items())


def builder_html(site: Site, records: Sequence[Mapping[str, Any]], url_for: Callable[[str], str]) -> Markup:
    """The builder's form: the course being made, then every module's card to pick from."""
    handout = escape(url_for(BUILDER_HANDOUT))
    course = (
        '<section class="builder-course" aria-labelledby="builder-course-title">'
        '<h2 id="builder-course-title">Your course</h2>'
        '<div class="builder-fields">'
        '<p><label for="builder-title">Title</label>'
        f'<input type="text" id="builder-title" name="title" placeholder="{escape(DEFAULT_TITLE)}" '
        'autocomplete="off"></p>'
        '<p><label for="builder-audience">Who it is for</label>'
        f'<input type="text" id="builder-audience" name="audience" placeholder="{escape(DEFAULT_AUDIENCE)}" '
        'autocomplete="off"></p>'
        '<p><label for="builder-notes">Notes for the group (shown at the start of the handout)</label>'
        '<textarea id="builder-notes" name="notes" rows="3"></textarea></p></div>'
        '<p class="builder-empty">No modules yet. Tick the modules you want in the list below; '
        "each becomes a session, which you can then move, time and give prompts.</p>"
        '<ol class="builder-sessions" aria-label="Sessions, in order"></ol>'
        '<p class="builder-total" role="status"></p>'
        '<div class="builder-actions">'
        '<p><a id="course-link" href="#">Link to this course</a>: copy it, bookmark it or send it to a '
        "colleague; opening it brings back everything on this page. The course is kept in the link "
        "only: nothing is sent or stored anywhere.</p>"
        f'<p><a class="md-button" id="course-plan" href="{handout}">Facilitator plan</a> '
        f'<a class="md-button" id="course-handout" href="{handout}">Participant handout</a> '
        '<button type="button" class="md-button" id="course-download">Download the course file</button></p>'
        '<p class="builder-download-note" role="status"></p></div></section>')
    modules = ('<section class="builder-modules" aria-labelledby="builder-modules-title">'
               '<h2 id="builder-modules-title">Modules</h2>'
               + str(catalogue_html(site, records, url_for, pick=True)) + "</section>")
    return Markup(f'<form id="course-builder" class="course-builder" {_settings(site)}>'
                  '<p class="builder-needs-script">The course builder needs JavaScript, which is off or '
                  "blocked in this browser. You can still write a course as a file: see "
                  f'<a href="{escape(url_for("trainers/build-a-course.md"))}">Build a course</a>.</p>'
                  f"{course}{modules}</form>")


def builder_handout_markdown(site: Site, url_for: Callable[[str], str], base_url: str = "") -> str:
    """Every module's session block, hidden until the script shows the course in the address."""
    layers = site.framework.layers if site.framework else ()
    parts = ["---", 'title: "Course handout"', "search:", "  exclude: true", "hide:", "  - toc", "---", "",
             "# Course handout", "",
             f'<div class="course course-built no-glossary" data-course-built {_settings(site)}>', "",
             '<p class="handout-kind" data-kind-plan="Facilitator plan" '
             'data-kind-handout="Participant handout">'
             "Participant handout</p>",
             '<p class="builder-needs-script">This page shows a course made in the course builder, and needs '
             f'JavaScript. <a href="{escape(url_for(BUILDER_PAGE))}">Open the course builder</a>.</p>',
             '<p class="course-who" hidden><strong>Who it is for.</strong> '
             '<span class="course-audience"></span></p>',
             '<p class="course-notes" hidden></p>',
             '<p class="course-total plan-only" hidden></p>',
             '<p class="no-print course-actions" hidden><button type="button" class="md-button" data-print>'
             'Print</button> <a class="md-button" id="course-back" href="'
             f'{escape(url_for(BUILDER_PAGE))}">Back to the course builder</a> '
             '<a class="md-button" id="course-other-view" href="#">Facilitator plan</a></p>',
             f'<p class="care-note course-care" hidden>{escape(COURSE_CARE_NOTE)}</p>',
             '<div class="course-agenda plan-only" hidden><h2 id="agenda">Agenda</h2><table><thead><tr>'
             '<th scope="col">Starts</th><th scope="col">Session</th><th scope="col">Minutes</th>'
             "</tr></thead>"
             "<tbody></tbody></table></div>",
             journal_notice(url_for(site.paths.journal_page)), ""]
    for page in site.modules:
        prompts = page.reflection.prompts if page.reflection else ()
        titles = {p.module: page.title for p in prompts}
        parts += [
            f'<section class="course-session handout-session" data-session="{escape(page.module)}" '
            f'data-minutes="{module_minutes(page)}" data-title="{escape(page.title)}" hidden>',
            f'<h2 class="session-title" id="session-{escape(page.module)}">{escape(page.title)}</h2>',
            '<p class="session-timing plan-only"></p><ul class="session-activities plan-only"></ul>',
            module_block(page, url_for, base_url, level=3, text_open=True),
            '<div class="handout-lenses plan-only"><p class="handout-label">For the roles the prompts are '
            f"written for:</p>{lenses_html(page, layers)}</div>",
            '<p class="handout-label session-prompts-label">Prompts to discuss:</p>',
            prompts_html(prompts, titles, facilitator=True),
            "</section>", ""]
    parts += ["</div>", ""]
    return "\n".join(parts)

