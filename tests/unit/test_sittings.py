"""A sitting may take about fifteen minutes: up to SITTING_MINUTES + SITTING_TOLERANCE, not a minute more."""

from types import SimpleNamespace

from macros.core.names import Names
from macros.core.pathways import Pathway, Sitting, Step, check_pathways
from macros.core.problems import Position
from macros.core.source import Positions
from macros.core.timing import SITTING_MINUTES, SITTING_TOLERANCE


def pathway_with_a_sitting_of(minutes: int) -> Pathway:
    step = Step("m", "F", (), Position(3, 1), minutes, "A reason.", ("sittings", 0, "steps", 0))
    sitting = Sitting("S", (step,), Position(2, 5))
    return Pathway("p", "pathways/p.yml", "T", "practitioner", "A", "", (sitting,), "C", Positions())


def problems_for(minutes: int) -> list:
    modules = Names({"m": SimpleNamespace(reading_minutes=1)})
    layers = Names({"practitioner": 1})
    return check_pathways((pathway_with_a_sitting_of(minutes),), modules, Names({}), layers)


def test_the_tolerance_is_accepted_and_one_minute_more_is_not():
    assert problems_for(SITTING_MINUTES) == []
    assert problems_for(SITTING_MINUTES + SITTING_TOLERANCE) == []
    [problem] = problems_for(SITTING_MINUTES + SITTING_TOLERANCE + 1)
    assert (problem.path, problem.line, problem.column, problem.code) == (
        "pathways/p.yml", 2, 5, "pathway-long-sitting")
    assert f"about {SITTING_MINUTES + SITTING_TOLERANCE + 1} minutes" in problem.message


def test_the_real_pathways_fit_their_sittings(root):
    from macros.core.site import load_site

    site = load_site(root)
    assert site.pathways and not [p for p in site.problems if p.code == "pathway-long-sitting"]
    for pathway in site.pathways:
        assert len(pathway.sittings) >= 2, pathway.id
