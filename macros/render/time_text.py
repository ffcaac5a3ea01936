"""How the site says how long something takes, in one way everywhere.

The figures come from the time model (:mod:`macros.core.timing`); this module
only words them, for the module card, the catalogue, the pathway page and the
pathway bar on module pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..core.timing import MINUTES_PER_PROMPT, Time


def minutes(count: int) -> str:
    """``1 minute``, ``6 minutes``."""
    return f"{count} minute{'s' if count != 1 else ''}"


def span(values: Iterable[int]) -> str:
    """``4`` or ``4 to 6``."""
    found = sorted(set(values))
    if not found:
        return "0"
    return str(found[0]) if len(found) == 1 else f"{found[0]} to {found[-1]}"


def step_time_text(time: Time) -> str:
    """A pathway step: ``About 6 minutes: 2 to read, 4 to reflect``, or the pathway's own figure."""
    if time.override is not None:
        return f"About {minutes(time.minutes)}"
    return f"About {minutes(time.minutes)}: {time.reading} to read, {time.reflection} to reflect"


def module_time_text(reading: int, reflection: Mapping[str, int]) -> str:
    """A module: ``About 2 minutes to read, 4 to 6 to reflect`` (reflection varies by layer)."""
    if not reflection:
        return f"About {minutes(reading)} to read"
    return f"About {minutes(reading)} to read, {span(reflection.values())} to reflect"


def reflection_rule() -> str:
    """The rule behind reflection times, for readers who wonder."""
    return f"{minutes(MINUTES_PER_PROMPT)} for each reflection prompt"
