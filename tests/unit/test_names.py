"""Names defined by sources, and which references to them are surely wrong."""

from macros.core.names import Names


def test_a_name_no_source_defines_is_unknown_and_gets_a_suggestion():
    modules = Names({"attunement": 1, "analysis": 2})
    assert modules.is_unknown("atunement") and not modules.is_unknown("analysis")
    assert modules.suggest("atunement", "use a module id") == "did you mean 'attunement'?"
    assert modules.suggest("zzz", "use a module id") == "use a module id"


def test_a_name_defined_in_a_source_that_could_not_be_read_is_not_reported():
    terms = Names({"attunement": 1}, unread=frozenset({"analysis"}))
    assert not terms.is_unknown("analysis") and terms.is_unknown("resonance")
    assert "analysis" not in terms  # not defined: nothing may be built on it


def test_nothing_is_unknown_while_a_source_that_might_define_anything_is_unread():
    layers = Names({}, complete=False)
    assert not layers.is_unknown("practitioner") and not layers.is_unknown("anything")
