"""One time model: how long a module, a pathway step and a sitting take.

Every time the site shows (the module card, the catalogue, the pathway page,
the pathway bar on module pages) and ``modules.json`` come from here, so they
cannot disagree.

- **Reading minutes** come from a module's own words: about
  :data:`WORDS_PER_MINUTE` a minute, rounded up, at least one minute.
- **Reflection minutes** come from its prompts: :data:`MINUTES_PER_PROMPT` for
  each prompt the reader is asked to think about (time to read the question,
  think and note a few lines). A module has prompts for every layer, so its
  reflection time is given for each layer; a pathway step counts the prompts
  it names.
- A **pathway step** takes its module's reading minutes plus its prompts'
  reflection minutes, unless the pathway gives ``minutes`` for the step, which
  it may do only with a ``minutes_reason`` (the schema requires both).
- A **sitting** (a named group of steps in a pathway) should take at most
  :data:`SITTING_MINUTES`, the time a reader might have on a bus or between
  visits. Estimates are rough, so a sitting may run to
  :data:`SITTING_MINUTES` + :data:`SITTING_TOLERANCE` before ``make check``
  reports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

WORDS_PER_MINUTE = 200
MINUTES_PER_PROMPT = 2
SITTING_MINUTES = 15
SITTING_TOLERANCE = 3  # minutes over SITTING_MINUTES that make check still accepts


def reading_minutes(words: int) -> int:
    """At about :data:`WORDS_PER_MINUTE` words a minute, rounded up; at least one minute."""
    return max(1, -(-words // WORDS_PER_MINUTE))


def reflection_minutes(prompts: int) -> int:
    """:data:`MINUTES_PER_PROMPT` for each prompt."""
    return MINUTES_PER_PROMPT * prompts


@dataclass(frozen=True)
class Time:
    """Minutes to read and to reflect, or a pathway's own figure for a step (with its reason)."""

    reading: int
    reflection: int
    override: int | None = None
    reason: str = ""

    @property
    def minutes(self) -> int:
        return self.override if self.override is not None else self.reading + self.reflection


class _Module(Protocol):
    """What the model needs of a module page (:class:`macros.core.pages.Page`)."""

    @property
    def reading_minutes(self) -> int: ...


class _Step(Protocol):
    """What the model needs of a pathway step (:class:`macros.core.pathways.Step`)."""

    prompts: tuple[str, ...]
    minutes: int | None
    minutes_reason: str


def module_reflection(prompts_by_layer: dict[str, int]) -> dict[str, int]:
    """A module's reflection minutes for each layer, from how many prompts it has for each."""
    return {layer: reflection_minutes(count) for layer, count in prompts_by_layer.items()}


def step_time(module: _Module, step: _Step) -> Time:
    """A pathway step: the module's reading, the step's prompts; or the pathway's own figure."""
    return Time(module.reading_minutes, reflection_minutes(len(step.prompts)), step.minutes,
                step.minutes_reason)


def total_minutes(times: Iterable[Time]) -> int:
    return sum(time.minutes for time in times)
