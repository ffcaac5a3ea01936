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
from .pathways import check_fields
from .problems import Problem
from .source import Positioned, load_yaml_mapping

COURSE_FIELDS: dict[str, tuple[type, bool]] = {
    "title": (str, True), "audience": (str, True), "introduction": (str, False),
    "sessions": (list, True), "closing": (str, False),
}
SESSION_FIELDS: dict[str, tuple[type, bool]] = {
    "title": (str, True), "minutes": (int, True), "modules": (list, False),
    "prompts": (list, False), "activities": (list, False),
}
ACTIVITY_FIELDS: dict[str, tuple[type, bool]] = {
    "title": (str, True), "minutes": (int, True), "description": (str, False),
}


@dataclass(frozen=True)
class Activity:
    title: str
    minutes: int
    description: str


@dataclass(frozen=True)
class Session:
    title: str
    minutes: int
    modules: tuple[str, ...]
    prompts: tuple[str, ...]
    activities: tuple[Activity, ...]
    line: int


@dataclass(frozen=True)
class Course(Positioned):
    id: str
    path: str
    title: str
    audience: str
    introduction: str
    sessions: tuple[Session, ...]
    closing: str
    positions: dict[tuple, int]

    @property
    def minutes(self) -> int:
        return sum(session.minutes for session in self.sessions)



def load_course(file: Path, display_root: Path) -> tuple[Course | None, list[Problem]]:
    path, data, positions, problems = load_yaml_mapping(file, display_root, "course")
    if data is None:
        return None, problems
    problems = check_fields(path, data, COURSE_FIELDS, positions, code="course")
    sessions = []
    for index, item in enumerate(data.get("sessions") or []):
        where = ("sessions", index)
        if not isinstance(item, dict):
            problems.append(Problem(path, positions.get(where, 1), 1, "course-field-type",
                                    f"session {index + 1} must have a title and minutes"))
            continue
        session_problems = check_fields(path, item, SESSION_FIELDS, positions, where, code="course")
        activities = []
        for number, activity in enumerate(item.get("activities") or []):
            at = (*where, "activities", number)
            if not isinstance(activity, dict):
                session_problems.append(Problem(path, positions.get(at, 1), 1, "course-field-type",
                                                "an activity must have a title and minutes"))
                continue
            activity_problems = check_fields(path, activity, ACTIVITY_FIELDS, positions, at, code="course")
            session_problems.extend(activity_problems)
            if not activity_problems:
                activities.append(Activity(activity["title"].strip(), activity["minutes"],
                                           (activity.get("description") or "").strip()))
        problems.extend(session_problems)
        if not session_problems:
            planned = sum(a.minutes for a in activities)
            if planned > item["minutes"]:
                problems.append(Problem(
                    path, positions.get((*where, "minutes"), 1), 1, "course-timing",
                    f"session {index + 1} lasts {item['minutes']} minutes but its activities "
                    f"take {planned}", "lengthen the session or shorten its activities"))
            sessions.append(Session(item["title"].strip(), item["minutes"],
                                    tuple(str(m) for m in item.get("modules") or ()),
                                    tuple(str(p) for p in item.get("prompts") or ()),
                                    tuple(activities), positions.get(where, 1)))
    if problems:
        return None, problems
    return Course(file.stem, path, data["title"].strip(), data["audience"].strip(),
                  (data.get("introduction") or "").strip(), tuple(sessions),
                  (data.get("closing") or "").strip(), positions), []


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
    named = (("modules", modules, "module", "use a module id from the catalogue"),
             ("prompts", prompts, "prompt", "use a prompt id from a module card"))
    problems = []
    for course in courses:
        for index, session in enumerate(course.sessions):
            for field, known, kind, hint in named:
                for number, name in enumerate(getattr(session, field)):
                    if known.is_unknown(name):
                        problems.append(Problem(
                            course.path, course.line_of("sessions", index, field, number), 1,
                            f"course-unknown-{kind}", f"session {index + 1}: no {kind} '{name}'",
                            known.suggest(name, hint)))
    return problems
