"""The one time model: reading from words, reflection from prompts, a step's time and its override."""

from types import SimpleNamespace

from macros.core.timing import (
    MINUTES_PER_PROMPT,
    WORDS_PER_MINUTE,
    Time,
    module_reflection,
    reading_minutes,
    step_time,
)
from macros.render.time_text import module_time_text, step_time_text


def test_reading_rounds_up_and_never_says_zero():
    assert reading_minutes(0) == 1
    assert reading_minutes(WORDS_PER_MINUTE) == 1
    assert reading_minutes(WORDS_PER_MINUTE + 1) == 2
    assert reading_minutes(5 * WORDS_PER_MINUTE) == 5


def test_reflection_is_counted_per_prompt_for_each_layer():
    assert module_reflection({"practitioner": 3, "manager": 2}) == {
        "practitioner": 3 * MINUTES_PER_PROMPT, "manager": 2 * MINUTES_PER_PROMPT}


def test_a_step_adds_its_modules_reading_and_its_own_prompts():
    module = SimpleNamespace(reading_minutes=3)
    step = SimpleNamespace(prompts=("a", "b"), minutes=None, minutes_reason="")
    time = step_time(module, step)
    reflection = 2 * MINUTES_PER_PROMPT
    assert (time.reading, time.reflection, time.minutes) == (3, reflection, 3 + reflection)


def test_a_pathways_own_figure_wins_and_keeps_its_reason():
    module = SimpleNamespace(reading_minutes=3)
    step = SimpleNamespace(prompts=("a",), minutes=20, minutes_reason="A group discussion.")
    time = step_time(module, step)
    assert time.minutes == 20 and time.reason == "A group discussion."


def test_times_are_worded_one_way():
    assert step_time_text(Time(2, 4)) == "About 6 minutes: 2 to read, 4 to reflect"
    assert step_time_text(Time(2, 4, override=12, reason="r")) == "About 12 minutes"
    assert step_time_text(Time(1, 0)) == "About 1 minute: 1 to read, 0 to reflect"
    assert module_time_text(2, {"a": 4, "b": 6, "c": 4}) == "About 2 minutes to read, 4 to 6 to reflect"
    assert module_time_text(1, {"a": 4}) == "About 1 minute to read, 4 to reflect"
