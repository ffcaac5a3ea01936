"""Course pages: the facilitator plan, the participant handout, and the list of courses.

A course in ``courses/NAME.yml`` gets two pages: ``courses/NAME/``, the
facilitator plan (agenda with clock times, each session's activities, the
modules with the authors' text, the lens of each role the prompts are for,
the prompts with a note of care where they recall harm), and
``courses/NAME/handout/``, the participant handout (each session's modules
with their objectives, key points and the authors' text, and the prompts with
ruled space to write). Both print on A4 (see ``print.css``).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..core.courses import Course, Session
from ..core.site import Site
from .course_builder import BUILDER_PAGE, BuilderModule, builder_address
from .downloads import DOWNLOADS_SLOT
from .handout import layers_of, lenses_html, module_block, prompts_html
from .reflection import COURSE_CARE_NOTE, journal_notice
from .safe import field_html
from .safe import html_text as escape
from .safe import markdown_text as inert

COURSES_FOLDER = "courses"
COURSES_INDEX = f"{COURSES_FOLDER}/index.md"


def course_src(course: Course) -> str:
    """The facilitator plan: the course's own page."""
    return f"{COURSES_FOLDER}/{course.id}.md"


def handout_src(course: Course) -> str:
    return f"{COURSES_FOLDER}/{course.id}/handout.md"


def clock(minutes: int) -> str:
    """Time from the start, as a plan shows it: ``1:05``."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def duration(minutes: int) -> str:
    """``95 minutes (1 h 35 min)``."""
    return f"{minutes} minutes ({minutes // 60} h {minutes % 60:02d} min)"


def _front(title: str, searched: bool = True) -> list[str]:
    """Front matter. A handout repeats its course's page for print: search finds the course page."""
    hidden = [] if searched else ["search:", "  exclude: true"]
    return ["---", f"title: {json.dumps(title)}", *hidden, "---", ""]


def _session_modules(site: Site, session: Session, url_for: Callable[[str], str], base_url: str,
                     plan: bool) -> list[str]:
    """The session's modules (text folded on the plan's screen), then its prompts; a plan adds lenses."""
    parts = [module_block(site.module(m), url_for, base_url, level=3, text_open=not plan)
             for m in session.modules]
    prompts = [site.prompts[p] for p in session.prompts]
    titles = {p.module: site.module(p.module).title for p in prompts}
    if plan and prompts:
        # Each role's lens from the session's first module (else from the first prompt's module).
        layers = layers_of(prompts, site.framework.layers)
        source = site.module(session.modules[0]) if session.modules else site.module(prompts[0].module)
        lenses = lenses_html(source, layers)
        if lenses:
            parts += [f'<div class="handout-lenses"><p class="handout-label">For the roles these prompts are '
                      f"written for ({escape(source.title)}):</p>{lenses}</div>"]
    if prompts:
        parts += ['<p class="handout-label">Prompts to discuss:</p>', prompts_html(prompts, titles, plan)]
    return parts


def _builder_link(site: Site, course: Course, url_for: Callable[[str], str], text: str,
                  classes: str = "") -> str:
    """A link that opens the course in the builder, to change and keep as a new course.

    The course goes after the ``#`` only once the page's script runs (the
    builder needs it anyway): a static address with a fragment would name an
    anchor that no page has.
    """
    picked: dict[str, list[str]] = {}
    for session in course.sessions:
        for module in session.modules:
            picked.setdefault(module, [])
        for prompt in session.prompts:
            picked.setdefault(site.prompts[prompt].module, []).append(prompt)
    minutes = {s.modules[0]: s.minutes for s in course.sessions if len(s.modules) == 1}
    items = [BuilderModule(m, minutes.get(m), tuple(dict.fromkeys(p))) for m, p in picked.items()]
    address = builder_address(f"{course.title} (my copy)", course.audience, "", items)
    kind = f' class="{classes}"' if classes else ""
    return (f'<a{kind} href="{escape(url_for(BUILDER_PAGE))}" data-course-address="{escape(address)}">'
            f"{escape(text)}</a>")


def course_markdown(site: Site, course: Course, url_for: Callable[[str], str],
                    downloads: bool = False, base_url: str = "") -> str:
    """The facilitator plan's Markdown; ``url_for`` maps a docs path to a link from this page.

    ``downloads``: leave the slot that packaging fills with this course's packages.
    ``base_url``: the site's public address, for each module's address in full.
    """
    parts = [
        *_front(course.title),
        f"# {inert(course.title)}", "",
        f'<div class="course course-plan no-glossary" data-course="{escape(course.id)}" markdown>', "",
        '<p class="handout-kind">Facilitator plan</p>', "",
        f"**Who it is for.** {inert(course.audience)}", "",
        f"**Total time:** {duration(course.minutes)} in {len(course.sessions)} sessions.", "",
    ]
    if course.introduction:
        parts += [field_html("course", "introduction", course.introduction), ""]
    parts += ['<p class="no-print course-actions"><button type="button" class="md-button" data-print>'
              "Print the plan</button> "
              f'<a class="md-button" href="{escape(url_for(handout_src(course)))}">Participant handout</a> '
              + _builder_link(site, course, url_for, "Change it in the course builder", "md-button")
              + "</p>", "",
              *([DOWNLOADS_SLOT, ""] if downloads else []),
              "## Agenda { #agenda }", "", "| Starts | Session | Minutes |", "|---|---|---|"]
    start = 0
    for number, session in enumerate(course.sessions, 1):
        parts.append(f"| {clock(start)} | [{inert(session.title)}](#session-{number}) | {session.minutes} |")
        start += session.minutes
    parts += [f"| {clock(start)} | End | **{course.minutes}** in all |", "",
              journal_notice(url_for(site.paths.journal_page)), ""]
    if any(site.prompts[p].care for session in course.sessions for p in session.prompts):
        parts += [f'<p class="care-note">{escape(COURSE_CARE_NOTE)}</p>', ""]
    start = 0
    for number, session in enumerate(course.sessions, 1):
        parts += ['<section class="course-session" markdown>', "",
                  f"## {number}. {inert(session.title)} {{ #session-{number} }}", "",
                  f'<p class="session-timing">{clock(start)} to {clock(start + session.minutes)} · '
                  f"{session.minutes} minutes</p>", ""]
        start += session.minutes
        for activity in session.activities:
            # The title is plain text inside the description's Markdown: inert there.
            lead = f"**{inert(activity.title)}** ({activity.minutes} minutes). "
            parts += ['<div class="course-activity">',
                      field_html("course", "sessions.activities.description", lead + activity.description),
                      "</div>", ""]
        parts += [*_session_modules(site, session, url_for, base_url, plan=True), "", "</section>", ""]
    if course.closing:
        parts += ["## After the course { #after }", "", field_html("course", "closing", course.closing), ""]
    parts += ["</div>", ""]
    return "\n".join(parts)


def handout_markdown(site: Site, course: Course, url_for: Callable[[str], str], base_url: str = "") -> str:
    """The participant handout's Markdown: no timings, the text open, room to write."""
    parts = [
        *_front(f"{course.title}: handout", searched=False),
        f"# {inert(course.title)}", "",
        f'<div class="course course-handout no-glossary" data-course="{escape(course.id)}" markdown>', "",
        '<p class="handout-kind">Participant handout</p>', "",
        f"**Who it is for.** {inert(course.audience)}", "",
    ]
    if course.introduction:
        parts += [field_html("course", "introduction", course.introduction), ""]
    parts += ['<p class="no-print course-actions"><button type="button" class="md-button" data-print>'
              f'Print the handout</button> <a class="md-button" href="{escape(url_for(course_src(course)))}">'
              "Facilitator plan</a></p>", "",
              journal_notice(url_for(site.paths.journal_page)), ""]
    if any(site.prompts[p].care for session in course.sessions for p in session.prompts):
        parts += [f'<p class="care-note">{escape(COURSE_CARE_NOTE)}</p>', ""]
    number = 0
    for session in course.sessions:
        if not (session.modules or session.prompts):
            continue  # a welcome or a break: nothing to read or write
        number += 1
        parts += ['<section class="course-session handout-session" markdown>', "",
                  f"## {number}. {inert(session.title)} {{ #session-{number} }}", "",
                  *_session_modules(site, session, url_for, base_url, plan=False), "", "</section>", ""]
    if course.closing:
        parts += ["## After the course { #after }", "", field_html("course", "closing", course.closing), ""]
    parts += ["</div>", ""]
    return "\n".join(parts)


def courses_list(site: Site, url_for: Callable[[str], str]) -> str:
    """Every course as a short entry: title, who it is for, time, and its plan and handout."""
    if not site.courses:
        return "<p>No courses yet.</p>"
    items = []
    for course in site.courses:
        items.append(
            f'<li class="course-entry"><h2 id="course-{escape(course.id)}">'
            f'<a href="{escape(url_for(course_src(course)))}">{escape(course.title)}</a></h2>'
            f"<p><strong>Who it is for.</strong> {escape(course.audience)}</p>"
            f"<p>{duration(course.minutes)} in {len(course.sessions)} sessions · "
            f'<a href="{escape(url_for(course_src(course)))}">Facilitator plan</a> · '
            f'<a href="{escape(url_for(handout_src(course)))}">Participant handout</a> · '
            + _builder_link(site, course, url_for, "Change it in the course builder") + "</p>"
            "</li>")
    return '<ul class="course-list">' + "".join(items) + "</ul>"
