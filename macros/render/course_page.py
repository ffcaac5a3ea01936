"""Course pages: agenda, sessions with activities, modules and prompts; a handout.

The page prints as the handout: the print stylesheet drops the site's
navigation, leaves space under each prompt and spells out link targets.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..core.courses import Course
from ..core.site import Site
from .downloads import DOWNLOADS_SLOT
from .reflection import COURSE_CARE_NOTE, journal_notice, prompt_html
from .safe import field_html
from .safe import html_text as escape
from .safe import markdown_text as inert

COURSES_FOLDER = "courses"


def course_src(course: Course) -> str:
    return f"{COURSES_FOLDER}/{course.id}.md"



def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def course_markdown(site: Site, course: Course, url_for: Callable[[str], str],
                    downloads: bool = False) -> str:
    """The page's Markdown source; ``url_for`` maps a docs path to a link from this page.

    ``downloads``: leave the slot that packaging fills with this course's packages.
    """
    parts = [
        "---", f"title: {json.dumps(course.title)}", "---", "",
        f"# {inert(course.title)}", "",
        f'<div class="course no-glossary" data-course="{escape(course.id)}" markdown>', "",
        f"**Who it is for.** {inert(course.audience)}", "",
        f"**Total time:** {course.minutes} minutes ({course.minutes // 60} h {course.minutes % 60:02d} min) "
        f"in {len(course.sessions)} sessions.", "",
    ]
    if course.introduction:
        parts += [field_html("course", "introduction", course.introduction), ""]
    parts += ['<p class="no-print"><button type="button" class="md-button" data-print>'
              "Print the handout</button></p>", "",
              *([DOWNLOADS_SLOT, ""] if downloads else []),
              "## Agenda { #agenda }", "", "| Time | Session | Minutes |", "|---|---|---|"]
    start = 0
    for number, session in enumerate(course.sessions, 1):
        parts.append(f"| {_clock(start)} | [{inert(session.title)}](#session-{number}) "
                     f"| {session.minutes} |")
        start += session.minutes
    parts += ["", journal_notice(url_for(site.paths.journal_page)), ""]
    if any(site.prompts[p].care for session in course.sessions for p in session.prompts):
        parts += [f'<p class="care-note">{escape(COURSE_CARE_NOTE)}</p>', ""]
    for number, session in enumerate(course.sessions, 1):
        parts += ['<section class="course-session" markdown>', "",
                  f"## {number}. {inert(session.title)} {{ #session-{number} }}", "",
                  f"*{session.minutes} minutes*", ""]
        for activity in session.activities:
            # The title is plain text inside the description's Markdown: inert there.
            lead = f"**{inert(activity.title)}** ({activity.minutes} minutes). "
            parts += ['<div class="course-activity">',
                      field_html("course", "sessions.activities.description", lead + activity.description),
                      "</div>", ""]
        if session.modules:
            links = ", ".join(f'<a href="{escape(url_for(site.module(m).src))}">'
                              f"{inert(site.module(m).title)}</a>" for m in session.modules)
            parts += [f'<p class="course-modules"><strong>Read:</strong> {links}</p>', ""]
        if session.prompts:
            prompts = [site.prompts[p] for p in session.prompts]
            parts += ['<ol class="prompts">',
                      *(prompt_html(p, module_title=site.module(p.module).title) for p in prompts),
                      "</ol>", ""]
        parts += ["</section>", ""]
    if course.closing:
        parts += ["## After the course { #after }", "", field_html("course", "closing", course.closing), ""]
    parts += ["</div>", ""]
    return "\n".join(parts)


def courses_table(site: Site, url_for: Callable[[str], str]) -> str:
    rows = ["| Course | For | Time |", "|---|---|---|"]
    for course in site.courses:
        rows.append(f'| <a href="{escape(url_for(course_src(course)))}">{inert(course.title)}</a> '
                    f"| {inert(course.audience)} | {course.minutes} minutes |")
    return "\n".join(rows) if site.courses else "No courses yet."
