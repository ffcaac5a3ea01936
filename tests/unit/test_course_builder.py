"""The builder's address format, as the page script reads it (see course-builder.js)."""

from urllib.parse import parse_qsl

from macros.render.course_builder import BuilderModule, builder_address


def test_the_address_keeps_the_course_after_the_hash_in_order():
    address = builder_address("Day one: a & b", "Managers", "", [
        BuilderModule("analysis", 30, ("analysis-manager-1", "analysis-leader-2")),
        BuilderModule("attunement", None, ()),
    ])
    assert address.startswith("#")
    pairs = parse_qsl(address[1:], keep_blank_values=True)
    assert pairs == [("title", "Day one: a & b"), ("audience", "Managers"),
                     ("m", "analysis.30.analysis-manager-1.analysis-leader-2"), ("m", "attunement.")]


def test_empty_fields_are_left_out():
    assert builder_address("", "", "", []) == "#"
