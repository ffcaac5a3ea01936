"""Reading source files: encoding, line endings and YAML front matter.

Every loader reads through here so that a byte-order mark, Windows line
endings or a YAML mistake are handled the same way everywhere, and so that
positions reported to maintainers are lines of the file as they see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

# libyaml's parser when PyYAML was built with it; the document is composed once
# and constructed from the same node tree, which also gives each key's line.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path) -> str:
    """The file's text with any BOM removed and line endings made ``\\n``."""
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file split into its YAML front matter and its body.

    ``positions`` maps each key (and nested path) to the line it is written on, so
    that a problem with a value can point at that line.
    """

    path: str
    data: dict[str, Any]
    body: str
    body_line: int  # line number of the body's first line in the file
    problems: tuple[Problem, ...] = field(default=())
    positions: dict[tuple, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key_lines(self) -> dict[str, int]:
        """The line of each top-level key."""
        return {str(path[0]): line for path, line in self.positions.items() if len(path) == 1}

    def line_of(self, key: str | tuple) -> int:
        """The line of a key or nested path (see :func:`line_at`)."""
        return line_at(self.positions, key if isinstance(key, tuple) else (key,))


def line_at(positions: dict[tuple, int], path: tuple) -> int:
    """The line of a nested path, such as ``("prompts", "manager", 0, "text")``.

    The nearest known ancestor's line is used when the exact path has none,
    and the first line when nothing is known.
    """
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return 1


class Positioned:
    """For records read from YAML: ``line_of(*path)`` from their ``positions``."""

    positions: dict[tuple, int]

    def line_of(self, *where: Any) -> int:
        return line_at(self.positions, tuple(where))


def load_yaml_mapping(file: Path, display_root: Path, kind: str
                      ) -> tuple[str, dict | None, dict[tuple, int], list[Problem]]:
    """A YAML file that must hold a mapping: its display path, data, positions and problems."""
    path = file.relative_to(display_root).as_posix()
    text = read_text(file)
    if not text.strip():
        return path, None, {}, [Problem(path, 1, 1, f"{kind}-empty", f"{kind} file is empty")]
    data, positions, problems = load_yaml_positions(text, path)
    if problems:
        return path, None, {}, problems
    if not isinstance(data, dict):
        return path, None, {}, [Problem(path, 1, 1, f"{kind}-field-type",
                                        f"a {kind} file must be a mapping of fields")]
    return path, data, positions, []


def _yaml_problem(path: str, error: yaml.YAMLError, line_offset: int, last_line: int) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    # An error found at the end of the text (an unclosed bracket) is reported on
    # the last line of the YAML, never on the fence or past the end of the file.
    line = min(mark.line + 1, last_line) + line_offset if mark else 1 + line_offset
    column = (mark.column + 1) if mark else 1
    problem = getattr(error, "problem", None) or str(error)
    hint = "check indentation (spaces, not tabs) and quote values that contain ':'"
    return Problem(path, line, column, "yaml-syntax", f"YAML syntax error: {problem}", hint)


def _positions(node: yaml.Node, line_offset: int, prefix: tuple = ()) -> dict[tuple, int]:
    """The line of every mapping key and list item below ``node``, by path."""
    found: dict[tuple, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            path = (*prefix, key_node.value)
            found[path] = key_node.start_mark.line + 1 + line_offset
            found.update(_positions(value, line_offset, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = (*prefix, index)
            found[path] = item.start_mark.line + 1 + line_offset
            found.update(_positions(item, line_offset, path))
    return found


def load_yaml_positions(text: str, path: str, line_offset: int = 0
                        ) -> tuple[Any, dict[tuple, int], list[Problem]]:
    """Parse YAML, returning the data, the line of every key and item, and problems."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        return None, {}, [_yaml_problem(path, error, line_offset, max(1, len(text.splitlines())))]
    finally:
        loader.dispose()
    return data, (_positions(node, line_offset) if node is not None else {}), []


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split ``---``-fenced YAML front matter from a Markdown file's body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter(path, {}, text, 1)
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        problem = Problem(path, 1, 1, "front-matter-unclosed",
                          "front matter opened with '---' is never closed",
                          "add a line '---' after the last front-matter key")
        return FrontMatter(path, {}, text, 1, (problem,))
    yaml_text = "\n".join(lines[1:index])
    data, positions, problems = load_yaml_positions(yaml_text, path, line_offset=1)
    if data is None and not problems:
        data = {}
    if not problems and not isinstance(data, dict):
        problems = [Problem(path, 2, 1, "front-matter-type",
                            "front matter must be a mapping of keys to values",
                            "write 'key: value' lines between the '---' fences")]
        data = {}
    body = "\n".join(lines[index + 1:])
    return FrontMatter(path, data or {}, body, index + 2, tuple(problems), positions)
