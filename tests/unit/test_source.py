"""Reading sources: encodings, control characters and bounded YAML, one behaviour per test."""

from pathlib import Path

import pytest

from macros.core import source
from macros.core.source import MAX_DEPTH, Position, load_yaml, read_source


def alias_bomb(levels: int) -> str:
    """A "billion laughs": each level names the one below nine times, 9**levels leaves in all."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def read(tmp_path: Path, data: bytes):
    file = tmp_path / "f.md"
    file.write_bytes(data)
    return read_source(file, "f.md")


# --- bounded YAML -----------------------------------------------------------

def test_an_alias_bomb_is_refused_at_its_first_anchor():
    document, problems = load_yaml(alias_bomb(8), "f.yml")
    assert document is None
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 5, "yaml-alias")]
    assert "(the file has 81 anchors and aliases)" in problems[0].message


def test_nothing_is_constructed_from_a_document_with_aliases(monkeypatch):
    def construct(*args):
        raise AssertionError("a refused document was constructed")

    monkeypatch.setattr(source._SourceLoader, "construct_document", construct)
    assert load_yaml(alias_bomb(8), "f.yml")[1][0].code == "yaml-alias"


def test_composing_visits_each_written_node_once(monkeypatch):
    """Work grows with the text, not with what the aliases would expand to (9**levels)."""
    visits = []
    compose = source._BoundedComposer.compose_node

    def counting(self, parent, index):
        visits.append(1)
        return compose(self, parent, index)

    monkeypatch.setattr(source._BoundedComposer, "compose_node", counting)
    for levels in (4, 8):
        visits.clear()
        load_yaml(alias_bomb(levels), "f.yml")
        # one mapping, then per line a key, a list and nine items
        assert len(visits) == 1 + (levels + 1) * 11


def test_an_alias_is_refused_even_without_its_anchor():
    problems = load_yaml("title: *missing\n", "f.yml")[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 8, "yaml-alias")]


def test_nesting_deeper_than_any_source_needs_is_refused():
    text = "x: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    problems = load_yaml(text, "f.yml")[1]
    assert [p.code for p in problems] == ["yaml-too-deep"]


def test_nesting_a_source_needs_is_read():
    document, problems = load_yaml("a:\n  b:\n    - {c: [d]}\n", "f.yml")
    assert problems == [] and document.data == {"a": {"b": [{"c": ["d"]}]}}


def test_a_duplicate_key_names_both_lines():
    problems = load_yaml("title: A\nlayer: x\ntitle: B\n", "f.yml")[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "yaml-duplicate-key")]
    assert "on line 1 and again here" in problems[0].message


def test_a_duplicate_key_in_a_nested_flow_mapping_names_both_columns():
    problems = load_yaml("a:\n  b: {c: 1, c: 2}\n", "f.yml", line_offset=1)[1]
    assert [(p.line, p.column) for p in problems] == [(3, 13)]
    assert "columns 7 and 13" in problems[0].message


def test_an_impossible_date_names_its_place():
    problems = load_yaml("title: x\ndate: 2024-02-30\n", "f.yml")[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 7, "yaml-value")]
    assert "quote the value" in problems[0].hint


def test_positions_of_keys_and_items():
    document, problems = load_yaml("a: 1\nb:\n  - x\n  - {c: y}\n", "f.yml", line_offset=1)
    assert problems == [] and document.data == {"a": 1, "b": ["x", {"c": "y"}]}
    assert document.positions.places == {("a",): Position(2, 1), ("b",): Position(3, 1),
                                         ("b", 0): Position(4, 5), ("b", 1): Position(5, 5),
                                         ("b", 1, "c"): Position(5, 6)}


def test_a_path_without_a_place_takes_its_nearest_ancestors():
    positions = load_yaml("a:\n  b: 1\n", "f.yml")[0].positions
    assert positions.at("a", "b", "c") == Position(2, 3)
    assert positions.at("z") == Position(1, 1)


def test_keys_are_placed_as_yaml_reads_them():
    positions = load_yaml("1: x\nnull: y\n", "f.yml")[0].positions
    assert positions.at(1) == Position(1, 1) and positions.at(None) == Position(2, 1)


# --- encodings and control characters -----------------------------------------

def test_utf8_with_a_bom_and_windows_line_endings_is_read(tmp_path):
    assert read(tmp_path, "\ufeffa\r\nb\rc\n".encode()) == ("a\nb\nc\n", [])


def test_a_latin1_byte_is_placed_by_line_and_character_column(tmp_path):
    text, problems = read(tmp_path, "line one\nnaïve caf".encode() + b"\xe9\n")
    assert text is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 10, "source-encoding")]
    assert "0xE9" in problems[0].message and problems[0].hint == "save the file as UTF-8"


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_file_with_a_utf16_or_utf32_bom_is_named_as_such(tmp_path, encoding, name):
    text, problems = read(tmp_path, "title: x\n".encode(encoding))
    assert text is None and [p.code for p in problems] == ["source-encoding"]
    assert f"saved as {name}" in problems[0].message


def test_utf16_without_a_bom_is_recognised_by_its_nuls(tmp_path):
    problems = read(tmp_path, "title: x\n".encode("utf-16-le"))[1]
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 2, "source-control-character")]
    assert "UTF-16" in problems[0].hint


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_refused_at_their_place(tmp_path, char):
    text, problems = read(tmp_path, f"ok\nab{char}c\n".encode())
    assert text is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 3, "source-control-character")]
    assert f"U+{ord(char):04X}" in problems[0].message


def test_tabs_and_newlines_are_text(tmp_path):
    assert read(tmp_path, b"a\tb\n")[1] == []


def test_several_control_characters_are_counted_in_one_problem(tmp_path):
    problems = read(tmp_path, b"a\x00b\x00c\x01")[1]
    assert len(problems) == 1 and "3 in all" in problems[0].message
