"""The source schemas and how their errors reach maintainers, one behaviour per test."""

import json

import pytest
from jsonschema import Draft202012Validator

from macros.core.schemas import (
    COURSE,
    KINDS,
    MODULE,
    PATHWAY,
    REGISTRY,
    SCHEMA_DIR,
    TERM,
    load_schema,
    validate,
)
from macros.core.source import load_yaml


def check(kind, text):
    document, problems = load_yaml(text, "f.yml")
    assert problems == []
    return validate(document.data, kind, document.positions, "f.yml")


def places(problems):
    return [(p.line, p.column, p.code) for p in problems]


@pytest.mark.parametrize("file", sorted(path.name for path in SCHEMA_DIR.glob("*.json")))
def test_every_schema_is_valid_draft_2020_12(file):
    schema = json.loads((SCHEMA_DIR / file).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def markdown_fields(file, schema, path=()):
    """Paths of the fields a schema declares Markdown (list items and map values as '*')."""
    while "$ref" in schema:
        target, _, pointer = schema["$ref"].partition("#")
        file = target or file
        found = load_schema(file)
        for step in filter(None, pointer.split("/")):
            found = found[step]
        schema = {**found, **{k: v for k, v in schema.items() if k != "$ref"}}
    if schema.get("contentMediaType") == "text/markdown":
        yield path
    for key, value in schema.get("properties", {}).items():
        yield from markdown_fields(file, value, (*path, key))
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from markdown_fields(file, schema[key], (*path, "*"))


def test_the_markdown_fields_are_exactly_those_declared():
    """Every other string is plain text, escaped wherever it lands (see the README)."""
    found = {(kind.code, *path) for kind in KINDS
             for path in markdown_fields(kind.file, load_schema(kind.file))}
    assert found == {
        ("pathway", "introduction"), ("pathway", "closing"),
        ("pathway", "sittings", "*", "steps", "*", "focus"),
        ("course", "introduction"), ("course", "closing"),
        ("course", "sessions", "*", "activities", "*", "description"),
    }


def test_a_valid_source_has_no_problems_and_every_part_is_ok():
    verdict, problems = check(COURSE, "title: T\naudience: A\nsessions:\n  - {title: S, minutes: 5}\n")
    assert problems == [] and verdict.ok() and verdict.ok("sessions", 0)


def test_an_unknown_field_is_placed_at_its_key_with_a_suggestion():
    verdict, problems = check(TERM, "term: T\nshort: S\nsource: {list: true}\nshrot: x\n")
    assert places(problems) == [(4, 1, "term-unknown-field")]
    assert problems[0].message == "unknown field 'shrot'" and problems[0].hint == "did you mean 'short'?"
    assert not verdict.ok("shrot") and verdict.ok("term")


def test_a_missing_field_names_it_and_says_what_it_is():
    problems = check(PATHWAY, "title: T\nlayer: l\naudience: A\nsittings:\n  - title: S\n    steps:\n"
                              "      - {module: m, prompts: []}\nclosing: C\n")[1]
    assert places(problems) == [(7, 9, "pathway-missing-field")]
    assert problems[0].message == "sitting 1, step 1: missing 'focus'"
    assert problems[0].hint.startswith("add 'focus:' (What to focus on")


def test_a_field_given_without_the_field_it_needs_is_named_at_its_place():
    """A step's own time needs its reason, and a reason needs the time (dependentRequired)."""
    problems = check(PATHWAY, "title: T\nlayer: l\naudience: A\nclosing: C\nsittings:\n  - title: S\n"
                              "    steps:\n"
                              "      - module: m\n        minutes: 12\n"
                              "        focus: F\n        prompts: []\n"
                              "      - module: m\n        minutes_reason: R\n"
                              "        focus: F\n        prompts: []\n")[1]
    assert places(problems) == [(9, 9, "pathway-missing-field"), (13, 9, "pathway-missing-field")]
    assert [p.message for p in problems] == ["sitting 1, step 1: 'minutes' is given without 'minutes_reason'",
                                             "sitting 1, step 2: 'minutes_reason' is given without 'minutes'"]
    assert problems[0].hint.startswith("add 'minutes_reason:' (Why the step takes other")


def test_a_wrong_type_says_what_was_wanted_and_found():
    problems = check(COURSE, "title: [T]\naudience: A\nsessions:\n  - {title: S, minutes: soon}\n")[1]
    assert [(p.line, p.code, p.message) for p in problems] == [
        (1, "course-field-type", "'title' must be a text, not a list"),
        (4, "course-field-type", "session 1: 'minutes' must be a whole number, not a text"),
    ]


def test_true_is_not_a_number_of_minutes():
    problems = check(COURSE, "title: T\naudience: A\nsessions:\n  - {title: S, minutes: true}\n")[1]
    assert [p.message for p in problems] == ["session 1: 'minutes' must be a whole number, not true or false"]


def test_zero_and_negative_minutes_are_refused():
    problems = check(COURSE, "title: T\naudience: A\nsessions:\n  - title: S\n    minutes: 0\n"
                             "    activities: [{title: A, minutes: -5}]\n")[1]
    assert [(p.code, p.message) for p in problems] == [
        ("course-field-value", "session 1: 'minutes' must be at least 1, not 0"),
        ("course-field-value", "session 1, activity 1: 'minutes' must be at least 1, not -5"),
    ]


def test_a_blank_text_is_empty():
    problems = check(TERM, "term: '  '\nshort: S\nsource: {module: m}\n")[1]
    assert [(p.code, p.message) for p in problems] == [("term-field-type", "'term' must not be empty")]


def test_counts_out_of_bounds_give_the_bounds():
    problems = check(MODULE, "module: m\ntitle: T\nobjectives: [a]\nkey_points: [a, b, c, d, e, f]\n")[1]
    assert [p.message for p in problems] == ["'objectives' has 1 item; it needs 2 to 4",
                                             "'key_points' has 6 items; it needs 3 to 5"]


def test_a_text_too_long_gives_its_length_and_the_limit():
    problems = check(TERM, f"term: T\nshort: {'x' * 201}\nsource: {{module: m}}\n")[1]
    assert [(p.code, p.message) for p in problems] == [("term-too-long",
                                                        "'short' has 201 characters; at most 200")]


def test_prompt_problems_carry_the_prompt_code_and_say_which_prompt():
    problems = check(MODULE, "module: m\ntitle: T\nobjectives: [a, b]\nkey_points: [a, b, c]\n"
                             "prompts:\n  manager:\n    - {id: Bad, text: t, basis: b, txt: x}\n")[1]
    assert sorted((p.code, p.message) for p in problems) == [
        ("prompt-bad-id", "prompt 1 for 'manager': 'id' must be a lower-case id, not 'Bad'"),
        ("prompt-unknown-field", "prompt 1 for 'manager': unknown field 'txt'"),
    ]


def test_a_prompt_may_say_it_needs_care_with_true_or_false_only():
    problems = check(MODULE, "module: m\ntitle: T\nobjectives: [a, b]\nkey_points: [a, b, c]\n"
                             "prompts:\n  manager:\n    - {id: m-1, text: t, basis: b, care: often}\n")[1]
    assert [p.message for p in problems] == [
        "prompt 1 for 'manager': 'care' must be true or false, not a text"]


def test_a_glossary_entry_names_a_module_unless_it_is_a_listed_term():
    assert check(TERM, "term: T\nshort: S\nsource: {list: true}\n")[1] == []
    problems = check(TERM, "term: T\nshort: S\nsource: {list: false}\n")[1]
    assert [(p.code, p.message) for p in problems] == [("term-missing-field", "missing 'source.module'")]


def test_a_key_that_is_not_an_id_is_placed_at_the_key():
    problems = check(REGISTRY, "published:\n  m: article/m.md\n  Old: article/o.md\n")[1]
    assert places(problems) == [(3, 3, "registry-bad-id")]
    assert problems[0].message == "'published' has the key 'Old', which is not a lower-case id"


def test_a_number_as_a_key_is_a_key_not_a_list_position():
    problems = check(PATHWAY, "1: x\n")[1]
    assert "unknown field '1'" in [p.message for p in problems]


def test_the_verdict_marks_what_is_above_and_below_a_problem():
    verdict, _ = check(PATHWAY, "title: T\nlayer: l\naudience: A\nclosing: C\nsittings:\n"
                                "  - title: S\n    steps:\n"
                                "      - {module: m, minutes: 5, minutes_reason: R, focus: F, prompts: []}\n"
                                "      - {module: m, minutes: 0, minutes_reason: R, focus: F, prompts: []}\n")
    steps = ("sittings", 0, "steps")
    assert verdict.ok(*steps, 0) and not verdict.ok(*steps, 1) and not verdict.ok(*steps)
    assert not verdict.ok() and verdict.ok("title")
