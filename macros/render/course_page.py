"""Course pages: agenda, sessions with activities, modules and prompts; a handout.

The page prints as the handout: the print stylesheet drops the site's
navigation, leaves space under each prompt and spells out link targets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape

from ..core.courses import Course
from ..core.site import Site
from .reflection import COURSE_CARE_NOTE, journal_notice, prompt_html
from .text import paragraphs

COURSES_FOLDER = "courses"


def course_src(course: Course) -> str:
    return f"{COURSES_FOLDER}/{course.id}.md"



def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def course_markdown(site: Site, course: Course, url_for: Callable[[str], str]) -> str:
    """The page's Markdown source; ``url_for`` maps a docs path to a link from this page."""
    parts = [
        "---", f"title: {json.dumps(course.title)}", "---", "",
        f"# {escape(course.title, quote=False)}", "",
        f'<div class="course no-glossary" data-course="{escape(course.id)}" markdown>', "",
        f"**Who it is for.** {escape(course.audience, quote=False)}", "",
        f"**Total time:** {course.minutes} minutes ({course.minutes // 60} h {course.minutes % 60:02d} min) "
        f"in {len(course.sessions)} sessions.", "",
    ]
    if course.introduction:
        parts += [paragraphs(course.introduction), ""]
    parts += ['<p class="no-print"><button type="button" class="md-button" data-print>'
              "Print the handout</button></p>", "",
              "## Agenda { #agenda }", "", "| Time | Session | Minutes |", "|---|---|---|"]
    start = 0
    for number, session in enumerate(course.sessions, 1):
        parts.append(f"| {_clock(start)} | [{escape(session.title, quote=False)}](#session-{number}) "
                     f"| {session.minutes} |")
        start += session.minutes
    parts += ["", journal_notice(url_for(site.paths.journal_page)), ""]
    if any(site.prompts[p].care for session in course.sessions for p in session.prompts):
        parts += [f'<p class="care-note">{escape(COURSE_CARE_NOTE)}</p>', ""]
    for number, session in enumerate(course.sessions, 1):
        parts += ['<section class="course-session" markdown>', "",
                  f"## {number}. {escape(session.title, quote=False)} {{ #session-{number} }}", "",
                  f"*{session.minutes} minutes*", ""]
        for activity in session.activities:
            parts += [f"**{escape(activity.title, quote=False)}** ({activity.minutes} minutes). "
                      f"{escape(activity.description, quote=False)}", ""]
        if session.modules:
            links = ", ".join(f'<a href="{escape(url_for(site.module(m).src))}">'
                              f"{escape(site.module(m).title)}</a>" for m in session.modules)
            parts += [f'<p class="course-modules"><strong>Read:</strong> {links}</p>', ""]
        if session.prompts:
            prompts = [site.prompts[p] for p in session.prompts]
            parts += ['<ol class="prompts">',
                      *(prompt_html(p, module_title=site.module(p.module).title) for p in prompts),
                      "</ol>", ""]
        parts += ["</section>", ""]
    if course.closing:
        parts += ["## After the course { #after }", "", paragraphs(course.closing), ""]
    parts += ["</div>", ""]
    return "\n".join(parts)


def courses_table(site: Site, url_for: Callable[[str], str]) -> str:
    rows = ["| Course | For | Time |", "|---|---|---|"]
    for course in site.courses:
        rows.append(f'| <a href="{escape(url_for(course_src(course)))}">{escape(course.title)}</a> '
                    f"| {escape(course.audience)} | {course.minutes} minutes |")
    return "\n".join(rows) if site.courses else "No courses yet."
