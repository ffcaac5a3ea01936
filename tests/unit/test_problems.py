"""Problems, their report and the suggestions they make, one behaviour per test."""

from macros.core.problems import Position, Problem, did_you_mean, edits, report


def test_a_swapped_pair_of_characters_is_one_edit():
    assert edits("trevithick2021", "trevithick2012") == 1
    assert edits("shrot", "short") == 1


def test_additions_removals_and_changes_are_one_edit_each():
    assert edits("atunement", "attunement") == 1
    assert edits("rosa2019", "rosa2018") == 1
    assert edits("abc", "") == 3 and edits("", "") == 0


def test_each_part_of_the_text_is_edited_once():
    """Optimal string alignment: 'ca' -> 'abc' is three edits, not two."""
    assert edits("ca", "abc") == 3


def test_a_swapped_year_suggests_the_right_key():
    assert did_you_mean("trevithick2021", ["trevithick2012", "rosa2019"]) == "did you mean 'trevithick2012'?"


def test_every_equally_close_candidate_is_listed_in_their_order():
    assert did_you_mean("firmin2022", ["firmin2022a", "firmin2022b", "firmin2020"]) == (
        "did you mean 'firmin2022a', 'firmin2022b' or 'firmin2020'?")
    assert did_you_mean("m-manager-3", ["m-manager-1", "m-manager-2"]) == (
        "did you mean 'm-manager-1' or 'm-manager-2'?")


def test_only_the_closest_are_listed():
    assert did_you_mean("practioner", ["practitioner", "practitioners", "manager"]) == (
        "did you mean 'practitioner'?")


def test_nothing_far_off_is_suggested():
    assert did_you_mean("resonance", ["attunement", "analysis"]) == ""
    assert did_you_mean("x", []) == ""


def test_case_is_ignored_and_a_short_name_may_be_one_edit_off():
    assert did_you_mean("Manager", ["manager", "leader"]) == "did you mean 'manager'?"
    assert did_you_mean("mm", ["m"]) == "did you mean 'm'?"


def test_a_name_that_is_not_text_is_compared_as_text():
    assert did_you_mean(1, ["1a", "title"]) == "did you mean '1a'?"


def test_a_problem_is_placed_at_a_position():
    problem = Problem.at("a.yml", Position(3, 5), "pathway-unknown-layer", "unknown layer 'x'", "use y")
    assert problem.format() == "a.yml:3:5: unknown layer 'x'; use y [pathway-unknown-layer]"


def test_files_that_could_not_be_read_lead_the_report():
    later = Problem("a.md", 1, 1, "cite-unknown-key", "unknown citation key 'x'")
    cause = Problem("z.yml", 9, 1, "yaml-syntax", "YAML syntax error")
    lines = report([later, cause]).splitlines()
    assert lines == [cause.format(), later.format(), "2 problems found in the sources."]
