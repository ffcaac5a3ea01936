"""Courses: a trainer's own route through the modules, one YAML file each.

A course is the same kind of file as a pathway, organised in timed sessions
for a workshop: each session has activities, and may set modules to read and
prompts to discuss (of any layer). A trainer writes one file in ``courses/``
and gets a course page and a printable handout; every mistake is reported
with its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .names import Names
from .problems import Problem
from .schemas import COURSE, validate
from .source import Position, Positioned, Positions, load_yaml_file


@dataclass(frozen=True)
class Activity:
    title: str
    minutes: int
    description: str  # Markdown


@dataclass(frozen=True)
class Session:
    title: str
    minutes: int
    modules: tuple[str, ...]
    prompts: tuple[str, ...]
    activities: tuple[Activity, ...]
    place: Position


@dataclass(frozen=True)
class Course(Positioned):
    id: str
    path: str
    title: str
    audience: str
    introduction: str  # Markdown
    sessions: tuple[Session, ...]
    closing: str  # Markdown
    positions: Positions
    edition: str = ""  # the edition's version the course was written against, if it says

    @property
    def minutes(self) -> int:
        return sum(session.minutes for session in self.sessions)



def load_course(file: Path, display_root: Path) -> tuple[Course | None, list[Problem]]:
    """One course, checked against ``schemas/course.schema.json``; ``None`` if it is not valid."""
    path = file.relative_to(display_root).as_posix()
    document, problems = load_yaml_file(file, path, "course")
    if document is None:
        return None, problems
    verdict, problems = validate(document.data, COURSE, document.positions, path)
    if not verdict.ok():
        return None, problems
    data, positions = document.data, document.positions
    sessions = []
    for index, item in enumerate(data["sessions"]):
        activities = tuple(Activity(a["title"].strip(), a["minutes"], (a.get("description") or "").strip())
                           for a in item.get("activities") or ())
        planned = sum(activity.minutes for activity in activities)
        if planned > item["minutes"]:
            place = positions.at("sessions", index, "minutes")
            problems.append(Problem.at(
                path, place, "course-timing",
                f"session {index + 1} lasts {item['minutes']} minutes but its activities "
                f"take {planned}", "lengthen the session or shorten its activities"))
        sessions.append(Session(item["title"].strip(), item["minutes"], tuple(item.get("modules") or ()),
                                tuple(item.get("prompts") or ()), activities,
                                positions.at("sessions", index)))
    if problems:
        return None, problems
    return Course(file.stem, path, data["title"].strip(), data["audience"].strip(),
                  (data.get("introduction") or "").strip(), tuple(sessions),
                  (data.get("closing") or "").strip(), positions, str(data.get("edition", "")).strip()), []


def load_courses(folder: Path, display_root: Path) -> tuple[tuple[Course, ...], list[Problem]]:
    courses, problems = [], []
    for file in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        course, file_problems = load_course(file, display_root)
        problems.extend(file_problems)
        if course:
            courses.append(course)
    return tuple(courses), problems


def check_courses(courses: tuple[Course, ...], modules: Names, prompts: Names) -> list[Problem]:
    """Every module and prompt a course names must exist."""
    named = (("modules", modules, "module", "course-unknown-module", "use a module id from the catalogue"),
             ("prompts", prompts, "prompt", "course-unknown-prompt", "use a prompt id from a module card"))
    problems = []
    for course in courses:
        for index, session in enumerate(course.sessions):
            for field, known, kind, code, hint in named:
                for number, name in enumerate(getattr(session, field)):
                    if known.is_unknown(name):
                        problems.append(Problem.at(
                            course.path, course.at("sessions", index, field, number), code,
                            f"session {index + 1}: no {kind} '{name}'", known.suggest(name, hint)))
    return problems
