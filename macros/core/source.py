"""Reading source files: encoding, control characters, line endings and YAML.

Every loader reads through here so that a byte-order mark, Windows line
endings, a file saved in the wrong encoding or a YAML mistake are handled the
same way everywhere, and so that positions reported to maintainers are lines
and columns of the file as they see it.

Loading is bounded by the size of the file: YAML anchors and aliases (which
let a few hundred bytes stand for billions of nodes) are refused while the
document is composed, before anything is expanded or constructed, and so is
nesting deeper than any source needs. Duplicate keys, which YAML would
resolve by silently dropping the first value, are refused with both lines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .problems import Position, Problem, line_and_column

#: Deeper than any source needs (the deepest, a module's prompts, is four levels).
MAX_DEPTH = 32

try:  # libyaml's parser, when PyYAML was built with it
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - the pure-Python reader, scanner and parser
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

# Characters a source may not contain: the C0 controls but tab and newline
# (carriage returns are line endings, made newlines on reading), DEL and the
# C1 controls. They are invisible in an editor and corrupt the HTML.
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\x00": "NUL", "\x08": "BACKSPACE", "\x0b": "VERTICAL TAB", "\x0c": "FORM FEED",
                  "\x1b": "ESCAPE", "\x7f": "DELETE"}
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def read_source(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """The file's text (BOM removed, line endings ``\\n``), or ``None`` and why it cannot be read.

    ``path`` is how problems name the file. A file that is not UTF-8, or holds
    a control character, is not read at all: its problem names the line and
    column of the first bad byte or character.
    """
    data = file.read_bytes()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return None, [Problem(path, 1, 1, "source-encoding",
                                  f"the file is saved as {encoding} (it starts with a {encoding} "
                                  "byte-order mark)", "save the file as UTF-8")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_encoding_problem(path, data, error.start)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _FORBIDDEN_RE.search(text):
        return None, [_control_problem(path, text)]
    return text, []


def _encoding_problem(path: str, data: bytes, start: int) -> Problem:
    """The place of the first byte that is not UTF-8, the column counted in characters."""
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    return Problem(path, line, column, "source-encoding",
                   f"the file is not UTF-8: byte 0x{data[start]:02X} cannot be read "
                   "(perhaps it was saved as Latin-1 or Windows-1252)",
                   "save the file as UTF-8")


def _control_problem(path: str, text: str) -> Problem:
    """The place of the first control character, and how many there are."""
    offsets = [match.start() for match in _FORBIDDEN_RE.finditer(text)]
    first = text[offsets[0]]
    line, column = line_and_column(text, offsets[0])
    name = _CONTROL_NAMES.get(first, "a control character")
    others = f"; the file has {len(offsets)} in all" if len(offsets) > 1 else ""
    hint = "remove it: sources hold text, tabs and newlines only"
    if first == "\x00" and len(offsets) > len(text) // 4:
        hint = "the file looks like UTF-16 without a byte-order mark: save it as UTF-8"
    return Problem(path, line, column, "source-control-character",
                   f"the file contains the control character U+{ord(first):04X} ({name}){others}", hint)


@dataclass(frozen=True)
class Positions:
    """Where each key and list item of a YAML document is written, by its path.

    A path is the keys and indexes that lead to a value, such as
    ``("prompts", "manager", 0, "text")``. The one convention for places read
    from YAML: every loader records them here, every problem is placed by them.
    """

    places: Mapping[tuple, Position] = field(default_factory=dict)

    def at(self, *path: Any) -> Position:
        """The place of ``path``, or of its nearest written ancestor, or the file's start."""
        while path:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return Position()


class Positioned:
    """For records read from YAML: where each of their fields is written."""

    positions: Positions

    def at(self, *path: Any) -> Position:
        return self.positions.at(*path)


@dataclass(frozen=True)
class Document(Positioned):
    """A YAML document as read: its data, and where each key and item of it is written."""

    data: Any
    positions: Positions = field(default_factory=Positions, compare=False, repr=False)


@dataclass(frozen=True)
class FrontMatter(Document):
    """A Markdown file split into its YAML front matter (a mapping) and its body."""

    path: str = ""
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    read: bool = True  # False when the front matter could not be read (its data is then empty)


def load_yaml_file(file: Path, path: str, kind: str) -> tuple[Document | None, list[Problem]]:
    """A YAML source file as a :class:`Document`, or ``None`` and why it cannot be read.

    ``path`` is how problems name the file and ``kind`` names the source in
    their codes (``pathway-empty``). What the data must look like is for the
    kind's schema to say (:mod:`.schemas`).
    """
    text, problems = read_source(file, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, 1, 1, f"{kind}-empty", f"the {kind} file is empty")]
    return load_yaml(text, path)


class _Refused(yaml.MarkedYAMLError):
    """YAML this site does not accept, found while composing (before construction)."""

    def __init__(self, code: str, problem: str, mark: yaml.Mark, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.code, self.hint = code, hint


class _BoundedComposer(Composer):
    """PyYAML's composer, refusing anchors, aliases and deep nesting as it meets them.

    An alias is refused before it is looked up, so nothing is ever shared or
    expanded: the node tree has one node per node written, and every later
    step (positions, duplicate keys, construction) is linear in the text.
    Each refusal is recorded and composing goes on, so every alias of a file
    is named in one run.
    """

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[_Refused] = []
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or event.anchor is not None:
            sign = "*" if isinstance(event, AliasEvent) else "&"
            self.refused.append(_Refused(
                "yaml-alias", f"YAML {'alias' if sign == '*' else 'anchor'} '{sign}{event.anchor}' "
                "is not allowed in source files", event.start_mark,
                "write the value out in full where it is needed"))
        if isinstance(event, AliasEvent):
            self.get_event()
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused("yaml-too-deep", f"the YAML is nested more than {MAX_DEPTH} levels deep",
                           event.start_mark, "no source needs this depth; check the brackets and indentation")
        event.anchor = None  # never registered, so no alias can find it
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _ExplainingConstructor(SafeConstructor):
    """SafeConstructor whose value errors (a 30 February) name the node's place."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as error:
            raise _Refused("yaml-value", f"cannot read the value '{node.value}': {error}",
                           node.start_mark, "quote the value to keep it as text") from error


class _SourceLoader(_BoundedComposer, _Parser, _ExplainingConstructor, Resolver):
    """libyaml's parser, with the bounded composer and PyYAML's safe constructor."""

    def __init__(self, text: str) -> None:
        _Parser.__init__(self, text)
        _BoundedComposer.__init__(self)
        _ExplainingConstructor.__init__(self)
        Resolver.__init__(self)


def _yaml_problem(path: str, error: yaml.YAMLError, line_offset: int, last_line: int) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    # An error found at the end of the text (an unclosed bracket) is reported on
    # the last line of the YAML, never on the fence or past the end of the file.
    line = min(mark.line + 1, last_line) + line_offset if mark else 1 + line_offset
    column = (mark.column + 1) if mark else 1
    if isinstance(error, _Refused):
        return Problem(path, line, column, error.code, error.problem, error.hint)
    context, problem = getattr(error, "context", None), getattr(error, "problem", None) or str(error)
    message = f"{context}: {problem}" if context else problem
    hint = "check indentation (spaces, not tabs) and quote values that contain ':'"
    return Problem(path, line, column, "yaml-syntax", f"YAML syntax error: {message}", hint)


def _walk(loader: _SourceLoader, node: Node, line_offset: int, problems: list[Problem], path: str,
          prefix: tuple = ()) -> dict[tuple, Position]:
    """The place of every mapping key and list item below ``node``, by path; duplicate keys.

    Keys are taken as YAML reads them (``1:`` is the number 1), so that a
    path found in the data finds its place here.
    """
    found: dict[tuple, Position] = {}
    if isinstance(node, MappingNode):
        first: dict[Any, yaml.Mark] = {}
        for key_node, value in node.value:
            key = loader.construct_object(key_node) if isinstance(key_node, ScalarNode) else id(key_node)
            if key in first:
                problems.append(_duplicate_key(path, key, first[key], key_node.start_mark, line_offset))
                continue
            first[key] = key_node.start_mark
            key_path = (*prefix, key)
            found[key_path] = _position(key_node.start_mark, line_offset)
            found.update(_walk(loader, value, line_offset, problems, path, key_path))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            item_path = (*prefix, index)
            found[item_path] = _position(item.start_mark, line_offset)
            found.update(_walk(loader, item, line_offset, problems, path, item_path))
    return found


def _position(mark: yaml.Mark, line_offset: int) -> Position:
    return Position(mark.line + 1 + line_offset, mark.column + 1)


def _duplicate_key(path: str, key: Any, first: yaml.Mark, again: yaml.Mark, line_offset: int) -> Problem:
    line, first_line = again.line + 1 + line_offset, first.line + 1 + line_offset
    where = (f"on line {first_line} and again here" if first_line != line
             else f"on this line at columns {first.column + 1} and {again.column + 1}")
    return Problem(path, line, again.column + 1, "yaml-duplicate-key",
                   f"key '{key}' is written twice, {where}; YAML would silently drop the first value",
                   "keep one of them")


def _refusals(path: str, refused: list[_Refused], line_offset: int, last_line: int) -> list[Problem]:
    """The first anchor or alias, and how many the file has: one problem, not hundreds."""
    if not refused:
        return []
    first = _yaml_problem(path, refused[0], line_offset, last_line)
    if len(refused) > 1:
        first = replace(first, message=f"{first.message} (the file has {len(refused)} anchors and aliases)")
    return [first]


def load_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Document | None, list[Problem]]:
    """Parse YAML into a :class:`Document`; ``None`` (nothing constructed) when it has problems.

    ``line_offset`` is the number of lines before ``text`` in its file (front matter).
    """
    last_line = max(1, len(text.splitlines()))
    loader = _SourceLoader(text)
    try:
        node = loader.get_single_node()
        problems = _refusals(path, loader.refused, line_offset, last_line)
        places = _walk(loader, node, line_offset, problems, path) if node is not None else {}
        if problems:
            return None, problems
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        refused = _refusals(path, loader.refused, line_offset, last_line)
        return None, [*refused, _yaml_problem(path, error, line_offset, last_line)]
    finally:
        loader.dispose()
    return Document(data, Positions(places)), []


def split_front_matter(text: str, path: str) -> tuple[FrontMatter, list[Problem]]:
    """Split ``---``-fenced YAML front matter from a Markdown file's body.

    A file without front matter has empty data; front matter that cannot be
    read gives empty data too, with ``read`` false and its problems.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, path=path, body=text), []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        problem = Problem(path, 1, 1, "front-matter-unclosed",
                          "front matter opened with '---' is never closed",
                          "add a line '---' after the last front-matter key")
        return FrontMatter({}, path=path, body=text, read=False), [problem]
    body = "\n".join(lines[index + 1:])
    document, problems = load_yaml("\n".join(lines[1:index]), path, line_offset=1)
    if document is not None and not isinstance(document.data, dict | None):
        problems = [Problem(path, 2, 1, "front-matter-type",
                            "front matter must be a mapping of keys to values",
                            "write 'key: value' lines between the '---' fences")]
    if problems:
        return FrontMatter({}, path=path, body=body, body_line=index + 2, read=False), problems
    return FrontMatter(document.data or {}, document.positions, path, body, index + 2), []
