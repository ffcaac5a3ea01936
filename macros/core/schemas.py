"""The field rules of each source kind, declared once as JSON Schemas in ``schemas/``.

A schema says which fields a module page, glossary entry, pathway, course,
framework or module id registry may have, of what type and how many, and
which text fields are Markdown (``"contentMediaType": "text/markdown"``;
every other string is plain text). Editors validate against the same files
as people type (see the README); :func:`validate` checks a source with the
``jsonschema`` library and turns each error into a :class:`Problem` at the
``path:line:column`` the loader recorded, in the words a maintainer needs:
an unknown field with "did you mean", a missing field, a wrong type, a count
out of bounds. Checks that need the rest of the site stay in Python.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .problems import Problem, did_you_mean
from .source import Positions

if TYPE_CHECKING:  # imported where a source is validated: a build from the cache never needs it
    from jsonschema import Draft202012Validator, ValidationError

#: The schemas, published with the sources for editors and pre-commit.
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
COMMON = "common.schema.json"


@dataclass(frozen=True)
class Kind:
    """A kind of source: its schema file and the prefix of its problem codes."""

    code: str
    file: str
    #: Top-level fields whose problems carry another prefix (a module's prompts: ``prompt-``).
    parts: Mapping[str, str] = field(default_factory=dict)
    noun: str = "file"  # what the root is called in messages

    def code_at(self, path: tuple) -> str:
        return self.parts.get(path[0], self.code) if path else self.code


MODULE = Kind("module", "module.schema.json", {"prompts": "prompt", "lens": "prompt"}, "front matter")
TERM = Kind("term", "glossary-entry.schema.json", noun="front matter")
PATHWAY = Kind("pathway", "pathway.schema.json")
COURSE = Kind("course", "course.schema.json")
FRAMEWORK = Kind("framework", "framework.schema.json")
REGISTRY = Kind("registry", "module-ids.schema.json")
KINDS = (MODULE, TERM, PATHWAY, COURSE, FRAMEWORK, REGISTRY)


@cache
def load_schema(file: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / file).read_text(encoding="utf-8"))


#: The one pattern of a stable id (module, prompt, layer, glossary entry), from the schemas.
ID_RE = re.compile(load_schema(COMMON)["$defs"]["id"]["pattern"])
_NOT_BLANK = load_schema(COMMON)["$defs"]["text"]["pattern"]  # a text with something in it


@cache
def _validator(file: str) -> Draft202012Validator:
    """A validator for the schema with its references written in: resolving them
    for every value was most of the time ``make check`` took."""
    from jsonschema import Draft202012Validator  # here, not above: a tenth of a warm build's start-up

    return Draft202012Validator(_inlined(file, load_schema(file)))


def _inlined(file: str, schema: Any) -> Any:
    """``schema`` with every ``$ref`` replaced by what it points at (the schemas have no cycles).

    A ``$ref`` beside other keywords applies both, as JSON Schema says: merged
    when they do not overlap, under ``allOf`` when they do.
    """
    if isinstance(schema, list):
        return [_inlined(file, item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" not in schema:
        return {key: {name: _inlined(file, sub) for name, sub in value.items()} if key in _SCHEMA_MAPS
                else value if key in _DATA else _inlined(file, value)
                for key, value in schema.items()}
    target_file, target = _target(file, schema["$ref"])
    target = _inlined(target_file, target)
    siblings = _inlined(file, {key: value for key, value in schema.items() if key != "$ref"})
    if (set(siblings) & set(target)) - _ANNOTATIONS:
        return {"allOf": [target, siblings]}
    return {**target, **siblings}


_SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "dependentSchemas"}  # name -> schema
_DATA = {"const", "enum", "default", "examples", "required"}  # values, not schemas
_ANNOTATIONS = {"description", "title", "$comment"}


def _target(file: str, ref: str) -> tuple[str, Any]:
    """The file a ``$ref`` points into, and what it points at there."""
    target, _, pointer = ref.partition("#")
    file = target or file
    found: Any = load_schema(file)
    for step in filter(None, pointer.split("/")):
        found = found[step]
    return file, found


@dataclass(frozen=True)
class Verdict:
    """Which parts of a source broke its schema, so that loaders build records from the rest."""

    invalid: frozenset[tuple] = frozenset()

    def ok(self, *path: Any) -> bool:
        """Whether nothing at, above or below ``path`` broke the schema."""
        return not any(bad[:len(path)] == path or path[:len(bad)] == bad for bad in self.invalid)


def validate(data: Any, kind: Kind, positions: Positions, path: str) -> tuple[Verdict, list[Problem]]:
    """Check ``data`` against the kind's schema: which parts are invalid, and a problem for each error."""
    invalid: set[tuple] = set()
    problems: dict[Problem, None] = {}  # in the schema's order, each once
    for error in _validator(kind.file).iter_errors(data):
        for where, problem in _explain(error, _path_in(data, error.absolute_path), kind, positions, path):
            invalid.add(where)
            problems[problem] = None
    return Verdict(frozenset(invalid)), list(problems)


# --- from a jsonschema error to a maintainer's problem ---------------------------

_WANTED = {"string": "a text", "integer": "a whole number", "number": "a number", "array": "a list",
           "object": "a mapping of fields", "boolean": "true or false", "null": "empty"}
_GOT = {str: "a text", int: "a whole number", float: "a number", list: "a list", dict: "a mapping",
        bool: "true or false", type(None): "empty"}


def _path_in(data: Any, path: Any) -> tuple:
    """An error's path, with each position in a list marked as an :class:`Index`."""
    found = []
    for part in path:
        found.append(Index(part) if isinstance(data, list) else part)
        data = data[part]
    return tuple(found)


def _explain(error: ValidationError, where: tuple, kind: Kind, positions: Positions, path: str
             ) -> Iterator[tuple[tuple, Problem]]:
    """The invalid paths of one error, each with its problem (unknown fields one by one)."""
    keyword, value, instance = error.validator, error.validator_value, error.instance
    in_key = "propertyNames" in error.absolute_schema_path  # the error is about a key, not a value
    suffix = _suffix("propertyNames" if in_key else keyword, value) or "field-value"

    def problem(at: tuple, message: str, hint: str = "") -> tuple[tuple, Problem]:
        return at, Problem.at(path, positions.at(*at), f"{kind.code_at(at)}-{suffix}", message, hint)

    said, hint = _said(where, kind), _description(kind, where)
    if in_key:
        yield problem((*where, instance), f"{said} has the key '{instance}', which is not a lower-case id",
                      _ID_HINT)
    elif keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for key in (key for key in instance if key not in allowed):
            yield problem((*where, key), _said((*where, key), kind, "unknown field"),
                          did_you_mean(str(key), allowed) or "allowed: " + ", ".join(allowed))
    elif keyword == "dependentRequired":  # a field that is given only with another
        for key in (key for key in value if key in instance):
            for missing in (needed for needed in value[key] if needed not in instance):
                described = _description(kind, (*where, missing))
                yield problem((*where, key), f"{_said((*where, key), kind)} is given without '{missing}'",
                              f"add '{missing}:'" + (f" ({described})" if described else ""))
    elif keyword == "required":
        for key in (key for key in value if key not in instance):
            described = _description(kind, (*where, key))
            yield problem((*where, key), _said((*where, key), kind, "missing"),
                          f"add '{key}:'" + (f" ({described})" if described else ""))
    elif keyword == "type":
        wanted = " or ".join(_WANTED[name] for name in _as_list(value))
        yield problem(where, f"{said} must be {wanted}, not {_GOT.get(type(instance), 'something else')}",
                      hint)
    elif suffix == "bad-id":
        yield problem(where, f"{said} must be a lower-case id, not '{instance}'", _ID_HINT)
    elif suffix == "field-type":  # a text that is empty or only spaces
        yield problem(where, f"{said} must not be empty", hint)
    elif keyword == "pattern":
        yield problem(where, f"{said} is not in the form it must have: '{instance}'", hint)
    elif suffix == "field-count":
        low, high = error.schema.get("minItems", 0), error.schema.get("maxItems")
        needs = f"{low} to {high}" if high is not None else f"at least {low}"
        yield problem(where, f"{said} has {len(instance)} item{'s' * (len(instance) != 1)}; it needs {needs}",
                      hint)
    elif suffix == "too-long":
        yield problem(where, f"{said} has {len(instance)} characters; at most {value}", hint)
    elif keyword in _BOUNDS:
        yield problem(where, f"{said} must be {_BOUNDS[keyword](value)}, not {instance!r}", hint)
    else:  # a keyword the schemas may use one day: jsonschema's own words, still placed
        yield problem(where, f"{said}: {error.message}", hint)


#: The code suffix of each schema keyword that can fail (``pattern`` depends on the pattern).
_SUFFIXES = {
    "propertyNames": "bad-id", "required": "missing-field", "dependentRequired": "missing-field",
    "type": "field-type",
    "minLength": "field-type", "minItems": "field-count", "maxItems": "field-count",
    "maxLength": "too-long", "minimum": "field-value", "exclusiveMinimum": "field-value",
    "maximum": "field-value", "exclusiveMaximum": "field-value", "const": "field-value",
    "enum": "field-value",
}
_BOUNDS = {
    "minimum": lambda value: f"at least {value}", "exclusiveMinimum": lambda value: f"more than {value}",
    "maximum": lambda value: f"at most {value}", "exclusiveMaximum": lambda value: f"less than {value}",
    "const": repr, "enum": lambda value: "one of " + ", ".join(map(repr, value)),
}


def _suffix(keyword: str, value: Any) -> str | None:
    """The code suffix a failing keyword gives; ``None`` for keywords that never fail on their own."""
    if keyword == "pattern":
        return "bad-id" if value == ID_RE.pattern else "field-type" if value == _NOT_BLANK else "field-value"
    if keyword == "additionalProperties":
        return "unknown-field" if value is False else None
    return _SUFFIXES.get(keyword)


def schema_codes() -> frozenset[str]:
    """Every code :func:`validate` can give, read from the schemas' keywords (for the code table)."""
    codes: set[str] = set()

    def scan(schema: Any, kind: Kind, where: tuple) -> None:
        if not isinstance(schema, dict):
            return
        for keyword, value in schema.items():
            if suffix := _suffix(keyword, value):
                codes.add(f"{kind.code_at(where)}-{suffix}")
        for key, value in schema.get("properties", {}).items():
            scan(value, kind, (*where, key))
        for key in ("items", "additionalProperties", "then", "else"):
            scan(schema.get(key), kind, (*where, key) if key in ("items", "additionalProperties") else where)
        for part in schema.get("allOf", ()):
            scan(part, kind, where)

    for kind in KINDS:
        scan(_inlined(kind.file, load_schema(kind.file)), kind, ())
    return frozenset(codes)


_ID_HINT = "use lower-case letters, digits and single hyphens, like 'relational-practice'"


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _said(where: tuple, kind: Kind, before: str = "") -> str:
    """How a message names the value at ``where``, with which item of which list it is in.

    ``("title",)`` -> ``'title'``; ``("steps", 1, "minutes")`` -> ``step 2: 'minutes'``;
    ``("objectives", 0)`` -> ``objective 1``; ``("source", "lists")`` -> ``'source.lists'``;
    ``before`` goes before the name: ``step 2: missing 'focus'``. List indexes are
    :class:`Index` (from the error's path); any other part is a key, whatever its type.
    """
    if not where:
        return f"{before} the {kind.noun}".strip()
    last = max((index for index, part in enumerate(where) if isinstance(part, Index)), default=-1)
    items = _items(where[:last + 1])
    name = ".".join(str(part) for part in where[last + 1:])
    named = f"{before} '{name}'".strip() if name else before
    return f"{items}: {named}" if items and named else items or named


class Index(int):
    """A position in a list, as opposed to a mapping key that happens to be a number."""


def _items(where: tuple) -> str:
    """Which item of which list: ``step 2``, ``session 1, activity 2``, ``prompt 1 for 'manager'``."""
    parts = []
    for index, part in enumerate(where):
        if not isinstance(part, Index):
            continue
        key = where[index - 1] if index else ""
        if isinstance(key, str) and key.endswith("s"):
            parts.append(f"{_singular(key)} {part + 1}")
        elif index > 1 and isinstance(where[index - 2], str):  # prompts: {manager: [...]}
            parts.append(f"{_singular(where[index - 2])} {part + 1} for '{key}'")
        else:
            parts.append(f"item {part + 1}" + (f" of '{key}'" if key != "" else ""))
    return ", ".join(parts)


def _singular(plural: str) -> str:
    """``steps`` -> ``step``, ``activities`` -> ``activity``, ``key_points`` -> ``key point``."""
    word = plural[:-3] + "y" if plural.endswith("ies") else plural.removesuffix("s")
    return word.replace("_", " ")


def _description(kind: Kind, where: tuple) -> str:
    """The schema's description of the value at ``where``: what an editor shows on hover."""
    schema = _schema_at(kind.file, tuple(_ITEM if isinstance(part, Index) else part for part in where))
    return (schema or {}).get("description", "")


_ITEM = object()  # any item of a list, in a path to a subschema


@cache
def _schema_at(file: str, where: tuple) -> dict | None:
    """The subschema that describes the value at ``where`` (list items as ``_ITEM``), refs followed."""
    file, schema = _resolved(file, load_schema(file))
    for part in where:
        if part is _ITEM:
            found = schema.get("items")
        else:
            extra = schema.get("additionalProperties")
            found = schema.get("properties", {}).get(part, extra)
        if not isinstance(found, dict):
            return None
        file, schema = _resolved(file, found)
    return schema


def _resolved(file: str, schema: dict) -> tuple[str, dict]:
    """A subschema with its ``$ref`` followed, and the file its own refs are relative to.

    The referring schema's keywords (a description, bounds) win over the target's.
    """
    while "$ref" in schema:
        file, found = _target(file, schema["$ref"])
        schema = {**found, **{key: value for key, value in schema.items() if key != "$ref"}}
    return file, schema
